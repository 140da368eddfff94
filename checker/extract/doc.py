"""DOC / WPS: Word 97–2003 binary documents (and WPS files saved in the same format), read without Word or
LibreOffice ([MS-DOC]; olefile opens the OLE2 compound file).

- **FIB** at the start of the ``WordDocument`` stream: ``wIdent`` 0xA5EC, ``nFib`` ≥ 0x00C1 (Word 97+; Word 6/95
  files → E014, save as DOCX), ``fEncrypted``/``fObfuscated`` → E016, ``fWhichTblStm`` picks ``0Table``/``1Table``,
  ``ccpText``/``ccpFtn``/``ccpHdd`` the lengths of the main text, the footnotes and the header document,
  ``fcClx``/``lcbClx``, ``fcPlcfBtePapx``, ``fcPlcfHdd``.
- **Piece table** (the CLX's PlcPcd in the table stream): each piece maps a CP range to the stream, 8-bit
  (``fCompressed``: cp1252 at fc/2) or UTF-16. Pieces are followed in CP order wherever they sit in the stream (a
  fast save appends them out of order). A piece table that does not parse or points outside the stream → E017
  (“fast-saved” said so when ``fComplex`` is set).
- **Paragraphs** end at 0x0D; table cells at 0x07. Each paragraph mark's properties come from the PAPX FKPs
  (``PlcBtePapx`` → 512-byte FKP pages; a PAPX in the Data stream through ``sprmPHugePapx``): ``sprmPFInTable``,
  ``sprmPFTtp`` (the row end), ``sprmPJc`` (centred), ``sprmPOutLvl``, and on the row end ``sprmTDefTable``: the cell
  boundaries (twips) and TC80 merge flags, from which the table's column grid (the union of every row's boundaries)
  gives each cell its colspan, and vertical merges (restart / continue) its rowspan; a merged cell's text is kept
  once, at its top-left slot, as for DOCX. Without PAPX the row ends are guessed (an empty cell-terminated
  paragraph after a cell).
- **List numbers** Word writes itself (``sprmPIlfo``/``sprmPIlvl`` → PlfLfo → PlfLst and its LVLs: number format,
  number text, start, overrides) are put before the paragraph's text, as DOCX's numbering part is, so a heading
  numbered "一、" by Word reads as printed.
- **Fields** (0x13 instruction 0x14 result 0x15, nested) show their result; pictures, objects and note
  references are dropped; 0x0B is a line break, 0x0C (page or section break) ends a paragraph.
- **Headers and footers**: the header document (after the main text and the footnotes) split by ``PlcfHdd`` into
  stories (six separator stories, then per section: even/odd/first headers and footers) → HEADER blocks before the
  body and FOOTER blocks after it, each text once.

Headings and the title are found as for DOCX (numbering pattern; leading centred paragraphs naming the report).
``Block.index`` is the position of the paragraph or table in the body (a table counts once), as for DOCX.
"""

from __future__ import annotations

import bisect
import codecs
import io
import struct
from dataclasses import dataclass, field

from .. import limits
from ..document import FOOTER, HEADER, HEADING, PARAGRAPH, TABLE, TITLE, Block, Cell, Document, Table, assemble
from ..errors import ExtractError
from .docx import TOP_HEADING, _clean, _heading, _join

W_IDENT = 0xA5EC
NFIB_97 = 0x00C1
# FibRgFcLcb97 pair indices
FC_PLCFHDD, FC_PLCFBTEPAPX, FC_CLX, FC_PLFLST, FC_PLFLFO = 11, 13, 33, 73, 74
sprmPFInTable, sprmPFTtp, sprmPJc80, sprmPJc, sprmPOutLvl = 0x2416, 0x2417, 0x2403, 0x2461, 0x2640
sprmPItap, sprmPFInnerTtp, sprmPHugePapx = 0x6649, 0x244C, 0x6646
sprmTDefTable, sprmTDefTable10, sprmPChgTabs = 0xD608, 0xD606, 0xC615
sprmPIlfo, sprmPIlvl = 0x460B, 0x260A
# MSONFC number formats → the OOXML names that docx._format knows
NFC = {0: "decimal", 1: "upperRoman", 2: "lowerRoman", 3: "upperLetter", 4: "lowerLetter", 10: "ideographDigital",
       11: "japaneseCounting", 18: "decimalEnclosedCircle", 19: "decimalFullWidth", 22: "decimalZero",
       23: "bullet", 30: "ideographTraditional", 33: "taiwaneseCounting", 35: "taiwaneseCountingThousand",
       36: "taiwaneseDigital", 37: "chineseCounting", 38: "chineseLegalSimplified", 39: "chineseCountingThousand",
       255: "none"}
MAX_FKP_PAGES = 100_000
FIELD_BEGIN, FIELD_SEP, FIELD_END = "\x13", "\x14", "\x15"
DROP = dict.fromkeys(map(ord, "\x01\x02\x03\x04\x05\x08\x1f"), None) | {0x1E: "-", 0xA0: " "}


def bad(detail: str) -> ExtractError:
    return ExtractError("E017", detail)


# ------------------------------------------------------------------------------------------------ FIB


@dataclass
class Fib:
    nfib: int
    flags: int
    ccp_text: int
    ccp_ftn: int
    ccp_hdd: int
    ccp_rest: int  # macros, annotations, endnotes, text boxes, header text boxes
    fclcb: list[int]

    @property
    def encrypted(self) -> bool:
        return bool(self.flags & 0x0100) or bool(self.flags & 0x8000)

    @property
    def complex(self) -> bool:
        return bool(self.flags & 0x0004)

    @property
    def table_stream(self) -> str:
        return "1Table" if self.flags & 0x0200 else "0Table"

    def pair(self, index: int) -> tuple[int, int]:
        if 2 * index + 1 >= len(self.fclcb):
            return 0, 0
        return self.fclcb[2 * index], self.fclcb[2 * index + 1]


def read_fib(word: bytes) -> Fib:
    if len(word) < 0x22:
        raise bad("WordDocument stream too short for a FIB")
    ident, nfib = struct.unpack_from("<HH", word, 0)
    if ident != W_IDENT:
        raise bad(f"no Word FIB (wIdent {ident:#06x})")
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if nfib < NFIB_97 and not (flags & 0x0100):
        raise ExtractError("E014", f"Word 6/95, nFib {nfib:#06x}")
    if flags & 0x0100 or flags & 0x8000:
        return Fib(nfib, flags, 0, 0, 0, 0, [])
    pos = 0x20
    csw = struct.unpack_from("<H", word, pos)[0]
    pos += 2 + 2 * csw
    if pos + 2 > len(word):
        raise bad("FIB truncated")
    cslw = struct.unpack_from("<H", word, pos)[0]
    pos += 2
    if cslw < 11 or pos + 4 * cslw + 2 > len(word):
        raise bad("FIB truncated (FibRgLw97)")
    lw = struct.unpack_from(f"<{cslw}i", word, pos)
    pos += 4 * cslw
    cb = struct.unpack_from("<H", word, pos)[0]
    pos += 2
    if pos + 8 * cb > len(word):
        raise bad("FIB truncated (FibRgFcLcb)")
    fclcb = list(struct.unpack_from(f"<{2 * cb}I", word, pos))
    ccp = [lw[3], lw[4], lw[5], lw[6], lw[7], lw[8], lw[9], lw[10]]
    if any(c < 0 for c in ccp):
        raise bad("negative text length in the FIB")
    return Fib(nfib, flags, ccp[0], ccp[1], ccp[2], sum(ccp[3:]), fclcb)


# ------------------------------------------------------------------------------------------------ pieces


@dataclass
class Pieces:
    cps: list[int]  # n + 1 character positions
    fcs: list[int]  # byte offset of each piece in the WordDocument stream
    compressed: list[bool]

    def fc_of(self, cp: int) -> int | None:
        i = bisect.bisect_right(self.cps, cp) - 1
        if i < 0 or i >= len(self.fcs):
            return None
        return self.fcs[i] + (cp - self.cps[i]) * (1 if self.compressed[i] else 2)


def read_pieces(table: bytes, fc: int, lcb: int, word_len: int, fib: Fib) -> Pieces:
    why = "fast-saved file: " if fib.complex else ""
    if lcb <= 0 or fc < 0 or fc + lcb > len(table):
        raise bad(f"{why}piece table (CLX) missing or outside the table stream")
    clx = table[fc:fc + lcb]
    i = 0
    while i < len(clx) and clx[i] == 0x01:  # Prc: a grpprl referenced by pieces; skipped
        if i + 3 > len(clx):
            raise bad(f"{why}piece table: truncated Prc")
        cb = struct.unpack_from("<h", clx, i + 1)[0]
        if cb < 0:
            raise bad(f"{why}piece table: bad Prc size")
        i += 3 + cb
    if i + 5 > len(clx) or clx[i] != 0x02:
        raise bad(f"{why}piece table: no Pcdt in the CLX")
    n_bytes = struct.unpack_from("<I", clx, i + 1)[0]
    plc = clx[i + 5:i + 5 + n_bytes]
    if n_bytes < 16 or len(plc) < n_bytes or (n_bytes - 4) % 12:
        raise bad(f"{why}piece table: PlcPcd of {n_bytes} bytes")
    n = (n_bytes - 4) // 12
    cps = list(struct.unpack_from(f"<{n + 1}i", plc, 0))
    fcs: list[int] = []
    comp: list[bool] = []
    for k in range(n):
        _, fcc, _ = struct.unpack_from("<HIH", plc, 4 * (n + 1) + 8 * k)
        c = bool(fcc & 0x40000000)
        f = fcc & 0x3FFFFFFF
        if c:
            f //= 2
        length = cps[k + 1] - cps[k]
        if cps[k] < 0 or length < 0:
            raise bad(f"{why}piece table: character positions not increasing")
        if f + length * (1 if c else 2) > word_len:
            raise bad(f"{why}piece table: piece {k + 1} of {n} lies outside the WordDocument stream")
        fcs.append(f)
        comp.append(c)
    return Pieces(cps, fcs, comp)


def _cp1252(err: UnicodeDecodeError):
    """The five bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are the same code points in Word's
    8-bit pieces ([MS-DOC] 2.4.1)."""
    return "".join(chr(b) for b in err.object[err.start:err.end]), err.end


codecs.register_error("reportlint-cp1252", _cp1252)


def piece_text(word: bytes, p: Pieces, upto: int) -> str:
    out: list[str] = []
    for k in range(len(p.fcs)):
        a, b = p.cps[k], min(p.cps[k + 1], upto)
        if a >= upto:
            break
        n = b - a
        if p.compressed[k]:
            out.append(word[p.fcs[k]:p.fcs[k] + n].decode("cp1252", errors="reportlint-cp1252"))
        else:
            out.append(word[p.fcs[k]:p.fcs[k] + 2 * n].decode("utf-16-le", errors="replace"))
    return "".join(out)


# ------------------------------------------------------------------------------------------------ PAPX


def _sprms(g: bytes):
    """(sprm, operand bytes) of a grpprl; stops at a sprm that runs past the end."""
    i, n = 0, len(g)
    while i + 2 <= n:
        op = struct.unpack_from("<H", g, i)[0]
        i += 2
        spra = op >> 13
        if spra in (0, 1):
            size = 1
        elif spra in (2, 4, 5):
            size = 2
        elif spra == 3:
            size = 4
        elif spra == 7:
            size = 3
        else:  # variable
            if op in (sprmTDefTable, sprmTDefTable10):
                if i + 2 > n:
                    return
                size = struct.unpack_from("<H", g, i)[0] - 1
                i += 2
            elif op == sprmPChgTabs and i < n and g[i] == 255:
                j = i + 1
                if j >= n:
                    return
                c_del = g[j]
                j += 1 + 4 * c_del
                if j >= n:
                    return
                c_add = g[j]
                j += 1 + 3 * c_add
                size = j - i - 1
                i += 1
            else:
                if i >= n:
                    return
                size = g[i]
                i += 1
        if size < 0 or i + size > n:
            return
        yield op, g[i:i + size]
        i += size


@dataclass
class Para:
    in_table: bool = False
    ttp: bool = False
    centered: bool = False
    outline: int | None = None
    bounds: list[int] | None = None  # row end: cell boundaries (twips)
    merges: list[tuple[int, int]] | None = None  # row end: (horzMerge, vertMerge) per cell
    ilfo: int = 0  # list (1-based LFO index; 0: none)
    ilvl: int = 0


def _para(grpprl: bytes, data: bytes) -> Para:
    p = Para()
    for op, v in _sprms(grpprl):
        if op == sprmPHugePapx and len(v) == 4:  # the real grpprl is in the Data stream
            off = struct.unpack_from("<I", v)[0]
            if off + 2 <= len(data):
                cb = struct.unpack_from("<H", data, off)[0]
                q = _para(data[off + 2:off + 2 + cb], b"")
                return q
        elif op == sprmPFInTable:
            p.in_table = bool(v[0])
        elif op == sprmPFTtp:
            p.ttp = bool(v[0])
        elif op == sprmPItap and len(v) == 4:
            p.in_table = p.in_table or struct.unpack_from("<i", v)[0] > 0
        elif op in (sprmPJc80, sprmPJc):
            p.centered = v[0] == 1
        elif op == sprmPIlfo and len(v) == 2:
            p.ilfo = struct.unpack_from("<h", v)[0]
        elif op == sprmPIlvl:
            p.ilvl = min(v[0], 8)
        elif op == sprmPOutLvl:
            p.outline = v[0] + 1 if v[0] < 9 else None
        elif op in (sprmTDefTable, sprmTDefTable10) and v:
            n = v[0]
            if 1 + 2 * (n + 1) <= len(v):
                p.bounds = list(struct.unpack_from(f"<{n + 1}h", v, 1))
                tcs = v[1 + 2 * (n + 1):]
                merges = []
                for k in range(n):
                    if 20 * k + 2 <= len(tcs):
                        grf = struct.unpack_from("<H", tcs, 20 * k)[0]
                        merges.append((grf & 3, (grf >> 5) & 3))
                    else:
                        merges.append((0, 0))
                p.merges = merges
    return p


class Papx:
    """Paragraph properties by the stream offset of a paragraph mark (PlcBtePapx → FKP pages)."""

    def __init__(self, word: bytes, table: bytes, data: bytes, fib: Fib) -> None:
        self.word, self.data = word, data
        self.runs: list[tuple[int, int, bytes]] = []  # (fc start, fc end, grpprl)
        self.cache: dict[bytes, Para] = {}
        fc, lcb = fib.pair(FC_PLCFBTEPAPX)
        if lcb < 8 or fc + lcb > len(table) or (lcb - 4) % 8:
            return
        n = (lcb - 4) // 8
        if n > MAX_FKP_PAGES:
            return
        pns = struct.unpack_from(f"<{n}I", table, fc + 4 * (n + 1))
        for pn in pns:
            pn &= 0x3FFFFF
            off = pn * 512
            if off + 512 > len(word):
                continue
            page = word[off:off + 512]
            crun = page[511]
            if crun == 0 or 4 * (crun + 1) + 13 * crun > 511:
                continue
            fcs = struct.unpack_from(f"<{crun + 1}I", page, 0)
            for k in range(crun):
                b = page[4 * (crun + 1) + 13 * k]
                g = b""
                if b:
                    o = 2 * b
                    cb = page[o]
                    if cb:
                        g = page[o + 1:o + 2 * cb]
                    elif o + 1 < 512:
                        g = page[o + 2:o + 2 + 2 * page[o + 1]]
                self.runs.append((fcs[k], fcs[k + 1], g[2:]))  # after the istd
        self.runs.sort()
        self.starts = [r[0] for r in self.runs]

    def __bool__(self) -> bool:
        return bool(self.runs)

    def at(self, fc: int | None) -> Para:
        if fc is None or not self.runs:
            return Para()
        i = bisect.bisect_right(self.starts, fc) - 1
        if i < 0 or not (self.runs[i][0] <= fc < self.runs[i][1]):
            return Para()
        g = self.runs[i][2]
        p = self.cache.get(g)
        if p is None:
            p = self.cache[g] = _para(g, self.data)
        return p


# ------------------------------------------------------------------------------------------------ lists


def _lvl(t: bytes, pos: int) -> tuple[tuple[str, str, int], int]:
    """One LVL at ``pos``: (format, text with %N placeholders, start) and the offset after it."""
    istart, nfc = struct.unpack_from("<iB", t, pos)
    nums = t[pos + 6:pos + 15]
    cb_chpx, cb_papx = t[pos + 24], t[pos + 25]
    x = pos + 28 + cb_papx + cb_chpx
    n = struct.unpack_from("<H", t, x)[0]
    if x + 2 + 2 * n > len(t):
        raise ValueError("LVL runs past the table stream")
    chars = list(t[x + 2:x + 2 + 2 * n].decode("utf-16-le", errors="replace"))
    for q in nums:  # the positions (1-based) of the level placeholders in the number text
        if q == 0:
            break
        if q - 1 < len(chars) and ord(chars[q - 1]) < 9:
            chars[q - 1] = f"%{ord(chars[q - 1]) + 1}"
    return (NFC.get(nfc, "decimal"), "".join(chars), istart), x + 2 + 2 * n


def read_lists(table: bytes, fib: Fib):
    """Word's list numbering (PlfLst + LVLs, PlfLfo with its overrides) as a docx ``_Numbering`` keyed by the
    paragraph's ilfo, so that "一、" / "（一）" written by Word's numbering read as printed."""
    from .docx import _Numbering

    num = _Numbering.__new__(_Numbering)
    num.levels, num.counters = {}, {}
    lsts: dict[int, dict[int, tuple[str, str, int]]] = {}
    try:
        fc, lcb = fib.pair(FC_PLFLST)
        if lcb >= 2 and fc + lcb <= len(table):
            c = struct.unpack_from("<h", table, fc)[0]
            pos = fc + lcb  # the LVLs follow the PlfLst (lcbPlfLst does not count them)
            for k in range(max(0, min(c, 4096))):
                lsid = struct.unpack_from("<i", table, fc + 2 + 28 * k)[0]
                simple = table[fc + 2 + 28 * k + 26] & 1
                levels: dict[int, tuple[str, str, int]] = {}
                for il in range(1 if simple else 9):
                    levels[il], pos = _lvl(table, pos)
                lsts[lsid] = levels
        fc, lcb = fib.pair(FC_PLFLFO)
        if lcb >= 4 and fc + lcb <= len(table):
            n = min(struct.unpack_from("<i", table, fc)[0], 32767)
            lfos = [struct.unpack_from("<iIIB", table, fc + 4 + 16 * k) for k in range(max(0, n))]
            for k, (lsid, _, _, nlvl) in enumerate(lfos):
                num.levels[str(k + 1)] = dict(lsts.get(lsid, {}))
            pos = fc + 4 + 16 * len(lfos)
            for k, (lsid, _, _, nlvl) in enumerate(lfos):  # LFOData: overrides of a level's start or format
                pos += 4
                for _ in range(nlvl):
                    start, flags = struct.unpack_from("<iI", table, pos)
                    pos += 8
                    il = flags & 0xF
                    lv = num.levels[str(k + 1)]
                    if flags & 0x20:
                        lv[il], pos = _lvl(table, pos)
                    if flags & 0x10 and il in lv:
                        f, t, _ = lv[il]
                        lv[il] = (f, t, start)
    except (struct.error, ValueError, IndexError):
        pass  # numbering is a nicety: what parsed is kept
    return num


# ------------------------------------------------------------------------------------------------ text → paragraphs


@dataclass
class RawPara:
    text: str
    mark: str  # "\r", "\x07" or "\x0c"
    props: Para = field(default_factory=Para)


def paragraphs(text: str, cp0: int, pieces: Pieces | None, papx: Papx | None) -> list[RawPara]:
    """Split a story into paragraphs (with their marks' properties); fields show their result."""
    out: list[RawPara] = []
    buf: list[str] = []
    stack: list[bool] = []  # per open field: in its result part?
    visible = True
    for k, ch in enumerate(text):
        if ch == FIELD_BEGIN:
            stack.append(False)
            visible = False
            continue
        if ch == FIELD_SEP:
            if stack:
                stack[-1] = True
                visible = all(stack)
            continue
        if ch == FIELD_END:
            if stack:
                stack.pop()
                visible = all(stack)
            continue
        if ch in "\r\x07\x0c":
            if ch == "\x0c" and not buf:
                continue
            props = papx.at(pieces.fc_of(cp0 + k)) if papx and pieces and ch != "\x0c" else Para()
            out.append(RawPara("".join(buf).translate(DROP), ch, props))
            buf = []
            continue
        if visible:
            buf.append("\n" if ch == "\x0b" else ch)
    if buf and "".join(buf).strip():
        out.append(RawPara("".join(buf).translate(DROP), "\r", Para()))
    return out


# ------------------------------------------------------------------------------------------------ tables


def _snap(values: list[int], tol: int = 30) -> list[int]:
    out: list[int] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _col(points: list[int], v: int) -> int:
    i = bisect.bisect_left(points, v - 30)
    return min(i, len(points) - 1)


def build_table(rows: list[tuple[list[str], Para]]) -> Table:
    """Rows of cell texts with the row end's properties → a Table with spans (grid from the cell boundaries)."""
    xs = _snap([b for _, p in rows if p.bounds for b in p.bounds])
    cells: list[Cell] = []
    open_v: dict[int, Cell] = {}
    n_cols = 0
    for r, (texts, p) in enumerate(rows):
        bounds = p.bounds if p.bounds and len(p.bounds) >= 2 else None
        merges = p.merges or []
        col = 0
        prev: Cell | None = None
        for k, t in enumerate(texts):
            if bounds is not None and k + 1 < len(bounds):
                c0, c1 = _col(xs, bounds[k]), _col(xs, bounds[k + 1])
                span = max(1, c1 - c0)
                col = c0
            else:
                span = 1
            horz, vert = merges[k] if k < len(merges) else (0, 0)
            if horz in (2, 3) and prev is not None:  # merged with the cell before it (Word 97's horizontal merge)
                prev.colspan = col + span - prev.col
                if t:
                    prev.text = _join(prev.text, t)
            elif vert in (1, 2) and col in open_v and not t:
                anchor = open_v[col]
                anchor.rowspan = r - anchor.row + 1
                prev = None
            else:
                cell = Cell(r, col, t, 1, span)
                cells.append(cell)
                for j in range(col, col + span):
                    open_v.pop(j, None)
                if vert == 3:
                    open_v[col] = cell
                prev = cell
            col += span
        n_cols = max(n_cols, col)
    return Table(cells=cells, n_rows=len(rows), n_cols=max(n_cols, len(xs) - 1 if xs else 0))


# ------------------------------------------------------------------------------------------------ blocks


def body_blocks(paras: list[RawPara], guess_rows: bool, lists=None) -> list[Block]:
    blocks: list[Block] = []
    rows: list[tuple[list[str], Para]] = []
    row: list[str] = []
    cell = ""
    idx = 0
    title_open = True

    def close_table() -> None:
        nonlocal rows, row, cell, idx, title_open
        if row or cell:
            rows.append((row + ([cell] if cell else []), Para()))
        if rows:
            t = build_table(rows)
            if t.cells and any(c.text for c in t.cells):
                blocks.append(Block(TABLE, "", index=idx, table=t))
                idx += 1
                title_open = False
        rows, row, cell = [], [], ""

    last_mark = ""
    for rp in paras:
        p = rp.props
        text = _clean(rp.text)
        in_table = p.in_table or p.ttp or (rp.mark == "\x07" and not p.in_table and guess_rows)
        if in_table:
            ttp = p.ttp or (guess_rows and not p.in_table and rp.mark == "\x07" and not text and last_mark == "\x07"
                            and row)
            if ttp:
                rows.append((row, p))
                row, cell = [], ""
            elif rp.mark == "\x07":
                row.append(_join(cell, text) if cell else text)
                cell = ""
            else:  # a paragraph inside a cell
                cell = _join(cell, text) if cell else text
            last_mark = rp.mark
            continue
        last_mark = rp.mark
        if rows or row:
            close_table()
        if not text:
            idx += 1
            continue
        if p.ilfo > 0 and lists is not None:
            label = lists.label(str(p.ilfo), p.ilvl)
            if label:
                text = _clean(label + (" " if label[-1].isascii() and label[-1].isalnum() else "") + text)
        if title_open and p.centered and not TOP_HEADING.match(text):
            if blocks and blocks[-1].kind == TITLE:
                blocks[-1].text = _join(blocks[-1].text, text)
            else:
                blocks.append(Block(TITLE, text, index=idx))
        else:
            title_open = False
            level = _heading(text, p.outline, False)
            blocks.append(Block(HEADING if level else PARAGRAPH, text, index=idx, level=level))
        idx += 1
    close_table()
    for b in blocks:
        if b.kind == TITLE and "报告" not in b.text:
            b.kind = PARAGRAPH
    return blocks


def header_stories(text: str, cp0: int, table: bytes, fib: Fib) -> tuple[list[str], list[str]]:
    """Header and footer texts of the header document (each text once)."""
    fc, lcb = fib.pair(FC_PLCFHDD)
    stories: list[tuple[str, str]] = []  # (kind, text)
    if lcb >= 8 and fc + lcb <= len(table) and lcb % 4 == 0:
        cps = struct.unpack_from(f"<{lcb // 4}i", table, fc)
        for k in range(6, len(cps) - 1):
            a, b = max(0, cps[k]), min(len(text), cps[k + 1])
            if b > a:
                kind = HEADER if (k - 6) % 6 in (0, 1, 4) else FOOTER
                stories.append((kind, text[a:b]))
    elif text.strip():
        stories.append((HEADER, text))
    heads: list[str] = []
    foots: list[str] = []
    seen: set[str] = set()
    for kind, s in stories:
        for rp in paragraphs(s, cp0, None, None):
            t = _clean(rp.text)
            if t and (kind, t) not in seen:
                seen.add((kind, t))
                (heads if kind == HEADER else foots).append(t)
    return heads, foots


# ------------------------------------------------------------------------------------------------ entry


def open_ole(data: bytes):
    import olefile

    try:
        return olefile.OleFileIO(io.BytesIO(data))
    except MemoryError:
        raise limits.out_of_memory() from None
    except Exception as e:  # olefile raises OSError/struct.error/IndexError … on damaged containers
        raise bad(f"not a readable OLE2 compound file ({type(e).__name__}: {e})"[:160]) from None


def _stream(ole, name: str) -> bytes:
    try:
        with ole.openstream(name) as f:
            return f.read()
    except MemoryError:
        raise limits.out_of_memory() from None
    except Exception as e:
        raise bad(f"cannot read the {name} stream ({type(e).__name__}: {e})"[:160]) from None


def extract(data: bytes, name: str) -> Document:
    ole = open_ole(data)
    try:
        if not ole.exists("WordDocument"):
            raise bad("OLE2 file without a WordDocument stream")
        word = _stream(ole, "WordDocument")
        fib = read_fib(word)
        if fib.encrypted:
            raise ExtractError("E016")
        if not ole.exists(fib.table_stream):
            raise bad(f"{fib.table_stream} stream missing")
        table = _stream(ole, fib.table_stream)
        data_stream = _stream(ole, "Data") if ole.exists("Data") else b""
    finally:
        ole.close()
    fc, lcb = fib.pair(FC_CLX)
    pieces = read_pieces(table, fc, lcb, len(word), fib)
    total = pieces.cps[-1]
    want = fib.ccp_text + fib.ccp_ftn + fib.ccp_hdd
    if total < fib.ccp_text:
        raise bad(("fast-saved file: " if fib.complex else "")
                  + f"piece table covers {total} characters, the FIB declares {fib.ccp_text}")
    if total > limits.current().max_text_chars * 2:
        raise limits.exceeded("max_text_chars: text length", total, limits.current().max_text_chars)
    text = piece_text(word, pieces, min(total, want + fib.ccp_rest + 1))
    papx = Papx(word, table, data_stream, fib)
    body = paragraphs(text[:fib.ccp_text], 0, pieces, papx)
    blocks = body_blocks(body, guess_rows=not papx, lists=read_lists(table, fib))
    h0 = fib.ccp_text + fib.ccp_ftn
    heads, foots = header_stories(text[h0:h0 + fib.ccp_hdd], h0, table, fib) if fib.ccp_hdd else ([], [])
    if not blocks and not heads and not foots:
        raise ExtractError("E002")
    doc = assemble(name, "doc", [Block(HEADER, t) for t in heads] + blocks + [Block(FOOTER, t) for t in foots])
    if name.lower().endswith(".wps"):
        doc.notes.append("WPS file in the Word 97–2003 binary format")
    if fib.complex:
        doc.notes.append("fast-saved (complex) file: read through its piece table")
    return doc
