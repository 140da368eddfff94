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


# --- item lists judged by what they are not, and by the character model (issue 13) ---------------------------------
def test_list_items_drop_the_heading_labels_numbers_and_dates():
    seg = "猜你喜欢\n1. 当红小花旦恋情曝光网友热议\n下一篇：卡多索助攻双响球队逆转取胜 2023-08-24\n"
    assert furniture.list_items(seg) == ["当红小花旦恋情曝光网友热议", "卡多索助攻双响球队逆转取胜"]


def test_an_item_list_of_government_items_is_never_foreign():
    from checker.analysis.contamination import ngram

    model = ngram.load()
    assert furniture.foreign_items(["当红小花旦恋情曝光网友热议", "卡多索助攻双响球队逆转取胜"], model)
    # one government item (an organ, a notice) makes the list the government site's own
    assert furniture.foreign_items(["当红小花旦恋情曝光网友热议", "关于开展安全生产大检查的通知"], model) is None
    assert furniture.foreign_items(["某某县人民政府召开常务会议", "某某镇开展禁毒宣传"], model) is None
    assert furniture.foreign_items([], model) is None


@pytest.mark.parametrize("tail, reason", [
    ("猜你喜欢\n当红小花旦恋情曝光网友热议\n卡多索助攻双响球队逆转取胜\n", "foreign-headlines"),
    ("上一篇：当红小花旦恋情曝光网友热议\n", "foreign-headlines"),
    ("欢迎来到某某生活网\n", "site-welcome"),
])
def test_text_evidence_of_a_mirror_without_address(tail, reason):
    sig = run(REPORT + tail).analysis.contamination.doc_signals
    got = sig.get("mirror") or sig.get("mirror_tentative")
    assert got and any(r.startswith(reason) for r in got["reasons"]), sig


def test_government_lists_give_no_mirror_evidence():
    text = REPORT + "相关链接\n某某镇召开2023年政务公开工作推进会\n上一篇：某某镇2021年政府信息公开工作年度报告\n"
    sig = run(text).analysis.contamination.doc_signals
    assert "mirror" not in sig and "mirror_tentative" not in sig


def test_the_mirror_verdict_raises_a_medium_model_score_to_a_warning():
    # a run of short headline lines after the report: the character model reads some groups as foreign with a medium
    # score (info on a page of unknown provenance); on a page judged a mirror's copy the same lines are a warning
    groups = ["38.9℃!上海刷新高温纪录\n明星夫妻离婚内幕曝光\n本周票房排行榜出炉",
              "明星夫妻离婚内幕曝光\n本周票房排行榜出炉\n女子网购口红收到假货",
              "高温来袭市民纷纷避暑\n周末去哪儿玩攻略\n新款手机开售排队火爆",
              "周末去哪儿玩攻略\n新款手机开售排队火爆\n本周票房排行榜出炉"]
    medium = None
    for g in groups:
        res = run(REPORT + "某某镇人民政府\n2023年1月20日\n" + g + "\n")
        ft = [f for f in res.findings if f.code == "GOV-K014" and (f.evidence or {}).get("kind") == "foreign-text"]
        if ft and all(str(f.severity) == "info" for f in ft):
            medium = g
            break
    assert medium, "no group with a medium score under the shipped model"
    res = run(REPORT + "某某镇人民政府\n2023年1月20日\n" + medium + "\n", "https://news.example-mirror.com/a/1.html")
    ft = [f for f in res.findings if f.code == "GOV-K014" and (f.evidence or {}).get("kind") == "foreign-text"]
    assert ft and all(str(f.severity) == "warning" for f in ft)


# --- the site's own header lines, and a content farm's widgets in a byline (chrome8, issue 13) ------------------------
@pytest.mark.parametrize("head, reason, line", [
    ("世良情感网\n", "site-name", "世良情感网"),
    ("某某镇2022年工作总结\n问答锦集2025-10-29 05:12:12\n", "site-category-date", "问答锦集2025-10-29 05:12:12"),
    ("某某镇2022年工作总结\n时间:2024-09-14 15:00:54 章程 我要投稿\n", "byline-submit", "章程 我要投稿"),
])
def test_a_sites_header_line_is_a_weak_sign_of_a_mirror_and_its_furniture(head, reason, line):
    res = run(head + REPORT)
    sig = res.analysis.contamination.doc_signals
    assert "mirror" not in sig and sig["mirror_tentative"]["reasons"][0].startswith(reason), sig
    k014 = [f for f in res.findings if f.code == "GOV-K014" and f.match == line]
    assert k014 and all(str(f.severity) == "info" for f in k014)
    # on a mirror's copy the same line is the mirror's (a warning); on a government host nothing
    mirror = run(head + REPORT, "https://www.example-mirror.com/a/1.html")
    assert [str(f.severity) for f in mirror.findings if f.code == "GOV-K014" and f.match == line] == ["warning"]
    gov = run(head + REPORT, "https://www.example.gov.cn/zwgk/1.html")
    assert not [f for f in gov.findings if f.code == "GOV-K014" and f.match == line]


@pytest.mark.parametrize("head", [
    "某某县教育网\n",  # a bureau's site named by its field
    "某某县人民政府\n政务公开2025-10-29 05:12:12\n",  # a government column with its time
    "某某镇2022年工作总结\n发布时间：2024-09-14 15:00:54 来源：某某镇人民政府 【打印】【关闭】\n",
])
def test_a_government_sites_header_lines_give_no_sign_of_a_mirror(head):
    sig = run(head + REPORT).analysis.contamination.doc_signals
    assert "mirror" not in sig and "mirror_tentative" not in sig, sig


def test_a_farms_byline_widget_is_foreign_on_any_page_and_a_strong_sign():
    res = run("某某村换届选举工作实施方案\n时间:2019-05-15 13:34:29下载本文作者:会员上传\n" + REPORT)
    assert any(r.startswith("foreign-furniture") for r in res.analysis.contamination.doc_signals["mirror"]["reasons"])
    assert [(f.match, str(f.severity)) for f in res.findings if f.code == "GOV-K014"
            and (f.evidence or {}).get("kind") == "byline-widget"] == [("下载本文作者:会员上传", "warning")]


def test_a_domain_spelled_from_the_sites_name():
    assert furniture.spelled_name("快好知", "kuaihz") and furniture.spelled_name("学术堂", "xueshut")
    assert not furniture.spelled_name("学术堂", "xst")  # initials only: an abbreviation, not proof
    assert not furniture.spelled_name("快好知", "report") and not furniture.spelled_name("某某县", "mmxian1")


def test_a_website_named_as_the_author_before_the_bylines_next_label():
    assert furniture.ACCOUNT_BYLINE.search("发布时间:2025-09-30 14:00:02作者:经典文学网阅读(137)")
    assert not furniture.ACCOUNT_BYLINE.search("作者:某某县融媒体中心 阅读(137)")
    assert not furniture.ACCOUNT_BYLINE.search("作者:某某网络安全协会")  # 网 inside a name, not at its end


def test_a_long_menu_between_bars_may_hold_a_few_report_words_a_table_header_may_not():
    assert furniture.menu_items("学术堂首页 | 文献求助 | 论文题目 | 参考文献 | 开题报告 | 论文格式 | 摘要提纲 | 论文致谢")
    assert furniture.menu_items("首页 文献求助 论文题目 参考文献 开题报告 论文格式 摘要提纲 论文致谢") is None  # no bars
    assert furniture.menu_items("申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计") is None


def test_a_forum_archives_pager_is_a_weak_sign_of_a_mirror():
    text = REPORT + "页:\n[1] 2 3\n"
    res = run(text)
    sig = res.analysis.contamination.doc_signals
    assert "mirror" not in sig and sig["mirror_tentative"]["reasons"][0].startswith("forum-pager"), sig
    assert [(f.match, str(f.severity)) for f in res.findings if f.code == "GOV-K014"] == [("页:\n[1] 2 3", "info")]
    # a government page's own pager (共2页 首页 上一页 1 2 下一页) is no forum archive's
    sig = run(REPORT + "共2页 首页 上一页 1 2 下一页 尾页\n").analysis.contamination.doc_signals
    assert "mirror" not in sig and "mirror_tentative" not in sig, sig


def test_a_comment_box_is_a_weak_sign_a_government_cms_carries_one_too():
    # a county's news item with its CMS's comment box (0条评论 / 网友评论列表 / 暂无网友评论) under the text: the
    # government site's chrome at its own address, an observation (info) as text alone, the mirror's on a mirror's copy
    text = ("县第十届人民政府第5次县长专题会议召开\n发布时间:2019-01-18 17:29 来源:县广播电视台\n"
            "1月17日，县长主持召开县长专题会议，听取审议了县文明办关于春节期间文明县建设工作的汇报。\n"
            "会议还研究了其他事项。\n0条评论\n网友评论列表\n暂无网友评论\n")
    gov = run(text, "http://www.example.gov.cn/News/show/21161.html")
    assert not [f for f in gov.findings if f.code == "GOV-K014" and f.evidence["category"] == "furniture"]
    assert not [f for f in gov.findings if f.code.startswith("GOV-K") and str(f.severity) != "info"]
    alone = run(text)
    k014 = [f for f in alone.findings if f.code == "GOV-K014"]
    assert k014 and all(str(f.severity) == "info" for f in k014), [(f.match, f.severity) for f in k014]
    assert "mirror" not in alone.analysis.contamination.doc_signals
    mirror = run(text, "http://news.example-mirror.com/a/1.html")
    assert {f.match for f in mirror.findings if f.code == "GOV-K014" and str(f.severity) == "warning"} >= \
        {"0条评论", "网友评论列表"}


@pytest.mark.parametrize("line", [
    "声明 : 本文档内容版权归属内容提供方 , 如果您对本文有版权争议 , 可与客服联系进行内容授权或下架",
    "下载到本地 , 更方便阅读",
    "论文部分内容阅读",
])
def test_a_document_sites_reading_notices_are_foreign_on_any_page_and_a_strong_sign(line):
    text = "某某省扶贫开发调研报告\n" + line + "\n" + REPORT
    res = run(text)
    k014 = [f for f in res.findings if f.code == "GOV-K014" and f.evidence.get("kind") == "doc-site-notice"]
    assert [f.match for f in k014] == [line] and str(k014[0].severity) == "warning"
    assert any(r.startswith("foreign-furniture") for r in res.analysis.contamination.doc_signals["mirror"]["reasons"])


def test_a_paywall_count_glued_to_the_excerpt_is_a_document_sites_notice():
    text = ("某某县2022年法治政府建设情况报告\n2022年，我县坚持稳中求进工作总基调，依法能动履职，推动建设更高水平的"
            "法治政府。(剩余815字)\n")
    res = run(text)
    assert [f.match for f in res.findings if f.code == "GOV-K014"] == ["(剩余815字)"]
    # the report's own remainders (剩余资金, 剩余3个项目) are no paywall count
    clean = run("某某县2022年财政决算情况报告\n年末剩余资金815万元，剩余3个项目结转下年实施。\n")
    assert not [f for f in clean.findings if f.code == "GOV-K014"]


@pytest.mark.parametrize("title, tail", [
    ("人民法院2022年上半年工作情况报告汇编(2篇)", "(2篇)"),
    ("2024年省市级政府工作报告汇编65篇", "65篇"),
])
def test_a_template_farms_count_of_model_texts_closing_the_title(title, tail):
    res = run(title + "\n" + REPORT)
    assert [f.match for f in res.findings if f.code == "GOV-K014" and f.evidence.get("kind") == "farm-variant"] \
        == [tail]


def test_a_government_compilations_title_is_no_farm_count():
    for title in ("某某县2023年政策文件汇编", "关于印发《某某县惠民政策汇编》的通知", "第三篇 保障措施"):
        res = run(title + "\n" + REPORT)
        assert not [f for f in res.findings if f.code == "GOV-K014"], title


def test_a_news_farms_channel_label_glued_to_the_headline():
    text = "全球热门:经济总量再上新台阶 新动能不断成长\n" + REPORT
    mirror = run(text, "http://city.example-news.com/a/20230301/1.html")
    got = [f for f in mirror.findings if f.code == "GOV-K014" and f.evidence.get("kind") == "site-channel"]
    assert [f.match for f in got] == ["全球热门:"] and str(got[0].severity) == "warning"
    alone = run(text)  # a weak sign: the label is an observation on a page of unknown address
    sig = alone.analysis.contamination.doc_signals
    assert "mirror" not in sig and sig["mirror_tentative"]["reasons"][0].startswith("site-channel")
    assert all(str(f.severity) == "info" for f in alone.findings if f.code == "GOV-K014")
    gov = run(text, "https://www.example.gov.cn/xwzx/1.html")
    assert not [f for f in gov.findings if f.code == "GOV-K014"]
    # a government column's own name over the headline, or a colon later in it, is no channel label
    assert not [f for f in run("今日关注：某某县召开常务会议\n" + REPORT).findings if f.code == "GOV-K014"]


def test_a_spaced_out_link_belongs_to_the_mirrors_footer_block():
    body = ("9月17日，某某乡安全生产专项行动小组开展突击排查治理，有效保障了景区防火安全，全面有序地展开了集中整治行动。\n")
    text = "开展安全生产大检查\n" + body + "点击查看全文\n回首页\n返 回\n回顶部\n"
    res = run(text, "https://wap.example-news.com/content/2018/09/19/1.html")
    got = " ".join(f.match for f in res.findings if f.code == "GOV-K014")
    assert "返 回" in got and "回顶部" in got, got
