"""OFD (GB/T 33190): pages of positioned characters and rulings read from the package's XML, handed to the shared
fixed-layout geometry (``layout.py``), so lines, paragraphs, headers/footers, headings and ruled tables come from
the same code as for PDF.

A reader of our own (zipfile + lxml, spec/extraction.md §5): elements are matched by their *local* names, so any
namespace (the standard ``http://www.ofdspec.org/2016``, a writer's own, none) reads the same.

- ``OFD.xml`` → the first ``DocBody``'s ``DocRoot`` → ``Document.xml``: ``CommonData`` (the page box
  ``PageArea/PhysicalBox``, ``PublicRes``/``DocumentRes`` resource files, ``TemplatePage``\\ s) and ``Pages`` (each
  page's ``BaseLoc``). Locations are resolved like a reader does: absolute from the package root, else relative to
  the file that names them (a page's ``BaseLoc`` may name its folder; ``Content.xml`` is then inside).
- Each page: its own ``Area/PhysicalBox`` if any, the templates it names (``Template TemplateID``, drawn below or
  above the page by ``ZOrder``), every ``Layer`` of ``Content``, ``PageBlock``\\ s inside them.
- ``TextObject``: ``Boundary`` (x y w h, mm from the page's top-left corner), ``CTM`` (a b c d e f), ``Size``, the
  font (``Font`` → ``Fonts/Font`` in the resources: name, ``Bold``; ``Weight`` ≥ 600 is bold); each ``TextCode``
  starts at ``X``/``Y`` (the baseline, in the object's space; missing → continue after the previous code) and
  advances by ``DeltaX``/``DeltaY`` (numbers, with ``g N v`` for N repeats of v; missing → the character's own
  width: a full em for CJK, half for Latin). Each character becomes a :class:`layout.Char` in points, its box from
  the baseline (ascent 0.88 em, descent 0.12 em) after CTM and Boundary.
- ``PathObject``: ``AbbreviatedData`` (M/S move, L line, Q/B curves, A arc, C close) after CTM and Boundary; its
  straight axis-aligned segments, when stroked (``Stroke``, default true) in a visible colour, are
  :class:`layout.Ruling`\\ s; a filled visible rectangle is a rule bar or a box (:func:`layout.rect_rulings`); white
  or invisible shapes are not.
- ``ImageObject``: its ``Boundary`` counts toward the page's image cover (the scan check: an OFD whose pages are
  images only is E010, like a scanned PDF).

Signatures (``Signatures``, the seal's appearance) and annotations (``Annotations``) are not read. Bounds: the zip
limits of DOCX (members, total size, ratio; checked by ``checker.extract`` before this runs), the page limit
(``max_pdf_pages``, counted before any page is parsed), the text limit while characters are placed. XML is parsed
without entities, DTDs or network. Damage (a missing or unparsable part, a DocRoot that names nothing) → E018.
"""

from __future__ import annotations

import io
import math
import posixpath
import re
import zipfile

from .. import limits
from ..document import Document
from ..errors import ExtractError
from . import layout
from .layout import Char, Page, Ruling, is_white, rect_rulings

MM = 72 / 25.4  # OFD units are millimetres; the layout works in points
ASCENT, DESCENT = 0.88, 0.12
DEFAULT_LINE_WIDTH = 0.353
_NUM = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARGS = {"M": 2, "S": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}


def bad(detail: str) -> ExtractError:
    return ExtractError("E018", detail)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _kids(el, name: str):
    return [c for c in el if _local(c.tag) == name]


def _kid(el, name: str):
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _iter(el, name: str):
    for c in el.iter():
        if _local(c.tag) == name:
            yield c


def _floats(s: str | None) -> list[float]:
    return [float(x) for x in _NUM.findall(s or "")]


def deltas(s: str | None, limit: int = 1 << 20) -> list[float]:
    """``DeltaX``/``DeltaY``: numbers, where ``g N v`` stands for N times v; at most ``limit`` of them (a TextCode
    needs one per character: ``g 100000000 1`` cannot inflate)."""
    out: list[float] = []
    if not s:
        return out
    toks = s.split()
    i = 0
    while i < len(toks) and len(out) < limit:
        t = toks[i]
        if t == "g" and i + 2 < len(toks):
            try:
                n, v = int(float(toks[i + 1])), float(toks[i + 2])
            except ValueError:
                break
            out.extend([v] * max(0, min(n, limit - len(out))))
            i += 3
            continue
        try:
            out.append(float(t))
        except ValueError:
            pass
        i += 1
    return out


class Matrix:
    """An affine transform (a b c d e f): x' = a x + c y + e, y' = b x + d y + f."""

    __slots__ = ("a", "b", "c", "d", "e", "f")

    def __init__(self, a=1.0, b=0.0, c=0.0, d=1.0, e=0.0, f=0.0) -> None:
        self.a, self.b, self.c, self.d, self.e, self.f = a, b, c, d, e, f

    @classmethod
    def parse(cls, s: str | None) -> "Matrix":
        v = _floats(s)
        return cls(*v[:6]) if len(v) >= 6 else cls()

    def apply(self, x: float, y: float) -> tuple[float, float]:
        return self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f

    def then(self, dx: float, dy: float) -> "Matrix":
        """This transform followed by a translation."""
        return Matrix(self.a, self.b, self.c, self.d, self.e + dx, self.f + dy)

    @property
    def scale_y(self) -> float:
        return math.hypot(self.c, self.d) or 1.0


# ------------------------------------------------------------------------------------------------ package


class Package:
    """The zip, with bounded XML parsing and location resolution."""

    def __init__(self, data: bytes) -> None:
        try:
            self.z = zipfile.ZipFile(io.BytesIO(data))
            self.names = set(self.z.namelist())
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as e:
            raise bad(str(e) or "bad zip") from None
        self.parser = limits.safe_xml_parser()

    def resolve(self, loc: str | None, base_dir: str) -> str | None:
        if not loc:
            return None
        loc = loc.strip().replace("\\", "/")
        cands = [loc.lstrip("/")] if loc.startswith("/") else [posixpath.normpath(posixpath.join(base_dir, loc)),
                                                                loc]
        for c in cands:
            c = c.lstrip("/")
            if c in self.names:
                return c
            inner = posixpath.join(c, "Content.xml")
            if inner in self.names:
                return inner
        return None

    def xml(self, name: str):
        from lxml import etree

        try:
            raw = self.z.read(name)
        except KeyError:
            raise bad(f"{name} missing") from None
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as e:
            raise bad(f"{name}: {e}"[:120]) from None
        try:
            return etree.fromstring(raw, self.parser)
        except etree.XMLSyntaxError as e:
            raise bad(f"{name}: {e}"[:120]) from None


# ------------------------------------------------------------------------------------------------ resources


def _fonts(pkg: Package, res_names: list[str]) -> dict[str, str]:
    """Font ID → a name for the layout (bold faces marked so that ``layout`` sees the weight)."""
    out: dict[str, str] = {}
    for name in res_names:
        root = pkg.xml(name)
        for f in _iter(root, "Font"):
            fid = f.get("ID")
            if not fid:
                continue
            label = f.get("FontName") or f.get("FamilyName") or ""
            if (f.get("Bold") or "").lower() == "true" and "bold" not in label.lower():
                label += " Bold"
            out[fid] = label
    return out


# ------------------------------------------------------------------------------------------------ objects


class PageReader:
    """Characters, rulings and image cover of one page (its templates and layers)."""

    def __init__(self, fonts: dict[str, str], width: float, height: float, budget: list[int]) -> None:
        self.fonts = fonts
        self.width, self.height = width, height
        self.chars: list[Char] = []
        self.rulings: list[Ruling] = []
        self.image_area = 0.0
        self.budget = budget  # characters still allowed (max_text_chars), shared by the pages

    def content(self, root) -> None:
        content = _kid(root, "Content")
        if content is None:
            return
        for layer in _kids(content, "Layer"):
            self.objects(layer)

    def objects(self, parent) -> None:
        for el in parent:
            name = _local(el.tag)
            if name == "PathObject" and (el.get("Visible") or "").lower() == "false":
                continue  # an invisible shape draws no rule (invisible text stays text, as in a PDF's OCR layer)
            if name == "TextObject":
                self.text(el)
            elif name == "PathObject":
                self.path(el)
            elif name == "ImageObject":
                self.image(el)
            elif name == "PageBlock":
                self.objects(el)

    @staticmethod
    def _frame(el) -> tuple[Matrix, tuple[float, float, float, float]]:
        bx = _floats(el.get("Boundary"))
        box = tuple(bx[:4]) if len(bx) >= 4 else (0.0, 0.0, 0.0, 0.0)
        return Matrix.parse(el.get("CTM")).then(box[0], box[1]), box  # type: ignore[return-value]

    def text(self, el) -> None:
        m, _ = self._frame(el)
        size = _floats(el.get("Size"))
        size = size[0] if size else 3.5
        font = self.fonts.get(el.get("Font") or "", "")
        weight = _floats(el.get("Weight"))
        if weight and weight[0] >= 600 and "bold" not in font.lower():
            font += " Bold"
        em = size * m.scale_y  # the glyph height on the page (mm)
        x = y = 0.0
        for tc in _kids(el, "TextCode"):
            s = tc.text or ""
            if not s:
                continue
            xs, ys = _floats(tc.get("X")), _floats(tc.get("Y"))
            if xs:
                x = xs[0]
            if ys:
                y = ys[0]
            dx, dy = deltas(tc.get("DeltaX"), len(s)), deltas(tc.get("DeltaY"), len(s))
            self.budget[0] -= len(s)
            if self.budget[0] < 0:
                lim = limits.current().max_text_chars
                raise limits.exceeded("max_text_chars: text length", f"{lim}+", lim)
            a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
            up, down = ASCENT * em * MM, DESCENT * em * MM
            size_pt, half = em * MM, size / 2
            chars = self.chars
            nd, ny = len(dx), len(dy)
            for i, ch in enumerate(s):
                adv = dx[i] if i < nd else (size if ord(ch) > 0x2000 else half)
                px, py = a * x + c * y + e, b * x + d * y + f
                if not ch.isspace():
                    qx = px + a * (adv if adv > 0 else size)
                    x0, x1 = (px, qx) if px <= qx else (qx, px)
                    py *= MM
                    chars.append(Char(ch, x0 * MM, x1 * MM, py - up, py + down, size_pt, font))
                x += adv
                if i < ny:
                    y += dy[i]

    def path(self, el) -> None:
        m, _ = self._frame(el)
        stroke = (el.get("Stroke") or "true").lower() != "false"
        fill = (el.get("Fill") or "false").lower() == "true"
        sc, fc = _kid(el, "StrokeColor"), _kid(el, "FillColor")
        if stroke and sc is not None and is_white(_color(sc)):
            stroke = False
        if fill and fc is not None and is_white(_color(fc)):
            fill = False
        if not stroke and not fill:
            return
        data = _kid(el, "AbbreviatedData")
        if data is None or not data.text:
            return
        for pts, closed in _subpaths(data.text):
            page_pts = [m.apply(px, py) for px, py in pts]
            if fill and closed and _is_rect(page_pts):
                xs = [p[0] for p in page_pts]
                ys = [p[1] for p in page_pts]
                self.rulings += rect_rulings(min(xs) * MM, min(ys) * MM, max(xs) * MM, max(ys) * MM)
                continue
            if not stroke:
                continue
            segs = list(zip(page_pts, page_pts[1:]))
            if closed and len(page_pts) > 2:
                segs.append((page_pts[-1], page_pts[0]))
            for (ax, ay), (bx, by) in segs:
                if abs(ay - by) < 0.05 or abs(ax - bx) < 0.05:
                    self.rulings.append(Ruling(min(ax, bx) * MM, min(ay, by) * MM, max(ax, bx) * MM,
                                               max(ay, by) * MM))

    def image(self, el) -> None:
        bx = _floats(el.get("Boundary"))
        if len(bx) < 4:
            return
        x, y, w, h = bx[:4]
        w = max(0.0, min(x + w, self.width) - max(x, 0.0))
        h = max(0.0, min(y + h, self.height) - max(y, 0.0))
        self.image_area += w * h


def _color(el) -> tuple[float, ...] | None:
    v = _floats(el.get("Value"))
    if not v:
        return None
    return tuple(min(1.0, x / 255) for x in v)


def _subpaths(s: str):
    """(points, closed) of each subpath of ``AbbreviatedData``; curves and arcs keep only their end points (they
    are never rulings, but they end where the next straight segment starts)."""
    toks = _PATH_TOKEN.findall(s)
    pts: list[tuple[float, float]] = []
    closed = False
    i = 0
    cmd = None
    while i < len(toks):
        t = toks[i]
        if t.isalpha():
            cmd = t.upper()
            i += 1
            if cmd == "C":
                if pts:
                    yield pts, True
                pts, closed = [], False
                continue
            if cmd not in _ARGS:
                cmd = None
            continue
        if cmd is None:
            i += 1
            continue
        n = _ARGS[cmd]
        args = toks[i:i + n]
        if len(args) < n:
            break
        try:
            v = [float(a) for a in args]
        except ValueError:
            break
        i += n
        if cmd in ("M", "S"):
            if len(pts) > 1:
                yield pts, closed
            pts = [(v[0], v[1])]
        elif cmd == "L":
            pts.append((v[0], v[1]))
        else:  # Q, B, A: a curve; not straight
            if pts:
                yield pts, False
            pts = [(v[-2], v[-1])]
    if len(pts) > 1:
        yield pts, closed


def _is_rect(pts: list[tuple[float, float]]) -> bool:
    p = pts[:-1] if len(pts) == 5 and pts[0] == pts[-1] else pts
    if len(p) != 4:
        return False
    xs = sorted({round(x, 2) for x, _ in p})
    ys = sorted({round(y, 2) for _, y in p})
    return len(xs) == 2 and len(ys) == 2


# ------------------------------------------------------------------------------------------------ entry


def _box(el) -> tuple[float, float, float, float] | None:
    if el is None:
        return None
    pa = el if _local(el.tag) == "PhysicalBox" else _kid(el, "PhysicalBox")
    v = _floats(pa.text if pa is not None else None)
    return tuple(v[:4]) if len(v) >= 4 and v[2] > 0 and v[3] > 0 else None  # type: ignore[return-value]


def extract(data: bytes, name: str) -> Document:
    pages, n_docs = read_pages(data)
    doc = layout.build(pages, name, "ofd")
    if n_docs > 1:
        doc.notes.append(f"OFD with {n_docs} documents: the first was read")
    return doc


def read_pages(data: bytes) -> tuple[list[Page], int]:
    """The pages of the first document of the package (:class:`layout.Page`) and the number of documents."""
    pkg = Package(data)
    root = pkg.xml("OFD.xml")
    doc_root = None
    bodies = list(_iter(root, "DocBody"))
    for body in bodies:
        dr = _kid(body, "DocRoot")
        if dr is not None and (dr.text or "").strip():
            doc_root = dr.text.strip()
            break
    if doc_root is None:
        raise bad("OFD.xml names no DocRoot")
    doc_name = pkg.resolve(doc_root, "")
    if doc_name is None:
        raise bad(f"DocRoot {doc_root} missing")
    doc_dir = posixpath.dirname(doc_name)
    document = pkg.xml(doc_name)
    common = _kid(document, "CommonData")
    default_box = _box(_kid(common, "PageArea")) if common is not None else None
    res_names: list[str] = []
    templates: dict[str, str] = {}
    if common is not None:
        for r in list(_kids(common, "PublicRes")) + list(_kids(common, "DocumentRes")):
            loc = pkg.resolve(r.text, doc_dir)
            if loc:
                res_names.append(loc)
        for tp in _kids(common, "TemplatePage"):
            loc = pkg.resolve(tp.get("BaseLoc"), doc_dir)
            if tp.get("ID") and loc:
                templates[tp.get("ID")] = loc
    pages_el = _kid(document, "Pages")
    page_refs = _kids(pages_el, "Page") if pages_el is not None else []
    limits.check_pages(len(page_refs))  # E020 before any page is parsed
    if not page_refs:
        raise bad("no pages")
    fonts = _fonts(pkg, res_names)
    budget = [limits.current().max_text_chars]
    pages: list[Page] = []
    tpl_cache: dict[str, object] = {}
    for i, ref in enumerate(page_refs):
        loc = pkg.resolve(ref.get("BaseLoc"), doc_dir)
        if loc is None:
            raise bad(f"page {i + 1}: {ref.get('BaseLoc')} missing")
        proot = pkg.xml(loc)
        page_fonts = fonts
        for pr in _kids(proot, "PageRes"):
            rl = pkg.resolve(pr.text, posixpath.dirname(loc))
            if rl:
                page_fonts = {**fonts, **_fonts(pkg, [rl])}
        box = _box(_kid(proot, "Area")) or default_box or (0.0, 0.0, 210.0, 297.0)
        w, h = box[2], box[3]
        rd = PageReader(page_fonts, w, h, budget)
        below, above = [], []
        for t in _kids(proot, "Template"):
            tl = templates.get(t.get("TemplateID") or "")
            if tl:
                (above if (t.get("ZOrder") or "").lower() == "foreground" else below).append(tl)
        for tl in below:
            rd.content(tpl_cache.setdefault(tl, pkg.xml(tl)))
        rd.content(proot)
        for tl in above:
            rd.content(tpl_cache.setdefault(tl, pkg.xml(tl)))
        cover = min(1.0, rd.image_area / (w * h)) if w * h else 0.0
        pages.append(Page(i + 1, w * MM, h * MM, rd.chars, rd.rulings, cover))
    return pages, len(bodies)
