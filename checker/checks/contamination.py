"""Contaminated content found by the contamination pass (GOV-K001 … GOV-K015).

The pass (``checker.analysis.contamination``) scores spans; this kind reports the spans filed under the rule's
code. Spans of tier ``remove`` or ``strip`` carry an unsafe fix that deletes them (``reportlint clean`` applies
it); spans of tier ``flag`` are warnings only and are never removed; spans of tier ``none`` (provenance, garbage,
truncation) are reported and never removed; a span may carry its own severity (``detail['severity']``: GOV-K012
residue and GOV-K015 islands are graded by their strength). A span with several edits (pinyin annotations, GOV-K007) is one
finding whose fix lists every edit.

Options: none (the engine passes the rule's ``code``). The evidence lists every signal that fired, with its weight.
"""

from __future__ import annotations

from typing import Iterator

from ..analysis.contamination import FLAG, REMOVE, STRIP
from ..findings import UNSAFE, Edit, Fix, Problem, Terms

CONF: dict = {}
DEFAULT: dict = {}
TIER_SEVERITY = {FLAG: "warning"}
DETAILED = ("traditional-ratio", "portal", "hidden", "should-read")  # signals whose detail the message shows


def check(a, conf) -> Iterator[Problem]:
    for sp in a.contamination.by_code(conf["code"]):
        fix = None
        if sp.tier in (REMOVE, STRIP):
            edits = [Edit(s, e, r) for s, e, r in sp.edits] if sp.edits else [Edit(sp.start, sp.end, sp.replacement)]
            fix = Fix(UNSAFE, edits)
        severity = sp.detail.get("severity") or TIER_SEVERITY.get(sp.tier)
        text = sp.text if len(sp.text) <= 80 else sp.text[:60] + "…"
        args = {"text": text, "signals": Terms((s.name, s.detail if s.detail and s.name in DETAILED else "")
                                                for s in sp.signals)}
        args.update({k: v for k, v in sp.detail.items() if isinstance(v, (str, int, float))})
        if sp.code == "GOV-K014" and isinstance(args.get("kind"), str):  # the kind as a word (terms.yaml)
            args["kind"] = Terms((args["kind"],))
        if sp.code == "GOV-K005" and isinstance(args.get("context"), str):  # where the host stands, as a word
            args["context"] = Terms((args["context"],))
        yield Problem(
            sp.start, sp.end, msg=sp.category, args=args,
            evidence={"category": sp.category, "tier": sp.tier, "score": sp.score,
                      "signals": [s.to_dict() for s in sp.signals], **sp.detail},
            fix=fix,
            severity=severity,
        )
