"""The two PDF backends agree: pypdfium2 (``pdfium``, the fast character layer) and pdfplumber (the reference) give
the same text, blocks, tables and findings on every PDF the tests make and on the real PDFs of ../shared/real.

Justified differences (asserted below, not ignored):

- ``undecodable`` fixture (a CID font whose CIDSystemInfo ordering was renamed): its strings are UCS-2 codes of the
  UniCNS-UCS2-H encoding, so pdfium reads the right text; pdfminer maps CIDs through the ordering and gives
  ``(cid:NN)``. The garbage/E015 tests of that fixture run on pdfplumber.
- pdfium drops one-character strings of non-embedded Adobe CJK fonts (reportlab's STSong-Light, UniGB-UCS2-H; iText
  writes the same fonts): their text objects come back empty. Such pages are read by pdfplumber instead (per page),
  so the output is the reference's.
"""

import pytest

from checker.config import Config
from checker.engine import check_bytes
from checker.extract import extract, pdf
from conftest import SHARED
from fixtures.generate import T3_TOTAL_ROW, make_report, pdf_bytes

REAL = SHARED / "real"


def _generated():
    out = {}
    for seed, filler in [(0, 0), (3, 9), (6, 19)]:
        rep = make_report(seed=seed, filler=filler)
        out[f"seed{seed}"] = pdf_bytes(rep, footer="of" if seed % 2 else "dash")
    out["split-rows"] = pdf_bytes(make_report(seed=4, filler=12 + 4), split_rows=True)
    rep = make_report(seed=5, filler=8, defects={"ad": True, "wrong_total": ("T3", T3_TOTAL_ROW, 6, 5)})
    out["digits"] = pdf_bytes(rep, digits=1.2)
    out["hard-wrap"] = pdf_bytes(rep, hard_wrap=330, repeat_header=True)
    out["period-break"] = pdf_bytes(rep, period_break=True, footer="minus")
    out["image-page"] = pdf_bytes(make_report(seed=2, defects={"image_page": True}))
    out["19-pages"] = pdf_bytes(make_report(seed=7, pages=19))
    return out


CASES = _generated()
REALS = sorted(p.name for p in REAL.glob("*.pdf")) if REAL.exists() else []


def _data(name):
    return (REAL / name).read_bytes() if name.endswith(".pdf") else CASES[name]


def shape(doc):
    return [(b.kind, b.page, b.text, sorted((c.row, c.col, c.rowspan, c.colspan, c.text, c.page)
                                            for c in b.table.cells) if b.table else None) for b in doc.blocks]


@pytest.mark.parametrize("name", list(CASES) + REALS)
def test_same_text_blocks_and_tables(name):
    data = _data(name)
    a = extract(data, "r.pdf", pdf_backend="pdfium")
    b = extract(data, "r.pdf", pdf_backend="pdfplumber")
    assert a.text == b.text
    assert shape(a) == shape(b)
    assert (a.pages, a.scanned_pages, a.garbage_ratio) == (b.pages, b.scanned_pages, b.garbage_ratio)


@pytest.mark.parametrize("name", ["seed3", "digits", "period-break", "image-page"] + REALS)
def test_same_findings(name):
    data = _data(name)
    res = {be: check_bytes(data, "r.pdf", Config(pdf_backend=be)) for be in ("pdfium", "pdfplumber")}
    key = {be: [(f.code, f.match, f.location.start, f.location.page, f.message) for f in r.findings]
           for be, r in res.items()}
    assert key["pdfium"] == key["pdfplumber"]
    assert res["pdfium"].facts == res["pdfplumber"].facts


def test_one_character_strings_lost_by_pdfium_are_read_by_pdfplumber():
    import pypdfium2 as pdfium

    data = CASES["digits"]  # "2023年": 年 is a one-character string after the digits' font change
    doc = pdfium.PdfDocument(data)
    try:
        lost: list[int] = []
        pages = pdf._pdfium_pages(doc, lost)
    finally:
        doc.close()
    assert lost  # the loss is detected ...
    raw = "".join(c.text for c in pages[lost[0]].chars)
    full = "".join(c.text for c in pdf._plumber_pages(data, [lost[0]])[0].chars)
    assert len(raw) < len(full)
    assert "统计期限为2023年1月1日至2023年12月31日" in extract(data, "r.pdf", pdf_backend="pdfium").text  # ... and repaired


def test_justified_difference_renamed_cid_ordering():
    rep = make_report(seed=2)
    broken = pdf_bytes(rep, undecodable=2)
    a = extract(broken, "r.pdf", pdf_backend="pdfium")
    b = extract(broken, "r.pdf", pdf_backend="pdfplumber")
    assert a.garbage_ratio == 0 and a.text == extract(pdf_bytes(rep), "r.pdf", pdf_backend="pdfium").text
    assert b.garbage_ratio >= 0.02 and "(cid:" in b.text


def test_backend_is_chosen_by_config_and_command_line(cli, tmp_path):
    p = tmp_path / "r.pdf"
    p.write_bytes(CASES["seed3"])
    (tmp_path / "reportlint.toml").write_text('pdf-backend = "pdfplumber"\n', encoding="utf-8")
    r = cli("config", p, "--json")
    assert r.returncode == 0 and '"pdfplumber"' in r.stdout
    r = cli("config", p, "--json", "--pdf-backend", "pdfium")
    assert r.returncode == 0 and '"pdfium"' in r.stdout
    (tmp_path / "reportlint.toml").write_text('pdf-backend = "mupdf"\n', encoding="utf-8")
    r = cli("check", p)
    assert r.returncode == 2 and "pdf-backend" in r.stderr and "Traceback" not in r.stderr
    a = cli("extract", p, "--pdf-backend", "pdfium", cwd=tmp_path.parent)
    b = cli("extract", p, "--pdf-backend", "pdfplumber", cwd=tmp_path.parent)
    assert a.returncode == b.returncode == 2  # the bad config file next to it is still read
    (tmp_path / "reportlint.toml").unlink()
    a = cli("extract", p, "--pdf-backend", "pdfium")
    b = cli("extract", p, "--pdf-backend", "pdfplumber")
    assert a.returncode == 0 and a.stdout == b.stdout and "统计期限" in a.stdout
