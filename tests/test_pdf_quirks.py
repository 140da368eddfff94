"""PDFs laid out as real producers lay them out give the same facts and findings as the one-line text version of
the same report: digits on a second baseline and font (WPS), paragraphs hard-wrapped at a fixed width (ragged
right, continuation at the left margin), page-number footers in every common form landing inside the period
statement, tables split over pages with their header rows repeated."""

import pytest

from checker.config import Config
from checker.document import FOOTER, HEADER, HEADING, PARAGRAPH, TITLE
from checker.engine import check_bytes
from checker.extract import extract
from fixtures.generate import T3_TOTAL_ROW, make_report, pdf_bytes, write_txt

QUIRKS = {
    "digits-baseline": dict(digits=1.2),
    "hard-wrap": dict(hard_wrap=330),
    "period-over-page-minus": dict(period_break=True, footer="minus"),
    "period-over-page-of": dict(period_break=True, footer="of"),
    "period-over-page-slash": dict(period_break=True, footer="slash", header=False),
    "period-over-page-bare": dict(period_break=True, footer="bare", header=False),
    "repeated-header-rows": dict(repeat_header=True),
    "wrapped-digits-repeated": dict(digits=1.2, hard_wrap=330, footer="minus", repeat_header=True),
    "wrapped-period-over-page": dict(hard_wrap=330, period_break=True, footer="minus"),
}
DEFECTS = {"wrong_total": ("T3", T3_TOTAL_ROW, 6, 5), "ad": True}


def codes(res):
    return sorted((f.code, f.match) for f in res.findings if f.code != "GOV-K010")  # chrome: paged formats only


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    out = {}
    for name, defects in (("clean", {}), ("defects", DEFECTS)):
        rep = make_report(seed=5, filler=8, defects=defects)
        p = write_txt(rep, tmp_path_factory.mktemp(name) / "r.txt")
        out[name] = (rep, check_bytes(p.read_bytes(), "r.txt", Config()))
    return out


@pytest.mark.parametrize("quirk", list(QUIRKS))
@pytest.mark.parametrize("case", ["clean", "defects"])
def test_same_facts_and_findings_as_the_text(reference, quirk, case):
    rep, txt = reference[case]
    res = check_bytes(pdf_bytes(rep, **QUIRKS[quirk]), "r.pdf", Config())
    assert res.error is None
    assert res.facts == txt.facts
    assert res.facts["period"] == {"start": "2023-01-01", "end": "2023-12-31"}
    assert codes(res) == codes(txt)
    if case == "defects":
        assert any(c.startswith("GOV-T") for c, _ in codes(res))


@pytest.mark.parametrize("quirk", list(QUIRKS))
def test_paragraphs_and_tables_are_the_source(quirk):
    rep = make_report(seed=5, filler=8)
    doc = extract(pdf_bytes(rep, **QUIRKS[quirk]), "r.pdf")
    assert [b.text for b in doc.blocks if b.kind in (TITLE, HEADING, PARAGRAPH)] == rep.text_lines()
    for blk, (key, g) in zip(doc.tables(), rep.tables.items()):
        assert (blk.table.n_rows, blk.table.n_cols) == (g.n_rows, g.n_cols), key
        assert sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in blk.table.cells) == sorted(g.cells)
    body = "\n".join(b.text for b in doc.blocks if b.kind not in (HEADER, FOOTER))
    assert rep.header not in body


@pytest.mark.parametrize("footer,form", [("minus", "-{i}-"), ("dash", "— {i} —"), ("of", "第{i}页共{n}页"),
                                         ("slash", "{i}/{n}"), ("bare", "{i}"), ("page", "Page {i} of {n}")])
def test_every_page_number_form_is_a_footer(footer, form):
    rep = make_report(seed=5, filler=8)
    doc = extract(pdf_bytes(rep, footer=footer, header=False, period_break=True), "r.pdf")
    foots = [b.text for b in doc.blocks if b.kind == FOOTER]
    assert foots == [form.format(i=i, n=doc.pages) for i in range(1, doc.pages + 1)]
    opening = [b for b in doc.blocks if b.kind == PARAGRAPH][0]
    assert rep.period in opening.text and opening.page == 1  # one paragraph across the page break


def test_period_statement_straddles_the_break():
    """The generator's quirk really plants the break inside the statement (else the tests above prove nothing)."""
    from checker.extract import layout, pdf

    rep = make_report(seed=5, filler=8)
    pages = pdf._plumber_pages(pdf_bytes(rep, period_break=True, footer="minus"))
    one = layout.read_page(pages[0]).lines
    two = layout.read_page(pages[1]).lines
    head, tail = one[-2].text, two[1].text  # last body line of page 1 (then the footer), first of page 2
    assert one[-1].text == "-1-"
    cut = rep.period
    assert any(cut.startswith(head[-k:]) and tail.startswith(cut[k:k + 3]) for k in range(1, len(cut)))
