"""Title, report year and organ (GOV-M001, GOV-M002).

Options:
- ``check``: ``title`` — the report has a title with a four-digit year and 政府信息公开（工作）年度报告;
  ``organ`` — the issuing organ and its type were resolved from the title or the opening.

PASS: 霍邱县扈胡镇人民政府2023年政府信息公开工作年度报告
FAIL: 政府信息公开工作报告 (no year)
"""

from __future__ import annotations

from typing import Iterator

from ..findings import Problem

CONF = {"check": ("title", "organ")}
DEFAULT = {"check": "title"}


def check(a, conf) -> Iterator[Problem]:
    f = a.facts
    if conf["check"] == "title":
        if f.title is None:
            yield Problem(0, 0, msg="missing")
        elif f.year is None or f.year_source != "title":
            yield Problem(f.title.start, f.title.end, msg="no_year", args={"title": f.title.text})
    else:
        if not f.organ:
            yield Problem(0, 0, msg="missing")
        elif not f.organ_type:
            t = f.title
            yield Problem(t.start if t else 0, t.end if t else 0, msg="no_type", args={"organ": f.organ})
