"""The contamination pass: injected ads, foreign footers, page chrome, hidden HTML, placeholder contacts.

Runs first (DESIGN.md step 4) on the raw normalised view; yields scored spans and the ranges that the cleaned
view leaves out, so no other rule ever reads injected text. Precision first (spec/contamination.md §4.1): a span
is removed (tier ``remove``) only when a specific lexical anchor and an independent structural signal agree;
weaker evidence is ``flag`` (a warning, never removed). Chrome and hidden text are ``strip`` (removed silently,
reported as info).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..document import CHROME, HIDDEN, TABLE, Document
from ..normalize import View
from . import region

REMOVE, FLAG, STRIP = "remove", "flag", "strip"
TERMINAL = "。！？!?；;：:…”’」』）)】》"
CHROME_LABELS = re.compile(
    r"发布时间|发布日期|发布机构|信息来源|来源[:：]|作者[:：]|浏览次数|浏览量|访问量|访问次数|点击率|点击数|阅读次数|"
    r"字号|字体[:：]|文字大小|背景色|视力保护色|打印本页|【打印】|\[打印\]|关闭窗口|【关闭】|分享到|扫一扫|返回顶部|"
    r"上一篇|下一篇|相关链接|相关文章|当前位置|您的位置|您现在所在的位置|网站地图|联系我们|网站声明|无障碍|关怀版|长者版|"
    r"设为首页|加入收藏|智能问答|登录|个人中心|主办单位|承办单位|技术支持|版权所有|copyright|©|网站标识码|icp备|备案号|"
    r"公网安备|索\s*引\s*号|栏目[:：]|点击查看解读|撰写时间|责任编辑|编辑[:：]", re.I)
PHONE = re.compile(r"(?<!\d)(\(?0\d{2,3}\)?)\s*[-—－–]?\s*(\d{7,8})(?!\d)")
POSTCODE = re.compile(r"(?:邮编|邮政编码)\s*[:：]?\s*(\d{6})(?!\d)")
ADDRESS = re.compile(r"(?:地址|通讯地址|办公地址)\s*[:：]?\s*([^\s,，;；。电邮]{4,40})")
COPYRIGHT = re.compile(r"copyright|©|版权所有", re.I)
ENFORCEMENT = re.compile(r"打击|整治|查处|取缔|严禁|禁止|非法|违法|涉赌|禁赌|赌博犯罪|举报|收缴|关闭|专项行动|治安管理处罚")
TRUNC_TAIL = re.compile(r"(请与|请联系|或与|如对[^。]*?[,，]\s*请与)[^。；;]{0,30}$")


@dataclass
class Signal:
    name: str
    weight: float
    detail: str = ""

    def to_dict(self) -> dict:
        return {"signal": self.name, "weight": self.weight, "detail": self.detail}


@dataclass
class Span:
    start: int  # original offsets into Document.text
    end: int
    code: str  # the rule code this span is reported under
    category: str  # ad | footer | chrome | hidden | placeholder_phone | region | truncation …
    tier: str  # remove | flag | strip | none (reported, never removed)
    text: str
    score: float = 0.0
    signals: list[Signal] = field(default_factory=list)
    replacement: str = ""
    detail: dict = field(default_factory=dict)


@dataclass
class Contamination:
    spans: list[Span] = field(default_factory=list)
    doc_signals: dict = field(default_factory=dict)

    def removed(self) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in self.spans if s.tier in (REMOVE, STRIP)]

    def by_code(self, code: str) -> list[Span]:
        return [s for s in self.spans if s.code == code]


@dataclass
class Entry:
    term: str
    family: str
    weight: float
    word: bool = False


@functools.lru_cache(maxsize=4)
def load_lexicon(lexicon_dir: str):
    """An Aho-Corasick automaton over every lexicon entry (spam and allow) of the pack."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for p in sorted(Path(lexicon_dir).glob("*.txt")):
        for line in p.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
            if not line:
                continue
            cols = re.split(r"\t+|\s{2,}", line)
            term = cols[0].lower()
            fam = cols[1] if len(cols) > 1 else "G3"
            w = float(cols[2]) if len(cols) > 2 else 0.0
            word = len(cols) > 3 and "word" in cols[3]
            prev = auto.get(term, None)
            if prev is None or fam == "ALLOW":
                auto.add_word(term, Entry(term, fam, w, word))
    auto.make_automaton()
    return auto


def _hits(auto, text: str) -> list[tuple[int, int, Entry]]:
    low = text.lower()
    out = []
    for end, e in auto.iter(low):
        s = end - len(e.term) + 1
        if e.word and ((s > 0 and low[s - 1].isalnum() and low[s - 1].isascii()) or
                       (end + 1 < len(low) and low[end + 1].isascii() and low[end + 1].isalnum())):
            continue
        out.append((s, end + 1, e))
    return out


def _resolve(hits):
    """Drop deny hits overlapped by an ALLOW hit; keep leftmost-longest deny hits."""
    allow = [(s, e) for s, e, x in hits if x.family == "ALLOW"]
    deny = [(s, e, x) for s, e, x in hits if x.family != "ALLOW" and not any(a < e and s < b for a, b in allow)]
    deny.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out = []
    last = -1
    for s, e, x in deny:
        if s >= last:
            out.append((s, e, x))
            last = e
    return out


def _line_bounds(text: str, i: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, i) + 1
    b = text.find("\n", i)
    return a, (len(text) if b < 0 else b)


def _is_chrome_line(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 80:
        return False
    if not CHROME_LABELS.search(s):
        return False
    # a sentence of the report that mentions a label ("本年度报告电子版可从…下载") is content
    return not re.search(r"[。；]", s) and not re.search(r"(年度报告|本报告).*(下载|查阅)", s)


def analyse(doc: Document, view: View, pack, organ_province: str | None) -> Contamination:
    """Scan the raw view; return the spans (original offsets) and document-level signals."""
    c = Contamination()
    text = view.text
    n = len(text)
    auto = load_lexicon(str(pack.lexicon_dir))

    # 1. blocks the extractor already knows are chrome or hidden
    for b in doc.blocks:
        if b.kind == CHROME:
            c.spans.append(Span(b.start, b.end, "GOV-K010", "chrome", STRIP, b.text,
                                signals=[Signal("html-chrome", 0, b.node or "")]))
        elif b.kind == HIDDEN:
            c.spans.append(Span(b.start, b.end, "GOV-K010", "hidden", STRIP, b.text,
                                signals=[Signal("hidden", 4, b.reason or "")]))

    taken = [(s.start, s.end) for s in c.spans]

    def covered(a: int, b: int) -> bool:
        return any(x <= a and b <= y for x, y in taken)

    # 2. the footer zone: trailing run of short chrome/contact/copyright lines
    lines: list[tuple[int, int]] = []
    pos = 0
    for ln in text.split("\n"):
        lines.append((pos, pos + len(ln)))
        pos += len(ln) + 1
    footer_start = n
    for a, b in reversed(lines):
        s = text[a:b].strip()
        if not s:
            continue
        if len(s) <= 100 and (_is_chrome_line(s) or COPYRIGHT.search(s) or PHONE.search(s) and len(s) < 60):
            footer_start = a
            continue
        break
    header = [(a, b) for a, b in lines[:8] if _is_chrome_line(text[a:b])]

    hits = _resolve(_hits(auto, text))

    # 3. footer: contact fields, placeholder phones, region, brand in the copyright line
    footer_signals: list[Signal] = []
    footer_lines = [(a, b) for a, b in lines if a >= footer_start and text[a:b].strip()]
    for a, b in footer_lines:
        for m in PHONE.finditer(text, a, b):
            local = m.group(2)
            if _placeholder(local):
                s, e = view.span(m.start(), m.end())
                c.spans.append(Span(s, e, "GOV-K003", "placeholder_phone", REMOVE, doc.text[s:e], 3,
                                    [Signal("placeholder-phone", 3, m.group(0))]))
                footer_signals.append(Signal("placeholder-phone", 3, m.group(0)))
    mismatch = _region_fields(text, footer_start, n, organ_province) if organ_province else []
    if mismatch and (len(mismatch) >= 2 or footer_signals):
        a = min(m[1] for m in mismatch)
        b = max(m[2] for m in mismatch)
        s, e = view.span(a, b)
        sig = [Signal("region-mismatch", 2, f"{name}: {value} → {prov} ≠ {organ_province}")
               for name, _, _, value, prov in mismatch]
        c.spans.append(Span(s, e, "GOV-K004", "region", REMOVE, doc.text[s:e], 2.0 * len(mismatch), sig,
                            detail={"organ_province": organ_province,
                                    "fields": [{"field": f, "value": v, "province": p} for f, _, _, v, p in mismatch]}))
        footer_signals.extend(sig)
    for a, b in footer_lines:
        line = text[a:b]
        brand = [(s, e, x) for s, e, x in hits if a <= s < b and x.family in ("G1", "G3")]
        cta = [(s, e, x) for s, e, x in hits if a <= s < b and x.family == "G2" and x.weight > 0]
        if COPYRIGHT.search(line) and brand:
            sigs = [Signal("brand", x.weight, x.term) for _, _, x in brand]
            sigs += [Signal("call-to-action", 3, x.term) for _, _, x in cta[:1]]
            sigs.append(Signal("footer-position", 2, "copyright line"))
            score = sum(g.weight for g in sigs)
            s, e = view.span(a + (len(line) - len(line.lstrip())), b)
            c.spans.append(Span(s, e, "GOV-K002", "footer", REMOVE, doc.text[s:e], score, sigs + footer_signals))
            taken.append((s, e))
    foreign_footer = any(sp.code in ("GOV-K002", "GOV-K003", "GOV-K004") for sp in c.spans)
    # the remaining footer and header lines: chrome, or part of a foreign footer
    for a, b in footer_lines + header:
        s, e = view.span(a + (len(text[a:b]) - len(text[a:b].lstrip())), b)
        if covered(s, e):
            continue
        cat, code, tier = "chrome", "GOV-K010", STRIP
        c.spans.append(Span(s, e, code, cat, tier, doc.text[s:e],
                            signals=[Signal("chrome-line", 0, "footer" if a >= footer_start else "header")]
                            + ([Signal("foreign-footer", 0)] if foreign_footer and a >= footer_start else [])))
        taken.append((s, e))
    # chrome lines elsewhere (publish line under the title, 索引号 blocks)
    for a, b in lines:
        s_line = text[a:b]
        if a >= footer_start or (a, b) in header or not _is_chrome_line(s_line):
            continue
        s, e = view.span(a + (len(s_line) - len(s_line.lstrip())), b)
        if not covered(s, e) and _near_edge(a, n, s_line):
            c.spans.append(Span(s, e, "GOV-K010", "chrome", STRIP, doc.text[s:e],
                                signals=[Signal("chrome-line", 0, "label")]))
            taken.append((s, e))

    # 4. in-text ads: a brand (+ call to action) inside body text
    for i, (s0, e0, x) in enumerate(hits):
        if x.family != "G1" or s0 >= footer_start:
            continue
        s_o, _ = view.span(s0, e0)
        if covered(s_o, s_o + 1) and not _in_hidden(doc, s_o):
            continue
        sigs = [Signal("brand", x.weight, x.term)]
        end = e0
        # absorb calls to action glued to the brand (allowing · - _ and spaces)
        for s1, e1, y in hits[i + 1:]:
            gap = text[end:s1]
            if y.family == "G2" and len(gap) <= 2 and re.fullmatch(r"[\s·•\-_]*", gap):
                sigs.append(Signal("call-to-action", 3 if len(sigs) == 1 else 0, y.term))
                end = e1
            elif s1 >= end:
                break
        if len(sigs) == 1 and ENFORCEMENT.search(_sentence(text, s0)):
            continue  # a bulletin naming a closed gambling site (spec §4.7): not an injection
        sigs += _structure(text, s0, end, doc, view)
        score = sum(g.weight for g in sigs)
        structural = any(g.name in ("enumeration-break", "glued", "hidden", "title-line", "header") for g in sigs)
        tier = REMOVE if score >= 8 and structural else FLAG
        s, e = view.span(s0, end)
        c.spans.append(Span(s, e, "GOV-K001", "ad", tier, doc.text[s:e], score, sigs))
        taken.append((s, e))

    # 5. truncated paragraphs (cut at an injection point or by the scraper)
    for blk in doc.blocks:
        if blk.kind in (TABLE, CHROME, HIDDEN) or len(blk.text) < 40:
            continue
        t = blk.text.rstrip()
        if t[-1] in TERMINAL:
            continue
        m = TRUNC_TAIL.search(t)
        if m or t[-1] in "，,、":
            frag_start = max(t.rfind(ch) for ch in "。；;") + 1
            s, e = blk.start + frag_start, blk.start + len(t)
            while s < e and doc.text[s].isspace():
                s += 1
            c.spans.append(Span(s, e, "GOV-K008", "truncation", "none", doc.text[s:e], 0,
                                [Signal("unfinished-sentence", 0, t[-12:])]))
    c.spans.sort(key=lambda sp: (sp.start, sp.end))
    return c


def _sentence(text: str, i: int) -> str:
    a = max(text.rfind(ch, 0, i) for ch in "。！？；\n") + 1
    ends = [j for j in (text.find(ch, i) for ch in "。！？；\n") if j >= 0]
    return text[a:min(ends) if ends else len(text)]


def _near_edge(a: int, n: int, line: str) -> bool:
    return a < max(600, n * 0.15) or a > n * 0.85 or len(line.strip()) < 40


def _in_hidden(doc: Document, offset: int) -> bool:
    b = doc.block_at(offset)
    return b is not None and b.kind == HIDDEN


def _placeholder(local: str) -> bool:
    if re.search(r"(\d)\1{6,}", local):
        return True
    return local in ("12345678", "1234567", "87654321")


def _structure(text: str, s: int, e: int, doc: Document, view: View) -> list[Signal]:
    """Structural evidence that a span was inserted: it breaks an enumeration or a sentence, or sits in a title."""
    out: list[Signal] = []
    left = text[s - 1] if s > 0 else "\n"
    right = text[e] if e < len(text) else "\n"
    if _in_hidden(doc, view.orig(s)):
        out.append(Signal("hidden", 4, "hidden HTML element"))
    ls, le = _line_bounds(text, s)
    line = text[ls:le]
    if left in "、，," and "\u3400" <= right <= "\u9fff":
        # 信息公开栏、[ad]村民微信群: an item slot of a list, glued to the next item
        seg_a = max(text.rfind(ch, ls, s - 1) for ch in "。；;\n") + 1
        seg = text[seg_a:s]
        if seg.count("、") + seg.count("，") >= 1:
            out.append(Signal("enumeration-break", 3, text[max(ls, s - 8):min(le, e + 6)]))
    elif "\u3400" <= left <= "\u9fff" and "\u3400" <= right <= "\u9fff":
        out.append(Signal("glued", 2, text[max(ls, s - 6):min(le, e + 6)]))
    if len(line.strip()) <= 80 and ls < 200 and "报告" in line:
        out.append(Signal("title-line", 2, line.strip()))
    return out


def _region_fields(text: str, a: int, b: int, organ_province: str):
    """Contact fields in [a, b) whose province differs from the organ's: (field, start, end, value, province)."""
    out = []
    for m in PHONE.finditer(text, a, b):
        digits = re.sub(r"\D", "", m.group(1))
        if digits == "010" or m.group(2)[:3] in ("123",):
            continue
        p = region.province_of_phone(m.group(1) + m.group(2))
        if p and p != organ_province:
            out.append(("area-code", m.start(), m.end(), m.group(0), p))
    for m in ADDRESS.finditer(text, a, b):
        p = region.province_of(m.group(1))
        if p and p != organ_province:
            out.append(("address", m.start(1), m.end(1), m.group(1), p))
    for m in POSTCODE.finditer(text, a, b):
        p = region.province_of_postcode(m.group(1))
        if p and p != organ_province:
            out.append(("postcode", m.start(1), m.end(1), m.group(1), p))
    return out
