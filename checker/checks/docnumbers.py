"""Document numbers in the text (GOV-N001 brackets, GOV-N002 digits lost, GOV-N003 a year that does not exist).

A 发文字号 is 机关代字 + 〔年份〕 + 序号 + 号 (GB/T 9704-2012 §7.2.4: the year in 六角括号 〔〕). Data in the pack's
``docnumbers.yaml``: the known documents reports cite, and the characters a 机关代字 ends with (so 「(2021)」 after
any other word — a court case number 「（2021）苏01行初30号」, a list item — is never taken for a document number).

Options:
- ``check``: ``brackets`` — the year in other brackets ([2021], (2021), 【2021】, （2021）, 〔2021]): warning with the
  corrected form; ``digits`` — a number whose digits or closing bracket were lost (「〔202130号」, 「〔2021〕号」):
  reported as unreadable with what was probably meant; ``year`` — a year after the report's publication (or the run's
  today), or a known document cited with another year (国办公开办函〔2020〕30号 for the 2021 format → 〔2021〕30号).

PASS: 国办公开办函〔2021〕30号
FAIL: 国办公开办函[2021]30号 (→ 国办公开办函〔2021〕30号)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from ..findings import Problem

CONF = {"check": ("brackets", "digits", "year")}
DEFAULT = {"check": "brackets"}
STOP = set("的据照按于是和及与在将由经见即为了印根依")
NUM_RE = re.compile(r"(?P<code>[\u4e00-\u9fff]{1,12})(?P<o>[\[(（【［{｛〔])(?P<y>(?:19|20)\d{2})"
                    r"(?P<c>[\])）】］}｝〕])(?P<n>\d{1,4})号")
LOST_RE = re.compile(r"(?P<code>[\u4e00-\u9fff]{1,12})〔(?:(?P<run>(?:19|20)\d{2}\d{1,4})号|(?P<y>(?:19|20)\d{2})〕号"
                     r"|(?P<short>\d{1,3})〕(?P<n>\d{1,4})号)")


# what follows the 机关代字 (at most 12 Han characters before it): every match of NUM_RE / LOST_RE lies in the window
# [tail start - 12, tail end] of one of these, so only those windows are scanned (the same matches, in order)
NUM_TAIL = re.compile(r"[\[(（【［{｛〔](?:19|20)\d{2}[\])）】］}｝〕]\d{1,4}号")
LOST_TAIL = re.compile(r"〔[^〔]{0,10}")


def _scan(pattern: re.Pattern, tail: re.Pattern, text: str, before: int = 12) -> list[re.Match]:
    """``list(pattern.finditer(text))``, scanning only the windows around the matches of ``tail`` (merged where
    they touch, so the matches are the same and do not overlap)."""
    out: list[re.Match] = []
    lo = hi = -1
    for m in tail.finditer(text):
        a, b = max(0, m.start() - before), m.end()
        if hi >= 0 and a <= hi:
            hi = max(hi, b)
            continue
        if hi >= 0:
            out.extend(pattern.finditer(text, lo, hi))
        lo, hi = a, b
    if hi >= 0:
        out.extend(pattern.finditer(text, lo, hi))
    return out


def _matches(a, which: str, text: str) -> list[re.Match]:
    """The NUM_RE or LOST_RE matches of the sentence view, once per Analysis (two checks read NUM_RE's)."""
    memo = a.__dict__.setdefault("_docnumber_matches", {})
    got = memo.get(which)
    if got is None or got[0] is not text:
        pat, tail = (NUM_RE, NUM_TAIL) if which == "num" else (LOST_RE, LOST_TAIL)
        got = memo[which] = (text, _scan(pat, tail, text))
    return got[1]


def _code_ok(code: str, ends: str) -> bool:
    return bool(code) and code[-1] in ends and "年" not in code


def _series(code: str, known: list[dict]) -> str:
    """The 机关代字 proper: the longest known series the Han run ends with, else the run's last ≤ 7 characters
    up to a word that cannot be part of it (根据国办发 → 国办发)."""
    for k in sorted({k["series"] for k in known}, key=len, reverse=True):
        if code.endswith(k):
            return k
    out = ""
    for ch in reversed(code[-7:]):
        if ch in STOP:
            break
        out = ch + out
    return out or code[-1]


def check(a, conf) -> Iterator[Problem]:
    data = a.pack.data.get("docnumbers") or {}
    ends, known = data.get("code_ends", "发函字办"), data.get("known") or []
    sv = a.sentence_view()  # a number wrapped over two lines is still one
    text = sv.text
    what = conf["check"]
    if what == "brackets":
        for m in _matches(a, "num", text):
            if not _code_ok(m.group("code"), ends) or (m.group("o"), m.group("c")) == ("〔", "〕"):
                continue
            series = _series(m.group("code"), known)
            s = m.start("code") + len(m.group("code")) - len(series)
            fixed = f"{series}〔{m.group('y')}〕{m.group('n')}号"
            os_, oe = sv.span(s, m.end())
            yield Problem(os_, oe, msg="default", args={"written": text[s:m.end()], "fixed": fixed},
                          evidence={"written": text[s:m.end()], "corrected": fixed,
                                    "brackets": m.group("o") + m.group("c")})
    elif what == "digits":
        for m in _matches(a, "lost", text):
            if not _code_ok(m.group("code"), ends):
                continue
            series = _series(m.group("code"), known)
            s = m.start("code") + len(m.group("code")) - len(series)
            written = text[s:m.end()]
            if m.group("run"):
                probable = f"{series}〔{m.group('run')[:4]}〕{m.group('run')[4:]}号"
            else:
                probable = None
            os_, oe = sv.span(s, m.end())
            yield Problem(os_, oe, msg="probable" if probable else "default",
                          args={"written": written, "probable": probable or ""},
                          evidence={"written": written, "probable": probable})
    else:
        f = a.facts
        limit = max(d for d in (f.published, dt.date.today()) if d is not None) if f.published else dt.date.today()
        for m in _matches(a, "num", text):
            if not _code_ok(m.group("code"), ends) or (m.group("o"), m.group("c")) != ("〔", "〕"):
                continue
            y, n = int(m.group("y")), int(m.group("n"))
            series = _series(m.group("code"), known)
            s = m.start("code") + len(m.group("code")) - len(series)
            os_, oe = sv.span(s, m.end())
            written = text[s:m.end()]
            if y > limit.year:
                yield Problem(os_, oe, msg="future", args={"written": written, "year": y, "limit": limit.isoformat()},
                              evidence={"written": written, "year": y, "latest_possible": limit.year})
                continue
            sent_a = max(text.rfind(c, 0, m.start()) for c in "。；\n") + 1
            sent_b = [i for i in (text.find(c, m.end()) for c in "。；\n") if i >= 0]
            sentence = text[sent_a:min(sent_b) if sent_b else len(text)]
            for k in known:
                if k["series"] == series and k["number"] == n and k["year"] != y \
                        and re.search(k.get("context", k["subject"]), sentence):
                    fixed = f"{series}〔{k['year']}〕{n}号"
                    yield Problem(os_, oe, msg="known", args={"written": written, "fixed": fixed,
                                                              "subject": k["subject"]},
                                  evidence={"written": written, "corrected": fixed, "source": k["source"]})
