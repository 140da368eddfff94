"""Every arithmetic defect the fixture generator plants in the tables is reported at its table, row and column,
with its operands, in TXT, HTML, DOCX and PDF; the correct generated reports raise no table, text-vs-table or
plausibility finding in any format. Files are generated at test time (small reports, module-scoped)."""

import pytest

from checker.config import Config
from checker.engine import check_path
from fixtures.generate import make_report, write_docx, write_html, write_pdf, write_txt
from tablefix import T3_COLS, T3_ROWS

WRITERS = {"txt": write_txt, "html": write_html, "docx": write_docx, "pdf": write_pdf}
T3_ROW_KEYS = [k for _, k in T3_ROWS]
T4_COL_KEYS = [f"{g}_{c}" for g in ("review", "direct", "after")
               for c in ("upheld", "corrected", "other", "pending", "total")]
TABLE_CODES = ("GOV-T", "GOV-C", "GOV-Q", "GOV-S004")

DEFECTS = {
    "t3_grand_total": {"wrong_total": ("T3", 23, 6, 5)},
    "t3_row_total": {"wrong_total": ("T3", 0, 6, 2)},
    "t3_column_total": {"wrong_total": ("T3", 23, 0, -1)},
    "t4_review_total": {"wrong_total": ("T4", 0, 4, 2)},
    "t4_after_total": {"wrong_total": ("T4", 0, 14, 1)},
    "t3_blank": {"blank_cell": ("T3", 2, 0)},
    "t4_blank": {"blank_cell": ("T4", 0, 1)},
    "t3_blank_total": {"blank_cell": ("T3", 24, 6)},
}
CLEAN = [(3, 2023, "霍邱县扈胡镇人民政府"), (11, 2022, "宿迁市人民政府")]


def _key(table, row, col):
    if table == "T3":
        return "T3", T3_ROW_KEYS[row], T3_COLS[col]
    return "T4", "counts", T4_COL_KEYS[col]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    d = tmp_path_factory.mktemp("gen_tables")
    out = {}
    for name, defect in DEFECTS.items():
        rep = make_report(seed=5, year=2023, defects=defect)
        for fmt, write in WRITERS.items():
            p = write(rep, d / f"{name}.{fmt}")
            out[(name, fmt)] = (rep, check_path(str(p), Config(ignore=["GOV-X"])))
    for seed, year, organ in CLEAN:
        rep = make_report(seed=seed, year=year, organ=organ)
        for fmt, write in WRITERS.items():
            p = write(rep, d / f"clean{seed}.{fmt}")
            out[(f"clean{seed}", fmt)] = (rep, check_path(str(p), Config(ignore=["GOV-X"])))
    return out


@pytest.mark.parametrize("fmt", list(WRITERS))
@pytest.mark.parametrize("name", list(DEFECTS))
def test_planted_defect_found_at_its_cell(generated, name, fmt):
    rep, res = generated[(name, fmt)]
    assert res.error is None
    (pl,) = rep.planted
    table, row, col = _key(pl["table"], pl["row"], pl["col"])
    assert res.analysis.table_status[table] == "found"
    at = [f for f in res.findings if (f.location.table, f.location.row, f.location.col) == (table, row, col)]
    if pl["defect"] == "wrong_total":
        ids = [f for f in at if f.code in ("GOV-T001", "GOV-T002", "GOV-T003", "GOV-T007")]
        assert ids, [(f.code, f.location.row, f.location.col) for f in res.findings]
        for f in ids:
            ev = f.evidence
            assert ev["actual"] == pl["actual"] and ev["expected"] == pl["expected"], (f.code, ev)
            assert f.match == str(pl["actual"])
            assert ev["lhs"] and ev["lhs_sum"] != ev["rhs_sum"]
            cell = res.analysis.doc.text[f.location.start:f.location.end]
            assert cell == str(pl["actual"])
    else:
        assert [f.code for f in at if f.code == "GOV-T006"] == ["GOV-T006"], \
            [(f.code, f.location.row, f.location.col) for f in res.findings]
        t = res.analysis.tables[table]
        assert t.cell(row, col).kind == "blank"
        # every other cell of the table was read as written
        vals = rep.values[pl["table"]]
        if pl["table"] == "T3":
            got = [[t.cell(r, c).value for c in T3_COLS] for r in T3_ROW_KEYS]
        else:
            got = [t.cell("counts", c).value for c in T4_COL_KEYS]
        assert got == vals
    # nothing is accused outside the planted cell's row, column and the identities through it
    for f in res.findings:
        if f.code.startswith(TABLE_CODES) and f.severity.name.lower() == "error":
            assert f.location.table == table, (f.code, f.location.table, f.message)


@pytest.mark.parametrize("fmt", list(WRITERS))
@pytest.mark.parametrize("seed", [s for s, _, _ in CLEAN])
def test_clean_generated_reports_raise_no_table_finding(generated, seed, fmt):
    rep, res = generated[(f"clean{seed}", fmt)]
    assert res.error is None
    assert res.analysis.table_status == {"T2": "found", "T3": "found", "T4": "found"}
    bad = [(f.code, f.message) for f in res.findings if f.code.startswith(TABLE_CODES)]
    assert bad == []
    t3 = res.analysis.tables["T3"]
    assert [[t3.cell(r, c).value for c in T3_COLS] for r in T3_ROW_KEYS] == rep.values["T3"]
    assert [res.analysis.tables["T4"].cell("counts", c).value for c in T4_COL_KEYS] == rep.values["T4"]
    t2 = res.analysis.tables["T2"]
    assert [t2.cell(r, c).value for r in ("regulations", "normative") for c in ("issued", "repealed", "in_force")] \
        == [v for row in rep.values["T2"][:2] for v in row]


def test_pre2019_report_gets_no_table_rules(tmp_path):
    """A report for 2017 (no national table format) with tables that look like the 2021 ones, one total wrong:
    no table rule runs (each is not assessed), and GOV-M003 warns about the format postdating the year."""
    rep = make_report(seed=5, year=2017, defects={"wrong_total": ("T3", 23, 6, 5)})
    res = check_path(str(write_txt(rep, tmp_path / "r2017.txt")), Config(ignore=["GOV-X"]))
    assert res.analysis.tables == {}
    assert not [f for f in res.findings if f.code.startswith(("GOV-T", "GOV-C", "GOV-Q", "GOV-S004"))]
    na = {x["code"] for x in res.not_assessed}
    assert {"GOV-T001", "GOV-T002", "GOV-T003", "GOV-T007"} <= na
    m3 = [f for f in res.findings if f.code == "GOV-M003"]
    assert [(f.severity.name.lower(), f.match) for f in m3] == [("warning", "本年制发件数")]
    assert m3[0].evidence["features_2021"][:3] == ["本年制发件数", "本年废止件数", "现行有效件数"]


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_generated_2021_format_passes_m003(generated, fmt):
    _, res = generated[("clean3", fmt)]
    assert not [f for f in res.findings if f.code == "GOV-M003"]
    assert "GOV-M003" not in {x["code"] for x in res.not_assessed}
