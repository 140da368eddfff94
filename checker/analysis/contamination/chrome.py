"""Page furniture: chrome lines (GOV-K010), form widgets (GOV-K013), foreign footers, placeholder and foreign
contacts (GOV-K002/K003/K004), truncated sentences (GOV-K008).

Chrome is recognised by text labels (字号, 打印本页, 索引号 …; Chinese CMS class names are pinyin abbreviations,
so markup heuristics transfer badly, spec §3) on short lines near the edges of the page; it is never an
accusation. Form-widget lines (search-box prompts, symbol pickers) are page UI too, reported apart because on a
mirror they are the host site's UI. A footer is foreign only when its copyright line names a gambling brand, its
phone is a placeholder, or ≥2 contact fields point to another province (spec §4.9).
"""

from __future__ import annotations

import re

from ...document import CHROME, HIDDEN, TABLE, TITLE, Document
from ...normalize import View
from .. import region
from .base import Trigger, scan

TERMINAL = "。！？!?；;：:…”’」』）)】》"
CHROME_LABELS = re.compile(
    r"发布时间|发布日期|发布机构|信息来源|来源[:：]|^来源$|作者[:：]|浏览次数|浏览量|访问量|访问次数|点击率|点击数|阅读次数|"
    r"字号|字体[:：]|文字大小|背景色|视力保护色|打印本页|【打印】|\[打印\]|关闭窗口|【关闭】|分享到|扫一扫|返回顶部|"
    r"上一篇|下一篇|相关链接|相关文章|当前位置|您的位置|您现在所在的位置|网站地图|联系我们|网站声明|无障碍|关怀版|长者版|长辈版|"
    r"设为首页|加入收藏|智能问答|^登录|登录 注册|个人中心|主办单位|承办单位|技术支持|版权所有|copyright|©|网站标识码|icp备|备案号|"
    r"公网安备|索\s*引\s*号|栏目[:：]|点击查看解读|撰写时间|责任编辑|编辑[:：]|^编辑$|点击收听|相关附件|"
    r"^首页\s*[>＞»]|^\s*[>＞»]\s*\S|^名\s*称\s*[:：]|主题分类|组配分类|成文日期|生效日期|废止日期|有效性|时效性|文\s*号[:：]", re.I)
WIDGET = re.compile(r"^(?:选择特殊符号|选择搜索类型|搜索类型|请输入(?:搜索|关键字|关键词|检索|您要搜索)[^\n]{0,12}|"
                    r"站内搜索|全站搜索|高级搜索|全文检索|搜\s*索|检\s*索|热门搜索[:：]?.{0,30}|输入关键[字词][^\n]{0,8})$")
PHONE = re.compile(r"(?<!\d)(\(?0\d{2,3}\)?)\s*(?:[-—－–]\s*)?(\d{7,8})(?!\d)")  # no \s*…\s* backtracking
POSTCODE = re.compile(r"(?:邮编|邮政编码)\s*[:：]?\s*(\d{6})(?!\d)")
ADDRESS = re.compile(r"(?:地址|通讯地址|办公地址)\s*[:：]?\s*([^\s,，;；。电邮]{4,40})")
COPYRIGHT = re.compile(r"copyright|©|版权所有", re.I)
# the prefilter (base.Scan) of CHROME_LABELS: the same labels without their anchors, so every line a label can match
# on is marked; of WIDGET: the characters every widget line starts with
CHROME_TRIGGER = Trigger(
    r"发布时间|发布日期|发布机构|信息来源|来源|作者[:：]|浏览次数|浏览量|访问量|访问次数|点击率|点击数|阅读次数|"
    r"字号|字体[:：]|文字大小|背景色|视力保护色|打印本页|【打印】|\[打印\]|关闭窗口|【关闭】|分享到|扫一扫|返回顶部|"
    r"上一篇|下一篇|相关链接|相关文章|当前位置|您的位置|您现在所在的位置|网站地图|联系我们|网站声明|无障碍|关怀版|长者版|长辈版|"
    r"设为首页|加入收藏|智能问答|登录|个人中心|主办单位|承办单位|技术支持|版权所有|©|网站标识码|备案号|"
    r"公网安备|索[^\S\n]*引[^\S\n]*号|栏目[:：]|点击查看解读|撰写时间|责任编辑|编辑|点击收听|相关附件|"
    r"首页|>|＞|»|名[^\S\n]*称[^\S\n]*[:：]|主题分类|组配分类|成文日期|生效日期|废止日期|有效性|时效性|文[^\S\n]*号[:：]",
    r"copyright|icp备")
WIDGET_TRIGGER = Trigger(r"选择|搜|检|请输入|热门|输入关键")
TRUNC_TAIL = re.compile(r"(请与|请联系|或与|如对[^。]{0,200}?[,，]\s*请与)[^。；;]{0,30}$")  # bounded: no O(n²)


def is_chrome_line(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 80:
        return False
    if not CHROME_LABELS.search(s):
        return False
    # a sentence of the report that mentions a label ("本年度报告电子版可从…下载") is content
    return not re.search(r"[。；]", s) and not re.search(r"(年度报告|本报告).*(下载|查阅)", s)


def placeholder(local: str) -> bool:
    if re.search(r"(\d)\1{6,}", local):
        return True
    return local in ("12345678", "1234567", "87654321")


class Layout:
    """Lines of the view, the header lines, the footer zone and the title lines."""

    def __init__(self, doc: Document, view: View):
        self.doc, self.view = doc, view
        text = view.text
        n = len(text)
        sc = scan(text)
        self.lines: list[tuple[int, int]] = [(a, b) for a, b, _ in sc.lines]
        self.footer_start = n
        full = sc.full  # the non-blank lines, stripped (the scan's shared record)
        for a, b, s, _, _ in reversed(full):
            if len(s) <= 100 and (is_chrome_line(s) or COPYRIGHT.search(s) or WIDGET.match(s)
                                  or (PHONE.search(s) and len(s) < 60 and not re.search(r"[。；]", s))):
                self.footer_start = a
                continue
            break
        nonempty = [(a, b) for a, b, _, _, _ in full]
        self.nonempty = nonempty
        labelled, widgets = sc.hit(CHROME_TRIGGER), sc.hit(WIDGET_TRIGGER)  # a line outside them is neither
        self.widget_lines = widgets
        self.chrome_lines = {a for a, b in nonempty if a in labelled and is_chrome_line(text[a:b])}
        self.header = [(a, b) for a, b in nonempty[:8] if a in self.chrome_lines
                       or (a in widgets and WIDGET.match(text[a:b].strip()))]
        self.title_lines: set[int] = set()
        for a, b in nonempty[:4]:
            line = text[a:b].strip()
            blk = doc.block_at(view.orig(a + (len(text[a:b]) - len(text[a:b].lstrip()))))
            if (blk is not None and blk.kind == TITLE) or (len(line) <= 100 and re.search(r"报告|年报", line)
                                                          and not re.search(r"[。；]", line) and a < 300):
                self.title_lines.add(a)

    def spans(self, text, deny, organ_province, Signal, Span, covered, add):
        view, doc = self.view, self.doc
        n = len(text)

        def orig(a: int, b: int):
            line = text[a:b]
            return view.span(a + (len(line) - len(line.lstrip())), a + len(line.rstrip()))

        # blocks the extractor already knows are chrome
        for b in doc.blocks:
            if b.kind == CHROME:
                add(Span(b.start, b.end, "GOV-K010", "chrome", "strip", b.text,
                         signals=[Signal("html-chrome", 0, b.node or "")]))
        footer_lines = [(a, b) for a, b in self.nonempty if a >= self.footer_start]
        footer_signals = []
        for a, b in footer_lines:
            for m in PHONE.finditer(text, a, b):
                if placeholder(m.group(2)):
                    s, e = view.span(m.start(), m.end())
                    add(Span(s, e, "GOV-K003", "placeholder_phone", "remove", doc.text[s:e], 3,
                             [Signal("placeholder-phone", 3, m.group(0)), Signal("footer-position", 0)]))
                    footer_signals.append(Signal("placeholder-phone", 3, m.group(0)))
        mismatch = _region_fields(text, self.footer_start, n, organ_province) if organ_province else []
        if mismatch and (len(mismatch) >= 2 or footer_signals):
            a = min(m[1] for m in mismatch)
            b = max(m[2] for m in mismatch)
            s, e = view.span(a, b)
            sig = [Signal("region-mismatch", 2, f"{name}: {value} → {prov} ≠ {organ_province}")
                   for name, _, _, value, prov in mismatch]
            add(Span(s, e, "GOV-K004", "region", "remove", doc.text[s:e], 2.0 * len(mismatch), sig,
                     detail={"organ_province": organ_province,
                             "fields": [{"field": f, "value": v, "province": p} for f, _, _, v, p in mismatch]}))
            footer_signals.extend(sig)
        for a, b in footer_lines:
            line = text[a:b]
            brand = [h for h in deny if a <= h.start < b and h.family in ("G1", "G3")]
            cta = [h for h in deny if a <= h.start < b and h.family == "G2" and h.weight > 0]
            if COPYRIGHT.search(line) and brand and (any(h.family == "G1" for h in brand) or cta):
                sigs = [Signal("brand" if h.family == "G1" else "gambling-term", h.weight, text[h.start:h.end])
                        for h in brand]
                sigs += [Signal("call-to-action", 3, text[h.start:h.end]) for h in cta[:1]]
                sigs.append(Signal("copyright-line", 2, "copyright line"))
                score = sum(g.weight for g in sigs)
                s, e = orig(a, b)
                add(Span(s, e, "GOV-K002", "footer", "remove", doc.text[s:e], score, sigs + footer_signals))
        foreign = bool(footer_signals) or any(
            h.family == "G1" and h.start >= self.footer_start for h in deny)
        # form widgets (search boxes …) anywhere on a short line of their own
        for a, b in self.lines:
            if a not in self.widget_lines:
                continue
            line = text[a:b].strip()
            if line and len(line) <= 40 and WIDGET.match(line):
                s, e = orig(a, b)
                if not covered(s, e):
                    add(Span(s, e, "GOV-K013", "widget", "strip", doc.text[s:e],
                             signals=[Signal("form-widget", 0, line)]))
        # the remaining footer and header lines, and chrome lines near the edges
        for a, b in footer_lines + self.header:
            s, e = orig(a, b)
            if e > s and not covered(s, e):
                add(Span(s, e, "GOV-K010", "chrome", "strip", doc.text[s:e],
                         signals=[Signal("chrome-line", 0, "footer" if a >= self.footer_start else "header")]
                         + ([Signal("foreign-footer", 0)] if foreign and a >= self.footer_start else [])))
        header = set(self.header)
        for a, b in self.lines:
            if a >= self.footer_start or a not in self.chrome_lines or (a, b) in header:
                continue
            s_line = text[a:b]
            s, e = orig(a, b)
            if e > s and not covered(s, e) and _near_edge(a, n, s_line):
                add(Span(s, e, "GOV-K010", "chrome", "strip", doc.text[s:e],
                         signals=[Signal("chrome-line", 0, "label")]))
        return ()


def truncations(doc: Document, Signal, Span):
    for blk in doc.blocks:
        if blk.kind in (TABLE, CHROME, HIDDEN) or len(blk.text) < 40:
            continue
        t = blk.text.rstrip()
        if t[-1] in TERMINAL:
            continue
        m = TRUNC_TAIL.search(t)
        if not m and _heading_list(t):
            continue  # a comma-joined table of contents (an encyclopedia's, a report's) ends on its separator
        if m or t[-1] in "，,、":
            frag_start = max(t.rfind(ch) for ch in "。；;") + 1
            s, e = blk.start + frag_start, blk.start + len(t)
            while s < e and doc.text[s].isspace():
                s += 1
            yield Span(s, e, "GOV-K008", "truncation", "none", doc.text[s:e], 0,
                       [Signal("unfinished-sentence", 0, t[-12:])])


HEADING_ITEM = re.compile(r"\A\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}(?:\.\d{1,2})*[\s、.．]|"
                          r"第[一二三四五六七八九十\d]{1,3}[章节条部分])")


def _heading_list(t: str) -> bool:
    """The tail after the last sentence end is a run of ≥4 short items between commas, most of them numbered headings
    (「,二、主动公开情况,(一)主动公开范围,(二)…,」): a table of contents, not an unfinished sentence (prec7)."""
    tail = t[max(t.rfind(ch) for ch in "。；;") + 1:]
    items = [x for x in re.split(r"[,，]", tail) if x.strip()]
    if len(items) < 4 or any(len(x.strip()) > 30 for x in items):
        return False
    return sum(1 for x in items if HEADING_ITEM.match(x)) >= 0.6 * len(items)


def _near_edge(a: int, n: int, line: str) -> bool:
    return a < max(600, n * 0.15) or a > n * 0.85 or len(line.strip()) < 40


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
