"""The statistical period statement (GOV-P001 … GOV-P004), spec/domain.md §4.

Options:
- ``check``: ``present`` — a period statement (统计期限/统计时限/统计时间 …) is there;
  ``exact`` — it is exactly 1 January to 31 December of the report year;
  ``year`` — the years written in it equal the report year (a copy of last year's text says Y−1);
  ``parse`` — a statement is there but its dates cannot be read (merged or lost digits); the finding is on the
  statement and says what it probably meant when the damaged digits allow one reading (202311日至1231日 →
  2023年1月1日至2023年12月31日).

One cause, one finding: a whole calendar year other than the report year (1 January – 31 December of Y−1: the
statement copied from an earlier report) is reported by ``year`` alone, with the period it should state; ``exact``
reports every other wrong period (half a year, a span over two years …), and ``year`` then stays silent.

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
            if p.cutoff_only:
                yield Problem(st.start, st.end, msg="cutoff", args={"statement": st.text})
            elif p.guess is not None:
                g0, g1 = p.guess
                yield Problem(st.start, st.end, msg="guess",
                              args={"statement": st.text, "guess": f"{g0.year}年{g0.month}月{g0.day}日至"
                                                                    f"{g1.year}年{g1.month}月{g1.day}日"},
                              evidence={"statement": st.text,
                                        "probably": {"start": g0.isoformat(), "end": g1.isoformat()}})
            else:
                yield Problem(st.start, st.end, msg="default", args={"statement": st.text},
                              evidence={"statement": st.text})
        return
    if not p.parsed:
        return
    if y is None or a.facts.year_source not in ("title", "text"):
        raise NotAssessed("标题或开头未写明报告年度 / report year not stated in the title or opening",
                          needs="year")
    want = (dt.date(y, 1, 1), dt.date(y, 12, 31))
    copied = _copied_year(p, y)
    if kind == "exact":
        if (p.start, p.end) != want and copied is None:
            yield Problem(st.start, st.end, msg="default",
                          args={"start": p.start.isoformat(), "end": p.end.isoformat(), "year": y},
                          evidence={"actual": {"start": p.start.isoformat(), "end": p.end.isoformat()},
                                    "expected": {"start": want[0].isoformat(), "end": want[1].isoformat()},
                                    "report_year": y})
    elif kind == "year":
        evidence = {"actual": {"start": p.start.isoformat(), "end": p.end.isoformat()},
                    "expected": {"start": want[0].isoformat(), "end": want[1].isoformat()}, "report_year": y}
        if copied is not None:
            yield Problem(st.start, st.end, msg="copied", args={"years": str(copied), "year": y},
                          evidence={**evidence, "years": [copied]})
        elif (p.start, p.end) == want:
            other = sorted({v for v in p.years if v != y})
            if other:
                yield Problem(st.start, st.end, msg="default", args={"years": "、".join(map(str, other)), "year": y},
                              evidence={**evidence, "years": other})


def _copied_year(p, y: int) -> int | None:
    """The year Y' ≠ y when the period is the whole calendar year Y' (a statement copied from Y'\'s report)."""
    if p.start is None or p.end is None:
        return None
    yy = p.start.year
    if yy != y and (p.start, p.end) == (dt.date(yy, 1, 1), dt.date(yy, 12, 31)):
        return yy
    return None
