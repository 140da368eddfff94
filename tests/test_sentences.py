"""Sentence-level analysis reads sentences, not lines: a hard line break inside a sentence does not break a match.

The hard-wrapped reports are made by ``fixtures.generate.write_txt(wrap=N)`` (every paragraph cut every N characters,
blocks separated by one line break: a text copied out of a PDF) and compared with the same report on one line per
paragraph.
"""

import pytest

from checker.config import Config
from checker.engine import check_bytes, check_path
from checker.normalize import build_view, join_soft_breaks
from fixtures.generate import make_report, write_txt


def joined(text: str) -> str:
    return join_soft_breaks(build_view(text)).text


def test_break_inside_a_sentence_is_joined_and_offsets_map_back():
    text = "报告中所列数据统计期限自2023年1月1日\n  起至2023年12月31日止。"
    v = join_soft_breaks(build_view(text))
    assert v.text == "报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。"
    i = v.text.index("1日起")
    s, e = v.span(i, i + 3)
    assert text[s:e] == "1日\n  起"


@pytest.mark.parametrize("text", [
    "本年度共收到申请5件。\n一、总体情况",           # sentence-final punctuation before the break
    "第一段\n\n第二段",                             # a blank line is a paragraph break
    "主要措施如下：\n加强培训",                     # a colon introduces what follows
    "一、总体情况\n2023年，我县认真贯彻",           # the line before is a heading
    "全年共办理\n（一）予以公开",                   # a list marker starts the next line
    "全年共办理\n1.属于国家秘密",
    "规章\t0\t0\n行政规范性文件\t1\t4",             # table rows
    "洪泽区人民政府2023年政府信息公开工作年度报告\n本报告由区政府办公室编制",  # a title line
])
def test_breaks_that_are_kept(text):
    assert joined(text) == build_view(text).text


def test_page_number_between_two_halves_is_left_out():
    assert joined("统计期限自2023年1月\n-1-\n1日起至2023年12月31日止。") == "统计期限自2023年1月1日起至2023年12月31日止。"
    assert joined("分级审核\n第 2 页 共 5 页\n先审后发。") == "分级审核先审后发。"


def test_ascii_words_keep_a_space():
    assert joined("访问网址 www.example\ngov.cn 查阅") == "访问网址 www.example gov.cn 查阅"


def test_removed_line_between_halves_counts_as_one_break():
    text = "请与办公室\n麻将胡了官方版下载\n联系。"
    a = text.index("麻将")
    v = build_view(text).without([(a, a + len("麻将胡了官方版下载"))])
    assert join_soft_breaks(v).text == "请与办公室联系。"


MINE = ("GOV-P", "GOV-C", "GOV-M", "GOV-S", "GOV-Q")


@pytest.mark.parametrize("seed,defects", [
    (0, {}), (1, {"wrong_period": True}), (2, {"wrong_total": ("T3", 23, 6, 5)}), (3, {"missing_section": 5}),
])
@pytest.mark.parametrize("width", [17, 23, 31, 40])
def test_hard_wrapped_text_gives_the_same_facts_and_codes(tmp_path, seed, defects, width):
    r = make_report(seed=seed, defects=defects)
    one = check_path(str(write_txt(r, tmp_path / "one.txt")), Config())
    wrapped = check_path(str(write_txt(r, tmp_path / "wrapped.txt", wrap=width)), Config())
    assert "\n" in wrapped.analysis.doc.text[:200]
    assert wrapped.facts == one.facts
    assert wrapped.facts["period"] is not None and wrapped.facts["organ"] == r.organ
    codes = lambda res: sorted(f.code for f in res.findings if f.code.startswith(MINE))
    assert codes(wrapped) == codes(one)
    for f in wrapped.findings:  # offsets still point into the extracted text
        assert wrapped.analysis.doc.text[f.location.start:f.location.end] == f.match


def test_wrong_period_found_across_the_wrap(tmp_path):
    r = make_report(seed=4, defects={"wrong_period": True})
    res = check_path(str(write_txt(r, tmp_path / "w.txt", wrap=19)), Config())
    p003 = [f for f in res.findings if f.code == "GOV-P003"]
    assert len(p003) == 1 and not [f for f in res.findings if f.code == "GOV-P002"]
    assert "\n" in p003[0].match and f"应为{r.year}年1月1日至{r.year}年12月31日" in p003[0].message


@pytest.mark.parametrize("width", [None, 13, 21])
def test_text_total_against_t3_read_across_the_wrap(tmp_path, width):
    r = make_report(seed=5)
    n = r.values["T3"][0][6]
    said = f"全年共收到政府信息公开申请{n}件"
    assert any(said in t for k, t in r.blocks if k == "para")
    r.blocks = [(k, t.replace(said, f"全年共收到政府信息公开申请{n + 7}件") if k == "para" else t) for k, t in r.blocks]
    res = check_path(str(write_txt(r, tmp_path / "r.txt", wrap=width)), Config(select=["GOV-C004"]))
    found = [f for f in res.findings if f.code == "GOV-C004"]
    assert len(found) == 1 and str(n + 7) in found[0].message
    assert res.analysis.doc.text[found[0].location.start:found[0].location.end] == found[0].match


# ------------------------------------------------------------------------------------------------ titles
def _facts(text: str, name: str = "r.txt") -> dict:
    return check_bytes(text.encode(), name, Config(select=["-"])).facts


@pytest.mark.parametrize("head", [
    "淮安市洪泽区人民政府\n2024年政府信息公开工作年度报告",
    "淮安市洪泽区人民政府\n2024年政府信息公开工作\n年度报告",
    "淮安市洪泽区人民政府2024年政府信息公开\n工作年度报告",
    "当前位置：首页 > 政务公开 > 年报\n淮安市洪泽区人民政府\n2024年政府信息公开工作年度报告\n"
    "发布时间：2025-01-20 来源：区政府办 字号：大 中 小 打印",
])
def test_title_broken_over_lines_is_read_whole(head):
    f = _facts(head + "\n本报告由区政府办公室编制。报告中所列数据统计期限为2024年1月1日至2024年12月31日。\n")
    assert f["title"] == "淮安市洪泽区人民政府2024年政府信息公开工作年度报告"
    assert (f["organ"], f["year"], f["organ_type"]) == ("淮安市洪泽区人民政府", 2024, "county_government")


def test_html_title_under_web_furniture(tmp_path):
    from fixtures.generate import write_html

    r = make_report(seed=6)
    plain = check_path(str(write_html(r, tmp_path / "plain.html")), Config()).facts
    res = check_path(str(write_html(r, tmp_path / "portal.html", furniture=True)), Config())
    html = (tmp_path / "portal.html").read_text(encoding="utf-8")
    assert f"<title>{r.year}年政府信息公开工作年度报告</title>" in html and "发布时间" in html
    assert res.facts["title"] == r.title and res.facts["organ"] == r.organ
    assert {k: res.facts[k] for k in ("title", "year", "organ", "organ_type", "period")} == \
        {k: plain[k] for k in ("title", "year", "organ", "organ_type", "period")}
    assert not [f for f in res.findings if f.code in ("GOV-M001", "GOV-M002")]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="统计期限自2023年1月日起至。；：一、（）1.\t -ab\n", max_size=120))
def test_sentence_view_only_leaves_out_breaks_and_keeps_the_offset_map(text):
    v = build_view(text)
    j = join_soft_breaks(v)
    assert len(j.offsets) == len(j.text) + 1
    assert all(x < y for x, y in zip(j.offsets, j.offsets[1:len(j.text)]))
    kept = dict(zip(v.offsets, v.text))
    for ch, o in zip(j.text, j.offsets):
        # every char comes from the view at the same original offset; a line break may turn into a space
        assert ch == kept[o] or (ch == " " and kept[o] == "\n")
    # what is left out is line breaks, the spaces around them, and running page numbers between the halves
    in_j = set(j.offsets[:len(j.text)])
    left_out = "".join(kept[o] for o in v.offsets[:len(v.text)] if o not in in_j)
    assert not left_out.strip(" \t\n-0123456789")  # (a tab is a blank around a page number too)


def test_soft_breaks_walk_each_line_once():
    """A long run of running headers or page numbers is not walked again from every line before it (it was
    quadratic: 3,000 such lines took seconds): the extractor's ``skip`` is asked once per line at most."""
    lines = ["第%d页" % i if i % 2 else "页眉" for i in range(4000)]
    view = build_view("正文的一句话没有结束\n" + "\n".join(lines) + "\n接着的半句。")
    asked = []

    def skip(orig: int) -> bool:
        asked.append(orig)
        return view.text[orig:orig + 2] == "页眉"

    out = join_soft_breaks(view, skip=skip)
    assert len(asked) <= len(lines) + 2
    assert len(set(asked)) == len(asked)
    assert "正文的一句话没有结束接着的半句。" in out.text  # the sentence joined across the skipped lines
