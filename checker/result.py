"""The result of checking one file: the floor that the engine, the cache and the batch all stand on.

:class:`FileResult` lives here, below both ``engine.py`` (which makes it) and ``cache.py`` (which stores it), so
neither imports the other for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .findings import Finding, Severity

if TYPE_CHECKING:
    from .analysis import Analysis


@dataclass
class FileResult:
    path: str
    sha256: str = ""
    format: str | None = None
    pack: str = ""
    facts: dict[str, Any] = field(default_factory=dict)
    error: dict | None = None
    findings: list[Finding] = field(default_factory=list)
    not_assessed: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    previous: str | None = None  # the path of the same organ's report for the year before, when paired
    suppressed: list[tuple[Finding, dict]] = field(default_factory=list)  # (finding, baseline entry): policy
    analysis: Analysis | None = None  # kept in-process for renderers that show the text; not serialised
    text: str | None = None  # Document.text, for renderers that show the flagged line (kept by the cache too)
    cached: bool = False  # served from the cache: ``analysis`` is None then
    # what the cross-year rules compare (checker.checks.crossyear.digest): kept by the cache, returned by batch
    # workers (``_digest``), so a batch's cross-year pass never reads a file again; not in the JSON output
    digest: dict | None = None

    def to_dict(self) -> dict:
        d = {
            "path": self.path,
            "sha256": self.sha256,
            "format": self.format,
            "pack": self.pack,
            "facts": self.facts,
            "error": self.error,
            "findings": [f.to_dict() for f in self.findings],
            "not_assessed": self.not_assessed,
        }
        if self.previous:
            d["previous"] = self.previous
        if self.notes:  # extraction notes, e.g. "named .pdf but read as html"
            d["notes"] = self.notes
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "FileResult":
        """The inverse of :meth:`to_dict` (the cache and the batch workers pass results in this form)."""
        return cls(path=d["path"], sha256=d.get("sha256", ""), format=d.get("format"), pack=d.get("pack", ""),
                   facts=d.get("facts") or {}, error=d.get("error"),
                   findings=[Finding.from_dict(f) for f in d.get("findings", [])],
                   not_assessed=list(d.get("not_assessed", [])), notes=list(d.get("notes", [])),
                   previous=d.get("previous"))

    def cross_year_digest(self) -> dict | None:
        """The cross-year digest: the cached one, else the one the GOV-X rules made on the Analysis (``None`` when
        no GOV-X rule ran)."""
        if self.digest is not None or self.analysis is None:
            return self.digest
        return self.analysis.__dict__.get("_xdigest")

    def counts(self) -> dict[str, int]:
        c = {"errors": 0, "warnings": 0, "infos": 0}
        for f in self.findings:
            c[{Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "infos"}[f.severity]] += 1
        return c
