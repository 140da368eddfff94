"""Plain text and Markdown: the decoded file is the document text, so offsets point into the user's own file.

Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, else charset-normalizer's best guess.
Newlines are normalised to ``\\n``. Each non-empty line is a block; Markdown ``#`` lines are headings and
pipe tables become table blocks.
"""

from __future__ import annotations

import re

from ..document import HEADING, PARAGRAPH, TABLE, Block, Cell, Document, Table
from ..errors import ExtractError

PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
# a line's text without its leading and trailing blanks (str.strip's whitespace): from its first non-blank
# character to its last one, one match per non-blank line (linear: a match only starts on a non-blank character)
_LINE_TEXT = re.compile(r"\S(?:[^\n]*\S)?")
PIPE_SEP = re.compile(r"^\s*(?:\|\s*)?:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*(?:\|\s*)?$")  # no \s*\|?\s* backtracking


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text, returning (text, encoding)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"  # an odd trailing byte is no crash
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:
        best = None
    if best is None:
        raise ExtractError("E004")
    return str(best), best.encoding


def normalise_newlines(s: str) -> str:
    return s.replace("\r\n", "\n").replace("\r", "\n")


def extract(data: bytes, name: str) -> Document:
    text, encoding = decode(data)
    text = normalise_newlines(text)
    if not text.strip():
        raise ExtractError("E002")
    markdown = name.lower().endswith((".md", ".markdown"))
    blocks: list[Block] = []
    if not markdown and "|" not in text:  # no pipe table, no heading mark: each line's text is a paragraph block
        for n, m in enumerate(_LINE_TEXT.finditer(text)):
            s, e = m.span()
            blocks.append(Block(PARAGRAPH, m.group(), s, e, index=n))
        return Document(name=name, format="text", text=text, blocks=blocks, encoding=encoding)
    lines = text.split("\n")
    pos = 0
    i = 0
    starts = []
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    n = 0
    while i < len(lines):
        ln = lines[i]
        if PIPE_ROW.match(ln):
            j = i
            while j < len(lines) and PIPE_ROW.match(lines[j]):
                j += 1
            if j - i >= 2:
                table = _pipe_table(lines[i:j])
                start, end = starts[i], starts[j - 1] + len(lines[j - 1])
                blocks.append(Block(TABLE, text[start:end], start, end, index=n, table=table))
                n += 1
                i = j
                continue
        if ln.strip():
            s = starts[i] + (len(ln) - len(ln.lstrip()))
            e = starts[i] + len(ln.rstrip())
            kind = PARAGRAPH
            level = None
            m = re.match(r"^(#{1,6})\s+", ln) if markdown else None
            if m:
                kind, level = HEADING, len(m.group(1))
            blocks.append(Block(kind, text[s:e], s, e, index=n, level=level))
            n += 1
        i += 1
    fmt = "markdown" if markdown else "text"
    return Document(name=name, format=fmt, text=text, blocks=blocks, encoding=encoding)


def _pipe_table(lines: list[str]) -> Table:
    rows = [ln.strip().strip("|").split("|") for ln in lines if not PIPE_SEP.match(ln)]
    cells = [Cell(r, c, v.strip()) for r, row in enumerate(rows) for c, v in enumerate(row)]
    return Table(cells=cells, n_rows=len(rows), n_cols=max((len(r) for r in rows), default=0))
