"""The table quirks of real reports, planted by the fixture generator in TXT, HTML, DOCX and PDF: a 总计 column
left blank (warnings with the values the cells should hold, no arithmetic error), a single wrong cell (one error
that names the value it should hold and the identities it breaks), a misprinted and wrapped row label and
（六）其他处理 without its sub-rows (rows recognised by the table's structure; one wording note)."""

import pytest

from checker.config import Config
from checker.engine import check_path
from fixtures.generate import make_report, write_docx, write_html, write_pdf, write_txt
from tablefix import T3_COLS, T3_ROWS

WRITERS = {"txt": write_txt, "html": write_html, "docx": write_docx, "pdf": write_pdf}
T3_ROW_KEYS = [k for _, k in T3_ROWS]
ARITH = ("GOV-T001", "GOV-T002", "GOV-T003", "GOV-T004", "GOV-T007")
CASES = {
    # the real 2019 report of issue 12: 总计 blank in rows （一）…（六）
    "blank_totals": {"blank_cells": [("T3", r, 6) for r in range(2, 23)]},
    "one_wrong_cell": {"wrong_total": ("T3", 2, 0, 3)},  # （一）予以公开 · 自然人 written 3 too high
    "quirks": {"no_r6_subrows": True, "label_misprint": {5: "2.其他法律行政止公开"}, "wrap_labels": 9},
    "quirks_wrong": {"no_r6_subrows": True, "label_misprint": {5: "2.其他法律行政止公开"},
                     "wrong_total": ("T3", 21, 6, -2)},  # （七）总计 · 总计 (row 21 without （六）'s sub-rows)
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    d = tmp_path_factory.mktemp("quirks")
    out = {}
    for name, defects in CASES.items():
        rep = make_report(seed=5, year=2023, defects=defects)
        for fmt, write in WRITERS.items():
            p = write(rep, d / f"{name}.{fmt}")
            out[(name, fmt)] = (rep, check_path(str(p), Config(ignore=["GOV-X"])))
    return out


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_blank_total_column_gives_values_not_arithmetic_errors(generated, fmt):
    rep, res = generated[("blank_totals", fmt)]
    assert res.error is None and res.analysis.table_status["T3"] == "found"
    assert not [f for f in res.findings if f.code in ARITH], [f.message for f in res.findings if f.code in ARITH]
    assert not [x for x in res.not_assessed if x["code"] in ("GOV-T001", "GOV-T002", "GOV-T003")]
    warn = [f for f in res.findings if f.code == "GOV-T006" and f.location.col == "total"]
    blanks = [p for p in rep.planted if p["defect"] == "blank_cell"]
    assert len(warn) == len(blanks) == 21
    for f, p in zip(sorted(warn, key=lambda f: f.location.start), blanks):
        assert f.severity.name.lower() == "warning"
        assert (f.location.table, f.location.row) == ("T3", T3_ROW_KEYS[p["row"]])
        assert f.evidence["expected"] == p["expected"] and f.evidence["actual"] is None
        assert f"总计为空，按各列应为{p['expected']}" in f.message
    for f in res.findings:  # no message says a sum is 0 because its cells are blank
        assert "全部为0" not in f.message and "(空)" not in f.message
    t3 = res.analysis.tables["T3"]
    assert t3.cell("r1", "total").value is None and t3.value("r1", "total") == rep.true_values["T3"][2][6]


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_single_wrong_cell_is_one_error_with_its_value(generated, fmt):
    rep, res = generated[("one_wrong_cell", fmt)]
    (pl,) = rep.planted
    errs = [f for f in res.findings if f.code in ARITH]
    assert len(errs) == 1, [(f.code, f.message) for f in errs]
    f = errs[0]
    assert (f.location.table, f.location.row, f.location.col) == ("T3", "r1", "natural")
    assert f.evidence["actual"] == pl["actual"] and f.evidence["expected"] == pl["expected"]
    assert f"应为{pl['expected']}" in f.message and f.match == str(pl["actual"])
    # the two identities through the cell: its column (T3-I2) and its row (T3-I3)
    assert sorted(i["id"] for i in f.evidence["identities"]) == ["T3-I2", "T3-I3"]
    assert f.evidence["cell"]["row_label"] == "（一）予以公开" and f.evidence["cell"]["col_label"] == "自然人"


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_misprinted_wrapped_labels_and_r6_without_subrows(generated, fmt):
    rep, res = generated[("quirks", fmt)]
    a = res.analysis
    t3 = a.tables["T3"]
    assert len(rep.values["T3"]) == 23
    keys = T3_ROW_KEYS[:20] + ["r6"] + T3_ROW_KEYS[23:]
    assert [[t3.cell(r, c).value for c in T3_COLS] for r in keys] == rep.values["T3"]
    assert not [f for f in res.findings if f.code.startswith("GOV-T") and f.code != "GOV-T011"], \
        [(f.code, f.message) for f in res.findings if f.code.startswith("GOV-T")]
    assert not [x for x in res.not_assessed if x["code"] in ("GOV-T001", "GOV-T002", "GOV-T003", "GOV-T009")]
    notes = [f for f in res.findings if f.code == "GOV-T011"]
    assert len(notes) == 1 and notes[0].location.row == "r3_2"
    assert "“2.其他法律行政止公开”" in notes[0].message and "2.其他法律行政法规禁止公开" in notes[0].message


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_wrong_cell_in_a_quirky_table(generated, fmt):
    rep, res = generated[("quirks_wrong", fmt)]
    pl = next(p for p in rep.planted if p["defect"] == "wrong_total")
    errs = [f for f in res.findings if f.code in ARITH]
    assert [(f.location.row, f.location.col, f.evidence["expected"]) for f in errs] == [
        ("r7_total", "total", pl["expected"])]
    assert len(errs[0].evidence["identities"]) == 3  # 总计 column balance, results total and its row total


def test_wrong_cell_seen_through_derived_blank_totals(tmp_path):
    """总计 blank in rows （一）…（六） and （一）予以公开 · 自然人 wrong: the blank totals are derived from their rows
    (so the 总计 column fails too), and the one written cell that explains both failures is reported once."""
    rep = make_report(seed=5, year=2023, defects={"blank_cells": [("T3", r, 6) for r in range(2, 23)],
                                                  "wrong_total": ("T3", 2, 0, 3)})
    res = check_path(str(write_txt(rep, tmp_path / "r.txt")), Config(ignore=["GOV-X"]))
    pl = next(p for p in rep.planted if p["defect"] == "wrong_total")
    errs = [f for f in res.findings if f.code in ARITH]
    assert [(f.location.row, f.location.col, f.evidence["expected"]) for f in errs] == [
        ("r1", "natural", pl["expected"])]
    assert {i["each"] for i in errs[0].evidence["identities"]} == {"natural", "total"}


def test_text_against_blank_totals_uses_derived_values():
    """The real 2019 case: the 总计 column blank in rows （一）…（六), and the text's outcome figures contradict the
    table. The blank totals are derived from their rows (never read as 0), so the contradiction is found and no
    arithmetic error is raised."""
    import yaml
    from pathlib import Path

    from checker.engine import check_bytes

    case = yaml.safe_load((Path(__file__).parent / "rules" / "GOV-T006.yaml").read_text(encoding="utf-8"))
    text = next(c["text"] for c in case["cases"] if "“/”" in c["name"])
    text = text.replace("三、收到和处理政府信息公开申请情况\n",
                        "三、收到和处理政府信息公开申请情况\n本年度共收到申请13件，其中予以公开7件、部分公开2件、无法提供5件。\n")
    res = check_bytes(text.encode("utf-8"), "r.txt", Config(select=["GOV-C005", "GOV-T"]))
    c5 = [(f.evidence["said"], f.evidence["expected"]) for f in res.findings if f.code == "GOV-C005"]
    assert c5 == [(7, 6)]
    assert not [f for f in res.findings if f.code in ARITH]


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_blank_cells_carry_no_written_sign(generated, fmt):
    """A blank cell has no sign (「"" in "+-−"」 is True in Python: a blank read as signed, prec7)."""
    _, res = generated[("blank_totals", fmt)]
    cells = res.analysis.tables["T3"].cells.values()
    blanks = [c for c in cells if c.kind == "blank"]
    assert blanks and not any(c.signed for c in blanks)
    assert not any(c.signed for c in cells if not c.text.strip())
