"""Table recognition, the identity engine, real figures (Suqian 2023/2024, spec §2.5) and the dev corpus."""

import json
import tempfile
from pathlib import Path

import pytest

from checker.analysis.identities import evaluate, instances
from checker.config import Config
from checker.engine import check_bytes
from checker.packs import load_pack
from checker.pairing import pair
from conftest import corpus_records
from fixtures import generate as g
from tablefix import html_tables, t3_consistent, text_tables

H23 = "宿迁市人民政府2023年政府信息公开工作年度报告\n本年度报告中所列数据统计期限为2023年1月1日至2023年12月31日。\n"
H24 = H23.replace("2023", "2024")
S23 = t3_consistent({"new": [3402, 109], "carried": [91, 5], "r1": [3375, 111], "carry_next": [118, 3]})
S23["r7_total"] = list(S23["r1"])
S24 = t3_consistent({"new": [200, 10], "carried": [118, 3], "r1": [300, 13], "carry_next": [18, 0]})
S24["r7_total"] = list(S24["r1"])
T2_23 = {"regulations": [1, 0, 11], "normative": [40, 10, 597], "fees": ["59237.2449"]}
T2_24 = {"regulations": [2, 1, 12], "normative": [50, 227, 420], "fees": ["1.5"]}
T4 = [119, 25, 91, 24, 259] + [0] * 10


def _check(text, name="r.txt", select=("GOV-T", "GOV-S004"), previous=None):
    return check_bytes(text.encode("utf-8"), name, Config(select=list(select)), previous=previous)


@pytest.mark.parametrize("fmt", ["text", "pipe", "html"])
def test_suqian_figures_pass_every_identity(fmt):
    if fmt == "html":
        res = _check(f"<html><body><h1>{H23.splitlines()[0]}</h1>{html_tables(T2_23, S23, T4)}</body></html>", "p.html")
    else:
        res = _check(H23 + text_tables(T2_23, S23, T4, sep=" | " if fmt == "pipe" else " "))
    a = res.analysis
    assert a.table_status == {"T2": "found", "T3": "found", "T4": "found"}
    assert [f.code for f in res.findings] == []
    assert not [x for x in res.not_assessed if x["code"] in ("GOV-T001", "GOV-T002", "GOV-T003", "GOV-T007")]
    t3 = a.tables["T3"]
    assert t3.cell("new", "total").value == 3511 and t3.cell("carried", "total").value == 96
    assert t3.cell("r7_total", "total").value == 3486 and t3.cell("carry_next", "total").value == 121
    c = t3.cell("new", "natural")
    assert a.doc.text[c.start:c.end] == "3402"
    assert a.tables["T2"].cell("fees", "amount").value == pytest.approx(59237.2449)
    ev = evaluate(a.tables, load_pack().data["tables"]["identities"])
    assert ev.outcomes and all(o.ok for o in ev.outcomes)
    assert len([o for o in ev.outcomes if o.identity == "T3-I1"]) == 7


def test_suqian_cross_year():
    prev = _check(H23 + text_tables(T2_23, S23, T4), select=["-"]).analysis
    res = _check(H24 + text_tables(T2_24, S24, T4), select=["GOV-X001", "GOV-X002"], previous=prev)
    assert res.findings == [] and res.not_assessed == []
    bad = dict(S24, carried=[118, 2, 0, 0, 0, 0, 120], r7_total=[300, 12, 0, 0, 0, 0, 312])
    res = _check(H24 + text_tables(T2_24, bad, T4), select=["GOV-X001"], previous=prev)
    # one finding for the carry-over row, listing each column that differs
    assert len(res.findings) == 1 and res.findings[0].location.col == "commercial"
    assert [(c["col"], c["expected"], c["actual"]) for c in res.findings[0].evidence["columns"]] == [
        ("commercial", 3, 2), ("total", 121, 120)]


def test_identity_engine_reports_operands():
    """四、结转下年度 总计 written 122 instead of 121 breaks the balance (T3-I1, 总计 column) and its row total
    (T3-I3): one finding at that cell, saying it should be 121, with both identities and their operands."""
    res = _check(H23 + text_tables(T2_23, dict(S23, carry_next=[118, 3, 0, 0, 0, 0, 122]), T4), select=["GOV-T"])
    arith = [f for f in res.findings if f.code in ("GOV-T001", "GOV-T002", "GOV-T003", "GOV-T004")]
    assert len(arith) == 1, [(f.code, f.message) for f in arith]
    f = arith[0]
    ev = f.evidence
    assert (f.location.table, f.location.row, f.location.col) == ("T3", "carry_next", "total")
    assert ev["expected"] == 121 and ev["actual"] == 122 and f.match == "122"
    assert "应为121" in f.message
    assert sorted(i["id"] for i in ev["identities"]) == ["T3-I1", "T3-I3"]
    i1 = next(i for i in ev["identities"] if i["id"] == "T3-I1")
    assert [o["row"] for o in i1["lhs"]] == ["new", "carried"] and i1["lhs_sum"] == 3607 and i1["rhs_sum"] == 3608
    assert ev["cell"] == {"table": "T3", "row": "carry_next", "col": "total", "row_label": "四", "col_label": "总计"}
    t3 = res.analysis.tables["T3"]
    d = t3.to_dict()
    assert json.dumps(d, ensure_ascii=False)
    row = next(r for r in d["rows"] if r["row"] == "carry_next")
    assert any(c["failed"] for c in row["cells"])
    # one rule selected alone still reports the cell
    only = _check(H23 + text_tables(T2_23, dict(S23, carry_next=[118, 3, 0, 0, 0, 0, 122]), T4), select=["GOV-T001"])
    assert [(x.code, x.evidence["expected"]) for x in only.findings] == [("GOV-T001", 121)]


def test_traditional_and_fullwidth_labels():
    text = H23 + text_tables(T2_23, S23, T4)
    trad = text.replace("结转", "結轉").replace("申请", "申請").replace("3402", "３４０２")
    res = _check(trad)
    t3 = res.analysis.tables["T3"]
    assert t3.cell("new", "natural").value == 3402 and t3.cell("carry_next", "total").value == 121
    assert [f.code for f in res.findings] == []


def test_lost_tables_are_not_assessed_not_passed():
    res = _check(H23 + "一、总体情况\n正文。\n", select=["GOV-T001", "GOV-T007"])
    assert {x["code"] for x in res.not_assessed} == {"GOV-T001", "GOV-T007"} and not res.findings


def test_pairing_is_a_pure_function():
    items = [("a/2023.txt", {"organ": "宿迁市人民政府", "year": 2023}), ("b/2024.txt", {"organ": "宿迁市人民政府", "year": 2024}),
             ("c/2024.txt", {"organ": "某某镇人民政府", "year": 2024}), ("d.txt", {"organ": None, "year": 2024})]
    assert pair(items) == {"b/2024.txt": "a/2023.txt"}


def test_cli_same_run_pairing(cli, tmp_path):
    p23, p24 = tmp_path / "2023.txt", tmp_path / "2024.txt"
    p23.write_text(H23 + text_tables(T2_23, S23, T4), encoding="utf-8")
    p24.write_text(H24 + text_tables(dict(T2_24, normative=[50, 227, 421]), S24, T4), encoding="utf-8")
    for args in ([p23, p24, "--jobs", "1"],):
        r = cli("check", *args, "--format", "json", "--select", "GOV-X002")
        files = {f["path"]: f for f in json.loads(r.stdout)["files"]}
        f24 = files[str(p24)]
        assert [(f["code"], f["match"]) for f in f24["findings"]] == [("GOV-X002", "421")], args


# ---------------------------------------------------------------- the dev corpus (real scraped excerpts)

RECS = {r["id"]: r for r in corpus_records()}
need_corpus = pytest.mark.skipif(not RECS, reason="shared corpus not available")


def _corpus(rid):
    r = RECS[rid]
    return check_bytes(r["text"].encode("utf-8"), f"{rid}.txt", Config())


@need_corpus
@pytest.mark.parametrize("rid,expect", [
    ("r003", {("regulations", "in_force"): 0, ("normative", "issued"): 0, ("fees", "amount"): 0}),
    ("r013", {("regulations", "in_force"): 6, ("licensing", "decisions"): 0, ("enforcement", "decisions"): 0}),
    ("r022", {("normative", "issued"): 4, ("normative", "in_force"): 4, ("punishment", "decisions"): 0}),
])
def test_corpus_flattened_t2(rid, expect):
    t2 = _corpus(rid).analysis.tables["T2"]
    assert not t2.misaligned
    for (row, col), v in expect.items():
        assert t2.cell(row, col).value == v


@need_corpus
@pytest.mark.parametrize("rid,rows", [("r003", ["new", "carried", "r1"]), ("r013", ["new", "carried", "r1", "r2", "r3_1", "r3_5"])])
def test_corpus_flattened_t3_rows(rid, rows):
    t3 = _corpus(rid).analysis.tables["T3"]
    for r in rows:
        assert t3.has_row(r) and [t3.cell(r, c).value for c in t3.col_keys()] == [0] * 7


@need_corpus
def test_corpus_cells_lost_in_scraping_are_not_trusted():
    res = _corpus("r039")  # 「规章\n0\n行政规范性文件…行政处罚\n23」: empty cells vanished, values shifted
    assert res.analysis.table_status["T2"] == "misaligned"
    assert not [f for f in res.findings if f.code in ("GOV-Q001", "GOV-T008", "GOV-T005")]


@need_corpus
def test_corpus_township_with_regulations():
    res = _corpus("r013")  # a township reporting 规章 现行有效 6 (spec D7)
    assert any(f.code == "GOV-Q001" and f.match == "6" for f in res.findings) or res.analysis.facts.organ_type is None


@need_corpus
def test_corpus_no_identity_error_on_real_pages():
    for rid in RECS:
        res = _corpus(rid)
        bad = [(f.code, f.message) for f in res.findings if f.code in ("GOV-T001", "GOV-T002", "GOV-T003", "GOV-T007")]
        assert not bad, rid


def test_cli_previous_option(cli, tmp_path):
    p23, p24, bad24 = tmp_path / "2023.txt", tmp_path / "2024.txt", tmp_path / "bad2024.txt"
    p23.write_text(H23 + text_tables(T2_23, S23, T4), encoding="utf-8")
    p24.write_text(H24 + text_tables(T2_24, S24, T4), encoding="utf-8")
    bad = dict(S24, carried=[118, 2, 0, 0, 0, 0, 120], r7_total=[300, 12, 0, 0, 0, 0, 312])
    bad24.write_text(H24 + text_tables(T2_24, bad, T4), encoding="utf-8")
    r = cli("check", p24, "--previous", p23, "--format", "json", "--select", "GOV-X001,GOV-X002")
    assert r.returncode == 0, r.stderr
    f = json.loads(r.stdout)["files"][0]
    assert f["findings"] == [] and f["not_assessed"] == [] and f["previous"] == str(p23)
    r = cli("check", bad24, "--previous", p23, "--format", "json", "--select", "GOV-X001", "--fail-on", "warning")
    assert r.returncode == 1, r.stderr
    fs = json.loads(r.stdout)["files"][0]["findings"]
    assert [x["code"] for x in fs] == ["GOV-X001"] and fs[0]["match"].startswith("2")
    assert [(c["col"], c["expected"], c["actual"]) for c in fs[0]["evidence"]["columns"]] == [
        ("commercial", 3, 2), ("total", 121, 120)]
    assert fs[0]["evidence"]["previous_row"] == "carry_next"
    r = cli("check", p24, "--format", "json", "--select", "GOV-X001")  # without it: not assessed, not passed
    assert [x["code"] for x in json.loads(r.stdout)["files"][0]["not_assessed"]] == ["GOV-X001"]
    r = cli("check", p24, "--previous", tmp_path / "nope.txt")
    assert r.returncode == 2 and "nope.txt" in r.stderr and "Traceback" not in r.stderr
    r = cli("check", p24, p23, "--previous", p23)
    assert r.returncode == 2 and "--previous" in r.stderr


@need_corpus
def test_corpus_format_version_against_labels():
    """GOV-M003 errs exactly on the real 2021+ pages labelled as still in the 2019 format, and is silent elsewhere."""
    for rid, r in RECS.items():
        res = check_bytes(r["text"].encode("utf-8"), f"{rid}.txt", Config(select=["GOV-M003"]))
        got = [(f.severity.name.lower(), f.match) for f in res.findings]
        if r.get("format") == "2019" and (r.get("report_year") or 0) >= 2021:
            assert got and got[0][0] == "error", rid
        else:
            assert got == [], rid


def _eval_key(ev):
    return ([(o.identity, o.each, [(x.key, x.value, x.derived) for x in o.operands], o.at.key) for o in ev.outcomes],
            ev.skipped, ev.applicable)


@pytest.mark.parametrize("defects", [{}, {"blank_cells": [("T3", r, 6) for r in range(2, 23)]},
                                     {"wrong_total": ("T3", 23, 6, 5), "blank_cell": ("T3", 4, 0)},
                                     {"no_r6_subrows": True}])
def test_identities_evaluated_once_match_a_fresh_evaluation(defects):
    """The Analysis keeps one evaluation of every identity (after the blank cells are derived); each rule's part
    of it is what evaluating that rule's identities afresh on the final tables gives."""
    rep = g.make_report(seed=3, year=2023, defects=defects)
    with tempfile.TemporaryDirectory() as d:
        data = g.write_txt(rep, Path(d) / "r.txt").read_bytes()
    a = check_bytes(data, "r.txt", Config()).analysis
    idns = load_pack().data["tables"]["identities"]
    assert a.identity_eval is not None and a.identities() is a.identity_eval
    assert _eval_key(a.identities()) == _eval_key(instances(a.tables, idns))
    if defects.get("blank_cells"):
        assert any(x.derived for o in a.identities().outcomes for x in o.operands)
    for rule in sorted({i.get("rule") for i in idns}):
        assert _eval_key(a.identities().select(rule=rule)) == _eval_key(instances(a.tables, idns, rule=rule))
    ids = [i["id"] for i in idns[::3]]
    assert _eval_key(a.identities().select(ids=ids)) == _eval_key(instances(a.tables, idns, ids=ids))
