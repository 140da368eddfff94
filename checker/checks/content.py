"""Content of the sections, by keywords (GOV-S006 … GOV-S010).

Content rules only run on a document that reaches its last section (六、其他需要报告的事项): an excerpt or a page
cut short is not assessed, so a missing keyword is never blamed on a truncated copy.

Options:
- ``check``:
  ``problems`` — section 五 is substantive: at least ``min_chars`` characters, not 「无」, and it names both a
  problem and an improvement (keyword groups ``problem_words`` and ``measure_words``);
  ``assessment`` — a report of a people's government (including townships and streets) reports the results of
  工作考核, 社会评议 and 责任追究 (each a keyword group of ``groups``);
  ``fee`` — for report years ≥ ``since``, section 六 says whether 信息处理费 was charged;
  ``overview`` — section 一 covers each keyword group of ``groups`` (主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障);
  ``obsolete`` — a 2019+ report carries items of the 2008 format as content (``words``).
- ``min_chars``, ``problem_words``, ``measure_words``, ``groups``, ``words``, ``since``, ``organ_types``.

PASS: 五、存在的主要问题及改进情况 存在问题：信息更新不够及时。改进措施：加强培训……
FAIL: 五、存在的主要问题及改进情况 无。
"""

from __future__ import annotations

import re
from typing import Iterator

from ..analysis.sections import section_text
from ..findings import NotAssessed, Problem

CONF = {"check": ("problems", "assessment", "fee", "overview", "obsolete"), "min_chars": int,
        "problem_words": list, "measure_words": list, "groups": list, "words": list, "since": int,
        "organ_types": list}
DEFAULT = {"check": "problems", "min_chars": 30, "problem_words": [], "measure_words": [], "groups": [],
           "words": [], "since": 2021, "organ_types": []}


def _section(a, key):
    for s in a.sections:
        if s.key == key:
            return s
    return None


def _complete(a) -> None:
    if a.effective_format() == "pre2019":
        raise NotAssessed("2019年以前格式的报告 / report in the pre-2019 format", needs="n/a")
    if _section(a, "other") is None:
        raise NotAssessed("文档未到第六部分（副本不完整或缺少该部分） / the document does not reach section 六",
                          needs="section6")


def _missing_groups(text: str, groups: list) -> list[str]:
    return ["/".join(g) for g in groups if not any(w in text for w in g)]


def check(a, conf) -> Iterator[Problem]:
    kind = conf["check"]
    if kind == "obsolete":
        yield from _obsolete(a, conf)
        return
    _complete(a)
    if kind == "problems":
        s = _section(a, "problems")
        if s is None:
            return  # GOV-S001 reports the missing section
        body = section_text(a.view, s)[len(s.title) + 2:].strip()
        core = re.sub(r"\s+", "", body)
        missing = [name for name, ws in (("问题", conf["problem_words"]), ("改进措施", conf["measure_words"]))
                   if not any(w in core for w in ws)]
        if len(core) < conf["min_chars"] or re.fullmatch(r"[无暂無。.、]+", core or "无") or missing:
            yield Problem(s.start, s.end, msg="default",
                          args={"chars": len(core), "missing": "、".join(missing) or "-"},
                          evidence={"chars": len(core), "min_chars": conf["min_chars"], "missing": missing},
                          section=s.key)
    elif kind == "assessment":
        if conf["organ_types"] and a.facts.organ_type not in conf["organ_types"]:
            return
        if a.facts.organ_type is None:
            raise NotAssessed("机关类型未识别 / organ type unknown", needs="organ_type")
        missing = _missing_groups(a.sentence_view().text, conf["groups"])
        if missing:
            yield Problem(0, 0, msg="default", args={"missing": "、".join(missing)}, evidence={"missing": missing})
    elif kind == "fee":
        y = a.facts.year
        if y is None or y < conf["since"]:
            return
        s = _section(a, "other")
        if not any(w in section_text(a.view, s) for w in conf["words"]):
            yield Problem(s.start, s.end, msg="default", section=s.key)
    elif kind == "overview":
        s = _section(a, "overview")
        if s is None:
            return
        missing = _missing_groups(section_text(a.view, s), conf["groups"])
        if missing:
            yield Problem(s.start, s.end, msg="default", args={"missing": "、".join(missing)},
                          evidence={"missing": missing}, section=s.key)


def _obsolete(a, conf):
    if a.facts.year is None or a.facts.year <= 2018:
        return
    for s in a.sections:
        for w in conf["words"]:
            if w in s.title:
                yield Problem(s.start, s.end, msg="default", args={"item": w}, evidence={"item": w}, section=s.key)
                break
