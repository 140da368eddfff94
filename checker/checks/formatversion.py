"""Format version against the report year (GOV-M003, spec/domain.md §3.3).

The features are table labels that exist in one format only (``checker.analysis.version.F2019_TABLE`` /
``F2021_TABLE``: 本年新制作数量, 上一年项目数量, 采购总金额 … against 本年制发件数, 现行有效件数, 本年收费金额 …),
plus the three （六） sub-rows of a recognised 2021 T3. Labels that prose also uses (政府集中采购, 现行有效) are not
features, so a sentence cannot make a report look old.

- Y ≥ 2021 with at least two 2019 labels, outnumbering the 2021 ones: error (未按新格式, e.g. 丰收乡 2022).
- Y = 2019/2020 with at least two 2021 features and no 2019 label: warning (a format from after the report year).
- Y ≤ 2018 with at least two post-2019 table labels: warning; such reports get no table rules at all.
- Both families present otherwise: warning (mixed tables).

No options.

PASS: 2023 report with 本年制发件数 | 本年废止件数 | 现行有效件数
FAIL: 2022 report with 本年新制作数量 | 本年新公开数量 | 对外公开总数量
"""

from __future__ import annotations

from typing import Iterator

from ..analysis import version
from ..findings import NotAssessed, Problem

CONF: dict = {}
DEFAULT: dict = {}


def _names(fs) -> str:
    return "、".join(f"“{f.text}”" for f in fs)


def check(a, conf) -> Iterator[Problem]:
    y = a.facts.year
    if y is None:
        raise NotAssessed("报告年度未知 / report year unknown", needs="year")
    feats = version.table_features(a.view, a.tables)
    f19 = [f for f in feats if f.family == "2019"]
    f21 = [f for f in feats if f.family == "2021"]
    ev = {"year": y, "features_2019": [f.text for f in f19], "features_2021": [f.text for f in f21],
          "detected": a.facts.format_version}

    def at(fs, msg, severity=None, **args):
        f = min((x for x in fs if x.start >= 0), key=lambda x: x.start, default=fs[0])
        return Problem(f.start, f.end, msg=msg, severity=severity, evidence=ev,
                       args={"year": y, "f19": _names(f19), "f21": _names(f21), "features": _names(fs), **args})

    if y >= 2021:
        if len(f19) >= 2 and len(f19) > len(f21):
            yield at(f19, "old_format")
        elif f19 and f21:
            yield at(f19, "mixed", "warning")
    elif y >= 2019:
        if len(f21) >= 2 and not f19:
            yield at(f21, "anachronism", "warning", fmt="2021")
        elif f19 and f21:
            yield at(f21, "mixed", "warning")
    elif len(f19) + len(f21) >= 2:
        fs = f19 + f21
        yield at(fs, "anachronism", "warning", fmt="2021" if len(f21) >= len(f19) else "2019")
