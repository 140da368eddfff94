"""Plausibility of the tables for the organ and the text (GOV-Q001 … GOV-Q003).

Options:
- ``check``: ``regulations`` — T2 规章 row non-zero for an organ without 规章-making power (立法法 Art. 91/93:
  county and township governments, streets, local departments); ``fee_magnitude`` — T2 行政事业性收费 (万元)
  above the threshold for the organ type; ``requests`` — T3 is zero in every cell while a sentence reports
  specific disclosure requests handled with a count above 0 (「办理政府信息公开申请3件」); one finding per report.
  The reverse (T3 non-zero while the text says no request was received) is GOV-C001.
- ``no_power``: organ types without 规章-making power.
- ``fee_limits``: organ type → largest plausible amount in 万元.

PASS: 某某镇人民政府 规章 0 0 0
FAIL: 某某镇人民政府 规章 0 0 6
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import NotAssessed, Problem
from .tables import require

CONF = {"check": ("regulations", "fee_magnitude", "requests"), "no_power": list, "fee_limits": dict}
DEFAULT = {"check": "regulations", "no_power": ["county_government", "township", "street", "department"],
           "fee_limits": {"township": 10000, "street": 10000}}

ORGAN_ZH = {"county_government": "县级人民政府", "township": "乡镇人民政府", "street": "街道办事处",
            "department": "政府部门"}


def check(a, conf) -> Iterator[Problem]:
    if conf["check"] == "requests":
        yield from _requests(a)
        return
    t = require(a, ["T2"])[0]
    ot = a.facts.organ_type
    if not ot:
        raise NotAssessed("机关类型不明 / organ type unknown", needs="organ_type")
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
            raise NotAssessed("表二收费金额无法读取 / T2 fee amount not read", needs="T2")
        if c.value > limit:
            yield Problem(c.start, c.end, msg="default", args={"value": c.text, "limit": limit,
                                                               "type": ORGAN_ZH.get(ot, ot)},
                          evidence={"organ_type": ot, "value": c.value, "limit": limit},
                          table="T2", row="fees", col="amount")


HANDLED = re.compile(r"(?:收到|受理|办理|办结|答复|处理|接收|接到)(?:了)?[^。；;，,]{0,16}?(?:政府信息公开|依申请公开)"
                     r"(?:的)?(?:申请|事项)?[^。；;，,\d]{0,6}?(\d+)\s*(?:件|宗|个|条)"
                     r"|(?:政府信息公开|依申请公开)(?:的)?申请[^。；;，,\d]{0,8}?(\d+)\s*(?:件|宗|个)")
OTHER_SCOPE = ("全市", "全区", "全县", "全省", "各级", "各部门", "备案", "许可", "复议", "诉讼", "信访", "举报", "咨询",
               "上年度", "去年", "以来", "累计", "同比")


def _requests(a):
    t = require(a, ["T3"])[0]
    if t.misaligned:
        raise NotAssessed("表三单元格错位 / T3 misaligned", needs="T3")
    cells = list(t.values())
    if not cells or any(c.kind == "unreadable" for c in cells):
        raise NotAssessed("表三无法完整读取 / T3 not fully read", needs="T3")
    if any((c.value or 0) != 0 for c in cells):
        return
    sv = a.sentence_view()
    for off, s in a.sentences():
        if "\t" in s or "|" in s or any(w in s for w in OTHER_SCOPE):
            continue
        h = HANDLED.search(s)
        if not h:
            continue
        i = 1 if h.group(1) else 2
        n = int(h.group(i))
        if n <= 0:
            continue
        o_s, o_e = sv.span(off + h.start(i), off + h.end(i))
        yield Problem(o_s, o_e, msg="default", args={"text": h.group(), "n": n},
                      evidence={"text": h.group(), "said": n, "table": "T3", "cells": len(cells), "all_zero": True},
                      table="T3", row="new", col="total")
        return
