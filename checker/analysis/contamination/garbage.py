"""Extraction garbage (spec/contamination.md §2 F, §4.13): mojibake signatures and "????" runs.

(cid:NN) codes and U+FFFD are measured by GOV-K011 (extraction-unreliable, a ratio over the document); this
module adds what a ratio of undecodable characters cannot see: text decoded with the wrong codec (锟斤拷,
UTF-8 read as GBK 鏀垮簻淇℃伅, GBK or UTF-8 read as Latin-1 Õþ¸®) and characters replaced by "?".

Reported (GOV-K012, info; a warning when the garbled runs add up to ≥20 characters), never removed: the text
there is unreadable, not injected, and the report cannot be verified at that place. PDF pages with a high
garbage ratio are the business of the extraction-unreliable rule (GOV-K011) of the PDF extractor.
"""

from __future__ import annotations

import re

from .base import common_char

SIGNATURES = re.compile(r"(?:锟斤拷)+|(?:烫烫烫)+|(?:屯屯屯)+")
QMARKS = re.compile(r"(?:(?<=^)|(?<=[\n\u3400-\u9fff，。、；：\s]))\?{2,}(?=[\u3400-\u9fff\s]|$)", re.M)
LATIN1_RUN = re.compile(r"[\u00c0-\u00ff¸®¹«¿¢]{3,}")
# UTF-8 bytes read as GBK produce runs of rare characters that re-encode to valid UTF-8 Chinese
SUSPECT_GBK = re.compile(r"[\u3400-\u9fff\ue000-\uf8ff\u3040-\u30ff\u2103\u00a7\u00a8\u00b0\u00b1\u2014-\u2027\ufffd]{6,}")


def _utf8_as_gbk(run: str) -> str | None:
    """The repaired text when ``run`` is UTF-8 bytes read as GBK: mostly common Han characters come back."""
    fixed = run.encode("gbk", errors="replace").decode("utf-8", errors="replace")
    han = [c for c in fixed if "\u4e00" <= c <= "\u9fff"]
    if len(han) < 4 or fixed.count("\ufffd") > 0.25 * len(fixed):
        return None
    if sum(1 for c in han if common_char(c)) < 0.8 * len(han):
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


HTML_TAG = re.compile(r"</?(?:[a-z][a-z0-9]{0,9})(?:\s+[a-z_:][\w:.\-]*(?:\s*=\s*(?:\"[^\"<>\n]{0,200}\"|'[^'<>\n]{0,200}'|"
                      r"[^\s\"'<>]{1,100}))?){0,12}\s*/?>", re.I)
TAG_FRAGMENT = re.compile(r"(?<![<\w])/(?:span|div|p|a|li|ul|ol|td|tr|th|table|tbody|font|strong|b|i|em|br|img|h[1-6]|"
                          r"section|article|center|script|style|label|iframe)>|&(?:nbsp|amp|lt|gt|quot|emsp|ensp|#\d{2,5});"
                          r"|\b(?:class|style|id|href|src)=\"[^\"\n]{0,80}\"", re.I)
JSON_RESIDUE = re.compile(r"\{\s*\"[^\"\n]{1,30}\"\s*:\s*\"")
# an ASCII "?" glued inside Chinese text or to a broken annotation (?xiàng)l, 查?h): bytes lost by a wrong codec
LONE_QMARK = re.compile(r"(?<=[\u3400-\u9fff])\?(?=[\u3400-\u9fff])|\?[a-zà-ǜ]{1,6}\)[a-z]{0,2}|(?<=[\u3400-\u9fff])\?[a-z]{1,2}(?![a-z])")
SYMBOL_RUN = re.compile(r"[★☆●○◆◇■□▲△▼▽♥♡♦♣♠※✔✘✚☞☜♪♫✿❀✦✧◎⊙]{3,}")
TWO_BYTE_RUN = re.compile(r"[^\x00-\x7f\s，。、；：？！“”‘’（）《》【】—…·]{8,}")


SPRINKLED = re.compile(r"(?<=[\u3400-\u9fff，。、；：”）])[★☆●○◆◇■□▲△▼▽♥♡♦♣♠※✿❀✦✧◎⊙∩∪∑≡ΨΩ◥◣◤◢↙↘↖↗⌒々〖〗∮∝∞¤]{1,2}(?=[\u3400-\u9fff，。、；：“（\s]|$)")


def _utf8_as_gbk_shape(run: str) -> bool:
    """UTF-8 bytes read as GBK (once or several times over): most characters fall in the GBK rows 0xE4-0xE9 that
    the lead bytes of UTF-8 Chinese map to (鍏 鏀 閸 闂 …), and few are common characters."""
    han = [c for c in run if "\u4e00" <= c <= "\u9fff"]
    if len(han) < 10:
        return False
    rows = 0
    for c in han:
        try:
            b = c.encode("gbk")
        except UnicodeEncodeError:
            continue
        rows += 0xE4 <= b[0] <= 0xE9
    return rows >= 0.25 * len(han) and _common_ratio("".join(han)) < 0.45


def _common_ratio(s: str) -> float:
    return sum(1 for ch in s if common_char(ch)) / max(1, len(s))


def _gbk_shift(window: str) -> str | None:
    """The repair of GBK text decoded one byte off (GB18030 pairs straddling two characters), else None."""
    try:
        raw = window.encode("gb18030")
    except UnicodeEncodeError:
        return None
    best = None
    for cand in (b"\xb0" + raw, raw[1:]):
        fixed = cand.decode("gb18030", errors="replace").strip("\ufffd")
        han = [c for c in fixed if "\u4e00" <= c <= "\u9fff"]
        if len(han) >= 0.85 * len(fixed) and _common_ratio(fixed) >= 0.9 and (best is None or len(fixed) > len(best)):
            best = fixed
    return best


def _misaligned(text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in TWO_BYTE_RUN.finditer(text):
        a, b = m.start(), m.end()
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


def find(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, repair-or-empty) of garbled runs and markup residue."""
    out: list[tuple[int, int, str, str]] = []
    for m in HTML_TAG.finditer(text):
        out.append((m.start(), m.end(), "html-tag", ""))
    for m in TAG_FRAGMENT.finditer(text):
        if not any(a <= m.start() < b for a, b, _, _ in out):
            out.append((m.start(), m.end(), "html-fragment", ""))
    for m in SYMBOL_RUN.finditer(text):
        out.append((m.start(), m.end(), "symbol-run", ""))
    for m in JSON_RESIDUE.finditer(text):
        out.append((m.start(), m.end(), "json-residue", ""))
    lone = list(LONE_QMARK.finditer(text))
    if len(lone) >= 3:
        for m in lone:
            if not any(a <= m.start() < b for a, b, _, _ in out):
                out.append((m.start(), m.end(), "question-marks", ""))
    # symbols sprinkled one or two at a time after clauses (★, ★★ …): ≥5 such runs glued to Chinese text
    sprinkled = [m for m in SPRINKLED.finditer(text) if len(m.group(0)) < 3]
    if len(sprinkled) >= 5:
        for m in sprinkled:
            out.append((m.start(), m.end(), "symbol-run", ""))
    for s0, e0, fixed in _misaligned(text):
        out.append((s0, e0, "mojibake-gbk-shift", fixed))
    for m in SIGNATURES.finditer(text):
        out.append((m.start(), m.end(), "mojibake-signature", ""))
    for m in QMARKS.finditer(text):
        out.append((m.start(), m.end(), "question-marks", ""))
    for m in LATIN1_RUN.finditer(text):
        fixed = _latin1_repair(m.group(0))
        if fixed:
            out.append((m.start(), m.end(), "mojibake-latin1", fixed))
    for m in SUSPECT_GBK.finditer(text):
        run = m.group(0)
        # only runs rich in characters typical of UTF-8-as-GBK (鏀垮簻淇℃伅…): private-use or rare ones
        fixed = _utf8_as_gbk(run)
        if fixed and len(fixed) < len(run):
            out.append((m.start(), m.end(), "mojibake-utf8-as-gbk", fixed))
    for m in TWO_BYTE_RUN.finditer(text):
        if _utf8_as_gbk_shape(m.group(0)) and not any(a < m.end() and m.start() < b for a, b, _, _ in out):
            out.append((m.start(), m.end(), "mojibake-utf8-as-gbk", ""))
    out.sort()
    return out


def _rare_share(run: str) -> float:
    return sum(1 for ch in run if not common_char(ch)) / max(1, len(run))
