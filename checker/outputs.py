"""Where a run may write: never over one of its inputs, and only under a name that says what the file holds.

Every output of a run (``check -o``, ``--write-baseline``, ``clean -o``, ``--log``, the result cache) is checked
before anything is read or written:

* :func:`refuse_inputs` — an output that is one of the run's inputs (a checked file, the configuration file, the
  baseline read, the previous year's report) is refused, by path and by file identity (``st_dev``/``st_ino``), so
  a symbolic link or a hard link to an input is refused too; two outputs naming one file are refused.
* :func:`refuse_cache_over_inputs` — a cache directory whose entry folder holds an input (``--cache-dir`` pointed
  at the reports) is refused: pruning deletes entries there.
* :func:`refuse_extension` — an output name whose extension says another format (HTML written as ``x.docx``,
  cleaned text of a PDF as ``x.cleaned.pdf``) is refused, naming the extension to use.

Each refusal is a :class:`checker.errors.UsageError`: one line, exit 2, nothing written.
"""

from __future__ import annotations

import os
from typing import Iterable

from .errors import UsageError

# extensions that say what a file holds: a name with one of them must hold that
TEXT_EXTS = (".txt", ".text", ".md", ".markdown")
HTML_EXTS = (".html", ".htm", ".shtml", ".xhtml")
KNOWN_EXTS = frozenset(TEXT_EXTS + HTML_EXTS + (
    ".pdf", ".docx", ".doc", ".wps", ".wpt", ".dot", ".dotx", ".ofd", ".rtf", ".odt", ".xls", ".xlsx", ".et",
    ".ppt", ".pptx", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".zip",
    ".json", ".jsonl", ".ndjson", ".sarif", ".xml", ".csv", ".toml", ".yaml", ".yml", ".py"))

# what ``check --format F`` writes, by the extensions that fit it (the first is the one to suggest)
REPORT_EXTS = {
    "console": (".txt", ".log", ".text"), "concise": (".txt", ".log", ".text"), "github": (".txt", ".log", ".text"),
    "json": (".json",), "jsonl": (".jsonl", ".ndjson"), "sarif": (".sarif", ".json"), "junit": (".xml",),
    "gitlab": (".json",), "html": (".html", ".htm"),
}
# what ``clean`` writes for an input read as F
CLEAN_EXTS = {"text": (".txt", ".text", ".md", ".markdown"), "markdown": (".md", ".markdown", ".txt", ".text"),
              "html": HTML_EXTS, "docx": (".docx",), "pdf": (".txt",),
              "ofd": (".txt",), "doc": (".txt",)}


def _id(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)  # follows symbolic links: a link to an input is that input
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _norm(path: str) -> str:
    return os.path.normcase(os.path.realpath(os.path.abspath(path)))


def refuse_inputs(outputs: Iterable[tuple[str, str | None]], inputs: Iterable[str | None]) -> None:
    """Raise UsageError when an output ``(option, path)`` is one of ``inputs`` or when two outputs are one file.

    ``-`` (standard input or output) and ``None`` are skipped: with no output left, the inputs are not resolved
    (a batch of thousands of files that writes to standard output resolved each one's path and links)."""
    outputs = [(opt, out) for opt, out in outputs if out and out != "-"]
    if not outputs:
        return
    ins: dict[object, str] = {}
    for p in inputs:
        if not p or p == "-":
            continue
        ins.setdefault(_norm(p), p)
        i = _id(p)
        if i is not None:
            ins.setdefault(i, p)
    seen: dict[object, str] = {}
    for opt, out in outputs:
        if not out or out == "-":
            continue
        keys = [_norm(out)]
        i = _id(out)
        if i is not None:
            keys.append(i)
        for k in keys:
            if k in ins:
                via = "" if ins[k] == out else f" ({_how(out, ins[k])})"
                raise UsageError(f"{out}: {opt} names an input of this run{via}; refusing to overwrite it")
        for k in keys:
            if k in seen and seen[k] != opt:
                raise UsageError(f"{out}: {seen[k]} and {opt} name the same file")
        for k in keys:
            seen.setdefault(k, opt)


def _how(out: str, inp: str) -> str:
    if os.path.islink(out):
        return f"a symbolic link to {inp}"
    try:
        if os.path.samefile(out, inp) and os.path.realpath(out) != os.path.realpath(inp):
            return f"a hard link to {inp}"
    except OSError:
        pass
    return f"the same file as {inp}"


def refuse_cache_over_inputs(cache_dir: str | None, inputs: Iterable[str | None]) -> None:
    """Raise UsageError when an input lies in the folder where the cache writes and prunes its entries."""
    if not cache_dir:
        return
    from .cache import FORMAT

    entries = _id(os.path.join(cache_dir, FORMAT))
    root = _id(cache_dir)
    for p in inputs:
        if not p or p == "-":
            continue
        parent = _id(os.path.dirname(os.path.abspath(p)) or ".")
        if parent is not None and parent == entries:
            raise UsageError(f"{p}: lies in the result cache ({cache_dir}); give another --cache-dir or --no-cache")
        if root is not None and _id(p) == root:
            raise UsageError(f"{cache_dir}: the cache directory is an input of this run")


def suggest(path: str, ext: str) -> str:
    """``path`` with its extension replaced by ``ext`` (``report.cleaned.pdf`` -> ``report.cleaned.txt``)."""
    stem, old = os.path.splitext(path)
    return (stem if old else path) + ext


def refuse_extension(path: str | None, allowed: tuple[str, ...], what: str, strict: bool = False) -> None:
    """Raise UsageError when ``path``'s extension says another format than ``allowed`` (the first one is suggested).

    Unknown extensions (``.log``, none) pass unless ``strict``."""
    if not path or path == "-":
        return
    ext = os.path.splitext(path)[1].lower()
    if ext in allowed or (not strict and ext not in KNOWN_EXTS):
        return
    shown = f"not {ext}" if ext else "needs an extension"
    raise UsageError(f"{path}: {what}, {shown}; name it {suggest(path, allowed[0])} "
                     f"(extensions: {' '.join(allowed)})")


def clean_exts(fmt: str, input_path: str) -> tuple[str, ...]:
    """The extensions a cleaned copy of an input read as ``fmt`` may carry: those of the written format, and for
    text the input's own extension when it names no other format (a cleaned ``notes.rst`` stays ``.rst``)."""
    allowed = CLEAN_EXTS.get(fmt, TEXT_EXTS)
    own = os.path.splitext(input_path)[1].lower() if input_path and input_path != "-" else ""
    if fmt in ("text", "markdown") and own and own not in KNOWN_EXTS:
        allowed = allowed + (own,)
    return allowed
