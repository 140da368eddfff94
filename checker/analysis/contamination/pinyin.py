"""Pinyin annotations verified against the characters' own readings (pypinyin's dictionary, offline).

A mirror's converter writes a reading after characters: 發(fā), 號(hào), toneless 政(zheng)府(fu), or mixed. A
bracketed Latin word after a Han character is an annotation only when it is one of the readings of that very
character (toned or toneless; ü may be written v or u): 中心(CDC), 号(wang), 第(一) are not.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# a Han character, then a bracketed Latin syllable (letters with or without tone marks, an optional tone digit);
# written to open on the bracket, the look-behind after it (issue 16: a pattern opening on a look-behind makes re
# try it at every position of the text, 60 µs a report; opening on a class, re skips in C to the next bracket)
CANDIDATE = re.compile(r"[(（](?<=[\u3400-\u9fff][(（])\s?([A-Za-zÜüÀ-ÿĀ-ǜ\u0300-\u0304]{1,7}[1-5]?)\s?[)）]")


def _plain(syllable: str) -> str:
    s = unicodedata.normalize("NFD", syllable.lower())
    s = "".join(c for c in s if not unicodedata.combining(c) or c == "\u0308")
    s = unicodedata.normalize("NFC", s).replace("ü", "v")
    return re.sub(r"[1-5]$", "", s)


@functools.lru_cache(maxsize=8192)
def readings(ch: str) -> frozenset[str]:
    """Toneless readings of ``ch`` (ü as v), empty when the character is unknown to the dictionary."""
    from pypinyin import Style, pinyin

    try:
        got = pinyin(ch, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True, errors="ignore")
    except Exception:  # pragma: no cover - defensive: a dictionary problem never breaks a check
        return frozenset()
    out = set()
    for group in got:
        for r in group:
            p = re.sub(r"[1-5]$", "", r.lower()).replace("ü", "v")
            if p and p.isascii():
                out.add(p)
    return frozenset(out)


def is_reading(ch: str, syllable: str) -> bool:
    p = _plain(syllable)
    if not p or not p.isascii():
        return False
    rs = readings(ch)
    if not rs:
        return False
    return p in rs or p.replace("u", "v") in rs or p.replace("v", "u") in rs


# the same reading written twice by a converter run twice: 政(zheng)(zheng); a reading cut by the excerpt's end: 公(f
REPEAT = re.compile(r"[(（]\s?([A-Za-zÜüÀ-ÿĀ-ǜ\u0300-\u0304]{1,7}[1-5]?)\s?[)）]")
CUT = re.compile(r"(?<=[\u3400-\u9fff])[(（]([a-zü]{1,5})$")


def _toned(syl: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", syl)) or syl[-1].isdigit()


def annotations(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, character, toned) of every bracketed reading that matches the character before it."""
    out = []
    for m in CANDIDATE.finditer(text):
        ch = text[m.start() - 1]
        syl = m.group(1)
        if not is_reading(ch, syl):
            continue
        out.append((m.start(), m.end(), ch, _toned(syl)))
        j = m.end()
        while True:  # repeated annotations of the same character
            r = REPEAT.match(text, j)
            if not r or not is_reading(ch, r.group(1)):
                break
            out.append((r.start(), r.end(), ch, _toned(r.group(1))))
            j = r.end()
    cut = CUT.search(text[-8:]) if out else None
    if cut:
        start = len(text) - 8 + cut.start() if len(text) >= 8 else cut.start()
        ch = text[start - 1]
        if any(r.startswith(_plain(cut.group(1))) for r in readings(ch)):
            out.append((start, len(text), ch, False))
    return out


# a converter that writes a reading after every character echoes the digits and Latin letters it has no reading for:
# 2(2)0(0)2(2)3(3)年(nian), G(G)D(D)P(P) — the same character again in brackets
ECHO = re.compile(r"([0-9A-Za-z])[(（]\1[)）]")
ECHO_MIN = 2  # echoes in the document from which they are the converter's (one "1(1)" may be a list item)


def echoes(text: str, found: list) -> list[tuple[int, int, str]]:
    """(start, end, character) of the bracketed echoes of a digit or a Latin letter, on a page whose readings
    ``found`` (verified annotations) already show the converter; :data:`ECHO_MIN` of them at least."""
    if "(" not in text and "（" not in text:
        return []
    taken = {a for a, _, _ in found}
    out = [(m.start() + 1, m.end(), m.group(1)) for m in ECHO.finditer(text) if m.start() + 1 not in taken]
    return out if len(out) >= ECHO_MIN else []


# on a mirror that encoded its converted text with a narrower codec, a character that codec lacks is lost to "?"
# and its reading stays: 回?(yīng), ?(dāng)前 — the reading of a character no longer there
LOST = re.compile(r"\?[(（]\s?([A-Za-zÜüÀ-ÿĀ-ǜ\u0300-\u0304]{1,7}[1-5]?)\s?[)）]")


@functools.lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every toneless syllable of pypinyin's character dictionary (ü as v): ~420."""
    from pypinyin.constants import PINYIN_DICT

    return frozenset(_plain(r) for v in set(PINYIN_DICT.values()) for r in v.split(","))


def lost_readings(text: str, found: list) -> list[tuple[int, int, str, bool]]:
    """(start, end, "?", toned) of the readings left after a character lost to "?": a syllable of the dictionary
    in brackets right after the "?" (the caller decides whether the page is a converter's)."""
    if "?(" not in text and "?（" not in text:
        return []
    taken = {a for a, _, _ in found}
    known = syllables()
    return [(m.start() + 1, m.end(), "?", _toned(m.group(1))) for m in LOST.finditer(text)
            if m.start() + 1 not in taken and _plain(m.group(1)) in known]
