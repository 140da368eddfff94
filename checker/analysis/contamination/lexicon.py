"""The lexicons of the contamination pass as data (rules/<pack>/lexicons/*.txt), matched with Aho-Corasick.

One automaton holds every entry of every family; :func:`hits` returns all matches on a normalised text with
Latin word boundaries enforced, brand cores (``G1c``) formed into brands by their own suffixes, and deny hits
cancelled by any overlapping ``ALLOW`` entry (longest / overlap semantics, spec/contamination.md §4.4).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from . import base

DENY = frozenset({"G1", "G1c", "G2", "G3", "G4", "G5", "G6"})
CUES = frozenset({"ENF", "WELFARE", "GOV"})
SQUEEZE = re.compile(r"[\s·•._\-]?")
# what follows a company's or a venue's registered name: a core + suffix followed by it is that name, not a brand
COMPANY = re.compile(r"(?:有限公司|有限责任|股份|公司|科技|实业|贸易|物流|置业|酒店|大酒店|商贸|园区|产业园|物流园|文化园|小区|广场)")


@dataclass(frozen=True)
class Entry:
    term: str
    family: str
    weight: float
    word: bool = False
    suffix: tuple[str, ...] = ()
    veto: tuple[str, ...] = ()
    left: tuple[str, ...] = ()  # G1c: characters before the core that cancel the formation (打开云平台)
    source: str = ""
    topic: bool = False  # G3: a word an article about gambling writes as its subject (赌场, 博彩), not spam slang
    slang: bool = False  # G3: the slang of illegal lotteries and betting sites only (一肖一码, 时时彩, 买球app)


@dataclass
class Hit:
    start: int  # offsets into the matched (normalised) text
    end: int
    entry: Entry
    family: str  # G1c formed with a suffix becomes G1

    @property
    def term(self) -> str:
        return self.entry.term

    @property
    def weight(self) -> float:
        return self.entry.weight


@dataclass
class Lexicon:
    auto: object
    entries: list[Entry]
    auto8: object = None  # the same terms over their UTF-8 bytes read as Latin-1 (occurrences(): issue 16)
    terms_entries: tuple = ()  # (term, its entries) pairs, the words of auto8 (occurrences_in's joint pass)
    dir: str = ""  # the directory it was read from

    def terms(self, family: str) -> list[str]:
        return [e.term for e in self.entries if e.family == family]

    def formed_count(self) -> int:
        """Entries counting each brand core once per suffix (the forms it matches)."""
        return sum(max(1, len(e.suffix)) if e.family == "G1c" else 1 for e in self.entries)


def _parse(line: str, source: str, sets: dict[str, tuple[str, ...]] | None = None) -> Entry | None:
    if line.lstrip().startswith(("#", "@set")):
        return None
    line = line.split("\t#", 1)[0].rstrip()
    if not line.strip():
        return None
    cols = [c for c in re.split(r"\t+|\s{2,}", line.strip()) if c]
    term = cols[0].lower()
    fam = cols[1] if len(cols) > 1 else "G3"
    w = float(cols[2]) if len(cols) > 2 else 0.0
    opts = cols[3:]
    word = any(o == "word" for o in opts)
    topic = any(o == "topic" for o in opts)
    slang = any(o == "slang" for o in opts)
    suffix: tuple[str, ...] = ()
    veto: tuple[str, ...] = ()
    left: tuple[str, ...] = ()
    for o in opts:
        if o.startswith("suffix=@"):
            suffix = (sets or {}).get(o[8:], ())
        elif o.startswith("suffix="):
            suffix = tuple(s.lower() for s in o[7:].split(",") if s)
        elif o.startswith("veto="):
            veto = tuple(s.lower() for s in o[5:].split(",") if s)
        elif o.startswith("left="):
            left = tuple(s.lower() for s in o[5:].split(",") if s)
    return Entry(term, fam, w, word, suffix, veto, left, source, topic, slang)


@functools.lru_cache(maxsize=4)
def load(lexicon_dir: str) -> Lexicon:
    import ahocorasick

    auto = ahocorasick.Automaton()
    entries: list[Entry] = []
    by_term: dict[str, list[Entry]] = {}
    for p in sorted(Path(lexicon_dir).glob("*.txt")):
        lines = p.read_text(encoding="utf-8").splitlines()
        sets = {}
        for line in lines:  # "@set NAME a,b,c": a suffix set that entries of this file name with suffix=@NAME
            if line.startswith("@set"):
                _, name, vals = line.split(None, 2)
                sets[name] = tuple(v.strip().lower() for v in vals.split(",") if v.strip())
        for line in lines:
            e = _parse(line, p.name, sets)
            if e is None:
                continue
            entries.append(e)
            by_term.setdefault(e.term, []).append(e)
    for term, es in by_term.items():
        auto.add_word(term, tuple(es))
    auto.make_automaton()
    pairs = tuple((t, tuple(es)) for t, es in by_term.items())
    return Lexicon(auto, entries, base.byte_automaton(pairs), pairs, lexicon_dir)


def occurrences(lex: Lexicon, low: str) -> list[tuple[int, tuple[Entry, ...]]]:
    """``list(lex.auto.iter(low))`` — (end, entries) of every term occurrence, overlapping, in the same order —
    found on the text's UTF-8 bytes (``base.find_all``: 4× less CPU than the automaton of the terms themselves,
    whose root holds ~300 first characters; issue 16)."""
    return base.find_all(lex.auto8, low)


def occurrences_in(lex: Lexicon, text: str) -> list[tuple[int, tuple[Entry, ...]]]:
    """:func:`occurrences` on ``text.lower()``, found once per text of the pass (``base.scan``'s memo) for the
    detectors that read it (raw_hits, slots.bare_cores)."""
    sc = base.scan(text)
    key = ("lexicon", id(lex))
    got = sc.memo.get(key)
    if got is None:
        got = _joint(lex, text, sc) if base.shared(text) is sc and lex.terms_entries else None
        if got is None:
            got = occurrences(lex, base.lower(text))
        sc.memo[key] = got
    return got


def _joint(lex: Lexicon, text: str, sc) -> list | None:
    """The lexicon's occurrences in a text of the pass, found in one pass with the spin words of its directory
    (``provenance.spin_hits`` reads them from the scan's memo) and the triggers' literal alternatives
    (``base.Scan`` reads them) when those are not found yet (``base.find_joint``: issue 16); None when the joint
    pass cannot give them."""
    from .provenance import spin_lexicon, spin_words

    sets = [(("lexicon", id(lex)), lambda: lex.terms_entries, True, lex)]
    spin_key = ("spin", lex.dir)
    if lex.dir and spin_key not in sc.memo:
        spins = spin_lexicon(lex.dir)
        sets.append((("spin", lex.dir, id(spins)), lambda: spin_words(lex.dir), False, spins))
    if "literal lines" not in sc.memo and "literal hits" not in sc.memo and base._LITERAL_TRIGGERS:
        sets.append((("literal", len(base._LITERAL_TRIGGERS)), base.literal_words, False, None))
    got = base.find_joint(text, sets)
    if got is None:
        return None
    for (k, _, _, _), hits in zip(sets[1:], got[1:]):
        sc.memo["literal hits" if k[0] == "literal" else spin_key] = hits
    return got[0]


def _boundary_ok(low: str, s: int, e: int) -> bool:
    left = low[s - 1] if s > 0 else " "
    right = low[e] if e < len(low) else " "
    return not ((left.isascii() and left.isalnum()) or (right.isascii() and right.isalnum()))


def raw_hits(lex: Lexicon, text: str) -> list[Hit]:
    """Every entry occurrence (all families, overlapping), with G1c cores formed or dropped."""
    low = base.lower(text)
    out: list[Hit] = []
    for end, es in occurrences_in(lex, text):
        for e in es:
            s = end - len(e.term) + 1
            if (e.word or (e.term.isascii() and len(e.term) <= 3)) and not _boundary_ok(low, s, end + 1):
                continue
            if e.family == "G1c":
                formed = _form(low, s, end + 1, e)
                if formed is None:
                    pair = _paired(low, s, end + 1, e)
                    if pair is not None:  # bob半岛, 半岛bob: a core glued to a Latin brand token (morphology)
                        out.append(Hit(min(s, pair), max(end + 1, pair), _PAIRED, "G1"))
                    continue
                out.append(Hit(s, formed, e, "G1"))
                continue
            out.append(Hit(s, end + 1, e, e.family))
    out.extend(_formations(low, out))
    out.extend(spaced_hits(lex, low))
    return out


# a brand spelt with a blank or a dot between its characters to slip past keyword filters (ads8): 「开 元 棋 牌」
# 「k.a.i.f.a」 — a run of ≥ 3 single characters joined by one separator each (and the word glued to its last one,
# 「开 元 棋 牌官网」), read without the separators; a brand found across a separator is a hit at the run's offsets.
# Only brands (G1, G1c formed with a suffix): a spaced heading (「政 府 工 作 报 告」「博 彩 监 察 协 调 局」) holds none.
SPACED = re.compile(r"(?<![\u4e00-\u9fffa-z0-9])(?:[\u4e00-\u9fffa-z0-9][ .·\u3000]){2,15}[\u4e00-\u9fffa-z0-9]{1,8}")
SPACED_TRIGGER = re.compile(r"[\u4e00-\u9fffa-z0-9][ .·\u3000][\u4e00-\u9fffa-z0-9][ .·\u3000][\u4e00-\u9fffa-z0-9]")


def spaced_hits(lex: Lexicon, low: str) -> list[Hit]:
    """Brand hits (family G1) across the separators of spaced-out runs (see SPACED) on a lower-cased text."""
    out: list[Hit] = []
    if not SPACED_TRIGGER.search(low):
        return out  # (issue 16: one search on a report without a spaced run)
    for m in SPACED.finditer(low):
        run = m.group(0)
        idx = [m.start() + k for k, ch in enumerate(run) if ch not in " .·\u3000"]
        flat = "".join(low[i] for i in idx)
        if flat.isdigit():
            continue
        for end, es in lex.auto.iter(flat):
            for e in es:
                s = end - len(e.term) + 1
                if e.family == "G1":
                    stop = end + 1
                elif e.family == "G1c":
                    stop = _form(flat, s, end + 1, e)
                    if stop is None:
                        continue
                else:
                    continue
                if idx[stop - 1] - idx[s] == stop - 1 - s:
                    continue  # no separator inside: the ordinary match has it
                out.append(Hit(idx[s], idx[stop - 1] + 1, e, "G1"))
    return out


_FORMED = Entry("(formation)", "G1", 5.0, source="morphology")
_PAIRED = Entry("(brand core + Latin token)", "G1", 5.0, source="morphology")


def _paired(low: str, s: int, e: int, entry: Entry) -> int | None:
    """The other end of a brand core glued to a Latin brand token (bob半岛 → start of bob), else None. A Latin core
    (bob, ky) pairs only with a Han core or head, never with more Latin."""
    from .morphology import core_pairs

    if entry.term.isascii() or (s > 0 and any(low[:s].endswith(x) for x in entry.left)):
        return None
    return core_pairs(low, s, e)
_FORMED_CTA = Entry("(call to action)", "G2", 1.0, source="morphology")
_QUESTION = Entry("(question form)", "G5", 4.0, source="morphology")
_TIP = Entry("(lottery tip)", "G3", 4.0, source="morphology", slang=True)  # lottery slang: suppressed in 禁赌/福彩 context
_SLANG = Entry("(lottery slang)", "G3", 3.0, source="morphology", slang=True)  # 四肖八码, 三码必中 (morphology.slang)
_RAPID = Entry("(rapid draw)", "G3", 3.0, source="morphology")  # 一分快三, 极速快3 (morphology.rapid_draws, ads9)


def _formations(low: str, hits: list[Hit]) -> list[Hit]:
    """Brand formations by morphology (name + head word [+ call to action]) as G1 hits, their CTA as G2."""
    from .morphology import formations, questions, rapid_draws, slang, tips

    out = [Hit(s, e, _QUESTION, "G5") for s, e in questions(low)
           if not any(h.family == "ALLOW" and h.start < e and s < h.end for h in hits)]
    out += [Hit(s, e, _TIP, "G3") for s, e in tips(low)  # a listed SEO signature inside it speaks for it
            if not any(h.family in ("ALLOW", "G5") and h.start < e and s < h.end for h in hits)]
    out += [Hit(s, e, _SLANG, "G3") for s, e in slang(low)  # a listed slang word (一肖中特) is matched as itself
            if not any(h.family == "ALLOW" and h.start < e and s < h.end for h in hits)
            and not any(h.family == "G3" and h.start <= s and e <= h.end for h in hits + out)]
    out += [Hit(s, e, _RAPID, "G3") for s, e in rapid_draws(low)  # (a listed word, 极速赛车, is matched as itself)
            if not any(h.family in ("ALLOW", "G3") and h.start < e and s < h.end for h in hits + out)]
    known = sorted((h.start, h.end) for h in hits if h.family in ("G1", "G3", "ALLOW"))
    starts = [a for a, _ in known]
    reach: list[int] = []  # the furthest end among the known spans starting at or before each one (linear: issue 16)
    for _, b in known:
        reach.append(max(b, reach[-1]) if reach else b)
    g2 = sorted((h.start, h.end) for h in hits if h.family == "G2" and h.weight > 0)
    g2_starts = [a for a, _ in g2]
    g2_reach: list[int] = []
    for _, b in g2:
        g2_reach.append(max(b, g2_reach[-1]) if g2_reach else b)
    for s, e, cta, _head in formations(low):
        k = bisect.bisect_left(starts, e) - 1  # the known spans starting before this one's end
        if k >= 0 and reach[k] > s:
            continue  # a listed brand or word (or an allowed phrase) is matched as itself
        out.append(Hit(s, e, _FORMED, "G1"))
        if cta is not None:
            j = bisect.bisect_left(g2_starts, cta) - 1  # a listed call to action starting before the formed one's end
            if j < 0 or g2_reach[j] < e:
                out.append(Hit(e, cta, _FORMED_CTA, "G2"))
    return out


def _form(low: str, s: int, e: int, entry: Entry) -> int | None:
    """End of core+suffix when a brand core is followed (optionally after one separator) by one of its suffixes."""
    if entry.term.isascii() and s > 0 and low[s - 1].isascii() and low[s - 1].isalnum():
        return None
    if s > 0 and any(low[:s].endswith(x) for x in entry.left):
        return None
    m = SQUEEZE.match(low, e)
    for j in {e, m.end() if m else e}:
        for suf in sorted(entry.suffix, key=len, reverse=True):
            if low.startswith(suf, j):
                tail = low[j:j + len(suf) + 4]
                if any(tail.startswith(v) for v in entry.veto):
                    return None
                end = j + len(suf)
                if suf.isascii() and end < len(low) and low[end].isascii() and low[end].isalnum():
                    continue
                if COMPANY.match(low, end):
                    return None  # a registered company's name (亿博电子有限公司, 天博国际物流园), not a brand formation
                return end
    return None


def resolve(hits: list[Hit]) -> tuple[list[Hit], list[Hit], list[Hit]]:
    """(deny hits not overlapped by an ALLOW hit, leftmost-longest), the ALLOW hits, and the cue hits."""
    allow = [h for h in hits if h.family == "ALLOW"]
    cues = [h for h in hits if h.family in CUES]
    deny = [h for h in hits if h.family in DENY
            and not any(a.start < h.end and h.start < a.end for a in allow)]
    deny.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[Hit] = []
    last = -1
    for h in deny:
        if h.start >= last:
            out.append(h)
            last = h.end
    return out, allow, cues
