"""Injected ads (A) and porn title stuffing (B): lexical anchors, suppressors, structural evidence, tiers.

A candidate starts at a gambling brand (G1, or a brand core formed with its own suffix), a generic gambling or
lottery word (G3) or an SEO signature (G5); calls to action (G2) right after it and neighbouring anchors joined by a
list separator are absorbed into the same span. Then (spec/contamination.md §4.5–4.8, §4.14):

- suppressors: enforcement context (G3 ×0, G1 ×0.2), public-welfare lottery context (G3 ×0), inside 《》 (×0),
  a government organ's own website before a call to action (G2 ×0);
- structural evidence, independent of the words: the span breaks an enumeration, fills the organ-name or address
  slot of a sentence, repeats verbatim, sits in the title/header line or in a footer, is hidden in HTML;
- tier ``remove`` (an error, removed by ``clean``) only when score ≥ 8, the anchor is specific (a brand, a gambling
  word with a call to action, an SEO signature) and at least one structural signal fired; ``flag`` (a warning,
  never removed) when the anchor is specific or a structural signal fired and score ≥ 5; otherwise nothing.

Porn tokens (G4) are never evidence one by one: only a stuffed list (≥3 distinct tokens within 60 characters,
≥2 list separators, no sentence punctuation, no government word) is a candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...normalize import is_han
from .base import HAN, SENT_END, Trigger, line_bounds, lower, scan, sentence_bounds
from .hosts import spam_url
from .lexicon import Hit

LIST_SEP = "、，,_|｜/·•-—"
LEFT_DECOR = re.compile(r"(?:20\d{2})?(?:新澳门|澳门特区|澳门|新澳|香港|网上|线上|在线|真人|原创|英国|美国|菲律宾|柬埔寨|马耳他)$|20\d{2}$")
BRAND_CHAIN = re.compile(r"(?:公司|集团)?(?:[_\-·|｜]?(?:官方网站|官网入口|官网|官方入口|入口|网址))+|(?:公司|集团)(?=[_\-·|｜]?[@:：])")
BRAND_TAIL = re.compile(r"(?:体育娱乐场|体育娱乐城|体育|娱乐城|娱乐场|娱乐|电竞|棋牌|真人|彩票|国际|集团)(?!场所|产业|活动|设施|中心|馆|局)")
MEDIA_HEADS = ("传媒", "映画", "制片厂", "影业", "视频", "直播", "vlog")
ORGAN_RIGHT = re.compile(r"^[@:：_\-·]{0,2}[\u3400-\u9fff]{0,8}?(?:人民政府|政府|局|委员会|办公室|办事处|管委会|中心|街道|公所)")
# what stands before the organ's name where a place name was replaced: a fixed verb of the report's wording …
SLOT_LEFT = re.compile(r"(?:现将|请与|关于|根据|特向社会公布|公布|由|经|^)\s*$")
# … or a clause start or a year, when the organ's name after the anchor is the document's own (it recurs)
CLAUSE_LEFT = re.compile(r"(?:[，,。；;：:《“（(]|\d{4}年[，,]?)\s*$")
# a brand written where fixed wording stood: 中华人民共和国[政府信息公开]条例, 2025年[政府信息公开]工作年度报告,
# 市政府[政务公开]办公室, 请与[…]联系, 在[…]门户网站
SUBST_LEFT = re.compile(r"(?:中华人民共和国|\d{4}年度?|关于|现将|请与|联系[:：]|我局|我委|本局|本机关|市政府|县政府|区政府|"
                        r"省政府|通过|登录|在|深化|推进|推行|全面推行)$")  # (ads9: 深化[检务]公开, the X务公开 slot)
SUBST_RIGHT = re.compile(r"(?:条例|工作年度报告|年度报告|工作要点|工作|办公室|联系|门户网站|网站|平台|公众号|政务|公开|"
                         r"\d{4}年度?(?:政府信息公开|政务公开|信息公开|工作年度报告|年度报告)|"
                         r"[市县区]?[\u4e00-\u9fff]{0,3}(?:局|委员会|人民政府))")
SITE_BRAND = re.compile(r"[\u4e00-\u9fffA-Za-z0-9][\u4e00-\u9fffA-Za-z0-9·.]{0,11}$")
ADDRESS_LEFT = re.compile(r"(?:地址|通讯地址|办公地址|单位)\s*[:：]?\s*$")
KEYWORD_CHAIN = re.compile(r"[\u3400-\u9fff][_|｜][\u3400-\u9fff]")
GOV_SITE_LEFT = re.compile(r"(?:人民政府|政府|局|委员会|办公室|中心)(?:门户)?(?:网站|官网|官方网站)?$")
# the items of a government list of channels, documents or bodies
GOV_ITEM = re.compile(r"政府|网站|公开|政务|微信|微博|公众号|平台|中心|栏|热线|新媒体|客户端|app|媒体|报|电视|广播|网|局|委|办|"
                      r"会议|文件|通知|公告|窗口|大厅|站|室|群")
# the channels and bodies a report lists (GOV_ITEM without its one-character endings: 布局 is no 局)
GOV_CHANNEL = re.compile(r"政府|网站|公开|政务|微信|微博|公众号|平台|中心|公开栏|宣传栏|热线|新媒体|客户端|app|媒体|电视|广播|窗口|大厅|群")
GOV_WORD = re.compile(r"政府|报告|公开|工作|条例|通知|办公|委员会|人民|年度")
REMOVE_SCORE, FLAG_SCORE = 8.0, 5.0
SPACED_SPAN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9][ .·\u3000][\u4e00-\u9fffA-Za-z0-9][ .·\u3000][\u4e00-\u9fffA-Za-z0-9]")
STRUCTURAL = frozenset({"enumeration-break", "organ-slot", "address-slot", "repeated", "title-line", "header-line",
                        "footer-position", "copyright-line", "chrome-line", "hidden", "link-non-gov", "nav-line", "own-line",
                        "substitution-slot", "keyword-chain", "canonical-slot", "recurrence", "title-slot", "contact-tail",
                        "spaced-letters"})
# structural signals about the text's shape or repetition rather than its position: they back a specific anchor only
WEAK_STRUCTURAL = frozenset({"repeated", "own-line", "keyword-chain", "contact-tail"})


@dataclass
class Candidate:
    start: int  # view offsets
    end: int
    hits: list[Hit]
    signals: list = field(default_factory=list)  # list[Signal]
    suppressed_by: list[str] = field(default_factory=list)
    score: float = 0.0
    strong: bool = False
    tier: str | None = None
    kind: str = "ad"  # ad | substitution | stuffing | title | seo (a keyword-stuffed SEO title)
    extra: list = field(default_factory=list)  # further occurrences of the same insert, removed with it (slots.py)
    detail: dict = field(default_factory=dict)  # extra evidence for the finding (the canonical text of a slot)
    info: bool = False  # no tier: reported as information only (a brand anchor without any structural signal)


def clusters(text: str, deny: list[Hit]) -> list[Candidate]:
    """Group anchors and the calls to action glued to them into candidate spans."""
    seeds = [h for h in deny if h.family in ("G1", "G3", "G5")]
    ctas = [h for h in deny if h.family == "G2"]
    out: list[Candidate] = []
    for h in seeds:
        c = Candidate(h.start, h.end, [h])
        m = LEFT_DECOR.search(text, max(0, h.start - 8), h.start)
        if m and m.end() == h.start:
            start = m.start()
            year = re.match(r"20\d{2}", text[start:h.start])
            # a year glued to the government text before it (期限自2023|麻将…|年1月) is that text's, not the ad's
            if year and start > 0 and (is_han(text[start - 1]) or text[start - 1].isdigit()):
                start += year.end()
            c.start = start
        if h.family == "G5" and h.entry.term.startswith("(中国"):
            # 「米乐·M6(中国大陆)官网」「365bet(中国)官方网站」: the site-name formula names the brand right before it
            m = SITE_BRAND.search(text, max(0, h.start - 12), h.start)
            if m:
                c.start = m.start()
                for d in re.finditer(r"\d[年月日号]", text[m.start():h.start]):  # 2025年1月[365bet中文](中国)官方网站:
                    c.start = m.start() + d.end()  # the date before the brand is the text's (ads8)
        if h.family == "G1" and not text[h.start:h.end].endswith(MEDIA_HEADS):
            # a brand's own head word (uedbet体育, 沙巴体育娱乐场) belongs to the brand; after a studio's own head
            # (麻豆剧传媒|体育健儿) the next word is the text's again
            t = BRAND_TAIL.match(text, c.end)
            if t:
                c.end = t.end()

        out.append(c)
    out.sort(key=lambda c: c.start)
    # absorb calls to action following an anchor (gap ≤ 2 non-punctuation characters)
    for c in out:
        changed = True
        while changed:
            changed = False
            for g in ctas:
                if g in c.hits or g.end <= c.end or g.start < c.start:
                    continue  # already in, or behind the anchor (a call to action overlapping its tail extends it)
                gap = text[c.end:g.start]
                if len(gap) <= 2 and not any(ch in SENT_END + "，,、。" for ch in gap):
                    c.hits.append(g)
                    c.end = max(c.end, g.end)
                    changed = True
    # merge candidates joined by a short list separator (清风365bet官网_office365… , 赌场,澳门博彩业网址)
    merged: list[Candidate] = []
    have: set[int] = set()  # ids of the hits of the last merged candidate (a long run of anchors stays linear)
    for c in out:
        if merged:
            p = merged[-1]
            gap = text[p.end:c.start]
            if c.start <= p.end or (len(gap) <= 2 and all(ch in LIST_SEP + " " for ch in gap)):
                p.end = max(p.end, c.end)
                for x in c.hits:
                    if id(x) not in have:
                        have.add(id(x))
                        p.hits.append(x)
                continue
        merged.append(c)
        have = {id(x) for x in c.hits}
    for c in merged:  # the colon a substituted brand brings along (…官网@:某某镇人民政府, 威廉希尔公司_官方网站:)
        if any(h.family == "G1" for h in c.hits):
            t = BRAND_CHAIN.match(text, c.end)  # 英国威廉希尔[公司_官方网站]:, after the calls to action were taken
            if t and t.end() > c.end:
                c.end = t.end()
            _chain(text, c)
            m = re.match(r"[@:：]{1,2}(?=[\u3400-\u9fff])", text[c.end:c.end + 3])
            if m:
                c.end += m.end()
    return merged


# the rest of an ad after its brand (ads7): segments joined by a separator that carry betting or download words
# (「澳门金沙城中心_欧洲杯足球网-【投注官网平台】」 of the `pages` store's m.fqjz1.com footer, 「沙巴体育_大发体育娱乐在线¥投注官网」
# of the tune split) and the contact that closes it (「…QQ:12345678」「飞机:@xxbet」); a segment with government
# wording (办公室, 人民政府 …) is the text's own again
AD_SEGMENT = re.compile(r"[_|｜·—\-$¥￥]{1,2}(?:【[^】\n]{1,14}】|[^\s_|｜·—\-$¥￥，,。；;：:、《》“”()（）\[\]【】]{2,14})")
AD_WORDS = re.compile(r"体育|娱乐|棋牌|彩票|真人|电竞|投注|下注|博彩|足球|篮球|世界杯|欧洲杯|官网|官方|入口|平台|网址|app|下载|"
                      r"注册|登录|登陆|网页版|手机版|赌|百家乐|老虎机|捕鱼|bet|casino", re.I)
AD_GOV = re.compile(r"政府|人民|局|委员会|办公室|报告|公开|政务|街道|[镇乡县市区省]$")
CONTACT_TAIL = re.compile(r"[ \t,，]{0,2}(?:客服|联系)?(?:qq|微信|vx|v信|tg|telegram|飞机|纸飞机|skype|whatsapp)(?:号|群)?"
                          r"[ \t]{0,2}[:：@][ \t]{0,2}@?[a-z0-9_\-]{4,24}", re.I)


def _chain(text: str, c: Candidate) -> None:
    """Extend a brand candidate over the ad segments joined to it and the contact that closes them."""
    for _ in range(4):  # (an ad has a few segments; a longer chain is a keyword list, keyword_lists' business)
        m = AD_SEGMENT.match(text, c.end)
        if not m:
            break
        seg = m.group(0)
        if not AD_WORDS.search(seg) or AD_GOV.search(seg.strip("【】")):
            break
        c.end = m.end()
    m = CONTACT_TAIL.match(text, c.end)
    if m:
        c.end = m.end()
        c.detail = {**c.detail, "contact": m.group(0).strip(" \t,，")}


def score(c: Candidate, text: str, cues: list[Hit], ctx) -> None:
    """Weights after suppressors + structural evidence → score, anchor strength and tier."""
    from . import Signal

    s0, e0 = c.start, c.end
    sa, se = sentence_bounds(text, s0)
    # suppressors look at the candidate's own sentence only (a 禁赌 notice in the next sentence says nothing
    # about a brand glued into this one), and never cancel a brand that breaks an enumeration (below)
    struct = structure(text, s0, e0, ctx)
    if not {h.family for h in c.hits} & {"G1", "G2", "G5"} and (
            text[e0:e0 + 1] in "、，," or text[s0 - 1:s0] in "，,"):
        # a generic gambling word as a proper list item (旅游、博彩、会展), or opening a clause after a comma
        # (…相继开业，赌场由2005年…; …紧密合作，持续监察娱乐场内的活动), is ordinary wording, not a broken list
        struct = [g for g in struct if g.name != "enumeration-break"]
    elif not {h.family for h in c.hits} & {"G1", "G2", "G5"} and HAN.match(text[e0:e0 + 1]) \
            and not GOV_CHANNEL.search(re.split(r"[、，,。；;：:]", text[e0:e0 + 30])[0]):
        # a generic gambling word heading a longer item of an ordinary list (…计算法、博彩桌倘有的布局 of a gov.mo
        # regulation): the item goes on as the text's own noun phrase; glued to a government item instead
        # (公开栏、澳门赌场村民微信群) it still breaks the list
        struct = [g for g in struct if g.name != "enumeration-break"]
    elif {h.family for h in c.hits} == {"G1"} and text[s0 - 1:s0] in "，," and HAN.match(text[e0:e0 + 1]) \
            and not GOV_CHANNEL.search(text[e0:e0 + 8]) and not ORGAN_RIGHT.match(text[e0:e0 + 14]) \
            and not re.match(r"[^，。；,;、]{1,12}?等", text[e0:e0 + 14]):
        # a bare name (no call to action, no SEO signature) opening a clause after a comma, followed by the clause's
        # own words (…今晨接报，[新濠天地娱乐场]一处装修工地冒烟) is its subject — not glued before a government
        # channel or organ (，[…]政务微信, ，[…]文化广电旅游体育局), no list item (prec8)
        struct = [g for g in struct if g.name != "enumeration-break"]
    if e0 > s0 and text[e0 - 1] in ":：" and HAN.match(text[e0:e0 + 1]) and "G1" in {h.family for h in c.hits} \
            and not any(g.name == "substitution-slot" for g in struct):
        # 「英国威廉希尔公司_官方网站:停止审批…的公告」: a brand with its colon where a function word (关于) stood
        struct.append(Signal("substitution-slot", 3, text[max(0, s0 - 4):min(len(text), e0 + 8)]))
    if c.detail.get("contact"):  # 「…娱乐官网 QQ:12345678」: an ad closes with its contact (_chain)
        struct.append(Signal("contact-tail", 2, c.detail["contact"]))
    names0 = {g.name for g in struct}
    # a brand that breaks a list or fills a slot of fixed wording, or a gambling word that fills such a slot
    # (中华人民共和国[澳门赌场]条例): no suppressor cancels it
    breaks_list = (bool(names0 & {"enumeration-break", "substitution-slot", "organ-slot"}) and bool({h.family for h in c.hits}
                                                                                    & {"G1", "G5"})) \
        or ("substitution-slot" in names0 and "G3" in {h.family for h in c.hits})
    cue_fams = {h.family for h in cues if sa <= h.start and h.end <= se and not (s0 <= h.start < e0)}
    enforcement = "ENF" in cue_fams and not breaks_list
    welfare = "WELFARE" in cue_fams and not breaks_list
    quoted = _inside(text, s0, e0, "《", "》") and not breaks_list
    slot = _title_slot(text, s0, e0) if quoted and not enforcement and any(
        h.family == "G1" and h.entry.source != "morphology" for h in c.hits) else None
    if slot is not None:
        # 「《精东传媒苏小小全集》」 as the page's headline, 「《…》报道称」 where a news source stood: the 《》 is not the
        # government citing a title but the insert's own wrapper (gamble6)
        quoted = False
        c.start, c.end = slot[0], slot[1]
        struct = struct + [Signal("title-slot", 3, f"{slot[2]}: {text[slot[0]:slot[1]][:40]}")]
        names0 = names0 | {"title-slot"}
    # a name quoted in an enforcement sentence (公安机关打击“××”等赌博广告) is the government naming it: never accused
    quoted = quoted or (enforcement and _inside(text, s0, e0, "“", "”"))
    gov_site = bool(GOV_SITE_LEFT.search(text[max(0, s0 - 12):s0])) and not breaks_list
    # (a brand opening a clause after a comma — 「…，华都娱乐场将于今年底前停运」 — is the clause's subject: for a venue's
    # name only a list of 、 items or a filled slot is a break)
    venue = _venue_name(c, text) and not (names0 & {"substitution-slot", "organ-slot", "title-slot"}) and not (
        "enumeration-break" in names0 and "、" in text[s0 - 1:s0] + text[e0:e0 + 1])
    if venue:
        c.suppressed_by.append("venue-noun")
    elif _locative_venue(c, text) and not (names0 & {"substitution-slot", "organ-slot", "title-slot",
                                                    "enumeration-break"}):
        # 「旅游局于[澳门银河]举办推介会」「卫生局人员到[永利皇宫]酒店巡查」: the name is where something happens — a
        # place of the sentence, which an insert never is (prec8)
        venue = True
        c.suppressed_by.append("venue-locative")
    news = not venue and _casino_news(c, text, struct)
    if enforcement:
        c.suppressed_by.append("enforcement-context")
    if welfare:
        c.suppressed_by.append("public-welfare-lottery")
    if quoted:
        c.suppressed_by.append("quotation《》")
    fam_w: dict[str, float] = {}
    sigs = []
    anchor_seen = False
    for h in sorted(c.hits, key=lambda h: h.start):
        w = h.weight
        if quoted:
            w = 0.0
        elif h.family == "G3" and h.entry.topic and QUANTITY_NOUN.search(text, max(0, h.start - 4), h.start):
            w = 0.0  # a counted or determined noun (11间赌场, 所有娱乐场, 某赌场) is the text's own word (prec7)
        elif (h.family == "G3" or h.entry.term in ("(question form)", "(lottery tip)")) and (enforcement or welfare):
            w = 0.0  # a question form (哪里可以买彩票) in a 福彩 FAQ or a 禁赌 notice is the government's wording
        elif h.family == "G1" and (enforcement or venue):
            w *= 0.2
        elif h.family == "G2":
            if gov_site:
                w = 0.0
            elif anchor_seen and w > 0 and "cta-bonus" not in fam_w:
                fam_w["cta-bonus"] = 3.0
                w += 3.0
        if h.family in ("G1", "G3", "G5") and w > 0:
            anchor_seen = True
        cap = {"G1": 5.0, "G3": 6.0, "G2": 4.0, "G5": 4.0}.get(h.family, 5.0)
        add = min(w, cap - fam_w.get(h.family, 0.0))
        fam_w[h.family] = fam_w.get(h.family, 0.0) + max(0.0, add)
        sigs.append(Signal({"G1": "brand", "G2": "call-to-action", "G3": "gambling-term", "G5": "seo-signature"}
                           .get(h.family, h.family), round(max(0.0, add), 2), text[h.start:h.end]))
    lexical = sum(v for k, v in fam_w.items() if k in ("G1", "G2", "G3", "G5"))
    fams = {h.family for h in c.hits}
    listed = any(h.family == "G1" and h.entry.source != "morphology" for h in c.hits)
    morph_struct = any(g.name in STRUCTURAL and g.name not in ("repeated", "own-line") for g in struct)
    # a brand formed by morphology only (no listed brand) is specific with a call to action or a structural signal
    g1_strong = listed or ("G1" in fams and ("cta-bonus" in fam_w or morph_struct))
    c.strong = not quoted and (
        (g1_strong and not enforcement and not venue) or fam_w.get("G5", 0) > 0
        or ("G3" in fams and ("cta-bonus" in fam_w or "substitution-slot" in names0)))
    c.signals = sigs + struct
    c.score = round(lexical + sum(g.weight for g in struct), 2)
    generic = not fams & {"G1", "G5"} and "cta-bonus" not in fam_w
    # a generic gambling word (赌场, 正版资料) repeated or on a short line is still ordinary wording: only a broken
    # list, a filled slot, the title/header/footer position, a hidden element or a foreign link count for it
    weak_struct = {"repeated", "own-line"} if generic else set()
    has_struct = any(g.name in STRUCTURAL and g.name not in weak_struct for g in struct)
    hidden = any(g.name == "hidden" for g in struct)
    # a position the text was put in, not merely its repetition or shape (those only back a specific anchor)
    placed = any(g.name in STRUCTURAL and g.name not in WEAK_STRUCTURAL for g in struct)
    if (c.score >= REMOVE_SCORE and c.strong and has_struct) or (hidden and lexical >= 3 and not quoted):
        c.tier = "remove"  # a hidden element carrying gambling words is a hidden link (D), spec §4.11
    elif c.score >= FLAG_SCORE and lexical >= 3 and ((c.strong and has_struct) or (placed and not c.suppressed_by)):
        # a warning is still an accusation: a specific anchor with a structural signal, or an unsuppressed gambling
        # word in a position the text was put in (the title, a broken list, a filled slot, a footer, a hidden block)
        c.tier = "flag"
    elif c.strong and lexical >= 5 and not c.suppressed_by:
        c.info = True  # a brand alone in an ordinary sentence: reported (info), never an accusation
    elif lexical >= 5 and set(c.suppressed_by) <= {"public-welfare-lottery"} and not quoted and "G1" in fams \
            and _in_sentence(text, s0):  # (体彩公益金 in the sentence says nothing about a casino brand in it)
        # a brand formation by morphology alone glued into a sentence (…日常维护MG娱乐电子,都离不开…): information;
        # on a short line (a menu item, a site name) the furniture detectors speak for it
        c.info = True
    elif lexical >= 3 and not c.suppressed_by and any(h.family == "G3" and h.entry.slang for h in c.hits):
        c.info = True  # the slang of illegal lotteries (一肖一码, 时时彩) in a sentence: reported, never an accusation
    if news and (c.tier or c.info):
        # 「博彩监察协调局：澳门银河娱乐场将于明日起暂停营业」「新葡京娱乐场获特区政府批给续期」: a licensed operator
        # as the subject of regulator or industry news (ads9) — the venue the news is about: information, never an ad
        c.tier, c.info = None, True
        c.detail = {**c.detail, "casino_news": True}
        struct = [g for g in struct if g.name != "organ-slot"]  # (「…获特区政府批给」: the news's verb, no slot)
        c.signals = [g for g in c.signals if g.name != "organ-slot"]
    if c.tier == "flag" and _headline_topic(c, text, struct, fam_w):
        # 「澳門博彩業生死搏殺」: a generic gambling word on the headline of an article about gambling is its subject
        c.tier, c.info = None, True
        c.detail = {**c.detail, "headline_topic": True}
    names = {g.name for g in struct}
    if names & {"organ-slot", "address-slot", "substitution-slot"}:
        c.kind = "substitution"
    elif "title-line" in names:
        c.kind = "title"


QUANTITY_NOUN = re.compile(r"(?:(?:\d|[一二三四五六七八九十两几多数])[间家个座所]|某|各|该|每|所有|全部|其他|其余|这些|个别|部分|"
                          r"全澳|本澳)$")


# a locative before a name (于/在/到/赴 …) or a building, a site or a staff noun after it: the name is a place
LOCATIVE_LEFT = re.compile(r"(?:于|在|到|赴|往|至|假座|位于|入住|前往|进驻|途经)$")
VENUE_RIGHT = re.compile(r"(?:酒店|综艺馆|剧院|会展|会议中心|度假村|宴会厅|体育馆|舞台|大堂|门外|门口|附近|一带|对开|停车场|商场|"
                         r"购物中心|员工|雇员|职员|股份有限公司|地盘|工地)")


def _locative_venue(c: Candidate, text: str) -> bool:
    """A listed brand with no call to action and no SEO signature that stands as a place of its sentence: right after
    a locative (于/在/到/赴/往 …, on its line) or right before a building, site or staff noun (酒店, 综艺馆, 工地, 员工 …)
    — the venue a government text names (旅游局于澳门银河举办推介会), not an ad. A brand written where the
    organ's site stood (在[…]门户网站) fills a slot instead, and the caller keeps slots."""
    fams = {h.family for h in c.hits}
    if "G1" not in fams or fams & {"G2", "G5"}:
        return False
    ls = text.rfind("\n", max(0, c.start - 4), c.start) + 1
    return bool(LOCATIVE_LEFT.search(text[max(ls, c.start - 4):c.start]) or VENUE_RIGHT.match(text, c.end))


# the words of news about a licensed casino operator — its regulator and government, its licence, its revenue, its
# opening hours and staff (ads9: a Macau headline naming the operator as its subject was accused as an ad)
CASINO_NEWS = re.compile(r"博彩监察协调局|博监局|特区政府|行政长官|经济财政司|立法会|批给|转批给|承批|牌照|续期|获批|竞投|"
                         r"营收|收入|毛收入|盈利|亏损|纯利|业绩|财报|股价|季度|按年|按月|同比|暂停营业|停业|复业|关闭|开幕|"
                         r"落成|裁员|员工|雇员|工会|旅客|访澳|罚款|处罚|调查|巡查|检查")
CASINO_NEWS_TRIGGER = re.compile(r"监察|政府|长官|财政|立法|批给|承批|牌照|续期|获批|竞投|营收|收入|盈利|亏损|纯利|业绩|财报|股价|"
                                 r"季度|按年|按月|同比|营业|停业|复业|关闭|开幕|落成|裁员|员工|雇员|工会|旅客|访澳|罚款|处罚|调查|"
                                 r"巡查|检查")


def _casino_news(c: Candidate, text: str, struct: list) -> bool:
    """A listed brand (no call to action, no SEO signature, no host on its line) whose line is news about the
    operator: a regulator, its licence, its revenue or its opening (CASINO_NEWS), and no government document's
    title (a report title an insert broke into keeps its accusation). The brand glued right before an organ's name
    (「澳门银河人民政府」) fills the organ's slot and is never news; a verb between them (「…获特区政府批给」) is the
    news's own wording."""
    fams = {h.family for h in c.hits}
    if "G1" not in fams or fams & {"G2", "G5"}:
        return False
    ls, le = line_bounds(text, c.start)
    line = text[ls:le]
    if len(line) > 300 or not CASINO_NEWS_TRIGGER.search(line) or not CASINO_NEWS.search(line) \
            or HEADLINE_DOC.search(line) or re.search(r"https?:|www\.|\.com|\.net|官网|入口|网址|注册|下载|app", line, re.I):
        return False
    if any(g.name == "enumeration-break" for g in struct) and "、" in text[c.start - 1:c.start] + text[c.end:c.end + 1]:
        return False
    return not re.match(r"[@:：_\-·]{0,2}(?:人民政府|政府|局|委员会|办公室|办事处|管委会|街道)", text[c.end:c.end + 8])


def _venue_name(c: Candidate, text: str) -> bool:
    """The candidate is a venue's name: every brand in it ends on a head the document writes as a common noun
    (``morphology.noun_heads``: 「全澳共40间娱乐场」 — Macau's legal word for a casino), with no call to action and no
    SEO signature — 「卫生局…到新濠天地娱乐场进行联合调查」, a regulator naming a licensed casino, not an ad (prec7).
    A brand that breaks a list or fills a slot is never a venue (the caller checks)."""
    from .morphology import noun_heads

    fams = {h.family for h in c.hits}
    if "G1" not in fams or fams & {"G2", "G5"}:
        return False
    sc = scan(text)
    nouns = sc.memo.get("noun-heads")
    if nouns is None:
        nouns = sc.memo["noun-heads"] = noun_heads(lower(text))
    return bool(nouns) and all(text[h.start:h.end].endswith(tuple(nouns)) for h in c.hits if h.family == "G1")


HEADLINE_GOV = re.compile(r"人民政府|政府|委员会|办公室|办公厅|[市县区镇乡]\S{0,8}局|公安|街道|管委会|年度报告|工作报告|报告|"
                          r"通知|公告|通告|意见|办法|方案|决定|规定|通报|要点|条例|政务|信息公开")


def _in_sentence(text: str, i: int) -> bool:
    """Offset i sits on a line of running text (long, with sentence punctuation), not on a menu item or a title."""
    ls, le = line_bounds(text, i)
    return le - ls >= 30 and bool(re.search(r"[。，,；;]", text[ls:le]))


def _headline_topic(c: Candidate, text: str, struct: list, fam_w: dict) -> bool:
    """Only generic gambling words (lexicon option ``topic``: 赌场, 博彩 …), no brand, no call to action, no SEO
    signature, placed only by standing on the first lines, and that line is no government document's title or
    site name: the headline of an article about gambling, not an insert."""
    if "cta-bonus" in fam_w or not c.hits or not all(h.family == "G3" and h.entry.topic for h in c.hits):
        return False
    placed = {g.name for g in struct if g.name in STRUCTURAL and g.name not in WEAK_STRUCTURAL}
    if not placed or not placed <= {"title-line", "header-line"}:
        return False
    ls, le = line_bounds(text, c.start)
    line = text[ls:le]
    if not HEADLINE_GOV.search(line):
        return True
    # a news headline whose subject is a government actor reporting on the topic (特区政府公布上月博彩毛收入,
    # 社会工作局公布问题赌博个案): an organ word with a reporting verb and no document-type word — not the title of a
    # government document that an insert broke into (…人民政府2023年政府信息公开工作年度报告) (prec8)
    return bool(NEWS_VERB.search(line)) and not HEADLINE_DOC.search(line)


# the verbs of a news headline reporting what an organ did, and the words of a document title (never a news item)
NEWS_VERB = re.compile(r"公布|发布|发出|举行|举办|召开|开展|推出|呼吁|提醒|警示|通报|介绍|回应|宣布|巡查|批准|审议|启动|出席|会见")
HEADLINE_DOC = re.compile(r"年度报告|工作报告|报告|年报|政府信息公开|信息公开|政务公开|工作要点|条例|规定|办法|意见|方案|通知")


# what follows a news item's source name (「《××》报道称」「《××》新华社记者…摄」) or precedes it (「…摄《××》」)
BYLINE_AFTER = re.compile(r"[ \t\u3000]{0,3}(?:报道称|报道|消息称|援引|新华社|中新社|中新网|央视网|人民网|记者|讯[:：]?)")
BYLINE_BEFORE = re.compile(r"摄[ \t\u3000]{0,3}$")


def _title_slot(text: str, s: int, e: int) -> tuple[int, int, str] | None:
    """(start, end, how) of the 《…》 around [s, e) when the title is an insert's wrapper rather than a cited work: it
    fills its line (the copied page's headline), or stands where a news item names its source (followed by 报道称 /
    新华社记者 …, or after a photo credit's 摄); else None. Only a listed brand inside it makes it an anchor."""
    a = text.rfind("《", max(0, s - 40), s + 1)
    b = text.find("》", e - 1, e + 40)
    if a < 0 or b < 0 or text.find("》", a, s) >= 0 or text.find("《", a + 1, e) >= 0:
        return None
    b += 1
    ls, le = line_bounds(text, a)
    if not text[ls:a].strip() and not text[b:le].strip():
        return a, b, "own line"
    if BYLINE_AFTER.match(text, b) or BYLINE_BEFORE.search(text[max(ls, a - 4):a]):
        return a, b, "source slot"
    return None


def structure(text: str, s: int, e: int, ctx) -> list:
    """Structural evidence that [s, e) was inserted, independent of its words."""
    from . import Signal

    out = []
    ls, le = line_bounds(text, s)
    line = text[ls:le]
    left = text[s - 1] if s > 0 else "\n"
    right = text[e] if e < len(text) else "\n"
    sa, se = sentence_bounds(text, s)
    if ctx.hidden_at(s):
        out.append(Signal("hidden", 4, "hidden HTML element"))
    href = ctx.href_at(s)
    if href:
        out.append(Signal("link-non-gov", 2, href))
        if spam_url(href):
            out.append(Signal("spam-domain", 2, href))
    if left in "、，," and (HAN.match(right) or right in "、"):
        others = sum(text[sa:s - 1].count(ch) + text[e:se].count(ch) for ch in "、，,")
        listed = others >= 1 or re.match(r"[^，。；,;、]{1,12}?等", text[e:se])
        if listed and right in "、" and left in "，,":
            # the first item of a 、 list opening a clause (…海面举行，[澳门银河]、新濠博亚…为赞助机构): what comes
            # before is a clause, not an item — only the next item says whose list it is (prec8)
            nxt = re.split(r"[、，,。；;等]", text[e + 1:se] + "。")[0]
            listed = bool(GOV_ITEM.search(nxt))
        elif listed and right in "、":
            # a whole list item: it breaks the list only among government items (公开栏、[开云体育官网入口]、政务微信),
            # not in a list of firms or venues (百乐门舞厅、大红鹰集团、…等企业) where it is one more of a kind
            cut = max(text.rfind(ch, sa, s - 1) for ch in "、，,")  # the item before (a split of the whole
            prev = text[max(sa, cut + 1):s - 1]  # sentence prefix for each candidate would be quadratic)
            nxt = re.split(r"[、，,。；;等]", text[e + 1:se] + "。")[0]
            listed = bool(GOV_ITEM.search(prev) or GOV_ITEM.search(nxt))
        elif listed and left == "、":
            # the last item of a 、 list (…新濠影汇、[澳门银河]设置资讯站): the same test on the item before it, the
            # text after it being the clause's predicate — a regulator listing the venues it inspected names one more
            # venue, an insert glued after a government channel (…村民微信群、[××体育官网]等渠道) still breaks the
            # list (prec8)
            cut = max(text.rfind(ch, sa, s - 1) for ch in "、，,")
            listed = bool(GOV_ITEM.search(text[max(sa, cut + 1):s - 1]))
        if listed:
            out.append(Signal("enumeration-break", 3, text[max(ls, s - 8):min(le, e + 6)]))
    elif HAN.match(left) and HAN.match(right) and ORGAN_RIGHT.match(text[e:e + 14]) is None:
        out.append(Signal("glued", 1, text[max(ls, s - 6):min(le, e + 6)]))
    organ = ORGAN_RIGHT.match(text[e:e + 14])
    name = organ.group(0).lstrip("@:：_-·") if organ else ""
    if organ and (SLOT_LEFT.search(text[max(sa, s - 8):s])
                  or (CLAUSE_LEFT.search(text[max(sa - 1, s - 8):s]) and len(name) >= 3 and text.count(name) >= 2)):
        out.append(Signal("organ-slot", 3, text[max(ls, s - 6):min(le, e + 10)]))
    if SUBST_LEFT.search(text[max(ls, s - 10):s]) and SUBST_RIGHT.match(text, e):
        out.append(Signal("substitution-slot", 3, text[max(ls, s - 8):min(le, e + 8)]))
    near = text[max(ls, s - 12):min(le, e + 12)]
    if KEYWORD_CHAIN.search(near):
        out.append(Signal("keyword-chain", 2, near))
    if ADDRESS_LEFT.search(text[max(ls, s - 8):s]):
        out.append(Signal("address-slot", 3, text[max(ls, s - 6):min(le, e + 10)]))
    span = text[s:e]
    if SPACED_SPAN.search(span):  # 「开 元 棋 牌」: a name spelt apart to slip past a keyword filter (lexicon.SPACED)
        out.append(Signal("spaced-letters", 3, span[:40]))
    if len(span) >= 4 and text.count(span) >= 2:
        out.append(Signal("repeated", 2, f"{text.count(span)}×"))
    stripped = line.strip()
    if ctx.is_title_line(ls, le):
        out.append(Signal("title-line", 2, stripped[:60]))
    elif ctx.line_no(ls) < 2 and len(stripped) <= 80 and not prose_line(stripped):
        out.append(Signal("header-line", 2, stripped[:60]))
    if ls in ctx.chrome_lines and not ctx.in_footer(s):
        out.append(Signal("chrome-line", 2, stripped[:60]))
    if ctx.in_footer(s):
        out.append(Signal("footer-position", 2, stripped[:60]))
    items = [x for x in re.split(r"[\s|｜/]+", stripped) if x]
    if len(items) >= 4 and sum(1 for x in items if len(x) <= 6) >= 0.75 * len(items) and not re.search(r"[。；]", stripped):
        out.append(Signal("nav-line", 2, stripped[:60]))
    if len(stripped) == len(span.strip()) and len(stripped) >= 4:
        out.append(Signal("own-line", 1, stripped[:60]))
    return out


def prose_line(line: str) -> bool:
    """The line is running prose — one or more sentences of an article: a sentence end inside it (…工作仍在进行。他说，…)
    or clauses closed by one (…宣布,将…,并邀请…。) — not a title, a site name or a keyword line. On the page's first
    lines it is the article's opening paragraph (an excerpt that starts at the body), so standing there is no header
    position (prec8). String operations only (no regex over the line)."""
    if len(line) < 24:
        return False
    body = line.rstrip("。！？； ")
    cut = max(body.rfind(ch) for ch in "。！？；")
    if cut >= 0:
        # a sentence goes on after it: the rest holds a clause mark or is long — a short clause-less rest (…止。××官网入口)
        # is a title, site name or keyword tail glued on, not prose (else clean left the line's other ad for a 2nd pass)
        rest = body[cut + 1:]
        if len(rest) >= 16 or any(ch in rest for ch in "，,、：:"):
            return True
        body = body[:cut]
    return len(body) < len(line) and ("，" in body or "," in body)


def _inside(text: str, s: int, e: int, open_: str, close: str) -> bool:
    a = text.rfind(open_, max(0, s - 60), s)
    if a < 0 or text.rfind(close, a, s) >= 0:
        return False
    b = text.find(close, e, e + 60)
    return b >= 0


def stuffing(text: str, deny: list[Hit], cues: list[Hit]) -> list[Candidate]:
    """Porn title stuffing (B): a list of porn titles, never a single token."""
    from . import Signal

    g4 = [h for h in deny if h.family == "G4"]
    out: list[Candidate] = []
    i = 0
    while i < len(g4):
        j = i
        while j + 1 < len(g4) and g4[j + 1].start - g4[i].start <= 60:
            j += 1
        group = g4[i:j + 1]
        distinct = {h.term for h in group}
        if len(distinct) >= 3:
            s, e = group[0].start, group[-1].end
            # extend over the list items before/after on the same line
            ls, le = line_bounds(text, s)
            seg = text[s:e]
            # (a hyphen between words joins items too — 「亚洲天堂黄色-亚洲天堂精品在线观看-日韩综合」 — never one in a date)
            seps = sum(seg.count(ch) for ch in "_,，|｜、 ") + len(re.findall(r"\sI\s", seg)) \
                + len(LIST_HYPHEN.findall(seg))
            has_end = any(ch in seg for ch in "。！？；")
            gov = [h for h in cues if h.family == "GOV" and s <= h.start and h.end <= e]
            if seps >= 2 and not has_end and not gov:
                a = s
                while a > ls and text[a - 1] not in "。！？；":
                    a -= 1
                b = e
                while b < le and text[b] not in "。！？；":
                    b += 1
                # keep a following title: cut at the last separator before a long run without separators
                item_a, item_b = _list_extent(text, a, b, s, e)
                c = Candidate(item_a, item_b, group, kind="stuffing")
                c.signals = [Signal("stuffed-list", 8, f"{len(distinct)} tokens, {seps} separators")]
                c.strong = True
                c.score = 8.0
                out.append(c)
                i = j + 1
                continue
        i += 1
    return _merge_lists(text, out + porn_items(text, out))  # (porn_items: the lists no compound covers, ads7)


def _merge_lists(text: str, lists: list[Candidate]) -> list[Candidate]:
    """Stuffed lists on one line that overlap or are apart by a few items (≤ 40 characters without a sentence end)
    are one list (ads8: 「爱豆日记传媒|…|欧美黑人精品一区二区三区|md1.pud 麻豆映画传媒下载|国产网红在线精品|…」 counted
    twice around an item no token covers): one list, one finding."""
    out: list[Candidate] = []
    for c in sorted(lists, key=lambda c: c.start):
        p = out[-1] if out else None
        if p is not None and c.start - p.end <= 40 and "\n" not in text[p.end:c.start] \
                and not re.search(r"[。！？；!?;]", text[p.end:c.start]):
            p.end = max(p.end, c.end)
            p.hits = p.hits + [h for h in c.hits if h not in p.hits]
            continue
        out.append(c)
    return out


def with_stuffing(cands: list[Candidate]) -> list[Candidate]:
    """The candidates with every ad inside a stuffed list dropped (the list is the finding: 「…|麻豆传媒官网百度链接|…」
    is one list, not a list and a brand)."""
    lists = [c for c in cands if c.kind == "stuffing"]
    for c in cands:
        if c.kind != "stuffing" and any(k.start <= c.start and c.end <= k.end for k in lists):
            c.tier, c.info = None, False
    return cands


LIST_HYPHEN = re.compile(r"(?<=[^\d\s-])-(?=[^\d\s-])")
LIST_ITEM = re.compile(r"(?:[^_,，|｜、\-]|(?<=\d)-(?=\d))+")


def _list_extent(text: str, a: int, b: int, s: int, e: int) -> tuple[int, int]:
    """The run of separator-delimited items around [s, e): stop at an item longer than 30 characters."""
    items = [(m.start(), m.end()) for m in LIST_ITEM.finditer(text[a:b])]
    items = [(x + a, y + a) for x, y in items]
    first = next((k for k, (x, y) in enumerate(items) if y > s), 0)
    last = max((k for k, (x, y) in enumerate(items) if x < e), default=len(items) - 1)
    def small(k: int) -> bool:
        x, y = items[k]
        if GOV_WORD.search(text[x:y]):
            return False
        # a longer item goes on with the list when it is a porn title itself (「md1.pud 麻豆映画传媒下载」, ads8)
        return y - x <= 14 or (y - x <= 24 and (_porn_item(text[x:y].lower())[0]
                                                 or any(m in text[x:y].lower() for m in MEDIA_HEADS[:3])))

    while first > 0 and small(first - 1):
        first -= 1
    while last + 1 < len(items) and small(last + 1):
        last += 1
    lo, hi = items[first][0], items[last][1]
    # swallow a trailing separator so the remaining text reads well
    while hi < b and text[hi] in "_,，|｜、 -":
        hi += 1
    while lo < hi and text[lo] == " ":
        lo += 1
    return lo, hi


DOC_TITLE = re.compile(r"报告|年报|通知|公告|通告|意见|办法|方案|决定|规定|通报|规划|要点|指南|目录|公示|细则|解读")
# a short line without a sentence end holding a document word and then a title separator (ads9: title_tails' loose lines)
LOOSE_TITLE = re.compile(r"(?m)^[^\n。；;]{0,60}?(?:报告|年报|通知|公告|通告|意见|办法|方案|决定|规定|通报|规划|要点|指南|公示|细则|"
                         r"解读)[^\n。；;]{0,40}$")
TITLE_SEP_ANY = re.compile(r"[_|｜]|[告报知示则南录点划见法案定规读函][-—–·•]|\s[-—–·]\s")
TITLE_SEP = re.compile(r"(?:[_|｜]|(?<=\s)[-—–·](?=\s)|(?<=[告报知示则南录点划见法案定规读函])[-—–·•])")
# the separator after a segment written before the title (「安博体育-某县…年度报告」「开云体育 | …」)
LEAD_SEP = re.compile(r"[_|｜]|\s[-—–·]\s|[-—–]")
TAIL_STRONG = ("怎么样", "靠谱吗", "正规吗", "安全吗", "可信吗", "是真的吗", "哪个好", "好不好", "能提现", "提现", "骗局",
               "app", "apk", "安卓", "android", "ios", "苹果版", "正规", "哪个", "靠谱", "官网", "入口", "网址", "注册", "登录",
               "登陆", "手机版", "最新版", "官方版", "娱乐", "棋牌", "彩票", "直播", "赌", "博彩", "真人", "电竞", "游戏", "破解",
               "在线观看", "免费观看", "福利")
# on a site-name line (not the document's title) only betting words make a tail: 手机版, APP下载 are a portal's own links
TAIL_BETTING = ("正规", "哪个", "靠谱", "娱乐", "棋牌", "彩票", "赌", "博彩", "真人", "电竞", "怎么样", "安全吗", "可信", "是真的",
                "提现", "骗局", "哪家", "好不好")
SITE_NAME = re.compile(r"人民政府|政府|门户|政务|信息公开|委员会|办公室|[市县区]\S{0,8}局")
TAIL_CTA = ("app", "apk", "安卓", "android", "ios", "苹果版", "官网", "入口", "网址", "注册", "登录", "登陆", "手机版", "最新版",
            "官方版")
TAIL_WEAK = ("下载", "平台", "体育", "视频", "免费", "官方", "在线", "安装", "怎么", "如何", "推荐", "排行", "大全")
TAIL_OK = ("政府", "人民", "局", "委", "厅", "署", "院", "办", "中心", "街道", "镇", "乡", "县", "市", "区", "省", "州", "盟",
           "旗", "村", "门户", "信息公开", "政务", "公开", "年报", "报告", "附件", "全文", "解读", "图解", "pdf", "doc", "ofd",
           "正文", "首页")


def _words(tail: str, words: tuple[str, ...]) -> list[str]:
    low = tail.lower()
    return [w for w in words if w in low]


def with_title_tails(cands: list[Candidate], tails: list[Candidate]) -> list[Candidate]:
    """The candidates plus the title tails: a tail replaces the anchors inside it (the whole tail is the stuffing,
    「_金蛙体育app哪个是正规的」, not only its question form) and yields to an anchor reaching beyond it."""
    out = list(cands)
    for t in tails:
        inner = [c for c in cands if c.tier and c.start < t.end and t.start < c.end]
        if any(c.start < t.start or c.end > t.end for c in inner):
            continue
        for c in inner:
            c.tier, c.info = None, False
        out.append(t)
    return out


def _mask_allow(tail: str, t0: int, allow) -> tuple[str, bool]:
    """The tail with every allowed government phrase overlapping it blanked out (体育彩票, 国家反诈中心APP下载注册)."""
    masked = False
    for h in allow or ():
        if h.start < t0 + len(tail) and t0 < h.end:
            a, b = max(h.start, t0) - t0, min(h.end, t0 + len(tail)) - t0
            tail = tail[:a] + " " * (b - a) + tail[b:]
            masked = True
    return tail, masked


def _place(name: str) -> bool:
    """A place name (南京, 江苏, 涡阳县): a site called 南京体育 is a city's, not a brand."""
    from ..region import _index

    idx = _index()[0]
    return any(n in idx for n in (name, name + "市", name + "县", name + "区", name + "省"))


def _brand_shape(tail: str) -> str | None:
    """The brand shape a whole title segment is made of — a 2–4 character name + 体育/娱乐/棋牌/电竞/真人/彩票/直播
    (安博体育, 星辰娱乐), optionally followed by a call to action or a Latin token — else None. A place's or a body's
    name (广州体育, 体育学院) is no brand shape."""
    from .morphology import weak_formations

    low = tail.lower().strip()
    for s, e in weak_formations(low):
        if s > 1:
            break
        rest = low[e:].strip(" ()（）·-_")
        name = low[s:e]
        head = next((h for h in ("体育", "直播", "娱乐", "棋牌", "电竞", "彩票", "真人", "影院") if name.endswith(h)), "")
        if _place(name[:len(name) - len(head)]) or _words(rest, TAIL_OK):
            return None
        if not rest or len(rest) <= 4 or _words(rest, TAIL_CTA) or re.fullmatch(r"[a-z0-9 ]{1,12}", rest):
            return low[s:e]
    return None


# a casino site's code (hg0088, xg111, ag8888): 1–4 letters + 2–6 digits as a token of its own
SITE_CODE = re.compile(r"(?<![a-z0-9])[a-z]{1,4}\d{2,6}(?![a-z0-9])")
SITE_CODE_HEAD = re.compile(r"体育|娱乐|棋牌|在线|彩票|真人|电竞|官网|平台|app|入口")


def _tail_brand(text: str, a: int, b: int, tail: str, deny: list[Hit] | None) -> tuple[str, str] | None:
    """("listed", brand) when a listed brand (G1 of the lexicon, not a formation) stands in the title tail [a, b) —
    「…的通知-皇冠体育hg0088」 —, ("code", token) for a casino site's code with a betting or site head in the tail
    (「…年度报告-xg111太平洋在线」), else None."""
    for h in deny or ():
        if h.family == "G1" and h.entry.source not in ("morphology",) and a <= h.start and h.end <= b:
            return "listed", text[h.start:h.end]
    low = tail.lower()
    m = SITE_CODE.search(low)
    if m and SITE_CODE_HEAD.search(low) and re.search(r"[\u4e00-\u9fff]{2}", low):
        return "code", m.group(0)
    return None


def _judge_tail(tail: str, masked: bool) -> tuple[str, float] | None:
    """('words', 6) for a tail of download/app/betting wording, ('shape', 4) for a bare brand shape, else None."""
    strong = _words(tail, TAIL_STRONG)
    weak = _words(tail, TAIL_WEAK)
    if masked and not [w for w in strong if w not in TAIL_CTA]:
        if not strong or _brand_shape(tail) is None:
            return None  # only a call to action left, and it is the allowed thing's (下载注册国家反诈中心APP)
    if not strong and len(weak) < 2:
        return ("shape", 4.0) if _brand_shape(tail) else None
    if _words(tail.replace("官网", "").replace("官方", "").replace("网址", ""), TAIL_OK) and len(strong) < 2:
        return None
    return ("words", 6.0)


def title_tails(text: str, ctx, allow: list[Hit] | None = None, deny: list[Hit] | None = None) -> list[Candidate]:
    """Title stuffing: 「…年度报告_××app哪个是正规的」「…年度报告-××安卓下载」「…年度报告·安博体育」 — a segment after
    a ``_ - | ·`` separator on the report's title line (or before it, 「安博体育-…年度报告」) made of download/app
    wording, or of a bare brand shape (name + 体育/娱乐/棋牌 …); a site name after the separator (「…年度报告_某某市人民
    政府」) is not. The title line is the structural signal, the tail's morphology the lexical one: a bare brand shape
    is a warning, an error once the same insert recurs in the page (breadcrumb, 来源 line) — every occurrence is
    then an edit of the one finding."""
    from . import Signal

    out: list[Candidate] = []
    first = next((i for i, ch in enumerate(text[:400]) if not ch.isspace()), None)
    heads = set(ctx.title_lines) | ({text.rfind("\n", 0, first) + 1} if first is not None else set())
    strict = set(heads)  # the document's own title lines: any download/app tail counts there
    site_lines = set()  # the first three non-empty lines, short and without sentence punctuation
    pos = 0
    for line in text[:1200].split("\n"):
        if len(site_lines) >= 3:
            break
        if line.strip():
            if len(line.strip()) <= 60 and not re.search(r"[。；，,:：]", line):
                site_lines.add(pos)
            else:
                site_lines.add(-1 - pos)  # counted, not taken
        pos += len(line) + 1
    heads |= {x for x in site_lines if x >= 0}
    # ads9: a government document's title standing on a line of its own anywhere in the page (the copied page's
    # title below the mirror's menus, the 上一篇/下一篇 and related-article lines that repeat the stuffed titles):
    # there only a tail of betting wording or a listed brand counts (a portal's 「…目录 | 手机版」 is no tail)
    loose = {m.start() for m in LOOSE_TITLE.finditer(text)} - heads if TITLE_SEP_ANY.search(text) else set()
    heads |= loose
    far = loose
    loose = heads - strict  # (the short lines under the title too: 「关于…的通知 | 手机版」 is a portal's link bar)
    for ls in sorted(heads):
        le = text.find("\n", ls)
        le = len(text) if le < 0 else le
        line = text[ls:le]
        # the title of the copied page: a report, or any government document the mirrors copy (通知, 公告, 办法 …)
        m0 = re.search(r"报告|年报", line) if ls in ctx.title_lines else None
        if not m0 and len(line.strip()) <= 100 and not re.search(r"[。；]", line):
            m0 = DOC_TITLE.search(line)  # (a title line of another government document: 关于…的通知-××)
        site = False
        if not m0 and ls in site_lines:
            m0 = SITE_NAME.search(line)  # the page's site-name line: 「安博体育-某某市人民政府门户网站」
            site = m0 is not None
        if not m0:
            continue
        segs = []  # (start, end of the edit in the line, tail text, separator)
        for m in TITLE_SEP.finditer(line, m0.end()):
            nxt = TITLE_SEP.search(line, m.end())
            segs.append((m.start(), nxt.start() if nxt else len(line), m.end(), line[m.start():m.end()]))
        lead = LEAD_SEP.search(line, 0, m0.start())
        if lead and not re.search(r"[。；，,]", line[:lead.start()]):
            k = len(line) - len(line.lstrip())  # 「安博体育-…年度报告」: the segment before the title
            segs.append((k, lead.end(), k, line[lead.start():lead.end()]))
        for a, b, t_at, sep in segs:
            raw = line[t_at:b] if t_at > a else line[a:b - len(sep)]
            tail = raw.strip()
            if not tail or len(tail) > 40:
                continue
            t0 = ls + (t_at if t_at > a else a) + (len(raw) - len(raw.lstrip()))
            tail, masked = _mask_allow(tail, t0, allow)
            judged = _judge_tail(tail, masked)
            brand = _tail_brand(text, t0, t0 + len(tail), tail, deny)
            if brand and (judged is None or judged[0] == "shape" or ls in loose and brand[0] == "listed"):
                judged = ("brand", 6.0) if brand[0] == "listed" else ("shape", 4.0)
            if judged is None or ((site or ls in loose) and judged[0] == "words" and not _words(tail, TAIL_BETTING)):
                continue  # a government site's own 手机版/APP下载 link is no tail: on a site line only betting words
            if ls in far and judged[0] == "shape":
                continue  # (a bare brand shape only on the page's own title lines)
            how, w = judged
            s, e = ls + a, ls + b
            while e > s and text[e - 1].isspace():
                e -= 1
            c = Candidate(s, e, [], kind="title")
            c.signals = [Signal({"words": "title-tail", "brand": "title-brand"}.get(how, "title-brand-shape"), w,
                                tail.strip()[:40]),
                         Signal("header-line" if site else "title-line", 2, line.strip()[:60]),
                         Signal("title-separator", 0, sep.strip())]
            c.score, c.strong = w + 2.0, True
            c.tier = "remove" if how in ("words", "brand") else "flag"
            c.detail = {"core": _brand_shape(tail) if how == "shape" else None}
            out.append(c)
            if t_at > a:
                break
    _tail_recurrences(text, out)
    # keyword-stuffed SEO titles (stuffed_titles), where no tail already covers them
    out += [c for c in stuffed_titles(text, ctx) if not any(t.start < c.end and c.start < t.end for t in out)]
    return out


def _tail_recurrences(text: str, tails: list[Candidate]) -> None:
    """A bare brand shape of a title tail that stands again elsewhere in the page (the breadcrumb, the 来源 line, the
    heading) is the same insert: every other occurrence joins the finding, which becomes an error."""
    from . import Signal

    low = lower(text)
    for c in tails:
        core = c.detail.pop("core", None)
        if not core:
            continue
        occ = []
        i = low.find(core)
        while i >= 0 and len(occ) < 20:
            j = i + len(core)
            if not any(t.start < j and i < t.end for t in tails) and not any(a < j and i < b for a, b in occ):
                occ.append((i, j))
            i = low.find(core, j)
        if occ:
            c.extra = occ
            c.signals = c.signals + [Signal("repeated", 2, f"{len(occ) + 1}×"),
                                     Signal("recurrence", 0, f"{len(occ) + 1}× in the document")]
            c.score += 2.0
            c.tier = "remove"


# the download/app wording a keyword-stuffed SEO title is built around (国家反诈中心app下载-…国家反诈中心APP下载…)
STUFF_WORDS = ("下载", "app", "apk", "官方", "官网", "正版", "入口", "安卓", "手机版", "最新版", "哪个")
STUFF_SEP = re.compile(r"[_|｜]|(?<=\S)[-—–](?=\S)|\s[-—–]\s")
MIN_KEYWORD = 6
STUFF_TRIGGER = Trigger("|".join(w for w in STUFF_WORDS if not w.isascii()), "|".join(w for w in STUFF_WORDS if w.isascii()))
DOC_LINE = re.compile(r"关于|的(?:通知|公告|通告|意见|办法|方案|决定|规定|通报|倡议|函|报告)|人民政府|委员会|办公室|公安局|[市县区]\S{0,6}局")


def _repeated_keyword(low: str) -> str | None:
    """The longest keyword (≥ 6 characters, ending with download/app wording) that a line holds twice, else None."""
    best = None
    if len(set(low)) < MIN_KEYWORD:
        return None  # a run of a few characters repeated is no keyword title
    for w in STUFF_WORDS:
        occ = [m.end() for m in re.finditer(re.escape(w), low)][:6]  # a title holds its keyword two or three times
        for i, a in enumerate(occ):
            for b in occ[i + 1:]:
                n = 0  # common suffix of low[:a] and low[:b], not crossing the first occurrence into the second
                while n < a and low[a - 1 - n] == low[b - 1 - n] and a - 1 - n >= 0 and b - 1 - n >= a:
                    n += 1
                k = low[a - n:a].strip(" -_|｜—–")
                if len(k) >= MIN_KEYWORD and HAN.search(k) and (best is None or len(k) > len(best)):
                    best = k
    return best


def stuffed_titles(text: str, ctx) -> list[Candidate]:
    """SEO keyword titles: a line that holds the same download/app keyword twice (「××app下载-口号××APP下载口号」),
    without sentence punctuation, standing as the page's headline or repeated as its headings and captions. The
    words themselves may be an official app's (国家反诈中心APP下载注册 is trap vocabulary on police pages): the signal
    is the structure — the keyword repeated inside one title, a separator, the title repeated as heading and caption.
    Every verbatim occurrence of the title (case-insensitive) is one edit of the finding."""
    from . import Signal

    out: list[Candidate] = []
    low_text = lower(text)
    done: set[str] = set()
    pos = 0
    stuffed = scan(text).hit(STUFF_TRIGGER)  # a line without a download/app word is no keyword title (issue 16)
    for line in text.split("\n"):
        ls, pos = pos, pos + len(line) + 1
        if ls not in stuffed:
            continue
        stripped = line.strip()
        if not (12 <= len(stripped) <= 100) or re.search(r"[。！？；，,、:：]", stripped):
            continue
        low = stripped.lower()
        if low in done or not any(w in low for w in STUFF_WORDS) or DOC_LINE.search(stripped):
            continue  # a government document's own title (关于…的通知, an organ's name) is no keyword title
        k = _repeated_keyword(low)
        if k is None:
            continue
        done.add(low)
        s = ls + (len(line) - len(line.lstrip()))
        e = s + len(stripped)
        occ = [m.start() for m in re.finditer(re.escape(low), low_text)]
        own = [i for i in occ if (i == 0 or low_text[i - 1] == "\n")
               and (i + len(low) == len(low_text) or low_text[i + len(low)] in "\r\n")]
        sigs = [Signal("keyword-repeat", 4, f"「{k}」×{low.count(k)}")]
        if STUFF_SEP.search(stripped):
            sigs.append(Signal("title-separator", 1, STUFF_SEP.search(stripped).group(0).strip()))
        if ctx.is_title_line(ls, ls + len(line)):
            sigs.append(Signal("title-line", 2, stripped[:60]))
        elif ctx.line_no(ls) < 2:
            sigs.append(Signal("header-line", 2, stripped[:60]))
        if len(own) >= 2:
            sigs.append(Signal("repeated-heading", 2, f"{len(own)}× as its own line"))
        placed = any(g.name in ("title-line", "header-line", "repeated-heading") for g in sigs)
        c = Candidate(s, e, [], kind="seo")
        c.signals = sigs
        c.score = round(sum(g.weight for g in sigs), 2)
        c.strong = True
        c.tier = "remove" if placed and c.score >= 7 else ("flag" if placed or len(occ) >= 2 else None)
        if c.tier is None:
            continue
        c.extra = [(i, i + len(low)) for i in occ if i != s]
        out.append(c)
        if len(out) >= 8:
            break  # a page has one SEO title (and its variants): more is a hostile input, not more evidence
    return out


# a download site's listing line: an id, a category with download wording, a date, counters (「1942920 音乐下载
# 2025-03-11 3 0」) — no labels (a government byline names its fields: 发布时间：… 浏览次数：…)
LISTING = re.compile(r"(?m)^[ \t]*(\d{5,10})[ \t]*([\u4e00-\u9fffA-Za-z]{2,10})[ \t]*"
                     r"(\d{4}-\d{1,2}-\d{1,2}(?:[ \t]\d{1,2}:\d{2}(?::\d{2})?)?)((?:[ \t]+\d{1,7}){1,3})[ \t]*$")
LISTING_CATEGORY = re.compile(r"下载|软件|手游|游戏|应用|app|源码|音乐|影视|电影|小说|壁纸|铃声|主题|攻略|资源", re.I)


def listing_lines(text: str) -> list[tuple[int, int, list]]:
    """(start, end, signals) of download-site listing lines: a foreign site's furniture (GOV-K014)."""
    from . import Signal

    out = []
    for m in LISTING.finditer(text):
        cat = m.group(2)
        if not LISTING_CATEGORY.search(cat):
            continue
        s = m.start(1)
        e = m.end(4)
        out.append((s, e, [Signal("listing-line", 3, "id, category, date, counters"),
                           Signal("download-category", 3, cat), Signal("listing-date", 0, m.group(3))]))
    return out


# SEO keyword lists (gamble6): 「九游娱乐,九游娱乐官网,九游app,九游下载安卓,九游体育,…,九游官网」 — a line of short items that
# repeat one 2–4 character stem, glued to calls to action and betting heads; the stem may be a brand no list knows
KW_CTA = ("官网", "官方", "app", "apk", "下载", "入口", "登录", "登陆", "注册", "网页版", "手机版", "安卓", "苹果", "ios", "网址",
          "靠谱", "正规", "平台", "客户端")
KW_BET = ("娱乐", "真人", "棋牌", "捕鱼", "电竞", "彩票", "百家乐", "体育", "电子", "老虎机", "赌", "博彩", "视讯", "斗地主", "麻将")
KW_MAX_LINE = 2000


def _kw_stem(items: list[str]) -> tuple[str, int] | None:
    """(stem, items starting with it) for the longest 2–4 character prefix that at least four items and half of
    them share, else None."""
    for k in (4, 3, 2):
        counts: dict[str, int] = {}
        for it in items:
            if len(it) >= k:
                counts[it[:k]] = counts.get(it[:k], 0) + 1
        if counts:
            stem, n = max(counts.items(), key=lambda x: (x[1], x[0]))
            if n >= 4 and 2 * n >= len(items):
                return stem, n
    return None


KW_SEPARATORS = ",，、|｜_/ "  # (the item pattern's separators)


def keyword_lists(text: str, allow: list[Hit], cues: list[Hit]) -> list[Candidate]:
    """Keyword lists of a betting site's SEO block: ≥ 5 short separator-delimited items on a line without sentence
    punctuation, most of them opening with the same stem, at least two with a call to action and one with a betting
    head after the stem. The repetition is the structural signal, the calls to action and heads the lexical one;
    the stem needs no list (it is often a brand nobody has seen). A place or organ stem (某某市…), an allowed
    phrase (国家反诈中心APP) or an enforcement cue on the line is no such list."""
    from . import Signal

    out: list[Candidate] = []
    low_text = lower(text)
    pos = 0
    for line in low_text.split("\n"):
        ls, pos = pos, pos + len(line) + 1
        if not (20 <= len(line) <= KW_MAX_LINE) or re.search(r"[。！？；;!?]", line):
            continue
        if sum(map(line.count, KW_SEPARATORS)) < 4:
            continue  # five items need four separators between them (issue 16: most lines have fewer)
        spans = [(m.start(), m.end()) for m in re.finditer(r"[^,，、|｜_/ ]+", line)]
        if len(spans) < 5 or sum(1 for a, b in spans if b - a <= 14) < 0.8 * len(spans):
            continue
        items = [line[a:b] for a, b in spans]
        # an item may carry the stem after a date or a number (「2025-11-21九游娱乐」): take the stem where it starts
        found = _kw_stem([re.sub(r"^[\d\-:.年月日]+", "", it) for it in items])
        if found is None:
            continue
        stem, n = found
        if not re.search(r"[\u4e00-\u9fffa-z]", stem) or _place(stem) or re.search(r"[省市县区镇乡村局委办厅部]", stem) \
                or any(w in stem for w in KW_CTA + KW_BET):
            continue
        with_stem = [(a + line[a:b].find(stem), b) for a, b in spans if stem in line[a:b]]
        s, e = ls + with_stem[0][0], ls + with_stem[-1][1]
        if any(h.start < e and s < h.end for h in allow) or any(h.family == "ENF" and ls <= h.start < ls + len(line)
                                                                 for h in cues):
            continue
        rests = [line[a:b].split(stem, 1)[1] for a, b in spans if stem in line[a:b]]
        cta = sorted({w for r in rests for w in KW_CTA if w in r})
        cta_items = sum(1 for r in rests if any(w in r for w in KW_CTA))
        bet = sorted({w for r in rests for w in KW_BET if w in r})
        if cta_items < 2 or not bet:
            continue
        c = Candidate(s, e, [], kind="ad")
        c.signals = [Signal("keyword-list", 4, f"「{text[s:s + len(stem)]}」×{n} in {len(items)} items"),
                     Signal("call-to-action", 3, "、".join(cta[:4])), Signal("gambling-term", 3, "、".join(bet[:4]))]
        c.score, c.strong, c.tier = 10.0, True, "remove"
        c.detail = {"stem": text[s:s + len(stem)], "items": len(items)}
        out.append(c)
        if len(out) >= 8:
            break
    return out


def with_keyword_lists(cands: list[Candidate], lists: list[Candidate]) -> list[Candidate]:
    """The candidates plus the keyword lists: a list replaces the findings inside it (one list, one finding)."""
    for k in lists:
        for c in cands:
            if (c.tier or c.info) and k.start <= c.start and c.end <= k.end:
                c.tier, c.info = None, False
    return cands + lists


# the tip sites' title formula (ads7): a lottery tip, number-play slang or draw word and the formula 「…解答解释落实」 on
# one title-like line — 「新澳今晚上9点30开奖结果查询 | 正确解答落实」「澳门一码一肖一待一中今晚,…确保解答解释落实_ZCH3.69.83
# 拍照版」「关于“新澳天天开奖资料查询结果”的彻底解答解释落实的通知」 (the fake notices of the `pages` store: deguomolian.com,
# hnyqxsp.com, xasczs.com): two independent families (a gambling anchor, an SEO signature) joined on one short line
# without sentence punctuation is the structure of that title; its version tag (「_ZCH3.69.83拍照版」) belongs to it
TIP_FORMULA = re.compile(r"落实")
TIP_LABEL = re.compile(r"(?:[\u4e00-\u9fff][ \t\u3000]?){1,5}[:：][ \t\u3000]{0,3}")
TIP_VERSION = re.compile(r"[_\-|｜ ]?[A-Za-z]{1,6}\d{1,3}(?:\.\d{1,3}){1,3}[\u4e00-\u9fff]{0,4}")
TIP_MAX_LINE = 160


def tip_titles(text: str, deny: list[Hit], cues: list[Hit], ctx) -> list[Candidate]:
    """The title formula of the lottery-tip farms: an SEO formula signature (G5 ending in 落实) and a gambling anchor
    (G3 word, tip or slang; a listed brand) on one line of at most 160 characters without a sentence end. One
    candidate from the title's start (after a 主题:/标题: label) to the formula's end and its version tag; an error on
    the page's first lines or title, else a warning. An enforcement cue on the line (禁赌, 诈骗, 警惕 …) cancels it."""
    from . import Signal

    out: list[Candidate] = []
    formulas = [h for h in deny if h.family == "G5" and TIP_FORMULA.search(text, h.start, h.end)]
    done: set[int] = set()
    for f in formulas:
        ls, le = line_bounds(text, f.start)
        if ls in done or le - ls > TIP_MAX_LINE or re.search(r"[。！？；!?;]", text[ls:le]):
            continue
        anchors = [h for h in deny if ls <= h.start and h.end <= le and h.family in ("G1", "G3")
                   and not (f.start <= h.start < f.end)]
        if not anchors or any(h.family == "ENF" and ls <= h.start < le for h in cues):
            continue
        done.add(ls)
        s = ls
        while s < le and text[s] in " \t\u3000":
            s += 1
        lab = TIP_LABEL.match(text, s, le)
        if lab and lab.end() <= min(a.start for a in anchors):
            s = lab.end()
        while s < le and text[s] in " \t\u3000":
            s += 1
        last = max(h.end for h in formulas if ls <= h.start < le)
        v = TIP_VERSION.match(text, last, le)
        e = v.end() if v else last
        c = Candidate(s, e, sorted(anchors + [f], key=lambda h: h.start), kind="ad")
        sigs = [Signal("tip-title", 4, text[s:e][:60]), Signal("gambling-term", 3, text[anchors[0].start:anchors[0].end]),
                Signal("seo-signature", 4, text[f.start:f.end])]
        placed = ctx.is_title_line(ls, le) or ctx.line_no(ls) < 2
        if placed:
            sigs.append(Signal("title-line" if ctx.is_title_line(ls, le) else "header-line", 2, text[ls:le].strip()[:60]))
            c.kind = "title"
        c.signals = sigs
        c.score = round(sum(g.weight for g in sigs), 2)
        c.strong = True
        c.tier = "remove" if placed else "flag"
        out.append(c)
        if len(out) >= 8:
            break  # a page has one title formula (and its variants): more is a hostile input, not more evidence
    if out:
        # the formula standing again as a heading of its own (「实用释义、解释与落实」 under the title) is the same insert:
        # it joins the first title's finding (one insert, one finding)
        for f in formulas:
            ls, le = line_bounds(text, f.start)
            lead = text[ls:f.start].strip()  # (the formula's own modifier before it: 「实用」释义、解释与落实)
            if ls not in done and re.fullmatch(r"[\u4e00-\u9fff]{0,4}", lead) and not text[f.end:le].strip():
                out[0].extra.append((f.start - len(lead), f.end))
    return out


def with_tip_titles(cands: list[Candidate], tips: list[Candidate]) -> list[Candidate]:
    """The candidates plus the tip-site titles: a title replaces the findings inside it (one title, one finding)."""
    keep = []
    for t in tips:
        if any(c.tier in ("remove",) and c.start <= t.start and t.end <= c.end for c in cands):
            continue  # already inside a removed span (a title tail, a keyword list)
        for c in cands:
            if (c.tier or c.info) and any(a <= c.start and c.end <= b for a, b in [(t.start, t.end)] + t.extra):
                c.tier, c.info = None, False
        keep.append(t)
    return cands + keep


# porn title lists by the vocabulary of their items (ads7): the lists the mirrors prefix on a copied notice are built
# from a small vocabulary in ever new combinations (「曰本va欧美va久久|欧美日韩在线观看专区|久久国国产免费999|国产乱精品女同
# 自线免费」 bjxmtkj.com, 「国产精品伊人久久免费视频_日韩AⅤ无码久久一区_…」 bodyboxing.cn, 「999精品在线视频,手机成人午夜在线
# 视频,…」 m.handmsg.com: the `pages` store, query 「国产精品 久久 免费观看 乡镇人民政府 关于 公示」 and neighbours), so
# that a list of compounds misses most items. An item is a porn title when it holds a porn-only atom or three distinct
# ordinary atoms of the family; a line is a porn list when it has ≥ 3 separator-delimited items without a sentence
# end, ≥ 60 % of them porn titles and ≥ 2 with a porn-only atom. Fruit (香蕉, 蜜桃), names (婷婷) and ordinary
# words (激情, 高潮, 乱码) are not atoms.
PORN_STRONG = ("av", "无码", "人妻", "熟女", "熟妇", "乱伦", "伦理片", "理论片", "三级片", "黄色视频", "黄片", "毛片", "女同",
               "偷拍", "成人影院", "成人av", "成人视频", "成人午夜", "色综合", "伊人", "四虎", "亚洲天堂", "国产乱", "精品久久",
               "久久精品", "久久久", "午夜寂寞", "午夜福利", "午夜视频", "日本va", "欧美va", "麻豆", "大香蕉")
# Latin porn site names and words (ads8: a Latin-only header list 「xvideos | pornhub | …」), on a word start; porn,
# never pornography (扫黄打非's English name is Anti-Pornography)
PORN_LATIN = ("porn", "xvideos", "pornhub", "xnxx", "xhamster", "youporn", "redtube", "onlyfans", "hentai")
PORN_WEAK = ("国产", "欧美", "日韩", "亚洲", "日本", "久久", "精品", "在线", "免费", "视频", "观看", "高清", "专区", "综合",
             "中文字幕", "影院", "播放", "一区", "二区", "999", "手机版", "午夜", "成人", "电影")
# (女同志 is a comrade; av only beside another atom of the family: AV接口, AV矩阵 are equipment). The look-behind of
# 「(?<![a-z])av」 is written after the a it looks past (「a(?<![a-z]a)v」: the same test of the character before the a):
# with every alternative opening on a literal, ``re`` skips in C every position whose character opens none, instead
# of trying each alternative at every position (issue 16: 0.4-0.6 ms a report, ~20x less)
PORN_STRONG_RE = re.compile("|".join(re.escape(w) for w in sorted(PORN_STRONG, key=len, reverse=True)
                                     if w not in ("av", "女同"))
                            + r"|女同(?![志学事胞])|a(?<![a-z]a)v(?![a-z])|"
                            + "|".join(f"{w[0]}(?<![a-z]{w[0]}){w[1:]}" + ("(?!ograph)" if w == "porn" else "")
                                       for w in sorted(PORN_LATIN, key=len, reverse=True)))
PORN_WEAK_RE = re.compile("|".join(re.escape(w) for w in sorted(PORN_WEAK, key=len, reverse=True)))
PORN_ITEM = re.compile(r"[^_|｜,，、/\n]+")
PORN_MAX_LINE = 600


def _porn_item(item: str) -> tuple[bool, bool]:
    """(a porn title, with a porn-only atom) for one list item (lower case)."""
    found = set(PORN_STRONG_RE.findall(item))
    weak = set(PORN_WEAK_RE.findall(item))
    strong = bool(found - {"av"}) or ("av" in found and bool(weak))
    return strong or len(weak) >= 3, strong


def porn_items(text: str, have: list[Candidate]) -> list[Candidate]:
    """Porn title lists by their items' vocabulary, on the lines no stuffing candidate in ``have`` covers."""
    from . import Signal

    low = lower(text)
    if not PORN_STRONG_RE.search(low):
        return []  # a text without a porn-only atom has no such list (issue 16: one search on a clean report)
    out: list[Candidate] = []
    done: set[int] = set()
    for m in PORN_STRONG_RE.finditer(low):
        ls, le = line_bounds(low, m.start())
        if ls in done:
            continue
        done.add(ls)
        line = low[ls:le]
        if le - ls > PORN_MAX_LINE or re.search(r"[。！？；!?;]", line) or any(c.start < le and ls < c.end for c in have):
            continue
        items = [(x.start() + ls, x.end() + ls) for x in PORN_ITEM.finditer(line) if x.group(0).strip()]
        if len(items) < 3:
            continue
        judged = [_porn_item(low[a:b]) for a, b in items]
        porn = [k for k, (p, _) in enumerate(judged) if p]
        strong = sum(1 for p, s in judged if s)
        if len(porn) < 3 or len(porn) < 0.6 * len(items) or strong < 2:
            continue
        a, b = items[porn[0]][0], items[porn[-1]][1]
        while a < b and text[a] in " \t\u3000":
            a += 1
        while b > a and text[b - 1] in " \t\u3000":
            b -= 1
        c = Candidate(a, b, [], kind="stuffing")
        c.signals = [Signal("stuffed-list", 8, f"{len(porn)} of {len(items)} items porn titles, {strong} with a porn-only word")]
        c.strong, c.score = True, 8.0
        out.append(c)
        if len(out) >= 8:
            break
    return out


# betting link lists (ads8): the footers and link bars a gambling mirror prints under or over a copied government
# page — 「网站地图 | 足球皇冠博彩 | 足球投注上下计算器 | 澳门在线赌博网站 |」「申博代理官网登入 | 申博娱乐真钱骰宝 | 申博微信
# 支付充值」 (the `pages` store's hgmfkh.33sbib.com copy of a 自治区发展改革委 news item, query 「华体会体育 十四五规划 区人民
# 政府 发展目标」) — are built, like the porn lists, from a small vocabulary in ever new combinations, so that a
# list of compounds finds a word or two of them (博彩, 足球投注) and misses the rest. An item is a betting item when it
# holds a betting-only atom (BET_STRONG) or two ordinary atoms of the family (BET_WEAK: 官网, 代理, 登入, 充值, 足球 …);
# an item with government wording (局, 监察, 法例, 条例, 公告 …: a regulator's menu) is never one. A line is a betting
# list when it has ≥ 3 separator-delimited items without a sentence end, ≥ 60 % of them betting items, ≥ 2 with a
# betting-only atom and ≥ 1 with a call to action or a listed brand (what an ad asks for and a regulator's menu
# never does), and no enforcement cue; the next line continues it with ≥ 2 betting items and half of its items.
# The list structure is the structural signal, the atoms the lexical one; one list, one finding (an error).
BET_STRONG = ("赌博", "博彩", "赌场", "赌城", "投注", "下注", "百家乐", "骰宝", "老虎机", "轮盘", "真钱", "彩金", "赌球", "网投",
              "六合彩", "时时彩", "北京赛车", "pk10", "棋牌", "真人视讯", "电子游艺", "捕鱼", "娱乐城", "娱乐场", "盘口", "赔率",
              "牛牛", "炸金花", "21点", "斗地主", "德州扑克", "casino", "bet")
BET_WEAK = ("官网", "官方", "代理", "登入", "登录", "登陆", "注册", "开户", "充值", "提现", "下载", "app", "网址", "入口", "平台",
            "娱乐", "足球", "篮球", "体育", "真人", "彩票", "电子", "游戏", "在线", "网站", "皇冠", "澳门", "威尼斯人", "金沙",
            "葡京", "微信支付", "支付宝", "手机版", "网页版", "计算器", "技巧", "规则", "攻略", "提款", "出款", "到账")
BET_CTA = ("官网", "官方", "代理", "登入", "登录", "登陆", "注册", "开户", "充值", "提现", "下载", "app", "网址", "入口", "平台",
           "手机版", "网页版", "微信支付", "支付宝")
BET_GOV = re.compile(r"局|政府|委员会|监察|监管|法例|法律|法规|条例|公告|通告|通知|办公室|统计|牌照|发牌|申请|举报|打击|整治|"
                     r"禁|反|戒|预防|公益|福利彩票|体育彩票|体彩|福彩")
BET_STRONG_RE = re.compile("|".join(re.escape(w) for w in sorted(BET_STRONG, key=len, reverse=True)))
BET_WEAK_RE = re.compile("|".join(re.escape(w) for w in sorted(BET_WEAK, key=len, reverse=True)))
BET_ITEM = re.compile(r"[^_|｜,，、/\n]+")
BET_SEPARATED = re.compile(r"[_|｜,，、/]")
BET_WORD = re.compile(r"[^\s]+")  # a line without separators: its blank-delimited words (「澳门金沙官网 在线开户 真人百家乐」)
BET_MAX_LINE = 600


def _bet_item(item: str, brand: bool) -> tuple[bool, bool, bool]:
    """(a betting item, with a betting-only atom, with a call to action or a brand) for one list item (lower case)."""
    if BET_GOV.search(item):
        return False, False, False
    strong = brand or bool(BET_STRONG_RE.search(item))  # (a listed brand or a bet token is betting-only too)
    weak = set(BET_WEAK_RE.findall(item))
    cta = brand or any(w in item for w in BET_CTA)
    return strong or len(weak) >= 2, strong, cta and (strong or len(weak) >= 2)


class _Spans:
    """Hits sorted by start, for the hits starting in a range (bisect: a line's hits without a scan of all)."""

    def __init__(self, hits: list[Hit]):
        self.hits = sorted(hits, key=lambda h: h.start)
        self.starts = [h.start for h in self.hits]

    def within(self, ls: int, le: int) -> list[Hit]:
        import bisect

        return self.hits[bisect.bisect_left(self.starts, ls):bisect.bisect_left(self.starts, le)]


def _betting_brands(text: str, deny: list[Hit]) -> list[Hit]:
    """The brand hits (G1) of betting sites: a porn studio's (麻豆传媒, 91制片厂) belongs to the porn lists."""
    return [h for h in deny if h.family == "G1" and not text[h.start:h.end].lower().endswith(MEDIA_HEADS)
            and not PORN_STRONG_RE.search(text[h.start:h.end].lower())]


def _bet_line(low: str, ls: int, le: int, brands: _Spans, allow: _Spans):
    """(items, judged) of a line split into separator-delimited items, allowed phrases blanked out."""
    line = low[ls:le]
    for h in allow.within(ls, le):
        if h.end <= le:
            line = line[:h.start - ls] + " " * (h.end - h.start) + line[h.end - ls:]
    split = BET_ITEM if BET_SEPARATED.search(line) else BET_WORD  # (a contact footer's items stand apart by blanks)
    items = [(x.start() + ls, x.end() + ls) for x in split.finditer(line) if x.group(0).strip()]
    inline = brands.within(ls, le)
    judged = [_bet_item(line[a - ls:b - ls], any(a <= h.start < b for h in inline)) for a, b in items]
    return items, judged


def _bet_row(low: str, ls: int, le: int, brands: _Spans, allow: _Spans, enf: _Spans):
    """(items, betting, strong, cta) of a line that may belong to a betting list, else None: a list line of ≤ 600
    characters without a sentence end or an enforcement cue, with ≥ 2 betting items that are half of its items."""
    if le - ls > BET_MAX_LINE or re.search(r"[。！？；!?;]", low[ls:le]) or enf.within(ls, le):
        return None
    items, judged = _bet_line(low, ls, le, brands, allow)
    bet = [items[k] for k, (b, _, _) in enumerate(judged) if b]
    if len(bet) < 2 or 2 * len(bet) < len(items):
        return None
    return items, bet, sum(1 for _, s, _ in judged if s), sum(1 for _, _, c in judged if c)


def betting_lists(text: str, deny: list[Hit], allow: list[Hit], cues: list[Hit]) -> list[Candidate]:
    """Betting link lists by their items' vocabulary (see BET_STRONG): one candidate per list, over its lines."""
    from . import Signal

    low = text.lower()
    if not BET_STRONG_RE.search(low):
        return []  # a text without a betting-only atom has no such list (issue 16: one search on a clean report)
    out: list[Candidate] = []
    done: set[int] = set()
    brands = _Spans(_betting_brands(text, deny))
    allowed = _Spans(allow)
    enf = _Spans([h for h in cues if h.family == "ENF"])
    for m in BET_STRONG_RE.finditer(low):
        ls, le = line_bounds(low, m.start())
        if ls in done:
            continue
        done.add(ls)
        row = _bet_row(low, ls, le, brands, allowed, enf)
        if row is None:
            continue
        rows = [row]
        p = ls  # the list's lines before and after this one (a footer wraps over two or three lines)
        while p > 0 and len(rows) < 6:
            ps, pe = line_bounds(low, p - 1)
            r = _bet_row(low, ps, pe, brands, allowed, enf)
            if r is None:
                break
            rows.insert(0, r)
            done.add(ps)
            p = ps
        n = le + 1
        while n < len(low) and len(rows) < 12:
            ns, ne = line_bounds(low, n)
            r = _bet_row(low, ns, ne, brands, allowed, enf)
            if r is None:
                break
            rows.append(r)
            done.add(ns)
            n = ne + 1
        n_items = sum(len(r[0]) for r in rows)
        n_bet = sum(len(r[1]) for r in rows)
        strong = sum(r[2] for r in rows)
        cta = sum(r[3] for r in rows)
        if n_items < 3 or n_bet < 3 or n_bet < 0.6 * n_items or strong < 2 or not cta:
            continue
        a, b = rows[0][1][0][0], rows[-1][1][-1][1]
        while a < b and text[a] in " \t\u3000":
            a += 1
        while b > a and text[b - 1] in " \t\u3000":
            b -= 1
        words = sorted({w for w in BET_STRONG_RE.findall(low[a:b])})
        c = Candidate(a, b, [], kind="ad")
        c.signals = [Signal("betting-list", 4, f"{n_bet} of {n_items} items betting links, {strong} with a betting-only word"),
                     Signal("gambling-term", 3, "、".join(words[:4])), Signal("call-to-action", 3, f"{cta} items")]
        c.score, c.strong, c.tier = 10.0, True, "remove"
        out.append(c)
        if len(out) >= 8:
            break
    return out


# ad chains (ads8): the keyword chain a mirror writes where a place or an organ's name stood — 「365bet体育在线世界杯_
# 365提款成功但是不到账_约彩365官方下载安装市场监督管理局」 (the `pages` store's bjhhrf.com copy of a 市场监督管理局
# notice, query 「市场监督管理局 关于 食品安全 抽检 结果的通告 …」), 「沙巴体育_大发体育娱乐在线¥投注官网」 (tune w0306) —
# three or more segments joined by 「_ | ¥ $」 inside a line, whatever the brand: no government sentence joins words
# with an underscore. A chain is an insert when ≥ 2 of its segments are betting items (ads._bet_item: a betting-only
# atom or two ordinary ones, never government wording) and one carries a betting-only atom, a bet token or a listed
# brand; an enforcement cue in the sentence cancels it. The chain's outer segments stop at government wording
# glued to them, the last one after its last betting word (the government text glued to them stays). An error when it sits inside a sentence (Han on both sides: the
# substitution), else a warning.
CHAIN_SEP = "_|｜$¥￥"
FUNCTION_WORD = re.compile(r"对|在|为|由|经|向|从|把|将|与|和|及|是|的")
CHAIN_BREAK = set(" \t\n\u3000，,。；;：:、《》“”\"'()（）[]【】!?！？") | set(CHAIN_SEP)
CHAIN_SEG_MAX = 24
CHAIN_WORD = re.compile(AD_WORDS.pattern + r"|提款|提现|出款|到账|彩金|充值|安装|世界杯|[a-z0-9]{2,}", re.I)
CHAIN_TRIGGER = re.compile(r"[_|｜$¥￥][^\s_|｜$¥￥]{2,24}[_|｜$¥￥]")


def _seg_left(low: str, i: int) -> int:
    """Start of the segment ending at i (bounded by a break character or CHAIN_SEG_MAX)."""
    k = i
    while k > 0 and i - k < CHAIN_SEG_MAX and low[k - 1] not in CHAIN_BREAK:
        k -= 1
    return k


def _seg_right(low: str, i: int) -> int:
    k = i
    while k < len(low) and k - i < CHAIN_SEG_MAX and low[k] not in CHAIN_BREAK:
        k += 1
    return k


def ad_chains(text: str, deny: list[Hit], allow: list[Hit], cues: list[Hit]) -> list[Candidate]:
    """Betting keyword chains joined by underscores (see CHAIN_SEP): one candidate per chain."""
    from . import Signal
    from .morphology import BET

    low = text.lower()
    if not CHAIN_TRIGGER.search(low):
        return []  # (issue 16: a report without two separators around a short segment has no chain)
    brands = _Spans(_betting_brands(text, deny) + [h for h in deny if h.family in ("G3", "G5")])
    if not BET_STRONG_RE.search(low) and not any(h.family == "G1" for h in brands.hits):
        return []  # a chain needs a betting-only word or a brand (bet tokens spell "bet")
    enf = _Spans([h for h in cues if h.family == "ENF"])
    allowed = _Spans(allow)
    out: list[Candidate] = []
    seps = [m.start() for m in re.finditer(r"[_|｜$¥￥]", low)]
    k = tried = 0
    while k < len(seps) and len(out) < 8:
        # a run of separators each followed by a segment of 1–24 characters that ends on the next separator
        run = [seps[k]]
        while k + 1 < len(seps) and len(run) < 10 and 2 <= seps[k + 1] - run[-1] - 1 <= CHAIN_SEG_MAX \
                and all(ch not in CHAIN_BREAK for ch in low[run[-1] + 1:seps[k + 1]]):
            k += 1
            run.append(seps[k])
        k += 1
        if len(run) < 2:
            continue
        a, b = _seg_left(low, run[0]), _seg_right(low, run[-1] + 1)
        g = None  # the outer segments stop at government wording glued to them (…安装|市场监督管理局, 对|365bet…)
        for g in BET_GOV.finditer(low, a, run[0]):
            pass
        if g is not None:
            a = g.end()
            f = FUNCTION_WORD.match(low, a, run[0])  # 市场监督管理局[对]…: the sentence's own function word
            if f and run[0] - f.end() >= 2:
                a = f.end()
        g = BET_GOV.search(low, run[-1] + 1, b)
        if g is not None:
            b = g.start()
        bounds = [a] + [x + 1 for x in run]
        ends = run + [b]
        segs = [(s, e) for s, e in zip(bounds, ends) if e - s >= 2]
        if len(segs) < 3:
            continue
        if any(h.start < b and a < h.end for h in allowed.within(max(0, a - 20), b)):
            continue
        inner = brands.within(a, b)
        judged = [_bet_item(low[s:e], any(s <= h.start < e for h in inner if h.family == "G1")) for s, e in segs]
        bet = [i for i, (x, _, _) in enumerate(judged) if x]
        strong = any(st for _, st, _ in judged) or any(h.family == "G1" for h in inner) \
            or any(BET.search(low, s, e) for s, e in segs)
        if len(bet) < 2 or not strong:
            continue
        tried += 1
        if tried > 64:
            break  # (a hostile input of chains: more is no more evidence)
        sa, se = sentence_bounds(text, a)
        if enf.within(sa, se):
            continue  # a 公安 notice listing the sites it closed
        # the first segment is dropped unless it is a betting item, the last one is cut after its last betting word
        s0, e0 = segs[0]
        if 0 not in bet:
            s0 = segs[1][0]
        s1, e1 = segs[-1]
        if len(segs) - 1 not in bet:
            e1 = segs[-2][1]
        else:
            last = None
            for m in CHAIN_WORD.finditer(low, s1, e1):
                last = m.end()
            if last:
                e1 = last
        glued = s0 > 0 and HAN.match(text[s0 - 1] or "") and e1 < len(text) and HAN.match(text[e1])
        c = Candidate(s0, e1, list(inner), kind="substitution" if glued else "ad")
        words = sorted({w for w in BET_STRONG_RE.findall(low[s0:e1])} | {text[h.start:h.end] for h in inner})
        c.signals = [Signal("ad-chain", 4, f"{len(segs)} segments joined by {low[run[0]]}, {len(bet)} betting"),
                     Signal("gambling-term", 3, "、".join(words[:4]) or low[s0:e1][:20])]
        if glued:
            c.signals.append(Signal("glued", 1, text[max(0, s0 - 4):min(len(text), e1 + 4)]))
        c.score = round(sum(g.weight for g in c.signals), 2)
        c.strong = True
        c.tier = "remove" if glued or len(bet) >= 3 else "flag"
        first = next((x for x in out if text[x.start:x.end] == text[s0:e1]), None)
        if first is not None:  # the same chain again (a mirror replaces every occurrence): one insert, one finding
            first.extra.append((s0, e1))
            first.tier = "remove" if "remove" in (first.tier, c.tier) else first.tier
            continue
        out.append(c)
    return out
