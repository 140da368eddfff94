"""Cited basis documents plausible for the report year (GOV-M006).

Options:
- ``rules``: a list of ``{pattern, before, after, reason, unless}``: a citation matching the regular expression
  ``pattern`` is reported when the report year is < ``before`` or > ``after``, unless its sentence matches
  ``unless`` (a history of the regulation — 「2008年5月1日起施行的《条例》（国务院令第492号）于2019年修订」 —
  cites the old number correctly).

PASS: a 2023 report citing 国办公开办函〔2021〕30号
FAIL: a 2020 report citing 国办公开办函〔2021〕30号 (the format did not exist for 2020 reports)
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import NotAssessed, Problem

CONF = {"rules": list}
DEFAULT = {"rules": []}


def check(a, conf) -> Iterator[Problem]:
    y = a.facts.year
    if y is None or a.facts.year_source not in ("title", "text"):
        raise NotAssessed("报告年度未识别 / report year unknown", needs="year")
    sv = a.sentence_view()  # a citation wrapped over two lines (国办公开办函〔2021〕\n30号) is still one
    text = sv.text
    for r in conf["rules"]:
        lo, hi = r.get("before"), r.get("after")
        if (lo is None or y >= lo) and (hi is None or y <= hi):
            continue
        for m in re.finditer(r["pattern"], text):
            if r.get("unless"):
                a0 = max(text.rfind(c, 0, m.start()) for c in "。！？；\n") + 1
                ends = [k for k in (text.find(c, m.end()) for c in "。！？；\n") if k >= 0]
                if re.search(r["unless"], text[a0:min(ends) if ends else len(text)]):
                    continue
            s, e = sv.span(m.start(), m.end())
            yield Problem(s, e, msg="default", args={"citation": m.group(0), "year": y, "reason": r["reason"]},
                          evidence={"citation": m.group(0), "report_year": y, "reason": r["reason"]})
            break
