"""Cross-year checks against the same organ's report for the year before (GOV-X001 … GOV-X004).

The previous report reaches the rule as ``Analysis.previous``: ``reportlint check --previous FILE``, or two reports
of the same organ for consecutive years checked in one run (``checker.pairing.pair_reports``, batch mode). Without it the rules are
not assessed.

Options:
- ``check``:
  ``carry_over`` — T3 二、上年结转 (Y) equals 四、结转下年度继续办理 (Y−1), every column; one finding for the row,
  listing every column that differs with both values;
  ``roll_forward`` — T2 现行有效 (Y) = 现行有效 (Y−1) + 本年制发 (Y) − 本年废止 (Y) for 规章 and 行政规范性文件
  (both years in the 2021 format);
  ``copied_text`` — sections 一 and 五 at least ``threshold`` similar (character bigrams) to Y−1;
  ``copied_tables`` — T2/T3/T4 identical to Y−1 cell by cell with at least one non-zero cell.
- ``threshold`` (copied_text): similarity from 0 to 1.

The rules compare two *digests* (:func:`digest`): per file, what the rules compare — the year, the T3 carry-over
cells, the T2 in-force counts, the section bodies' character pairs (:func:`bigram_key`), a hash of each table's
cells — and where a finding would point (the offsets, lines, pages and labels of those cells and headings, and the few characters
of text around them that a finding quotes). A batch keeps each file's digest from its first pass (a few KB, not
the Analysis) and runs the rules on the digests of a pair (:func:`cross_year`) without reading either file again;
``check --previous`` and the rule cases build both digests from the Analyses. One comparison either way.

PASS: 2024 上年结转 121 = 2023 结转下年度 121
FAIL: 2024 上年结转 5, 2023 结转下年度 4
"""

from __future__ import annotations

import hashlib
import re
from array import array
from bisect import bisect_left
from typing import Any, Iterator

from ..findings import NotAssessed, Problem
from .tables import require

KIND = "crossyear"
CONF = {"check": ("carry_over", "roll_forward", "copied_text", "copied_tables"), "threshold": float,
        "sections": list}
DEFAULT = {"check": "carry_over", "threshold": 0.9, "sections": ["overview", "problems"]}
DIGEST_VERSION = 3  # 2: the cells' hash written as keys | values; 3: section bodies as packed bigram codes
CONTEXT = 13  # characters either side of a span that a finding's context needs (engine.make_finding: 12)
SNIPPET = 200  # … and the room of a console snippet (checker.batch.worker._snippet)


# ---------------------------------------------------------------- the rule (engine path)


def check(a, conf) -> Iterator[Problem]:
    """The rule on an Analysis: its digest against the previous report's (an Analysis or a digest)."""
    dg = digest(a)
    p = a.previous
    pdg = None if p is None else p if isinstance(p, dict) else digest(p)
    problems = list(compare(conf, dg, pdg))
    for pr in problems:
        mark_failed(a, pr.table, pr.row, pr.col, pr.evidence)
    yield from problems


def mark_failed(a, table, row, col, evidence) -> None:
    """Mark the cells a cross-year finding reports (the audit sheet shades them)."""
    t = a.tables.get(table) if table else None
    if t is None or not row:
        return
    cols = [c["col"] for c in (evidence or {}).get("columns", [])] or ([col] if col else [])
    for c in cols:
        t.failed.add((row, c))


def compare(conf, cur: dict, prev: dict | None) -> Iterator[Problem]:
    """The problems of one rule (``conf``) for the report of digest ``cur`` against ``prev`` (``None``: no previous
    report; NotAssessed)."""
    if prev is None:
        raise NotAssessed("没有上一年度的报告（可用 --previous 指定） / no previous year's report (use --previous)",
                          needs="previous")
    y, py = cur["year"], prev["year"]
    if y is not None and py is not None and py != y - 1:
        raise NotAssessed(f"上一份报告的年度为{py}，不是{y - 1}", f"the previous report is for {py}, not {y - 1}",
                          needs="previous")
    code = conf.get("code")
    part, ppart = cur["parts"].get(code), prev["parts"].get(code)
    if part is None or ppart is None:  # a digest made with another pack
        raise NotAssessed("没有可比较的数据 / nothing to compare", needs="comparable")
    yield from _COMPARE[conf["check"]](conf, cur, part, prev, ppart)


def _na(r):
    return NotAssessed(r[0], r[1], needs=r[2])


def _carry(conf, cur, c, prev, p):
    if c["req"]:
        raise _na(c["req"])
    if p["req"]:
        zh, en, needs = p["req"]
        raise NotAssessed(f"上一年度报告：{zh}", f"previous year's report: {en}",
                          needs=["previous_" + n for n in needs] or ["previous"])
    n = 0
    bad = []
    for col in c["cols"]:
        x, o = c["carried"].get(col), p["carry_next"].get(col)
        if x is None or o is None:
            continue  # unreadable or a blank (a blank is not a zero): nothing to compare
        n += 1
        if x[0] != o[0]:
            bad.append((col, x, o))
    if n == 0:
        raise NotAssessed("结转数无法读取 / carry-over cells not read", needs="T3")
    if not bad:
        return
    # one cause (the carry-over row does not continue last year's), one finding listing every column
    col0, x0, _ = bad[0]
    cols = "；".join(f"{c['short'].get(col, col)}列 {x[3] or '空'}（上年结转下年度{o[3] or '空'}）" for col, x, o in bad)
    end = max(x[2] for _, x, _ in bad)
    if any(x0[1] <= nl < end for nl in c["nl"]):  # the cells are not on one line: point at the first
        end = x0[2]
    yield Problem(x0[1], end, msg="default",
                  args={"cols": cols, "n": len(bad), "year": cur["year"] or "", "prev_year": prev["year"] or ""},
                  evidence={"table": "T3", "row": "carried", "previous_row": "carry_next",
                            "columns": [{"col": col, "actual": x[0], "expected": o[0]} for col, x, o in bad]},
                  table="T3", row="carried", col=col0)


def _roll(conf, cur, c, prev, p):
    if c["req"]:
        raise _na(c["req"])
    if p["req"]:
        raise _na(p["req"])
    if c["version"] != "2021" or p["version"] != "2021":
        raise NotAssessed("两年均须为2021年格式 / both years must use the 2021 format", needs="n/a")
    n = 0
    for row in ("regulations", "normative"):
        r, o = c["rows"].get(row) or {}, (p["rows"].get(row) or {}).get("in_force")
        x, iss, rep = r.get("in_force"), r.get("issued"), r.get("repealed")
        if x is None or iss is None or rep is None or o is None:
            continue  # a blank is not a zero
        n += 1
        expected = o[0] + iss[0] - rep[0]
        if x[0] != expected:
            yield Problem(x[1], x[2], msg="default",
                          args={"row": c["short"].get(row, row), "prev": o[0], "issued": iss[0],
                                "repealed": rep[0], "expected": expected, "cur": x[3]},
                          evidence={"table": "T2", "row": row, "col": "in_force", "expected": expected,
                                    "actual": x[0], "operands": {"previous_in_force": o[0],
                                                                 "issued": iss[0], "repealed": rep[0]}},
                          table="T2", row=row, col="in_force")
    if n == 0:
        raise NotAssessed("现行有效件数无法读取 / in-force counts not read", needs="T2")


_PAIR = re.compile(r"..", re.S)


def _bigrams(s: str) -> set[str]:
    """Every two adjacent characters of ``s`` without whitespace: the pairs from even offsets and from odd
    offsets, cut by the regex engine (the same set as every ``s[i:i + 2]``, at half the cost of a Python loop)."""
    s = "".join(s.split())
    out = set(_PAIR.findall(s))
    out.update(_PAIR.findall(s, 1))
    return out


def _bigram_codes(s: str) -> set[int] | None:
    """:func:`_bigrams` as numbers: each pair's two UTF-16 code units read as one 32-bit integer (one number per
    pair of BMP characters and back), the pairs from even and from odd offsets cut by ``memoryview`` in C — no
    string per pair (issue 16: a third of the CPU). None when ``s`` holds a character outside the BMP (two units)."""
    s = "".join(s.split())
    b = s.encode("utf-16-le", "surrogatepass")
    if len(b) != 2 * len(s):
        return None
    out = set(memoryview(b[:len(b) & ~3]).cast("I"))
    out.update(memoryview(b[2:2 + max(0, len(b) - 2) // 4 * 4]).cast("I"))
    return out


def similarity(x: str, y: str) -> float:
    """Jaccard similarity of the two texts' character bigrams."""
    a, b = _bigram_codes(x), _bigram_codes(y)
    if a is None or b is None:
        a, b = _bigrams(x), _bigrams(y)
    if not a or not b:
        return 0.0
    both = len(a & b)
    return both / (len(a) + len(b) - both)


def bigram_key(body: str) -> str | None:
    """The bigrams of a section body that the copied-text comparison reads, made once per file (in its batch
    worker) instead of in the batch parent for every pair the file is in (issue 16): the distinct pairs of
    :func:`_bigram_codes` written one after the other as a string (two UTF-16 units a pair, JSON-able for the
    result cache); None when the body holds a character outside the BMP (then the text is compared)."""
    codes = _bigram_codes(body)
    if codes is None:
        return None
    return array("I", codes).tobytes().decode("utf-16-le", "surrogatepass")


def _packed(k: str) -> memoryview:
    return memoryview(k.encode("utf-16-le", "surrogatepass")).cast("I")


def _pairs_of(entry: list) -> set:
    """A digest's section entry's bigrams as two-character strings (from its packed pairs, else its text)."""
    k = entry[6] if len(entry) > 6 else None
    if k is None:
        return _bigrams(entry[5])
    b = k.encode("utf-16-le", "surrogatepass")
    u = "surrogatepass"  # (each unit on its own: two surrogates of a text are two characters of its pair)
    return {b[i:i + 2].decode("utf-16-le", u) + b[i + 2:i + 4].decode("utf-16-le", u) for i in range(0, len(b), 4)}


def section_similarity(x: list, y: list) -> float:
    """:func:`similarity` of two sections' bodies from their digest entries: one set is built from one entry's packed
    pairs and the other's, distinct already, are counted into it; an entry without them (a body with a character
    outside the BMP, a digest of version 2) is compared by its text."""
    kx, ky = (x[6] if len(x) > 6 else None), (y[6] if len(y) > 6 else None)
    if kx is not None and ky is not None:
        if not kx or not ky:
            return 0.0
        a, b = set(_packed(kx)), _packed(ky)
        both = len(a.intersection(b))
        return both / (len(a) + len(b) - both)
    a, b = _pairs_of(x), _pairs_of(y)
    if not a or not b:
        return 0.0
    both = len(a & b)
    return both / (len(a) + len(b) - both)


def _copied_text(conf, cur, c, prev, p):
    n = 0
    for key in conf["sections"]:
        s, o = c["sections"].get(key), p["sections"].get(key)
        # (title, start, end, body not empty, length of the stripped body, the body without whitespace when it has
        # no packed pairs, the packed pairs: bigram_key)
        if s is None or o is None or not s[3] or not o[3] or s[4] < 30:
            continue
        n += 1
        sim = section_similarity(s, o)
        if sim >= conf["threshold"]:
            yield Problem(s[1], s[2], msg="default",
                          args={"section": s[0], "pct": round(sim * 100), "prev_year": prev["year"] or ""},
                          evidence={"section": key, "similarity": round(sim, 3)}, section=key)
    if n == 0:
        raise NotAssessed("两份报告没有可比较的部分 / no comparable sections", needs="comparable")


def _copied_tables(conf, cur, c, prev, p):
    n = 0
    for key in ("T2", "T3", "T4"):
        t, o = c["tables"].get(key), p["tables"].get(key)
        # (hash of the cells, how many, any non-zero, table start, table name)
        if t is None or o is None:
            continue
        n += 1
        if t[1] and t[0] == o[0] and t[2]:
            yield Problem(t[3], t[3], msg="default", args={"table": t[4], "prev_year": prev["year"] or ""},
                          evidence={"table": key, "cells": t[1]}, table=key)
    if n == 0:
        raise NotAssessed("两份报告没有都可读取的表格 / no table readable in both reports", needs="comparable")


_COMPARE = {"carry_over": _carry, "roll_forward": _roll, "copied_text": _copied_text,
            "copied_tables": _copied_tables}


# ---------------------------------------------------------------- digests


def _ok(c) -> bool:
    return c is not None and c.kind != "unreadable"


def _rec(c):
    """A cell as the rules compare it: (value, start, end, text), or None (unreadable, missing or blank)."""
    if not _ok(c) or c.value is None:
        return None
    return [c.value, c.start, c.end, c.text]


def _req(a, key: str):
    try:
        require(a, [key])
    except NotAssessed as e:
        return [e.zh, e.en, list(e.needs)]
    return None


class _Anchors:
    """The spans a finding of this file may point at, and the tables whose labels it names."""

    def __init__(self):
        self.spans: list[tuple[int, int]] = []
        self.windows: list[tuple[int, int]] = []
        self.labels: dict[str, set] = {}

    def span(self, start: int, end: int) -> None:
        self.spans.append((start, end))

    def label(self, table, *keys) -> None:
        self.labels.setdefault(table.key, set()).update(keys)


def _part_carry(a, conf, acc: _Anchors) -> dict:
    req = _req(a, "T3")
    part: dict[str, Any] = {"req": req, "cols": [], "carried": {}, "carry_next": {}, "short": {}, "nl": []}
    if req:
        return part
    t = a.tables["T3"]
    part["cols"] = t.col_keys()
    part["short"] = {c: t.short(c) for c in part["cols"]}
    acc.label(t, "carried", *part["cols"])
    for col in part["cols"]:
        x = _rec(t.cell("carried", col))
        if x is not None:
            part["carried"][col] = x
            acc.span(x[1], x[2])
        o = _rec(t.cell("carry_next", col))
        if o is not None:
            part["carry_next"][col] = [o[0], 0, 0, o[3]]
    cells = list(part["carried"].values())
    if cells:
        lo, hi = min(x[1] for x in cells), max(x[2] for x in cells)
        text = a.doc.text
        i = text.find("\n", lo, hi)
        while i >= 0:
            part["nl"].append(i)
            i = text.find("\n", i + 1, hi)
        # a finding spans the cells of one line: the text between them is quoted
        acc.windows.extend(_line_windows(cells, part["nl"]))
    return part


def _line_windows(cells: list, nls: list[int]) -> list[tuple[int, int]]:
    """The context windows of every two cells x, y with x's start before y's end and no line break (``nls``:
    the breaks' offsets, ascending) between: the first break at or after x's start, found by bisection, lies at
    or after y's end (issue 16: a test of every break for each of the 49 pairs of a T3 row)."""
    out = []
    for x in cells:
        k = bisect_left(nls, x[1])
        brk = nls[k] if k < len(nls) else None
        for y in cells:
            if x[1] < y[2] and (brk is None or brk >= y[2]):
                out.append((x[1] - CONTEXT, y[2] + CONTEXT))
    return out


def _part_roll(a, conf, acc: _Anchors) -> dict:
    req = _req(a, "T2")
    part: dict[str, Any] = {"req": req, "version": None, "rows": {}, "short": {}}
    if req:
        return part
    t = a.tables["T2"]
    part["version"] = t.version
    for row in ("regulations", "normative"):
        cells = {col: _rec(t.cell(row, col)) for col in ("in_force", "issued", "repealed")}
        part["rows"][row] = {k: v for k, v in cells.items() if v is not None}
        part["short"][row] = t.short(row)
        if cells["in_force"] is not None:
            acc.span(cells["in_force"][1], cells["in_force"][2])
    acc.label(t, "regulations", "normative", "in_force")
    return part


def _part_text(a, conf, acc: _Anchors) -> dict:
    part: dict[str, Any] = {"sections": {}}
    text = a.doc.text
    for key in conf["sections"]:
        s = next((s for s in a.sections if s.key == key), None)
        if s is None:
            continue
        body = text[s.body_start:s.body_end]
        packed = bigram_key(body)
        part["sections"][key] = [s.title, s.start, s.end, bool(body), len(body.strip()),
                                 "".join(body.split()) if packed is None else "", packed]
        acc.span(s.start, s.end)
    return part


_ORDER: dict[tuple, tuple] = {}  # a table's cell keys as read → (sorted, the hash fed with them): the layouts repeat


def _cells_hash(t) -> tuple[str, int, bool]:
    """(hash, count, any non-zero) of the readable cells' values by key: two tables hash alike exactly when they
    hold the same values under the same keys (an integral float counts as its integer). The keys' part is written
    once per layout, the values' as one list (issue 16: the pairs' repr cost 0.14 ms a T3)."""
    cur = {k: c.value for k, c in t.cells.items() if c.kind != "unreadable"}
    keys = tuple(cur)
    got = _ORDER.get(keys)
    if got is None:
        if len(_ORDER) > 256:
            _ORDER.clear()
        order = sorted(keys)  # (the keys are unique)
        got = _ORDER[keys] = (order, hashlib.blake2b(f"{order!r}|".encode("utf-8"), digest_size=16))
    order, head = got
    vals = [int(v) if isinstance(v, float) and v.is_integer() else v for v in map(cur.__getitem__, order)]
    h = head.copy()
    h.update(repr(vals).encode("utf-8"))
    return h.hexdigest(), len(cur), any(vals)


def _part_tables(a, conf, acc: _Anchors) -> dict:
    part: dict[str, Any] = {"tables": {}}
    for key in ("T2", "T3", "T4"):
        t = a.tables.get(key)
        if t is None or not t.readable:
            continue
        h, n, nonzero = _cells_hash(t)
        part["tables"][key] = [h, n, nonzero, t.start, t.name]
        acc.span(t.start, t.start)
        acc.label(t)
    return part


_PARTS = {"carry_over": _part_carry, "roll_forward": _part_roll, "copied_text": _part_text,
          "copied_tables": _part_tables}


_PLANS: dict[tuple, tuple] = {}  # (pack, codes) → (pack, [(rule, its checked options with ``code``)])


def _plan(pack, codes) -> list:
    """The rules of ``pack`` among ``codes`` (None: every implemented rule of this kind) with their options,
    checked once per pack and codes instead of for every file and pair (a pack is not changed once loaded: a new
    pack object is a new plan)."""
    key = (id(pack), None if codes is None else tuple(codes))
    hit = _PLANS.get(key)
    if hit is None or hit[0] is not pack:
        from . import options

        if len(_PLANS) > 16:
            _PLANS.clear()
        steps = []
        for rule in pack.rules:
            if rule.code in codes if codes is not None else rule.kind == KIND and rule.status == "implemented":
                conf = options(rule.kind, rule.params)
                conf["code"] = rule.code
                steps.append((rule, conf))
        hit = _PLANS[key] = (pack, steps)
    return hit[1]


def digest(a) -> dict:
    """What the cross-year rules of ``a``'s pack compare in this report, and where their findings would point:
    a plain, JSON-able dict (kept on the Analysis; a batch worker returns it with the file's result)."""
    dg = a.__dict__.get("_xdigest")
    if dg is not None:
        return dg
    acc = _Anchors()
    parts = {}
    for rule, conf in _plan(a.pack, None):
        parts[rule.code] = _PARTS[conf["check"]](a, conf, acc)
    dg = {"v": DIGEST_VERSION, "year": a.facts.year, "parts": parts, "anchors": _anchors(a, acc)}
    a.__dict__["_xdigest"] = dg
    return dg


def _anchors(a, acc: _Anchors) -> dict:
    from ..document import TABLE

    doc, shown = a.doc, a.shown_text
    n = len(shown)
    windows = list(acc.windows)
    offsets, starts = set(), set()
    for s, e in acc.spans:
        offsets.update((s, e))
        starts.add(s)
        windows.append((s - CONTEXT, e + CONTEXT))
        if e > s:  # the console's snippet: the line around the match, ``SNIPPET`` characters each side at most
            lo = max(shown.rfind("\n", 0, s) + 1, s - SNIPPET)
            hi = shown.find("\n", e)
            hi = min(n if hi < 0 else hi, e + SNIPPET)
            windows.append((lo - 1, hi + 1))
    segs: list[list] = []
    for lo, hi in sorted((max(0, lo), min(n, hi)) for lo, hi in windows):
        if segs and lo <= segs[-1][1]:
            segs[-1][1] = max(segs[-1][1], hi)
        else:
            segs.append([lo, hi])
    blocks = []
    for off in sorted(starts):
        b = doc.block_at(off)
        blocks.append([off] if b is None else [off, b.page, b.node, b.index, b.kind, b.start])
    tables = {}
    for key, labels in acc.labels.items():
        t = a.tables[key]
        tables[key] = [t.start, t.page, {k: t.short(k) for k in sorted(labels)}]
    out = {"len": n, "format": doc.format, "text": [[lo, shown[lo:hi]] for lo, hi in segs],
           "lines": [[off, *doc.line_col(off)] for off in sorted(offsets)], "blocks": blocks,
           "sections": [[s.key, s.start, s.body_end] for s in a.sections], "tables": tables}
    if doc.format in ("docx", "doc", "html"):
        last = max((b[0] for b in blocks), default=-1)
        out["table_blocks"] = [b.start for b in doc.blocks if b.kind == TABLE and b.start <= last]
    return out


# ---------------------------------------------------------------- findings from digests (batch path)


class SparseText:
    """The few windows of a text a digest keeps, read as the text itself by the engine's finding code (slices,
    ``find``/``rfind`` of a line break, ``len``); a read outside the windows is a bug (KeyError)."""

    def __init__(self, length: int, segs: list):
        self.length = length
        self.segs = [(lo, lo + len(s), s) for lo, s in segs]

    def __len__(self) -> int:
        return self.length

    def _seg(self, lo: int, hi: int):
        for a, b, s in self.segs:
            if a <= lo and hi <= b:
                return a, b, s
        raise KeyError((lo, hi))

    def __getitem__(self, k):
        if not isinstance(k, slice) or k.step is not None:
            raise TypeError("SparseText takes plain slices")
        lo, hi = max(0, k.start or 0), min(self.length, self.length if k.stop is None else k.stop)
        if hi <= lo:
            return ""
        a, _, s = self._seg(lo, hi)
        return s[lo - a:hi - a]

    def rfind(self, sub: str, start: int = 0, end: int | None = None) -> int:
        end = self.length if end is None else end
        for a, b, s in self.segs:
            if a < end <= b or (a <= end - 1 < b):
                i = s.rfind(sub, max(start, a) - a, end - a)
                return -1 if i < 0 else a + i
        return -1

    def find(self, sub: str, start: int = 0, end: int | None = None) -> int:
        if start >= self.length:
            return -1
        for a, b, s in self.segs:
            if a <= start < b:
                i = s.find(sub, start - a, (b if end is None else min(end, b)) - a)
                return -1 if i < 0 else a + i
        return -1


class _Block:
    __slots__ = ("start", "page", "node", "index", "kind")

    def __init__(self, start, page=None, node=None, index=None, kind=None):
        self.start, self.page, self.node, self.index, self.kind = start, page, node, index, kind


class _Doc:
    def __init__(self, an: dict):
        self.format = an["format"]
        self.text = SparseText(an["len"], an["text"])
        self._lines = {o: (ln, col) for o, ln, col in an["lines"]}
        self._blocks = {b[0]: (_Block(b[5], b[1], b[2], b[3], b[4]) if len(b) > 1 else None) for b in an["blocks"]}
        from ..document import TABLE

        self.blocks = [_Block(s, kind=TABLE) for s in an.get("table_blocks", [])]

    def line_col(self, offset: int) -> tuple[int, int]:
        return self._lines[offset]

    def block_at(self, offset: int):
        return self._blocks[offset]


class _Table:
    def __init__(self, start, page, labels):
        self.start, self.page, self._labels = start, page, labels

    def short(self, key: str) -> str:
        return self._labels.get(key, key)


class _Section:
    def __init__(self, key, start, body_end):
        self.key, self.start, self.body_end = key, start, body_end


class DigestView:
    """What ``engine.make_finding`` reads of an Analysis, rebuilt from a digest (no document needed)."""

    def __init__(self, dg: dict, pack):
        an = dg["anchors"]
        self.pack = pack
        self.doc = _Doc(an)
        self.shown_text = self.doc.text
        self.tables = {k: _Table(*v) for k, v in an["tables"].items()}
        self.sections = [_Section(*s) for s in an["sections"]]


def cross_year(cur: dict, prev: dict, pack, config, codes) -> tuple[list, list, DigestView]:
    """The cross-year rules ``codes`` (as ``config`` selects them for the current file) on two digests: the
    findings (engine-made, as the engine path makes them), the not-assessed entries, and the view they point
    into."""
    from ..engine import make_finding
    from ..findings import Severity

    view = DigestView(cur, pack)
    findings, na = [], []
    for rule, conf in _plan(pack, codes):
        if not config.selected(rule.code):
            continue
        try:
            problems = list(compare(conf, cur, prev))
        except NotAssessed as e:
            na.append(e.to_dict(rule.code, config.lang))
            continue
        for p in problems:
            sev = Severity.parse(p.severity) if p.severity else rule.severity
            findings.append(make_finding(view, rule, p, config.severity_of(rule.code, sev), config.lang))
    findings.sort(key=lambda f: (f.location.start, -f.severity, f.code))
    return findings, na, view
