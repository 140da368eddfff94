"""Text against the tables (GOV-C001 … GOV-C004): what the prose says about requests, reviews and suits must
agree with T3/T4.

Options:
- ``check``:
  ``no_requests`` — an explicit claim that no disclosure request was received (「未收到…政府信息公开申请」) while
  T3 一、本年新收 (总计) is not 0 (error);
  ``no_review`` — a claim that no administrative review / lawsuit occurred while T4's 总计 cells are not 0 (error);
  ``counts`` — numbers in the text for 本年新收 / 上年结转 / 结转下年度 / 办结 (against （七）总计) / 行政复议 /
  行政诉讼 differ from the table (warning; sentences with scope words such as 备案, 全市, 同比 are skipped); the
  finding names the text figure and the table cell with its value;
  ``total`` — 「收到/受理…申请N件」 equals neither 一 nor 一+二 (总计 column) (warning);
  ``breakdown`` — a sentence listing outcomes with counts (「予以公开7件，部分公开2件…」, at least two of 予以公开 /
  部分公开 / 不予公开 / 无法提供 / 不予处理 / 其他处理; one sentence up to 。, so a list separated by 「；」 counts;
  figures in parentheses, after 「占…%」 or 「共计」) differs from T3 （一）…（六） (总计 column, sub-items summed),
  or the outcomes listed after 「办结…N件，其中」 add up to more than N;
  ``fee_claims`` — the text says 信息处理费 of a positive amount was collected and elsewhere that none was
  (internal contradiction; no table needed).
- ``scope_words``: sentences containing any of these are not compared (another scope than the table's).

Sentences are those of the sentence view: a line break inside a sentence (a hard-wrapped text, a PDF line) does
not split one.

PASS: 本年度未收到政府信息公开申请。 with T3 一、本年新收 总计 0
FAIL: 本年度未收到政府信息公开申请。 with T3 一、本年新收 总计 3
"""

from __future__ import annotations

import bisect
import re
from typing import Iterator

from ..findings import NotAssessed, Problem
from .tables import require

CONF = {"check": ("no_requests", "no_review", "counts", "total", "breakdown", "fee_claims"), "scope_words": list}
DEFAULT = {"check": "no_requests",
           "scope_words": ["备案", "全市", "全区", "全县", "全省", "全州", "全旗", "各级", "各部门", "同比", "较上年",
                           "增长", "下降", "累计", "以来", "上年度", "去年", "汇总",
                           "代表"]}  # 「区政府办代表区政府受理…」: one office's share, not necessarily the table's scope

NO_REQ = re.compile(r"(?:未|没有|无)(?:收到|接到|受理|接收|收取)(?P<gap>[^。；;，,]{0,30}?)申请")
NO_REQ2 = re.compile(r"无依申请公开(?:政府信息)?(?:的)?(?:申请|事项|情况)")
NO_REV = re.compile(r"(?:未|没有|无)(?:发生|收到|产生|出现|涉及|被(?:申请|提起))?[^。；;，,]{0,25}?(行政复议|行政诉讼)")
EXCLUDE_REV = re.compile(r"纠正|败诉|撤销|确认违法|被纠错|追究")
NUM = r"(\d+)\s*(?:件|宗|起|个)"
DIGIT = re.compile(r"\d")
COUNTS = [  # (pattern, table, cells summed, label)
    (re.compile(r"(?:本年度?|全年|今年)?新收[^。；;，,]{0,20}?" + NUM), "T3", [("new", "total")], "本年新收"),
    (re.compile(r"上年(?:度)?结转[^。；;，,]{0,20}?" + NUM), "T3", [("carried", "total")], "上年结转"),
    (re.compile(r"结转(?:至|到)?下(?:一)?年度?(?:继续办理)?[^。；;，,]{0,10}?" + NUM), "T3", [("carry_next", "total")],
     "结转下年度"),
    (re.compile(r"行政复议(?:案件|申请)?[^。；;，,行]{0,10}?" + NUM), "T4", [("counts", "review_total")], "行政复议"),
    (re.compile(r"行政诉讼(?:案件)?[^。；;，,行]{0,10}?" + NUM), "T4",
     [("counts", "direct_total"), ("counts", "after_total")], "行政诉讼"),
    # answered: 「办结政府信息公开申请12件」「已答复12件」 against （七）总计 (a sentence about requests only)
    (re.compile(r"(?:办结|答复|办理完毕)(?:了)?(?:政府信息公开|依申请公开)?(?:申请)?(?:共计|共|合计)?\s*[(（]?\s*"
                + NUM), "T3", [("r7_total", "total")], "办结"),
]
COUNTS_WORDS = [("新收",), ("结转",), ("结转",), ("行政复议",), ("行政诉讼",), ("办结", "答复", "办理完毕")]  # each needs one
COUNTS_ANY = tuple(dict.fromkeys(w for words in COUNTS_WORDS for w in words))
ANSWER_CONTEXT = re.compile(r"申请")
TOTAL = re.compile(r"(?:收到|收办|受理|接收|接到)[^。；;，,]{0,20}?申请[^。；;，,\d]{0,8}?" + NUM)


def check(a, conf) -> Iterator[Problem]:
    yield from {"no_requests": _no_requests, "no_review": _no_review, "counts": _counts,
                "total": _total, "breakdown": _breakdown, "fee_claims": _fee_claims}[conf["check"]](a, conf)


def _span(a, start, end):
    return a.sentence_view().span(start, end)


def _val(t, row, col):
    c = t.cell(row, col)
    if c is None or c.kind == "unreadable":
        return None
    return c


def _no_requests(a, conf):
    t = require(a, ["T3"])[0]
    c = _val(t, "new", "total")
    if c is None:
        raise NotAssessed("表三“本年新收”总计无法读取 / T3 new-requests total not read", needs="T3")
    for off, s in a.sentences_with("申请"):  # (both patterns end with it)
        m = NO_REQ.search(s)
        if m and not ("公开" in m.group("gap") or "依申请" in s[max(0, m.start() - 6):m.start()]):
            m = None
        m = m or NO_REQ2.search(s)
        if not m or (c.value or 0) == 0:
            continue
        o_s, o_e = _span(a, off + m.start(), off + m.end())
        t.failed.add(("new", "total"))
        yield Problem(o_s, o_e, msg="default", args={"claim": m.group(), "value": c.text},
                      evidence={"claim": m.group(), "table": "T3", "row": "new", "col": "total", "value": c.value},
                      table="T3", row="new", col="total")


def _no_review(a, conf):
    t = require(a, ["T4"])[0]
    cells = {k: _val(t, "counts", k) for k in ("review_total", "direct_total", "after_total")}
    if any(v is None for v in cells.values()):
        raise NotAssessed("表四总计无法读取 / T4 totals not read", needs="T4")
    for off, s in a.sentences_with("行政复议", "行政诉讼"):
        for m in NO_REV.finditer(s):
            clause = s[m.start():m.end() + 12]
            if EXCLUDE_REV.search(clause):
                continue
            both = "行政复议" in clause and "行政诉讼" in clause
            keys = (["review_total", "direct_total", "after_total"] if both else
                    ["review_total"] if m.group(1) == "行政复议" else ["direct_total", "after_total"])
            nz = [k for k in keys if (cells[k].value or 0) != 0]
            if not nz:
                continue
            o_s, o_e = _span(a, off + m.start(), off + m.end())
            ops = "，".join(f"{t.short(k)}={cells[k].text}" for k in nz)
            yield Problem(o_s, o_e, msg="default", args={"claim": m.group(), "cells": ops},
                          evidence={"claim": m.group(), "table": "T4",
                                    "cells": [{"row": "counts", "col": k, "value": cells[k].value} for k in nz]},
                          table="T4", row="counts", col=nz[0])
            break


_SCOPE_RES: dict[tuple, "re.Pattern | None"] = {}


def _scoped(s, conf):
    words = tuple(conf["scope_words"])
    pat = _SCOPE_RES.get(words, False)
    if pat is False:  # any of the words, in one search
        pat = re.compile("|".join(re.escape(w) for w in words)) if words and all(words) else None
        if len(_SCOPE_RES) > 64:
            _SCOPE_RES.clear()
        _SCOPE_RES[words] = pat
    if pat is None:
        return any(w in s for w in words)
    return pat.search(s) is not None


def _counts(a, conf):
    need = sorted({tk for _, tk, _, _ in COUNTS})
    tabs = {t.key: t for t in require(a, need)}
    for off, s in a.sentences_with(*COUNTS_ANY):  # (a sentence naming none of them matches no pattern)
        if DIGIT.search(s) is None or _scoped(s, conf) or "\t" in s or "|" in s:
            continue  # (every pattern counts something)
        for (pat, tk, cells, label), words in zip(COUNTS, COUNTS_WORDS):
            t = tabs.get(tk)
            if t is None or not any(w in s for w in words):
                continue
            m = pat.search(s)
            if not m:
                continue
            if label == "办结" and not ANSWER_CONTEXT.search(s):
                continue  # 办结人大代表建议12件: not the disclosure requests
            vals = [_val(t, r, c) for r, c in cells]
            if any(v is None for v in vals):
                continue
            table_v = sum(v.value or 0 for v in vals)
            said = int(m.group(1))
            if said == table_v:
                continue
            o_s, o_e = _span(a, off + m.start(1), off + m.end(1))
            cell = _cell_names(t, cells)
            yield Problem(o_s, o_e, msg="default",
                          args={"label": label, "said": said, "table": t.name, "cell": cell, "value": table_v},
                          evidence={"text": m.group(), "said": said, "table": tk, "expected": table_v,
                                    "cells": [{"row": r, "col": c, "value": v.value, "text": v.text}
                                              for (r, c), v in zip(cells, vals)]},
                          table=tk, row=cells[0][0], col=cells[0][1])


def _cell_names(t, cells) -> str:
    """表三“一、本年新收政府信息公开申请数量”（总计列） / 表四 直接起诉·总计+复议后起诉·总计: the cells a text figure is
    compared with, as a reader finds them in the table."""
    names = []
    for r, c in cells:
        rs = t.row_spec(r) or {}
        if rs.get("short") == "":  # T4's one data row: the column names the cell
            names.append(t.short(c))
        else:
            names.append(f"“{rs.get('label') or t.short(r)}”（{t.short(c)}列）")
    return t.name + ("+".join(names) if names[0].startswith("“") else " " + "+".join(names))


def _total(a, conf):
    t = require(a, ["T3"])[0]
    new, carried = _val(t, "new", "total"), _val(t, "carried", "total")
    if new is None or carried is None:
        raise NotAssessed("表三一、二总计无法读取 / T3 rows 一/二 not read", needs="T3")
    ok = {new.value or 0, (new.value or 0) + (carried.value or 0)}
    for off, s in a.sentences_with("申请"):
        if _scoped(s, conf) or "新收" in s or "结转" in s or "\t" in s or "|" in s:
            continue
        m = TOTAL.search(s)
        if not m or "许可" in m.group() or "复议" in m.group():
            continue
        said = int(m.group(1))
        if said in ok:
            continue
        o_s, o_e = _span(a, off + m.start(1), off + m.end(1))
        yield Problem(o_s, o_e, msg="default",
                      args={"said": said, "new": new.value or 0, "both": (new.value or 0) + (carried.value or 0)},
                      evidence={"text": m.group(), "said": said, "new": new.value, "carried": carried.value,
                                "cells": [{"row": "new", "col": "total", "value": new.value},
                                          {"row": "carried", "col": "total", "value": carried.value}]},
                      table="T3", row="new", col="total")


# 「予以公开7件」: an outcome label, at most a few joining characters, then a count (not 「每件」, not a date)
OUTCOMES = [("予以公开", "r1", "（一）予以公开"), ("部分公开", "r2", "（二）部分公开"), ("不予公开", "r3", "（三）不予公开"),
            ("无法提供", "r4", "（四）无法提供"), ("不予处理", "r5", "（五）不予处理"), ("其他处理", "r6", "（六）其他处理")]
# real shapes: 「其中予以公开6件」「予以公开的共计6件」「予以公开（6件）」「予以公开：6件」「予以公开占46.2%（6件）」
OUTCOME = re.compile(r"(?<!不)(?<!部分)(予以公开|部分公开|不予公开|无法提供|不予处理|其他处理)(?:的|类)?(?:申请|政府信息)?"
                     r"(?:数量|件数)?(?:共计|合计|总计|共|计|为|有)?[:：]?\s*"
                     r"(?:占(?:比)?\s*\d{1,3}(?:\.\d+)?\s*[%％]\s*[,，]?\s*)?[(（]?\s*(\d+)\s*(?:件|宗|个|条)")
OUTCOME_WORD = re.compile(r"予以公开|部分公开|不予公开|无法提供|不予处理|其他处理")
# a breakdown is often a list separated by semicolons: its sentence ends at 。！？ only
LIST_SENT = re.compile(r"[^。！!？?\n]+")


def _outcome_total(t, key):
    """The 总计 column of an outcome: the row itself, or the sum of its sub-items (（三）1–8 …); None if unread."""
    subs = [rs["key"] for rs in t.row_specs if rs["key"].startswith(key + "_")]
    keys = [k for k in subs if t.has_row(k)] if subs else []
    if subs and len(keys) != len(subs):
        keys = []
    if not keys:
        keys = [key] if t.has_row(key) else []
    if not keys:
        return None, []
    vals = [t.value(k, "total") for k in keys]  # written, or derived from its row: a blank is not a zero
    if any(v is None for v in vals):
        return None, []
    return sum(vals), keys


def _breakdown(a, conf):
    t = require(a, ["T3"])[0]
    text = a.sentence_view().text
    # where an outcome is named, found once in the whole view (no word holds a sentence stop: each lies in one
    # sentence); the sentences without one are skipped by a look-up instead of a search each
    words = [m.start() for m in OUTCOME_WORD.finditer(text)]
    if not words:
        return
    for m0 in LIST_SENT.finditer(text):
        off, s = m0.start(), m0.group()
        j = bisect.bisect_left(words, off)
        if j == len(words) or words[j] >= m0.end() or _scoped(s, conf) or "\t" in s or "|" in s:
            continue
        ms = list(OUTCOME.finditer(s))
        if len({m.group(1) for m in ms}) < 2:  # a breakdown names at least two outcomes
            continue
        seen = set()
        found = False
        for m in ms:
            label = m.group(1)
            if label in seen:
                continue
            seen.add(label)
            key, name = next((k, n) for lab, k, n in OUTCOMES if lab == label)
            value, keys = _outcome_total(t, key)
            if value is None:
                continue
            said = int(m.group(2))
            if said == value:
                continue
            o_s, o_e = _span(a, off + m.start(2), off + m.end(2))
            found = True
            yield Problem(o_s, o_e, msg="default", args={"label": label, "said": said, "row": name, "value": value},
                          evidence={"text": m.group(), "said": said, "table": "T3", "expected": value,
                                    "rows": keys, "col": "total",
                                    "cells": [{"row": k, "col": "total", "value": t.cell(k, "total").value}
                                              for k in keys]},
                          table="T3", row=keys[0], col="total")
        if not found:  # a figure that differs from the table explains a wrong sum as well: one cause, one finding
            yield from _breakdown_sum(a, off, s, ms)


# 「办结（答复）申请13件，其中予以公开6件…」: the answered total a breakdown is a part of
ANSWERED_TOTAL = re.compile(r"(?:办结|答复|办理|处理)(?:了)?[^。；;，,\d]{0,14}?(\d+)\s*件[^。\d]{0,3}?其中")


def _breakdown_sum(a, off, s, ms):
    """The outcomes listed after 「办结…N件，其中」 cannot add up to more than N (fewer is fine: zeros are left out)."""
    tm = ANSWERED_TOTAL.search(s, 0, ms[0].start() + 1)
    if not tm or tm.end() > ms[0].start():
        return
    parts, seen = [], set()
    for m in ms:
        if m.group(1) not in seen:
            seen.add(m.group(1))
            parts.append((m.group(1), int(m.group(2))))
    total, listed = int(tm.group(1)), sum(n for _, n in parts)
    if listed <= total:
        return
    o_s, o_e = _span(a, off + tm.start(1), off + tm.end(1))
    yield Problem(o_s, o_e, msg="sum", args={"total": total, "sum": listed,
                                             "parts": "+".join(f"{lab}{n}" for lab, n in parts)},
                  evidence={"text": s.strip(), "said_total": total, "sum": listed,
                            "parts": [{"label": lab, "said": n} for lab, n in parts]})


FEE_NONE = re.compile(r"(?:未|没有|无|不)(?:收取|产生|发生|收|涉及)(?:过|任何|了)?(?:政府)?信息处理费"
                      r"|信息处理费(?:收取)?(?:为|是)?(?:0|零|无)(?:元|万元)?(?:[。；;，,]|$)"
                      r"|(?:未|没有|无)(?:收取|产生|发生)[^。；;，,]{0,12}?费用")
FEE_PAID = re.compile(r"(?<![未没不无])收取(?:了)?(?:政府)?信息处理费[^。；;，,\d]{0,6}?(\d+(?:\.\d+)?)\s*(万元|元)"
                      r"|信息处理费(?:共|合计|共计|总计)(?:收取)?[^。；;，,\d]{0,4}?(\d+(?:\.\d+)?)\s*(万元|元)")
FEE_RULE_WORDS = ("每件", "每份", "每页", "标准", "超过", "超出", "按件", "按量", "办法", "规定", "可以", "应当", "全市", "全区",
                  "全县", "全省")


def _fee_claims(a, conf):
    none_claims, paid = [], []
    for off, s in a.sentences_with("信息处理费"):
        if any(w in s for w in FEE_RULE_WORDS):
            continue
        m = FEE_NONE.search(s)
        if m and ("信息处理费" in m.group() or "信息处理费" in s[max(0, m.start() - 20):m.end() + 20]):
            none_claims.append((off, m))
            continue
        for m in FEE_PAID.finditer(s):
            amount = float(m.group(1) or m.group(3))
            if amount > 0:
                paid.append((off, m, amount, m.group(2) or m.group(4)))
    if not (none_claims and paid):
        return
    n_off, nm = none_claims[0]
    for off, m, amount, unit in paid:
        i = 1 if m.group(1) else 3
        o_s, o_e = _span(a, off + m.start(i), off + m.end(i))
        yield Problem(o_s, o_e, msg="default", args={"paid": m.group(), "none": nm.group()},
                      evidence={"paid": m.group(), "amount": amount, "unit": unit, "none": nm.group(),
                                "none_at": list(_span(a, n_off + nm.start(), n_off + nm.end()))})
