"""The statistical tables T2/T3/T4 (GOV-T001 … GOV-T010, GOV-S004), read from ``Analysis.tables``.

Options:
- ``check``:
  ``identity`` — the identities of ``tables.yaml`` whose ``rule`` is this rule's code (or those listed in
  ``ids``): one finding per failing instance, located at the failing cell, with every operand in the evidence;
  ``integer`` — count cells are integers ≥ 0 (F2019 本年增/减 may be signed; amounts may be decimal);
  ``blank`` — blank, 「/」, 「-」, 「—」 cells (one finding per table listing them; identities count them as 0);
  ``fee`` — T2 行政事业性收费 amount is a number ≥ 0 in 万元 (a unit such as 元 in the cell, or a header without
  万元, is a warning);
  ``layout`` — every row of the detected format is present and readable;
  ``presence`` — T2, T3 and T4 exist in a 2019+ report (not assessed when the tables were lost in extraction and
  only row labels remain, GOV-S005);
  ``f2019`` — 2019 trial format only: T2 采购总金额 states its unit (in the cell or the header); info;
  ``labels`` — a row recognised by the table's structure although its label is misprinted: one wording note per
  row with the canonical label (info), never a missing row.
- ``ids``: identity ids to evaluate instead of those of the rule.

A rule whose table is missing or unreadable is not assessed, never passed.

PASS: 表三 自然人列 一(12)+二(1)=13 = （七）总计(12)+四(1)
FAIL: 表三 自然人列 一(12)+二(1)=13，与（七）总计(11)+四(1)=12 不符
"""

from __future__ import annotations

import re
from typing import Iterator

from ..analysis.identities import Outcome, diagnose
from ..analysis.tables import DECIMAL, INTEGER, CanonTable
from ..findings import NotAssessed, Problem

CONF = {"check": ("identity", "integer", "blank", "fee", "layout", "presence", "f2019", "labels"), "ids": list,
        "tables": list}
DEFAULT = {"check": "identity", "ids": [], "tables": ["T2", "T3", "T4"]}

STATUS_ZH = {"absent": "未找到", "unreadable": "无法读取数值", "misaligned": "提取时单元格错位或丢失"}
STATUS_EN = {"absent": "not found", "unreadable": "values unreadable", "misaligned": "cells misaligned or lost in extraction"}
TABLE_ZH = {"T2": "表二", "T3": "表三", "T4": "表四"}
TABLE_EN = {"T2": "Table 2", "T3": "Table 3", "T4": "Table 4"}


def check(a, conf) -> Iterator[Problem]:
    yield from {"identity": _identity, "integer": _integer, "blank": _blank, "fee": _fee, "layout": _layout,
                "labels": _labels,
                "presence": _presence, "f2019": _f2019}[conf["check"]](a, conf)


def _pre2019(a) -> bool:
    """A report for 2018 or before (or in the 2008-era layout): no national table format, no table rule."""
    return a.effective_format() == "pre2019" or (a.facts.year is not None and a.facts.year <= 2018)


def require(a, keys) -> list[CanonTable]:
    """The readable tables among ``keys``; NotAssessed when none is."""
    if _pre2019(a):
        raise NotAssessed("2019年以前的报告没有统一表格格式 / no national table format before 2019", needs="n/a")
    out = [a.tables[k] for k in keys if k in a.tables and a.tables[k].readable]
    if not out:
        st = {k: a.table_status.get(k, "absent") for k in keys}
        zh = "；".join(f"{TABLE_ZH.get(k, k)}{STATUS_ZH.get(s, s)}" for k, s in st.items())
        en = "; ".join(f"{TABLE_EN.get(k, k)} {STATUS_EN.get(s, s)}" for k, s in st.items())
        raise NotAssessed(f"表格不可用：{zh}", f"table not available: {en}", needs=list(keys))
    return out


# ---------------------------------------------------------------- identities


def _val(o) -> str:
    if o.derived:
        return f"空→{o.value}"
    return o.text or "空"


def _expr(t: CanonTable, axis: str, ops, limit: int = 8) -> str:
    """``一(12)+二(1)=13``; long sums show their non-zero operands (a blank is shown as such, never as 0)."""
    name = (lambda o: t.short(o.row)) if axis == "col" else (lambda o: t.short(o.col))
    groups = {name(o).split("·")[0] for o in ops if "·" in name(o)}
    if len(groups) == 1 and all("·" in name(o) for o in ops):  # T4: one group, name its columns only
        full = name
        name = lambda o: full(o).split("·", 1)[1]  # noqa: E731
    shown = ops if len(ops) <= limit else [o for o in ops if o.value or o.derived or o.kind != "integer"]
    parts = [f"{name(o)}({_val(o)})" for o in shown]
    s = "+".join(parts) if parts else "各项"
    if len(shown) < len(ops):
        s += "（其余为0）" if shown else "（均为0）"
    if len(ops) > 1 or len(shown) < len(ops):
        s += f"={sum(o.value or 0 for o in ops)}"
    return s


def _where(t: CanonTable, o: Outcome) -> tuple[str, str]:
    if o.axis == "col":
        return f"{t.short(o.each)}列", f"column {t.short(o.each)}"
    rs = (t.row_spec(o.each) or {}).get("short", o.each)
    if rs:
        return f"{rs}行", f"row {rs}"
    g = t.short(o.at.col).split("·")[0]  # T4: one row; name the group
    return g, g


def describe(t: CanonTable, o: Outcome) -> dict:
    where, where_en = _where(t, o)
    return {"table": t.name, "table_en": t.name_en, "where": where, "where_en": where_en,
            "lhs": _expr(t, o.axis, o.lhs), "rhs": _expr(t, o.axis, o.rhs),
            "lhs_sum": o.lhs_sum, "rhs_sum": o.rhs_sum}


def cell_name(t: CanonTable, row: str, col: str) -> str:
    """「（一）予以公开 总计」, 「一、本年新收政府信息公开申请数量 自然人」, 「行政复议·总计」 (T4's one row)."""
    rs = t.row_spec(row) or {}
    r = rs.get("short", row)
    if r and r in "一二三四五六七八九十":
        r = rs.get("label") or r
    return f"{r} {t.short(col)}" if r else t.short(col)


def _identity_dict(t: CanonTable, o: Outcome) -> dict:
    d = describe(t, o)
    text = f"{d['where']} {d['lhs']}，与{d['rhs']} 不符"
    return dict(o.to_dict(), text=text, where=d["where"])


def diagnosis(a) -> list:
    """The root-cause groups of every failing identity instance (computed once per Analysis)."""
    got = getattr(a, "_table_causes", None)
    if got is None:
        got = diagnose(a.identities(), a.tables)
        a._table_causes = got
    return got


def _owner(cause, selected) -> str | None:
    """The rule that reports a group: the first selected rule among the failures where the cell is the total,
    else among all its failures."""
    fs = [o for o in cause.failures if selected is None or o.rule in selected]
    if not fs:
        return None
    at = [o for o in fs if o.at.key == cause.cell.key]
    return (at or fs)[0].rule


def _identity(a, conf) -> Iterator[Problem]:
    sel = [i for i in a.pack.data["tables"]["identities"]
           if (i["id"] in conf["ids"] if conf["ids"] else i.get("rule") == conf.get("code"))]
    keys = sorted({i["table"] for i in sel})
    require(a, keys or conf["tables"])
    ev = a.identities().select(rule=conf.get("code"), ids=conf["ids"] or None)
    ev.outcomes = ev.evaluated()
    if not ev.outcomes:
        if ev.applicable == 0 and not ev.skipped:
            return  # only optional identities (subtotal rows), none present: nothing to check
        raise NotAssessed("勾稽关系的运算项无法读取：" + "；".join(ev.skipped[:3]),
                          "no identity could be evaluated: " + "; ".join(ev.skipped[:3]),
                          needs=keys or list(conf["tables"]))
    selected = getattr(a, "selected_rules", None)
    for cause in diagnosis(a):
        if conf["ids"]:
            if not any(o.identity in conf["ids"] for o in cause.failures):
                continue
        elif _owner(cause, selected) != conf.get("code"):
            continue
        yield _cause_problem(a, cause)


def _cause_problem(a, cause) -> Problem:
    t = a.tables[cause.table]
    c = cause.cell
    for o in cause.failures:
        t.failed.update(x.key for x in o.operands)
    ids = [_identity_dict(t, o) for o in cause.failures]
    first = cause.failures[0]
    name = cell_name(t, c.row, c.col)
    alts = [{"row": x.row, "col": x.col, "label": cell_name(t, x.row, x.col), "actual": x.value, "expected": v}
            for x, v in cause.alternatives]
    single_total = len(cause.failures) == 1 and first.at.key == c.key
    shown = alts[:3]
    alt = alt_en = ""
    if single_total and len(alts) > 2:  # a total against its items, any of which could be the wrong one
        alt, alt_en = "；也可能是某一分项有误", "; or one of its items is wrong"
    elif shown:
        alt = "；也可能是" + "、".join(f"{x['label']}有误（应为{x['expected']}）" for x in shown) + \
            ("等" if len(alts) > len(shown) else "")
        alt_en = "; or " + ", ".join(f"{x['label']} is wrong (expected {x['expected']})" for x in shown)
    if cause.explained:
        msg = "default"
        expected = cause.expected
        broken = "；".join(d["text"] for d in ids)
        broken_en = "; ".join(f"{d['where']} {describe(t, o)['lhs']} ≠ {describe(t, o)['rhs']}"
                              for d, o in zip(ids, cause.failures))
    else:
        msg = "unexplained"
        fixes = [o.fix(next(x for x in o.operands if x.key == c.key)) for o in cause.failures]
        expected = cause.expected if cause.expected is not None else "或".join(str(v) for v in dict.fromkeys(fixes))
        broken = "；".join(f"{d['text']}（按此式应为{v}）" if len(ids) > 1 else d["text"] for d, v in zip(ids, fixes))
        broken_en = "; ".join(f"{d['where']} {describe(t, o)['lhs']} ≠ {describe(t, o)['rhs']} (expected {v})"
                              for d, o, v in zip(ids, cause.failures, fixes))
    args = {"table": t.name, "table_en": t.name_en, "cell": name, "actual": c.text or "空", "expected": expected,
            "broken": broken, "broken_en": broken_en, "alt": alt, "alt_en": alt_en}
    args.update({k: v for k, v in describe(t, first).items() if k not in args})
    evidence = {"cell": {"table": t.key, "row": c.row, "col": c.col, "row_label": t.short(c.row),
                         "col_label": t.short(c.col)},
                "actual": c.value, "expected": expected, "identities": ids, "alternatives": alts,
                "explained": cause.explained,
                # the first broken identity, flat (renderers and older consumers)
                "identity": first.identity, "table": t.key, "each": first.each,
                "lhs": [x.to_dict() for x in first.lhs], "rhs": [x.to_dict() for x in first.rhs],
                "lhs_sum": first.lhs_sum, "rhs_sum": first.rhs_sum}
    return Problem(c.start, c.end, msg=msg, args=args, evidence=evidence, table=t.key, row=c.row, col=c.col)


# ---------------------------------------------------------------- cell types


def _cell_type(t: CanonTable, row: str, col: str) -> str:
    rs = t.row_spec(row) or {}
    if col in (rs.get("signed") or []):
        return "signed"
    if col in (rs.get("number") or []):
        return "number"
    return rs.get("type", "count")


def _integer(a, conf) -> Iterator[Problem]:
    for t in require(a, conf["tables"]):
        for c in t.values():
            if c.kind == DECIMAL:
                bad = "decimal"
            elif c.kind == INTEGER and c.value < 0:
                bad = "negative"
            else:
                continue  # a count ≥ 0, or no number at all: whatever the cell's type
            ct = _cell_type(t, c.row, c.col)
            if ct in ("amount", "number") or (bad == "negative" and ct == "signed"):
                continue
            if bad:
                t.failed.add((c.row, c.col))
                yield Problem(c.start, c.end, msg=bad, args={"table": t.name, "row": t.short(c.row),
                                                             "col": t.short(c.col), "value": c.text},
                              evidence={"table": t.key, "row": c.row, "col": c.col, "text": c.text, "kind": c.kind},
                              table=t.key, row=c.row, col=c.col)


def _totals(a) -> set[tuple[str, tuple[str, str]]]:
    """Cells where the format expects a total: the ``at`` operand of an identity."""
    out = set()
    for o in a.identities().outcomes:
        out.add((o.table, o.at_key))  # (its key alone: the operands of a holding instance are never made)
    return out


BASIS = {"row": ("各列", "its row"), "col": ("各行", "its column")}


def _blank(a, conf) -> Iterator[Problem]:
    totals = _totals(a)
    for t in require(a, conf["tables"]):
        blanks = [c for c in t.values() if c.is_blank]
        if not blanks:
            continue
        blanks.sort(key=lambda c: c.start)
        rest = []
        for c in blanks:
            key = (c.row, c.col)
            if (t.key, key) in totals and key in t.derived:
                o = t.derived_by.get(key)
                basis, basis_en = BASIS.get(getattr(o, "axis", "row"), BASIS["row"])
                if t.key == "T4":
                    basis, basis_en = "各项", "its items"
                if o is not None and o.at.key != key:
                    basis, basis_en = "勾稽关系", "the identity " + o.identity
                name = cell_name(t, c.row, c.col)
                yield Problem(c.start, c.end, msg="total",
                              args={"table": t.name, "table_en": t.name_en, "cell": name, "basis": basis,
                                    "basis_en": basis_en, "value": t.derived[key]},
                              evidence={"cell": {"table": t.key, "row": c.row, "col": c.col,
                                                 "row_label": t.short(c.row), "col_label": t.short(c.col)},
                                        "actual": None, "text": c.text, "kind": c.kind,
                                        "expected": t.derived[key],
                                        "identities": [dict(o.to_dict(), text=" = ".join(
                                            (_expr(t, o.axis, o.lhs), _expr(t, o.axis, o.rhs))))] if o else []},
                              table=t.key, row=c.row, col=c.col)
            else:
                rest.append(c)
        if not rest:
            continue

        def label(c):
            v = t.derived.get((c.row, c.col))
            return f"{t.short(c.row)}·{t.short(c.col)}" + (f"（应为{v}）" if v is not None else "")

        names = "、".join(label(c) for c in rest[:5]) + ("等" if len(rest) > 5 else "")
        first = rest[0]
        yield Problem(first.start, first.end, msg="default",
                      args={"table": t.name, "table_en": t.name_en, "n": len(rest), "cells": names},
                      evidence={"table": t.key, "cells": [{"row": c.row, "col": c.col, "text": c.text, "kind": c.kind,
                                                           "expected": t.derived.get((c.row, c.col))}
                                                          for c in rest]},
                      table=t.key, row=first.row, col=first.col)


def _fee(a, conf) -> Iterator[Problem]:
    t = require(a, ["T2"])[0]
    cells = [c for c in t.values() if c.row == "fees" and _cell_type(t, c.row, c.col) == "amount"]
    if not cells:
        raise NotAssessed("表二未读到行政事业性收费金额 / T2 fee amount not read", needs="T2")
    for c in cells:
        args = {"value": c.text}
        ev = {"table": "T2", "row": c.row, "col": c.col, "text": c.text, "unit": c.unit}
        if c.value is not None and c.value < 0:
            yield Problem(c.start, c.end, msg="negative", args=args, evidence=ev, table="T2", row=c.row, col=c.col)
        elif c.unit and c.unit != "万元":
            yield Problem(c.start, c.end, msg="unit", args=args, evidence=ev, table="T2", row=c.row, col=c.col,
                          severity="warning")
    if "收费金额" in t.header_text and "万元" not in t.header_text:
        yield Problem(t.start, t.start, msg="header", args={}, evidence={"table": "T2"}, table="T2",
                      severity="warning")


def _layout(a, conf) -> Iterator[Problem]:
    if _pre2019(a):
        raise NotAssessed("2019年以前的报告没有统一表格格式 / no national table format before 2019", needs="n/a")
    present = [a.tables[k] for k in conf["tables"] if k in a.tables]
    if not present:
        raise NotAssessed("未找到表格 / no table found", needs="tables")
    for t in present:
        if t.misaligned:
            bad = [r.key for r in t.rows.values() if r.status != "ok"]
            yield Problem(t.start, t.start, msg="misaligned", args={"table": t.name, "rows": _names(t, bad)},
                          evidence={"table": t.key, "rows": bad}, table=t.key)
            continue
        covered = {k for rs in t.row_specs if t.has_row(rs["key"]) for k in rs.get("stands_for") or []}
        covered |= {rs["key"] for rs in t.row_specs  # （六） written as its three sub-rows
                    if rs.get("stands_for") and all(t.has_row(k) for k in rs["stands_for"])}
        missing = [rs["key"] for rs in t.row_specs
                   if not rs.get("optional") and not rs.get("group") and rs["key"] not in t.rows
                   and rs["key"] not in covered]
        unreadable = [r.key for r in t.rows.values() if r.status != "ok"]
        if missing or unreadable:
            yield Problem(t.start, t.start, msg="default",
                          args={"table": t.name, "version": t.version, "rows": _names(t, missing + unreadable)},
                          evidence={"table": t.key, "version": t.version, "missing": missing, "unreadable": unreadable},
                          table=t.key)


def _labels(a, conf) -> Iterator[Problem]:
    for t in require(a, conf["tables"]):
        for n in t.label_notes:
            written = "".join(n["label"].split())  # a label wrapped in its cell, read whole
            yield Problem(n["start"], n["end"], msg="default",
                          args={"table": t.name, "table_en": t.name_en, "written": written,
                                "canonical": n["canonical"]},
                          evidence={"table": t.key, "row": n["row"], "written": written, "canonical": n["canonical"],
                                    "score": n["score"]},
                          table=t.key, row=n["row"])


def _names(t: CanonTable, keys: list[str]) -> str:
    labels = [(t.row_spec(k) or {}).get("label", k) for k in keys]
    return "、".join(labels[:6]) + ("等" if len(labels) > 6 else "")


def _presence(a, conf) -> Iterator[Problem]:
    fmt = a.effective_format()
    if _pre2019(a) or fmt is None:
        raise NotAssessed("2019年以前的报告或年度不明：不要求统一表格 / tables required only from 2019", needs="n/a")
    if not a.tables and _remnants(a):
        raise NotAssessed("表格在提取时丢失，仅剩行标题（见GOV-S005） / tables lost in extraction (GOV-S005)",
                          needs="tables")
    sec_of = {"T2": "proactive", "T3": "requests", "T4": "review_litigation"}
    names = {"T2": "表二（主动公开政府信息情况）", "T3": "表三（收到和处理政府信息公开申请情况）",
             "T4": "表四（政府信息公开行政复议、行政诉讼情况）"}
    for k in conf["tables"]:
        if a.table_status.get(k, "absent") != "absent":
            continue
        sec = next((s for s in a.sections if s.key == sec_of[k]), None)
        yield Problem(sec.start if sec else 0, sec.end if sec else 0, msg="default",
                      args={"table": names[k], "section": sec.title if sec else sec_of[k]},
                      evidence={"table": k, "section": sec_of[k]}, section=sec_of[k], table=k)


def _remnants(a) -> bool:
    from . import sections

    try:
        rule = a.pack.rule("GOV-S005")
    except KeyError:
        return False
    conf = dict(sections.DEFAULT, **rule.params)
    return any(True for _ in sections._remnants(a, conf))


PROCUREMENT_UNIT = re.compile(r"采购总金额[(（]?(?:单位[:：]?)?(万元|元)")


def _f2019(a, conf) -> Iterator[Problem]:
    """2019 trial format: 采购总金额 has no fixed unit, so the report must state it (in the cell or the header);
    本年增/减 is signed by design and is never a negative-count error (GOV-T005 knows the signed columns)."""
    t = require(a, ["T2"])[0]
    if t.version != "2019":
        raise NotAssessed("不是2019年试行格式 / not the 2019 trial format", needs="n/a")
    c = t.cell("procurement", "procurement_amount")
    if c is None or c.kind == "unreadable":
        raise NotAssessed("表二采购总金额无法读取 / T2 procurement amount not read", needs="T2")
    if c.unit or PROCUREMENT_UNIT.search(t.header_text) or c.value in (None, 0):
        return
    yield Problem(c.start, c.end, msg="unit", args={"value": c.text},
                  evidence={"table": "T2", "row": "procurement", "col": "procurement_amount", "value": c.value},
                  table="T2", row="procurement", col="procurement_amount")
