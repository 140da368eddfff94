"""The public suffix list, parsed once per installation (issue 16).

``publicsuffixlist.PublicSuffixList()`` parses the list shipped inside the package at every start: ~10,000 rules,
each also IDNA-encoded, ~35 ms of CPU (a quarter of a one-file check; the parent of a batch paid it before forking
its workers). What the parse produces is plain data — a frozenset of rule strings, the longest rule's label count
and the two flags of the constructor — so it is kept like Python's bytecode cache: marshalled in ``psl/`` of
:func:`checker.packs.derived_dir`, keyed on the SHA-256 of the shipped list, the package's version, this module's
format and the interpreter, written atomically, and read back into a ``PublicSuffixList`` made without parsing.

A cache entry is trusted no further than its key and its shape (attribute names mapped to flags, counts and
frozensets of strings; marshal builds no other object here); on any doubt — a damaged or foreign file, another
version, ``REPORTLINT_NO_PSL_CACHE`` set — the list is parsed as usual. The cache can make a start faster, never an answer
different (tests/test_batch_plumbing.py compares the cached object with a fresh parse).
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

FORMAT = 1
NO_CACHE_ENV = "REPORTLINT_NO_PSL_CACHE"  # set (non-empty): parse the shipped list at every start
KEEP = 4  # cached versions kept (several checkouts or versions may share the cache directory)


@functools.lru_cache(maxsize=1)
def public_suffix_list():
    """The ``PublicSuffixList`` of the list shipped with the package (no network), parsed or from the cache."""
    from publicsuffixlist import PublicSuffixList

    key = None if os.environ.get(NO_CACHE_ENV) else _key()
    if key is not None:
        got = _read(key)
        if got is not None:
            return got
    psl = PublicSuffixList()
    if key is not None:
        _write(key, psl)
    return psl


def _source() -> str:
    import publicsuffixlist

    return publicsuffixlist.PSLFILE


def _key() -> str | None:
    try:
        import hashlib

        import publicsuffixlist

        with open(_source(), "rb") as f:
            h = hashlib.sha256(f.read())
        h.update(f"|{FORMAT}|{publicsuffixlist.__version__}|{sys.version}".encode())
        return h.hexdigest()
    except Exception:  # noqa: BLE001 — no key, no cache
        return None


def _path(key: str) -> Path:
    from .packs import derived_dir

    return derived_dir() / "psl" / f"{key}.marshal"


_TYPES = (bool, int, frozenset)


def _read(key: str):
    try:
        import marshal

        from publicsuffixlist import PublicSuffixList

        with open(_path(key), "rb") as f:
            state = marshal.loads(f.read())
        if not isinstance(state, dict) or not state or not all(
                isinstance(k, str) and type(v) in _TYPES for k, v in state.items()):
            return None
        if any(type(v) is frozenset and not all(type(x) is str for x in v) for v in state.values()):
            return None
        psl = PublicSuffixList.__new__(PublicSuffixList)
        psl.__dict__.update(state)
        return psl
    except Exception:  # noqa: BLE001 — damaged, foreign or missing: parse the list
        return None


def _write(key: str, psl) -> None:
    try:
        import marshal

        from .packs import store_derived

        state = dict(psl.__dict__)
        if not state or not all(type(v) in _TYPES for v in state.values()):
            return  # another version of the package keeps something else: no cache
        store_derived(_path(key), marshal.dumps(state), KEEP)
    except Exception:  # noqa: BLE001 — a cache that cannot be written is no error of the run
        return
