"""``--format html``: the audit sheet — one self-contained page for people who would rather look than read.

The page has a summary, an index of the files (sortable and filterable, for a batch), and per file a sheet: its
facts, its findings grouped by section, the statistical tables with failing cells marked and the failing identity
written out, the document text with every flagged span highlighted at its offsets (spans that ``reportlint clean``
would remove struck through, the reason on hover and as a numbered note in print), and a sign-off box.

Self-contained and offline: inline CSS and JS only, no fonts, scripts or images from anywhere; a Content Security
Policy forbids every fetch and allows only the page's own script (by hash), so a hostile document can neither run
script nor load anything even if it got past the escaping — and everything taken from a document is escaped.
Printable on A4: ``@page`` A4, one file per page run, no interactive chrome in print.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import datetime
from html import escape
from typing import Any

from .. import __version__
from ..document import TABLE
from ..i18n import term
from . import summary, text_of, where
from .evidence import evidence_html

FAMILIES = ("M", "S", "P", "T", "C", "X", "Q", "K", "I", "W", "N", "D")
TABLE_KEYS = ("T2", "T3", "T4")
SECTION_ORDER = ("preamble", "overview", "proactive", "requests", "review_litigation", "problems", "other")

LABELS: dict[str, dict[str, Any]] = {
    "zh": {
        "doc_title": "政府信息公开工作年度报告审核单", "generated": "生成时间", "tool": "检查工具",
        "summary": "汇总", "files": "文件", "errors": "错误", "warnings": "警告", "infos": "提示",
        "failed": "无法读取", "index": "文件索引", "filter": "筛选（文件名、机关、代码）", "all": "全部状态",
        "status": "状态", "organ": "机关", "year": "年度", "title": "标题", "organ_type": "机关类型",
        "format": "格式版本", "period": "统计期限", "published": "发布日期", "none": "（未识别）",
        "facts": "基本信息", "findings": "检查结果", "no_findings": "未发现问题", "code": "代码", "severity": "级别",
        "message": "说明", "evidence": "证据", "match": "原文", "general": "全文",
        "error": "错误", "warning": "警告", "info": "提示",
        "st_unreadable": "无法读取", "st_fail": "不通过", "st_review": "需复核", "st_pass": "通过",
        "sections": {"preamble": "标题与前言", "overview": "一、总体情况", "proactive": "二、主动公开政府信息情况",
                     "requests": "三、收到和处理政府信息公开申请情况",
                     "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
                     "problems": "五、存在的主要问题及改进情况", "other": "六、其他需要报告的事项"},
        "tables": "统计表", "no_tables": "未识别到表格", "table_n": "表格 {n}",
        "tnames": {"T2": "表二 主动公开政府信息情况", "T3": "表三 收到和处理政府信息公开申请情况",
                   "T4": "表四 政府信息公开行政复议、行政诉讼情况"},
        "not_assessed": "未评估", "failing": "不符", "text": "报告全文（标记处为检查发现的位置）",
        "legend_rm": "删除线：reportlint clean 将删除的内容", "legend_hl": "底色：检查发现的位置",
        "removed": "将被 reportlint clean 删除", "notes": "标注说明", "fix": "可删除",
        "signoff": "审核意见", "reviewer": "审核人", "date": "日期", "opinion": "意见",
        "back": "返回索引", "unreadable": "文件无法读取", "no_text": "（无文本）",
        "cell_fail": "单元格不符", "sheet": "审核单", "from_text": "由正文中的表格文字识别",
        "misaligned": "列可能错位",
        "pass_choice": "通过", "return_choice": "退回修改", "decision": "结论",
        "legend": "列说明", "unreadable_col": "无法读取", "previous": "上年报告",
        "families": {"M": "标题、机关、格式、时限", "S": "必备部分", "P": "统计期限", "T": "统计表勾稽关系",
                     "C": "正文与表格一致", "X": "跨年衔接", "Q": "合理性", "K": "转载污染",
                     "I": "个人信息", "W": "规范用语", "N": "发文字号", "D": "正文日期"},
        "sym": {"error": "✖", "warning": "▲", "info": "●"},
    },
    "en": {
        "doc_title": "Audit sheet: government information disclosure annual reports", "generated": "Generated",
        "tool": "Checked by", "summary": "Summary", "files": "Files", "errors": "Errors", "warnings": "Warnings",
        "infos": "Infos", "failed": "Unreadable", "index": "Index", "filter": "Filter (file, organ, code)",
        "all": "All statuses", "status": "Status", "organ": "Organ", "year": "Year", "title": "Title",
        "organ_type": "Organ type", "format": "Format version", "period": "Statistical period",
        "published": "Published", "none": "(not found)", "facts": "Facts", "findings": "Findings",
        "no_findings": "No problems found", "code": "Code", "severity": "Severity", "message": "Message",
        "evidence": "Evidence", "match": "Text", "general": "Whole document",
        "error": "error", "warning": "warning", "info": "info",
        "st_unreadable": "unreadable", "st_fail": "fail", "st_review": "review", "st_pass": "pass",
        "sections": {"preamble": "Title and preamble", "overview": "1 Overview", "proactive": "2 Proactive disclosure", "requests": "3 Requests",
                     "review_litigation": "4 Administrative review & litigation", "problems": "5 Problems",
                     "other": "6 Other matters"},
        "tables": "Statistical tables", "no_tables": "No table recognised", "table_n": "Table {n}",
        "tnames": {"T2": "Table 2 proactive disclosure", "T3": "Table 3 requests received and handled",
                   "T4": "Table 4 administrative review and litigation"},
        "not_assessed": "Not assessed", "failing": "does not hold", "text": "Document text (flagged spans marked)",
        "legend_rm": "struck through: removed by reportlint clean", "legend_hl": "shaded: flagged by a rule",
        "removed": "removed by reportlint clean", "notes": "Notes", "fix": "removable",
        "signoff": "Review", "reviewer": "Reviewer", "date": "Date", "opinion": "Opinion",
        "back": "back to index", "unreadable": "file could not be read", "no_text": "(no text)",
        "cell_fail": "failing cell", "sheet": "Audit sheet", "from_text": "read from flattened table text",
        "misaligned": "columns may be misaligned",
        "pass_choice": "Approved", "return_choice": "Returned for correction", "decision": "Decision",
        "legend": "Columns", "unreadable_col": "Unreadable", "previous": "Previous year",
        "families": {"M": "title, organ, format, deadline", "S": "required sections", "P": "statistical period",
                     "T": "table identities", "C": "text against tables", "X": "cross-year carry-over",
                     "Q": "plausibility", "K": "contamination of copies", "I": "personal data",
                     "W": "official wording", "N": "document numbers", "D": "dates in the text"},
        "sym": {"error": "✖", "warning": "▲", "info": "●"},
    },
}

CSS = """
:root{--err:#b3261e;--warn:#9a6700;--info:#0b6bcb;--ok:#1a7f37;--line:#d0d7de;--muted:#57606a}
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",
 "SimSun",sans-serif;font-size:14px;line-height:1.55;color:#1f2328;background:#f6f8fa}
main{max-width:none;margin:0;padding:12px 20px;background:#fff}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
h1{font-size:20px;margin:8px 0 4px}h2{font-size:17px;margin:18px 0 6px;border-bottom:2px solid #1f2328}
h3{font-size:15px;margin:14px 0 6px}h4{font-size:14px;margin:10px 0 4px}
.meta{color:var(--muted);font-size:12px}
table{border-collapse:collapse;width:100%;margin:4px 0 8px}
th,td{border:1px solid var(--line);padding:3px 6px;vertical-align:top;text-align:left}
th{background:#f0f3f6}
table.summary td,table.summary th{text-align:center}
table.facts th{width:7em;white-space:nowrap}
.sev{display:inline-block;padding:0 5px;border-radius:3px;color:#fff;font-size:12px;white-space:nowrap}
.sev.error{background:var(--err)}.sev.warning{background:var(--warn)}.sev.info{background:var(--info)}
.st{font-weight:bold;white-space:nowrap}.st.fail,.st.unreadable{color:var(--err)}.st.review{color:var(--warn)}
.st.pass{color:var(--ok)}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td.zero{color:#aab}
.ev{font-size:12px;color:var(--muted);overflow-wrap:anywhere}
.ev .k{color:#1f2328}.ev .identity{font-family:inherit;color:#1f2328}.ev .det{color:var(--muted)}
.ev details.raw summary{cursor:pointer;font-size:11px}.ev details.raw pre{white-space:pre-wrap;margin:2px 0}
table.findings{table-layout:fixed}table.findings col.c-n{width:2.6em}table.findings col.c-code{width:7.5em}
table.findings col.c-sev{width:5.5em}
.signoff .choice{display:flex;gap:24px;margin:10px 0 2px}.signoff .choice label{white-space:nowrap}
.signoff .choice input{width:1.1em;height:1.1em;vertical-align:-2px}
dl.legend{display:flex;flex-wrap:wrap;gap:2px 16px;margin:4px 0}dl.legend dt{font-weight:bold}
dl.legend dd{margin:0 8px 0 2px}
.ev code,.mt{font-family:inherit;background:#fff3cd;padding:0 2px}
pre.doctext{white-space:pre-wrap;word-break:break-word;font-family:inherit;border:1px solid var(--line);
 padding:8px;margin:4px 0;background:#fff}
mark.hl{background:#ffe8a3;color:inherit;padding:0;border-bottom:2px solid var(--warn)}
mark.hl.error{background:#ffd7d5;border-bottom-color:var(--err)}
mark.hl.info{background:#dbeafe;border-bottom-color:var(--info)}
mark.hl.rm{text-decoration:line-through;text-decoration-color:var(--err);text-decoration-thickness:2px}
mark.hl.last::after{content:"[" attr(data-n) "]";font-size:10px;vertical-align:super;color:var(--muted);
 text-decoration:none;display:inline-block}
table.stat{font-size:12px}
table.stat td{min-width:2em}
table.stat td.bad{background:#ffd7d5;outline:2px solid var(--err);outline-offset:-2px;font-weight:bold}
table.stat td.operand{background:#fff3cd}
table.stat th{font-weight:normal;text-align:center}table.stat th.rl{text-align:left;max-width:22em}
table.stat th.rl.missing{color:#aab;font-style:italic}table.stat td.blank{background:#f3f3f3}
ul.ids{margin:2px 0 10px;padding-left:18px}ul.ids li{color:var(--err)}
.legend{font-size:12px;color:var(--muted)}
.signoff{border:1.5px solid #1f2328;padding:10px 14px;margin:16px 0 4px;break-inside:avoid}
.signoff .ln{display:flex;gap:8px;margin:14px 0 4px}.signoff .ln span{white-space:nowrap}
.signoff .ln i{flex:1;border-bottom:1px solid #1f2328;min-height:1.3em}
.signoff .op i{min-height:4.5em}
.controls{display:flex;gap:8px;margin:6px 0}.controls input{flex:1;padding:4px}
th.sortable{cursor:pointer;user-select:none}th.sortable::after{content:" \\21C5";color:#999;font-size:11px}
a{color:#0b6bcb}
.na{font-size:12px;color:var(--muted)}
@media print{
 @page{size:A4;margin:14mm 12mm}
 body{background:#fff;font-size:11pt}
 main{max-width:none;padding:0}
 .noprint,.controls,.back{display:none!important}
 section.sheet{break-before:page}
 th.sortable::after{content:none}
 tr,mark,.signoff{break-inside:avoid}
 a{color:inherit;text-decoration:none}
 table.stat td.bad{outline:2px solid #000}
 table{width:100%;max-width:100%;table-layout:fixed}
 th,td{overflow-wrap:anywhere;word-break:break-word}
 table.stat{font-size:7.5pt}table.stat th,table.stat td{padding:1px 2px}table.stat td{min-width:0}
 table.stat th.rl{max-width:none}
 table.findings col.c-n{width:2.2em}table.findings col.c-code{width:6.5em}table.findings col.c-sev{width:4.5em}
 table.index{font-size:8pt}table.index th,table.index td{padding:1px 3px}
 details.raw{display:none}
}
"""

JS = """
(function(){
 var idx=document.getElementById('index');if(!idx)return;
 var body=idx.tBodies[0],q=document.getElementById('q'),st=document.getElementById('st');
 function apply(){var t=(q.value||'').toLowerCase(),s=st.value;
  Array.prototype.forEach.call(body.rows,function(r){
   var ok=(!t||r.getAttribute('data-search').toLowerCase().indexOf(t)>=0)&&(!s||r.getAttribute('data-status')===s);
   r.style.display=ok?'':'none';});}
 q.addEventListener('input',apply);st.addEventListener('change',apply);
 Array.prototype.forEach.call(idx.tHead.rows[0].cells,function(th,i){
  if(!th.classList.contains('sortable'))return;
  th.addEventListener('click',function(){
   var dir=th.getAttribute('data-dir')==='asc'?'desc':'asc';
   Array.prototype.forEach.call(idx.tHead.rows[0].cells,function(h){h.removeAttribute('data-dir');});
   th.setAttribute('data-dir',dir);
   var num=th.getAttribute('data-type')==='num';
   var rows=Array.prototype.slice.call(body.rows);
   rows.sort(function(a,b){var x=a.cells[i].getAttribute('data-v'),y=b.cells[i].getAttribute('data-v');
    var c=num?(parseFloat(x)-parseFloat(y)):x.localeCompare(y,'zh');return dir==='asc'?c:-c;});
   rows.forEach(function(r){body.appendChild(r);});});});
})();
"""


def _e(v: Any) -> str:
    """Escape any value for HTML text or a quoted attribute; NULs become U+FFFD."""
    return escape("" if v is None else str(v), quote=True).replace("\x00", "\ufffd")


def _family(code: str) -> str:
    tail = code.rsplit("-", 1)[-1]
    return tail[:1].upper() if tail else "?"


def _status(r, config) -> str:
    if r.error:
        return "unreadable"
    if any(config.fails(f.severity) for f in r.findings):
        return "fail"
    return "review" if r.findings else "pass"


# --------------------------------------------------------------------------------------------- highlighting

def _highlight(text: str, spans: list[dict]) -> str:
    """``text`` escaped, with each span wrapped in ``<mark>``; crossing spans are split so tags nest properly.

    Each span is ``{"start", "end", "attrs": {...}, "cls": str}``; every piece of a span carries the same
    ``data-f``, so the pieces of one span concatenate to exactly ``text[start:end]``. The last piece of each span
    gets the class ``last`` (it shows the note number).
    """
    spans = [s for s in spans if 0 <= s["start"] < s["end"] <= len(text)]
    if not spans:
        return _e(text)
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, s in enumerate(spans):
        starts.setdefault(s["start"], []).append(i)
        ends.setdefault(s["end"], []).append(i)
    bounds = sorted(set(starts) | set(ends))
    out: list[str] = []
    stack: list[int] = []
    pos = 0

    def open_tag(i: int) -> str:
        s = spans[i]
        attrs = "".join(f' {k}="{_e(v)}"' for k, v in s["attrs"].items())
        return f'<mark class="{s["cls"]}{{LAST{i}}}"{attrs}>'

    pieces_last: dict[int, int] = {}  # span index → index in out of its last opening tag
    for b in bounds:
        out.append(_e(text[pos:b]))
        pos = b
        closing = set(ends.get(b, ()))
        reopen: list[int] = []
        if closing & set(stack):
            k = min(j for j, i in enumerate(stack) if i in closing)
            popped = stack[k:]
            del stack[k:]
            out.append("</mark>" * len(popped))
            reopen = [i for i in popped if i not in closing]
        to_open = reopen + starts.get(b, [])
        to_open.sort(key=lambda i: (-spans[i]["end"], i))
        for i in to_open:
            pieces_last[i] = len(out)
            out.append(open_tag(i))
            stack.append(i)
    out.append(_e(text[pos:]))
    out.append("</mark>" * len(stack))
    for i, j in pieces_last.items():
        out[j] = out[j].replace(f"{{LAST{i}}}", " last")
    return re.sub(r"\{LAST\d+\}", "", "".join(out))


# --------------------------------------------------------------------------------------------- tables

def _walk_spans(obj: Any, out: list[dict]) -> list[dict]:
    """Every dict inside ``obj`` that carries integer ``start``/``end`` offsets (cells, operands)."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int):
            out.append(obj)
        for v in obj.values():
            _walk_spans(v, out)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            _walk_spans(v, out)
    return out


def _canonical_tables(analysis) -> dict[str, list[dict]]:
    """The located cells of the pack's canonical tables (``Analysis.tables``), by key, whatever shape lands."""
    out: dict[str, list[dict]] = {}
    for key, t in (getattr(analysis, "tables", None) or {}).items():
        try:
            d = t.to_dict() if hasattr(t, "to_dict") else t
        except Exception:  # a renderer never fails a run over an analysis it only displays
            continue
        out[str(key)] = _walk_spans(d, [])
    return out


def _cell_offsets(text: str, blk) -> list[tuple[Any, int | None, int | None]]:
    """Each source cell with its offsets in ``Document.text``, found in reading order inside the block."""
    cur = blk.start
    res = []
    for c in sorted(blk.table.cells, key=lambda c: (c.row, c.col)):
        i = text.find(c.text, cur, blk.end) if c.text else -1
        if i < 0:
            res.append((c, None, None))
            continue
        res.append((c, i, i + len(c.text)))
        cur = i + len(c.text)
    return res


def _key_eq(a: Any, b: Any) -> bool:
    return a is not None and b is not None and str(a) == str(b)


def _identity_text(f) -> str:
    """The failing identity as written by the rule: its message, plus the operands when the evidence lists them."""
    ev = f.evidence or {}
    for k in ("identity", "equation", "expression", "formula"):
        if isinstance(ev.get(k), str) and ev[k]:
            return f"{f.message}（{ev[k]}）" if ev[k] not in f.message else f.message
    return f.message


def _canon_dicts(analysis) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for key, t in (getattr(analysis, "tables", None) or {}).items():
        try:
            d = t.to_dict() if hasattr(t, "to_dict") else t
        except Exception:  # a renderer never fails a run over an analysis it only displays
            continue
        if isinstance(d, dict) and isinstance(d.get("rows"), list):
            out[str(key)] = d
    return out


def _ids_list(r, idx: list[int], nums, L) -> str:
    if not idx:
        return ""
    return '<ul class="ids">' + "".join(
        f'<li data-f="{nums[i]}">[{nums[i]}] {_e(r.findings[i].code)} {_e(_identity_text(r.findings[i]))}</li>'
        for i in idx) + "</ul>"


def _official_header(key: str, cols: list[dict], ncols_label: int) -> str:
    """Header rows of the official layout (30号): T3 申请人情况 / 法人或其他组织, T4 行政复议 / 行政诉讼; else labels."""
    labels = [c.get("label") or c.get("key") for c in cols]
    if key == "T3" and len(labels) == 7:
        return ('<tr><th rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>'
                '<th colspan="7">申请人情况</th></tr>'
                f'<tr><th rowspan="2">{_e(labels[0])}</th><th colspan="5">法人或其他组织</th>'
                f'<th rowspan="2">{_e(labels[6])}</th></tr>'
                "<tr>" + "".join(f"<th>{_e(x)}</th>" for x in labels[1:6]) + "</tr>")
    if key == "T4" and len(labels) == 15 and all(" " in x for x in labels):
        groups = []
        for x in labels:
            g, sub = x.split(" ", 1)
            if not groups or groups[-1][0] != g:
                groups.append((g, []))
            groups[-1][1].append(sub)
        if len(groups) == 3:
            return (f'<tr><th rowspan="3"></th><th colspan="{len(groups[0][1])}" rowspan="2">{_e(groups[0][0])}</th>'
                    f'<th colspan="{len(groups[1][1]) + len(groups[2][1])}">行政诉讼</th></tr>'
                    f'<tr><th colspan="{len(groups[1][1])}">{_e(groups[1][0])}</th>'
                    f'<th colspan="{len(groups[2][1])}">{_e(groups[2][0])}</th></tr>'
                    "<tr>" + "".join(f"<th>{_e(x)}</th>" for _, subs in groups for x in subs) + "</tr>")
    return "<tr><th>信息内容</th>" + "".join(f"<th>{_e(x)}</th>" for x in labels) + "</tr>"


def _render_canonical(r, key: str, d: dict, L, nums) -> tuple[str, list[int]]:
    """One canonical table re-rendered in the official layout, failing cells marked; returns its findings too."""
    colinfo = {c.get("key"): c for c in d.get("columns") or []}
    mine = [i for i, f in enumerate(r.findings) if f.location.table == key]
    ts, te = d.get("start"), d.get("end")
    for i, f in enumerate(r.findings):
        loc = f.location
        if (i not in mine and isinstance(ts, int) and isinstance(te, int) and loc.end > loc.start
                and loc.start < te and ts < loc.end and _family(f.code) == "T"):
            mine.append(i)
    rows_html: list[str] = []
    prev_cols = None
    for row in d["rows"]:
        cells = row.get("cells") or []
        col_keys = [c.get("col") for c in cells]
        if col_keys != prev_cols:
            rows_html.append(_official_header(key, [colinfo.get(k, {"key": k}) for k in col_keys], 1))
            prev_cols = col_keys
        found = row.get("found", True)
        label = row.get("label_as_written") or row.get("label") or row.get("row")
        tds = [f'<th class="rl{"" if found else " missing"}" title="{_e(row.get("label") or "")}">{_e(label)}</th>']
        for c in cells:
            hits = [i for i in mine if _key_eq(r.findings[i].location.row, c.get("row"))
                    and _key_eq(r.findings[i].location.col, c.get("col"))]
            cs, ce = c.get("start"), c.get("end")
            if isinstance(cs, int) and isinstance(ce, int) and ce > cs:
                hits += [i for i, f in enumerate(r.findings)
                         if i not in hits and f.location.end > f.location.start
                         and f.location.start < ce and cs < f.location.end
                         and (f.location.table == key or _family(f.code) == "T")]
            cls = ["num"]
            if hits:
                cls.append("bad")
            elif c.get("failed"):
                cls.append("operand")
            kind = c.get("kind")
            text = c.get("text")
            if kind in ("missing", "blank") or text in (None, ""):
                cls.append("blank")
            attrs = f' class="{" ".join(cls)}" data-row="{_e(c.get("row"))}" data-col="{_e(c.get("col"))}"'
            if hits:
                attrs += (f' data-f="{_e(" ".join(str(nums[i]) for i in hits))}" title="'
                          + _e("；".join(f"{r.findings[i].code} {r.findings[i].message}" for i in hits)) + '"')
            tds.append(f"<td{attrs}>{_e(text if text not in (None, '') else '')}</td>")
        rows_html.append("<tr>" + "".join(tds) + "</tr>")
    cap = L["tnames"].get(key, d.get("name") or key)
    extra = []
    if d.get("version"):
        extra.append(f'{_e(L["format"])} {_e(d["version"])}')
    if d.get("source") == "text":
        extra.append(_e(L["from_text"]))
    if d.get("misaligned"):
        extra.append(_e(L["misaligned"]))
    meta = f' <span class="meta">（{"，".join(extra)}）</span>' if extra else ""
    html = (f'<h4>{_e(cap)}{meta}</h4><table class="stat canon" data-table="{_e(key)}">\n'
            + "\n".join(rows_html) + "</table>\n" + _ids_list(r, mine, nums, L))
    return html, mine


def _render_source_table(r, blk, caption: str, nums, keys: list[str], canon_spans) -> tuple[str, list[int]]:
    """A table block as found in the document (cells with their spans), cells inside a finding's span marked."""
    text = r.analysis.doc.text
    shown = text_of(r) or text  # personal numbers masked (same offsets)
    bad: list[tuple[int, int, int]] = []
    oper: list[tuple[int, int]] = []
    mine: list[int] = []
    for i, f in enumerate(r.findings):
        loc = f.location
        hit = False
        if loc.end > loc.start and loc.start < blk.end and blk.start < loc.end:
            bad.append((loc.start, loc.end, i))
            hit = True
        elif loc.table and loc.table in keys:
            for s in canon_spans.get(loc.table, []):
                if _key_eq(s.get("row"), loc.row) and _key_eq(s.get("col"), loc.col):
                    bad.append((s["start"], s["end"], i))
            hit = True
        if hit:
            mine.append(i)
            for s in _walk_spans(f.evidence, []):
                oper.append((s["start"], s["end"]))
    grid: dict[int, list] = {}
    for c, s, e in _cell_offsets(text, blk):
        grid.setdefault(c.row, []).append((c, s, e))
    rows_html = []
    for row in range(blk.table.n_rows):
        tds = []
        for c, s, e in grid.get(row, []):
            attrs = ""
            if c.rowspan > 1:
                attrs += f' rowspan="{c.rowspan}"'
            if c.colspan > 1:
                attrs += f' colspan="{c.colspan}"'
            cls = []
            hits = []
            if s is not None:
                hits = [i for (bs, be, i) in bad if bs < e and s < be]
                if hits:
                    cls.append("bad")
                elif any(os_ < e and s < oe for os_, oe in oper):
                    cls.append("operand")
            if c.text.strip().replace(",", "").replace(".", "", 1).isdigit():
                cls.append("num")
            if cls:
                attrs += f' class="{" ".join(cls)}"'
            if hits:
                attrs += (f' data-f="{_e(" ".join(str(nums[i]) for i in hits))}" title="'
                          + _e("；".join(f"{r.findings[i].code} {r.findings[i].message}" for i in hits)) + '"')
            tds.append(f"<td{attrs}>{_e(shown[s:e] if s is not None else c.text)}</td>")
        rows_html.append("<tr>" + "".join(tds) + "</tr>")
    tid = f' data-table="{_e(" ".join(keys))}"' if keys else ""
    return (f'<h4>{_e(caption)}</h4><table class="stat source"{tid}>\n' + "\n".join(rows_html) + "</table>\n",
            mine)


def _render_tables(r, L, nums: dict[int, int]) -> str:
    """The statistical tables: the canonical T2/T3/T4 in the official layout when recognised (issue 4's
    ``Analysis.tables``); other table blocks as found; 「未识别到表格」 with the not-assessed reasons otherwise."""
    a = r.analysis
    doc = a.doc
    blocks = [b for b in doc.blocks if b.kind == TABLE and b.table is not None]
    canon = _canon_dicts(a)
    canon_spans = _canonical_tables(a)
    out = [f'<h3>{_e(L["tables"])}</h3>']
    used: set[int] = set()
    for key in sorted(canon, key=lambda k: (TABLE_KEYS.index(k) if k in TABLE_KEYS else 9, k)):
        html, mine = _render_canonical(r, key, canon[key], L, nums)
        out.append(html)
        used.update(mine)
    if canon:
        missing = [k for k in TABLE_KEYS if k not in canon]
        for k in missing:
            out.append(f'<p class="na no-table" data-table="{k}">{_e(L["tnames"][k])}：{_e(L["no_tables"])}</p>')
    # source tables not already shown as a canonical table
    shown = [(d.get("start"), d.get("end")) for d in canon.values()
             if isinstance(d.get("start"), int) and isinstance(d.get("end"), int) and d.get("source") != "text"]
    rest_blocks = [b for b in blocks if not any(s < b.end and b.start < e for s, e in shown)]
    for n, blk in enumerate(rest_blocks, 1):
        keys = [k for k, spans in canon_spans.items()
                if any(s["start"] < blk.end and blk.start < s["end"] for s in spans)]
        cap = "、".join(L["tnames"].get(k, k) for k in keys) if keys else L["table_n"].format(n=n)
        html, mine = _render_source_table(r, blk, cap, nums, keys, canon_spans)
        out.append(html)
        out.append(_ids_list(r, [i for i in mine if i not in used and (
            r.findings[i].location.table or _family(r.findings[i].code) == "T")], nums, L))
        used.update(mine)
    if not canon and not blocks:
        out.append(f'<p class="na no-tables">{_e(L["no_tables"])}</p>')
    rest = [i for i, f in enumerate(r.findings) if (f.location.table or _family(f.code) == "T") and i not in used]
    out.append(_ids_list(r, rest, nums, L))
    na = [n for n in r.not_assessed if _family(n["code"]) in ("T", "C") or n["code"].endswith("S004")]
    if na:
        out.append(_not_assessed(na, "en" if L is LABELS["en"] else "zh"))
    return "\n".join(x for x in out if x)


# --------------------------------------------------------------------------------------------- per file

def _facts(r, L, ctx) -> str:
    f = r.facts or {}
    ot = f.get("organ_type")
    period = f.get("period")
    rows = [
        (L["title"], f.get("title")),
        (L["organ"], f.get("organ")),
        (L["organ_type"], term(ctx.pack, "organ_types", ot, ctx.lang) if ot else None),
        (L["year"], f.get("year")),
        (L["format"], f.get("format_version")),
        (L["period"], f"{period.get('start')} — {period.get('end')}" if isinstance(period, dict) else period),
        (L["published"], f.get("published")),
    ]
    if getattr(r, "previous", None):
        rows.append((L["previous"], r.previous))
    return '<table class="facts">' + "".join(
        f"<tr><th>{_e(k)}</th><td>{_e(v) if v not in (None, '') else _e(L['none'])}</td></tr>\n" for k, v in rows
    ) + "</table>"


def reading_order(r) -> list[int]:
    """Finding indices in the order the sheet shows them: whole-document findings first, then by section in the
    order of the report, each group in text order. The findings are numbered in this order."""
    order = {k: n for n, k in enumerate(SECTION_ORDER)}

    def key(i):
        f = r.findings[i]
        loc = f.location
        sec = loc.section
        return (-1 if not sec else order.get(sec, len(order)), loc.start, i)

    return sorted(range(len(r.findings)), key=key)


def _group_key(f) -> str:
    """A finding's group on the sheet: its section (a missing section under its own heading), else 全文."""
    return f.location.section or ""


def _findings(r, L, nums, aid: str, ctx) -> str:
    if not r.findings:
        return f'<p class="st pass">✓ {_e(L["no_findings"])}</p>'
    out = []
    current = None
    for i in reading_order(r):
        f = r.findings[i]
        key = _group_key(f)
        if key != current:
            if current is not None:
                out.append("</tbody></table>")
            current = key
            title = L["sections"].get(key, key) if key else L["general"]
            out.append(f'<h4>{_e(title)}</h4><table class="findings"><colgroup><col class="c-n"><col class="c-code">'
                       f'<col class="c-sev"><col></colgroup><thead><tr><th>#</th><th>{_e(L["code"])}</th>'
                       f'<th>{_e(L["severity"])}</th><th>{_e(L["message"])}</th></tr></thead><tbody>')
        sev = str(f.severity)
        loc = f.location
        place = where(r, f, ctx.lang)
        if not place and loc.end > loc.start:
            place = f"{loc.line}:{loc.column}"
        match = f'<div class="ev">{_e(L["match"])}: <span class="mt">{_e(f.match)}</span></div>' if f.match else ""
        fix = f' <span class="ev">（{_e(L["removed"])}）</span>' if f.fix is not None else ""
        out.append(
            f'<tr id="{aid}-f{nums[i]}" data-code="{_e(f.code)}" data-n="{nums[i]}"><td>{nums[i]}</td>'
            f'<td>{_e(f.code)}<div class="ev">{_e(place)}</div></td>'
            f'<td><span class="sev {sev}">{L["sym"][sev]} {_e(L[sev])}</span></td>'
            f'<td>{_e(f.message)}{fix}{match}{evidence_html(f, r, ctx.pack, ctx.lang)}</td></tr>\n')
    out.append("</tbody></table>")
    return "".join(out)


def _doctext(r, L, nums) -> str:
    text = (text_of(r) or "") if r.analysis else ""  # personal numbers masked
    if not text:
        return f'<p class="na">{_e(L["no_text"])}</p>'
    spans = []
    for i, f in enumerate(r.findings):
        loc = f.location
        if loc.end <= loc.start:
            continue
        rm = f.fix is not None
        title = f"[{nums[i]}] {f.code} {f.message}"
        if rm:
            title = f"{L['removed']}：{title}"
        spans.append({"start": loc.start, "end": loc.end,
                      "cls": f"hl {f.severity}" + (" rm" if rm else ""),
                      "attrs": {"data-f": nums[i], "data-n": nums[i], "data-code": f.code, "title": title}})
    return (f'<p class="legend">{_e(L["legend_hl"])}；<span style="text-decoration:line-through">'
            f'{_e(L["legend_rm"])}</span>；[n] = {_e(L["findings"])} #</p>'
            f'<pre class="doctext">{_highlight(text, spans)}</pre>')


def _signoff(L, aid: str = "") -> str:
    name = f"decision-{aid}" if aid else "decision"
    return (f'<div class="signoff"><strong>{_e(L["signoff"])}</strong>'
            f'<div class="choice" role="radiogroup" aria-label="{_e(L["decision"])}">'
            f'<label><input type="radio" name="{_e(name)}" value="pass"> {_e(L["pass_choice"])}</label>'
            f'<label><input type="radio" name="{_e(name)}" value="return"> {_e(L["return_choice"])}</label></div>'
            f'<div class="ln"><span>{_e(L["reviewer"])}：</span><i></i><span>{_e(L["date"])}：</span><i></i></div>'
            f'<div class="ln op"><span>{_e(L["opinion"])}：</span><i></i></div></div>')


def _sheet(r, L, ctx, many: bool, aid: str) -> str:
    st = _status(r, ctx.config)
    head = (f'<section class="sheet" id="{aid}" data-status="{st}"><h2>{_e(r.path)} '
            f'<span class="st {st}">{_e(L["st_" + st])}</span></h2>')
    if many:
        head += f'<p class="back noprint"><a href="#index">↑ {_e(L["back"])}</a></p>'
    if r.error:
        return (head + f'<p class="st unreadable">{_e(L["unreadable"])}：{_e(r.error.get("code"))} '
                f'{_e(r.error.get("message"))}</p>' + _signoff(L, aid) + "</section>")
    nums = {i: n for n, i in enumerate(reading_order(r), 1)}
    body = [f'<h3>{_e(L["facts"])}</h3>', _facts(r, L, ctx), f'<h3>{_e(L["findings"])}</h3>',
            _findings(r, L, nums, aid, ctx)]
    if r.analysis is not None:
        body.append(_render_tables(r, L, nums))
        if getattr(ctx, "html_text", True):
            body.append(f'<h3>{_e(L["text"])}</h3>')
            body.append(_doctext(r, L, nums))
    if r.not_assessed:
        body.append(_not_assessed(r.not_assessed, ctx.lang))
    return head + "\n" + "\n".join(body) + "\n" + _signoff(L, aid) + "</section>"


def _not_assessed(entries: list[dict], lang: str) -> str:
    """One line saying how many rules were not assessed and what they lacked; the list in a <details>."""
    from ..i18n import not_assessed_line

    items = "".join(f'<li>{_e(n["code"])}：{_e(n.get("reason"))}</li>' if lang != "en"
                    else f'<li>{_e(n["code"])}: {_e(n.get("reason"))}</li>' for n in entries)
    return (f'<details class="na"><summary>{_e(not_assessed_line(entries, lang))}</summary>'
            f"<ul>{items}</ul></details>")


# --------------------------------------------------------------------------------------------- page

def _summary(results, L) -> str:
    s = summary(results)
    codes: dict[str, int] = {}
    for r in results:
        for f in r.findings:
            codes[f.code] = codes.get(f.code, 0) + 1
    cells = [(L["files"], s["files"]), (L["errors"], s["errors"]), (L["warnings"], s["warnings"]),
             (L["infos"], s["infos"]), (L["failed"], s["failed_to_read"])]
    out = ['<table class="summary" id="summary"><tr>' + "".join(f"<th>{_e(k)}</th>" for k, _ in cells) + "</tr><tr>"
           + "".join(f"<td>{v}</td>" for _, v in cells) + "</tr></table>"]
    if codes:
        out.append('<p class="meta">' + " ".join(f"{_e(c)}×{n}" for c, n in sorted(codes.items())) + "</p>")
    return "".join(out)


def _index(results, L, ctx, anchors: list[str]) -> str:
    fam_cols = "".join(f'<th class="sortable" data-type="num">{f}</th>' for f in FAMILIES)
    head = (f'<thead><tr><th class="sortable" data-type="num">#</th><th class="sortable">{_e(L["files"])}</th>'
            f'<th class="sortable">{_e(L["status"])}</th><th class="sortable">{_e(L["organ"])}</th>'
            f'<th class="sortable" data-type="num">{_e(L["year"])}</th>{fam_cols}'
            f'<th class="sortable" data-type="num">{_e(L["errors"])}</th>'
            f'<th class="sortable" data-type="num">{_e(L["warnings"])}</th>'
            f'<th class="sortable">{_e(L["unreadable_col"])}</th><th class="sortable">{_e(L["previous"])}</th>'
            '</tr></thead>')
    rows = []
    for n, r in enumerate(results, 1):
        st = _status(r, ctx.config)
        fam = {k: 0 for k in FAMILIES}
        for f in r.findings:
            k = _family(f.code)
            if k in fam:
                fam[k] += 1
        organ = (r.facts or {}).get("organ") or ""
        year = (r.facts or {}).get("year")
        c = r.counts()
        codes = " ".join(sorted({f.code for f in r.findings}))
        err = (r.error or {}).get("code") or ""
        err_msg = (r.error or {}).get("message") or ""
        # an unreadable file is listed with its E-code and reason, never left out
        why = (f'<span class="ecode">{_e(err)}</span> <span class="reason">{_e(err_msg)}</span>' if err else "")
        prev = getattr(r, "previous", None) or ""
        prev_n = next((m for m, x in enumerate(results, 1) if prev and x.path == prev), None)
        prev_html = (f'<a href="#{anchors[prev_n - 1]}">{_e(prev)}</a>' if prev_n else _e(prev))
        search = f"{r.path} {organ} {codes} {err}"
        famtds = "".join(f'<td class="num{" zero" if v == 0 else ""}" data-v="{v}">{v}</td>' for v in fam.values())
        rows.append(
            f'<tr data-status="{st}" data-search="{_e(search)}"><td data-v="{n}">{n}</td>'
            f'<td data-v="{_e(r.path)}"><a href="#{anchors[n - 1]}">{_e(r.path)}</a></td>'
            f'<td data-v="{st}"><span class="st {st}">{_e(L["st_" + st])}</span></td>'
            f'<td data-v="{_e(organ)}">{_e(organ)}</td><td class="num" data-v="{_e(year or 0)}">{_e(year or "")}</td>'
            f'{famtds}<td class="num" data-v="{c["errors"]}">{c["errors"]}</td>'
            f'<td class="num" data-v="{c["warnings"]}">{c["warnings"]}</td>'
            f'<td class="err" data-v="{_e(err)}">{why}</td>'
            f'<td data-v="{_e(prev)}">{prev_html}</td></tr>\n')
    opts = "".join(f'<option value="{k}">{_e(L["st_" + k])}</option>'
                   for k in ("fail", "review", "pass", "unreadable"))
    controls = (f'<div class="controls noprint"><input id="q" type="search" placeholder="{_e(L["filter"])}" '
                f'aria-label="{_e(L["filter"])}"><select id="st" aria-label="{_e(L["status"])}">'
                f'<option value="">{_e(L["all"])}</option>{opts}</select></div>')
    legend = (f'<dl class="legend" aria-label="{_e(L["legend"])}">'
              + "".join(f"<dt>{k}</dt><dd>{_e(v)}</dd>" for k, v in L["families"].items()) + "</dl>")
    return (f'<h2>{_e(L["index"])}</h2>{controls}{legend}<table id="index" class="index">{head}<tbody>'
            + "".join(rows) + "</tbody></table>")


def _csp_hash(js: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")


def render(results, ctx) -> str:
    L = LABELS["en" if ctx.lang == "en" else "zh"]
    many = len(results) > 1
    anchors = [f"file-{n}" for n in range(1, len(results) + 1)]
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; script-src '{_csp_hash(JS)}'; img-src data:; "
           "base-uri 'none'; form-action 'none'; connect-src 'none'; font-src 'none'")
    now = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if ctx.lang == "en" else "zh-CN"}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(csp)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_e(L['doc_title'])}</title><style>{CSS}</style></head><body><main>",
        f'<h1>{_e(L["doc_title"])}</h1>',
        f'<p class="meta">{_e(L["tool"])}: reportlint <span class="version">{_e(__version__)}</span> · '
        f'{_e(ctx.pack.name)} <span class="rules-sha">{_e(ctx.pack.sha256[:12])}</span> · '
        f'{_e(L["generated"])}: <time class="generated">{_e(now)}</time></p>',
        f'<h2>{_e(L["summary"])}</h2>',
        _summary(results, L),
    ]
    if many:
        parts.append(_index(results, L, ctx, anchors))
    for r, aid in zip(results, anchors):
        parts.append(_sheet(r, L, ctx, many, aid))
    parts.append(f"</main><script>{JS}</script></body></html>\n")
    return "\n".join(parts)
