"""Bounded resources: every input is checked against these limits before (or while) it is parsed.

Reports come from crawls and from users; some files are broken and some are hostile (zip bombs, XML entity
expansion, pathological nesting, gigabytes of text). Exceeding a bound stops that file with **E020**, naming the
limit, its value and what was found (exit 2, one line); other files of the run go on.

=====================  ==============  ==========================================================================
limit                  default         what it bounds
=====================  ==============  ==========================================================================
``max_input_bytes``    100 MiB         size of one input file (checked before it is read; stdin read to the bound)
``max_unzipped_bytes`` 256 MiB         sum of the declared uncompressed sizes of a DOCX's zip members
``max_zip_ratio``      200             compression ratio of one zip member bigger than ``zip_ratio_grace``
``zip_ratio_grace``    1 MiB           members up to this size are never refused for their ratio
``max_zip_members``    10000           number of members of a DOCX zip
``max_pdf_pages``      2000            pages of a PDF
``max_html_depth``     5000            element nesting depth of an HTML page (pre-scanned, before parsing)
``max_text_chars``     2,000,000       characters of extracted text (a long report has 50,000)
=====================  ==============  ==========================================================================

The time spent on one file is bounded by ``--timeout`` (batch runs; E021), not here.

The zip limits use the sizes of the zip's central directory, before python-docx opens the file; Python's zipfile
never inflates a member past its declared size, so a member cannot lie its way around them. XML inside a DOCX is
parsed by python-docx's lxml parser, which does not resolve entities or load DTDs and never reads the network or
local files; :func:`safe_xml_parser` gives the same guarantees to any other XML we parse.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import os
import zipfile
from dataclasses import asdict, dataclass, fields, replace
from typing import Iterator

from .errors import ExtractError

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_input_bytes: int = 100 * MiB
    max_unzipped_bytes: int = 256 * MiB
    max_zip_ratio: float = 200.0
    zip_ratio_grace: int = 1 * MiB
    max_zip_members: int = 10_000
    max_pdf_pages: int = 2000
    max_html_depth: int = 5000
    max_text_chars: int = 2_000_000

    def to_dict(self) -> dict:
        return asdict(self)

    def updated(self, **changes) -> "Limits":
        """A copy with ``changes`` applied (config-file keys); unknown keys raise ValueError."""
        known = {f.name for f in fields(self)}
        bad = sorted(set(changes) - known)
        if bad:
            raise ValueError(f"unknown limit(s): {', '.join(bad)} (known: {', '.join(sorted(known))})")
        return replace(self, **changes)


DEFAULT = Limits()
_current: contextvars.ContextVar[Limits] = contextvars.ContextVar("reportlint_limits", default=DEFAULT)


def current() -> Limits:
    """The limits in force for the file being extracted (set by :func:`using`)."""
    return _current.get()


@contextlib.contextmanager
def using(limits: Limits | None) -> Iterator[Limits]:
    tok = _current.set(limits or DEFAULT)
    try:
        yield _current.get()
    finally:
        _current.reset(tok)


def exceeded(what: str, value, limit) -> ExtractError:
    return ExtractError("E020", f"{what} {value} > {limit}")


def out_of_memory() -> ExtractError:
    return ExtractError("E020", "memory: the file needs more memory than is available")


def _mib(n: int) -> str:
    return f"{n / MiB:.1f} MiB" if n >= MiB else f"{n} B"


# -- input size ---------------------------------------------------------------------------------------------------

def check_input_size(n: int, limits: Limits | None = None) -> None:
    lim = limits or current()
    if n > lim.max_input_bytes:
        raise exceeded("max_input_bytes: input size", _mib(n), _mib(lim.max_input_bytes))


def read_bounded(f: io.BufferedIOBase, limits: Limits | None = None) -> bytes:
    """Read a stream, but never more than the input bound (plus one byte to detect the excess). A regular file is
    read with its size as the first request (``read(n)`` allocates ``n`` bytes up front: asking for the whole bound
    cost a 100 MB allocation per file of a batch), then on up to the bound if it grew."""
    lim = limits or current()
    cap = lim.max_input_bytes + 1
    try:
        hint = os.fstat(f.fileno()).st_size
    except (AttributeError, OSError, ValueError):  # (io.UnsupportedOperation is an OSError and a ValueError)
        hint = None
    if hint is not None and 0 < hint + 1 < cap:
        data = f.read(hint + 1)
        if len(data) > hint:  # more than its size said (a growing file, a pipe): read on to the bound
            data += f.read(cap - len(data))
    else:
        data = f.read(cap)
    check_input_size(len(data), lim)
    return data


# -- zip (DOCX) ---------------------------------------------------------------------------------------------------

def check_zip(data: bytes, limits: Limits | None = None, code: str = "E013") -> None:
    """Refuse zip bombs before anything inflates a member: member count, total size, per-member ratio (DOCX and
    OFD); a zip that does not open gives ``code`` (E013 DOCX, E018 OFD)."""
    lim = limits or current()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as e:
        raise ExtractError(code, str(e) or "bad zip") from None
    if len(infos) > lim.max_zip_members:
        raise exceeded("max_zip_members: zip members", len(infos), lim.max_zip_members)
    total = 0
    for zi in infos:
        total += zi.file_size
        if total > lim.max_unzipped_bytes:
            raise exceeded("max_unzipped_bytes: uncompressed size", f"{_mib(total)}+", _mib(lim.max_unzipped_bytes))
        if zi.file_size > lim.zip_ratio_grace:
            ratio = zi.file_size / max(zi.compress_size, 1)
            if ratio > lim.max_zip_ratio:
                raise exceeded(f"max_zip_ratio: compression ratio of {zi.filename}", f"{ratio:.0f}",
                               f"{lim.max_zip_ratio:g}")


# -- PDF ----------------------------------------------------------------------------------------------------------

def check_pages(n: int, limits: Limits | None = None) -> None:
    lim = limits or current()
    if n > lim.max_pdf_pages:
        raise exceeded("max_pdf_pages: pages", n, lim.max_pdf_pages)


# -- HTML ---------------------------------------------------------------------------------------------------------

VOID = frozenset(b"area base br col embed hr img input link meta param source track wbr keygen basefont bgsound "
                 b"frame isindex image".split())
# closed implicitly by their next sibling (or never nested in practice): not counted
IMPLIED = frozenset(b"p li dt dd option optgroup rb rp rt rtc tr td th thead tbody tfoot colgroup caption html head "
                    b"body".split())
RAWTEXT = frozenset(b"script style textarea title xmp iframe noembed noframes plaintext".split())
_NAME_END = b" \t\r\n\f/>"


def html_depth(data: bytes, stop_above: int | None = None) -> int:
    """An estimate of the element nesting depth of an HTML page, in one linear scan without parsing.

    Start tags of non-void elements that are not implicitly closed count one level; an end tag closes a level of
    its own name if one is open. Comments and raw-text elements (script, style …) are skipped. The scan stops
    early once the depth passes ``stop_above``.
    """
    if data.count(b"<") <= (stop_above if stop_above is not None else -1):
        return 0  # cannot be deeper than the number of tags
    low = data.lower()
    depth = best = 0
    open_: dict[bytes, int] = {}
    i, n = 0, len(low)
    find = low.find
    while True:
        i = find(b"<", i)
        if i < 0 or i + 1 >= n:
            break
        c = low[i + 1]
        if c == 0x21:  # <! comment / doctype / cdata
            if low.startswith(b"<!--", i):
                j = find(b"-->", i + 4)
            else:
                j = find(b">", i + 2)
            if j < 0:
                break
            i = j + 1
            continue
        end = c == 0x2F  # </
        k = i + 2 if end else i + 1
        j = k
        while j < n and low[j] not in _NAME_END:
            j += 1
            if j - k > 32:
                break
        name = low[k:j]
        if not name or not (0x61 <= name[0] <= 0x7A):
            i += 1
            continue
        if end:
            cnt = open_.get(name, 0)
            if cnt:
                open_[name] = cnt - 1
                depth -= 1
            i = j
            continue
        if name in RAWTEXT:
            close = find(b"</" + name, j)
            if close < 0:
                break
            i = close + 2
            continue
        if name not in VOID and name not in IMPLIED:
            open_[name] = open_.get(name, 0) + 1
            depth += 1
            if depth > best:
                best = depth
                if stop_above is not None and best > stop_above:
                    return best
        i = j
    return best


def check_html_depth(data: bytes, limits: Limits | None = None) -> None:
    lim = limits or current()
    d = html_depth(data, stop_above=lim.max_html_depth)
    if d > lim.max_html_depth:
        raise exceeded("max_html_depth: element nesting depth", f"{d}+", lim.max_html_depth)


# -- text ---------------------------------------------------------------------------------------------------------

def check_text(text: str, limits: Limits | None = None) -> None:
    lim = limits or current()
    if len(text) > lim.max_text_chars:
        raise exceeded("max_text_chars: text length", len(text), lim.max_text_chars)


# -- XML ----------------------------------------------------------------------------------------------------------

def safe_xml_parser(**kw):
    """An lxml parser that never resolves entities, loads DTDs or touches the network or the file system."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, dtd_validation=False,
                           **kw)
