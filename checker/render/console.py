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

from . import summary

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
LABELS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示", "title": "标题", "organ": "机关", "year": "年度",
           "format": "格式", "period": "统计期限", "published": "发布日期", "previous": "上年报告", "none": "（未识别）",
           "general": "全文", "files": "文件", "errors": "错误", "warnings": "警告", "infos": "提示",
           "failed": "无法读取", "clean": "未发现问题", "not_assessed": "未评估", "summary": "汇总",
           "sections": {"overview": "一、总体情况", "proactive": "二、主动公开", "requests": "三、依申请公开",
                        "review_litigation": "四、复议诉讼", "problems": "五、问题及改进", "other": "六、其他事项"},
           "fix": "可修复（不安全：删除文本，需 reportlint clean）",
           "organ_types": {"township": "乡镇人民政府", "street": "街道办事处", "department": "政府部门",
                           "state_department": "国务院部门", "county_government": "县级人民政府",
                           "city_government": "市级人民政府", "province_government": "省级人民政府"}},
    "en": {"error": "error", "warning": "warning", "info": "info", "title": "Title", "organ": "Organ",
           "year": "Year", "format": "Format", "period": "Period", "published": "Published", "previous": "Previous year", "none": "(not found)",
           "general": "Whole document", "files": "files", "errors": "errors", "warnings": "warnings",
           "infos": "infos", "failed": "unreadable", "clean": "no problems found", "not_assessed": "not assessed",
           "summary": "Summary",
           "sections": {"overview": "1 Overview", "proactive": "2 Proactive disclosure", "requests": "3 Requests",
                        "review_litigation": "4 Review & litigation", "problems": "5 Problems",
                        "other": "6 Other matters"},
           "fix": "fixable (unsafe: removes text; run reportlint clean)",
           "organ_types": {}},
}


def _facts(r, L) -> Table:
    f = r.facts
    t = Table.grid(padding=(0, 2))
    t.add_column(style="bold")
    t.add_column()
    period = f.get("period")
    organ = f.get("organ") or L["none"]
    if f.get("organ_type"):
        organ += f"（{L['organ_types'].get(f['organ_type'], f['organ_type'])}）"
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
    if end > start + len(mid):
        mid += "…"
    width -= 4
    if cell_len(mid) > width - 4:
        mid = _cut(mid, width - 5) + "…"
    room = max(2, (width - cell_len(mid)) // 2)
    if cell_len(left) > room:
        left = "…" + _cut(left[::-1], room - 1)[::-1]
    room = max(2, width - cell_len(mid) - cell_len(left))
    if cell_len(right) > room:
        right = _cut(right, room - 1) + "…"
    t = Text("    ", no_wrap=True, overflow="crop")
    t.append(left, style="dim")
    t.append(mid, style="bold reverse")
    t.append(right, style="dim")
    return t


def _cut(s: str, cells: int) -> str:
    """The longest prefix of ``s`` that fits in ``cells`` terminal cells (CJK characters take two)."""
    out, used = [], 0
    for ch in s:
        w = cell_len(ch)
        if used + w > cells:
            break
        out.append(ch)
        used += w
    return "".join(out)


def render_file(r, ctx) -> list:
    L = LABELS["en" if ctx.lang == "en" else "zh"]
    parts: list = []
    if r.error:
        parts.append(Text(f"{r.path}: {r.error['code']} {r.error['message']}", style="bold red"))
        return parts
    parts.append(Panel(_facts(r, L), title=Text(r.path, style="bold"), title_align="left", expand=False))
    for note in r.notes:
        parts.append(Text(f"  ({note})", style="dim"))
    text = getattr(r, "text", None) or (r.analysis.doc.text if r.analysis else "")
    snippets = getattr(r, "snippets", None)  # the line around each match, when the text stayed in a worker
    groups: dict[str, list] = {}
    for i, f in enumerate(r.findings):  # absences (a missing section) belong to the whole document
        key = f.location.section if f.location.end > f.location.start else None
        groups.setdefault(key or "", []).append((i, f))
    order = list(L["sections"]) + [""]
    for key in sorted(groups, key=lambda k: order.index(k) if k in order else len(order)):
        title = L["sections"].get(key, key) if key else L["general"]
        parts.append(Text(title, style="bold underline"))
        for i, f in groups[key]:
            sev = str(f.severity)
            head = Text("  ")
            head.append(f"{f.code}", style="bold")
            head.append(" ")
            head.append(f"[{L[sev]}]", style=STYLE[sev])
            loc = f.location
            head.append(f" {loc.line}:{loc.column}" if loc.end > loc.start else "", style="dim")
            if loc.page:
                head.append(f" p.{loc.page}", style="dim")
            head.append("  " + f.message)
            parts.append(head)
            if not text and snippets and i < len(snippets):  # a result from a worker process
                window, offset = snippets[i]
                line = _line_with_match(window, loc.start - offset, loc.end - offset, ctx.width - 8)
            else:
                line = _line_with_match(text, loc.start, loc.end, ctx.width - 8)
            if line is not None:
                parts.append(line)
            if f.fix is not None:
                parts.append(Text("    ↳ " + L["fix"], style="dim"))
    if r.not_assessed:
        na = ", ".join(f"{n['code']}（{n['reason']}）" for n in r.not_assessed)
        parts.append(Text(f"{L['not_assessed']}: {na}", style="dim"))
    if not r.findings:
        parts.append(Text("  ✓ " + L["clean"], style="green"))
    return parts


def render(results, ctx) -> str:
    L = LABELS["en" if ctx.lang == "en" else "zh"]
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=ctx.color, color_system="standard" if ctx.color else None,
                      width=ctx.width, highlight=False, emoji=False, soft_wrap=False)
    for r in results:
        if ctx.quiet and not r.findings and not r.error:
            continue
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
        console.print(Text("  ".join(f"{c}×{n}" for c, n in sorted(codes.items())), style="dim"))
    if ctx.baseline is not None:
        b = ctx.baseline
        msg = (f"baseline {b.path}: {b.suppressed} suppressed, {len(b.unmatched)} unmatched" if ctx.lang == "en"
               else f"基线 {b.path}：已忽略 {b.suppressed} 项，{len(b.unmatched)} 项不再匹配")
        console.print(Text(msg, style="dim"))
    return buf.getvalue()
