"""PDF: text in reading order with pages, paragraphs rebuilt from line geometry, ruled tables with their spans.

Two passes (spec/extraction.md §2, §6):

1. **pypdfium2 opens the file first**: opening errors (encrypted → E011, corrupt or truncated → E012) and the
   page count. Scan check per page, on the characters and images of pdfplumber's parse (no second parse): fewer
   than 30 non-blank characters and images over half of the page is a *scan*. All pages scans → E010 ("no text
   layer, OCR needed", never "sections missing"); some pages → ``Document.scanned_pages`` (GOV-K011 reports them).
2. **pdfplumber**: each page's ``chars`` are read once and shared by text and tables. Ruled tables come from
   pdfplumber's table finder; each cell's row/col/rowspan/colspan come from the cell boxes (a merged cell is one
   box: its text is kept once, at its top-left slot). Tables broken over pages are stitched (columns from the
   union of both fragments' rulings, a vertical span cut by the page break is re-joined; a lone boxed row left at
   the foot of a page is the table's first row). A row broken over the page may lack its top or bottom rule: the
   open rulings are closed, and an empty slice of the cut row is dropped. (Not done: re-joining the text of a row
   whose label continues on the next page — LibreOffice output; the tables analysis keys rows by label words.) The other characters are grouped into lines; lines into
   paragraphs by geometry: a new paragraph when a line is indented, the previous line stopped short of the right
   margin, the font size changes, the gap is wide, or the line starts a heading. Paragraphs continue across pages.
   Spaces next to Han characters are dropped; line breaks inside a paragraph are removed.

Running headers and footers (lines in the top/bottom band repeated on several pages, and page numbers such as
"— 1 —" or "第1页 共3页") become HEADER/FOOTER blocks placed at the page break. Headings: the numbering pattern
(一、 … / （一）) on a short line, with font size and weight as a hint; the large centred lines at the top of page 1
are the TITLE.

Garbage: (cid:NN), U+FFFD, control and private-use characters over all extracted characters gives
``Document.garbage_ratio``; at or above ``DOCUMENT_UNREADABLE`` (or when one character makes up most of the Han text,
a font without a usable encoding) the file stops with E015; from ``GARBAGE_UNRELIABLE`` (2 %) GOV-K011 reports it.
"""

from __future__ import annotations

import bisect
import io
import re
from collections import Counter
from dataclasses import dataclass, field

from ..document import (FOOTER, GARBAGE_UNRELIABLE, HEADER, HEADING, PARAGRAPH, TABLE, TITLE, Block, Cell,
                        Document, Table, assemble, garbage_stats)
from .. import limits
from ..errors import ExtractError

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
    r"|\d{1,4}\s*/\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$", re.I)
SENTENCE_END = "。！？；：!?;:…”」』）)"
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])[ \t\u3000]+|"
                        r"(?<![ \t\u3000])[ \t\u3000]+(?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])")


def tidy(s: str) -> str:
    """Drop spaces next to Han characters and full-width punctuation ("2023 年" → "2023年")."""
    return _CJK_SPACE.sub("", s).strip()


def _join(a: str, b: str) -> str:
    """Join two wrapped lines of one paragraph: no break, a space only between two Latin words."""
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalpha():
        return a + " " + b
    return a + b


# ------------------------------------------------------------------------------------------------ pre-check


def precheck(data: bytes) -> int:
    """pypdfium2 opens the file first (fast, and its errors are clear): encrypted → E011, corrupt or truncated →
    E012. Returns the page count. (Loading every page in pdfium to count characters cost ~10 % of a whole
    extraction on the benchmark report, so the scan check uses the characters and images of pdfplumber's own
    parse instead, which the extraction needs anyway.)"""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise ExtractError("E011") from None
        raise ExtractError("E012", msg.split("(PDFium: ")[-1].rstrip(").") or "cannot open") from None
    try:
        return len(pdf)
    finally:
        pdf.close()


def _scanned(page, chars: list[dict]) -> bool:
    """Fewer than 30 non-blank characters and images over half of the page: a scanned page."""
    if sum(1 for c in chars if not c["text"].isspace()) >= SCAN_MAX_CHARS:
        return False
    area = float(page.width) * float(page.height)
    cover = sum(max(0.0, im["x1"] - im["x0"]) * max(0.0, im["bottom"] - im["top"]) for im in page.images)
    return bool(area) and min(1.0, cover / area) > SCAN_MIN_IMAGE_COVER


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


def _is_bold(fontname: str) -> bool:
    f = fontname.lower()
    return any(k in f for k in ("bold", "heavy", "black", "hei", "黑")) or f.endswith(",b")


def _lines(chars: list[dict], page: int) -> list[Line]:
    """Group characters into lines (top within half a character) and order each line left to right."""
    chars = sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"]))
    groups: list[list[dict]] = []
    for c in chars:
        if groups:
            g = groups[-1]
            ref = g[0]
            if abs(c["top"] - ref["top"]) <= max(1.5, 0.45 * min(c["size"], ref["size"])):
                g.append(c)
                continue
        groups.append([c])
    out: list[Line] = []
    for g in groups:
        g.sort(key=lambda c: c["x0"])
        parts: list[str] = []
        prev = None
        for c in g:
            t = c["text"]
            if prev is not None and c["x0"] - prev["x1"] > 0.3 * c["size"] and not t.isspace():
                parts.append(" ")
            parts.append(t)
            prev = c
        text = tidy("".join(parts))
        if not text:
            continue
        sizes = Counter(round(c["size"], 1) for c in g)
        size = sizes.most_common(1)[0][0]
        bold = sum(_is_bold(c.get("fontname", "")) for c in g) > len(g) / 2
        out.append(Line(page, min(c["top"] for c in g), max(c["bottom"] for c in g), g[0]["x0"],
                        max(c["x1"] for c in g), text, size, bold))
    return out


def _cell_text(chars: list[dict]) -> str:
    lines = _lines(chars, 0)
    s = ""
    for ln in lines:
        s = _join(s, ln.text)
    return s


def _snap(values: list[float], tol: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _open_rulings(page) -> dict | None:
    """Table settings that close a table left open at a page break: when two or more vertical rules stop at the
    same height and no horizontal rule runs there (a row broken over the page, drawn without its top or bottom
    border), a horizontal rule is added between them, so the row's cells are found."""
    edges = page.edges
    vs = [e for e in edges if e["orientation"] == "v"]
    if len(vs) < 2:
        return None
    hs = [e for e in edges if e["orientation"] == "h"]
    extra = []
    for key in ("top", "bottom"):
        ends: dict[int, list[float]] = {}
        for e in vs:
            ends.setdefault(round(e[key]), []).append(e["x0"])
        for y, xs in ends.items():
            if len(xs) < 2:
                continue
            x0, x1 = min(xs), max(xs)
            if any(abs(h["top"] - y) <= 2 and h["x0"] < x1 and h["x1"] > x0 for h in hs):
                continue
            extra.append({"object_type": "line", "x0": x0, "x1": x1, "top": float(y), "bottom": float(y),
                          "width": x1 - x0, "height": 0.0, "orientation": "h"})
    return {"explicit_horizontal_lines": extra} if extra else None


def _read_page(page, number: int) -> PageData | None:
    """The page's lines and table fragments; None for a scanned page (no text layer)."""
    chars = [c for c in page.chars if c.get("text")]
    if len(chars) < 4 * SCAN_MAX_CHARS and _scanned(page, chars):
        return None
    finder = page.debug_tablefinder(_open_rulings(page))
    boxes: list[list[tuple]] = [list(t.cells) for t in finder.tables]
    in_table = {c for t in boxes for c in t}
    boxes += [[c] for c in finder.cells if c not in in_table]
    # characters → table cells (by the centre of the character), the rest is body text
    frag_chars: list[dict[int, list[dict]]] = [dict() for _ in boxes]
    bboxes = [(min(c[0] for c in b), min(c[1] for c in b), max(c[2] for c in b), max(c[3] for c in b)) for b in boxes]
    body: list[dict] = []
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        for k, (x0, t0, x1, b1) in enumerate(bboxes):
            if x0 <= cx <= x1 and t0 <= cy <= b1:
                for j, (a, t, b, bt) in enumerate(boxes[k]):
                    if a <= cx <= b and t <= cy <= bt:
                        frag_chars[k].setdefault(j, []).append(ch)
                        break
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


def _mark_chrome(pages: list[PageData]) -> None:
    """Running headers/footers: band lines that repeat on several pages, and page numbers."""
    cands: list[Line] = []
    for p in pages:
        for ln in p.lines:
            if ln.bottom < p.height * BAND:
                cands.append(ln)
                ln.kind = "top"
            elif ln.top > p.height * (1 - BAND):
                cands.append(ln)
                ln.kind = "bottom"
    counts = Counter(_key(ln.text) for ln in cands)
    n = len(pages)
    need = 2 if n <= 3 else max(2, n // 2)
    for ln in cands:
        where = ln.kind
        ln.kind = None
        repeated = counts[_key(ln.text)] >= need
        if repeated or PAGE_NUMBER.match(ln.text):
            ln.kind = HEADER if where == "top" else FOOTER


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
            row0 = _drop_empty_last_row(cells, row0)
            n_rows -= _drop_empty_first_row(placed)
            for c in placed:
                c.row += row0
            _rejoin_spans(cells, placed, row0)
        cells += [c for c in placed if c.rowspan > 0]
        row0 += n_rows
    cells.sort(key=lambda c: (c.row, c.col))
    n_cols = max(1, len(xs) - 1)
    return Table(cells=cells, n_rows=row0, n_cols=n_cols, page=frags[0].page)


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
            if up is not None and up.rowspan > 1:  # only a cell that already spans rows: a real merged label
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


def extract(data: bytes, name: str) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    n_pages = precheck(data)
    limits.check_pages(n_pages)  # E020 before any page is parsed
    if not n_pages:
        raise ExtractError("E012", "no pages")
    pages: list[PageData] = []
    scanned: list[int] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for i, page in enumerate(pdf.pages):
                pd = _read_page(page, i + 1)
                if pd is None:
                    scanned.append(i + 1)
                else:
                    pages.append(pd)
                page.flush_cache()
    except ExtractError:
        raise
    except Exception as e:  # pdfminer raises many kinds on damaged files
        inner = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
        if isinstance(inner, PDFPasswordIncorrect):
            raise ExtractError("E011") from None
        raise ExtractError("E012", f"{type(inner).__name__}: {inner}".rstrip(": ")[:120]) from None
    if len(scanned) == n_pages:
        raise ExtractError("E010")
    _mark_chrome(pages)
    all_lines = [ln for p in pages for ln in p.lines]
    size, left, right = _body_metrics(all_lines)
    items = _group_tables(_items(pages))
    blocks = _blocks(items, size, left, right)
    doc = assemble(name, "pdf", blocks, pages=n_pages)
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
