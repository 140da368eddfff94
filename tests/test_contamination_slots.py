"""Keyword substitution into fixed slots (slots.py), question-form spam, bare spam hosts, recurrences and the
evidence a warning needs (issue 13). Real documents through the real engine; no mocks."""

from checker.analysis.contamination import hosts, morphology, slots
from checker.config import Config
from checker.engine import check_bytes
from checker.packs import load_pack

HEAD = ("某某区卫生健康局2024年政府信息公开工作年度报告\n"
        "根据《中华人民共和国政府信息公开条例》要求，现将本局2024年政府信息公开工作年度报告予以公布。\n"
        "一、总体情况\n2024年，我局认真贯彻落实政务公开各项要求。\n")


def findings(body: str, head: str = HEAD):
    res = check_bytes((head + body).encode("utf-8"), "r.txt", Config(select=["GOV-K"]))
    return [f for f in res.findings if f.code not in ("GOV-K010", "GOV-K008")]


def test_canonical_titles_are_data_with_sources():
    fixed = slots.fixed_texts(str(load_pack().lexicon_dir))
    assert len(fixed) >= 3 and all(src for _, src in fixed)
    assert any("年度报告格式的通知" in t for t, _ in fixed)


def test_insert_in_the_issuer_slot_of_the_format_notice_is_reported_with_the_canonical_text():
    fs = findings("依据《银鲨娱乐城,足彩在线印发中华人民共和国政府信息公开工作年度报告格式的通知》编制本报告。\n")
    k6 = [f for f in fs if f.code == "GOV-K006"]
    assert [f.match for f in k6] == ["银鲨娱乐城,足彩在线"]
    sigs = {g["signal"] for g in k6[0].evidence["signals"]}
    assert "canonical-slot" in sigs and k6[0].evidence["canonical"].startswith("国务院办公厅政府信息与政务公开办公室")


def test_local_and_older_forms_of_the_canonical_titles_are_not_inserts():
    body = ("依据《某某省人民政府办公厅关于印发中华人民共和国政府信息公开工作年度报告格式的通知》"
            "《国务院办公厅关于印发2023年政务公开工作要点的通知》《中华人民共和国政府信息公开条例释义》"
            "《国务院办公厅政府信息公开办公室关于印发中华人民共和国政府信息公开工作年度报告格式的通知》编制本报告。\n")
    assert not [f for f in findings(body) if f.code in ("GOV-K006", "GOV-K001")]


def test_question_form_spam_is_an_seo_signature_but_ordinary_questions_are_not():
    assert morphology.questions("现在哪个app能买足彩文化局") == [(0, 11)]
    assert morphology.questions("买球app哪个是正规的")
    assert not morphology.questions("群众反映哪个窗口能办理社保")
    assert not morphology.questions("哪个部门负责体育彩票销售")


def test_digit_heavy_hosts_are_spam_but_service_numbers_and_ordinary_hosts_are_not():
    assert hosts.spam_url("www.365-818.com") and hosts.spam_url("js8888.com")
    assert not hosts.spam_url("12306.cn") and not hosts.spam_url("51job.com") and not hosts.spam_url("163.com")
    assert [r.host for r in hosts.find("请与www.365-818.com办公室联系")] == ["www.365-818.com"]


def test_a_spam_host_in_the_contact_slot_is_accused_a_government_host_is_not():
    bad = findings("如对本报告有任何疑问，请与www.365-818.com办公室联系。\n")
    assert any(f.code == "GOV-K006" and f.match == "www.365-818.com" for f in bad)
    good = findings("如对本报告有任何疑问，请与www.lysty.gov.cn办公室联系。\n")
    assert not [f for f in good if f.code in ("GOV-K006", "GOV-K001")]


def test_every_recurrence_of_a_removed_insert_joins_its_finding_but_not_a_quoted_name_in_an_enforcement_sentence():
    body = ("2024年，现在哪个app能买足彩卫生健康局坚持依法公开。\n"
            "制定《现在哪个app能买足彩卫生健康局信息公开工作制度》，我局的现在哪个app能买足彩工作运行正常。\n"
            "公安机关依法打击“现在哪个app能买足彩”等赌博广告。\n")
    k = [f for f in findings(body) if f.code in ("GOV-K006", "GOV-K001")]
    assert k and all(f.severity.name == "ERROR" for f in k)
    text = HEAD + body
    removed = sorted((e.start, e.end) for f in k for e in f.fix.edits)
    want = [(i, i + 11) for i in range(len(text)) if text.startswith("现在哪个app能买足彩", i)]
    assert removed == want[:3]  # every occurrence but the one the police notice quotes
    rec = [f for f in k if any(g["signal"] == "recurrence" for g in f.evidence["signals"])]
    assert rec and len(rec[0].fix.edits) == rec[0].evidence["occurrences"] >= 2


def test_a_brand_alone_is_information_and_a_trap_sentence_gives_nothing():
    fs = findings("新葡京所在的澳门半岛与横琴隔海相望。\n")
    assert [(f.code, f.severity.name) for f in fs] == [("GOV-K001", "INFO")]
    for s in ("召开新闻发布会3场，全程网络直播，观看人数达2万人次。", "推动体育娱乐产业发展，建设体育娱乐综合体。",
              "通过政府网站、政务新媒体、宣传视频在线观看等方式开展普法宣传。",
              "公开体育彩票竞彩足球、传统足彩销售情况。"):
        assert not findings(s + "\n"), s


import pytest  # noqa: E402

import fixtures.generate as gen  # noqa: E402


@pytest.mark.parametrize("insert", ["金蛙娱乐城", "现在哪个app能买球"])
def test_organ_name_substituted_everywhere_gives_the_same_codes_in_every_format(tmp_path, insert):
    """A mirror that wrote its keywords where the place name of the organ stood, in every sentence naming it: the
    insert is found (and each of its occurrences removed) in TXT, HTML, DOCX and PDF alike."""
    report = gen.make_report(organ=insert + "人民政府")
    paths = gen.write_all(report, tmp_path, stem="subst")
    got = {}
    for fmt in ("txt", "html", "docx", "pdf"):
        res = check_bytes(paths[fmt].read_bytes(), str(paths[fmt]), Config(select=["GOV-K"]))
        acc = [f for f in res.findings if f.code in ("GOV-K001", "GOV-K006") and f.severity.name == "ERROR"]
        assert acc and all(insert in f.match for f in acc), (fmt, [(f.code, f.match) for f in res.findings])
        text = res.analysis.doc.text
        removed = [(e.start, e.end) for f in acc for e in f.fix.edits]
        occ = [i for i in range(len(text)) if text.startswith(insert, i)]
        assert all(any(a <= i < b for a, b in removed) for i in occ), fmt
        got[fmt] = {f.code for f in res.findings if f.severity.name in ("ERROR", "WARNING")}
    assert len({frozenset(c) for c in got.values()}) == 1, got


def test_lists_of_firms_venues_and_macau_resorts_are_no_enumeration_break():
    for s in ("澳门六大博彩企业澳博控股、银河娱乐、金沙中国、永利澳门、美高梅中国、新濠博亚持有经营批给。",
              "组织企业赴澳门参加美高梅集团、澳博集团举办的采购对接会。",
              "与澳门银河、威尼斯人等综合度假村开展旅游推介合作，推动琴澳旅游一体化。",
              "百乐门舞厅、大红鹰集团、亿博电子有限公司等企业完成年检。",
              "推进九五之尊文化园建设，天博国际物流园开工。",
              "县公安局破获网络赌博案件，涉案平台包括开云体育、九游会、乐鱼体育等。"):
        assert not [f for f in findings(s + "\n") if f.severity.name in ("ERROR", "WARNING")], s
    # the same brand as an item of a list of government channels is an injection
    bad = findings("本镇通过政府网站、公开栏、开云体育官网入口、政务微信等渠道公开信息。\n")
    assert [f.match for f in bad if f.severity.name == "ERROR"] == ["开云体育官网入口"]


def test_latin_and_mixed_brand_formations_but_not_acronyms_service_numbers_or_years():
    def got(text):
        low = text.lower()
        return [low[s:e] for s, e, _, _ in morphology.formations(low)]

    assert "365体育" in got("365体育平台网址")
    assert "ayx彩票" in got("某某ayx彩票")
    assert "kaiyun体育" in got("《kaiyun体育印发》")
    for ok in ("ktv娱乐场所", "cctv5体育频道", "nba体育", "12345体育", "2023体育", "5g体育"):
        assert not got(ok), ok
    assert morphology.core_pairs("bob半岛官方", 3, 5) == 0
    assert morphology.core_pairs("半岛ayx官网", 0, 2) == 5
    assert morphology.core_pairs("cctv半岛", 4, 6) is None


def test_the_slot_is_the_structural_signal_without_any_address():
    fs = findings("政府信息公开载体为某某县德赢VWIN门户网站，日常信息维护更新良好。\n"
                  "依据《UedBet体育印发〈某某市退役军人关爱基金管理办法〉的通知》执行。\n")
    k6 = {f.match: {g["signal"] for g in f.evidence["signals"]} for f in fs if f.code == "GOV-K006"}
    assert "place-slot" in k6["德赢VWIN"] and "about-slot" in k6["UedBet体育"]
    assert all(f.severity.name == "ERROR" for f in fs if f.code == "GOV-K006")


def test_the_about_slot_needs_a_brand_and_a_title_without_about():
    assert not findings("依据《某某县公安局关于依法打击“开云体育”等赌博网站的通告》开展工作。\n")
    assert not findings("依据《某某市人民政府办公室做好2023年政务公开工作的通知》开展工作。\n")
    # the same insert in two titles is one finding with an edit for each
    fs = findings("依据《某某市人民政府办公厅乐鱼体育官网做好2023年政务公开工作的通知》和"
                  "《某某省人民政府办公厅乐鱼体育官网印发2023年政务公开工作要点的通知》。\n")
    k6 = [f for f in fs if f.code == "GOV-K006"]
    assert [f.match for f in k6] == ["乐鱼体育官网"] and len(k6[0].fix.edits) == 2


def test_stuffed_seo_title_is_found_by_structure_not_by_its_words():
    title = "国家反诈中心app下载-全民行动共筑安全防线国家反诈中心APP下载守护财产安全"
    text = f"{title}\n1942920 音乐下载 2025-03-11 3 0\n网络诈骗已成为威胁公众财产安全的隐形杀手。\n{title}\n正文。\n"
    res = check_bytes(text.encode("utf-8"), "seo.txt", Config(select=["GOV-K"]))
    k6 = [f for f in res.findings if f.code == "GOV-K006"]
    k14 = [f for f in res.findings if f.code == "GOV-K014"]
    assert len(k6) == 1 and len(k6[0].fix.edits) == 2
    assert {g["signal"] for g in k6[0].evidence["signals"]} >= {"keyword-repeat", "repeated-heading"}
    assert [f.match for f in k14] == ["1942920 音乐下载 2025-03-11 3 0"]
    clean = ("某某县公安局2023年政府信息公开工作年度报告\n国家反诈中心APP下载注册\n"
             "全年组织群众下载注册国家反诈中心APP，国家反诈中心APP下载量位居全市第一。\n")
    assert not findings(clean, head="")


def test_a_spam_host_accused_in_a_slot_is_not_reported_again_as_a_portal_url():
    fs = findings("如对本报告有任何疑问，请与www.365-818.com办公室联系。\n")
    assert [f.code for f in fs if "365-818" in f.match] == ["GOV-K006"]


def test_lottery_tips_dressed_as_disclosure_wording_but_not_open_data_wording():
    def got(text):
        low = text.lower()
        return [low[s:e] for s, e in morphology.tips(low)]

    assert got("2023年澳门全年资料公开:探索") == ["2023年澳门全年资料公开"]
    assert got("澳门内部资料免费公开2023年最新版") == ["澳门内部资料免费公开"]
    assert got("原创 澳门正版资料免费大全") == ["澳门正版资料免费大全"]
    for ok in ("澳门内部资料公开包括政府决策", "澳门免费资料公开的背景", "澳门特别行政区统计资料公开"):
        assert not got(ok), ok
    assert morphology.questions("全面释义、解释与落实") and not morphology.questions("做好政策解释与落实")


def test_weak_formations_need_a_slot_and_a_recurrence():
    once = findings("现将星辰体育2023年政府信息公开工作年度报告予以公布。\n")
    assert not [f for f in once if f.code == "GOV-K006"]
    twice = findings("现将星辰体育2023年政府信息公开工作年度报告予以公布。如有疑问，请与星辰体育办公室联系。\n")
    k6 = [f for f in twice if f.code == "GOV-K006"]
    assert [f.match for f in k6] == ["星辰体育"] and len(k6[0].fix.edits) == 2
    assert "brand-shape" in {g["signal"] for g in k6[0].evidence["signals"]}
    assert morphology.weak_formations("某县金蛙娱乐门户网站") == [(2, 6)]
    assert morphology.weak_formations("请与星辰体育办公室") == [(2, 6)]
    assert not morphology.weak_formations("某某县星光体育场") and not morphology.weak_formations("阳光体育活动")


def test_digit_or_latin_token_before_a_han_name_and_a_head_is_a_formation_but_not_service_numbers_or_acronyms():
    def got(text):
        low = text.lower()
        return [low[s:e] for s, e, _, _ in morphology.prefixed_formations(low)]

    assert got("188博金宝app_188博金宝体育@") == ["188博金宝app", "188博金宝体育"]
    for ok in ("12345政务服务app", "2023年体育app", "etc服务app下载", "188博金宝体育场"):
        assert not got(ok), ok
