"""Cross-year pairing: which report in a batch is the same organ's report for the year before.

The GOV-X rules compare a report with the previous year's report of the same organ. In a batch the pairs are
found from the facts of the first pass (:func:`pair_reports`); the batch then checks each paired report again
with its previous report (``checker.batch``).

Precision first: a pair is made only when both reports name the same organ and their report years are
consecutive. The same organ may be named with or without its province or city (淮安市洪泽区人民政府 =
洪泽区人民政府 = 江苏省淮安市洪泽区人民政府), with 人民政府/政府 and 办公室/办/办公厅 variants: one name is then the
other with leading place levels dropped — never two names that differ in a place both of them name (南京市鼓楼区 and
福州市鼓楼区 are two organs), and never when the provinces the facts give differ. Nothing is guessed from file names.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable

# a leading place level that may be left out of an organ's name: a province, a prefecture-level city, an
# autonomous prefecture, a league or region (what follows must still name a place of its own: 洪泽区…, 某某县…)
_LEVEL = re.compile(r"^[\u4e00-\u9fff]{1,9}?(?:省|自治区|特别行政区|市|自治州|州|盟|地区|自治县|县|区|旗)")
_PLACE_START = re.compile(r"^[\u4e00-\u9fff]{1,9}?(?:自治县|县|区|市|旗|镇|乡|街道|自治州|州|盟)")
_GENERIC = ("市场", "区域", "州府", "市政", "市容", "区划", "县域", "市民", "省级", "市级", "县级", "区级")


def organ_key(organ: str | None) -> str | None:
    """The organ name as compared: NFKC, no spaces, 人民政府 → 政府, 办公室/办公厅 → 办."""
    if not organ:
        return None
    key = "".join(unicodedata.normalize("NFKC", organ).split())
    key = key.replace("人民政府", "政府")
    key = re.sub(r"办公(?:室|厅)", "办", key)
    return key or None


def organ_forms(organ: str | None) -> list[str]:
    """``organ_key`` and the names left when leading place levels are dropped one by one, as long as what remains
    starts with a place of its own (淮安市洪泽区政府 → 洪泽区政府; 淮安市政府 and 淮安市市场监督管理局 stay whole)."""
    key = organ_key(organ)
    if key is None:
        return []
    forms = [key]
    rest = key
    while True:
        m = _LEVEL.match(rest)
        if not m:
            break
        tail = rest[m.end():]
        if not tail or tail.startswith(_GENERIC) or not _PLACE_START.match(tail):
            break
        forms.append(tail)
        rest = tail
    return forms


def same_organ(a: str | None, b: str | None) -> bool:
    """True when ``a`` and ``b`` name the same organ: equal, or one is the other without leading place levels."""
    fa, fb = organ_forms(a), organ_forms(b)
    if not fa or not fb:
        return False
    return fa[0] == fb[0] or fa[0] in fb or fb[0] in fa


def pair_reports(items: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, str]:
    """Map the path of each report to the path of the same organ's report for the year before.

    ``items`` are ``(path, facts)`` with the facts of ``FileResult.to_dict()`` (``organ``, ``year``, ``province``).
    Reports without an organ or a year are never paired. When several reports of the same organ and previous year
    are in the batch (a PDF and an HTML copy, say), the one with the same name is taken first, then the first path
    in sorted order, so the result does not depend on the order of ``items``. A report is never paired with itself.
    """
    by_form: dict[tuple[str, int], list[tuple[str, str, str | None]]] = {}  # (form, year) → (path, key, province)
    keyed: list[tuple[str, list[str], int, str | None]] = []
    for path, facts in items:
        facts = facts or {}
        forms, year = organ_forms(facts.get("organ")), facts.get("year")
        if not forms or not isinstance(year, int):
            continue
        for f in forms:
            by_form.setdefault((f, year), []).append((path, forms[0], facts.get("province")))
        keyed.append((path, forms, year, facts.get("province")))
    pairs: dict[str, str] = {}
    for path, forms, year, prov in keyed:
        cands = set()
        for f in forms:  # the earlier report names the organ as one of this report's forms …
            for p, key, pprov in by_form.get((f, year - 1), []):
                if key == f:
                    cands.add((0 if key == forms[0] else 1, p, pprov))
        for p, key, pprov in by_form.get((forms[0], year - 1), []):  # … or this report's name is one of its forms
            cands.add((0 if key == forms[0] else 1, p, pprov))
        cands = {c for c in cands if c[1] != path and not (prov and c[2] and prov != c[2])}
        if cands:
            pairs[path] = min(cands)[1]
    return pairs


class Pairer:
    """:func:`pair_reports` as the reports arrive: ``add`` one report's facts, and learn which reports' previous
    report changed with it, so that a batch compares a pair as soon as both of its reports are in (while the other
    files are still being checked) instead of after the last one. After any sequence of ``add`` calls, ``pairs()``
    is what :func:`pair_reports` gives for the same items, in any order (tests/test_batch_plumbing.py)."""

    def __init__(self) -> None:
        self._by_form: dict[tuple[str, int], list[tuple[str, str, str | None]]] = {}
        self._reports: dict[str, tuple[list[str], int, str | None]] = {}
        self._best: dict[str, str] = {}
        self._key: dict[str, tuple] = {}  # report → its previous report's candidate (rank, path, province)

    def add(self, path: str, facts: dict[str, Any] | None) -> list[str]:
        """Take one report; the reports (this one among them) whose previous report is now another one."""
        facts = facts or {}
        forms, year = organ_forms(facts.get("organ")), facts.get("year")
        if not forms or not isinstance(year, int) or path in self._reports:
            return []
        prov = facts.get("province")
        for f in forms:
            self._by_form.setdefault((f, year), []).append((path, forms[0], prov))
        self._reports[path] = (forms, year, prov)
        # the later reports this one may now be the previous report of: those of the next year that name the
        # organ as this report's name among their forms, or whose name is one of this report's forms
        later = {p for p, _key, _pr in self._by_form.get((forms[0], year + 1), [])}
        for f in forms:
            later.update(p for p, key, _pr in self._by_form.get((f, year + 1), []) if key == f)
        changed = []
        best = self._previous(path)
        if best is not None:
            self._key[path] = best
            self._best[path] = best[1]
            changed.append(path)
        # a later report's candidates are its old ones and this report (issue 16: not all of them again, for each
        # report of the next year): this one is its previous report when it ranks first
        rank_of = forms[0]
        for cur in sorted(later):
            cforms, _cyear, cprov = self._reports[cur]
            if prov and cprov and prov != cprov:
                continue
            cand = (0 if rank_of == cforms[0] else 1, path, prov)
            old = self._key.get(cur)
            if old is None or cand < old:
                self._key[cur] = cand
                self._best[cur] = path
                changed.append(cur)
        return changed

    def _previous(self, path: str) -> tuple | None:
        """The candidate (rank, path, province) :func:`pair_reports` takes for ``path`` among the reports so far."""
        forms, year, prov = self._reports[path]
        cands = set()
        for f in forms:  # (the candidates of pair_reports, the same way)
            for p, key, pprov in self._by_form.get((f, year - 1), []):
                if key == f:
                    cands.add((0 if key == forms[0] else 1, p, pprov))
        for p, key, pprov in self._by_form.get((forms[0], year - 1), []):
            cands.add((0 if key == forms[0] else 1, p, pprov))
        cands = {c for c in cands if c[1] != path and not (prov and c[2] and prov != c[2])}
        return min(cands) if cands else None

    def previous(self, path: str) -> str | None:
        """The previous report of ``path`` among the reports added so far."""
        return self._best.get(path)

    def pairs(self) -> dict[str, str]:
        return dict(self._best)


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
            res.not_assessed.append(e.to_dict(rule.code, config.lang))
            continue
        for p in problems:
            sev = Severity.parse(p.severity) if p.severity else rule.severity
            res.findings.append(make_finding(a, rule, p, config.severity_of(rule.code, sev), config.lang))
    res.findings.sort(key=lambda f: (f.location.start, -f.severity, f.code))
