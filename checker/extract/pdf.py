"""PDF: the character layer of each page read by a backend and handed to the shared layout (``layout.py``).

1. **pypdfium2 opens the file first**: opening errors (encrypted → E011, corrupt or truncated → E012) and the
   page count (E020 past the page limit, before any page is parsed).
2. **A backend** turns every page into a :class:`layout.Page`: characters with their boxes, font size and name
   (top-left coordinates), the *visible* rulings (stroked lines and rectangle sides, thin filled bars; white
   fills — WPS paints a white box behind every paragraph line — are not rulings) and the image cover for the scan
   check. ``pdfium`` (the default) reads them through the raw pdfium API of pypdfium2, ~6× faster; ``pdfplumber``
   (pdfminer) is the reference backend, and reads the pages where pdfium returned a text object without any
   character (one-character strings of non-embedded Adobe CJK fonts). ``tests/test_pdf_backends.py`` holds the two
   to the same text, tables and findings.
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

BACKENDS = ("pdfium", "pdfplumber")
DEFAULT_BACKEND = "pdfium"  # pdfplumber is the reference; config/--pdf-backend choose (checker.config.PDF_BACKEND_DEFAULT)


# ------------------------------------------------------------------------------------------------ pre-check


def _open(data: bytes):
    """The file opened in pypdfium2 (fast, and its errors are clear): encrypted → E011, corrupt or truncated →
    E012."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise ExtractError("E011") from None
        raise ExtractError("E012", msg.split("(PDFium: ")[-1].rstrip(").") or "cannot open") from None


def precheck(data: bytes) -> int:
    """Open the file in pypdfium2 first (E011/E012, see :func:`_open`) and return the page count."""
    pdf = _open(data)
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


def _plumber_pages(data: bytes, only: list[int] | None = None) -> list[Page]:
    """Every page (or the 0-based pages ``only``) read by pdfplumber."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    pages: list[Page] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for i in (range(len(pdf.pages)) if only is None else only):
                page = pdf.pages[i]
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
    """The Document of a PDF, its character layer read by ``backend`` (``pdfium`` or ``pdfplumber``)."""
    backend = backend or DEFAULT_BACKEND
    if backend not in BACKENDS:
        raise ValueError(f"unknown PDF backend {backend!r}")
    if backend == "pdfplumber":
        n_pages = precheck(data)
        limits.check_pages(n_pages)  # E020 before any page is parsed
        if not n_pages:
            raise ExtractError("E012", "no pages")
        pages = _plumber_pages(data)
    else:
        doc = _open(data)
        try:
            n_pages = len(doc)
            limits.check_pages(n_pages)
            if not n_pages:
                raise ExtractError("E012", "no pages")
            fallback: list[int] = []
            try:
                pages = _pdfium_pages(doc, fallback)
            except ExtractError:
                raise
            except Exception as e:  # pdfium errors on a damaged page
                raise ExtractError("E012", f"{type(e).__name__}: {e}".rstrip(": ")[:120]) from None
        finally:
            doc.close()
        if fallback:
            for i, pg in zip(fallback, _plumber_pages(data, fallback)):
                pages[i] = pg
    return layout.build(pages, name, "pdf", n_pages=n_pages)


# ------------------------------------------------------------------------------------------------ pypdfium2


def _pdfium_pages(pdf, fallback: list[int] | None = None) -> list[Page]:
    """Every page of an open ``pypdfium2.PdfDocument`` as a layout Page, through the raw pdfium API: characters
    from the text page (loose boxes: the font's ascent/descent and the advance width, as pdfminer boxes them;
    generated spaces and line breaks left out; an unmapped glyph is U+FFFD), font size and the base font name of
    the character's text object, and the visible path objects as rulings (forms walked with their matrices)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as R

    pages: list[Page] = []
    fallback = [] if fallback is None else fallback
    fl, fb, fr, ft = (ctypes.c_float() for _ in range(4))
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    cr, cg, cb, ca = (ctypes.c_uint() for _ in range(4))
    px, py = ctypes.c_float(), ctypes.c_float()
    mat = R.FS_MATRIX()
    rectf = R.FS_RECTF()
    cmat = R.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    name_buf = ctypes.create_string_buffer(256)
    rect_ref = ctypes.byref(rectf)
    as_ptr = ctypes.c_void_p.from_buffer  # a pointer's address (ctypes.cast is ten times slower)
    is_generated, get_unicode, map_error = R.FPDFText_IsGenerated, R.FPDFText_GetUnicode, R.FPDFText_HasUnicodeMapError
    loose_box, text_object = R.FPDFText_GetLooseCharBox, R.FPDFText_GetTextObject
    obj_type, get_matrix = R.FPDFPageObj_GetType, R.FPDFPageObj_GetMatrix
    T_TEXT, T_PATH, T_IMAGE, T_FORM = R.FPDF_PAGEOBJ_TEXT, R.FPDF_PAGEOBJ_PATH, R.FPDF_PAGEOBJ_IMAGE, R.FPDF_PAGEOBJ_FORM
    fonts: dict[int, str] = {}  # font handle → base font name (one lookup per font, not per text object)
    load_page, close_page, media_box = R.FPDF_LoadPage, R.FPDF_ClosePage, R.FPDFPage_GetMediaBox
    get_font, font_size, char_matrix, char_origin = (R.FPDFTextObj_GetFont, R.FPDFText_GetFontSize,
                                                     R.FPDFText_GetMatrix, R.FPDFText_GetCharOrigin)
    for i in range(len(pdf)):
        # the raw page (pypdfium2's PdfPage wrapper adds a finalizer and bookkeeping per page, ~5 % of the read)
        raw = load_page(pdf.raw, i)
        if not raw:
            raise pdfium.PdfiumError("Failed to load page.")
        try:
            if media_box(raw, fl, fb, fr, ft):  # as PdfPage.get_mediabox: ANSI A when the page has no MediaBox
                x0m, y0m, x1m, y1m = fl.value, fb.value, fr.value, ft.value
            else:
                x0m, y0m, x1m, y1m = 0, 0, 612, 792
            width, height = x1m - x0m, y1m - y0m
            tp = R.FPDFText_LoadPage(raw)
            chars: list[Char] = []
            append = chars.append
            objs: dict[int, tuple[str, float]] = {}  # text object → (font name, size): fixed within an object
            try:
                n = R.FPDFText_CountChars(tp)
                # all code points in one call (one UTF-16 unit per character unless one is outside the BMP)
                ubuf = (ctypes.c_ushort * (n + 1))()
                got = R.FPDFText_GetText(tp, 0, n, ubuf) if n > 0 else 0
                units = list(ubuf[:n]) if got == n + 1 else None
                for k in range(n):
                    u = units[k] if units is not None else get_unicode(tp, k)
                    if 0xD800 <= u <= 0xDFFF:  # a surrogate half: read the code point itself
                        u = get_unicode(tp, k)
                    if u in (32, 10, 13) and is_generated(tp, k) == 1:
                        continue  # a space or line break pdfium made up
                    if map_error(tp, k) == 1 or u in (0, 0xFFFE, 0xFFFF) or 0xD800 <= u <= 0xDFFF:
                        text = "\ufffd"
                    elif u == 10 or u == 13:
                        continue
                    else:
                        text = chr(u)
                    loose_box(tp, k, rect_ref)
                    obj = text_object(tp, k)
                    key = as_ptr(obj).value or 0 if obj else 0
                    fs = objs.get(key)
                    if fs is None:
                        font = ""
                        f = get_font(obj) if obj else None
                        if f:
                            fkey = as_ptr(f).value or 0
                            font = fonts.get(fkey)
                            if font is None:
                                font = ""
                                m = R.FPDFFont_GetBaseFontName(f, name_buf, len(name_buf))
                                if m > 0:
                                    font = name_buf.raw[:max(0, min(m, len(name_buf)) - 1)].decode("utf-8", "replace")
                                fonts[fkey] = font
                        # the size as set (Tf) times the vertical scale of the character's matrix: the glyph's
                        # height, as pdfminer reports it; the box is that height above the loose box's bottom
                        char_matrix(tp, k, cmat)
                        size = font_size(tp, k) * (cmat.c * cmat.c + cmat.d * cmat.d) ** 0.5
                        fs = objs[key] = (font, size)
                    font, size = fs
                    left, right, bottom = rectf.left, rectf.right, rectf.bottom
                    x0, x1, b = left - x0m, right - x0m, y1m - bottom
                    if x1 - x0 > 2 * size or rectf.top - bottom > 2 * size:
                        # a loose box pdfium got wrong (seen on WPS's stacked one-character lines): the origin
                        # and one em, as pdfminer boxes a glyph without descent
                        char_origin(tp, k, ox, oy)
                        x0, b = ox.value - x0m, y1m - oy.value
                        x1 = x0 + size
                    append(Char(text, x0, x1, b - size, b, size, font))
            except BaseException:
                R.FPDFText_ClosePage(tp)
                raise
            rulings: list[Ruling] = []
            image_area = 0.0
            ntext = 0

            def walk(container, count, get, parent):
                nonlocal image_area, ntext
                for j in range(count(container)):
                    obj = get(container, j)
                    kind = obj_type(obj)
                    if kind == T_TEXT:
                        ntext += 1
                    elif kind == T_PATH:
                        get_matrix(obj, mat)
                        m = _mul(parent, (mat.a, mat.b, mat.c, mat.d, mat.e, mat.f))
                        _pdfium_path(R, obj, m, rulings, fill_mode, stroke, (cr, cg, cb, ca), px, py, x0m, y1m)
                    elif kind == T_IMAGE:
                        if R.FPDFPageObj_GetBounds(obj, fl, fb, fr, ft):
                            xs, ys = zip(*(_apply(parent, x, y) for x, y in
                                           ((fl.value, fb.value), (fr.value, ft.value))))
                            image_area += (max(xs) - min(xs)) * (max(ys) - min(ys))
                    elif kind == T_FORM:
                        get_matrix(obj, mat)
                        m = _mul(parent, (mat.a, mat.b, mat.c, mat.d, mat.e, mat.f))
                        walk(obj, R.FPDFFormObj_CountObjects, R.FPDFFormObj_GetObject, m)

            try:
                walk(raw, R.FPDFPage_CountObjects, R.FPDFPage_GetObject, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
            finally:
                R.FPDFText_ClosePage(tp)
            # every character's text object is one of the page's text objects (forms included), so a text object
            # none of them comes from shows as more text objects than the characters have
            lost = ntext > len(objs) - (0 in objs)
            area = width * height
            pages.append(Page(i + 1, float(width), float(height), chars, rulings,
                              min(1.0, image_area / area) if area else 0.0))
            if lost:
                # text objects whose glyphs pdfium could not map at all (seen with one-character strings in
                # non-embedded Adobe CJK fonts, UniGB-UCS2-H: reportlab, iText): this page is read by pdfplumber
                fallback.append(i)
        finally:
            close_page(raw)
    return pages


def _mul(p, m):
    """The matrix of ``m`` applied inside ``p`` (PDF order: a b c d e f)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = p
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m, x, y):
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _pdfium_path(R, obj, m, out, fill_mode, stroke, color, px, py, x0m, y1m) -> None:
    """Rulings of one path object, as the pdfplumber backend makes them from pdfminer's lines, rects and curves:
    a closed axis-aligned four-corner subpath is a rectangle (visible when stroked or filled in a non-white
    colour), a two-point subpath a line, other subpaths give their straight axis-aligned segments when stroked."""
    if not R.FPDFPath_GetDrawMode(obj, fill_mode, stroke):
        return
    cr, cg, cb, ca = color
    stroked = bool(stroke.value)
    if stroked:
        R.FPDFPageObj_GetStrokeColor(obj, cr, cg, cb, ca)
        stroked = ca.value > 0 and not is_white((cr.value / 255, cg.value / 255, cb.value / 255))
    filled = fill_mode.value != 0
    if filled:
        R.FPDFPageObj_GetFillColor(obj, cr, cg, cb, ca)
        filled = ca.value > 0 and not is_white((cr.value / 255, cg.value / 255, cb.value / 255))
    if not stroked and not filled:
        return
    subpaths: list[tuple[list[tuple[float, float]], bool, bool]] = []  # points, closed, has curves
    pts: list[tuple[float, float]] = []
    closed = curved = False
    for s in range(R.FPDFPath_CountSegments(obj)):
        seg = R.FPDFPath_GetPathSegment(obj, s)
        R.FPDFPathSegment_GetPoint(seg, px, py)
        x, y = _apply(m, px.value, py.value)
        p = (x - x0m, y1m - y)
        t = R.FPDFPathSegment_GetType(seg)
        if t == R.FPDF_SEGMENT_MOVETO:
            if pts:
                subpaths.append((pts, closed, curved))
            pts, closed, curved = [p], False, False
        else:
            if t == R.FPDF_SEGMENT_BEZIERTO:
                curved = True
            pts.append(p)
        if R.FPDFPathSegment_GetClose(seg):
            closed = True
    if pts:
        subpaths.append((pts, closed, curved))
    for pts, closed, curved in subpaths:
        ring = pts[:-1] if len(pts) > 1 and pts[-1] == pts[0] else pts
        if not curved and len(ring) == 4 and (closed or len(pts) == 5) and _axis_rect(ring):
            xs = [q[0] for q in ring]
            ys = [q[1] for q in ring]
            out += rect_rulings(min(xs), min(ys), max(xs), max(ys))
        elif not curved and len(pts) == 2 and stroked:
            (xa, ya), (xb, yb) = pts
            out.append(Ruling(min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)))
        elif stroked and not curved:
            seq = pts + ([pts[0]] if closed else [])
            for (xa, ya), (xb, yb) in zip(seq, seq[1:]):
                if abs(ya - yb) <= 1.0 or abs(xa - xb) <= 1.0:
                    out.append(Ruling(min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)))


def _axis_rect(ring) -> bool:
    """Four corners of an axis-aligned rectangle (in either winding)."""
    xs = sorted({round(q[0], 2) for q in ring})
    ys = sorted({round(q[1], 2) for q in ring})
    if len(xs) > 2 or len(ys) > 2:
        return False
    return all(abs(a[0] - b[0]) < 0.01 or abs(a[1] - b[1]) < 0.01 for a, b in zip(ring, ring[1:] + ring[:1]))
