"""The baseline: known findings recorded once, suppressed on later runs (policy, applied after the rules ran).

``--write-baseline FILE`` records every current finding by its content-anchored fingerprint (code + flagged text +
same-line context + message key; no offsets), so an entry still matches after edits elsewhere in the document or a
re-extraction. Each entry carries ``code``, ``path`` (relative to the baseline file's directory), ``match``,
``fingerprint``, ``reason`` (empty: for the reviewer to fill in), ``created`` and optionally ``expires``
(YYYY-MM-DD; an expired entry no longer suppresses). Rewriting a baseline keeps the reason, dates and extra keys of
entries that still match.

``--baseline FILE`` moves matching findings from ``findings`` to ``suppressed`` (each entry suppresses one
finding), and reports entries of the checked files that no longer match (like ruff's unused ``noqa``).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass, field
from typing import Any

from . import __version__, atomic
from .errors import UsageError

VERSION = 1


class BaselineError(UsageError):
    pass


def _rel(path: str, base: str) -> str:
    if path == "-":
        return "-"
    try:
        rel = os.path.relpath(os.path.abspath(path), base)
    except ValueError:
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


@dataclass
class Report:
    """What applying a baseline did: how many findings it suppressed and which entries matched nothing."""

    path: str
    suppressed: int = 0
    unmatched: list[dict] = field(default_factory=list)
    expired: list[dict] = field(default_factory=list)

    def merge(self, other: "Report") -> None:
        self.suppressed += other.suppressed
        self.unmatched += other.unmatched
        self.expired += other.expired

    def to_dict(self) -> dict:
        return {"file": self.path, "suppressed": self.suppressed, "unmatched": self.unmatched,
                "expired": self.expired}

    def notes(self) -> list[str]:
        out = []
        for e in self.unmatched:
            out.append(f"baseline entry no longer matches: {e['path']}: {e['code']} {e.get('match', '')!r} "
                       f"({e['fingerprint']})")
        for e in self.expired:
            out.append(f"baseline entry expired on {e['expires']}: {e['path']}: {e['code']} {e.get('match', '')!r}")
        return out


@dataclass
class Baseline:
    path: str
    entries: list[dict[str, Any]] = field(default_factory=list)

    @property
    def base_dir(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))

    @classmethod
    def load(cls, path: str) -> "Baseline":
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except FileNotFoundError:
            raise BaselineError(f"{path}: baseline file not found (create it with --write-baseline)") from None
        except OSError as e:
            raise BaselineError(f"{path}: cannot read the baseline: {e.strerror or e}") from None
        except ValueError as e:
            raise BaselineError(f"{path}: the baseline is not valid JSON: {e}") from None
        if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
            raise BaselineError(f"{path}: not a reportlint baseline (expected an object with 'entries')")
        for i, e in enumerate(data["entries"]):
            missing = [k for k in ("code", "path", "fingerprint") if not isinstance(e, dict) or k not in e]
            if missing:
                raise BaselineError(f"{path}: entry {i} lacks {', '.join(missing)}")
            if e.get("expires"):
                try:
                    _dt.date.fromisoformat(str(e["expires"]))
                except ValueError:
                    raise BaselineError(f"{path}: entry {i}: expires {e['expires']!r} is not a date "
                                        f"(allowed: YYYY-MM-DD)") from None
        return cls(path, data["entries"])

    def _pool(self, today: _dt.date) -> dict[str, dict[str, list[int]]]:
        """path → fingerprint → indices of live (unexpired) entries."""
        pool: dict[str, dict[str, list[int]]] = {}
        for i, e in enumerate(self.entries):
            if not self._expired(e, today):
                pool.setdefault(e["path"], {}).setdefault(e["fingerprint"], []).append(i)
        return pool

    @staticmethod
    def _expired(e: dict, today: _dt.date) -> bool:
        return bool(e.get("expires")) and _dt.date.fromisoformat(str(e["expires"])) < today

    def split(self, path: str, findings: list, fingerprint=lambda f: f.fingerprint,
              today: _dt.date | None = None) -> tuple[list, list[tuple[Any, dict]], Report]:
        """One file's findings → (kept, [(suppressed finding, entry)], this file's :class:`Report`).

        Each entry suppresses one finding with its path and fingerprint; the file's other entries are unmatched
        (or expired). Works on Finding objects and on their dicts (``fingerprint=lambda d: d["fingerprint"]``)."""
        today = today or _dt.date.today()
        rel = _rel(path, self.base_dir)
        rep = Report(self.path)
        idx = {i for i, e in enumerate(self.entries) if e["path"] == rel}
        pool = self._pool(today).get(rel, {})
        kept, suppressed, used = [], [], set()
        for f in findings:
            cands = pool.get(fingerprint(f))
            if cands:
                i = cands.pop(0)
                used.add(i)
                suppressed.append((f, self.entries[i]))
            else:
                kept.append(f)
        rep.suppressed = len(suppressed)
        for i in sorted(idx - used):
            e = self.entries[i]
            (rep.expired if self._expired(e, today) else rep.unmatched).append(e)
        return kept, suppressed, rep

    def apply(self, results, today: _dt.date | None = None) -> Report:
        """Move matching findings of ``results`` (FileResults) to ``result.suppressed``; returns the run's
        :class:`Report`. An unreadable file says nothing about its entries."""
        total = Report(self.path)
        for r in results:
            if r.error:
                continue
            r.findings, sup, rep = self.split(r.path, r.findings, today=today)
            r.suppressed.extend(sup)
            total.merge(rep)
        return total

    def apply_dict(self, d: dict, today: _dt.date | None = None) -> Report:
        """The same for one result in its dict form (``FileResult.to_dict()``, a batch worker's result): matching
        findings move to ``d["_suppressed"]`` as [finding dict, entry] pairs (``_snippets`` stay aligned)."""
        if d.get("error"):
            return Report(self.path)
        snips = d.get("_snippets")
        pairs = list(zip(d["findings"], snips if snips is not None else [None] * len(d["findings"])))
        kept, sup, rep = self.split(d["path"], pairs, fingerprint=lambda p: p[0]["fingerprint"], today=today)
        d["findings"] = [f for f, _ in kept]
        if snips is not None:
            d["_snippets"] = [s for _, s in kept]
        d["_suppressed"] = [[f, e] for (f, _), e in sup]
        return rep


def write(path: str, results, previous: Baseline | None = None, today: _dt.date | None = None) -> int:
    """Record every finding of ``results`` (suppressed ones included) in a new baseline at ``path``, atomically.

    Entries of ``previous`` that still match keep their reason, dates and extra keys. Returns the entry count."""
    today = today or _dt.date.today()
    base = os.path.dirname(os.path.abspath(path))
    old: dict[tuple[str, str], list[dict]] = {}
    if previous is not None:
        for e in previous.entries:
            old.setdefault((e["path"], e["fingerprint"]), []).append(e)
    entries = []
    for r in results:
        if r.error:
            continue
        rel = _rel(r.path, base)
        for f in list(r.findings) + [f for f, _ in r.suppressed]:
            prev = old.get((rel, f.fingerprint))
            if prev:
                e = dict(prev.pop(0))
                e.update({"code": f.code, "path": rel, "match": f.match, "fingerprint": f.fingerprint})
            else:
                e = {"code": f.code, "path": rel, "match": f.match, "fingerprint": f.fingerprint, "reason": "",
                     "created": today.isoformat()}
            entries.append(e)
    entries.sort(key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    doc = {"version": VERSION, "tool": f"reportlint {__version__}",
           "comment": "Known findings, suppressed with --baseline. Fill in 'reason' for each; "
                      "optional 'expires' (YYYY-MM-DD).",
           "entries": entries}
    atomic.write(path, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return len(entries)
