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
sends OLE .doc/.wps files to ``doc.py`` and HTML saved as .docx to the HTML extractor).
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
NUMPR, NUMID, ILVL = _q("numPr"), _q("numId"), _q("ilvl")
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


CN_DIGITS = "〇一二三四五六七八九"
CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def _cn(n: int, digits: str = CN_DIGITS, ten: str = "十") -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (numbers up to 99; larger ones in digits)."""
    if n <= 0 or n >= 100:
        return str(n)
    t, u = divmod(n, 10)
    return (digits[t] if t > 1 else "") + (ten if t else "") + (digits[u] if u else "")


def _roman(n: int) -> str:
    out = ""
    for v, r in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + r, n - v
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "japaneseCounting",
               "taiwaneseCountingThousand"):
        return _cn(n)
    if fmt == "chineseLegalSimplified":
        return _cn(n, CN_LEGAL, "拾")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(CN_DIGITS[int(d)] for d in str(n))
    if fmt in ("ideographTraditional",) and 1 <= n <= 10:
        return TIANGAN[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt in ("upperLetter", "lowerLetter"):
        s = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s if fmt == "upperLetter" else s.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    return str(n)


class _Numbering:
    """Word's automatic list numbers ("一、" "（一）" "1." written by the numbering part, not in the text), so a
    heading numbered by Word reads the way it prints. Bullets are left out. Counters run per list (numId)."""

    def __init__(self, doc) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → ilvl → (numFmt, lvlText, start)
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = doc.part.numbering_part.element
        except Exception:  # no numbering part
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.iter(_q("abstractNum")):
            abstract[an.get(_q("abstractNumId"))] = self._levels(an)
        for num in root.iter(_q("num")):
            ref = num.find(_q("abstractNumId"))
            if ref is None:
                continue
            lv = dict(abstract.get(ref.get(VAL), {}))
            for ov in num.iter(_q("lvlOverride")):
                ilvl = int(ov.get(_q("ilvl"), "0"))
                so = ov.find(_q("startOverride"))
                if so is not None and ilvl in lv and (so.get(VAL) or "").isdigit():
                    f, t, _ = lv[ilvl]
                    lv[ilvl] = (f, t, int(so.get(VAL)))
                lv.update(self._levels(ov))
            self.levels[num.get(_q("numId"))] = lv

    @staticmethod
    def _levels(el) -> dict[int, tuple[str, str, int]]:
        out = {}
        for lvl in el.findall(_q("lvl")):
            ilvl = int(lvl.get(_q("ilvl"), "0"))
            fmt_el, text_el, start_el = lvl.find(_q("numFmt")), lvl.find(_q("lvlText")), lvl.find(_q("start"))
            fmt = fmt_el.get(VAL, "decimal") if fmt_el is not None else "decimal"
            text = text_el.get(VAL, "") if text_el is not None else ""
            start = int(start_el.get(VAL)) if start_el is not None and (start_el.get(VAL) or "").isdigit() else 1
            out[ilvl] = (fmt, text, start)
        return out

    def label(self, num_id: str | None, ilvl: int) -> str:
        lv = self.levels.get(num_id or "")
        if not lv or ilvl not in lv or num_id == "0":
            return ""
        fmt, text, start = lv[ilvl]
        if fmt in ("bullet", "none"):
            return ""
        cnt = self.counters.setdefault(num_id, {})
        cnt[ilvl] = cnt.get(ilvl, start - 1) + 1
        for deeper in [k for k in cnt if k > ilvl]:
            del cnt[deeper]

        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            if k not in lv:
                return ""
            return _format(cnt.get(k, lv[k][2]), lv[k][0])

        return re.sub(r"%(\d)", sub, text)


class _Styles:
    """Style id → (name, outline level, numbering), read once from the styles part."""

    def __init__(self, doc) -> None:
        self.level: dict[str, int] = {}
        self.num: dict[str, tuple[str, int]] = {}  # style id → (numId, ilvl) of a style-linked list
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
            npr = ppr.find(NUMPR) if ppr is not None else None
            if npr is not None:
                nid, il = npr.find(NUMID), npr.find(ILVL)
                if nid is not None:
                    self.num[sid] = (nid.get(VAL), int(il.get(VAL)) if il is not None else 0)
            if lvl is None and ppr is not None:
                ol = ppr.find(OUTLINE)
                if ol is not None and (ol.get(VAL) or "").isdigit() and int(ol.get(VAL)) < 9:
                    lvl = int(ol.get(VAL)) + 1
            if name.lower() == "title" or name == "标题":
                lvl = 0
            if lvl is not None:
                self.level[sid] = lvl


def _para_props(p) -> tuple[str | None, str | None, int | None, tuple[str, int] | None]:
    """Style id, justification, outline level and own numbering (numId, ilvl) of a paragraph."""
    ppr = p.find(PPR)
    if ppr is None:
        return None, None, None, None
    st = ppr.find(PSTYLE)
    jc = ppr.find(JC)
    ol = ppr.find(OUTLINE)
    lvl = int(ol.get(VAL)) + 1 if ol is not None and (ol.get(VAL) or "").isdigit() and int(ol.get(VAL)) < 9 else None
    num = None
    npr = ppr.find(NUMPR)
    if npr is not None:
        nid, il = npr.find(NUMID), npr.find(ILVL)
        if nid is not None:
            num = (nid.get(VAL), int(il.get(VAL)) if il is not None and (il.get(VAL) or "").isdigit() else 0)
    return (st.get(VAL) if st is not None else None), (jc.get(VAL) if jc is not None else None), lvl, num


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


def _children(el, tag):
    """Children of ``el`` with ``tag``, descending into content controls (w:sdt)."""
    for ch in el:
        if ch.tag == tag:
            yield ch
        elif ch.tag == SDT:
            c = ch.find(SDTCONTENT)
            if c is not None:
                yield from (x for x in c if x.tag == tag)


def _rows(tbl):
    return _children(tbl, TR)


def _cells(tr):
    return _children(tr, TC)


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
    numbering = _Numbering(d)
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
        sid, jc, own_lvl, num = _para_props(el)
        if num is None and sid in styles.num:
            num = styles.num[sid]
        if text and num is not None:
            label = numbering.label(*num)
            if label:
                text = _clean(label + (" " if label[-1].isascii() and label[-1].isalnum() else "") + text)
        if text:
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
