"""Which files a run checks: the paths given, directories walked — and, for every file left out, why.

In a walked directory (sorted order) a file is taken when it could be a report:

* its extension is a document's (:data:`DOCUMENT_EXTS`: PDF, DOCX, DOC/WPS, OFD, RTF, ODT, HTML, text, Markdown) or
  an image's (:data:`IMAGE_EXTS`: a scanned report needs OCR; it gets its E-code instead of passing unseen);
* or, whatever its name, its content sniffs as a document (:func:`sniff_document`: PDF, Word/WPS, OFD, HTML pages
  saved as ``.jsp``/``.aspx``/``.php``, images) — a crawl keeps the server's names.

Left out, each with its reason (``reportlint check --show-files`` lists them): hidden entries, the paths that the
``.gitignore`` files of the walked directories ignore (git semantics: the last matching pattern wins, a deeper file
over a shallower one, an ignored directory is not entered), the ``exclude`` patterns (gitignore syntax, relative to
the directory given), symbolic links to directories (not followed), directories that cannot be listed, and files
that are not documents. A file named on the command line is always checked, unless ``force_exclude`` applies the
``exclude`` patterns to it too (relative to the project root): pre-commit names every file it passes.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from typing import Any, Iterable

DOCUMENT_EXTS = frozenset({
    ".pdf", ".docx", ".docm", ".dotx", ".doc", ".dot", ".wps", ".wpt", ".ofd", ".rtf", ".odt",
    ".html", ".htm", ".shtml", ".xhtml", ".txt", ".text", ".md", ".markdown"})
IMAGE_EXTS = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".jp2"})
# never sniffed: code, data, archives, media, fonts (what a repository or a site mirror holds besides reports)
NOT_DOCUMENT_EXTS = frozenset({
    ".py", ".pyc", ".pyi", ".toml", ".cfg", ".ini", ".lock", ".json", ".jsonl", ".yaml", ".yml", ".xml", ".csv",
    ".tsv", ".js", ".mjs", ".ts", ".css", ".map", ".svg", ".ico", ".woff", ".woff2", ".ttf", ".otf", ".eot",
    ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".tar", ".whl", ".jar", ".exe", ".dll", ".so", ".o", ".a",
    ".mp3", ".mp4", ".avi", ".mov", ".wav", ".flv", ".swf", ".xls", ".xlsx", ".et", ".ppt", ".pptx", ".dps", ".sh",
    ".c", ".h", ".cpp", ".go", ".rs", ".java", ".rb", ".pl", ".sql", ".db", ".sqlite", ".log", ".sarif", ".ipynb"})

IMAGE_MAGIC = ((b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"),
               (b"GIF87a", "GIF"), (b"GIF89a", "GIF"), (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "JPEG 2000"))
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

REASONS = {
    "zh": {"hidden": "隐藏文件或目录", "gitignore": "被 .gitignore 忽略（{detail}）", "exclude": "匹配 exclude 模式",
           "force-exclude": "匹配 exclude 模式（--force-exclude）", "not-a-document": "不是文档（{detail}）",
           "symlink-dir": "指向目录的符号链接，未进入", "unlistable": "无法列出目录内容：{detail}"},
    "en": {"hidden": "hidden", "gitignore": "ignored by .gitignore ({detail})", "exclude": "matches an exclude pattern",
           "force-exclude": "matches an exclude pattern (--force-exclude)", "not-a-document": "not a document ({detail})",
           "symlink-dir": "a symbolic link to a directory, not followed", "unlistable": "cannot be listed: {detail}"},
}


@dataclass
class LeftOut:
    path: str
    reason: str  # a key of REASONS
    detail: str = ""

    def text(self, lang: str = "zh") -> str:
        detail = self.detail
        if self.reason == "not-a-document" and not detail:
            detail = "no extension" if lang == "en" else "无扩展名"
        return REASONS["en" if lang == "en" else "zh"][self.reason].format(detail=detail)


@dataclass
class Walk:
    files: list[str] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    why: dict[str, str] = field(default_factory=dict)  # path → why it is taken (named, extension, content …)

    @property
    def unlistable(self) -> list[LeftOut]:
        return [x for x in self.left_out if x.reason == "unlistable"]


def _gitignore(dirpath: str):
    path = os.path.join(dirpath, ".gitignore")
    if not os.path.isfile(path):
        return None
    import pathspec

    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return pathspec.GitIgnoreSpec.from_lines(f.read().splitlines())
    except (OSError, ValueError):
        return None


def _ignored(specs: list[tuple[str, Any]], path: str, is_dir: bool) -> str | None:
    """Git semantics: the last matching pattern wins, a deeper ``.gitignore`` over a shallower one. The
    ``.gitignore`` that ignores ``path``, or None."""
    verdict = None
    for base, spec in specs:
        rel = os.path.relpath(path, base).replace(os.sep, "/") + ("/" if is_dir else "")
        res = spec.check_file(rel)
        if res.include is not None:
            verdict = os.path.join(base, ".gitignore") if res.include else None
    return verdict


def sniff_document(path: str) -> str | None:
    """What a file's first bytes say it is, when that is a document or an image (``"PDF"``, ``"DOCX"``, ``"OFD"``,
    ``"DOC/WPS"``, ``"RTF"``, ``"HTML"``, ``"PNG"`` …); None for anything else or an unreadable file."""
    try:
        with open(path, "rb") as f:
            head = f.read(2048)
    except OSError:
        return None
    if b"%PDF-" in head[:1024]:
        return "PDF"
    if head.startswith(OLE_MAGIC):
        return "DOC/WPS"
    if head.startswith(b"{\\rtf"):
        return "RTF"
    for magic, kind in IMAGE_MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WEBP"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:  # reads the central directory only
                names = z.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "word/document.xml" in names:
            return "DOCX"
        if "OFD.xml" in names or any(n.startswith("Doc_0/") for n in names):
            return "OFD"
        return None
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if low.startswith((b"<!doctype html", b"<html")):
        return "HTML"
    return None


def _exclude_spec(exclude: Iterable[str]):
    exclude = [e for e in exclude if e]
    if not exclude:
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(exclude)


def walk(paths: Iterable[str], exclude: Iterable[str] = (), force_exclude: bool = False,
         root: str | None = None) -> Walk:
    """The files to check and those left out (see the module docstring). ``root`` is the folder the
    ``exclude`` patterns of named files are relative to with ``force_exclude`` (default: the working directory)."""
    excl = _exclude_spec(exclude)
    w = Walk()
    for p in paths:
        if p == "-" or not os.path.isdir(p):
            if force_exclude and excl is not None and p != "-":
                base = root or os.getcwd()
                rel = os.path.relpath(os.path.abspath(p), base)
                if not rel.startswith(".."):
                    if excl.match_file(rel.replace(os.sep, "/")):
                        w.left_out.append(LeftOut(p, "force-exclude"))
                        continue
            w.files.append(p)
            w.why[p] = "named"
            continue
        _walk_dir(p, excl, w)
    return w


def _walk_dir(top: str, excl, w: Walk) -> None:
    stack: dict[str, list] = {}

    def onerror(e: OSError) -> None:
        w.left_out.append(LeftOut(e.filename or top, "unlistable", e.strerror or str(e)))

    for dirpath, dirs, files in os.walk(top, onerror=onerror):
        parent = stack.get(os.path.dirname(dirpath), []) if dirpath != top else []
        spec = _gitignore(dirpath)
        specs = parent + [(dirpath, spec)] if spec is not None else parent
        stack[dirpath] = specs
        keep_dirs = []
        for d in sorted(dirs):
            full = os.path.join(dirpath, d)
            if d.startswith("."):
                w.left_out.append(LeftOut(full + os.sep, "hidden"))
                continue
            gi = _ignored(specs, full, True)
            if gi:
                w.left_out.append(LeftOut(full + os.sep, "gitignore", gi))
                continue
            if excl is not None and _ignored([(top, excl)], full, True):
                w.left_out.append(LeftOut(full + os.sep, "exclude"))
                continue
            if os.path.islink(full):
                w.left_out.append(LeftOut(full + os.sep, "symlink-dir"))
                continue
            keep_dirs.append(d)
        dirs[:] = keep_dirs
        for f in sorted(files):
            full = os.path.join(dirpath, f)
            if f.startswith("."):
                w.left_out.append(LeftOut(full, "hidden"))
                continue
            gi = _ignored(specs, full, False)
            if gi:
                w.left_out.append(LeftOut(full, "gitignore", gi))
                continue
            if excl is not None and _ignored([(top, excl)], full, False):
                w.left_out.append(LeftOut(full, "exclude"))
                continue
            ext = os.path.splitext(f)[1].lower()
            if ext in DOCUMENT_EXTS or ext in IMAGE_EXTS:
                w.files.append(full)
                w.why[full] = ext
                continue
            kind = None if ext in NOT_DOCUMENT_EXTS else sniff_document(full)
            if kind is None:
                w.left_out.append(LeftOut(full, "not-a-document", ext))
                continue
            w.files.append(full)
            w.why[full] = f"content: {kind}"


def collect(paths: Iterable[str], exclude: Iterable[str] = (), force_exclude: bool = False,
            root: str | None = None) -> list[str]:
    """The files to check (see :func:`walk`)."""
    return walk(paths, exclude, force_exclude, root).files
