"""What a document says, computed once and shared by every rule (DESIGN.md step 5).

``analyse`` runs the contamination pass on the raw view first, then reads facts, sections and tables from the
cleaned view, in which injected text, chrome and hidden text are left out.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from ..document import Document
from ..document import CHROME, FOOTER, HEADER, HEADING, HIDDEN, TITLE
from ..normalize import View, build_view, join_soft_breaks
from ..packs import Pack
from . import contamination as contamination_mod
from . import facts as facts_mod
from . import personal as personal_mod
from . import sections as sections_mod
from . import tables as tables_mod
from . import version as version_mod


SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_HARD_KINDS = (HEADING, TITLE, CHROME, HIDDEN)  # table rows are kept apart by their tabs
_SKIP_KINDS = (HEADER, FOOTER)


def sentence_view_of(doc: Document, view: View, title_end: int | None = None) -> View:
    """``view`` with line breaks inside sentences joined (:func:`checker.normalize.join_soft_breaks`); a break
    next to a heading, title, table, chrome or header/footer block of the extractor, or at the end of the title, is
    kept; running headers and footers between the halves of a sentence are left out."""
    def hard(last: int, first: int) -> bool:
        if title_end is not None and last < title_end <= first:
            return True
        for o in (last, first):
            b = doc.block_at(o)
            if b is not None and b.kind in _HARD_KINDS:
                return True
        return False

    def skip(o: int) -> bool:
        b = doc.block_at(o)
        return b is not None and b.kind in _SKIP_KINDS

    kinds = {b.kind for b in doc.blocks}
    if not kinds.intersection(_HARD_KINDS):  # no block can hold a break: only the end of the title does
        def hard(last: int, first: int) -> bool:  # noqa: F811
            return title_end is not None and last < title_end <= first
    return join_soft_breaks(view, hard, skip if kinds.intersection(_SKIP_KINDS) else None)


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
    sview: View | None = None  # the sentence view: the cleaned view with line breaks inside sentences joined

    def sentence_view(self) -> View:
        return self.sview if self.sview is not None else self.view

    def sentences(self):
        """(offset in the sentence view, sentence) for every sentence: split at 。！？；, never at a line break
        inside a sentence (a hard-wrapped line). Rules map offsets back with ``a.sentence_view().span``. Split once
        per Analysis (several rules walk them)."""
        return iter(self._sentence_list()[1])

    def _sentence_list(self) -> tuple[str, list[tuple[int, str]], list[int]]:
        text = self.sentence_view().text
        memo = self.__dict__.get("_sentences")
        if memo is None or memo[0] is not text:
            sents = [(m.start(), m.group()) for m in SENTENCE.finditer(text)]
            memo = (text, sents, [o for o, _ in sents])
            self.__dict__["_sentences"] = memo
        return memo

    def sentences_with(self, *words: str) -> list[tuple[int, str]]:
        """The sentences of :meth:`sentences` (in order) that contain at least one of ``words``: each word is found
        by ``str.find`` over the sentence view and placed in its sentence, instead of testing every sentence (a
        rule that reads only the sentences naming 信息处理费 reads two, not three hundred)."""
        text, sents, starts = self._sentence_list()
        hit: set[int] = set()
        for w in words:
            if not w:
                return list(sents)  # (the empty word is in every sentence)
            n = len(w)
            i = text.find(w)
            while i >= 0:
                k = bisect.bisect_right(starts, i) - 1
                if k >= 0 and i + n <= starts[k] + len(sents[k][1]):
                    hit.add(k)  # inside sentence k (a word with a sentence stop in it is in no sentence)
                    i = text.find(w, starts[k] + len(sents[k][1]))
                else:
                    i = text.find(w, i + 1)
        return [sents[k] for k in sorted(hit)]
    personal: list = field(default_factory=list)  # personal numbers (ID, mobile, bank card): personal.Item
    _shown: str | None = field(default=None, repr=False)
    identity_eval: Any = field(default=None, repr=False)  # identities.Evaluation of ``tables``: see identities()

    def identities(self):
        """Every identity instance of ``tables.yaml`` evaluated once, on the tables with their derived blank cells
        (:class:`checker.analysis.identities.Evaluation`); the table rules select their part of it."""
        if self.identity_eval is None:
            from .identities import instances

            self.identity_eval = instances(self.tables, self.pack.data["tables"]["identities"])
        return self.identity_eval

    @property
    def shown_text(self) -> str:
        """``doc.text`` with every reported personal number masked (same length): what may leave reportlint."""
        if self._shown is None:
            self._shown = personal_mod.mask_text(self.doc.text, self.personal)
        return self._shown

    @property
    def format_version(self) -> str | None:
        return self.facts.format_version

    def effective_format(self) -> str | None:
        """The format the rules check against: the detected one, else the one implied by the year."""
        return self.facts.format_version or version_mod.implied(self.facts.year)


def _title(doc: Document, raw: View, view: View, cont, pre_title=None) -> "facts_mod.Span | None":
    """The title from the cleaned view; when it names no organ and year there, from the view that keeps page chrome
    (a portal sets the title, broken over two lines, among its breadcrumb and 发布时间 lines, which the extractor
    and the contamination pass take for chrome) — injected text stays out of it. ``pre_title`` is the title of
    ``raw``: it is the cleaned view's when nothing was removed (the same text and offsets)."""
    if view.text is raw.text and view.offsets is raw.offsets:
        title = pre_title
    else:
        title = facts_mod.find_title(doc, view)
    if title is not None and all(facts_mod.parse_title(title.text)):
        return title
    if not any(sp.category == "chrome" and sp.tier in (contamination_mod.REMOVE, contamination_mod.STRIP)
               for sp in cont.spans):
        return title  # nothing of the page chrome was left out: the view that keeps it is the cleaned view
    keep_chrome = []
    for sp in cont.spans:
        if sp.category == "chrome" or sp.tier not in (contamination_mod.REMOVE, contamination_mod.STRIP):
            continue
        keep_chrome.extend((a, b) for a, b, _ in sp.edits) if sp.edits else keep_chrome.append((sp.start, sp.end))
    alt = facts_mod.find_title(doc, raw.without(keep_chrome))
    if alt is not None and all(facts_mod.parse_title(alt.text)):
        return alt
    return title


def analyse(doc: Document, pack: Pack, options: dict[str, Any] | None = None) -> Analysis:
    options = options or {}
    raw = build_view(doc.text)
    pre_title = facts_mod.find_title(doc, raw)
    organ_province = options.get("province")
    if organ_province is None:
        if pre_title is not None:
            _, organ = facts_mod.parse_title(pre_title.text)
            organ_province = facts_mod.region.province_of(organ or pre_title.text)
    source_url = options.get("source_url") or (doc.metadata or {}).get("url")
    cont = contamination_mod.analyse(doc, raw, pack, organ_province, source_url=source_url)
    view = raw.without(cont.removed())
    title = _title(doc, raw, view, cont, pre_title)
    sview = sentence_view_of(doc, view, title.end if title is not None else None)
    facts = facts_mod.analyse(doc, raw, view, sview, title=title)
    if options.get("organ_type"):
        facts.organ_type = options["organ_type"]
    if options.get("province"):
        facts.province = options["province"]
    facts.format_version, facts.format_votes = version_mod.detect(view.text, facts.year)
    fmt = facts.format_version or version_mod.implied(facts.year) or "2021"
    specs = pack.data.get("sections", {}).get("pre2019" if fmt == "pre2019" else "post2019", [])
    sections = sections_mod.analyse(doc, view, specs)
    a = Analysis(doc, pack, raw, view, cont, facts, sections, options=options, sview=sview)
    a.personal = personal_mod.find(raw)
    # reports for 2018 and before have no national table format (spec §3.3): no table is read, whatever it looks like
    if fmt != "pre2019" and not (facts.year is not None and facts.year <= 2018):
        tr = tables_mod.analyse(doc, view, pack.data, fmt)
        a.tables, a.table_status, a.identity_eval = tr.tables, tr.status, tr.evaluation
    return a
