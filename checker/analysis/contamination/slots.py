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


def extend(cands: list, text: str, lexicon_dir: str, deny, allow, cues, ctx) -> list:
    """The scored candidates of ``ads`` plus the slot fillers (which replace the weaker candidates they cover)
    plus the recurrences of every accused insert."""
    slot = canonical_slots(text, lexicon_dir, deny, allow, ctx) + host_candidates(text, deny, cues, ctx)
    for sc in slot:
        for c in cands:
            if c.start < sc.end and sc.start < c.end and sc.start <= c.start and c.end <= sc.end:
                c.tier, c.info = None, False
    cands = cands + slot
    recurrences(text, cands, cues, allow)
    return cands
