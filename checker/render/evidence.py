"""Evidence under a finding in the reviewer's language: the identity with its operands and the expected value,
the signals as words, the other keys labelled; every key shown (new keys too), the raw JSON only in a collapsed
<details> element."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from ..i18n import place, table_name, term

KEYS = {
    "zh": {"category": "类别", "tier": "处理", "score": "得分", "section": "部分", "format": "格式版本",
           "published": "发布日期", "source": "来源", "deadline": "法定时限", "organ_type": "机关类型",
           "basis": "依据", "label": "行标题", "organ_province": "机关所在省份", "fields": "联系信息",
           "signals": "依据的信号", "identity": "勾稽关系", "table": "表格", "cell": "单元格", "expected": "应为",
           "actual": "实为", "identities": "涉及的勾稽关系", "rows": "行", "missing": "缺少的行",
           "unreadable": "无法读取的行", "version": "格式版本", "similarity": "相似度", "cells": "单元格数",
           "earliest": "最早日期", "period": "统计期限", "year": "年度", "value": "数值", "text": "原文",
           "each": "按", "kind": "类型", "previous": "上年报告", "operands": "运算项", "row": "行", "col": "列", "field": "类型", "province": "省份",
           "previous_row": "上年报告的行", "previous_col": "上年报告的列", "columns": "各列", "raw": "原始证据（JSON）"},
    "en": {"category": "category", "tier": "handling", "score": "score", "section": "section", "format": "format",
           "published": "published", "source": "source", "deadline": "deadline", "organ_type": "organ type",
           "basis": "basis", "label": "row label", "organ_province": "the organ's province", "fields": "contacts",
           "signals": "signals", "identity": "identity", "table": "table", "cell": "cell", "expected": "expected",
           "actual": "written", "identities": "identities broken", "rows": "rows", "missing": "missing rows",
           "unreadable": "unreadable rows", "version": "format", "similarity": "similarity", "cells": "cells",
           "earliest": "earliest", "period": "period", "year": "year", "value": "value", "text": "text",
           "each": "for", "kind": "kind", "previous": "previous year", "operands": "operands", "row": "row", "col": "column", "field": "kind",
           "province": "province",
           "previous_row": "previous year's row", "previous_col": "previous year's column", "columns": "columns",
           "raw": "raw evidence (JSON)"},
}
VALUES = {
    "zh": {"tier": {"remove": "删除（reportlint clean）", "strip": "去除网页框架（reportlint clean）",
                    "flag": "仅提示，不删除", "none": "不删除"},
           "category": {"ad": "广告", "footer": "页脚", "chrome": "网页框架", "truncation": "句子截断",
                        "placeholder_phone": "占位电话", "region": "地区不符", "stuffing": "关键词堆砌",
                        "substitution": "名称被替换", "hidden": "隐藏文本", "pinyin": "拼音注音",
                        "traditional": "繁体副本", "garbled": "乱码", "portal": "非政府网址", "widget": "表单控件",
                        "title": "标题"},
           "field": {"area-code": "区号", "address": "地址", "phone": "电话", "postcode": "邮编", "domain": "域名"},
           "source": {"page": "网页发布时间", "text": "正文落款", "title": "标题", "metadata": "文件元数据"}},
    "en": {"tier": {"remove": "removed (reportlint clean)", "strip": "page chrome stripped (reportlint clean)",
                    "flag": "flagged only, not removed", "none": "not removed"}},
}
SKIP = {"lhs", "rhs", "lhs_sum", "rhs_sum", "each"}  # shown as the written-out identity


def _e(v: Any) -> str:
    return escape("" if v is None else str(v), quote=True).replace("\x00", "\ufffd")


class Labels:
    """Row and column labels of the canonical tables of one result (its Analysis), for operands."""

    def __init__(self, r) -> None:
        a = getattr(r, "analysis", None)
        self.tables = getattr(a, "tables", None) or {}

    def short(self, table: str | None, key: str | None) -> str:
        t = self.tables.get(table or "")
        if t is not None and key:
            try:
                return t.short(key)
            except Exception:  # a renderer never fails a run over what it only displays
                return key
        return key or ""


def _operand(op: dict, table: str | None, axis_same: str | None, labels: Labels) -> str:
    row, col = op.get("row"), op.get("col")
    if axis_same == "col":
        name = labels.short(table, row)
    elif axis_same == "row":
        name = labels.short(table, col)
    else:
        name = " × ".join(x for x in (labels.short(table, row), labels.short(table, col)) if x)
    v = op.get("text") if op.get("text") not in (None, "") else op.get("value")
    return f"{name}({v if v not in (None, '') else '∅'})"


def _same(ops: list[dict]) -> str | None:
    cols = {o.get("col") for o in ops}
    rows = {o.get("row") for o in ops}
    if len(cols) == 1:
        return "col"
    if len(rows) == 1:
        return "row"
    return None


def identity_html(d: dict, labels: Labels, lang: str, default_table: str | None = None) -> str:
    """lhs = Σ, rhs = Σ written out with the operands' own labels; ≠ when the sums differ."""
    table = d.get("table") or default_table
    lhs, rhs = d.get("lhs") or [], d.get("rhs") or []
    ops = [o for o in lhs + rhs if isinstance(o, dict)]
    same = _same(ops)
    head = ""
    if same == "col" and ops:
        head = (f"{labels.short(table, ops[0].get('col'))}列：" if lang != "en"
                else f"column {labels.short(table, ops[0].get('col'))}: ")
    elif same == "row" and ops:
        head = (f"{labels.short(table, ops[0].get('row'))}行：" if lang != "en"
                else f"row {labels.short(table, ops[0].get('row'))}: ")

    def side(xs, total):
        s = " + ".join(_operand(o, table, same, labels) for o in xs if isinstance(o, dict))
        return s + (f" = {total}" if total is not None and len(xs) > 1 else "")

    ls, rs = d.get("lhs_sum"), d.get("rhs_sum")
    rel = "≠" if ls is not None and rs is not None and ls != rs else "="
    name = table_name(table, lang)
    return (f'<span class="identity">{_e(name)} {_e(head)}{_e(side(lhs, ls))} <b>{rel}</b> '
            f'{_e(side(rhs, rs))}</span>')


def _dict_words(d: dict, labels: Labels, lang: str, table: str | None, row: str | None, col: str | None,
                pack) -> str:
    """One dict of a list (a column of a carry-over, a field of a contact …): its cell by the table's labels
    when it names a row or a column, then its other keys as words."""
    K = KEYS["en" if lang == "en" else "zh"]
    out = []
    if isinstance(d.get("row"), str) or isinstance(d.get("col"), str):
        t = d.get("table") or table
        r_, c_ = d.get("row") or row, d.get("col") or col
        out.append(_e(place({"table": t, "row_label": labels.short(t, r_) if r_ else None,
                             "col_label": labels.short(t, c_) if c_ else None}, None, lang)))
    for k, y in d.items():
        if k in ("row", "col", "table") or y in (None, ""):
            continue
        out.append(f"{_e(K.get(k, k))} {_value(k, y, pack, lang, labels, table)}")
    return ("，" if lang != "en" else ", ").join(out)


def _value(key: str, v: Any, ctx_pack, lang: str, labels: Labels, table: str | None, row: str | None = None,
           col: str | None = None) -> str:
    vals = VALUES.get(lang, {}).get(key, {})
    if key == "organ_type" and isinstance(v, str):
        return _e(term(ctx_pack, "organ_types", v, lang))
    if key == "cell" and isinstance(v, dict):
        loc = {"table": v.get("table") or table, "row_label": labels.short(table, v.get("row")) or v.get("row"),
               "col_label": labels.short(table, v.get("col")) or v.get("col")}
        return _e(place(loc, None, lang))
    if key == "table" and isinstance(v, str):
        return _e(table_name(v, lang))
    if key == "section" and isinstance(v, str):
        from ..i18n import SECTIONS

        return _e(SECTIONS["en" if lang == "en" else "zh"].get(v, v))
    if key == "signals" and isinstance(v, list):
        out = []
        for s in v:
            if isinstance(s, dict):
                w = term(ctx_pack, "signals", str(s.get("signal", "")), lang)
                det = s.get("detail")
                out.append(_e(w) + (f'<span class="det">（{_e(det)}）</span>' if det else ""))
            else:
                out.append(_e(s))
        return "、".join(out) if lang != "en" else ", ".join(out)
    if isinstance(v, str) and v in vals:
        return _e(vals[v])
    if isinstance(v, float):
        return _e(f"{v:g}")
    if isinstance(v, list):
        if all(isinstance(x, dict) and ("lhs" in x or "rhs" in x) for x in v) and v:
            return "<br>".join(identity_html(x, labels, lang, table) for x in v)
        parts = []
        for x in v:
            if isinstance(x, dict):
                parts.append(_dict_words(x, labels, lang, table, row, col, ctx_pack))
            else:
                parts.append(_e(x))
        return "；".join(parts) if lang != "en" else "; ".join(parts)
    if isinstance(v, dict):
        if "lhs" in v or "rhs" in v:
            return identity_html(v, labels, lang, table)
        if isinstance(v.get("row"), str) and isinstance(v.get("col"), str):  # a cell, with its value
            t = v.get("table") or table
            loc = {"table": t, "row_label": labels.short(t, v["row"]), "col_label": labels.short(t, v["col"])}
            val = v.get("text") if v.get("text") not in (None, "") else v.get("value")
            return _e(place(loc, None, lang)) + (f" = {_e(val)}" if val not in (None, "") else "")
        return "，".join(f"{_e(k)} {_e(y)}" for k, y in v.items())
    return _e(v)


def evidence_html(f, r, pack, lang: str) -> str:
    ev = f.evidence or {}
    if not ev:
        return ""
    K = KEYS["en" if lang == "en" else "zh"]
    labels = Labels(r)
    table = ev.get("table") if isinstance(ev.get("table"), str) else f.location.table
    rows = []
    ev = dict(ev)
    if isinstance(ev.get("row"), str) and isinstance(ev.get("col"), str) and "cell" not in ev:
        ev = {"cell": {"row": ev.pop("row"), "col": ev.pop("col")}, **ev}
    if "lhs" in ev or "rhs" in ev:
        rows.append((K["identity"], identity_html(ev, labels, lang, table)))
    row = ev.get("row") if isinstance(ev.get("row"), str) else None
    col = ev.get("col") if isinstance(ev.get("col"), str) else None
    for k, v in ev.items():
        if k in SKIP or v in (None, "", [], {}):
            continue
        if k in ("row", "col", "previous_row", "previous_col") and isinstance(v, str):
            loc = {"table": table, "row_label": labels.short(table, v)} if "row" in k else \
                {"table": table, "col_label": labels.short(table, v)}
            rows.append((K.get(k, k), _e(place(loc, None, lang))))
            continue
        if k == "identity" and isinstance(v, str):
            continue  # its id; the identity is written out above
        if k == "table" and table and ("lhs" in ev or "cell" in ev):
            continue
        rows.append((K.get(k, k), _value(k, v, pack, lang, labels, table, row, col)))
    raw = _e(json.dumps(f.evidence, ensure_ascii=False))
    body = "".join(f'<div><span class="k">{_e(k)}：</span>{v}</div>' if lang != "en"
                   else f'<div><span class="k">{_e(k)}:</span> {v}</div>' for k, v in rows)
    return (f'<div class="ev">{body}<details class="raw"><summary>{_e(K["raw"])}</summary>'
            f"<pre>{raw}</pre></details></div>")
