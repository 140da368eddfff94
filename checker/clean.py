"""Apply removal fixes: the cleaned copy of a document and the log of what was removed, where and why.

Removal is an *unsafe* fix (it deletes text), so it is only applied by ``reportlint clean``. The sentence around an
in-sentence ad stays whole; separators left doubled by a removal are repaired, and each repair is logged.
Cleaning is idempotent: a cleaned copy has nothing left to remove.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .findings import Finding

SEPARATORS = "、，,；;"


@dataclass
class Removal:
    start: int
    end: int
    text: str
    code: str
    reason: str
    replacement: str = ""
    evidence: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "code": self.code, "reason": self.reason,
                "replacement": self.replacement, "evidence": self.evidence}


def plan(text: str, findings: list[Finding]) -> list[Removal]:
    """Merge the removal edits of the findings into non-overlapping removals (original offsets)."""
    edits = []
    for f in findings:
        if f.fix is None:
            continue
        for e in f.fix.edits:
            edits.append((e.start, e.end, e.replacement, f))
    edits.sort(key=lambda t: (t[0], -t[1]))
    merged: list[Removal] = []
    for s, e, rep, f in edits:
        if merged and s < merged[-1].end:
            last = merged[-1]
            if e > last.end:
                last.end = e
                last.text = text[last.start:last.end]
            if f.code not in last.code.split("+"):
                last.code += "+" + f.code
            continue
        merged.append(Removal(s, e, text[s:e], f.code, f.message, rep, f.evidence))
    # extend whole-line removals over their line break so no blank line is left behind
    for r in merged:
        line_start = r.start == 0 or text[r.start - 1] == "\n"
        line_end = r.end == len(text) or text[r.end] == "\n"
        if line_start and line_end and r.end < len(text):
            r.end += 1
            r.text = text[r.start:r.end]
    return _repairs(text, merged)


def _repairs(text: str, removals: list[Removal]) -> list[Removal]:
    """A removal between two separators (信息公开栏、[ad]、村民微信群) would leave 、、: drop one of them."""
    out = []
    for r in removals:
        left = text[r.start - 1] if r.start > 0 else ""
        right = text[r.end] if r.end < len(text) else ""
        if left and right and left in SEPARATORS and right in SEPARATORS:
            out.append(r)
            out.append(Removal(r.end, r.end + 1, right, "repair", "doubled separator left by the removal"))
            continue
        out.append(r)
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
