"""Foreign page furniture a mirror brings with it (GOV-K014), recognised by structure, not by a site's words.

- repost notices: 「本文来源于网络，如有侵权请联系删除」 and its variants (a content farm's disclaimer; a government
  site publishes its own text and never writes it);
- CMS signatures of site-farm templates: RSS地图 / HTML地图 / XML地图, Powered by + a farm CMS, 网站统计 + a
  counter (cnzz, 51la), tag clouds;
- a wiki infobox: a block of key-colon-value items with encyclopedia keys (中文名, 外文名, 别名, 编制单位 …) or an
  encyclopedia's own words (百科, 词条, 义项);
- a news portal's menu: a run of short items that are not sentences and are mostly a portal's category names
  (娱乐, 财经, 汽车, 房产, 星座, 彩票 …) with at most one government navigation word;
- a language switch (English / 繁體 / 简体) on a line that carries a foreign host or a locale parameter.

Each is an anchor on a line of its own (the structural signal: it is not a sentence of the report). Tier
``remove``: the line is furniture, never report text; severity of the rule (warning).
"""

from __future__ import annotations

import re

REPOST = re.compile(r"(?:本文|文章|内容|图片|图文|部分内容|本站部分内容|本站内容|资料|素材)(?:均)?(?:来源于|来自|转载自|摘自)"
                    r"(?:互联网|网络)|(?:来源于|转载自)(?:互联网|网络)(?=$|[，,。；;）)!！])|"
                    r"如有侵权|侵权(?:请)?(?:联系|告知)?(?:删除|必删)|联系删除|(?:联系|告知)(?:本站|我们|小编)(?:删除|处理)|"
                    r"版权归原作者|仅供(?:学习|交流)(?:参考|学习|交流)|不代表本站(?:观点|立场)|本站仅提供信息存储|"
                    r"本站不拥有所有权|请勿用于商业用途")
CMS_SPECIFIC = re.compile(r"rss地图|html地图|xml地图|sitemap\.xml|tag标签|标签云|dedecms|织梦|pbootcms|帝国cms|phpcms|"
                          r"discuz|z-?blog|emlog|wordpress|cnzz|51la|站长统计|网站模板|仿站|seo优化")  # on lower-cased text
CMS_SEMI = re.compile(r"powered\s*by|网站统计|百度统计|友情链接|免责声明|网站简介|关于本站|本站", re.I)
# a blog's or news site's own furniture: comment widgets, "本文链接", a commercial 400 hotline, tag labels, captions
BLOG = re.compile(r"^(?:最新评论|暂无评论|发表评论|我要评论|网友评论|评论列表|相关评论)|本文(?:的)?(?:链接|地址)(?:地址)?[:：]|"
                  r"原文链接[:：]|转载请注明(?:出处|来源)[:：]")
HOTLINE_400 = re.compile(r"(?:服务热线|客服热线|客服电话|全国热线|热线电话|热线)[:：]?\s*400[-\s]?\d{3}[-\s]?\d{4}")
TAG_LABEL = re.compile(r"^(?:标签|tags?|关键词|热门标签)\s*[:：]")
CAPTION = re.compile(r"[(（](?:资料图片|资料图|网络图片|图片来源[^()（）\n]{0,20}|图源[^()（）\n]{0,20})[)）]")
WIKI_WORDS = re.compile(r"百度百科|互动百科|求真百科|搜狗百科|360百科|维基百科|编辑词条|本词条|词条|义项|百科名片")
INFOBOX_KEY = re.compile(r"(?:^|[\s|｜])(中文名|中文名称|外文名|英文名|英文名称|别名|简称|拼音|编制单位|编制机关|发布单位|"
                         r"所属类别|所属地区|类型|性质|实施时间|发布时间|出处|释义|词性|作者|目的|意义|适用范围|依据)\s*[:：]\s*"
                         r"[^\s:：]{1,40}")
WIKI_KEYS = {"中文名", "中文名称", "外文名", "英文名", "英文名称", "别名", "拼音", "词性", "出处", "释义", "所属类别"}
PORTAL = frozenset("""娱乐 财经 汽车 房产 游戏 时尚 星座 小说 军事 综艺 电影 电视剧 明星 八卦 彩票 股票 基金 nba 中超 动漫 搞笑 情感
育儿 母婴 家居 数码 手机 科技 体育 视频 图片 美食 旅游 健康 教育 历史 文化 读书 女性 时政 国际 国内 社会 热点 推荐 排行 论坛
博客 问答 百科 资讯 头条 本地 生活 购物 招聘 二手 商城 音乐 直播 足球 篮球 电竞 美女 壁纸 段子 笑话 养生 宠物 影视 娱乐圈
财经频道 新闻 要闻 评论 专题 图库 下载 软件 网游 手游 页游 攻略 装备 汽车频道 房产频道 理财 保险 银行 期货 外汇 黄金""".split())
STRONG_PORTAL = frozenset("""娱乐 财经 汽车 房产 游戏 时尚 星座 小说 军事 综艺 电影 电视剧 明星 八卦 彩票 股票 nba 动漫 搞笑 情感
数码 美女 壁纸 段子 笑话 宠物 影视 娱乐圈 网游 手游 页游 攻略 期货 外汇 黄金 育儿 母婴 家居""".split())
GOV_NAV = re.compile(r"首页|政务|政府|信息公开|公开|服务|办事|互动|交流|参与|走进|概况|领导|机构|通知|公告|政策|解读|文件|"
                     r"专题|专栏|数据|规划|人事|财政|动态|要闻|新闻中心|网站地图|无障碍|关怀版|english|繁體|简体")
LANG_SWITCH = re.compile(r"english|繁體|繁体|简体中文|简体|中文版|日本語|한국어|русский|français|deutsch", re.I)
LOCALE = re.compile(r"[?&](?:locale|lang|language|hl)=[a-z\-]{2,7}", re.I)


TOC_ITEM = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、])")


def _lines(text: str):
    pos = 0
    for ln in text.split("\n"):
        yield pos, pos + len(ln), ln
        pos += len(ln) + 1


def _sentence(line: str) -> bool:
    return bool(re.search(r"[。；]", line)) and len(line) > 60


def find(text: str) -> list[tuple[int, int, str, list[tuple[str, float, str]]]]:
    """(start, end, kind, signals) of furniture lines in the view text."""
    from .hosts import find as find_hosts

    out = []
    lines = list(_lines(text))
    for a, b, ln in lines:
        s = ln.strip()
        if not s or (len(s) > 160 and not TOC_ITEM.match(s)):
            continue
        a0 = a + (len(ln) - len(ln.lstrip()))
        b0 = a + len(ln.rstrip())
        low = s.lower()
        m = REPOST.search(s)
        if m and len(s) <= 120:
            out.append((a0, b0, "repost-notice", [("repost-notice", 6, m.group(0)), ("own-line", 2, s[:40])]))
            continue
        m = BLOG.search(s) if len(s) <= 120 else None
        if m:
            out.append((a0, b0, "blog-furniture", [("blog-furniture", 6, m.group(0)), ("own-line", 2, s[:40])]))
            continue
        m = HOTLINE_400.search(s)
        if m and len(s) <= 80:
            out.append((a0, b0, "commercial-hotline", [("commercial-hotline", 6, m.group(0)), ("own-line", 2, s[:40])]))
            continue
        m = TAG_LABEL.match(low)
        if m and len(s) <= 60 and not _sentence(s):
            out.append((a0, b0, "tag-label", [("tag-label", 2, s[:40]), ("own-line", 2, s[:40]), ("info", 0, "")]))
            continue
        spec = CMS_SPECIFIC.findall(low)
        semi = CMS_SEMI.findall(low)
        if (spec or len(set(semi)) >= 2 and re.search(r"powered\s*by", low)) and not _sentence(s):
            out.append((a0, b0, "cms-signature",
                        [("cms-signature", 6, "、".join(dict.fromkeys(spec + semi)))] + [("own-line", 2, s[:40])]))
            continue
        wiki = WIKI_WORDS.search(s)
        keys = [k for k in INFOBOX_KEY.findall(s)]
        if (wiki and len(s) <= 60 and not _sentence(s)) or (len(keys) >= 2 and set(keys) & WIKI_KEYS):
            out.append((a0, b0, "wiki-infobox", [("wiki-infobox", 6, wiki.group(0) if wiki else "、".join(keys)),
                                                 ("key-value-block", 2, s[:40])]))
            continue
        if LANG_SWITCH.search(s) and not _sentence(s):
            refs = [r for r in find_hosts(s) if not r.official]
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
    out.extend(_menus(text, lines))
    # infobox split over lines: consecutive short "key：value" lines with an encyclopedia key
    run: list[tuple[int, int, str]] = []
    for a, b, ln in lines + [(len(text), len(text), "")]:
        m = INFOBOX_KEY.match(" " + ln.strip()) if ln.strip() and len(ln.strip()) <= 50 else None
        if m:
            run.append((a, b, m.group(1)))
            continue
        if len(run) >= 2 and {k for _, _, k in run} & WIKI_KEYS:
            s0, e0 = run[0][0], run[-1][1]
            if not any(x <= s0 < y for x, y, _, _ in out):
                out.append((s0, e0, "wiki-infobox", [("wiki-infobox", 6, "、".join(k for _, _, k in run)),
                                                     ("key-value-block", 2, f"{len(run)} lines")]))
        run = []
    out.sort()
    return out


def _place(item: str) -> bool:
    from .. import region

    try:
        return bool(region.province_of(item)) and len(item) <= 4
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
        if (len(strong) >= 2 and len(portal) >= 0.5 * len(items) and len(gov) <= 1) or (
                len(items) >= 8 and strong and len(portal) + len(places) >= 0.6 * len(items) and len(gov) <= 1):
            a, b = g[0][0], g[-1][1]
            line = text[a:b]
            a0 = a + (len(line) - len(line.lstrip()))
            b0 = a + len(line.rstrip())
            out.append((a0, b0, "portal-menu", [("portal-menu", 6, "、".join(portal[:8])),
                                               ("short-item-run", 2, f"{len(items)} items")]))
    return out
