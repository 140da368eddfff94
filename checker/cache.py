"""The result cache: an unchanged file is not extracted or checked again (like ruff's cache).

A result is keyed on the file's content SHA-256, the rule pack's hash, the effective configuration (what can change
a result: selection, severity overrides, language, pack options) and the tool version, and stored as the JSON form of
:class:`checker.result.FileResult` plus the extracted text (the console renderer shows the flagged line), one file
per key under ``<cache dir>/v1/``. The directory is safe to delete at any time; writes are atomic; a corrupt or
unreadable entry is a miss. It never grows without bound: past ``max_entries`` or ``max_bytes`` the least recently
used entries (by modification time, refreshed on every hit) are pruned.

API for other callers (checker/batch.py)::

    cache = Cache(default_dir(config))
    key = cache_key(data_sha256, pack.sha256, config, __version__)
    result = cache.get(key)          # FileResult | None
    cache.put(key, result)
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from . import atomic
from .errors import ReportlintError
from .result import FileResult

FORMAT = "v1"
MAX_ENTRIES = 5000
MAX_BYTES = 256 * 1024 * 1024
PRUNE_EVERY = 64  # puts between two size checks
ENV_DIR = "REPORTLINT_CACHE_DIR"


@functools.lru_cache(maxsize=1)
def code_sha() -> str:
    """A hash of the checker's own source files: a development checkout whose code changed without a version bump
    must not be served results of the old code."""
    h = hashlib.sha256()
    pkg = Path(__file__).resolve().parent
    for p in sorted(pkg.rglob("*.py")):
        try:
            h.update(p.relative_to(pkg).as_posix().encode())
            h.update(p.read_bytes())
        except OSError:
            pass
    return h.hexdigest()


def cache_key(data_sha: str, pack_sha: str, config: Any, version: str) -> str:
    """A hex key from the input's SHA-256, the pack's hash, the effective config and the tool version (plus the
    hash of the checker's source, see :func:`code_sha`)."""
    token = config.cache_token() if hasattr(config, "cache_token") else config
    blob = json.dumps({"data": data_sha, "pack": pack_sha, "config": token, "version": version, "format": FORMAT,
                       "code": code_sha()}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def default_dir(config: Any = None) -> Path:
    """``$REPORTLINT_CACHE_DIR``; else ``.reportlint_cache/`` in the project root (the directory of the config
    file); else ``$XDG_CACHE_HOME/reportlint`` (``~/.cache/reportlint``)."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    root = getattr(config, "root", None)
    if root:
        return Path(root) / ".reportlint_cache"
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "reportlint"


class Cache:
    def __init__(self, directory: str | os.PathLike, max_entries: int = MAX_ENTRIES,
                 max_bytes: int = MAX_BYTES) -> None:
        self.root = Path(directory)
        self.dir = self.root / FORMAT
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0
        self._puts = 0

    def _path(self, key: str) -> Path:
        return self.dir / f"{key}.json"

    def get(self, key: str):
        """The cached :class:`FileResult` for ``key``, or ``None``."""
        p = self._path(key)
        try:
            with open(p, encoding="utf-8") as f:
                entry = json.load(f)
            res = FileResult.from_dict(entry["result"])
            res.text = entry.get("text")
            res.digest = entry.get("digest")
            res.cached = True
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, KeyError, TypeError):  # corrupt or from another layout: a miss, and drop it
            self.misses += 1
            try:
                p.unlink()
            except OSError:
                pass
            return None
        try:
            os.utime(p)  # LRU-ish: a hit is recent use
        except OSError:
            pass
        self.hits += 1
        return res

    def put(self, key: str, result) -> None:
        """Store ``result`` atomically; never raises (a cache that cannot be written is just not used)."""
        if result.error:  # unreadable inputs are cheap to fail again and may be fixed by a newer version
            return
        d = result.to_dict()
        d["notes"] = list(result.notes)
        text = result.text if result.text is not None else (result.analysis.doc.text if result.analysis else None)
        entry = {"result": d, "text": text}
        dg = result.cross_year_digest()
        if dg is not None:  # the cross-year digest (checker.checks.crossyear): a cached file is not read again
            entry["digest"] = dg
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        try:
            self._ensure_dir()
            fd, tmp = atomic.open_temp(str(self._path(key)), prefix=".tmp-")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(data)
                os.replace(tmp, self._path(key))
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except (OSError, ReportlintError):
            return
        self._puts += 1
        if self._puts % PRUNE_EVERY == 1:
            self.prune()

    def _ensure_dir(self) -> None:
        if self.dir.is_dir():
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", "# created by reportlint: safe to delete\n*\n"),
                           ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                            "# reportlint result cache: safe to delete\n")):
            p = self.root / name
            if not p.exists():
                try:
                    p.write_text(text, encoding="utf-8")
                except OSError:
                    pass

    def entries(self) -> list[tuple[float, int, Path]]:
        out = []
        try:
            it = os.scandir(self.dir)
        except OSError:
            return out
        with it:
            for e in it:
                if e.name.endswith(".json"):
                    try:
                        st = e.stat()
                    except OSError:
                        continue
                    out.append((st.st_mtime, st.st_size, Path(e.path)))
        return out

    def prune(self) -> int:
        """Remove the least recently used entries beyond the caps; returns how many were removed."""
        entries = self.entries()
        total = sum(s for _, s, _ in entries)
        if len(entries) <= self.max_entries and total <= self.max_bytes:
            return 0
        entries.sort(key=lambda e: e[0])  # oldest first
        removed = 0
        # prune down to 90 % of the caps so that the next few puts don't prune again
        while entries and (len(entries) > self.max_entries * 0.9 or total > self.max_bytes * 0.9):
            _, size, p = entries.pop(0)
            try:
                p.unlink()
            except OSError:
                pass
            total -= size
            removed += 1
        return removed
