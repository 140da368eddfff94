"""Fixed-layout geometry shared by PDF and OFD: positioned characters and rulings in, a Document out.

A backend (``extract/pdf.py`` for pdfplumber or pypdfium2, ``extract/ofd.py``) turns each page into a
:class:`Page` — its size, its :class:`Char` list and its visible :class:`Ruling` segments — in *top-left* coordinates
(points, y growing downwards) and calls :func:`build`. Everything after that is format-neutral:

- **Scan check**: a page with fewer than 30 non-blank characters and images over half of it (``Page.image_cover``)
  is a scan; all pages scans → E010, some → ``Document.scanned_pages``.
- **Tables**: ruled tables are found from the rulings (horizontal and vertical segments snapped and joined, their
  intersections, the smallest rectangles between connected intersections are cells, cells that share a corner are
  one table). Each character goes to the cell that holds its centre; the others are body text. A lone box (a frame
  round a paragraph) is text unless it continues a table on the next page. Fragments of one table on consecutive
  pages are stitched (columns from the union of their rulings, a vertical span cut by the break re-joined, an empty
  slice of a row cut by the break dropped, vertical rules left open at the page foot closed).
- **Lines**: characters of one visual line are one line when their boxes overlap vertically — digits, Latin text and
  punctuation set in another font on a baseline a point lower are not a line of their own.
- **Chrome**: lines in the top/bottom band that repeat on several pages, and page numbers in every common form
  ("-3-", "— 3 —", "第3页 共5页", "3/5", "Page 3", a bare number) at the top or foot of a page, become HEADER/FOOTER
  blocks, placed after the paragraph they interrupt (a paragraph continues across them and across the page break).
- **Paragraphs**: a new paragraph when a line is indented, the previous line stopped short of the right margin, the
  font size changes, the gap is wide, or the line starts a heading; otherwise the line continues the paragraph, also
  across a page break. Spaces next to Han characters are dropped; line breaks inside a paragraph are removed.
- **Headings**: the numbering pattern (一、 … / （一）) on a short line, with font size and weight as a hint; the
  large lines at the top of page 1 are the TITLE.
- **Garbage**: (cid:NN), U+FFFD, control and private-use characters over all characters give
  ``Document.garbage_ratio``; at or above ``DOCUMENT_UNREADABLE`` (or one character making most of the Han text)
  E015.

The input types are small on purpose; a backend fills them and nothing else:

>>> page = Page(number=1, width=595, height=842,
...             chars=[Char("年", 72, 84, 100, 112, 12, "SimSun")], rulings=[Ruling(72, 90, 500, 90)])
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from ..document import (FOOTER, GARBAGE_UNRELIABLE, HEADER, HEADING, PARAGRAPH, TABLE, TITLE, Block, Cell,
                        Document, Table, assemble, garbage_stats)
from ..errors import ExtractError

# ------------------------------------------------------------------------------------------------ input types


@dataclass(slots=True)
class Char:
    """One character as drawn: its text (usually one code point), its box in points from the page's top-left
    corner (``top < bottom``), its font size and font name (bold/black faces and font changes are hints)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str = ""


@dataclass(slots=True)
class Ruling:
    """One visible straight segment (a stroked line or a rectangle's side, or a thin filled rectangle given as its
    centre line), top-left coordinates. Horizontal when ``top == bottom`` (within a point), vertical when
    ``x0 == x1``; anything else is ignored. Invisible shapes (white fills used as paragraph backgrounds) are the
    backend's to leave out: see :func:`is_white`."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class Page:
    """One page: 1-based number, size in points, characters, rulings, and the share of the page covered by
    images (0..1, for the scan check)."""

    number: int
    width: float
    height: float
    chars: list[Char]
    rulings: list[Ruling] = field(default_factory=list)
    image_cover: float = 0.0


def rect_rulings(x0: float, top: float, x1: float, bottom: float, thin: float = 3.0) -> list[Ruling]:
    """The rulings of a visible rectangle: its centre line when it is thinner than ``thin`` points (a rule drawn as
    a filled bar), else its four sides (a cell box)."""
    if x0 > x1:
        x0, x1 = x1, x0
    if top > bottom:
        top, bottom = bottom, top
    if bottom - top < thin:
        y = (top + bottom) / 2
        return [Ruling(x0, y, x1, y)] if x1 - x0 >= thin else []
    if x1 - x0 < thin:
        x = (x0 + x1) / 2
        return [Ruling(x, top, x, bottom)]
    return [Ruling(x0, top, x1, top), Ruling(x0, bottom, x1, bottom), Ruling(x0, top, x0, bottom),
            Ruling(x1, top, x1, bottom)]


def is_white(color) -> bool:
    """True for a colour that draws nothing visible on white paper: white in gray (1), RGB (1, 1, 1) or CMYK
    (0, 0, 0, 0), components in 0..1. ``None`` (the default, black) and patterns are visible."""
    if color is None or isinstance(color, str):
        return False
    if isinstance(color, (int, float)):
        color = (color,)
    try:
        vals = [float(v) for v in color]
    except (TypeError, ValueError):
        return False
    if len(vals) == 1 or len(vals) == 3:
        return all(v >= 0.97 for v in vals)
    if len(vals) == 4:
        return all(v <= 0.03 for v in vals)
    return False


# ------------------------------------------------------------------------------------------------ constants

UNRELIABLE = GARBAGE_UNRELIABLE
DOCUMENT_UNREADABLE = 0.5  # garbage share from which the text layer is useless (E015)
SCAN_MAX_CHARS = 30
SCAN_MIN_IMAGE_COVER = 0.5
BAND = 0.085  # top/bottom share of the page where running headers and footers live
HAN = re.compile(r"[\u3400-\u9fff]")
TOP_HEADING = re.compile(r"^\s*(?:第[一二三四五六七八九十]{1,3}(?:部分|章)|[一二三四五六七八九十]{1,3}\s*[、．.])")
SUB_HEADING = re.compile(r"^\s*[（(][一二三四五六七八九十]{1,3}[)）]")
PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_~·•\s]*\d{1,4}[-—–－_~·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$", re.I)
SENTENCE_END = "。！？；：!?;:…”」』）)"
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])[ \t\u3000]+|"
                        r"(?<![ \t\u3000])[ \t\u3000]+(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])")
SNAP = 3.0  # rulings this close are one ruling (pdfplumber's snap/join tolerance)
MIN_EDGE = 3.0


def tidy(s: str) -> str:
    """Drop spaces next to Han characters and full-width punctuation ("2023 年" → "2023年")."""
    return _CJK_SPACE.sub("", s).strip()


def _join(a: str, b: str) -> str:
    """Join two wrapped lines of one paragraph: no break, a space only between two Latin words."""
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalpha():
        return a + " " + b
    return a + b


# ------------------------------------------------------------------------------------------------ page reading


@dataclass
class Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    size: float
    bold: bool
    kind: str | None = None  # HEADER / FOOTER when it is page chrome


@dataclass
class Frag:
    """A ruled table (or a lone boxed row) on one page: cell boxes with their text."""

    page: int
    bbox: tuple[float, float, float, float]
    cells: list[tuple[tuple[float, float, float, float], str]]  # (x0, top, x1, bottom), text
    lines: list[Line] = field(default_factory=list)  # the text as lines, if a lone box turns out not to be a table

    @property
    def top(self) -> float:
        return self.bbox[1]

    @property
    def single(self) -> bool:
        return len(self.cells) == 1


@dataclass
class PageData:
    number: int
    height: float
    width: float
    lines: list[Line]
    frags: list[Frag]


_BOLD: dict[str, bool] = {}


def _is_bold(fontname: str) -> bool:
    b = _BOLD.get(fontname)
    if b is None:
        f = fontname.lower()
        b = any(k in f for k in ("bold", "heavy", "black", "hei", "黑")) or f.endswith(",b")
        if len(_BOLD) < 4096:  # a document has a few fonts; a hostile one many
            _BOLD[fontname] = b
    return b


def _lines(chars: list[Char], page: int) -> list[Line]:
    """Group characters into visual lines by vertical overlap and order each line left to right.

    A character joins the line whose band (the extent of its first, tallest characters) it overlaps by at least
    half of the smaller height, so digits set a point lower in another font stay on their line."""
    if not chars:
        return []
    if len(chars) == 1:  # most table cells (a digit): the line of one character, as the loop below makes it
        c = chars[0]
        text = tidy(c.text)
        return [Line(page, c.top, c.bottom, c.x0, c.x1, text, round(c.size, 1), _is_bold(c.font))] if text else []
    chars = sorted(chars, key=lambda c: (c.top, c.x0))
    groups: list[list[Char]] = []
    bands: list[list[float]] = []  # [top, bottom] of each open group
    for c in chars:
        top, bottom = c.top, c.bottom
        h = max(bottom - top, 0.1)
        placed = False
        # the few most recent groups are the only candidates (sorted by top)
        for k in range(len(groups) - 1, max(-1, len(groups) - 4), -1):
            t, b = bands[k]
            ov = min(b, bottom) - max(t, top)
            if ov >= 0.5 * min(h, b - t):
                groups[k].append(c)
                placed = True
                break
            if top >= b:
                break
        if not placed:
            groups.append([c])
            bands.append([top, bottom])
    out: list[Line] = []
    for g in groups:
        g.sort(key=lambda c: c.x0)
        parts: list[str] = []
        prev = None
        sizes: dict[float, int] = {}  # rounded size → count, in first-seen order (Counter.most_common's tie order)
        nbold = 0
        top, bottom, x1 = g[0].top, g[0].bottom, g[0].x1
        for c in g:
            t = c.text
            if c.top < top:
                top = c.top
            if c.bottom > bottom:
                bottom = c.bottom
            if c.x1 > x1:
                x1 = c.x1
            if _is_bold(c.font):
                nbold += 1
            space = t.isspace()
            if not space:
                r = round(c.size, 1)
                sizes[r] = sizes.get(r, 0) + 1
            if prev is not None and not space:
                if t == prev.text and abs(c.x0 - prev.x0) < 0.25 * c.size:
                    continue  # the same glyph drawn twice at one place (fake bold): one character
                if c.x0 - prev.x1 > 0.3 * c.size:
                    parts.append(" ")
            parts.append(t)
            prev = c
        text = tidy("".join(parts))
        if not text:
            continue
        size = max(sizes.items(), key=_count)[0] if sizes else round(g[0].size, 1)
        out.append(Line(page, top, bottom, g[0].x0, x1, text, size, nbold > len(g) / 2))
    out.sort(key=lambda ln: (ln.top, ln.x0))
    return out


def _count(kv):
    return kv[1]


def _cell_text(chars: list[Char]) -> str:
    s = ""
    for ln in _lines(chars, 0):
        s = _join(s, ln.text)
    return s


def _snap(values: list[float], tol: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


# ------------------------------------------------------------------------------------------------ table finder


def _cluster(values: list[float], tol: float) -> dict[float, float]:
    """Map each value to the mean of its cluster (values chained within ``tol``)."""
    out: dict[float, float] = {}
    vs = sorted(set(values))
    i = 0
    while i < len(vs):
        j = i
        while j + 1 < len(vs) and vs[j + 1] - vs[j] <= tol:
            j += 1
        m = sum(vs[i:j + 1]) / (j + 1 - i)
        for v in vs[i:j + 1]:
            out[v] = m
        i = j + 1
    return out


def _merge(edges: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """(pos, a, b) segments at snapped positions: collinear ones that touch or overlap (gap ≤ SNAP) joined."""
    edges.sort()
    out: list[list[float]] = []
    for p, a, b in edges:
        if out and out[-1][0] == p and a <= out[-1][2] + SNAP:
            out[-1][2] = max(out[-1][2], b)
        else:
            out.append([p, a, b])
    return [(p, a, b) for p, a, b in out if b - a >= MIN_EDGE]


def _edges(rulings: list[Ruling]) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal (y, x0, x1) and vertical (x, top, bottom) edges, snapped and joined; vertical rules that stop at
    one height with no horizontal rule there (a table row cut by the page break, drawn without its rule) are
    closed by a horizontal edge."""
    hs: list[tuple[float, float, float]] = []
    vs: list[tuple[float, float, float]] = []
    for r in rulings:
        x0, x1 = min(r.x0, r.x1), max(r.x0, r.x1)
        t, b = min(r.top, r.bottom), max(r.top, r.bottom)
        if b - t <= 1.0 and x1 - x0 > 1.0:
            hs.append(((t + b) / 2, x0, x1))
        elif x1 - x0 <= 1.0 and b - t > 1.0:
            vs.append(((x0 + x1) / 2, t, b))
    if not hs and not vs:
        return [], []
    ys = _cluster([e[0] for e in hs], SNAP)
    xs = _cluster([e[0] for e in vs], SNAP)
    hs = _merge([(ys[y], a, b) for y, a, b in hs])
    vs = _merge([(xs[x], a, b) for x, a, b in vs])
    extra = []
    for end in (1, 2):
        ends: dict[int, list[float]] = {}
        for e in vs:
            ends.setdefault(round(e[end]), []).append(e[0])
        for y, xl in ends.items():
            if len(xl) < 2:
                continue
            xl = sorted(set(xl))
            near = [h for h in hs if abs(h[0] - y) <= 2]
            for a, b in zip(xl, xl[1:]):  # each stretch between two rule ends that no horizontal rule covers
                if not any(h[1] <= a + SNAP and h[2] >= b - SNAP for h in near):
                    extra.append((float(y), a, b))
    if extra:
        ys = _cluster([e[0] for e in hs] + [e[0] for e in extra], SNAP)
        hs = _merge([(ys[y], a, b) for y, a, b in hs + extra])
    return hs, vs


Box = tuple[float, float, float, float]


def find_tables(rulings: list[Ruling]) -> list[list[Box]]:
    """Ruled tables: lists of cell boxes (x0, top, x1, bottom). A table of one cell is a lone box."""
    hs, vs = _edges(rulings)
    if not hs or not vs:
        return []
    tol = SNAP
    # intersections: point -> (vertical edge ids, horizontal edge ids)
    pts: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    hs_by_y = sorted(range(len(hs)), key=lambda i: hs[i][0])
    h_ys = [hs[i][0] for i in hs_by_y]
    for vi, (x, t, b) in enumerate(vs):
        lo = bisect.bisect_left(h_ys, t - tol)
        hi = bisect.bisect_right(h_ys, b + tol)
        for k in range(lo, hi):
            hi_ = hs_by_y[k]
            y, a, c = hs[hi_]
            if a - tol <= x <= c + tol:
                p = pts.setdefault((x, y), (set(), set()))
                p[0].add(vi)
                p[1].add(hi_)
    if not pts:
        return []
    by_x: dict[float, list[float]] = {}
    by_y: dict[float, list[float]] = {}
    for x, y in pts:
        by_x.setdefault(x, []).append(y)
        by_y.setdefault(y, []).append(x)
    for v in by_x.values():
        v.sort()
    for v in by_y.values():
        v.sort()

    def v_conn(p, q) -> bool:
        return bool(pts[p][0] & pts[q][0])

    def h_conn(p, q) -> bool:
        return bool(pts[p][1] & pts[q][1])

    cells: list[Box] = []
    for (x, y) in sorted(pts):
        col = by_x[x]
        row = by_y[y]
        below = col[bisect.bisect_right(col, y):]
        right = row[bisect.bisect_right(row, x):]
        found = None
        for by in below:
            if not v_conn((x, y), (x, by)):
                continue
            for rx in right:
                if not h_conn((x, y), (rx, y)):
                    continue
                br = (rx, by)
                if br in pts and v_conn(br, (rx, y)) and h_conn(br, (x, by)):
                    found = (x, y, rx, by)
                    break
            if found:
                break
        if found:
            cells.append(found)
    # cells sharing a corner are one table
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    corner: dict[tuple[float, float], int] = {}
    for i, (x0, t, x1, b) in enumerate(cells):
        for p in ((x0, t), (x1, t), (x0, b), (x1, b)):
            j = corner.setdefault(p, i)
            if j != i:
                parent[root(i)] = root(j)
    groups: dict[int, list[Box]] = {}
    for i, c in enumerate(cells):
        groups.setdefault(root(i), []).append(c)
    tables = list(groups.values())
    for t in tables:
        t.sort(key=lambda c: (c[1], c[0]))
    tables.sort(key=lambda t: (min(c[1] for c in t), min(c[0] for c in t)))
    return tables


def _scanned(page: Page) -> bool:
    """Fewer than 30 non-blank characters and images over half of the page: a scanned page."""
    if sum(1 for c in page.chars if not c.text.isspace()) >= SCAN_MAX_CHARS:
        return False
    return page.image_cover > SCAN_MIN_IMAGE_COVER


class _CellFinder:
    """The first cell (in list order) of a table whose box holds a point, through a grid of the cells' edges
    instead of a scan of every cell: each cell is filed under the grid intervals it covers; a point on an edge
    also looks at the intervals on its other side (boxes are closed)."""

    def __init__(self, cells: list[Box]):
        self.cells = cells
        self.xs = sorted({v for c in cells for v in (c[0], c[2])})
        self.ys = sorted({v for c in cells for v in (c[1], c[3])})
        self.grid: dict[tuple[int, int], list[int]] = {}
        xi = {v: i for i, v in enumerate(self.xs)}
        yi = {v: i for i, v in enumerate(self.ys)}
        for j, (a, t, b, bt) in enumerate(cells):
            for gx in range(xi[a], max(xi[a] + 1, xi[b])):
                for gy in range(yi[t], max(yi[t] + 1, yi[bt])):
                    self.grid.setdefault((gx, gy), []).append(j)

    @staticmethod
    def _around(vs: list[float], v: float) -> tuple[int, ...]:
        i = bisect.bisect_right(vs, v) - 1
        return (i, i - 1) if i >= 0 and vs[i] == v else (i,)

    def find(self, cx: float, cy: float) -> int | None:
        best = None
        for gx in self._around(self.xs, cx):
            for gy in self._around(self.ys, cy):
                for j in self.grid.get((gx, gy), ()):
                    if best is not None and j >= best:
                        break
                    a, t, b, bt = self.cells[j]
                    if a <= cx <= b and t <= cy <= bt:
                        best = j
                        break
        return best


def read_page(page: Page) -> PageData | None:
    """The page's lines and table fragments; None for a scanned page (no text layer)."""
    chars = [c for c in page.chars if c.text]
    if len(chars) < 4 * SCAN_MAX_CHARS and _scanned(page):
        return None
    number = page.number
    boxes = find_tables(page.rulings)
    frag_chars: list[dict[int, list[Char]]] = [dict() for _ in boxes]
    bboxes = [(min(c[0] for c in b), min(c[1] for c in b), max(c[2] for c in b), max(c[3] for c in b)) for b in boxes]
    body: list[Char] = []
    finders = [_CellFinder(b) for b in boxes]
    for ch in chars:
        cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
        for k, (x0, t0, x1, b1) in enumerate(bboxes):
            if x0 <= cx <= x1 and t0 <= cy <= b1:
                j = finders[k].find(cx, cy)
                if j is not None:
                    frag_chars[k].setdefault(j, []).append(ch)
                break
        else:
            body.append(ch)
    frags: list[Frag] = []
    for k, cells in enumerate(boxes):
        if len(cells) == 1 and not frag_chars[k]:
            continue  # an empty box (a frame, a rule): nothing to keep
        texts = [(cell, _cell_text(frag_chars[k].get(j, []))) for j, cell in enumerate(cells)]
        fr = Frag(number, bboxes[k], texts)
        if fr.single:
            fr.lines = _lines([c for cs in frag_chars[k].values() for c in cs], number)
        frags.append(fr)
    return PageData(number, float(page.height), float(page.width), _lines(body, number), frags)


# ------------------------------------------------------------------------------------------------ chrome


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _page_number(text: str, n_pages: int) -> bool:
    """A page number in one of the common forms, with a value a page of this document can have."""
    if not PAGE_NUMBER.match(text):
        return False
    nums = [int(v) for v in re.findall(r"\d+", text)]
    return bool(nums) and 0 < nums[0] <= 3 * n_pages + 20


def _mark_chrome(pages: list[PageData]) -> None:
    """Running headers/footers: lines in the top/bottom band that repeat on several pages, and page numbers — in
    the band, or the first/last line of a page set apart from the body by a gap of at least a line."""
    cands: list[Line] = []
    n = len(pages)
    numbers: list[Line] = []
    for p in pages:
        for ln in p.lines:
            if ln.bottom < p.height * BAND:
                cands.append(ln)
                ln.kind = "top"
            elif ln.top > p.height * (1 - BAND):
                cands.append(ln)
                ln.kind = "bottom"
        body = [ln for ln in p.lines if ln.kind is None]
        frag_tops = [f.bbox[1] for f in p.frags]
        frag_bottoms = [f.bbox[3] for f in p.frags]
        if body:
            last, first = body[-1], body[0]
            above = max([ln.bottom for ln in body[:-1]] + frag_bottoms + [0.0])
            if last.top > above and last.top - above >= last.bottom - last.top and _page_number(last.text, n):
                last.kind = "bottom"
                numbers.append(last)
            below = min([ln.top for ln in body[1:]] + frag_tops + [p.height])
            if first is not last and below > first.bottom and below - first.bottom >= first.bottom - first.top \
                    and _page_number(first.text, n):
                first.kind = "top"
                numbers.append(first)
    counts = Counter(_key(ln.text) for ln in cands)
    need = 2 if n <= 3 else max(2, n // 2)
    for ln in cands:
        where = ln.kind
        ln.kind = None
        repeated = counts[_key(ln.text)] >= need
        if repeated or _page_number(ln.text, n):
            ln.kind = HEADER if where == "top" else FOOTER
    for ln in numbers:
        ln.kind = HEADER if ln.kind == "top" else FOOTER


# ------------------------------------------------------------------------------------------------ tables


def _grid_of(frags: list[Frag]) -> Table:
    """One Table from page fragments of the same table (columns from the union of their rulings)."""
    xs = _snap([v for f in frags for (b, _) in f.cells for v in (b[0], b[2])])
    cells: list[Cell] = []
    row0 = 0
    for f in frags:
        ys = _snap([v for (b, _) in f.cells for v in (b[1], b[3])])
        placed: list[Cell] = []
        for (x0, t, x1, bt), text in f.cells:
            c0 = _index(xs, x0)
            c1 = _index(xs, x1)
            r0 = _index(ys, t)
            r1 = _index(ys, bt)
            placed.append(Cell(r0, c0, text, max(1, r1 - r0), max(1, c1 - c0), page=f.page))
        n_rows = max(1, len(ys) - 1)
        if cells and placed:
            n_rows -= _drop_repeated_header(first, placed)
            row0 = _drop_empty_last_row(cells, row0)
            n_rows -= _drop_empty_first_row(placed)
            for c in placed:
                c.row += row0
            _rejoin_spans(cells, placed, row0)
        if not cells:
            first = [Cell(c.row, c.col, c.text, c.rowspan, c.colspan) for c in placed]
        cells += [c for c in placed if c.rowspan > 0]
        row0 += n_rows
    cells.sort(key=lambda c: (c.row, c.col))
    n_cols = max(1, len(xs) - 1)
    return Table(cells=cells, n_rows=row0, n_cols=n_cols, page=frags[0].page)


def _drop_repeated_header(first: list[Cell], placed: list[Cell]) -> int:
    """Header rows repeated at the top of a continuation page (Word's repeated title rows): when the first k rows
    of the fragment are the first k rows of the table — the same cells, spans and texts, with Han text, and no cell
    crossing row k — they are dropped (local rows, before the offset). Returns k."""
    def head(cs: list[Cell], k: int):
        if any(c.row < k < c.row + c.rowspan for c in cs):
            return None
        return sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in cs if c.row < k)

    n = min(max((c.row for c in first), default=0), max((c.row for c in placed), default=0))
    for k in range(n, 0, -1):
        a = head(first, k)
        if a and a == head(placed, k) and any(HAN.search(t[4]) for t in a):
            placed[:] = [c for c in placed if c.row >= k]
            for c in placed:
                c.row -= k
            return k
    return 0


def _drop_empty_last_row(cells: list[Cell], n_rows: int) -> int:
    """A row broken at the page foot can leave an empty slice behind: drop a last row whose own cells are all empty
    (the spans that reach into it are shortened and re-joined with the next page's part). Returns the row count."""
    last = n_rows - 1
    own = [c for c in cells if c.row == last]
    if not own or any(c.text for c in own) or last == 0:
        return n_rows
    for c in own:
        cells.remove(c)
    for c in cells:
        if c.row < last < c.row + c.rowspan:
            c.rowspan -= 1
    return n_rows - 1


def _drop_empty_first_row(placed: list[Cell]) -> int:
    """The same at the top of the next page: an empty first slice of a row (local rows, before the offset)."""
    own = [c for c in placed if c.row == 0]
    if not own or any(c.text for c in own) or all(c.row == 0 for c in placed):
        return 0
    if any(c.rowspan > 1 for c in own):  # an empty cell that spans on: a cut vertical span, re-joined later
        return 0
    for c in own:
        placed.remove(c)
    for c in placed:
        c.row -= 1
    return 1


def _index(points: list[float], v: float) -> int:
    i = bisect.bisect_left(points, v - 1.5)
    return min(i, len(points) - 1)


def _rejoin_spans(before: list[Cell], after: list[Cell], row0: int) -> None:
    """A vertical span cut by the page break: the empty continuation cell on the next page joins the one above."""
    bottom = {(c.col, c.colspan): c for c in before if c.row + c.rowspan == row0}
    for c in after:
        if c.row == row0 and not c.text:
            up = bottom.get((c.col, c.colspan))
            # a real merged label: the cell above already spans rows, or its empty continuation does (a merged cell
            # cut after its first row); an empty one-row cell under a one-row label is just an empty cell
            if up is not None and (up.rowspan > 1 or c.rowspan > 1):
                up.rowspan += c.rowspan
                c.rowspan = 0  # dropped by the caller


def _aligned(a: Frag, b: Frag) -> bool:
    return abs(a.bbox[0] - b.bbox[0]) <= 3 and abs(a.bbox[2] - b.bbox[2]) <= 3


# ------------------------------------------------------------------------------------------------ layout


def _items(pages: list[PageData]) -> list:
    """Body lines and table fragments of every page in reading order (top to bottom), chrome kept in place."""
    out: list = []
    for p in pages:
        its = [(ln.top, 0, ln) for ln in p.lines] + [(f.top, 1, f) for f in p.frags]
        its.sort(key=lambda t: (t[0], t[1]))
        out += [x for _, _, x in its]
    return out


def _group_tables(items: list) -> list:
    """Merge table fragments that continue on the next page; a lone box that continues nothing becomes text."""
    body = [x for x in items if not (isinstance(x, Line) and x.kind)]
    nxt: dict[int, object] = {}
    prv: dict[int, object] = {}
    for a, b in zip(body, body[1:]):
        nxt[id(a)] = b
        prv[id(b)] = a
    out: list = []
    groups: dict[int, list[Frag]] = {}
    for x in items:
        if not isinstance(x, Frag):
            out.append(x)
            continue
        p = prv.get(id(x))
        joined = None
        if isinstance(p, Frag) and _aligned(p, x) and id(p) in groups and (
                p.page + 1 == x.page or (p.page == x.page and x.top - p.bbox[3] < 4)):
            joined = groups[id(p)]
        if joined is not None:
            joined.append(x)
            groups[id(x)] = joined
            continue
        if x.single:
            n = nxt.get(id(x))
            if not (isinstance(n, Frag) and _aligned(x, n) and (n.page == x.page + 1 or
                                                                  (n.page == x.page and n.top - x.bbox[3] < 4))):
                out += x.lines  # a boxed paragraph, not part of a table
                continue
        g = [x]
        groups[id(x)] = g
        out.append(g)
    return out


def _body_metrics(lines: list[Line]) -> tuple[float, float, float]:
    """Body font size, left margin and right margin (most common values over body lines)."""
    body = [ln for ln in lines if not ln.kind]
    if not body:
        return 12.0, 0.0, 0.0
    size = Counter(ln.size for ln in body for _ in range(len(ln.text))).most_common(1)[0][0]
    left = Counter(round(ln.x0) for ln in body if ln.size == size).most_common(1)[0][0]
    rights = sorted(ln.x1 for ln in body if ln.size == size)
    right = rights[int(len(rights) * 0.9)] if rights else 0.0
    return size, float(left), right


def _heading_level(text: str, ln: Line, size: float) -> int | None:
    if len(text) > 40 or text.endswith(("。", "；", "，")):
        return None
    if TOP_HEADING.match(text):
        return 1
    if SUB_HEADING.match(text) and (ln.bold or ln.size > size + 0.5 or len(text) <= 25):
        return 2
    return None


def _blocks(items: list, size: float, left: float, right: float) -> list[Block]:
    blocks: list[Block] = []
    pending_chrome: list[Block] = []
    cur: list[Line] = []

    def close() -> None:
        nonlocal cur
        if cur:
            text = ""
            for ln in cur:
                text = _join(text, ln.text)
            first = cur[0]
            level = _heading_level(text, first, size) if len(cur) <= 2 else None
            kind = HEADING if level else PARAGRAPH
            blocks.append(Block(kind, text, page=first.page, level=level, bold=first.bold, size=first.size))
            cur = []
        blocks.extend(pending_chrome)
        pending_chrome.clear()

    em = size
    title_done = False
    for x in items:
        if isinstance(x, Line) and x.kind:
            pending_chrome.append(Block(x.kind, x.text, page=x.page, size=x.size))
            if not cur:
                close()
            continue
        if isinstance(x, list):  # a table (its page fragments)
            close()
            t = _grid_of(x)
            blocks.append(Block(TABLE, "", page=t.page, table=t))
            continue
        ln: Line = x
        if not title_done:
            if ln.page == 1 and ln.size >= size * 1.25 and not TOP_HEADING.match(ln.text):
                if blocks and blocks[-1].kind == TITLE and not cur:
                    blocks[-1].text = _join(blocks[-1].text, ln.text)
                else:
                    close()
                    blocks.append(Block(TITLE, ln.text, page=1, size=ln.size, bold=ln.bold))
                continue
            if ln.size <= size * 1.1 or ln.page > 1:
                title_done = True
        if cur:
            prev = cur[-1]
            new = (
                ln.x0 - left > 1.2 * em
                or prev.x1 < right - 1.5 * em
                or abs(ln.size - prev.size) > 0.6
                or TOP_HEADING.match(ln.text) or SUB_HEADING.match(ln.text)
                or (ln.page == prev.page and ln.top - prev.bottom > 1.6 * em)
                or (ln.page != prev.page and prev.text.endswith(tuple(SENTENCE_END)) and ln.x0 - left > 0.8 * em)
            )
            if new:
                close()
        cur.append(ln)
    close()
    for i, b in enumerate(blocks):
        b.index = i
    return blocks


# ------------------------------------------------------------------------------------------------ entry


def build(pages: list[Page], name: str, fmt: str, n_pages: int | None = None) -> Document:
    """The Document of a fixed-layout file from its pages (in order). ``n_pages`` is the file's page count when
    ``pages`` is not all of them. Raises ExtractError E010 (no text layer) or E015 (text layer unreadable)."""
    n_pages = n_pages if n_pages is not None else len(pages)
    read: list[PageData] = []
    scanned: list[int] = []
    for p in pages:
        pd = read_page(p)
        if pd is None:
            scanned.append(p.number)
        else:
            read.append(pd)
    if not read:
        raise ExtractError("E010")
    _mark_chrome(read)
    all_lines = [ln for p in read for ln in p.lines]
    size, left, right = _body_metrics(all_lines)
    items = _group_tables(_items(read))
    blocks = _blocks(items, size, left, right)
    doc = assemble(name, fmt, blocks, pages=n_pages)
    doc.scanned_pages = scanned
    body_text = "\n".join(b.text for b in doc.blocks if b.kind not in (HEADER, FOOTER))
    bad, total, _ = garbage_stats(body_text)
    doc.garbage_ratio = round(bad / total, 4) if total else 0.0
    han = Counter(HAN.findall(body_text))
    n_han = sum(han.values())
    if total and doc.garbage_ratio >= DOCUMENT_UNREADABLE:
        raise ExtractError("E015", f"{doc.garbage_ratio:.0%}")
    if n_han >= 300:
        ch, k = han.most_common(1)[0]
        if k / n_han > 0.3:
            raise ExtractError("E015", f"“{ch}” = {k / n_han:.0%}")
    if total == 0:
        raise ExtractError("E010")
    if scanned:
        doc.notes.append("pages without a text layer (scanned): " + ", ".join(map(str, scanned)))
    if doc.garbage_ratio >= UNRELIABLE:
        doc.notes.append(f"text layer partly undecodable: {doc.garbage_ratio:.1%} of the characters")
    return doc
