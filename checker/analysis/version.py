"""Format version of a report (spec/domain.md §3.3): F2021, F2019 or pre-2019, by voting on features."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..normalize import compact

F2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额", "逾期不补正",
         "逾期未按收费通知", "国办公开办函〔2021〕30号", "国办公开办函[2021]30号")
F2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "其他对外管理服务事项",
         "第二十条第(九)项", "政府集中采购", "采购总金额", "国办公开办函〔2019〕60号")
POST2019 = ("本年度办理结果", "结转下年度继续办理", "本列数据的勾稽关系", "未经复议直接起诉", "复议后起诉",
            "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量")
PRE2019 = ("依申请公开政府信息情况", "收费及减免", "同意公开答复", "当面申请", "国务院令第492号", "回应解读情况",
           "不予公开政府信息情况")


def votes(text: str) -> dict[str, int]:
    t = compact(text)
    return {
        "2021": sum(1 for f in F2021 if f in t),
        "2019": sum(1 for f in F2019 if f in t),
        "post2019": sum(1 for f in POST2019 if f in t),
        "pre2019": sum(1 for f in PRE2019 if f in t)
        + (1 if "概述" in text and re.search(r"(^|\n)[^\S\n]*一\s*[、.]\s*概述", text) else 0),
    }


def detect(text: str, year: int | None) -> tuple[str | None, dict[str, int]]:
    """The detected format ("2021" | "2019" | "pre2019") or, without features, the one implied by the year."""
    v = votes(text)
    if v["2021"] or v["2019"]:
        fmt = "2021" if v["2021"] >= v["2019"] else "2019"
    elif v["post2019"]:
        fmt = "2021" if (year or 2021) >= 2021 else "2019"
    elif v["pre2019"]:
        fmt = "pre2019"
    else:
        fmt = None
    return fmt, v


def implied(year: int | None) -> str | None:
    if year is None:
        return None
    return "pre2019" if year <= 2018 else ("2019" if year <= 2020 else "2021")


# Column and row labels that exist only in one table format: exact header strings that prose does not use.
# (政府集中采购, 现行有效 … also occur in prose and are left out of these sets.)
F2019_TABLE = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减",
               "其他对外管理服务事项", "采购项目数量", "采购总金额")
F2021_TABLE = ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额")


@dataclass
class Feature:
    family: str  # "2019" | "2021"
    text: str  # the feature (its canonical spelling)
    start: int  # original offsets (Document.text) of its first occurrence
    end: int


_FEATURE_RES: dict[str, re.Pattern] = {}


def _feature_re(f: str) -> re.Pattern:
    """``f`` with blanks allowed between its characters."""
    p = _FEATURE_RES.get(f)
    if p is None:
        p = _FEATURE_RES[f] = re.compile(r"\s*".join(re.escape(ch) for ch in f))
    return p


def table_features(view, tables: dict | None = None) -> list[Feature]:
    """The format-specific table labels found in the cleaned view (spaces allowed inside), first occurrence each;
    a T3 read with the three （六） sub-rows of the 2021 format counts as one more 2021 feature."""
    out: list[Feature] = []
    flat = compact(view.text)
    for fam, feats in (("2019", F2019_TABLE), ("2021", F2021_TABLE)):
        for f in feats:
            if f == "本年增减" and any(x.text == "本年增/减" for x in out):
                continue
            if f not in flat:  # (blanks between its characters are all the pattern allows: none, then, anywhere)
                continue
            m = _feature_re(f).search(view.text)
            if m:
                out.append(Feature(fam, f, *view.span(m.start(), m.end())))
    t3 = (tables or {}).get("T3")
    if t3 is not None and t3.version == "2021" and not t3.misaligned and all(
            t3.has_row(k) for k in ("r6_1", "r6_2", "r6_3")):
        r = t3.rows["r6_1"]
        out.append(Feature("2021", "表三（六）其他处理的三个子项", r.start, r.end))
    return out
