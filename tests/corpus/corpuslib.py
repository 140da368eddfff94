"""Shared helpers for the labelled web-page corpus (tests/corpus): loading, the split rule, checks.

The corpus lives in two files, ``tune.jsonl`` (detectors may be tuned on it) and ``measure.jsonl``
(measure only).  Every record carries a permanent id (``w0001`` ...) given in the order pages were added.

Split rule (deterministic, stable under appending, stratified):
records are grouped by stratum (see :func:`stratum`); inside a stratum they are taken in id order and paired
(1st+2nd, 3rd+4th, ...).  The first record of a pair goes to the split given by the parity of
``sha256(url)`` (``sha256(id)`` when the store had no URL); the second goes to the other split.  So each stratum is
split 50/50 (±1), the assignment is reproducible from the records alone, and appending new pages never moves an
existing page from one split to the other.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = ("tune", "measure")
FIELDS = ("id", "url", "source", "title", "report_year", "level", "format", "text", "labels")
LABEL_FIELDS = ("contaminated", "contamination_spans", "chrome_spans", "period_statement", "period_ok",
                "sections_seen", "notes", "contamination_kind")
LEVELS = ("province", "city", "county", "township", "department", "unknown")
FORMATS = ("2021", "2019", "pre2019", "unknown")

# Controlled vocabulary of contamination kinds (README.md explains each one).
KINDS = (
    "gambling",              # gambling / lottery brand or ad injected (brand + CTA, brand sandwich, footer)
    "porn",                  # porn titles / title lists
    "keyword_substitution",  # a brand written where a place name, the organ's name, 关于, 政务公开 ... stood
    "title_stuffing",        # spam appended to / prefixed on the title with _ - | separators
    "pinyin_annotation",     # converter pinyin after characters, 號(hào)
    "pinyin_toneless",       # ... without tone marks, 政(zheng)
    "traditional_mirror",    # whole text converted to traditional characters on a mirror
    "foreign_chrome",        # the mirror's own menus, portal furniture, category names, search box
    "wiki_infobox",          # encyclopedia infobox (中文名 / 编制单位 ...) or wiki furniture
    "repost_notice",         # 本文来源于网络，如有侵权请联系删除 -style notices
    "cms_signature",         # Powered by ..., RSS地图, HTML地图, 网站统计 ...
    "language_switch",       # a language / variant switch of the mirror
    "link_rewrite",          # the report's own URL (电子版可在…下载) rewritten to a non-government host
    "gov_path_foreign_host",  # page URL with a government CMS path (gkmlpt, zfxxgk, xxgk ...) on a foreign host
    "proxy_host",            # host embedding a government hostname (xxx-gov-cn.example.com)
    "html_residue",          # HTML tags / tag fragments in the text
    "symbol_run",            # ★★★ and similar symbol runs sprinkled into the text
    "mojibake",              # ???? runs, mis-decoded bytes
    "non_gov_host",          # the page is served by a non-government (spam / mirror) host
    "spun_text",             # synonym-spun / keyword-filtered copy (伪原创)
    "seo_page",              # not a report: SEO / lottery article dressed as a report
)

# Trap vocabulary: words legitimately used in clean reports that look like spam to a naive lexicon.
TRAP_WORDS = (  # frozen: the split strata depend on it
    "彩票", "公益金", "禁赌", "赌博", "涉赌", "扫黄打非", "娱乐场所", "娱乐", "反诈", "注册", "APP", "App",
    "澳门", "港澳", "德州", "金沙", "太阳城", "威尼斯", "皇冠", "博彩", "棋牌", "麻将", "游艺", "直播", "网络游戏", "体育",
    "黄色", "色情", "淫秽", "成人", "精品", "久久", "亚洲", "国产", "半岛", "开云", "大发", "官方网站",
)
TRAP_RE = re.compile("|".join(map(re.escape, TRAP_WORDS)))

PINYIN_RE = re.compile(r"\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]{1,6}) ?\)")


def load(split: str) -> list[dict]:
    p = HERE / f"{split}.jsonl"
    if not p.exists():
        return []
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_all() -> list[dict]:
    recs = []
    for s in SPLITS:
        for r in load(s):
            recs.append(r)
    return sorted(recs, key=lambda r: r["id"])


# Stratum = the first kind of the page in a priority order.  Pages w0001-w0084 were split with the table order of
# KINDS (v1); from w0085 on the rarest kinds come first (v2), so that rare kinds are split both ways.  Both orders
# are frozen: changing either would move pages that detectors may already have been tuned on.
STRATUM_V1 = tuple(k for k in KINDS if k != "non_gov_host") + ("non_gov_host",)
STRATUM_V2 = ("proxy_host", "link_rewrite", "language_switch", "repost_notice", "cms_signature", "wiki_infobox",
              "html_residue", "symbol_run", "spun_text", "title_stuffing", "seo_page", "keyword_substitution",
              "mojibake", "porn", "pinyin_toneless", "gambling", "gov_path_foreign_host", "foreign_chrome",
              "pinyin_annotation", "traditional_mirror", "non_gov_host")
LAST_V1 = 84


def stratum(rec: dict) -> str:
    lab = rec["labels"]
    if not lab["contaminated"]:
        return "clean:trap" if TRAP_RE.search(rec["text"]) else "clean:plain"
    kinds = lab["contamination_kind"]
    order = STRATUM_V1 if int(rec["id"][1:]) <= LAST_V1 else STRATUM_V2
    for k in order:
        if k in kinds:
            return "contaminated:" + k
    return "contaminated:other"


def _parity(rec: dict) -> int:
    key = rec.get("url") or rec["id"]
    return hashlib.sha256(key.encode("utf-8")).digest()[0] & 1


def assign(records: list[dict]) -> dict[str, str]:
    """id -> split name, by the rule in the module docstring."""
    by = {}
    for r in sorted(records, key=lambda r: r["id"]):
        by.setdefault(stratum(r), []).append(r)
    out = {}
    for recs in by.values():
        for i in range(0, len(recs), 2):
            first = SPLITS[_parity(recs[i])]
            out[recs[i]["id"]] = first
            if i + 1 < len(recs):
                out[recs[i + 1]["id"]] = SPLITS[1 - SPLITS.index(first)]
    return out


def shingles(text: str, n: int = 5) -> set[str]:
    t = re.sub(r"\s+", "", text)
    return {t[i:i + n] for i in range(max(1, len(t) - n + 1))}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / max(1, len(a | b))


NEAR_DUP = 0.8


def check_record(rec: dict) -> list[str]:
    """Schema and span problems of one record (empty list = fine)."""
    errs = []
    if tuple(rec) != FIELDS:
        errs.append(f"fields {tuple(rec)}")
        return errs
    lab = rec["labels"]
    if tuple(lab) != LABEL_FIELDS:
        errs.append(f"label fields {tuple(lab)}")
        return errs
    if rec["source"] != "pages":
        errs.append("source")
    if rec["level"] not in LEVELS:
        errs.append(f"level {rec['level']}")
    if rec["format"] not in FORMATS:
        errs.append(f"format {rec['format']}")
    if rec["report_year"] is not None and not (2007 <= rec["report_year"] <= 2026):
        errs.append("report_year")
    text = rec["text"]
    for key in ("contamination_spans", "chrome_spans", "sections_seen"):
        for s in lab[key]:
            if not s or s not in text:
                errs.append(f"{key} not in text: {s!r}")
        if len(set(lab[key])) != len(lab[key]):
            errs.append(f"{key} has duplicates")
    if lab["period_statement"] is not None and lab["period_statement"] not in text:
        errs.append("period_statement not in text")
    if lab["period_statement"] is None and lab["period_ok"] is not None:
        errs.append("period_ok without statement")
    kinds = lab["contamination_kind"]
    if any(k not in KINDS for k in kinds) or len(set(kinds)) != len(kinds):
        errs.append(f"kinds {kinds}")
    if lab["contaminated"]:
        if not kinds:
            errs.append("contaminated without kind")
    else:
        if kinds or lab["contamination_spans"]:
            errs.append("clean with kinds/spans")
    if "pinyin_annotation" in kinds or "pinyin_toneless" in kinds:
        missing = sorted(set(PINYIN_RE.findall(text)) - set(lab["contamination_spans"]))
        if missing:
            errs.append(f"pinyin tokens not labelled: {missing[:5]}")
    return errs


# --- The clean official-page file (official.jsonl) -------------------------------------------------------------------
# ~200+ clean pages served by official government hosts (ids o0001 ...), in one file; it is split into an
# official-tune and an official-measure half by the same rule as above (strata clean:trap / clean:plain, pairs in id
# order, the first of a pair by the parity of sha256(url)), computed from the records, so appending never moves a page.
OFFICIAL = HERE / "official.jsonl"
OFFICIAL_SPLITS = ("official-tune", "official-measure")
OFFICIAL_SUFFIXES = ("gov.cn", "gov.mo", "gov.hk")  # mainland government hosts, the Macau and Hong Kong SAR portals


def is_official_host(url: str | None) -> bool:
    from urllib.parse import urlsplit
    h = (urlsplit(url).hostname or "").lower() if url else ""
    return any(h == s or h.endswith("." + s) for s in OFFICIAL_SUFFIXES)


def load_official() -> list[dict]:
    if not OFFICIAL.exists():
        return []
    return [json.loads(line) for line in OFFICIAL.read_text(encoding="utf-8").splitlines() if line.strip()]


def assign_official(records: list[dict]) -> dict[str, str]:
    """id -> official-tune / official-measure, by the split rule of :func:`assign`."""
    base = assign(records)
    return {i: OFFICIAL_SPLITS[SPLITS.index(s)] for i, s in base.items()}


def load_official_split(name: str) -> list[dict]:
    recs = load_official()
    split = assign_official(recs)
    return [r for r in recs if split[r["id"]] == name]


def check_official(rec: dict) -> list[str]:
    """Schema problems of one official.jsonl record: a well-formed clean record on an official host."""
    errs = check_record(rec)
    if not re.fullmatch(r"o\d{4}", rec.get("id") or ""):
        errs.append(f"id {rec.get('id')}")
    lab = rec.get("labels") or {}
    if lab.get("contaminated") or lab.get("contamination_kind") or lab.get("contamination_spans"):
        errs.append("not clean")
    if not is_official_host(rec.get("url")):
        errs.append(f"not an official host: {rec.get('url')}")
    return errs
