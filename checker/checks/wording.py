"""Official wording (GOV-W001 canonical names, GOV-W002 common typos), from the pack's ``wording.yaml``.

- ``names``: a canonical name (《中华人民共和国政府信息公开条例》, 国务院办公厅, 习近平新时代中国特色社会主义思想,
  congress and plenum names, terms of the national format) written with a wrong, missing, extra or swapped character
  inside is a 表述错误: the finding gives the canonical form. A candidate must start and end with the canonical's
  first and last characters (a name cut at a line end or continued by other words is not a near-miss), and a
  difference in numerals makes another name, never a typo (党的十九大, 二十届二中全会).
- ``typos``: wrong forms that are never a word (倍受→备受, 关健→关键 …), skipped where the characters around them
  make them part of other words (有关健康).

Every entry of the data file names its source. Options:
- ``check``: ``names`` | ``typos``.

PASS: 根据《中华人民共和国政府信息公开条例》…
FAIL: 根据《中华人民共和国政府信息公开条列》… (→ 《中华人民共和国政府信息公开条例》)
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from ..findings import Problem
from ..normalize import compact

CONF = {"check": ("names", "typos")}
DEFAULT = {"check": "names"}
NUMERALS = set("〇零一二三四五六七八九十百千两0123456789")
BOOK_RE = re.compile(r"《([^《》\n]{2,40})》")


def osa(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein with adjacent swaps counted once)."""
    la, lb = len(a), len(b)
    prev2: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        for j in range(1, lb + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
        prev2, prev = prev, cur
    return prev[lb]


def _numeral_change(a: str, b: str) -> bool:
    diff = set(a) ^ set(b)
    return bool(diff & NUMERALS) or sorted(c for c in a if c in NUMERALS) != sorted(c for c in b if c in NUMERALS)


_RUN = re.compile(r"\S+")


def _compact(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace (a name wrapped over two lines is still one name), with each char's index
    (by runs of non-space characters, not char by char)."""
    runs = [m.span() for m in _RUN.finditer(text)]
    idx: list[int] = []
    for a, b in runs:
        idx.extend(range(a, b))
    idx.append(len(text))
    return "".join(text[a:b] for a, b in runs), idx


def _compacted(a) -> str:
    """The cleaned view without whitespace, once per Analysis (both wording checks read it); the index of its
    characters in the view (:func:`_compact`) is built only when a finding needs it."""
    text = a.view.text
    memo = a.__dict__.get("_wording_compact")
    if memo is None or memo[0] is not text:
        memo = (text, compact(text), None)
        a.__dict__["_wording_compact"] = memo
    return memo[1]


def _compact_index(a) -> list[int]:
    _compacted(a)
    text, compact, idx = a.__dict__["_wording_compact"]
    if idx is None:
        idx = _compact(text)[1]
        a.__dict__["_wording_compact"] = (text, compact, idx)
    return idx


def _lower_bound(a: str, b: str, cb: Counter) -> int:
    """A lower bound of ``osa(a, b)``: every edit fixes at most one character of the longer string that the other
    lacks (a swap changes none), so the distance is at least what the multisets do not share."""
    return max(len(a), len(b)) - sum((Counter(a) & cb).values())


def _problem(a, s: int, e: int, written: str, canonical: str, source: str, how: str) -> Problem:
    idx = _compact_index(a)
    os_, oe = a.view.span(idx[s], idx[e - 1] + 1)
    return Problem(os_, oe, msg="default", args={"written": written, "canonical": canonical},
                   evidence={"written": written, "canonical": canonical, "source": source, "match": how})


_PREPARED: dict[int, tuple] = {}  # id(entries) → (entries, book entries, other entries), prepared once per pack


def _prepared(entries: list[dict]) -> tuple[list[tuple], list[tuple]]:
    """The ``names`` entries with what every check of them needs (the canonical's character counts, the anchors'
    places in it), computed once per pack: (book entries, other entries)."""
    hit = _PREPARED.get(id(entries))
    if hit is not None and hit[0] is entries:
        return hit[1], hit[2]
    books, others = [], []
    for ent in entries:
        canon, k = ent["canonical"], int(ent.get("max", 1))
        if ent.get("book"):
            books.append((canon, k, frozenset(ent.get("allow") or ()), Counter(canon), ent.get("source")))
        else:
            anchors = tuple((anchor, canon.find(anchor)) for anchor in ent.get("anchors") or ())
            others.append((canon, k, tuple(ent.get("allow") or ()), Counter(canon), ent.get("source"), anchors))
    if len(_PREPARED) > 16:
        _PREPARED.clear()
    _PREPARED[id(entries)] = (entries, books, others)
    return books, others


def _names(a, entries: list[dict]) -> Iterator[Problem]:
    text = _compacted(a)
    done: list[tuple[int, int]] = []
    book_entries, other_entries = _prepared(entries)
    books = list(BOOK_RE.finditer(text)) if book_entries else []  # (every book entry reads the same titles)
    for canon, k, allow, cc, source in book_entries:
        for m in books:
            x = m.group(1)
            if x == canon or x in allow or abs(len(x) - len(canon)) > k:
                continue
            # (the cheap bound first: a title farther than k is no near-miss whatever its numerals)
            if _lower_bound(x, canon, cc) <= k and not _numeral_change(x, canon) and osa(x, canon) <= k:
                done.append(m.span(1))
                yield _problem(a, m.start(1), m.end(1), x, canon, source, "book-title")
    for canon, k, allow, cc, source, anchors in other_entries:
        L = len(canon)
        seen: set[int] = set()
        for anchor, off in anchors:
            for start in _occurrences(text, anchor):
                s0 = start - off
                if s0 >= 0 and s0 not in seen and text.startswith(canon, s0):
                    # the name as written: the search below would take the first exact window (distance 0) and
                    # report nothing; only that window's start is remembered
                    seen.add(next(s for s in range(max(0, s0 - k), s0 + 1)
                                  if s not in seen and text.startswith(canon, s)))
                    continue
                best = None
                for s in range(max(0, s0 - k), s0 + k + 1):
                    if s in seen or s >= len(text) or text[s] != canon[0]:
                        continue
                    for e in range(s + L - k, s + L + k + 1):
                        if e > len(text) or e <= s or text[e - 1] != canon[-1]:
                            continue
                        w = text[s:e]
                        if _lower_bound(w, canon, cc) > k:
                            continue  # farther than k: never the near-miss reported (see _lower_bound)
                        d = osa(w, canon)
                        if best is None or d < best[0]:
                            best = (d, s, e)
                if best is None:
                    continue
                d, s, e = best
                seen.add(s)
                w = text[s:e]
                if d == 0 or d > k or _numeral_change(w, canon) or any(text.startswith(x, s) for x in allow):
                    continue
                if any(s < b and a_ < e for a_, b in done):
                    continue
                done.append((s, e))
                yield _problem(a, s, e, w, canon, source, "near-miss")


def _occurrences(text: str, word: str) -> Iterator[int]:
    """Starts of the non-overlapping occurrences of ``word`` (``re.finditer(re.escape(word), text)``'s, by
    ``str.find``)."""
    if not word:
        yield from (m.start() for m in re.finditer("", text))
        return
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + len(word))


def _typos(a, entries: list[dict]) -> Iterator[Problem]:
    text = _compacted(a)
    for ent in entries:
        wrong, right = ent["wrong"], ent["right"]
        if wrong not in text:
            continue
        prev, nxt = set(ent.get("prev") or ""), set(ent.get("next") or "")
        for m in re.finditer(re.escape(wrong), text):
            s, e = m.span()
            if (s > 0 and text[s - 1] in prev) or (e < len(text) and text[e] in nxt):
                continue
            yield _problem(a, s, e, wrong, right, ent["source"], "typo")


def check(a, conf) -> Iterator[Problem]:
    data = a.pack.data.get("wording") or {}
    if conf["check"] == "names":
        yield from _names(a, data.get("names") or [])
    else:
        yield from _typos(a, data.get("typos") or [])
