"""Keyword substitution into the fixed slots of a report, and the recurrences of an accused insert.

A mirror that rewrites a report replaces fixed wording with its keywords everywhere at once: the organ's place
name, the issuer of a canonical notice, 政府信息公开 or 关于 (spec/contamination.md §2 A2). Two mechanisms here, both
independent of the words themselves (issue 13):

- ``canonical_slots``: a title cited in 《》 is compared with the canonical titles every report cites
  (``lexicons/slots.tsv``: the 2019 regulations, the 国办公开办函〔2021〕30号 format notice, the yearly 政务公开工作要点
  notice …). When most of the canonical title is there (a common prefix and suffix) and the part in between was
  replaced by something else, the foreign insert is a slot filler: a structural signal of its own
  (``canonical-slot``). It is an accusation only with a lexical anchor inside the insert (a gambling, porn or
  streaming word, a brand formation, a question-form phrase, a spam host) or when the same insert recurs in the
  document; an insert that is a place or organ name (a province's own notice with the same wording), a typo-sized
  difference (GOV-W001's business) or government wording is never one.
- ``recurrences``: once an insert is removed, its other verbatim occurrences are the same insert (a mirror replaces
  globally), even where they sit inside a 《》 title or before an organ's name where no anchor-specific signal
  fires. They join the first one's finding as further edits (one insert, one finding, removed everywhere) with
  a ``recurrence`` signal; occurrences inside quotes in an enforcement sentence (a 禁赌 notice naming the site)
  are left alone.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from .base import HAN, lower, sentence_bounds

BOOK = re.compile(r"《([^《》\n]{4,90})》")
YEAR = re.compile(r"\d{4}")
YEAR_MARK = "\x00\x00\x00\x00"  # a 4-digit year, length-preserving
ORGAN_WORD = re.compile(r"人民政府|政府|办公厅|办公室|委员会|局|厅|部|院|署|委|办|中心|街道|乡|镇|县|市|区|省")
GOV_WORD = re.compile(r"政府|信息|公开|政务|报告|工作|条例|通知|印发|办法|规定|意见|要点|方案|年度|格式")
ANCHOR_FAMILIES = ("G1", "G3", "G5")
MIN_RECUR = 3  # characters of an accused insert for its recurrences to be accused as well


@functools.lru_cache(maxsize=4)
def fixed_texts(lexicon_dir: str) -> tuple[tuple[str, str], ...]:
    """(canonical text with years marked, source) from ``slots.tsv``; ``{Y}`` stands for any 4-digit year."""
    p = Path(lexicon_dir) / "slots.tsv"
    if not p.exists():
        return ()
    out = []
    for line in p.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t") if c.strip()]
        out.append((cols[0].replace("{Y}", YEAR_MARK), cols[1] if len(cols) > 1 else ""))
    return tuple(out)


def _common(a: str, b: str) -> tuple[int, int]:
    """Lengths of the common prefix and the (non-overlapping) common suffix of a and b."""
    p = 0
    n = min(len(a), len(b))
    while p < n and a[p] == b[p]:
        p += 1
    q = 0
    while q < n - p and a[-1 - q] == b[-1 - q]:
        q += 1
    return p, q


def _place_or_organ(s: str) -> bool:
    from ..region import provinces_in

    return bool(provinces_in(s)) or bool(ORGAN_WORD.search(s))


def canonical_slots(text: str, lexicon_dir: str, deny, allow, ctx) -> list:
    """Candidates for foreign inserts in the slots of canonical titles cited in 《》 (view offsets)."""
    from . import Signal
    from .ads import Candidate, structure
    from .hosts import find as find_hosts

    fixed = fixed_texts(lexicon_dir)
    if not fixed:
        return []
    out = []
    for m in BOOK.finditer(text):
        cited = YEAR.sub(YEAR_MARK, m.group(1))
        best = None
        for canon, source in fixed:
            if cited == canon:
                best = None
                break
            p, q = _common(cited, canon)
            if p + q < max(8, len(canon) // 2):
                continue
            ins, rep = cited[p:len(cited) - q], canon[p:len(canon) - q]
            if not ins or (not rep and (p < 2 or q < 2)):
                continue  # a pure deletion, or text added before/after the title (…条例释义): another title
            if best is None or p + q > best[0]:
                best = (p + q, p, q, canon, source)
        if best is None:
            continue
        _, p, q, canon, source = best
        s, e = m.start(1) + p, m.end(1) - q
        ins = text[s:e]
        rep = canon[p:len(canon) - q].replace(YEAR_MARK, "{Y}")
        core = ins.strip(" ,，、_|-·:：@")
        if len(core) < 2 or (len(ins) <= 2 and len(rep) <= 2):
            continue  # a typo-sized difference is a wording error (GOV-W001), not an insert
        if _place_or_organ(core) or GOV_WORD.search(core):
            continue  # a province's own notice, an older name of the issuer, a paraphrase
        anchors = [h for h in deny if h.family in ANCHOR_FAMILIES and h.start < e and s < h.end]
        spam = [r for r in find_hosts(ins) if not r.official]
        recur = text.count(ins) - 1 if len(core) >= MIN_RECUR else 0
        sigs = [Signal("canonical-slot", 3, f"《{canon.replace(YEAR_MARK, '{Y}')}》: 「{rep}」")]
        lexical = 0.0
        for h in anchors:
            w = min(h.weight, 5.0)
            lexical = max(lexical, w)
            sigs.append(Signal({"G1": "brand", "G3": "gambling-term", "G5": "seo-signature"}[h.family], w,
                               text[h.start:h.end]))
        for r in spam[:1]:
            lexical = max(lexical, 4.0)
            sigs.append(Signal("spam-host", 4, r.host))
        if recur:
            sigs.append(Signal("repeated", 2, f"{recur + 1}×"))
        sigs += [g for g in structure(text, s, e, ctx) if g.name in ("title-line", "header-line", "hidden")]
        c = Candidate(s, e, anchors, kind="substitution")
        c.signals = sigs
        c.score = round(sum(g.weight for g in sigs), 2)
        c.strong = bool(lexical)
        if lexical and c.score >= 8:
            c.tier = "remove"
        elif lexical or (recur and not set(HAN.findall(core)) & set(rep)):
            c.tier = "flag"  # a recurring replacement (not an edit of the canonical wording) without an anchor
        else:
            continue  # the slot alone: a paraphrase or a local variant is not worth a finding
        c.detail = {"canonical": canon.replace(YEAR_MARK, "{Y}"), "source": source}
        out.append(c)
    return out


def _quoted_in_enforcement(text: str, s: int, e: int, cues) -> bool:
    a = max(text.rfind("“", 0, s), text.rfind("\"", 0, s))
    if a < 0 or text.find("”", e, e + 3) < 0 and text.find("\"", e, e + 3) < 0:
        return False
    sa, se = sentence_bounds(text, s)
    return any(h.family == "ENF" and sa <= h.start and h.end <= se for h in cues)


def recurrences(text: str, cands: list, cues, allow) -> None:
    """Attach the other verbatim occurrences of every removed insert to its candidate (``extra``, view offsets):
    one finding for one insert, removed everywhere it stands. A weaker candidate with the same text (a warning
    where no slot signal fired) becomes one of those occurrences."""
    from . import Signal

    sources = [c for c in cands if c.tier == "remove" and c.kind in ("ad", "substitution", "title")
               and (c.hits or any(g.name in ("canonical-slot", "spam-host") for g in c.signals))]
    done: set[str] = set()
    for src in sorted(sources, key=lambda c: (-(c.end - c.start), c.start)):
        ins = text[src.start:src.end]
        core = ins.strip(" ,，、_|-·:：@\n")
        if ins in done or len(core) < MIN_RECUR \
                or len(HAN.findall(core)) + sum(ch.isalnum() for ch in core if ch.isascii()) < MIN_RECUR:
            continue
        done.add(ins)
        # (a second accusation of the same insert, 《××传媒》 as the headline and again as a source, joins it too)
        # ads9: a second removal of the very same insert (「365bet体育」 in the organ's slot twice, the title line's
        # 「老金沙9170登录入口」 again in the preface) is the same problem too: one finding, every occurrence its evidence,
        # the signals of each occurrence kept (a line's own structure speaks for the insert wherever it stands)
        same = [c for c in cands if c is not src and text[c.start:c.end] == ins
                and c.kind in ("ad", "substitution", "title") and not c.suppressed_by and not c.extra]
        names = {g.name for g in src.signals}
        for c in same:
            if c.tier == "remove":
                src.signals = src.signals + [g for g in c.signals if g.name not in names and g.name != "recurrence"]
                names |= {g.name for g in c.signals}
            c.tier, c.info = None, False
        taken = [(c.start, c.end) for c in cands if c.tier] + [r for c in cands for r in c.extra]
        i = text.find(ins)
        while i >= 0:
            j = i + len(ins)
            if not any(a < j and i < b for a, b in taken) and not _quoted_in_enforcement(text, i, j, cues) \
                    and not any(h.start < j and i < h.end for h in allow):
                src.extra.append((i, j))
                taken.append((i, j))
            i = text.find(ins, i + 1)
        if src.extra:
            src.signals = src.signals + [Signal("recurrence", 0, f"{len(src.extra) + 1}× in the document")]


def _title_slotted(c) -> bool:
    return any(g.name == "title-slot" for g in c.signals)


SLOT_SIGNALS = ("organ-slot", "substitution-slot", "address-slot", "enumeration-break")


def host_candidates(text: str, deny, cues, ctx) -> list:
    """Bare spam hosts in the text (``www.365-818.com``): a digit-heavy or gambling-looking registrable name on a
    non-government host is an anchor; with a slot signal (请与[host]办公室联系, 在[host]网站上) or a gambling word in
    the same sentence it is an accusation."""
    from . import Signal
    from .ads import Candidate, structure
    from .hosts import find as find_hosts
    from .hosts import spam_url

    out = []
    for r in find_hosts(text):
        if r.official or r.kind == "email" or not spam_url(r.host + (r.path or "")):
            continue
        s, e = r.start, r.end
        sa, se = sentence_bounds(text, s)
        if any(h.family == "ENF" for h in cues if sa <= h.start and h.end <= se):
            continue  # a 公安 notice naming the site it closed
        struct = structure(text, s, e, ctx)
        words = [h for h in deny if h.family in ANCHOR_FAMILIES and sa <= h.start and h.end <= se
                 and not (s <= h.start < e)]
        slot = [g for g in struct if g.name in SLOT_SIGNALS]
        if not slot and not words:
            continue
        sigs = [Signal("spam-host", 4, r.registrable)] + [g for g in struct if g.name != "glued"]
        if words:
            sigs.append(Signal("gambling-term", 3, text[words[0].start:words[0].end]))
        c = Candidate(s, e, [], kind="substitution" if slot else "ad")
        c.signals = sigs
        c.score = round(sum(g.weight for g in sigs), 2)
        c.strong = True
        c.tier = "remove" if (slot and c.score >= 8) or (slot and words) else "flag"
        out.append(c)
    return out


# the 关于 slot of a document title: 《[issuer]关于[verb …]的通知》 — what stands between the issuer (or 《) and the
# title's verb (or its year) where 关于 stood
TITLE_VERB = re.compile(r"印发|转发|批转|做好|开展|加强|进一步|推进|推动|深化|全面|建立|健全|完善|实施|落实|贯彻|调整|公布|"
                        r"下达|表彰|成立|规范|组织|促进|切实|提升|加快|明确|废止|修改|修订|认定|设立|同意|报送|编制|"
                        r"\d{4}年")
TITLE_END = re.compile(r"(?:通知|意见|决定|批复|公告|通告|办法|方案|规定|报告|总结|要点|函|纪要|制度|规划|细则|说明|"
                       r"安排|计划|通报|指南|目录|清单)$")
ISSUER_END = re.compile(r"人民政府办公厅|人民政府办公室|办公厅|办公室|人民政府|政府|委员会|局|厅|部|委|院|署|中心|办|司|处|科|站|队")
# the organ-name slot after a place name: 青川县[人民政府]门户网站 → 青川县[德赢VWIN]门户网站
PLACE_END = "省市县区镇乡旗州"
STRONG_SITE_TAIL = re.compile(r"(?:政府门户网站|门户网站|政府网站|人民政府)")
SITE_TAIL = re.compile(r"[_\-·]?(?:政府门户网站|门户网站|政府网站|政府网|政务网|政务服务网|信息公开网|人民政府|政府)")
INSERT_CHARS = re.compile(r"[\u3400-\u9fffa-zA-Z0-9_\-·,，|｜ ]")
FUNCTION_WORD = re.compile(r"关于|的|和|与|及|对|在|为|等")


def _insert_ok(ins: str) -> bool:
    core = ins.strip(" ,，、_|｜-·")
    return (2 <= len(core) <= 30 and all(INSERT_CHARS.match(ch) for ch in ins) and not FUNCTION_WORD.search(ins)
            and not GOV_WORD.search(ins) and not ISSUER_END.search(core))


def bare_cores(low: str, lexicon_dir: str | None, text: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of brand cores of three or more Han characters standing without any suffix (亿万先生, 新葡京, 金年会)
    on a lower-cased text: the brand name alone where a mirror wrote it over a place name (「现将亿万先生卫生健康局…」).
    Like a weak formation it is never an anchor on its own — only in a fixed slot, and only when it recurs. Cores that
    are places (金沙城) are left out; two-character cores (金沙, 星空, 半岛) are ordinary words and places too often."""
    if not lexicon_dir:
        return []
    from .ads import _place
    from .lexicon import load, occurrences, occurrences_in

    out = []  # (``text``: the text ``low`` lowers, whose occurrences the pass has found already)
    lex = load(lexicon_dir)
    for end, es in (occurrences_in(lex, text) if text is not None else occurrences(lex, low)):
        for e in es:
            t = e.term
            if e.family == "G1c" and len(t) >= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in t) \
                    and t not in BARE_ORDINARY and not _place(t):
                out.append((end - len(t) + 1, end + 1))
                break
    return out


# three-character cores that are ordinary words or names (an Asian international firm, a love of games, the kiwi fruit)
BARE_ORDINARY = frozenset({"亚洲国际", "爱游戏", "奇异果", "大西洋城", "金沙城", "百乐门", "黄金甲", "威尼斯人", "巴黎人",
                           "伦敦人", "九五之尊", "太阳集团", "亚洲城", "宝马会", "银河国际", "永利国际"})


def title_slots(text: str, deny, cues, ctx, allow=(), lexicon_dir: str | None = None) -> list:
    """Brand formations written in a fixed slot of the report's wording, whatever the title (no canonical text needed):
    the 关于 slot of a cited document title (《UedBet体育印发…的通知》, 《…办公厅比分直播,篮球比分直播印发…》) and the
    organ-name slot after a place name (青川县德赢VWIN门户网站). The slot is the structural signal; the anchor inside the
    insert (a brand, a gambling word, an SEO signature) is the lexical one; a recurring insert scores more."""
    from . import Signal
    from .ads import Candidate, structure
    from .lexicon import Entry, Hit
    from .morphology import weak_formations

    anchors = [h for h in deny if h.family in ANCHOR_FAMILIES]
    known = _Intervals((h.start, h.end) for h in list(deny) + list(allow))
    weak_entry = Entry("(weak formation)", "G1w", 3.0, source="morphology")
    anchors += [Hit(s, e, weak_entry, "G1w") for s, e in weak_formations(lower(text)) if not known.overlaps(s, e)]
    bare_entry = Entry("(bare brand core)", "G1w", 3.0, source="brands.txt")
    anchors += [Hit(s, e, bare_entry, "G1w") for s, e in bare_cores(lower(text), lexicon_dir, text)
                if not known.overlaps(s, e) and not any(a.start < e and s < a.end for a in anchors)]
    anchors.sort(key=lambda h: h.start)
    out = []
    seen: set[tuple[int, int]] = set()

    def emit(s: int, e: int, slot: Signal, inside: list) -> None:
        ins = text[s:e]
        if (s, e) in seen or not _insert_ok(ins):
            return
        sa, se = sentence_bounds(text, s)
        if any(h.family == "ENF" and sa <= h.start and h.end <= se for h in cues) and _in_quotes(text, s, e):
            return  # a 公安 notice quoting the site it closed
        seen.add((s, e))
        sigs = [slot]
        lexical = 0.0
        fams = set()
        for h in inside:
            w = min(h.weight, 5.0)
            if h.family in fams:
                continue
            fams.add(h.family)
            lexical += w
            sigs.append(Signal({"G1": "brand", "G3": "gambling-term", "G5": "seo-signature", "G1w": "brand-shape"}
                               [h.family], w, text[h.start:h.end]))
        n = text.count(ins)
        if n >= 2 and len(ins.strip()) >= MIN_RECUR:
            sigs.append(Signal("repeated", 2, f"{n}×"))
        elif fams == {"G1w"}:
            return  # a name + weak head once: ordinary wording as often as a brand
        c = Candidate(s, e, list(inside), kind="substitution")
        c.signals = sigs
        c.score = round(sum(g.weight for g in sigs), 2)
        c.strong = bool(fams & {"G1", "G5"}) or n >= 2
        c.tier = "remove" if c.score >= 8 and c.strong else ("flag" if c.score >= 5 else None)
        if c.tier:
            out.append(c)

    for m in BOOK.finditer(text):
        t0, t1 = m.start(1), m.end(1)
        inside = [h for h in anchors if t0 <= h.start and h.end <= t1]
        if not inside or not TITLE_END.search(m.group(1)):
            continue
        a = min(h.start for h in inside)
        left = text[t0:a]
        if "关于" in left:
            continue  # the anchor is in the title's subject (《关于打击××赌博网站的通告》), not in its 关于 slot
        ends = [x.end() for x in ISSUER_END.finditer(left)]
        s = t0 + (ends[-1] if ends else 0)
        first = [h for h in inside if h.start >= s]
        b = max(h.end for h in first)
        v = TITLE_VERB.search(text, b, min(t1, b + 14))
        if v is None:
            continue
        e = v.start()
        if s == t0 and not TITLE_VERB.match(text, e):
            continue
        emit(s, e, Signal("about-slot", 3, f"《{m.group(1)[:40]}》: 「关于」"), [h for h in first if h.end <= e])
    glued = sorted((h for h in deny if h.family in ("G1", "G2")), key=lambda h: h.start)
    glued_starts = [h.start for h in glued]
    for h in anchors:
        k = _insert_start(text, h.start)
        e = _insert_end(text, h.end, glued, glued_starts)
        sa, se = sentence_bounds(text, h.start)
        left, right = text[max(0, k - 8):k], text[e:e + 16]
        if h.family in ("G1", "G5", "G1w") and k >= 2 and text[k - 1] in PLACE_END and HAN.match(text[k - 2]) \
                and SITE_TAIL.match(text, e) and (h.family != "G1w" or STRONG_SITE_TAIL.match(text, e)):
            emit(k, e, Signal("place-slot", 3, text[max(0, k - 4):min(len(text), e + 6)]), [h])
        elif ISSUER_TAIL.search(left) and TITLE_VERB.match(text, e) and TITLE_AHEAD.match(text, e) \
                and not _inside_book(text, k):
            # a document title without 《》 (an index block's 名称 line, a sentence citing it): 办公室[…]做好…的通知
            emit(k, e, Signal("about-slot", 3, text[max(sa, k - 8):min(se, e + 12)]), [h])
        elif h.family == "G1" and k > 0 and HAN.match(text[k - 1]) and GOV_SLOT_RIGHT.match(text, e):
            # glued between government words where 政务公开/政府信息公开/the organ's name stood: 推进[米乐体育]政务公开
            emit(k, e, Signal("gov-slot", 3, text[max(sa, k - 6):min(se, e + 8)]), [h])
        elif h.family == "G1" and PORTAL_LEFT.search(text[max(sa, k - 20):k]) and PORTAL_RIGHT.match(text, e):
            # the report's download sentence: 电子版可在[…]下载
            emit(k, e, Signal("portal-slot", 3, text[max(sa, k - 12):min(se, e + 4)]), [h])
        elif h.family == "G1w":
            # a name + weak head in the slots ads.structure knows (现将[…]2023年…年度报告, 请与[…]办公室联系)
            slot = [g for g in structure(text, h.start, h.end, ctx)
                    if g.name in ("organ-slot", "substitution-slot", "address-slot")]
            if slot:
                emit(h.start, h.end, slot[0], [h])
    out += _weak_organ_slots(text, deny, cues, emit_ok=_insert_ok)
    # one insert, one finding: the same insert in several slots joins the first one's finding as further edits
    merged: dict[str, object] = {}
    for c in sorted(out, key=lambda c: c.start):
        first = merged.get(text[c.start:c.end])
        if first is None:
            merged[text[c.start:c.end]] = c
            continue
        first.extra.append((c.start, c.end))
        first.tier = "remove" if "remove" in (first.tier, c.tier) else first.tier
        first.signals += [g for g in c.signals if g.name not in {x.name for x in first.signals}]
    return list(merged.values())


ISSUER_TAIL = re.compile(r"(?:人民政府办公厅|人民政府办公室|办公厅|办公室|人民政府|委员会|政府|局|厅)$")
TITLE_AHEAD = re.compile(r"[^。；;！？!?\n《》]{2,60}?的(?:通知|意见|决定|批复|公告|通告|报告)")
GOV_SLOT_RIGHT = re.compile(r"(?:政务公开|政府信息公开|信息公开工作|工作年度报告|门户网站|政府网站|人民政府|政务服务)")
PORTAL_LEFT = re.compile(r"(?:电子版|全文|本报告)[^。；;\n]{0,12}(?:可在|可从|可登录|可通过|在|从|登录)[^。；;\n]{0,8}$")
PORTAL_RIGHT = re.compile(r"[（(]?[^。；;\n]{0,3}?(?:下载|查阅|获取|查询)")
# a weak head (体育, 娱乐 …: ordinary words) glued before a full organ name, the same string recurring: the place name
# replaced by a brand made of a name and a head word (金蛙体育交通运输局 … 请与金蛙体育交通运输局联系)
WEAK_ORGAN = re.compile(r"(?:体育|娱乐|彩票|棋牌|电竞|真人|直播|娱乐城|娱乐场)(?=[\u4e00-\u9fff]{2,8}?(?:局|委员会|人民政府|办公室|办事处))")
WEAK_ORGAN_VETO = re.compile(r"(?:和|与|及|、|运动|事业|产业|发展|旅游|文化|广电|新闻|卫生|教育|管理|服务|彩票|总局|中心|场馆|"
                             r"训练|竞赛|职业|学校|学院|协会|俱乐部|基金|频道|节目|赛事)")


class _Intervals:
    """Does [s, e) overlap any of a fixed set of intervals? (sorted starts + running maximum of ends: O(log n))."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.reach = []
        for _, b in self.spans:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def overlaps(self, s: int, e: int) -> bool:
        import bisect

        k = bisect.bisect_left(self.starts, e) - 1
        return k >= 0 and self.reach[k] > s


ORGAN_PIECE = re.compile(r"人民|政府|[局委办厅部院署处科司站队年月日号]|\d{4}")  # the organ's name, a date


def _insert_start(text: str, s: int) -> int:
    """Start of an insert whose anchor starts at ``s``: back over name characters (德赢 of 德赢VWIN, 中国体育彩票_ of
    中国体育彩票_澳客彩票网) to a place name's last character, an issuer's name or punctuation; at most 8 characters."""
    k = s
    while k > 0 and s - k < 8 and INSERT_CHARS.match(text[k - 1]) and text[k - 1] not in " ,，|｜" \
            and text[k - 1] not in PLACE_END and not ISSUER_TAIL.search(text[max(0, k - 7):k]):
        k -= 1
    if k < s and not (k > 0 and (text[k - 1] in PLACE_END or ISSUER_TAIL.search(text[max(0, k - 7):k]))):
        return s  # the characters before run on to punctuation: ordinary text, not a name after a slot boundary
    if k < s and ORGAN_PIECE.search(text, k, s):
        return s  # 某某县人民[…]政府: the organ's own name around the insert is never part of it
    return k


def _insert_end(text: str, e: int, glued: list, starts: list) -> int:
    """End of an insert: over the calls to action, Latin tokens and brands glued to the anchor (半岛体育app, -游戏平台);
    at most 32 characters on (an insert is short: a longer run is a list, not one slot's filler)."""
    import bisect

    limit = e + 32
    moved = True
    while moved and e < limit:
        moved = False
        j = e + (1 if text[e:e + 1] in "_-·" else 0)
        i = bisect.bisect_left(starts, j)
        if i < len(glued) and glued[i].start == j and glued[i].end > e:
            e, moved = glued[i].end, True
            continue
        m = re.match(r"[a-zA-Z0-9]{2,10}(?![a-zA-Z0-9])", text[j:j + 11])
        if m:
            e, moved = j + m.end(), True
    return e


def _inside_book(text: str, i: int) -> bool:
    a = text.rfind("《", max(0, i - 90), i)
    return a >= 0 and text.rfind("》", a, i) < 0


def _weak_organ_slots(text: str, deny, cues, emit_ok) -> list:
    """Name + weak head glued before a full organ name, recurring verbatim (the mirror replaced the place name
    everywhere): a warning, never a removal — the formation is only morphological."""
    from ..region import provinces_in
    from . import Signal
    from .ads import Candidate
    from .morphology import _name_start

    low = lower(text)
    out, seen = [], set()
    for m in WEAK_ORGAN.finditer(low):
        s = _name_start(low, m.start())
        if s is None:
            continue
        name, ins = text[s:m.start()], text[s:m.end()]
        if ins in seen or WEAK_ORGAN_VETO.match(text, m.end()) or provinces_in(name) or not emit_ok(ins):
            continue
        if any(h.start < m.end() and s < h.end for h in deny):
            continue  # a listed brand or word: ads and the other slots report it
        if text.count(ins) < 2:
            continue
        occ, i = [], text.find(ins)
        while i >= 0 and len(occ) < 50:
            occ.append(i)
            i = text.find(ins, i + 1)
        slots_hit = [i for i in occ if WEAK_ORGAN.match(low, i + len(ins) - (m.end() - m.start()))
                     and not WEAK_ORGAN_VETO.match(text, i + len(ins))]
        if len(slots_hit) < 2:
            continue
        sa, se = sentence_bounds(text, s)
        if any(h.family in ("ENF", "WELFARE") and sa <= h.start and h.end <= se for h in cues):
            continue
        seen.add(ins)
        c = Candidate(occ[0], occ[0] + len(ins), [], kind="substitution")
        c.signals = [Signal("brand", 3, ins), Signal("organ-slot", 3, text[occ[0]:occ[0] + len(ins) + 8]),
                     Signal("repeated", 2, f"{len(occ)}×")]
        c.score, c.strong, c.tier = 8.0, False, "flag"
        c.extra = [(i, i + len(ins)) for i in occ[1:]]
        out.append(c)
    return out


def _in_quotes(text: str, s: int, e: int) -> bool:
    a = max(text.rfind("“", max(0, s - 30), s), text.rfind("\"", max(0, s - 30), s))
    return a >= 0 and (text.find("”", e, e + 30) >= 0 or text.find("\"", e, e + 30) >= 0)


def extend(cands: list, text: str, lexicon_dir: str, deny, allow, cues, ctx) -> list:
    """The scored candidates of ``ads`` plus the slot fillers (which replace the weaker candidates they cover)
    plus the recurrences of every accused insert."""
    slot = canonical_slots(text, lexicon_dir, deny, allow, ctx) + host_candidates(text, deny, cues, ctx)
    tiered = [c for c in cands if c.tier]
    slot += [c for c in title_slots(text, deny, cues, ctx, allow, lexicon_dir)
             if not any(o.start < c.end and c.start < o.end for o in slot)
             # an accusation of ads reaching beyond this insert already reports it
             and not any(o.start < c.end and c.start < o.end and (o.start < c.start or o.end > c.end) for o in tiered)]
    slot += [c for c in byline_slots(text, deny, lexicon_dir)  # (gamble6)
             if not any(o.start < c.end and c.start < o.end for o in slot + tiered)]
    for sc in slot:
        for a, b in [(sc.start, sc.end)] + sc.extra:
            for c in cands:
                if c.start < b and a < c.end and a <= c.start and c.end <= b:
                    c.tier, c.info = None, False
    cands = cands + slot
    recurrences(text, cands, cues, allow)
    return cands + seo_pages(cands, text, deny, cues)


def seo_pages(cands: list, text: str, deny, cues) -> list:
    """A lottery tip dressed as disclosure wording (「2025年澳门全年资料公开」) standing in an ordinary sentence — quoted as
    an article's "topic" — on a page with at least two distinct SEO signatures (the tip in other forms, the tip sites'
    title formula 「释义、解释与落实」): the page is a tip farm's article, every tip phrase is its keyword (a warning)."""
    from . import Signal
    from .ads import Candidate

    tip_terms = ("(lottery tip)", "(lottery slang)")  # (the number plays of morphology.slang: 四肖八码, 三码必中)
    tips = [h for h in deny if h.entry.term in tip_terms]
    distinct = {text[h.start:h.end].lower() for h in deny if h.family == "G5" or h.entry.term in tip_terms}
    if not tips or len(distinct) < 2:
        return []
    active = [(c.start, c.end) for c in cands if c.tier] + [r for c in cands for r in c.extra]
    out = []
    for h in tips[:100]:  # a tip farm's article repeats its keyword a few dozen times at most
        if any(a < h.end and h.start < b for a, b in active):
            continue
        sa, se = sentence_bounds(text, h.start)
        if any(x.family in ("ENF", "WELFARE") and sa <= x.start and x.end <= se for x in cues):
            continue  # a 禁赌 notice or a 福彩 FAQ quoting the phrase
        page = Signal("seo-page", 2, f"{len(distinct)} SEO signatures in the document")
        host = next((o for o in cands if not o.tier and o.start <= h.start and h.end <= o.end and h in o.hits), None)
        if host is not None:  # the candidate around it (the tip with its title formula) becomes the warning
            host.signals = host.signals + [page]
            host.score = round(host.score + 2, 2)
            host.tier, host.info, host.strong = "flag", False, True
            active.append((host.start, host.end))
            continue
        for o in cands:
            if not o.tier and o.start < h.end and h.start < o.end:
                o.info = False
        c = Candidate(h.start, h.end, [h], kind="ad")
        c.signals = [Signal("gambling-term", 4, text[h.start:h.end]), page]
        c.score, c.strong, c.tier = 6.0, True, "flag"
        out.append(c)
        active.append((h.start, h.end))
    return out


# a news byline's fields (「来源:yabo 编辑:U体育」 of a betting brand's sports-news mirror): the value is the mirror's
BYLINE_FIELD = re.compile(r"(?:来源|稿源|编辑|责编|责任编辑|作者|发布者|发布人|出处)[:：][ \t\u3000]{0,4}([^\s:：|｜,，。；;、()（）<>]{1,16})")
LATIN_SHAPE = re.compile(r"([a-z0-9]{1,6})(?:体育|娱乐|棋牌|电竞|真人|彩票|博彩)")


_CORES: list = []  # (lexicon, its G1c terms) of the last lexicon read


def _g1c_cores(lex) -> frozenset:
    """The brand cores (family G1c) of a loaded lexicon, collected once per lexicon object (issue 16: a set of every
    entry's term built again for every report, 0.1 ms)."""
    if not _CORES or _CORES[0] is not lex:
        _CORES[:] = [lex, frozenset(e.term for e in lex.entries if e.family == "G1c")]
    return _CORES[1]


def byline_slots(text: str, deny, lexicon_dir: str | None) -> list:
    """A betting brand as the value of a news byline field (来源, 编辑, 作者 …): a bare brand core of three or more Han
    characters or four or more Latin letters (yabo, 金年会), or a Latin token + betting head (U体育), standing as the
    whole value. The field is the structural signal, the core the lexical one: a warning (one finding a line, its
    other brand values further edits). A place, an acronym or a value a listed brand already covers is none."""
    from . import Signal
    from .ads import Candidate, _place
    from .lexicon import load
    from .morphology import LATIN_COMMON, _bad_token

    if not lexicon_dir or not re.search(r"来源|稿源|编辑|责编|作者|发布|出处", text):
        return []
    cores = _g1c_cores(load(lexicon_dir))
    low = lower(text)
    by_line: dict[int, object] = {}
    for m in BYLINE_FIELD.finditer(low):
        v, s, e = m.group(1), m.start(1), m.end(1)
        if any(h.start < e and s < h.end for h in deny):
            continue  # a listed brand or word: ads reports it
        han = all("\u4e00" <= ch <= "\u9fff" for ch in v)
        bare = v in cores and ((han and len(v) >= 3 and v not in BARE_ORDINARY) or
                               (v.isascii() and v.isalpha() and len(v) >= 4 and v not in LATIN_COMMON))
        shape = LATIN_SHAPE.fullmatch(v)
        if shape and (_bad_token(shape.group(1)) or shape.group(1) in LATIN_COMMON):
            shape = None
        if not (bare or shape) or (han and _place(v)):
            continue
        ls = low.rfind("\n", 0, s) + 1
        sig = Signal("brand" if bare else "brand-shape", 5 if bare else 3, text[s:e])
        c = by_line.get(ls)
        if c is None:
            c = Candidate(s, e, [], kind="ad")
            c.signals = [Signal("byline-slot", 3, text[m.start():e][:30]), sig]
            c.score, c.strong, c.tier = 3.0 + sig.weight, True, "flag"
            by_line[ls] = c
        else:
            c.extra.append((s, e))
            c.signals.append(sig)
            c.score += sig.weight
    return list(by_line.values())
