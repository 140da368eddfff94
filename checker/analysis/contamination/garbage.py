"""Extraction garbage (spec/contamination.md §2 F, §4.13): mojibake and characters lost to "?".

(cid:NN) codes and U+FFFD are measured by GOV-K011 (extraction-unreliable, a ratio over the document); this
module adds what a ratio of undecodable characters cannot see: text decoded with the wrong codec (锟斤拷,
UTF-8 read as GBK 鏀垮簻淇℃伅, GBK or UTF-8 read as Latin-1 Õþ¸®, GBK one byte off) and characters replaced by
"?" — "????" runs, a lone "?" glued between Chinese characters, "?" where a space stood around a number
(共?1340条?), words a keyword filter or a paywall replaced by asterisks (主动***息 with the same neighbours repeated, runs of
four or more), ideographic spaces lost to "?" ("? ? ?" opening a line), and the mojibake of a pinyin mirror (「?xiàng)l」「?cè)」「?;貧w」: a character and the opening bracket of
its reading lost to "?", the bytes after it misdecoded).

Reported (GOV-K012), never removed: the text there is unreadable, not injected. Severity (precision first): a
wrong decoding verified by its repair or by its byte shape is a warning once such runs add up to
:data:`GARBLED_WARNING` characters in the document (the copy is mangled); everything else — "?" runs, lone "?",
the mojibake of a reading, short runs — is info: the extraction of an official file can leave "?", and a pinyin
mirror is already accused by its annotations (GOV-K007), which this module only uses to lower the count a stray
"?"-with-a-letter needs to be reported.
"""

from __future__ import annotations

import bisect
import functools
import re

from .base import common_char, scan
from .residue import Mask, Residue

GARBLED_WARNING = 20  # characters of verified wrong decoding in the document from which they are a warning

SIGNATURES = re.compile(r"(?:锟斤拷)+|(?:烫烫烫)+|(?:屯屯屯)+")
QMARKS = re.compile(r"(?:(?<=^)|(?<=[\n\u3400-\u9fff，。、；：\s]))\?{2,}(?=[\u3400-\u9fff\s]|$)", re.M)
LATIN1_RUN = re.compile(r"[\u00c0-\u00ff¸®¹«¿¢]{3,}")
# UTF-8 bytes read as GBK produce runs of rare characters that re-encode to valid UTF-8 Chinese
SUSPECT_GBK = re.compile(r"[\u3400-\u9fff\ue000-\uf8ff\u3040-\u30ff\u2103\u00a7\u00a8\u00b0\u00b1\u2014-\u2027\ufffd]{6,}")
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# the mojibake of a pinyin mirror: a character and the "(" of its reading lost to "?", then the reading, ")" and the
# first misdecoded bytes: 管理?xiàng)l例, 總?cè)丝谥
PINYIN_MOJIBAKE = re.compile(rf"\?([a-zü]*[{TONED}][a-zü]*)\)[a-z]{{0,2}}")
# a "?" glued to Chinese text with a stray Latin letter (bytes of a character split by a wrong codec): 位?h城,
# 水平?;貧w以來
QMARK_GLUE = re.compile(r"(?<=[\u3400-\u9fff，。])\?[;:]?[\u3400-\u9fff]{0,2}[a-z]{1,2}(?![a-zA-Z(])")
# a "?" and an ASCII punctuation byte where a character was, then Chinese again: 三審三?!敝贫
QMARK_PUNCT = re.compile(r"(?<=[\u3400-\u9fff])\?[!;:](?=[\u3400-\u9fff])")
# ideographic spaces lost to "?": "? ? ?" opening a line, a "?" closing a line after punctuation (如下:?)
QMARK_BLANK = re.compile(r"^[ \t]*\?(?: \?)+|(?<=[:：。，,；;])\?(?=[ \t]*$)", re.M)
# an ASCII "?" glued inside Chinese text: a lost character
LONE_QMARK = re.compile(r"(?<=[\u3400-\u9fff])\?(?=[\u3400-\u9fff])")
# "?" where a space stood around a number in Chinese text: 共?1340条?，
QMARK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])\?(?=\d)|(?<=\d[\u3400-\u9fff])\?(?=[,，。、；;])")
# a word replaced by asterisks inside a sentence by a keyword filter (主动***息 for 主动公开信息): the same
# neighbours again and again, which a masked personal name (张**同志) does not repeat
MASKED = re.compile(r"(?<=[\u3400-\u9fff])\*{2,}(?=[\u3400-\u9fff])")
# four or more asterisks in Chinese text hide words (a paywall's or a filter's ****), never a masked name (张**)
MASKED_LONG = re.compile(r"(?:(?<=[\u3400-\u9fff《》“”，。、；：,;:])|^)\*{4,}(?=[\u3400-\u9fff\d《“])", re.M)
SIGNATURE_CHARS = re.compile(r"[锟烫屯]")  # the prefilter of SIGNATURES (issue 16)
TWO_BYTE_RUN = re.compile(r"[^\x00-\x7f\s，。、；：？！“”‘’（）《》【】—…·]{8,}")
HAN_ONLY = re.compile(r"[^\u4e00-\u9fff]+")


@functools.lru_cache(maxsize=1)
def _level1_table() -> dict:
    """str.translate table deleting the 3,755 characters of GB2312 level 1 (one decode of their byte pairs)."""
    raw = bytes(b for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF) for b in (hi, lo))
    return {ord(c): None for c in raw.decode("gb2312", errors="replace") if c != "\ufffd"}


def _common_count(s: str) -> int:
    """How many characters of ``s`` are common (``base.common_char``): the level-1 ones by ``str.translate``, the
    rest (traditional forms, rare characters, punctuation) by the cached per-character test."""
    rest = s.translate(_level1_table())
    return len(s) - len(rest) + sum(map(common_char, rest))


def _utf8_as_gbk(run: str) -> str | None:
    """The repaired text when ``run`` is UTF-8 bytes read as GBK: mostly common Han characters come back."""
    return _repaired(run.encode("gbk", errors="replace").decode("utf-8", errors="replace"))


def _utf8_as_gbk_all(runs: list[str]) -> list[str | None]:
    """:func:`_utf8_as_gbk` of every run, the codecs run once over all of them (issue 16): a line break between two
    runs (no run holds one, no GBK byte pair makes one) ends any UTF-8 sequence there, so each run decodes as alone."""
    if not runs:
        return []
    joined = "\n".join(runs).encode("gbk", errors="replace").decode("utf-8", errors="replace")
    return [_repaired(f) for f in joined.split("\n")]


def _repaired(fixed: str) -> str | None:
    if fixed.count("\ufffd") > 0.25 * len(fixed):
        return None
    han = HAN_ONLY.sub("", fixed)
    if len(han) < 4:
        return None
    if _common_count(han) < 0.8 * len(han):
        return None
    return fixed


def _latin1_repair(run: str) -> str | None:
    for enc_from, enc_to in (("latin-1", "gbk"), ("latin-1", "utf-8"), ("cp1252", "utf-8")):
        try:
            fixed = run.encode(enc_from).decode(enc_to)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if re.search(r"[\u4e00-\u9fff]{2}", fixed):
            return fixed
    return None


@functools.lru_cache(maxsize=1)
def _utf8_rows() -> re.Pattern:
    """The characters of the GBK rows 0xE4-0xE9, the rows that UTF-8 lead bytes of Chinese map to (鍏 鏀 閸 闂 …)."""
    chars = []  # decoded from the ~1,100 byte pairs of those rows, not by encoding 20,000 characters (issue 16)
    for hi in range(0xE4, 0xEA):
        for lo in range(0x40, 0xFF):
            try:
                c = bytes((hi, lo)).decode("gbk")
            except UnicodeDecodeError:
                continue
            if "\u4e00" <= c <= "\u9fff":
                chars.append(c)
    return re.compile("[" + "".join(sorted(chars)) + "]")


def _utf8_as_gbk_shape(run: str) -> bool:
    """UTF-8 bytes read as GBK (once or several times over): most characters fall in the GBK rows 0xE4-0xE9 that
    the lead bytes of UTF-8 Chinese map to (鍏 鏀 閸 闂 …), and few are common characters."""
    han = HAN_ONLY.sub("", run)
    if len(han) < 10:
        return False
    rows = len(_utf8_rows().findall(han))
    return rows >= 0.25 * len(han) and _common_ratio(han) < 0.45


def _common_ratio(s: str) -> float:
    return _common_count(s) / max(1, len(s))


def _gbk_shift(window: str) -> str | None:
    """The repair of GBK text decoded one byte off (GB18030 pairs straddling two characters), else None."""
    try:
        raw = window.encode("gb18030")
    except UnicodeEncodeError:
        return None
    best = None
    for cand in (b"\xb0" + raw, raw[1:]):
        fixed = cand.decode("gb18030", errors="replace").strip("\ufffd")
        han = HAN_ONLY.sub("", fixed)
        if len(han) >= 0.85 * len(fixed) and _common_ratio(fixed) >= 0.9 and (best is None or len(fixed) > len(best)):
            best = fixed
    return best


@functools.lru_cache(maxsize=1)
def _rare_class() -> re.Pattern:
    """A character of TWO_BYTE_RUN outside GB2312 level 1: what ``_common_count`` may count as not common."""
    level1 = "".join(chr(c) for c in _level1_table())
    return re.compile("[^" + level1 + "\x00-\x7f\\s，。、；：？！“”‘’（）《》【】—…·]")


def _rare(text: str) -> list[int]:
    """Offsets of the rare characters of ``text`` (once per text of the pass: the document's scan keeps them)."""
    sc = scan(text)
    got = sc.memo.get("garbage.rare")
    if got is None:
        got = sc.memo["garbage.rare"] = [m.start() for m in _rare_class().finditer(text)]
    return got


def _count(pos: list[int], a: int, b: int) -> int:
    return bisect.bisect_left(pos, b) - bisect.bisect_left(pos, a)


NOT_RUN = re.compile(r"[\x00-\x7f\s，。、；：？！“”‘’（）《》【】—…·]")  # what TWO_BYTE_RUN stops at


def _dense(text: str, rare: list[int], k: int) -> bool:
    """Whether some TWO_BYTE_RUN holds ``k`` rare characters: k consecutive rare offsets with nothing between the
    first and the last that ends a run (a run's rare characters are consecutive in ``rare``)."""
    return any(NOT_RUN.search(text, rare[i], rare[i + k - 1]) is None for i in range(len(rare) - k + 1))


def _misaligned(text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    rare = _rare(text)
    if not _dense(text, rare, 4):
        return out
    for m in TWO_BYTE_RUN.finditer(text):
        a, b = m.start(), m.end()
        if _count(rare, a, b) < 4:
            continue  # a window of ≥8 with a common ratio ≤ 0.6 has ≥4 characters outside level 1 (issue 16)
        k, marks = a, []
        while k + 8 <= b:
            w = text[k:k + 12] if k + 12 <= b else text[b - 8:b] if b - k < 12 else text[k:b]
            if _common_ratio(w) <= 0.6 and _gbk_shift(w):
                marks.append((k, min(b, k + len(w))))
            k += 6
        for s0, e0 in marks:
            if out and s0 <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], e0), "")
            else:
                out.append((s0, e0, ""))
    trimmed = []
    for s0, e0, _ in out:
        # the 6-character steps may take in a few correct characters at the edges: leave them out
        for _ in range(6):
            if e0 - s0 > 8 and common_char(text[s0]) and _gbk_shift(text[s0 + 1:e0]):
                s0 += 1
        for _ in range(6):
            if e0 - s0 > 8 and common_char(text[e0 - 1]) and _gbk_shift(text[s0:e0 - 1]):
                e0 -= 1
        trimmed.append((s0, e0, _gbk_shift(text[s0:e0]) or ""))
    return trimmed


DECODING = ("mojibake-gbk-shift", "mojibake-signature", "mojibake-latin1", "mojibake-utf8-as-gbk")


def find(text: str, pinyin_mirror: bool = False) -> list[Residue]:
    """Garbled runs of ``text`` (original offsets), in text order, with their repair (``signals``) and severity.

    ``pinyin_mirror``: the page carries verified pinyin annotations (GOV-K007), which makes a single "?" glued to
    a stray letter a finding (three are needed elsewhere).
    """
    out: list[Residue] = []
    mask = Mask(len(text))

    def add(s: int, e: int, kind: str, fixed: str = "") -> None:
        out.append(Residue(s, e, kind, "garbled", signals=[(kind, fixed)]))
        mask.mark(s, e)

    def free(s: int, e: int) -> bool:
        return mask.free(s, e)

    qmark, star = "?" in text, "*" in text  # every "?" and "*" pattern below needs its character (issue 16)
    for m in PINYIN_MOJIBAKE.finditer(text) if qmark else ():
        add(m.start(), m.end(), "pinyin-mojibake")
    glue = [m for m in QMARK_GLUE.finditer(text) if free(m.start(), m.end())] if qmark else []
    if len(glue) >= (1 if pinyin_mirror else 3):
        for m in glue:
            add(m.start(), m.end(), "question-marks")
    punct = [m for m in QMARK_PUNCT.finditer(text) if free(m.start(), m.end())] if qmark else []
    if len(punct) >= (1 if pinyin_mirror else 3):
        for m in punct:
            add(m.start(), m.end(), "question-marks")
    blank = [m for m in QMARK_BLANK.finditer(text) if free(m.start(), m.end())] if qmark else []
    if len(blank) >= 2:
        for m in blank:
            add(m.start(), m.end(), "question-marks")
    lone = [m for m in LONE_QMARK.finditer(text) if free(m.start(), m.end())] if qmark else []
    if len(lone) >= 3:
        for m in lone:
            add(m.start(), m.end(), "question-marks")
    spaced = [m for m in QMARK_SPACE.finditer(text) if free(m.start(), m.end())] if qmark else []
    if len(spaced) >= 3:
        for m in spaced:
            add(m.start(), m.end(), "question-marks")
    masked = list(MASKED.finditer(text)) if star else []
    pairs: dict[tuple[str, str], int] = {}
    for m in masked:
        key = (text[m.start() - 1], text[m.end()])
        pairs[key] = pairs.get(key, 0) + 1
    if len(masked) >= 3 and max(pairs.values()) >= 2:
        for m in masked:
            add(m.start(), m.end(), "masked-word")
    long_masks = [m for m in MASKED_LONG.finditer(text) if free(m.start(), m.end())] if star else []
    if len(long_masks) >= 2:
        for m in long_masks:
            add(m.start(), m.end(), "masked-word")
    for s0, e0, fixed in _misaligned(text):
        add(s0, e0, "mojibake-gbk-shift", fixed)
    for m in SIGNATURES.finditer(text) if SIGNATURE_CHARS.search(text) else ():
        add(m.start(), m.end(), "mojibake-signature")
    for m in QMARKS.finditer(text) if qmark else ():
        if free(m.start(), m.end()):
            add(m.start(), m.end(), "question-marks")
    for m in LATIN1_RUN.finditer(text):
        fixed = _latin1_repair(m.group(0))
        if fixed:
            add(m.start(), m.end(), "mojibake-latin1", fixed)
    suspects = list(SUSPECT_GBK.finditer(text))
    for m, fixed in zip(suspects, _utf8_as_gbk_all([m.group(0) for m in suspects])):
        run = m.group(0)
        # only runs rich in characters typical of UTF-8-as-GBK (鏀垮簻淇℃伅…): private-use or rare ones
        if fixed and len(fixed) < len(run):
            add(m.start(), m.end(), "mojibake-utf8-as-gbk", fixed)
    rare = _rare(text)
    for m in TWO_BYTE_RUN.finditer(text) if _dense(text, rare, 6) else ():
        # a shape needs ≥6 characters outside level 1 (a common ratio < 0.45 of ≥10 Han characters; issue 16)
        if _count(rare, m.start(), m.end()) >= 6 and _utf8_as_gbk_shape(m.group(0)) and free(m.start(), m.end()):
            add(m.start(), m.end(), "mojibake-utf8-as-gbk")
    decoded = sum(r.end - r.start for r in out if r.kind in DECODING)
    if decoded >= GARBLED_WARNING:
        for r in out:
            if r.kind in DECODING:
                r.severity = "warning"
    out.sort(key=lambda r: (r.start, r.end))
    return out


CATEGORY = {"garbled": "garbled", "markup": "markup", "symbols": "symbols"}


def spans(text: str, pinyin_mirror: bool, Signal, Span) -> list:
    """GOV-K012 spans of the garbled runs (this module) and the markup / symbol residue (``residue``).

    Tier ``remove`` for sprinkled symbols on a sprinkled page (they are not text: the cleaned view reads the
    report's words whole again), ``none`` (reported, never removed) for the rest; the severity is the span's own.
    """
    from . import residue

    out = []
    items = find(text, pinyin_mirror)
    mask = residue.Mask(len(text))
    for g in items:
        mask.mark(g.start, g.end)
    items += [r for r in residue.find(text) if mask.free(r.start, r.end)]
    for r in sorted(items, key=lambda r: (r.start, r.end)):
        fixed = next((d for n, d in r.signals if n == r.kind and d and r.group == "garbled"), "")
        sigs = [Signal(n, 0, d) for n, d in r.signals]
        out.append(Span(r.start, r.end, "GOV-K012", CATEGORY[r.group], "remove" if r.remove else "none",
                        text[r.start:r.end], 0, sigs,
                        detail={"kind": r.kind, "repair": fixed or None, "severity": r.severity}))
    return out
