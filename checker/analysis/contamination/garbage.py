"""Extraction garbage (spec/contamination.md §2 F, §4.13): mojibake and characters lost to "?".

(cid:NN) codes and U+FFFD are measured by GOV-K011 (extraction-unreliable, a ratio over the document); this
module adds what a ratio of undecodable characters cannot see: text decoded with the wrong codec (锟斤拷,
UTF-8 read as GBK 鏀垮簻淇℃伅, GBK or UTF-8 read as Latin-1 Õþ¸®, GBK one byte off) and characters replaced by
"?" — "????" runs, a lone "?" glued between Chinese characters, "?" where a space stood around a number
(共?1340条?), words a keyword filter or a paywall replaced by asterisks (主动***息 with the same neighbours repeated, runs of
four or more), ideographic spaces lost to "?" ("? ? ?" opening a line), and the mojibake of a pinyin mirror (「?xiàng)l」「?cè)」「?;貧w」: a character and the opening bracket of
its reading lost to "?", the bytes after it misdecoded).

Years and places a template farm or a copier blanked (20**年, 201x年, ×××县, XX镇) are reported (info) by the slot
the mask stands in, on a copy that keeps the real figures of its original and blanks none of its own (a template of
its own writes XX条, X月X日); masked personal data (王**, 3201****1234) stands in no such slot.

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

from .base import common_char, gated, may, scan
from .residue import Mask, Residue

# places from which a "?" glued between Chinese characters is reported: one, unless its clause asks a question (a
# half-width question mark: 这是什么?我们…); a lost character is info
QMARK_MIN = 1
# the words of a question before its mark, in the same clause
QUESTION = re.compile(r"吗|呢|么|吧|什么|怎|如何|哪|谁|几|多少|是否|为何|為何|难道|難道|何时|何處|何处|可否|能否|有没有|有沒有|是不是")
QUESTION_CLAUSE = re.compile(r"[，。；：！？,;:!?\n“”\"]")
GARBLED_WARNING = 20  # characters of verified wrong decoding in the document from which they are a warning

SIGNATURES = re.compile(r"(?:锟斤拷)+|(?:烫烫烫)+|(?:屯屯屯)+")
QMARKS = re.compile(r"(?:(?<=^)|(?<=[\n\u3400-\u9fff，。、；：\s]))\?{2,}(?=[\u3400-\u9fff\s]|$)", re.M)
LATIN1_RUN = gated(re.compile(r"[\u00c0-\u00ff¸®¹«¿¢]{3,}"))
# UTF-8 bytes read as GBK produce runs of rare characters that re-encode to valid UTF-8 Chinese
SUSPECT_GBK = re.compile(r"[\u3400-\u9fff\ue000-\uf8ff\u3040-\u30ff\u2103\u00a7\u00a8\u00b0\u00b1\u2014-\u2027\ufffd]{6,}")
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# the mojibake of a pinyin mirror: a character and the "(" of its reading lost to "?", then the reading, ")" and the
# first misdecoded bytes: 管理?xiàng)l例, 總?cè)丝谥
PINYIN_MOJIBAKE = re.compile(rf"\?([a-zü]*[{TONED}][a-zü]*)\)[a-z]{{0,2}}")
# a "?" glued to Chinese text with a stray Latin letter (bytes of a character split by a wrong codec): 位?h城,
# 水平?;貧w以來
QMARK_GLUE = re.compile(r"(?<=[\u3400-\u9fff，。])\?[;:]?[\u3400-\u9fff]{0,2}[a-z]{1,2}(?![a-zA-Z(=&_])")  # not a query string (?id=)
# a "?" and an ASCII punctuation byte where a character was, then Chinese again: 三審三?!敝贫
QMARK_PUNCT = re.compile(r"(?<=[\u3400-\u9fff])\?[!;:](?=[\u3400-\u9fff])")
# ideographic spaces lost to "?": "? ? ?" opening a line, a "?" closing a line after punctuation (如下:?)
QMARK_BLANK = re.compile(r"^[ \t]*\?(?: \?)+|(?<=[:：。，,；;])\?(?=[ \t]*$)|(?<=[\u3400-\u9fff] )\?(?: \?){1,40}(?=[ \t]*$)"
                         r"|(?<=\d)\?(?= ?\d{1,2}:\d\d)"  # 編號 ? ? (an empty field), 2024-06-28? 08:42
                         r"|(?<=[\u3400-\u9fff\d] )\?(?= [\u3400-\u9fff\d])", re.M)  # a separator dot lost: 公司 ? 2022-09-29 ? 次閱讀
# an ASCII "?" glued inside Chinese text: a lost character
LONE_QMARK = re.compile(r"(?<=[\u3400-\u9fff])\?(?=[\u3400-\u9fff])")
# "?" where a space stood around a number in Chinese text: 共?1340条?，
QMARK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])\?(?=\d)|(?<=\d[\u3400-\u9fff])\?(?=[,，。、；;])")
# a word replaced by asterisks inside a sentence by a keyword filter (主动***息 for 主动公开信息): the same
# neighbours again and again, which a masked personal name (张**同志) does not repeat
MASKED = re.compile(r"(?<=[\u3400-\u9fff])\*{2,}(?=[\u3400-\u9fff])")
# four or more asterisks in Chinese text hide words (a paywall's or a filter's ****), never a masked name (张**)
MASKED_LONG = re.compile(r"(?:(?<=[\u3400-\u9fff《》“”，。、；：,;:])|^)\*{4,}(?=[\u3400-\u9fff\d《“])", re.M)
# a "?" where a lead byte was lost, then the GBK text read one byte off until the decoder resynchronises: 舉辦?;顒訉⑻峁
# (。活動將提供), 三審三?!敝贫龋 (”制度,); the run is every non-blank character up to an ASCII letter or digit (one
# glued before a Chinese character is a full-width form stored as ASCII: 畔⒎⒉急C苌蟛)
QMARK_SHIFT = re.compile(r"(?:(?<=[\u3400-\u9fff，。、；：“”《》（）(),;:.!\n])|^)\?((?:[^\x00-\x20\x30-\x39\x41-\x5a\x61-\x7a?\u3000]|[A-Za-z0-9](?=[^\x00-\x7f]))"
                         r"{3,40})")
# two characters lost around one ASCII punctuation byte of their pairs: 經?;?、制度化, 穩定?!?</p>
QMARK_PAIR = re.compile(r"(?<=[\u3400-\u9fff])\?[!;:,.]\?(?=[\u3400-\u9fff、，。；,;/<\s]|$)")
# the brackets of a document number read as other characters (财建„2009‟165号 for 财建〔2009〕165号: a font's glyphs
# mapped to the wrong code points); any bracket a document number is written with stays out
_NOT_BRACKET = r"[^\w\s〔〕\[\]［］()（）【】〈〉《》{}｛｝「」『』<>“”\"'‘’﹝﹞〖〗、，。；：,.;:\-—/]"
DOCNO_BRACKETS = re.compile(rf"(?<=[\u4e00-\u9fff])({_NOT_BRACKET})((?:19|20)\d\d)({_NOT_BRACKET})(?=\d{{1,4}}[号號])")
SIGNATURE_CHARS = gated(re.compile(r"[锟烫屯]"))  # the prefilter of SIGNATURES (issue 16)
# a run of "?" where characters were lost: anywhere but after a letter or a URL character (what??, ?id=) or before a
# letter (a query string)
QMARK_RUN = re.compile(r"\?{2,}")  # … tested per match: not after a letter or a URL character, not before a letter
URLISH = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz/=&%._-")
QMARK_RIGHT = " \t\n\r\"',;:!)]}0123456789"  # … "" (the end of the text) is in it too
# on a pinyin mirror a character lost to "?" may keep its reading: 回?(yīng), ?(dāng)前 (GOV-K007 removes the reading)
QMARK_READING = re.compile(r"(\?{1,8})[(（]\s?([A-Za-zÜüÀ-ÿĀ-ǜ\u0300-\u0304]{1,7}[1-5]?)\s?[)）]")
# on a page that lost characters to "?" at several places, one glued to a Chinese character on its left only is lost
# too (首? |, 主?公? |, 文?:); never before a letter (a query string), "=" or "&"
QMARK_LEFT = re.compile(r"(?<=[\u3400-\u9fff])\?(?![?A-Za-z0-9=&_(（])"
                        r"|(?<=[，,。、；;：:])\?(?=[\u3400-\u9fff])|(?<=\d)\?(?=[\s《“(（，,。]|$)", re.M)  # ,?公  7?《 (號 lost)
QMARK_AFTER_READING = re.compile(r"(?<=[a-zü\u00e0-\u01dc][)）])\?(?![?A-Za-z=&_])")  # 鎮(zhèn)?密: after a reading's ")"
QMARK_LOSSY = 3  # question-mark findings from which the page is one that lost characters to "?"
# on a pinyin mirror the character before a lost one may be the ")" of a reading: 回應(yīng)?3條?
LONE_QMARK_PINYIN = re.compile(r"\?(?<=\)\?)(?=[\u3400-\u9fff\d])")
# replacement characters inside Chinese text (bytes no decoder could read); GBK bytes read as UTF-8 leave them
# between the few pairs that happen to be valid UTF-8 (ǩլ��ʽ�ֳ�)
# glued to Chinese text on one side (tested per match); a single one inside a sentence is GOV-K011's ratio, but one
# closing a line after a Chinese character is a half character (a line cut inside a character's bytes: …年度报\ufffd)
REPLACEMENT_RUN = re.compile(r"\ufffd{2,}|(?<=[\u3400-\u9fff])\ufffd(?=[ \t]*$)", re.M)
# GBK read as UTF-8 by a decoder that drops what it cannot read: the byte pairs that happen to be valid UTF-8 come out
# as letters of unrelated scripts side by side in one word (ɽ|ƼW, V׃ߵȌƌW: IPA, Latin extended, Hebrew, NKo …)
MIXED_LETTER = gated(re.compile(r"[\u0180-\u01cc\u01dd-\u024f\u0250-\u02af\u0370-\u03ff\u0400-\u04ff\u0530-\u058f"
                          r"\u0590-\u05ff\u0600-\u06ff\u0700-\u074f\u0780-\u07bf\u07c0-\u07ff]"))  # not pinyin's ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ
TOKEN_STOP = re.compile(r"[\s\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")  # a blank, a Han character, CJK punctuation
MIXED_BLOCKS = ((0x0180, 0x024F), (0x0250, 0x02AF), (0x0370, 0x03FF), (0x0400, 0x04FF), (0x0530, 0x058F),
                (0x0590, 0x05FF), (0x0600, 0x06FF), (0x0700, 0x074F), (0x0780, 0x07BF), (0x07C0, 0x07FF))
MIXED_MIN = 2  # such tokens in the document from which they are reported (one odd word proves nothing)
GBK_AS_UTF8 = gated(re.compile(r"[\ufffd\u0100-\u07ff]+"))
# a character masked by a Latin X inside a word (香X for 香港, X門 for 澳門); never a template's XX or 第X条 / X月X日
UNITS = "年月日号號条條个個名项項次件元万萬人光射线線型轴軸级級类類期批届屆楼樓室"
MASK_X = re.compile(rf"X(?:(?<=[\u3400-\u9fff]X)(?<!第X)(?=[\u3400-\u9fff、，。；：])|(?<=[、，。；：]X)(?=[\u3400-\u9fff]))"
                    rf"(?![{UNITS}X])(?<![A-Za-zX]X)")
# a place name masked by one to three asterisks before its level (*镇, ***县, *省): a copier hiding where a text comes
# from; a footnote mark (注*) stands after a word, never before 省/市/县/镇
MASK_PLACE = re.compile(r"(?<![A-Za-z0-9_*])\*{1,3}(?=[省市县区镇乡村])")
# a year or a place a template farm or a copier blanked (20**年, 201x年, ×××县, XX镇, xx县教育局): the slot the mask
# stands in is the anchor, never the mask alone (申请人王**, 身份证号3201****, ××单位 and XXXX年 of the report format's
# own template stay out: no year or place slot follows them)
BLANK_SLOT = re.compile(r"(?<![A-Za-z0-9×*＊])(?:(?:19|20)(?:[Xx×*＊]{2}|\d[Xx×*＊])(?=年)"
                        r"|某?[Xx×*＊]{1,4}(?=省|市|县|区|镇|乡|街道|社区|局|委))")
# a template of its own blanks its figures too (本年度主动公开XX条, X月X日): its blanks are the form's, not a copier's
BLANK_FIGURE = re.compile(r"(?<![A-Za-z0-9])[Xx×]{1,4}(?=[条件个项人名次篇%])|[Xx×]月[Xx×]日")
# the real figures of the original a copy with its facts keeps (3.61亿元, 增长7.2%)
REAL_FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:%|亿元|万元|万人|元)")
MASK_ONE_SIDE = re.compile(r"\*{2,}")  # glued to Chinese text on one side (tested per match)
TWO_BYTE_RUN = re.compile(r"[^\x00-\x7f\s，。、；：？！“”‘’（）《》【】—…·]{8,}")
HAN_ONLY = re.compile(r"[^\u4e00-\u9fff]+")
HAN_RUN = re.compile(r"[\u3400-\u9fff]+")


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
    return [None if f.count("\ufffd") > 0.25 * len(f) else _repaired(f) for f in joined.split("\n")]  # (its first test)


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


def _fullwidth(s: str, low_only: bool = False) -> str:
    """ASCII punctuation back as the full-width forms a GBK pair read one byte off makes (A3xx): a store or a
    converter normalised them (。ㄒ唬┳ …, ;顒訉 …). ``low_only``: only the characters below 0x40 (!"#…;…?), which
    no GBK trail byte is; a letter or one of @[\\]^_`{|}~ inside the run may be a trail byte read as ASCII (蝇F for the
    bytes D3 AC 46 of 現 read one byte late) and stays that byte."""
    top = "?" if low_only else "~"
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= top else c for c in s)


def _shift_repair(run: str, simplified) -> tuple[int, str] | None:
    """(length of the shifted part of ``run``, its repair) when ``run`` begins with GBK text read one byte late
    (the lead byte of its first character was lost to the "?" before it) and reads as Chinese once the bytes are
    taken one byte earlier; the rest of the run (after the decoder resynchronised) reads as it stands. The repair
    ends with a word the document (``simplified()``, its simplified text) holds elsewhere: past the point where
    the decoder resynchronised, correct text read one byte off may still give common characters (报福碧酢)."""
    for k in range(len(run), 2, -1):  # ≤ 40 characters: bounded
        head = run[:k]
        odd = NOT_RUN.sub("", head)  # what is neither ASCII nor blank nor common punctuation: Han, PUA, symbols
        if not odd or _common_count(HAN_ONLY.sub("", odd)) > 0.6 * len(odd):
            continue  # the head reads as it stands: nothing shifted
        fixed = None
        for low_only in (True, False):  # the letters as the trail bytes they are, else as normalised full-width forms
            try:
                raw = _fullwidth(head, low_only).encode("gb18030")
            except UnicodeEncodeError:
                continue
            got = raw[1:].decode("gb18030", errors="replace").rstrip("\ufffd")
            han = HAN_ONLY.sub("", got)
            if len(han) >= 3 and "\ufffd" not in got and _common_count(han) >= 0.9 * len(han):
                fixed = got
                break
            if low_only and _fullwidth(head, True) == _fullwidth(head):
                break  # no letter in the head: the second reading is the first
        if fixed is None:
            continue
        from ...normalize import to_simplified

        doc, simple = simplified(), to_simplified(fixed)
        cut = len(simple)
        while cut > 3 and not (HAN_RUN.fullmatch(simple[cut - 2:cut]) and simple[cut - 2:cut] in doc):
            cut -= 1  # ≤ 40 steps of a substring test
        if cut <= 3:  # no word of the repair elsewhere (a short excerpt): the whole head
            return k, fixed
        return max(3, k - (len(fixed) - cut)), fixed[:cut]  # the longest head that reads, to its last known word
    return None


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


# --- mojibake by round trip ----------------------------------------------------------------------------------
# A run is mojibake when re-encoding it under one codec and decoding the bytes under another gives plausible Chinese
# (most characters among the common ones) where the run itself is implausible (rare CJK, private use, kana, box
# drawing, Latin-1 accents in Chinese text). Candidate runs are the dense clusters of characters that ordinary
# Chinese text does not need; only those are re-encoded, so a clean report costs one regex scan.

ROUND_TRIPS = (  # (kind, what happened, encode the run with, decode the bytes with, run family)
    ("mojibake-utf8-as-gbk", "UTF-8 read as GBK", "gb18030", "utf-8", "han"),
    ("mojibake-latin1", "GBK read as Latin-1", "latin", "gb18030", "latin"),
    ("mojibake-latin1", "UTF-8 read as Latin-1", "latin", "utf-8", "latin"),
    ("mojibake-gbk-shift", "GBK read one byte off", "shift", "gb18030", "han"),
    ("mojibake-big5", "Big5 read as GBK", "gbk", "big5", "han"),
    ("mojibake-big5", "GBK read as Big5", "big5", "gb18030", "han"),
    ("mojibake-sjis", "GBK read as Shift-JIS", "shift_jis", "gb18030", "kana"),
    ("mojibake-sjis", "UTF-8 read as Shift-JIS", "shift_jis", "utf-8", "kana"),
    ("mojibake-utf16", "GBK read as UTF-16", "utf-16-le", "gb18030", "hangul"),
)
MULTI_PASS = ("gb18030", "latin")  # the decodings that happen several times over (UTF-8 → GBK → GBK, → cp1252 twice)
KANA = re.compile(r"[\u3040-\u30ff\uff61-\uff9f]")  # kana, half-width katakana: GBK or UTF-8 bytes read as Shift-JIS
HANGUL = re.compile(r"[\uac00-\ud7a3]")  # Hangul syllables in Chinese text: GBK byte pairs read as UTF-16 units
CLUSTER_GAP = 3  # characters between two suspect runs of one cluster (no blank among them)
REACH = 2  # characters a cluster may grow by on each side (the round trip chooses its exact bounds)
CLUSTER_MAX = 160  # a longer cluster is tried piece by piece (the pieces found are joined again)
KEEP = ("\u3000-\u303f\uff01-\uff5e\uffe0-\uffe5\u2010-\u2027\u2030-\u205e\u00b7\u00d7\u00f7\u00b0\u00b1"
        "\u2116\u2160-\u217f\u2460-\u24ff\u3220-\u3243\u33a1\u338e-\u33d5\u2103\u2215\u2236\u2264\u2265")
LATIN = re.compile(r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]")
_CP1252 = {c: b for b in range(0x80, 0xA0) for c in [bytes([b]).decode("cp1252", errors="ignore")] if c}
BLANK_OR_ASCII = re.compile(r"[\x00-\x7f\u3000]")  # U+00A0 is a byte of mojibake too (UTF-8 as cp1252: æ\xa0¼)
_WHATWG_GBK = {0x1E3F: 0xE7C7, 0x20AC: 0xFFFD}
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
REPLACEMENTS = re.compile("\ufffd+")


@functools.lru_cache(maxsize=1)
def _suspect() -> re.Pattern:
    """Runs of characters ordinary Chinese text does not need: not ASCII, not a blank, not GB2312 level 1, not
    common punctuation, full-width forms or number forms (traditional forms are sorted out per run)."""
    level1 = "".join(chr(c) for c in sorted(_level1_table()))
    return re.compile("[^\x00-\x7f" + level1 + KEEP + "]+")


def _latin_bytes(s: str) -> bytes | None:
    """``s`` as the bytes it was read from: single bytes (Latin-1, with the cp1252 letters of 0x80-0x9F), and the
    two-byte UTF-8 sequences of U+0100-U+07FF (Ŀ ǰ й ֤ Ͷ): a decoder that tries UTF-8 first and falls back to
    Latin-1 byte by byte reads GBK so (目录 → Ŀ¼, 前言 → ǰÑÔ, 证券 → ֤ȯ) — its Latin-1 letters and the other
    scripts' letters are bytes of one run."""
    out = bytearray()
    for ch in s:
        o = ord(ch)
        if o < 0x100:
            out.append(o)
        elif ch in _CP1252:
            out.append(_CP1252[ch])
        elif o < 0x800:
            out += ch.encode("utf-8")
        else:
            return None
    return bytes(out)


def _decode(s: str, enc: str, dec: str) -> str | None:
    """The bytes ``s`` was read from, decoded with ``dec``. A replacement character stands for the byte(s) the first
    decoder could not read: one or two in UTF-8-as-GBK (a lone byte, an unassigned pair: put back as as many
    invalid bytes, so the lost character shows as one replacement character and the rest stays aligned), one of
    the five undefined cp1252 bytes in UTF-8-as-cp1252 (put back as the one whose decoding reads best); left to
    right, each choice the one that leaves the most common characters."""
    if enc == "gb18030":  # as a browser's GBK decoder reads it: A8BC is ḿ, a lone 0x80 is €
        s = s.translate(_WHATWG_GBK)
    if enc == "shift":  # GBK pairs read across two characters: the bytes again, one byte later
        try:
            return s.encode("gb18030")[1:].decode(dec, errors="replace")
        except UnicodeEncodeError:
            return None
    parts = s.split("\ufffd")
    try:
        chunks = [_latin_bytes(p) if enc == "latin" else p.encode(enc) for p in parts]
    except UnicodeEncodeError:
        return None
    if any(c is None for c in chunks):
        return None
    raw = chunks[0]
    for chunk in chunks[1:]:
        best = None
        tried = []
        for ph in (_CP1252_UNDEFINED if enc == "latin" else (b"\xff", b"\xff\xff")):
            out = (raw[-6:] + ph + chunk[:6]).decode(dec, errors="replace")  # the neighbourhood decides: linear
            tried.append(((-_common_count(out), out.count("\ufffd")), ph))
        tried.sort()
        ph = tried[0][1]
        if enc == "latin" and tried[1][0] == tried[0][0]:
            ph = b"\xff"  # two bytes read as well: the lost one is not known, it stays a replacement character
        raw = raw + ph + chunk
    return REPLACEMENTS.sub("\ufffd", raw.decode(dec, errors="replace"))


def _han_common(s: str) -> tuple[int, int]:
    han = HAN_ONLY.sub("", s)
    return len(han), _common_count(han)


def _plausible(out: str, short: int) -> int:
    """A score > 0 when ``out`` reads as Chinese: few replacement or stray characters (none in a result shorter
    than ``short`` Han characters, one trailing half character allowed), mostly Han, the Han mostly common (all of
    them when short); else 0."""
    core = out[:-1] if out.endswith("\ufffd") else out
    n, common = _han_common(core)
    junk = sum(len(x) for x in _suspect().findall(HAN_RUN.sub("", core).replace("\ufffd", "")))  # kana, PUA …
    bad = core.count("\ufffd") + core.count("\x00") + junk
    visible = len(BLANK_OR_ASCII.sub("", core))
    if n < 2 or n < 0.7 * visible:
        return 0
    if n < short:
        if bad or common < n:
            return 0
    elif bad > (0.4 if n >= 6 else 0.15) * visible or common < 0.9 * n:  # a lossy decoder drops characters
        return 0
    if len(set(core)) < min(3, n):  # ┌──┬── read as Big5 repeats one character: not a text
        return 0
    return 2 * common - n - 2 * bad


def _round_trip(s: str, enc: str, dec: str, short: int) -> tuple[str, int, int] | None:
    """(repair, score, passes): the decoding of ``s`` (UTF-8 read as GBK may have happened several times over)."""
    best = None
    cur = s
    for passes in range(1, 5 if enc in MULTI_PASS else 2):
        out = _decode(cur, enc, dec)
        if out is None:
            break
        sc = _plausible(out, short)
        if sc and (best is None or sc >= best[1]):
            best = (out.rstrip("\ufffd"), sc, passes)
        n, common = _han_common(out)
        again = enc == "latin" and n == 0 and len(LATIN.findall(out)) >= 2  # UTF-8 read as cp1252 twice: Ã¦Â
        if not again and (sc or n < 4 or common > 0.6 * n):  # plausible, or no shape of a further level
            break
        cur = out.rstrip("\ufffd")
    return best


def _clusters(text: str) -> list[tuple[int, int]]:
    """Dense clusters of suspect characters (rare after traditional → simplified), two or more of them."""
    out: list[list[int]] = []
    for m in _suspect().finditer(text):
        seg = m.group()
        rare = len(seg) - _common_count(seg)
        if not rare:
            continue
        s, e = m.span()
        if out and s - out[-1][1] <= CLUSTER_GAP and not BLANK_OR_ASCII.search(text, out[-1][1], s):
            out[-1][1], out[-1][2] = e, out[-1][2] + rare
        else:
            out.append([s, e, rare])
    keep = []
    for s, e, rare in out:
        if rare >= 2 and rare >= 0.3 * (e - s):
            keep.extend((a, min(a + CLUSTER_MAX, e)) for a in range(s, e, CLUSTER_MAX))  # bounded round trips
    return keep


def _grow(text: str, a: int, b: int) -> tuple[int, int]:
    """The cluster with up to :data:`REACH` non-blank, non-ASCII neighbours on each side."""
    lo = a
    while lo > a - REACH and lo > 0 and not BLANK_OR_ASCII.match(text[lo - 1]):
        lo -= 1
    hi = b
    while hi < b + REACH and hi < len(text) and not BLANK_OR_ASCII.match(text[hi]):
        hi += 1
    return lo, hi


def _best_bounds(text: str, a: int, b: int, lo: int, hi: int, enc: str, dec: str, short: int,
                 minimum: int):
    """The bounds within [lo, hi) around the core [a, b) whose round trip scores best; a common character taken
    in beyond the core costs more than it can bring (clean text next to the run stays outside)."""
    # the decoders resynchronise: a repair inside shows in the decoding of the whole too (of the core when a
    # neighbour cannot be encoded, a Chinese character next to a Latin-1 run)
    whole = text[lo:hi] if _decode(text[lo:hi], enc, dec) is not None else text[a:b]
    for _ in range(4 if enc in MULTI_PASS else 1):
        whole = _decode(whole, enc, dec)
        if whole is None or _han_common(whole)[1] >= minimum:
            break
    if whole is None or _han_common(whole)[1] < minimum:
        return None
    best = None
    for s0 in range(lo, min(a + REACH, b - 1) + 1):
        for e0 in range(hi, max(b - REACH, s0 + 2) - 1, -1):
            if 2 * (min(e0, b) - max(s0, a)) < b - a:
                continue  # most of the core inside
            got = _round_trip(text[s0:e0], enc, dec, short)
            if not got or HAN_ONLY.sub("", got[0]).__len__() < minimum:
                continue
            extra = text[s0:a] + text[b:e0]
            score = got[1] - 2 * _common_count(extra)
            if best is None or score > best[0]:
                best = (score, s0, e0, got)
    return best[1:] if best else None


def _known_words(simplified: str, run: str, fixed: str) -> int:
    """Distinct two-character words of ``fixed`` (simplified) that the document (``simplified``) holds outside the
    run."""
    from ...normalize import to_simplified

    simple, run = to_simplified(fixed), to_simplified(run)
    words = {simple[i:i + 2] for i in range(len(simple) - 1) if HAN_RUN.fullmatch(simple[i:i + 2])}
    return sum(1 for w in words if simplified.count(w) > run.count(w))


FLUENT_MIN = 8  # Han characters of a repair that the dictionary test judges (a shorter one proves nothing)
FLUENT_COVER = 0.5  # share of them inside a word of the dictionary (real text ~0.6, common characters at random ~0.01)


@functools.lru_cache(maxsize=1)
def _word_pairs() -> frozenset:
    """Every pair of adjacent characters inside a word of pypinyin's phrase dictionary (47,000 words, the
    dictionary GOV-K007 reads readings from): the bigrams of real Chinese words."""
    try:
        from pypinyin import phrases_dict
    except Exception:  # pragma: no cover - pypinyin is a dependency
        return frozenset()
    return frozenset(w[i:i + 2] for w in phrases_dict.phrases_dict for i in range(len(w) - 1))


def _fluent(fixed: str) -> bool:
    """The repair reads as running Chinese: at least :data:`FLUENT_MIN` Han characters, of which at least
    :data:`FLUENT_COVER` stand inside a dictionary word (simplified). Characters decoded from the wrong bytes by
    chance are common often enough but almost never form words."""
    from ...normalize import to_simplified

    simple = to_simplified(fixed)
    han = len(HAN_ONLY.sub("", simple))
    if han < FLUENT_MIN:
        return False
    pairs = _word_pairs()
    covered = bytearray(len(simple) + 1)
    for m in HAN_RUN.finditer(simple):
        w = m.group()
        for i in range(len(w) - 1):
            if w[i:i + 2] in pairs:
                covered[m.start() + i] = covered[m.start() + i + 1] = 1
    return covered.count(1) >= FLUENT_COVER * han


def _glued(text: str, s: int, e: int) -> bool:
    """A Chinese character right before or right after [s, e)."""
    return bool(HAN_RUN.match(text[s - 1:s] if s else "")) or bool(HAN_RUN.match(text[e:e + 1]))


def _mixed_scripts(text: str) -> list[tuple[int, int, str]]:
    """(start, end, blocks) of tokens (between blanks, Han characters and CJK punctuation) holding ≥3 letters of ≥2 unrelated script blocks (Latin extended,
    IPA, Greek, Cyrillic, Armenian, Hebrew, Arabic, Syriac, Thaana, NKo), from :data:`MIXED_MIN` tokens in the
    document: no language writes one word so; a decoder that dropped the GBK bytes it could not read as UTF-8 does."""
    if not may(MIXED_LETTER, text):
        return []  # (gated: a rare class; issue 16)
    out: list[tuple[int, int, str]] = []
    end = -1
    for m in MIXED_LETTER.finditer(text):
        if m.start() < end:
            continue  # a letter of the token already read
        b = TOKEN_STOP.search(text, m.start())
        end = b.start() if b else len(text)
        start = m.start()
        while start > 0 and start > m.start() - 60 and not TOKEN_STOP.match(text, start - 1):
            start -= 1  # bounded: a token of the mixed letters is short
        letters = MIXED_LETTER.findall(text, start, end)
        if len(letters) < 3:
            continue
        blocks = {next(k for k, (lo, hi) in enumerate(MIXED_BLOCKS) if lo <= ord(c) <= hi) for c in letters}
        if len(blocks) >= 2:
            out.append((start, end, f"{len(blocks)}"))
    return out if len(out) >= MIXED_MIN else []


def _gbk_as_utf8(text: str) -> list[tuple[int, int]]:
    """Runs of GBK bytes read as UTF-8: replacement characters with the few two-byte characters (Latin extended,
    Greek, Cyrillic, Armenian, Hebrew …) that valid pairs happen to form, at most one ASCII character between."""
    out: list[list[int]] = []
    for m in GBK_AS_UTF8.finditer(text):
        s, e = m.span()
        if out and s - out[-1][1] <= 1 and not text[out[-1][1]:s].isspace():
            out[-1][1] = e
        else:
            out.append([s, e])
    keep = []
    for s, e in out:
        run = text[s:e]
        bad = run.count("\ufffd")
        two = len(run) - bad - len(GBK_AS_UTF8.sub("", run))  # the two-byte characters (ASCII between excluded)
        if bad >= 3 and two >= 2 and bad + two >= 0.7 * (e - s):
            keep.append((s, e))
    return keep


def _trim_to_words(text: str, s0: int, e0: int, fixed: str, enc: str, dec: str, simplified: str):
    """Big5/GBK: edges whose repair is no word of the document are the neighbours' bytes, not the run's."""
    from ...normalize import to_simplified

    def known(w: str) -> bool:
        w = to_simplified(w)
        return len(w) == 2 and HAN_RUN.fullmatch(w) is not None and w in simplified

    for a in range(s0, min(s0 + 6, e0 - 2)):
        out = _decode(text[a:e0], enc, dec)
        if out and known(out[:2]):
            s0, fixed = a, out
            break
    for b in range(e0, max(e0 - 6, s0 + 2), -1):
        out = _decode(text[s0:b], enc, dec)
        if out and known(out.rstrip("\ufffd")[-2:]):
            e0, fixed = b, out.rstrip("\ufffd")
            break
    return s0, e0, fixed


def round_trips(text: str) -> list[tuple[int, int, str, str, str]]:
    """(start, end, kind, what happened, repair) of the runs a codec round trip repairs, in text order."""
    from ...normalize import to_simplified

    out = []
    simplified = functools.lru_cache(maxsize=1)(lambda: to_simplified(text))
    for a, b in _clusters(text):
        run = text[a:b]
        n, common = _han_common(run)
        latin = len(LATIN.findall(run))
        lo, hi = _grow(text, a, b)
        for kind, what, enc, dec, family in ROUND_TRIPS:
            if family == "latin" and latin < 2:
                continue
            if family == "kana" and len(KANA.findall(run)) < 2 or family == "hangul" and len(HANGUL.findall(run)) < 2:
                continue
            if family == "han" and (n < 2 or latin > 0 or (kind == "mojibake-big5" and n < 0.5 * (b - a))):
                continue
            loose = kind in ("mojibake-big5", "mojibake-gbk-shift")  # byte ranges shared: any text reads half-way
            short, minimum = (6, 4) if loose else (3, 2)
            got = _best_bounds(text, a, b, lo, hi, enc, dec, short, minimum)
            if not got:
                continue
            s0, e0, (fixed, score, passes) = got
            if loose:
                if _known_words(simplified(), text[s0:e0], fixed) < 2 and not _fluent(fixed):
                    continue  # Big5 and GBK share their byte ranges: the repair must speak the document's own words
                    # (or read as running Chinese by the dictionary: a page read whole with the wrong codec)
                s0, e0, fixed = _trim_to_words(text, s0, e0, fixed, enc, dec, simplified())
            if common > 0.6 * len(BLANK_OR_ASCII.sub("", run)):
                continue  # the run itself reads as Chinese: no wrong decoding to repair
            if (s0 > a or e0 < b) and not loose:  # the whole cluster is the run when it reads too
                whole = _round_trip(text[min(s0, a):max(e0, b)], enc, dec, short)
                if whole:
                    s0, e0, (fixed, score, passes) = min(s0, a), max(e0, b), whole
            what = what + (f" ×{passes}" if passes > 1 else "")
            if out and out[-1][2] == kind and out[-1][3] == what and s0 - out[-1][1] <= REACH:  # pieces of one run
                p = out.pop()
                s0, fixed = p[0], p[4] + fixed
            out.append((s0, e0, kind, what, fixed))
            break
    return out


DECODING = ("mojibake-gbk-shift", "mojibake-signature", "mojibake-latin1", "mojibake-utf8-as-gbk", "mojibake-big5",
            "mojibake-sjis", "mojibake-utf16",
            "mojibake-gbk-as-utf8")


def _blanked_slots(text: str, free) -> list:
    """The year and place slots a copier blanked, when the page is a copy with its facts: a blanked year and one
    more blank, or three blanked places, in a text that keeps ≥3 real figures (or blanks two years) and blanks no
    figure of its own (a template of its own: XX条, X月X日)."""
    if not any(ch in text for ch in "Xx×*＊"):
        return []
    slots = [m for m in BLANK_SLOT.finditer(text) if free(m.start(), m.end())]
    years = sum(1 for m in slots if m.group(0)[:2] in ("19", "20"))
    if not ((years and len(slots) >= 2) or len(slots) >= 3):
        return []
    if BLANK_FIGURE.search(text) or (years < 2 and len(REAL_FIGURE.findall(text, 0, 20000)) < 3):
        return []
    return slots


def _question(text: str, i: int) -> bool:
    """The "?" at ``i`` closes a question: its clause (up to 30 characters back) holds a question word."""
    lo = max(0, i - 30)
    cut = [m.end() for m in QUESTION_CLAUSE.finditer(text, lo, i)]
    return QUESTION.search(text, cut[-1] if cut else lo, i) is not None


def find(text: str, pinyin_mirror: bool = False) -> list[Residue]:
    """Garbled runs of ``text`` (original offsets), in text order, with their repair (``signals``) and severity.

    ``pinyin_mirror``: the page carries verified pinyin annotations (GOV-K007), on which a "?" after the ")" of a
    reading is a lost character too. A "?" glued into Chinese text is reported from :data:`QMARK_MIN` places.
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
    from ...normalize import to_simplified

    simplified = functools.lru_cache(maxsize=1)(lambda: to_simplified(text))
    for m in QMARK_SHIFT.finditer(text) if qmark else ():
        got = _shift_repair(m.group(1), simplified) if free(m.start(), m.end()) else None
        if got:
            k, fixed = got
            e0 = m.start(1) + k
            out.append(Residue(m.start(), e0, "mojibake-gbk-shift", "garbled", signals=[
                ("mojibake-gbk-shift", fixed), ("round-trip", "GBK read one byte late"), ("should-read", fixed)]))
            mask.mark(m.start(), e0)
    for m in QMARK_PAIR.finditer(text) if qmark else ():
        if free(m.start(), m.end()):
            add(m.start(), m.end(), "question-marks")
    glue = [m for m in QMARK_GLUE.finditer(text) if free(m.start(), m.end())] if qmark else []
    if len(glue) < 3 and not pinyin_mirror:
        glue = [m for m in glue if not _question(text, m.start())]
    if len(glue) >= QMARK_MIN:
        for m in glue:
            add(m.start(), m.end(), "question-marks")
    punct = [m for m in QMARK_PUNCT.finditer(text) if free(m.start(), m.end())] if qmark else []
    if len(punct) < 3 and not pinyin_mirror:
        punct = [m for m in punct if not _question(text, m.start())]
    if len(punct) >= QMARK_MIN:
        for m in punct:
            add(m.start(), m.end(), "question-marks")
    blank = [m for m in QMARK_BLANK.finditer(text) if free(m.start(), m.end())] if qmark else []
    if len(blank) >= QMARK_MIN:
        for m in blank:
            add(m.start(), m.end(), "question-marks")
    lone = [m for m in LONE_QMARK.finditer(text) if free(m.start(), m.end())] if qmark else []
    if len(lone) < 3:  # a few: each only where no question is asked (这是什么?我们… writes a half-width question mark)
        lone = [m for m in lone if not _question(text, m.start())]
    if len(lone) >= QMARK_MIN:
        for m in lone:
            add(m.start(), m.end(), "question-marks")
    if pinyin_mirror and qmark:
        spaced = [m for m in LONE_QMARK_PINYIN.finditer(text) if free(m.start(), m.end())]
        if len(spaced) >= 2 and len(list(QMARK_SPACE.finditer(text))) >= 2:  # numbers wrapped in "?" elsewhere too
            for m in spaced:
                add(m.start(), m.end(), "question-marks")
    spaced = [m for m in QMARK_SPACE.finditer(text) if free(m.start(), m.end())] if qmark else []
    if len(spaced) >= 3:  # a "?" before a number may be a question answered (时间?10:30): the repetition says more
        for m in spaced:
            add(m.start(), m.end(), "question-marks")
    masked = list(MASKED.finditer(text)) if star else []
    pairs: dict[tuple[str, str], int] = {}
    for m in masked:
        key = (text[m.start() - 1], text[m.end()])
        pairs[key] = pairs.get(key, 0) + 1
    if len(masked) >= 3 and max(pairs.values()) >= 2 or sum(1 for m in masked if m.end() - m.start() >= 3) >= 2:
        # the same neighbours again and again, or words masked by three or more (a name is masked by one or two)
        for m in masked:
            add(m.start(), m.end(), "masked-word")
    for m in _blanked_slots(text, free):
        add(m.start(), m.end(), "blanked-slot")
    for m in DOCNO_BRACKETS.finditer(text) if "号" in text or "號" in text else ():
        if free(m.start(), m.end()):
            fixed = f"〔{m.group(2)}〕"
            out.append(Residue(m.start(), m.end(), "mojibake-bracket", "garbled", signals=[
                ("mojibake-bracket", fixed), ("document-number", m.group(0)), ("should-read", fixed)]))
            mask.mark(m.start(), m.end())
    places = [m for m in MASK_PLACE.finditer(text) if free(m.start(), m.end())] if star else []
    if len(places) >= 2:  # the same hiding at two places at least
        for m in places:
            add(m.start(), m.end(), "masked-word")
    long_masks = [m for m in MASKED_LONG.finditer(text) if free(m.start(), m.end())] if star else []
    if len(long_masks) >= 2:
        for m in long_masks:
            add(m.start(), m.end(), "masked-word")
    for s0, e0, kind, what, fixed in round_trips(text):
        if free(s0, e0):
            out.append(Residue(s0, e0, kind, "garbled",
                               signals=[(kind, fixed), ("round-trip", what), ("should-read", fixed)]))
            mask.mark(s0, e0)
    for s0, e0 in _gbk_as_utf8(text) if may(GBK_AS_UTF8, text) else ():  # (gated: a rare class; issue 16)
        if free(s0, e0):
            add(s0, e0, "mojibake-gbk-as-utf8")
    xs = [m for m in MASK_X.finditer(text) if free(m.start(), m.end())] if "X" in text else []
    words: dict[str, int] = {}
    for m in xs:
        for w in (text[m.start() - 1:m.end()], text[m.start():m.end() + 1]):
            words[w] = words.get(w, 0) + 1
    if len(xs) >= 3 and max(words.values()) >= 2:  # the same masked word at several places
        for m in xs:
            add(m.start(), m.end(), "masked-word")
    for s0, e0, fixed in _misaligned(text):
        add(s0, e0, "mojibake-gbk-shift", fixed)
    for m in SIGNATURES.finditer(text) if may(SIGNATURE_CHARS, text) and SIGNATURE_CHARS.search(text) else ():
        add(m.start(), m.end(), "mojibake-signature")
    for m in QMARKS.finditer(text) if qmark else ():
        if free(m.start(), m.end()):
            add(m.start(), m.end(), "question-marks")
    for m in QMARK_RUN.finditer(text) if qmark else ():
        s0, e0 = m.span()
        right = text[e0:e0 + 1]
        if text[s0 - 1:s0] not in URLISH and (not right.isascii() or right in QMARK_RIGHT) and free(s0, e0):
            add(s0, e0, "question-marks")

    if pinyin_mirror and qmark:
        from .pinyin import syllables, _plain

        for m in QMARK_READING.finditer(text):
            if free(m.start(), m.end(1)) and _plain(m.group(2)) in syllables():
                add(m.start(), m.end(1), "question-marks")
    if qmark and sum(1 for r in out if r.kind == "question-marks") >= QMARK_LOSSY:
        for m in (QMARK_AFTER_READING.finditer(text) if pinyin_mirror else ()):
            if free(m.start(), m.end()):
                add(m.start(), m.end(), "question-marks")
        for m in QMARK_LEFT.finditer(text):
            if free(m.start(), m.end()) and not _question(text, m.start()):
                add(m.start(), m.end(), "question-marks")
    if any(r.kind == "masked-word" for r in out):  # a masking page: a mask glued on one side only is one too
        for m in MASK_ONE_SIDE.finditer(text) if star else ():
            if free(m.start(), m.end()) and _glued(text, m.start(), m.end()):
                add(m.start(), m.end(), "masked-word")
    for m in LATIN1_RUN.finditer(text) if may(LATIN1_RUN, text) else ():
        fixed = _latin1_repair(m.group(0)) if free(m.start(), m.end()) else None
        if fixed:
            add(m.start(), m.end(), "mojibake-latin1", fixed)
    runs = SUSPECT_GBK.findall(text)  # (the runs as strings; their places only when one is repaired: issue 16)
    fixes = _utf8_as_gbk_all(runs)
    for m, fixed in zip(SUSPECT_GBK.finditer(text) if any(f and len(f) < len(r) for f, r in zip(fixes, runs)) else (),
                        fixes):
        run = m.group(0)
        # only runs rich in characters typical of UTF-8-as-GBK (鏀垮簻淇℃伅…): private-use or rare ones
        if fixed and len(fixed) < len(run) and free(m.start(), m.end()):
            add(m.start(), m.end(), "mojibake-utf8-as-gbk", fixed)
    rare = _rare(text)
    verified = bytearray(len(text) + 1)  # characters of verified wrong decoding, a run counted once
    for m in TWO_BYTE_RUN.finditer(text) if _dense(text, rare, 6) else ():
        # a shape needs ≥6 characters outside level 1 (a common ratio < 0.45 of ≥10 Han characters; issue 16)
        if _count(rare, m.start(), m.end()) >= 6 and _utf8_as_gbk_shape(m.group(0)):
            verified[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            if free(m.start(), m.end()):
                add(m.start(), m.end(), "mojibake-utf8-as-gbk")
    for s0, e0, blocks in _mixed_scripts(text):
        if free(s0, e0):
            out.append(Residue(s0, e0, "mojibake-mixed-scripts", "garbled",
                               signals=[("mojibake-mixed-scripts", ""), ("mixed-scripts", blocks)]))
            mask.mark(s0, e0)
    for m in REPLACEMENT_RUN.finditer(text) if "\ufffd" in text else ():  # last: a verified run says more
        if free(m.start(), m.end()) and _glued(text, m.start(), m.end()):
            add(m.start(), m.end(), "replacement-chars")
    for r in out:
        if r.kind in DECODING:
            verified[r.start:r.end] = b"\x01" * (r.end - r.start)
    decoded = verified.count(1)
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
        detail = {"kind": r.kind, "repair": fixed or None, "severity": r.severity}
        decoding = next((d for n, d in r.signals if n == "round-trip"), "")
        if decoding:  # the round trip that repairs the run: a person can check it (re-encode, decode, compare)
            detail["decoding"] = decoding
        out.append(Span(r.start, r.end, "GOV-K012", CATEGORY[r.group], "remove" if r.remove else "none",
                        text[r.start:r.end], 0, sigs, detail=detail))
    return out
