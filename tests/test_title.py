"""The title finder takes a title-shaped line: not a line of English prose that cites a report's name."""

from checker.engine import check_bytes


def title_of(text: str):
    return check_bytes(text.encode("utf-8"), "x.txt").facts.get("title")


def test_english_prose_citing_a_report_is_no_title():
    text = ("# Real published reports\n\nTwo real 政府信息公开工作年度报告 of one organ, as published: 某某区人民政府, "
            "report years 2023 and 2024.\n\n一、总体情况\n今年我们做了很多工作。\n")
    assert title_of(text) is None


def test_chinese_title_with_a_latin_tag_is_kept():
    text = "某某县人民政府2023年政府信息公开工作年度报告（PDF版）\n\n一、总体情况\n今年我们做了很多工作。\n"
    title = title_of(text)  # the view's parentheses are normalised to ASCII
    assert title is not None and title.startswith("某某县人民政府2023年政府信息公开工作年度报告") and "PDF版" in title


def test_chinese_title_with_an_english_organ_abbreviation_is_kept():
    text = "某某县CDC 2023年政府信息公开工作年度报告\n\n一、总体情况\n今年我们做了很多工作。\n"
    assert title_of(text) == "某某县CDC 2023年政府信息公开工作年度报告"
