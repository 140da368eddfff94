"""Publication dates against the report year (GOV-M004, GOV-M005).

Options:
- ``check``: ``deadline`` — published within the statutory deadline for the organ type and legal regime
  (条例 2019 Art. 49: county-level-and-above departments by 31 January of Y+1, county-level-and-above people's
  governments by 31 March; 条例 2007 Art. 31: everyone by 31 March for Y ≤ 2018; townships and streets have no
  national deadline: after 31 January it is an info, after ``township_deadline`` a warning); ``early`` — the publication or sign-off date is not
  before 1 January of Y+1.
- ``township_deadline``: "MM-DD" of Y+1 after which a township/street report is late (a local profile may change it).

Dates read from a copied page (发布时间 of a mirror) are unreliable, so the default severity is a warning.

PASS: a county department's 2023 report published 2024-01-20
FAIL: a county department's 2023 report published 2024-03-05
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from ..findings import NotAssessed, Problem

CONF = {"check": ("deadline", "early"), "township_deadline": str}
DEFAULT = {"check": "deadline", "township_deadline": "03-31"}
DEPARTMENTS = ("department", "state_department")
GOVERNMENTS = ("county_government", "city_government", "province_government")


def deadline(year: int, organ_type: str | None, township_deadline: str) -> tuple[dt.date, str] | None:
    if year <= 2018:
        return dt.date(year + 1, 3, 31), "2007年条例第三十一条"
    if organ_type in DEPARTMENTS:
        return dt.date(year + 1, 1, 31), "条例第四十九条第一款"
    if organ_type in GOVERNMENTS:
        return dt.date(year + 1, 3, 31), "条例第四十九条第二款"
    if organ_type in ("township", "street"):
        m, d = (int(x) for x in township_deadline.split("-"))
        return dt.date(year + 1, m, d), "地方规定"
    return None


def check(a, conf) -> Iterator[Problem]:
    f = a.facts
    if f.year is None or f.year_source not in ("title", "text"):
        raise NotAssessed("报告年度未识别 / report year unknown")
    if f.published is None:
        raise NotAssessed("发布日期未识别 / publication date unknown")
    if conf["check"] == "early":
        first = dt.date(f.year + 1, 1, 1)
        if f.published < first:
            yield Problem(0, 0, msg="default", args={"date": f.published.isoformat(), "year": f.year},
                          evidence={"published": f.published.isoformat(), "source": f.published_source,
                                    "earliest": first.isoformat()})
        return
    dl = deadline(f.year, f.organ_type, conf["township_deadline"])
    if dl is None:
        raise NotAssessed("机关类型未识别 / organ type unknown")
    due, basis = dl
    if f.published > due:
        yield Problem(0, 0, msg="default",
                      args={"date": f.published.isoformat(), "due": due.isoformat(), "basis": basis},
                      evidence={"published": f.published.isoformat(), "source": f.published_source,
                                "deadline": due.isoformat(), "organ_type": f.organ_type, "basis": basis},
                      severity=None)
    elif f.organ_type in ("township", "street") and f.published > dt.date(f.year + 1, 1, 31):
        yield Problem(0, 0, msg="default",
                      args={"date": f.published.isoformat(), "due": f"{f.year + 1}-01-31", "basis": "参照部门时限"},
                      evidence={"published": f.published.isoformat(), "source": f.published_source,
                                "deadline": f"{f.year + 1}-01-31", "organ_type": f.organ_type},
                      severity="info")
