"""PDF: the character layer of each page read by a backend and handed to the shared layout (``layout.py``).

1. **pypdfium2 opens the file first**: opening errors (encrypted → E011, corrupt or truncated → E012) and the
   page count (E020 past the page limit, before any page is parsed).
2. **A backend** turns every page into a :class:`layout.Page`: characters with their boxes, font size and name
   (top-left coordinates), the *visible* rulings (stroked lines and rectangle sides, thin filled bars; white
   fills — WPS paints a white box behind every paragraph line — are not rulings) and the image cover for the scan
   check. ``pdfplumber`` (pdfminer) is the reference backend.
3. :func:`layout.build` does the rest: tables from the rulings, lines, running headers/footers and page numbers,
   paragraphs across wraps and pages, headings, the garbage share (E015) and scanned pages (E010).
"""

from __future__ import annotations

import io

from .. import limits
from ..document import Document
from ..errors import ExtractError
from . import layout
from .layout import DOCUMENT_UNREADABLE, UNRELIABLE, Char, Page, Ruling, is_white, rect_rulings  # noqa: F401

BACKENDS = ("pdfplumber",)
DEFAULT_BACKEND = "pdfplumber"
_backend = DEFAULT_BACKEND


def set_backend(name: str) -> None:
    """Choose the character-layer backend for this process (``--pdf-backend``, config ``pdf-backend``)."""
    global _backend
    if name not in BACKENDS:
        raise ValueError(f"unknown PDF backend {name!r} (one of: {', '.join(BACKENDS)})")
    _backend = name


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


# ------------------------------------------------------------------------------------------------ pdfplumber


def _plumber_rulings(page) -> list[Ruling]:
    """Visible rulings of a pdfplumber page: stroked lines, stroked rectangles' sides, filled rectangles that are
    not white (thin ones as their centre line), straight stroked segments of curves."""
    out: list[Ruling] = []
    for ln in page.lines:
        if ln.get("stroke", True) and not is_white(ln.get("stroking_color")):
            out.append(Ruling(ln["x0"], ln["top"], ln["x1"], ln["bottom"]))
    for r in page.rects:
        stroked = r.get("stroke") and not is_white(r.get("stroking_color"))
        filled = r.get("fill") and not is_white(r.get("non_stroking_color"))
        if stroked or filled:
            out += rect_rulings(r["x0"], r["top"], r["x1"], r["bottom"])
    for cv in page.curves:
        if not cv.get("stroke") or is_white(cv.get("stroking_color")):
            continue
        pts = cv.get("pts") or []
        for (xa, ya), (xb, yb) in zip(pts, pts[1:]):
            if abs(ya - yb) <= 1.0 or abs(xa - xb) <= 1.0:
                out.append(Ruling(min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)))
    return out


def _plumber_page(page, number: int) -> Page:
    chars = [Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"], c.get("fontname") or "")
             for c in page.chars if c.get("text")]
    area = float(page.width) * float(page.height)
    cover = sum(max(0.0, im["x1"] - im["x0"]) * max(0.0, im["bottom"] - im["top"]) for im in page.images)
    return Page(number, float(page.width), float(page.height), chars, _plumber_rulings(page),
                min(1.0, cover / area) if area else 0.0)


def _plumber_pages(data: bytes) -> list[Page]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    pages: list[Page] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for i, page in enumerate(pdf.pages):
                pages.append(_plumber_page(page, i + 1))
                page.flush_cache()
    except ExtractError:
        raise
    except Exception as e:  # pdfminer raises many kinds on damaged files
        inner = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
        if isinstance(inner, PDFPasswordIncorrect):
            raise ExtractError("E011") from None
        raise ExtractError("E012", f"{type(inner).__name__}: {inner}".rstrip(": ")[:120]) from None
    return pages


# ------------------------------------------------------------------------------------------------ entry


def extract(data: bytes, name: str, backend: str | None = None) -> Document:
    n_pages = precheck(data)
    limits.check_pages(n_pages)  # E020 before any page is parsed
    if not n_pages:
        raise ExtractError("E012", "no pages")
    pages = _plumber_pages(data)
    return layout.build(pages, name, "pdf", n_pages=n_pages)
