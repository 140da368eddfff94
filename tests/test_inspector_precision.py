"""The inspector rules (GOV-I personal data, GOV-W wording, GOV-N document numbers, GOV-D dates) accuse nothing on
clean material: the FP-stress fixtures, the seed, the dev corpus's clean pages, the labelled corpus's clean pages
and generated clean reports. (Document numbers are left out on the web corpus: real official pages do write
「湘政发【2012】33号」, and reporting that is right.)"""

import json

import pytest

from checker.config import Config
from checker.engine import check_bytes
from conftest import CORPUS, ROOT, SEED
from fixtures.generate import make_report, write_txt

RULES = ["GOV-I", "GOV-W", "GOV-N", "GOV-D"]
CORPUS_DIR = ROOT / "tests" / "corpus"


def _findings(data: bytes, name: str, select=RULES):
    res = check_bytes(data, name, Config(select=select))
    assert res.error is None, res.error
    return [(f.code, f.match, f.message) for f in res.findings]


@pytest.mark.parametrize("path", sorted((ROOT / "fixtures" / "contamination").glob("clean-*.txt")) + [SEED],
                         ids=lambda p: p.name)
def test_fp_stress_fixtures(path):
    assert _findings(path.read_bytes(), path.name) == []


def test_dev_corpus_clean_pages():
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not found (../shared absent)")
    bad = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if not r["labels"]["contaminated"]:
            bad += [(r["id"], *f) for f in _findings(r["text"].encode("utf-8"), "page.txt")]
    assert bad == []


def test_web_corpus_clean_pages():
    bad, n = [], 0
    for split in ("tune", "measure"):
        for line in (CORPUS_DIR / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if r["labels"]["contaminated"]:
                continue
            n += 1
            bad += [(r["id"], *f) for f in _findings(r["text"].encode("utf-8"), "page.txt",
                                                     ["GOV-I", "GOV-W", "GOV-D"])]
    assert n >= 100 and bad == []


@pytest.mark.parametrize("seed", range(12))
def test_generated_clean_reports(seed, tmp_path):
    rep = make_report(seed=seed, year=2020 + seed % 5, filler=seed % 3 * 8)
    p = write_txt(rep, tmp_path / "r.txt")
    assert _findings(p.read_bytes(), "r.txt") == []


def test_official_clean_pages():
    """tests/corpus/official.jsonl: clean pages of official hosts (pages with a true wording or personal-data finding
    were left out when the file was built, as for the corpus above)."""
    path = CORPUS_DIR / "official.jsonl"
    if not path.exists():
        pytest.skip("tests/corpus/official.jsonl not present")
    bad, n = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        n += 1
        bad += [(r["id"], *f) for f in _findings(r["text"].encode("utf-8"), "page.txt", ["GOV-I", "GOV-W", "GOV-D"])]
    assert n >= 200 and bad == []
