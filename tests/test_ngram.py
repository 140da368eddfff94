"""The learned character n-gram scorer (checker/analysis/contamination/ngram.py), its training script
(tools/train_ngram.py) and the detector that uses it (foreign.py: GOV-K014 ``foreign-text``).

- the committed model is exactly what the script produces from the inputs its header lists (skipped when
  ../shared, which holds some of them, is absent), and the script never reads the measure split;
- the scorer reads report text as report and foreign text as foreign (sentences written here, not training text);
- precision gates: no foreign-text warning on any clean page of the tune split and the dev corpus, on the clean
  FP-stress fixtures, on generated reports in every format (the 19-page one included) and on the real PDFs;
- every foreign-text warning on the tune split overlaps a labelled contamination span, and the detector finds some.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json

import pytest

from checker.analysis.contamination import ngram
from checker.config import Config
from checker.engine import check_bytes
from checker.findings import Severity
from conftest import CORPUS, ROOT, SEED, SHARED
from fixtures.generate import make_report, pdf_bytes, write_all, write_txt

MODEL = ROOT / "rules" / "gov-annual-report" / "lexicons" / "ngram.json.gz"
TUNE = ROOT / "tests" / "corpus" / "tune.jsonl"


def _train_module():
    spec = importlib.util.spec_from_file_location("train_ngram", ROOT / "tools" / "train_ngram.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _header() -> dict:
    return json.loads(gzip.decompress(MODEL.read_bytes()))["header"]


def _records(path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _foreign(data: bytes, name: str, url: str | None = None):
    res = check_bytes(data, name, Config(select=["GOV-K014"], options={"source_url": url} if url else {}))
    assert res.error is None, res.error
    return [f for f in res.findings if (f.evidence or {}).get("category") == "foreign-text"], res


def _warnings(data: bytes, name: str, url: str | None = None):
    found, _ = _foreign(data, name, url)
    return [(f.match[:60], f.evidence["ngram"], [s["signal"] for s in f.evidence["signals"]])
            for f in found if f.severity >= Severity.WARNING]


# ---------------------------------------------------------------------------------------------- model and script


def test_the_committed_model_is_what_the_script_produces():
    """Byte for byte, when the inputs are those the header records; when an input changed since (another change
    grew the corpus or a lexicon), the model is only older, not wrong: skipped with the inputs to retrain on."""
    h = _header()
    if any(i["name"].startswith("../shared/") for i in h["inputs"]) and not SHARED.exists():
        pytest.skip("the model was trained with ../shared inputs, absent here")
    mod = _train_module()
    meta, _, _ = mod.inputs()
    now = {m["name"]: m["sha256"] for m in meta}
    changed = sorted(i["name"] for i in h["inputs"] if now.get(i["name"]) != i["sha256"]) + sorted(
        set(now) - {i["name"] for i in h["inputs"]})
    if changed:
        pytest.skip(f"inputs changed since the model was trained ({', '.join(changed)}): run tools/train_ngram.py")
    data = mod.dumps(mod.train())
    assert gzip.decompress(MODEL.read_bytes()) == data, "run python tools/train_ngram.py"
    assert mod.compress(data) == mod.compress(data)  # no time stamp in the gzip header


def test_the_tables_are_those_the_header_hashes():
    data = json.loads(gzip.decompress(MODEL.read_bytes()))
    m = ngram.load(str(MODEL))
    tables = {"tri": m.tri, "bi": m.bi, "uni": m.uni, "bo1": m.bo1, "bo2": m.bo2}
    body = _train_module().tables_json({k: dict(t) for k, t in tables.items()})
    assert hashlib.sha256(body.encode("utf-8")).hexdigest() == data["header"]["tables_sha256"]


def test_the_header_records_every_input_with_its_hash_and_never_the_measure_split():
    h = _header()
    names = [i["name"] for i in h["inputs"]]
    assert not any("measure" in n for n in names)
    assert all(len(i["sha256"]) == 64 and int(i["sha256"], 16) >= 0 for i in h["inputs"])
    tune = next(i for i in h["inputs"] if i["name"] == "tests/corpus/tune.jsonl")
    assert tune["report_chars"] > 10000 and tune["foreign_chars"] > 1000
    pages = next(i for i in h["inputs"] if i["name"] == "tools/ngram_data/foreign_pages.jsonl")
    assert pages["sha256"] == hashlib.sha256((ROOT / pages["name"]).read_bytes()).hexdigest()  # ours alone
    assert h["format"] == ngram.FORMAT and h["report_chars"] > 0 and h["foreign_chars"] > 0
    assert MODEL.stat().st_size < 1_000_000


def test_training_reads_no_measure_record(monkeypatch):
    mod = _train_module()
    seen = []
    real = mod._jsonl

    def spy(path):
        seen.append(path.name)
        return real(path)

    monkeypatch.setattr(mod, "_jsonl", spy)
    mod.inputs()
    assert "tune.jsonl" in seen and "measure.jsonl" not in seen


# ---------------------------------------------------------------------------------------------- the scorer


def test_normalise_keeps_offsets_and_reads_traditional_as_simplified():
    s = "政府信息公開工作年度報告，２０２３年ＡＢＣ\u3000x"
    n = ngram.normalise(s)
    assert len(n) == len(s)
    assert n.startswith("政府信息公开工作年度报告,0000年abc x")


def test_report_sentences_read_as_report_and_foreign_ones_as_foreign():
    report = ["本年度共受理政府信息公开申请15件，均在法定期限内予以答复。",
              "本机关未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
              "我局进一步加强政府信息公开工作，及时更新主动公开目录。"]
    foreign = ["那个少年御剑飞过山门，长老们纷纷出关迎接他。",
               "网友热议某明星的恋情，粉丝们纷纷表示祝福。",
               "注册即送彩金，百家乐真人荷官在线发牌，最高返水百分之三。"]
    assert all(ngram.score(s) < 0 for s in report), [ngram.score(s) for s in report]
    assert all(ngram.score(s) > 0 for s in foreign), [ngram.score(s) for s in foreign]
    assert ngram.score("本年度共受理政府信息公开申请15件") < ngram.score("本年度共受理")  # length-aware
    assert ngram.score("") == 0.0


def test_segment_scores_come_from_one_prefix_pass():
    m = ngram.load()
    text = "某某镇人民政府\n网友热议某明星的恋情\n本年度主动公开政府信息120条。"
    p = m.prefix(text)
    assert len(p) == len(text) + 1
    a = text.index("网友")
    b = text.index("\n", a)
    assert m.segment(p, a, b) > 0 > m.segment(p, b + 1, len(text))


# ---------------------------------------------------------------------------------------------- precision gates


def test_no_warning_on_clean_tune_and_dev_pages():
    recs = _records(TUNE) + (_records(CORPUS) if CORPUS.exists() else [])
    bad, n = [], 0
    for r in recs:
        if r["labels"]["contaminated"]:
            continue
        n += 1
        bad += [(r["id"], *w) for w in _warnings(r["text"].encode("utf-8"), "page.txt", r.get("url"))]
    assert n >= 60 and bad == []


@pytest.mark.parametrize("path", sorted((ROOT / "fixtures" / "contamination").glob("clean-*.txt")) + [SEED],
                         ids=lambda p: p.name)
def test_no_warning_on_the_clean_fixtures_and_the_seed(path):
    assert _warnings(path.read_bytes(), path.name) == []


@pytest.mark.parametrize("seed", range(12))
def test_no_foreign_text_on_generated_reports(seed, tmp_path):
    rep = make_report(seed=seed, year=2020 + seed % 5, filler=seed % 3 * 8)
    found, _ = _foreign(write_txt(rep, tmp_path / "r.txt").read_bytes(), "r.txt")
    assert found == []


def test_no_warning_on_a_generated_report_in_every_format(tmp_path):
    for fmt, p in sorted(write_all(make_report(seed=3), tmp_path).items()):
        assert _warnings(p.read_bytes(), p.name) == [], fmt


def test_no_warning_on_the_19_page_generated_report(tmp_path):
    rep = make_report(seed=7, pages=19)
    assert _warnings(write_txt(rep, tmp_path / "r.txt").read_bytes(), "r.txt") == []
    assert _warnings(pdf_bytes(rep), "r.pdf") == []


@pytest.mark.parametrize("name", ["hongze-2023.pdf", "hongze-2024.pdf"])
def test_no_warning_on_the_real_pdfs(name):
    p = SHARED / "real" / name
    if not p.exists():
        pytest.skip(f"{p} not found (../shared absent)")
    assert _warnings(p.read_bytes(), name) == []


# ---------------------------------------------------------------------------------------------- what it finds


def test_foreign_text_warnings_on_the_tune_split_are_labelled_contamination():
    hits, wrong = 0, []
    for r in _records(TUNE):
        found, res = _foreign(r["text"].encode("utf-8"), "page.txt", r.get("url"))
        text = res.analysis.doc.text
        gold = [(i, i + len(s)) for s in r["labels"]["contamination_spans"] for i in _all(text, s)]
        for f in found:
            if f.severity < Severity.WARNING:
                continue
            a, b = f.location.start, f.location.end
            if any(x < b and a < y for x, y in gold):
                hits += 1
            else:
                wrong.append((r["id"], f.match[:60]))
            names = [s["signal"] for s in f.evidence["signals"]]
            assert names[0] == "ngram-foreign" and len(names) == 2  # the score and one structural signal
            assert f.fix is None  # flagged, never removed on the scorer's word
    assert wrong == [] and hits >= 3


def _all(text: str, s: str):
    i = text.find(s)
    while i >= 0 and s:
        yield i
        i = text.find(s, i + 1)
