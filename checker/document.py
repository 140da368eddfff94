"""The extracted document: blocks with their source location and one flat text.

Every extractor (``checker.extract.<format>``) returns a :class:`Document`. Its ``text`` is what
``reportlint extract`` prints; every offset in a finding points into it. Blocks are laid out in
reading order; each block knows its ``start``/``end`` in ``text``. A table block's text is one line
per row, cells separated by tabs.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Iterable

# Block kinds. "chrome" is page furniture of the host site (publish line, breadcrumbs, footer);
# "hidden" is text an HTML page does not show (kept so the contamination pass can report it);
# "header"/"footer" are running page headers/footers (PDF, DOCX).
HEADING = "heading"
PARAGRAPH = "paragraph"
TABLE = "table"
CHROME = "chrome"
HIDDEN = "hidden"
HEADER = "header"
FOOTER = "footer"
TITLE = "title"


# Share of undecodable characters ((cid:NN), U+FFFD, control or private-use characters) from which a document's
# extraction is unreliable (spec/extraction.md §6: 2 %).
GARBAGE_UNRELIABLE = 0.02
_GARBAGE = re.compile(r"(?:\(cid:\d+\))+|[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]+")
_CID = re.compile(r"\(cid:\d+\)")
_GARBAGE_CHAR = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")


def garbage_stats(text: str) -> tuple[int, int, tuple[int, int] | None]:
    """(undecodable characters, all non-blank characters, span of the first undecodable run) of ``text``.

    A ``(cid:NN)`` code (pdfminer's output for a glyph without a Unicode mapping) counts as one character.
    """
    bad = 0
    first = None
    extra = 0
    scan = "(cid:" in text or _GARBAGE_CHAR.search(text) is not None  # (a class alone is scanned much faster)
    for m in _GARBAGE.finditer(text) if scan else ():
        if first is None:
            first = (m.start(), m.end())
        run = m.group(0)
        if run.startswith("(cid:"):
            n = len(_CID.findall(run))
            bad += n
            extra += len(run) - n
        else:
            bad += len(run)
    total = len("".join(text.split())) - extra  # the non-blank characters (str.split splits at str.isspace)
    return bad, max(total, 0), first


@dataclass
class Cell:
    """One table cell as written in the source, with its spans (never duplicated into covered slots)."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None  # PDF: the page the cell is printed on (a stitched table spans pages)


@dataclass
class Table:
    cells: list[Cell] = field(default_factory=list)
    n_rows: int = 0
    n_cols: int = 0
    page: int | None = None

    def grid(self) -> list[list[Cell | None]]:
        """A dense grid where each source cell sits at its top-left slot; covered slots are None."""
        g: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            if c.row < self.n_rows and c.col < self.n_cols:
                g[c.row][c.col] = c
        return g

    def rows(self) -> list[list[str]]:
        """Row texts: each source cell once, in column order (covered slots left out)."""
        out: list[list[str]] = [[] for _ in range(self.n_rows)]
        for c in sorted(self.cells, key=lambda c: (c.row, c.col)):
            if c.row < self.n_rows:
                out[c.row].append(c.text)
        return out

    def text_lines(self) -> list[str]:
        return ["\t".join(r) for r in self.rows()]


@dataclass
class Block:
    kind: str
    text: str
    start: int = 0
    end: int = 0
    page: int | None = None
    index: int | None = None  # paragraph or table index in the source (DOCX), block number otherwise
    node: str | None = None  # HTML node path
    level: int | None = None  # heading level when known (style or font size)
    table: Table | None = None
    reason: str | None = None  # why a block is chrome/hidden (for the removal log)
    bold: bool = False
    size: float | None = None
    hrefs: list[str] | None = None  # absolute link targets inside the block (HTML), evidence for contamination


@dataclass
class Document:
    name: str
    format: str  # text | markdown | html | docx | doc | pdf | ofd
    text: str
    blocks: list[Block]
    sha256: str = ""
    metadata: dict[str, str] = field(default_factory=dict)  # <title>, <meta>, 发布时间 … captured by the extractor
    notes: list[str] = field(default_factory=list)  # extraction notes (e.g. "read as HTML although named .pdf")
    encoding: str | None = None
    pages: int | None = None
    garbage_ratio: float = 0.0  # share of (cid:NN)/U+FFFD characters, set by the extractor
    # PDF pages with no text layer (scanned), 1-based; their content was not checked. A document whose
    # garbage_ratio is at or above checker.extract.pdf.UNRELIABLE (or that has scanned pages) is "extraction
    # unreliable": GOV-K011 reports it and table rules should raise NotAssessed (see ``extraction_unreliable``).
    scanned_pages: list[int] = field(default_factory=list)

    @property
    def extraction_unreliable(self) -> bool:
        """True when the text layer is partly undecodable or some pages are scans: numbers cannot be trusted."""
        return self.garbage_ratio >= GARBAGE_UNRELIABLE or bool(self.scanned_pages)

    def block_at(self, offset: int) -> Block | None:
        starts = self._block_starts()
        if starts is not None:  # blocks in order without overlap: binary search (a big file has many blocks)
            i = bisect.bisect_right(starts, offset) - 1
            if i >= 0 and offset > starts[i]:  # (empty blocks at starts[i] hold only that offset)
                b = self.blocks[i]
                return b if offset < b.end else None
            lo = bisect.bisect_left(starts, starts[i]) if i >= 0 else 0
            for b in self.blocks[lo:i + 1]:
                if b.start <= offset < b.end or (b.start == b.end == offset):
                    return b
            return None
        for b in self.blocks:
            if b.start <= offset < b.end or (b.start == b.end == offset):
                return b
        return None

    def _block_starts(self) -> list[int] | None:
        key = (id(self.blocks), len(self.blocks))
        cache = self.__dict__.get("_starts_cache")
        if cache is None or cache[0] != key:
            bs = self.blocks
            ordered = all(bs[k].start <= bs[k].end <= bs[k + 1].start for k in range(len(bs) - 1))
            cache = (key, [b.start for b in bs] if ordered and bs else None)
            self.__dict__["_starts_cache"] = cache
        return cache[1]


    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == TABLE]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset in ``text``."""
        key = (id(self.text), len(self.text))
        cache = self.__dict__.get("_nl_cache")
        if cache is None or cache[0] != key:
            # the offset of every newline: the running sum of the line lengths (C-level maps, no loop per line)
            nl = list(accumulate(map((1).__add__, map(len, self.text.split("\n"))), initial=-1))[1:-1]
            cache = (key, nl)
            self.__dict__["_nl_cache"] = cache
        k = bisect.bisect_left(cache[1], offset)  # newlines before offset
        col = offset - (cache[1][k - 1] + 1 if k else 0) + 1
        return k + 1, col


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def assemble(name: str, fmt: str, blocks: Iterable[Block], sep: str = "\n", **kw) -> Document:
    """Lay blocks out one after another into a flat text (blocks separated by ``sep``), setting offsets."""
    parts: list[str] = []
    pos = 0
    out: list[Block] = []
    for b in blocks:
        if b.kind == TABLE and b.table is not None and not b.text:
            b.text = "\n".join(b.table.text_lines())
        if out:
            parts.append(sep)
            pos += len(sep)
        b.start = pos
        parts.append(b.text)
        pos += len(b.text)
        b.end = pos
        out.append(b)
    return Document(name=name, format=fmt, text="".join(parts), blocks=out, **kw)
