"""Top-level sections (一、总体情况 … 六、其他需要报告的事项): headings found on the cleaned view, matched to the
pack's canonical sections (``sections.yaml``) exactly, by variant or by keywords, with their spans.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from itertools import accumulate

from ..document import HEADING, Document
from ..normalize import View

ORDINALS = "一二三四五六七八九十"
HEADING_RE = re.compile(r"^\s*(?:第([一二三四五六七八九十]{1,3})(?:部分|章)|([一二三四五六七八九十]{1,3}))\s*(?:[、.．,，:：]\s*)?(?=\S)")
MAX_HEADING = 40
# T3 row labels numbered like headings: 一、本年新收… 二、上年结转… 三、本年度办理结果 四、结转下年度继续办理
NOT_HEADINGS = ("本年新收", "上年结转", "本年度办理结果", "结转下年度")
INLINE_RE = re.compile(r"(?<=[\s。；;])([一二三四五六七八九十]{1,2})\s*、\s*")
# a line break, the next line's blanks and the character HEADING_RE needs first (the literal opening on "\n" lets
# the scan jump from line to line)
_ORDINAL_LINE = re.compile(r"\n[^\S\n]*[第一二三四五六七八九十]")


@dataclass
class Section:
    key: str | None  # canonical key, None for an unrecognised top-level heading
    ordinal: str | None  # as written: 一 … 六
    title: str  # heading text without the ordinal (normalised view)
    match: str  # exact | variant | keywords | none
    start: int  # original offsets of the heading line
    end: int
    body_start: int  # original offset where the section body starts
    body_end: int  # … and ends (next top-level heading or end of text)
    vstart: int  # view offsets of the heading
    vbody_end: int = 0


_CANON_DROP = re.compile(r"[\s、，,。.．:：()（）的]")


@functools.lru_cache(maxsize=4096)  # (pure) the pack's headings and the headings of a batch repeat
def _canon(s: str) -> str:
    return _CANON_DROP.sub("", s)


_BY_FIRST: dict[int, tuple] = {}  # id(specs) → (specs, {first character: [(text, key, how), …] in spec order})


def _candidates(specs: list[dict]) -> dict[str, list[tuple[str, str, str]]]:
    """The canonical texts and variants of ``specs`` by their first character, in the order prefix_match tries
    them (built once per spec list: the pack's)."""
    hit = _BY_FIRST.get(id(specs))
    if hit is None or hit[0] is not specs or hit[2] != len(specs):
        by: dict[str, list[tuple[str, str, str]]] = {}
        for sp in specs:
            for how, cands in (("exact", [sp["canonical"]]), ("variant", sp.get("variants", []))):
                for c in cands:
                    by.setdefault(c[:1], []).append((c, sp["key"], how))
        if len(_BY_FIRST) > 64:
            _BY_FIRST.clear()
        hit = _BY_FIRST[id(specs)] = (specs, by, len(specs))
    return hit[1]


def prefix_match(rest: str, specs: list[dict]) -> tuple[str, str, str] | None:
    """The canonical text or variant that ``rest`` starts with: (key, how, heading as written); the longest, the
    first of the pack's order among equally long ones."""
    best = None
    by = _candidates(specs)
    for c, key, how in by.get(rest[:1], []) + (by.get("", []) if rest[:1] else []):
        if rest.startswith(c) and (best is None or len(c) > len(best[2])):
            best = (key, how, c)
    return best


def classify(title: str, specs: list[dict]) -> tuple[str | None, str]:
    t = _canon(title)
    for sp in specs:
        if t == _canon(sp["canonical"]):
            return sp["key"], "exact"
    for sp in specs:
        if any(t == _canon(v) for v in sp.get("variants", [])):
            return sp["key"], "variant"
    for sp in specs:
        for words in sp.get("keywords", []):
            if all(w in t for w in words):
                return sp["key"], "keywords"
    return None, "none"


def ordinal_value(o: str | None) -> int | None:
    if not o:
        return None
    if o == "十":
        return 10
    if len(o) == 1:
        return ORDINALS.index(o) + 1
    if o.startswith("十"):
        return 10 + ORDINALS.index(o[1]) + 1
    return None


def _block_heading(doc: Document, view: View, i: int) -> bool:
    """The line at view offset ``i`` is a top-level heading block of the extractor (a sub-heading block, level 2+:
    「（一）主动公开」 in PDF/DOCX, is never a top-level section heading)."""
    blk = doc.block_at(view.orig(i))
    return blk is not None and blk.kind == HEADING and (blk.level or 1) <= 1


def ordinal_lines(text: str, starts: list[int]) -> list[int]:
    """The indices of the lines of ``text`` (``starts``: their offsets) that open, after blanks, on 第 or an ordinal:
    every line HEADING_RE can match, found by one scan instead of a match per line."""
    return [0] + [bisect.bisect_left(starts, m.start() + 1) for m in _ORDINAL_LINE.finditer(text)]


def analyse(doc: Document, view: View, specs: list[dict]) -> list[Section]:
    found: list[Section] = []
    text = view.text
    all_lines = text.split("\n")
    starts = list(accumulate(map((1).__add__, map(len, all_lines)), initial=0))  # each line's, and the end + 1
    # without a top-level heading block of the extractor (a text file), no unnumbered line is a block heading
    block_headings = any(b.kind == HEADING and (b.level or 1) <= 1 for b in doc.blocks)
    indices = range(len(all_lines)) if block_headings else ordinal_lines(text, starts)
    for li in indices:
        line = all_lines[li]
        a, pos = starts[li], starts[li + 1]
        s = line.strip()
        if not s:
            continue
        wrapped_end = None  # view offset where a heading wrapped onto the next line ends
        m = HEADING_RE.match(line)
        if m:
            ordinal = m.group(1) or m.group(2)
            rest = line[m.end():].strip()
            pm = prefix_match(rest, specs)
            # a heading hard-wrapped onto the next line (四、政府信息公开行政复议、行政诉讼 / 情况)
            nxt = all_lines[li + 1].strip() if li + 1 < len(all_lines) else ""
            if (nxt and len(rest) + len(nxt) <= MAX_HEADING and not re.search(r"[。；;，,]", nxt)
                    and not HEADING_RE.match(all_lines[li + 1])):
                wm = prefix_match(rest + nxt, specs)
                if wm and len(wm[2]) > len(rest) and (pm is None or len(wm[2]) > len(pm[2])):
                    nl = all_lines[li + 1]
                    wrapped_end = pos + (len(nl) - len(nl.lstrip())) + len(wm[2]) - len(rest)
                    pm = wm
            head = pm[2] if pm else re.split(r"[。；]", rest, 1)[0]
            if len(head) > MAX_HEADING:
                head = head[:MAX_HEADING]
            if not head:
                continue
            if any(head.startswith(w) for w in NOT_HEADINGS) or len(re.findall(r"[\u3400-\u9fff]", head)) < 2:
                continue  # a row label of a flattened table (二、上年结转…), or a fragment cut by the page
            key, how = classify(head, specs)
            if key is None and (len(rest) > MAX_HEADING or len(head) < 4):
                continue  # a numbered paragraph or a fragment, not a heading
        elif block_headings and len(s) <= MAX_HEADING and _block_heading(doc, view, a + len(line) - len(line.lstrip())):
            ordinal, head = None, s
            key, how = classify(head, specs)
            if key is None:
                continue
        else:
            continue
        hs = a + (len(line) - len(line.lstrip()))
        he = a + len(line.rstrip())
        if wrapped_end is not None:
            he = wrapped_end
        elif m and pm is not None:
            he = a + line.index(pm[2], m.end() - 1) + len(pm[2])
        o_s, o_e = view.span(hs, he)
        found.append(Section(key, ordinal, head, how, o_s, o_e, o_e, len(doc.text), hs))
        # headings run into one line by a scraper: …。 二、主动公开政府信息情况 三、…
        for im in INLINE_RE.finditer(line, m.end() if m else 0):
            ipm = prefix_match(line[im.end():], specs)
            if ipm is None:
                continue
            hs2 = a + im.start(1)
            he2 = a + im.end() + len(ipm[2])
            o_s, o_e = view.span(hs2, he2)
            found.append(Section(ipm[0], im.group(1), ipm[2], ipm[1], o_s, o_e, o_e, len(doc.text), hs2))
    # keep top-level headings only: an ordinal sequence restarts in sub-lists (一、… inside 五、)
    top: list[Section] = []
    for sec in found:
        if sec.key is None and top and ordinal_value(sec.ordinal) in (None, 1):
            continue
        top.append(sec)
    for i, sec in enumerate(top):
        if i + 1 < len(top):
            sec.body_end = top[i + 1].start
            sec.vbody_end = top[i + 1].vstart
        else:
            sec.vbody_end = len(text)
    return top


def section_text(view: View, sec: Section) -> str:
    return view.text[sec.vstart:sec.vbody_end]
