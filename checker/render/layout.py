"""Terminal layout: wrapping by display width (CJK characters take two cells), never inside an ASCII word, with
the Chinese line-breaking rules (no line starts with 、，。）” … and none ends with （“ …), and a hanging indent."""

from __future__ import annotations

import functools
import os
import re
import shutil
import unicodedata
from bisect import bisect_right

# Display width without rich (a console report to a pipe, the help and the tables never import it): East Asian
# Wide/Fullwidth characters take two cells; controls, combining and format characters, line/paragraph separators
# and Hangul medial/final jamo none; everything else one. The exceptions below make it agree with rich's own table
# (Unicode 17) on every character Python's unicodedata knows (tests/test_startup.py compares them all).
_EXCEPTIONS = ((0x00AD, 0x00AD, 1), (0x0600, 0x0605, 1), (0x06DD, 0x06DD, 1), (0x070F, 0x070F, 1),
               (0x0890, 0x0891, 1), (0x08E2, 0x08E2, 1), (0x2630, 0x2637, 2), (0x268A, 0x268F, 2),
               (0x3164, 0x3164, 0), (0x4DC0, 0x4DFF, 2), (0xFFA0, 0xFFA0, 0), (0x110BD, 0x110BD, 1),
               (0x110CD, 0x110CD, 1), (0x1D300, 0x1D356, 2), (0x1D360, 0x1D376, 2), (0x1F3FB, 0x1F3FF, 0))
_EXC_STARTS = [a for a, _, _ in _EXCEPTIONS]
_ZERO_CATEGORIES = frozenset(("Mn", "Me", "Mc", "Cf", "Zl", "Zp"))


@functools.lru_cache(maxsize=8192)
def char_width(ch: str) -> int:
    """Terminal cells of one character: 0, 1 or 2."""
    o = ord(ch)
    if o < 0x7F:
        return 1 if o >= 32 else 0
    i = bisect_right(_EXC_STARTS, o) - 1
    if i >= 0 and o <= _EXCEPTIONS[i][1]:
        return _EXCEPTIONS[i][2]
    if o < 0xA0:
        return 0
    if unicodedata.category(ch) in _ZERO_CATEGORIES or 0x1160 <= o <= 0x11FF or 0xD7B0 <= o <= 0xD7FF:
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def cell_len(text: str) -> int:
    """Display width of ``text`` in terminal cells (CJK characters take two; after a zero-width joiner the next
    character is part of the same glyph, as rich counts it)."""
    if text.isascii() and text.isprintable():
        return len(text)
    if "\u200d" not in text:
        return sum(map(char_width, text))
    total, skip = 0, False
    for ch in text:
        if skip:
            skip = False
        elif ch == "\u200d":
            skip = True
        else:
            total += char_width(ch)
    return total


# a run of printable ASCII without spaces is one word; anything else is one character at a time
_TOKEN = re.compile(r"[!-~]+| +|.", re.DOTALL)
NO_START = set("、，。．；：！？）》」』】〕〉”’…·,.;:!?)]}%")
NO_END = set("（《「『【〔〈“‘([{")


def colour_default(tty: bool) -> bool:
    """Colours when neither ``--color`` nor ``--no-color`` is given: ``NO_COLOR`` (any non-empty value, no-color.org)
    turns them off, ``FORCE_COLOR`` on, ``TERM=dumb`` off; otherwise on a terminal only."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return tty and os.environ.get("TERM") != "dumb"


def terminal_width(tty: bool, default: int = 80, cap: int = 120) -> int:
    """The width to lay out for: ``COLUMNS`` when set (also when the output is not a terminal), else the terminal's
    width on a terminal, else ``default``."""
    env = os.environ.get("COLUMNS", "").strip()
    if env.isdigit() and int(env) >= 20:
        return min(int(env), 400)
    if tty:
        return min(shutil.get_terminal_size((default, 24)).columns, cap)
    return default


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def wrap(text: str, width: int, indent: int = 0, first: int | None = None) -> list[str]:
    """Lines of ``text`` no wider than ``width`` cells. The first line has ``first`` cells already taken (default
    ``indent``); the following lines are meant to be printed after ``indent`` spaces, which this counts but does
    not add. An ASCII word longer than a whole line is the only thing ever cut."""
    out: list[str] = []
    for para in text.split("\n"):
        out.extend(_wrap_one(para, width, indent, indent if first is None or out else first))
    return out


def _wrap_one(text: str, width: int, indent: int, first: int) -> list[str]:
    lines: list[list[str]] = [[]]
    used = first
    room = max(4, width - indent)

    def newline(carry: list[str]) -> None:
        nonlocal used
        while lines[-1] and lines[-1][-1].isspace():
            lines[-1].pop()
        lines.append(carry)
        used = indent + sum(cell_len(t) for t in carry)

    for tok in _tokens(text):
        w = cell_len(tok)
        if tok.isspace():
            if lines[-1] and used + w < width:
                lines[-1].append(tok)
                used += w
            elif lines[-1]:
                newline([])
            continue
        if used + w <= width:
            lines[-1].append(tok)
            used += w
            continue
        if w > room:  # a word longer than a line: cut it (the only break inside a word)
            while tok:
                fit = _fit(tok, width - used)
                if not fit:
                    newline([])
                    fit = _fit(tok, width - used) or tok[0]
                lines[-1].append(fit)
                used += cell_len(fit)
                tok = tok[len(fit):]
                if tok:
                    newline([])
            continue
        carry: list[str] = []
        cur = lines[-1]
        if (tok[0] in NO_START or tok[0] in "([") and len(cur) > 1 and not cur[-1].isspace():
            # keep a closing mark with the character before it, and 一(404) together
            carry.insert(0, cur.pop())
        while len(cur) > 1 and cur[-1] and cur[-1][-1] in NO_END:  # an opening mark goes down with what follows
            carry.insert(0, cur.pop())
        newline(carry)
        lines[-1].append(tok)
        used += w
    return ["".join(x) for x in lines]


def _fit(s: str, cells: int) -> str:
    out, used = [], 0
    for ch in s:
        w = cell_len(ch)
        if used + w > cells:
            break
        out.append(ch)
        used += w
    return "".join(out)


def table(headers: list[str], rows: list[list[str]], width: int, gap: int = 2) -> list[str]:
    """A plain table whose last column wraps (by display width, hanging under itself) so the whole fits ``width``
    cells; the other columns are as wide as their widest cell."""
    n = len(headers)
    widths = [max(cell_len(str(r[i])) for r in [headers] + rows) for i in range(n - 1)]
    lead = sum(widths) + gap * (n - 1)
    out = []
    for r in [headers] + rows:
        head = "".join(str(c) + " " * (w - cell_len(str(c)) + gap) for c, w in zip(r, widths))
        lines = wrap(str(r[-1]), width, lead, first=lead) or [""]
        out.append((head + lines[0]).rstrip())
        out.extend(" " * lead + ln for ln in lines[1:])
    return out


def wrap_items(items: list[str], width: int, sep: str = "  ", indent: int = 0) -> list[str]:
    """Items (each kept whole) laid out on lines of at most ``width`` cells, ``sep`` between them."""
    lines: list[str] = []
    cur = ""
    for it in items:
        cand = it if not cur else cur + sep + it
        if cur and indent + cell_len(cand) > width:
            lines.append(cur)
            cur = it
        else:
            cur = cand
    if cur:
        lines.append(cur)
    return lines
