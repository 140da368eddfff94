"""The statistical tables T2/T3/T4 (spec/domain.md §2.2–2.4), recognised in any document and mapped onto the
canonical grids declared in ``rules/gov-annual-report/tables.yaml``.

Sources, in order of preference:

- TABLE blocks (HTML, DOCX, PDF, pipe tables of text/Markdown): each source row gives label cells and value cells;
- flattened text (what scraping usually leaves): a row label followed by its numbers on the same or the following
  lines, cells separated by ``|``, tabs, spaces or line breaks.

Both are reduced to *records*: the label tokens since the last number, then the run of value tokens that follows.
A record is mapped to a canonical row by keyword matching on the normalised label (NFKC, simplified, no spaces);
when several rows match, the row whose keyword ends last in the label wins (a group label such as
三、本年度办理结果 precedes （一）予以公开 in a flattened line). Then by **structure** (:func:`_structural`): the
records no keyword matched that sit where the format's fixed row order leaves rows missing (between two recognised
rows, or next to the first or last) are aligned onto those rows by their number of values, their ordinal (「2.」,
「（六）」) and a tolerant label likeness (:func:`similarity`: missing, extra or swapped characters), so the real
「2.其他法律行政止公开」 is row （三）2; such a row carries a wording note (``CanonTable.label_notes``). Each table's
layout variant (2019 trial / 2021) is read from its own column headers; （六）其他处理 may stand for its three
sub-rows; table 四 written in parts (行政复议 above 行政诉讼, or one row per group) is joined into its row.
A record is accepted only when its number of values equals the number of columns of the row; otherwise its cells
are *unreadable*. A table read from flattened text in
which a row has the wrong number of values is *misaligned* (cells were lost in scraping): none of its values is
trusted, so its rules are not assessed rather than fed shifted numbers.

Every cell is typed — integer, decimal, blank, slash (「/」), dash (「-」「—」), unreadable — and located (original
offsets into ``Document.text``, page, row and column keys). A blank is not a zero: ``CellValue.value`` is None and
``CanonTable.value(row, col)`` gives the written value or the one the identities determine (``derived``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..document import TABLE, Document
from ..normalize import View, to_simplified

INTEGER, DECIMAL, BLANK, SLASH, DASH, UNREADABLE = "integer", "decimal", "blank", "slash", "dash", "unreadable"
PLACEHOLDERS = {"/": SLASH, "／": SLASH, "\\": SLASH, "-": DASH, "－": DASH, "—": DASH, "–": DASH, "——": DASH,
                "--": DASH, "─": DASH, "―": DASH, "−": DASH}
UNITS = ("万元", "元", "件", "个", "项", "条", "次")
NUM_RE = re.compile(r"^([+\-−]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(万元|元|件|个|项|条|次)?$")
ORDINAL_PREFIX = re.compile(r"^(?:第?[一二三四五六七八九十]+[、.．,，]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．])+")
TRAILING_NUM = re.compile(r"[\u3400-\u9fff)）]([+\-−]?\d+(?:\.\d+)?(?:万元|元)?)$")
TABLE_KEYS = ("T2", "T3", "T4")


@functools.lru_cache(maxsize=4096)  # labels and values repeat across files: a batch converts each once
def norm(s: str) -> str:
    """Label form for matching: NFKC, simplified, without whitespace and quotes."""
    s = unicodedata.normalize("NFKC", s)
    s = to_simplified(s)
    return re.sub(r"[\s\"'“”‘’「」]", "", s)


def core(label: str) -> str:
    """A label without its ordinal prefixes (（七）总计 → 总计, 3.其他 → 其他)."""
    return ORDINAL_PREFIX.sub("", label)


@functools.lru_cache(maxsize=4096)  # (pure; the result is an immutable tuple)
def classify(text: str) -> tuple[str, Any, str | None] | None:
    """(kind, value, unit) of a cell text if it reads as a value, else None (a label). Blank is a value."""
    t = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if t == "":
        return BLANK, None, None
    if t in PLACEHOLDERS:
        return PLACEHOLDERS[t], None, None
    m = NUM_RE.match(t)
    if not m:
        return None
    sign, digits, frac, unit = m.groups()
    digits = digits.replace(",", "")
    neg = sign in ("-", "−")
    if frac is not None:
        v: Any = float(f"{digits}.{frac}")
        kind = DECIMAL
    else:
        v = int(digits)
        kind = INTEGER
    return kind, (-v if neg else v), unit


@dataclass(slots=True)  # (~165 a report: slots make each ~30 % cheaper to build)
class CellValue:
    row: str
    col: str
    text: str  # the cell as written (Document.text[start:end])
    kind: str  # integer | decimal | blank | slash | dash | unreadable
    value: Any = None  # int | float | None
    unit: str | None = None
    start: int = 0
    end: int = 0
    page: int | None = None
    signed: bool = False  # a written sign (+12, -3)

    @property
    def number(self) -> int | float | None:
        """The written value; None for a blank, 「/」 or 「—」 cell (a blank is not a zero)."""
        return self.value

    @property
    def is_blank(self) -> bool:
        return self.kind in (BLANK, SLASH, DASH)

    def to_dict(self) -> dict:
        return {"row": self.row, "col": self.col, "text": self.text, "kind": self.kind, "value": self.value,
                "unit": self.unit, "start": self.start, "end": self.end, "page": self.page}


@dataclass
class RowInfo:
    key: str
    label: str  # label as written (original text)
    start: int
    end: int
    cols: list[str]
    status: str = "ok"  # ok | unreadable (wrong number of values)
    found: int = 0  # values found in the source


@dataclass
class CanonTable:
    key: str  # T2 | T3 | T4
    version: str  # "2021" | "2019"
    name: str  # 表二 …
    name_en: str
    source: str  # table | text
    start: int = 0  # where the table (its anchor or first row) starts in Document.text
    end: int = 0
    page: int | None = None
    columns: list[dict] = field(default_factory=list)  # column specs (key, label, short)
    row_specs: list[dict] = field(default_factory=list)
    rows: dict[str, RowInfo] = field(default_factory=dict)
    cells: dict[tuple[str, str], CellValue] = field(default_factory=dict)
    misaligned: bool = False  # flattened text lost cells: values not trusted
    failed: set[tuple[str, str]] = field(default_factory=set)  # cells a rule reported (for the audit sheet)
    header_src: Any = field(default=None, repr=False, compare=False)  # (view, start, end) of header_text, read when first needed
    derived: dict[tuple[str, str], Any] = field(default_factory=dict)  # blank cells the identities determine
    derived_by: dict[tuple[str, str], Any] = field(default_factory=dict)  # … and the instance that gave each
    label_notes: list[dict] = field(default_factory=list)  # rows matched despite a misprinted label

    @property
    def header_text(self) -> str:
        """Normalised text from the table's start to its last cell (header units such as 万元 live there): made
        when a rule first reads it (only the T2 rules do)."""
        got = self.__dict__.get("_header_text")
        if got is None:
            got = _header_text(*self.header_src) if self.header_src is not None else ""
            self.__dict__["_header_text"] = got
        return got

    # -- access
    def cell(self, row: str, col: str) -> CellValue | None:
        return self.cells.get((row, col))

    def value(self, row: str, col: str) -> int | float | None:
        """The cell's written value, else the value the identities determine for a blank cell, else None
        (unreadable, missing, or a blank nothing determines: never 0 for a blank)."""
        c = self.cells.get((row, col))
        if c is None or c.kind == UNREADABLE:
            return None
        if c.value is not None:
            return c.value
        return self.derived.get((row, col))

    def has_row(self, row: str) -> bool:
        r = self.rows.get(row)
        return r is not None and r.status == "ok"

    def col_keys(self) -> list[str]:
        return [c["key"] for c in self.columns]

    def _specs_by_key(self) -> tuple[dict, dict]:
        """{key: row spec} and {key: column spec}, the first of each key (built once per list)."""
        memo = self.__dict__.get("_by_key")
        if memo is None or memo[0] is not self.row_specs or memo[1] is not self.columns \
                or memo[2] != (len(self.row_specs), len(self.columns)):
            rows: dict = {}
            for r in self.row_specs:
                rows.setdefault(r["key"], r)
            cols: dict = {}
            for c in self.columns:
                cols.setdefault(c["key"], c)
            memo = (self.row_specs, self.columns, (len(self.row_specs), len(self.columns)), rows, cols)
            self.__dict__["_by_key"] = memo
        return memo[3], memo[4]

    def row_spec(self, key: str) -> dict | None:
        return self._specs_by_key()[0].get(key)

    def col_spec(self, key: str) -> dict | None:
        return self._specs_by_key()[1].get(key)

    def short(self, key: str) -> str:
        s = self.row_spec(key) or self.col_spec(key)
        return (s.get("short") or s.get("label") or key) if s else key

    @property
    def readable(self) -> bool:
        return not self.misaligned and any(r.status == "ok" for r in self.rows.values())

    def values(self) -> Iterable[CellValue]:
        return self.cells.values()

    def to_dict(self) -> dict:
        """The grid for renderers (HTML audit sheet): rows × columns with labels, values, offsets, failures."""
        grid = []
        for rs in self.row_specs:
            if rs.get("group"):
                continue
            ri = self.rows.get(rs["key"])
            cols = rs.get("cols") or self.col_keys()
            grid.append({
                "row": rs["key"], "label": rs.get("label"), "found": ri is not None,
                "status": ri.status if ri else "missing",
                "label_as_written": ri.label if ri else None,
                "start": ri.start if ri else None, "end": ri.end if ri else None,
                "cells": [dict((self.cells[(rs["key"], c)].to_dict() if (rs["key"], c) in self.cells
                                else {"row": rs["key"], "col": c, "kind": "missing"}),
                               failed=(rs["key"], c) in self.failed, derived=self.derived.get((rs["key"], c)))
                          for c in cols],
            })
        return {"key": self.key, "name": self.name, "version": self.version, "source": self.source,
                "start": self.start, "end": self.end, "page": self.page, "misaligned": self.misaligned,
                "columns": [{"key": c["key"], "label": c.get("label"), "short": c.get("short")} for c in self.columns],
                "rows": grid}


@dataclass(slots=True)
class Tok:
    text: str  # normalised
    start: int  # original offsets
    end: int
    page: int | None = None
    value: tuple | None = None  # classify() result for value tokens


@dataclass
class Record:
    labels: list[Tok]
    values: list[Tok]
    source: str  # table | text
    block: int | None = None

    def label(self, n: int = 6) -> str:
        return "".join(t.text for t in self.labels[-n:])


# ---------------------------------------------------------------- layout specs


def _flatten(rows: list) -> list[dict]:
    out: list[dict] = []
    for r in rows:
        if isinstance(r, list):
            out.extend(_flatten(r))
        else:
            out.append(r)
    return out


_SPECS: dict[tuple[int, str, str], tuple[dict, tuple]] = {}


def specs(pack_data: dict, key: str, version: str) -> tuple[list[dict], list[dict], dict]:
    """(columns, rows, table spec) of table ``key`` in format ``version`` ("2021" or "2019"): the same lists for
    the same pack (the per-label row matches of :func:`match_row` are remembered per row list)."""
    t = pack_data["tables"]["tables"][key]
    ck = (id(t), key, version)
    hit = _SPECS.get(ck)
    if hit is not None and hit[0] is t:
        return hit[1]
    v = (t.get("versions") or {}).get(version) or (t.get("versions") or {}).get("2021") or {}
    cols = v.get("columns") or t.get("columns") or []
    rows = _flatten(v.get("rows") or t.get("rows") or [])
    if len(_SPECS) >= 64:
        _SPECS.clear()
    _SPECS[ck] = (t, (cols, rows, t))
    return cols, rows, t


@functools.lru_cache(maxsize=8192)
def _kw(s: str) -> str:
    return norm(s)


_MATCHED: dict[tuple[str, int], tuple[list, Any]] = {}


def match_row(label: str, rows: list[dict]) -> tuple[dict, int] | None:
    """The row spec a label maps to and where its keyword ends (latest-ending keyword wins); remembered per label
    and row list (the pack's), as labels repeat across the files of a batch."""
    key = (label, id(rows))
    hit = _MATCHED.get(key)
    if hit is not None and hit[0] is rows:
        return hit[1]
    best = _match_row(label, rows)
    if len(_MATCHED) >= 8192:
        _MATCHED.clear()
    _MATCHED[key] = (rows, best)
    return best


def _match_row(label: str, rows: list[dict]) -> tuple[dict, int] | None:
    best: tuple[dict, int] | None = None
    c = core(label)
    for rs in rows:
        end = -1
        for e in rs.get("exact") or []:
            if c == _kw(e) or core(_kw(e)) == c:
                end = max(end, len(label) + 1)  # an exact label beats any keyword inside it
        for words in rs.get("match") or []:
            pos = []
            for w in words:
                i = label.rfind(_kw(w))
                if i < 0:
                    pos = None
                    break
                pos.append(i + len(_kw(w)))
            if pos:
                end = max(end, max(pos))
        if end >= 0 and (best is None or end > best[1]):
            best = (rs, end)
    return best


# ---------------------------------------------------------------- tokenising


def _block_records(doc: Document, blk, bi: int) -> list[Record]:
    """Records of one TABLE block: one per source row (labels = cells before the values)."""
    tb = blk.table
    recs: list[Record] = []
    cursor = blk.start
    for r_cells in _rows_of(tb):
        toks: list[tuple[Tok, bool]] = []
        for c in r_cells:
            raw = c.text.strip()
            if raw:
                i = doc.text.find(raw, cursor, blk.end)
                if i < 0:
                    i = doc.text.find(raw, blk.start, blk.end)
                s, e = (i, i + len(raw)) if i >= 0 else (cursor, cursor)
                if i >= 0:
                    cursor = e
            else:
                s = e = cursor
            cl = classify(raw)
            toks.append((Tok(norm(raw), s, e, blk.page, cl), cl is not None))
        # labels: up to the last non-value cell; values: the cells after it
        last_label = max((i for i, (_, isv) in enumerate(toks) if not isv), default=-1)
        labels = [t for t, _ in toks[:last_label + 1] if t.text]
        values = [t for t, _ in toks[last_label + 1:]]
        recs.append(Record(labels, values, "table", bi))
    return recs


def _tab_fields(doc: Document, rec: Record, n: int) -> list[Tok] | None:
    """The values of a flattened record whose line is tab-separated (a table saved as text), with an empty field
    read as a blank cell: 「（一）予以公开\t\t\t1\t0…」. Slots covered by a merged label cell are empty fields
    too, so spare empty fields are dropped from the front (and the end) down to ``n``; None unless exactly ``n``
    fields remain and the non-empty ones are the record's own values, in order, on one line."""
    if not rec.values:
        return None
    text = doc.text
    a, b = (rec.labels[-1].end if rec.labels else rec.values[0].start), rec.values[-1].end
    bol = text.rfind("\n", 0, rec.values[0].start) + 1
    own_line = a < bol  # the labels end on an earlier line (T4's header): the line holds only values
    if own_line:
        a = bol
    eol = text.find("\n", b)
    eol = len(text) if eol < 0 else eol
    tail = text[b:eol]
    if tail.strip(" \t\r") or "\n" in text[a:b] or "\t" not in text[a:b]:
        return None
    b = b + len(tail.rstrip("\r"))
    parts = text[a:b].split("\t")
    if not own_line:
        if parts[0].strip():
            return None
        a += len(parts[0]) + 1
        parts = parts[1:]
    fields: list[Tok] = []
    vi, pos = 0, a
    for part in parts:
        if part.strip() == "":
            fields.append(Tok("", pos, pos, rec.values[0].page, (BLANK, None, None)))
        else:
            if vi >= len(rec.values):
                return None
            v = rec.values[vi]
            if not pos <= v.start < pos + len(part):
                return None
            fields.append(v)
            vi += 1
        pos += len(part) + 1
    if vi != len(rec.values):
        return None
    while len(fields) > n and fields[0].value[0] == BLANK:
        fields.pop(0)
    while len(fields) > n and fields[-1].value[0] == BLANK:
        fields.pop()
    return fields if len(fields) == n else None


def _rows_of(tb) -> list[list]:
    rows: list[list] = [[] for _ in range(tb.n_rows)]
    for c in sorted(tb.cells, key=lambda c: (c.row, c.col)):
        if c.row < tb.n_rows:
            rows[c.row].append(c)
    return rows


_TOKEN = re.compile(r"[^\s|｜]+")


@functools.lru_cache(maxsize=8192)  # (pure) the tokens of reports repeat: labels, and numbers across files
def _token(t: str) -> tuple:
    """What :func:`_text_tokens` makes of a token text: (norm, classify) of the whole token, or, for a label with a
    number glued to its end (「规章0」: the view joins a Han character and a digit), the split point and the
    (norm, classify) of each part."""
    cl = classify(t)
    last = t[-1]
    if (last.isdigit() or last == "元") and cl is None:  # (a value is never split)
        sm = TRAILING_NUM.search(t)
        if sm:
            k = sm.start(1)
            return norm(t), cl, k, norm(t[:k]), norm(t[k:]), classify(t[k:])
    return norm(t), cl, None


def _text_tokens(view: View, vstart: int, vend: int, skip: list[tuple[int, int]]) -> list[Tok]:
    """Tokens of the view slice [vstart, vend): split at | tabs, line breaks and spaces; skip table-block ranges.

    The tokens are ``_TOKEN.finditer``'s: the bars made blanks, ``str.split()`` (which splits at ``str.isspace``,
    the ``\s`` of a str pattern) gives them, and each is placed by ``str.find`` from the end of the one before (a
    token holds no blank, so it cannot start among the blanks before it) — C-level scans instead of a match object
    per token."""
    out: list[Tok] = []
    append = out.append
    offs = view.offsets
    text = view.text
    if vstart or vend != len(text):
        text = text[vstart:vend]
    if "|" in text or "｜" in text:
        text = text.replace("|", " ").replace("｜", " ")
    find = text.find
    pos = 0
    for w in text.split():
        a = find(w, pos)
        pos = b = a + len(w)
        a += vstart
        b += vstart
        s = offs[a]
        if skip and any(x <= s < y for x, y in skip):
            continue
        info = _token(w)
        if info[2] is None:
            append(Tok(info[0], s, offs[b - 1] + 1, None, info[1]))
            continue
        k = info[2]
        s1, e1 = view.span(a, a + k)
        append(Tok(info[3], s1, e1, None, None))
        s, e = view.span(a + k, b)
        append(Tok(info[4], s, e, None, info[5]))
    return out


def _text_records(toks: list[Tok]) -> list[Record]:
    recs: list[Record] = []
    labels: list[Tok] = []
    values: list[Tok] = []
    for t in toks:
        if t.value is not None:
            values.append(t)
            continue
        if values:
            recs.append(Record(labels, values, "text"))
            labels, values = [], []
        labels.append(t)
    if labels or values:
        recs.append(Record(labels, values, "text"))
    return recs


# ---------------------------------------------------------------- recognition


@dataclass
class TablesResult:
    tables: dict[str, CanonTable]
    status: dict[str, str]  # T2/T3/T4 → found | unreadable | misaligned | absent (with the reason)
    evaluation: Any = None  # identities.Evaluation of every identity on the tables (blank cells derived)


T4_GROUPS = ("行政复议", "直接起诉", "复议后起诉")


def _t4_merge(recs: list[Record]) -> list[Record]:
    """Table 四 written in parts, as narrow pages force: 行政复议 (5 values) above 行政诉讼 (10), or one row of five
    per group (行政复议 / 未经复议直接起诉 / 复议后起诉). The parts are joined into the one 15-value row, in order."""
    out: list[Record] = []
    i = 0
    while i < len(recs):
        r = recs[i]
        if len(r.values) == 5:
            lab = "".join(t.text for t in r.labels[-12:])
            nxt = [j for j in range(i + 1, min(len(recs), i + 4)) if recs[j].values]
            if "行政复议" in lab and nxt and len(recs[nxt[0]].values) == 10 and all(
                    not recs[j].values for j in range(i + 1, nxt[0])):
                j = nxt[0]
                out.append(Record(r.labels + [t for k in range(i + 1, j + 1) for t in recs[k].labels],
                                  r.values + recs[j].values, r.source, r.block))
                i = j + 1
                continue
            three = recs[i:i + 3]
            if (len(three) == 3 and all(len(x.values) == 5 for x in three)
                    and all(g in x.label(2) for g, x in zip(T4_GROUPS, three))
                    and "复议后起诉" not in three[1].label(2)):
                out.append(Record([t for x in three for t in x.labels], [v for x in three for v in x.values],
                                  r.source, r.block))
                i += 3
                continue
        out.append(r)
        i += 1
    return out


def _classify_records(recs: list[Record], all_rows: dict[str, list[dict]], t4_anchor: tuple[str, ...]
                      ) -> list[tuple[str, dict | None, Record]]:
    """Assign each record to (table key, row spec, record); T4's unlabeled data row by its header context."""
    out = []
    for i, rec in enumerate(recs):
        if not rec.values:
            continue
        # header context: this record's labels and those of the records just before it (a structured T4's data
        # row has no label; its header rows are the records before it)
        if len(rec.values) >= 10:
            prev = [t for r in recs[max(0, i - 4):i] if r.block == rec.block for t in r.labels]
            context = "".join(t.text for t in (prev + rec.labels)[-24:])
            if any(a in context for a in t4_anchor):
                out.append(("T4", None, rec))
                continue
        lab = rec.label()
        best = None
        for key in ("T2", "T3"):
            m = match_row(lab, all_rows[key])
            if m and (best is None or m[1] > best[2]):
                best = (key, m[0], m[1])
        if best:
            out.append((best[0], best[1], rec))
    return out


# ---------------------------------------------------------------- structure: rows by their place in the table

ORDINAL = re.compile(r"^(?:第?([一二三四五六七八九十]+)[、.．,，]|[(（]([一二三四五六七八九十]+)[)）]|(\d+)[.、．,，])")
ZH_NUM = {c: i + 1 for i, c in enumerate("一二三四五六七八九十")}


def ordinal(label: str) -> tuple[str, int] | None:
    """The last ordinal prefix of a normalised label: ('zh', 3) for 三、, ('paren', 6) for （六）, ('arabic', 2) for
    2. — None without one."""
    out = None
    rest = label
    while True:
        m = ORDINAL.match(rest)
        if not m:
            return out
        zh, paren, arabic = m.groups()
        if arabic:
            out = ("arabic", int(arabic))
        else:
            w = zh or paren
            n = ZH_NUM.get(w, 10 + ZH_NUM.get(w[-1], 0) if len(w) == 2 and w[0] == "十" else 0)
            out = ("zh" if zh else "paren", n)
        rest = rest[m.end():]


def similarity(a: str, b: str) -> float:
    """How alike two label cores are (0…1): 2·LCS / (|a| + |b|), tolerant of missing, extra and swapped
    characters (「其他法律行政止公开」 vs 「其他法律行政法规禁止公开」: 0.82)."""
    if not a or not b:
        return 0.0
    if len(a) > 60 or len(b) > 60:
        a, b = a[:60], b[:60]
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return 2 * prev[-1] / (len(a) + len(b))


def _row_label_toks(rec: Record) -> list[Tok]:
    """The record's own row label: from its last token that starts with an ordinal (a flattened line also
    carries the header words before it), else its last tokens."""
    toks = rec.labels[-4:]
    for j in range(len(toks) - 1, -1, -1):
        if ordinal(toks[j].text):
            return toks[j:]
    return toks[-2:]


def _row_label(rec: Record) -> str:
    return "".join(t.text for t in _row_label_toks(rec))


def _row_score(rec: Record, rs: dict, ncols: int, alone: bool) -> float:
    """How well a record fits a canonical row it sits in the place of: label likeness, ordinal, value count."""
    trimmed = list(rec.values)
    if rec.source == "table":  # spare empty cells of a PDF/DOCX grid
        while len(trimmed) > ncols and trimmed[-1].value[0] == BLANK:
            trimmed.pop()
        while len(trimmed) > ncols and trimmed[0].value[0] == BLANK:
            trimmed.pop(0)
    if len(trimmed) != ncols:
        return -1.0
    lab = _row_label(rec)
    canon = [_kw(rs.get("label", ""))] + [_kw(e) for e in rs.get("exact") or []]
    sim = max(similarity(core(lab), core(c)) for c in canon)
    score = sim
    o1, o2 = ordinal(lab), ordinal(_kw(rs.get("label", "")))
    if o1 and o2:
        score += 0.4 if o1 == o2 else -0.6
    if alone:
        score += 0.2  # the only record in the only missing row's place
    return score


def _structural(recs: list[Record], assigned: list, key: str, rows: list[dict], width: int, notes: dict) -> list:
    """Rows recognised by their place: records with values that no keyword matched, lying between two rows of
    table ``key`` (in document order) where the canonical order leaves rows missing, are aligned onto those rows
    (monotone, by label likeness, ordinal and value count). A record so matched whose label differs from the
    canonical one is noted in ``notes`` (a wording note, not a missing row)."""
    data_rows = [r for r in rows if not r.get("group")]
    pos = {r["key"]: i for i, r in enumerate(data_rows)}
    where = {id(rec): i for i, rec in enumerate(recs)}
    taken = {id(rec) for _, _, rec in assigned}
    mine = sorted(((where[id(rec)], pos[rs["key"]]) for k, rs, rec in assigned
                   if k == key and rs is not None and rs["key"] in pos), key=lambda x: x[0])
    if len(mine) < 2:
        return assigned
    have = {p for _, p in mine}
    added = []
    gaps = [(ia, pa, ib, pb, 0.5) for (ia, pa), (ib, pb) in zip(mine, mine[1:])]
    # before the first and after the last recognised row: only adjacent records, and only by label likeness
    (i0, p0), (i1, p1) = mine[0], mine[-1]
    if p0 > 0:
        gaps.append((max(-1, i0 - p0 - 1), -1, i0, p0, 0.75))
    if p1 < len(data_rows) - 1:
        gaps.append((i1, p1, min(len(recs), i1 + len(data_rows) - p1), len(data_rows), 0.75))
    for ia, pa, ib, pb, floor in gaps:
        if pb <= pa + 1 or ib <= ia + 1:
            continue
        src = recs[ib if ia < 0 else ia].source
        gap_rows = [p for p in range(pa + 1, pb) if p not in have and not data_rows[p].get("optional")]
        gap_recs = [i for i in range(ia + 1, ib) if recs[i].values and id(recs[i]) not in taken
                    and recs[i].source == src]
        if floor > 0.5:  # edges: the run of records next to the recognised rows
            run = []
            seq = range(ib - 1, ia, -1) if pa < 0 else range(ia + 1, ib)
            for i in seq:
                if i not in gap_recs:
                    break
                run.append(i)
            gap_recs = sorted(run)
        if not gap_rows or not gap_recs or len(gap_recs) > 3 * len(gap_rows) + 2:
            continue
        alone = floor == 0.5 and len(gap_rows) == 1 and len(gap_recs) == 1
        ncols = {p: len(data_rows[p].get("cols") or []) or width for p in gap_rows}
        # monotone alignment maximising the summed scores (pairs below 0.5 are not made)
        R, P = len(gap_recs), len(gap_rows)
        best = [[0.0] * (P + 1) for _ in range(R + 1)]
        move = [[None] * (P + 1) for _ in range(R + 1)]
        for i in range(R - 1, -1, -1):
            for j in range(P - 1, -1, -1):
                cand = [(best[i + 1][j], "skip_rec"), (best[i][j + 1], "skip_row")]
                nc = ncols[gap_rows[j]]
                sc = _row_score(recs[gap_recs[i]], data_rows[gap_rows[j]], nc, alone)
                if sc >= floor:
                    cand.append((best[i + 1][j + 1] + sc, ("pair", sc)))
                best[i][j], move[i][j] = max(cand, key=lambda x: x[0])
        i = j = 0
        while i < R and j < P:
            m = move[i][j]
            if m == "skip_rec":
                i += 1
            elif m == "skip_row":
                j += 1
            else:
                rec, rs = recs[gap_recs[i]], data_rows[gap_rows[j]]
                added.append((key, rs, rec))
                taken.add(id(rec))
                lab, canon = core(_row_label(rec)), core(_kw(rs.get("label", "")))
                if lab != canon and not any(core(_kw(e)) == lab for e in rs.get("exact") or []):
                    notes[id(rec)] = {"canonical": rs.get("label"), "score": round(m[1], 2)}
                i += 1
                j += 1
    if not added:
        return assigned
    return sorted(assigned + added, key=lambda x: where[id(x[2])])


def _layout_version(text: str, pack_data: dict, key: str, ver: str) -> str:
    """The layout a table is written in, from its own column headers: a report of one format may carry a table of
    the other (a 2022 report with the 2019 trial T2). The report's format decides when the headers of both, or of
    neither, appear."""
    t = pack_data["tables"]["tables"][key]
    vs = t.get("versions") or {}
    if len(vs) < 2 or not all("columns" in v for v in vs.values()):
        return ver
    own = {}
    for name, v in vs.items():
        others = {c["label"] for n, w in vs.items() if n != name for c in w["columns"]}
        own[name] = [c["label"] for c in v["columns"] if not any(c["label"] in o for o in others)]
    seen = [name for name, labels in own.items() if any(unicodedata.normalize("NFKC", x) in text for x in labels)]
    return seen[0] if len(seen) == 1 else ver


def recognise(doc: Document, view: View, pack_data: dict, version: str | None) -> TablesResult:
    if "tables" not in pack_data:
        return TablesResult({}, {k: "absent" for k in TABLE_KEYS})
    ver = "2019" if version == "2019" else "2021"
    vers = {k: _layout_version(view.text, pack_data, k, ver) for k in TABLE_KEYS}
    layout = {k: specs(pack_data, k, vers[k]) for k in TABLE_KEYS}
    all_rows = {k: layout[k][1] for k in TABLE_KEYS}
    t4_anchor = tuple(_kw(a) for a in layout["T4"][2].get("anchors", []))

    # structured tables
    recs: list[Record] = []
    skip: list[tuple[int, int]] = []
    for bi, blk in enumerate(doc.blocks):
        if blk.kind == TABLE and blk.table is not None and blk.table.cells:
            skip.append((blk.start, blk.end))
            # a table block wholly removed from the cleaned view (hidden, injected) is not read
            if view.view_index(blk.start) >= view.view_index(blk.end):
                continue
            recs.extend(_block_records(doc, blk, bi))
    # flattened text
    toks = _text_tokens(view, 0, len(view.text), skip)
    recs.extend(_text_records(toks))
    recs = _t4_merge(recs)

    assigned = _classify_records(recs, all_rows, t4_anchor)
    struct: dict[int, dict] = {}
    for key in ("T3", "T2"):
        assigned = _structural(recs, assigned, key, all_rows[key], len(layout[key][0]), struct)
    anchors = _anchors(view, layout)
    tables: dict[str, CanonTable] = {}
    status: dict[str, str] = {}
    for key in TABLE_KEYS:
        cols, rows, spec = layout[key]
        mine = [(rs, rec) for k, rs, rec in assigned if k == key]
        if not mine:
            status[key] = "unreadable" if key in anchors else "absent"
            continue
        # the records come from one source kind: prefer structured tables when any row was read there
        if any(rec.source == "table" for _, rec in mine):
            mine = [(rs, rec) for rs, rec in mine if rec.source == "table"]
        ct = CanonTable(key, vers[key], spec["name"]["zh"], spec["name"]["en"], mine[0][1].source, columns=cols,
                        row_specs=rows)
        text_source = ct.source == "text"
        for rs, rec in mine:
            if key == "T4":
                rs = rows[0]
            rkey = rs["key"]
            if rkey in ct.rows and ct.rows[rkey].status == "ok":
                continue  # first complete occurrence wins (a repeated table or a prose echo)
            rcols = rs.get("cols") or [c["key"] for c in cols]
            vals = list(rec.values)
            if len(vals) > len(rcols) and rec.source == "table":
                # spare empty cells of a PDF/DOCX grid
                while len(vals) > len(rcols) and vals[-1].value[0] == BLANK:
                    vals.pop()
                while len(vals) > len(rcols) and vals[0].value[0] == BLANK:
                    vals.pop(0)
            if len(vals) != len(rcols) and rec.source == "text":
                vals = _tab_fields(doc, rec, len(rcols)) or vals
            lab_toks = (_row_label_toks(rec) if id(rec) in struct else rec.labels[-3:]) if rec.labels else []
            ls, le = (lab_toks[0].start, lab_toks[-1].end) if lab_toks else (vals[0].start, vals[0].start)
            label = doc.text[ls:le]
            info = RowInfo(rkey, label, ls, le, rcols, found=len(vals))
            if len(vals) != len(rcols):
                info.status = "unreadable"
                if text_source:
                    ct.misaligned = True
                ct.rows.setdefault(rkey, info)
                if ct.rows[rkey].status != "ok":
                    ct.rows[rkey] = info
                for c in rcols:
                    ct.cells.setdefault((rkey, c), CellValue(rkey, c, "", UNREADABLE, start=ls, end=le,
                                                             page=rec.values[0].page if rec.values else None))
                continue
            ct.rows[rkey] = info
            if id(rec) in struct:
                ct.label_notes.append(dict(struct[id(rec)], row=rkey, label=label, start=ls, end=le))
            text = doc.text
            cells = ct.cells
            for c, t in zip(rcols, vals):
                kind, v, unit = t.value
                s, e = t.start, t.end
                written = text[s:e]
                cells[(rkey, c)] = CellValue(rkey, c, written, kind, v, unit, s, e, t.page,
                                             written.lstrip()[:1] in ("+", "-", "−"))  # ("" in a str is True)
        starts = [r.start for r in ct.rows.values()]
        ends = [c.end for c in ct.cells.values()] + [r.end for r in ct.rows.values()]
        ct.start = min(starts + ([anchors[key]] if key in anchors else []))
        ct.end = max(ends) if ends else ct.start
        pages = [c.page for c in ct.cells.values() if c.page is not None]
        ct.page = min(pages) if pages else None
        ct.header_src = (view, ct.start, ct.end)
        tables[key] = ct
        status[key] = "misaligned" if ct.misaligned else ("found" if ct.readable else "unreadable")
    return TablesResult(tables, status)


def _anchors(view: View, layout: dict) -> dict[str, int]:
    """Original offset of the first anchor string of each table, if any."""
    flat = view.text
    out: dict[str, int] = {}
    for key, (_, _, spec) in layout.items():
        best = None
        for a in spec.get("anchors", []):
            i = flat.find(unicodedata.normalize("NFKC", a))
            if i >= 0 and (best is None or i < best):
                best = i
        if best is not None:
            out[key] = view.orig(best)
    return out


def _header_text(view: View, start: int, end: int) -> str:
    """Normalised text from the table's start to its last cell (header units such as 万元 live there)."""
    a, b = view.view_index(start), view.view_index(end)
    return norm(view.text[a:b])


def analyse(doc: Document, view: View, pack_data: dict, version: str | None) -> TablesResult:
    from .identities import derive

    res = recognise(doc, view, pack_data, version)
    if res.tables and "identities" in pack_data.get("tables", {}):
        res.evaluation = derive(res.tables, pack_data["tables"]["identities"])
    return res
