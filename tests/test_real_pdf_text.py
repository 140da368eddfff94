"""The two real published PDFs (WPS, ../shared/real): paragraphs, page numbers and tables as a reader sees them.

WPS writes every body line over a white filled box (not a ruling: it must not make the page a table), sets digits
in Times New Roman on a baseline about a point lower than the Han text of the line, wraps paragraphs at the right
margin with the continuation at the left margin, and numbers the pages "-1-" … "-5-"."""

import json

import pytest

from checker.config import Config
from checker.document import FOOTER, HEADER, PARAGRAPH, TABLE
from checker.engine import check_bytes
from checker.extract import extract
from conftest import SHARED

REAL = SHARED / "real"
FILES = ["hongze-2023.pdf", "hongze-2024.pdf"]
pytestmark = pytest.mark.skipif(not (REAL / "truth.json").exists(),
                                reason="../shared/real (the real published PDFs) is not present")


@pytest.fixture(scope="module", params=FILES)
def real(request):
    data = (REAL / request.param).read_bytes()
    truth = json.loads((REAL / "truth.json").read_text(encoding="utf-8"))[request.param]
    return request.param, data, extract(data, request.param), truth


def test_period_statement_is_one_paragraph(real):
    name, _, doc, truth = real
    year = truth["year"]
    want = f"报告中所列数据统计期限自{year}年1月1日起至{year}年12月31日止"
    paras = [b for b in doc.blocks if b.kind == PARAGRAPH and want in b.text]
    assert len(paras) == 1, name
    p = paras[0].text
    # the whole opening paragraph, from its first words to the contact line, is one block
    assert p.startswith("本报告由") and "电话：0517-" in p and "\n" not in p


def test_page_numbers_are_footers_not_body(real):
    name, _, doc, _ = real
    foots = [b for b in doc.blocks if b.kind == FOOTER]
    assert [b.text for b in foots] == [f"-{i}-" for i in range(1, doc.pages + 1)]
    assert [b.page for b in foots] == list(range(1, doc.pages + 1))
    body = "\n".join(b.text for b in doc.blocks if b.kind not in (HEADER, FOOTER))
    for i in range(1, doc.pages + 1):
        assert f"-{i}-" not in body


def test_body_text_is_not_read_as_a_table(real):
    """The white boxes behind each line are invisible: only the three ruled tables are tables."""
    name, _, doc, _ = real
    tables = [b for b in doc.blocks if b.kind == TABLE]
    assert len(tables) == 3, [b.text[:30] for b in tables]
    assert [t.table.n_cols for t in tables] == [4, 10, 15]
    assert all("坚持以习近平新时代" not in t.text for t in tables)


def test_paragraphs_continue_across_wraps_and_pages(real):
    name, _, doc, _ = real
    paras = [b.text for b in doc.blocks if b.kind == PARAGRAPH]
    # every paragraph of these reports ends a sentence: none was cut at a line or page end
    assert all(p.endswith(("。", "）", "：")) for p in paras), [p[-12:] for p in paras if not p.endswith("。")]
    assert sum(len(p) for p in paras) > 900
    # digits set on their own baseline stay inside their sentence
    assert any("全年收取政府信息公开信息处理费0元。" in p for p in paras)


def test_tables_have_the_printed_cells(real):
    name, _, doc, truth = real
    t2, t3, t4 = (b.table for b in doc.tables())
    rows2 = t2.rows()
    assert ["信息内容", "本年处理决定数量"] in rows2  # the continued header row of 第二十条第（六）项 (cut by a page)
    assert rows2[0] == ["第二十条第（一）项"]
    rows3 = t3.rows()
    assert (t3.n_rows, t3.n_cols) == (26, 10)
    assert rows3[3][0] == "一、本年新收政府信息公开申请数量"
    assert any(r[0] == "2.其他法律行政止公开" for r in rows3 if r)  # the real misprint, kept as printed
    assert (t4.n_rows, t4.n_cols) == (4, 15)
    values = [c.text for c in t4.cells if c.row == 3]
    assert len(values) == 15 and all(v.isdigit() for v in values)


def test_no_period_finding(real):
    name, data, _, truth = real
    res = check_bytes(data, name, Config())
    assert res.error is None
    assert res.facts["period"] == {"start": truth["period"][0], "end": truth["period"][1]}
    assert not [f.code for f in res.findings if f.code.startswith("GOV-P")]
    for code in truth["never"]:
        assert code not in {f.code for f in res.findings}, code
