"""Extraction quality (GOV-K011): the text the rules read could not be extracted reliably.

Two cases, each one finding:
- ``garbage``: undecodable characters — ``(cid:NN)`` codes, U+FFFD, control or private-use characters — make up
  at least ``threshold`` of the text (PDF: measured by the extractor into ``Document.garbage_ratio``; other
  formats: measured here on the document text, e.g. text pasted from a broken PDF extraction). The match is the
  first undecodable run.
- ``scanned``: some PDF pages have no text layer (``Document.scanned_pages``); their content was not checked.

Either way numbers read from tables cannot be trusted: table rules see ``Document.extraction_unreliable`` and are
not assessed. A document that is garbage almost everywhere never gets here: extraction stops with E015/E010.

Options: ``threshold`` (float, default 0.02).

PASS: 本年度报告中使用数据统计期限为2023年1月1日至2023年12月31日。
FAIL: (cid:3021)(cid:1187)(cid:877)年度报告中使用数据统计期限为2023年1月1日至2023年12月31日。
"""

from __future__ import annotations

from typing import Iterator

from ..document import garbage_stats
from ..findings import Problem

CONF = {"threshold": float}
DEFAULT = {"threshold": 0.02}


def check(a, conf) -> Iterator[Problem]:
    doc = a.doc
    bad, total, first = garbage_stats(doc.text)
    ratio = doc.garbage_ratio if doc.format == "pdf" else (bad / total if total else 0.0)
    if ratio >= conf["threshold"] and bad:
        s, e = first if first else (0, 0)
        yield Problem(s, e, msg="garbage", args={"ratio": f"{ratio:.1%}", "sample": doc.text[s:e][:40]},
                      evidence={"garbage_ratio": round(ratio, 4), "undecodable": bad, "characters": total,
                                "threshold": conf["threshold"]})
    if doc.scanned_pages:
        pages = "、".join(map(str, doc.scanned_pages))
        yield Problem(0, 0, msg="scanned", args={"pages": pages},
                      evidence={"scanned_pages": list(doc.scanned_pages), "pages": doc.pages})
