"""The labelled dev corpus of real published pages (../shared/corpus/real-excerpts-dev.jsonl) as a regression test.

- no contamination error on a record labelled clean;
- every labelled contamination span is reported by a GOV-K finding that overlaps it;
- every labelled period statement is found and parsed to its dates (or reported unparseable when labelled bad);
- every labelled top-level section heading is recognised.
"""

import datetime as dt

import pytest

from checker.config import Config
from checker.engine import check_bytes

from conftest import corpus_records

RECORDS = corpus_records()
pytestmark = pytest.mark.skipif(not RECORDS, reason="shared corpus not available")


def _check(rec):
    return check_bytes(rec["text"].encode("utf-8"), f"{rec['id']}.txt", Config())


@pytest.fixture(scope="module")
def results():
    return {rec["id"]: _check(rec) for rec in RECORDS}


@pytest.mark.parametrize("rec", [r for r in RECORDS if not r["labels"]["contaminated"]], ids=lambda r: r["id"])
def test_no_contamination_error_on_clean_pages(rec, results):
    res = results[rec["id"]]
    bad = [(f.code, f.match) for f in res.findings if f.code.startswith("GOV-K") and f.severity >= 2
           and f.code not in ("GOV-K008",)]
    assert not bad


# Spans the contamination pass does not report yet (issue 5: foreign search-box chrome, mojibake, rewritten
# portal URLs, pinyin annotations). Strict: the test fails as soon as one of them is reported, so the list shrinks.
PENDING: set = set()
SPANS = [pytest.param(r, s, id=f"{r['id']}:{s[:12]}",
                      marks=[pytest.mark.xfail(strict=True, reason="issue 5")]
                      if (r["id"], None) in PENDING or (r["id"], s) in PENDING else [])
         for r in RECORDS for s in r["labels"]["contamination_spans"]]


@pytest.mark.parametrize("rec,span", SPANS)
def test_labelled_contamination_span_reported(rec, span, results):
    res = results[rec["id"]]
    text = res.analysis.doc.text
    starts = [i for i in range(len(text)) if text.startswith(span, i)]
    assert starts, "span not in text"
    k = [f for f in res.findings if f.code.startswith("GOV-K") and f.code != "GOV-K010"]
    # a finding of one insert repeated reports every occurrence as an edit of its fix (one problem, one finding)
    ranges = [(f.location.start, f.location.end) for f in k] + [(x.start, x.end) for f in k if f.fix for x in f.fix.edits]
    for s in starts:
        e = s + len(span)
        assert any(a < e and s < b for a, b in ranges), f"span {span!r} at {s} not reported"


PERIODS = [r for r in RECORDS if r["labels"]["period_statement"]]


@pytest.mark.parametrize("rec", PERIODS, ids=lambda r: r["id"])
def test_period_statement_parsed(rec, results):
    res = results[rec["id"]]
    p = res.analysis.facts.period
    lab = rec["labels"]
    assert p.statement is not None
    norm = lambda s: "".join(s.split())
    assert norm(p.statement.text) in norm(res.analysis.raw_view.text)
    if lab["period_ok"]:
        y = rec["report_year"]
        assert p.parsed and (p.start, p.end) == (dt.date(y, 1, 1), dt.date(y, 12, 31))
        assert not [f for f in res.findings if f.code in ("GOV-P002", "GOV-P003", "GOV-P004")]
    else:
        assert [f for f in res.findings if f.code in ("GOV-P002", "GOV-P004")]


@pytest.mark.parametrize("rec", [r for r in RECORDS if not r["labels"]["period_statement"]], ids=lambda r: r["id"])
def test_no_period_statement_found_where_none(rec, results):
    assert results[rec["id"]].analysis.facts.period.statement is None


@pytest.mark.parametrize("rec", [r for r in RECORDS if r["labels"]["sections_seen"]], ids=lambda r: r["id"])
def test_labelled_sections_recognised(rec, results):
    res = results[rec["id"]]
    found = [s for s in res.analysis.sections]
    assert [s.ordinal for s in found] == [h[0] for h in rec["labels"]["sections_seen"]], \
        [(s.ordinal, s.title) for s in found]


def test_report_year_never_wrong_and_mostly_found(results):
    labelled = [r for r in RECORDS if r["report_year"]]
    found = 0
    for rec in labelled:
        f = results[rec["id"]].analysis.facts
        if f.year is not None:
            assert f.year == rec["report_year"], rec["id"]
            found += 1
    assert found >= len(labelled) - 2


def test_remnant_rule_silent_on_flattened_tables(results):
    for rec in RECORDS:
        assert not [f for f in results[rec["id"]].findings if f.code == "GOV-S005"], rec["id"]
