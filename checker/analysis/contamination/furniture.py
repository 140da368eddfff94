"""Foreign page furniture a mirror brings with it (GOV-K014), recognised by structure, not by a site's words.

- repost notices: 「本文来源于网络，如有侵权请联系删除」 and its variants (a content farm's disclaimer; a government
  site publishes its own text and never writes it), and the weaker family of a portal's disclaimers (转载目的在于传递
  更多信息, 如涉及版权…请与本网联系) on a line without government vocabulary;
- comment boxes (共0条评论, 文明上网理性发言) and a question-and-answer site's labels (最佳答案, 其他3条回答);
- a template farm's preamble sentence (下面是小编为大家整理的…，供大家参考) and its variant headings (篇一：…);
- CMS signatures of site-farm templates: RSS地图 / HTML地图 / XML地图, Powered by + a farm CMS, 网站统计 + a
  counter (cnzz, 51la), tag clouds;
- a wiki infobox: a block of key-colon-value items with encyclopedia keys (中文名, 外文名, 别名, 编制单位 …) or an
  encyclopedia's own words (百科, 词条, 义项);
- a news portal's menu: a run of short items that are not sentences and are mostly a portal's category names
  (娱乐, 财经, 汽车, 房产, 星座, 彩票 …) with at most one government navigation word;
- a language switch (English / 繁體 / 简体) on a line that carries a foreign host or a locale parameter.

Each is an anchor on a line of its own (the structural signal: it is not a sentence of the report). Tier
``remove``: the line is furniture, never report text; severity of the rule (warning).

Site furniture (``line_class``, ``split_furniture``, ``site_candidates``; ``mirror.apply`` decides whose it is):
government-page vocabulary (``GOV_VOCAB``) against a site's own shapes — breadcrumbs, share/print bars, widgets,
one-line and one-item-per-line menus at the page edges, news lists (headline + byline pairs, dated headlines),
recommendation blocks, previous/next links, site notices, site-account bylines, language switches, captions and
reference marks, login bars, page-type headings (新闻详情), a site's welcome line; and furniture that is foreign on
any page: a document-sharing site's reading notices and page list, a content farm's truncation notice (仅展示…字),
a byline crediting the net (来源：网络整理), a commercial contact line, a repost notice glued to the end of a
paragraph, a content farm's widgets in a byline (下载本文, 作者：会员上传, 版权反馈) and its variant number glued to a
title (…范文(20篇)篇一). The site's own header lines (a site named after a portal genre, 某某情感网; a category label
glued to the time, 金融百科2025-10-21 06:54:37; a blank-separated trail 首页 栏目 标题 over the title) are the
mirror's on a mirror's copy and weak signs of one. ``list_items`` / ``foreign_items`` judge a site's item list (recommendations, previous/next, news) by
what it is not (no government or report item) and by what it is (foreign text to the character model).
"""

from __future__ import annotations

import re

from .base import HAN, Trigger, scan

REPOST = re.compile(r"(?:本文|文章|内容|图片|图文|部分内容|本站部分内容|本站内容|资料|素材)(?:均)?(?:来源于|来自|转载自|摘自)"
                    r"(?:互联网|网络)|(?:来源于|转载自)(?:互联网|网络)(?=$|[，,。；;）)!！])|"
                    r"如有侵权|侵权(?:请)?(?:联系|告知)?(?:删除|必删)|联系删除|(?:联系|告知)(?:本站|我们|小编)(?:删除|处理)|"
                    r"版权归原作者|仅供(?:学习|交流)(?:参考|学习|交流)|不代表本站(?:观点|立场)|本站仅提供信息存储|"
                    r"本站不拥有所有权|请勿用于商业用途|观点仅代表作者本人|仅代表作者(?:本人)?(?:观点|立场)|"
                    r"不代表(?:本网|本平台|平台)(?:观点|立场)|由入驻[^\n]{0,12}?(?:作者|用户)(?:撰写|上传|发布)")
CMS_SPECIFIC = re.compile(r"rss地图|html地图|xml地图|sitemap\.xml|tag标签|标签云|dedecms|织梦|pbootcms|帝国cms|phpcms|"
                          r"discuz|z-?blog|emlog|wordpress|cnzz|51la|站长统计|网站模板|仿站|seo优化|processed in [\d.]+ ?s")  # lower-cased
CMS_SEMI = re.compile(r"powered\s*by|网站统计|百度统计|友情链接|免责声明|网站简介|关于本站|本站", re.I)
# a blog's or news site's own furniture: comment widgets, "本文链接", a commercial 400 hotline, tag labels, captions
BLOG = re.compile(r"^本文目录(?:导读|导航)?\s*[:：]?$|^(?:最新评论|暂无评论|发表评论|我要评论|网友评论|评论列表|相关评论|热门评论|全部评论|精彩评论|查看更多评论|"
                  r"我来说两句|说两句|发表你的评论|共\s*\d+\s*条评论|\d+\s*条评论|已有\s*\d+\s*(?:人|条)(?:参与|评论)|"
                  r"登录后(?:才能)?(?:发表)?评论|评论\s*[(（]\s*\d*\s*[)）]$)|文明上网\s*[,，]?\s*理性发言|本文(?:的)?(?:链接|地址)(?:地址)?[:：]|"
                  r"原文(?:链接|地址)[:：]|转载请注明(?:出处|来源)[:：]")
COMMENT_WORD = re.compile(r"评论|说两句|理性发言|跟帖")  # the comment widgets among BLOG's matches
# a comment counter of a news or blog template inside a byline (2017-03-19 某某网 参与评论()人 / 网友评论(0)): the
# widget only, not the copied article's date and source around it
COMMENT_COUNTER = re.compile(r"参与评论[^\S\n]{0,2}[(（][^\S\n]{0,2}\d{0,7}[^\S\n]{0,2}[)）][^\S\n]{0,2}人?|"
                             r"(?:网友|我要|已有)?(?:评论|跟帖)[^\S\n]{0,2}[(（][^\S\n]{0,2}\d{0,7}[^\S\n]{0,2}[)）][^\S\n]{0,2}[人条]?$")
# a question-and-answer site's own furniture (its answer labels and counters), on a short line of its own
QA = re.compile(r"^(?:最佳答案|满意答案|推荐答案|优质答案|提问者采纳|网友采纳|其他回答|其他\s*\d+\s*条回答|我来回答|我要回答|"
                r"等待您来回答|全部回答|已解决问题|待解决问题|\d+\s*个回答|回答者\s*[:：]|提问者\s*[:：]|知道合伙人)")
# the weaker half of the repost family: a content farm's or a portal's disclaimer of the text it copied (转载目的在于传递
# 更多信息, 如涉及版权…请与本网联系, 来源：网络); a government site may print a disclaimer too, so a line that carries
# government vocabulary is left alone
REPOST_FAMILY = re.compile(r"转载目的在于传递(?:更多)?信息|(?:版权|著作权)归(?:原)?(?:作者|原创者|原网站|原出处|原作者及原出处)所有|"
                           r"如(?:涉及|有)[^。\n]{0,24}?(?:版权|著作权)[^。\n]{0,24}?(?:联系|告知|通知)[^。\n]{0,16}?(?:本站|本网|我们|小编)|"
                           r"(?:本站|本网|本平台)(?:部分)?(?:内容|文章|资料|信息)?(?:均)?(?:来自|来源于|转载自|整理自|收集自)(?:网络|互联网|网友)|"
                           r"互联网用户自发贡献|一经查实[^。\n]{0,12}?删除|(?:本站|我们|小编)(?:将|会)[^。\n]{0,12}?删除|"
                           r"侵犯(?:了)?[^。\n]{0,8}?(?:权益|版权|著作权)[^。\n]{0,20}?(?:联系|告知|通知|邮件)|采集(?:自)?(?:网络|互联网)|"
                           r"与本站无关|未经本站证实|转载请(?:保留|注明)(?:本文)?(?:链接|出处|来源|作者)|未经允许不得转载|"
                           r"(?:转载|复制)[^。\n]{0,8}?以超链接形式|由网友(?:自行)?(?:发布|上传|提供|分享)|仅(?:用于|供)学习(?:交流|参考)|"
                           r"如有版权问题")
HOTLINE_400 = re.compile(r"(?:服务热线|客服热线|客服电话|全国热线|热线电话|热线)[:：]?\s*400[-\s]?\d{3}[-\s]?\d{4}")
# the strong half of a repost notice: only a content farm writes it (本站 = the farm), anywhere on a line
REPOST_STRONG = re.compile(r"如有(?:涉嫌)?(?:抄袭|侵权)[^。！!]{0,30}?(?:联系|告知)[^。！!]{0,30}?删除|侵权(?:请)?(?:联系)?删除|"
                           r"本站(?:只|仅)提供信息存储空间|不代表本站(?:观点|立场)|版权归原作者所有")
NOTICE_OPEN = re.compile(r"【(?:温馨提示|免责声明|声明|版权声明|特别声明)】|(?<=[。！!？?\s])(?:本文|文章|内容|声明|免责声明)")


def _tail_notice(line: str) -> tuple[int, str] | None:
    """(offset, anchor) of a repost notice that ends a long line: it opens with 【温馨提示】-style brackets or a new
    sentence and runs to the end of the line (≤ 160 characters)."""
    end = len(line.rstrip())
    m = REPOST_STRONG.search(line, max(0, end - 160))
    if not m:
        return None
    opens = [o for o in NOTICE_OPEN.finditer(line, max(0, end - 160), m.start() + 1)]
    if not opens:
        return None
    start = opens[0].start()
    if start == 0 or end - start > 160 or re.search(r"[。！!]", line[m.end():end].rstrip("。！! ")):
        return None
    return start, m.group(0)


# a template farm's preamble (范文 sites): 「本站为你精心整理了…范文，希望能为你的创作提供参考」, 「下面是小编为大家整理的…，
# 供大家参考」 — the farm speaking of the text it offers; the sentence that holds it (to its 。！ or the line end)
FARM_PREAMBLE = re.compile(r"(?:以下是|下面是|跟着|跟随|和|让)[^。！!？?\n]{0,8}?小编|"
                           r"小编[^。！!？?\n]{0,12}?(?:整理|归纳|介绍|分享|带来|收集|汇总|推荐|精选|盘点)|"
                           r"(?:本站|小编|本网)(?:为(?:你|您|大家)|给大家|帮大家)[^。！!\n]{0,6}?(?:整理|收集|搜集|准备|推荐|分享|带来|汇总|"
                           r"精选|挑选)|"
                           r"(?:参考|借鉴|阅读)(?:这些|以下|下面|本篇|这篇|这几篇)[^。！!？?\n]{0,10}?(?:范文|例文|模板|样文)")
SENTENCE_STOP = re.compile(r"[。！!？?]")


def _preamble(line: str) -> tuple[int, int, str] | None:
    """(start, end, anchor) in ``line`` of a template farm's preamble sentence."""
    m = FARM_PREAMBLE.search(line)
    if not m:
        return None
    stops = [x.end() for x in SENTENCE_STOP.finditer(line, 0, m.start())]
    start = stops[-1] if stops else 0
    while start < m.start() and line[start].isspace():
        start += 1
    e = SENTENCE_STOP.search(line, m.end())
    end = e.end() if e else len(line.rstrip())
    return (start, end, m.group(0)) if end - start <= 200 else None


TAG_LABEL = re.compile(r"^(?:标签|tags?|关键词|热门标签)\s*[:：]")
# a magazine or document site's paywall count glued to the end of the excerpt it shows (…法治中国。(剩余815字)):
# a report never counts its own remaining characters
PAYWALL = re.compile(r"[(（]剩余[^\S\n]?\d{2,6}[^\S\n]?字[)）]")
CAPTION = re.compile(r"[(（](?:资料图片|资料图|网络图片|图片来源[^()（）\n]{0,20}|图源[^()（）\n]{0,20})[)）]")
WIKI_WORDS = re.compile(r"百度百科|互动百科|求真百科|求闻百科|快懂百科|头条百科|搜狗百科|搜搜百科|360百科|维基百科|智库百科|"
                        r"萌娘百科|编辑词条|本词条|词条|义项|百科名片")
BAIKE_UI = re.compile(r"有用\+1|已投票|查看我的收藏|百科内容由网友共同编辑|本词条由.{1,20}(?:提供|审核)|上传视频|^播报\s*编辑$|"
                      r"^编辑\s*播报$")
# MediaWiki's notice of the script variant a page is shown in (an encyclopedia mirror's own line)
VARIANT_NOTICE = re.compile(r"全文手工转换|(?:现|正)处于[\u4e00-\u9fff]{2,6}(?:简体|繁體|繁体|正體|正体)模式")
INFOBOX_KEY = re.compile(r"(?:^|[\s|｜])(中文名|中文名称|外文名|英文名|英文名称|别名|简称|拼音|编制单位|编制机关|发布单位|"
                         r"所属类别|所属地区|类型|性质|实施时间|发布时间|出处|释义|词性|作者|目的|意义|适用范围|依据|"
                         r"行政区类别|政府驻地|电话区号|车牌代码|地理位置|气候条件|著名景点|下辖地区|外文名称)\s*[:：]\s*"
                         r"[^\s:：]{1,40}")
# (with the keys of an encyclopedia's infobox of a place: a township's entry holding its report)
WIKI_KEYS = {"中文名", "中文名称", "外文名", "英文名", "英文名称", "别名", "拼音", "词性", "出处", "释义", "所属类别",
             "行政区类别", "政府驻地", "电话区号", "车牌代码", "地理位置", "气候条件", "著名景点", "下辖地区", "外文名称"}
# the keys of a place's profile (地理位置, 政府驻地, 电话区号 …) are an encyclopedia's only beside its name keys (中文名,
# 外文名, 拼音 …) or its own words (百度百科, 词条): a government site's 县情概况 writes the same key-value lines itself (prec7)
PLACE_KEYS = frozenset({"行政区类别", "政府驻地", "电话区号", "车牌代码", "地理位置", "气候条件", "著名景点", "下辖地区"})
NAME_KEYS = frozenset(WIKI_KEYS) - PLACE_KEYS
PORTAL = frozenset("""娱乐 财经 汽车 房产 游戏 时尚 星座 小说 军事 综艺 电影 电视剧 明星 八卦 彩票 股票 基金 nba 中超 动漫 搞笑 情感
育儿 母婴 家居 数码 手机 科技 体育 视频 图片 美食 旅游 健康 教育 历史 文化 读书 女性 时政 国际 国内 社会 热点 推荐 排行 论坛
博客 问答 百科 资讯 头条 本地 生活 购物 招聘 二手 商城 音乐 直播 足球 篮球 电竞 美女 壁纸 段子 笑话 养生 宠物 影视 娱乐圈
财经频道 新闻 要闻 评论 专题 图库 下载 软件 网游 手游 页游 攻略 装备 汽车频道 房产频道 理财 保险 银行 期货 外汇 黄金""".split())
STRONG_PORTAL = frozenset("""娱乐 财经 汽车 房产 游戏 时尚 星座 小说 军事 综艺 电影 电视剧 明星 八卦 彩票 股票 nba 动漫 搞笑 情感
数码 美女 壁纸 段子 笑话 宠物 影视 娱乐圈 网游 手游 页游 攻略 期货 外汇 黄金 育儿 母婴 家居""".split())
GOV_NAV = re.compile(r"首页|政务|政府|信息公开|公开|服务|办事|互动|交流|参与|走进|概况|领导|机构|通知|公告|政策|解读|文件|"
                     r"专题|专栏|数据|规划|人事|财政|动态|要闻|新闻中心|网站地图|无障碍|关怀版|english|繁體|简体")
LANG_SWITCH = re.compile(r"english|繁體|繁体|简体中文|简体|中文版|日本語|한국어|русский|français|deutsch", re.I)
VARIANT_SWITCH = re.compile(r"不转换|大陆简体|中国大陆|香港繁體|香港繁体|澳門繁體|澳门繁体|臺灣正體|台湾正体|大马简体|马来西亚简体|"
                            r"新加坡简体|新加坡簡體")
VENDOR_LINE = re.compile(r"技术支持|技术服务|承建|建设单位|设计制作|网站建设|维护单位|运维")
LOCALE = re.compile(r"[?&](?:locale|lang|language|hl)=[a-z\-]{2,7}", re.I)


TOC_ITEM = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、])")


# the prefilter (base.Scan) of find's line tests: every line that one of them can fire on holds a match of
# FIND_TRIGGER (the patterns above without their anchors and lookarounds, their literal cores kept); of its
# portal menus, a strong portal item standing alone (MENU_TRIGGER); of its infobox runs, an encyclopedia key and
# its colon (WIKI_KEY_TRIGGER)
# encyclopedia keys that open an infobox line glued to their value on any page (中文名某某镇 / 外文名Moumou Town): a
# report never opens a line so
GLUED_WIKI = "中文名|外文名|英文名|别名|行政区类别|政府驻地|电话区号|车牌代码"
_WIKI_KEYS = r"中文名称?|外文名|英文名称?|别名|拼音|词性|出处|释义|所属类别|行政区类别|政府驻地|电话区号|车牌代码|地理位置|气候条件|著名景点|下辖地区|外文名称"
WIKI_KEY_TRIGGER = Trigger("|".join(k + r"[^\S\n]*[:：]" for k in _WIKI_KEYS.split("|")))
# an infobox run (_infobox_runs) has an encyclopedia key, or 编制单位 / 所属地区, followed by its colon, a blank or the
# end of the line (a key alone over its value line)
INFOBOX_TRIGGER = Trigger("|".join(k + r"(?:[^\S\n]*[:：]|[^\S\n]|\n|$)" for k in (_WIKI_KEYS + "|编制单位|所属地区").split("|"))
                          + "|" + GLUED_WIKI)
_TOC = r"[^\S\n]*" + TOC_ITEM.pattern
# INFOBOX_TRIGGER as alternatives that each start with a literal (「(?:A|B)S」 as 「AS|BS」): one alternative of an
# alternation opening on a group or a class keeps ``re`` from skipping, in C, the positions no alternative starts at
# (tests/test_contamination_prefilter.py)
_INFOBOX_ALTERNATIVES = "|".join(k + r"(?:[^\S\n]*[:：]|[^\S\n]|\n|$)" for k in (_WIKI_KEYS + "|编制单位|所属地区").split("|")) \
    + "|" + GLUED_WIKI
FIND_TRIGGER = Trigger(
    r"如有|侵权|本站|本网|本平台|仅代表作者|不代表|入驻|版权归|著作权归|转载目的|如涉及|互联网用户|一经查实|我们将|我们会|侵犯|采集|转载|"
    r"由网友|仅用于|范文|例文|模板|样文|"
    r"答案|采纳|回答|问题|提问者|知道合伙人|说两句|文明上网|跟帖|版权归原作者|小编|本网|为你|为您|为大家|给大家|帮大家|来源于(?:互联网|网络)|来自(?:互联网|网络)|转载自(?:互联网|网络)|摘自(?:互联网|网络)|联系删除|"
    r"联系我们|联系小编|告知我们|告知小编|仅供|请勿用于商业用途|评论|本文的?(?:链接|地址)|本文目录|原文链接|原文地址|转载请注明|"
    r"热线(?:电话)?[:：]?[^\S\n]*400|客服电话[:：]?[^\S\n]*400|标签[^\S\n]*[:：]|关键词[^\S\n]*[:：]|标签云|织梦|帝国|站长统计|"
    r"网站模板|仿站|网站地图|网站统计|不转换|正體|手工转换|简体模式|繁體模式|繁体模式|正體模式|正体模式|有用\+1|已投票|查看我的收藏|网友共同编辑|本词条|上传视频|播报|"
    + _INFOBOX_ALTERNATIVES + "|" + WIKI_WORDS.pattern + "|" + WIKI_KEY_TRIGGER.cjk.pattern + r"|繁體|繁体|简体|中文版|日本語|한국어|"
    r",{toc}|，{toc}".format(toc=_TOC),
    r"rss地图|html地图|xml地图|sitemap\.xml|tag|dedecms|pbootcms|phpcms|discuz|z-?blog|emlog|wordpress|cnzz|51la|"
    r"seo优化|powered[^\S\n]*by|processed in|english|русский|français|deutsch")
def _longest_first(x: str) -> tuple[int, str]:
    """Longest first, then by code point: an alternation built from a set is then the same pattern in every process
    (a set's order changes with the hash seed; a new pattern each run was compiled again, and filled the regular
    expression cache of checker.recache with a copy per run)."""
    return -len(x), x


_ALONE = r"(?![^\s|｜/·•])"
# (the weaker tier of _menus also opens on a news portal's channel words: 时政, 国内, 国际, 时评)
MENU_TRIGGER = Trigger("|".join(x + _ALONE for x in sorted(STRONG_PORTAL | {"时政", "国内", "国际", "时评"}, key=_longest_first)
                                if x.isascii() is False),
                       "|".join(x + _ALONE for x in sorted(STRONG_PORTAL) if x.isascii()))


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, line) of every line: the shared list of the text's scan (built once per text of the pass)."""
    return scan(text).lines


def _sentence(line: str) -> bool:
    return bool(re.search(r"[。；]", line)) and len(line) > 60


def find(text: str) -> list[tuple[int, int, str, list[tuple[str, float, str]]]]:
    """(start, end, kind, signals) of furniture lines in the view text."""
    from .hosts import find as find_hosts

    out = []
    lines = list(_lines(text))
    sc = scan(text)
    ency_page = bool(WIKI_WORDS.search(text))  # an encyclopedia's own words anywhere on the page
    marked = sc.hit(FIND_TRIGGER)  # a line outside it fires none of the tests below
    for k, (a, b, ln) in enumerate(lines):
        if a not in marked:
            continue
        s = ln.strip()
        pre = _preamble(ln)
        if pre:  # a template farm's preamble: the sentence, on its own line or opening a paragraph
            out.append((a + pre[0], a + pre[1], "farm-preamble",
                        [("farm-preamble", 6, pre[2]), ("own-sentence", 2, ln[pre[0]:pre[0] + 20])]))
            continue
        tail = _tail_notice(ln) if len(s) > 120 else None
        if tail:  # a repost notice glued to the end of the last paragraph
            out.append((a + tail[0], a + len(ln.rstrip()), "repost-notice",
                        [("repost-notice", 6, tail[1]), ("line-tail", 2, ln[tail[0]:tail[0] + 20])]))
            continue
        if not s or (len(s) > 160 and not TOC_ITEM.match(s)):
            continue
        a0 = a + (len(ln) - len(ln.lstrip()))
        b0 = a + len(ln.rstrip())
        low = s.lower()
        m = REPOST.search(s)
        if m and len(s) <= 120:
            out.append((a0, b0, "repost-notice", [("repost-notice", 6, m.group(0)), ("own-line", 2, s[:40])]))
            continue
        m = COMMENT_COUNTER.search(s) if len(s) <= 120 and ("评论" in s or "跟帖" in s) else None
        if m and m.start() > 0:  # the counter inside a byline: the widget alone
            out.append((a0 + m.start(), a0 + m.end(), "comment-box",
                        [("comment-box", 6, m.group(0)), ("byline-widget", 2, s[:40]), ("info", 0, "")]))
            continue
        m = m or (BLOG.search(s) if len(s) <= 120 else None)
        if m and COMMENT_WORD.search(m.group(0)):
            # a comment box: a government CMS carries one too (0条评论 / 网友评论列表 under a county's news item), so
            # it is a weak sign, reported as info; on a page judged a mirror's copy it is the mirror's (mirror.apply)
            out.append((a0, b0, "comment-box", [("comment-box", 6, m.group(0)), ("own-line", 2, s[:40]), ("info", 0, "")]))
            continue
        if m:
            out.append((a0, b0, "blog-furniture", [("blog-furniture", 6, m.group(0)), ("own-line", 2, s[:40])]))
            continue
        m = QA.match(s) if len(s) <= 40 else None
        if m:
            out.append((a0, b0, "qa-furniture", [("qa-furniture", 6, m.group(0)), ("own-line", 2, s[:40])]))
            continue
        m = REPOST_FAMILY.search(s) if len(s) <= 160 else None
        if m and not GOV_VOCAB.search(_nfkc(s)):
            out.append((a0, b0, "repost-notice", [("repost-notice", 6, m.group(0)), ("own-line", 2, s[:40])]))
            continue
        m = HOTLINE_400.search(s)
        if m and len(s) <= 80:
            out.append((a0, b0, "commercial-hotline", [("commercial-hotline", 6, m.group(0)), ("own-line", 2, s[:40])]))
            continue
        m = TAG_LABEL.match(low)
        if m and (len(s) <= 60 or (len(s) <= 160 and all(len(x) <= 8 for x in s[m.end():].split()))) \
                and not _sentence(s):
            out.append((a0, b0, "tag-label", [("tag-label", 2, s[:40]), ("own-line", 2, s[:40]), ("info", 0, "")]))
            continue
        spec = CMS_SPECIFIC.findall(low)
        semi = CMS_SEMI.findall(low)
        powered = "powered" in low and re.search(r"powered\s*by", low)
        site_map = ("网站地图" in s or "网站统计" in s or powered) and not _sentence(s) and len(s) <= 120
        foreign_host = site_map and "." in s and any(not r.official for r in find_hosts(s)) \
            and not GOV_VOCAB.search(s) and not VENDOR_LINE.search(s)
        if (spec or len(set(semi)) >= 2 and powered or foreign_host) and not _sentence(s):
            sig = "、".join(dict.fromkeys(spec + semi)) or ("网站地图" if "网站地图" in s else "网站统计")
            out.append((a0, b0, "cms-signature", [("cms-signature", 6, sig)] + (
                [("non-government-host", 2, next(r.host for r in find_hosts(s) if not r.official))] if foreign_host
                else []) + [("own-line", 2, s[:40])]))
            continue
        if powered and not _sentence(s) and len(s) <= 80 and not GOV_VOCAB.search(s):
            out.append((a0, b0, "cms-signature", [("cms-signature", 2, "powered by"), ("own-line", 2, s[:40]),
                                                  ("info", 0, "")]))
            continue
        m = VARIANT_NOTICE.search(s) if len(s) <= 80 else None
        if m:
            out.append((a0, b0, "language-switch", [("language-switch", 4, m.group(0)), ("variant-menu", 4, s[:40])]))
            continue
        if len(s) <= 120 and VARIANT_SWITCH.search(s) and len(VARIANT_SWITCH.findall(s)) >= 2:
            # MediaWiki's script-variant menu (不转换 / 大陆简体 / 香港繁體 …): an encyclopedia mirror's own
            out.append((a0, b0, "language-switch", [("language-switch", 4, "、".join(VARIANT_SWITCH.findall(s)[:4])),
                                                    ("variant-menu", 4, s[:40])]))
            continue
        wiki = WIKI_WORDS.search(s)
        keys = [k for k in INFOBOX_KEY.findall(s)]
        if len(keys) < 2 and not _sentence(s):  # "中文名 X 外文名 Y" / "中文名 | X | 外文名 | Y": keys as tokens
            keys = [t for t in re.split(r"[\s|｜]+", s) if t in INFOBOX_KEY_SET]
        m = BAIKE_UI.search(s) if len(s) <= 60 else None
        if m:  # an encyclopedia's own buttons and notices (有用+1, 本词条由…审核, 播报 编辑)
            out.append((a0, b0, "wiki-infobox", [("wiki-infobox", 6, m.group(0)), ("own-line", 2, s[:40])]))
            continue
        if (wiki and len(s) <= 60 and not _sentence(s)) or (len(keys) >= 2 and set(keys) & (WIKI_KEYS if ency_page
                                                                                             else NAME_KEYS)):
            out.append((a0, b0, "wiki-infobox", [("wiki-infobox", 6, wiki.group(0) if wiki else "、".join(keys)),
                                                 ("key-value-block", 2, s[:40])]))
            continue
        if LANG_SWITCH.search(s) and not _sentence(s):
            refs = [r for r in find_hosts(s) if not r.official]
            if not refs and not LOCALE.search(s) and lang_switch(s):  # the switch's links on the lines around it
                near = [x for x in (k - 1, k + 1) if 0 <= x < len(lines) and len(lines[x][2].strip()) <= 80]
                refs = [r for x in near for r in find_hosts(lines[x][2])
                        if not r.official and not GOV_VOCAB.search(lines[x][2])]
            if refs or LOCALE.search(s):
                out.append((a0, b0, "language-switch",
                            [("language-switch", 4, LANG_SWITCH.search(s).group(0)),
                             ("mirror-url", 4, refs[0].host if refs else LOCALE.search(s).group(0))]))
                continue
        items = [x for x in re.split(r"[,，]", s) if x.strip()]
        if len(items) >= 5 and sum(1 for x in items if TOC_ITEM.match(x.strip())) >= 0.5 * len(items) \
                and len(s) <= 400 and "。" not in s.replace("。,", "").replace("。，", ""):
            out.append((a0, b0, "table-of-contents", [("table-of-contents", 6, f"{len(items)} headings"),
                                                     ("own-line", 2, s[:40])]))
    for m in CAPTION.finditer(text):
        out.append((m.start(), m.end(), "news-caption", [("news-caption", 2, m.group(0)), ("info", 0, "")]))
    for m in PAYWALL.finditer(text) if "剩余" in text else ():
        out.append((m.start(), m.end(), "doc-site-notice", [("doc-site-notice", 6, m.group(0)), ("paywall-count", 2, "")]))
    out.extend(_menus(text, lines) if sc.has(MENU_TRIGGER) else ())
    # infobox split over lines: consecutive short "key：value" lines, "key value" lines, or a key line over its value
    # line (how an encyclopedia's table reads as text), with an encyclopedia key
    ency = bool(WIKI_WORDS.search(text))
    for s0, e0, keys in _infobox_runs(lines, ency) if sc.has(INFOBOX_TRIGGER) or ency else ():
        if any(x <= s0 < y for x, y, _, _ in out):
            continue
        wiki_keys = set(keys) & (WIKI_KEYS if ency else NAME_KEYS)
        if (wiki_keys and len(keys) >= 2) or (ency and len(set(keys)) >= 3):
            s0, e0 = _infobox_extent(lines, s0, e0)
            out.append((s0, e0, "wiki-infobox", [("wiki-infobox", 6, "、".join(keys[:6])),
                                                 ("key-value-block", 2, f"{len(keys)} keys")]))
        elif len(set(keys)) >= 3:  # no encyclopedia key of its own: a key-value table, reported only
            out.append((s0, e0, "wiki-infobox", [("wiki-infobox", 2, "、".join(keys[:6])),
                                                 ("key-value-block", 2, f"{len(keys)} keys"), ("info", 0, "")]))
    if ency or any(k == "wiki-infobox" and not any(n == "info" for n, _, _ in g) for _, _, k, g in out):
        # an encyclopedia page: its table of contents, a line of the page's own headings between commas
        for s0, e0, n_items, shared in _toc_lines(lines):
            if not any(x <= s0 < y for x, y, _, _ in out):
                out.append((s0, e0, "table-of-contents", [("table-of-contents", 6, f"{n_items} headings"),
                                                         ("headings-below", 2, "、".join(shared[:4]))]))
    out.sort()
    return out


INFOBOX_KEYS = ("中文名", "中文名称", "外文名", "外文名称", "英文名", "英文名称", "别名", "简称", "拼音", "编制单位", "编制机关",
                "发布单位", "所属类别", "所属地区", "所属国家", "类型", "性质", "实施时间", "发布时间", "出处", "释义", "词性",
                "作者", "目的", "意义", "适用范围", "依据", "类别", "地区", "颁布时间", "修订时间", "施行时间", "颁布单位",
                "所属领域", "效力级别", "外文名称", "学科", "定义", "行政区类别", "政府驻地", "电话区号", "车牌代码", "地理位置", "气候条件", "著名景点", "下辖地区")
INFOBOX_KEY_SET = frozenset(INFOBOX_KEYS)
KEY_LINE = re.compile(r"(" + "|".join(sorted(INFOBOX_KEYS, key=len, reverse=True)) + r")(?:[ \t\u3000]+(\S.{0,40}))?$")


# an encyclopedia's infobox of a program or an organisation reads with each key glued to its value
# (原作者公安部刑事侦查局 / 首次发布2021年3月 / 操作系统AndroidiOS): only on an encyclopedia's page
GLUED_KEY = re.compile(r"(原作者|开发者|开发商|首次发布|最新版本|操作系统|编程语言|许可协议|软件类型|创始人|成立时间|成立于|总部地点|"
                       r"所属公司|主要人物|中文名|外文名|英文名|别名|所属地区|行政区类别|政府驻地|电话区号|车牌代码|地理位置)(?=\S)")
GLUED_WIKI_RX = re.compile(r"(?:" + GLUED_WIKI + r")(?=[^\s:：])")


# a list bullet opening a line (an infobox or a table of contents rendered as a list)
LIST_BULLET = re.compile(r"^[•·●◦▪■◆\-*][^\S\n]*")


def _infobox_runs(lines, ency: bool = False) -> list[tuple[int, int, list[str]]]:
    """(start, end, keys) of runs of infobox lines: "key：value", "key value", or a key alone over its value line;
    on an encyclopedia's page (``ency``) also a key glued to its value."""
    full = [(a, b, ln.strip()) for a, b, ln in lines if ln.strip()]
    out: list[tuple[int, int, list[str]]] = []
    run: list[tuple[int, int, str]] = []
    i = 0
    while i <= len(full):
        key, j = None, i
        if i < len(full) and len(full[i][2]) <= 50:
            s = LIST_BULLET.sub("", full[i][2])  # an infobox rendered as a bullet list (• 中文名：…)
            m = INFOBOX_KEY.match(" " + s)
            if m:
                key = m.group(1)
            else:
                m = KEY_LINE.fullmatch(s)
                if m and m.group(2):
                    key = m.group(1)
                elif m and i + 1 < len(full) and len(full[i + 1][2]) <= 60 \
                        and not KEY_LINE.fullmatch(full[i + 1][2]) and not re.search(r"[。；]", full[i + 1][2]):
                    key, j = m.group(1), i + 1  # the key alone, its value on the next line
                elif len(s) <= 40 and not re.search(r"[。；，,]", s) and (g := GLUED_KEY.match(s)) \
                        and (ency or GLUED_WIKI_RX.match(s)):
                    key = g.group(1)  # glued: any key on an encyclopedia's page, a wiki key on any page
        if key:
            run.append((full[i][0], full[j][1], key))
            i = j + 1
            continue
        if len(run) >= 2:
            out.append((run[0][0], run[-1][1], [k for _, _, k in run]))
        run = []
        i += 1
    return out


# any short key-colon-value line (计算公式：…) continues an encyclopedia's infobox run; its heading opens it
KV_LINE = re.compile(r"(?:[•·●◦▪■◆\-*][^\S\n]*)?[\u4e00-\u9fff]{2,6}[^\S\n]*[:：][^\S\n]*\S[^\n]{0,40}")
INFOBOX_HEAD = re.compile(r"基本(?:介绍|信息|资料|概况|简介)|百科名片|概述图")


def _infobox_extent(lines, s0: int, e0: int) -> tuple[int, int]:
    """An encyclopedia infobox run widened over the key-colon-value lines next to it and the heading over it."""
    full = [(a + (len(ln) - len(ln.lstrip())), a + len(ln.rstrip()), ln.strip()) for a, _, ln in lines if ln.strip()]
    i = next((k for k, x in enumerate(full) if x[0] >= s0), None)
    j = next((k for k in range(len(full) - 1, -1, -1) if full[k][1] <= e0), None)
    if i is None or j is None:
        return s0, e0
    while j + 1 < len(full) and len(full[j + 1][2]) <= 50 and KV_LINE.fullmatch(full[j + 1][2]) \
            and not re.search(r"[。；]", full[j + 1][2]):
        j += 1
    while i > 0 and len(full[i - 1][2]) <= 50 and KV_LINE.fullmatch(full[i - 1][2]) \
            and not re.search(r"[。；]", full[i - 1][2]):
        i -= 1
    if i > 0 and INFOBOX_HEAD.fullmatch(full[i - 1][2]):
        i -= 1
    return min(s0, full[i][0]), max(e0, full[j][1])


TOC_SPLIT = re.compile(r"[,，]")


def _toc_lines(lines) -> list[tuple[int, int, int, list[str]]]:
    """(start, end, items, headings) of table-of-contents lines: at least five short items between commas, no
    sentence punctuation, and at least two of the items standing as lines of their own elsewhere in the text (the
    headings the contents list) — one when the line ends with the template's trailing comma."""
    own = {ln.strip() for _, _, ln in lines if 2 <= len(ln.strip()) <= 12}
    out = []
    for a, b, ln in lines:
        s = ln.strip()
        if not (12 <= len(s) <= 200) or "," not in s.replace("，", ",") or re.search(r"[。；;:：!?！？]", s):
            continue
        items = [x.strip() for x in TOC_SPLIT.split(s) if x.strip()]
        if len(items) < 5 or not all(2 <= len(x) <= 10 and HAN.search(x) and not re.search(r"\s", x) for x in items):
            continue
        shared = [x for x in items if x in own]
        if len(shared) >= 2 or (shared and s[-1] in ",，"):  # (a trailing comma: items joined by a template)
            a0 = a + (len(ln) - len(ln.lstrip()))
            out.append((a0, a + len(ln.rstrip()), len(items), shared))
    return out


def _place(item: str) -> bool:
    """A place name (a province, a city or county with or without its suffix): a portal's regional channels."""
    from .. import region

    if not 2 <= len(item) <= 4:
        return False
    try:
        idx = region._index()[0]
        return item in idx or any(item + x in idx for x in ("市", "县", "省")) or bool(region.province_of(item))
    except Exception:  # pragma: no cover - the gazetteer is optional evidence
        return False


def _menus(text: str, lines) -> list:
    """Runs of short non-sentence items (one line of items, or consecutive one-item lines) that are a portal's menu."""
    out = []
    groups: list[list[tuple[int, int, str]]] = []
    cur: list[tuple[int, int, str]] = []
    for a, b, ln in lines:
        s = ln.strip()
        items = [x for x in re.split(r"[\s|｜/·•]+", s) if x]
        if s and len(items) == 1 and len(s) <= 6 and not re.search(r"[。，；：:,]", s):
            cur.append((a, b, s))
            continue
        if len(cur) >= 4:
            groups.append(cur)
        cur = []
        if len(items) >= 4 and all(len(x) <= 6 for x in items) and not re.search(r"[。，；,]", s):
            groups.append([(a, b, x) for x in items])
    if len(cur) >= 4:
        groups.append(cur)
    for g in groups:
        items = [x.lower() for _, _, x in g]
        portal = [x for x in items if x in PORTAL]
        strong = [x for x in items if x in STRONG_PORTAL]
        places = [x for x in items if x not in PORTAL and _place(x)]
        gov = [x for x in items if GOV_NAV.search(x)]
        report = [x for x in items if REPORT_VOCAB.search(x) and x not in NAV_ITEMS and x not in SITE_ITEMS]
        a, b = g[0][0], g[-1][1]
        line = text[a:b]
        a0 = a + (len(line) - len(line.lstrip()))
        b0 = a + len(line.rstrip())
        if (len(strong) >= 2 and len(portal) >= 0.5 * len(items) and len(gov) <= 1) or (
                len(items) >= 8 and strong and len(portal) + len(places) >= 0.6 * len(items) and len(gov) <= 1):
            out.append((a0, b0, "portal-menu", [("portal-menu", 6, "、".join(portal[:8])),
                                               ("short-item-run", 2, f"{len(items)} items")]))
        elif not report and len(gov) <= 1 and (strong or len(portal) >= 2) \
                and len(portal) + len(places) >= 0.5 * len(items):
            # weaker: a portal's channels (one category word, or general ones and places), no report word
            out.append((a0, b0, "portal-menu", [("portal-menu", 2, "、".join((portal + places)[:8])),
                                               ("short-item-run", 2, f"{len(items)} items"), ("info", 0, "")]))
    return out


# --- site furniture: whose is it? (the government page's, or the mirror's) ------------------------------------------
# Words that only a government page's furniture carries: its metadata block, its navigation, its organ's name, the
# 字号 大中小 of a government CMS. A furniture line holding one of them came with the government page (chrome); on a
# mirror's copy a line without any is the mirror's own (spec: tests/corpus/README.md, "Furniture on mirror pages").
GOV_VOCAB = re.compile(
    r"政务|政府|信息公开|公开年报|主动公开|依申请|公开指南|公开目录|公开方式|公开日期|公开范围|政策文件|政策解读|"
    r"索\s*引\s*号|发布机构|发文机关|发文字号|文\s*号|主题分类|体裁分类|组配分类|服务对象|成文日期|有效性|时效性|废止日期|"
    r"生效日期|信息分类|网站标识码|主办单位|承办单位|政民互动|互动交流|无障碍|长者|关怀版|适老|人大|政协|纪委|监委|党委|"
    r"大\s*中\s*小|gov\.cn|"
    r"[\u4e00-\u9fff](?:局|厅|委员会|委|办公室|办|政府|镇|乡|街道|办事处|县|区|盟|旗)(?![\u4e00-\u9fff])", re.I)
# a share / print / feedback bar of a page: its items (lower-cased, NFKC, simplified)
SHARE_ITEMS = frozenset("""打印 打印本页 打印此页 收藏 加入收藏 收藏本页 收藏本站 分享 分享到 分享让更多人看到 发给好友 推荐给好友
转发 转发到 关闭 关闭窗口 关闭本页 返回 返回顶部 回到顶部 顶部 返回首页 字号 小字号 大字号 默认字号 心情 评论 我要评论 发表评论
纠错 我要纠错 复制链接 微信 微博 新浪微博 腾讯微博 qq空间 qq 朋友圈 扫一扫 扫码 手机扫码 二维码 qrcode 下载app 关注微信
关注我们 联系客服 手机版 手机看 畅快体验 点赞 更多""".split())
SHARE_STRONG = re.compile(r"^(?:分享到|分享让更多人看到|返回顶部|发给好友|推荐给好友|加入收藏|下载app|手机扫码|扫一扫|"
                          r"联系客服|关注微信|qrcode)", re.I)
SHARE_SPLIT = re.compile(r"[\s|｜/·•,，、【】\[\]()（）:：!！]+")
BREADCRUMB_LABEL = re.compile(r"^(?:您?(?:当前|现在|所在|现在所在)?的?位置|当前位置|所在位置|"
                              r"[^\s:：>]{1,16}?您(?:当前|现在|所在|现在所在)?的?位置)\s*[:：]")  # (a column name glued before)
BREADCRUMB_SEP = re.compile(r"(?:>>|>|＞|»|›|→)")  # the caller strips the parts: no \s* around it (quadratic on long blanks)
SITE_NOTICE = re.compile(r"copyright|©|版权所有|all rights reserved|icp备|免责声明|关于我们|联系我们|广告服务|友情链接|"
                         r"隐私政策|用户协议|使用协议|网站地图|意见反馈", re.I)
LANG_ITEMS = re.compile(r"english|繁体|繁體|简体|简体中文|中文|日本語|日本语|한국어|русский|français|deutsch|español", re.I)
BYLINE = re.compile(r"(?:来源|作者|记者|通讯员|编辑|责编|责任编辑|发布时间|发布日期|发布者|来自|时间|日期|浏览次数|浏览量|浏览|"
                    r"阅读次数|阅读|点击率|点击数|点击|访问量|查看|评论|摄影|审核|校对|供稿)\s*[:：]|[(（](?:责编|编辑|记者)|"
                    r"记者\s*[\u4e00-\u9fff]{2,3}|(?:19|20)\d\d[-/.年]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d\d|\d{1,2}:\d\d")
WIDGET_LINE = re.compile(r"^(?:[|｜][^\S\n]*)?(?:搜索|检索|站内搜索|全站搜索|高级搜索|登录|注册|登录\s*注册|打开主菜单|主菜单|菜单|导航|"
                         r"(?:会员|用户)登录|免费注册|立即注册|快速注册|找回密码|忘记密码|会员中心|"
                         r"登录\s*[|｜/]\s*注册|注册\s*[|｜/]\s*登录|展开阅读全文|展开全文|上滑加载更多\s*\S?|点击加载更多|加载更多|"
                         r"收藏ta|投诉|举报|1\s+2(?:\s+\d{1,3})+(?:\s*下一页)?|"
                         r"请输入(?:搜索|关键字|关键词|检索)[^\n]{0,12})(?<![:：])[^\S\n]*[:：]?$")
# (a search box's label may follow the bar of the menu before it and end with its colon: 「|  站内搜索:」)
# words of the report itself (table items, section words): a run of items holding one is report text, not a menu
REPORT_VOCAB = re.compile(r"件|条|数|本年|上年|情况|工作|公开|申请|复议|诉讼|行政|许可|处罚|强制|收费|规章|规范性|总计|合计|"
                          r"小计|其他|结果|维持|纠正|审结|办结|答复|受理|机构|组织|企业|自然人|法人|内容|项目|类型|金额|元|"
                          r"单位|序号|名称|备注|说明|报告|年度|目录|附件|概述|总体|主要|问题|措施|改进|联系|电话|邮箱|地址|传真|邮编|网址")


# a byline naming a site account (发布者:szjc68, 作者:admin, 来源:本站) is the publishing site's, not the organ's
ACCOUNT_BYLINE = re.compile(r"(?:发布者|发布人|上传者|作者|编辑|来源)\s*[:：]\s*(?:(?=[a-z0-9_]*[a-z])(?=[a-z0-9_]*\d)[a-z0-9_]{4,}|"
                            r"admin|小编|网友|匿名用户|佚名|游客|本站原创|本站|原创)(?![a-z0-9_])|"
                            r"^(?:admin|administrator|管理员|站长|小编)\s+(?:19|20)\d\d[-/.年]\d{1,2}|"
                            r"作者\s*[:：]\s*[\u4e00-\u9fff]{2,8}?(?:网|之家)(?:(?![\u4e00-\u9fff])|(?=阅读|浏览|点击|来源|时间|发布|日期))", re.I)  # (a website as author)
# the heading of a site's recommendation block
RELATED = re.compile(r"^(?:相关(?:文章|阅读|新闻|推荐|资讯|稿件|报道|内容|链接|专题)|推荐阅读|延伸阅读|"
                     r"热门(?:文章|推荐|资讯|阅读|标签|新闻)|猜你喜欢|您可能(?:感兴趣|还喜欢)[^\s]{0,12}|最新(?:文章|资讯|新闻)|"
                     r"精彩推荐|热点推荐|热点新闻|大家都在看|"
                     # the morphology of a site's list heading: a ranking or recency word + a content word
                     r"(?:热门|热点|热读|热搜|本周|今日|24小时|一周|点击|阅读|人气|编辑|为你|往期|近期|同类|随机|本类|本栏|精选|"
                     r"推荐|最新|精彩|相关)(?:热门|推荐|精选|最新)?(?:文章|阅读|新闻|资讯|推荐|内容|稿件|报道|排行|排行榜|热榜|榜单|"
                     r"图文|视频|专题|话题|词条|问答|标签|头条|热点|精选|热文|好文|美文|范文)|"
                     # the same words the other way round (新闻推荐, 视频排行), and a site's sponsored block (赞助推荐)
                     r"(?:新闻|文章|资讯|视频|图文|图片|热文|好文|美文|范文|话题|专题|小说|游戏)(?:推荐|排行|排行榜|热榜|榜单)|"
                     r"赞助(?:推荐|商|链接|内容|商家)|推广(?:链接|推荐|内容))\s*[:：»>]?$")
# a page viewer's (flipbook) header: "Page 4 - <document title>" over "P. 4"; generated, whoever hosts it
FLIPBOOK = re.compile(r"^(?:page\s+\d{1,4}\s+-\s+\S.{0,80}|p\.\s*\d{1,4})$", re.I)
PREV_NEXT = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|上一页|下一页|上篇|下篇)\s*[:：]?")
NAV_ITEMS = frozenset("首页 主页 网站首页 正文 查看内容 内容 更多 返回 上一页 下一页".split())
# a site's own footer / header links: menu items even though 联系, 服务 … are words a report uses too
SITE_ITEMS = frozenset("关于我们 联系我们 网站地图 广告服务 友情链接 免责声明 隐私政策 意见反馈 加入我们 投稿 版权声明 网站声明"
                       .split())


def _nfkc(s: str) -> str:
    from ...normalize import build_view

    return build_view(s).text


LOGIN_ITEMS = frozenset("登录 注册 登陆 会员登录 用户登录 免费注册 立即注册 快速注册 找回密码 忘记密码 会员中心 个人中心 退出 "
                        "我的收藏 注册会员 手机登录 扫码登录".split())


def login_bar(s: str) -> bool:
    """A login / register bar: at least two items, every one a login item (会员登录 | 免费注册)."""
    items = [x for x in SHARE_SPLIT.split(s.strip()) if x]
    return len(items) >= 2 and all(x in LOGIN_ITEMS for x in items)


def share_bar(s: str) -> bool:
    """A share / print / feedback bar: every item a bar item, or a widget phrase opening a short line."""
    low = s.lower().strip()
    items = [x for x in SHARE_SPLIT.split(low) if x]
    if items and all(x in SHARE_ITEMS for x in items):
        return True
    return len(low) <= 24 and bool(SHARE_STRONG.match(low))


def breadcrumb(s: str) -> bool:
    s = s.strip()
    if len(s) > 90 or re.search(r"[。；]", s):
        return False
    if BREADCRUMB_LABEL.match(s):
        return True
    parts = [p for p in BREADCRUMB_SEP.split(s) if p.strip()]
    return len(parts) >= 2 and len(BREADCRUMB_SEP.findall(s)) >= 1 and all(
        len(p.strip()) <= 14 and re.search(r"[\u4e00-\u9fffA-Za-z]", p) and not re.search(r"\d{3,}", p) for p in parts)


def menu_items(s: str) -> list[str] | None:
    """The items of a one-line menu (≥4 short Han items, no digits, no sentence punctuation, no report word)."""
    s = s.strip()
    if not s or len(s) > 200 or re.search(r"[。，；,;:：\d]", s):
        return None
    items = [x for x in re.split(r"[\s|｜/·•]+", s) if x]
    if len(items) < 4 or not all(len(x) <= 8 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z]+", x) for x in items):
        return None
    if sum(len(x) == 1 for x in items) * 2 > len(items):
        return None  # a heading spaced out character by character (政 府 工 作 报 告), not a menu
    if re.search(r"记者|通讯员|报道|摄影|编辑|作者", s):
        return None  # a byline
    report = [x for x in items if REPORT_VOCAB.search(x) and x not in NAV_ITEMS and x not in SITE_ITEMS]
    if all(x in NAV_ITEMS for x in items):
        return None
    if report and not (len(items) >= 8 and s.count("|") + s.count("｜") >= len(items) - 1
                       and len(report) * 4 <= len(items)):
        # (a long menu between explicit bars may name a few report-like columns — 开题报告, 论文格式 — where a table
        # header row or a report's line of headings is mostly report words)
        return None
    return items


# one switch alone on its line (繁體中文 / 切换到简体 / English): the other script or language of the site
LANG_ONE = re.compile(r"^[\[【(（]?(?:切换(?:到|为|至)?\s*)?(?:繁体|繁體|简体|简体中文|繁体中文|繁體中文|简体版|繁体版|繁體版|"
                      r"english|英文版|中文版)[\]】)）]?$", re.I)
# a site's call to follow it (（更多精彩，关注：某某商学院）): the site's, on a mirror's copy
PROMO = re.compile(r"^[(（【]?更多精彩(?:内容|资讯|文章)?\s*[,，]?\s*(?:请|敬请|欢迎)?(?:关注|访问|搜索|登录)\s*[:：]?[^\n]{1,24}?[)）】]?$")
# a page-type heading of a site's article template (新闻详情 / 文章详情): the site's, never the document's
PAGE_HEADING = re.compile(r"^(?:新闻|文章|资讯|内容|信息|项目|产品|详细)?(?:详情|详情页|正文内容)$|^(?:文章|新闻)(?:正文|内容)$")
# a site's welcome line in its header (欢迎来到某某网 / 欢迎访问某某官方网站!)
WELCOME = re.compile(r"^欢迎(?:来到|访问|光临|进入)[^\n]{1,30}?(?:网站|网|官网|平台|商城|之家|论坛|博客)\s*[!！。.]?$")


def lang_switch(s: str) -> bool:
    s = s.strip()
    return (len(s) <= 40 and len(LANG_ITEMS.findall(s)) >= 2 and not re.search(r"[。；]", s)) or bool(LANG_ONE.match(s))


def line_class(s: str) -> tuple[str, str] | None:
    """Whose furniture one line is: ("gov", word) for a government page's, ("site", shape) for a site's own
    (breadcrumb, share bar, widget, menu, language switch, site notice), ("byline", "") for article metadata (date,
    source, author, counters: it describes the copied text), None for anything else. The text is normalised
    (NFKC, simplified) first."""
    s = _nfkc(s).strip()
    if not s:
        return None
    m = GOV_VOCAB.search(s)
    if m:
        return "gov", m.group(0)
    if WIDGET_LINE.match(s.lower()) or login_bar(s):
        return "site", "widget"
    if ACCOUNT_BYLINE.search(s) and len(s) <= 100:
        return "site", "site-account"
    if RELATED.match(s):
        return "site", "related-list"
    if PREV_NEXT.match(s):
        return "site", "prev-next"
    if breadcrumb(s):
        return "site", "breadcrumb"
    if share_bar(s):
        return "site", "share-bar"
    if menu_items(s):
        return "site", "menu"
    if lang_switch(s):
        return "site", "language-switch"
    if SITE_NOTICE.search(s) and len(s) <= 100 and not re.search(r"[。；]", s):
        return "site", "site-notice"
    if BYLINE.search(s) and len(s) <= 100:
        return "byline", ""
    return None


def split_furniture(text: str) -> list[tuple[int, int, str, str]]:
    """Split a furniture block (a chrome span) into (start, end, class, shape) parts, offsets into ``text``.

    A block that carries government vocabulary anywhere came with the government page: one "gov" part. Otherwise
    its lines are grouped: "site" lines (with the unclassified lines between or next to them: a site name over its
    breadcrumb) form the mirror's parts, byline lines and unclassified lines elsewhere stay "chrome".
    """
    lines = [(a, b, ln) for a, b, ln in _lines(text) if ln.strip()]
    if not lines:
        return []
    cls = [line_class(ln) for _, _, ln in lines]
    if any(c and c[0] == "gov" for c in cls):
        return [(lines[0][0], lines[-1][1], "gov", next(c[1] for c in cls if c and c[0] == "gov"))]
    tags = ["site" if c and c[0] == "site" else ("byline" if c else "") for c in cls]
    for i, t in enumerate(tags):  # an unclassified line next to a site line belongs to it
        if not t and ((i > 0 and tags[i - 1] == "site") or (i + 1 < len(tags) and tags[i + 1] == "site")):
            tags[i] = "site*"
    out: list[tuple[int, int, str, str]] = []
    for (a, b, ln), t, c in zip(lines, tags, cls):
        kind = "site" if t.startswith("site") else "chrome"
        shape = c[1] if c and c[0] == "site" else ""
        a0, b0 = a + (len(ln) - len(ln.lstrip())), a + len(ln.rstrip())
        if out and out[-1][2] == kind:
            out[-1] = (out[-1][0], b0, kind, out[-1][3] or shape)
        else:
            out.append((a0, b0, kind, shape))
    return out


# --- structural detectors of site furniture (candidates; mirror.apply decides whose they are) ----------------------
# scope "any": foreign on its own (a document-sharing site's reading notice, a commercial contact line);
# "mirror": the mirror's own only on a page judged a mirror's copy (menus, news lists, bars, captions, reference marks);
# "chrome": page chrome on any page (a breadcrumb or a share bar of a closed vocabulary), the mirror's on a mirror.
DOC_NOTICE = re.compile(r"^[.…]{0,3}\s*更多[「『“\"]?[^\n]{1,12}?[」』”\"]?(?:介绍|内容|详情|信息)?\s*(?:请|可)(?:查阅|查看|阅读)全文\s*[.…]{0,3}$|"
                        r"已阅读\s*\d+\s*页|还剩\s*\d+\s*页(?:未读)?|继续免费阅读|免费阅读全文|下载本文档|下载此文档|文档简介|"
                        r"本文档由用户提供并上传|收益归属内容提供方|请进行举报或认领|文档贡献者|全文阅读已结束|阅读已结束|"
                        r"下载积分|vip免费下载|本文档(?:为|仅供)|亲,该文章涉及版权|上传人\s*[:：]|文档编号\s*[:：]|由会员分享|"
                        r"可在线阅读|超出免费预览|免费预览范围|文档总共\s*\d+\s*页|点击查看更多>>|"
                        r"博客(?:等级|积分|访问)\s*[:：]|关注人气\s*[:：]|谁看过这篇博文|获赠金笔|赠出金笔|"
                        r"仅展示\s*\d+\s*字|全文共\s*\d+\s*字|剩余\s*\d+\s*%\s*未读|(?:打开|下载)app(?:阅读|查看)全文|"
                        r"app内(?:阅读|查看|打开)|登录(?:后)?(?:阅读|查看)全文|开通vip(?:阅读|查看)|阅读全部(?:图文)?内容|"
                        r"您需要先登录|需先登录|查看隐藏内容|隐藏内容仅|登录后(?:可|才能)?(?:查看|阅读|下载)(?:全文|全部|完整)|"
                        r"^(?:本文|全文|本篇文章|本篇)(?:共|约)?\s*\d+\s*字|^阅读(?:需要|约需|大约需要)\s*\d+\s*分钟|"
                        r"读完(?:约|大约|需要)?\s*\d+\s*分钟|预计阅读(?:时长|时间)[:：]?[^\S\n]{0,3}约?[^\S\n]{0,3}\d+[^\S\n]{0,3}分钟|"
                        r"共计\s*\d+\s*个?字|复制全文|一键复制|^正文复制$|^复制正文$|下载word|word下载|"
                        r"下载地址\s*[:：]\s*点击(?:此处|这里)下载|扫码在手机上打开|点击更新提醒|"
                        r"^(?:文章|本文)由\s*\S{2,12}\s*编辑制作$|"
                        # (a document site's copyright notice and reading prompts over a paper's excerpt)
                        r"版权争议[^。\n]{0,24}?(?:客服|联系|下架)|内容授权或下架|下载到本地[^\S\n]{0,2}[,，]?[^\S\n]{0,2}更?方便阅读|"
                        r"^(?:论文|文章|文档|资料)?部分内容阅读$", re.I)
# a template farm's variants of one text (篇一：… / 【篇二】… / 第三篇：…): a farm offering several model texts
FARM_VARIANT = re.compile(r"^(?:【\s*篇[一二三四五六七八九十\d]{1,2}\s*】|篇[一二三四五六七八九十\d]{1,2}\s*[:：]|"
                          r"第[一二三四五六七八九十\d]{1,2}篇\s*[:：])\s*\S")
# the genres of a commercial site (a portal's channel, a content farm's category): a site named after one (世良情感网,
# 某某百科网) or a category label of one (金融百科, 问答锦集) is no government organ's; kept to genres a government
# site does not name itself by (no 教育, 体育, 文化, 旅游, 科技, 健康: bureaus run 某某教育网, 某某旅游网)
SITE_GENRE = (r"情感|娱乐|财经|金融|理财|汽车|房产|游戏|手游|星座|八卦|美食|时尚|美容|美妆|育儿|母婴|养生|百科|问答|知识|常识|"
              r"大全|锦集|攻略|生活|数码|军事|小说|影视|电影|音乐|笑话|段子|壁纸|宠物|女性|美文|范文|文库|作文|句子|语录|资讯|"
              r"头条|热点|八卦")
SITE_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{0,8}?(" + SITE_GENRE + r")[\u4e00-\u9fff]{0,2}?"
                       r"(?:网|網|站|在线|之家|频道|社区|论坛|门户|平台)|"
                       r"((?:更全|最全|最大|最新最全|最专业|最权威|领先)的?)[\u4e00-\u9fff]{1,10}?(?:网|網|网站|平台|门户)")
SITE_DOMAIN_NAME = re.compile(r"([\u4e00-\u9fff]{2,8})[^\S\n]{1,3}([a-z][a-z0-9]{2,19})(?:\.(?:com|cn|net|org|cc|top))?")


def spelled_name(name: str, token: str) -> bool:
    """``token`` spells ``name`` in pinyin, each character by its full toneless reading or its initial letter
    (快好知 / kuaihz), with at least one full reading: the site's domain written from its name."""
    from .pinyin import readings

    alts = []
    for ch in name:
        rs = sorted(readings(ch), key=lambda r: (-len(r), r))
        if not rs:
            return False
        alts.append("(?:" + "|".join(re.escape(r) for r in rs) + "|" + "|".join(sorted({r[0] for r in rs})) + ")")
    if len(token) <= len(name):  # initials only (xst): too short a token to tell from an abbreviation
        return False
    return bool(re.fullmatch("".join(alts), token))
CATEGORY_DATE = re.compile(r"([\u4e00-\u9fff]{0,6}?(?:" + SITE_GENRE + r")[\u4e00-\u9fff]{0,4}?)[^\S\n]?"
                           r"(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}(?:[^\S\n]{1,3}\d{1,2}:\d\d(?::\d\d)?)?")
PAGER_LABEL = re.compile(r"(?:页|页次|页码|分页)[^\S\n]?[:：]")
PAGER_PAGES = re.compile(r"\[\d{1,4}\](?:[^\S\n]{1,3}\d{1,4}){0,20}")
HOME_TRAIL = re.compile(r"(?:首页|网站首页|主页)[^\S\n]+\S")
# a content farm's widgets inside the byline of its copy (时间:2023-12-05 理论教育 版权反馈 / 下载本文 作者:会员上传):
# the text offered for download, uploaded by a member, with a form for rights holders — never an organ's byline;
# 我要投稿 (a submission link) is weaker: a government media site may carry one
BYLINE_WIDGET = re.compile(r"(?:[\u4e00-\u9fff]{2,6}[^\S\n]{1,3})?(?:版权反馈|侵权反馈|侵权投诉|版权投诉|下载本文|本文下载|"
                           r"(?:作者|来源|上传者?)[^\S\n]{0,2}[:：][^\S\n]{0,2}(?:会员|网友|用户)上传)")
BYLINE_SUBMIT = re.compile(r"(?:[\u4e00-\u9fff]{2,6}[^\S\n]{1,3})?(?:我要投稿|在线投稿)|"
                           r"(?<![\u4e00-\u9fff])(?:全文)?共[^\S\n]?\d{2,6}[^\S\n]?字(?![\u4e00-\u9fff])")
# a template farm's variant glued to its title (某某实施方案范文(20篇)篇一): the farm numbering the model texts it offers
FARM_VARIANT_TAIL = re.compile(r"[(（]\d{1,3}篇[)）][^\S\n]{0,2}篇[一二三四五六七八九十\d]{1,2}$|"
                               r"(?<=范文|精选|汇编|合集|大全)[^\S\n]{0,2}篇[一二三四五六七八九十\d]{1,2}$|"
                               # the farm's count of the model texts it offers, closing the title: …(通用5篇), …汇编(2篇),
                               # …范文65篇 (a government document does not count its texts in its title)
                               r"[(（](?:通用|精选|优选|推荐|热门|优秀|实用|最新|经典|汇编|合集|范文)?\d{1,3}篇[)）]$|"
                               r"(?<=范文|精选|汇编|合集|大全)\d{1,3}篇$")
# a news farm's channel label in front of a copied headline: a scope word and a genre word of a news feed, a colon
CHANNEL_PREFIX = re.compile(r"(?:全球|环球|天天|今日|每日|当前|实时|焦点|热门|最新)(?:热门|热点|热议|热讯|热文|热搜|快讯|快播|"
                            r"短讯|速递|速读|观察|资讯|头条|看点|简讯|播报|视讯|视点|精选|聚焦|快看|新闻)[:：]")
# a byline crediting the net as the source (来源：网络整理): the copier's own statement, never the organ's byline
NET_SOURCE = re.compile(r"(?:来源|出处|稿源)\s*[:：]\s*(?:网络|互联网|网络整理|网友投稿|网友分享|网络转载|网友整理|网络收集|综合网络|"
                        r"本站整理|网络资料)(?![\u4e00-\u9fff])")
# the page's own title and address printed under the text (标题：… / 地址：http://…): a blog's or farm's footer
SELF_TITLE = re.compile(r"^标题\s*[:：]\s*\S")
SELF_ADDRESS = re.compile(r"^(?:地址|网址|链接|本文地址|url)\s*[:：]\s*https?://", re.I)
# a site's slogan under its name (某某网 —— 专注党建公文写作范文 / 中国最大的…平台): a site speaking of itself
SITE_SLOGAN = re.compile(r"(?:专注|专业|致力于|打造|一站式|最全|最新最全|最大的|领先的|首选)[^\n]{0,20}?"
                         r"(?:平台|网站|门户|范文|服务|资讯|信息|资源|素材|文库|社区)")
# the file fields of a document-sharing site's page (a page count with the format or size: no government page
# counts the pages of what it publishes), one a line, bulleted or not
DOC_FIELD = re.compile(r"[-•·*]?[^\S\n]{0,3}(格式|文件格式|文档格式|大小|文件大小|文档大小|页数|文档页数|总页数|上传时间|上传者|"
                       r"上传人|下载次数|下载积分|贡献者)[^\S\n]{0,3}[:：][^\S\n]{0,3}\S")
MASKED_VALUE = re.compile(r"^(?:点击查看|登录查看|登录后查看|会员可见|会员查看|vip可见|登录可见|注册可见)$", re.I)
PAGE_LIST = re.compile(r"^(.{4,60}?)_第\s*(\d{1,3})\s*页$")
INVITE = re.compile(r"了解更多[^\n]{0,16}?(?:请登陆|请登录|请访问|请关注|请咨询|请联系|请致电)|欢迎(?:来电|致电)(?:咨询|洽谈|预订)")
COMMERCIAL = re.compile(r"旅行社|有限公司|公司|集团|商城|酒店|工作室|网店|专卖|门店")
COMPANY_LABEL = re.compile(r"^(?:公司电话|公司地址|公司网址|公司邮箱|客服qq|客服微信|业务qq|预订电话|订票电话|咨询qq)\s*[:：]", re.I)
CAPTION_LINE = re.compile(r"^(?:图片|图像|图)(?:来自|来源于|来源|源自)\s*[:：]?\s*[^\s。，,；;]{1,20}$")
REFMARK = re.compile(r" ?\[\d{1,3}\]")
NEWS_BYLINE = re.compile(r"记者|通讯员|作者[:：]|来源[:：]|本报|编辑[:：]|责编|(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}|"
                         r"\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d\d")
DATED_HEADLINE = re.compile(r"^(?:[\[(（]?(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}[\])）]?\s*\S.{5,40}|"
                            r"\S.{5,40}?\s*[\[(（]?(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}[\])）]?|"
                            r"\S.{5,40}?[^\d\s-]\s?[\[(（]?[01]\d-[0-3]\d[\])）]?)$")  # a list's 08-24 (the view drops the blank)
BODY_LINE = re.compile(r"[。，,；;]")
# a document-sharing site's watermark (精品文档---下载后可任意编辑): the site advertising its download, never the text's
WATERMARK = re.compile(r"(?:(?:精品|优质|优秀|推荐)(?:文档|资料|范文)[^\S\n]{0,2}[-—_]{0,3}[^\S\n]{0,2})?下载后可(?:任意|自由|随意)编辑(?:修改)?|"
                       r"(?:精品|优质)(?:文档|资料)[^\S\n]{0,2}[-—_]{0,3}[^\S\n]{0,2}(?:word版|word格式)?可(?:任意|自由)?编辑(?:修改)?|"
                       r"页眉页脚可(?:一键)?删除|本文档可(?:任意|自由)?编辑(?:修改)?", re.I)
WATERMARK_TRIGGER = Trigger(r"可任意编辑|可自由编辑|可随意编辑|可编辑|页眉页脚可")
ENCYCLOPEDIA_HOST = re.compile(r"wiki|baike|pedia|百科", re.I)


# the prefilter (base.Scan) of site_candidates' line tests, as FIND_TRIGGER for find: a document-sharing site's or a
# shop's lines (SITE_TRIGGER), the tags of bars, breadcrumbs, widgets, switches and notices (TAG_TRIGGER: every item
# of a share bar is one of SHARE_ITEMS), and the byline or date a news list needs on one of two lines (NEWS_TRIGGER)
SITE_TRIGGER = Trigger(r"共[^\S\n]?\d\d|版权反馈|侵权反馈|侵权投诉|版权投诉|下载本文|本文下载|上传|投稿|预计阅读|共计|专注|专业|致力于|打造|一站式|最全|最大的|领先的|首选|格式|大小|页数|上传|下载次数|贡献者|_第|全文|已阅读|还剩|继续免费阅读|免费阅读全文|下载本文档|下载此文档|文档简介|本文档|收益归属内容提供方|请进行举报或认领|"
                       r"文档贡献者|全文阅读已结束|阅读已结束|下载积分|亲,该文章涉及版权|了解更多|欢迎来电|欢迎致电|公司电话|公司地址|"
                       r"公司网址|公司邮箱|客服微信|预订电话|订票电话|图(?:片|像)?(?:来|源)|上传人|文档编号|由会员分享|可在线阅读|"
                       r"免费预览|文档总共|点击查看更多|博客等级|博客积分|博客访问|关注人气|谁看过这篇博文|获赠金笔|赠出金笔|"
                       r"仅展示|全文共|未读|阅读全文|查看全文|欢迎|来源|出处|稿源|阅读全部|登录|隐藏内容|点击查看|会员可见|"
                       r"本文共|本文约|全文约|阅读需|阅读约|阅读大约|复制全文|一键复制|篇|读完|复制|下载地址|标题|扫码|更新提醒|编辑制作|"
                       r"版权争议|内容授权|下载到本地|部分内容阅读",
                       r"vip免费下载|客服qq|业务qq|咨询qq|app内|开通vip|word")
_BYLINE_KEYS = ("发布者", "发布人", "上传者", "作者", "编辑", "来源")
TAG_TRIGGER = Trigger(
    r"搜索|检索|登录|注册|菜单|导航|请输入|展开|加载更多|收藏|投诉|举报|1[^\S\n]+2|" + "|".join(k + r"[^\S\n]*[:：]" for k in _BYLINE_KEYS)
    + r"|相关|推荐|延伸阅读|热门|猜你喜欢|赞助|推广|排行|热榜|榜单|您可能|最新|精彩|热点|大家都在看|上一|下一|上篇|下篇|©|版权所有|免责声明|"
    r"热读|热搜|本周|今日|24小时|一周|点击|阅读|人气|编辑|为你|往期|近期|同类|随机|本类|本栏|精选|"
    r"关于我们|联系我们|广告服务|友情链接|隐私政策|用户协议|使用协议|网站地图|意见反馈|位置|>|＞|»|›|→|"
    + "|".join(re.escape(x) for x in sorted(SHARE_ITEMS, key=_longest_first) if not re.search("[a-z]", x))
    + r"|繁体|繁體|简体|中文|日本語|日本语|한국어|详情|正文|欢迎|密码|会员中心|英文版",
    r"page|p\.|copyright|all rights reserved|icp备|"
    + "|".join(re.escape(x) for x in sorted(SHARE_ITEMS, key=_longest_first) if re.search("[a-z]", x))
    + r"|english|русский|français|deutsch|español")
NEWS_TRIGGER = Trigger(r"记者|通讯员|作者[:：]|来源[:：]|本报|编辑[:：]|责编|19\d\d[-/.]|20\d\d[-/.]|-\d{1,2}[-/.](?:19|20)|"
                       r"/\d{1,2}[-/.](?:19|20)|\.\d{1,2}[-/.](?:19|20)|0\d-[0-3]\d|1\d-[0-3]\d")


def _is_body(s: str) -> bool:
    return len(s) >= 20 and bool(BODY_LINE.search(s))


def _item_line(s: str) -> bool:
    """One short menu item alone on a line (a category name), not a word of the report."""
    return s in SITE_ITEMS or (bool(re.fullmatch(r"[\u4e00-\u9fff]{2,6}", s)) and not REPORT_VOCAB.search(s)
                               and s not in NAV_ITEMS)


def _headline(s: str) -> bool:
    return 6 <= len(s) <= 40 and bool(HAN.search(s)) and not re.search(r"[。；，,:：]", s) and not NEWS_BYLINE.search(s)


def _pair_headline(s: str) -> bool:
    """The headline of a (headline, byline) pair: a title may carry commas and exclamations (the byline under it
    is the list's shape), not a sentence's 。；."""
    return 4 <= len(s) <= 60 and bool(HAN.search(s)) and not re.search(r"[。；]", s) and not NEWS_BYLINE.search(s)


def site_candidates(text: str, encyclopedia: bool = False) -> list[tuple[int, int, str, list, str]]:
    """(start, end, kind, signals, scope) of site-furniture lines and blocks in the view text."""
    full = scan(text).full  # (start, end, stripped line, its start, its end) of the non-blank lines
    if not full:
        return []
    first = next((i for i, x in enumerate(full) if _is_body(x[2])), None)  # the first and last body lines only
    last = next(i for i in range(len(full) - 1, -1, -1) if _is_body(full[i][2])) if first is not None else None
    head_end = first if first is not None else 0  # lines before the first body line: the page header
    foot_start = last + 1 if last is not None else len(full)  # lines after the last one: the page footer
    out: list[tuple[int, int, str, list, str]] = []

    def add(i: int, j: int, kind: str, sigs: list, scope: str) -> None:
        out.append((full[i][3], full[j][4], kind, sigs, scope))

    sc = scan(text)
    marked = sc.hit(SITE_TRIGGER)
    # a document-sharing site: reading notices, and its page list (TITLE_第N页 repeated)
    i = 0
    while i < len(full):
        if full[i][0] not in marked:  # none of the tests below fires on it
            i += 1
            continue
        s = full[i][2]
        m = PAGE_LIST.match(s)
        if m:
            j = i
            while j + 1 < len(full) and (mm := PAGE_LIST.match(full[j + 1][2])) and mm.group(1) == m.group(1):
                j += 1
            if j - i + 1 >= 3:
                add(i, j, "doc-site-pages", [("doc-site-pages", 6, f"{m.group(1)[:20]}_第N页 ×{j - i + 1}"),
                                             ("own-line", 2, "")], "any")
                i = j + 1
                continue
        if len(s) <= 40 and (m := DOC_FIELD.match(s)):
            j, keys = i, [m.group(1)]  # a document-sharing site's file fields, one a line (格式:ppt / 大小:586 KB)
            while j + 1 < len(full) and len(full[j + 1][2]) <= 40 and (mm := DOC_FIELD.match(full[j + 1][2])):
                j += 1
                keys.append(mm.group(1))
            if len(set(keys)) >= 3 and any("页数" in k for k in keys):
                add(i, j, "doc-site-notice", [("doc-site-notice", 6, "、".join(keys[:4])),
                                              ("key-value-block", 2, f"{len(keys)} keys")], "any")
                i = j + 1
                continue
        if SELF_TITLE.match(s) and len(s) <= 120 and i + 1 < len(full) and SELF_ADDRESS.match(full[i + 1][2]):
            from .hosts import find as find_hosts

            refs = [r for r in find_hosts(full[i + 1][2]) if not r.official]
            if refs:
                add(i, i + 1, "blog-furniture", [("blog-furniture", 6, "标题/地址"), ("mirror-url", 4, refs[0].host)],
                    "any")
                i += 2
                continue
        if MASKED_VALUE.match(s.lower()) and i >= 1 and len(full[i - 1][2]) <= 12:
            j = i  # key / masked value pairs, the first key the line before
            while j + 2 < len(full) and len(full[j + 1][2]) <= 12 and MASKED_VALUE.match(full[j + 2][2].lower()):
                j += 2
            if (j - i) // 2 + 1 >= 3:
                add(i - 1, j, "gated-fields", [("gated-fields", 6, f"{s} ×{(j - i) // 2 + 1}"), ("own-line", 2, "")],
                    "any")
                i = j + 1
                continue
        if len(s) <= 100 and BYLINE.search(s) and not GOV_VOCAB.search(s) and (
                (w := BYLINE_WIDGET.search(s)) or (w := BYLINE_SUBMIT.search(s))):
            scope = "any" if w.re is BYLINE_WIDGET else "mirror"
            last = list(w.re.finditer(s))[-1]  # the widgets of the line, the first to the last
            a0 = full[i][3] + w.start()
            out.append((a0, full[i][3] + last.end(), "byline-widget" if scope == "any" else "byline-submit",
                        [("byline-widget", 6 if scope == "any" else 4, w.group(0)), ("in-byline", 2, s[:40])], scope))
            i += 1
            continue
        if len(s) <= 80 and (v := FARM_VARIANT_TAIL.search(s)) and v.start() >= 4:
            a0 = full[i][3] + v.start()
            out.append((a0, full[i][4], "farm-variant", [("farm-variant", 6, v.group(0)), ("title-tail", 2, s[:40])],
                        "any"))
            i += 1
            continue
        if len(s) <= 120:
            m = DOC_NOTICE.search(s.lower())
            net = NET_SOURCE.search(s) if not m else None
            variant = FARM_VARIANT.match(s) if not (m or net) and len(s) <= 80 else None
            if variant:
                add(i, i, "farm-variant", [("farm-variant", 6, variant.group(0)), ("own-line", 2, s[:40])], "any")
            elif net:  # (a chrome line by its 来源 label: reported here, where a candidate replaces the chrome)
                add(i, i, "net-source", [("net-source", 2, net.group(0)), ("own-line", 2, s[:40])], "any")
            elif m:
                add(i, i, "doc-site-notice", [("doc-site-notice", 6, m.group(0)), ("own-line", 2, s[:40])], "any")
            elif INVITE.search(s) and COMMERCIAL.search(s) and not re.search(r"[。；]", s):
                j = i + 1 if i + 1 < len(full) and COMPANY_LABEL.match(full[i + 1][2].lower()) else i
                add(i, j, "commercial-contact", [("commercial-contact", 6, INVITE.search(s).group(0)),
                                                 ("commercial-name", 2, COMMERCIAL.search(s).group(0))], "any")
                i = j + 1
                continue
            elif COMPANY_LABEL.match(s.lower()) and len(s) <= 80:
                add(i, i, "commercial-contact", [("company-contact-label", 4, s[:12]), ("own-line", 2, s[:40])],
                    "mirror")
            elif CAPTION_LINE.match(s):
                add(i, i, "image-caption", [("image-caption", 4, s[:30]), ("own-line", 2, "")], "mirror")
            elif i < 3 and len(s) <= 60 and (slogan := SITE_SLOGAN.search(s)) and not GOV_VOCAB.search(_nfkc(s)):
                from .hosts import find as find_hosts

                refs = [r for r in find_hosts(s) if not r.official] if "." in s else []
                if refs:  # the site naming itself by its address, with its slogan, at the top of the page
                    add(i, i, "site-slogan", [("site-slogan", 6, slogan.group(0)), ("mirror-url", 4, refs[0].host)],
                        "any")
        i += 1
    # the site's own header lines above the copied text: its name built of a portal genre (世良情感网) and a category
    # label glued to the publication time (金融百科2025-10-21 06:54:37) — a government page names itself by its organ
    # and dates its text under a 发布时间 label
    for k in range(min(head_end, 4)):
        s = full[k][2]
        if len(s) > 40 or not HAN.search(s) or GOV_VOCAB.search(_nfkc(s)):
            continue
        if k + 1 < len(full) and HOME_TRAIL.match(s):
            parts, nxt = s.split(), full[k + 1][2]
            if len(parts) >= 3 and len(parts[-1]) >= 4 and nxt.startswith(parts[-1]) \
                    and all(len(p) <= 14 for p in parts[1:-1]):
                # 「首页 理论教育 某某文章标题」 over 「某某文章标题」: a trail of blank-separated items ending in the title
                add(k, k, "breadcrumb", [("breadcrumb", 4, s[:40]), ("title-below", 2, nxt[:20])], "chrome")
                continue
        if k <= 1 and (m := SITE_NAME.fullmatch(s)):
            add(k, k, "site-name", [("site-name", 4, s), ("genre-morpheme", 2, m.group(1) or m.group(2))], "mirror")
        elif k <= 1 and (m := SITE_DOMAIN_NAME.fullmatch(s)) and spelled_name(m.group(1), m.group(2)):
            add(k, k, "site-name", [("site-name", 4, s), ("domain-spelled-from-name", 2, m.group(2))], "mirror")
        elif k >= 1 and (m := CATEGORY_DATE.fullmatch(s)):
            add(k, k, "site-category-date", [("site-category-date", 4, m.group(1)),
                                             ("glued-timestamp", 2, s[len(m.group(1)):].strip())], "mirror")
    # a news farm's channel label glued in front of the copied headline (全球热门:经济总量再上新台阶 / 天天快讯：…): the
    # label only; a government site titles its news without one
    for k in range(min(head_end, 2)):
        s = full[k][2]
        if (m := CHANNEL_PREFIX.match(s)) and len(s) - m.end() >= 6 and not re.search(r"[。；]", s) \
                and not GOV_VOCAB.search(_nfkc(m.group(0))):
            out.append((full[k][3], full[k][3] + m.end(), "site-channel",
                        [("site-channel", 4, m.group(0)), ("glued-to-title", 2, s[m.end():m.end() + 20])], "mirror"))
    # a forum archive's pager under the copied text (页: over [1] 2 3)
    for k in range(max(foot_start, 1), len(full) - 1):
        if len(full[k][2]) <= 4 and PAGER_LABEL.fullmatch(full[k][2]) and PAGER_PAGES.fullmatch(full[k + 1][2]):
            add(k, k + 1, "forum-pager", [("forum-pager", 4, full[k][2] + " " + full[k + 1][2]), ("own-line", 2, "")],
                "mirror")
    # bars, breadcrumbs, widgets and language switches on lines of their own
    tags = []
    marked = sc.hit(TAG_TRIGGER)
    for k, (a, _, s, _, _) in enumerate(full):
        if a not in marked or len(s) > 90 or re.search(r"[。；]", s):
            tags.append("")
            continue
        low = s.lower()
        if WIDGET_LINE.match(low) or login_bar(s):
            tags.append("widget")
        elif ACCOUNT_BYLINE.search(s) and not GOV_VOCAB.search(s):
            tags.append("site-account")
        elif RELATED.match(s):
            tags.append("related-list")
        elif PREV_NEXT.match(s):
            tags.append("prev-next")
        elif FLIPBOOK.match(s) and k < head_end + 2:
            tags.append("flipbook-page")
        elif SITE_NOTICE.search(s) and (k < head_end or k >= foot_start) and len(s) <= 80:
            tags.append("site-notice")
        elif breadcrumb(s):
            tags.append("breadcrumb")
        elif share_bar(s):
            tags.append("share-bar")
        elif lang_switch(s):
            tags.append("language-switch")
        elif PROMO.match(s) and not GOV_VOCAB.search(s):
            tags.append("site-promo")
        elif PAGE_HEADING.match(s):
            tags.append("page-heading")
        elif WELCOME.match(s) and not GOV_VOCAB.search(s):
            tags.append("site-welcome")
        else:
            tags.append("")
    for k, t in enumerate(tags):
        if not t:
            continue
        s = full[k][2]
        if t == "share-bar" and len([x for x in SHARE_SPLIT.split(s.lower()) if x]) < 2 and not SHARE_STRONG.match(
                s.lower()) and not any(tags[q] for q in (k - 1, k + 1) if 0 <= q < len(tags)):
            continue  # a lone weak item (关闭, 心情) counts only next to another bar
        if t == "widget" and not any(tags[q] for q in (k - 1, k + 1) if 0 <= q < len(tags)) and not (
                k < head_end or k >= foot_start):
            continue  # a lone 搜索 inside the text is a word
        scope = "chrome" if t in ("breadcrumb", "share-bar", "flipbook-page") else "mirror"
        j = k
        if t == "related-list":  # the heading and the headlines under it
            while j + 1 < len(full) and not tags[j + 1] and _headline(full[j + 1][2]):
                j += 1
        if t == "flipbook-page" and k > 0 and tags[k - 1] == "flipbook-page":
            continue  # "P. 4" under its "Page 4 - …" header: one block
        if t == "flipbook-page":
            while j + 1 < len(full) and FLIPBOOK.match(full[j + 1][2]):
                tags[j + 1] = "flipbook-page"
                j += 1
        add(k, j, t, [(t, 4, s[:40]), ("own-line", 2, "" if j == k else f"{j - k} headlines")], scope)
    # menus at the page edges: one line of ≥4 short items, or a run of ≥3 one-item lines (blank lines between)
    k = 0
    while k < len(full):
        edge = k < head_end or k >= foot_start
        items = menu_items(full[k][2]) if edge and not tags[k] else None
        if items:
            add(k, k, "site-menu", [("site-menu", 4, "、".join(items[:8])), ("short-item-run", 2, f"{len(items)} items")],
                "mirror")
            k += 1
            continue
        if edge and _item_line(full[k][2]):
            j = k
            while j + 1 < len(full) and (j + 1 < head_end or j + 1 >= foot_start) and _item_line(full[j + 1][2]):
                j += 1
            if j - k + 1 >= 3:
                add(k, j, "site-menu", [("site-menu", 4, "、".join(x[2] for x in full[k:j + 1][:8])),
                                        ("short-item-run", 2, f"{j - k + 1} lines")], "mirror")
            k = j + 1
            continue
        k += 1
    # news lists: ≥2 (headline, byline) pairs, or ≥3 dated headlines
    news = sc.hit(NEWS_TRIGGER)  # the byline of a pair, the date of a dated headline
    k = 0
    while k < len(full):
        if full[k][0] not in news and (k + 1 >= len(full) or full[k + 1][0] not in news):
            k += 1
            continue
        j = k
        while j + 1 < len(full) and _pair_headline(full[j][2]) and NEWS_BYLINE.search(full[j + 1][2]) \
                and len(full[j + 1][2]) <= 60 and not re.search(r"[。；]", full[j + 1][2]):
            j += 2
        if j - k >= 4:
            add(k, j - 1, "news-list", [("news-list", 4, full[k][2][:30]), ("byline-shape", 2, f"{(j - k) // 2} items")],
                "mirror")
            k = j
            continue
        j = k
        while j < len(full) and DATED_HEADLINE.match(full[j][2]) and not re.search(r"[。；]", full[j][2]):
            j += 1
        if j - k >= 3:
            add(k, j - 1, "news-list", [("news-list", 4, full[k][2][:30]), ("dated-headlines", 2, f"{j - k} items")],
                "mirror")
            k = j
            continue
        k += 1
    # a document-sharing site's watermark, printed into the text at every page of the document: one finding for all
    wm = [(m.start(), m.end()) for m in WATERMARK.finditer(text)] if sc.has(WATERMARK_TRIGGER) else []
    if wm and (len(wm) >= 2 or any(text[:a].rstrip(" \t")[-1:] in ("", "\n") for a, _ in wm)):
        out.append((wm[0][0], wm[-1][1], "doc-watermark",
                    [("doc-watermark", 6, text[wm[0][0]:wm[0][1]]),
                     ("recurring" if len(wm) >= 2 else "line-start", 2, f"{len(wm)}×"), ("edits", 0, wm)], "any"))
    # reference marks of an encyclopedia page: one finding for all of them
    if encyclopedia:
        marks = [(m.start(), m.end()) for m in REFMARK.finditer(text)
                 if m.start() > 0 and (HAN.match(text[m.start() - 1]) or text[m.start() - 1] in "。，,；)）")]
        if marks:
            out.append((marks[0][0], marks[-1][1], "reference-marks",
                        [("reference-marks", 4, f"{len(marks)}×"), ("encyclopedia-page", 2, ""),
                         ("edits", 0, marks)], "mirror"))
    out.sort(key=lambda x: (x[0], -x[1]))
    return out


# --- an item list judged by what it is not, and by what it is (issue 13) -----------------------------------------------
# A recommendation block, a previous/next line or a news list is a site's own list of its other articles. On a
# government page those are government items (an organ, a column, a notice, a meeting); on a mirror they are the
# mirror's: gossip, sports, commerce, international news. An item list is *foreign* when none of its items carries
# government or report vocabulary and the character model (ngram.py) reads the items together as foreign text.
FOREIGN_ITEMS = 0.7  # average log-ratio of the joined items (foreign.MEDIUM: the model's "worth reporting" level)
# headings of a government CMS's own related blocks: evidence of nothing (a government site writes them too)
GOV_RELATED = re.compile(r"^(?:相关(?:链接|文章|附件|专题|文件|政策|解读|阅读))\s*[:：»>]?$")
ITEM_PREFIX = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|上一页|下一页|上篇|下篇)\s*[:：]?\s*|^\d{1,2}[.、\s]\s*")
ITEM_DATE = re.compile(r"[\[(（]?(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d\d(?::\d\d)?)?[\])）]?")


def list_items(seg: str) -> list[str]:
    """The items (headlines) of a list block: its lines without the block's heading, the previous/next label, an
    item number or a date; byline lines (a date and a name) and lines without a Han character dropped."""
    out = []
    for ln in seg.split("\n"):
        s = ln.strip()
        if not s or RELATED.match(s):
            continue
        raw = ITEM_PREFIX.sub("", s)
        s = ITEM_DATE.sub("", raw).strip(" |｜·")
        if len(s) < len(raw) and len(s) <= 6:
            continue  # a date and a name: the byline under a headline (2024/11/21 某某某)
        if len(s) >= 4 and HAN.search(s) and not (BYLINE.search(s) and len(s) <= 30):
            out.append(s)
    return out


def foreign_items(items: list[str], model) -> str | None:
    """The model's score (as evidence text) when an item list is foreign: no item holds government or report
    vocabulary (at most three in ten of a list of five or more, left out of the score), and the items read together
    as foreign text; else None. ``model``: an ngram.Model, or a function
    that loads one (called only when the list has items to score)."""
    if not items:
        return None
    gov = [x for x in items if GOV_VOCAB.search(_nfkc(x)) or DOC_TITLE_WORDS.search(x)]
    if gov and (len(items) < 5 or len(gov) * 10 > len(items) * 3):
        return None  # a government site's list (a long foreign list may name an organ in one headline of three)
    items = [x for x in items if x not in gov]
    if callable(model):
        model = model()
    if model is None:
        return None
    score = model.score("\n".join(items))
    return f"{score:.2f}" if score >= FOREIGN_ITEMS else None


# the titles of a government site's own items: a document, a meeting, a work report (never a foreign list's)
DOC_TITLE_WORDS = re.compile(r"年度报告|工作报告|通知|公告|公示|通报|意见|办法|方案|规划|规定|细则|决定|批复|条例|会议|座谈|调研|督导|部署|"
                             r"印发|召开|开展|推进|落实")


def encyclopedia_page(text: str, url: str | None) -> bool:
    """An encyclopedia entry: the wiki's own words in the text, or an encyclopedia host."""
    return bool(WIKI_WORDS.search(text)) or bool(url and ENCYCLOPEDIA_HOST.search(url.split("//", 1)[-1].split("/")[0]))
