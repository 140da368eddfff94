"""Plausibility of the tables for the organ (GOV-Q001, GOV-Q002).

Options:
- ``check``: ``regulations`` — T2 规章 row non-zero for an organ without 规章-making power (立法法 Art. 91/93:
  county and township governments, streets, local departments); ``fee_magnitude`` — T2 行政事业性收费 (万元)
  above the threshold for the organ type.
- ``no_power``: organ types without 规章-making power.
- ``fee_limits``: organ type → largest plausible amount in 万元.

PASS: 某某镇人民政府 规章 0 0 0
FAIL: 某某镇人民政府 规章 0 0 6
"""

from __future__ import annotations

from typing import Iterator

from ..findings import NotAssessed, Problem
from .tables import require

CONF = {"check": ("regulations", "fee_magnitude"), "no_power": list, "fee_limits": dict}
DEFAULT = {"check": "regulations", "no_power": ["county_government", "township", "street", "department"],
           "fee_limits": {"township": 10000, "street": 10000}}

ORGAN_ZH = {"county_government": "县级人民政府", "township": "乡镇人民政府", "street": "街道办事处",
            "department": "政府部门"}


def check(a, conf) -> Iterator[Problem]:
    t = require(a, ["T2"])[0]
    ot = a.facts.organ_type
    if not ot:
        raise NotAssessed("机关类型不明 / organ type unknown")
    if conf["check"] == "regulations":
        if ot not in conf["no_power"]:
            return
        cells = [c for c in t.values() if c.row == "regulations" and (c.value or 0) > 0]
        if cells:
            c = cells[-1]
            yield Problem(c.start, c.end, msg="default",
                          args={"organ": a.facts.organ or "", "type": ORGAN_ZH.get(ot, ot),
                                "cells": "，".join(f"{t.short(x.col)}{x.text}" for x in cells)},
                          evidence={"organ_type": ot, "cells": [x.to_dict() for x in cells]},
                          table="T2", row="regulations", col=c.col)
    else:
        limit = conf["fee_limits"].get(ot)
        if limit is None:
            return
        c = t.cell("fees", "amount")
        if c is None or c.value is None:
            raise NotAssessed("表二收费金额无法读取 / T2 fee amount not read")
        if c.value > limit:
            yield Problem(c.start, c.end, msg="default", args={"value": c.text, "limit": limit,
                                                               "type": ORGAN_ZH.get(ot, ot)},
                          evidence={"organ_type": ot, "value": c.value, "limit": limit},
                          table="T2", row="fees", col="amount")
