"""Brand lexicons, title tails, lottery tips and SEO filler (issue 13, brand5). Real documents through the real
engine; no mocks."""

import pytest

from checker.analysis.contamination import lexicon
from checker.config import Config
from checker.engine import check_bytes
from checker.packs import load_pack

BODY = ("根据《中华人民共和国政府信息公开条例》规定，现公布本局2023年政府信息公开工作年度报告。"
        "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n"
        "一、总体情况\n2023年，我局认真贯彻落实政府信息公开工作要求，全年主动公开信息120条。\n")


def lex():
    return lexicon.load(str(load_pack().lexicon_dir))


def findings(text: str):
    res = check_bytes(text.encode("utf-8"), "r.txt", Config(select=["GOV-K"]))
    return [f for f in res.findings if f.code not in ("GOV-K010", "GOV-K008")]


def accusations(text: str):
    return [f for f in findings(text) if str(f.severity).split(".")[-1].lower() in ("error", "warning")]


def brands_in(text: str) -> list[str]:
    low = text.lower()
    deny, _, _ = lexicon.resolve(lexicon.raw_hits(lex(), low))
    return [low[h.start:h.end] for h in deny if h.family == "G1"]


def test_every_family_has_its_size_and_the_brands_thousands_of_forms():
    lx = lex()
    fam = {}
    for e in lx.entries:
        fam[e.family] = fam.get(e.family, 0) + 1
    assert lx.formed_count() >= 4500
    assert fam["G1c"] >= 180 and fam["G4"] >= 190


@pytest.mark.parametrize("text, brand", [
    ("通过尊龙凯时官网", "尊龙凯时官网"),
    ("金年会体育app", "金年会体育"),
    ("鸭脖体育入口", "鸭脖体育"),
    ("新葡萄京娱乐场", "新葡萄京娱乐场"),
    ("利记sbobet", "利记sbobet"),
    ("j9九游会", None),  # 九游会 is listed as itself (gambling.txt); the Latin half is not a core
])
def test_new_cores_form_brands_with_their_suffixes(text, brand):
    got = brands_in(text)
    assert (brand in got) if brand else got, got


@pytest.mark.parametrize("text", [
    "摩登时代的城市生活", "新宝路小学", "天游峰景区", "恒达路口", "凯时光", "金年会议室", "博乐市体育中心", "爱体育的孩子们",
])
def test_cores_alone_or_in_ordinary_words_are_no_brand(text):
    assert not brands_in(text)


def test_a_porn_title_list_of_the_new_compounds_is_stuffing_but_a_trade_sentence_is_not():
    bad = "日韩免费AV乱码高清专区_国产一级二级在线_青青青国产精品_欧美日韩高清一区二区三区\n" + BODY
    ok = "我市出口欧美、日韩的精品农产品保持增长，一级、二级、三级医院均已接入平台。\n" + BODY
    assert any(f.code in ("GOV-K001", "GOV-K006") for f in accusations(bad))
    assert not accusations(ok)


@pytest.mark.parametrize("head, match, severity", [
    ("某县卫生健康局2023年政府信息公开工作年度报告·开元棋牌\n", "·开元棋牌", "error"),
    ("安博体育-某县卫生健康局2023年政府信息公开工作年度报告\n", "安博体育-", "warning"),
    ("某县卫生健康局2023年政府信息公开工作年度报告_金年会怎么样\n", "_金年会怎么样", "error"),
    ("首页 > 年报 > 安博体育\n某县卫生健康局2023年政府信息公开工作年度报告-安博体育\n", "-安博体育", "error"),
])
def test_title_tails_judged_by_their_morphology_without_any_address(head, match, severity):
    got = [(f.match, str(f.severity).split(".")[-1].lower()) for f in findings(head + BODY) if f.code == "GOV-K006"]
    assert (match, severity) in got, got


def test_a_recurring_brand_shape_of_the_title_is_removed_everywhere_in_one_finding():
    text = "首页 > 年报 > 安博体育\n某县卫生健康局2023年政府信息公开工作年度报告-安博体育\n来源：安博体育\n" + BODY
    [f] = [f for f in findings(text) if f.code == "GOV-K006"]
    assert len(f.fix.edits) == 3


@pytest.mark.parametrize("head", [
    "某某市人民政府门户网站 | 手机版\n某县卫生健康局2023年政府信息公开工作年度报告\n",
    "某县体育局2023年政府信息公开工作年度报告_广州体育\n",
    "南京体育-某县体育局2023年政府信息公开工作年度报告\n",
    "某县体育局2023年政府信息公开工作年度报告_群众体育\n",
    "某县公安局2023年政府信息公开工作年度报告-国家反诈中心APP下载注册\n",
])
def test_places_bodies_and_a_portals_own_links_are_no_tails(head):
    assert not [f for f in findings(head + BODY) if f.code == "GOV-K006"]


def sev(f) -> str:
    return str(f.severity).split(".")[-1].lower()


def test_a_generic_gambling_word_on_an_articles_headline_is_information_but_on_a_report_title_an_accusation():
    article = "澳門博彩業生死搏殺\n發布時間:2020-04-11\n現在的澳門，儼然一個建筑大工地。\n"
    [f] = [f for f in findings(article) if f.code == "GOV-K001"]
    assert sev(f) == "info" and f.evidence.get("headline_topic")
    report = "某县人民政府2023年政府信息公开工作年度报告_网上赌场\n" + BODY
    assert any(f.code == "GOV-K006" and sev(f) == "error" for f in findings(report))
    slang = "澳门一码一肖一特一中是合法的吗\n引言\n本文围绕这一玩法进行探讨。\n"  # slang is no article's subject
    assert any(sev(f) == "warning" for f in findings(slang))


def test_the_tip_sites_formula_with_a_modifier_but_not_a_reports_policy_reading():
    from checker.analysis.contamination import morphology

    assert morphology.questions("澳门一码一肖是合法的吗,精准解答落实") == [(12, 18)]
    assert morphology.questions("最佳精选解释落实") and morphology.questions("全面释义、解释与落实")
    assert not morphology.questions("我局对政策进行全面解读落实，做好解释工作")



def test_a_bare_brand_name_over_the_place_name_recurring_in_the_organ_slot_is_removed():
    text = ("亿万先生卫生健康局2023年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》规定，现将亿万先生卫生健康局"
            "2023年政府信息公开工作年度报告予以公布。\n一、总体情况\n2023年，亿万先生卫生健康局认真贯彻落实政府信息公开工作要求。\n")
    [f] = [f for f in findings(text) if f.code == "GOV-K006"]
    assert f.match == "亿万先生" and sev(f) == "error" and len(f.fix.edits) == 3


def test_a_bare_core_once_or_a_place_core_is_nothing():
    once = "某县卫生健康局2023年政府信息公开工作年度报告\n现将亿万先生卫生健康局2023年政府信息公开工作年度报告予以公布。\n"
    place = ("金沙县卫生健康局2023年政府信息公开工作年度报告\n现将金沙县卫生健康局2023年政府信息公开工作年度报告予以公布。"
             "请与金沙县卫生健康局联系。\n")
    assert not [f for f in findings(once) if f.code == "GOV-K006"]
    assert not findings(place)


def test_illegal_lottery_slang_in_a_sentence_is_information_but_not_in_an_enforcement_sentence():
    text = BODY + "二、其他\n群众反映有人在群里传播一肖一码资料。\n我县公安局严厉打击时时彩等非法赌博活动。\n"
    got = [(f.match, sev(f)) for f in findings(text) if f.code == "GOV-K001"]
    assert ("一肖一码", "info") in got and not [m for m, _ in got if "时时彩" in m]


def test_a_brand_formation_glued_into_running_text_is_information_even_beside_the_sports_lottery_fund():
    text = BODY + ("近年来，文体中心在体彩公益金的助力下，按照总体要求MG娱乐电子,紧紧围绕便民惠民这一核心，做好场馆开放工作。"
                   "每年全民健身日MG娱乐电子,文体中心所有项目均免费开放。\n")
    got = [(f.match, sev(f)) for f in findings(text) if f.code == "GOV-K001"]
    assert got.count(("MG娱乐", "info")) == 2, got
    enforcement = BODY + "我县公安局依法查处MG娱乐电子等网络赌博平台，关闭违法网站12个，切实维护社会稳定。\n"
    assert not [f for f in findings(enforcement) if "MG娱乐" in f.match]


def test_tips_without_the_place_or_after_the_government_but_not_open_data_wording():
    from checker.analysis.contamination import morphology

    got = lambda t: [t[a:b] for a, b in morphology.tips(t.lower())]  # noqa: E731
    assert got("2024年，澳门政府宣布将所有内部资料免费公开") == ["内部资料免费公开"]
    assert got("澳门特区政府内部资料免费公开") == ["澳门特区政府内部资料免费公开"]
    assert got("2025年公开全年资料") == ["2025年公开全年资料"]
    assert not got("按规定公开资料，澳门内部资料公开，内部资料不予公开，全年资料公开率100%")


def test_a_tip_in_a_sentence_is_information_but_not_in_a_fraud_warning():
    tip = BODY + "二、其他\n有网站声称澳门特区政府内部资料免费公开，吸引网民点击。\n"
    assert [sev(f) for f in findings(tip) if "内部资料免费公开" in f.match] == ["info"]
    enf = BODY + "二、其他\n公安机关提醒：所谓内部资料免费公开是非法赌博网站的诱饵，严厉打击网络赌博。\n"
    assert not [f for f in findings(enf) if "内部资料免费公开" in f.match]


@pytest.mark.parametrize("text, brand", [
    ("我国麻豆剧传媒体育健儿", "麻豆剧传媒"),
    ("《某某精东传媒全集》", "精东传媒"),
    ("十年球盟会全站交融", "球盟会全站"),
    ("麻豆区公所", None), ("天美工作室的新游戏", None), ("果冻布丁", None), ("浙报传媒集团", None),
])
def test_porn_studio_cores_form_only_with_their_studio_suffixes(text, brand):
    got = brands_in(text)
    assert (brand in got) if brand else not got, got


def test_a_studio_title_in_guillemets_is_an_ad_only_as_a_headline_or_a_news_source():
    body = "中新网北京3月5日电 政府工作报告提出增强主流媒体国际传播能力。\n"
    headline = "《王某某天美传媒》\n" + body + "业内认为意义重大。《王某某天美传媒》报道称，各地加快推进。\n"
    [f] = [f for f in accusations(headline) if f.code == "GOV-K001"]
    assert f.match == "《王某某天美传媒》" and len(f.fix.edits) == 2
    assert any(s["signal"] == "title-slot" for s in f.evidence["signals"])
    cited = body + "记者查阅了《王某某天美传媒》一书的出版信息。\n"
    assert not [f for f in accusations(cited) if f.code == "GOV-K001"]


def test_the_tip_sites_formula_with_two_modifiers():
    from checker.analysis.contamination import morphology

    text = "关于“2025新澳天天开好彩大全”的深入数据解答解释落实的通知"
    assert [text[a:b] for a, b in morphology.questions(text)] == ["深入数据解答解释落实"]
    assert morphology.questions("深入解读落实政策，全面落实数据共享") == []


def test_the_tip_sites_wish_after_a_macau_place_is_a_tip_but_a_new_year_wish_is_not():
    from checker.analysis.contamination import morphology

    text = "关于“2025新澳天天开好彩大全”的通知"
    assert [text[a:b] for a, b in morphology.tips(text)] == ["2025新澳天天开好彩大全"]
    assert morphology.tips("祝大家新年开好彩，来年好运") == []
