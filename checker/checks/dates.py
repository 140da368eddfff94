"""Dates: publication against the report year (GOV-M004, GOV-M005), dates in the text (GOV-D001, GOV-D002).

Options:
- ``check``: ``deadline`` — published within the statutory deadline for the organ type and legal regime
  (条例 2019 Art. 49: county-level-and-above departments by 31 January of Y+1, county-level-and-above people's
  governments by 31 March; 条例 2007 Art. 31: everyone by 31 March for Y ≤ 2018; townships and streets have no
  national deadline: after 31 January it is an info, after ``township_deadline`` a warning); ``early`` — the publication or sign-off date is not
  before 1 January of Y+1;
  ``text`` — a date written in the text after the report's publication or sign-off date, or after the run's
  today (a date that has not happened yet stated as a fact); dates in sentences about plans and deadlines (将、计划、
  拟、力争、前完成、起施行 …) and the period statement are not facts of the past and are skipped; ``stock`` — a
  「截至Y年底」/「截至Y年12月31日」 stock figure where Y is not the report year (copied from last year's report),
  unless the sentence compares with that year (较、同比、比上年 …).
- ``township_deadline``: "MM-DD" of Y+1 after which a township/street report is late (a local profile may change it).

Dates read from a copied page (发布时间 of a mirror) are unreliable, so the default severity is a warning.

PASS: a county department's 2023 report published 2024-01-20
FAIL: a county department's 2023 report published 2024-03-05
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from ..findings import NotAssessed, Problem

CONF = {"check": ("deadline", "early", "text", "stock"), "township_deadline": str}
DEFAULT = {"check": "deadline", "township_deadline": "03-31"}
DEPARTMENTS = ("department", "state_department")
GOVERNMENTS = ("county_government", "city_government", "province_government")


BASIS_EN = {"2007年条例第三十一条": "2007 Regulations Art. 31", "条例第四十九条第一款": "Regulations Art. 49(1)",
            "条例第四十九条第二款": "Regulations Art. 49(2)", "地方规定": "local rules",
            "参照部门时限": "by analogy with the departments' deadline"}


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


DATE_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
PLAN_RE = re.compile(r"将|计划|拟|预计|力争|争取|预定|届时|截止|期限|有效期|失效|废止|到期|之前|以前|前完成|前报送|起施行|起实施|起执行|"
                     r"起开始|下一步|下一年|明年|统计期限|统计期|起至|至\s*(?:19|20)\d{2}")
STOCK_RE = re.compile(r"截至\s*(?P<y>(?:19|20)\d{2})\s*年\s*(?:底|末|12\s*月\s*31\s*日|12\s*月底)")
# a site header's clock (今天是2026年12月1日 星期二, 今日：…, 当前日期：…): the day the page was viewed, not a fact of the
# report (prec7)
TODAY_LEFT = re.compile(r"(?:今天是|今日是|今天|今日|当前日期|当前时间|现在时间|现在是|系统时间|当前时间是)[\s:：]{0,3}$")
COMPARE_RE = re.compile(r"较|同比|相比|比上年|与上年|上年同期|去年|上一年度")


def _sentence_at(text: str, i: int, j: int) -> str:
    a = max(text.rfind(c, 0, i) for c in "。！？；\n") + 1
    ends = [k for k in (text.find(c, j) for c in "。！？；\n") if k >= 0]
    return text[a:min(ends) if ends else len(text)]


def _text_dates(a) -> Iterator[Problem]:
    sv = a.sentence_view()  # a date wrapped over two lines is still one
    f, text = a.facts, sv.text
    today = dt.date.today()
    ref = f.published if f.published_source in ("signoff", "metadata", "page") else None
    ps = a.facts.period
    for m in DATE_RE.finditer(text):
        try:
            d = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        if (ref is None or d <= ref) and d <= today:
            continue
        if TODAY_LEFT.search(text, max(0, m.start() - 8), m.start()):
            continue  # the site header's clock
        sent = _sentence_at(text, m.start(), m.end())
        if PLAN_RE.search(sent) or (ps is not None and ps.end is not None and d == ps.end):
            continue
        if ref is not None and d == ref:
            continue
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip()
        if not line and text[m.end():].split("\n", 1)[0].strip() == "":  # the sign-off line itself
            continue
        after = "today" if d > today and (ref is None or ref <= today) else "published"
        os_, oe = sv.span(m.start(), m.end())
        yield Problem(os_, oe, msg=after, args={"date": d.isoformat(), "ref": (ref or today).isoformat()},
                      evidence={"date": d.isoformat(), "published": ref.isoformat() if ref else None,
                                "published_source": f.published_source if ref else None,
                                "today": today.isoformat()})


def _stock(a) -> Iterator[Problem]:
    sv = a.sentence_view()
    y, text = a.facts.year, sv.text
    for m in STOCK_RE.finditer(text):
        sy = int(m.group("y"))
        if sy == y or COMPARE_RE.search(_sentence_at(text, m.start(), m.end())):
            continue
        os_, oe = sv.span(m.start(), m.end())
        yield Problem(os_, oe, msg="default" if sy < y else "later",
                      args={"written": m.group(0), "stock_year": sy, "year": y},
                      evidence={"written": m.group(0), "stock_year": sy, "report_year": y,
                                "expected": m.group(0).replace(str(sy), str(y), 1)})


def check(a, conf) -> Iterator[Problem]:
    f = a.facts
    if conf["check"] == "text":
        yield from _text_dates(a)
        return
    if f.year is None or f.year_source not in ("title", "text"):
        raise NotAssessed("报告年度未识别 / report year unknown", needs="year")
    if conf["check"] == "stock":
        yield from _stock(a)
        return
    if f.published is None:
        raise NotAssessed("发布日期未识别 / publication date unknown", needs="published")
    if conf["check"] == "early":
        first = dt.date(f.year + 1, 1, 1)
        if f.published < first:
            yield Problem(0, 0, msg="default", args={"date": f.published.isoformat(), "year": f.year},
                          evidence={"published": f.published.isoformat(), "source": f.published_source,
                                    "earliest": first.isoformat()})
        return
    dl = deadline(f.year, f.organ_type, conf["township_deadline"])
    if dl is None:
        raise NotAssessed("机关类型未识别 / organ type unknown", needs="organ_type")
    due, basis = dl
    if f.published > due:
        yield Problem(0, 0, msg="default",
                      args={"date": f.published.isoformat(), "due": due.isoformat(), "basis": basis,
                            "basis_en": BASIS_EN.get(basis, basis)},
                      evidence={"published": f.published.isoformat(), "source": f.published_source,
                                "deadline": due.isoformat(), "organ_type": f.organ_type, "basis": basis},
                      severity=None)
    elif f.organ_type in ("township", "street") and f.published > dt.date(f.year + 1, 1, 31):
        yield Problem(0, 0, msg="default",
                      args={"date": f.published.isoformat(), "due": f"{f.year + 1}-01-31", "basis": "参照部门时限",
                            "basis_en": BASIS_EN["参照部门时限"]},
                      evidence={"published": f.published.isoformat(), "source": f.published_source,
                                "deadline": f"{f.year + 1}-01-31", "organ_type": f.organ_type},
                      severity="info")
