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
