"""Spun words verified against recurring government phrasing (GOV-K009 spin, spec/contamination.md §2 G; issue 13).

A synonym spinner (伪原创) copies a government text and writes a thesaurus synonym for some of its words: 发展 →
生长, 负责 → 卖力, 情况 → 状况. The pairs of ``lexicons/spin.tsv`` are the thesaurus; the government phrases a
pair lists (投资|生长, 生长|改造委) were its only contexts, written by hand from the pages where the pair was seen,
so the same spinner's output in any other phrase (经济生长, 生长理念) went unseen.

This module gives every pair the contexts of the whole government register instead: a spun word found outside
its listed phrases is put back to its original, and the place counts when

- the restored text forms a phrase that recurs in clean government texts: an ``N``-character window holding the
  original and at least one character of its context on the page is in the reference (``lexicons/spin_ref.txt.gz``:
  the Han ``N``-grams of at least two distinct clean government texts, built by ``tools/build_spin_reference.py``
  from the tune pages, the official-tune pages, the national format's wording, the generator's templates, the
  rule pack and the real reports — never a measure page), and
- the spun text at the same place is no such phrase (no window of it that touches the spun word is in the
  reference): an organ that writes 踊跃参与 where others write 积极参与 is within the register when other
  government texts write 踊跃参与 too.

A verified place is weaker evidence than a listed phrase (a single 工作环境 restores to a real 工作情况), so it is
reported only on a page where another spin pair is found as well (``provenance.spin_spans``: distinct pairs), and
it is information, counted with the others for the page-level judgement. Cost: only the places of the spun words,
which the pair automaton finds in one pass, are looked at; each is a few set look-ups.
"""

from __future__ import annotations

import functools
import gzip
import re
from pathlib import Path

from ...normalize import to_simplified

N = 4  # characters of a reference phrase
REF_FILE = "spin_ref.txt.gz"
REF_FORMAT = "reportlint-spin-ref/1"
REF_MAGIC = "#"  # the first line: "#" + a JSON header (format, n, inputs with their SHA-256), then one n-gram a line
HAN = re.compile(r"[\u3400-\u9fff]+")


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff"


def ngrams(text: str, n: int = N) -> set[str]:
    """The distinct Han ``n``-grams of ``text`` (traditional characters read as simplified), as the build counts
    them: within runs of Han characters only, never across punctuation or a line break."""
    out: set[str] = set()
    for run in HAN.findall(to_simplified(text)):
        if len(run) >= n:
            out.update(map(run.__getitem__, map(slice, range(len(run) - n + 1), range(n, len(run) + 1))))
    return out


@functools.lru_cache(maxsize=4)
def reference(lexicon_dir: str) -> frozenset[str]:
    """The recurring phrases of the reference file; empty when it is absent."""
    path = Path(lexicon_dir) / REF_FILE
    if not path.is_file():
        return frozenset()
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").split("\n")
    return frozenset(x for x in lines[1:] if x)


def _run(text: str, start: int, end: int) -> tuple[int, int]:
    """The Han context around ``text[start:end]``: up to N characters each side, within the run of Han
    characters (bounded loops of at most N steps)."""
    a = start
    while a > 0 and start - a < N and _is_han(text[a - 1]):
        a -= 1
    b = end
    while b < len(text) and b - end < N and _is_han(text[b]):
        b += 1
    return a, b


def verify(text: str, start: int, end: int, original: str,
           ref: frozenset[str]) -> tuple[int, int, str, int] | None:
    """(phrase start, phrase end, reference phrase, windows) when putting ``original`` back for ``text[start:end]``
    (a spun word) gives recurring government phrases (``windows`` of them, each holding the original and some of
    its context) that the spun text over the same context is not; None otherwise. The phrase is the spun text over
    the context of every such window (view offsets)."""
    if not ref or not original:
        return None
    a, b = _run(text, start, end)
    left, right = text[a:start], text[end:b]
    restored = left + original + right
    o0, o1 = len(left), len(left) + len(original)  # the original within ``restored``
    need = min(len(original), N - 1)  # characters of the original a window must hold
    found = [k for k in range(max(0, o0 - (N - need)), min(o1 - need, len(restored) - N) + 1)
             if restored[k:k + N] in ref and not (k >= o0 and k + N <= o1)]  # a recurring phrase with context
    if not found:
        return None
    s0 = start - (o0 - min(found)) if min(found) < o0 else start  # the spun text over the same context
    s1 = end + max(0, max(found) + N - o1)
    if any(text[i:i + N] in ref for i in range(max(s0, start - N + 1), min(s1 - N, end - 1) + 1)):
        return None  # the spun text recurs as well: within the register
    return s0, s1, restored[found[0]:found[0] + N], len(found)


REF_ALONE = 3  # distinct verified pairs that are reported on a page where no listed pair occurs
REF_PAGE = 5  # distinct pairs, listed and verified, from which the page is a spun copy (listed alone: SPIN_PAGE)


def reported(listed: int, verified: int) -> bool:
    """Whether the verified places of a page are reported: with another pair (a listed phrase, a G6 signature) on
    the page, or :data:`REF_ALONE` distinct verified pairs without one (a single 工作环境 or 踊跃参与 is no
    evidence of spinning)."""
    return verified > 0 and ((listed > 0 and listed + verified >= 2) or verified >= REF_ALONE)
