"""Is this page a mirror's copy? And, on such a page, whose furniture is it (GOV-K014 vs GOV-K010)?

The judgement is document level and uses only evidence the pass has already computed (issue 13):
- ``page-host``: the page was served by a non-government host (GOV-K005 page_host), with its host signals (a
  government CMS path on a foreign host, an embedded government hostname, spam morphology);
- ``portal-url``: the report's own address rewritten to a foreign host, or a mirror-morphology host in the text
  (GOV-K005 portal_url, download/contact sentence or mirror host);
- ``pinyin-annotations``: converter pinyin after characters (GOV-K007, at least three);
- ``traditional-copy`` and ``spun-copy`` (GOV-K009): weak, a mirror only together.
Evidence in the text itself, for a page checked without its address (``text_evidence``):
- strong: ``foreign-furniture`` (furniture only a content farm or a site farm carries, already reported: a repost
  notice, a CMS signature, a wiki infobox, a portal menu, a language switch with the mirror's URL, a document-sharing
  site's notices, a commercial contact line), ``injected-spam`` (an ad or brand substitution with a removal anchor),
  ``mirror-url`` (a foreign host labelled as the page's own address — 本文链接/原文地址/转载请注明 — or printed in a
  copyright/ICP footer that names no government organ and no vendor), ``sprinkled-symbols`` (GOV-K012 warnings:
  symbols sprinkled into the words, a later pass);
- weak (two make a mirror): ``foreign-footer`` (a copyright/ICP line with no government vocabulary), ``site-account``
  (a byline naming a site account), ``mirror-categories`` (a breadcrumb or menu holding a portal's category names),
  ``recommendation-block`` (a site's recommendation heading other than a government CMS's 相关链接/相关文章 …),
  ``foreign-headlines`` (a recommendation block, previous/next line or news list whose items are not government
  items and read as foreign text to the character model: ``furniture.foreign_items``), ``site-welcome`` (a site's
  欢迎来到…网 line without government vocabulary), ``site-name`` / ``site-category-date`` (the site's header lines:
  a name built of a portal genre, a category label glued to the time), ``byline-submit`` (我要投稿 or a word count in a byline), ``forum-pager`` (a forum archive's 页: [1] 2 3),
  ``commercial-widget`` (联系客服 / 下载APP bars), ``spam-host`` (a gambling-morphology host in the text),
  ``foreign-text`` (a GOV-K014 warning of the character model, a later pass), ``traditional-copy``, ``spun-copy``.
Evidence of the later passes (residue, character model) is read by :func:`late`, which files the furniture again
when it turns the verdict. A page served by a government host is never a mirror's copy. The verdict is
``doc_signals["mirror"]`` (``{"reasons": [...]}``).

On a mirror's copy, furniture that carries no government-page vocabulary (``furniture.GOV_VOCAB``) and is not the
copied article's byline is the mirror's own: its menus, breadcrumbs, share/print bars, search box, language switch,
news lists, captions and reference marks are reported as GOV-K014 (warning; removed by ``clean``), with the mirror
reasons and the structure as signals. The same lines on a government page stay GOV-K010 chrome (info) or are left
alone; only furniture that is foreign on its own (a document-sharing site's reading notice, a commercial contact
line) is GOV-K014 on any page.
"""

from __future__ import annotations

import re

from . import furniture, hosts
from .base import Trigger, scan

STRONG = ("page-host", "portal-url", "pinyin-annotations")
TEXT_STRONG = ("foreign-furniture", "injected-spam", "mirror-url", "sprinkled-symbols")
CHROME_CODES = ("GOV-K010", "GOV-K013")
MIRROR_CONTEXTS = ("download-sentence", "contact-sentence", "mirror-host")
NO_GOV_CHECK = ("flipbook-page",)  # generated furniture around the document's own title
BLOCK_HEADS = ("breadcrumb", "share-bar", "widget", "language-switch")  # lines read with the block around them




def _host(url: str) -> str:
    return url.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()


# furniture that only a content farm or a site farm carries (reported by furniture.find / site_candidates)
FARM_FURNITURE = ("repost-notice", "cms-signature", "wiki-infobox", "portal-menu", "language-switch",
                  "doc-site-notice", "doc-site-pages", "commercial-contact", "blog-furniture", "qa-furniture",
                  "farm-preamble", "gated-fields", "farm-variant", "byline-widget", "doc-watermark", "table-of-contents", "site-slogan")
OWN_ADDRESS = re.compile(r"(?:本文|文章|原文|本页|页面|本帖|本篇)(?:的)?(?:链接|地址|网址|url)|转载请注明|转载请保留|永久链接|"
                         r"分享链接", re.I)
# the document's own title (a report, a notice): never part of the furniture block around it
DOC_TITLE = re.compile(r"年度报告|年度報告|年报|年報|工作报告|工作報告|(?:的|关于.{2,40})(?:通知|公告|意见|办法|方案|决定|规定|细则)")
CRUMB_SPLIT = re.compile(r"[>＞»›→|｜/·•\s]+")
FOOTER = re.compile(r"copyright|©|版权所有|all\s?rights\s?reserved|icp备|icp证", re.I)
SITE_MAP = re.compile(r"网站地图|网站统计|友情链接|关于我们")  # a site's footer links: a mirror's only with its host
# the prefilter (base.Scan) of the address and footer lines: the literal cores of OWN_ADDRESS, FOOTER and SITE_MAP
ADDRESS_TRIGGER = Trigger(r"本文|文章|原文|本页|页面|本帖|本篇|转载请|永久链接|分享链接|©|版权所有|网站地图|网站统计|友情链接|关于我们",
                          r"copyright|all\s?rights\s?reserved|icp")
VENDOR = re.compile(r"技术支持|技术服务|承建|建设单位|设计制作|网站建设|维护单位|运维|推荐使用|分辨率|浏览器")
COMMERCIAL_WIDGET = re.compile(r"联系客服|在线客服|下载app|畅快体验|app下载", re.I)
# candidates reported as info on every page: the copied text's byline crediting the net (来源：网络整理) — a weak
# sign of a mirror, yet by the furniture convention a byline describes the copied text
INFO_ONLY = ("net-source",)
WEAK_FURNITURE = ("tag-label", "news-caption", "portal-menu", "wiki-infobox", "cms-signature", "comment-box")
PORTAL_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z]{1,8}[网網]")  # 东南网, 中国西藏网: a news portal's name
# a portal's category names (an exact item of a breadcrumb or menu); a government site names its columns otherwise
CATEGORY_NAMES = furniture.STRONG_PORTAL | frozenset("国内 国际 时政 社会 财经 娱乐 体育 军事 科技".split())
# a template farm's categories: genres of model texts (党政范文, 述职报告, 心得体会, 演讲稿 …), a column no
# government site names so
FARM_CATEGORY = re.compile(r"^[\u4e00-\u9fff]{0,6}(?:范文|作文|美文|文库|心得体会|演讲稿|读后感|观后感|思想汇报|述职报告|述职述廉|"
                           r"自我鉴定|自我评价|申请书|检讨书|句子|语录|祝福语|文案)(?:大全|精选)?$")


def text_evidence(c, text: str, cands=(), late: bool = False, model=None) -> tuple[list, list]:
    """(strong, weak) mirror reasons from the text and the findings so far (no page address needed); with ``late``
    also the evidence of the passes after the furniture (residue, the character model). ``model``: the character
    model (or a function that loads it) that judges the site's item lists (``furniture.foreign_items``)."""
    strong: list[tuple[str, str]] = []
    weak: list[tuple[str, str]] = []

    def once(lst, name, detail):
        if not any(n == name for n, _ in strong + weak):
            lst.append((name, detail))

    for sp in c.spans:
        kind = sp.detail.get("kind", "")
        if sp.code == "GOV-K014" and sp.tier == "remove" and kind in FARM_FURNITURE:
            once(strong, "foreign-furniture", f"{kind} {sp.text[:20]!r}")
        elif sp.code in ("GOV-K001", "GOV-K006") and sp.tier == "remove" and sp.end > sp.start:
            once(strong, "injected-spam", sp.text[:20])
        elif sp.code == "GOV-K005" and sp.category == "portal_url" and sp.detail.get("context") == "spam-host":
            once(weak, "spam-host", sp.detail.get("host", ""))
        elif late and sp.code == "GOV-K012" and kind == "sprinkled-symbol" and sp.detail.get("severity") == "warning":
            once(strong, "sprinkled-symbols", sp.text[:8])
        elif late and sp.code == "GOV-K014" and kind == "foreign-text" and sp.tier == "flag":
            once(weak, "foreign-text", sp.text[:20])
        elif sp.code == "GOV-K014" and sp.category == "furniture" and sp.detail.get("severity") == "info" \
                and kind in WEAK_FURNITURE:
            once(weak, "foreign-furniture-weak", f"{kind} {sp.text[:20]!r}")
    for s0, e0, kind, sigs, scope in cands:
        seg = text[s0:e0]
        if scope == "any" and kind in FARM_FURNITURE:
            once(strong, "foreign-furniture", f"{kind} {seg[:20]!r}")
        elif kind in ("site-account", "news-list", "image-caption", "site-welcome", "net-source", "site-name",
                      "site-category-date", "byline-submit", "forum-pager", "site-channel"):
            once(weak, kind, seg[:20].replace("\n", " "))
        if kind in ("related-list", "prev-next", "news-list"):
            # the site's list of its other articles: foreign when its items are not government items
            heading = seg.strip().split("\n", 1)[0].strip()
            if kind == "related-list" and not furniture.GOV_RELATED.match(heading):
                once(weak, "recommendation-block", heading[:20])
            score = furniture.foreign_items(furniture.list_items(seg), model)
            if score:
                once(weak, "foreign-headlines", f"{kind} {score}")
        elif kind in ("breadcrumb", "site-menu") and not furniture.GOV_VOCAB.search(furniture._nfkc(seg)):
            parts = [p.strip().lower() for p in CRUMB_SPLIT.split(seg) if p.strip()]
            cats = sorted((set(parts) & CATEGORY_NAMES) | {p for p in parts if FARM_CATEGORY.search(p)})
            if cats:
                once(weak, "mirror-categories", "、".join(cats[:4]))
            if kind == "breadcrumb":
                root = furniture.BREADCRUMB_LABEL.sub("", seg.strip()).strip()
                root = re.split(r"[>＞»›→]", root)[0].strip()
                if PORTAL_NAME.fullmatch(root):  # the breadcrumb starts at a news portal's name, not 首页 / an organ
                    once(weak, "portal-breadcrumb", root)
        elif kind == "share-bar" and COMMERCIAL_WIDGET.search(seg):
            once(weak, "commercial-widget", seg[:20])
    # the page's own address, a copyright / ICP footer: only the lines these words open (no walk over every line)
    for a in sorted(scan(text).hit(ADDRESS_TRIGGER)):
        b = text.find("\n", a)
        ln = text[a:len(text) if b < 0 else b].strip()
        if len(ln) > 160:
            continue
        own, foot = OWN_ADDRESS.search(ln), FOOTER.search(ln)
        if not (own or foot or SITE_MAP.search(ln)):
            continue
        refs = hosts.find(ln) if "." in ln else []
        foreign = [r for r in refs if not r.official]
        if not (own or foot or foreign):
            continue  # a site map link alone (a government site has one too)
        govish = furniture.GOV_VOCAB.search(furniture._nfkc(ln)) or any(r.official for r in refs)
        if foreign and (own or not (govish or VENDOR.search(ln))):
            once(strong, "mirror-url", foreign[0].host)
        elif foot and not own and not govish and not VENDOR.search(ln) and not re.search(r"[。；]", ln):
            once(weak, "foreign-footer", ln[:30])
    return strong, weak


def judge(c, source_url: str | None, text: str | None = None, cands=(), late: bool = False,
          model=None) -> dict | None:
    """The mirror verdict from the pass's findings so far and, given ``text``, the evidence in the text itself:
    {"reasons": [...]} or None."""
    if source_url and "." in _host(source_url) and hosts.official_host(_host(source_url)):
        return None
    reasons: list[tuple[str, str]] = []
    for sp in c.spans:
        if sp.code == "GOV-K005" and sp.category == "page_host":
            reasons.append(("page-host", sp.detail.get("host", "")))
            reasons += [(g.name, g.detail) for g in sp.signals if g.name in (
                "gov-path-on-foreign-host", "embedded-gov-host", "spam-morphology")]
        elif sp.code == "GOV-K005" and sp.category == "portal_url" and sp.detail.get("context") in MIRROR_CONTEXTS:
            if not any(n == "portal-url" for n, _ in reasons):
                reasons.append(("portal-url", sp.detail.get("host", "")))
    if c.doc_signals.get("pinyin", 0) >= 3:
        reasons.append(("pinyin-annotations", f"{c.doc_signals['pinyin']}×"))
    weak = []
    if c.doc_signals.get("traditional_ratio"):
        weak.append(("traditional-copy", f"{c.doc_signals['traditional_ratio']:.2f}"))
    if any(sp.code == "GOV-K009" and sp.category == "spin" for sp in c.spans):
        weak.append(("spun-copy", ""))
    if text is not None:
        t_strong, t_weak = text_evidence(c, text, cands, late, model)
        reasons += t_strong
        weak += t_weak
    if any(n in STRONG or n in TEXT_STRONG for n, _ in reasons) or len(weak) >= 2:
        return {"reasons": [f"{n}: {d}" if d else n for n, d in reasons + weak]}
    if weak and not source_url and any(n != "traditional-copy" for n, _ in weak):
        # one weak reason on a page of unknown address: tentative — the mirror's furniture is reported as info only
        # (not a traditional-character text alone: Macau's and Hong Kong's own pages are written so)
        return {"reasons": [f"{n}: {d}" if d else n for n, d in weak], "tentative": True}
    return None


OUTSIDE_MAX = 60  # a furniture line outside the copied text is short
FALLBACK_EDGES = ("before-text", "after-text")  # edges of a copied text with no report title or sign-off


def _outside_line(s: str) -> bool:
    """A line outside the copied text that is the mirror's, not the copied page's: short, no sentence, no government
    vocabulary, no byline (date, source, author, counters), no contact field, not a title."""
    if not s or len(s) > OUTSIDE_MAX or furniture._is_body(s) or re.search(r"[。；]", s):
        return False
    if not re.search(r"[\u4e00-\u9fffA-Za-z]{2}", SPACED.sub("", s)):
        return False  # a page number, a separator, a date alone (a label spaced out, 返 回 / 首　页, is a label)
    n = furniture._nfkc(s)
    if furniture.GOV_VOCAB.search(n):
        return False
    if n in furniture.SITE_ITEMS or n in SITE_LINKS:
        return True  # a site's own link (联系我们, 在线咨询): its 联系 is no contact field of the report
    return not (furniture.BYLINE.search(n) or furniture.NEWS_BYLINE.search(n)
                or DOC_TITLE.search(n) or TITLE_END.search(n) or CONTACT.search(n) or furniture.TOC_ITEM.match(n) or HEADING.match(n)
                or GOV_PAGE_WORDS.search(n) or TABLE_CELLS.search(n) or BYLINE_MORE.search(n)
                or GOV_MEDIA.search(n))


SPACED = re.compile(r"(?<=[\u4e00-\u9fff])[^\S\n]{1,6}(?=[\u4e00-\u9fff])")  # blanks between two characters
# a line that ends in a document genre's noun is the title of a copied text (…工作情况报告, …实施方案, …统计公报)
TITLE_END = re.compile(r"(?:报告|報告|总结|總結|计划|計劃|规划|規劃|纲要|綱要|公报|公報|通报|通報|汇报|匯報|要点|要點|方案|办法|辦法|"
                       r"通知|公告|意见|意見|决定|決定|规定|規定|细则|細則|条例|條例|指南|目录|目錄)$")
# the copied article's byline and counters in the other shapes (编辑/某某, 首席记者 某某, 阅读 2015): they describe
# the copied text (chrome by the furniture convention), never the mirror
BYLINE_MORE = re.compile(r"(?:编辑|责编|作者|记者|摄影|摄像|来源|审核|校对|通讯员|撰稿|供稿|监制|出品)[^\S\n]*[/|｜][^\S\n]*\S|"
                         r"^(?:首席记者|记者|通讯员|作者|编辑)[^\S\n]+[\u4e00-\u9fff]{2,4}$|"
                         r"^(?:阅读|浏览|点击|访问|评论|点赞|收藏|分享|转发|播放)(?:量|数|次数|人数)?[^\S\n]*[:：]?[^\S\n]*\d+")
# the media of an organ (县融媒体中心, 某某日报, 电视台): the copied page's publisher, not the mirror
GOV_MEDIA = re.compile(r"融媒|日报|晚报|电视台|广播电视")
# a site's own links in its header or footer (with the words a contact field of the report would hold)
SITE_LINKS = frozenset("在线咨询 在线客服 联系客服 联系方式 商务合作 广告合作 合作联系 联系站长 投诉建议".split())
# words of a disclosure report's tables (a short table row after the last sentence is the report's)
TABLE_CELLS = re.compile(r"总计|合计|小计|件数|数量|维持|纠正|审结|本年|上年|申请人|自然人|法人|\d\s+\d|[|｜]\s*\d|[:：]$")


# a heading of the copied text (第一章 总则), words of a government page's own links (点击查看图文解读, 附件)
HEADING = re.compile(r"^\s*(?:第[一二三四五六七八九十百\d]{1,4}[章节条部分篇]|[一二三四五六七八九十]{1,3}[、.．]|"
                     r"[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．])")
GOV_PAGE_WORDS = re.compile(r"解读|图解|附件|索引|原文|正文")
# a contact field of the report's closing lines (it stays the report's, wherever it stands)
CONTACT = re.compile(r"电话|地址|邮编|邮箱|传真|网址|联系|热线|e-?mail", re.I)


def outside_report(text: str) -> list[tuple[int, int, str, int]]:
    """(start, end, where, lines) of the blocks of mirror lines before the copied text's title (or its opening
    根据《条例》 sentence) and after its sign-off (foreign._body), in view offsets; a text without them (a notice, a
    news item) has its edges at its first title or sentence line and after its last sentence line (``before-text``,
    ``after-text``)."""
    from .foreign import _body

    lines = scan(text).full  # the non-blank lines (blank lines inside a block are skipped), stripped
    start, end = _body(lines, text)
    head, foot = "before-title", "after-sign-off"
    if start is None:
        start, head = _first_body(lines), "before-text"
    if start is not None and (start > 0.3 * len(text) or sum(1 for x in lines if x[0] < start) > 12):
        start = None  # a title found far down is no page header's end (an article's own heading, a quoted title)
    if end is None:
        end, foot = _last_body(lines, text), "after-text"
    elif (last := _last_body(lines, text)) is not None and last > end:
        end = last  # the copied text goes on after a date line (an attachment under its notice): its footer is later
    out: list[tuple[int, int, str, int]] = []
    for where, sel in ((head, [x for x in lines if start is not None and x[1] <= start]),
                       (foot, [x for x in lines if end is not None and x[0] >= end])):
        run: list[tuple[int, int]] = []
        for a, b, s, sa, sb in sel + [(-1, -1, "", -1, -1)]:
            if a >= 0 and _outside_line(s):
                run.append((sa, sb))
                continue
            if run and not _labels_gov(text, run[0][0], run[-1][1]):
                out.append((run[0][0], run[-1][1], where, len(run)))
            run = []
    return out


def _first_body(lines) -> int | None:
    """Where the copied text starts when it has no report title: the first title of any government text kind (…的通知,
    关于…的意见, 工作报告) on a short line, or else its first sentence line, among the first lines of the page."""
    seen: list[tuple[int, str]] = []
    for a, b, s, _, _ in lines:
        if len(seen) >= 12:
            return None
        if len(s) <= 100 and not re.search(r"[。；]", s) and DOC_TITLE.search(furniture._nfkc(s)):
            return a
        if furniture._is_body(s):
            # the copied text's own title over its first sentence: the nearest headline-shaped line among the three
            # lines above (a line of the site's own furniture is none)
            for pa, ps in reversed(seen[-3:]):
                n = furniture._nfkc(ps)
                if len(HAN_RUN.findall(n)) >= 1 and len(n) >= 8 and not furniture.line_class(n) \
                        and not furniture.BYLINE.search(n):
                    return pa
            return a
        seen.append((a, s))
    return None


HAN_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")


def _last_body(lines, text: str) -> int | None:
    """Where the copied text ends when it has no sign-off: the end of its last sentence line (in the page's second
    half); the lines after it are the page's footer."""
    for a, b, s, _, _ in reversed(lines):
        if b < len(text) // 2:
            return None
        if furniture._is_body(s) and re.search(r"[。！!？?]$", s):
            return b
    return None


def _labels_gov(text: str, s: int, e: int) -> bool:
    """The block's neighbour lines (one each side, not the title) carry government vocabulary: a label heading a
    government line (您当前的位置： over 首页 >> 政务公开) belongs to it."""
    ctx = _block_text(text, s, e, reach=1)
    return bool(furniture.GOV_VOCAB.search(furniture._nfkc(ctx)))


def _blocks(text: str, spans) -> list[list]:
    """Chrome spans grouped into blocks: spans separated by whitespace only are one block."""
    out: list[list] = []
    for sp in sorted(spans, key=lambda x: x.start):
        gap = text[max(x.end for x in out[-1]):sp.start] if out else "x"
        if out and not re.search(r"[\w\u4e00-\u9fff]", gap):  # whitespace or separator lines (|, -) between
            out[-1].append(sp)
        else:
            out.append([sp])
    return out


def _block_text(text: str, s: int, e: int, reach: int = 2) -> str:
    """The candidate with the furniture lines around it (up to ``reach`` short non-sentence lines before and after;
    blank and separator-only lines skipped): a label line belongs to the block it heads (您当前的位置: over
    首页 >> 政务公开)."""
    def short(line: str) -> bool:  # a furniture line: short, not a sentence, not the document's own title
        return len(line.strip()) <= 60 and not furniture._is_body(line.strip()) and not DOC_TITLE.search(line)

    def content(line: str) -> bool:  # (a tag line is the site's own: its place names are no government vocabulary)
        return bool(re.search(r"[\w\u4e00-\u9fff]", line)) and not furniture.TAG_LABEL.match(line.strip().lower())

    a, b, n = s, e, 0
    while n < reach and a > 0:
        ls = text.rfind("\n", 0, a - 1) + 1
        line = text[ls:a - 1] if text[a - 1] == "\n" else text[ls:a]
        if not content(line):
            a = ls
            continue
        if not short(line):
            break
        a, n = ls, n + 1
    n = 0
    while n < reach and b < len(text):
        le = text.find("\n", b + 1)
        le = len(text) if le < 0 else le
        line = text[b:le]
        if not content(line):
            b = le
            continue
        if not short(line):
            break
        b, n = le, n + 1
    return "\n".join(x for x in text[a:b].split("\n") if not furniture.TAG_LABEL.match(x.strip().lower()))


class _Index:
    """Spans by position (buckets of ``B`` characters; long spans in a list of their own): overlap queries stay
    linear in the document, not in the number of spans times the number of candidates."""

    B = 512

    def __init__(self):
        self.buckets: dict[int, list] = {}
        self.long: list = []

    def add(self, sp, ranges=None) -> None:
        for a, b in ranges or [(sp.start, sp.end)]:
            if b - a > 64 * self.B:
                self.long.append((a, b, sp))
                continue
            for k in range(a // self.B, (max(a, b - 1)) // self.B + 1):
                self.buckets.setdefault(k, []).append((a, b, sp))

    def overlapping(self, s: int, e: int) -> list:
        out, seen = [], set()
        for k in range(s // self.B, max(s, e - 1) // self.B + 1):
            for a, b, sp in self.buckets.get(k, ()):
                if a < e and s < b and id(sp) not in seen:
                    seen.add(id(sp))
                    out.append(sp)
        for a, b, sp in self.long:
            if a < e and s < b and id(sp) not in seen:
                seen.add(id(sp))
                out.append(sp)
        return out


def _official_page(c, Signal) -> None:
    """On a page served by a government host, weak furniture (a menu of general channels, a key-value table, a
    "Powered by" line) is the government site's own: page chrome (GOV-K010), not foreign furniture."""
    for sp in c.spans:
        if sp.code == "GOV-K014" and sp.category == "furniture" and sp.detail.get("severity") == "info" \
                and sp.detail.get("kind") in ("portal-menu", "wiki-infobox", "cms-signature", "comment-box"):
            sp.code, sp.category, sp.tier = "GOV-K010", "chrome", "strip"
            sp.signals = [Signal("chrome-line", 0, sp.detail["kind"])]
            sp.detail = {}


def late(doc, view, c, Signal, Span, source_url: str | None = None, model=None) -> None:
    """After the residue and character-model passes: a page not yet judged a mirror's copy is judged again with their
    evidence (sprinkled symbols, foreign text); when that turns the verdict, its site furniture is filed again."""
    if "mirror" not in c.doc_signals and c.spans and any(
            (sp.code == "GOV-K012" and sp.detail.get("kind") == "sprinkled-symbol") or
            (sp.code == "GOV-K014" and sp.detail.get("kind") == "foreign-text" and sp.tier == "flag")
            for sp in c.spans):  # else nothing new to judge by (the common case: a clean report)
        apply(doc, view, c, Signal, Span, source_url, late=True,
              skip_tentative="mirror_tentative" in c.doc_signals, model=model)
    if "mirror_tentative" in c.doc_signals or "mirror" in c.doc_signals:
        _one_finding_a_line(doc, c)
        _layout(doc, view, c, Signal, Span)


def _layout(doc, view, c, Signal, Span) -> None:
    """The page's layout on a mirror's copy (after every other detector, so a line the character model or a shape
    already reports keeps that finding): the short lines before the copied text's title and after its sign-off that
    carry no government vocabulary and are not its byline are the mirror's — an observation (info), for the block
    has no lexical anchor of its own. A block some finding already reports in part gives its other lines (the
    mirror's furniture next to a recognised bar, list or notice: ``next-to-furniture``). Where the copied text has no
    report title or sign-off, its first and last sentence lines (and the title over the first) are the edges; such
    a block needs two lines or a furniture finding in it (one line alone there is often the copied page's own
    title). A chrome span inside such a block is replaced by it."""
    verdict = c.doc_signals.get("mirror") or c.doc_signals.get("mirror_tentative")
    tentative = "mirror" not in c.doc_signals
    blocks = outside_report(view.text)
    if not blocks:
        return
    reported = [x for x in c.spans if x.end > x.start and x.code not in CHROME_CODES and x.code != "GOV-K007"
                and (x.tier in ("remove", "flag") or x.code == "GOV-K014")]
    chrome = [x for x in c.spans if x.end > x.start and x.code in CHROME_CODES]
    sigs0 = [Signal("mirror-page-tentative" if tentative else "mirror-page", 0, r) for r in verdict["reasons"]]
    drop: set[int] = set()
    for s0, e0, where, n in blocks:
        s, e = view.span(s0, e0)
        if e <= s:
            continue
        inside = [x for x in reported if x.start < e and s < x.end]
        if where in FALLBACK_EDGES and n < 2 and not any(x.code == "GOV-K014" and x.category == "furniture" for x in inside):
            continue  # an edge found by the first or last sentence only: a block without furniture in it may be the
            # copied text's own title, salutation or table
        # the block's lines no finding reports yet; a block that holds an accusation of the mirror's furniture (a
        # bar, a related list, a notice) is anchored: its other lines are the same furniture
        anchor = next((x for x in inside if x.code == "GOV-K014" and x.tier == "remove"
                       and not x.detail.get("severity")), None)
        for p, q, k in _free_runs(view, s0, e0, inside) if inside else [(s, e, n)]:
            here = [x for x in chrome if x.start < q and p < x.end]
            if any(not (p <= x.start and x.end <= q) for x in here):
                continue  # a chrome span reaching out of the block: the copied page's furniture, left as it is
            drop.update(id(x) for x in here)
            sigs = sigs0 + [Signal("outside-report", 4, where), Signal("no-government-vocabulary", 2, f"{k} lines")]
            if anchor is not None:  # (still an observation: measured on unseen pages, a warning here was too often
                # the copied page's own line)
                sigs.append(Signal("next-to-furniture", 2, f"{anchor.detail.get('kind', '')} {anchor.text[:20]!r}"))
            c.spans.append(Span(p, q, "GOV-K014", "furniture", "strip", doc.text[p:q], sum(g.weight for g in sigs),
                                sigs, detail={"kind": "outside-report", "severity": "info", "observation": True,
                                              **({"tentative": True} if tentative else {})}))
    if drop:
        c.spans[:] = [x for x in c.spans if id(x) not in drop]


def _free_runs(view, s0: int, e0: int, inside) -> list[tuple[int, int, int]]:
    """(start, end, lines) in original offsets of the runs of a block's lines (view ``s0``..``e0``) that no span of
    ``inside`` overlaps."""
    out: list[tuple[int, int, int]] = []
    run: list[tuple[int, int]] = []
    for a, b, _, sa, sb in scan(view.text).full:
        if b <= s0 or a >= e0:
            continue
        p, q = view.span(sa, sb)
        if q > p and not any(x.start < q and p < x.end for x in inside):
            run.append((p, q))
            continue
        if run:
            out.append((run[0][0], run[-1][1], len(run)))
        run = []
    if run:
        out.append((run[0][0], run[-1][1], len(run)))
    return out


def _one_finding_a_line(doc, c) -> None:
    """The character model scores the lines a tentative verdict reported as info: one finding a line remains — the
    furniture's when the verdict became firm (the model's finding keeps the lines the furniture does not cover),
    else the model's warning."""
    firm = "mirror" in c.doc_signals
    furn = [sp for sp in c.spans if sp.code == "GOV-K014" and sp.detail.get("tentative")]
    texts = [sp for sp in c.spans if sp.code == "GOV-K014" and sp.detail.get("kind") == "foreign-text"]
    if not furn or not texts:
        return
    drop = set()
    for t in texts:
        over = [f for f in furn if f.start < t.end and t.start < f.end]
        if not over:
            continue
        if not firm:
            drop.update(id(f) for f in over)
            continue
        a, b = t.start, t.end
        for f in sorted(over, key=lambda x: x.start):
            if f.start <= a:
                a = max(a, f.end)
            elif f.end >= b:
                b = min(b, f.start)
        while a < b and doc.text[a].isspace():
            a += 1
        while b > a and doc.text[b - 1].isspace():
            b -= 1
        if b - a < 4 or any(f.start < b and a < f.end for f in over):
            drop.add(id(t))  # covered by the furniture (or split by it): the furniture's finding stands
        else:
            t.start, t.end, t.text = a, b, doc.text[a:b]
    if drop:
        c.spans[:] = [x for x in c.spans if id(x) not in drop]


def apply(doc, view, c, Signal, Span, source_url: str | None = None, late: bool = False,
          skip_tentative: bool = False, model=None) -> None:
    """Judge the page, then file the site furniture: GOV-K014 when it is the mirror's, GOV-K010 when it is chrome.
    A tentative verdict (one weak reason, no address) files the mirror's furniture as GOV-K014 info, never a
    warning. ``late``: a second judgement with the evidence of the later passes; nothing is filed unless it finds
    a mirror (or, ``skip_tentative`` unset, a first tentative one)."""
    import bisect

    if source_url and "." in _host(source_url) and hosts.official_host(_host(source_url)):
        _official_page(c, Signal)
    ency = furniture.encyclopedia_page(view.text, source_url)
    cands = furniture.site_candidates(view.text, encyclopedia=ency)
    verdict = judge(c, source_url, view.text, cands, late, model)
    tentative = bool(verdict and verdict.get("tentative"))
    if late and (not verdict or (tentative and skip_tentative)):
        return
    if verdict:
        c.doc_signals["mirror_tentative" if tentative else "mirror"] = {"reasons": verdict["reasons"]}
    mirror_sigs = [Signal("mirror-page-tentative" if tentative else "mirror-page", 0, r)
                   for r in verdict["reasons"]] if verdict else []
    dropped: set[int] = set()  # ids of chrome spans replaced by a GOV-K014 span
    blocking, chrome = _Index(), _Index()  # spans that already report a text / chrome spans
    for x in c.spans:
        if x.end <= x.start:
            continue
        if x.code in CHROME_CODES:
            chrome.add(x)
        elif (x.tier in ("remove", "flag") or x.code == "GOV-K014") and x.code != "GOV-K007":
            blocking.add(x, [(p, q) for p, q, _ in x.edits] if x.edits else None)  # a line removal may hold pinyin

    def k014(s: int, e: int, kind: str, sigs, on_mirror: bool, edits=None) -> None:
        signals = (mirror_sigs if on_mirror else []) + [Signal(n, w, d if isinstance(d, str) else "")
                                                        for n, w, d in sigs if n != "edits"]
        weak = tentative and on_mirror  # reported as info, left out of the cleaned view like chrome
        info = kind in INFO_ONLY  # an observation, never an accusation (a byline of the copied text; a layout block)
        sp = Span(s, e, "GOV-K014", "furniture", "strip" if weak or info else "remove", doc.text[s:e],
                  sum(g.weight for g in signals), signals,
                  detail={"kind": kind, **({"severity": "info", "tentative": True} if weak else {}),
                          **({"severity": "info", "observation": True} if info else {})}, edits=edits)
        c.spans.append(sp)
        blocking.add(sp, [(p, q) for p, q, _ in edits] if edits else None)

    # 1. chrome already found (K010 lines, K013 widgets), taken as blocks of adjacent lines: on a mirror's copy the
    #    site parts of a block without government vocabulary are the mirror's
    if verdict:
        for group in _blocks(doc.text, [x for x in c.spans if x.code in CHROME_CODES and x.end > x.start]):
            g0, g1 = group[0].start, max(x.end for x in group)
            parts = [(g0 + a, g0 + b, kind, shape) for a, b, kind, shape in furniture.split_furniture(doc.text[g0:g1])]
            starts = [p[0] for p in parts]
            for sp in group:
                k = bisect.bisect_right(starts, sp.start) - 1
                near = [parts[i] for i in (k, k + 1) if 0 <= i < len(parts)]
                part = next((p for p in near if p[0] <= sp.start < p[1] or sp.start <= p[0] < sp.end), None)
                if part is None or part[2] != "site" or blocking.overlapping(sp.start, sp.end):
                    continue  # the government page's part, or a line that already carries an accusation (an ad)
                dropped.add(id(sp))
                shape = part[3] or "site-furniture"
                k014(sp.start, sp.end, shape, [(shape, 4, doc.text[sp.start:sp.end][:40]), ("own-line", 2, "")], True)
    # 2. structural candidates in the view
    for s0, e0, kind, sigs, scope in cands:
        edits = None
        if any(n == "edits" for n, _, _ in sigs):  # several places, one finding (reference marks, a watermark)
            marks = next(d for n, _, d in sigs if n == "edits")
            edits = [(*view.span(a, b), "") for a, b in marks]
        s, e = view.span(s0, e0)
        if e <= s:
            continue
        mine_ranges = [(a, b) for a, b, _ in edits] if edits else [(s, e)]
        if any(blocking.overlapping(a, b) for a, b in mine_ranges):
            continue  # already reported (an ad, a notice, a furniture line)
        ctx = _block_text(view.text, s0, e0) if kind in BLOCK_HEADS else view.text[s0:e0]
        mine = scope == "any" or bool(verdict) and (kind in NO_GOV_CHECK or not furniture.GOV_VOCAB.search(ctx))
        chrome_here = [x for x in chrome.overlapping(s, e) if id(x) not in dropped]
        if mine:
            dropped.update(id(x) for x in chrome_here)
            k014(s, e, kind, sigs, bool(verdict) and scope != "any", edits)
        elif scope == "chrome" and not verdict and not chrome_here:
            sp = Span(s, e, "GOV-K010", "chrome", "strip", doc.text[s:e], signals=[Signal("chrome-line", 0, kind)])
            c.spans.append(sp)
            chrome.add(sp)
    if dropped:
        c.spans[:] = [x for x in c.spans if id(x) not in dropped]
    # 3. a tag label or a caption (reported as info on any page) is the mirror's own label on a mirror's copy
    if verdict and not tentative:
        for sp in c.spans:
            if sp.code == "GOV-K014" and sp.detail.get("severity") == "info" and not sp.detail.get("observation"):
                sp.detail.pop("severity")
                sp.tier = "remove"
                sp.signals = mirror_sigs + list(sp.signals)
