"""The mirror judgement and the furniture convention (issue 13): on a page that is a mirror's copy, furniture without
government vocabulary is the mirror's own (GOV-K014); the government page's furniture and the copied article's
byline stay chrome (GOV-K010); a page served by a government host is never a mirror's copy."""

import importlib.util
import json

import pytest

from checker.analysis.contamination import furniture
from checker.config import Config
from checker.engine import check_bytes

from conftest import ROOT

REPORT = "某某镇人民政府2022年政府信息公开工作年度报告\n本年度主动公开政府信息120条，其中规范性文件3件。\n"


def run(text: str, url: str | None = None):
    opts = {"source_url": url} if url else {}
    return check_bytes(text.encode("utf-8"), "page.txt", Config(select=["GOV-K"], options=opts))


def codes(res, code):
    return [f.match for f in res.findings if f.code == code]


@pytest.mark.parametrize("url, text, reason", [
    ("https://news.example-mirror.com/a/1.html", REPORT, "page-host"),
    (None, REPORT.replace("公开", "公開(kāi)").replace("报告", "報(bào)告"), "pinyin-annotations"),
])
def test_a_copy_is_judged_a_mirror_with_its_reasons(url, text, reason):
    sig = run(text, url).analysis.contamination.doc_signals
    assert "mirror" in sig and any(r.startswith(reason) for r in sig["mirror"]["reasons"])


@pytest.mark.parametrize("url, text", [
    ("https://www.example.gov.cn/zwgk/1.html", REPORT.replace("公开", "公開(kāi)")),  # a government host: never
    (None, REPORT.replace("镇", "鎮").replace("规范", "規範").replace("报告", "報告")),  # traditional alone: weak
    (None, REPORT),
])
def test_no_mirror_without_evidence_or_on_a_government_host(url, text):
    assert "mirror" not in run(text, url).analysis.contamination.doc_signals


def test_the_same_bar_is_the_mirrors_on_a_copy_and_chrome_on_the_government_page():
    text = REPORT + "打印 | 收藏 | 发给好友 【字号\n"
    mirror = run(text, "https://news.example-mirror.com/a/1.html")
    gov = run(text, "https://www.example.gov.cn/zwgk/1.html")
    assert codes(mirror, "GOV-K014") == ["打印 | 收藏 | 发给好友 【字号"]
    k014 = next(f for f in mirror.findings if f.code == "GOV-K014")
    names = [s["signal"] for s in k014.evidence["signals"]]
    assert "mirror-page" in names and "share-bar" in names  # the mirror reasons and the structure
    assert not codes(gov, "GOV-K014") and codes(gov, "GOV-K010") == ["打印 | 收藏 | 发给好友 【字号"]


def test_a_breadcrumb_label_over_a_government_breadcrumb_stays_chrome_on_a_mirror():
    text = "您当前的位置:\n|\n首页 >> 政务公开 >> 正文\n" + REPORT
    res = run(text, "http://mirror-example.com/art/2015/7/27/art_1.html")
    assert not codes(res, "GOV-K014")


def test_menus_in_the_report_body_are_not_menus():
    # short one-item lines of a statistics table, and a spaced line of table headings, on a mirror's copy
    text = REPORT + "规章\n规范性文件\n行政许可\n其他对外管理服务事项\n" + "申请人情况 自然人 商业企业 科研机构 其他\n" \
        + "本年度办结申请20件，全部按期答复。\n"
    res = run(text, "https://news.example-mirror.com/a/1.html")
    assert not codes(res, "GOV-K014")


@pytest.mark.parametrize("block, parts", [
    ("2015-10-03 17:54:27 来源:某某新闻网  责任编辑:张某\n分享到:", ["chrome", "site"]),
    ("人民网\n人民网>>上海频道", ["site"]),
    ("当前位置：首页 > 政务公开 > 信息公开年报\n浏览次数:", ["gov"]),
    ("19.05.2017  16:40", ["chrome"]),
])
def test_split_furniture(block, parts):
    assert [p[2] for p in furniture.split_furniture(block)] == parts


def test_relabel_moves_only_site_parts_of_non_government_pages():
    spec = importlib.util.spec_from_file_location("relabel", ROOT / "tests" / "corpus" / "relabel_furniture.py")
    rl = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rl)
    text = "您所在的位置: 某某网 > 国内> 时政 > 正文\n2015-10-03 来源:某某新闻网\n分享到:\n正文。"
    rec = {"id": "w9999", "url": "https://news.example-mirror.com/a/1.html", "text": text,
           "labels": {"contamination_spans": [], "chrome_spans": ["您所在的位置: 某某网 > 国内> 时政 > 正文",
                                                                 "2015-10-03 来源:某某新闻网\n分享到:"]}}
    gov = json.loads(json.dumps(rec))
    gov["url"] = "https://www.example.gov.cn/1.html"
    assert rl.relabel(rec) == (2, 0)
    assert rec["labels"]["contamination_spans"] == ["您所在的位置: 某某网 > 国内> 时政 > 正文", "分享到:"]
    assert rec["labels"]["chrome_spans"] == ["2015-10-03 来源:某某新闻网"]
    assert rl.relabel(gov) == (0, 0) and len(gov["labels"]["chrome_spans"]) == 2


def test_a_rewritten_report_address_makes_a_copy_without_an_address_a_mirror():
    text = REPORT + "本年度报告电子版可在某某镇人民政府网站（http://www.example-mirror.com/xxgk/1.html）下载。\n" \
        + "打印 | 收藏 | 发给好友\n"
    res = run(text)
    sig = res.analysis.contamination.doc_signals
    assert any(r.startswith("portal-url") for r in sig["mirror"]["reasons"])
    assert codes(res, "GOV-K014") == ["打印 | 收藏 | 发给好友"]


def test_a_contact_block_at_the_end_of_a_mirrors_copy_is_not_a_menu():
    text = REPORT + "联系人\n联系电话\n电子邮箱\n"
    assert not codes(run(text, "https://news.example-mirror.com/a/1.html"), "GOV-K014")


@pytest.mark.parametrize("text, reason", [
    (REPORT + "本文链接：http://www.example-news.com/a/1.html\n", "mirror-url"),
    (REPORT + "本文来源于网络，如有侵权请联系删除。\n", "foreign-furniture"),
    ("各村综合利用信息公开栏、麻将胡了最新官方版下载村民微信群等渠道，主动公开热点信息。\n" + REPORT, "injected-spam"),
    ("您所在的位置: 东南网 > 国内> 时政 > 正文\n" + REPORT, "portal-breadcrumb"),
])
def test_without_an_address_the_text_itself_is_mirror_evidence_and_named(text, reason):
    sig = run(text).analysis.contamination.doc_signals
    assert "mirror" in sig and any(r.startswith(reason) for r in sig["mirror"]["reasons"]), sig


def test_one_weak_sign_reports_the_mirrors_furniture_as_info_never_a_warning():
    text = "某某县体育局召开会议\n发布者:abc68 2023-09-21 浏览:6\n" + REPORT + "打印 | 收藏 | 发给好友\n"
    res = run(text)
    sig = res.analysis.contamination.doc_signals
    assert "mirror" not in sig and sig["mirror_tentative"]["reasons"][0].startswith("site-account")
    k014 = [f for f in res.findings if f.code == "GOV-K014"]
    assert {f.match for f in k014} == {"发布者:abc68 2023-09-21 浏览:6", "打印 | 收藏 | 发给好友"}
    assert all(str(f.severity) == "info" for f in k014)
    # the same page at a government address: the government page's own byline and bar, never K014
    gov = run(text, "https://www.example.gov.cn/zwgk/1.html")
    assert not [f for f in gov.findings if f.code == "GOV-K014" and f.evidence["category"] == "furniture"]


def test_the_government_footer_with_its_vendor_or_a_traditional_text_alone_is_no_mirror_evidence():
    for text in (REPORT + "版权所有：某某镇人民政府 技术支持：www.example-soft.com\n网站地图 | 联系我们\n",
                 "澳門特別行政區政府\n" + REPORT.replace("镇", "鎮").replace("报告", "報告").replace("规范", "規範")
                 + "打印 | 關閉\n"):
        sig = run(text).analysis.contamination.doc_signals
        assert "mirror" not in sig and "mirror_tentative" not in sig, sig
