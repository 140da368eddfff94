"""Keyword substitution into the fixed slots of a report, and the recurrences of an accused insert.

A mirror that rewrites a report replaces fixed wording with its keywords everywhere at once: the organ's place
name, the issuer of a canonical notice, 政府信息公开 or 关于 (spec/contamination.md §2 A2). Two mechanisms here, both
independent of the words themselves (issue 13):

- ``canonical_slots``: a title cited in 《》 is compared with the canonical titles every report cites
  (``lexicons/slots.tsv``: the 2019 regulations, the 国办公开办函〔2021〕30号 format notice, the yearly 政务公开工作要点
  notice …). When most of the canonical title is there (a common prefix and suffix) and the part in between was
  replaced by something else, the foreign insert is a slot filler: a structural signal of its own
  (``canonical-slot``). It is an accusation only with a lexical anchor inside the insert (a gambling, porn or
  streaming word, a brand formation, a question-form phrase, a spam host) or when the same insert recurs in the
  document; an insert that is a place or organ name (a province's own notice with the same wording), a typo-sized
  difference (GOV-W001's business) or government wording is never one.
- ``recurrences``: once an insert is removed, its other verbatim occurrences are the same insert (a mirror replaces
  globally), even where they sit inside a 《》 title or before an organ's name where no anchor-specific signal
  fires. They join the first one's finding as further edits (one insert, one finding, removed everywhere) with
  a ``recurrence`` signal; occurrences inside quotes in an enforcement sentence (a 禁赌 notice naming the site)
  are left alone.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from .base import HAN, sentence_bounds

BOOK = re.compile(r"《([^《》\n]{4,90})》")
YEAR = re.compile(r"\d{4}")
YEAR_MARK = "\x00\x00\x00\x00"  # a 4-digit year, length-preserving
ORGAN_WORD = re.compile(r"人民政府|政府|办公厅|办公室|委员会|局|厅|部|院|署|委|办|中心|街道|乡|镇|县|市|区|省")
GOV_WORD = re.compile(r"政府|信息|公开|政务|报告|工作|条例|通知|印发|办法|规定|意见|要点|方案|年度|格式")
ANCHOR_FAMILIES = ("G1", "G3", "G5")
MIN_RECUR = 3  # characters of an accused insert for its recurrences to be accused as well


@functools.lru_cache(maxsize=4)
def fixed_texts(lexicon_dir: str) -> tuple[tuple[str, str], ...]:
    """(canonical text with years marked, source) from ``slots.tsv``; ``{Y}`` stands for any 4-digit year."""
    p = Path(lexicon_dir) / "slots.tsv"
    if not p.exists():
        return ()
    out = []
    for line in p.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t") if c.strip()]
        out.append((cols[0].replace("{Y}", YEAR_MARK), cols[1] if len(cols) > 1 else ""))
    return tuple(out)


def _common(a: str, b: str) -> tuple[int, int]:
    """Lengths of the common prefix and the (non-overlapping) common suffix of a and b."""
    p = 0
    n = min(len(a), len(b))
    while p < n and a[p] == b[p]:
        p += 1
    q = 0
    while q < n - p and a[-1 - q] == b[-1 - q]:
        q += 1
    return p, q


def _place_or_organ(s: str) -> bool:
    from ..region import provinces_in

    return bool(provinces_in(s)) or bool(ORGAN_WORD.search(s))


def canonical_slots(text: str, lexicon_dir: str, deny, allow, ctx) -> list:
    """Candidates for foreign inserts in the slots of canonical titles cited in 《》 (view offsets)."""
    from . import Signal
    from .ads import Candidate, structure
    from .hosts import find as find_hosts

    fixed = fixed_texts(lexicon_dir)
    if not fixed:
        return []
    out = []
    for m in BOOK.finditer(text):
        cited = YEAR.sub(YEAR_MARK, m.group(1))
        best = None
        for canon, source in fixed:
            if cited == canon:
                best = None
                break
            p, q = _common(cited, canon)
            if p + q < max(8, len(canon) // 2):
                continue
            ins, rep = cited[p:len(cited) - q], canon[p:len(canon) - q]
            if not ins or (not rep and (p < 2 or q < 2)):
                continue  # a pure deletion, or text added before/after the title (…条例释义): another title
            if best is None or p + q > best[0]:
                best = (p + q, p, q, canon, source)
        if best is None:
            continue
        _, p, q, canon, source = best
        s, e = m.start(1) + p, m.end(1) - q
        ins = text[s:e]
        rep = canon[p:len(canon) - q].replace(YEAR_MARK, "{Y}")
        core = ins.strip(" ,，、_|-·:：@")
        if len(core) < 2 or (len(ins) <= 2 and len(rep) <= 2):
            continue  # a typo-sized difference is a wording error (GOV-W001), not an insert
        if _place_or_organ(core) or GOV_WORD.search(core):
            continue  # a province's own notice, an older name of the issuer, a paraphrase
        anchors = [h for h in deny if h.family in ANCHOR_FAMILIES and h.start < e and s < h.end]
        spam = [r for r in find_hosts(ins) if not r.official]
        recur = text.count(ins) - 1 if len(core) >= MIN_RECUR else 0
        sigs = [Signal("canonical-slot", 3, f"《{canon.replace(YEAR_MARK, '{Y}')}》: 「{rep}」")]
        lexical = 0.0
        for h in anchors:
            w = min(h.weight, 5.0)
            lexical = max(lexical, w)
            sigs.append(Signal({"G1": "brand", "G3": "gambling-term", "G5": "seo-signature"}[h.family], w,
                               text[h.start:h.end]))
        for r in spam[:1]:
            lexical = max(lexical, 4.0)
            sigs.append(Signal("spam-host", 4, r.host))
        if recur:
            sigs.append(Signal("repeated", 2, f"{recur + 1}×"))
        sigs += [g for g in structure(text, s, e, ctx) if g.name in ("title-line", "header-line", "hidden")]
        c = Candidate(s, e, anchors, kind="substitution")
        c.signals = sigs
        c.score = round(sum(g.weight for g in sigs), 2)
        c.strong = bool(lexical)
        if lexical and c.score >= 8:
            c.tier = "remove"
        elif lexical or (recur and not set(HAN.findall(core)) & set(rep)):
            c.tier = "flag"  # a recurring replacement (not an edit of the canonical wording) without an anchor
        else:
            continue  # the slot alone: a paraphrase or a local variant is not worth a finding
        c.detail = {"canonical": canon.replace(YEAR_MARK, "{Y}"), "source": source}
        out.append(c)
    return out


def _quoted_in_enforcement(text: str, s: int, e: int, cues) -> bool:
    a = max(text.rfind("“", 0, s), text.rfind("\"", 0, s))
    if a < 0 or text.find("”", e, e + 3) < 0 and text.find("\"", e, e + 3) < 0:
        return False
    sa, se = sentence_bounds(text, s)
    return any(h.family == "ENF" and sa <= h.start and h.end <= se for h in cues)


def recurrences(text: str, cands: list, cues, allow) -> None:
    """Attach the other verbatim occurrences of every removed insert to its candidate (``extra``, view offsets):
    one finding for one insert, removed everywhere it stands. A weaker candidate with the same text (a warning
    where no slot signal fired) becomes one of those occurrences."""
    from . import Signal

    sources = [c for c in cands if c.tier == "remove" and c.kind in ("ad", "substitution")
               and (c.hits or any(g.name in ("canonical-slot", "spam-host") for g in c.signals))]
    done: set[str] = set()
    for src in sorted(sources, key=lambda c: (-(c.end - c.start), c.start)):
        ins = text[src.start:src.end]
        core = ins.strip(" ,，、_|-·:：@\n")
        if ins in done or len(core) < MIN_RECUR \
                or len(HAN.findall(core)) + sum(ch.isalnum() for ch in core if ch.isascii()) < MIN_RECUR:
            continue
        done.add(ins)
        same = [c for c in cands if c is not src and c.tier != "remove" and text[c.start:c.end] == ins
                and c.kind in ("ad", "substitution") and not c.suppressed_by]
        for c in same:
            c.tier, c.info = None, False
        taken = [(c.start, c.end) for c in cands if c.tier] + [r for c in cands for r in c.extra]
        i = text.find(ins)
        while i >= 0:
            j = i + len(ins)
            if not any(a < j and i < b for a, b in taken) and not _quoted_in_enforcement(text, i, j, cues) \
                    and not any(h.start < j and i < h.end for h in allow):
                src.extra.append((i, j))
                taken.append((i, j))
            i = text.find(ins, i + 1)
        if src.extra:
            src.signals = src.signals + [Signal("recurrence", 0, f"{len(src.extra) + 1}× in the document")]


SLOT_SIGNALS = ("organ-slot", "substitution-slot", "address-slot", "enumeration-break")


def host_candidates(text: str, deny, cues, ctx) -> list:
    """Bare spam hosts in the text (``www.365-818.com``): a digit-heavy or gambling-looking registrable name on a
    non-government host is an anchor; with a slot signal (请与[host]办公室联系, 在[host]网站上) or a gambling word in
    the same sentence it is an accusation."""
    from . import Signal
    from .ads import Candidate, structure
    from .hosts import find as find_hosts
    from .hosts import spam_url

    out = []
    for r in find_hosts(text):
        if r.official or r.kind == "email" or not spam_url(r.host + (r.path or "")):
            continue
        s, e = r.start, r.end
        sa, se = sentence_bounds(text, s)
        if any(h.family == "ENF" for h in cues if sa <= h.start and h.end <= se):
            continue  # a 公安 notice naming the site it closed
        struct = structure(text, s, e, ctx)
        words = [h for h in deny if h.family in ANCHOR_FAMILIES and sa <= h.start and h.end <= se
                 and not (s <= h.start < e)]
        slot = [g for g in struct if g.name in SLOT_SIGNALS]
        if not slot and not words:
            continue
        sigs = [Signal("spam-host", 4, r.registrable)] + [g for g in struct if g.name != "glued"]
        if words:
            sigs.append(Signal("gambling-term", 3, text[words[0].start:words[0].end]))
        c = Candidate(s, e, [], kind="substitution" if slot else "ad")
        c.signals = sigs
        c.score = round(sum(g.weight for g in sigs), 2)
        c.strong = True
        c.tier = "remove" if (slot and c.score >= 8) or (slot and words) else "flag"
        out.append(c)
    return out


# the 关于 slot of a document title: 《[issuer]关于[verb …]的通知》 — what stands between the issuer (or 《) and the
# title's verb (or its year) where 关于 stood
TITLE_VERB = re.compile(r"印发|转发|批转|做好|开展|加强|进一步|推进|推动|深化|全面|建立|健全|完善|实施|落实|贯彻|调整|公布|"
                        r"下达|表彰|成立|规范|组织|促进|切实|提升|加快|明确|废止|修改|修订|认定|设立|同意|报送|编制|"
                        r"\d{4}年")
TITLE_END = re.compile(r"(?:通知|意见|决定|批复|公告|通告|办法|方案|规定|报告|总结|要点|函|纪要|制度|规划|细则|说明|"
                       r"安排|计划|通报|指南|目录|清单)$")
ISSUER_END = re.compile(r"人民政府办公厅|人民政府办公室|办公厅|办公室|人民政府|政府|委员会|局|厅|部|委|院|署|中心|办")
# the organ-name slot after a place name: 青川县[人民政府]门户网站 → 青川县[德赢VWIN]门户网站
PLACE_END = "省市县区镇乡旗州"
SITE_TAIL = re.compile(r"[_\-·]?(?:政府门户网站|门户网站|政府网站|政府网|政务网|政务服务网|信息公开网|人民政府|政府)")
INSERT_CHARS = re.compile(r"[\u3400-\u9fffa-zA-Z0-9_\-·,，|｜ ]")
FUNCTION_WORD = re.compile(r"关于|的|和|与|及|对|在|为|等")


def _insert_ok(ins: str) -> bool:
    core = ins.strip(" ,，、_|｜-·")
    return (2 <= len(core) <= 30 and all(INSERT_CHARS.match(ch) for ch in ins) and not FUNCTION_WORD.search(ins)
            and not GOV_WORD.search(ins) and not ISSUER_END.search(core))


def title_slots(text: str, deny, cues, ctx) -> list:
    """Brand formations written in a fixed slot of the report's wording, whatever the title (no canonical text needed):
    the 关于 slot of a cited document title (《UedBet体育印发…的通知》, 《…办公厅比分直播,篮球比分直播印发…》) and the
    organ-name slot after a place name (青川县德赢VWIN门户网站). The slot is the structural signal; the anchor inside the
    insert (a brand, a gambling word, an SEO signature) is the lexical one; a recurring insert scores more."""
    from . import Signal
    from .ads import Candidate

    anchors = [h for h in deny if h.family in ANCHOR_FAMILIES and h.entry.term != "(question form)"
               or h.family == "G5"]
    out = []
    seen: set[tuple[int, int]] = set()

    def emit(s: int, e: int, slot: Signal, inside: list) -> None:
        ins = text[s:e]
        if (s, e) in seen or not _insert_ok(ins):
            return
        sa, se = sentence_bounds(text, s)
        if any(h.family == "ENF" and sa <= h.start and h.end <= se for h in cues) and _in_quotes(text, s, e):
            return  # a 公安 notice quoting the site it closed
        seen.add((s, e))
        sigs = [slot]
        lexical = 0.0
        fams = set()
        for h in inside:
            w = min(h.weight, 5.0)
            if h.family in fams:
                continue
            fams.add(h.family)
            lexical += w
            sigs.append(Signal({"G1": "brand", "G3": "gambling-term", "G5": "seo-signature"}[h.family], w,
                               text[h.start:h.end]))
        n = text.count(ins)
        if n >= 2 and len(ins.strip()) >= MIN_RECUR:
            sigs.append(Signal("repeated", 2, f"{n}×"))
        c = Candidate(s, e, list(inside), kind="substitution")
        c.signals = sigs
        c.score = round(sum(g.weight for g in sigs), 2)
        c.strong = bool(fams & {"G1", "G5"}) or n >= 2
        c.tier = "remove" if c.score >= 8 and c.strong else ("flag" if c.score >= 5 else None)
        if c.tier:
            out.append(c)

    for m in BOOK.finditer(text):
        t0, t1 = m.start(1), m.end(1)
        inside = [h for h in anchors if t0 <= h.start and h.end <= t1]
        if not inside or not TITLE_END.search(m.group(1)):
            continue
        a = min(h.start for h in inside)
        left = text[t0:a]
        if "关于" in left:
            continue  # the anchor is in the title's subject (《关于打击××赌博网站的通告》), not in its 关于 slot
        ends = [x.end() for x in ISSUER_END.finditer(left)]
        s = t0 + (ends[-1] if ends else 0)
        first = [h for h in inside if h.start >= s]
        b = max(h.end for h in first)
        v = TITLE_VERB.search(text, b, min(t1, b + 14))
        if v is None:
            continue
        e = v.start()
        if s == t0 and not TITLE_VERB.match(text, e):
            continue
        emit(s, e, Signal("about-slot", 3, f"《{m.group(1)[:40]}》: 「关于」"), [h for h in first if h.end <= e])
    for h in anchors:
        if h.family not in ("G1", "G5"):
            continue
        k = h.start
        while k > 0 and h.start - k < 6 and text[k - 1] not in PLACE_END and INSERT_CHARS.match(text[k - 1]) \
                and text[k - 1] not in " ,，|｜":
            k -= 1
        if k < 2 or text[k - 1] not in PLACE_END or not HAN.match(text[k - 2]):
            continue
        e = h.end
        tail = SITE_TAIL.match(text, e)
        if tail is None:
            continue
        emit(k, e, Signal("place-slot", 3, text[max(0, k - 4):min(len(text), tail.end() + 2)]), [h])
    # one insert, one finding: the same insert in several slots joins the first one's finding as further edits
    merged: dict[str, object] = {}
    for c in sorted(out, key=lambda c: c.start):
        first = merged.get(text[c.start:c.end])
        if first is None:
            merged[text[c.start:c.end]] = c
            continue
        first.extra.append((c.start, c.end))
        first.tier = "remove" if "remove" in (first.tier, c.tier) else first.tier
        first.signals += [g for g in c.signals if g.name not in {x.name for x in first.signals}]
    return list(merged.values())


def _in_quotes(text: str, s: int, e: int) -> bool:
    a = max(text.rfind("“", max(0, s - 30), s), text.rfind("\"", max(0, s - 30), s))
    return a >= 0 and (text.find("”", e, e + 30) >= 0 or text.find("\"", e, e + 30) >= 0)


def extend(cands: list, text: str, lexicon_dir: str, deny, allow, cues, ctx) -> list:
    """The scored candidates of ``ads`` plus the slot fillers (which replace the weaker candidates they cover)
    plus the recurrences of every accused insert."""
    slot = canonical_slots(text, lexicon_dir, deny, allow, ctx) + host_candidates(text, deny, cues, ctx)
    slot += [c for c in title_slots(text, deny, cues, ctx)
             if not any(o.start < c.end and c.start < o.end for o in slot)]
    for sc in slot:
        for a, b in [(sc.start, sc.end)] + sc.extra:
            for c in cands:
                if c.start < b and a < c.end and a <= c.start and c.end <= b:
                    c.tier, c.info = None, False
    cands = cands + slot
    recurrences(text, cands, cues, allow)
    return cands
