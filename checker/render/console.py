"""``--format console``: the terminal report for a person.

Per file: a header with the facts found (title, organ, year, format, period, the paired previous-year report), the findings grouped by section,
each with its code, severity and message and the flagged text highlighted in its line; then a summary table.

Laid out here line by line (display widths from :func:`checker.render.layout.cell_len`), as segments of text and a
style; with colours on, each styled segment is wrapped in its ANSI SGR code, else the text is printed as it is. No
rich: a console report to a pipe costs no more to render than JSON (issue 16). The boxes are rich's rounded panel
and heavy-head table, so the report looks as it did when rich drew it (tests/snapshots/seed.console.txt).
"""

from __future__ import annotations

from ..i18n import SECTION_ORDER, SECTIONS, note_text, not_assessed_line, place, term
from . import summary
from .layout import _fit as fit_cells, cell_len, wrap, wrap_items

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
LABELS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示", "title": "标题", "organ": "机关", "year": "年度",
           "format": "格式", "period": "统计期限", "published": "发布日期", "previous": "上年报告", "none": "（未识别）",
           "general": "全文", "files": "文件", "errors": "错误", "warnings": "警告", "infos": "提示",
           "failed": "无法读取", "clean": "未发现问题", "not_assessed": "未评估", "summary": "汇总",
           "fix": "可修复（不安全：删除文本，需 reportlint clean）",
           "na_hint": "（--show-not-assessed 逐条列出）",
           "baseline": "基线已忽略 {n} 项，{u} 项不再匹配：{path}"},
    "en": {"error": "error", "warning": "warning", "info": "info", "title": "Title", "organ": "Organ",
           "year": "Year", "format": "Format", "period": "Period", "published": "Published", "previous": "Previous year", "none": "(not found)",
           "general": "Whole document", "files": "files", "errors": "errors", "warnings": "warnings",
           "infos": "infos", "failed": "unreadable", "clean": "no problems found", "not_assessed": "not assessed",
           "summary": "Summary",
           "fix": "fixable (unsafe: removes text; run reportlint clean)",
           "na_hint": " (--show-not-assessed lists them)",
           "baseline": "baseline: {n} suppressed, {u} unmatched: {path}"},
}


# A line is a list of segments (text, style); a style is rich's words ("bold red"), painted as ANSI SGR codes.
Line = list[tuple[str, str]]
_SGR = {"bold": "1", "dim": "2", "italic": "3", "underline": "4", "reverse": "7",
        "red": "31", "green": "32", "yellow": "33", "cyan": "36"}


def _sgr(style: str) -> str:
    words = style.split()
    attrs = [_SGR[w] for w in ("bold", "dim", "italic", "underline", "reverse") if w in words]
    return ";".join(attrs + [_SGR[w] for w in words if w in ("red", "green", "yellow", "cyan")])


def _paint(line: Line, color: bool) -> str:
    if not color:
        return "".join(t for t, _ in line)
    return "".join(f"\x1b[{_sgr(st)}m{t}\x1b[0m" if st and t else t for t, st in line)


def _crop(line: Line, width: int) -> Line:
    """A line no wider than ``width`` cells, as a terminal report cuts one: trailing spaces past the edge dropped,
    then the rest cut at the edge (a wide character that would straddle it becomes a space)."""
    total = sum(cell_len(t) for t, _ in line)
    if total <= width:
        return line
    line = [list(x) for x in line]
    while total > width and line:  # rich's rstrip_end: whitespace beyond the width
        t = line[-1][0]
        stripped = t.rstrip()
        cut = min(len(t) - len(stripped), total - width)
        if not cut:
            break
        line[-1][0] = t[:len(t) - cut]
        total -= cut
        if not line[-1][0]:
            line.pop()
    out: Line = []
    used = 0
    for t, st in line:
        if used + cell_len(t) <= width:
            out.append((t, st))
            used += cell_len(t)
            continue
        part = fit_cells(t, width - used)
        part += " " * (width - used - cell_len(part))
        if part:
            out.append((part, st))
        break
    return out


def _pad(s: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - cell_len(s))
    return gap + s if right else s + gap


def _facts_rows(r, L, ctx) -> list[tuple[str, str]]:
    f = r.facts
    period = f.get("period")
    organ = f.get("organ") or L["none"]
    if f.get("organ_type"):
        organ += f"（{term(ctx.pack, 'organ_types', f['organ_type'], ctx.lang)}）"
    rows = [
        (L["title"], f.get("title") or L["none"]),
        (L["organ"], organ),
        (L["year"], str(f.get("year") or L["none"])),
        (L["format"], f.get("format_version") or L["none"]),
        (L["period"], f"{period['start']} … {period['end']}" if period else L["none"]),
    ]
    if f.get("published"):
        rows.append((L["published"], f["published"]))
    if getattr(r, "previous", None):  # the same organ's report for the year before (cross-year rules ran against it)
        rows.append((L["previous"], r.previous))
    return rows


def _panel(rows: list[tuple[str, str]], title: str | None, width: int) -> list[Line]:
    """The facts in a rounded box as wide as they need (rich's ``Panel(Table.grid(padding=(0, 2)), expand=False)``):
    the labels bold, two cells between the columns, one inside each border; the title on the top border. Values
    too long for the width wrap under themselves."""
    lw = max(cell_len(k) for k, _ in rows)
    room = max(4, width - 4 - lw - 2)
    cells = [(k, wrap(v, room) if cell_len(v) > room else [v]) for k, v in rows]
    vw = room if any(len(lines) > 1 for _, lines in cells) else max(cell_len(ln) for _, lines in cells for ln in lines)
    inner = lw + 2 + vw + 2  # the grid and its padding of one each side
    if title is not None:
        inner = min(width - 2, max(inner, cell_len(title) + 4))
    out: list[Line] = []
    if title is None or inner + 2 <= 4:
        out.append([("╭" + "─" * inner + "╮", "")])
    else:
        shown = fit_cells(title, inner - 4)
        out.append([("╭─ ", ""), (shown, "bold"), (" " + "─" * (inner - 3 - cell_len(shown)) + "╮", "")])
    for k, lines in cells:
        for i, ln in enumerate(lines):
            label = _pad(k if i == 0 else "", lw)
            out.append([("│ ", ""), (label, "bold"), ("  " + _pad(ln, inner - 2 - lw - 2) + " │", "")])
    out.append([("╰" + "─" * inner + "╯", "")])
    return out


def _summary_table(title: str, headers: list[str], values: list[str]) -> list[Line]:
    """rich's ``Table(title=…, show_header=True, header_style="bold")`` with right-justified columns: heavy head,
    the title centred above."""
    ws = [max(cell_len(h), cell_len(v)) for h, v in zip(headers, values)]
    width = sum(ws) + 3 * len(ws) + 1
    left = (width - cell_len(title)) // 2
    out: list[Line] = [[(" " * left, ""), (title, "italic"), (" " * (width - cell_len(title) - left), "")]]
    out.append([("┏" + "┳".join("━" * (w + 2) for w in ws) + "┓", "")])
    head: Line = [("┃", "")]
    for h, w in zip(headers, ws):
        head += [(" ", ""), (_pad(h, w, right=True), "bold"), (" ┃", "")]
    out.append(head)
    out.append([("┡" + "╇".join("━" * (w + 2) for w in ws) + "┩", "")])
    out.append([("│" + "│".join(" " + _pad(v, w, right=True) + " " for v, w in zip(values, ws)) + "│", "")])
    out.append([("└" + "┴".join("─" * (w + 2) for w in ws) + "┘", "")])
    return out


def _line_with_match(doc_text: str, start: int, end: int, width: int) -> Line | None:
    if end <= start:
        return None
    a = doc_text.rfind("\n", 0, start) + 1
    b = doc_text.find("\n", end)
    b = len(doc_text) if b < 0 else b
    left, mid, right = doc_text[a:start], doc_text[start:end].split("\n")[0], doc_text[end:b]
    left, mid, right = (x.replace("\t", "  ") for x in (left, mid, right))  # table rows: cells tab-separated
    if end > start + len(mid):
        mid += "…"
    width -= INDENT
    if cell_len(mid) > width - 4:
        mid = _cut(mid, width - 5) + "…"
    room = max(2, (width - cell_len(mid)) // 2)
    if cell_len(left) > room:
        left = "…" + _cut(left[::-1], room - 1)[::-1]
    room = max(2, width - cell_len(mid) - cell_len(left))
    if cell_len(right) > room:
        right = _cut(right, room - 1) + "…"
    return [(" " * INDENT, ""), (left, "dim"), (mid, "bold reverse"), (right, "dim")]


def _cut(s: str, cells: int) -> str:
    """The longest prefix of ``s`` that fits in ``cells`` terminal cells (CJK characters take two)."""
    return fit_cells(s, cells)


INDENT = 11  # continuation lines of a message hang under the code: "  GOV-K001 " is 11 cells


def _where(r, f, lang: str) -> str:
    """Text files: line:column (exact in the file). PDF/DOCX/HTML: the page, paragraph or table cell a person can
    find in the original; line:column of the extracted text only when nothing else says where."""
    loc = f.location
    if loc.end <= loc.start and not loc.table:
        return ""
    if r.format == "text":
        return f"{loc.line}:{loc.column}"
    return place(loc, r.format, lang) or (f"{loc.line}:{loc.column}" if loc.end > loc.start else "")


def _message_lines(head: Line, message: str, width: int) -> list[Line]:
    """The head (code, severity, place) and the message after it, wrapped with a hanging indent."""
    used = sum(cell_len(t) for t, _ in head) + 2
    if used > width - 20:  # a long place: it wraps under the message, which starts on its own line
        lines = [head]
        if len(head) == 5 and cell_len(head[4][0]) + 2 > width - sum(cell_len(t) for t, _ in head[:4]):
            lead = sum(cell_len(t) for t, _ in head[:4]) + 1
            w = wrap(head[4][0][1:], width, INDENT, first=lead)
            lines = [head[:4] + [(" " + w[0], "dim")]] + [[(" " * INDENT + ln, "dim")] for ln in w[1:]]
        return lines + [[(" " * INDENT + ln, "")] for ln in wrap(message, width, INDENT)]
    parts = wrap(message, width, INDENT, first=used)
    return [head + [("  " + parts[0], "")]] + [[(" " * INDENT + ln, "")] for ln in parts[1:]]


def _indented(text: str, width: int, style: str = "dim") -> list[Line]:
    return [[(" " * INDENT + ln, style)] for ln in wrap(text, width, INDENT)]


def render_file(r, ctx) -> list[Line]:
    lang = "en" if ctx.lang == "en" else "zh"
    L = LABELS[lang]
    width = ctx.width
    parts: list[Line] = []
    if r.error:
        parts.extend([("  " + ln, "red")] for ln in wrap(f"{r.error['code']} {r.error['message']}", width, 2))
        return parts
    long_path = cell_len(r.path) + 8 > width  # printed whole above the panel by render(), never cut
    parts.extend(_panel(_facts_rows(r, L, ctx), None if long_path else r.path, width))
    for note in r.notes:
        parts.extend([(("  (" if i == 0 else "   ") + ln + (")" if i == len(lines) - 1 else ""), "dim")]
                     for lines in [wrap(note_text(note, lang), width - 1, 3, first=3)] for i, ln in enumerate(lines))
    text = getattr(r, "text", None) or (r.analysis.doc.text if r.analysis else "")
    snippets = getattr(r, "snippets", None)  # the line around each match, when the text stayed in a worker
    groups: dict[str, list] = {}
    for i, f in enumerate(r.findings):  # absences (a missing section) belong to the whole document
        loc = f.location
        key = loc.section if (loc.end > loc.start or loc.table) else None
        groups.setdefault(key or "", []).append((i, f))
    sections = SECTIONS[lang]
    order = list(SECTION_ORDER) + [""]
    for key in sorted(groups, key=lambda k: order.index(k) if k in order else len(order)):
        title = sections.get(key, key) if key else L["general"]
        parts.append([(title, "bold underline")])
        for i, f in groups[key]:
            sev = str(f.severity)
            head: Line = [("  ", ""), (f.code, "bold"), (" ", ""), (f"[{L[sev]}]", STYLE[sev])]
            where = _where(r, f, lang)
            if where:
                head.append((" " + where, "dim"))
            parts.extend(_message_lines(head, f.message, width))
            loc = f.location
            if not text and snippets and i < len(snippets):  # a result from a worker process
                window, offset = snippets[i]
                line = _line_with_match(window, loc.start - offset, loc.end - offset, width - INDENT + 4)
            else:
                line = _line_with_match(text, loc.start, loc.end, width - INDENT + 4)
            if line is not None:
                parts.append(line)
            if f.fix is not None:
                parts.extend(_indented("↳ " + L["fix"], width))
    if r.not_assessed:
        line = not_assessed_line(r.not_assessed, lang)
        if not getattr(ctx, "show_not_assessed", False):
            line += L["na_hint"]
        parts.extend([(("  " if i == 0 else "    ") + ln, "dim")] for i, ln in enumerate(wrap(line, width, 4, first=2)))
        if getattr(ctx, "show_not_assessed", False):
            for n in r.not_assessed:
                parts.extend([(ln, "dim")] for ln in _hang(f"    {n['code']:<9} ", n.get("reason", ""), width))
    if not r.findings:
        parts.append([("  ✓ " + L["clean"], "green")])
    return parts


def _hang(prefix: str, text: str, width: int) -> list[str]:
    lines = wrap(text, width, cell_len(prefix), first=cell_len(prefix))
    return [prefix + lines[0]] + [" " * cell_len(prefix) + ln for ln in lines[1:]]


def render(results, ctx) -> str:
    L = LABELS["en" if ctx.lang == "en" else "zh"]
    out: list[str] = []
    color, width = ctx.color, ctx.width

    def emit(lines: list[Line], crop: bool = True) -> None:
        out.extend(_paint(_crop(ln, width) if crop else ln, color) for ln in lines)

    for r in results:
        if ctx.quiet and not r.findings and not r.error:
            continue
        if r.error:  # the path of an unreadable file on its own line, never cut however long
            emit([[(f"{r.path}:", "bold red")]], crop=False)
        elif cell_len(r.path) + 8 > width:  # a path too long for the panel's title: its own line
            emit([[(r.path, "bold")]], crop=False)
        emit(render_file(r, ctx))
        out.append("")
    if ctx.quiet:
        return "".join(ln + "\n" for ln in out)
    s = summary(results)
    keys = ("files", "errors", "warnings", "infos", "failed")
    values = [str(s["files"]), str(s["errors"]), str(s["warnings"]), str(s["infos"]), str(s["failed_to_read"])]
    emit(_summary_table(L["summary"], [L[k] for k in keys], values), crop=False)
    codes: dict[str, int] = {}
    for r in results:
        for f in r.findings:
            codes[f.code] = codes.get(f.code, 0) + 1
    if codes:
        emit([[(ln, "dim")] for ln in wrap_items([f"{c}×{n}" for c, n in sorted(codes.items())], width)])
    if ctx.baseline is not None:
        b = ctx.baseline
        emit([[(ln, "dim")] for ln in wrap(L["baseline"].format(path=b.path, n=b.suppressed, u=len(b.unmatched)),
                                           width)])
    return "".join(ln + "\n" for ln in out)
