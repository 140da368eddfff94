"""A learned character n-gram scorer: how much a stretch of text reads like *foreign* text rather than a report.

Two Witten-Bell smoothed character trigram models, one of report text (the 政府信息公开工作年度报告 register), one
of foreign text (spam, ads, portal menus, novels, gossip, game pages, lexicon entries), trained by
``tools/train_ngram.py`` and shipped as data in the rule pack (``lexicons/ngram.json.gz``: a header recording the
training inputs and their hashes, then the tables). Each character gets the log-ratio log P_foreign(c | two
before) − log P_report(c | two before), read from the tables as a back-off language model is read: the trigram's
value, else the history's back-off log-ratio plus the bigram's value, and so on down to the character; a character
seen in neither class scores 0.

:func:`normalise` is shared by training and scoring, one character for one character (offsets stay valid):
traditional characters to simplified (OpenCC t2s, line by line where a phrase changes the length), full-width ASCII
to ASCII, Latin letters lower-cased, every digit to ``0``, every blank to a space.

Scoring is one pass over the whole text with C-level ``map``/``dict.get`` chains and a prefix sum
(:meth:`Model.prefix`), so a segment's score is two look-ups: :meth:`Model.segment` returns the sum over the
segment divided by its length plus :data:`PRIOR` (a short segment cannot score high). The score is evidence only:
it never removes text on its own (``foreign.py`` reports a segment only when a structural signal agrees).
"""

from __future__ import annotations

import base64
import functools
import gzip
import json
import sys
from array import array
from itertools import accumulate, repeat
from operator import add
from pathlib import Path

FORMAT = "reportlint-ngram/1"
PRIOR = 8  # characters of zero score added to every segment: the length-aware average
PAD = "\n\n"
SEP = "\x1f"  # joins the keys of a table in the model file
SCALE = 100  # weights are stored and summed as integers: log-ratio × SCALE


def _char_table() -> dict[int, str]:
    t = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}  # full-width ASCII → ASCII
    t[0x3000] = " "
    for c in list(t):
        t[c] = t[c].lower()
    for c in range(ord("A"), ord("Z") + 1):
        t[c] = chr(c).lower()
    for c in "0123456789":
        t[ord(c)] = "0"
    for c in "０１２３４５６７８９":
        t[ord(c)] = "0"
    for c in "\t\r\x0b\x0c\xa0\u2002\u2003\u2009\u200b":
        t[ord(c)] = " "
    return t


CHARS = _char_table()


def normalise(text: str) -> str:
    """The text the model reads: same length as ``text`` (offsets are shared)."""
    from ...normalize import to_simplified

    simp = to_simplified(text)
    if len(simp) != len(text):  # a phrase conversion changed the length: convert line by line, keep what fits
        lines = text.split("\n")
        conv = [to_simplified(x) for x in lines]
        simp = "\n".join(c if len(c) == len(x) else x for c, x in zip(conv, lines))
    return simp.translate(CHARS)


def _weights(b64: str) -> array:
    w = array("h", base64.b64decode(b64))
    if sys.byteorder == "big":  # pragma: no cover - the file is little-endian
        w.byteswap()
    return w


class Model:
    """The tables of one trained model (see the module doc)."""

    def __init__(self, data: dict):
        self.header = data["header"]
        t = {k: dict(zip(v["keys"].split(SEP), _weights(v["weights"]))) if v["keys"] else {}
             for k, v in data["tables"].items()}
        self.tri: dict[str, float] = t["tri"]
        self.bi: dict[str, float] = t["bi"]
        self.uni: dict[str, float] = t["uni"]
        self.bo1: dict[str, float] = t["bo1"]
        self.bo2: dict[str, float] = t["bo2"]

    def contributions(self, norm: str) -> list[float]:
        """Per-character log-ratio of an already normalised text (no Python-level loop per character).

        Back-off order for character ``c`` after history ``ab``: the trigram's own value, else the history's
        back-off log-ratio plus the bigram ``bc``'s value, else (``b``'s back-off plus ``c``'s value)."""
        p = PAD + norm
        h2 = map(add, p, p[1:])
        bis = map(add, p[1:], p[2:])
        tris = map(add, map(add, p, p[1:]), p[2:])
        low1 = map(add, map(self.bo1.get, p[1:], repeat(0)), map(self.uni.get, norm, repeat(0)))
        low2 = map(add, map(self.bo2.get, h2, repeat(0)), map(self.bi.get, bis, low1))
        return list(map(self.tri.get, tris, low2))  # integers: log-ratio × SCALE

    def prefix(self, text: str) -> list[float]:
        """Prefix sums of the per-character scores of ``text`` (raw: normalised here); ``len(text) + 1`` values."""
        return list(accumulate(self.contributions(normalise(text)), initial=0))

    @staticmethod
    def segment(prefix: list[float], start: int, end: int) -> float:
        """Length-aware average log-ratio of ``text[start:end]`` from its prefix sums (> 0: reads as foreign)."""
        n = max(0, end - start)
        return (prefix[end] - prefix[start]) / SCALE / (n + PRIOR) if n else 0.0

    def score(self, text: str) -> float:
        """Length-aware average log-ratio of a whole text: > 0 reads as foreign, < 0 as report text."""
        return self.segment(self.prefix(text), 0, len(text))


def default_path() -> Path:
    from ...packs import DEFAULT_PACK, packs_root

    return packs_root() / DEFAULT_PACK / "lexicons" / "ngram.json.gz"


@functools.lru_cache(maxsize=4)
def load(path: str | None = None) -> Model | None:
    """The model shipped at ``path`` (default: the default pack's), loaded once; None when the pack has none."""
    p = Path(path) if path else default_path()
    if not p.is_file():
        return None
    raw = p.read_bytes()
    data = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    if data.get("header", {}).get("format") != FORMAT:
        return None
    return Model(data)


def score(text: str) -> float:
    """Length-aware average log-ratio of ``text`` under the default pack's model (0.0 when there is none)."""
    m = load()
    return m.score(text) if m else 0.0
