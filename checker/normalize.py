"""A normalised view of the document text for matching, with a map back to the original offsets.

Rules match on :class:`View.text` and report :meth:`View.span` offsets, which point into ``Document.text``.
The view applies, in order: removal of given ranges (the contamination pass's cleaned view), removal of
invisible characters and of pinyin annotations such as ``號(hào)``, NFKC (full-width digits, letters and
brackets), traditional → simplified (OpenCC t2s), and removal of spaces between a Han character and a digit
(``2022年 12 月`` → ``2022年12月``). Line breaks and tabs are kept, so line-based patterns still work.
"""

from __future__ import annotations

import bisect
import functools
import re
from itertools import accumulate
from operator import add, ne
import unicodedata
from dataclasses import dataclass
from typing import Iterable

INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A Han character followed by a bracketed pinyin syllable with a tone mark: 發(fā), 號(hào), 我(wǒ ).
PINYIN = re.compile(r"(?<=[\u3400-\u9fff])[(（]\s*[a-zü]*[" + TONED + r"][a-zü]*\s*[)）]")
HAN = re.compile(r"[\u3400-\u9fff]")


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


@functools.lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc

        return opencc.OpenCC("t2s")
    except Exception:  # pragma: no cover - opencc is a dependency; degrade to identity if its data is missing
        return None


def to_simplified(s: str) -> str:
    if s.isascii():  # (t2s converts Chinese characters and phrases only: ASCII is its own simplified form)
        return s
    cc = _t2s()
    return cc.convert(s) if cc else s


_COMPACTED: tuple = ()  # ((text, compact), …) of the last texts compacted, most recent first


def compact(text: str) -> str:
    """``text`` without whitespace: ``re.sub(r"\\s+", "", text)``, by ``str.split`` (``\\s`` is ``str.isspace``, at
    which ``str.split()`` splits: a C-level split, ~4× faster than the regular expression). The last few texts are
    remembered (the format-version votes, the wording and the format-version checks read the same cleaned view)."""
    global _COMPACTED
    memo = _COMPACTED
    for t, c in memo:
        if t is text:
            return c
    out = "".join(text.split())
    _COMPACTED = ((text, out),) + memo[:3]  # (one rebinding: safe for threads reading it)
    return out


def traditional_ratio(text: str) -> tuple[float, int]:
    """Share of Han characters that change under t2s, and how many changed."""
    han = "".join(HAN.findall(text))
    if not han:
        return 0.0, 0
    simp = to_simplified(han)
    changed = 0 if simp == han else sum(map(ne, han, simp)) if len(simp) == len(han) else 0
    return changed / len(han), changed


@dataclass
class View:
    text: str
    offsets: list[int]  # offsets[i] = original offset of view char i; offsets[len(text)] = end sentinel
    source_len: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the view slice [start, end)."""
        if end <= start:
            o = self.offsets[start] if start < len(self.offsets) else self.source_len
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1

    def orig(self, i: int) -> int:
        return self.offsets[i] if i < len(self.offsets) else self.source_len

    def view_index(self, orig_offset: int) -> int:
        """The first view index whose original offset is >= orig_offset."""
        return bisect.bisect_left(self.offsets, orig_offset, 0, len(self.text))

    def without(self, removed: Iterable[tuple[int, int]]) -> "View":
        """This view less the chars that come from the ``removed`` original ranges (the cleaned view)."""
        ranges: list[tuple[int, int]] = []
        for a, b in sorted((a, b) for a, b in removed if b > a):  # overlapping ranges merged: (0, 3) + (1, 2)
            if ranges and a <= ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], max(ranges[-1][1], b))
            else:
                ranges.append((a, b))
        if not ranges:
            return View(self.text, self.offsets, self.source_len)
        offs, n = self.offsets, len(self.text)
        if _ascending(offs, n):  # (always, for views built here) each range is one slice of the view
            pieces: list[tuple[int, int]] = []
            pos = 0
            for a, b in ranges:
                i, j = bisect.bisect_left(offs, a, pos, n), bisect.bisect_left(offs, b, pos, n)
                if j > i:
                    pieces.append((pos, i))
                    pos = j
            pieces.append((pos, n))
            keep_t = "".join(self.text[x:y] for x, y in pieces)
            keep_o: list[int] = []
            for x, y in pieces:
                keep_o.extend(offs[x:y])
            keep_o.append(keep_o[-1] + 1 if keep_o else 0)
            return View(keep_t, keep_o, self.source_len)
        keep_c: list[str] = []
        keep_o = []  # a view with offsets out of order (none is built here): char by char
        starts = [a for a, _ in ranges]
        for i in range(n):
            o = offs[i]
            k = bisect.bisect_right(starts, o) - 1
            if k >= 0 and o < ranges[k][1]:
                continue
            keep_c.append(self.text[i])
            keep_o.append(o)
        keep_o.append(keep_o[-1] + 1 if keep_o else 0)
        return View("".join(keep_c), keep_o, self.source_len)


def _ascending(offs: list[int], n: int) -> bool:
    head = offs[:n]
    return head == sorted(head)


def _drop(s: str, offs: list[int], pattern: re.Pattern) -> tuple[str, list[int]]:
    """``s`` and its offsets without the matches of ``pattern``."""
    pieces = []
    pos = 0
    for m in pattern.finditer(s):
        if m.end() > m.start():
            pieces.append((pos, m.start()))
            pos = m.end()
    if not pieces:
        return s, offs
    pieces.append((pos, len(s)))
    out: list[int] = []
    for a, b in pieces:
        out.extend(offs[a:b])
    return "".join(s[a:b] for a, b in pieces), out


_PLAIN = re.compile(r"[^\x00-\x7f\u3400-\u9fff]")  # a char NFKC may change (not ASCII, not Han)
# a whole run of spaces: build_view cuts it when it stands between a Han character and a digit
_SPACE_RUN = re.compile(r" +")
_TONED_CHAR = re.compile("[" + TONED + "]")
_RARE_CHAR = re.compile(INVISIBLE.pattern[:-1] + TONED + "]")  # an invisible character or a toned vowel


@functools.lru_cache(maxsize=4096)
def _nfkc(c: str) -> str:
    n = unicodedata.normalize("NFKC", c)
    return " " if n in ("\u3000", "\xa0") else n


def _nfkc_chars(s: str, offs: list[int]) -> tuple[str, list[int]]:
    """NFKC char by char (a char may expand, e.g. ㈠ → (一), or vanish); each output char keeps its char's offset."""
    changed = {c: n for c in set(_PLAIN.findall(s)) if (n := _nfkc(c)) != c}
    if not changed:
        return s, offs
    if all(len(n) == 1 for n in changed.values()):
        # one str.replace per character that changes (a few kinds of full-width punctuation), each a C scan:
        # str.translate looks every character up. No replacement makes a character another one replaces (an
        # NFKC form is its own NFKC form, and no character's is U+3000 or U+00A0)
        for c, n in changed.items():
            s = s.replace(c, n)
        return s, offs
    table = str.maketrans({c: n for c, n in changed.items() if len(n) == 1})
    pieces: list[str] = []
    out: list[int] = []
    pos = 0
    for m in _PLAIN.finditer(s):
        n = changed.get(m.group())
        if n is None or len(n) == 1:
            continue
        i = m.start()
        pieces.append(s[pos:i].translate(table))
        out.extend(offs[pos:i])
        pieces.append(n)
        out.extend([offs[i]] * len(n))
        pos = i + 1
    pieces.append(s[pos:].translate(table))
    out.extend(offs[pos:len(s)])
    return "".join(pieces), out


def build_view(text: str, removed: Iterable[tuple[int, int]] = (), *, simplify: bool = True) -> View:
    """Build the matching view of ``text``, leaving out the ``removed`` original ranges (by slices and regular
    expressions: no loop over characters in Python)."""
    ranges = sorted((s, e) for s, e in removed if e > s)
    pieces: list[tuple[int, int]] = []
    pos = 0
    for s, e in ranges + [(len(text), len(text))]:
        if s > pos:
            pieces.append((pos, s))
        pos = max(pos, e)
    if len(pieces) == 1 and pieces[0] == (0, len(text)):
        cur, offs = text, list(range(len(text)))
    else:
        cur = "".join(text[a:b] for a, b in pieces)
        offs = []
        for a, b in pieces:
            offs.extend(range(a, b))
    if _RARE_CHAR.search(cur):  # (one scan: most texts have neither an invisible character nor a toned vowel)
        cur, offs = _drop(cur, offs, INVISIBLE)
        if _TONED_CHAR.search(cur):  # (a pinyin annotation has a toned vowel)
            cur, offs = _drop(cur, offs, PINYIN)
    cur, offs = _nfkc_chars(cur, offs)
    if simplify and HAN.search(cur):
        simp = to_simplified(cur)
        if len(simp) != len(cur):  # phrase conversion changed the length: convert char by char instead
            simp = "".join(to_simplified(c) if is_han(c) else c for c in cur)
            if len(simp) != len(cur):
                simp = cur
        cur = simp
    # spaces between a Han character and a digit (PDF and scraped pages put them there)
    cut = []
    for m in _SPACE_RUN.finditer(cur):
        a, b = m.start(), m.end()
        if a == 0 or b == len(cur):
            continue
        prev, nxt = cur[a - 1], cur[b]
        if (is_han(prev) and nxt.isdigit()) or (prev.isdigit() and is_han(nxt)):
            cut.append((a, b))
    if cut:
        keep: list[tuple[int, int]] = []
        pos = 0
        for a, b in cut:
            keep.append((pos, a))
            pos = b
        keep.append((pos, len(cur)))
        out: list[int] = []
        for a, b in keep:
            out.extend(offs[a:b])
        cur, offs = "".join(cur[a:b] for a, b in keep), out
    offs.append(offs[-1] + 1 if offs else 0)
    return View(cur, offs, len(text))


# ----------------------------------------------------------------------------------------------- sentence view
# A hard line break inside a sentence (a .txt copied out of a PDF, a PDF line kept by the extractor, a DOCX made
# from a PDF with one paragraph per line) must not break a sentence-level match. The sentence view joins such
# breaks; everything else of the view (and its offset map) is kept.
SENT_END = frozenset("。！？!?；;：:…")
CLOSERS = frozenset("”’」』）)】》\"'")
# what starts a new paragraph whatever the line before ends with: headings and list items
LINE_MARKER = re.compile(
    r"[一二三四五六七八九十]{1,3}\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|\d{1,2}\s*[、.．](?!\d)"
    r"|[①-⑳⑴-⒇]|第[一二三四五六七八九十\d]{1,3}[部分章节条项篇]|[#*•·▪■□●○◆◇]|[-–—]\s|表[一二三四五六\d]\s*[、.．:：]?"
    r"|附件|附表")
PAGE_NUMBER = re.compile(r"[-–—－]\s*\d{1,4}\s*[-–—－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
                         r"|\d{1,4}\s*/\s*\d{1,4}|\d{1,3}")
HEADLINE_END = re.compile(r"(?:年度报告|工作报告|年报|情况|概述)$")


_CLAUSE_PUNCT = re.compile(r"[。，,；;：:]")
HEADLINE_WORDS = ("年度报告", "工作报告", "年报", "情况", "概述")  # HEADLINE_END's words (a stripped line ends so)
_PAGE_FIRST = frozenset("-–—－第")  # what PAGE_NUMBER can open on, besides a digit (\d: str.isdecimal)


def _heading_line(s: str) -> bool:
    """A line that is a heading (a numbered short line without sentence punctuation, or a report title)."""
    if _CLAUSE_PUNCT.search(s):
        return False
    if LINE_MARKER.match(s) and len(s) <= 40:
        return True
    return len(s) <= 40 and s.endswith(HEADLINE_WORDS)  # (HEADLINE_END.search on a stripped line)


def _page_number(t: str) -> bool:
    """PAGE_NUMBER.fullmatch(t) for a stripped, non-blank line; the match tried only on what can open one."""
    return (t[0] in _PAGE_FIRST or t[0].isdecimal()) and PAGE_NUMBER.fullmatch(t) is not None


def join_soft_breaks(view: View, hard=None, skip=None) -> View:
    """The sentence view of ``view``: a single line break inside a sentence is dropped (with the indent of the next
    line and the trailing spaces of the line before), so sentence-level patterns match across it.

    A break is kept when the line before ends with sentence-final punctuation (。！？；：, also before a closing
    quote or bracket), when either line is blank or a table row (tabs), when the next line starts with a heading
    or list marker (一、 （一） 1. ① 第一部分 …), when the line before is a heading or a title, or when
    ``hard(last, first)`` says so for the original offsets of the last character before the break and the first
    after it (the extractor's heading, title or chrome blocks). Lines that are running page numbers, or for which
    ``skip(original_offset)`` is true (the extractor's running headers and footers), are jumped over and left out. Two breaks with
    only removed text between them (a page-number footer the cleaned view left out) count as one. Between two ASCII
    letters the break becomes a space. Offsets still map into the original text.
    """
    text = view.text
    if "\n" not in text:
        return View(text, view.offsets, view.source_len)
    n = len(text)
    cuts: list[tuple[int, int, bool]] = []  # [a, b) dropped; True: a space stands for the break
    # line starts/ends and stripped lines (C-level maps: no Python loop per line for them)
    parts = text.split("\n")
    lens = list(map(len, parts))
    starts = list(accumulate(map((1).__add__, lens), initial=0))[:-1]
    lines = list(zip(starts, map(add, starts, lens)))
    strs = list(map(str.strip, parts))
    L = len(lines)
    offs = view.offsets
    no = len(offs)
    # each line's part in the search for "the next line" (computed once: a run of page numbers or skipped lines
    # must not be walked again from every line before it): TEXT and STOP end the search, SKIP and PASS are
    # jumped over; STOP is a real blank line (a paragraph break), PASS a blank line that held removed text alone
    TEXT, STOP, SKIP, PASS = 0, 1, 2, 3
    status = [TEXT] * L
    for j in range(1, L):
        t = strs[j]
        if t:
            c = t[0]
            if ((c in _PAGE_FIRST or c.isdecimal()) and PAGE_NUMBER.fullmatch(t) is not None) or (
                    skip is not None and skip(view.orig(lines[j][0] + parts[j].index(c)))):
                status[j] = SKIP  # a running page number, header or footer between the halves of a sentence
            continue
        la, lb = lines[j]
        # view chars la-1 ('\n') .. lb ('\n') with no removed original text between (view.orig, inlined)
        hi = lb if lb < n else n
        if ((offs[hi] if hi < no else view.source_len) - (offs[la - 1] if la - 1 < no else view.source_len)
                <= (lb - la) + 1):
            status[j] = STOP
        else:
            status[j] = PASS
    first = [L] * (L + 1)  # first[j]: the first line >= j that ends the search
    for j in range(L - 1, 0, -1):
        first[j] = j if status[j] <= STOP else first[j + 1]  # (TEXT or STOP)
    k = 0
    while k < L - 1:
        s = strs[k]
        if not s:  # (a blank line: most of the lines of a report with blank lines between its paragraphs)
            k += 1
            continue
        # the next non-blank line; blank lines between count only when they held removed text alone
        j = first[k + 1]
        if j >= L or status[j] == STOP:
            k += 1
            continue
        a, b = lines[k]
        line = parts[k]
        ma, mb = lines[j]
        nxt = text[ma:mb]
        ns = nxt.strip()
        if not ns or "\t" in line or "\t" in nxt or "|" in s[:1] or "|" in ns[:1]:
            k = j
            continue
        last = s[-1]
        if last in CLOSERS and len(s) > 1 and s[-2] in SENT_END:
            last = s[-2]
        if (last in SENT_END or LINE_MARKER.match(ns) or _heading_line(s)
                or (hard is not None and hard(view.orig(a + len(line.rstrip()) - 1),
                                              view.orig(ma + len(nxt) - len(nxt.lstrip()))))):
            k = j
            continue
        # drop: trailing spaces of the line, the break(s) and blank removed lines, the indent of the next line
        cut_from = a + len(line.rstrip())
        cut_to = ma + (len(nxt) - len(nxt.lstrip()))
        space = s[-1].isascii() and s[-1].isalpha() and ns[0].isascii() and ns[0].isalpha()
        cuts.append((cut_from, cut_to, space))
        k = j
    if not cuts:
        return View(text, view.offsets, view.source_len)
    out_c: list[str] = []
    out_o: list[int] = []
    pos = 0
    for a, b, space in cuts:
        out_c.append(text[pos:a])
        out_o.extend(view.offsets[pos:a])
        if space:  # the break itself (at the end of the line) becomes a space
            nl = text.index("\n", a)
            out_c.append(" ")
            out_o.append(view.offsets[nl])
        pos = b
    out_c.append(text[pos:])
    out_o.extend(view.offsets[pos:n])
    out_o.append(view.offsets[n] if n < len(view.offsets) else view.source_len)
    return View("".join(out_c), out_o, view.source_len)
