"""Gambling ads of unseen pages (issue 13, ads8): betting link lists by their items' vocabulary (ads.betting_lists),
brands spelt apart to slip past a filter (lexicon.spaced_hits), an ordinary word + 在线 made a site's name by its
call to action (morphology.ONLINE), and title tails carrying a listed brand or a casino site code after any
government document's title (ads._tail_brand). Real documents through the real engine; the clean corpus pages,
generated reports and the real PDFs as the precision check."""

import json
from pathlib import Path

import pytest

import fixtures.generate as gen
from checker.analysis.contamination import ads, lexicon
from checker.config import Config
from checker.engine import check_bytes
from conftest import CORPUS, SHARED

HERE = Path(__file__).parent
LEX = Path(__file__).resolve().parents[1] / "rules" / "gov-annual-report" / "lexicons"
TITLE = "某某县人民政府2023年度政府信息公开工作年度报告"
BODY = ("\n根据《中华人民共和国政府信息公开条例》规定，现将本机关2023年度政府信息公开工作情况报告如下。\n"
        "一、总体情况\n2023年，本机关认真贯彻落实政务公开工作要点，主动公开政府信息1200条。\n")


def accused(data, name="page.txt"):
    data = data.encode("utf-8") if isinstance(data, str) else data
    res = check_bytes(data, name, Config(select=["GOV-K"]))
    return [f for f in res.findings if f.severity.name in ("ERROR", "WARNING") and f.code in ("GOV-K001", "GOV-K006")]


def _records(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _clean_pages():
    pages = [r for name in ("tune.jsonl", "official.jsonl") for r in _records(HERE / "corpus" / name)
             if not r["labels"]["contaminated"]]
    if CORPUS.exists():
        pages += [r for r in _records(CORPUS) if not r["labels"]["contaminated"]]
    assert len(pages) > 200
    return pages


# -- betting link lists


def test_a_betting_footer_over_two_lines_is_one_error():
    foot = ("网站地图 | 足球皇冠博彩 | 足球投注上下计算器 | 澳门在线赌博网站 |\n"
            "申博代理官网登入 | 申博娱乐真钱骰宝 | 申博微信支付充值")
    fs = [f for f in accused(TITLE + BODY + foot + "\n") if f.evidence.get("signals", [{}])[0].get("signal") == "betting-list"]
    assert len(fs) == 1 and fs[0].severity.name == "ERROR"
    assert fs[0].match == foot[len("网站地图 | "):]  # from the first betting item to the last, both lines
    assert fs[0].fix is not None
    # the single words of the list are no findings of their own (one list, one finding)
    assert [f.match for f in accused(TITLE + BODY + foot + "\n") if f.code == "GOV-K001"] == [fs[0].match]


@pytest.mark.parametrize("line", [
    "博彩监察协调局 | 幸运博彩 | 互动博彩 | 娱乐场 | 博彩中介人 | 博彩法例",  # a regulator's menu
    "体育彩票 | 足球彩票 | 篮球彩票 | 即开型彩票 | 彩票公益金",  # the legal lotteries' menu: no betting-only word
    "打击赌博 | 取缔赌场 | 查处网络赌博平台 | 举报电话",  # an enforcement bar
    "真人百家乐、老虎机、捕鱼游戏等赌博形式",  # no list without a call to action
])
def test_ordinary_lists_are_no_betting_list(line):
    lex = lexicon.load(str(LEX))
    deny, allow, cues = lexicon.resolve(lexicon.raw_hits(lex, line))
    assert ads.betting_lists(line, deny, allow, cues) == []


def test_no_betting_list_on_clean_pages():
    lex = lexicon.load(str(LEX))
    bad = []
    for r in _clean_pages():
        deny, allow, cues = lexicon.resolve(lexicon.raw_hits(lex, r["text"]))
        if ads.betting_lists(r["text"], deny, allow, cues):
            bad.append(r["id"])
    assert bad == []


# -- spaced brands


@pytest.mark.parametrize("text, match, signal", [
    (TITLE + "-开 元 棋 牌" + BODY, "-开 元 棋 牌", "title-brand"),  # the title tail, its separator with it
    (TITLE + "\n各村通过门户网站、开 元 棋 牌、政务微信等渠道发布信息。\n", "开 元 棋 牌", "spaced-letters"),
])
def test_a_brand_spelt_apart_is_found(text, match, signal):
    fs = accused(text)
    assert [f.match for f in fs] == [match]
    assert fs[0].severity.name == "ERROR"
    assert any(s["signal"] == signal for s in fs[0].evidence["signals"])


def test_spaced_headings_are_no_brand():
    lex = lexicon.load(str(LEX))
    for text in ("政 府 工 作 报 告", "博 彩 监 察 协 调 局", "目 录", "1 2 3 6 5", "a b c d", "开 元 寺 简 介"):
        assert lexicon.spaced_hits(lex, text) == [], text


# -- 在线 + call to action, title tails with a brand or a site code


def test_an_online_site_name_with_its_call_to_action():
    text = TITLE + "\n通过门户网站、太平洋在线官网注册送彩金、政务微信等渠道主动公开政府信息1200条。\n"
    assert [f.match for f in accused(text)] == ["太平洋在线官网注册送彩金"]
    assert accused(TITLE + "\n企业可在银行网点或手机银行在线开户，通过政务服务网在线办理。\n") == []


@pytest.mark.parametrize("title, tail, sev", [
    ("关于印发某某县安全生产专项整治方案的通知", "-皇冠体育hg0088", "ERROR"),  # a listed brand after a notice's title
    (TITLE, "-皇冠体育hg0088", "ERROR"),
    (TITLE, "-xg111太平洋在线", "WARNING"),  # a casino site code + a site head: a warning
])
def test_title_tails_with_a_brand_or_a_site_code(title, tail, sev):
    fs = accused(title + tail + BODY)
    assert [(f.code, f.match, f.severity.name) for f in fs] == [("GOV-K006", tail, sev)]


@pytest.mark.parametrize("title", [
    "关于印发某某县安全生产专项整治方案的通知-附件1",
    "关于印发某某县安全生产专项整治方案的通知-某某县人民政府",
    TITLE + "-pdf2023",
    TITLE + "_v2",
])
def test_ordinary_title_tails_stay(title):
    assert accused(title + BODY) == []


@pytest.mark.parametrize("seed", [0, 5])
def test_nothing_on_generated_reports(seed, tmp_path):
    for fmt, p in gen.write_all(gen.make_report(seed=seed), tmp_path, stem="clean").items():
        assert accused(p.read_bytes(), str(p)) == [], fmt


@pytest.mark.parametrize("name", ["hongze-2023.pdf", "hongze-2024.pdf"])
def test_nothing_on_the_real_pdfs(name):
    path = SHARED / "real" / name
    if not path.exists():
        pytest.skip(f"{path} not found (../shared absent)")
    assert accused(path.read_bytes(), name) == []


# -- ad chains, one stuffed list, the date before a site name


def test_a_betting_chain_in_the_place_slot_is_one_finding():
    chain = "某某bet体育在线世界杯_某某提款成功但是不到账_约彩某某官方下载安装"
    text = ("2022年食品安全监督抽检公示\n近期," + chain + "市场监督管理局对" + chain
            + "食品生产、流通和餐饮环节开展食品安全监督抽检。现公示抽检相关食品376批次。\n")
    fs = [f for f in accused(text) if any(s["signal"] == "ad-chain" for s in f.evidence["signals"])]
    assert [f.match for f in fs] == [chain]  # cut before 市场监督管理局; both occurrences are one finding
    assert fs[0].severity.name == "ERROR" and len(fs[0].fix.edits) == 2


@pytest.mark.parametrize("line", [
    "附件:某某县_2023年_政府信息公开工作年度报告.pdf",  # a file name
    "公安机关依法查处“某某体育_某某娱乐官网_某某棋牌app下载”等赌博网站。",  # an enforcement sentence
    "体育彩票_福利彩票_彩票公益金_使用情况",  # the legal lotteries
])
def test_ordinary_underscores_are_no_chain(line):
    lex = lexicon.load(str(LEX))
    deny, allow, cues = lexicon.resolve(lexicon.raw_hits(lex, line))
    assert ads.ad_chains(line, deny, allow, cues) == []


def test_no_ad_chain_on_clean_pages():
    lex = lexicon.load(str(LEX))
    bad = []
    for r in _clean_pages():
        deny, allow, cues = lexicon.resolve(lexicon.raw_hits(lex, r["text"]))
        if ads.ad_chains(r["text"], deny, allow, cues):
            bad.append(r["id"])
    assert bad == []


def test_a_porn_list_counted_around_an_unknown_item_is_one_finding():
    head = ("爱豆日记传媒|网红国产剧情av|91制片厂在线免费观看|麻豆传媒官网百度链接|欧美黑人精品一区二区三区|"
            "md1.pud 麻豆映画传媒下载|国产网红在线精品|蜜桃影像传媒传媒女演员|麻豆传媒最新出品国产AV剧情")
    text = head + "\n\n应急管理局\n\n致全区市民朋友清明节森林防火的一封信\n各位市民朋友：清明节即将来临。\n"
    fs = accused(text)
    assert len(fs) == 1 and fs[0].evidence["category"] == "stuffing"
    assert fs[0].match.startswith("爱豆日记传媒") and "国产网红在线精品" in fs[0].match


def test_the_date_before_a_site_name_formula_is_the_texts():
    text = ("一、环境空气质量状况\n2025年1月,某某bet中文(中国)官方网站 二氧化硫平均浓度为11微克/立方米。\n"
            "表1 2025年1月某某bet中文(中国)官方网站 环境空气质量情况\n")
    ms = [f.match for f in accused(text)]
    assert ms and all(m.startswith("某某bet") for m in ms), ms


# -- Latin-only headers, a contact footer of blank-separated words


def test_a_latin_porn_header_is_a_stuffed_list():
    head = "xvideos | pornhub | xnxx free porn videos | onlyfans leaks"
    fs = accused(head + "\n" + TITLE + BODY)
    assert [f.evidence["category"] for f in fs] == ["stuffing"] and fs[0].match.startswith("xvideos")


def test_anti_pornography_is_no_porn_word():
    line = "扫黄打非 | Anti-Pornography Office | 工作动态 | 政策法规 | 举报"
    assert ads.porn_items(line.lower(), []) == [] and not ads.PORN_STRONG_RE.search("anti-pornography")


@pytest.mark.parametrize("line, match", [
    ("BET365 | 1XBET Casino | W88 Sportsbook | Fun88 Slots", "BET365 | 1XBET Casino | W88 Sportsbook | Fun88 Slots"),
    ("澳门金沙官网 在线开户 真人百家乐 注册送38元彩金 QQ:88886666", "澳门金沙官网 在线开户 真人百家乐 注册送38元彩金"),
])
def test_betting_lists_of_brands_or_blank_separated_words(line, match):
    fs = accused(TITLE + BODY + line + "\n")
    assert [f.match for f in fs] == [match] and fs[0].severity.name == "ERROR"


def test_blank_separated_government_words_are_no_betting_list():
    lex = lexicon.load(str(LEX))
    for line in ("友情链接：体育彩票 福利彩票 某某市体育局 某某市民政局",
                 "收缴 老虎机 捕鱼机 百家乐机 等赌博设备"):
        deny, allow, cues = lexicon.resolve(lexicon.raw_hits(lex, line))
        assert ads.betting_lists(line, deny, allow, cues) == [], line
