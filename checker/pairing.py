"""Cross-year pairing: which report in a batch is the same organ's report for the year before.

The GOV-X rules compare a report with the previous year's report of the same organ. In a batch the pairs are
found from the facts of the first pass (:func:`pair_reports`); the batch then checks each paired report again
with its previous report (``checker.batch``).

Precision first: a pair is made only when both reports name the same organ (after Unicode NFKC and removing
spaces) and their report years are consecutive. Nothing is guessed from file names.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Iterable


def organ_key(organ: str | None) -> str | None:
    if not organ:
        return None
    key = "".join(unicodedata.normalize("NFKC", organ).split())
    return key or None


def pair_reports(items: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, str]:
    """Map the path of each report to the path of the same organ's report for the year before.

    ``items`` are ``(path, facts)`` with the facts of ``FileResult.to_dict()`` (``organ``, ``year``). Reports
    without an organ or a year are never paired. When several reports of the same organ and previous year are in
    the batch (a PDF and an HTML copy, say), the first path in sorted order is taken, so the result does not
    depend on the order of ``items``. A report is never paired with itself.
    """
    by_key: dict[tuple[str, int], list[str]] = {}
    keyed: list[tuple[str, str, int]] = []
    for path, facts in items:
        organ, year = organ_key((facts or {}).get("organ")), (facts or {}).get("year")
        if organ is None or not isinstance(year, int):
            continue
        by_key.setdefault((organ, year), []).append(path)
        keyed.append((path, organ, year))
    pairs: dict[str, str] = {}
    for path, organ, year in keyed:
        candidates = sorted(p for p in by_key.get((organ, year - 1), []) if p != path)
        if candidates:
            pairs[path] = candidates[0]
    return pairs


pair = pair_reports  # the name the cross-year rule docs use

CROSS_YEAR_KIND = "crossyear"


def rerun_cross_year(res, previous, config) -> None:
    """Give ``res`` (a FileResult with its analysis) the previous year's Analysis and re-run the cross-year rules,
    replacing their earlier findings and not-assessed entries (in-process callers; batch mode re-checks instead)."""
    from . import checks
    from .engine import make_finding
    from .findings import NotAssessed, Severity

    a = res.analysis
    if a is None or previous is None:
        return
    a.previous = previous
    rules = [r for r in a.pack.rules if r.kind == CROSS_YEAR_KIND and r.status == "implemented"
             and config.selected(r.code)]
    codes = {r.code for r in rules}
    res.not_assessed = [x for x in res.not_assessed if x["code"] not in codes]
    res.findings = [f for f in res.findings if f.code not in codes]
    for rule in rules:
        conf = checks.options(rule.kind, rule.params)
        conf["code"] = rule.code
        try:
            problems = list(checks.get(rule.kind).check(a, conf))
        except NotAssessed as e:
            res.not_assessed.append({"code": rule.code, "reason": str(e)})
            continue
        for p in problems:
            sev = Severity.parse(p.severity) if p.severity else rule.severity
            res.findings.append(make_finding(a, rule, p, config.severity_of(rule.code, sev), config.lang))
    res.findings.sort(key=lambda f: (f.location.start, -f.severity, f.code))
