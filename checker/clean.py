"""Apply removal fixes: the cleaned copy of a document (in its own format) and the log of what was removed.

Removal is an *unsafe* fix (it deletes text), so it is only applied by ``reportlint clean``. The sentence around an
in-sentence ad stays whole; separators left doubled by a removal are repaired, and each repair is logged.
Cleaning is idempotent: a cleaned copy has nothing left to remove.

Writers (one module, one place that applies removals):

- text / Markdown: the removals applied to the decoded text, written back in the input's encoding and newlines;
- HTML: the removed text is located in the *source* (whitespace- and entity-insensitive, the k-th occurrence in
  document order) and cut out of the bytes; an element left holding only removed text is removed whole (its tags
  and link targets too); markup elsewhere stays byte-identical. A removal that cannot be located is logged as
  ``located: false`` and nothing is cut;
- DOCX: the original package is opened with python-docx and the removed text is cut from the runs of the paragraph
  holding it (a paragraph left empty is removed); everything else is kept;
- PDF, OFD, DOC/WPS: the cleaned text (a fixed-layout page or a binary Word file cannot be edited safely); the
  log's ``output_format`` is ``text`` (:func:`output_format`).
"""

from __future__ import annotations

import bisect
import html as htmllib
import io
import re
from dataclasses import dataclass, field

from .findings import Finding

SEPARATORS = "、，,；;"
# page furniture (chrome, form widgets, benign hidden UI): removed from a cleaned *text*, but kept in a cleaned
# HTML or DOCX copy, where it is the page's own markup rather than injected content
FURNITURE_CODES = frozenset({"GOV-K010", "GOV-K013"})


@dataclass
class Removal:
    start: int
    end: int
    text: str
    code: str
    reason: str
    replacement: str = ""
    evidence: dict = field(default_factory=dict)
    located: bool | None = None  # HTML/DOCX: whether the text was found in the source

    def to_dict(self) -> dict:
        ev = self.evidence or {}
        d = {"start": self.start, "end": self.end, "text": self.text, "code": self.code, "reason": self.reason,
             "replacement": self.replacement, "category": ev.get("category"), "tier": ev.get("tier"),
             "score": ev.get("score"), "signals": ev.get("signals", []), "evidence": ev}
        if self.located is not None:
            d["located"] = self.located
        return d


def _per_edit_evidence(evidence: dict | None, n_edits: int) -> dict | None:
    """The evidence each removal of a finding carries in the log. A finding with many edits (every pinyin
    annotation of a page, every recurrence of an insert) lists them once in its own evidence; repeated on each of
    its removals that list would make the log quadratic in the page (2,000 annotations: 80 MB), so each removal
    keeps the finding's evidence without the lists that enumerate its edits, and says how many there are."""
    if not evidence or n_edits < 2:
        return evidence
    out = {k: v for k, v in evidence.items() if not (isinstance(v, (list, tuple)) and len(v) == n_edits)}
    if len(out) < len(evidence):
        out["edits_of_finding"] = n_edits
    return out


def plan(text: str, findings: list[Finding]) -> list[Removal]:
    """Merge the removal edits of the findings into non-overlapping removals (original offsets)."""
    edits = []
    for f in findings:
        if f.fix is None:
            continue
        ev = _per_edit_evidence(f.evidence, len(f.fix.edits))
        for e in f.fix.edits:
            edits.append((e.start, e.end, e.replacement, f, ev))
    edits.sort(key=lambda t: (t[0], -t[1]))
    merged: list[Removal] = []
    for s, e, rep, f, ev in edits:
        if merged and s < merged[-1].end:
            last = merged[-1]
            if e > last.end:
                last.end = e
                last.text = text[last.start:last.end]
            if f.code not in last.code.split("+"):
                last.code += "+" + f.code
            continue
        merged.append(Removal(s, e, text[s:e], f.code, f.message, rep, ev))
    # extend whole-line removals over their line break so no blank line is left behind
    for r in merged:
        line_start = r.start == 0 or text[r.start - 1] == "\n"
        line_end = r.end == len(text) or text[r.end] == "\n"
        if line_start and line_end and r.end < len(text):
            r.end += 1
            r.text = text[r.start:r.end]
    merged = [r for i, r in enumerate(merged) if not (i and r.start < merged[i - 1].end)]
    return _repairs(text, merged)


TEXT_ONLY = frozenset({"pdf", "ofd", "doc"})  # formats whose cleaned copy is written as text


def output_format(fmt: str) -> str:
    """The format of the cleaned copy of a ``fmt`` input."""
    return "text" if fmt in TEXT_ONLY else fmt


def plan_for(fmt: str, text: str, findings: list[Finding]) -> list[Removal]:
    """The removals ``clean`` applies to a copy in format ``fmt``."""
    if fmt in ("html", "docx"):
        findings = [f for f in findings if f.code not in FURNITURE_CODES]
    return plan(text, findings)


def _repairs(text: str, removals: list[Removal]) -> list[Removal]:
    """A removal between two separators (信息公开栏、[ad]、村民微信群) would leave 、、: drop one of them."""
    out = []
    for r in removals:
        left = text[r.start - 1] if r.start > 0 else ""
        right = text[r.end] if r.end < len(text) else ""
        out.append(r)
        if left and right and left in SEPARATORS and right in SEPARATORS:
            out.append(Removal(r.end, r.end + 1, right, "repair", "doubled separator left by the removal"))
    return out


def apply(text: str, removals: list[Removal]) -> str:
    parts = []
    pos = 0
    for r in sorted(removals, key=lambda r: r.start):
        if r.start < pos:
            continue
        parts.append(text[pos:r.start])
        parts.append(r.replacement)
        pos = r.end
    parts.append(text[pos:])
    return "".join(parts)


# ------------------------------------------------------------------------------------------- per-format writers

def write(fmt: str, data: bytes, doc_text: str, removals: list[Removal], encoding: str | None = None) -> bytes:
    """The cleaned copy of ``data`` (format ``fmt``) as bytes."""
    if fmt == "html":
        return clean_html(data, doc_text, removals)
    if fmt == "docx":
        return clean_docx(data, doc_text, removals)
    cleaned = apply(doc_text, removals)
    if fmt in ("text", "markdown"):
        raw = data
        crlf = b"\r\n" in raw[:65536]
        if crlf:
            cleaned = cleaned.replace("\n", "\r\n")
        enc = encoding or "utf-8"
        out = cleaned.encode("utf-8" if enc in ("utf-8-sig",) else enc, errors="strict") if enc else cleaned.encode()
        if enc == "utf-8-sig":
            out = b"\xef\xbb\xbf" + out
        return out
    return cleaned.encode("utf-8")


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


# ---- HTML

_TAG = re.compile(r"<!--.*?-->|<(script|style|template|textarea)\b[^>]*>.*?</\1\s*>|<[^>]*>", re.S | re.I)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_OPEN_TAG_AT = re.compile(r"<([A-Za-z][\w:-]*)\b[^<>]*?(?<!/)>")


def _html_text_stream(src: str) -> tuple[str, list[tuple[int, int]]]:
    """The non-whitespace text characters of an HTML source with their source spans (entities decoded)."""
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in list(_TAG.finditer(src)) + [None]:
        end = m.start() if m else len(src)
        seg_pos = pos
        while seg_pos < end:
            em = _ENTITY.match(src, seg_pos)
            if src[seg_pos] == "&" and em and em.end() <= end:
                val = htmllib.unescape(em.group(0))
                for ch in val:
                    if not ch.isspace() and ch != "\xa0":
                        chars.append(ch)
                        spans.append((em.start(), em.end()))
                seg_pos = em.end()
                continue
            ch = src[seg_pos]
            if not ch.isspace():
                chars.append(ch)
                spans.append((seg_pos, seg_pos + 1))
            seg_pos += 1
        if m is None:
            break
        pos = m.end()
    return "".join(chars), spans


def _balanced(fragment: str) -> bool:
    stack: list[str] = []
    for m in re.finditer(r"<(/?)([A-Za-z][\w:-]*)\b[^<>]*?(/?)>", fragment):  # [^<>]: linear
        closing, name, selfclose = m.group(1), m.group(2).lower(), m.group(3)
        if selfclose or name in ("br", "img", "hr", "input", "meta", "link", "wbr"):
            continue
        if closing:
            if not stack or stack[-1] != name:
                return False
            stack.pop()
        else:
            stack.append(name)
    return not stack


_BLANKS = " \t\u3000\xa0"
_BLANK_ENTITIES = ("&nbsp;", "&#160;", "&#xa0;")  # all six characters long


def _blanks_around(src: str, s: int, e: int, removed: str) -> tuple[int, int]:
    """Widen a located cut over as many blanks of the source as the removed text itself ends (or starts) with:
    「设∑ 施」 loses 「∑ 」 in HTML as in text, not only 「∑」 (the stream the text is located in has no blanks).
    A blank is a space, tab, ideographic or no-break space, or a no-break-space entity; never a tag or a line
    break. Walked by hand: a regex anchored at the cut is quadratic under a scan."""
    trail = len(removed) - len(removed.rstrip(_BLANKS))
    while trail and e < len(src):
        if src[e] in _BLANKS:
            e += 1
        elif src[e:e + 6].lower() in _BLANK_ENTITIES:
            e += 6
        else:
            break
        trail -= 1
    lead = len(removed) - len(removed.lstrip(_BLANKS))
    while lead and s > 0:
        if src[s - 1] in _BLANKS:
            s -= 1
        elif src[max(0, s - 6):s].lower() in _BLANK_ENTITIES:
            s -= 6
        else:
            break
        lead -= 1
    return s, e


class _Occurrences:
    """Start positions of a key in a text (overlapping, in order), computed once per distinct key."""

    def __init__(self, text: str):
        self.text = text
        self._at: dict[str, list[int]] = {}

    def __call__(self, key: str) -> list[int]:
        at = self._at.get(key)
        if at is None:
            at = self._at[key] = _find_all(self.text, key)
        return at


_CLOSE_TAG: dict[str, re.Pattern] = {}


def _enclosing_element(src: str, s: int, e: int) -> tuple[int, int] | None:
    """The element around ``src[s:e]`` when nothing but blanks separates them: ``<p> … </p>``."""
    j = s
    while j > 0 and src[j - 1].isspace():
        j -= 1
    if j == 0 or src[j - 1] != ">":
        return None
    lt = src.rfind("<", 0, j)
    m = _OPEN_TAG_AT.fullmatch(src, lt, j) if lt >= 0 else None
    if not m:
        return None
    name = m.group(1)
    close = _CLOSE_TAG.get(name.lower())
    if close is None:
        close = _CLOSE_TAG.setdefault(name.lower(), re.compile(r"\s*</" + re.escape(name) + r"\s*>", re.I))
    post = close.match(src, e)
    return (lt, post.end()) if post else None


def clean_html(data: bytes, doc_text: str, removals: list[Removal]) -> bytes:
    from .extract.html import _decode_html

    src, enc = _decode_html(data)
    stream, spans = _html_text_stream(src)
    in_stream, in_doc = _Occurrences(stream), _Occurrences(_squash(doc_text))
    cuts: list[tuple[int, int]] = []
    done, sq_pos = 0, 0  # non-blank characters of doc_text before removal r (removals in document order)
    for r in sorted(removals, key=lambda r: r.start):
        if r.start > done:
            sq_pos += len(_squash(doc_text[done:r.start]))
            done = r.start
        key = _squash(r.text)
        if not key:
            r.located = True
            continue
        # the k-th occurrence in document order is taken for the k-th in the source (linear: each distinct key's
        # occurrences are listed once, never a search from the top per removal)
        k = bisect.bisect_right(in_doc(key), sq_pos - len(key))
        found = in_stream(key)
        idx = found[k] if k < len(found) else (found[0] if found else -1)  # order may differ (hidden blocks)
        if idx < 0:
            r.located = False
            continue
        s, e = spans[idx][0], spans[idx + len(key) - 1][1]
        s, e = _blanks_around(src, s, e, r.text)
        # widen to whole elements that hold nothing but the removed text
        while (around := _enclosing_element(src, s, e)) is not None:
            s, e = around
        frag = src[s:e]
        if _balanced(frag):
            cuts.append((s, e))
        else:  # cut only the text characters, keep every tag
            for a, b in spans[idx:idx + len(key)]:
                cuts.append((a, b))
        r.located = True
    out = []
    pos = 0
    for a, b in sorted(set(cuts)):
        if a < pos:
            a = pos
            if a >= b:
                continue
        out.append(src[pos:a])
        pos = b
    out.append(src[pos:])
    text = "".join(out)
    try:
        return text.encode(enc or "utf-8")
    except (LookupError, UnicodeEncodeError):
        return text.encode("utf-8")


# ---- DOCX

def _docx_paragraphs(document):
    """Body paragraphs and table-cell paragraphs in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out = []

    def walk(parent_el, parent):
        for child in parent_el.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                out.append(Paragraph(child, parent))
            elif tag == "tbl":
                t = Table(child, parent)
                seen = set()
                for row in t.rows:
                    for cell in row.cells:
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        walk(cell._tc, cell)
            elif tag == "sdt":
                content = child.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sdtContent")
                if content is not None:
                    walk(content, parent)

    walk(document.element.body, document._body)
    return out


def _kth_in_paragraphs(texts: list[str], target: str, k: int) -> tuple[int, int] | None:
    """The k-th occurrence (0-based, overlapping, reading order) of ``target`` in the paragraph texts, else the
    first one (document order and paragraph order may differ), else None."""
    seen, first = 0, None
    for i, t in enumerate(texts):
        j = t.find(target)
        while j >= 0:
            if seen == k:
                return i, j
            first = first or (i, j)
            seen += 1
            j = t.find(target, j + 1)
    return first


def clean_docx(data: bytes, doc_text: str, removals: list[Removal]) -> bytes:
    import docx

    d = docx.Document(io.BytesIO(data))
    paras = _docx_paragraphs(d)
    texts = [p.text for p in paras]
    # Each distinct target's occurrences are listed once, in the document text (non-overlapping, as str.count
    # counts them) and in the paragraphs as they were. Removals go from the end of the document backwards, so
    # everything before the earliest cut made so far is as it was: an occurrence there is the k-th in the
    # current paragraphs too. Otherwise (paragraph order differs from document order) the paragraphs are
    # searched again as they are now — linear in the page for an ordinary document, exact in every case.
    in_doc: dict[str, list[int]] = {}
    in_paras: dict[str, list[tuple[int, int]]] = {}
    earliest_cut = (len(texts), 0)
    for r in sorted(removals, key=lambda r: -r.start):
        target = r.text.strip("\n")
        if not target.strip():
            r.located = True
            continue
        ends = in_doc.get(target)
        if ends is None:
            ends, i = [], doc_text.find(target)
            while i >= 0:
                ends.append(i + len(target))
                i = doc_text.find(target, i + len(target))
            in_doc[target] = ends
        k = bisect.bisect_right(ends, r.start)  # == doc_text[:r.start].count(target)
        occ = in_paras.get(target)
        if occ is None:
            occ = in_paras[target] = [(i, j) for i, t in enumerate(texts) for j in _find_all(t, target)]
        hit = occ[k] if k < len(occ) else None
        if hit is None or (hit[0], hit[1] + len(target)) > earliest_cut:
            hit = _kth_in_paragraphs(texts, target, k)
        if hit is None:
            r.located = False
            continue
        i, j = hit
        earliest_cut = min(earliest_cut, (i, j))
        p = paras[i]
        whole = texts[i].strip() == target.strip()
        _cut_runs(p, j, j + len(target))
        texts[i] = p.text
        if whole and not p.text.strip():
            el = p._element
            if el.getparent() is not None and el.getparent().tag.endswith("body"):
                el.getparent().remove(el)
        r.located = True
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _find_all(text: str, target: str) -> list[int]:
    out, j = [], text.find(target)
    while j >= 0:
        out.append(j)
        j = text.find(target, j + 1)
    return out


def _cut_runs(p, a: int, b: int) -> None:
    """Remove characters [a, b) of the paragraph's text from its runs (hyperlink runs included)."""
    pos = 0
    for run in p.iter_inner_content() if hasattr(p, "iter_inner_content") else p.runs:
        runs = run.runs if hasattr(run, "runs") and not hasattr(run, "bold") else [run]
        for rn in runs:
            t = rn.text
            lo, hi = pos, pos + len(t)
            if hi > a and lo < b:
                cut_a, cut_b = max(a, lo) - lo, min(b, hi) - lo
                rn.text = t[:cut_a] + t[cut_b:]
            pos = hi
