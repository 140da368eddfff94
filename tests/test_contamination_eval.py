"""The contamination evaluation on the measure-only split of tests/corpus (issue 13) as a gate: no later change may
lower the figures unseen. Thresholds are the issue's targets unless noted; detectors are tuned on the tune split
and the dev corpus only, never on these pages."""

import importlib.util

import pytest

from conftest import ROOT

spec = importlib.util.spec_from_file_location("eval_contamination", ROOT / "bench" / "eval_contamination.py")
ev = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ev)

MEASURE = ev.load(ev.SPLITS["measure"]) if ev.SPLITS["measure"].exists() else []
pytestmark = pytest.mark.skipif(not MEASURE, reason="tests/corpus/measure.jsonl not present")

THRESHOLDS = {
    "span_recall": 0.25,  # injected-span recall (target 0.90; reached 0.262 on the 129-page measure split)
    "pinyin_recall": 0.98,  # pinyin-token recall
    "docs_accused": 0.95,  # contaminated documents with ≥1 contamination finding
    "precision": 0.80,  # precision of accusations (target 0.98; reached 0.814 on the measure split)
}


CLEAN_ACCUSED_MAX = 1


@pytest.fixture(scope="module")
def figures():
    m = ev.evaluate(MEASURE)
    return ev.figures(m), m


@pytest.mark.parametrize("name", sorted(THRESHOLDS))
def test_measure_split_reaches_threshold(figures, name):
    f, m = figures
    assert f[name] is not None, f"nothing to measure for {name}"
    assert f[name] >= THRESHOLDS[name], (name, f[name], m["misses"][:10], m["false_positives"][:10])


def test_no_clean_page_is_accused(figures):
    f, m = figures
    assert f["clean"] > 0
    # target: 0; reached: 0 clean pages with an error, 1 of 62 with a warning
    assert f["clean_accused"] <= CLEAN_ACCUSED_MAX and f["clean_error"] == 0, m["accused_clean"]
