"""Sniff the input by content (magic bytes), not by extension, and dispatch to one extractor per format.

Each extractor module has ``extract(data: bytes, name: str) -> Document``.
"""

from __future__ import annotations

import importlib
import io
import zipfile

from .. import limits as _limits
from ..document import Document, sha256_hex
from ..errors import ExtractError

EXTENSIONS = {
    ".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
    ".ofd": "ofd", ".doc": "doc", ".wps": "doc", ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OTHER_OLE = ("Workbook", "Book", "PowerPoint Document", "VisioDocument", "Contents")  # Excel, PowerPoint, Visio, WPS
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta ", b"<div", b"<table", b"<p>", b"<p ")


def sniff(data: bytes, name: str = "") -> str:
    """The format of ``data``: pdf | docx | ofd | doc | html | markdown | text. Raises ExtractError for what we
    cannot read. OFD: a zip whose ``OFD.xml`` names a DocRoot; DOC/WPS: an OLE2 compound file with a
    ``WordDocument`` stream."""
    head = data[:2048]
    if not data.strip():
        raise ExtractError("E002")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, ValueError, OSError) as e:
            raise ExtractError(_zip_code(data, name), str(e) or "bad zip") from None
        if "word/document.xml" in names:
            return "docx"
        if "OFD.xml" in names:
            return "ofd"
        if any(n.startswith("Doc_0/") for n in names):  # an OFD package that lost its entry file
            raise ExtractError("E018", "OFD.xml missing")
        if any(n.startswith("word/") for n in names):  # a Word package that lost its main part
            raise ExtractError("E013", "word/document.xml missing")
        raise ExtractError("E003", "zip")
    if head.startswith(OLE_MAGIC):
        from .doc import open_ole

        ole = open_ole(data)
        try:
            if not ole.exists("WordDocument"):
                other = [n for n in OTHER_OLE if ole.exists(n)]
                if other:  # a workbook, a presentation …: not a document we read
                    raise ExtractError("E003", f"OLE2 file without a WordDocument stream ({other[0]})")
                raise ExtractError("E017", "OLE2 file without a WordDocument stream")
        finally:
            ole.close()
        return "doc"
    image = _image_kind(head)
    if image:
        raise ExtractError("E005", image)
    if head.startswith(b"{\\rtf"):
        raise ExtractError("E003", "RTF")
    low = head.lower().lstrip(b"\xef\xbb\xbf \t\r\n")
    if _looks_binary(data):
        raise ExtractError("E003", "binary")
    if any(m in low for m in HTML_MARKERS) and low.startswith(b"<"):
        return "html"
    if any(m in head.lower() for m in (b"<!doctype html", b"<html")):
        return "html"
    if name.lower().endswith((".md", ".markdown")):
        return "markdown"
    return "text"


def _image_kind(head: bytes) -> str | None:
    """PNG, JPEG, TIFF, GIF, BMP, WEBP or JPEG 2000 by magic bytes: a scanned page, not a text document."""
    from ..walk import IMAGE_MAGIC

    for magic, kind in IMAGE_MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WEBP"
    if head.startswith(b"BM") and len(head) > 14 and head[6:10] == b"\0\0\0\0":
        return "BMP"
    return None


def _zip_code(data: bytes, name: str) -> str:
    """The E-code of a zip that does not open (truncated, damaged): OFD (E018) when its first member or its name
    says so, DOCX (E013) otherwise."""
    n = int.from_bytes(data[26:28], "little") if len(data) >= 30 else 0
    first = data[30:30 + n]
    if first == b"OFD.xml" or first.startswith(b"Doc_") or name.lower().endswith(".ofd"):
        return "E018"
    return "E013"


_CTRL = bytes(range(0, 9)) + bytes(range(14, 32))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text with a BOM
        return False
    if b"\x00" in sample:
        return True
    ctrl = len(sample) - len(sample.translate(None, _CTRL))  # (bytes.translate: no loop over bytes in Python)
    return ctrl > max(8, len(sample) // 50)


def extract(data: bytes, name: str = "-", limits: _limits.Limits | None = None,
            pdf_backend: str | None = None) -> Document:
    """Extract ``data`` within ``limits`` (default: the limits in force, see checker.limits): E020 when exceeded.
    ``pdf_backend``: the character layer of a PDF (``pdfium`` or ``pdfplumber``; default: ``pdf.DEFAULT_BACKEND``)."""
    with _limits.using(limits or _limits.current()) as lim:
        _limits.check_input_size(len(data), lim)
        fmt = sniff(data, name)
        if fmt in ("docx", "ofd"):
            _limits.check_zip(data, lim, code="E018" if fmt == "ofd" else "E013")  # before python-docx inflates anything
        elif fmt == "html":
            _limits.check_html_depth(data, lim)  # before lexbor parses it
        module = {"markdown": "text"}.get(fmt, fmt)
        mod = importlib.import_module(f"{__name__}.{module}")
        doc: Document = mod.extract(data, name, backend=pdf_backend) if fmt == "pdf" else mod.extract(data, name)
        _limits.check_text(doc.text, lim)
    doc.sha256 = sha256_hex(data)
    ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    declared = EXTENSIONS.get(ext)
    if declared and declared != fmt and {declared, fmt} != {"text", "markdown"}:
        doc.notes.append(f"named {ext} but read as {fmt}")
    return doc
