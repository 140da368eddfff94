"""Document-level provenance of cloned copies (spec/contamination.md §2 C, G; §4.10).

- GOV-K007 pinyin annotations (號(hào)): a converter artefact of mirror sites. Reported once, with every
  annotation as an edit, and only with ≥3 annotations on ≥2 distinct common characters (GB2312 level 1), so a
  legitimate gloss of a rare place-name character (亳(bó)州) is never reported.
- GOV-K009 traditional-character conversion of a simplified original (info), above a ratio and a count
  threshold; spin signatures (G6: 生长改造委, 羁系 …) are reported there too, as a cloned-copy signature.
- GOV-K009 spun text (伪原创): the (spun, original) pairs of ``lexicons/spin.tsv`` in their government phrase
  context (投资生长 for 投资发展, 连系…现实 for 结合…实际); each pair is info, the page a spun copy (a warning,
  document level) once :data:`SPIN_PAGE` independent pairs occur.
- GOV-K005 the report's own portal URL (the "电子版可从…下载" sentence) or a URL in a contact sentence on a host
  that is neither a government domain nor an official allow-listed host.
"""

from __future__ import annotations

import functools
import re
from operator import ne
from dataclasses import dataclass
from pathlib import Path

from ...normalize import to_simplified
from .base import common_char as _common_char
from . import spin
from .base import sentence_bounds
from .hosts import official_host, spam_url  # noqa: F401  (re-exported for callers of this module)

DOWNLOAD_CTX = re.compile(r"电子版|可在|可从|可登录|可通过|下载|查阅|获取|浏览")
CONTACT_CTX = re.compile(r"联系|地址|电话|邮箱|网址|网站|门户")
# the URL is presented as the organ's own site: "…人民政府门户网站(URL)", "信息公开网站：URL", "网址：URL"
OWN_SITE_LEFT = re.compile(r"(?:(?:政府|门户|信息公开|政务公开|政务|人民政府|本局|本机关|本单位|[局委办厅院])[^，。；,;]{0,10}"
                           r"(?:网站|网|平台|专栏|栏目)|网址|网站地址|门户)\s*[(（:：\s]*\s*$")
# the page's own address printed by the site that serves it (a share or repost line): "本文链接：URL",
# "本文的链接地址: URL", "转载请注明出处：URL"; never the source an article names (原文链接, 来源)
PAGE_LINK_LEFT = re.compile(r"(?:本文|本页|本篇|文章|页面)(?:的)?(?:永久)?(?:链接|地址|网址|链接地址)|永久链接|转载请(?:注明|保留)"
                            r"(?:出处|来源|链接|本文地址)?")
PAGE_LINK_GAP = re.compile(r"[^，。；,;\n]{0,12}")  # to the URL: a colon, a blank, the site's name
TRADITIONAL_RATIO, TRADITIONAL_MIN = 0.15, 20
LOST_TONED_MIN = 3  # toned readings after a "?" that make a pinyin mirror without any verified annotation
HAN_RUN = re.compile(r"[\u3400-\u9fff]+")


def portal_urls(text: str, page_host: str | None = None):
    """(start, end, url, host, context, signals) for host references that a mirror rewrote or brought in.

    Every URL, e-mail domain and bare host is classified with the public suffix list (``hosts``). A foreign host
    is reported when it stands where the report names its own site (the "电子版可从…下载" sentence, a contact or
    "门户网站(URL)" clause), or anywhere when the host itself is mirror morphology: a government CMS path on a
    foreign domain, or a government hostname embedded in a foreign domain. Other foreign hosts (a vendor, a
    newspaper) are left alone. ``page_host``: the non-government host the page was served by, when known; a URL
    of that same site printed in the text (a share box, a footer, a byline whose source address the mirror
    rewrote to its own) is the mirror's own address (``own-host``).
    """
    from . import hosts

    own = (hosts.registrable(page_host) or page_host.lower()) if page_host else None
    out = []
    for ref in hosts.find(text):
        if ref.official:
            continue
        sigs = ref.signals
        sa, se = sentence_bounds(text, ref.start)
        sent = text[sa:se]
        ctx = ""
        if DOWNLOAD_CTX.search(sent) and re.search(r"报告|年报", sent) and ref.kind != "email":
            ctx = "download-sentence"
        elif CONTACT_CTX.search(sent) and OWN_SITE_LEFT.search(text[max(sa, ref.start - 24):ref.start]):
            ctx = "contact-sentence"
        elif ref.kind != "email" and _page_link(text, ref.start):
            ctx = "page-link"
        elif own and ref.kind != "email" and ref.registrable == own:
            ctx = "own-host"
        elif any(name in ("gov-path-on-foreign-host", "embedded-gov-host") for name, _ in sigs):
            ctx = "mirror-host"
        elif any(name == "spam-morphology" for name, _ in sigs):
            ctx = "spam-host"
        if not ctx:
            continue
        out.append((ref.start, ref.end, text[ref.start:ref.end], ref.host, ctx, sigs))
    return out


def _page_link(text: str, start: int) -> bool:
    """The URL at ``start`` follows a label that names the page itself (本文链接：, 转载请注明出处：) on its line."""
    ls = text.rfind("\n", max(0, start - 40), start) + 1
    left = text[max(ls, start - 40):start]
    for m in PAGE_LINK_LEFT.finditer(left):
        if PAGE_LINK_GAP.fullmatch(left, m.end()):
            return True
    return False


def pinyin_annotations(text: str) -> list[tuple[int, int, str]]:
    """Annotation spans (original offsets) when they look like a converter artefact, else [].

    Each bracketed syllable is verified against the readings of the character before it (``pinyin``), toned or
    toneless; a converter artefact needs ≥3 of them on ≥2 distinct common characters.
    """
    from .pinyin import annotations

    from .pinyin import echoes, lost_readings

    found = [(a, b, ch) for a, b, ch, _ in annotations(text)]
    lost = lost_readings(text, found)
    common = {ch for _, _, ch in found if _common_char(ch)}
    verified = len(found) >= 3 and len(common) >= 2 and sum(1 for _, _, ch in found if ch in common) >= 3
    # a mirror that lost the annotated characters to "?" (a narrower codec) keeps their toned readings: 回?(yīng)
    if not verified and sum(1 for *_, toned in lost if toned) < LOST_TONED_MIN:
        return []
    return sorted(found + echoes(text, found) + [(a, b, ch) for a, b, ch, _ in lost])


def traditional_ratio(text: str) -> tuple[float, int]:
    """Share of Han characters that change under t2s, and how many changed (``normalize.traditional_ratio``
    counted with regex and C-level maps instead of a loop over every character)."""
    han = "".join(HAN_RUN.findall(text))
    if not han:
        return 0.0, 0
    simp = to_simplified(han)
    changed = 0 if simp == han else sum(map(ne, han, simp)) if len(simp) == len(han) else 0
    return changed / len(han), changed


def traditional(text: str) -> tuple[float, int] | None:
    ratio, changed = traditional_ratio(text)
    if ratio >= TRADITIONAL_RATIO and changed >= TRADITIONAL_MIN:
        return ratio, changed
    return None


def traditional_examples(text: str, k: int = 6) -> list[str]:
    out: list[str] = []
    for ch in dict.fromkeys("".join(HAN_RUN.findall(text))):  # each distinct character once, in text order
        if to_simplified(ch) != ch:
            out.append(ch)
            if len(out) >= k:
                break
    return out


# --- spun text (伪原创) -----------------------------------------------------------------------------------------
SPIN_FILE = "spin.tsv"
SPIN_PAGE = 3  # distinct pairs (lexicon pairs and G6 signatures) from which the page is a spun copy (a warning)
SPIN_GAP = 12  # characters after a spun word in which a "…X" context must follow (same clause)
CLAUSE_END = re.compile(r"[，。；：！？,;:!?\n]")


@dataclass(frozen=True)
class SpinPair:
    spun: str
    original: str
    source: str
    veto: str = ""
    reference: bool = False  # contexts "=": the pair counts only where the reference verifies it (spin.py)


@functools.lru_cache(maxsize=4)
def spin_lexicon(lexicon_dir: str) -> dict[str, list[tuple[SpinPair, tuple, tuple, tuple]]]:
    """The pairs of ``spin.tsv`` by spun word: [(pair, left contexts, right contexts, "…X" targets)], both context
    tuples empty for a bare pair; {} when the file is absent."""
    path = Path(lexicon_dir) / SPIN_FILE
    if not path.is_file():
        return {}
    out: dict[str, list] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        spun, original, left, right, source = cols[:5]
        pair = SpinPair(spun, original, source, cols[5] if len(cols) > 5 else "", left == right == "=")
        lefts = tuple(x for x in left.split("|") if x and x not in "-=")
        rights = tuple(x for x in right.split("|") if x and x not in "-=" and not x.startswith("…"))
        gaps = tuple(x[1:] for x in right.split("|") if x.startswith("…"))
        out.setdefault(spun, []).append((pair, lefts, rights, gaps))
    return out


@functools.lru_cache(maxsize=4)
def _spin_automaton(lexicon_dir: str):
    """The spun words of :func:`spin_lexicon` in one automaton (``base.byte_automaton``), each with its rank."""
    from .base import byte_automaton

    return byte_automaton(spin_words(lexicon_dir))


def spin_words(lexicon_dir: str) -> list[tuple[str, tuple[int, str]]]:
    """(spun word, (its rank, itself)) of :func:`spin_lexicon`: the words of :func:`_spin_automaton`."""
    return [(spun, (k, spun)) for k, spun in enumerate(spin_lexicon(lexicon_dir))]


def spin_hits(text: str, lexicon_dir: str, misses: list | None = None) -> list[tuple[int, int, SpinPair, str]]:
    """(start, end, pair, phrase) of the spin pairs in ``text`` (the normalised view), one hit per place: every
    occurrence of a spun word found in one pass (``base.find_all``, issue 16), its contexts tested where it stands;
    phrases of one start and length in the lexicon's order of their spun words. ``misses``, when given, receives
    (start, end, pairs) for the places where no listed context holds (``spin.verify`` may still take them)."""
    from .base import find_all, shared

    lexicon = spin_lexicon(lexicon_dir)
    out = []
    sc = shared(text)
    found = sc.memo.get(("spin", lexicon_dir)) if sc is not None else None  # (found with the lexicon: occurrences_in)
    if found is None:
        found = find_all(_spin_automaton(lexicon_dir), text) if lexicon else ()
    for end, (rank, spun) in found:
        w = end - len(spun) + 1
        after = end + 1
        for pair, lefts, rights, gaps in lexicon[spun]:
            if pair.veto and w and text[w - 1] in pair.veto:
                continue
            got = None
            if not (lefts or rights or gaps or pair.reference):
                got = (w, after)
            left = next((x for x in lefts if text.startswith(x, w - len(x)) and w >= len(x)), None)
            if left:
                got = (w - len(left), after)
            right = next((x for x in rights if text.startswith(x, after)), None)
            if right:
                got = (got[0] if got else w, after + len(right))
            if gaps and not got:
                window = text[after:after + SPIN_GAP]
                cut = CLAUSE_END.search(window)
                window = window[:cut.start()] if cut else window
                found = [(window.find(g), g) for g in gaps if g in window]
                if found:
                    k, g = min(found)
                    got = (w, after + k + len(g))
            if got:
                out.append((got[0], got[1], pair, text[got[0]:got[1]], rank, w))
                break
        else:
            if misses is not None:
                misses.append((w, after, [x[0] for x in lexicon[spun]
                                          if not (x[0].veto and w and text[w - 1] in x[0].veto)]))
    out.sort(key=lambda h: (h[4], h[5]))  # the order of a search word by word, each word's places in text order
    out.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept, last = [], -1
    for h in out:  # overlapping phrases of one place: the longest
        if h[0] >= last:
            kept.append(h[:4])
            last = h[1]
    return kept


def spin_spans(text: str, view, lexicon_dir: str, deny, Signal, Span) -> list:
    """GOV-K009 spin: every spin pair in its government phrase context (info; one pair alone is evidence of
    nothing more), and the page as a spun copy (a warning, document level) once :data:`SPIN_PAGE` distinct pairs —
    lexicon pairs and the G6 signatures of ``seo.txt`` — occur."""
    misses: list = []
    hits = spin_hits(view.text, lexicon_dir, misses)
    g6 = [h for h in deny if h.family == "G6"]
    if not hits and not g6 and not misses and "《" not in text:
        return []
    taken = bytearray(len(view.text) + 1)
    for h in g6:  # reported by the G6 signatures already (contamination/__init__.py)
        taken[h.start:h.end] = b"\x01" * (h.end - h.start)
    hits = [h for h in hits if taken.find(1, h[0], h[1]) < 0]  # a G6 signature's place counts once, as G6
    for h in hits:
        taken[h[0]:h[1]] = b"\x01" * (h[1] - h[0])
    verified = _verified(view.text, misses, lexicon_dir, taken)
    pairs = {(p.spun, p.original) for _, _, p, _ in hits} | {(h.term, "") for h in g6}
    listed = len(pairs)
    vpairs = {(p.spun, p.original) for _, _, p, _, _ in verified} - pairs
    if spin.reported(listed, len(vpairs)):
        pairs |= vpairs
    else:
        verified = []  # a verified place alone, or with nothing else on the page, is no evidence of spinning
    out = []
    for s0, e0, pair, phrase in hits:
        s, e = view.span(s0, e0)
        restored = phrase.replace(pair.spun, pair.original.split("|")[0], 1)
        sigs = [Signal("spin-pair", 1, f"{pair.spun}→{pair.original.split('|')[0]}")]
        if len(pairs) >= 2:
            sigs.append(Signal("spin-pairs", len(pairs), f"{len(pairs)}"))
        out.append(Span(s, e, "GOV-K009", "spin", "none", text[s:e], 1.0, sigs,
                        detail={"terms": phrase, "original": restored, "source": pair.source}))
    for s0, e0, pair, phrase, ref in verified:
        s, e = view.span(s0, e0)
        original = pair.original.split("|")[0]
        sigs = [Signal("spin-pair", 1, f"{pair.spun}→{original}"), Signal("spin-reference", 1, ref),
                Signal("spin-pairs", len(pairs), f"{len(pairs)}")]
        out.append(Span(s, e, "GOV-K009", "spin", "none", text[s:e], 1.0, sigs,
                        detail={"terms": phrase, "original": phrase.replace(pair.spun, original, 1),
                                "source": pair.source, "reference": ref}))
    for s, e, piece, title in title_insertions(text):  # a word spliced into a cited title
        out.append(Span(s, e, "GOV-K009", "spin", "none", piece, 1.0,
                        [Signal("inserted-in-title", 1, piece)], detail={"terms": piece, "original": title}))
    if listed >= SPIN_PAGE or len(pairs) >= spin.REF_PAGE:
        examples = "、".join(sorted({f"{a}（{b.split('|')[0]}）" if b else a for a, b in pairs})[:6])
        out.append(Span(0, 0, "GOV-K009", "spin_page", "none", "", float(len(pairs)),
                        [Signal("spin-pairs", len(pairs), f"{len(pairs)}")],
                        detail={"count": len(pairs), "examples": examples, "severity": "warning"}))
    return out


def _verified(text: str, misses: list, lexicon_dir: str, taken: bytearray) -> list:
    """(start, end, pair, phrase, reference phrase) for the places of spun words outside their listed phrases that
    ``spin.verify`` takes (one per place, the first pair of the spun word that verifies; none inside a place
    already reported)."""
    ref = spin.reference(lexicon_dir) if misses else frozenset()
    out, last = [], -1
    for w, after, pairs in misses if ref else ():
        if w < last or taken.find(1, w, after) >= 0:
            continue
        got = [(g, -k, pair) for k, pair in enumerate(pairs) for o in pair.original.split("|")
               if (g := spin.verify(text, w, after, o, ref))]
        if got:  # the original that restores the most recurring phrases (政府消息公开: 信息, not 新闻)
            g, _, pair = max(got, key=lambda x: (x[0][3], x[1]))
            out.append((g[0], g[1], pair, text[g[0]:g[1]], g[2]))
            last = after
    return out


# --- words inserted into a title the document cites elsewhere whole --------------------------------------------
TITLE = re.compile(r"《([^《》\n]{4,40})》")
INSERT_MIN, INSERT_MAX = 2, 4  # characters a spinner splices into a cited title (《娱乐场所感悟管理办法》)


def title_insertions(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, inserted, title) where a cited title equals another title of the same document with two to
    four Han characters spliced in: 《娱乐场所感悟管理办法》 next to 《娱乐场所管理办法》. The whole title occurs
    elsewhere, so the insert is no variant of the name; original offsets."""
    titles: dict[str, list[int]] = {}
    for m in TITLE.finditer(text):
        titles.setdefault(m.group(1), []).append(m.start(1))
    if len(titles) < 2:
        return []
    out = []
    for t, starts in titles.items():
        for n in range(INSERT_MIN, INSERT_MAX + 1):
            if len(t) - n < 4:
                break
            for i in range(1, len(t) - n):
                piece = t[i:i + n]
                if t[:i] + t[i + n:] in titles and HAN_RUN.fullmatch(piece):
                    out.extend((s + i, s + i + n, piece, t[:i] + t[i + n:]) for s in starts)
                    break
    return sorted(set(out))
