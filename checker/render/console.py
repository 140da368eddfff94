"""``--format console``: the rich terminal report for a person.

Per file: a header with the facts found (title, organ, year, format, period, the paired previous-year report), the findings grouped by section,
each with its code, severity and message and the flagged text highlighted in its line; then a summary table.
"""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.cells import cell_len
from rich.text import Text

from ..i18n import SECTION_ORDER, SECTIONS, note_text, not_assessed_line, place, term
from . import summary
from .layout import _fit as fit_cells, wrap, wrap_items

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


def _facts(r, L, ctx) -> Table:
    f = r.facts
    t = Table.grid(padding=(0, 2))
    t.add_column(style="bold")
    t.add_column()
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
    for k, v in rows:
        t.add_row(k, v)
    return t


def _line_with_match(doc_text: str, start: int, end: int, width: int) -> Text | None:
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
    t = Text(" " * INDENT, no_wrap=True, overflow="crop")
    t.append(left, style="dim")
    t.append(mid, style="bold reverse")
    t.append(right, style="dim")
    return t


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


def _message_lines(head: Text, message: str, width: int) -> list[Text]:
    """The head (code, severity, place) and the message after it, wrapped with a hanging indent."""
    used = cell_len(head.plain) + 2
    if used > width - 20:  # a long place: the message starts on its own line
        lines = [head] + [Text(" " * INDENT + ln, no_wrap=True) for ln in wrap(message, width, INDENT)]
        return lines
    parts = wrap(message, width, INDENT, first=used)
    first = head.copy()
    first.append("  " + parts[0])
    first.no_wrap = True
    return [first] + [Text(" " * INDENT + ln, no_wrap=True) for ln in parts[1:]]


def _indented(text: str, width: int, style: str = "dim") -> list[Text]:
    return [Text(" " * INDENT + ln, style=style, no_wrap=True) for ln in wrap(text, width, INDENT)]


def render_file(r, ctx) -> list:
    lang = "en" if ctx.lang == "en" else "zh"
    L = LABELS[lang]
    width = ctx.width
    parts: list = []
    if r.error:
        parts.extend(Text("  " + ln, style="red", no_wrap=True)
                     for ln in wrap(f"{r.error['code']} {r.error['message']}", width, 2))
        return parts
    long_path = cell_len(r.path) + 8 > width  # printed whole above the panel by render(), never cut
    parts.append(Panel(_facts(r, L, ctx), title=None if long_path else Text(r.path, style="bold"),
                       title_align="left", expand=False))
    for note in r.notes:
        parts.extend(Text(("  (" if i == 0 else "   ") + ln + (")" if i == len(lines) - 1 else ""), style="dim",
                          no_wrap=True)
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
        parts.append(Text(title, style="bold underline"))
        for i, f in groups[key]:
            sev = str(f.severity)
            head = Text("  ")
            head.append(f"{f.code}", style="bold")
            head.append(" ")
            head.append(f"[{L[sev]}]", style=STYLE[sev])
            where = _where(r, f, lang)
            if where:
                head.append(" " + where, style="dim")
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
        parts.extend(Text(("  " if i == 0 else "    ") + ln, style="dim", no_wrap=True)
                     for i, ln in enumerate(wrap(line, width, 4, first=2)))
        if getattr(ctx, "show_not_assessed", False):
            for n in r.not_assessed:
                parts.extend(Text(ln, style="dim", no_wrap=True) for ln in
                             _hang(f"    {n['code']:<9} ", n.get("reason", ""), width))
    if not r.findings:
        parts.append(Text("  ✓ " + L["clean"], style="green"))
    return parts


def _hang(prefix: str, text: str, width: int) -> list[str]:
    lines = wrap(text, width, cell_len(prefix), first=cell_len(prefix))
    return [prefix + lines[0]] + [" " * cell_len(prefix) + ln for ln in lines[1:]]


def render(results, ctx) -> str:
    L = LABELS["en" if ctx.lang == "en" else "zh"]
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=ctx.color, color_system="standard" if ctx.color else None,
                      width=ctx.width, highlight=False, emoji=False, soft_wrap=False)
    for r in results:
        if ctx.quiet and not r.findings and not r.error:
            continue
        if r.error:  # the path of an unreadable file on its own line, never cut however long
            console.print(Text(f"{r.path}:", style="bold red"), soft_wrap=True)
        elif cell_len(r.path) + 8 > ctx.width:  # a path too long for the panel's title: its own line
            console.print(Text(r.path, style="bold"), soft_wrap=True)
        console.print(Group(*render_file(r, ctx)))
        console.print()
    if ctx.quiet:
        return buf.getvalue()
    s = summary(results)
    t = Table(title=L["summary"], show_header=True, header_style="bold")
    for k in ("files", "errors", "warnings", "infos", "failed"):
        t.add_column(L[k], justify="right")
    t.add_row(str(s["files"]), str(s["errors"]), str(s["warnings"]), str(s["infos"]), str(s["failed_to_read"]))
    codes: dict[str, int] = {}
    for r in results:
        for f in r.findings:
            codes[f.code] = codes.get(f.code, 0) + 1
    console.print(t)
    if codes:
        for ln in wrap_items([f"{c}×{n}" for c, n in sorted(codes.items())], ctx.width):
            console.print(Text(ln, style="dim", no_wrap=True))
    if ctx.baseline is not None:
        b = ctx.baseline
        for ln in wrap(L["baseline"].format(path=b.path, n=b.suppressed, u=len(b.unmatched)), ctx.width):
            console.print(Text(ln, style="dim", no_wrap=True))
    return buf.getvalue()
