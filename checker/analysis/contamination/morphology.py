"""Brand formations by morphology: a short name + a gambling/porn/streaming head word (+ a call to action).

Spam brands rotate faster than any list, but they are built the same way (spec/contamination.md §4.5): a
2–4 character name (Han, Latin or digits) glued to a head word — 娱乐场, 娱乐城, 导航网, 彩票网, 游戏大厅 are
gambling heads on their own; 体育, 直播, 娱乐, 棋牌, 电竞, 电子, 彩票, 真人, 国际, 游戏 are ordinary words and form a
brand only when a call to action follows (官方网站入口, 官网, app下载, 注册, 登录 …). Latin casino and bet tokens
(``188bet``, ``bet9``, ``xxcasino``) are formations too.

Question-form betting spam (``questions``): the search phrases that SEO farms write into a page —
「现在哪个app能买足彩」「买球app哪个是正规的」「哪个平台可以买球」 — a 哪个/哪家/哪里 question about an app, platform or
site to bet or watch on, or an app/platform asked to be 正规/靠谱; and the title signatures of essay farms that
repost a report as a model essay (「…工作报告范文」「…(通用5篇)」). They are SEO signatures (``G5``), not brands.

A formation is only a lexical anchor (family ``G1``, source ``morphology``): like every anchor it is removed
only with an independent structural signal, and the allow-list (体育彩票, 体育局, 娱乐场所 …) cancels it.
"""

from __future__ import annotations

import functools
import re

STRONG_HEADS = ("娱乐场", "娱乐城", "娱乐网", "娱乐平台", "娱乐官网", "娱乐网址", "娱乐网站", "娱乐app", "导航网", "导航站",
                "彩票网", "彩票平台", "彩票app", "彩票官网", "游戏大厅", "棋牌游戏中心", "真人视讯", "真人娱乐", "真人平台",
                "赌场", "赌城", "博彩网", "博彩公司", "博彩平台", "电子游艺", "电子平台", "体育平台", "体育投注",
                "体育娱乐", "体育博彩", "电竞平台", "直播平台app", "视频导航", "福利导航")
WEAK_HEADS = ("体育", "直播", "娱乐", "棋牌", "电竞", "电子", "彩票", "真人", "国际", "游戏", "视频", "影院")
CTA = ("官方正版下载", "正版下载", "官方网站入口", "官方网站", "官网入口", "官网", "官方入口", "网页版入口", "登录入口", "登陆入口", "注册入口",
       "入口", "app下载", "app官方下载", "下载安装", "下载", "官方版", "最新版", "手机版", "网页版", "注册", "登录",
       "登陆", "网址", "安卓版", "安卓", "ios版", "ios", "苹果版", "在线观看", "免费观看", "平台")
# a name that is ordinary wording: 全民体育, 学校体育, 网络直播, 新闻直播, 电商直播, 国家体育 …
NAME_STOP_WORDS = tuple(sorted(set("""游艺 歌舞 用于 适用于 经营 从事 申请 审批 开设 设立 监管 全民 群众 学校 竞技 青少年 少年 老年 中国 国家 社会 公共 民族 传统 职业 网络 电商 新闻 广播 电视 文化 旅游 智慧 数字 阳光 健康 校园 残疾人 冰雪 户外 休闲 大众 农民 社区 乡村 城市 县级 市级 省级 在线 线上 网上 现场 视频 图文 手机 移动 政务 党建 普法 法治 廉政 警务 税务 医保 消防 交通 安全 高清 免费 官方 正规 合法 专业 国际 全国 全省 全市 全县 本地 地方 红色 群体 职工 机关 妇女 儿童 户外 水上 冰上 山地 航空 汽车 摩托 电子 益智 网络游戏 单机 棋牌 经典 健身 休闲 科技 信息 进行 开展 组织 举办 通过 利用 依托 推进 加强 发展 促进 参与 宣传 教育 警示 培训 教学 科普 专题 公益 政策
解读 会议 庭审 发布会 活动 比赛 赛事 节目 演出 晚会 课程 讲座 推动 建设 打造 培育 支持 鼓励 规范 引导 带动 融合 产业
相关 有关 各类 优秀 精彩 原创 短 微 我县 我市 我区 本县 本市 全区 媒体 融媒体 新媒体 全媒体 燕赵 三秦 荆楚 齐鲁 八闽 巴蜀 江淮 中原
岭南 关东 三晋 陇原 天府 江南 塞上 八桂 彩云 雪域 天山 龙江 吉林 辽宁 津门 京城 沪上 申城 鹏城 羊城""".split()), key=lambda x: (-len(x), x)))  # (the same order in every process)
# before a gambling head (娱乐城, 彩票网 …) the words of a spam site's own name are allowed: 手机彩票网, 在线娱乐城
STRONG_STOP_WORDS = tuple(w for w in NAME_STOP_WORDS if w not in ("手机", "在线", "线上", "网上", "免费", "官方", "正规"))
NAME_STOP_CHARS = "省市县区镇乡村局委办厅部署"
# a preposition or particle closing the "name" makes it a phrase of the sentence, not a name: 「巡查博彩[中介人在]娱乐场内
# 之营运地点」「[旅客到]娱乐场」「[市民的]娱乐」 (prec8: a gov.mo-style regulator's sentence accused as a brand)
NAME_TAIL_FUNCTION = "在于的到往至从"


RIGHT_VETO = {"娱乐场": "所"}
# a regulator's verbs before 娱乐场/娱乐城 (加强预防娱乐场不法活动, 持续监察娱乐场: Macau's own word for a casino) are no name
NAME_VERB = re.compile(r"加强|持续|预防|监察|监管|打击|整治|查处|取缔|规范|利用|针对|前往|进入|涉及|巡查|检查|严防|严禁|禁止|"
                       r"管理|监督|不法|非法|违法|"
                       # a court's or a police notice's wording (prec8: 「购买淫秽视频网址链接」「出售淫秽视频」): the legal
                       # word 淫秽 and the verbs of trading in such material are never a site's name
                       r"淫秽|购买|出售|贩卖|传播|兜售|售卖")
NAME = re.compile(r"[\u4e00-\u9fffa-z0-9]")
# a count or a determiner is no name: 「共40间娱乐场」「巡查44间娱乐场」「路氹某娱乐场」「所有娱乐场」 (prec7)
QUANTITY_NAME = re.compile(r"(?:\d|[一二三四五六七八九十两几多数])[间家个座所处]$|(?:某|各|该|每|所有|全部|其他|其余|这些|那些|"
                           r"个别|部分|多间|各间|该间|全澳|本澳)$")
# heads that are also a common noun (Macau's legal word for a casino is 娱乐场; 赌场, 赌城 and 博彩公司 are plain nouns):
# where the document writes one as a noun — counted (四十间娱乐场), determined (所有娱乐场), or opening a clause
# (。娱乐场须…, ，娱乐场隶属…; not 娱乐场官网) — it is the text's subject, and a name before it without a call to action (确定娱乐场, 至今娱乐场, the
# licensed venue a regulator names: 新濠天地娱乐场) is the text's own noun phrase, not a brand formation (prec7)
NOUN_HEADS = ("娱乐场", "赌场", "赌城", "博彩公司")
NOUN_HEAD_ALT = r"(娱乐场|赌场|赌城|博彩公司)"
# (two patterns: their alternation in one is quadratic on a long run of digits; each alone is linear)
NOUN_COUNTED = re.compile(r"(?:(?:\d|[一二三四五六七八九十两几多数])[间家个座所]|某|各|该|每|所有|全部|其他|其余|这些|个别|部分|"
                          r"全澳|本澳)" + NOUN_HEAD_ALT)
NOUN_OPENING = re.compile(r"(?:^|[。；;：:！？，,\n])[ \t\u3000]*" + NOUN_HEAD_ALT +
                          r"(?=[\u4e00-\u9fff])(?!官|网|入口|注册|登录|登陆|下载|平台|开户|推荐|排名|排行)", re.M)


def noun_heads(low: str) -> frozenset[str]:
    """The heads of :data:`NOUN_HEADS` that ``low`` writes as a common noun (see there)."""
    if not any(h in low for h in NOUN_HEADS):
        return frozenset()
    return frozenset(m.group(1) for pat in (NOUN_COUNTED, NOUN_OPENING) for m in pat.finditer(low))


SEP_LEFT = "、，,。；;：:（(【[《“\"' \t\n|｜_/·•-—"
BET = re.compile(r"(?<![a-z0-9])(?:\d{2,4}bet|bet\d{2,4}|1xbet|bwin|dafabet|sbobet|vwin|fun88|18luck|w88|m88|"
                 r"[a-z]{2,10}casino|casino[a-z]{0,10}|[a-z]{1,8}bet(?:365|way|\d{1,3})?|hg\d{4}|ag\d{3,4})(?![a-z0-9])")
# English words that end in "bet" (alphabet, Tibet …) are not bet brands
NOT_BET = frozenset({"alphabet", "abet", "sorbet", "tibet", "gibbet", "sherbet", "barbet", "quodlibet", "aquabet"})


# A Latin or alphanumeric brand token glued to a gambling head word (uedbet体育, 365娱乐, vwin彩票): the Latin half of
# the mixed brands the mirrors write (德赢VWIN, 爱游戏ayx, bob半岛). Heads that are also ordinary after an acronym
# (直播, 平台, 游戏, 下载, 官网: NBA直播, OA平台, APP下载, 12306官网) are not taken here.
LATIN_HEADS = ("体育", "娱乐", "彩票", "棋牌", "电竞", "真人", "博彩", "视讯", "捕鱼", "电子游艺")
LATIN_TOKEN = re.compile(r"(?<![a-z0-9])(?:[a-z][a-z0-9]{1,9}|\d{3,5})(?=(?:[·\-_ ]?)(?:" + "|".join(LATIN_HEADS) + "))")
# acronyms and words an official text writes before those heads (KTV娱乐场所, CCTV5体育频道, NBA/CBA/CUBA, VR娱乐 …)
LATIN_COMMON = frozenset("""ktv cctv cctv5 cctv16 btv cba nba wcba cuba fifa afc ufc wwe nfl mlb vr ar mr xr ai tv iptv
mv dj app apk pc dv k12 ok ip cpi gdp ppp cs lol dota fps rpg moba mba ceo it ict iot pk sos kpl lpl ymca
ymc ipad iphone android ios wifi tiktok www com net org cn gov html pdf doc ofd wps ai pro max plus mini
u17 u19 u21 u23 u15 vip eg no new etc gps gis erp crm sap ocr cad bim api sdk usb led lcd nfc rfid pmi ppi hiv aids covid
sars mers who imf wto iso ccc ems sms qq wechat""".split())
# public service numbers (110, 12345 …): never a brand
# the prefilters (issue 16), on the lower-cased text: a token glued to a Latin head; what every BET alternative
# spells (bet, win, 88, luck, casino, hg/ag + digit); what every QUESTION alternative needs (哪, 什么, 范文, 篇)
LATIN_TRIGGER = re.compile(r"[a-z0-9][·\-_ ]?(?:" + "|".join(LATIN_HEADS) + ")")
BET_TRIGGER = re.compile(r"bet|win|fun88|w88|m88|luck|casino|hg\d|ag\d")  # (88 alone: any number)
# the tip sites' title formula (释义、解释与落实) starts with 释义/解答/解析/诠释 (not 落实: every report writes it)
QUESTION_TRIGGER = re.compile(r"哪|什么|范文|篇|释义|解答|解析|诠释|解释.?落实")
SERVICE_NUMBER = re.compile(r"^(?:11[0-9]|12[0-9]|123\d{2}|1\d{4}|96\d{3}|9\d{4})$")


# a digit or Latin brand token glued before a short Han name and a gambling head or app (188博金宝app, 365彩票体育):
# the mixed brands whose Han half is no listed core
# (written to open on a character class: 「(?<![a-z0-9])(?:\d{3,5}|[a-z]{3,6})」 as its first character, the look-behind
# past it, the rest of the token by that character's kind — so re skips, in C, the positions that cannot start it)
PREFIXED = re.compile(r"[\da-z](?<![a-z0-9].)(?:(?<=\d)\d{2,4}|(?<=[a-z])[a-z]{2,5})[\u4e00-\u9fff]{2,4}?"
                      r"(?:app|体育|娱乐|官网|彩票|棋牌|电竞|真人)")
# what every PREFIXED match ends with, and every LATIN_TRIGGER match holds: a text without one has none (issue 16:
# both patterns open on a class that every digit and letter of a report starts)
PREFIXED_HEADS = re.compile(r"app|体育|娱乐|官网|彩票|棋牌|电竞|真人")
LATIN_HEAD_WORDS = re.compile("|".join(LATIN_HEADS))


def _bad_token(tok: str) -> bool:
    return tok in LATIN_COMMON or tok.isdigit() and bool(SERVICE_NUMBER.match(tok) or re.match(r"^(?:19|20)\d\d$", tok))


# ads9: the slot-game and live-casino vendors whose names the mirrors glue to 电子 (电子 = the slot machines of a
# casino site: PG电子, CQ9电子, JDB电子) — a vendor token + 电子 is a game hall, never a company or a product (the
# electronics makers LG电子, TCL电子, NEC电子 … are not vendors and stay outside); the other heads (真人, 棋牌, 捕鱼 …)
# are LATIN_HEADS already. A Han name glued before the token (「九龙江CQ9电子」: a place + the vendor) is the same insert.
GAME_VENDORS = ("cq9", "jdb", "pg", "mg", "pp", "fg", "bbin", "ag", "bg", "ky", "cg", "jili", "bng", "ttg", "evo",
                "ebet", "wm", "dg", "habanero", "playtech", "microgaming", "pgsoft", "spadegaming")
VENDOR = re.compile(r"(?<![a-z0-9])(?:" + "|".join(sorted(GAME_VENDORS, key=len, reverse=True)) +
                    r")(?![a-z0-9])[·\-_ ]?(?=电子|老虎机|拉霸)")
VENDOR_TRIGGER = re.compile(r"电子|老虎机|拉霸")
# 「老金沙9170登录入口」「威尼斯人0148登录」: a 2–4 character name + a 3–5 digit site number + a login or site call to
# action — the casino sites' numbered mirror names (the number tells one copy of the site from the next); public
# service numbers (12345, 95533, 12306) and years are no site numbers, and a name that is a service, a line or a
# portal (热线, 平台, 政务, 服务 …) is none either
SITE_NUMBER = re.compile(r"(?<![0-9a-z])\d{3,5}(?![0-9])[·\-_ ]?(?=登录入口|登陆入口|登录|登陆|官网|网址|线路|注册|入口|"
                         r"app|手机版|网页版)")
SITE_NUMBER_TRIGGER = re.compile(r"\d{3}[·\-_ ]?(?:登录|登陆|官网|网址|线路|注册|入口|app|手机版|网页版)")
SITE_NUMBER_STOP = ("热线", "电话", "服务", "平台", "政务", "网", "号", "编号", "账号", "代码", "码", "中心", "大厅", "窗口",
                    "邮编", "传真", "手机", "短信", "客服", "专线", "信箱", "系统", "办", "通", "版")


def vendor_formations(low: str) -> list[tuple[int, int, int | None, str]]:
    """(start, end, end of the call to action or None, head) of a game vendor + 电子 (PG电子, 九龙江CQ9电子)."""
    out = []
    if not VENDOR_TRIGGER.search(low):
        return out
    for m in VENDOR.finditer(low):
        head = next(h for h in ("电子", "老虎机", "拉霸") if low.startswith(h, m.end()))
        end = m.end() + len(head)
        if re.match(r"(?:有限公司|有限责任|股份|公司|科技|实业|商贸|集团|产品|元器件|设备|厂|信息|政务|商务|签名|证照|监察)",
                    low[end:end + 4]):
            continue  # 电子有限公司, 电子政务, 电子签名 …: a company or an ordinary compound, not a game hall
        s = n = m.start()
        while n > 0 and s - n < 5 and "\u4e00" <= low[n - 1] <= "\u9fff":
            n -= 1
        if 2 <= s - n <= 4 and (n == 0 or low[n - 1] in SEP_LEFT) and low[s - 1] not in NAME_STOP_CHARS \
                and not NAME_VERB.search(low[n:s]):
            s = n  # 「，九龙江CQ9电子」: the Han name glued before the vendor is the same insert
        out.append((s, end, _cta_end(low, end), head))
    return out


def site_number_formations(low: str) -> list[tuple[int, int, int | None, str]]:
    """(start, end of name+number, end of the call to action, "site-number") of 老金沙9170登录入口-like names."""
    out = []
    if not SITE_NUMBER_TRIGGER.search(low):
        return out
    for m in SITE_NUMBER.finditer(low):
        num = m.group(0).strip("·-_ ")
        if SERVICE_NUMBER.match(num) or re.match(r"^(?:19|20)\d\d$", num):
            continue
        s = _name_start(low, m.start(), True)
        if s is None or not all("\u4e00" <= ch <= "\u9fff" for ch in low[s:m.start()]):
            continue
        name = low[s:m.start()]
        if name.endswith(SITE_NUMBER_STOP) or any(ch in NAME_STOP_CHARS for ch in name):
            continue
        cta = _cta_end(low, m.end())
        if cta is None:
            continue
        out.append((s, m.end(), cta, "site-number"))
    return out


def prefixed_formations(low: str) -> list[tuple[int, int, int | None, str]]:
    """(start, end, end of the call to action or None, head) of token + Han name + head formations (188博金宝app)."""
    out = []
    for m in PREFIXED.finditer(low) if PREFIXED_HEADS.search(low) else ():
        tok = re.match(r"\d+|[a-z]+", m.group(0)).group(0)
        name = m.group(0)[len(tok):]
        head = next(h for h in ("app", "体育", "娱乐", "官网", "彩票", "棋牌", "电竞", "真人") if name.endswith(h))
        name = name[:-len(head)]
        if _bad_token(tok) or any(ch in NAME_STOP_CHARS for ch in name) or name.endswith(NAME_STOP_WORDS) \
                or name.startswith(NAME_STOP_WORDS) or SLOT_VETO.match(low, m.end()):
            continue
        out.append((m.start(), m.end(), _cta_end(low, m.end()), head))
    return out


def latin_formations(low: str) -> list[tuple[int, int, int | None, str]]:
    """(start, end of token+head, end of the call to action or None, head) for Latin/digit tokens + gambling heads."""
    out = []
    if not LATIN_HEAD_WORDS.search(low) or not LATIN_TRIGGER.search(low):
        return out
    for m in LATIN_TOKEN.finditer(low):
        tok = m.group(0)
        if tok in LATIN_COMMON or tok.isdigit() and (SERVICE_NUMBER.match(tok) or re.match(r"^(?:19|20)\d\d$", tok)):
            continue
        j = m.end() + (1 if low[m.end():m.end() + 1] in "·-_ " else 0)
        head = next(h for h in LATIN_HEADS if low.startswith(h, j))
        end = j + len(head)
        if re.match(r"(?:场所|频道|产业|总局|局|馆|场馆|中心|公园|学院|大学|协会|比赛|赛事|活动|节目|设施|用品|器材)", low[end:end + 3]):
            continue  # KTV娱乐场所, CCTV5体育频道, a venue, a body or an event
        if re.match(r"(?:有限公司|有限责任|股份|公司|科技|实业|商贸|集团有限)", low[end:end + 4]):
            continue  # a registered company's name
        out.append((m.start(), end, _cta_end(low, end), head))
    return out


def core_pairs(low: str, s: int, e: int) -> int | None:
    """A brand core [s, e) glued to a Latin brand token on either side (bob半岛, 半岛bob, ky开元): the other end of the
    mixed brand, else None. The token is 2–8 Latin letters/digits, not an ordinary acronym."""
    m = re.match(r"[a-z][a-z0-9]{1,7}(?![a-z0-9])", low[e:e + 9])
    if m and m.group(0) not in LATIN_COMMON:
        return e + m.end()
    k = s
    while k > 0 and s - k < 9 and low[k - 1].isascii() and low[k - 1].isalnum():
        k -= 1
    tok = low[k:s]
    if 2 <= len(tok) <= 8 and tok[0].isalpha() and tok not in LATIN_COMMON:
        return k
    return None


def _name_start(low: str, head_start: int, strong: bool = False) -> int | None:
    """Start of the 2–4 character name before a head word, stopping at punctuation or a list separator."""
    i = head_start
    while i > 0 and head_start - i < 6 and NAME.match(low[i - 1]) and low[i - 1] not in SEP_LEFT:
        i -= 1
    n = head_start - i
    if n < 2:
        return None
    if n > 4:
        # not bounded by a separator: a glued name; take the last 2–4 characters of one script
        i = head_start - 4
        while i < head_start - 2 and low[i].isascii() != low[head_start - 1].isascii():
            i += 1
    while i < head_start - 2 and (low[i] in "年月日号" and i > 0 and low[i - 1].isdigit() or low[i].isdigit()
                                  and not low[head_start - 1].isdigit()):
        i += 1  # 「2023年银鲨彩票网」: the date before a name is not part of it
    name = low[i:head_start]
    stop = STRONG_STOP_WORDS if strong else NAME_STOP_WORDS
    if name[-1] in NAME_STOP_CHARS or name[-1] in NAME_TAIL_FUNCTION or name.isdigit() or name.endswith(stop) or NAME_VERB.search(name) \
            or QUANTITY_NAME.search(name):
        return None
    return i


def _cta_end(low: str, j: int) -> int | None:
    m = re.match(r"[\s·•\-_]?", low[j:j + 1])
    k = j + (m.end() if m else 0)
    for c in CTA:
        if low.startswith(c, k):
            return k + len(c)
        if low.startswith("app" + c, k):
            return k + 3 + len(c)
    return None


@functools.lru_cache(maxsize=4)
def _head_pattern(heads: tuple[str, ...]) -> re.Pattern:
    """The alternation of the head words, longest first (built once)."""
    return re.compile("|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True)))


# 在线 is no head of its own (在线服务, 在线办理): it forms a site's name only before a call to action no service
# counter of a government writes — 官网, 官方网站, 网址, app下载, 注册送 (ads8: 太平洋在线官网 of the brief's held-out
# pages); a name that is a service or a portal (…服务在线, …政务在线, …网在线) is no brand
ONLINE = re.compile(r"在线(?=官网入口|官方入口|官方网站|官网|网址|app下载|注册送)")
ONLINE_STOP = ("服务", "政务", "网", "平台", "中心", "大厅", "办事", "教育", "课堂", "学习", "医疗", "问诊", "健康", "强国",
               "中国", "人民", "政府", "新闻", "日报", "电视", "广播", "融媒", "媒体", "银行", "邮政", "电信", "移动", "联通")


def formations(low: str) -> list[tuple[int, int, int | None, str]]:
    """(start, end of name+head, end of the call to action or None, head) on a lower-cased text."""
    out = []
    pat = _head_pattern(STRONG_HEADS + WEAK_HEADS)
    nouns = noun_heads(low)
    pos = 0
    while True:
        m = pat.search(low, pos)
        if not m:
            break
        pos = m.start() + 1
        head = m.group(0)
        s = _name_start(low, m.start(), head in STRONG_HEADS)
        if s is None:
            continue
        if low.startswith(RIGHT_VETO.get(head, "\0"), m.end()) or re.match(r"(?:所|设备|机|厅|室|馆|场所|协会|活动|产业|综合体|设施|项目|休闲|消费|节目|器材|用品)", low[m.end():m.end() + 3]):
            continue  # 娱乐场所, 电子游艺设备, 彩票站 …: a venue or a device, not a brand
        if re.match(r"(?:有限公司|有限责任|股份|公司|科技|实业|商贸)", low[m.end():m.end() + 4]):
            continue  # a registered company's name
        cta = _cta_end(low, m.end())
        if head in nouns and cta is None:
            continue  # the document's own common noun (NOUN_HEADS)
        if head in STRONG_HEADS or (cta is not None and low[m.end():cta].strip("·•-_ ") not in ("平台",)):
            out.append((s, m.end(), cta, head))
            pos = m.end()
    for m in ONLINE.finditer(low) if "在线" in low else ():
        # 「太平洋在线官网注册送彩金」: an ordinary word + 在线 made a site's name by the call to action glued to it (ads8)
        s = _name_start(low, m.start())
        if s is None or low[s:m.start()].endswith(ONLINE_STOP):
            continue
        out.append((s, m.start() + 2, m.end(), "在线"))
    for m in BET.finditer(low) if BET_TRIGGER.search(low) else ():
        if m.group(0) in NOT_BET:
            continue
        out.append((m.start(), m.end(), _cta_end(low, m.end()), "bet"))
    import bisect

    taken = sorted((s, e) for s, e, _, _ in out)
    starts = [a for a, _ in taken]
    reach = []  # the furthest end among the spans starting at or before each one
    for _, b in taken:
        reach.append(max(b, reach[-1]) if reach else b)
    for f in latin_formations(low) + prefixed_formations(low) + vendor_formations(low) + site_number_formations(low):
        k = bisect.bisect_left(starts, f[1]) - 1  # spans starting before this one's end
        if k < 0 or reach[k] <= f[0]:
            out.append(f)
    return out


# heads that form a brand's shape with a 2–4 character name but are ordinary words too (金蛙体育, 星辰直播): such a
# "weak formation" is never an anchor of its own; it counts only inside a fixed slot of the report's wording
# (slots.title_slots), and only when the same insert recurs (a mirror replaces every occurrence)
SLOT_HEADS = ("体育", "直播", "娱乐", "棋牌", "电竞", "彩票", "真人", "影院")
SLOT_HEAD = re.compile("|".join(SLOT_HEADS))
SLOT_VETO = re.compile(r"(?:场|馆|中心|公园|学校|学院|大学|总局|局|司|处|科|频道|赛事|比赛|运动|产业|事业|精神|强国|大会|节|周|"
                       r"活动|课|项目|协会|俱乐部|基地|用品|器材|设施|彩票|公益|工作|发展|管理|服务|设备|室|厅|所|站)")


def weak_formations(low: str) -> list[tuple[int, int]]:
    """(start, end) of name + weak head (体育, 直播, 娱乐 …) formations on a lower-cased text, venues and bodies excluded."""
    out = []
    for m in SLOT_HEAD.finditer(low):
        s = _name_start(low, m.start())
        if s is None or SLOT_VETO.match(low, m.end()):
            continue
        name = low[s:m.start()]
        cut = max(name.rfind(ch) for ch in NAME_STOP_CHARS + "，。、；：")  # 某县[金蛙]: the place ends the name
        if cut >= 0:
            s += cut + 1
        f = FUNCTION_PREFIX.match(low, s, m.start())  # 现将[星辰], 请与[星辰]: the slot's own verb is not the name's
        if f and m.start() - f.end() >= 2:
            s = f.end()
        if m.start() - s >= 2:
            out.append((s, m.end()))
    return out


FUNCTION_PREFIX = re.compile(r"现将|请与|关于|根据|依据|按照|通过|登录|在|由|经|为|与|和|及|是|将|对|向|从|把")


# 「现在哪个app能买足彩」「哪家平台可以买球」「哪里能看球直播」: a question about where to bet (or watch)
_Q_WHERE = r"(?:现在|目前|最新|正规的?|靠谱的?)?(?:哪个|哪家|哪些|什么)(?:app|软件|平台|网站)(?:上|里)?(?:可以|能|可)"
_Q_BET = r"(?:买|玩|下注|投注|押|赌)(?:足彩|足球|篮球|球|彩票|彩|世界杯|欧洲杯|nba|比分|竞彩|百家乐|时时彩|六合彩)"
# 「买球app哪个是正规的」「体育app哪个靠谱」: an app/platform/site asked to be 正规/靠谱 (title tails and SEO slots)
_Q_LEGIT = r"(?:app|软件|平台|网站|网址)(?:[\u4e00-\u9fff]{0,2})?哪(?:个|家|些)(?:是|比较|最)?(?:正规|靠谱|安全|可靠)(?:的|点)?"
# essay-farm page titles (范文 sites repost reports as "model essays"): 「…工作报告范文」「…年度报告(通用5篇)」「精选8篇」
_ESSAY = r"(?:报告|年报|总结)(?:范文|范本范文)(?:大全|精选)?|范文(?:大全|精选)|[（(](?:通用|精选|优选|热门|推荐)\d{1,2}篇[）)]|(?:精选|通用)\d{1,2}篇"
# lottery tips dressed as disclosure wording (六合彩 tip sites' SEO titles): a Macau/HK place + tip modifiers + 资料 +
# 公开/大全 — 「2023年澳门全年资料公开」「澳门内部资料免费公开」「新澳门免费资料大全」; 免费/最新/内部 alone make a 大全
# only (澳门内部资料公开, 澳门免费资料公开 are also what an article about open data says)
_TIP_PLACE = r"(?:\d{4}年?)?(?:新澳门|澳门|香港|新澳|澳彩|港彩|新奥|奥门)(?:\d{4}年?)?(?:特别行政区|特区)?(?:政府)?"
_TIP_STRONG = r"(?:全年|正版|精准|最准|今晚|今期|期期|天天彩|天天|一肖一码|一码一肖|特马|六合彩|六合|管家婆|四不像|开奖|王中王|二四六|246)"
_TIP_ANY = r"(?:免费|最新|内部|" + _TIP_STRONG[3:]
TIP = re.compile(_TIP_PLACE + _TIP_ANY + r"{0,2}" + _TIP_STRONG + _TIP_ANY + r"{0,2}资料(?:免费|精准|全年|最新)?公开|"
                 + _TIP_PLACE + _TIP_ANY + r"{0,3}资料(?:免费|精准)公开|" + _TIP_PLACE + _TIP_ANY + r"{1,3}资料(?:免费)?大全|"
                 # 「2025新澳天天开好彩大全」(sdwjcz.com's fake notice): the tip sites' own wish, 开好彩, after the place
                 + _TIP_PLACE + r"(?:天天|今晚|今期)?开好彩(?:资料)?(?:大全|免费资料)?|"
                 # without the place (brand5): 「宣布将所有内部资料免费公开」「2025年公开全年资料」
                 r"(?:全年|正版)?内部资料(?:免费|精准)公开|全年内部资料公开|\d{4}年?(?:澳门|香港)?公开全年(?:内部)?资料")
# the title formula of those pages: 「…全面释义、解释与落实」「实用释义、解释及落实」「精选解答、解释落实」
_FORMULA = r"(?:释义|解答|解析|诠释)[、，,]?(?:解释|解答)[与和及、]?落实"
# 「…,精准解答落实」「…最佳精选解释落实」: a tip-site modifier + an answer word + 落实 (政策解读 is a report's, never here)
_FORMULA2 = (r"(?:精准|精选|全面|正确|详细|权威|科学|深入|综合|实用|定量|定性|最佳|专家|经典|高效|快速|实时|前沿|统计|数据)"
             r"{1,2}(?:解答|释义|解析|诠释|解释)(?:[与和及]?(?:解释|解答))?[与和及]?落实")  # (深入数据解答解释落实: two)  # 「实用释义、解释与落实」 is _FORMULA's
QUESTION = re.compile(_Q_WHERE + _Q_BET + "|" + _Q_LEGIT + "|" + _ESSAY + "|" + _FORMULA + "|" + _FORMULA2)


def tips(low: str) -> list[tuple[int, int]]:
    """(start, end) of lottery tips dressed as disclosure wording (澳门全年资料公开) on a lower-cased text."""
    if "资料" not in low and "开好彩" not in low:  # every TIP alternative spells one of them
        return []
    return [(m.start(), m.end()) for m in TIP.finditer(low)]


def questions(low: str) -> list[tuple[int, int]]:
    """(start, end) of question-form betting spam and essay-farm or tip-site title signatures on a lower-cased text."""
    if not QUESTION_TRIGGER.search(low):
        return []
    return [(m.start(), m.end()) for m in QUESTION.finditer(low)]


# the number plays of illegal (Mark Six style) lotteries, by their morphology rather than a list (ads7): a numeral +
# 肖 (zodiac picks) with a numeral + 码 (number picks) — 「四肖八码」「六肖十二码」 —, a pick promised to win (「三码必中」
# 「一肖中特」「二尾中特」「一波中特」), a pick struck out (「杀三肖」), a flat pick (「平特二尾」), and the tip sites' promise
# 「期期准」; seen on the `pages` store's fake notices (news.xintaonong.com 「摇钱树四肖八码期期三码必中」, xasczs.com
# 「澳门一码一肖一待一中」; tune w0509 「一碼一特」). 一码通, 三码合一, 健康码, 学期期中, 一村一特 are outside every alternative (码 only before 必中/中特
# or after a 肖 pick; 期期 only before 准/必中).
_NUM = r"[一二三四五六七八九十两\d]"
SLANG = re.compile(_NUM + r"{1,2}肖" + _NUM + r"{1,3}码|" + _NUM + r"{1,2}[码肖]" + _NUM + r"{1,2}特|" + _NUM + r"{1,2}[码肖尾波](?:必中|中特|必出|包中)|"
                   r"[红蓝绿]波中特|杀" + _NUM + r"{1,2}[肖尾]|平特" + _NUM + r"{1,2}[肖尾]|期期(?:准|必中|精准)")
SLANG_TRIGGER = re.compile(r"肖|尾|中特|必中|必出|包中|期期|码.{1,2}特")
# ads9: the rapid draws only illegal lotteries run — a draw every N minutes (一分快三, 5分赛车) or 极速 (极速快3, 极速飞艇):
# a gambling word like 六合彩 (family G3, not slang: a 公安 notice describing a site names them, 「五分赛车、六合彩等赌博形式」);
# the legal games (快3, 快乐8, 11选5 of the provincial lotteries) stay outside
RAPID = re.compile(r"(?:[一二三五十]|\d{1,2})分(?:快三|快3|赛车|飞艇|pk10|时时彩|六合彩|11选5|快乐8)|"
                   r"极速(?:快三|快3|飞艇|pk10|时时彩|六合彩|11选5|快乐8)")
RAPID_TRIGGER = re.compile(r"分快|分赛车|分飞艇|分pk|分时时|分六合|分11|极速")


def rapid_draws(low: str) -> list[tuple[int, int]]:
    """(start, end) of the rapid-draw lottery names (一分快三, 极速快3) on a lower-cased text."""
    if not RAPID_TRIGGER.search(low):
        return []
    return [(m.start(), m.end()) for m in RAPID.finditer(low)]


def slang(low: str) -> list[tuple[int, int]]:
    """(start, end) of the number-play slang of illegal lotteries (四肖八码, 三码必中, 期期准) on a lower-cased text."""
    if not SLANG_TRIGGER.search(low):
        return []
    return [(m.start(), m.end()) for m in SLANG.finditer(low)]
