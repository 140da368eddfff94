"""Gambling ads of unseen pages (issue 13, ads9): game-vendor halls (CQ9电子) and numbered site names (老金沙9170登录入口)
by morphology (morphology.vendor_formations, site_number_formations), one finding for every occurrence of one insert
(slots.recurrences), title tails on any document-title line of the page (ads.title_tails), and a licensed operator
as the subject of regulator news (ads._casino_news). Real documents through the real engine; the clean corpus pages
as the precision check."""

import json
from pathlib import Path

import pytest

from checker.analysis.contamination import morphology
from checker.config import Config
from checker.engine import check_bytes
from conftest import CORPUS

HERE = Path(__file__).parent
TITLE = "某某县人民政府2023年度政府信息公开工作年度报告"
BODY = ("\n根据《中华人民共和国政府信息公开条例》规定，现将本机关2023年度政府信息公开工作情况报告如下。\n"
        "一、总体情况\n2023年，本机关认真贯彻落实政务公开工作要点，主动公开政府信息1200条。\n")


def findings(text):
    res = check_bytes(text.encode("utf-8"), "page.txt", Config(select=["GOV-K"]))
    return [f for f in res.findings if f.code in ("GOV-K001", "GOV-K006")]


def accused(text):
    return [f for f in findings(text) if f.severity.name in ("ERROR", "WARNING")]


@pytest.mark.parametrize("low, span", [
    ("，九龙江cq9电子人民政府", "九龙江cq9电子"),  # a place glued before the vendor: the same insert
    ("门户网站、jdb电子、政务微信", "jdb电子"),
    ("pg电子老虎机", "pg电子"),
])
def test_vendor_formations(low, span):
    assert [low[s:e] for s, e, _, _ in morphology.vendor_formations(low)] == [span]


@pytest.mark.parametrize("low", ["lg电子有限公司", "tcl电子显示设备", "推进cq9电子政务", "电子政务", "bpg电子"])
def test_no_vendor_formation(low):
    assert morphology.vendor_formations(low) == []


@pytest.mark.parametrize("low, span", [
    ("-🔥老金沙9170登录入口2023年", "老金沙9170"),
    ("威尼斯人0148登录", "威尼斯人0148"),
])
def test_site_number_formations(low, span):
    assert [low[s:e] for s, e, _, _ in morphology.site_number_formations(low)] == [span]


@pytest.mark.parametrize("low", ["拨打12345热线登录", "建行95533官网", "政务服务网2023登录入口", "某某县2023年登录",
                                 "热线96123登录", "房间号1203登录", "电话0371-1234登录"])
def test_no_site_number(low):
    assert morphology.site_number_formations(low) == []


def test_one_insert_repeated_is_one_finding_with_every_occurrence():
    ins = "老金沙9170登录入口"
    text = f"{ins}2023年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》规定，现将{ins}2023年度政府信息公开工作情况报告如下。\n"
    fs = accused(text)
    assert len(fs) == 1 and fs[0].severity.name == "ERROR"
    edits = fs[0].fix.edits
    assert [text[e.start:e.end] for e in edits] == [ins, ins]
    assert any(s["signal"] == "recurrence" for s in fs[0].evidence["signals"])


def test_a_stuffed_tail_on_a_later_title_line():
    text = TITLE + BODY + "上一篇：某某县2022年政府信息公开工作年度报告_足彩app哪个是正规的\n"
    fs = accused(text)
    assert [f.match for f in fs] == ["_足彩app哪个是正规的"]
    # a portal's own link bar after a document title, below the report's title, is no tail
    assert accused(TITLE + "\n关于印发某某县2024年政务公开工作要点的通知 | 手机版 | 附件下载" + BODY) == []


@pytest.mark.parametrize("line", [
    "博彩监察协调局：澳门银河娱乐场将于明日起暂停营业",
    "新葡京娱乐场获特区政府批给续期",
    "澳门银河2023年营收创新高",
    "金沙中国：澳门威尼斯人娱乐场营收增长两成",
])
def test_a_casino_operator_in_regulator_news_is_no_accusation(line):
    text = "澳门新闻\n" + line + "\n澳门银河娱乐场2023年第四季度营收按年上升。\n"
    assert accused(text) == []


def test_a_brand_in_a_report_title_is_still_accused_beside_news_words():
    # the report's title keeps its accusation even though 营收 stands on the line: a government document's title
    text = "澳门银河营收2023年政府信息公开工作年度报告\n本机关主动公开政府信息120条。\n"
    assert accused(text)


def _records(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_no_new_formation_on_clean_pages():
    pages = [r for name in ("tune.jsonl", "official.jsonl") for r in _records(HERE / "corpus" / name)
             if not r["labels"]["contaminated"]]
    if CORPUS.exists():
        pages += [r for r in _records(CORPUS) if not r["labels"]["contaminated"]]
    assert len(pages) > 200
    bad = [r["id"] for r in pages
           if morphology.vendor_formations(r["text"].lower()) or morphology.site_number_formations(r["text"].lower())]
    assert bad == []


@pytest.mark.parametrize("low, want", [
    ("一分快三计划", ["一分快三"]), ("5分赛车开奖", ["5分赛车"]), ("极速快3走势", ["极速快3"]),
    ("体彩快3、快乐8和11选5", []),  # the legal games
    ("比赛得分快速上升", []), ("3分钟快速响应", []),
])
def test_rapid_draws(low, want):
    assert [low[s:e] for s, e in morphology.rapid_draws(low)] == want


def test_new_brand_cores_form_only_with_a_suffix():
    from checker.analysis.contamination import lexicon

    lx = lexicon.load(str(HERE.parent / "rules" / "gov-annual-report" / "lexicons"))
    for text, fired in [("易胜博体育官网", True), ("亚盈官网", True), ("利澳", False), ("亚盈", False)]:
        deny, _, _ = lexicon.resolve(lexicon.raw_hits(lx, "本机关通过" + text + "发布"))
        assert any(h.family == "G1" for h in deny) is fired, text
