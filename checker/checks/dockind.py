"""Is this the pack's kind of report at all? (GOV-M007, the document-kind gate.)

A file with none of the marks of a 政府信息公开工作年度报告 — a title naming one, any of the six required section
headings, any of the statistical tables (found, even unreadable or misaligned), a citation of the 政府信息公开条例
— is reported once as not such a report, and the engine checks it no further (the rule is ``gate: true`` in
pack.yaml): a README.md or requirements.txt in a repository is not a report with six missing sections. One mark is
enough to check the file as a report (a wrong skip hides every finding, so the gate is cautious), except that in a
text written mostly in Latin script (more Latin letters than Chinese characters: an English README that quotes a
report's row labels or cites the 条例) a table or a citation without a title or a section heading is a quotation, not a
report's own mark. ``--assume-report``
(config ``assume-report = true``) or ignoring the rule turns the gate off.

Options:
- ``min_marks`` (int, default 1): marks needed to be checked as a report.

PASS: 某某县人民政府2023年政府信息公开工作年度报告 …
FAIL: # my-project\\n\\npip install -r requirements.txt
"""

from __future__ import annotations

import re
from typing import Iterator

from ..analysis.facts import latin_prose
from ..findings import Problem

CONF = {"min_marks": int}
DEFAULT = {"min_marks": 1}

CITATION = re.compile(r"政府信息公开条例")
QUOTABLE = {"tables", "citation"}  # marks an English text may carry by quoting a report


def marks(a) -> list[str]:
    """The marks of a report the Analysis shows: ``title``, ``headings``, ``tables``, ``citation``."""
    out = []
    if a.facts.title is not None:
        out.append("title")
    if any(s.key for s in a.sections):
        out.append("headings")
    if a.tables or any(v != "absent" for v in (a.table_status or {}).values()):
        out.append("tables")
    if CITATION.search(a.view.text):
        out.append("citation")
    return out


def check(a, conf) -> Iterator[Problem]:
    found = marks(a)
    counted = found
    if found and set(found) <= QUOTABLE and latin_prose(a.view.text):
        counted = []  # quoted in an English text
    if len(counted) < conf["min_marks"]:
        ev = {"marks": found, "needed": conf["min_marks"], "looked_for": ["title", "headings", "tables", "citation"]}
        if counted is not found:
            ev["discounted"] = "latin_text"
        yield Problem(0, 0, evidence=ev)
