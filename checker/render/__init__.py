"""Renderers: one module per output format, each with ``render(results, ctx) -> str``."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from ..choices import FORMATS  # noqa: F401 — their home (checker.cli offers them without importing this)
from ..config import Config
from ..packs import Pack



@dataclass
class RenderContext:
    pack: Pack
    config: Config
    color: bool = False
    width: int = 100
    baseline: Any = None  # checker.baseline.Report when --baseline was given
    quiet: bool = False  # -q: the findings only (no per-file "clean" lines, no summary table)
    show_not_assessed: bool = False  # console: list every rule not assessed (default: one summary line)
    html_text: bool = True  # audit sheet: include each document's full text (--html-no-text leaves it out)

    @property
    def lang(self) -> str:
        return self.config.lang


def render(fmt: str, results, ctx: RenderContext) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (allowed: {', '.join(FORMATS)})")
    return importlib.import_module(f"{__name__}.{fmt}").render(results, ctx)


def summary(results) -> dict:
    s = {"files": len(results), "errors": 0, "warnings": 0, "infos": 0, "failed_to_read": 0}
    for r in results:
        for k, v in r.counts().items():
            s[k] += v
        if r.error:
            s["failed_to_read"] += 1
    return s


def text_of(r) -> str | None:
    """The file's extracted text when this process has it (in-process or cached results), else ``None``."""
    if getattr(r, "text", None) is not None:
        return r.text
    return r.analysis.doc.text if getattr(r, "analysis", None) is not None else None


def end_line_col(r, f) -> tuple[int, int]:
    """1-based line and column just after a finding's span (the engine records them in the location)."""
    loc = f.location
    if loc.end_line is not None:
        return loc.end_line, loc.end_column
    text = text_of(r) or ""
    return text.count("\n", 0, loc.end) + 1, loc.end - (text.rfind("\n", 0, loc.end) + 1) + 1


def has_region(r, f) -> bool:
    """Whether a finding's line/column point into the user's own file: plain text (whose extracted text is the
    decoded file) and a non-empty span. For PDF, DOCX and HTML they point into the extracted text instead."""
    return r.format == "text" and f.location.end > f.location.start


def where(r, f, lang: str) -> str:
    """The page, paragraph or table cell of a finding in a PDF, DOCX or HTML file ("" for plain text, whose
    line:column say it): 第2页 · 表三 （七）总计 × 总计."""
    if r.format == "text":
        return ""
    from ..i18n import place

    return place(f.location, r.format, lang)


def with_where(r, f, lang: str) -> str:
    """The message with its place appended for the line-oriented formats (concise, github, gitlab, junit)."""
    w = where(r, f, lang)
    if not w:
        return f.message
    return f"{f.message} ({w})" if lang == "en" else f"{f.message}（{w}）"


def statistics(results) -> list[dict]:
    """Counts per code, most frequent first (``--statistics``)."""
    rows: dict[str, dict] = {}
    for r in results:
        for f in r.findings:
            row = rows.setdefault(f.code, {"code": f.code, "name": f.name, "severity": str(f.severity),
                                           "count": 0, "fixable": False})
            row["count"] += 1
            row["fixable"] = row["fixable"] or f.fix is not None
    return sorted(rows.values(), key=lambda x: (-x["count"], x["code"]))
