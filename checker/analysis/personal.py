"""Personal data in the text: resident ID numbers, mobile numbers of persons, bank-card numbers (GOV-I001…I003).

Found once per document on the raw view (so a number inside injected text is masked too) and kept on the
Analysis: the privacy rules report them, and the engine masks every reported span wherever the document's text
leaves reportlint (a finding's ``match``, its fingerprint context, the text the renderers show). Offsets are into
``Document.text``; a mask keeps the length, so offsets stay valid.

Precision first: a number is an ID only with a valid GB 11643 check digit (ISO 7064 MOD 11-2), a province code
and a real birth date; a 15-digit old number needs a real date and the word 身份证 nearby; a bank-card number
passes the Luhn check and stands next to 账号/卡号/开户/银行; a mobile number has a mobile prefix, and one on the
organ's own contact line (联系电话/咨询电话 … with no person named) is published on purpose and left alone.
Masked forms (3401**********1234) contain no run of digits long enough to match.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..normalize import View

PROVINCES = frozenset({11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51,
                       52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82})
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# mobile prefixes of the three carriers and the virtual operators (MIIT numbering plan), 3 digits
MOBILE_PREFIXES = frozenset(
    [f"13{d}" for d in range(10)] + ["145", "146", "147", "148", "149"]
    + [f"15{d}" for d in (0, 1, 2, 3, 5, 6, 7, 8, 9)] + ["162", "165", "166", "167"]
    + [f"17{d}" for d in range(9)] + [f"18{d}" for d in range(10)] + [f"19{d}" for d in range(10)])

ID18_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")
ID15_RE = re.compile(r"(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?(1[3-9]\d{9})(?![0-9A-Za-z])")
CARD_RE = re.compile(r"(?<![0-9A-Za-z])\d{16,19}(?![0-9A-Za-z])")

ID_CONTEXT = re.compile(r"身份证|公民身份号码|证件号")
CARD_CONTEXT = re.compile(r"账号|帐号|卡号|开户|银行|账户|帐户")
CODE_CONTEXT = re.compile(r"信用代码|组织机构代码|税号|纳税人识别号|索引号|编号|文号|登记号|批准号|案号|单号|流水号|序号|邮编|代码")
CONTACT = re.compile(r"联系电话|咨询电话|联系方式|服务电话|监督电话|投诉电话|举报电话|热线|办公电话|联系人|电话|传真|手机")
PERSON = re.compile(r"申请人|当事人|姓名|先生|女士|身份证|住址|家住|村民|户主|本人|其子|其女|患者|死者")
SENT_END = "。！？；\n"


@dataclass
class Item:
    kind: str  # id | mobile | card
    start: int  # offsets into Document.text
    end: int
    digits: str  # the number as found (never printed)
    masked: str  # the same length, middle digits as *
    legal: bool = False  # the organ's own published contact number: not reported, not masked
    reason: str = ""

    def to_evidence(self) -> dict:
        return {"kind": self.kind, "masked": self.masked, "length": len(self.digits)}


def mask_digits(s: str, keep_head: int, keep_tail: int) -> str:
    """``s`` with every digit but the first ``keep_head`` and last ``keep_tail`` digits replaced by ``*``."""
    pos = [i for i, c in enumerate(s) if c.isdigit() or c in "Xx"]
    hide = set(pos[keep_head:len(pos) - keep_tail] if keep_tail else pos[keep_head:])
    return "".join("*" if i in hide else c for i, c in enumerate(s))


def id_check_ok(n: str) -> bool:
    if len(n) != 18 or not n[:17].isdigit():
        return False
    return _CHECK[sum(int(c) * w for c, w in zip(n[:17], _W)) % 11] == n[17].upper()


def _real_date(y: int, m: int, d: int) -> bool:
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= day <= dt.date.today()


def _prefix_ok(n: str) -> bool:
    return int(n[:2]) in PROVINCES and n[2:4] != "00"


def is_id18(n: str) -> bool:
    return id_check_ok(n) and _prefix_ok(n) and _real_date(int(n[6:10]), int(n[10:12]), int(n[12:14]))


def is_id15(n: str) -> bool:
    return len(n) == 15 and n.isdigit() and _prefix_ok(n) and _real_date(1900 + int(n[6:8]), int(n[8:10]),
                                                                       int(n[10:12]))


def luhn_ok(n: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(n)):
        v = int(c)
        if i % 2:
            v *= 2
            if v > 9:
                v -= 9
        total += v
    return total % 10 == 0


def _sentence(text: str, i: int, j: int) -> str:
    a = max(text.rfind(c, 0, i) for c in SENT_END) + 1
    ends = [k for k in (text.find(c, j) for c in SENT_END) if k >= 0]
    return text[a:min(ends) if ends else len(text)]


def _before(text: str, i: int, n: int) -> str:
    a = max(text.rfind("\n", 0, i) + 1, i - n)
    return text[a:i]


# Every number the patterns above take holds a run of at least 11 digits; a match lies within 4 characters before
# such a run (「+86-」) and 2 after it (the check character X and the character the look-ahead reads).
DIGIT_RUN = re.compile(r"\d{11,}")


def _windows(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in DIGIT_RUN.finditer(text):
        a, b = max(0, m.start() - 4), min(len(text), m.end() + 2)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _finditer(pattern: re.Pattern, text: str, windows: list[tuple[int, int]]):
    """``pattern.finditer(text)`` for the patterns above, scanning only the windows (look-behinds still see the
    characters before a window)."""
    for a, b in windows:
        yield from pattern.finditer(text, a, b)


def find(view: View) -> list[Item]:
    """Every personal number in ``view`` (the raw view), with its original offsets in Document.text."""
    text = view.text
    items: list[Item] = []
    windows = _windows(text)
    if not windows:
        return items
    taken: list[tuple[int, int]] = []

    def add(kind: str, s: int, e: int, masked: str, legal: bool = False, reason: str = "") -> None:
        taken.append((s, e))
        a, b = view.span(s, e)
        items.append(Item(kind, a, b, text[s:e], masked, legal, reason))

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _finditer(ID18_RE, text, windows):
        n = m.group(0)
        if not is_id18(n) or CODE_CONTEXT.search(_before(text, m.start(), 12)):
            continue
        if CARD_CONTEXT.search(_before(text, m.start(), 12)) and luhn_ok(n) and n.isdigit():
            continue  # a card number that happens to look like an ID: the card pass reports it
        add("id", m.start(), m.end(), mask_digits(n, 4, 4))
    for m in _finditer(ID15_RE, text, windows):
        n = m.group(0)
        if free(m.start(), m.end()) and is_id15(n) and ID_CONTEXT.search(_before(text, m.start(), 20)):
            add("id", m.start(), m.end(), mask_digits(n, 4, 3))
    for m in _finditer(CARD_RE, text, windows):
        n = m.group(0)
        if free(m.start(), m.end()) and luhn_ok(n) and CARD_CONTEXT.search(_before(text, m.start(), 20)):
            add("card", m.start(), m.end(), mask_digits(n, 4, 4))
    for m in _finditer(MOBILE_RE, text, windows):
        s, e = m.span(1)
        n = m.group(1)
        if not free(s, e) or n[:3] not in MOBILE_PREFIXES or CODE_CONTEXT.search(_before(text, m.start(), 8)):
            continue
        sent = _sentence(text, s, e)
        legal = bool(CONTACT.search(sent)) and not PERSON.search(sent)
        add("mobile", s, e, mask_digits(n, 3, 4), legal, "contact line" if legal else "")
    items.sort(key=lambda it: it.start)
    return items


def mask_text(text: str, items: list[Item]) -> str:
    """``text`` with every reported (not legal) item replaced by its mask; same length, same offsets."""
    out, pos = [], 0
    for it in items:
        if it.legal or it.start < pos:
            continue
        seg = text[it.start:it.end]
        out.append(text[pos:it.start])
        out.append(_mask_like(seg))
        pos = it.end
    out.append(text[pos:])
    return "".join(out)


def _mask_like(seg: str) -> str:
    digits = sum(c.isdigit() or c in "Xx" for c in seg)
    head, tail = (3, 4) if digits == 11 else (4, 4 if digits != 15 else 3)
    return mask_digits(seg, head, tail)
