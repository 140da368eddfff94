"""DOC / WPS (Word 97–2003 binary) extraction on files made by the test writer fixtures/docwriter.py (a CFB
container with a FIB, a piece table and PAPX FKPs, no LibreOffice), checked against olefile and the generator."""

import io
import struct

import olefile
import pytest

from checker.config import Config
from checker.document import FOOTER, HEADER, HEADING, PARAGRAPH, TABLE, TITLE
from checker.engine import check_bytes
from checker.errors import ExtractError
from checker.extract import extract, sniff
from checker.extract.doc import FC_CLX, read_fib, read_pieces
from checker.limits import Limits
from fixtures.docwriter import cfb, report_doc, write_doc
from fixtures.generate import HEADINGS, make_report


@pytest.fixture(scope="module")
def rep():
    return make_report(seed=11, filler=3, defects={"ad": True})


@pytest.fixture(scope="module")
def data(rep):
    return report_doc(rep)


def _streams(data):
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        return {"/".join(e): ole.openstream(e).read() for e in ole.listdir()}


def test_writer_output_is_a_compound_file_olefile_opens(data):
    assert olefile.isOleFile(io.BytesIO(data))
    s = _streams(data)
    assert set(s) == {"WordDocument", "1Table", "Data"}
    word = s["WordDocument"]
    assert struct.unpack_from("<HH", word, 0) == (0xA5EC, 0x00C1)
    fib = read_fib(word)
    assert fib.table_stream == "1Table" and not fib.encrypted and fib.ccp_text > 1000 and fib.ccp_hdd > 0
    p = read_pieces(s["1Table"], *fib.pair(FC_CLX), len(word), fib)
    assert True in p.compressed and False in p.compressed  # both 8-bit and UTF-16 pieces
    assert p.cps == sorted(p.cps)
    assert any(s["Data"][8:])  # the wide T4 row end's PAPX lives in the Data stream (sprmPHugePapx)


def test_sniffed_by_content_whatever_the_name(data):
    assert sniff(data, "x.doc") == "doc" and sniff(data, "x.bin") == "doc"
    xls_like = cfb({"Workbook": b"\x09\x08" + b"\x00" * 5000})
    with pytest.raises(ExtractError) as e:
        extract(xls_like, "x.doc")
    assert e.value.code == "E003" and "WordDocument" in e.value.detail


def test_text_headings_title_and_chrome(rep, data):
    doc = extract(data, "r.doc")
    assert doc.format == "doc"
    body = [b.text for b in doc.blocks if b.kind in (TITLE, HEADING, PARAGRAPH)]
    assert body == rep.text_lines()
    assert [b.text for b in doc.blocks if b.kind == TITLE] == [rep.title]
    assert [b.text for b in doc.blocks if b.kind == HEADING and b.level == 1] == HEADINGS
    assert [b.text for b in doc.blocks if b.kind == HEADER] == [rep.header]
    assert [b.text for b in doc.blocks if b.kind == FOOTER] == ["— 1 —"]  # the PAGE field's result only
    assert "PAGE" not in doc.text and "\x13" not in doc.text
    assert doc.blocks[0].kind == HEADER and doc.blocks[-1].kind == FOOTER  # apart from the body


def test_tables_rebuilt_with_their_spans(rep, data):
    doc = extract(data, "r.doc")
    tables = doc.tables()
    assert len(tables) == 3
    for g, b in zip(rep.tables.values(), tables):
        t = b.table
        assert (t.n_rows, t.n_cols) == (g.n_rows, g.n_cols), g.key
        assert sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in t.cells) == sorted(g.cells), g.key
    idx = [b.index for b in doc.blocks if b.index is not None]
    assert idx == sorted(idx) and len(set(idx)) == len(idx)  # one position per paragraph or table


def test_pieces_out_of_stream_order_read_the_same(data):
    """A fast save leaves pieces anywhere in the stream: the piece table, not the stream order, gives the text."""
    doc = extract(data, "r.doc")
    shuffled = report_doc(make_report(seed=11, filler=3, defects={"ad": True}), shuffle=True, complex_=True)
    assert shuffled != data
    d2 = extract(shuffled, "r.doc")
    assert d2.text == doc.text
    assert any("fast-saved" in n for n in d2.notes)


def test_fields_nested_and_across_paragraphs():
    body = [("para", "见\x13 HYPERLINK \"http://x.gov.cn\" \x14政府网站\x15。"),
            ("para", "\x13 IF \x13 PAGE \x141\x15 = 1 \x14第一页\x15内容"),
            ("para", "\x13 TOC \\o \x14目录一"), ("para", "目录二\x15"),
            ("para", "没有结果的域\x13 SEQ x \x15结束")]
    doc = extract(write_doc(body), "f.doc")
    assert [b.text for b in doc.blocks] == ["见政府网站。", "第一页内容", "目录一", "目录二", "没有结果的域结束"]


def test_wps_name_gets_a_note(data):
    doc = extract(data, "年报.wps")
    assert doc.format == "doc" and any("WPS" in n for n in doc.notes)


def test_findings_locate_paragraph_and_cell():
    rep = make_report(seed=4, defects={"ad": True, "wrong_total": ("T3", 23, 6, 5)})
    res = check_bytes(report_doc(rep), "r.doc", Config())
    assert res.error is None and res.format == "doc"
    ad = [f for f in res.findings if f.code == "GOV-K001"]
    assert ad and ad[0].location.paragraph is not None
    t = [f for f in res.findings if f.code.startswith("GOV-T") and f.location.row]
    assert t and all(f.location.table for f in t)


@pytest.mark.parametrize("kw,code,word", [
    ({"encrypt": True}, "E016", ""),
    ({"bogus_pieces": True}, "E017", "outside"),
    ({"bogus_pieces": True, "complex_": True}, "E017", "fast-saved"),
])
def test_unreadable_doc_gets_its_code(kw, code, word):
    data = write_doc([("para", "政府信息公开工作年度报告")], **kw)
    with pytest.raises(ExtractError) as e:
        extract(data, "x.doc")
    assert e.value.code == code and word in e.value.message("en")


def test_damaged_containers_and_old_versions():
    good = write_doc([("para", "政府信息公开工作年度报告")])
    for bad in (good[:700], good[:3000], b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000):
        with pytest.raises(ExtractError) as e:
            extract(bad, "x.doc")
        assert e.value.code == "E017"
    s = _streams(good)
    word = bytearray(s["WordDocument"])
    struct.pack_into("<H", word, 2, 0x0065)  # Word 6/95
    with pytest.raises(ExtractError) as e:
        extract(cfb({"WordDocument": bytes(word), "1Table": s["1Table"]}), "x.doc")
    assert e.value.code == "E014"
    word = bytearray(s["WordDocument"])
    struct.pack_into("<H", word, 0, 0x1234)
    with pytest.raises(ExtractError) as e:
        extract(cfb({"WordDocument": bytes(word), "1Table": s["1Table"]}), "x.doc")
    assert e.value.code == "E017" and "FIB" in e.value.detail
    with pytest.raises(ExtractError) as e:  # the table stream the FIB names is missing
        extract(cfb({"WordDocument": s["WordDocument"]}), "x.doc")
    assert e.value.code == "E017" and "1Table" in e.value.detail


def test_text_limit(data):
    with pytest.raises(ExtractError) as e:
        extract(data, "r.doc", Limits(max_text_chars=500))
    assert e.value.code == "E020" and "max_text_chars" in e.value.detail


def test_a_word97_file_written_by_libreoffice():
    """A .doc saved once by LibreOffice 7.4 (fixtures/legacy/README.md): the same text, tables and findings."""
    from pathlib import Path

    p = Path(__file__).resolve().parent.parent / "fixtures" / "legacy" / "lo-word97-seed21.doc"
    rep = make_report(seed=21, filler=3, defects={"ad": True, "wrong_total": ("T3", 23, 6, 5)})
    data = p.read_bytes()
    doc = extract(data, p.name)
    assert [b.text for b in doc.blocks if b.kind in (TITLE, HEADING, PARAGRAPH)] == rep.text_lines()
    assert [b.text for b in doc.blocks if b.kind == HEADER] == [rep.header]
    assert len([b for b in doc.blocks if b.kind == FOOTER]) == 1
    for g, b in zip(rep.tables.values(), doc.tables()):
        assert sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in b.table.cells) == sorted(g.cells), g.key
    ours = check_bytes(report_doc(rep), "r.doc", Config())
    theirs = check_bytes(data, p.name, Config())
    assert {(f.code, f.match) for f in theirs.findings} == {(f.code, f.match) for f in ours.findings}
    assert {"GOV-K001", "GOV-T001"} <= {f.code for f in theirs.findings}


def test_word_list_numbers_are_part_of_the_text():
    """Headings numbered by Word's lists ("一、" is in the LVL's number text, not in the document text)."""
    from pathlib import Path

    p = Path(__file__).resolve().parent.parent / "fixtures" / "legacy" / "lo-word97-autonumber-seed8.doc"
    doc = extract(p.read_bytes(), p.name)
    rep = make_report(seed=8)
    assert [b.text for b in doc.blocks if b.kind in (TITLE, HEADING, PARAGRAPH)] == rep.text_lines()
    assert [b.text for b in doc.blocks if b.kind == HEADING and b.level == 1] == HEADINGS
    res = check_bytes(p.read_bytes(), p.name, Config(select=["GOV-S001"]))
    assert not res.findings
