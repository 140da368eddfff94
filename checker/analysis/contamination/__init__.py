"""The contamination pass: injected ads, foreign footers, page chrome, hidden HTML, cloned copies, garbage.

Runs first (DESIGN.md step 4) on the raw normalised view; yields scored spans (original offsets) and the ranges
that the cleaned view leaves out, so no other rule ever reads injected text. Precision first
(spec/contamination.md §4.1): a span is removed (tier ``remove``) only when a specific lexical anchor and an
independent structural signal agree; weaker evidence is ``flag`` (a warning, never removed). Chrome, form widgets
and benign hidden text are ``strip`` (left out of the cleaned view, reported as info). Provenance of cloned copies
(pinyin annotations, traditional conversion, rewritten portal URLs, spin) is document level; extraction garbage
is reported, never removed.

Modules: ``lexicon`` (data files + Aho-Corasick), ``ads`` (A/B scoring), ``chrome`` (page furniture, footers,
contacts), ``provenance`` (C/G), ``garbage`` (F), ``furniture`` + ``mirror`` (foreign furniture; is the page a
mirror's copy, and whose furniture is it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...document import HIDDEN, Document
from ...normalize import View
from . import ads, base, chrome, foreign, furniture, garbage, hosts, islands, lexicon, mirror, provenance, slots

REMOVE, FLAG, STRIP, NONE = "remove", "flag", "strip", "none"


@dataclass
class Signal:
    name: str
    weight: float
    detail: str = ""

    def to_dict(self) -> dict:
        return {"signal": self.name, "weight": self.weight, "detail": self.detail}


@dataclass
class Span:
    start: int  # original offsets into Document.text
    end: int
    code: str  # the rule code this span is reported under
    category: str  # ad | substitution | stuffing | footer | chrome | hidden | placeholder_phone | region | …
    tier: str  # remove | flag | strip | none (reported, never removed)
    text: str
    score: float = 0.0
    signals: list[Signal] = field(default_factory=list)
    replacement: str = ""
    detail: dict = field(default_factory=dict)
    edits: list[tuple[int, int, str]] | None = None  # several removals under one finding (GOV-K007)


@dataclass
class Contamination:
    spans: list[Span] = field(default_factory=list)
    doc_signals: dict = field(default_factory=dict)

    def removed(self) -> list[tuple[int, int]]:
        out = []
        for s in self.spans:
            if s.tier in (REMOVE, STRIP):
                out.extend((a, b) for a, b, _ in s.edits) if s.edits else out.append((s.start, s.end))
        return out

    def by_code(self, code: str) -> list[Span]:
        return [s for s in self.spans if s.code == code]


def _host(url: str) -> str:
    return url.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()


def load_lexicon(lexicon_dir: str):
    return lexicon.load(lexicon_dir)


_NEWLINE = re.compile("\n")


class Context:
    """Where a view offset sits: hidden block, link, title line, footer zone, line number."""

    def __init__(self, doc: Document, view: View, title_lines: set[int], footer_start: int,
                 chrome_lines: set[int] = frozenset()):
        self.doc, self.view = doc, view
        self.chrome_lines = chrome_lines
        self.title_lines = title_lines
        self.footer_start = footer_start
        self._line_starts: list[int] | None = None  # built on the first line_no()

    def block(self, i: int):
        return self.doc.block_at(self.view.orig(i))

    def hidden_at(self, i: int) -> bool:
        b = self.block(i)
        return b is not None and b.kind == HIDDEN

    def href_at(self, i: int) -> str | None:
        b = self.block(i)
        for h in getattr(b, "hrefs", None) or ():
            host = h.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0]
            if host and "." in host and not hosts.official_host(host):
                return h
        return None

    def is_title_line(self, ls: int, le: int) -> bool:
        return ls in self.title_lines

    def line_no(self, ls: int) -> int:
        import bisect

        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(self.view.text)]
        k = bisect.bisect_right(self._line_starts, ls) - 1
        # count only non-empty lines before
        return sum(1 for a in self._line_starts[:k] if self.view.text[a:a + 1].strip())

    def in_footer(self, i: int) -> bool:
        return i >= self.footer_start


def analyse(doc: Document, view: View, pack, organ_province: str | None, source_url: str | None = None) -> Contamination:
    """Scan the raw view; return the spans (original offsets) and document-level signals.

    ``source_url`` is the address the page was served from when the caller knows it (the ``source_url`` option,
    or the document's own metadata): a report served by a non-government host is a mirror's copy (GOV-K005,
    document level). The detectors share one prefilter of each text (``base.Scan``) for the pass.
    """
    base.begin(doc.text, view.text)
    try:
        return _analyse(doc, view, pack, organ_province, source_url)
    finally:
        base.done()


def _analyse(doc: Document, view: View, pack, organ_province: str | None, source_url: str | None) -> Contamination:
    c = Contamination()
    text = view.text
    lex = lexicon.load(str(pack.lexicon_dir))
    deny, _allow, cues = lexicon.resolve(lexicon.raw_hits(lex, text))

    layout = chrome.Layout(doc, view)
    ctx = Context(doc, view, layout.title_lines, layout.footer_start, layout.chrome_lines)
    taken: list[tuple[int, int]] = []

    def covered(a: int, b: int) -> bool:
        return any(x <= a and b <= y for x, y in taken)

    def add(sp: Span) -> None:
        c.spans.append(sp)
        if sp.tier in (REMOVE, STRIP):
            taken.extend((a, b) for a, b, _ in sp.edits) if sp.edits else taken.append((sp.start, sp.end))

    # 1. hidden HTML blocks: spam-bearing ones are injections (D), the rest is silently stripped
    hidden_spam: set[int] = set()
    cands = ads.clusters(text, deny) + ads.stuffing(text, deny, cues)
    for cand in cands:
        ads.score(cand, text, cues, ctx) if cand.kind != "stuffing" else None
    cands = ads.with_stuffing(cands)  # one stuffed list, one finding (ads8)
    cands = ads.with_title_tails(cands, ads.title_tails(text, ctx, _allow, deny))
    cands = ads.with_keyword_lists(cands, ads.keyword_lists(text, _allow, cues))  # SEO keyword lists (gamble6)
    cands = ads.with_keyword_lists(cands, ads.betting_lists(text, deny, _allow, cues))  # betting link lists (ads8)
    cands = ads.with_keyword_lists(cands, ads.ad_chains(text, deny, _allow, cues))  # betting keyword chains (ads8)
    cands = ads.with_tip_titles(cands, ads.tip_titles(text, deny, cues, ctx))  # lottery-tip title formulas (ads7)
    for cand in cands:
        if cand.kind == "stuffing":
            cand.signals += ads.structure(text, cand.start, cand.end, ctx)
            cand.score = round(sum(g.weight for g in cand.signals), 2)
            has_struct = any(g.name in ads.STRUCTURAL for g in cand.signals)
            cand.tier = REMOVE if has_struct else FLAG
        if cand.tier and ctx.hidden_at(cand.start):
            b = ctx.block(cand.start)
            hidden_spam.add(id(b))
    # keyword substitution into canonical slots, and the recurrences of every accused insert (slots.py)
    cands = slots.extend(cands, text, str(pack.lexicon_dir), deny, _allow, cues, ctx)
    for b in doc.blocks:
        if b.kind != HIDDEN or id(b) in hidden_spam:
            continue
        external = [h for h in (b.hrefs or ()) if not hosts.official_host(_host(h))]
        spammy = [h for h in external if hosts.spam_url(h)]
        if len(external) >= 2 and spammy:
            # a hidden block of links to gambling-looking hosts (暗链, spec §4.11) even without a known word
            sigs = [Signal("hidden", 4, b.reason or ""), Signal("link-non-gov", 2, f"{len(external)} links"),
                    Signal("spam-domain", 2, spammy[0])]
            add(Span(b.start, b.end, "GOV-K001", "ad", REMOVE, b.text, 8.0, sigs,
                     detail={"links": external[:10]}))
            continue
        add(Span(b.start, b.end, "GOV-K010", "hidden", STRIP, b.text,
                 signals=[Signal("hidden", 0, b.reason or "")]))

    # 2. chrome, widgets, footers, contacts
    for sp in layout.spans(text, deny, organ_province, Signal, Span, covered, add):
        pass

    # 3. ads, substitutions, stuffing
    for cand in sorted(cands, key=lambda x: x.start):
        if not cand.tier and not cand.info:
            continue
        s, e = view.span(cand.start, cand.end)
        if ctx.hidden_at(cand.start):
            b = ctx.block(cand.start)
            s, e = b.start, b.end
        if ctx.in_footer(cand.start) and any(sp.code == "GOV-K002" and sp.start <= s < sp.end for sp in c.spans):
            continue
        code = "GOV-K006" if cand.kind in ("substitution", "title", "seo") or (
            cand.kind == "stuffing" and any(g.name in ("title-line", "header-line") for g in cand.signals)) \
            else "GOV-K001"
        category = {"stuffing": "stuffing", "substitution": "substitution", "title": "title",
                    "seo": "seo_title"}.get(cand.kind, "ad")
        detail = {"suppressed_by": cand.suppressed_by} if cand.suppressed_by else {}
        if not cand.tier:  # information only (ads.score: a brand anchor without a structural signal)
            detail["severity"] = "info"
        detail.update(cand.detail)
        edits = [(s, e, "")] + [(*view.span(a, b), "") for a, b in cand.extra] if cand.extra else None
        if edits:  # the same insert at several places: one finding, every occurrence removed (slots.recurrences)
            detail["occurrences"] = len(edits)
        add(Span(s, e, code, category, cand.tier or NONE, doc.text[s:e], cand.score, cand.signals, detail=detail,
                 edits=edits))

    # 3b. foreign furniture of the mirror (repost notices, CMS signatures, infoboxes, portal menus, language switch)
    for s0, e0, kind, sigs in furniture.find(text):
        s, e = view.span(s0, e0)
        if e <= s or covered(s, e):
            continue
        weak = any(n == "info" for n, _, _ in sigs)  # a tag label or a caption: reported, never an accusation
        add(Span(s, e, "GOV-K014", "furniture", NONE if weak else REMOVE, doc.text[s:e], sum(w for _, w, _ in sigs),
                 [Signal(n, w, d) for n, w, d in sigs if n != "info"],
                 detail={"kind": kind, **({"severity": "info"} if weak else {})}))

    # 3c. download-site listing lines (ads.listing_lines): the foreign site's furniture
    for s0, e0, sigs in ads.listing_lines(text):
        s, e = view.span(s0, e0)
        if e > s and not covered(s, e):
            add(Span(s, e, "GOV-K014", "furniture", REMOVE, doc.text[s:e], sum(g.weight for g in sigs), sigs,
                     detail={"kind": "download listing"}))

    # 4. provenance of cloned copies
    _page_host(source_url, c)
    _provenance(doc, view, deny, c, Signal, Span)
    c.spans.extend(provenance.spin_spans(doc.text, view, str(pack.lexicon_dir), deny, Signal, Span))  # spin.tsv
    _page_title(doc, lex, c)

    # 4b. is the page a mirror's copy? then its site furniture is the mirror's own (GOV-K014), else chrome (mirror.py)
    mirror.apply(doc, view, c, Signal, Span, source_url, model=lambda: _ngram_model(pack))

    # 5. extraction garbage, markup and symbol residue (GOV-K012); traditional islands in simplified text (GOV-K015)
    c.spans.extend(garbage.spans(doc.text, bool(c.doc_signals.get("pinyin")), Signal, Span))
    c.spans.extend(islands.spans(doc.text, c.spans, Signal, Span))

    # 6. truncated paragraphs
    for sp in chrome.truncations(doc, Signal, Span):
        c.spans.append(sp)

    # 7. foreign text by the learned n-gram scorer (foreign.py): flag at most, only with a structural signal,
    #    never over a span reported above
    c.spans.extend(foreign.find(doc, view, c.spans, Signal, Span, lambda: _ngram_model(pack),
                                mirror="mirror" in c.doc_signals))
    # 7b. the mirror judged again with the evidence of steps 5-7 (sprinkled symbols, foreign text): mirror.py
    mirror.late(doc, view, c, Signal, Span, source_url, model=lambda: _ngram_model(pack))
    c.spans.sort(key=lambda sp: (sp.start, sp.end))
    return c


def _ngram_model(pack):
    from . import ngram

    return ngram.load(str(pack.lexicon_dir / "ngram.json.gz"))


def _provenance(doc: Document, view: View, deny, c: Contamination, Signal, Span) -> None:
    text = doc.text
    first = next((i for i, ch in enumerate(text) if not ch.isspace()), 0)
    first_end = text.find("\n", first)
    first_end = min(len(text) if first_end < 0 else first_end, first + 40)
    ann = provenance.pinyin_annotations(text)
    if ann:
        s, e = ann[0][0], ann[-1][1]
        sample = "、".join(text[a - 1:b] for a, b, _ in ann[:4])
        c.spans.append(Span(s, e, "GOV-K007", "pinyin", REMOVE, text[s:e], 0,
                            [Signal("pinyin-annotation", 0, f"{len(ann)}×")],
                            detail={"count": len(ann), "sample": sample,
                                    "annotations": [text[a:b] for a, b, _ in ann]},
                            edits=[(a, b, "") for a, b, _ in ann]))
        c.doc_signals["pinyin"] = len(ann)
    trad = provenance.traditional(text)
    if trad:
        ratio, changed = trad
        c.spans.append(Span(first, first_end, "GOV-K009", "traditional", NONE, text[first:first_end], 0,
                            [Signal("traditional-ratio", 0, f"{ratio:.2f} ({changed} characters)")],
                            detail={"ratio": round(ratio, 3), "changed": changed,
                                    "examples": "".join(provenance.traditional_examples(text))}))
        c.doc_signals["traditional_ratio"] = round(ratio, 3)
    spin = [h for h in deny if h.family == "G6"]
    if spin and sum({h.term: h.weight for h in spin}.values()) >= 3:
        # a spun copy (伪原创): every occurrence of a spin signature, once the distinct ones add up to 3
        terms = sorted({h.term for h in spin})
        for h in spin:
            s, e = view.span(h.start, h.end)
            c.spans.append(Span(s, e, "GOV-K009", "spin", NONE, text[s:e], h.weight,
                                [Signal("spin-signature", h.weight, h.term)], detail={"terms": "、".join(terms)}))
    # a span with edits accuses its edits, not the range from the first to the last (GOV-K007's annotations span
    # the whole page: a rewritten portal URL between two of them is no part of them)
    accused = [(sp.start, sp.end) for sp in c.spans
               if sp.tier in (REMOVE, FLAG) and sp.code != "GOV-K005" and not sp.edits]
    accused += [(a, b) for sp in c.spans if sp.tier in (REMOVE, FLAG) and sp.edits for a, b, _ in sp.edits]
    for s0, e0, url, host, where, sigs in provenance.portal_urls(view.text, c.doc_signals.get("page_host")):
        s, e = view.span(s0, e0)
        if any(a < e and s < b for a, b in accused):
            continue  # a host an accusation already names (a spam host in the organ's slot): one problem, one finding
        c.spans.append(Span(s, e, "GOV-K005", "portal_url", NONE, text[s:e], 0,
                            [Signal(where, 0, host), Signal("non-government-host", 0, host)]
                            + [Signal(n, 0, d) for n, d in sigs],
                            detail={"host": host, "context": where}))


def _page_host(source_url: str | None, c: Contamination) -> str | None:
    """GOV-K005 (document level) when the page was served by a non-government host; the host, else None."""
    if not source_url:
        return None
    host = source_url.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    path = "/" + source_url.split("//", 1)[-1].split("/", 1)[1] if "/" in source_url.split("//", 1)[-1] else ""
    if not host or "." not in host or hosts.official_host(host) or hosts.registrable(host) is None:
        return None
    sigs = [Signal("page-host", 0, host), Signal("non-government-host", 0, hosts.registrable(host) or host)]
    sigs += [Signal(n, 0, d) for n, d in hosts.foreign_signals(host, path)]
    c.spans.append(Span(0, 0, "GOV-K005", "page_host", NONE, "", 0, sigs,
                        detail={"host": host, "context": "page address", "url": source_url[:200]}))
    c.doc_signals["page_host"] = host
    return host


def _page_title(doc: Document, lex, c: Contamination) -> None:
    """The HTML <title> (not part of the text): brand, SEO tail or porn list stuffed into it → GOV-K006, document level."""
    from ...normalize import build_view

    title = (doc.metadata or {}).get("title") or ""
    if not title or any(sp.code == "GOV-K006" for sp in c.spans):
        return
    tv = build_view(title).text
    deny, _, cues = lexicon.resolve(lexicon.raw_hits(lex, tv))
    brands = [h for h in deny if h.family in ("G1", "G5")]
    porn = {h.term for h in deny if h.family == "G4"}
    enforcement = any(h.family == "ENF" for h in cues)
    if (brands and not enforcement) or len(porn) >= 3:
        sigs = [Signal("brand" if h.family == "G1" else "seo-signature", h.weight, tv[h.start:h.end]) for h in brands]
        if len(porn) >= 3:
            sigs.append(Signal("stuffed-list", 8, "、".join(sorted(porn))))
        sigs.append(Signal("page-title", 2, "<title>"))
        c.spans.append(Span(0, 0, "GOV-K006", "title_meta", NONE, "", sum(g.weight for g in sigs), sigs,
                            detail={"title": title[:120]}))
