"""Format version of a report (spec/domain.md §3.3): F2021, F2019 or pre-2019, by voting on features."""

from __future__ import annotations

import re

F2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额", "逾期不补正",
         "逾期未按收费通知", "国办公开办函〔2021〕30号", "国办公开办函[2021]30号")
F2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "其他对外管理服务事项",
         "第二十条第(九)项", "政府集中采购", "采购总金额", "国办公开办函〔2019〕60号")
POST2019 = ("本年度办理结果", "结转下年度继续办理", "本列数据的勾稽关系", "未经复议直接起诉", "复议后起诉",
            "本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量")
PRE2019 = ("依申请公开政府信息情况", "收费及减免", "同意公开答复", "当面申请", "国务院令第492号", "回应解读情况",
           "不予公开政府信息情况")


def votes(text: str) -> dict[str, int]:
    t = re.sub(r"\s+", "", text)
    return {
        "2021": sum(1 for f in F2021 if f in t),
        "2019": sum(1 for f in F2019 if f in t),
        "post2019": sum(1 for f in POST2019 if f in t),
        "pre2019": sum(1 for f in PRE2019 if f in t) + (1 if re.search(r"(^|\n)[^\S\n]*一\s*[、.]\s*概述", text) else 0),
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
