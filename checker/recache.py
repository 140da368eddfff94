"""Compiled regular expressions kept between runs, like Python's bytecode cache (issue 16).

``re`` compiles a pattern in pure Python, and a class such as ``[\\u3400-\\u9fff]`` costs its optimiser one step per
code point (27,000 of them): compiling the ~170 patterns the flow's modules define took ~50 ms of every start, a
quarter of a one-file check. What ``re``'s compiler produces is the SRE code, a list of integers that depends only
on the pattern, the flags and the interpreter. :func:`save` keeps the code of the patterns compiled while the
command's modules were imported (:func:`checkpoint`); :func:`warm`, at the next start, rebuilds each pattern object
from its code with ``_sre.compile`` (the call ``re._compiler.compile`` ends with) and puts it in ``re``'s own cache,
so ``re.compile`` anywhere in the process returns it as if compiled a moment earlier. The rebuilt objects compare
equal to freshly compiled ones (``Pattern.__eq__`` compares the flags, the pattern and the code: tests/test_startup.py
checks every entry).

Only patterns compiled before any document is read are kept: those the command's modules compile at import
(module constants built from the source and the pack), and — when the import compiled patterns the cache lacked —
those a check of the built-in warm-up report compiles (:func:`learn`: patterns built at run time from the pack, such
as the wording lexicon's), never one compiled while the user's document is checked (which may be built from its
text). The file lives in ``regex/`` of :func:`checker.packs.derived_dir`, named after the interpreter, and is trusted
no further than its stamp (interpreter version, SRE magic and code size); ``_sre`` validates every code it is given.
It relies on ``re._cache`` (a dict keyed on type, pattern and flags, checked first by ``re._compile`` in 3.10–3.13)
and on ``_sre.compile``'s arguments; any doubt — another interpreter, a damaged file, ``re`` internals not as
expected, ``REPORTLINT_NO_REGEX_CACHE`` set — and patterns are compiled as usual: the cache can make a start faster,
never a result different.
"""

from __future__ import annotations

import array
import marshal
import os
import re
import sys
from pathlib import Path

FORMAT = 1
NO_CACHE_ENV = "REPORTLINT_NO_REGEX_CACHE"  # set (non-empty): compile every pattern, read and write no cache
MAX_ENTRIES = 1000  # a few commands' and versions' patterns (~170 each); past it only the newest run's are kept

_loaded: dict[tuple, tuple] = {}  # re cache key → the entry it was rebuilt from (what save() writes back)
_marked: dict[tuple, re.Pattern] = {}  # re cache key → pattern, as found at checkpoint()
_warmed: set = set()  # keys warm() put in re's cache: marked only when a lookup found them (_used)
_used: set = set()


class _Hits(dict):
    """``re``'s cache while the command's modules are imported (and the warm-up runs): it records the lookups that
    find an entry, so that an entry of the file that nothing asked for is not kept again. Without it every entry
    warm() put in counted as this run's, and the file only grew: patterns of other versions and worktrees, and
    alternations built from a set in a hash-seed order, a new one each run (32 MB, 2,955 entries, read and
    rebuilt at every start and written again at most of them)."""

    hits: set

    def __getitem__(self, key):
        value = dict.__getitem__(self, key)
        self.hits.add(key)
        return value


def _track() -> None:
    c = re._cache  # type: ignore[attr-defined]
    if not isinstance(c, _Hits):
        h = _Hits(c)
        h.hits = set()
        re._cache = h  # type: ignore[attr-defined]


def _untrack() -> set:
    """A plain dict again (the check itself pays no lookup hook); the keys its lookups found."""
    c = re._cache  # type: ignore[attr-defined]
    if isinstance(c, _Hits):
        re._cache = dict(c)  # type: ignore[attr-defined]
        return c.hits
    return set()


def _enabled() -> bool:
    return not os.environ.get(NO_CACHE_ENV) and isinstance(getattr(re, "_cache", None), dict)


def _stamp() -> tuple:
    import _sre

    return (FORMAT, sys.implementation.cache_tag, sys.hexversion, _sre.MAGIC, _sre.CODESIZE)


def cache_path() -> Path:
    from .packs import derived_dir

    return derived_dir() / "regex" / f"{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal"


def _build(entry: tuple) -> re.Pattern:
    import _sre

    pattern, _key_flags, flags, code, groups, groupindex = entry
    codes = array.array("I")
    codes.frombytes(code)
    indexgroup = [None] * (groups + 1)
    for name, i in groupindex.items():
        indexgroup[i] = name
    return _sre.compile(pattern, flags, codes.tolist(), groups, groupindex, tuple(indexgroup))


def warm() -> int:
    """Put the patterns a previous run kept into ``re``'s cache; the number put (0 on any doubt)."""
    if not _enabled():
        return 0
    try:
        with open(cache_path(), "rb") as f:
            blob = marshal.loads(f.read())
        if not isinstance(blob, tuple) or len(blob) != 2 or blob[0] != _stamp():
            return 0
        cache = re._cache  # type: ignore[attr-defined]
        n = 0
        for entry in blob[1]:
            key = (type(entry[0]), entry[0], entry[1])
            if key not in cache:
                cache[key] = _build(entry)
                _warmed.add(key)
                n += 1
            _loaded[key] = entry
        _track()
        return n
    except Exception:  # noqa: BLE001 — a damaged or foreign file: compile as usual
        return 0


def checkpoint() -> bool:
    """Mark the patterns compiled so far (call it once the command's modules are imported, before any document);
    whether some of them are not in the cache yet."""
    if not _enabled():
        return False
    _used.update(_untrack())
    try:
        _marked.update((k, p) for k, p in list(re._cache.items())  # type: ignore[attr-defined]
                       if isinstance(k, tuple) and len(k) == 3 and k[0] in (str, bytes)
                       and isinstance(p, re.Pattern) and (k not in _warmed or k in _used))
    except Exception:  # noqa: BLE001
        _marked.clear()
    return any(k not in _loaded for k in _marked)


def learn(warm_up) -> None:
    """Run ``warm_up`` (a check of a text from the source, no user data) and mark the patterns it compiled. Called
    when :func:`checkpoint` found patterns the cache lacks (new or changed code): the run-time patterns are kept
    then, and the user's check that follows finds them compiled."""
    if not _enabled():
        return
    _track()
    try:
        warm_up()
    except Exception:  # noqa: BLE001 — learning is an optimisation: whatever fails, the check runs as usual
        _untrack()
        return
    checkpoint()


def _internals():
    """``re``'s parser and compiler modules (``re._parser``/``re._compiler`` since 3.11, ``sre_*`` before)."""
    if hasattr(re, "_compiler") and hasattr(re, "_parser"):
        return re._parser, re._compiler  # type: ignore[attr-defined]
    import sre_compile  # pragma: no cover - Python 3.10
    import sre_parse  # pragma: no cover

    return sre_parse, sre_compile  # pragma: no cover


def _entry(key: tuple, p: re.Pattern) -> tuple | None:
    """The cache entry of a compiled pattern: its code computed again (as ``re`` did) and proved by rebuilding."""
    parser, compiler = _internals()
    _, pattern, flags = key
    parsed = parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    entry = (pattern, flags, flags | parsed.state.flags, array.array("I", code).tobytes(), parsed.state.groups - 1,
             dict(parsed.state.groupdict))
    return entry if _build(entry) == p else None


def save() -> int:
    """Keep the marked patterns the cache lacked (atomic; any failure only means they are compiled next time);
    the number of new entries written."""
    if not _enabled() or not _marked:
        return 0
    new = [k for k in _marked if k not in _loaded]
    if not new and len(_loaded) <= MAX_ENTRIES:
        return 0  # (a file over the bound is written again with what this run used)
    try:
        entries = [e for k in new if (e := _entry(k, _marked[k])) is not None]
        if len(_loaded) + len(entries) > MAX_ENTRIES:
            keep = [_loaded[k] for k in _marked if k in _loaded]
        else:
            keep = list(_loaded.values())
        from . import atomic

        path = cache_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write(str(path), marshal.dumps((_stamp(), keep + entries)))
        written = {(type(e[0]), e[0], e[1]): e for e in keep + entries}
        _loaded.clear()
        _loaded.update(written)
        return len(entries)
    except Exception:  # noqa: BLE001 — a cache that cannot be written is no error of the run
        return 0
