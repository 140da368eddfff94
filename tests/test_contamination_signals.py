"""The general signals of the contamination pass (issue 13): pinyin verified against the characters' readings,
hosts classified with the shipped public suffix list without any network, brand formations by morphology, and no
import circle between the detector modules."""

import ast
import socket

import pytest

from checker.analysis.contamination import hosts, morphology, pinyin
from checker.config import Config
from checker.engine import check_bytes

from conftest import ROOT


@pytest.mark.parametrize("text, n", [
    ("根據(jù)《中華人民共和國(guó)政府信息公開條例》", 2),  # toned
    ("政(zheng)府(fu)信息公(gong)開", 3),  # toneless
    ("政(zhèng)府(fu)信息公(gong1)開", 3),  # mixed, with a tone digit
    ("政(zheng)(zheng)府(fu)(fu)", 4),  # the converter run twice
])
def test_pinyin_annotations_are_readings_of_their_character(text, n):
    assert len(pinyin.annotations(text)) == n


@pytest.mark.parametrize("text", ["疾控中心(CDC)", "王(wang)的", "(一)总体情况", "中(wang)心"])
def test_a_bracketed_latin_word_that_is_not_a_reading_is_not_an_annotation(text):
    anns = pinyin.annotations(text)
    assert all(pinyin.is_reading(ch, text[a + 1:b - 1]) for a, b, ch, _ in anns)
    assert not [a for a in anns if text[a[0] - 1] in "心中"]


def test_toneless_pinyin_injection_is_reported_with_every_annotation_as_an_edit():
    text = ("某某市人民政府2023年政(zheng)府(fu)信息公(gong)開(kai)工作年度報告\n"
            "本年度政(zheng)府(fu)信息公(gong)開(kai)工作有序推进。\n")
    res = check_bytes(text.encode("utf-8"), "p.txt", Config(select=["GOV-K007"]))
    [f] = res.findings
    assert len(f.fix.edits) == 8 and {text[e.start:e.end] for e in f.fix.edits} == {"(zheng)", "(fu)", "(gong)", "(kai)"}


def test_digits_and_letters_echoed_by_the_converter_are_annotations_too():
    """A converter that writes a reading after every character echoes what has none: 1(1)7(7)0(0)条(tiao)."""
    text = ("某某县人民政府2023年政(zheng)府(fu)信息公(gong)开(kai)工作年度报告\n"
            "本年度主动公开政(zheng)府(fu)信息1(1)7(7)0(0)条，G(G)D(D)P(P)增长。\n")
    res = check_bytes(text.encode("utf-8"), "p.txt", Config(select=["GOV-K007"]))
    [f] = res.findings
    got = [text[e.start:e.end] for e in f.fix.edits]
    assert {"(1)", "(7)", "(0)", "(G)", "(D)", "(P)"} <= set(got) and got.count("(zheng)") == 2
    # without readings on the page a bracketed digit is a list number, never an echo
    plain = "一、总体情况\n本年度共办理1(1)件，其中2(2)件已答复。\n"
    assert check_bytes(plain.encode("utf-8"), "q.txt", Config(select=["GOV-K007"])).findings == []
    # one echo alone on a pinyin page is no evidence
    one = text.replace("7(7)0(0)", "70").replace("G(G)D(D)P(P)", "GDP")
    [f] = check_bytes(one.encode("utf-8"), "r.txt", Config(select=["GOV-K007"])).findings
    assert "(1)" not in {one[e.start:e.end] for e in f.fix.edits}


def test_hosts_are_classified_offline(monkeypatch):
    def no_network(*a, **k):
        raise AssertionError("network access")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    hosts._psl.cache_clear()
    refs = {r.host: r for r in hosts.find(
        "网址 http://www.hefei.gov.cn/xxgk/ 与 www.example-mirror.com/zfxxgk/fdzdgknr/ 及 "
        "www-hefei-gov-cn.proxy.net/index.html，邮箱 office@kaiping.gov.cn，另见 mp.weixin.qq.com")}
    assert refs["www.hefei.gov.cn"].official and refs["kaiping.gov.cn"].official and refs["mp.weixin.qq.com"].official
    assert ("gov-path-on-foreign-host" in {n for n, _ in refs["www.example-mirror.com"].signals})
    assert ("embedded-gov-host" in {n for n, _ in refs["www-hefei-gov-cn.proxy.net"].signals})
    assert hosts.registrable("a.b.example.com.cn") == "example.com.cn"
    assert hosts.registrable("report.docx") is None


def test_page_address_on_a_foreign_host_is_reported():
    text = "某某县人民政府2023年政府信息公开工作年度报告\n本年度主动公开政府信息120条。\n"
    ok = check_bytes(text.encode(), "a.txt", Config(select=["GOV-K005"], options={"source_url": "https://www.x.gov.cn/a"}))
    bad = check_bytes(text.encode(), "a.txt", Config(select=["GOV-K005"],
                                                      options={"source_url": "http://m.abc-mirror.com/zwgk/art/1.html"}))
    assert not ok.findings
    [f] = bad.findings
    assert {s["signal"] for s in f.evidence["signals"]} >= {"page-host", "gov-path-on-foreign-host"}


@pytest.mark.parametrize("text, found", [
    ("门户网站、星辰体育官方网站入口政务微信", "星辰体育"),
    ("各村利用公示栏、金牛娱乐城村民微信群", "金牛娱乐城"),
    ("通过uedbet官网", "uedbet"),
    ("县体育局官方网站、全民健身体育平台", None),
    ("网络直播、电商直播平台", None),
    ("开展娱乐场所检查", None),
    ("Tibet and alphabet", None),
])
def test_brand_formations_by_morphology(text, found):
    low = text.lower()
    got = [low[s:e] for s, e, _, _ in morphology.formations(low)]
    assert (found in got) if found else not got, got


def test_no_import_circle_between_detector_modules():
    pkg = ROOT / "checker" / "analysis" / "contamination"
    imports = {}
    for p in pkg.glob("*.py"):
        tree = ast.parse(p.read_text(encoding="utf-8"))
        imports[p.stem] = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 1
                           and n.module is None for a in n.names} | {
            n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 1 and n.module}
    assert "provenance" not in imports["ads"] and "ads" not in imports["provenance"]
    assert imports["base"] <= set()  # the floor imports nothing of the package


@pytest.mark.parametrize("path, found", [
    ("/html/thxzfxxgkzfgzbg20170929625337.html", "/thxzfxxgkzfgzbg20170929625337"),  # pinyin initials in a slug
    ("/hzjl/ZWGK2985/ZFXXGK5277/ZFXXGKNB4764/202301/t20230116_6080719", "/ZWGK2985"),
    ("/bmxz_list.jsp?urltype=egovinfo.EgovInfoList&sccode=zfxxgknb", "/egovinfo"),  # a query value
    ("/OpennessAnnualReport/show/7562.html", "/OpennessAnnualReport"),
    ("/zhengwugongkai/shehuigongyi/20240319/9087", "/zhengwugongkai"),
    ("/news/2024/0315/123.html", None),
    ("/product/boxing-gloves.html", None),
    ("", None),
])
def test_government_cms_path_by_its_segments(path, found):
    assert hosts.gov_path(path) == found
    refs = hosts.foreign_signals("www.example-mirror.com", path)
    assert ("gov-path-on-foreign-host" in {n for n, _ in refs}) == bool(found)


LOSSY = ("某某鎮(zhèn)2023年政府信息公開(kāi)工作年度報(bào)告\n"
         "本鎮(zhèn)認(rèn)真貫徹《條例》,主動(dòng)公開(kāi)政府信息146條,回應(yīng)關(guān)切,第7號(hào)文件。\n")


def test_readings_left_after_characters_lost_to_question_marks_are_annotations():
    """A mirror that encoded its converted text with a narrower codec (GB2312) lost the traditional characters to
    "?" and kept their readings: 回?(yīng). With three toned readings after a "?" the page is a converter's even
    when no annotated character survived; the readings are edits of the one GOV-K007 finding."""
    bad = LOSSY.encode("gb2312", errors="replace").decode("gb2312")
    assert "回?(yīng)" in bad
    res = check_bytes(bad.encode("utf-8"), "p.txt", Config(select=["GOV-K007"]))
    [f] = res.findings
    got = [bad[e.start:e.end] for e in f.fix.edits]
    assert "(yīng)" in got and "(hào)" in got and len(got) == bad.count(")")
    # a question followed by a bracketed word, or one toned reading after a "?": no converter
    for text in ("某某县人民政府2023年报告\n这是什么?(a)问题?(an)还有?(he)。\n", "某某县2023年报告\n第一?(yī)项。\n"):
        assert check_bytes(text.encode("utf-8"), "q.txt", Config(select=["GOV-K007"])).findings == []
