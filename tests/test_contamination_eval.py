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

THRESHOLDS = {  # the figures reached, rounded down (targets: 0.90 / 0.98 / 0.95 / 0.98)
    "span_recall": 0.62,  # injected-span recall: 0.623 (192/308) on the 322-page measure split, end of session 7 (0.601 at the end of session 6)
    # (0.571 at the end of session 5)
    # (0.607 on the 260-page split at the end of session 4; the fourth corpus round's 62 measure pages, never tuned on,
    # brought the same code to 0.509 before the session's detectors raised it again)
    "pinyin_recall": 0.98,  # pinyin-token recall: 0.999 (2680/2682)
    "docs_accused": 0.99,  # contaminated documents with ≥1 contamination finding: 0.995 (194/195)
    "precision": 0.94,  # precision of accusations: 0.941 (190/202)
}


CLEAN_ACCUSED_MAX = 2  # reached: 2 of 127 clean pages with a warning, 1 of them with an error — pages of the fourth
# corpus round (a gov.mo page naming the licensed casinos in an official context); the target stays 0
CLEAN_ERROR_MAX = 1


@pytest.fixture(scope="module")
def figures():
    m = ev.evaluate(MEASURE)
    return ev.figures(m), m


@pytest.mark.parametrize("name", sorted(THRESHOLDS))
def test_measure_split_reaches_threshold(figures, name):
    f, m = figures
    assert f[name] is not None, f"nothing to measure for {name}"
    # figures only: the records of the measure split are never printed (they stand for pages nobody here has seen)
    assert f[name] >= THRESHOLDS[name], (name, f[name])


def test_no_clean_page_is_accused(figures):
    f, m = figures
    assert f["clean"] > 0
    assert f["clean_accused"] <= CLEAN_ACCUSED_MAX and f["clean_error"] <= CLEAN_ERROR_MAX, len(m["accused_clean"])


TUNE = ev.load(ev.SPLITS["tune"]) if ev.SPLITS["tune"].exists() else []
TUNE_THRESHOLDS = {"span_recall": 0.94, "pinyin_recall": 0.98, "docs_accused": 0.99, "precision": 0.99}  # reached
# on the 318-page tune split at the end of session 7: 0.941 / 0.999 / 1.000 / 0.994 (session 6: 0.934 / 0.995) (0.919 at the end of session 5) — a change that loses what was
# tuned shows here too
TUNE_CLEAN_ACCUSED_MAX = 0  # reached: 0 of 127 (w0630, a gov.mo page on responsible-gambling kiosks in named casinos,
# was accused until the regulator's vocabulary became an enforcement cue)


@pytest.mark.skipif(not TUNE, reason="tests/corpus/tune.jsonl not present")
def test_tune_split_keeps_what_was_reached():
    f = ev.figures(ev.evaluate(TUNE))
    low = {k: round(f[k], 3) for k, v in TUNE_THRESHOLDS.items() if f[k] is None or f[k] < v}
    assert not low, low
    assert f["clean_accused"] <= TUNE_CLEAN_ACCUSED_MAX and f["clean_error"] <= TUNE_CLEAN_ACCUSED_MAX


# Each page as text alone (``--no-url``), as a caller that does not know where a page came from checks it. Pages
# contaminated only by their host (a clean text copied to a foreign host) cannot be found this way, so documents
# accused is lower by nature; what the text carries must still be found, and no clean page accused.
NO_URL_THRESHOLDS = {"span_recall": 0.54, "pinyin_recall": 0.98, "docs_accused": 0.71, "precision": 0.93}
# reached at the end of session 7 on the 322-page measure split: 0.549 (169/308) (session 6: 0.536) / 0.999 / 0.713 (139/195) /
# 0.931 (163/175) (session 5: 0.510 / 0.999 / 0.697 / 0.930), the same clean pages as with addresses (0.546 / 1.000 / 0.678 / 0.949 on the 260-page split at the
# end of session 4)


@pytest.fixture(scope="module")
def figures_no_url():
    m = ev.evaluate(MEASURE, use_url=False)
    return ev.figures(m), m


@pytest.mark.parametrize("name", sorted(NO_URL_THRESHOLDS))
def test_measure_split_without_addresses_reaches_threshold(figures_no_url, name):
    f, _ = figures_no_url
    assert f[name] is not None, f"nothing to measure for {name}"
    assert f[name] >= NO_URL_THRESHOLDS[name], (name, f[name])


def test_no_clean_page_is_accused_without_addresses(figures_no_url):
    f, m = figures_no_url
    assert f["clean_accused"] <= CLEAN_ACCUSED_MAX and f["clean_error"] <= CLEAN_ERROR_MAX, len(m["accused_clean"])


# The clean official pages of tests/corpus/official.jsonl (helper clean6, session 6): ~200 pages of government hosts,
# half of them with trap vocabulary in its ordinary sense, split into an official-tune and an official-measure half.
# No page of either half may get a contamination warning or error, with or without its address; the measure half is
# measured only (figures, never its pages). The counts are the ones reached (target 0).
OFFICIAL_MEASURE = ev.load_split("official-measure")
OFFICIAL_TUNE = ev.load_split("official-tune")
OFFICIAL_MEASURE_ACCUSED_MAX = 1  # reached: 1 of 100 (a GOV-K014 foreign-furniture warning), with and without
# addresses, at 200 pages (the GOV-K001 warning of pages 149-178 went with 49026e4, a list item 博彩桌 / 博彩公司)
OFFICIAL_MEASURE_ERROR_MAX = 0
OFFICIAL_TUNE_ACCUSED_MAX = 0  # reached: 0 of 100 at 200 pages (o0041, a Macau gazette page, fixed by 49026e4)


@pytest.mark.skipif(not OFFICIAL_MEASURE, reason="tests/corpus/official.jsonl not present")
@pytest.mark.parametrize("use_url", [True, False], ids=["with-url", "no-url"])
def test_official_measure_pages_are_not_accused(use_url):
    f = ev.figures(ev.evaluate(OFFICIAL_MEASURE, use_url=use_url))
    assert f["clean"] == len(OFFICIAL_MEASURE) and f["clean"] > 0
    # figures only: which page was accused is never printed (the half stands for official pages nobody has seen)
    assert f["clean_accused"] <= OFFICIAL_MEASURE_ACCUSED_MAX and f["clean_error"] <= OFFICIAL_MEASURE_ERROR_MAX, \
        (f["clean_accused"], f["clean_error"])


@pytest.mark.skipif(not OFFICIAL_TUNE, reason="tests/corpus/official.jsonl not present")
@pytest.mark.parametrize("use_url", [True, False], ids=["with-url", "no-url"])
def test_official_tune_pages_are_not_accused(use_url):
    m = ev.evaluate(OFFICIAL_TUNE, use_url=use_url)
    f = ev.figures(m)
    assert f["clean"] == len(OFFICIAL_TUNE) and f["clean"] > 0
    assert f["clean_accused"] <= OFFICIAL_TUNE_ACCUSED_MAX, m["accused_clean"]


def test_breakdown_per_code_and_family_sums_to_the_totals(figures, capsys):
    """The per-code and per-family breakdown (which detector accuses wrongly on unseen pages) adds up to the
    headline counts, and the printed report names no measure record."""
    _, m = figures
    for table in ("by_code", "by_family"):
        t = m[table]
        assert t, table
        assert sum(x["accusations"] for x in t.values()) == m["accusations"]
        assert sum(x["accusations_ok"] for x in t.values()) == m["accusations_ok"]
        assert sum(x["accusations"] + x["info"] for x in t.values()) == m["reported"]
        assert sum(x["accusations_ok"] + x["info_ok"] for x in t.values()) == m["reported_ok"]
        # a clean page accused by two codes counts under both: the total lies between the largest and the sum
        for kind, total in (("clean_warning_pages", m["clean_warning"]), ("clean_error_pages", m["clean_error"])):
            per = [x[kind] for x in t.values()]
            assert max(per) <= total <= sum(per), (table, kind)
    assert set(m["by_code"]) == {f.split(" ", 1)[0] for f in m["by_family"]}
    ev.report("measure", m, verbose=False)
    out = capsys.readouterr().out
    assert "per code:" in out and "per detector family" in out
    assert not [r["id"] for r in MEASURE if r["id"] in out]
