"""The lexicons of the contamination pass as data (rules/<pack>/lexicons/*.txt), matched with Aho-Corasick.

One automaton holds every entry of every family; :func:`hits` returns all matches on a normalised text with
Latin word boundaries enforced, brand cores (``G1c``) formed into brands by their own suffixes, and deny hits
cancelled by any overlapping ``ALLOW`` entry (longest / overlap semantics, spec/contamination.md §4.4).
"""

from __future__ import annotations

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
    return Lexicon(auto, entries, base.byte_automaton((t, tuple(es)) for t, es in by_term.items()))


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
        got = sc.memo[key] = occurrences(lex, text.lower())
    return got


def _boundary_ok(low: str, s: int, e: int) -> bool:
    left = low[s - 1] if s > 0 else " "
    right = low[e] if e < len(low) else " "
    return not ((left.isascii() and left.isalnum()) or (right.isascii() and right.isalnum()))


def raw_hits(lex: Lexicon, text: str) -> list[Hit]:
    """Every entry occurrence (all families, overlapping), with G1c cores formed or dropped."""
    low = text.lower()
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


def _formations(low: str, hits: list[Hit]) -> list[Hit]:
    """Brand formations by morphology (name + head word [+ call to action]) as G1 hits, their CTA as G2."""
    from .morphology import formations, questions, slang, tips

    out = [Hit(s, e, _QUESTION, "G5") for s, e in questions(low)
           if not any(h.family == "ALLOW" and h.start < e and s < h.end for h in hits)]
    out += [Hit(s, e, _TIP, "G3") for s, e in tips(low)  # a listed SEO signature inside it speaks for it
            if not any(h.family in ("ALLOW", "G5") and h.start < e and s < h.end for h in hits)]
    out += [Hit(s, e, _SLANG, "G3") for s, e in slang(low)  # a listed slang word (一肖中特) is matched as itself
            if not any(h.family == "ALLOW" and h.start < e and s < h.end for h in hits)
            and not any(h.family == "G3" and h.start <= s and e <= h.end for h in hits + out)]
    known = [h for h in hits if h.family in ("G1", "G3", "ALLOW")]
    for s, e, cta, _head in formations(low):
        if any(h.start < e and s < h.end for h in known):
            continue  # a listed brand or word (or an allowed phrase) is matched as itself
        out.append(Hit(s, e, _FORMED, "G1"))
        if cta is not None and not any(h.family == "G2" and h.weight > 0 and h.start < cta and e <= h.end
                                       for h in hits):
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
