"""What a document says, computed once and shared by every rule (DESIGN.md step 5).

``analyse`` runs the contamination pass on the raw view first, then reads facts, sections and tables from the
cleaned view, in which injected text, chrome and hidden text are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..document import Document
from ..normalize import View, build_view
from ..packs import Pack
from . import contamination as contamination_mod
from . import facts as facts_mod
from . import sections as sections_mod
from . import tables as tables_mod
from . import version as version_mod


@dataclass
class Analysis:
    doc: Document
    pack: Pack
    raw_view: View
    view: View  # the cleaned view: rules read this
    contamination: contamination_mod.Contamination
    facts: facts_mod.Facts
    sections: list[sections_mod.Section]
    tables: dict[str, Any] = field(default_factory=dict)  # canonical tables by key (T2/T3/T4), when recognised
    previous: "Analysis | None" = None  # the same organ's report for the year before (cross-year rules)
    options: dict[str, Any] = field(default_factory=dict)  # pack options from the config (organ type, province …)
    table_status: dict[str, str] = field(default_factory=dict)  # T2/T3/T4 → found | unreadable | misaligned | absent

    @property
    def format_version(self) -> str | None:
        return self.facts.format_version

    def effective_format(self) -> str | None:
        """The format the rules check against: the detected one, else the one implied by the year."""
        return self.facts.format_version or version_mod.implied(self.facts.year)


def analyse(doc: Document, pack: Pack, options: dict[str, Any] | None = None) -> Analysis:
    options = options or {}
    raw = build_view(doc.text)
    pre_title = facts_mod.find_title(doc, raw)
    organ_province = options.get("province")
    if organ_province is None:
        if pre_title is not None:
            _, organ = facts_mod.parse_title(pre_title.text)
            organ_province = facts_mod.region.province_of(organ or pre_title.text)
    cont = contamination_mod.analyse(doc, raw, pack, organ_province)
    view = raw.without(cont.removed())
    facts = facts_mod.analyse(doc, raw, view)
    if options.get("organ_type"):
        facts.organ_type = options["organ_type"]
    if options.get("province"):
        facts.province = options["province"]
    facts.format_version, facts.format_votes = version_mod.detect(view.text, facts.year)
    fmt = facts.format_version or version_mod.implied(facts.year) or "2021"
    specs = pack.data.get("sections", {}).get("pre2019" if fmt == "pre2019" else "post2019", [])
    sections = sections_mod.analyse(doc, view, specs)
    a = Analysis(doc, pack, raw, view, cont, facts, sections, options=options)
    # reports for 2018 and before have no national table format (spec §3.3): no table is read, whatever it looks like
    if fmt != "pre2019" and not (facts.year is not None and facts.year <= 2018):
        tr = tables_mod.analyse(doc, view, pack.data, fmt)
        a.tables, a.table_status = tr.tables, tr.status
    return a
