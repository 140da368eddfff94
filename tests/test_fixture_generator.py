"""The fixture generator: consistent numbers, planted defects with their truth, real merged cells in every format."""

import zipfile

import pytest

from fixtures.generate import (AD_SEED, HEADINGS, T3_NOTE, T3_TOTAL_ROW, Report, make_report, pdf_bytes, write_all)


def t3_consistent(v):
    for row in v:
        assert row[6] == sum(row[:6])
    for j in range(7):
        assert v[T3_TOTAL_ROW][j] == sum(v[i][j] for i in range(2, T3_TOTAL_ROW))
        assert v[0][j] + v[1][j] == v[T3_TOTAL_ROW][j] + v[24][j]
        assert all(v[i][j] >= 0 for i in range(25))


@pytest.mark.parametrize("seed", [0, 1, 7, 42])
def test_numbers_are_consistent_and_deterministic(seed):
    r = make_report(seed=seed)
    t3_consistent(r.values["T3"])
    t4 = r.values["T4"]
    for k in (0, 5, 10):
        assert t4[k + 4] == sum(t4[k:k + 4])
    assert make_report(seed=seed).values == r.values
    assert r.sections() == HEADINGS
    assert r.values == r.true_values and r.planted == []


def test_defects_change_only_the_planted_cells():
    clean = make_report(seed=3)
    bad = make_report(seed=3, defects={"wrong_total": ("T3", T3_TOTAL_ROW, 6, 5), "blank_cell": ("T4", 0, 2),
                                       "missing_section": 5, "ad": True, "wrong_period": True})
    assert bad.true_values == clean.values
    diff = [(i, j) for i in range(25) for j in range(7) if bad.values["T3"][i][j] != clean.values["T3"][i][j]]
    assert diff == [(T3_TOTAL_ROW, 6)]
    wt = next(p for p in bad.planted if p["defect"] == "wrong_total")
    assert wt["actual"] - wt["expected"] == 5 and wt["label"] == {"row": "（七）总计", "col": "总计"}
    assert wt["grid"] == (26, 9)
    grid = bad.tables["T3"].anchors()
    assert grid[26][9] == str(wt["actual"])
    assert bad.values["T4"][2] is None and bad.tables["T4"].anchors()[3][2] == ""
    assert HEADINGS[4] not in bad.sections() and len(bad.sections()) == 5
    assert any(AD_SEED in t for t in bad.text_lines())
    assert "2022年1月1日至2022年12月31日" in bad.period
    # the rest of the text is unchanged
    assert [t for t in bad.text_lines() if AD_SEED not in t and "统计期限" not in t] == \
        [t for t in clean.text_lines() if "统计期限" not in t and "信息公开栏、村民微信群" not in t
         and t != HEADINGS[4] and not t.startswith(("存在的主要问题", "改进措施"))]


def test_writers_make_real_files(tmp_path):
    r = make_report(seed=1, defects={"image_page": True})
    paths = write_all(r, tmp_path)
    assert set(paths) == {"txt", "html", "docx", "pdf", "doc", "ofd"}
    with zipfile.ZipFile(paths["ofd"]) as z:
        assert z.namelist()[0] == "OFD.xml" and "Doc_0/Pages/Page_0/Content.xml" in z.namelist()
    assert paths["doc"].read_bytes().startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    assert paths["pdf"].read_bytes().startswith(b"%PDF-")
    txt = paths["txt"].read_text(encoding="utf-8")
    assert r.title in txt
    assert T3_NOTE + "\t\t\t申请人情况" + "\t" * 6 + "\n" in txt  # covered slots are empty fields
    assert txt.count("\n") > 60
    html = paths["html"].read_text(encoding="utf-8")
    assert 'rowspan="22"' in html and 'colspan="7"' in html
    with zipfile.ZipFile(paths["docx"]) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert 'w:gridSpan w:val="7"' in xml and "w:vMerge" in xml


def test_pdf_is_readable_and_has_the_tables():
    pdfplumber = pytest.importorskip("pdfplumber")
    import io

    r = make_report(seed=2)
    with pdfplumber.open(io.BytesIO(pdf_bytes(r))) as pdf:
        text = "".join(p.extract_text() for p in pdf.pages)
        assert "(cid:" not in text
        for h in HEADINGS:
            assert h in text
        cells = [c for p in pdf.pages for t in p.extract_tables() for row in t for c in row if c]
    numbers = [str(v) for row in r.values["T3"] for v in row]
    assert len([c for c in cells if c.isdigit()]) >= len(numbers)


def test_cell_coordinates():
    assert Report.cell("T3", 0, 0) == (3, 3)
    assert Report.cell("T4", 0, 14) == (3, 14)
    r = make_report(seed=5)
    g = r.tables["T2"].anchors()
    for i in range(6):
        gr, gc = Report.cell("T2", i, 0)
        assert g[gr][gc] == str(r.values["T2"][i][0])
