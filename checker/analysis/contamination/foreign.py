"""Foreign text by the learned character n-gram scorer (GOV-K014, category ``foreign-text``), flagged only when an
independent structural signal agrees.

The view is cut into segments (lines; the sentences of a long line). A segment is a candidate when the n-gram
score (``ngram.py``: length-aware average log-ratio foreign/report) is at least :data:`STRONG`. It is reported as a
warning (tier ``flag``: never removed, the scorer is evidence, not an anchor) only when one of these structural
signals, which do not look at the words, agrees:

- ``before-title``: the segment ends before the report's title line (or its opening 根据《…条例》 sentence);
- ``after-sign-off``: it starts after the report's sign-off (a date on a line of its own near the end);
- ``short-line-run``: it is a short non-sentence line in a run of at least :data:`RUN` such lines (a menu, a
  list of titles), not a heading;
- ``news-list``: a short line in the shape of a news list or byline (a date or a 记者/作者/来源 field), next to
  another one;
- ``item-run``: a line of at least :data:`ITEMS` short items between separators (``|``, ``/``, ``·``, wide gaps);
- ``breaks-sentence``: a line that sits inside a sentence of the report (the line before is a paragraph that
  stops without punctuation in the middle of a sentence, the line after goes on).

A structural signal with a medium score (:data:`MEDIUM`) is an info finding — a warning on a page already judged a
mirror's copy (``mirror``: the verdict is a third, independent signal); below that, or with no structural signal,
nothing. Only the segments with a structural signal are scored (the model is loaded only then), so the
cost is that of a few lines, not of the document. Consecutive candidate lines with the same structural signal are one finding
when together they score strong (a menu, a list of headlines).
Segments that overlap a span another detector already reported (ads, chrome, furniture, garbage, portal URLs …)
are skipped; the characters of pinyin annotations (GOV-K007 edits) are not scored.
"""

from __future__ import annotations

import functools
import re
from . import ngram
from .base import Trigger, gated, scan

STRONG = 1.0  # average log-ratio from which a segment reads as foreign
MEDIUM = 0.7  # a structural signal with a score this high is worth an info
MIN_CHARS = 4  # scored characters a segment needs at least
SHORT = 30  # a short line
RUN = 3  # lines in a run of short non-sentence lines
LONG_LINE = 80  # lines longer than this are also scored sentence by sentence
ITEMS = 4  # items in a line of separated short items
ITEM_SEP = re.compile(r"\s*[|｜/·•]\s*|\s{2,}")

SENTENCE_END = re.compile(r"[。！？!?]")
SENTENCE_PUNCT = re.compile(r"[。；;，,：:]")
TERMINAL = "。！？!?；;：:…”’」』）)】》"
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．]\s*\S|"
                     r"第[一二三四五六七八九十\d]{1,3}[章节条部分])")
TITLE = re.compile(r"年度报告|年报|工作报告|年度報告|年報|工作報告")
OPENING = re.compile(r"^\s*(?:根据|依据)《中华人民共和国政府信息公开条例》|^\s*根據《中華人民共和國政府信息公開條例》")
# the sign-off: a date on a line of its own, or after the organ's name on a short line (某某镇人民政府 2023年1月20日)
SIGN_OFF = re.compile(r"^\s*(?:[\u4e00-\u9fff（）()]{2,30}(?:政府|办公室|委员会|局|厅|委|办|院|处|中心|街道|镇|乡)\s*)?"
                      r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")
NEWS_SHAPE = re.compile(r"(?:记者|通讯员|作者|来源|编辑|記者|作者|來源|編輯)\s*[:：]?\s*\S|"
                        r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|(?<!\d)\d{2}-\d{2}(?:\s+\d{1,2}:\d{2})?\s*$")
# the prefilters (base.Scan, issue 16): a news or byline shape holds one of its words or a separator before a digit;
# an item run a separator character or two blanks
NEWS_TRIGGER = Trigger(r"记者|通讯员|作者|来源|编辑|記者|來源|編輯|-\d|/\d|\.\d")
ITEM_CHARS = gated(re.compile(r"[|｜/·•]"))
ITEM_BLANKS = re.compile(r"[^\S\n]{2,}")  # (the lines of two blanks in a row: one match a run)
NOT_SCORED_CATEGORIES = {"traditional"}  # document-level markers that sit on the first line


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, line) of every line: the shared list of the text's scan (built once per text of the pass)."""
    return scan(text).lines


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _short_non_sentence(s: str) -> bool:
    return 0 < len(s) <= SHORT and not SENTENCE_PUNCT.search(s) and not HEADING.match(s)


@functools.lru_cache(maxsize=4096)
def _item_run(s: str) -> bool:
    """A line of at least ITEMS short items between separators (a menu or a keyword list), not a sentence.
    (The sentence test first, the split only then, and a line's answer remembered: a batch meets the same table
    rows in many reports; issue 16.)"""
    if SENTENCE_END.search(s):
        return False
    items = [x for x in ITEM_SEP.split(s) if x.strip()]
    return len(items) >= ITEMS and all(len(x.strip()) <= 8 for x in items) and len(ITEM_SEP.findall(s)) >= ITEMS - 1


def _body(lines, text: str) -> tuple[int | None, int | None]:
    """(start of the title or opening line, end of the sign-off line), None where the text has none. ``lines``:
    the scan's record of the non-blank lines (a blank line is neither)."""
    start = None
    for a, b, s, _, _ in lines:
        if a > max(2000, len(text) // 2):
            break
        if (TITLE.search(s) and len(s) <= 100 and not re.search(r"[。；]", s)) or OPENING.match(s):
            start = a
            break
    end = None
    for a, b, s, _, _ in reversed(lines):
        if a < len(text) // 2:
            break
        if "日" in s and SIGN_OFF.match(text[a:b]):  # (every sign-off ends with 日)
            end = b
            break
    return start, end


@functools.lru_cache(maxsize=4096)
def _scored(model: ngram.Model, raw: str) -> tuple:
    return tuple(model.contributions(ngram.normalise(raw)))


def _contributions(model: ngram.Model, raw: str):
    """The model's per-character contributions of ``raw`` (normalised here); a short segment's are remembered (a
    batch meets the same table headers, menus and footers in many reports; issue 16)."""
    if len(raw) <= 256:
        return _scored(model, raw)
    return model.contributions(ngram.normalise(raw))


class _Scorer:
    """Scores of single segments (the model is read only for the candidate segments, never the whole text):
    each segment with the two characters before it as context; masked characters (pinyin annotations and the two
    characters they are the context of) count neither in the sum nor in the length."""

    def __init__(self, model: ngram.Model, text: str, masked: list[tuple[int, int]]):
        self.model, self.text = model, text
        self.masked = {i for a, b in masked for i in range(max(0, a), min(len(text), b + 2))}

    def parts(self, a: int, b: int) -> tuple[int, int]:
        """(sum of the contributions × SCALE, scored characters) of ``text[a:b]``."""
        c0 = max(0, a - 2)
        contrib = _contributions(self.model, self.text[c0:b])[a - c0:]
        if self.masked:
            keep = [i not in self.masked for i in range(a, b)]
            return sum(x for x, k in zip(contrib, keep) if k), sum(keep)
        return sum(contrib), b - a

    @staticmethod
    def average(total: int, n: int) -> float:
        return total / ngram.SCALE / (n + ngram.PRIOR) if n else 0.0


def find(doc, view, spans, Signal, Span, model=None, mirror: bool = False) -> list:
    """GOV-K014 ``foreign-text`` spans (original offsets) for the view; ``spans`` are the ones already found.
    ``model``: a :class:`ngram.Model` or a function that loads one (called only when a segment has a structural
    signal; default: the default pack's model)."""
    text = view.text
    taken: list[tuple[int, int]] = []  # original ranges already reported
    masked: list[tuple[int, int]] = []  # view ranges not scored
    for sp in spans:
        if sp.category in NOT_SCORED_CATEGORIES or sp.end <= sp.start or sp.detail.get("tentative"):
            continue  # (furniture of a tentative mirror verdict is scored: the model may confirm it)
        if sp.edits:
            for a, b, _ in sp.edits:
                taken.append((a, b))
                masked.append((view.view_index(a), view.view_index(b)))
        else:
            taken.append((sp.start, sp.end))
    taken.sort()
    full = scan(text).full  # (start, end, stripped line, its start, its end) of the non-blank lines
    body_start, body_end = _body(full, text)
    nonempty = [x[:3] for x in full]

    # runs of short non-sentence lines
    in_run: set[int] = set()
    run: list[int] = []
    for a, b, s in nonempty + [(len(text) + 1, len(text) + 1, "。")]:
        if _short_non_sentence(s):
            run.append(a)
            continue
        if len(run) >= RUN:
            in_run.update(run)
        run = []
    sc = scan(text)
    news_lines, item_lines = sc.hit(NEWS_TRIGGER), sc.hit(ITEM_CHARS) | sc.hit(ITEM_BLANKS)
    news = {a for a, b, s in nonempty if a in news_lines and len(s) <= LONG_LINE and NEWS_SHAPE.search(s)}
    news_ok: set[int] = set()
    for k, (a, b, s) in enumerate(nonempty):
        if a in news and any(nonempty[j][0] in news for j in (k - 1, k + 1) if 0 <= j < len(nonempty)):
            news_ok.add(a)

    def overlaps(a: int, b: int) -> bool:
        s, e = view.span(a, b)
        return any(x < e and s < y for x, y in taken)

    structural: list[tuple[int, int, str]] = []  # view start, end, structural signal
    for k, (la, lb, s, a, b) in enumerate(full):  # (a, b: the stripped line, as _trim gives)
        segs = [(a, b)]
        if b - a > LONG_LINE and (body_start is None or a >= body_start) and (body_end is None or b <= body_end) \
                and SENTENCE_END.search(text, a, b):
            continue  # a long body line with a sentence in it: no part is before the title or after the sign-off,
            # and the whole line is neither short, nor a byline, nor an item run, nor inside a sentence (issue 16)
        if b - a > LONG_LINE:
            segs, p = [], a
            for m in SENTENCE_END.finditer(text, a, b):
                segs.append(_trim(text, p, m.end()))
                p = m.end()
            if p < b:
                segs.append(_trim(text, p, b))
        for sa, sb in segs:
            if sb - sa < MIN_CHARS:
                continue
            struct = ""
            if body_start is not None and sb <= body_start:
                struct = "before-title"
            elif body_end is not None and sa >= body_end:
                struct = "after-sign-off"
            elif (sa, sb) == (a, b) and la in in_run:
                struct = "short-line-run"
            elif (sa, sb) == (a, b) and la in news_ok:
                struct = "news-list"
            elif (sa, sb) == (a, b) and la in item_lines and _item_run(s):
                struct = "item-run"
            elif (sa, sb) == (a, b) and 0 < k < len(nonempty) - 1 and len(s) <= LONG_LINE:
                prev, nxt = nonempty[k - 1][2], nonempty[k + 1][2]
                # a paragraph cut in the middle of a sentence, going on after the segment
                if len(prev) >= 40 and SENTENCE_PUNCT.search(prev) and prev[-1] not in TERMINAL \
                        and re.match(r"[\u4e00-\u9fff]", prev[-1]) and len(nxt) >= 10 and not HEADING.match(nxt) \
                        and not _short_non_sentence(nxt):
                    struct = "breaks-sentence"
            if struct and not overlaps(sa, sb):
                structural.append((sa, sb, struct))
    if not structural:
        return []
    if callable(model):
        model = model()
    model = model or ngram.load()
    if model is None:
        return []
    sc = _Scorer(model, text, masked)
    cands: list[tuple[int, int, int, int, str]] = []  # view start, end, sum, scored chars, structural signal
    for sa, sb, struct in structural:
        total, n = sc.parts(sa, sb)
        if n >= MIN_CHARS and sc.average(total, n) >= MEDIUM:
            cands.append((sa, sb, total, n, struct))

    # consecutive candidate lines with the same structural signal are one finding when, together, they read as
    # foreign (a menu, a list of headlines); otherwise each line stands on its own
    groups: list[list[tuple]] = []
    for cand in cands:
        last = groups[-1][-1] if groups else None
        if last and last[4] == cand[4] and not text[last[1]:cand[0]].strip():
            groups[-1].append(cand)
        else:
            groups.append([cand])
    merged: list[tuple[int, int, float, str]] = []
    for g in groups:
        whole = sc.average(sum(x[2] for x in g), sum(x[3] for x in g))
        if len(g) > 1 and whole >= STRONG:
            merged.append((g[0][0], g[-1][1], whole, g[0][4]))
        else:
            merged.extend((sa, sb, sc.average(total, n), struct) for sa, sb, total, n, struct in g)
    out = []
    for sa, sb, score, struct in merged:
        tier_flag = score >= STRONG or (mirror and score >= MEDIUM)
        s, e = view.span(sa, sb)
        sigs = [Signal("ngram-foreign", 0, f"{score:.2f}"), Signal(struct, 0, "")]
        out.append(Span(s, e, "GOV-K014", "foreign-text", "flag" if tier_flag else "none", doc.text[s:e],
                        round(score, 2), sigs, detail={"kind": "foreign-text", "ngram": round(score, 2),
                                                       **({} if tier_flag else {"severity": "info"})}))
    return out
