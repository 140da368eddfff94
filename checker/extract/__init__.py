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
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta ", b"<div", b"<table", b"<p>", b"<p ")


def sniff(data: bytes, name: str = "") -> str:
    """The format of ``data``: pdf | docx | html | markdown | text. Raises ExtractError for what we cannot read."""
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
            raise ExtractError("E013", str(e) or "bad zip") from None
        if "word/document.xml" in names:
            return "docx"
        if any(n.startswith("Doc_0/") or n == "OFD.xml" for n in names):
            raise ExtractError("E003", "OFD")
        if any(n.startswith("word/") for n in names):  # a Word package that lost its main part
            raise ExtractError("E013", "word/document.xml missing")
        raise ExtractError("E003", "zip")
    if head.startswith(OLE_MAGIC):
        kind = "WPS" if name.lower().endswith(".wps") else "DOC"
        raise ExtractError("E014", kind)
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


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text with a BOM
        return False
    if b"\x00" in sample:
        return True
    ctrl = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return ctrl > max(8, len(sample) // 50)


def extract(data: bytes, name: str = "-", limits: _limits.Limits | None = None) -> Document:
    """Extract ``data`` within ``limits`` (default: the limits in force, see checker.limits): E020 when exceeded."""
    with _limits.using(limits or _limits.current()) as lim:
        _limits.check_input_size(len(data), lim)
        fmt = sniff(data, name)
        if fmt == "docx":
            _limits.check_zip(data, lim)  # before python-docx inflates anything
        elif fmt == "html":
            _limits.check_html_depth(data, lim)  # before lexbor parses it
        module = {"markdown": "text"}.get(fmt, fmt)
        mod = importlib.import_module(f"{__name__}.{module}")
        doc: Document = mod.extract(data, name)
        _limits.check_text(doc.text, lim)
    doc.sha256 = sha256_hex(data)
    ext = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    declared = EXTENSIONS.get(ext)
    if declared and declared != fmt and {declared, fmt} != {"text", "markdown"}:
        doc.notes.append(f"named {ext} but read as {fmt}")
    return doc
