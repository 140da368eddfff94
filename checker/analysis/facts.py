"""Facts of a report: title, report year, organ and organ type, province, statistical period, publication date.

All matching runs on the cleaned, normalised view (traditional → simplified, full-width → ASCII), and every fact
keeps the original offsets of the text it was read from.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import accumulate

from ..document import HEADING, TITLE, Document
from ..normalize import View
from . import region

CN_DIGITS = {"〇": "0", "○": "0", "零": "0", "O": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
             "六": "6", "七": "7", "八": "8", "九": "9"}
TITLE_RE = re.compile(
    r"(?P<y1>(?:19|20)\d{2})\s*年(?:度)?|(?P<cy>[〇○零一二三四五六七八九]{4})\s*年(?:度)?")
# (政府|政务)?信息公开(工作)?(年度)?(工作)?报告|政务公开(工作)?(年度)?报告|信息公开年报, with every alternative
# opening on a literal (the optional group spelled out, in the order it is tried): re skips in C every position
# where 政 or 信 does not stand, instead of trying the optional group at each (~10 µs a 130-character line)
REPORT_WORDS = re.compile(r"政府信息公开(?:工作)?(?:年度)?(?:工作)?报告|政务信息公开(?:工作)?(?:年度)?(?:工作)?报告"
                          r"|信息公开(?:工作)?(?:年度)?(?:工作)?报告|政务公开(?:工作)?(?:年度)?报告|信息公开年报")

# statistical period (spec/domain.md §4.1)
IN_TEXT_TITLE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年(?:度)?\s*(?P<organ>[^\s，,。、:：《》]{0,30}?)(?:(?<!\s)\s*)?(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:工作)?报告")
PERIOD_KEY = re.compile(r"统计(?:期限|时限|时间|周期|区间|时段|起止时间|期)|起止时间|统计数据|数据统计(?:期限|时间|时限|周期)?")
DATE = r"(?:(?P<{y}>(?:19|20)\d{{2}})\s*年\s*)?(?P<{m}>\d{{1,2}})\s*月\s*(?P<{d}>\d{{1,2}})\s*[日号]"
PERIOD_RE = re.compile(
    # no two \s* side by side around an optional part (catastrophic backtracking on long runs of spaces); a run of
    # spaces before the date starts the match at its first space only ((?<!\s)), as the leftmost match did before
    r"(?:(?:为|是|从|自|:|：)\s*|(?<!\s)\s+)?" + DATE.format(y="y1", m="m1", d="d1")
    + r"\s*(?:(?:起|始|开始)\s*)?(?:[,，]\s*)?(?:至|到|-|—|–|~|－|～)+\s*" + DATE.format(y="y2", m="m2", d="d2")
    + r"\s*(?:止|截止)?")
CUTOFF_RE = re.compile(r"截(?:至|止)(?:到|时间|日期)?\s*(?:(?:为|是|到|:|：)\s*)?" + DATE.format(y="y", m="m", d="d"))
DOTTED = re.compile(r"((?:19|20)\d{2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,2})(?!\d)")
CN_NUM = re.compile(r"[〇○零一二三四五六七八九十]{1,4}(?=[年月日号])")


def _cn_number(s: str) -> str:
    """二〇二三 → 2023, 十二 → 12, 三十一 → 31 (the numerals of written-out dates)."""
    if "十" not in s:
        return "".join(CN_DIGITS.get(c, c) for c in s)
    a, _, b = s.partition("十")
    tens = int(CN_DIGITS.get(a, "1")) if a else 1
    ones = int(CN_DIGITS.get(b, "0")) if b else 0
    return str(tens * 10 + ones)


def ascii_dates(clause: str) -> str:
    """Dates in the clause rewritten as 2023年1月1日 (Chinese numerals, 2023.1.1, 2023-01-01)."""
    clause = CN_NUM.sub(lambda m: _cn_number(m.group(0)), clause)
    return DOTTED.sub(lambda m: f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日", clause)

ORGAN_TYPES = [
    # (pattern on the organ name, organ type); first match wins
    (re.compile(r"街道(办事处|办)?$|街道"), "street"),
    (re.compile(r"(镇|乡)(人民)?政府$|[^城]镇$|乡$|苏木$|镇(党委|人民政府)|乡人民政府"), "township"),
    (re.compile(r"国务院|部$|总局$|总署$|国家.+(局|委员会)$"), "state_department"),
    (re.compile(r"(省|自治区)(人民)?政府$|^(北京|天津|上海|重庆)市(人民)?政府$|^(北京|天津|上海|重庆)市?$"), "province_government"),
    (re.compile(r"(市|州|盟|地区)(人民)?政府$|(市|州|盟)$"), "city_government"),
    (re.compile(r"(县|区|旗)(人民)?政府$|(县|区|旗)$"), "county_government"),
    (re.compile(r"(局|委|委员会|办公室|办公厅|厅|中心|处|所|院|馆|站|队|会|公司|署|管委会|管理委员会|办|室)$"), "department"),
]


@dataclass
class Span:
    text: str
    start: int
    end: int


@dataclass
class Period:
    statement: Span | None = None  # the clause as written
    start: dt.date | None = None
    end: dt.date | None = None
    years: list[int] = field(default_factory=list)  # years written in the clause
    parsed: bool = False
    cutoff_only: bool = False
    guess: tuple[dt.date, dt.date] | None = None  # what an unreadable statement probably said


@dataclass
class Facts:
    title: Span | None = None
    year: int | None = None
    year_source: str | None = None  # title | text
    organ: str | None = None
    organ_type: str | None = None
    province: str | None = None
    period: Period = field(default_factory=Period)
    published: dt.date | None = None
    published_source: str | None = None
    format_version: str | None = None  # "2021" | "2019" | "pre2019"; set by the tables/version analysis
    format_votes: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        p = self.period
        return {
            "title": self.title.text if self.title else None,
            "year": self.year,
            "organ": self.organ,
            "organ_type": self.organ_type,
            "province": self.province,
            "format_version": self.format_version,
            "period": ({"start": p.start.isoformat(), "end": p.end.isoformat()} if p.parsed and p.start and p.end
                       else None),
            "published": self.published.isoformat() if self.published else None,
        }


def cn_year(s: str) -> int | None:
    digits = "".join(CN_DIGITS.get(c, c) for c in s)
    return int(digits) if digits.isdigit() else None


TITLE_LINE_MAX = 60
# web-page furniture around a title: publish line, source, font size, print/close, hit counter, index number
FURNITURE = re.compile(r"发布(?:时间|日期|机构)|来源[:：]|字号|打印|关闭|浏览(?:次数|量)|点击(?:数|量|率)|阅读(?:次数|量)|分享到?"
                       r"|索引号|文\s*号|信息来源|作者[:：]|【\s*[大中小]|\[\s*[大中小]|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}")


_PIECE_STOP = re.compile(r"[。；;，,]")
SENTENCE_STOP = re.compile(r"[。；]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


def latin_prose(s: str) -> bool:
    """Latin-script prose: its Latin letters (in words of two or more) outnumber its Chinese characters. A line of it
    that cites a report's name (a README's 「Two real 政府信息公开工作年度报告 of one organ, as published: …」) is no
    title, and a text of it quotes a report rather than being one (GOV-M007). A Chinese title with a format tag or a
    Latin organ abbreviation (「…年度报告（PDF版）」) keeps far more Chinese than Latin."""
    latin = sum(len(m) for m in LATIN_WORD.findall(s))
    return latin > 0 and latin > len(CJK_CHAR.findall(s))


def _title_piece(s: str) -> bool:
    """A line that can be (a part of) a title: short, no sentence punctuation, not a breadcrumb or furniture."""
    return (bool(s) and len(s) <= TITLE_LINE_MAX and not _PIECE_STOP.search(s, 0, len(s) - 1)
            and not BREADCRUMB.search(s) and not FURNITURE.search(s))


def _names_report(s: str) -> bool:
    """REPORT_WORDS.search(s) is not None, the search made only where the words it needs are (every form has 公开,
    and 报告 or 年报): a search that opens on optional groups tries every position of the line, ~4 µs a line."""
    return "公开" in s and ("报告" in s or "年报" in s) and REPORT_WORDS.search(s) is not None


def _title_lines(text: str) -> tuple[list[tuple[int, str]], list[bool]]:
    """The non-blank lines near the top (view offset of the stripped line, stripped line) and whether each names
    a report (REPORT_WORDS): every line up to the first line end past offset 4000 after which more than three lines
    and a line naming a report have been read (else every line). Split and stripped by C-level maps."""
    raw = text.split("\n")
    lstripped = list(map(str.lstrip, raw))
    stripped = list(map(str.rstrip, lstripped))
    starts = list(accumulate(map((1).__add__, map(len, raw)), initial=0))
    nonempty = [i for i, s in enumerate(stripped) if s]
    rep = {i for i in nonempty if _names_report(stripped[i])}
    # the line after which the reading stops: past offset 4000, the fourth line read, a line naming a report read
    last = len(raw) - 1
    if len(nonempty) > 3 and rep:
        k = max(bisect.bisect_right(starts, 4000) - 1, nonempty[3], min(rep))
        last = min(last, k)
    keep = [i for i in nonempty if i <= last]
    # (a stripped line starts where its indent ends: the blanks before it cannot hold it)
    return ([(starts[i] + len(raw[i]) - len(lstripped[i]), stripped[i]) for i in keep], [i in rep for i in keep])


def find_title(doc: Document, view: View) -> Span | None:
    """The title: the first run of one to three short lines near the top that names a report (a title broken over
    two or three lines, or set below a breadcrumb or above a 发布时间 line, is read whole), else the page <title>.

    For each line that names a report, the run ending there that gives a year and an organ wins (else the shortest
    run); among those, one with a year wins, then a block the extractor marked as title/heading, then the first.
    A run never takes in a breadcrumb, a furniture line or a sentence, nor a line that names a report itself.
    """
    lines, names = _title_lines(view.text)
    pieces: dict[int, bool] = {}  # _title_piece of line i, computed once

    def piece(i: int) -> bool:
        got = pieces.get(i)
        if got is None:
            got = pieces[i] = _title_piece(lines[i][1])
        return got

    cands: list[tuple[tuple, int, int, str]] = []
    for i in [i for i, rep in enumerate(names) if rep]:
        a, s = lines[i]
        if not (len(s) <= 120 and not SENTENCE_STOP.search(s, 0, len(s) - 1) and not BREADCRUMB.search(s)
                and not latin_prose(s)):
            continue
        blk = doc.block_at(view.orig(a))
        marked = blk is not None and blk.kind in (TITLE, HEADING)
        # the run ends at this line; it may start up to two lines above (organ, year, the first half of the words):
        # the best run per last line is the one that gives an organ and a year, else the shortest
        best = None
        for w in (1, 2, 3):
            if i - w + 1 < 0:
                break
            run = lines[i - w + 1:i + 1]
            if w > 1 and (not all(piece(k) for k in range(i - w + 1, i)) or len(s) > TITLE_LINE_MAX
                          or any(names[k] for k in range(i - w + 1, i))):
                break  # furniture or a sentence above, or a line that names a report itself (a nav entry)
            joined = "".join(x for _, x in run)
            start = run[0][0]
            lm = LABEL_PREFIX.match(joined)
            if lm:
                joined = joined[lm.end():]
                start += lm.end() if w == 1 else 0
            year, organ = parse_title(joined)
            key = (0 if (year and organ) else 1 if year else 2, w)
            if best is None or key < best[0]:
                best = (key, start, a + len(s), joined, year)
        if best is None:
            continue
        _, start, end, joined, year = best
        cands.append(((0 if year else 1, 0 if marked else 1, i), start, end, joined))
    # broken titles whose words are cut: 「…2023年政府信息公开」 / 「工作年度报告」 (no line names a report alone)
    # (only where the words can end: a line with 告 or 报 one or two lines below)
    ends = {i for i, (_, s) in enumerate(lines) if "告" in s or "报" in s}
    for i in sorted({k - 1 for k in ends} | {k - 2 for k in ends}):
        if i < 0 or i >= len(lines) - 1:
            continue
        if lines[i][0] > 1500:
            break
        for w in (2, 3):
            if i + w > len(lines):
                continue
            last = lines[i + w - 1][1]
            if "告" not in last and "报" not in last:
                continue  # the words must end on the last line, and they end with 报告 or 年报
            if any(names[i:i + w]) or not all(piece(k) for k in range(i, i + w)):
                continue
            run = lines[i:i + w]
            joined = "".join(x for _, x in run)
            m = REPORT_WORDS.search(joined)
            if m and m.end() > len(joined) - len(run[-1][1]) and TITLE_RE.search(joined):
                blk = doc.block_at(view.orig(run[0][0]))
                marked = blk is not None and blk.kind in (TITLE, HEADING)
                cands.append(((0, 0 if marked else 1, i), run[0][0], run[-1][0] + len(run[-1][1]), joined))
                break
    if not cands:
        return None
    cands.sort(key=lambda c: c[0])
    _, a, b, joined = cands[0]
    s, e = view.span(a, b)
    return Span(joined, s, e)


BREADCRUMB = re.compile(r"[>›»]|当前位置|您的位置|所在位置|首页")
LABEL_PREFIX = re.compile(r"^(?:名\s*称|标\s*题|信息名称|文件名称)\s*[:：]\s*")
ORGAN_SUFFIX = re.compile(
    r"(?:人民政府|政府|办公厅|办公室|委员会|街道办事处|管理委员会|管委会|局|委|厅|办|署|院|所|中心|室|处|站|队|"
    r"街道|镇|乡|苏木|集团|公司|省|市|县|区|州|旗|盟)(?:[(（][^()（）]{1,20}[)）])?$")
ORGAN_LEAD = re.compile(r"^(?:.*?(?:现将|现公布|现予公布|特编制|特制定|编制|公布|发布|现就|根据|按照|关于|本|我))")


def clean_organ(s: str | None) -> str | None:
    """The organ name in a fragment such as 现公布绥宁县人民政府 or 名称:新下陆街道办事处; None if it is not one."""
    if not s:
        return None
    s = LABEL_PREFIX.sub("", s.strip())
    s = re.split(r"[《》“”\"，,。:：;；]", s)[-1].strip()
    s = ORGAN_LEAD.sub("", s) if ORGAN_LEAD.match(s) and not ORGAN_SUFFIX.search(s[:3]) else s
    s = re.sub(r"^(?:的|了|和|及|对|在|由|为)", "", s)
    if not (2 <= len(s) <= 40) or not ORGAN_SUFFIX.search(s) or re.search(r"\d|年度?$", s):
        return None
    return s


def _span(view: View, a: int, b: int) -> Span:
    s, e = view.span(a, b)
    return Span(view.text[a:b], s, e)


def parse_title(title: str) -> tuple[int | None, str | None]:
    """Report year and organ name from a title such as 霍邱县扈胡镇人民政府2023年政府信息公开工作年度报告."""
    t = LABEL_PREFIX.sub("", re.sub(r"\s+", "", title))
    m = TITLE_RE.search(t)
    if not m:
        return None, None
    year = int(m.group("y1")) if m.group("y1") else cn_year(m.group("cy"))
    rep = REPORT_WORDS.search(t, m.end())
    before = t[:m.start()].strip("：:_-|，, ")
    organ = None
    if before:
        organ = re.sub(r"^.*[_|｜]", "", before)
    elif rep is not None:
        between = t[m.end():rep.start()]
        organ = between or None
        if organ is None and rep.group().startswith("政府"):  # (the words open on 政府信息公开)
            organ = None
    return year, clean_organ(organ)


def organ_type(organ: str | None) -> str | None:
    if not organ:
        return None
    organ = re.sub(r"[(（][^()（）]*[)）]$", "", organ)
    for pat, kind in ORGAN_TYPES:
        if pat.search(organ):
            return kind
    return None


def _years(s: str) -> list[int]:
    return [int(y) for y in re.findall(r"(?:19|20)\d{2}(?=\s*年)", s)]


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)


def _guess_date(s: str, year: int | None) -> dt.date | None:
    """What a damaged date probably said: 202311日 → 2023-01-01, 1231日 → 12-31 (of ``year``), 20231231 → 2023-12-31.
    None when it is ambiguous (111日: 1月11日 or 11月1日?) or no valid date."""
    s = re.sub(r"\s+", "", s).rstrip("日号")
    y = None
    if "年" in s:
        ys, _, s = s.partition("年")
        if not re.fullmatch(r"(?:19|20)\d{2}", ys):
            return None
        y = int(ys)
    elif re.match(r"(?:19|20)\d{2}\d{2,4}$", s):
        y, s = int(s[:4]), s[4:]
    y = y or year
    if y is None:
        return None
    if "月" in s:
        ms, _, ds = s.partition("月")
        opts = [(ms, ds)]
    elif s.isdigit() and len(s) == 2:
        opts = [(s[0], s[1])]
    elif s.isdigit() and len(s) == 3:
        opts = [(s[0], s[1:]), (s[:2], s[2])]
    elif s.isdigit() and len(s) == 4:
        opts = [(s[:2], s[2:])]
    else:
        return None
    found = []
    for ms, ds in opts:
        if not (ms.isdigit() and ds.isdigit()):
            continue
        try:
            found.append(dt.date(y, int(ms), int(ds)))
        except ValueError:
            pass
    return found[0] if len(found) == 1 else None


def guess_period(d1: str, d2: str) -> tuple[dt.date, dt.date] | None:
    start = _guess_date(d1, None)
    if start is None:
        return None
    end = _guess_date(d2, start.year)
    if end is None or end < start:
        return None
    return start, end


RANGE = r"(?:至|到|-|—|–|~|－|～)+"
MONTHS_RE = re.compile(  # 2023年1月至12月 (whole months, no day)
    r"(?:(?:为|是|从|自|:|：)\s*)?(?P<y1>(?:19|20)\d{2})\s*年\s*(?P<m1>\d{1,2})\s*月(?!\s*\d)\s*(?:(?:起|始|开始)\s*)?(?:[,，]\s*)?"
    + RANGE + r"\s*(?:(?P<y2>(?:19|20)\d{2})\s*年\s*)?(?P<m2>\d{1,2})\s*月(?!\s*\d)(?:\s*(?:底|末))?\s*(?:止|截止)?")
# a statement whose digits were damaged (年/月 lost and digits merged on the page): 202311日至1231日
DAMAGED_RE = re.compile(
    r"(?P<d1>(?:19|20)\d{2}(?:[年月]?\d{1,2}){1,2}[日号]?)\s*(?:(?:起|始|开始)\s*)?(?:[,，]\s*)?" + RANGE
    + r"\s*(?P<d2>\d{1,4}(?:[年月]?\d{1,2}){0,3}[日号]?)\s*(?:止|截止)?")


def find_period(view: View) -> Period:
    """The statement of the statistical period (spec/domain.md §4.1) in the sentence view: the first sentence with a
    period keyword (统计期限/统计期/统计时限/统计时间/起止时间/统计周期 …) followed within 40 characters by two dates
    (自…起至…止, …至…, …到…止, …—…; written-out, dotted or whole-month dates), a cut-off date only, or dates too
    damaged to read (then the statement is kept, unparsed, with what it probably said in ``guess``)."""
    text = view.text
    for km in PERIOD_KEY.finditer(text):
        # the clause: from the start of its sentence to the end of the sentence
        a = max(text.rfind(c, 0, km.start()) for c in "。\n；;") + 1
        ends = [i for i in (text.find(c, km.end()) for c in "。\n；;") if i >= 0]
        b = min(ends) if ends else len(text)
        if b - a > 200:
            a = max(a, km.start() - 60)
            b = min(b, km.end() + 100)
        clause = text[a:b]
        rel = km.end() - a
        stmt_a = a + len(clause) - len(clause.lstrip())
        rewritten = ascii_dates(clause)
        if rewritten != clause:  # written-out or dotted dates: parse the rewrite, keep the clause as written
            rrel = len(ascii_dates(clause[:rel]))
            m = PERIOD_RE.search(rewritten, rrel)
            if m and m.group("y1") and m.start() - rrel <= 40:
                try:
                    start = dt.date(int(m.group("y1")), int(m.group("m1")), int(m.group("d1")))
                    end = dt.date(int(m.group("y2") or m.group("y1")), int(m.group("m2")), int(m.group("d2")))
                except ValueError:
                    start = end = None
                tail = re.search(r"[)）(（]|[,，]\s*(?:本|如|欢迎)", clause[rel:])
                stmt_b = a + rel + (tail.start() if tail else len(clause) - rel)
                st = _span(view, stmt_a, stmt_b)
                return Period(st, start, end, _years(ascii_dates(clause[stmt_a - a:stmt_b - a])),
                              parsed=start is not None)
        m = PERIOD_RE.search(clause, rel)
        if m and m.start() - rel <= 40:
            y1 = int(m.group("y1")) if m.group("y1") else None
            y2 = int(m.group("y2")) if m.group("y2") else y1
            stmt_b = a + m.end()
            st = _span(view, stmt_a, stmt_b)
            years = _years(clause[stmt_a - a:m.end()])
            if y1 is None:  # 1月1日至12月31日: no year written
                return Period(st, None, None, years, parsed=False)
            try:
                start = dt.date(y1, int(m.group("m1")), int(m.group("d1")))
                end = dt.date(y2, int(m.group("m2")), int(m.group("d2")))
            except ValueError:
                start = end = None
            return Period(st, start, end, years, parsed=start is not None)
        mm = MONTHS_RE.search(clause, rel)
        if mm and mm.start() - rel <= 40:
            y1 = int(mm.group("y1"))
            y2 = int(mm.group("y2")) if mm.group("y2") else y1
            stmt_b = a + mm.end()
            try:
                start, end = dt.date(y1, int(mm.group("m1")), 1), _month_end(y2, int(mm.group("m2")))
            except ValueError:
                start = end = None
            return Period(_span(view, stmt_a, stmt_b), start, end, _years(clause[stmt_a - a:mm.end()]),
                          parsed=start is not None)
        c = CUTOFF_RE.search(clause, rel)
        if c and c.start() - rel <= 40:
            return Period(_span(view, stmt_a, a + c.end()), None, None, _years(clause[stmt_a - a:c.end()]),
                          parsed=False, cutoff_only=True)
        # keyword seen but the dates cannot be read: keep the statement (GOV-P004) with what it probably said
        d = DAMAGED_RE.search(clause, rel)
        if d and d.start() - rel <= 40:
            stmt_b = a + d.end()
            return Period(_span(view, stmt_a, stmt_b), None, None, _years(clause[stmt_a - a:d.end()]),
                          parsed=False, guess=guess_period(d.group("d1"), d.group("d2")))
    return Period()


PUBLISHED_RE = re.compile(
    r"(?:发布(?:时间|日期)|成文日期|发文日期|生成日期|公开日期|撰写时间|日期)\s*(?:[:：]\s*)?"
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})")
SIGNOFF_RE = re.compile(r"^[^\S\n]*(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*$", re.M)


def find_published(doc: Document, raw_view: View, view: View) -> tuple[dt.date | None, str | None]:
    for key in ("PubDate", "pubdate"):
        v = doc.metadata.get(key)
        if v:
            m = re.search(r"((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})", v)
            if m:
                d = _date(*m.groups())
                if d:
                    return d, "metadata"
    m = PUBLISHED_RE.search(raw_view.text)
    if m:
        d = _date(m.group("y"), m.group("m"), m.group("d"))
        if d:
            return d, "page"
    ms = list(SIGNOFF_RE.finditer(view.text))
    if ms:
        d = _date(ms[-1].group("y"), ms[-1].group("m"), ms[-1].group("d"))
        if d:
            return d, "signoff"
    return None, None


def _date(y, m, d) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None


def modal_year(view: View) -> int | None:
    years = re.findall(r"((?:19|20)\d{2})\s*年", view.text[:3000])
    if not years:
        return None
    counts: dict[str, int] = {}
    for y in years:
        counts[y] = counts.get(y, 0) + 1
    return int(max(counts, key=lambda y: counts[y]))


def analyse(doc: Document, raw_view: View, view: View, sview: View | None = None, title: Span | None = None) -> Facts:
    """Facts from the cleaned view (title, sign-off lines) and its sentence view ``sview`` (sentence-level facts:
    the period, an in-text title, the contact organ)."""
    sview = sview or view
    f = Facts()
    f.title = title if title is not None else find_title(doc, view)
    if f.title is None and doc.metadata.get("title"):
        y, organ = parse_title(doc.metadata["title"])
        f.year, f.organ = y, organ
        f.year_source = "title" if y else None
    if f.title is not None:
        f.year, f.organ = parse_title(f.title.text)
        f.year_source = "title" if f.year else None
    if f.year is None or f.organ is None:
        # 特编制湛江市人民政府地方志办公室2023年政府信息公开工作年度报告 / 公布2020年开平市农业农村局政府信息公开工作年度报告
        for m in IN_TEXT_TITLE.finditer(sview.text[:3000]):
            if "做好" in sview.text[max(0, m.start() - 6):m.start()]:
                continue  # 关于做好2012年政府信息公开工作年度报告编制工作的通知: a notice, not this report
            if f.year is None:
                f.year, f.year_source = int(m.group("y")), "text"
            if f.organ is None:
                pre = re.split(r"[，,。:：\n]", sview.text[max(0, m.start() - 60):m.start()])[-1]
                f.organ = clean_organ(m.group("organ")) or clean_organ(pre)
            break
    if f.organ is None:
        m = re.search(r"请与\s*([^\s，,。]{2,30}?)(?:联系|$)", sview.text)
        if m:
            f.organ = clean_organ(m.group(1))
    f.organ_type = organ_type(f.organ)
    if f.organ:
        f.province = region.province_of(f.organ)
    if f.province is None and f.title is not None:
        f.province = region.province_of(f.title.text)
    f.period = find_period(sview)
    if f.year is None:
        p = f.period
        if p.parsed and p.start and p.end and p.start.year == p.end.year:
            f.year, f.year_source = p.start.year, "period"
        else:
            y = modal_year(sview)
            if y:
                f.year, f.year_source = y, "modal"
    f.published, f.published_source = find_published(doc, raw_view, view)
    return f
