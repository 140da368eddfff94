"""Script islands (GOV-K015): runs of traditional characters spliced into an overwhelmingly simplified text.

Spun copies splice sentences of a traditional-character novel into a simplified report (设立歌舞娱乐场所
「我可以告訴你的」申请), ads arrive in traditional characters on a simplified page. A character is
*traditional-only* when the OpenCC t2s conversion of the text (the data of GOV-K009's traditional-copy test, with
its phrase context: 乾隆 stays) changes it. A document is overwhelmingly simplified when few of its Han characters
are traditional-only and many are simplified-only (the s2t conversion changes them: 们 这 发); a fully
traditional copy (GOV-K009) or a mixed page has no islands. An island is a cluster of traditional-only characters
at most :data:`GAP` characters apart inside one clause (no punctuation between).

Strength (precision first): a name or a title is legitimately traditional — an island inside 《》 “” 「」 or
brackets, or next to 港 澳 台 / 臺灣 香港 澳門, is at most info. Reported when the island has ≥2 distinct
traditional characters, or when the document has ≥ :data:`MANY` islands and its single-character islands show
≥ :data:`VARIED` distinct characters between them or a longer island breaks a clause (spliced text brings many: 訴 異
懼 說 級; a writer's habit repeats one or two variant forms on a simplified page — Macau and Hong Kong simplified
pages write 於 and 藉此 throughout — and is no island); a **warning** when it breaks a clause of the
report (Chinese characters on both sides), has ≥2 distinct traditional characters, and either has ≥ :data:`STRONG`
of them or the document has another such island (splicing repeats; one quoted name does not).

**Converted blocks**: a mirror that converts part of a page (one paragraph, its own menu or footer) leaves whole
sentences in traditional characters between simplified ones — too many traditional-only characters for the
islands' "overwhelmingly simplified" test, too few for GOV-K009's whole-copy ratio. Sentences are classed by
their own characters (traditional-only vs simplified-only, the two OpenCC conversions); a run of traditional
sentences (neutral ones between allowed, a simplified one ends it) with ≥ :data:`BLOCK_DISTINCT` distinct
traditional characters, in a document whose other sentences are simplified (≥ :data:`BLOCK_SIMPLIFIED`
simplified-only characters outside the blocks), is **one** finding over the whole block; the islands inside it
are its parts, not findings of their own. A warning when the block has ≥ :data:`BLOCK_STRONG` distinct
traditional characters over two sentences or more and names no 港澳台 place (a Hong Kong address, a Taiwan
organisation's name in its own script is a name), else info.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re

GAP = 5  # Han characters between two traditional-only characters of one island
MANY = 3  # islands in the document from which single-character islands are reported (info)
VARIED = 3  # distinct characters the single-character islands must show between them to be reported
STRONG = 4  # distinct traditional characters that make one island a warning on its own
HAN = re.compile(r"[\u3400-\u9fff]")
HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
QUOTES = {"《": "》", "“": "”", "「": "」", "『": "』", "‘": "’", "(": ")", "（": "）", "〈": "〉", "\"": "\""}
PLACES = re.compile(r"臺灣|台灣|香港|澳門|澳门|台湾|臺北|台北|九龍|新界|[港澳臺台]")
BLOCK_DISTINCT = 6  # distinct traditional-only characters a converted block needs
BLOCK_HAN = 16  # Han characters a converted block needs
BLOCK_SIMPLIFIED = 12  # simplified-only characters the rest of the document needs (it is simplified text)
BLOCK_STRONG = 10  # distinct traditional-only characters from which a block of ≥2 sentences is a warning
# a sentence: up to its end mark or a line break (bounded by nothing but the text: one pass, no backtracking)
SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*")


@functools.lru_cache(maxsize=1)
def _s2t():
    """OpenCC's s2t converter, built only for a text that has a traditional-only character (62 ms, 27 MB)."""
    try:
        import opencc

        return opencc.OpenCC("s2t")
    except Exception:  # pragma: no cover - opencc is a dependency
        return None


def _changed(a: str, b: str) -> list[int]:
    """Offsets where the equal-length strings ``a`` and ``b`` differ on a Han character of ``a``."""
    return [i for i in itertools.compress(range(len(a)), map(str.__ne__, a, b)) if HAN.match(a[i])]


def profile(text: str) -> tuple[list[int], int, int] | None:
    """(offsets of traditional-only characters, simplified-only count, Han count), None without the converters."""
    got = _profile(text)
    return None if got is None else (got[0], len(got[1]), got[2])


@functools.lru_cache(maxsize=2)
def _profile(text: str) -> tuple[list[int], list[int], int] | None:
    """(offsets of traditional-only characters, offsets of simplified-only ones, Han count)."""
    from ...normalize import to_simplified  # the t2s converter the normalised view already built

    simp = to_simplified(text)
    if simp == text:  # no traditional-only character at all (the common case): no s2t converter is built
        return [], [], 0
    s2t = _s2t()
    if s2t is None:
        return None
    trad = s2t.convert(text)
    if len(simp) != len(text) or len(trad) != len(text):  # a conversion that changed lengths: no per-offset map
        return None
    han = sum(map(len, HAN_RUN.findall(text)))
    return _changed(text, simp), _changed(text, trad), han


def _between(pos: list[int], a: int, b: int) -> int:
    return bisect.bisect_left(pos, b) - bisect.bisect_left(pos, a)


def blocks(text: str) -> list[tuple[int, int, int, str, list[tuple[str, str]]]]:
    """(start, end, distinct traditional characters, severity, signals) of the converted blocks of ``text``."""
    prof = _profile(text)
    if not prof or not prof[0] or not prof[1]:
        return []
    tpos, spos, han = prof
    if len(tpos) < BLOCK_DISTINCT or len(spos) < BLOCK_SIMPLIFIED:
        return []
    runs: list[list[tuple[int, int]]] = []  # the traditional sentences of each run
    open_run = False
    for m in SENTENCE.finditer(text):
        a, b = m.span()
        t, s = _between(tpos, a, b), _between(spos, a, b)
        if t and 4 * s <= t:  # a traditional sentence (a converter's table may leave one shared form: 台 里)
            if not open_run:
                runs.append([])
                open_run = True
            runs[-1].append((a, b))
        elif s:  # a simplified (or mixed) sentence ends the run; a neutral one (no distinctive character) does not
            open_run = False
    out = []
    inside_t = inside_s = 0
    cand = []
    for run in runs:
        a, b = run[0][0], run[-1][1]
        while b > a and text[b - 1].isspace():
            b -= 1
        lo, hi = bisect.bisect_left(tpos, a), bisect.bisect_left(tpos, b)
        chars = dict.fromkeys(text[i] for i in tpos[lo:hi])
        if len(chars) < BLOCK_DISTINCT or sum(map(len, HAN_RUN.findall(text, a, b))) < BLOCK_HAN:
            continue
        cand.append((a, b, chars, len(run)))
        inside_t += hi - lo
        inside_s += _between(spos, a, b)
    if not cand:
        return []
    outside = len(spos) - inside_s
    if outside < BLOCK_SIMPLIFIED or len({text[i] for i in spos} - {text[i] for a, b, _, _ in cand
                                                                       for i in spos[bisect.bisect_left(spos, a):
                                                                                     bisect.bisect_left(spos, b)]}) < 4:
        return []  # the rest is no simplified text (a traditional copy with a few shared forms: GOV-K009's)
    for a, b, chars, n in cand:
        d = len(chars)
        place = bool(PLACES.search(text, a, b))
        sigs = [("converted-block", f"{n} sentence(s)"), ("traditional-run", "".join(list(chars)[:12])),
                ("simplified-elsewhere", f"{outside}")]
        if place:
            sigs.append(("name-or-title", "港澳台"))
        warn = d >= BLOCK_STRONG and n >= 2 and not place
        out.append((a, b, d, "warning" if warn else "info", sigs))
    return out


QUOTE_REACH = 120  # characters searched on each side for the quotes or brackets of a title or a name


def _quoted(text: str, s: int, e: int) -> bool:
    """Inside a pair of quotes or brackets on the same line (a title or a name)."""
    before = text[max(0, s - QUOTE_REACH):s].rsplit("\n", 1)[-1]
    after = text[e:e + QUOTE_REACH].split("\n", 1)[0]
    for o, c in QUOTES.items():
        i = before.rfind(o)
        if i >= 0 and c not in before[i + 1:] and c in after:
            return True
    return False


def find(text: str) -> list[tuple[int, int, int, str, list[tuple[str, str]]]]:
    """(start, end, distinct traditional characters, severity, signals) of the islands and converted blocks of
    ``text``: an island inside a block is a part of it (one finding per block, as grave as its gravest part)."""
    found = blocks(text)
    if not found:
        return _islands(text)
    parts = _islands(text)
    out = []
    for a, b, d, severity, sigs in found:
        inner = [p for p in parts if p[0] < b and p[1] > a]
        if any(p[3] == "warning" for p in inner):
            severity = "warning"
        out.append((a, b, d, severity, sigs + ([("islands", f"{len(inner)}")] if inner else [])))
    out += [p for p in parts if not any(p[0] < b and p[1] > a for a, b, *_ in found)]
    return sorted(out)


def _islands(text: str) -> list[tuple[int, int, int, str, list[tuple[str, str]]]]:
    prof = profile(text)
    if not prof:
        return []
    tpos, simp_only, han = prof
    if not tpos or han == 0:
        return []
    # overwhelmingly simplified: few traditional-only characters, many simplified-only ones
    if len(tpos) > 0.1 * han or simp_only < 0.12 * han or simp_only < 3 * len(tpos):
        return []
    clusters: list[list[int]] = [[tpos[0]]]
    for i in tpos[1:]:
        last = clusters[-1][-1]
        between = text[last + 1:i]
        if i - last - 1 <= GAP and HAN_RUN.fullmatch(between or "一"):
            clusters[-1].append(i)
        else:
            clusters.append([i])
    out = []
    strong_count = 0
    parsed = []
    singles = {text[cl[0]] for cl in clusters if len({text[i] for i in cl}) == 1}
    for cl in clusters:
        s, e = cl[0], cl[-1] + 1
        chars = dict.fromkeys(text[i] for i in cl)  # distinct, in text order
        inside = bool(HAN.match(text[s - 1:s] or " ")) and bool(HAN.match(text[e:e + 1] or " "))
        name = _quoted(text, s, e) or bool(PLACES.search(text[max(0, s - 2):e + 2]))
        parsed.append((s, e, chars, inside, name))
        if inside and not name and len(chars) >= 2:
            strong_count += 1
    # single characters count when they are varied, or when a longer island already shows the splicing
    varied = len(singles) >= VARIED or strong_count >= 1
    for s, e, chars, inside, name in parsed:
        d = len(chars)
        if d < 2 and (len(clusters) < MANY or not varied):
            continue
        sigs = [("traditional-run", "".join(chars)), ("islands", f"{len(clusters)}")]
        if inside:
            sigs.append(("breaks-clause", ""))
        if name:
            sigs.append(("name-or-title", ""))
        warn = inside and not name and d >= 2 and (d >= STRONG or strong_count >= 2)
        out.append((s, e, d, "warning" if warn else "info", sigs))
    return out


ACCUSED = ("remove", "flag")


def _decoding(sp) -> bool:
    """A GOV-K012 span that explains the characters: a wrong decoding (its run is bytes, not spliced text). A "?",
    a mask or a replacement character next to an island does not."""
    return sp.code == "GOV-K012" and str((sp.detail or {}).get("kind", "")).startswith("mojibake")


def spans(text: str, existing: list, Signal, Span) -> list:
    """GOV-K015 spans; an island inside a span already reported (an ad, garbage) is left to that finding."""
    out = []
    found = find(text)
    if not found:
        return out
    taken = bytearray(len(text) + 1)
    for sp in existing:
        if sp.end > sp.start and (sp.tier in ACCUSED or sp.code == "GOV-K006" or _decoding(sp)):
            taken[sp.start:sp.end] = b"\x01" * (sp.end - sp.start)
    for s, e, d, severity, sigs in found:
        if taken.find(1, s, e) >= 0:
            continue
        out.append(Span(s, e, "GOV-K015", "island", "flag" if severity == "warning" else "none", text[s:e], float(d),
                        [Signal(n, 0, v) for n, v in sigs],
                        detail={"count": d, "severity": severity}))
    return out
