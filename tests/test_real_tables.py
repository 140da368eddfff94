"""The statistical tables of the two real published PDFs (../shared/real: 淮安市洪泽区人民政府 2023 and 2024, WPS),
asserted against what ``truth.json`` says a careful reader finds in them: table 四's two real defects of 2023 at
their cells with the value they should hold, every table identity evaluated (the misprinted row label
「2.其他法律行政止公开」 and （六）其他处理 without sub-rows are recognised by the table's structure), the misprint
reported once as a wording note, and no false table error."""

import json

import pytest

from checker.analysis.identities import evaluate
from checker.config import Config
from checker.engine import check_path
from conftest import SHARED

REAL = SHARED / "real"
TRUTH = json.loads((REAL / "truth.json").read_text(encoding="utf-8")) if (REAL / "truth.json").exists() else {}
NAMES = sorted(TRUTH)
need_real = pytest.mark.skipif(not TRUTH, reason="../shared/real (the real PDFs and truth.json) not available")
T4_GROUP = {"行政复议": "review", "未经复议直接起诉": "direct", "复议后起诉": "after"}
IDENTITY_RULES = ("GOV-T001", "GOV-T002", "GOV-T003", "GOV-T007")


@pytest.fixture(scope="module")
def results():
    return {name: check_path(str(REAL / name), Config(ignore=["GOV-X"])) for name in NAMES}


@need_real
@pytest.mark.parametrize("name", NAMES)
def test_real_defects_found_at_their_cells(results, name):
    res = results[name]
    assert res.error is None
    truth = TRUTH[name]
    arith = [f for f in res.findings if f.code.startswith("GOV-T") and f.severity.name.lower() == "error"]
    want = []
    for d in truth["defects"]:
        assert d["table"] == "T4" and d["cell"] == "总计"
        want.append((d["code"], "T4", f"{T4_GROUP[d['group']]}_total", d["actual"], d["expected"]))
    got = [(f.code, f.location.table, f.location.col, f.evidence["actual"], f.evidence["expected"]) for f in arith]
    assert sorted(got) == sorted(want)
    for d, f in zip(truth["defects"], sorted(arith, key=lambda f: f.location.start)):
        assert f"应为{d['expected']}" in f.message
        assert f.match == str(d["actual"])
        assert f.location.page is not None
        ids = f.evidence["identities"]
        assert len(ids) == 1 and ids[0]["rule"] == d["code"] and ids[0]["rhs_sum"] == d["expected"]


@need_real
@pytest.mark.parametrize("name", NAMES)
def test_real_identities_all_evaluated(results, name):
    res = results[name]
    a = res.analysis
    assert a.table_status == {"T2": "found", "T3": "found", "T4": "found"}
    na = {x["code"]: x["reason"] for x in res.not_assessed}
    assert not [c for c in IDENTITY_RULES if c in na], na
    ev = evaluate(a.tables, a.pack.data["tables"]["identities"])
    for ident, n in (("T3-I1", 7), ("T3-I2", 7), ("T3-I3", 25 - 2), ("T4-I1a", 1), ("T4-I1b", 1), ("T4-I1c", 1)):
        assert len([o for o in ev.outcomes if o.identity == ident]) == n, ident
    assert not ev.skipped
    # "T3 column and row identities" hold
    if any("T3" in h for h in TRUTH[name]["holds"]):
        assert all(o.ok for o in ev.outcomes if o.table == "T3")
    # （六）其他处理 without its three sub-rows stands for them: not a missing row
    t3 = a.tables["T3"]
    assert t3.has_row("r6") and not t3.has_row("r6_1")
    assert not [f for f in res.findings if f.code == "GOV-T009"]
    assert not [f for f in res.findings if f.code in TRUTH[name]["never"] and f.code.startswith("GOV-T")]


@need_real
@pytest.mark.parametrize("name", NAMES)
def test_real_misprinted_label_is_one_wording_note(results, name):
    res = results[name]
    t3 = res.analysis.tables["T3"]
    assert t3.has_row("r3_2") and t3.cell("r3_2", "total").value == 0
    notes = [f for f in res.findings if f.code == "GOV-T011"]
    assert [f.match for f in notes] == TRUTH[name]["label_misprints"]
    assert notes[0].severity.name.lower() == "info" and "2.其他法律行政法规禁止公开" in notes[0].message


@need_real
def test_real_2024_tables_balance(results):
    res = results["hongze-2024.pdf"]
    a = res.analysis
    ev = evaluate(a.tables, a.pack.data["tables"]["identities"])
    assert ev.outcomes and all(o.ok for o in ev.outcomes)
    t3, t4 = a.tables["T3"], a.tables["T4"]
    assert t3.cell("new", "total").value == 95 and t3.cell("r7_total", "total").value == 95
    assert [t4.cell("counts", c).value for c in ("review_total", "direct_total", "after_total")] == [2, 1, 3]
