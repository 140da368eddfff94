"""The same report written as TXT, HTML, DOCX, PDF, OFD and DOC gives the same findings (code, exact match), and every planted
defect that the rules can see is found in every format."""

import pytest

from checker.config import Config
from checker.engine import check_bytes
from fixtures.generate import AD_SEED, HEADINGS, T3_TOTAL_ROW, make_report, write_all

FORMATS = ["txt", "html", "docx", "pdf", "ofd", "doc"]
CASES = {
    "clean": {},
    "text-defects": {"ad": True, "wrong_period": True, "missing_section": 5},
    "wrong-total": {"wrong_total": ("T3", T3_TOTAL_ROW, 6, 5), "ad": True},
    "blank-cell": {"blank_cell": ("T4", 0, 2)},
}


@pytest.fixture(scope="module", params=list(CASES))
def case(request, tmp_path_factory):
    rep = make_report(seed=21, filler=12, defects=CASES[request.param])
    paths = write_all(rep, tmp_path_factory.mktemp(request.param))
    results = {fmt: check_bytes(paths[fmt].read_bytes(), paths[fmt].name, Config()) for fmt in FORMATS}
    return request.param, rep, results


def keyset(res):
    # page chrome (running headers, page numbers) exists only in paged formats: not compared
    return {(f.code, f.match) for f in res.findings if f.code != "GOV-K010"}


def test_every_format_reads_without_error(case):
    _, rep, results = case
    for fmt, res in results.items():
        assert res.error is None and res.format == ("text" if fmt == "txt" else fmt)
        assert res.facts["year"] == rep.year, fmt


def test_formats_give_the_same_findings(case):
    name, rep, results = case
    formats = FORMATS if name != "blank-cell" else FORMATS[1:]  # a blank TSV field is also a covered slot
    want = keyset(results[formats[0]])
    for fmt in formats[1:]:
        assert keyset(results[fmt]) == want, fmt


def test_planted_defects_are_found_in_every_format(case):
    name, rep, results = case
    for fmt, res in results.items():
        codes = {(f.code, f.match) for f in res.findings}
        for p in rep.planted:
            if p["defect"] == "ad":
                assert ("GOV-K001", AD_SEED) in codes, fmt
            elif p["defect"] == "wrong_period":
                hits = [f for f in res.findings if f.code in ("GOV-P002", "GOV-P003")]
                # one cause, one finding: the copied whole year is GOV-P003 alone, saying what to write
                assert [f.code for f in hits] == ["GOV-P003"], fmt
                assert f"应为{p['report_year']}年1月1日" in hits[0].message, fmt
                assert all("2022年1月1日" in f.match for f in hits), fmt
            elif p["defect"] == "missing_section":
                s001 = [f for f in res.findings if f.code == "GOV-S001"]
                assert len(s001) == 1 and HEADINGS[4] in s001[0].message, fmt
            elif p["defect"] == "wrong_total":
                t = [f for f in res.findings if f.code.startswith("GOV-T")]
                assert t, fmt  # the table identities break (the tables rules own the details)
                assert any(str(p["actual"]) in f.message for f in t), fmt
        if name == "clean":
            assert not [f for f in res.findings if f.severity >= 3], (fmt, [(f.code, f.match) for f in res.findings])


def test_pdf_and_docx_locations(case):
    _, rep, results = case
    for fmt in ("pdf", "ofd"):
        for f in results[fmt].findings:
            if f.location.end > f.location.start:
                assert f.location.page is not None, fmt
    for fmt in ("docx", "doc"):
        for f in results[fmt].findings:
            if f.location.end > f.location.start:
                assert f.location.paragraph is not None, fmt


def test_table_findings_name_the_same_cell_in_every_format(case):
    name, rep, results = case
    if name != "wrong-total":
        return
    cells = {fmt: {(f.code, f.location.table, f.location.row, f.location.col) for f in res.findings
                   if f.code.startswith("GOV-T")} for fmt, res in results.items()}
    want = cells["docx"]
    assert want and all(c[2] is not None for c in want)
    for fmt in FORMATS:
        assert cells[fmt] == want, fmt


def test_formats_give_the_same_facts(case):
    _, rep, results = case
    want = results["docx"].facts
    assert want["year"] == rep.year and want["organ"] == rep.organ
    for fmt, res in results.items():
        assert res.facts == want, fmt
