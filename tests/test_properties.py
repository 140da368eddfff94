"""Properties over arbitrary text: the normaliser's offset map, the analysis (tables included) never raising.

(``clean`` idempotence and "removes only the reported spans" is a property test in tests/test_contamination.py.)
"""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.config import Config
from checker.engine import check_bytes
from checker.errors import ReportlintError
from checker.normalize import build_view, is_han

PIECES = ["政府", "信息公开", "年度报告", "統計", "數據", "發(fā)", "號(hào)", "２０２３", "年", "月", "日", "１２",
          "\u3000", "\xa0", " ", "\n", "\t", "\u200b", "\ufeff", "\x00", "㈠", "①", "ｱ", "ﬁ", "（一）", "一、", "2023",
          " 12 ", "|", "-", "é", "e\u0301", "\U0001f600", "\ud7ff", "丨", "〇"]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join)


def _could_come_from(c: str, orig: str) -> bool:
    if c == orig:
        return True
    n = unicodedata.normalize("NFKC", orig)
    if c in n or (c == " " and orig in "\u3000\xa0"):
        return True
    return _han(c) and any(_han(x) for x in n)  # traditional → simplified (OpenCC) maps Han to Han


def _han(ch: str) -> bool:
    """Han, the supplementary planes' ideographs included (OpenCC maps 𣙎 U+2364E to 㭣 U+3B63)."""
    return is_han(ch) or 0x20000 <= ord(ch) <= 0x3134F


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.lists(st.tuples(st.integers(0, 200), st.integers(0, 20)), max_size=4))
def test_view_maps_back_to_the_same_characters(text, cuts):
    removed = [(s, s + n) for s, n in cuts if s < len(text)]
    v = build_view(text, removed)
    assert len(v.offsets) == len(v.text) + 1
    assert all(a <= b for a, b in zip(v.offsets, v.offsets[1:-1]))  # monotonic
    gone = set(i for s, e in removed for i in range(s, min(e, len(text))))
    for i, c in enumerate(v.text):
        o = v.offsets[i]
        assert 0 <= o < len(text) and o not in gone
        assert _could_come_from(c, text[o]), (c, text[o])
    for i in range(len(v.text) + 1):
        for j in range(i, min(len(v.text), i + 5) + 1):
            a, b = v.span(i, j)
            assert 0 <= a <= b <= len(text)
            if j > i:
                assert v.offsets[i] == a and b == v.offsets[j - 1] + 1


CELLS = st.one_of(st.integers(-5, 10**7).map(str), st.sampled_from(["", "—", "/", "合计", "（一）", "申请人数", "1.5",
                                                                     "一、", "其他", "ａ", "|", "\\|"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(CELLS, min_size=1, max_size=9), min_size=1, max_size=12), texts)
def test_analysis_with_tables_never_raises(rows, text):
    """Pipe tables of arbitrary cells inside arbitrary text: the table parser and every rule run without raising."""
    head = "某镇人民政府2023年政府信息公开工作年度报告\n统计期限为2023年1月1日至2023年12月31日。\n"
    table = "\n".join("| " + " | ".join(r) + " |" for r in rows)
    sep = "|" + "---|" * max(len(r) for r in rows)
    lines = table.split("\n")
    md = "\n".join([lines[0], sep] + lines[1:])
    data = (head + "三、收到和处理政府信息公开申请情况\n" + md + "\n" + text).encode("utf-8", "surrogatepass")
    for name in ("r.md", "r.txt"):
        try:
            r = check_bytes(data, name, Config())
        except ReportlintError:
            continue
        assert r.error is None or r.error["code"].startswith("E0")
        for f in r.findings:
            assert 0 <= f.location.start <= f.location.end <= len(r.analysis.doc.text)
