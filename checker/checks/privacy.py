"""Personal data left unmasked (GOV-I001 ID numbers, GOV-I002 mobile numbers, GOV-I003 bank cards).

Reads ``Analysis.personal`` (checker/analysis/personal.py: check digits, prefixes, dates and context are verified
there). Every finding shows the number masked — in its message, its ``match`` and its fingerprint — and names the
masked form to publish instead.

Options:
- ``kind``: ``id`` | ``mobile`` | ``card`` — which numbers this rule reports.

PASS: 身份证号码 340102********123X (masked); 联系电话：13912345678 on the 办公室's contact line
FAIL: 申请人张某（身份证号码340102199001011234）…
"""

from __future__ import annotations

from typing import Iterator

from ..findings import Problem

CONF = {"kind": ("id", "mobile", "card")}
DEFAULT = {"kind": "id"}


def check(a, conf) -> Iterator[Problem]:
    for it in a.personal:
        if it.kind != conf["kind"] or it.legal:
            continue
        yield Problem(it.start, it.end, msg="default", args={"masked": it.masked},
                      evidence={**it.to_evidence(), "masked_form": it.masked})
