"""Contaminated content found by the contamination pass (GOV-K001 … GOV-K010).

The pass (``checker.analysis.contamination``) scores spans; this kind reports the spans filed under the rule's
code. Spans of tier ``remove`` carry an unsafe fix that deletes them (``reportlint clean`` applies it); spans of
tier ``flag`` are warnings only and are never removed.

Options: none (the engine passes the rule's ``code``). The evidence lists every signal that fired, with its weight.
"""

from __future__ import annotations

from typing import Iterator

from ..analysis.contamination import FLAG, REMOVE, STRIP
from ..findings import UNSAFE, Edit, Fix, Problem

CONF: dict = {}
DEFAULT: dict = {}
TIER_SEVERITY = {FLAG: "warning"}


def check(a, conf) -> Iterator[Problem]:
    for sp in a.contamination.by_code(conf["code"]):
        fix = Fix(UNSAFE, [Edit(sp.start, sp.end, sp.replacement)]) if sp.tier in (REMOVE, STRIP) else None
        yield Problem(
            sp.start, sp.end, msg=sp.category,
            args={"text": sp.text, "signals": "、".join(s.name for s in sp.signals)},
            evidence={"category": sp.category, "tier": sp.tier, "score": sp.score,
                      "signals": [s.to_dict() for s in sp.signals], **sp.detail},
            fix=fix,
            severity=TIER_SEVERITY.get(sp.tier),
        )
