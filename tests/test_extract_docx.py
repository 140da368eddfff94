"""DOCX extraction on real files made by python-docx through the fixture generator."""

import io
import json
import zipfile

import docx
import pytest
from docx.oxml import parse_xml

from checker.config import Config
from checker.document import FOOTER, HEADER, HEADING, PARAGRAPH, TABLE, TITLE
from checker.engine import check_bytes
from checker.errors import ExtractError
from checker.extract import extract
from fixtures.generate import HEADINGS, make_report, write_docx


def docx_bytes(rep, tmp_path, **kw):
    p = tmp_path / "r.docx"
    write_docx(rep, p, **kw)
    return p.read_bytes()


@pytest.fixture(scope="module")
def tmp(tmp_path_factory):
    return tmp_path_factory.mktemp("docx")


@pytest.fixture(scope="module", params=[False, True], ids=["bold-headings", "heading-styles"])
def pair(request, tmp):
    rep = make_report(seed=11, defects={"ad": True})
    data = docx_bytes(rep, tmp, heading_style=request.param)
    return rep, data, extract(data, "r.docx")


def test_tables_are_read_with_spans_never_duplicated(pair):
    rep, data, doc = pair
    tables = doc.tables()
    assert len(tables) == 3
    for blk, (key, g) in zip(tables, rep.tables.items()):
        t = blk.table
        assert (t.n_rows, t.n_cols) == (g.n_rows, g.n_cols)
        assert sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in t.cells) == sorted(g.cells), key
    # python-docx's row.cells repeats a merged cell in every covered slot; ours keeps it once
    raw = docx.Document(io.BytesIO(data)).tables[1]
    assert [c.text for c in raw.rows[0].cells].count("申请人情况") == 7
    t3 = tables[1].table
    assert [c.text for c in t3.cells if c.row == 0] == [rep.tables["T3"].cells[0][4], "申请人情况"]
    assert t3.grid()[5][0].rowspan == 22 and t3.grid()[6][0] is None


def test_body_order_headings_and_title(pair):
    rep, _, doc = pair
    assert [b.text for b in doc.blocks if b.kind in (TITLE, HEADING, PARAGRAPH)] == rep.text_lines()
    assert [b.text for b in doc.blocks if b.kind == TITLE] == [rep.title]
    assert [b.text for b in doc.blocks if b.kind == HEADING and b.level == 1] == HEADINGS
    assert [b.text for b in doc.blocks if b.kind == HEADING and b.level == 2][0] == "（一）主动公开"
    kinds = [b.kind for b in doc.blocks]
    assert kinds[0] == HEADER and kinds[-1] == FOOTER
    # tables sit right after their section headings
    for h, key in zip(HEADINGS[1:4], ["T2", "T3", "T4"]):
        i = next(i for i, b in enumerate(doc.blocks) if b.text == h)
        assert doc.blocks[i + 1].kind == TABLE


def test_index_is_the_body_position(pair):
    rep, data, doc = pair
    body = list(docx.Document(io.BytesIO(data)).element.body.iterchildren())
    for b in doc.blocks:
        if b.kind in (HEADER, FOOTER):
            assert b.index is None
            continue
        el = body[b.index]
        if b.kind == TABLE:
            assert el.tag.endswith("}tbl")
        else:
            assert "".join(t.text or "" for t in el.iter("{*}t")).strip() == b.text


def test_findings_carry_the_paragraph(pair):
    rep, data, doc = pair
    res = check_bytes(data, "r.docx", Config(select=["GOV-K001"]))
    [f] = res.findings
    assert f.match == "麻将胡了最新官方版下载"
    blk = doc.blocks[[b.index for b in doc.blocks].index(f.location.paragraph - 1)]  # 1-based, as Word counts
    assert "信息公开栏、麻将胡了最新官方版下载村民微信群" in blk.text
    assert json.loads(json.dumps(f.to_dict()))["location"]["paragraph"] == f.location.paragraph


TEXTBOX = """<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:t>见右侧方框。</w:t></w:r><w:r><mc:AlternateContent>
 <mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>联系电话：0564-6012345</w:t></w:r></w:p>
 </w:txbxContent></wps:txbx></w:drawing></mc:Choice>
 <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>联系电话：0564-6012345</w:t></w:r></w:p>
 </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"""


def test_text_boxes_are_read_once(tmp):
    rep = make_report(seed=2)
    d = docx.Document(io.BytesIO(docx_bytes(rep, tmp)))
    body = d.element.body
    body.insert(3, parse_xml(TEXTBOX))
    buf = io.BytesIO()
    d.save(buf)
    doc = extract(buf.getvalue(), "r.docx")
    assert doc.text.count("联系电话：0564-6012345") == 1 + rep.contact.count("0564-6012345")
    host = next(b for b in doc.blocks if b.text == "见右侧方框。")
    box = doc.blocks[doc.blocks.index(host) + 1]
    assert box.text == "联系电话：0564-6012345" and box.index == host.index == 3


def _zip(files: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n, v in files.items():
            z.writestr(n, v)
    return buf.getvalue()


@pytest.fixture(scope="module")
def bad_files(tmp):
    rep = make_report(seed=3)
    good = docx_bytes(rep, tmp)
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    broken_xml = dict(parts)
    broken_xml["word/document.xml"] = parts["word/document.xml"][:5000]
    no_doc = {n: v for n, v in parts.items() if n != "word/document.xml"}
    html = "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>" + "".join(
        f"<p>{t}</p>" for t in rep.text_lines()) + "</body></html>"
    files = {
        "legacy.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000,  # an OLE signature, no container
        "truncated.docx": good[: len(good) // 2],
        "nodoc.docx": _zip(no_doc),
        "badxml.docx": _zip(broken_xml),
        "page.docx": html.encode("utf-8"),
        "page.pdf": html.encode("utf-8"),
    }
    d = tmp / "bad"
    d.mkdir()
    for n, v in files.items():
        (d / n).write_bytes(v)
    return d


BAD = {"legacy.docx": "E017", "truncated.docx": "E013", "nodoc.docx": "E013", "badxml.docx": "E013"}


def test_broken_and_mislabelled_docx_fail_with_their_own_code(cli, bad_files):
    for n, code in BAD.items():
        r = cli("check", bad_files / n)
        assert r.returncode == 2, (n, r.stdout, r.stderr)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and code in lines[0] and "Traceback" not in r.stderr, (n, r.stderr)
    r = cli("check", "--format", "json", *[bad_files / n for n in BAD])
    got = {f["path"].rsplit("/", 1)[-1]: f["error"] for f in json.loads(r.stdout)["files"]}
    assert {n: e["code"] for n, e in got.items()} == BAD
    with pytest.raises(ExtractError) as e:
        extract((bad_files / "nodoc.docx").read_bytes(), "x.zip")  # a Word package whatever its name
    assert e.value.code == "E013"


def test_html_named_docx_or_pdf_is_read_as_html_and_says_so(cli, bad_files):
    r = cli("check", "--format", "json", bad_files / "page.docx", bad_files / "page.pdf")
    assert "Traceback" not in r.stderr
    files = json.loads(r.stdout)["files"]
    assert [f["format"] for f in files] == ["html", "html"] and all(f["error"] is None for f in files)
    assert not [x for f in files for x in f["findings"] if x["code"] == "GOV-S001"]
    res = check_bytes((bad_files / "page.pdf").read_bytes(), "page.pdf")
    assert res.notes == ["named .pdf but read as html"]


def test_word_list_numbers_are_part_of_the_text(tmp):
    """Headings numbered by Word's numbering part ("一、" is not in the XML text) read as printed."""
    rep = make_report(seed=8)
    p = tmp / "auto.docx"
    write_docx(rep, p, auto_numbering=True)
    with zipfile.ZipFile(p) as z:
        assert "一、总体情况" not in z.read("word/document.xml").decode("utf-8")
    doc = extract(p.read_bytes(), "auto.docx")
    assert [b.text for b in doc.blocks if b.kind in (TITLE, HEADING, PARAGRAPH)] == rep.text_lines()
    assert [b.text for b in doc.blocks if b.kind == HEADING and b.level == 1] == HEADINGS
    # a section left out: Word renumbers the rest, the missing one is still reported
    rep = make_report(seed=8, defects={"missing_section": 3})
    write_docx(rep, p, auto_numbering=True)
    res = check_bytes(p.read_bytes(), "auto.docx", Config(select=["GOV-S001"]))
    assert [(f.code, HEADINGS[2][2:] in f.message) for f in res.findings] == [("GOV-S001", True)]
    assert "三、政府信息公开行政复议、行政诉讼情况" in res.analysis.doc.text


def test_list_number_formats():
    from checker.extract.docx import _format

    assert [_format(n, "chineseCounting") for n in (1, 10, 11, 20, 21)] == ["一", "十", "十一", "二十", "二十一"]
    assert _format(3, "decimalEnclosedCircle") == "③" and _format(4, "upperRoman") == "IV"
    assert _format(2, "ideographTraditional") == "乙" and _format(12, "decimal") == "12"
