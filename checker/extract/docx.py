"""DOCX: the body's paragraphs and tables in document order, headings, merged cells as spans, text boxes, headers
and footers (spec/extraction.md §3).

Opened with python-docx; the body is then read straight from its XML (one walk, no per-paragraph style lookups:
``paragraph.style.name`` costs ~0.5 ms a call, so style ids are mapped to names and outline levels once per
document). Block order is body order (paragraphs, tables, content controls' contents); ``Block.index`` is the
0-based position of the paragraph or table among the body's children, so a finding can name the paragraph.

- Paragraph text: runs, hyperlinks, insertions, fields' cached results, tabs; deleted text is left out; a soft
  line break is kept as a line break. Text in text boxes (``w:txbxContent``) becomes its own paragraph block after
  the paragraph that anchors it (the VML fallback copy of the same box is skipped).
- Headings: the numbering pattern (一、 … / （一）) on a short paragraph; a heading style ("Heading N", "标题 N")
  or an outline level gives the level when the text has no pattern. The leading centred paragraphs that name the
  report are the TITLE.
- Tables: read from ``w:tr``/``w:tc``: ``w:gridSpan`` is the colspan, ``w:vMerge`` restart/continue the rowspan,
  ``w:gridBefore`` shifts a row; a merged cell's text is kept once, at its top-left slot (python-docx's
  ``row.cells`` would repeat it in every covered slot).
- Headers and footers of every section (each part once) become HEADER blocks before the body and FOOTER blocks
  after it.

Errors: a broken zip or a package without ``word/document.xml`` → E013 (the sniffer in ``checker.extract``
sends OLE .doc/.wps files to E014 and HTML saved as .docx to the HTML extractor).
"""

from __future__ import annotations

import io
import re
import zipfile

from ..document import FOOTER, HEADER, HEADING, PARAGRAPH, TABLE, TITLE, Block, Cell, Document, Table, assemble
from ..errors import ExtractError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


T, TAB, BR, CR, P, TBL, TR, TC, SDT, SDTCONTENT = (_q(x) for x in ("t", "tab", "br", "cr", "p", "tbl", "tr", "tc",
                                                                   "sdt", "sdtContent"))
PPR, RPR, TCPR, TRPR, PSTYLE, JC, OUTLINE, VAL = (_q(x) for x in ("pPr", "rPr", "tcPr", "trPr", "pStyle", "jc",
                                                                  "outlineLvl", "val"))
GRIDSPAN, VMERGE, GRIDBEFORE, GRIDCOL, TBLGRID = (_q(x) for x in ("gridSpan", "vMerge", "gridBefore", "gridCol",
                                                                 "tblGrid"))
TXBX, DEL, DELTEXT, INSTR, B, R, NOBREAKHYPHEN = (_q(x) for x in ("txbxContent", "del", "delText", "instrText",
                                                                  "b", "r", "noBreakHyphen"))
FALLBACK = f"{{{MC}}}Fallback"
SKIP = frozenset({DEL, INSTR, PPR, RPR, TCPR, TRPR, FALLBACK, _q("footnoteReference"), _q("commentReference"),
                  _q("fldData")})

TOP_HEADING = re.compile(r"^\s*(?:第[一二三四五六七八九十]{1,3}(?:部分|章)|[一二三四五六七八九十]{1,3}\s*[、．.])")
SUB_HEADING = re.compile(r"^\s*[（(][一二三四五六七八九十]{1,3}[)）]")
STYLE_LEVEL = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef])[ \u3000]+(?=[\u3000-\u303f\u3400-\u9fff"
                        r"\uff00-\uffef\d])|(?<=\d)[ \u3000]+(?=[\u3400-\u9fff])")


def _text(el, boxes: list | None) -> str:
    """The visible text under ``el``; text boxes are collected into ``boxes`` (not inlined)."""
    out: list[str] = []

    def walk(node) -> None:
        for ch in node:
            tag = ch.tag
            if tag == T:
                out.append(ch.text or "")
            elif tag == TAB:
                out.append("\t")
            elif tag == BR:
                if ch.get(_q("type")) in (None, "textWrapping"):
                    out.append("\n")
            elif tag == CR:
                out.append("\n")
            elif tag == NOBREAKHYPHEN:
                out.append("-")
            elif tag == TXBX:
                if boxes is not None:
                    boxes.append(ch)
            elif tag in SKIP or not isinstance(tag, str):
                continue
            else:
                walk(ch)

    walk(el)
    return "".join(out)


def _join(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalpha():
        return a + " " + b
    return a + b


class _Styles:
    """Style id → (name, outline level), read once from the styles part."""

    def __init__(self, doc) -> None:
        self.level: dict[str, int] = {}
        try:
            root = doc.styles.element
        except Exception:  # a package without a styles part
            return
        for st in root.iter(_q("style")):
            sid = st.get(_q("styleId"))
            if not sid:
                continue
            name_el = st.find(_q("name"))
            name = name_el.get(VAL, "") if name_el is not None else ""
            m = STYLE_LEVEL.match(name.strip())
            lvl = int(m.group(1)) if m else None
            ppr = st.find(PPR)
            if lvl is None and ppr is not None:
                ol = ppr.find(OUTLINE)
                if ol is not None and (ol.get(VAL) or "").isdigit() and int(ol.get(VAL)) < 9:
                    lvl = int(ol.get(VAL)) + 1
            if name.lower() == "title" or name == "标题":
                lvl = 0
            if lvl is not None:
                self.level[sid] = lvl


def _para_props(p) -> tuple[str | None, str | None, int | None]:
    ppr = p.find(PPR)
    if ppr is None:
        return None, None, None
    st = ppr.find(PSTYLE)
    jc = ppr.find(JC)
    ol = ppr.find(OUTLINE)
    lvl = int(ol.get(VAL)) + 1 if ol is not None and (ol.get(VAL) or "").isdigit() and int(ol.get(VAL)) < 9 else None
    return (st.get(VAL) if st is not None else None), (jc.get(VAL) if jc is not None else None), lvl


def _bold(p) -> bool:
    runs = [r for r in p.iter(R) if any((t.text or "").strip() for t in r.iter(T))]
    if not runs:
        return False
    for r in runs:
        rpr = r.find(RPR)
        b = rpr.find(B) if rpr is not None else None
        if b is None or b.get(VAL) in ("0", "false"):
            return False
    return True


def _clean(s: str) -> str:
    return _CJK_SPACE.sub("", s.replace("\u00a0", " ")).strip()


def _table(tbl) -> Table:
    cells: list[Cell] = []
    open_v: dict[int, Cell] = {}  # grid column → the cell whose vertical merge is open there
    n_cols = 0
    grid = tbl.find(TBLGRID)
    if grid is not None:
        n_cols = len(grid.findall(GRIDCOL))
    rows = [tr for tr in _rows(tbl)]
    for r, tr in enumerate(rows):
        col = 0
        trpr = tr.find(TRPR)
        if trpr is not None:
            gb = trpr.find(GRIDBEFORE)
            if gb is not None and (gb.get(VAL) or "").isdigit():
                col = int(gb.get(VAL))
        for tc in _cells(tr):
            tcpr = tc.find(TCPR)
            span, vm = 1, None
            if tcpr is not None:
                gs = tcpr.find(GRIDSPAN)
                if gs is not None and (gs.get(VAL) or "").isdigit():
                    span = max(1, int(gs.get(VAL)))
                v = tcpr.find(VMERGE)
                if v is not None:
                    vm = v.get(VAL) or "continue"
            if vm == "continue" and col in open_v:
                anchor = open_v[col]
                anchor.rowspan = r - anchor.row + 1
            else:
                text = ""
                for p in tc.iter(P):
                    text = _join(text, _clean(_text(p, None).replace("\n", "")))
                cell = Cell(r, col, text, 1, span)
                cells.append(cell)
                for j in range(col, col + span):
                    open_v.pop(j, None)
                if vm == "restart":
                    open_v[col] = cell
            col += span
        n_cols = max(n_cols, col)
    return Table(cells=cells, n_rows=len(rows), n_cols=n_cols)


def _rows(tbl):
    for ch in tbl:
        if ch.tag == TR:
            yield ch
        elif ch.tag == SDT:
            c = ch.find(SDTCONTENT)
            if c is not None:
                yield from (x for x in c if x.tag == TR)


def _cells(tr):
    for ch in tr:
        if ch.tag == TC:
            yield ch
        elif ch.tag == SDT:
            c = ch.find(SDTCONTENT)
            if c is not None:
                yield from (x for x in c if x.tag == TC)


def _body_items(body):
    """Top-level paragraphs and tables in order, descending into block-level content controls."""
    for ch in body:
        if ch.tag in (P, TBL):
            yield ch
        elif ch.tag == SDT:
            c = ch.find(SDTCONTENT)
            if c is not None:
                yield from _body_items(c)


def _heading(text: str, style_level: int | None, bold: bool) -> int | None:
    if not text or len(text) > 40 or text.endswith(("。", "；", "，")):
        return None
    if TOP_HEADING.match(text):
        return 1
    if SUB_HEADING.match(text) and (bold or style_level or len(text) <= 25):
        return 2
    if style_level:
        return style_level
    return None


def _chrome(doc) -> tuple[list[str], list[str]]:
    """Texts of every header and footer part (each part once)."""
    heads: list[str] = []
    foots: list[str] = []
    seen: set[str] = set()
    for sec in doc.sections:
        for attr, out in (("header", heads), ("first_page_header", heads), ("even_page_header", heads),
                          ("footer", foots), ("first_page_footer", foots), ("even_page_footer", foots)):
            try:
                hf = getattr(sec, attr)
                if hf.is_linked_to_previous:
                    continue
                part = hf.part
            except Exception:
                continue
            key = str(part.partname)
            if key in seen:
                continue
            seen.add(key)
            for p in part.element.iter(P):
                t = _clean(_text(p, None))
                if t:
                    out.append(t)
    return heads, foots


def extract(data: bytes, name: str) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if "word/document.xml" not in z.namelist():
                raise ExtractError("E013", "word/document.xml missing")
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as e:
        raise ExtractError("E013", str(e) or "bad zip") from None
    try:
        d = docx.Document(io.BytesIO(data))
        body = d.element.body
    except ExtractError:
        raise
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile, ValueError, OSError, EOFError) as e:
        raise ExtractError("E013", f"{type(e).__name__}: {e}"[:120]) from None
    except Exception as e:  # lxml XMLSyntaxError on a damaged part, …
        raise ExtractError("E013", f"{type(e).__name__}: {e}"[:120]) from None
    styles = _Styles(d)
    heads, foots = _chrome(d)
    blocks: list[Block] = [Block(HEADER, t) for t in heads]
    title_open = True
    seen_text = False
    for idx, el in enumerate(_body_items(body)):
        if el.tag == TBL:
            t = _table(el)
            if t.cells:
                blocks.append(Block(TABLE, "", index=idx, table=t))
                title_open = False
                seen_text = True
            continue
        boxes: list = []
        text = _clean(_text(el, boxes))
        if text:
            sid, jc, own_lvl = _para_props(el)
            slvl = own_lvl if own_lvl is not None else styles.level.get(sid) if sid else None
            bold = _bold(el)
            if title_open and (jc == "center" or slvl == 0) and not TOP_HEADING.match(text):
                if blocks and blocks[-1].kind == TITLE:
                    blocks[-1].text = _join(blocks[-1].text, text)
                else:
                    blocks.append(Block(TITLE, text, index=idx, bold=bold))
                seen_text = True
            else:
                title_open = False
                level = _heading(text, slvl or None, bold)
                blocks.append(Block(HEADING if level else PARAGRAPH, text, index=idx, level=level, bold=bold))
                seen_text = True
        for box in boxes:
            for p in box.iter(P):
                bt = _clean(_text(p, None))
                if bt:
                    blocks.append(Block(PARAGRAPH, bt, index=idx))
    for b in blocks:
        if b.kind == TITLE and "报告" not in b.text:  # a centred line that does not name the report
            b.kind = PARAGRAPH
    blocks += [Block(FOOTER, t) for t in foots]
    if not seen_text and not heads and not foots:
        raise ExtractError("E002")
    return assemble(name, "docx", blocks)
