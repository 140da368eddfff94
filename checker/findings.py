"""Findings: what a rule reports, after the engine stamped code, name and severity on it."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (allowed: error, warning, info)") from None

    def __str__(self) -> str:  # "error" | "warning" | "info"
        return self.name.lower()


SAFE, UNSAFE, DISPLAY_ONLY = "safe", "unsafe", "display-only"


@dataclass
class Edit:
    start: int
    end: int
    replacement: str = ""

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "replacement": self.replacement}


@dataclass
class Fix:
    safety: str  # safe | unsafe | display-only
    edits: list[Edit] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"safety": self.safety, "edits": [e.to_dict() for e in self.edits]}

    @classmethod
    def from_dict(cls, d: dict | None) -> "Fix | None":
        if d is None:
            return None
        return cls(d["safety"], [Edit(e["start"], e["end"], e.get("replacement", "")) for e in d.get("edits", [])])


@dataclass
class Problem:
    """What a check yields: a message key with its arguments and where it is. No code, no severity."""

    start: int = 0
    end: int = 0
    msg: str = "default"  # key into the rule's messages in pack.yaml
    args: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Any] = field(default_factory=dict)
    fix: Fix | None = None
    section: str | None = None
    table: str | None = None
    row: str | None = None
    col: str | None = None
    severity: str | None = None  # a check may lower/raise a default (e.g. a warning tier); policy may override


@dataclass
class Location:
    start: int = 0
    end: int = 0
    line: int = 1
    column: int = 1
    page: int | None = None
    section: str | None = None
    table: str | None = None
    row: str | None = None
    col: str | None = None
    paragraph: int | None = None  # DOCX: 1-based position of the paragraph (or table) among the body's children
    node: str | None = None
    row_label: str | None = None  # the table's own short labels of ``row`` / ``col`` (（七）总计, 总计)
    col_label: str | None = None
    table_index: int | None = None  # DOCX/HTML: 1-based number of the source table, when not a canonical table
    end_line: int | None = None  # line and column of ``end`` (exclusive), for SARIF/GitHub/GitLab regions
    end_column: int | None = None

    def to_dict(self) -> dict:
        d = {
            "start": self.start, "end": self.end, "line": self.line, "column": self.column,
            "page": self.page, "section": self.section, "table": self.table, "row": self.row, "col": self.col,
        }
        if self.end_line is not None:
            d["end_line"], d["end_column"] = self.end_line, self.end_column
        if self.paragraph is not None:
            d["paragraph"] = self.paragraph
        if self.node is not None:
            d["node"] = self.node
        for k in ("row_label", "col_label", "table_index"):
            if getattr(self, k) is not None:
                d[k] = getattr(self, k)
        return d


@dataclass
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    match: str
    location: Location
    evidence: dict[str, Any] = field(default_factory=dict)
    fix: Fix | None = None
    fingerprint: str = ""

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "match": self.match,
            "location": self.location.to_dict(),
            "evidence": self.evidence,
            "fix": self.fix.to_dict() if self.fix else None,
            "fingerprint": self.fingerprint,
        }

    @classmethod
    def from_dict(cls, d: dict) -> "Finding":
        """The inverse of :meth:`to_dict` (the cache stores findings as their JSON form)."""
        return cls(code=d["code"], name=d["name"], severity=Severity.parse(d["severity"]), message=d["message"],
                   match=d["match"], location=Location(**d["location"]), evidence=d.get("evidence") or {},
                   fix=Fix.from_dict(d.get("fix")), fingerprint=d.get("fingerprint", ""))


def fingerprint(code: str, match: str, context: str, key: str = "") -> str:
    """A content-anchored fingerprint: survives edits elsewhere in the document and re-extraction.

    Built from the code, the flagged text and a short context on the same line, never from offsets or page numbers.
    NFKC-normalised and whitespace-free, so full-width/half-width variants and re-wrapped lines of a re-extraction
    (PDF → DOCX, HTML → text) give the same fingerprint.
    """
    norm = "".join(unicodedata.normalize("NFKC", match + "|" + context + "|" + key).split())
    return hashlib.sha256(f"{code}|{norm}".encode("utf-8")).hexdigest()[:16]


class Terms(tuple):
    """A message argument that is a list of vocabulary keys (signal names …): the engine writes each as a word of
    the run's language (the pack's ``terms.yaml``), joined by 、 or a comma."""


class NotAssessed(Exception):
    """A rule's inputs are missing (a table not found, a year unknown): reported as not assessed, never a pass.

    ``zh`` and ``en`` are the reason in each language (a single ``"中文 / English"`` string is split); ``needs``
    names what was missing, as keys of :data:`checker.i18n.NEEDS` (``previous``, ``T3``, ``year`` …), so a console
    can say in one line what most rules lacked. A rule that does not apply (another format) needs ``n/a``.
    """

    def __init__(self, zh: str, en: str | None = None, needs: tuple[str, ...] | list[str] | str = ()) -> None:
        if en is None and " / " in zh:
            zh, en = zh.split(" / ", 1)
        self.zh, self.en = zh, en or zh
        self.needs = (needs,) if isinstance(needs, str) else tuple(needs)
        super().__init__(self.zh)

    def reason(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def to_dict(self, code: str, lang: str = "zh") -> dict:
        d = {"code": code, "reason": self.reason(lang)}
        if self.needs:
            d["needs"] = list(self.needs)
        return d
