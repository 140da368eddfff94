"""Cross-year checks against the same organ's report for the year before (GOV-X001 … GOV-X004).

The previous report reaches the rule as ``Analysis.previous``: ``reportlint check --previous FILE``, or two reports
of the same organ for consecutive years checked in one run (``checker.pairing.pair_reports``, batch mode). Without it the rules are
not assessed.

Options:
- ``check``:
  ``carry_over`` — T3 二、上年结转 (Y) equals 四、结转下年度继续办理 (Y−1), every column; one finding for the row,
  listing every column that differs with both values;
  ``roll_forward`` — T2 现行有效 (Y) = 现行有效 (Y−1) + 本年制发 (Y) − 本年废止 (Y) for 规章 and 行政规范性文件
  (both years in the 2021 format);
  ``copied_text`` — sections 一 and 五 at least ``threshold`` similar (character bigrams) to Y−1;
  ``copied_tables`` — T2/T3/T4 identical to Y−1 cell by cell with at least one non-zero cell.
- ``threshold`` (copied_text): similarity from 0 to 1.

PASS: 2024 上年结转 121 = 2023 结转下年度 121
FAIL: 2024 上年结转 5, 2023 结转下年度 4
"""

from __future__ import annotations

from typing import Iterator

from ..findings import NotAssessed, Problem
from .tables import require

CONF = {"check": ("carry_over", "roll_forward", "copied_text", "copied_tables"), "threshold": float,
        "sections": list}
DEFAULT = {"check": "carry_over", "threshold": 0.9, "sections": ["overview", "problems"]}


def _prev(a):
    p = a.previous
    if p is None:
        raise NotAssessed("没有上一年度的报告（可用 --previous 指定） / no previous year's report (use --previous)",
                          needs="previous")
    y, py = a.facts.year, p.facts.year
    if y is not None and py is not None and py != y - 1:
        raise NotAssessed(f"上一份报告的年度为{py}，不是{y - 1}", f"the previous report is for {py}, not {y - 1}",
                          needs="previous")
    return p


def check(a, conf) -> Iterator[Problem]:
    yield from {"carry_over": _carry, "roll_forward": _roll, "copied_text": _copied_text,
                "copied_tables": _copied_tables}[conf["check"]](a, conf)


def _ok(c):
    return c is not None and c.kind != "unreadable"


def _carry(a, conf):
    p = _prev(a)
    t = require(a, ["T3"])[0]
    try:
        pt = require(p, ["T3"])[0]
    except NotAssessed as e:
        raise NotAssessed(f"上一年度报告：{e.zh}", f"previous year's report: {e.en}",
                          needs=["previous_" + n for n in e.needs] or ["previous"]) from None
    n = 0
    bad = []
    for col in t.col_keys():
        cur, old = t.cell("carried", col), pt.cell("carry_next", col)
        if not (_ok(cur) and _ok(old)) or cur.value is None or old.value is None:
            continue  # a blank is not a zero: nothing to compare
        n += 1
        if cur.value != old.value:
            bad.append((col, cur, old))
    if n == 0:
        raise NotAssessed("结转数无法读取 / carry-over cells not read", needs="T3")
    if not bad:
        return
    # one cause (the carry-over row does not continue last year's), one finding listing every column
    for col, _, _ in bad:
        t.failed.add(("carried", col))
    col0, cur0, _ = bad[0]
    cols = "；".join(f"{t.short(col)}列 {cur.text or '空'}（上年结转下年度{old.text or '空'}）" for col, cur, old in bad)
    end = max(c.end for _, c, _ in bad)
    if "\n" in a.doc.text[cur0.start:end]:  # the cells are not on one line: point at the first
        end = cur0.end
    yield Problem(cur0.start, end, msg="default",
                  args={"cols": cols, "n": len(bad), "year": a.facts.year or "", "prev_year": p.facts.year or ""},
                  evidence={"table": "T3", "row": "carried", "previous_row": "carry_next",
                            "columns": [{"col": col, "actual": cur.value, "expected": old.value} for col, cur, old in bad]},
                  table="T3", row="carried", col=col0)


def _roll(a, conf):
    p = _prev(a)
    t = require(a, ["T2"])[0]
    pt = require(p, ["T2"])[0]
    if t.version != "2021" or pt.version != "2021":
        raise NotAssessed("两年均须为2021年格式 / both years must use the 2021 format", needs="n/a")
    n = 0
    for row in ("regulations", "normative"):
        cur, iss, rep, old = (t.cell(row, "in_force"), t.cell(row, "issued"), t.cell(row, "repealed"),
                              pt.cell(row, "in_force"))
        if not all(_ok(x) and x.value is not None for x in (cur, iss, rep, old)):
            continue  # a blank is not a zero
        n += 1
        expected = old.value + iss.value - rep.value
        if cur.value != expected:
            t.failed.add((row, "in_force"))
            yield Problem(cur.start, cur.end, msg="default",
                          args={"row": t.short(row), "prev": old.value, "issued": iss.value,
                                "repealed": rep.value, "expected": expected, "cur": cur.text},
                          evidence={"table": "T2", "row": row, "col": "in_force", "expected": expected,
                                    "actual": cur.value, "operands": {"previous_in_force": old.value,
                                                                      "issued": iss.value, "repealed": rep.value}},
                          table="T2", row=row, col="in_force")
    if n == 0:
        raise NotAssessed("现行有效件数无法读取 / in-force counts not read", needs="T2")


def _bigrams(s: str) -> set[str]:
    s = "".join(ch for ch in s if not ch.isspace())
    return {s[i:i + 2] for i in range(len(s) - 1)}


def similarity(x: str, y: str) -> float:
    a, b = _bigrams(x), _bigrams(y)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _body(an, key):
    s = next((s for s in an.sections if s.key == key), None)
    if s is None:
        return None, None
    return s, an.doc.text[s.body_start:s.body_end]


def _copied_text(a, conf):
    p = _prev(a)
    n = 0
    for key in conf["sections"]:
        s, cur = _body(a, key)
        _, old = _body(p, key)
        if not cur or not old or len(cur.strip()) < 30:
            continue
        n += 1
        sim = similarity(cur, old)
        if sim >= conf["threshold"]:
            yield Problem(s.start, s.end, msg="default",
                          args={"section": s.title, "pct": round(sim * 100), "prev_year": p.facts.year or ""},
                          evidence={"section": key, "similarity": round(sim, 3)}, section=key)
    if n == 0:
        raise NotAssessed("两份报告没有可比较的部分 / no comparable sections", needs="comparable")


def _copied_tables(a, conf):
    p = _prev(a)
    n = 0
    for key in ("T2", "T3", "T4"):
        t, pt = a.tables.get(key), p.tables.get(key)
        if t is None or pt is None or not t.readable or not pt.readable:
            continue
        n += 1
        cur = {k: c.value for k, c in t.cells.items() if c.kind != "unreadable"}
        old = {k: c.value for k, c in pt.cells.items() if c.kind != "unreadable"}
        if cur and cur == old and any(v for v in cur.values()):
            yield Problem(t.start, t.start, msg="default", args={"table": t.name, "prev_year": p.facts.year or ""},
                          evidence={"table": key, "cells": len(cur)}, table=key)
    if n == 0:
        raise NotAssessed("两份报告没有都可读取的表格 / no table readable in both reports", needs="comparable")
