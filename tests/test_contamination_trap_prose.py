"""Clean prose with trap vocabulary accuses nothing (issue 13, precision): the opening paragraphs of news about
regulated gambling, Macau/Hong Kong regulators' notices, enforcement news. The texts are short paraphrases of the
shapes of unseen pages studied in session 8 (prec8; none of them is in the corpus): checked as text alone, as the
maintainers check their hidden pages, no contamination finding may be a warning or an error. Information findings
(a casino named in a sentence, the topic word of a headline) are allowed: they are true observations."""

import pytest

from checker.config import Config
from checker.engine import check_bytes
from checker.findings import Severity

TEXTS = {
    # the excerpt starts at the body: its first line is running prose, not a header
    "opening-prose-generic-word": "特区政府财政司司长26日宣布，将积极探讨规范篮球博彩活动，并邀请有关机构提交建议。\n"
                                  "马会表示，将规范博彩制度扩展至篮球博彩，有助打击非法赌博。\n",
    "opening-prose-two-sentences": "至于营办篮球博彩，有关人士称政府修订《博彩税条例》所需工作仍在进行。他说，马会2003年起经营足球博彩。\n"
                                   "本地赛马投注总额止跌回升。\n",
    "opening-prose-licensed-casino": "2004年5月18日金沙娱乐场正式开幕，同时启动了真正的市场竞争。该数额仅有同期博彩总收入的一半左右。\n"
                                     "当局将继续依法监察。\n",
    # a regulator's sentence: 「博彩中介人在娱乐场内」 is no brand formation (a preposition closes no name)
    "regulator-sentence": "博监局人员审查宣传品是否有推广网上幸运博彩及电话投注讯息。\n"
                          "博监局人员巡查博彩中介人在娱乐场内之营运地点。\n"
                          "博监局表示，持续加强对博彩中介人的监管，以确保博彩业依法营运，健康发展。\n",
    # a regulator listing the venues it works in: the last venue of the 、 list is one more of a kind, no broken list
    "venue-list-last-item": "负责任博彩推广\n社会工作局与博彩监察协调局合办推广活动，于美高梅、金沙城中心、新濠影汇、澳门银河设置资讯站，"
                            "向雇员及旅客讲解问题赌博的预防方法。\n如有需要，请致电防治赌博辅导热线。\n",
    # a venue as the place of the sentence (于/到 …, …酒店): a Macau government news item, its headline and body
    "venue-locative-headline": "旅游局于澳门银河举办旅游推介会\n\n旅游局今日在澳门银河综艺馆举办推介会，邀请业界代表出席。\n",
    "venue-building-noun": "卫生局巡查永利皇宫酒店餐厅\n\n新闻局\n\n卫生局人员今日到永利皇宫酒店的餐厅进行食品卫生巡查，未发现违规情况。\n",
    "venue-job-fair": "劳工事务局于金沙城中心举办招聘会\n\n劳工事务局联同有关企业于金沙城中心举办专场招聘会，提供职位逾五百个。\n",
    # a list of sponsors opening a clause after a comma: the clause before is no list item
    "sponsor-list-after-comma": "第二十届国际烟花比赛汇演\n\n旅游局主办的烟花比赛汇演于旅游塔对开海面举行，澳门银河、新濠博亚、永利澳门"
                                "及美高梅为赞助机构。\n",
    # a news headline of a government actor reporting on the topic, a warning headline (警示, 切勿)
    "gov-headline-reporting-topic": "特区政府公布上月博彩毛收入\n\n新闻局\n\n博彩监察协调局今日公布，上月幸运博彩毛收入为一百九十七亿"
                                    "澳门元，按年上升百分之六点八。\n",
    "gov-warning-headline": "澳门特区政府就网上赌博发出警示\n\n治安警察局呼吁市民切勿参与任何网上赌博活动。\n",
    # a subheading of an article about betting names its subject
    "betting-subheading": "本地赛马投注总额止跌回升，较上一年度升1.8%，部分原因是本地投注额稳定。\n\n足球投注同破纪录\n\n"
                          "至于足球博彩投注额再录新高，增加约125亿元。\n",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_trap_prose_is_not_accused(name):
    res = check_bytes(TEXTS[name].encode("utf-8"), "page.txt", Config(select=["GOV-K"]))
    assert res.error is None
    bad = [(f.code, f.match, str(f.severity)) for f in res.findings if f.severity >= Severity.WARNING]
    assert bad == []


def test_prose_line_is_running_text_only():
    from checker.analysis.contamination.ads import prose_line

    assert prose_line("至于营办篮球博彩，有关人士称政府修订条例所需工作仍在进行。他说，马会2003年起经营足球博彩。")
    assert prose_line("香港新闻网2月26日电 财政司司长宣布,将积极探讨规范篮球博彩活动,并邀请香港赛马会提交建议。")
    # titles, site names and keyword lines stay header candidates
    assert not prose_line("澳门金沙城中心_欧洲杯足球网-【投注官网平台】")
    assert not prose_line("2023年某某县人民政府政府信息公开工作年度报告")
    assert not prose_line("新葡京娱乐场官网,新葡京app下载,新葡京注册送彩金,新葡京官方入口")
