"""Lottery-tip farms (issue 13, ads7): the number-play slang of illegal lotteries by morphology (morphology.slang)
and the tip sites' title formula — a tip and 「…解答解释落实」 on one line — as one insert (ads.tip_titles). Real
documents through the real engine; the clean pages of the corpus and the official splits as the precision check."""

import json
from pathlib import Path

import pytest

from checker.analysis.contamination import morphology
from checker.config import Config
from checker.engine import check_bytes

CORPUS = Path(__file__).parent / "corpus"


def k_findings(text: str, url: str | None = None):
    opts = {"source_url": url} if url else {}
    res = check_bytes(text.encode("utf-8"), "page.txt", Config(select=["GOV-K"], options=opts))
    return [f for f in res.findings if f.code in ("GOV-K001", "GOV-K006")]


@pytest.mark.parametrize("phrase", ["四肖八码", "六肖十二码", "三码必中", "一肖中特", "二尾中特", "红波中特", "杀三肖",
                                    "平特二尾", "期期准", "一码一特"])
def test_number_play_slang_is_formed(phrase):
    low = f"本期推荐{phrase}，欢迎关注。"
    assert [low[s:e] for s, e in morphology.slang(low)] == [phrase]


@pytest.mark.parametrize("text", ["推行“一码通办”，实行“三码合一”，健康码、二维码全覆盖", "全县学期期中考试平稳有序",
                                  "十二生肖文化节，肖像权保护", "考生必中的不是运气", "一码一证改革，三证合一",
                                  "打造一村一特、一乡一业"])
def test_ordinary_wording_is_no_number_play(text):
    assert morphology.slang(text) == []


def test_tip_title_is_one_finding_from_the_title_to_its_version_tag():
    text = ("澳门一码一肖一待一中今晚,2024年11月19日确保解答解释落实_ZCH3.69.83拍照版\n发文单位:某某特区政府\n"
            "一、前言\n为进一步加强管理，特制定本文件。\n")
    fs = [f for f in k_findings(text) if f.severity.name in ("ERROR", "WARNING")]
    assert [(f.code, f.match) for f in fs] == [
        ("GOV-K006", "澳门一码一肖一待一中今晚,2024年11月19日确保解答解释落实_ZCH3.69.83拍照版")]
    assert {g["signal"] for g in fs[0].evidence["signals"]} >= {"tip-title", "gambling-term", "seo-signature"}


def test_tip_title_after_a_subject_label_starts_after_the_label():
    text = ("某某特别行政区事务办公室文件\n各有关机构：\n主 题:新澳今晚上9点30开奖结果查询 | 正确解答落实\n"
            "现将有关事项通知如下。\n")
    fs = [f for f in k_findings(text) if f.severity.name == "WARNING"]
    assert [f.match for f in fs] == ["新澳今晚上9点30开奖结果查询 | 正确解答落实"]


def test_the_formula_repeated_as_a_heading_joins_the_title_finding():
    text = ("香港全年内部资料免费公开,实用释义、解释与落实\n\nadmin 2025-03-05\n\n实用释义、解释与落实\n\n"
            "香港作为一个国际化的城市，其信息资源的公开透明具有重要意义。\n")
    fs = [f for f in k_findings(text) if "落实" in f.match or any("落实" in text[e.start:e.end] for e in
                                                                  (f.fix.edits if f.fix else []))]
    assert len(fs) == 1 and len(fs[0].fix.edits) == 2


def test_a_tip_title_quoted_in_an_enforcement_line_is_not_accused():
    text = "某某县公安局关于防范网络诈骗的提示\n警惕“新澳今晚开奖结果查询 | 正确解答落实”类虚假网页\n公安机关提醒群众。\n"
    assert not [f for f in k_findings(text) if f.severity.name in ("ERROR", "WARNING")]


def test_no_clean_corpus_page_has_number_play_slang():
    pages = []
    for name in ("tune.jsonl", "official.jsonl"):
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if not rec["labels"]["contaminated"]:
                pages.append(rec["text"].lower())
    assert len(pages) > 150
    assert [p[:40] for p in pages if morphology.slang(p)] == []


def test_a_brand_ad_spans_its_segments_and_its_contact_but_stops_at_government_wording():
    head = "某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
    fs = k_findings(head + "主办:开云体育_欧洲杯足球网-【投注官网平台】办公室，各村综合利用公开栏、村民微信群等渠道公开信息。\n")
    assert [f.match for f in fs if f.severity.name in ("ERROR", "WARNING")] == ["开云体育_欧洲杯足球网-【投注官网平台】"]
    fs = k_findings(head + "各村综合利用信息公开栏、星辰娱乐官网入口 飞机:@xcbet88、村民微信群等渠道公开信息。\n")
    acc = [f for f in fs if f.severity.name in ("ERROR", "WARNING")]
    assert [f.match for f in acc] == ["星辰娱乐官网入口 飞机:@xcbet88"]
    assert "contact-tail" in {g["signal"] for g in acc[0].evidence["signals"]}


def test_an_essay_farm_title_signature_does_not_take_the_title_before_it():
    text = "中文国产日韩欧美视频,午夜精品999,色综合天天综合网国产成人网,伊人色播\n\n小区里垃圾分类实施方案(通用15篇)\n时间:2024-10-20\n"
    acc = [f.match for f in k_findings(text) if f.severity.name in ("ERROR", "WARNING")]
    assert "中文国产日韩欧美视频,午夜精品999,色综合天天综合网国产成人网,伊人色播" in acc
    assert not [m for m in acc if "实施方案" in m]  # (the copied document's own title stays)


def test_a_brand_core_with_its_web_login_call_is_a_brand():
    text = "某某市应急管理局关于森林防火的通告\n各县区：\n现将有关事项通告如下。\n乐鱼网页登陆入口:\n依据最新气象资料分析，未来24小时森林火险等级较高。\n"
    assert any(f.match.startswith("乐鱼网页登陆入口") for f in k_findings(text))
