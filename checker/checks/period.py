"""The statistical period statement (GOV-P001 … GOV-P004), spec/domain.md §4.

Options:
- ``check``: ``present`` — a period statement (统计期限/统计时限/统计时间 …) is there;
  ``exact`` — it is exactly 1 January to 31 December of the report year;
  ``year`` — the years written in it equal the report year (a copy of last year's text says Y−1);
  ``parse`` — a statement is there but its dates cannot be read (merged or lost digits).

PASS: 本年度报告中使用数据统计期限为2023年1月1日至2023年12月31日 (report year 2023)
FAIL: 本报告中所列数据统计期限为2022年1月1日至12月31日 (report year 2023)
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ..findings import NotAssessed, Problem

CONF = {"check": ("present", "exact", "year", "parse")}
DEFAULT = {"check": "present"}


def check(a, conf) -> Iterator[Problem]:
    p = a.facts.period
    y = a.facts.year
    kind = conf["check"]
    if kind == "present":
        if p.statement is None:
            yield Problem(0, 0, msg="default")
        return
    if p.statement is None:
        return
    st = p.statement
    if kind == "parse":
        if not p.parsed:
            yield Problem(st.start, st.end, msg="cutoff" if p.cutoff_only else "default", args={"statement": st.text})
        return
    if not p.parsed:
        return
    if y is None or a.facts.year_source not in ("title", "text"):
        raise NotAssessed("标题或开头未写明报告年度 / report year not stated in the title or opening")
    if kind == "exact":
        want = (dt.date(y, 1, 1), dt.date(y, 12, 31))
        if (p.start, p.end) != want:
            yield Problem(st.start, st.end, msg="default",
                          args={"start": p.start.isoformat(), "end": p.end.isoformat(), "year": y},
                          evidence={"actual": {"start": p.start.isoformat(), "end": p.end.isoformat()},
                                    "expected": {"start": want[0].isoformat(), "end": want[1].isoformat()},
                                    "report_year": y})
    elif kind == "year":
        other = sorted({v for v in p.years if v != y})
        if other:
            yield Problem(st.start, st.end, msg="default", args={"years": "、".join(map(str, other)), "year": y},
                          evidence={"years": other, "report_year": y})
