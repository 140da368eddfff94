"""Residue (GOV-K012) and script islands (GOV-K015), issue 13: general mechanisms, severity by strength, and no
warning on clean material (tune and dev clean pages, the FP-stress fixtures, generated reports in every format,
the real PDFs of ../shared/real)."""

import json
import re

import pytest

import fixtures.generate as gen
from checker.analysis.contamination import garbage, islands, residue
from checker.config import Config
from checker.engine import check_bytes
from checker.findings import Severity
from conftest import CORPUS, ROOT, SEED, SHARED

CODES = ["GOV-K012", "GOV-K015"]
TITLE = "某某县文化广电旅游局2023年政府信息公开工作年度报告\n"


def _check(text: str, name: str = "r.txt", select=CODES):
    res = check_bytes(text.encode("utf-8"), name, Config(select=select))
    assert res.error is None, res.error
    return res


def _warnings(res):
    return [(f.code, f.match) for f in res.findings if f.code in CODES and f.severity >= Severity.WARNING]


# --- sprinkled symbols ---------------------------------------------------------------------------------------

SPRINKLED = ("依据《文化部∩关于贯彻娱乐场所管理办法的通知》。\n娱乐场所不◥得设立在下列地点：含◣有住宅；居民住≡宅区。\n"
             "有与其经营活动相适应的设∑ 施设备，进口Ψ的规定，最↑低使用面积。\n")


def test_sprinkled_symbols_are_a_warning_and_leave_the_cleaned_view():
    res = _check(TITLE + SPRINKLED)
    got = [f for f in res.findings if f.code == "GOV-K012"]
    assert {f.match.strip() for f in got} == set("∩◥◣≡∑Ψ↑")
    assert all(f.severity == Severity.WARNING and f.fix for f in got)
    # the report's words read whole again for the other rules
    assert "文化部关于" in res.analysis.view.text and "不得设立" in res.analysis.view.text


def test_few_symbols_on_one_line_are_info_only():
    res = _check(TITLE + "依据《文化部∩关于贯彻的通知》，娱乐场所不◥得设立在含◣有住宅的地点。\n")
    got = [f for f in res.findings if f.code == "GOV-K012"]
    assert len(got) == 3 and all(f.severity == Severity.INFO and not f.fix for f in got)


def test_symbols_of_ordinary_text_are_not_residue():
    text = ("申请→受理→审查→答复；主要包括①建立制度；②完善机制。\n● 主动公开\n比例1∶500，≥20℃，3×4，5‰。\n"
            "二○二三年王○○、李○○、张○○、赵○○、刘○○；\n孙□□、周■■、吴○○。\n※注：★★★★★级景区。\n◆◆◆◆◆◆\n")
    assert [r for r in residue.find(text) if r.kind == "sprinkled-symbol"] == []


def test_keycap_and_pictograph_bullets_and_the_other_symbol_blocks():
    text = TITLE + "工作回顾：\n1️⃣ 经济发展稳中向好。\n2️⃣ 基础设施建设加快。\n🎯展望下一年。\n"
    assert [(text[r.start:r.end], r.kind) for r in residue.find(text)] == [
        ("1️⃣", "emoji"), ("2️⃣", "emoji"), ("🎯", "emoji")]
    one = TITLE + "1️⃣ 经济发展稳中向好。\n"  # one pictograph is no residue
    assert residue.find(one) == []
    spr = TITLE + "政务⭐公开、主动㊣公开\n依申⬛请公开、政府信⭐息\n管理㊣情况\n"
    got = [spr[r.start:r.end] for r in residue.find(spr) if r.kind == "sprinkled-symbol"]
    assert got == ["⭐", "㊣", "⬛", "⭐", "㊣"]


def test_symbols_with_an_emoji_presentation_selector_and_blanks_lost_to_question_marks():
    text = TITLE + "而改变☯️。如今在民乐,设施全覆盖❄️。到位资金700多万元⭕️。积极申报\n"
    assert [text[r.start:r.end] for r in residue.find(text)] == ["☯️", "❄️", "⭕️"]
    page = TITLE + "公開方式 主動公開 有效性\n統一編號 ? ?\n發布日期:2024-06-28? 08:42\n瀏覽次數:\n"
    assert [page[r.start:r.end] for r in garbage.find(page)] == ["? ?", "?"]
    assert garbage.find(TITLE + "会议时间?10:30\n") == []  # one alone is no evidence


def test_masked_place_names_and_a_blanked_year():
    text = TITLE + "获得2021年度*省卫生乡镇，2021年度***县五四红旗团委。\n3、***镇消防工作。注*：数据来自统计。\n"
    got = [text[r.start:r.end] for r in garbage.find(text) if r.kind == "masked-word"]
    assert got == ["*", "***", "***"]
    assert [r for r in garbage.find(TITLE + "注*：数据来自统计，一*县。\n") if r.kind == "masked-word"] == []
    year = TITLE + "20XX年工作回顾\n20XX年，全县生产总值增长。\n"
    assert [year[r.start:r.end] for r in residue.find(year)] == ["20XX", "20XX"]


def test_document_number_brackets_read_as_other_characters():
    text = TITLE + "依据《暂行办法》(财建„2009‟165号)、(环财函„2010‟37号)，以及(鲁政发〔2014〕20号)、(财建[2009]1号)、(某发﹝2020﹞3号)。\n"
    got = [(text[r.start:r.end], r.signals[0][1]) for r in garbage.find(text)]
    assert got == [("„2009‟", "〔2009〕"), ("„2010‟", "〔2010〕")]


def test_invisible_characters_inside_words_are_info():
    text = TITLE + "本年度政\u200b务公开，信\u200c息管理。\ufeff第二段 \u200b 空格之间。\n"
    res = _check(text)
    got = [(f.match, f.severity) for f in res.findings]
    assert got == [("\u200b", Severity.INFO), ("\u200c", Severity.INFO)]
    # the message names the characters in the run's language
    assert all("不可见字符" in f.message for f in res.findings)


def test_circled_numbers_and_unbalanced_brackets_count_only_on_a_sprinkled_page():
    lone = "教育法规定①的中小学校周围，医疗机构执业】许可证。\n"
    assert residue.find(lone) == []
    kinds = [(lone + SPRINKLED)[r.start:r.end] for r in residue.find(lone + SPRINKLED)]
    assert "①" in kinds and "】" in kinds


# --- markup --------------------------------------------------------------------------------------------------

def test_tags_from_page_source_are_a_warning_bare_cms_tags_info():
    src = _check(TITLE + '<ul id="nav-8842">主动公开政府信息120条</li>，政策解读12篇/span>。\n')
    assert len(_warnings(src)) == 3
    bare = _check(TITLE + "主动公开政府信息120条<br>政策解读12篇<br>回应关切36次<br>\n")
    assert [f.match for f in bare.findings] == ["<br>"] * 3 and not _warnings(bare)


def test_a_block_of_page_source_is_one_finding_over_its_whole_extent():
    """A decoy block of empty tags is one problem: one finding from its first tag to its last, bare tags of any name
    in it included (</legend>, </delect>). Elsewhere on such a page a bare tag of a known name (<br>) is residue of the
    same source (a warning), a bare tag of an unknown name (</delect>) is no anchor of its own (info)."""
    block = ('<legend id="shnuq"><u id="shnuq"><blockquote id="shnuq"></blockquote></u></legend>\n\n'
             '<s id="shnuq"></s>\n    <sub id="shnuq"><delect id="x"></delect></sub>')
    text = TITLE + block + "\n本年度主动公开政府信息120条<br>政策解读12篇</delect>。\n"
    got = [r for r in residue.find(text) if r.group == "markup"]
    assert [(text[r.start:r.end], r.severity) for r in got] == [(block, "warning"), ("<br>", "warning"),
                                                                ("</delect>", "info")]
    assert ("tag-run", "12") in got[0].signals and ("repeated", "14×") in got[0].signals
    # the same tags without a page-source anchor (no attribute, fragment or style sheet): bare tags, info
    bare = TITLE + "<legend><u></u></legend>主动公开<br>\n"
    assert {r.severity for r in residue.find(bare)} <= {"info"}


@pytest.mark.parametrize("residue_text, found", [
    ('<nav-item data-id="7">', ['<nav-item data-id="7">']),  # a tag of another name with attributes
    ('<st1:chsdate year="2023" month="1">1月</st1:chsdate>', ['<st1:chsdate year="2023" month="1">', "</st1:chsdate>"]),
    ("<o:p></o:p>", ["<o:p>", "</o:p>"]),  # Word's namespaced tags
    ('span style="font-size:16px">根据', ['span style="font-size:16px">']),  # the "<" cut off
    ('<td align="center" width="120">', ['<td align="center" width="120">']),
    ('表格 align="center" width="600" 内容', ['align="center"', 'width="600"']),
    ("font-size: 16px; line-height: 2em; text-indent: 2em;", ["font-size: 16px; line-height: 2em; text-indent: 2em;"]),
    ("var _hmt = _hmt || [];", ["var _hmt ="]),
    ("{{title}}与[!--newstext--]及{dede:field.title/}和${title}", ["{{title}}", "[!--newstext--]", "{dede:field.title/}",
                                                             "${title}"]),
    ("&amp;nbsp;&amp;nbsp;", ["&amp;nbsp;", "&amp;nbsp;"]),
    ("根据br/>要求", ["br/>"]),  # <br/> with its "<" cut off
    ("政策解读<\\/p>", ["<\\/p>"]),  # a tag inside a JSON string
    ("p class=MsoNormal 根据", ["class=MsoNormal"]),  # Word's class, unquoted
    ("数据来源:{sitedesc}统计局，$[subject]$[pdate]，{loop $list $r}{/loop}",
     ["{sitedesc}", "$[subject]", "$[pdate]", "{loop $list $r}", "{/loop}"]),  # one-brace template fields
    ("见图![](https://img.example.net/2023/a.png)及[原文链接](http://www.example.net/art/1.html)",
     ["![](https://img.example.net/2023/a.png)", "[原文链接](http://www.example.net/art/1.html)"]),  # Markdown
    ("标题<?php echo $title; ?>与<%= news.title %>", ["<?php echo $title; ?>", "<%= news.title %>"]),  # server code
])
def test_markup_of_every_shape_is_found(residue_text, found):
    text = TITLE + "本年度主动公开政府信息120条，" + residue_text + "。\n"
    assert [text[r.start:r.end] for r in residue.find(text)] == found


@pytest.mark.parametrize("text", ["在a<b且c>d的情况下", "《条例》第十条", "1<2>3", "x=1; y=2;", "颜色: 红色; 大小: 中;",
                                  "当x<5时，y>3", "“{一}”", "［2023］12号", "网站(<http://www.np.gov.cn/>)下载",
                                  "电子邮箱<xxgk@np.gov.cn>", "{ 2017 6 23", "第{2}项",
                                  "[1](见附件)", "《办法》[2023](修订)", "占比<5%且>3%"])
def test_formulas_quotes_and_brackets_are_no_markup(text):
    assert residue.find(TITLE + text + "\n") == []


@pytest.mark.parametrize("residue_text, kind", [
    ("&nbsp;&nbsp;&#12288;", "html-entity"), ("PAGEPAGE14PAGEPAGE36", "field-code"),
    ("PAGE \\* MERGEFORMAT", "field-code"), ("銆€銆€", "bad-whitespace"), ("ã€€", "bad-whitespace"),
])
def test_conversion_artefacts_are_info(residue_text, kind):
    res = _check(TITLE + residue_text + "本年度主动公开政府信息120条。\n")
    [f] = [f for f in res.findings if f.code == "GOV-K012"]
    assert f.evidence["kind"] == kind and f.severity == Severity.INFO


# --- garbled text --------------------------------------------------------------------------------------------

def test_question_mark_runs_are_info_however_many():
    res = _check(TITLE + "????根据条例要求。\n" * 12)
    assert len(res.findings) == 12 and not _warnings(res)


def test_verified_wrong_decoding_is_a_warning_from_twenty_characters():
    line = "本年度" + "政府信息公开工作年度报告".encode("utf-8").decode("gbk", errors="replace") + "。\n"
    res = _check(TITLE + line * 2)
    assert res.findings and all(f.severity == Severity.WARNING for f in res.findings)
    short = _check(TITLE + "本年度锟斤拷主动公开政府信息120条。\n")
    assert [str(f.severity) for f in short.findings] == ["info"]


def test_pinyin_mojibake_and_stray_letters():
    text = "為貫徹落實(shí)《彩票管理?xiàng)l例》，根據(jù)條例，社會(huì)治理的狀況與水平?;貧w以來，發(fā)展。"
    kinds = {(text[r.start:r.end], r.kind) for r in garbage.find(text, pinyin_mirror=True)}
    assert ("?xiàng)l", "pinyin-mojibake") in kinds and ("?;貧w", "question-marks") in kinds
    # without the mirror's annotations a single stray "?" with a letter is a lost character too, unless its clause
    # asks a question (a half-width question mark before a Latin word)
    assert [k.kind for k in garbage.find("水平?;貧w以來", pinyin_mirror=False)] == ["question-marks"]
    assert [k for k in garbage.find("你们知道这是什么?ok好的", pinyin_mirror=False) if k.kind == "question-marks"] == []


def _one_byte_late(phrase: str) -> str:
    """What a pinyin mirror makes of ``phrase``: its first lead byte lost to "?", the GBK bytes read one byte late,
    full-width forms stored as ASCII (the store normalises them)."""
    late = phrase.encode("gbk")[1:].decode("gb18030", errors="replace").rstrip("\ufffd")
    return "?" + "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in late)


def test_gbk_read_one_byte_late_after_a_lost_lead_byte_is_repaired():
    pages = _real_phrases()
    found = 0
    for page, phrase in pages:
        bad = _one_byte_late(phrase)
        text = page.replace(phrase, bad, 1)
        assert [r for r in garbage.find(page) if r.kind == "mojibake-gbk-shift"] == []
        got = [(text[r.start:r.end], r.signals[0][1]) for r in garbage.find(text) if r.kind == "mojibake-gbk-shift"]
        hits = [(seg, fixed) for seg, fixed in got if seg.startswith("?") and seg in bad]
        assert len(hits) == 1, (phrase, bad, got)
        seg, fixed = hits[0]
        assert fixed in phrase and len(fixed) >= 4, (phrase, fixed)  # to its last word the page holds elsewhere
        found += 1
    assert found >= 4
    # two characters lost around one punctuation byte of their pairs
    kinds = {(text[r.start:r.end], r.kind) for text in ["做到政府信息公開的經?;?、制度化"] for r in garbage.find(text)}
    assert ("?;?", "question-marks") in kinds
    # a question answered in the next sentence is no lost character
    assert garbage.find("这是什么?我们认为这是好的。怎么办?!请看下文。") == []


def test_a_trail_byte_read_as_a_letter_inside_a_late_run_stays_that_byte():
    # 。活動現場: 現 is AC 46 — read one byte late its trail byte shows as "F", which is the byte 46, not the
    # full-width Ｆ (A3 C6) a store normalised
    text = ("本次活動圍繞低保政策開展宣傳及解答活動?;顒蝇F場,群眾積極參與各項政策活動宣傳。\n"
            "我鄉將繼續推進政務公開工作,活動現場發放宣傳資料。\n")
    got = [(text[r.start:r.end], r.signals[0][1]) for r in garbage.find(text) if r.kind == "mojibake-gbk-shift"]
    assert got and got[0][0].startswith("?;顒蝇F") and got[0][1] == "活動現", got  # 場 after F was read right again


def test_common_count_agrees_with_the_per_character_test():
    from checker.analysis.contamination.base import common_char

    sample = "政府信息公开鏀垮簻淇℃伅開發號碼㐀鍏紑乾隆" + "".join(chr(c) for c in range(0x4E00, 0x9FA5, 97))
    assert garbage._common_count(sample) == sum(1 for ch in sample if common_char(ch))


# --- a forum's anti-copy jammer ------------------------------------------------------------------------------

JAMMER_POST = ("2023年政府工作报告：写作框架分析\n% ^1 D; D2 a) \\/ O) C* |6 n一、过去一年工作回顾6 B3 r$ k. `\" ?( M* c6 a& Q: d+ m\n"
               "过去一年，我国经济发展遇到多重超预期因素冲击，基本完成全年发展主要目标任务。$ e) A: F4 i6 U/ p8 F/ v3 S\n"
               "各位代表！过去五年极不寻常、极不平凡。\n")


def test_a_forum_jammer_is_found_whole_and_is_a_warning_on_several_lines():
    res = _check(TITLE + JAMMER_POST)
    got = [(f.match, str(f.severity)) for f in res.findings if f.code == "GOV-K012"]
    assert got == [("% ^1 D; D2 a) \\/ O) C* |6 n", "warning"), ('6 B3 r$ k. `" ?( M* c6 a& Q: d+ m', "warning"),
                   ("$ e) A: F4 i6 U/ p8 F/ v3 S", "warning")], got
    assert "一、过去一年工作回顾" in res.analysis.view.text and "D2 a)" not in res.analysis.view.text
    one = TITLE + "过去一年，我国经济发展遇到多重超预期因素冲击。$ e) A: F4 i6 U/ p8 F/ v3 S\n"
    assert [str(r.severity) for r in residue.find(one) if r.kind == "jammer"] == ["info"]


@pytest.mark.parametrize("text", [
    "楼栋编号 A1 B2 C3 D4 E5 F6 G7 均已完成验收。",  # a grid's references
    "选项为 a) b) c) d) e) f) g) 七项。",  # an enumeration
    "统计数 1 2 3 4 5 6 7 8 9 10 11 12 。",  # spaced numbers of a flattened table
    "执行 GB/T 9704-2012 与 ISO 9001 标准，高速 G1 G2 G3 S1 S2 S3 沿线。",
    "English | Русская версия | 简体中文",
])
def test_grids_enumerations_and_spaced_numbers_are_no_jammer(text):
    assert [r for r in residue.find(text) if r.kind == "jammer"] == []


# --- script islands ------------------------------------------------------------------------------------------

NOVEL = ("县级文化主管部门负责本行藍色漩渦頓時朝鷹武宏涌了過去政区域内设立内资歌舞娱乐场所的审批。\n"
         "各级人民你交出來之后就可以離開了代表大会机关、各级人民政府周围。\n"
         "与危险化学品仓库然后再和你說這事毗连的区域，本指南适用设立歌舞娱乐场所我可以告訴你的申请。\n")


def test_spliced_traditional_runs_in_a_simplified_report():
    res = _check(TITLE + NOVEL)
    got = {f.match: str(f.severity) for f in res.findings if f.code == "GOV-K015"}
    assert got["藍色漩渦頓時朝鷹武宏涌了過"] == "warning" and got["說這"] == "warning"
    assert got["訴"] == "info"  # one traditional character: reported, no accusation
    assert all(f.evidence["signals"] for f in res.findings)


def test_names_titles_and_traditional_copies_are_not_islands():
    quoted = TITLE + "举办《蘭亭集序》书法展，与臺灣中華文化總會交流，邀请香港藝術發展局专家。" + NOVEL[:0] + "\n"
    assert not _warnings(_check(quoted))
    trad = "開平市沙塘鎮人民政府2021年政府信息公開工作年度報告\n根據《中華人民共和國政府信息公開條例》的要求，編制本報告。\n"
    assert islands.find(trad) == []


def test_an_island_inside_an_ad_is_left_to_the_ad_finding():
    text = TITLE + "通过政府网站、信息公开栏、澳門賭場推薦官方网站入口村民微信群等渠道公开。\n"
    res = _check(text, select=["GOV-K"])
    assert not [f for f in res.findings if f.code == "GOV-K015" and f.severity >= Severity.WARNING]


SIMPLE_1 = "本年度主动公开政府信息120条，其中规范性文件3件，通过门户网站发布工作动态86条。\n"
CONVERTED = ("二、依申請公開情況。本年度共收到政府信息公開申請15件，較上年增長兩成，"
             "全部在法定時限內辦結；對申請人提出的疑問，我們當面或通過電話耐心解釋說明。")
SIMPLE_2 = "\n三、政府信息管理。我局严格落实保密审查制度，对拟公开的信息逐条审核，确保发布内容准确。\n"


def test_a_converted_block_is_one_finding_over_the_whole_block():
    text = TITLE + SIMPLE_1 + CONVERTED + SIMPLE_2
    res = _check(text)
    got = [f for f in res.findings if f.code == "GOV-K015"]
    assert len(got) == 1, [(f.match, str(f.severity)) for f in got]  # one block, not one finding per island
    f = got[0]
    assert f.match == CONVERTED and str(f.severity) == "warning"
    assert "converted-block" in str(f.evidence["signals"])


def test_a_converted_menu_is_info_and_a_site_language_switch_no_block():
    menu = "首頁 新聞資訊 政務公開 辦事服務 互動交流 聯繫我們\n"
    res = _check(TITLE + SIMPLE_1 + menu + SIMPLE_2)
    got = [(f.match, str(f.severity)) for f in res.findings if f.code == "GOV-K015"]
    assert got == [(menu.strip(), "info")]
    switch = "简体中文 | 繁體中文 | English | 無障礙\n"
    assert islands.blocks(TITLE + switch + SIMPLE_1 + SIMPLE_2) == []  # three traditional characters: no block


def test_a_converted_block_naming_hong_kong_is_info_and_a_traditional_copy_no_block():
    hk = "聯絡地址：香港灣仔港灣道十八號中環廣場三十樓，辦公時間為週一至週五上午九時至下午六時。辦事處電話請參閱網頁。"
    res = _check(TITLE + SIMPLE_1 + hk + SIMPLE_2)
    assert [str(f.severity) for f in res.findings if f.code == "GOV-K015"] == ["info"]
    trad = "開平市沙塘鎮人民政府2021年政府信息公開工作年度報告\n" + CONVERTED + "\n" + CONVERTED + "\n"
    assert islands.blocks(trad) == []  # no simplified text around it: a whole copy, GOV-K009's


# --- the same findings in every format -----------------------------------------------------------------------

def test_residue_found_in_every_format(tmp_path, monkeypatch):
    section1 = list(gen.SECTION1)
    section1[0] = (section1[0][0], section1[0][1] + [
        "依据《文化部∩关于贯彻娱乐场所管理办法的通知》，娱乐场所不◥得设立在含◣有住宅的地点。",
        "居民住≡宅区周围不得设立，设∑ 施设备应当符合规定，进口Ψ的产品应当审查。",
        "县级文化主管部门负责本行藍色漩渦頓時朝鷹武宏涌了過去政区域内的审批，与仓库然后再和你說這事毗连。"])
    monkeypatch.setattr(gen, "SECTION1", section1)
    paths = gen.write_all(gen.make_report(), tmp_path, stem="residue")
    got = {}
    for fmt in ("txt", "html", "docx", "pdf"):
        res = check_bytes(paths[fmt].read_bytes(), str(paths[fmt]), Config(select=CODES))
        got[fmt] = sorted((f.code, f.match.strip(), str(f.severity)) for f in res.findings)
    assert ("GOV-K012", "∩", "warning") in got["txt"] and ("GOV-K015", "說這", "warning") in got["txt"]
    assert all(v == got["txt"] for v in got.values()), got


# --- clean material: no warning ------------------------------------------------------------------------------

def _records(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_no_warning_on_clean_pages_of_tune_and_dev():
    pages = [r for r in _records(ROOT / "tests" / "corpus" / "tune.jsonl") if not r["labels"]["contaminated"]]
    if CORPUS.exists():
        pages += [r for r in _records(CORPUS) if not r["labels"]["contaminated"]]
    assert len(pages) >= 60
    bad = [(r["id"], w) for r in pages for w in _warnings(_check(r["text"], "page.txt"))]
    assert bad == []


@pytest.mark.parametrize("path", sorted((ROOT / "fixtures" / "contamination").glob("clean-*.txt")) + [SEED],
                         ids=lambda p: p.name)
def test_no_residue_on_fp_stress_fixtures(path):
    res = check_bytes(path.read_bytes(), path.name, Config(select=CODES))
    assert [f.match for f in res.findings] == []


@pytest.mark.parametrize("seed", [0, 3])
def test_no_residue_on_generated_reports_in_every_format(seed, tmp_path):
    paths = gen.write_all(gen.make_report(seed=seed), tmp_path, stem="clean")
    for fmt, p in paths.items():
        res = check_bytes(p.read_bytes(), str(p), Config(select=CODES))
        assert [f.match for f in res.findings] == [], fmt


@pytest.mark.parametrize("name", ["hongze-2023.pdf", "hongze-2024.pdf"])
def test_no_residue_on_the_real_pdfs(name):
    path = SHARED / "real" / name
    if not path.exists():
        pytest.skip(f"{path} not found (../shared absent)")
    res = check_bytes(path.read_bytes(), name, Config(select=CODES))
    assert res.error is None and [f.match for f in res.findings] == []


def test_traditional_ratio_counted_fast_is_the_same():
    from checker.analysis.contamination import provenance
    from checker.normalize import traditional_ratio

    texts = [r["text"] for r in _records(ROOT / "tests" / "corpus" / "tune.jsonl")]
    texts += ["", "abc 123", "乾隆年间的著作", "開平市沙塘鎮人民政府2021年政府信息公開工作年度報告", TITLE + NOVEL]
    assert all(provenance.traditional_ratio(t) == traditional_ratio(t) for t in texts)
    assert provenance.traditional_examples("開平市沙塘鎮開平鎮報告") == ["開", "鎮", "報"]


# --- mojibake by round trip: real report text mis-decoded for real ------------------------------------------

def _real_phrases(k: int = 6) -> list[tuple[str, str]]:
    """(page text, a phrase of it) from clean official pages of the tune split: real report wording."""
    out = []
    for r in _records(ROOT / "tests" / "corpus" / "tune.jsonl"):
        if r["labels"]["contaminated"]:
            continue
        m = re.search(r"[\u4e00-\u9fff]{10,16}", r["text"][200:])
        if m:
            out.append((r["text"], m.group(0)))
        if len(out) >= k:
            break
    return out


MISTAKES = {  # what a wrong decoder makes of the bytes of real text
    "UTF-8 read as GBK": lambda s: s.encode("utf-8").decode("gbk", errors="replace"),
    "UTF-8 read as GBK ×2": lambda s: s.encode("utf-8").decode("gb18030", errors="replace").encode("utf-8")
    .decode("gb18030", errors="replace"),
    "GBK read as Latin-1": lambda s: s.encode("gbk").decode("latin-1"),
    "UTF-8 read as Latin-1": lambda s: s.encode("utf-8").decode("cp1252", errors="replace"),
    "GBK read as Big5": lambda s: s.encode("gbk").decode("big5", errors="replace"),
    "GBK read as Shift-JIS": lambda s: s.encode("gbk").decode("shift_jis", errors="replace"),
    "UTF-8 read as Shift-JIS": lambda s: s.encode("utf-8").decode("shift_jis", errors="replace"),
    "GBK read as UTF-16": lambda s: s.encode("gbk").decode("utf-16-le", errors="replace"),
    "UTF-8 read as Latin-1 ×2": lambda s: s.encode("utf-8").decode("latin-1").encode("utf-8")
    .decode("cp1252", errors="replace"),
}


def _matches(repair: str, phrase: str) -> bool:
    """The repair reads as a part of the phrase, a replacement character standing for 1–3 lost characters."""
    return re.search(".{1,3}".join(map(re.escape, repair.split("\ufffd"))), phrase) is not None


@pytest.mark.parametrize("what", list(MISTAKES))
def test_round_trip_repairs_real_text_mis_decoded(what):
    pages = _real_phrases()
    assert len(pages) >= 4
    found = 0
    for page, phrase in pages:
        bad = MISTAKES[what](phrase)
        assert bad != phrase
        text = page.replace(phrase, " " + bad + " ", 1)
        got = [(text[s:e], w, fixed) for s, e, _, w, fixed in garbage.round_trips(text)]
        assert garbage.round_trips(page) == []  # the real page itself has nothing to repair
        hits = [g for g in got if g[1] == what]
        if what == "GBK read as Big5" and not hits:
            continue  # Big5 shares GBK's byte ranges: repaired only when the result holds the page's own words
        assert len(hits) == 1, (phrase, bad, got)
        seg, _, fixed = hits[0]
        # characters whose bytes the wrong decoder dropped come back as a replacement character
        assert seg in bad and len(fixed) >= (len(phrase) - 2 if what != "GBK read as Big5" else len(phrase) / 2), got
        if what == "GBK read as Big5":  # a lossy Big5 decoder blurs the edges: the longest piece is the phrase's
            fixed = max(fixed.split("\ufffd"), key=len)
        assert _matches(fixed, phrase) and fixed.count("\ufffd") <= 3, got
        found += 1
    assert found >= len(pages) - (2 if what == "GBK read as Big5" else 0)


def test_round_trip_evidence_says_what_the_run_should_read():
    page, phrase = _real_phrases(1)[0]
    text = TITLE + "本局" + phrase.encode("utf-8").decode("gbk", errors="replace") + "。\n" + page
    res = _check(text)
    f = next(f for f in res.findings if f.code == "GOV-K012" and f.evidence.get("decoding"))
    assert f.evidence["decoding"] == "UTF-8 read as GBK"
    assert _matches(f.evidence["repair"], phrase)
    assert "应为" in f.message and f.evidence["repair"] in f.message


def test_round_trip_finds_nothing_in_rare_and_traditional_wording():
    """Dictionary words with rare characters, in simplified and traditional script: no round trip repairs them."""
    import opencc
    from pypinyin import phrases_dict

    words = sorted(phrases_dict.phrases_dict)[::7]
    blob = "\n".join("".join(words[i:i + 8]) for i in range(0, len(words), 8))
    for text in (blob, opencc.OpenCC("s2t").convert(blob)):
        assert garbage.round_trips(text) == []


def test_gbk_read_as_utf8_loses_bytes_and_is_reported_by_shape():
    page, phrase = _real_phrases(1)[0]
    bad = (phrase * 2).encode("gbk").decode("utf-8", errors="replace")
    kinds = {r.kind for r in garbage.find(page.replace(phrase, bad, 1))}
    assert kinds & {"mojibake-gbk-as-utf8", "replacement-chars"}


def _utf8_else_latin1(raw: bytes) -> str:
    """What a decoder that tries UTF-8 first and falls back to Latin-1 byte by byte makes of ``raw``."""
    out, i = [], 0
    while i < len(raw):
        for n in (3, 2):
            try:
                ch = raw[i:i + n].decode("utf-8")
            except UnicodeDecodeError:
                continue
            if len(ch) == 1:
                out.append(ch)
                i += n
                break
        else:
            out.append(raw[i:i + 1].decode("latin-1"))
            i += 1
    return "".join(out)


def test_gbk_read_as_utf8_with_a_latin1_fallback_is_repaired_whole():
    """前言 → ǰÑÔ, 证券投资基金 → ֤ȯͶ×Ê»ù½ð: the Latin-1 letters and the letters of other scripts (valid UTF-8
    pairs of GBK bytes) are one run; the round trip reads them back together."""
    assert _utf8_else_latin1("前言".encode("gbk")) == "ǰÑÔ"
    pages = _real_phrases()
    found = 0
    for page, phrase in pages:
        bad = _utf8_else_latin1(phrase.encode("gbk"))
        if bad.isascii() or all(ord(c) < 0x100 for c in bad):
            continue  # no character of another script: plain Latin-1, tested above
        text = page.replace(phrase, " " + bad + " ", 1)
        got = [(s, e, fixed) for s, e, kind, _, fixed in garbage.round_trips(text) if kind == "mojibake-latin1"]
        start = text.index(bad)
        inside = [g for g in got if g[0] < start + len(bad) and start < g[1]]
        assert inside, (phrase, bad, got)
        assert sum(min(e, start + len(bad)) - max(s, start) for s, e, _ in inside) >= 0.8 * len(bad), (bad, got)
        found += 1
    assert found >= 3


def test_a_page_read_whole_as_big5_is_repaired_when_the_repair_reads_as_running_chinese():
    """Big5 and GBK share their byte ranges, so a repair must prove itself: by words the page holds elsewhere, or,
    on a page read whole with the wrong codec (no other words), by reading as running Chinese (dictionary words)."""
    phrase = "本年度共主动公开政府信息一千二百条，其中规范性文件十件。"
    bad = phrase.encode("gbk").decode("big5", errors="replace")
    [(s, e, kind, what, fixed)] = garbage.round_trips(bad + "\n")
    assert kind == "mojibake-big5" and what == "GBK read as Big5" and fixed == phrase
    # decodings that happen to give common characters do not form words: no repair
    assert not garbage._fluent("烈醒诞罚迂厌舱慢胰赏驯乞钮") and garbage._fluent(phrase)


def test_gbk_read_as_utf8_with_the_unreadable_bytes_dropped_is_reported_by_its_mixed_scripts():
    """GBK bytes through a UTF-8 decoder that drops what it cannot read: the pairs that happen to be valid UTF-8 come
    out as letters of unrelated scripts side by side (ɽ IPA, Ƽ Latin extended, У Cyrillic, ׃ Hebrew, ߵ NKo)."""
    lines = ["山东省实验中学", "济南市第一中学", "青岛市第二中学", "淄博市实验学校"]
    bad = "\n".join(x.encode("gbk").decode("utf-8", errors="ignore") for x in lines)
    text = TITLE + bad + "\n"
    got = [r for r in garbage.find(text) if r.kind == "mojibake-mixed-scripts"]
    assert got and all(r.severity == "info" for r in got)
    assert all(("mixed-scripts", r.signals[1][1]) in r.signals and int(r.signals[1][1]) >= 2 for r in got)
    # one script per word (Uyghur, Kazakh, Russian names, Greek letters of a formula, IPA of a dictionary): nothing
    clean = TITLE + ("ئۇيغۇر تىلى مەكتەپ、Қазақстан Республикасы、Москва、α-β受体阻滞剂、μg/m³、ʂʐ音标\n" * 3)
    assert not [r for r in garbage.find(clean) if r.kind == "mojibake-mixed-scripts"]


def test_a_separator_lost_to_a_question_mark_and_a_half_character_closing_a_line():
    text = TITLE + "某某电器制造有限公司 ? 2022-09-29 10:42 ? 次阅读\n本年度主动公开政府信息120条，年度报\ufffd\n"
    got = {(text[r.start:r.end], r.kind) for r in garbage.find(text)}
    assert got == {("?", "question-marks"), ("\ufffd", "replacement-chars")} and len(garbage.find(text)) == 3
    # a question asked, a lone replacement character inside a sentence (GOV-K011's ratio): none
    assert garbage.find(TITLE + "其中规范性文件\ufffd件。这是什么?\n") == []


def test_a_pinyin_mirror_that_lost_characters_to_question_marks():
    """Every "?" of a GB2312-encoded pinyin mirror is a lost character: before a reading (回?(yīng)), after one
    (鎮(zhèn)?密), glued to a character on one side only on a page that lost characters at several places (本?, 146?,
    ,?公), a run before a reading (???(wǎng)); all info."""
    from checker.analysis.contamination import provenance

    text = ("某某鎮(zhèn)2023年政府信息公開(kāi)工作年度報(bào)告\n本鎮(zhèn)認(rèn)真貫徹《條例》,主動(dòng)公開(kāi)政府信息146條,"
            "回應(yīng)關(guān)切,第7號(hào)文件。\n鎮(zhèn)嚴密立足,在政府網網網(wǎng)站,公開及時。\n")
    bad = text.encode("gb2312", errors="replace").decode("gb2312")
    items = garbage.find(bad, bool(provenance.pinyin_annotations(bad)))
    qs = [m.start() for m in re.finditer(r"\?", bad)]
    covered = [q for q in qs if any(r.start <= q < r.end for r in items)]
    assert len(covered) >= len(qs) - 1 and all(r.severity == "info" for r in items)
    # a page with one lost character and a question: the one-sided "?" stays unreported
    assert garbage.find(TITLE + "本年度收到申请多少件?共12件。\n") == []
