"""Residue in the text (spec/contamination.md §2 F, issue 13): markup and symbols that are not report text.

- **Sprinkled symbols** (``symbols``): a character of the arrow, mathematical, technical, box-drawing, geometric,
  miscellaneous-symbol or dingbat blocks, a Greek letter or the iteration mark 々 glued into Chinese text,
  inside a word (文化部∩关于, 不◥得, 设∑ 施) or after a clause (★★). Anti-scraping spinners and spam templates
  sprinkle them; an official text never does. One or two are no evidence (a formula, a list bullet): the residue
  is the *repetition* — at least :data:`SPRINKLED_MIN` insertions in the document, on more than one line. Kept out:
  symbols at a line start (● ◆ ▲ bullets), arrows in a chain (申请→受理→决定), circled numbers that run as a
  sequence (①…②), ℃ ‰ ㎡ ×, ∶ ≤ ≥ ≠ ≈ √ (ratios, limits, check marks), and ○ □ ■ (a zero in 二○二三年, masked
  names 王○○, missing glyphs, redaction). Circled numbers and unbalanced 【】〖〗 count only on a page already
  sprinkled by other symbols. Pictographs (emoji, keycap digits 1️⃣) glued to the text, two or more, are info; the
  supplementary arrows and shapes (⭐ ⬛) and the enclosed ideographs of spam templates (㊣ ㊙) count as symbols.
- **Markup residue** (``markup``): HTML tags of every name (``<ul id="…">``, custom and Word-namespaced tags
  ``<st1:chsdate …>`` ``<o:p>``), tags cut before their "<" (``span style="…">``), fragments (``…/span>``,
  ``class="…"``, ``align="center"``), style sheets (two or more CSS declarations in a row), character entities
  (``&nbsp;`` ``&#12288;``, escaped twice ``&amp;nbsp;``), script (``var _hmt =``, ``document.write``), a
  template's empty placeholders (``{{title}}`` ``${title}`` ``[!--newstext--]`` ``{dede:field …}``), JSON fields of
  a CMS export, field codes of a converted Word file (``PAGEPAGE14``, ``MERGEFORMAT``, ``_Toc…``), whitespace
  decoded with the wrong codec (``銆€`` ``ã€€`` ``Â `` 聽聽). A "<" in a formula (x<5), 《》 and 〔〕 are none.
- **Forum jammer** (``markup``, kind ``jammer``): the anti-copy string a Discuz! forum hides in every post
  (``<font class="jammer">``, ``display:none``), 5–14 pairs of a character of 0x20–0x3B, a space and a character of
  0x3F–0x7E (``chr(mt_rand(32, 59)).' '.chr(mt_rand(63, 126))``): "% ^1 D; D2 a) \\/ O) C* |6 n". A copier that
  took the post's text keeps it at the line ends. Read as tokens of one or two characters; the pairs' shape (a
  letter or bracket, then a digit or punctuation), ≥3 distinct characters on each side and ≥2 punctuation marks
  tell it from a grid (A1 B2 C3), an enumeration (a) b) c)) or spaced digits.
- **Markdown and server code** (``markup``): an image or a link in Markdown left by a copier's converter
  (``![](https://…/a.png)``, ``[原文](http://…)``) and server-side template code a page printed unrendered
  (``<?php echo $title; ?>``, ``<%= title %>``): info, as the other conversion artefacts.

Severity (precision first): jammer runs on ≥ :data:`JAMMER_MIN` lines are a warning and are left out of the
cleaned view (no text of the report is in them), one is info; sprinkled symbols on ≥ :data:`SPRINKLED_MIN` places are a warning and are left out
of the cleaned view (they are not text; the report's words read whole again: 文化部∩关于 → 文化部关于); fewer are
info. HTML tags are a warning from :data:`TAGS_WARNING` occurrences when one carries attributes or is a cut
fragment or a style sheet (the text was copied from a page's source: ``<ul id="…">``, ``…/span>``); bare ``<br>``
``<p>`` that a CMS shows are info. Entities, field codes, JSON fields, script, placeholders and mis-decoded
whitespace are what the conversion of an official file or a site's template leaves: info, never an accusation.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .base import gated, may

SPRINKLED_MIN = 5  # sprinkled symbols in the document from which they are residue (a warning)
SPRINKLED_INFO = 3  # … and from which they are reported at all (with ≥2 distinct symbols)
TAGS_WARNING = 3  # HTML tags / tag fragments in the document from which markup residue is a warning

HAN = "\u3400-\u9fff"
# the symbol blocks (Greek letters, arrows, mathematical operators, technical, box drawing, blocks, geometric
# shapes, miscellaneous symbols, dingbats, CJK ornaments 々 〓) less the characters that ordinary text uses
_BLOCKS = ((0x391, 0x3a9), (0x3b1, 0x3c9), (0x2190, 0x23ff), (0x2500, 0x27bf), (0x3005, 0x3005), (0xa4, 0xa4),
           (0x2b00, 0x2bff), (0x3297, 0x3297), (0x3299, 0x3299), (0x32a3, 0x32a3))  # ⭐⬛⬆, ㊗ ㊙ ㊣
_LEGIT = set("\u2236\u2264\u2265\u2260\u2248\u221a\u2234\u2235\u2103\u2030\u00d7\u00f7\u2116\u2121"
             "\u2212\u2215\u2252\u2266\u2267"  # ∶ ≤ ≥ ≠ ≈ √ ∴ ∵ ℃ ‰ × ÷ № ℡ − ∕ ≒ ≦ ≧
             "\u25cb\u25ef\u25a1\u25a0")  # ○ ◯ □ ■: zeros, masked names (王○○), missing glyphs, redaction
SYMBOLS = "".join(chr(c) for a, b in _BLOCKS for c in range(a, b + 1) if chr(c) not in _LEGIT)
SYM = "[" + re.escape(SYMBOLS) + "]"
CIRCLED = "\u2460-\u249b\u24b6-\u24e9"  # ①…⑳ ⑴…⒇ ⒈…⒛ Ⓐ…ⓩ

# a symbol run glued into Chinese text: inside a word (Han SYM Han, one space allowed after the symbol) or after a
# clause (Han or punctuation before, punctuation / space / line end after)
# (the look behind follows the first symbol, so that ``re`` skips in C every position that holds none; issue 16)
INSERTED = re.compile(rf"({SYM}(?<=[{HAN}，。、；：”）,;:)].)\ufe0f?(?:{SYM}\ufe0f?){{0,2}}) ?(?=[{HAN}，。、；：“（,;:(\s]|$)", re.M)
CIRCLED_IN_WORD = re.compile(rf"(?<=[{HAN}])[{CIRCLED}](?=[{HAN}])")
BRACKET_IN_WORD = re.compile(rf"(?<=[{HAN}])[【】〖〗〘〙](?=[{HAN}])")
PAIRS = {"【": "】", "】": "【", "〖": "〗", "〗": "〖", "〘": "〙", "〙": "〘"}
ARROW = re.compile(r"[\u2190-\u21ff]")
# pictographs (emoji) glued to the text: spam templates frame their ads with them (🏢…🏣)
EMOJI = re.compile(r"[\U0001F000-\U0001FAFF](?=\S)|(?<=\S)[\U0001F000-\U0001FAFF]|[0-9#*]\ufe0f?\u20e3")  # keycaps 1️⃣
# invisible characters inside a word (政\u200b务): zero-width spaces and joiners, word joiners, soft hyphens, a BOM
# that is not the text's first character — a keyword filter's evasion or an editor's paste; the view reads through them
INVISIBLE_IN_WORD = re.compile(r"(?<=[\u3400-\u9fff])[\u200b-\u200d\u2060\ufeff\u00ad\u180e]{1,8}(?=[\u3400-\u9fff])")
INVISIBLE_ANY = gated(re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\u180e]"))
SYMBOL_RUN = gated(re.compile(r"[★☆●○◆◇■□▲△▼▽♥♡♦♣♠※✔✘✚☞☜♪♫✿❀✦✧◎⊙]{3,}"))
NOT_SEPARATOR = re.compile(r"[^\s★☆●○◆◇■□▲△▼▽♥♡♦♣♠※✔✘✚☞☜♪♫✿❀✦✧◎⊙]")
NONSPACE = re.compile(r"\S")
# the prefilters (issue 16): a sprinkled symbol, a pictograph; what markup residue needs (a tag's "<", a fragment's ">"
# or '="', an entity's "&", a JSON brace, a field code's name, a mis-decoded space's first character)
SYM_ANY = gated(re.compile(SYM))
EMOJI_ANY = gated(re.compile(r"[\U0001F000-\U0001FAFF\u20e3]"))
MARKUP_TRIGGER = re.compile(r"<|>|=|&|\{|\]\(|\$\[|\[!--|XX|xx|××|X年|x年|×年|PAGE|MERGEFORMAT|NUMPAGES|HYPERLINK|TOC|_Toc|銆|ã|ï|Â|聽|nbsp;|font-|mso-|"
                            r"margin|padding|line-height|text-indent|text-align|var |function|document\.|window\.|\$\(|\\|\[/?(?:img|url|color|size|font|quote|attach|align|table|tr|td)|javascript")

TAG_NAMES = (r"a|abbr|b|big|blockquote|body|br|button|center|code|dd|div|dl|dt|em|font|form|h[1-6]|head|hr|html|"
             r"i|iframe|img|input|label|li|link|meta|nav|o:p|ol|option|p|pre|s|script|section|select|small|span|"
             r"strong|style|sub|sup|table|tbody|td|textarea|tfoot|th|thead|title|tr|u|ul|article|header|footer|"
             r"aside|figure|figcaption|main|video|source|embed|object|param|noscript|marquee|colgroup|col|caption")
HTML_TAG = re.compile(rf"</?(?:{TAG_NAMES})(?:\s+[a-z_:][\w:.\-]*(?:\s*=\s*(?:\"[^\"<>\n]{{0,200}}\"|'[^'<>\n]{{0,200}}'|"
                      r"[^\s\"'<>]{1,100}))?){0,12}\s*/?>|<!--[^\n]{0,200}?-->", re.I)
KNOWN_TAG = re.compile(rf"</?(?:{TAG_NAMES})\s?/?>", re.I)  # a bare tag of a known name (<p>, </span>, <br/>)
# once a page carries tags from its source, a bare tag of any name is one too (</legend>, <noframes>, </delect>)
BARE_TAG = re.compile(r"</?[a-z][a-z0-9]{0,15}\s?/?>", re.I)
RUN_GAP = 200  # blanks between two tags of one run of page source
TAG_FRAGMENT = re.compile(r"(?<![<A-Za-z0-9_])/(?:span|div|p|a|li|ul|ol|td|tr|th|table|tbody|font|strong|b|i|em|br|img|h[1-6]|"
                          r"section|article|center|script|style|label|iframe)>"
                          r"|\b(?:class|style|id|href|src)=\"[^\"\n]{0,80}\""
                          r"|(?<![<A-Za-z0-9_/])(?:br|hr) ?/>"  # <br/> with its "<" cut off
                          r"|<\\/(?:p|span|div|li|td|tr|a|strong|b|br|font|table|ul|ol|h[1-6])>"  # a tag in a JSON string: <\/p>
                          r"|(?<![A-Za-z])class=(?:Mso[A-Za-z]{2,30}|xl\d{2,4})(?![A-Za-z0-9])", re.I)  # Word's unquoted classes
ENTITY = re.compile(r"&(?:amp;)?(?:nbsp|amp|lt|gt|quot|emsp|ensp|thinsp|ldquo|rdquo|lsquo|rsquo|middot|hellip|mdash|ndash|"
                    r"copy|reg|#\d{2,5}|#x[0-9a-f]{2,4});?(?:&(?:nbsp|emsp|ensp|#\d{2,5});?)*", re.I)
# ... and the same names with their "&" lost (a copier's filter stripped it): nbsp;nbsp;, ldquo;政务公开rdquo;
BARE_ENTITY = re.compile(r"(?<![A-Za-z&])(?:nbsp|emsp|ensp|ldquo|rdquo|lsquo|rsquo|middot|hellip|mdash);(?:(?:nbsp|emsp|ensp);)*")
# escape sequences of a JSON or script string left in the text (\n, \r\n, \t, \u3000): a page's data, not its words
ESCAPED = re.compile(r"(?:\\(?:r\\n|n|r|t|u[0-9a-fA-F]{4})(?![A-Za-z]))+")
# forum markup (BBCode) of a repost: [img]…[/img], [url=…], [b]
BBCODE = re.compile(r"\[/?(?:img|url|color|size|font|quote|attach|align|table|tr|td)(?:=[^\]\n]{0,80})?\]", re.I)
# tags of any other name that carry attributes (<ul id="…"> with a custom or namespaced name, <st1:chsdate …>), and
# Word's namespaced tags with or without them (<o:p>, </w:sdt>)
OTHER_TAG = re.compile(r"</?[a-z][a-z0-9\-]{0,20}(?::[a-z0-9]{1,15})?(?:\s+[a-z_:][\w:.\-]{0,30}\s?=\s?(?:\"[^\"<>\n]{0,200}\"|"
                       r"'[^'<>\n]{0,200}'|[^\s\"'<>]{1,100})){1,12}\s?/?>|</?[a-z]{1,4}\d?:[a-z]{1,20}\s?/?>", re.I)
# an opening tag whose "<" was cut off: span style="font-size:16px">, p class="MsoNormal">
CUT_TAG = re.compile(r"(?<![<\w/\-])(?:span|div|p|font|td|tr|table|a|img|li|ul|ol|section|strong|b|i|em|h[1-6]|br)"
                     r"(?:\s+(?:class|style|id|href|src|align|width|height|face|size|color|lang|target|title|alt|border|"
                     r"valign|colspan|rowspan|data-[a-z\-]{1,20})\s?=\s?\"[^\"<>\n]{0,200}\"){1,8}\s?/?>", re.I)
# attributes of other names left in the text (align="center" width="600")
MORE_ATTRS = re.compile(r"\b(?:align|width|height|face|lang|target|alt|border|valign|colspan|rowspan|cellpadding|"
                        r"cellspacing|bgcolor|onclick|data-[a-z\-]{1,20})=\"[^\"\n]{0,80}\"", re.I)
# a page's style sheet in the text: two or more CSS declarations in a row (font-size: 16px; line-height: 2em;)
CSS_PROPS = (r"font-family|font-size|font-weight|line-height|text-indent|text-align|margin(?:-(?:top|bottom|left|right))?|"
             r"padding(?:-(?:top|bottom|left|right))?|mso-[a-z\-]{2,30}|background(?:-color)?|letter-spacing|white-space|"
             r"word-break|color")
CSS_RUN = re.compile(rf"(?<![\w\-])(?:(?:{CSS_PROPS}) ?: ?[^;:\"<>\n]{{1,60}}; ?){{2,12}}", re.I)
# script left in the text (a page's counter, jQuery, document.write)
SCRIPT = re.compile(r"\bvar\s[A-Za-z_$][\w$]{0,30} ?=|\bfunction ?\([^()\n]{0,60}\) ?\{|document\.(?:write|getElementById|"
                    r"cookie|createElement)|window\.(?:location|onload|open)\b|\$\( ?(?:function|document|[\"'])|_hmt\.push|"
                    r"hm\.baidu\.com/hm\.js|javascript: ?(?:void\(0\)|;)")
# a site template's placeholders filled with nothing ({{title}}, ${title}, [!--newstext--], {dede:field …}, {$title})
PLACEHOLDER = re.compile(r"\{\{[^{}\n]{1,60}\}\}|\$\{[^{}\n]{1,60}\}|\[!--[^\]\n]{1,60}--\]|\{(?:dede|pboot|eyou|pc|ecms):"
                         r"[^{}\n]{0,80}\}|\[field:[^\]\n]{1,60}\]|\{\$[A-Za-z_][^{}\n]{0,60}\}"
                         r"|(?<![\dA-Za-z])(?:19|20)(?:XX|xx|××|\d[Xx×])(?=年)"  # a year a template farm blanked: 20XX年, 201x年
                         r"|\{(?:title|content|sitename|site_name|sitedesc|keywords|description|author|source|addtime|"
                         r"pubdate|date|time|typename|catname|url|link|body|summary|copyright|beian|hits|click)\}"
                         r"|\$\[[a-z_]{2,30}\]"  # a template's fields with one brace: {title}, {sitename}, $[subject]
                         r"|\{/?(?:loop|foreach|if|else|elseif|block|template)(?=[\s}])[^{}\n]{0,80}\}", re.I)  # control tags
# Markdown's image and link syntax with an address: what a Markdown converter leaves of a page's pictures and links
MARKDOWN = re.compile(r"!\[[^\[\]\n]{0,80}\]\((?:https?:)?/{1,2}[^\s()<>]{1,300}\)"
                      r"|(?<![!\]])\[[^\[\]\n]{1,80}\]\((?:https?://|/)[^\s()<>]{1,300}\)")
# server-side template code printed unrendered (PHP, ASP/JSP expressions)
SERVER_CODE = re.compile(r"<\?(?:php\b|=)[^\n?]{0,120}\?>|<%[=@#]?[^\n%]{1,120}%>")
BLANK_YEAR = re.compile(r"(?:19|20)(?:XX|xx|××|\d[Xx×])")
# a template of its own (the report format's XX县人民政府20XX年…, X月X日, 第X条): its blanks are no residue
TEMPLATE_DOC = re.compile(r"(?:XX|××|ＸＸ)[省市县区镇乡村局委办]|X月X日|第X条")
# ... unless it is a copy with its facts whose years and place a template farm blanked (某X县, XX县 … 20xx年, with
# the real figures of the original around them): the blanks stand in the body, not only in a template's title line
FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:%|亿元|万元|万人|元)")
FARM_FIGURES = 3  # real figures in the text from which its blanked years are a copier's, not a template's
MASKED_PLACE = re.compile(r"(?<![A-Za-z0-9×＊*])某?(?:[Xx×]{1,3})(?=[省市县区镇乡])")
JSON_RESIDUE = re.compile(r"\{\s*\"[^\"\n]{1,30}\"\s*:\s*\"")
# field codes of a Word file converted to text (PAGE numbers, MERGEFORMAT switches, TOC / PAGEREF bookmarks)
FIELD_CODE = re.compile(r"(?<![A-Za-z])(?:(?:PAGE){1,2}\s?\d{1,4}){1,}(?![A-Za-z])|(?:\\\*\s*)?MERGEFORMAT"
                        r"|(?<![A-Za-z])NUMPAGES\s?\d{0,4}|PAGEREF\s+_Toc\d+(?:\s*\\h)?"
                        r"|HYPERLINK\s+(?:\\l\s+)?\"[^\"\n]{0,200}\"|(?<![A-Za-z])TOC\s+\\o\s+\"[\d\-]+\"(?:\s*\\[hzu])*"
                        r"|_Toc\d{6,}")
# whitespace read with the wrong codec: U+3000 (E3 80 80) as GBK 銆€ or cp1252 ã€€, U+00A0 (C2 A0) as GBK 聽 or
# Latin-1 Â, the UTF-8 BOM as cp1252 ï»¿
# a Discuz! forum's jammer: tokens of one or two printable ASCII characters, one or two spaces apart (a jammer pair
# whose first character is a space doubles the blank), nothing printable glued on either side; the tokens are then
# tested for the pairs' shape (:func:`_jammer_shape`). Bounded repeats of fixed-width tokens: linear.
JAMMER = re.compile(r"(?<![\x21-\x7e])[\x21-\x7e]{1,2}(?: {1,2}[\x21-\x7e]{1,2}){5,40}(?![\x21-\x7e])")
JAMMER_PAIR = re.compile(r"[\x21-\x3b] [\x3f-\x7e][\x21-\x3b] [\x3f-\x7e]")  # the prefilter: two pairs in a row
JAMMER_MIN = 2  # jammer runs (on as many lines) from which they are a warning
_LOW = frozenset(chr(c) for c in range(0x21, 0x3C))  # the first character of a pair (less the space)
_HIGH = frozenset(chr(c) for c in range(0x3F, 0x7F))  # its second character
_PUNCT = frozenset("!\"#$%&'()*+,-./:;")
BAD_SPACE = re.compile(r"(?:銆€)+|(?:ã€€)+|ï»¿|Â(?=[\s\u00a0])|聽{2,}")


@dataclass
class Residue:
    start: int
    end: int
    kind: str  # sprinkled-symbol | symbol-run | html-tag | html-fragment | html-entity | json-residue | field-code | bad-whitespace
    group: str  # symbols | markup
    severity: str = "info"  # info | warning
    remove: bool = False  # left out of the cleaned view (it is not text)
    signals: list[tuple[str, str]] = field(default_factory=list)
    parts: list = field(default_factory=list, repr=False)  # the findings a run of markup was joined from


class Mask:
    """The offsets already taken by a finding: overlap tests in time linear in the text (no pairwise scans)."""

    def __init__(self, n: int):
        self.b = bytearray(n + 1)

    def free(self, s: int, e: int) -> bool:
        return self.b.find(1, s, max(e, s + 1)) < 0

    def mark(self, s: int, e: int) -> None:
        self.b[s:e] = b"\x01" * (e - s)


class _Lines:
    """Line bounds by bisection and per-line facts computed once per line: a page of one huge line with thousands
    of matches stays linear."""

    def __init__(self, text: str):
        self.text, self.cache = text, {}
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def bounds(self, i: int) -> tuple[int, int]:
        k = bisect.bisect_left(self.breaks, i)
        ls = self.breaks[k - 1] + 1 if k > 0 else 0
        le = self.breaks[k] if k < len(self.breaks) else len(self.text)
        return ls, le

    def number(self, i: int) -> int:
        return bisect.bisect_left(self.breaks, i)

    def only_symbols(self, i: int) -> bool:
        """The line holds nothing but symbol runs and spaces (a separator line ◆◆◆◆ / ※※※)."""
        ls, le = self.bounds(i)
        key = (ls, "only")
        if key not in self.cache:
            self.cache[key] = NOT_SEPARATOR.search(self.text, ls, le) is None
        return self.cache[key]

    def symbols(self, i: int, pattern: str) -> tuple[int, frozenset]:
        ls, le = self.bounds(i)
        key = (ls, pattern)
        if key not in self.cache:
            got = re.findall(pattern, self.text[ls:le])
            self.cache[key] = (len(got), frozenset(got))
        return self.cache[key]


def _symbols(text: str) -> list[Residue]:
    found: list[tuple[int, int, str]] = []  # (start, end, symbols) of the core insertions
    lines_ = _Lines(text)
    for m in INSERTED.finditer(text) if may(SYM_ANY, text) and SYM_ANY.search(text) else ():
        sym = m.group(1)
        s, e = m.start(), m.end()
        if ARROW.search(sym):
            n, kinds = lines_.symbols(s, ARROW.pattern)
            if n >= 2 and len(kinds) == 1:
                continue  # 申请→受理→审查→决定: a process chain
        if len(sym) >= 3 and len(set(sym)) == 1 and NONSPACE.search(text, lines_.bounds(s)[0], s) is None:
            continue
        found.append((s, e, sym))
    lines = {lines_.number(s) for s, _, _ in found}
    distinct = {ch for _, _, sym in found for ch in sym}
    out: list[Residue] = []
    if len(found) >= SPRINKLED_INFO and (len(distinct) >= 2 or len(found) >= SPRINKLED_MIN):
        strong = len(found) >= SPRINKLED_MIN and len(lines) >= 2
        if strong:  # a sprinkled page: circled numbers out of sequence and unbalanced brackets inside words too
            for m in CIRCLED_IN_WORD.finditer(text):
                others = lines_.symbols(m.start(), f"[{CIRCLED}]")[1] - {m.group(0)}
                if not others:
                    found.append((m.start(), m.end(), m.group(0)))
            for m in BRACKET_IN_WORD.finditer(text):
                if PAIRS[m.group(0)] not in lines_.symbols(m.start(), "[【】〖〗〘〙]")[1]:
                    found.append((m.start(), m.end(), m.group(0)))
        for s, e, sym in sorted(found):
            inside = bool(re.match(rf"[{HAN}]", text[e:e + 1])) and bool(re.match(rf"[{HAN}]", text[s - 1:s]))
            sigs = [("inside-word" if inside else "glued", sym),
                    ("repeated", f"{len(found)}×")]
            out.append(Residue(s, e, "sprinkled-symbol", "symbols", "warning" if strong else "info", strong, sigs))
    taken = Mask(len(text))
    for r in out:
        taken.mark(r.start, r.end)
    for m in SYMBOL_RUN.finditer(text) if may(SYMBOL_RUN, text) else ():
        if not taken.free(m.start(), m.end()):
            continue
        if lines_.only_symbols(m.start()):
            continue  # a separator line (◆◆◆◆ / ※※※)
        out.append(Residue(m.start(), m.end(), "symbol-run", "symbols", signals=[("symbol-run", m.group(0))]))
    for m in INVISIBLE_IN_WORD.finditer(text) if may(INVISIBLE_ANY, text) and INVISIBLE_ANY.search(text) else ():
        if taken.free(m.start(), m.end()):
            out.append(Residue(m.start(), m.end(), "invisible-char", "symbols", signals=[
                ("invisible-char", " ".join(f"U+{ord(c):04X}" for c in m.group(0))),
                ("inside-word", text[m.start() - 1] + text[m.end()])]))
    emoji = [m for m in EMOJI.finditer(text) if taken.free(m.start(), m.end())] if may(EMOJI_ANY, text) and EMOJI_ANY.search(text) else []
    if len(emoji) >= 2:  # one 👉 in a government WeChat copy is no residue
        for m in emoji:
            out.append(Residue(m.start(), m.end(), "emoji", "symbols", signals=[("emoji", m.group(0))]))
    return out


def _markup(text: str) -> list[Residue]:
    out: list[Residue] = []
    if not MARKUP_TRIGGER.search(text):
        return out  # none of the patterns below can match (issue 16)
    mask = Mask(len(text))

    def free(a: int, b: int) -> bool:
        return mask.free(a, b)

    for m in HTML_TAG.finditer(text):
        out.append(Residue(m.start(), m.end(), "html-tag", "markup", signals=[("html-tag", m.group(0)[:40])]))
        mask.mark(m.start(), m.end())
    # tags of other names, tags cut before their "<", fragments (…/span>, class="…"), attributes, style sheets
    for rx, kind in ((OTHER_TAG, "html-tag"), (CUT_TAG, "html-fragment"), (TAG_FRAGMENT, "html-fragment"),
                     (MORE_ATTRS, "html-fragment"), (CSS_RUN, "css-residue")):
        for m in rx.finditer(text):
            if free(m.start(), m.end()):
                mask.mark(m.start(), m.end())
                out.append(Residue(m.start(), m.end(), kind, "markup", signals=[(kind, m.group(0)[:40])]))
    tags = len(out)
    source = any(_anchored(text, r) for r in out)
    if tags >= TAGS_WARNING and source:  # bare <br> / <p> shown by a CMS are info; attributes come from page source
        for m in BARE_TAG.finditer(text):  # a page copied from its source: a bare tag of any name is one too
            if free(m.start(), m.end()):
                mask.mark(m.start(), m.end())
                out.append(Residue(m.start(), m.end(), "html-tag", "markup", signals=[("html-tag", m.group(0)[:40])]))
        out = _tag_runs(text, out)
        total = sum(len(r.parts) for r in out)
        for r in out:  # the accusation needs its own anchor: a tag of a known name, an attribute, a fragment, CSS
            if any(_anchored(text, p) or KNOWN_TAG.fullmatch(text[p.start:p.end]) for p in r.parts):
                r.severity = "warning"
                r.signals.append(("repeated", f"{total}×"))
    template = None
    for rx, kind in ((ENTITY, "html-entity"), (JSON_RESIDUE, "json-residue"), (FIELD_CODE, "field-code"),
                     (BAD_SPACE, "bad-whitespace"), (SCRIPT, "script-residue"), (PLACEHOLDER, "template-placeholder"),
                     (BARE_ENTITY, "html-entity"), (ESCAPED, "json-residue"), (BBCODE, "html-tag"),
                     (MARKDOWN, "markdown-residue"), (SERVER_CODE, "template-placeholder")):
        for m in rx.finditer(text):
            if kind == "template-placeholder" and BLANK_YEAR.fullmatch(m.group(0)):
                if template is None:
                    template = TEMPLATE_DOC.search(text) is not None and not _farm_copy(text)  # once per text
                if template:
                    continue  # a blank year in a template, not in a copy with its facts
            if free(m.start(), m.end()):
                mask.mark(m.start(), m.end())
                out.append(Residue(m.start(), m.end(), kind, "markup", signals=[(kind, m.group(0)[:40])]))
    if template is False and any(r.kind == "template-placeholder" and BLANK_YEAR.fullmatch(text[r.start:r.end])
                                 for r in out) and _farm_copy(text):
        # a farm's copy: the place it blanked beside the years (某X县, XX县人民代表大会)
        for m in MASKED_PLACE.finditer(text):
            if free(m.start(), m.end()):
                mask.mark(m.start(), m.end())
                out.append(Residue(m.start(), m.end(), "template-placeholder", "markup",
                                   signals=[("masked-place", m.group(0)), ("blanked-years", "farm copy")]))
    return out


def _jammer_shape(run: str) -> bool:
    """The tokens of ``run`` read as jammer pairs run together (c1 ␠ c2c1 ␠ c2c1 … ␠ c2): ≥6 tokens, most of the
    two-character ones a high character then a low one, ≥3 distinct characters on each side, ≥2 punctuation marks."""
    toks = run.split()
    two = [t for t in toks if len(t) == 2]
    if len(toks) < 6 or len(two) < 4:
        return False
    shaped = [t for t in two if t[0] in _HIGH and t[1] in _LOW]
    return (len(shaped) >= 0.7 * len(two) and len({t[1] for t in shaped}) >= 3 and len({t[0] for t in shaped}) >= 3
            and sum(1 for t in shaped if t[1] in _PUNCT) >= 2)


def _jammer(text: str) -> list[Residue]:
    """The runs of a forum's anti-copy jammer (module docstring), each over its whole extent."""
    if not JAMMER_PAIR.search(text):
        return []  # (one linear scan on a clean report: no two jammer pairs in a row)
    runs = []
    for m in JAMMER.finditer(text):
        s, e = m.span()
        if text[e - 1] in "([{" and text[e - 2] != " ":
            e -= 1  # the opening bracket of the text after it ("…R! a(总帽子)")
        if _jammer_shape(text[s:e]):
            runs.append((s, e))
    # on two lines at least (a forum puts one before or after each line break of the post)
    strong = len(runs) >= JAMMER_MIN and any(text.find("\n", b, c) >= 0 for (_, b), (c, _) in zip(runs, runs[1:]))
    return [Residue(s, e, "jammer", "markup", "warning" if strong else "info", strong,
                    [("jammer", text[s:e][:40]), ("pairs", f"{len(text[s:e].split())}"), ("repeated", f"{len(runs)}×")])
            for s, e in runs]


def _anchored(text: str, r: Residue) -> bool:
    """A markup finding that can only come from a page's source: an attribute, a cut tag, a fragment, CSS."""
    return r.kind in ("html-fragment", "css-residue") or "=" in text[r.start:r.end]


def _tag_runs(text: str, items: list[Residue]) -> list[Residue]:
    """Tags, fragments and style sheets with only blanks between them joined into one finding: a block of page
    source (a decoy block of empty tags, a table's markup) is one problem, reported over its whole extent."""
    out: list[Residue] = []
    for r in sorted(items, key=lambda r: r.start):
        if out and not text[out[-1].end:r.start].strip() and r.start - out[-1].end <= RUN_GAP:
            last = out[-1]
            last.end = max(last.end, r.end)
            last.parts.append(r)
            if r.kind == "html-tag":
                last.kind = "html-tag"
            continue
        r.parts = [r]
        out.append(r)
    for r in out:
        if len(r.parts) > 1:
            r.signals = [(r.kind, text[r.start:r.end][:40]), ("tag-run", f"{len(r.parts)}")]
    return out


def _farm_copy(text: str) -> bool:
    """Blanked years (20xx年) in the body of a text that keeps the real figures of its original: a template
    farm's copy with its facts, not a template of its own (whose blanks stand in its title line, its figures XX)."""
    nl = text.find("\n", next((i for i, ch in enumerate(text[:400]) if not ch.isspace()), 0))
    body = text[nl:] if nl >= 0 else ""
    years = sum(1 for m in PLACEHOLDER.finditer(body) if BLANK_YEAR.fullmatch(m.group(0)))
    return years >= 2 and len(FIGURE.findall(body, 0, 20000)) >= FARM_FIGURES


def find(text: str) -> list[Residue]:
    """Symbol and markup residue of ``text`` (original offsets), in text order."""
    jam = _jammer(text)
    rest = _symbols(text) + _markup(text)
    if jam:  # a run of jammer is one finding: what else matched inside it is a part of it
        taken = Mask(len(text))
        for r in jam:
            taken.mark(r.start, r.end)
        rest = [r for r in rest if taken.free(r.start, r.end)]
    return sorted(jam + rest, key=lambda r: (r.start, r.end))
