"""The labelled web-page corpus in tests/corpus (issue 13): schema, spans, disjointness, counts and the split."""
import collections
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import CORPUS, ROOT

sys.path.insert(0, str(ROOT / "tests" / "corpus"))
import corpuslib as cl  # noqa: E402

RECORDS = cl.load_all()
BY_SPLIT = {s: cl.load(s) for s in cl.SPLITS}

# Floors that only ever go up as pages are added (the targets: 250 / 120 / 120 / 60 / 12).
MIN_PAGES, MIN_CONTAMINATED, MIN_CLEAN, MIN_CLEAN_TRAP, MIN_KINDS = 250, 120, 120, 60, 12


def host(url):
    return (urlsplit(url).hostname or "").lower() if url else ""


OFFICIAL_SUFFIXES = ("gov.cn", "gov.mo")  # mainland government hosts; the Macau SAR government portal


def is_gov(h):
    return any(h == s or h.endswith("." + s) for s in OFFICIAL_SUFFIXES)


def test_every_record_is_well_formed():
    problems = {r["id"]: cl.check_record(r) for r in RECORDS}
    assert {i: p for i, p in problems.items() if p} == {}


def test_ids_and_urls_are_unique():
    ids = [r["id"] for r in RECORDS]
    assert len(ids) == len(set(ids))
    urls = [r["url"] for r in RECORDS if r["url"]]
    assert len(urls) == len(set(urls))


def test_no_near_identical_texts():
    sh = [(r["id"], cl.shingles(r["text"])) for r in RECORDS]
    dups = [(a, b) for i, (a, sa) in enumerate(sh) for b, sb in sh[i + 1:] if cl.jaccard(sa, sb) >= cl.NEAR_DUP]
    assert dups == []


@pytest.mark.skipif(not CORPUS.exists(), reason="shared dev corpus not available")
def test_disjoint_from_the_dev_corpus():
    dev = [json.loads(x) for x in CORPUS.read_text(encoding="utf-8").splitlines() if x.strip()]
    dev_urls = {d["url"] for d in dev if d["url"]}
    assert [r["id"] for r in RECORDS if r["url"] in dev_urls] == []
    dev_sh = [cl.shingles(d["text"]) for d in dev]
    near = [r["id"] for r in RECORDS if any(cl.jaccard(cl.shingles(r["text"]), d) >= cl.NEAR_DUP for d in dev_sh)]
    assert near == []


def test_clean_pages_are_on_official_hosts_and_mirrors_are_not():
    assert [r["id"] for r in RECORDS if not r["labels"]["contaminated"] and not is_gov(host(r["url"]))] == []
    flagged = [r for r in RECORDS if "non_gov_host" in r["labels"]["contamination_kind"]]
    assert [r["id"] for r in flagged if is_gov(host(r["url"]))] == []
    proxies = [r for r in RECORDS if "proxy_host" in r["labels"]["contamination_kind"]]
    assert all("gov-cn" in host(r["url"]) or "gov.cn." in host(r["url"]) for r in proxies)


def test_pinyin_pages_label_every_token():
    for r in RECORDS:
        kinds = r["labels"]["contamination_kind"]
        if "pinyin_annotation" in kinds or "pinyin_toneless" in kinds:
            tokens = set(cl.PINYIN_RE.findall(r["text"]))
            assert tokens and tokens <= set(r["labels"]["contamination_spans"]), r["id"]


def test_counts_reach_the_floors():
    contaminated = [r for r in RECORDS if r["labels"]["contaminated"]]
    clean = [r for r in RECORDS if not r["labels"]["contaminated"]]
    trap = [r for r in clean if cl.TRAP_RE.search(r["text"])]
    kinds = collections.Counter(k for r in contaminated for k in r["labels"]["contamination_kind"])
    assert len(RECORDS) >= MIN_PAGES
    assert len(contaminated) >= MIN_CONTAMINATED
    assert len(clean) >= MIN_CLEAN
    assert len(trap) >= MIN_CLEAN_TRAP
    assert len(kinds) >= MIN_KINDS, kinds


def test_split_follows_the_rule_and_is_balanced():
    want = cl.assign(RECORDS)
    for s, recs in BY_SPLIT.items():
        assert [r["id"] for r in recs if want[r["id"]] != s] == []
    assert sum(len(v) for v in BY_SPLIT.values()) == len(RECORDS)
    strata = collections.defaultdict(collections.Counter)
    for r in RECORDS:
        strata[cl.stratum(r)][want[r["id"]]] += 1
    assert {k: c for k, c in strata.items() if abs(c["tune"] - c["measure"]) > 1} == {}
    n = len(RECORDS)
    assert abs(len(BY_SPLIT["tune"]) - len(BY_SPLIT["measure"])) <= max(2, n // 10)


def test_stratum_orders_cover_every_kind():
    assert sorted(cl.STRATUM_V1) == sorted(cl.KINDS) and sorted(cl.STRATUM_V2) == sorted(cl.KINDS)


def test_split_rule_is_stable_under_appending():
    # appending pages (here: the last quarter) never moves an earlier page to the other split
    k = len(RECORDS) * 3 // 4
    early, full = cl.assign(RECORDS[:k]), cl.assign(RECORDS)
    assert {i: s for i, s in early.items() if full[i] != s} == {}


def test_split_files_and_readme_table_are_up_to_date():
    p = subprocess.run([sys.executable, str(ROOT / "tests" / "corpus" / "split.py"), "--check"],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


# --- tests/corpus/official.jsonl: clean pages of official hosts only (its own ids o0001 ..., split in two halves) ---
OFFICIAL = cl.load_official()
MIN_OFFICIAL = 200  # the target reached: 200 pages, at least half of them with trap vocabulary (cl.TRAP_RE)


def test_official_pages_are_well_formed_clean_and_on_official_hosts():
    assert len(OFFICIAL) >= MIN_OFFICIAL
    assert 2 * sum(bool(cl.TRAP_RE.search(r["text"])) for r in OFFICIAL) >= len(OFFICIAL)
    problems = {r["id"]: cl.check_official(r) for r in OFFICIAL}
    assert {i: p for i, p in problems.items() if p} == {}
    assert all(is_gov(host(r["url"])) or host(r["url"]).endswith("gov.hk") for r in OFFICIAL)
    ids = [r["id"] for r in OFFICIAL]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_official_pages_are_disjoint_from_the_corpus_and_each_other():
    urls = {r["url"].rstrip("/") for r in RECORDS if r["url"]}
    if CORPUS.exists():
        urls |= {json.loads(x)["url"].rstrip("/") for x in CORPUS.read_text(encoding="utf-8").splitlines()
                 if x.strip() and json.loads(x)["url"]}
    own = [r["url"].rstrip("/") for r in OFFICIAL]
    assert len(own) == len(set(own)) and [u for u in own if u in urls] == []
    others = [cl.shingles(r["text"]) for r in RECORDS]
    if CORPUS.exists():
        others += [cl.shingles(json.loads(x)["text"]) for x in CORPUS.read_text(encoding="utf-8").splitlines()
                   if x.strip()]
    sh = [(r["id"], cl.shingles(r["text"])) for r in OFFICIAL]
    near = [a for a, s in sh if any(cl.jaccard(s, o) >= cl.NEAR_DUP for o in others)]
    near += [(a, b) for i, (a, sa) in enumerate(sh) for b, sb in sh[i + 1:] if cl.jaccard(sa, sb) >= cl.NEAR_DUP]
    assert near == []


def test_official_halves_follow_the_split_rule():
    split = cl.assign_official(OFFICIAL)
    halves = collections.Counter(split.values())
    assert set(halves) <= set(cl.OFFICIAL_SPLITS) and abs(halves["official-tune"] - halves["official-measure"]) <= 2
    k = len(OFFICIAL) * 3 // 4  # appending never moves a page
    early = cl.assign_official(OFFICIAL[:k])
    assert {i: s for i, s in early.items() if split[i] != s} == {}
    assert sorted(r["id"] for h in cl.OFFICIAL_SPLITS for r in cl.load_official_split(h)) == [r["id"] for r in OFFICIAL]
