"""Is this page a mirror's copy? And, on such a page, whose furniture is it (GOV-K014 vs GOV-K010)?

The judgement is document level and uses only evidence the pass has already computed (issue 13):
- ``page-host``: the page was served by a non-government host (GOV-K005 page_host), with its host signals (a
  government CMS path on a foreign host, an embedded government hostname, spam morphology);
- ``portal-url``: the report's own address rewritten to a foreign host, or a mirror-morphology host in the text
  (GOV-K005 portal_url, download/contact sentence or mirror host);
- ``pinyin-annotations``: converter pinyin after characters (GOV-K007, at least three);
- ``traditional-copy`` and ``spun-copy`` (GOV-K009): weak, a mirror only together.
A page served by a government host is never a mirror's copy. The verdict is ``doc_signals["mirror"]``
(``{"reasons": [...]}``).

On a mirror's copy, furniture that carries no government-page vocabulary (``furniture.GOV_VOCAB``) and is not the
copied article's byline is the mirror's own: its menus, breadcrumbs, share/print bars, search box, language switch,
news lists, captions and reference marks are reported as GOV-K014 (warning; removed by ``clean``), with the mirror
reasons and the structure as signals. The same lines on a government page stay GOV-K010 chrome (info) or are left
alone; only furniture that is foreign on its own (a document-sharing site's reading notice, a commercial contact
line) is GOV-K014 on any page.
"""

from __future__ import annotations

import re

from . import furniture, hosts

STRONG = ("page-host", "portal-url", "pinyin-annotations")
CHROME_CODES = ("GOV-K010", "GOV-K013")
MIRROR_CONTEXTS = ("download-sentence", "contact-sentence", "mirror-host")
NO_GOV_CHECK = ("flipbook-page",)  # generated furniture around the document's own title
BLOCK_HEADS = ("breadcrumb", "share-bar", "widget", "language-switch")  # lines read with the block around them




def _host(url: str) -> str:
    return url.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()


def judge(c, source_url: str | None) -> dict | None:
    """The mirror verdict from the pass's findings so far: {"reasons": [...]} or None."""
    if source_url and "." in _host(source_url) and hosts.official_host(_host(source_url)):
        return None
    reasons: list[tuple[str, str]] = []
    for sp in c.spans:
        if sp.code == "GOV-K005" and sp.category == "page_host":
            reasons.append(("page-host", sp.detail.get("host", "")))
            reasons += [(g.name, g.detail) for g in sp.signals if g.name in (
                "gov-path-on-foreign-host", "embedded-gov-host", "spam-morphology")]
        elif sp.code == "GOV-K005" and sp.category == "portal_url" and sp.detail.get("context") in MIRROR_CONTEXTS:
            if not any(n == "portal-url" for n, _ in reasons):
                reasons.append(("portal-url", sp.detail.get("host", "")))
    if c.doc_signals.get("pinyin", 0) >= 3:
        reasons.append(("pinyin-annotations", f"{c.doc_signals['pinyin']}×"))
    weak = []
    if c.doc_signals.get("traditional_ratio"):
        weak.append(("traditional-copy", f"{c.doc_signals['traditional_ratio']:.2f}"))
    if any(sp.code == "GOV-K009" and sp.category == "spin" for sp in c.spans):
        weak.append(("spun-copy", ""))
    if any(n in STRONG for n, _ in reasons) or len(weak) >= 2:
        return {"reasons": [f"{n}: {d}" if d else n for n, d in reasons + weak]}
    return None


def _blocks(text: str, spans) -> list[list]:
    """Chrome spans grouped into blocks: spans separated by whitespace only are one block."""
    out: list[list] = []
    for sp in sorted(spans, key=lambda x: x.start):
        gap = text[max(x.end for x in out[-1]):sp.start] if out else "x"
        if out and not re.search(r"[\w\u4e00-\u9fff]", gap):  # whitespace or separator lines (|, -) between
            out[-1].append(sp)
        else:
            out.append([sp])
    return out


def _block_text(text: str, s: int, e: int, reach: int = 2) -> str:
    """The candidate with the furniture lines around it (up to ``reach`` short non-sentence lines before and after;
    blank and separator-only lines skipped): a label line belongs to the block it heads (您当前的位置: over
    首页 >> 政务公开)."""
    def short(line: str) -> bool:
        return len(line.strip()) <= 60 and not furniture._is_body(line.strip())

    def content(line: str) -> bool:
        return bool(re.search(r"[\w\u4e00-\u9fff]", line))

    a, b, n = s, e, 0
    while n < reach and a > 0:
        ls = text.rfind("\n", 0, a - 1) + 1
        line = text[ls:a - 1] if text[a - 1] == "\n" else text[ls:a]
        if not content(line):
            a = ls
            continue
        if not short(line):
            break
        a, n = ls, n + 1
    n = 0
    while n < reach and b < len(text):
        le = text.find("\n", b + 1)
        le = len(text) if le < 0 else le
        line = text[b:le]
        if not content(line):
            b = le
            continue
        if not short(line):
            break
        b, n = le, n + 1
    return text[a:b]


class _Index:
    """Spans by position (buckets of ``B`` characters; long spans in a list of their own): overlap queries stay
    linear in the document, not in the number of spans times the number of candidates."""

    B = 512

    def __init__(self):
        self.buckets: dict[int, list] = {}
        self.long: list = []

    def add(self, sp, ranges=None) -> None:
        for a, b in ranges or [(sp.start, sp.end)]:
            if b - a > 64 * self.B:
                self.long.append((a, b, sp))
                continue
            for k in range(a // self.B, (max(a, b - 1)) // self.B + 1):
                self.buckets.setdefault(k, []).append((a, b, sp))

    def overlapping(self, s: int, e: int) -> list:
        out, seen = [], set()
        for k in range(s // self.B, max(s, e - 1) // self.B + 1):
            for a, b, sp in self.buckets.get(k, ()):
                if a < e and s < b and id(sp) not in seen:
                    seen.add(id(sp))
                    out.append(sp)
        for a, b, sp in self.long:
            if a < e and s < b and id(sp) not in seen:
                seen.add(id(sp))
                out.append(sp)
        return out


def apply(doc, view, c, Signal, Span, source_url: str | None = None) -> None:
    """Judge the page, then file the site furniture: GOV-K014 when it is the mirror's, GOV-K010 when it is chrome."""
    import bisect

    verdict = judge(c, source_url)
    if verdict:
        c.doc_signals["mirror"] = verdict
    mirror_sigs = [Signal("mirror-page", 0, r) for r in verdict["reasons"]] if verdict else []
    dropped: set[int] = set()  # ids of chrome spans replaced by a GOV-K014 span
    blocking, chrome = _Index(), _Index()  # spans that already report a text / chrome spans
    for x in c.spans:
        if x.end <= x.start:
            continue
        if x.code in CHROME_CODES:
            chrome.add(x)
        elif (x.tier in ("remove", "flag") or x.code == "GOV-K014") and x.code != "GOV-K007":
            blocking.add(x, [(p, q) for p, q, _ in x.edits] if x.edits else None)  # a line removal may hold pinyin

    def k014(s: int, e: int, kind: str, sigs, on_mirror: bool, edits=None) -> None:
        signals = (mirror_sigs if on_mirror else []) + [Signal(n, w, d if isinstance(d, str) else "")
                                                        for n, w, d in sigs if n != "edits"]
        sp = Span(s, e, "GOV-K014", "furniture", "remove", doc.text[s:e], sum(g.weight for g in signals), signals,
                  detail={"kind": kind}, edits=edits)
        c.spans.append(sp)
        blocking.add(sp, [(p, q) for p, q, _ in edits] if edits else None)

    # 1. chrome already found (K010 lines, K013 widgets), taken as blocks of adjacent lines: on a mirror's copy the
    #    site parts of a block without government vocabulary are the mirror's
    if verdict:
        for group in _blocks(doc.text, [x for x in c.spans if x.code in CHROME_CODES and x.end > x.start]):
            g0, g1 = group[0].start, max(x.end for x in group)
            parts = [(g0 + a, g0 + b, kind, shape) for a, b, kind, shape in furniture.split_furniture(doc.text[g0:g1])]
            starts = [p[0] for p in parts]
            for sp in group:
                k = bisect.bisect_right(starts, sp.start) - 1
                cands = [parts[i] for i in (k, k + 1) if 0 <= i < len(parts)]
                part = next((p for p in cands if p[0] <= sp.start < p[1] or sp.start <= p[0] < sp.end), None)
                if part is None or part[2] != "site":
                    continue
                dropped.add(id(sp))
                shape = part[3] or "site-furniture"
                k014(sp.start, sp.end, shape, [(shape, 4, doc.text[sp.start:sp.end][:40]), ("own-line", 2, "")], True)
    # 2. structural candidates in the view
    ency = furniture.encyclopedia_page(view.text, source_url)
    for s0, e0, kind, sigs, scope in furniture.site_candidates(view.text, encyclopedia=ency):
        edits = None
        if kind == "reference-marks":
            marks = next(d for n, _, d in sigs if n == "edits")
            edits = [(*view.span(a, b), "") for a, b in marks]
        s, e = view.span(s0, e0)
        if e <= s:
            continue
        mine_ranges = [(a, b) for a, b, _ in edits] if edits else [(s, e)]
        if any(blocking.overlapping(a, b) for a, b in mine_ranges):
            continue  # already reported (an ad, a notice, a furniture line)
        ctx = _block_text(view.text, s0, e0) if kind in BLOCK_HEADS else view.text[s0:e0]
        mine = scope == "any" or bool(verdict) and (kind in NO_GOV_CHECK or not furniture.GOV_VOCAB.search(ctx))
        chrome_here = [x for x in chrome.overlapping(s, e) if id(x) not in dropped]
        if mine:
            dropped.update(id(x) for x in chrome_here)
            k014(s, e, kind, sigs, bool(verdict) and scope != "any", edits)
        elif scope == "chrome" and not verdict and not chrome_here:
            sp = Span(s, e, "GOV-K010", "chrome", "strip", doc.text[s:e], signals=[Signal("chrome-line", 0, kind)])
            c.spans.append(sp)
            chrome.add(sp)
    if dropped:
        c.spans[:] = [x for x in c.spans if id(x) not in dropped]
    # 3. a tag label or a caption (reported as info on any page) is the mirror's own label on a mirror's copy
    if verdict:
        for sp in c.spans:
            if sp.code == "GOV-K014" and sp.detail.get("severity") == "info":
                sp.detail.pop("severity")
                sp.tier = "remove"
                sp.signals = mirror_sigs + list(sp.signals)
