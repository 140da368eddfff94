"""Cited basis documents plausible for the report year (GOV-M006).

Options:
- ``rules``: a list of ``{pattern, before, after, reason}``: a citation matching the regular expression
  ``pattern`` is reported when the report year is < ``before`` or > ``after``.

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
        raise NotAssessed("报告年度未识别 / report year unknown")
    sv = a.sentence_view()  # a citation wrapped over two lines (国办公开办函〔2021〕\n30号) is still one
    text = sv.text
    for r in conf["rules"]:
        lo, hi = r.get("before"), r.get("after")
        if (lo is None or y >= lo) and (hi is None or y <= hi):
            continue
        for m in re.finditer(r["pattern"], text):
            s, e = sv.span(m.start(), m.end())
            yield Problem(s, e, msg="default", args={"citation": m.group(0), "year": y, "reason": r["reason"]},
                          evidence={"citation": m.group(0), "report_year": y, "reason": r["reason"]})
            break
