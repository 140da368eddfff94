"""Sections of the report (GOV-S001, GOV-S002, GOV-S003, GOV-S005).

Options:
- ``check``:
  ``required`` — every required section is present: the six sections for 2019+ formats (by heading), the
  content items of 条例 (2007) Art. 32 for reports up to 2018 (by heading or in the text);
  ``order`` — the sections stand in the order 一 … 六 with matching ordinals;
  ``wording`` — a heading uses an accepted variant rather than the canonical wording (info);
  ``remnants`` — a table row label stands alone in the text with no table around it: the tables were lost
  in extraction or publication.
- ``labels`` (remnants): the row-label fragments that never occur in prose.

PASS: 一、总体情况 … 六、其他需要报告的事项, in order.
FAIL: 五、政府信息公开行政复议、行政诉讼情况 (四 expected).
"""

from __future__ import annotations

import re
from typing import Iterator

from ..analysis.sections import ordinal_value
from ..findings import Problem

CONF = {"check": ("required", "order", "wording", "remnants"), "labels": list, "min_heading_sections": int}
DEFAULT = {"check": "required", "labels": [], "min_heading_sections": 0}


def _specs(a):
    fmt = a.effective_format() or "2021"
    return fmt, a.pack.data["sections"]["pre2019" if fmt == "pre2019" else "post2019"]


def check(a, conf) -> Iterator[Problem]:
    yield from {"required": _required, "order": _order, "wording": _wording, "remnants": _remnants}[conf["check"]](a, conf)


def _required(a, conf):
    fmt, specs = _specs(a)
    found = {s.key for s in a.sections if s.key}
    missing = [sp for sp in specs if sp["key"] not in found and not sp.get("optional")]
    if fmt == "pre2019":
        # older reports follow local templates: an item counts when its keywords appear anywhere in the text
        body = a.view.text
        missing = [sp for sp in missing if not any(all(w in body for w in ws) for ws in sp["keywords"])]
    for sp in missing:
        label = (sp.get("ordinal", "") + "、" if sp.get("ordinal") else "") + sp["canonical"]
        yield Problem(0, 0, msg="missing", args={"section": label}, evidence={"section": sp["key"], "format": fmt},
                      section=sp["key"])


def _order(a, conf):
    fmt, specs = _specs(a)
    if fmt == "pre2019":
        return
    expected = {sp["key"]: i + 1 for i, sp in enumerate(specs)}
    seen = [s for s in a.sections if s.key in expected]
    last = 0
    for s in seen:
        pos = expected[s.key]
        ov = ordinal_value(s.ordinal)
        if ov is not None and ov != pos:
            yield Problem(s.start, s.end, msg="ordinal", args={"heading": s.title, "written": s.ordinal,
                                                              "expected": specs[pos - 1]["ordinal"]},
                          evidence={"written": s.ordinal, "expected": specs[pos - 1]["ordinal"]}, section=s.key)
        elif pos < last:
            yield Problem(s.start, s.end, msg="order", args={"heading": s.title}, section=s.key)
        last = max(last, pos)


def _wording(a, conf):
    _, specs = _specs(a)
    canon = {sp["key"]: sp["canonical"] for sp in specs}
    for s in a.sections:
        if s.key in canon and s.match in ("variant", "keywords"):
            yield Problem(s.start, s.end, msg="default", args={"heading": s.title, "canonical": canon[s.key]},
                          evidence={"canonical": canon[s.key]}, section=s.key)


def _remnants(a, conf):
    if a.tables:
        return
    text = a.view.text
    lines = text.split("\n")
    nonempty = [i for i, ln in enumerate(lines) if ln.strip()]
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    for k, i in enumerate(nonempty):
        line = lines[i]
        s = line.strip()
        start = starts[i] + len(line) - len(line.lstrip())
        if not s or len(s) > 70:
            continue
        # a remnant stands alone between prose; beside numbers, pipes or other short lines it is a flattened table
        neighbours = [lines[nonempty[j]].strip() for j in (k - 1, k + 1) if 0 <= j < len(nonempty)]
        if any((len(n) < 20 and n[-1] not in "。；！") or re.fullmatch(r"[\d\s|./—\-]+", n) for n in neighbours):
            continue
        core = re.sub(r"^[（(]?[一二三四五六七八九十\d]{1,2}[)）.、．]?\s*", "", s)
        for label in conf["labels"]:
            if label in core and not re.search(r"[。；;]|\d", core):
                o_s, o_e = a.view.span(start, start + len(s))
                yield Problem(o_s, o_e, msg="default", args={"label": s}, evidence={"label": label})
                break
