"""OFD (GB/T 33190) extraction: the package read by local names into positioned characters and rulings, then the
shared fixed-layout geometry (layout.py) — on OFD files written by the fixture generator and small hand-made ones."""

import io
import zipfile

import pytest

from checker.config import Config
from checker.document import FOOTER, HEADER, HEADING, PARAGRAPH, TITLE
from checker.engine import check_bytes
from checker.errors import ExtractError
from checker.extract import extract, sniff
from checker.extract.ofd import Matrix, _subpaths, deltas
from checker.limits import Limits
from fixtures.generate import HEADINGS, make_report, ofd_bytes

NS = "http://www.ofdspec.org/2016"


def package(content: str, ns: str | None = NS, prefix: str = "ofd", extra: dict | None = None,
            doc_root: str = "Doc_0/Document.xml", fonts: str = '<ofd:Font ID="2" FontName="宋体"/>') -> bytes:
    """A one-page OFD around ``content`` (the objects of the page's layer, written with the ``ofd:`` prefix)."""
    decl = '<?xml version="1.0" encoding="UTF-8"?>'
    if ns is None:
        x = ""
        fix = lambda s: s.replace("ofd:", "")  # noqa: E731
    else:
        x = f' xmlns:{prefix}="{ns}"'
        fix = lambda s: s.replace("ofd:", f"{prefix}:")  # noqa: E731
    files = {
        "OFD.xml": f'{decl}<ofd:OFD{x} Version="1.0"><ofd:DocBody><ofd:DocRoot>{doc_root}</ofd:DocRoot>'
                   "</ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f"{decl}<ofd:Document{x}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
                              "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
                              '</ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0"/></ofd:Pages>'
                              "</ofd:Document>",
        "Doc_0/PublicRes.xml": f"{decl}<ofd:Res{x}><ofd:Fonts>{fonts}</ofd:Fonts></ofd:Res>",
        "Doc_0/Pages/Page_0/Content.xml": f'{decl}<ofd:Page{x}><ofd:Content><ofd:Layer ID="9">{content}</ofd:Layer>'
                                          "</ofd:Content></ofd:Page>",
    }
    files.update(extra or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in files.items():
            z.writestr(k, fix(v) if isinstance(v, str) else v)
    return out.getvalue()


def text_obj(x, y, s, size=4.2, delta=None, extra=""):
    d = f' DeltaX="{delta}"' if delta is not None else ""
    return (f'<ofd:TextObject ID="20" Boundary="{x} {y} 170 6" Font="2" Size="{size}"{extra}>'
            f'<ofd:TextCode X="0" Y="{size}"{d}>{s}</ofd:TextCode></ofd:TextObject>')


BODY = "本年度报告中使用数据统计期限为2023年1月1日至2023年12月31日。"


# -- parsing ---------------------------------------------------------------------------------------------------------


def test_delta_repeat_syntax():
    assert deltas("g 3 4.2 1 2.5") == [4.2, 4.2, 4.2, 1.0, 2.5]
    assert deltas("1 g 2 3") == [1.0, 3.0, 3.0]
    assert deltas(None) == [] and deltas("") == []
    assert len(deltas("g 100000000 1 g 100000000 2", limit=5)) == 5  # never more than the characters need


def test_matrix_and_paths():
    m = Matrix.parse("2 0 0 3 10 20")
    assert m.apply(1, 1) == (12, 23) and m.scale_y == 3
    assert Matrix.parse("bogus").apply(1, 2) == (1, 2)
    sub = list(_subpaths("M 0 0 L 10 0 L 10 5 L 0 5 C M 1 1 B 2 2 3 3 4 4 L 9 4"))
    assert sub[0] == ([(0, 0), (10, 0), (10, 5), (0, 5)], True)
    assert sub[-1] == ([(4, 4), (9, 4)], False)  # the curve's end point starts the next straight segment


@pytest.mark.parametrize("ns,prefix", [(NS, "ofd"), ("http://blog.example.cn", "x"), (None, "")])
def test_namespace_agnostic(ns, prefix):
    doc = extract(package(text_obj(20, 40, BODY), ns=ns, prefix=prefix or "ofd"), "r.ofd")
    assert doc.format == "ofd" and doc.text == BODY and doc.pages == 1


def test_positions_deltas_ctm_and_reading_order():
    # written out of order; the second line first, with explicit advances and a CTM-scaled line above it
    second = text_obj(20, 60, "第二行在下面。", delta="g 6 4.2")
    first = ('<ofd:TextObject ID="21" Boundary="20 40 170 6" Font="2" Size="1" CTM="4.2 0 0 4.2 0 0">'
             '<ofd:TextCode X="0" Y="1" DeltaX="g 6 1">第一行在上面。</ofd:TextCode></ofd:TextObject>')
    doc = extract(package(second + first), "r.ofd")
    assert [b.text for b in doc.blocks] == ["第一行在上面。", "第二行在下面。"]
    # two TextCodes of one object: the second continues where the first stopped
    split = ('<ofd:TextObject ID="22" Boundary="20 40 170 6" Font="2" Size="4.2">'
             '<ofd:TextCode X="0" Y="4.2">统计期限</ofd:TextCode><ofd:TextCode>为全年。</ofd:TextCode>'
             "</ofd:TextObject>")
    assert extract(package(split), "r.ofd").text == "统计期限为全年。"


def test_rulings_from_paths_make_a_table_and_invisible_shapes_do_not():
    def box(x0, y0, x1, y1, extra=""):
        w, h = x1 - x0, y1 - y0
        return (f'<ofd:PathObject ID="30" Boundary="{x0} {y0} {w} {h}"{extra}><ofd:AbbreviatedData>M 0 0 L {w} 0 '
                f"L {w} {h} L 0 {h} C</ofd:AbbreviatedData></ofd:PathObject>")

    cells = [(20, 40, 60, 50, "项目"), (60, 40, 100, 50, "数量"), (20, 50, 60, 60, "行政许可"), (60, 50, 100, 60, "12")]
    content = "".join(box(a, b, c, d) + text_obj(a + 1, b + 2, t, size=3) for a, b, c, d, t in cells)
    doc = extract(package(content), "r.ofd")
    [t] = doc.tables()
    assert t.table.rows() == [["项目", "数量"], ["行政许可", "12"]]
    hidden = "".join(box(a, b, c, d, ' Visible="false"') + text_obj(a + 1, b + 2, t, size=3) for a, b, c, d, t in cells)
    assert not extract(package(hidden), "r.ofd").tables()


def test_template_layers_fonts_and_ignored_parts():
    tpl = ('<?xml version="1.0"?><ofd:Page xmlns:ofd="%s"><ofd:Content><ofd:Layer ID="5">'
           '<ofd:TextObject ID="6" Boundary="80 9 60 4" Font="3" Size="3.2"><ofd:TextCode X="0" Y="3.2">'
           "某某县人民政府</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>" % NS)
    content = (text_obj(20, 40, "一、总体情况", size=5.3, extra=' Font="3"').replace('Font="2" ', "")
               + text_obj(20, 52, BODY))
    data = package(content, fonts='<ofd:Font ID="2" FontName="宋体"/><ofd:Font ID="3" FontName="方正黑体"/>',
                   extra={"Doc_0/Tpl.xml": tpl})
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        files = {n: z.read(n).decode() for n in z.namelist()}
    files["Doc_0/Document.xml"] = files["Doc_0/Document.xml"].replace(
        "</ofd:CommonData>", '<ofd:TemplatePage ID="7" BaseLoc="Tpl.xml"/></ofd:CommonData>').replace(
        "<ofd:Pages>", "<ofd:Annotations>Annots.xml</ofd:Annotations><ofd:Pages>")
    files["Doc_0/Pages/Page_0/Content.xml"] = files["Doc_0/Pages/Page_0/Content.xml"].replace(
        "<ofd:Content>", '<ofd:Template TemplateID="7" ZOrder="Background"/><ofd:Content>')
    files["Doc_0/Annots.xml"] = f'<ofd:Annotations xmlns:ofd="{NS}"><ofd:Page PageID="1"/></ofd:Annotations>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for k, v in files.items():
            z.writestr(k, v)
    doc = extract(out.getvalue(), "r.ofd")
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert ("heading", "一、总体情况") in kinds and (PARAGRAPH, BODY) in kinds
    assert "某某县人民政府" in doc.text  # the template's text is drawn on the page
    assert next(b for b in doc.blocks if b.kind == HEADING).bold  # 黑体 from PublicRes


# -- the generated report ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rep():
    return make_report(seed=5, filler=5, defects={"ad": True})


@pytest.fixture(scope="module")
def doc(rep):
    return extract(ofd_bytes(rep), "r.ofd")


def test_generated_report_text_and_chrome(rep, doc):
    assert doc.format == "ofd" and doc.pages >= 3
    assert [b.text for b in doc.blocks if b.kind in (TITLE, HEADING, PARAGRAPH)] == rep.text_lines()
    assert [b.text for b in doc.blocks if b.kind == TITLE] == [rep.title]  # two lines, through a CTM
    assert [b.text for b in doc.blocks if b.kind == HEADING and b.level == 1] == HEADINGS
    assert [b.text for b in doc.blocks if b.kind == HEADER] == [rep.header] * doc.pages  # from the template
    assert [b.text for b in doc.blocks if b.kind == FOOTER] == [f"— {i} —" for i in range(1, doc.pages + 1)]
    assert "审批专用章" not in doc.text  # the stamp annotation is not read
    assert all(b.page for b in doc.blocks)


def test_generated_tables_with_spans_across_pages(rep, doc):
    tables = doc.tables()
    assert len(tables) == 3
    for g, b in zip(rep.tables.values(), tables):
        t = b.table
        assert (t.n_rows, t.n_cols) == (g.n_rows, g.n_cols), g.key
        assert sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in t.cells) == sorted(g.cells), g.key
    assert len({c.page for c in tables[1].table.cells}) == 2  # T3 runs over a page break, stitched


def test_findings_carry_the_page(rep):
    res = check_bytes(ofd_bytes(make_report(seed=5, filler=5, defects={"ad": True, "wrong_total": ("T3", 23, 6, 5)})),
                      "r.ofd", Config())
    assert res.error is None and res.format == "ofd"
    ad = [f for f in res.findings if f.code == "GOV-K001"]
    assert ad and ad[0].location.page == 1
    assert [f for f in res.findings if f.code.startswith("GOV-T") and f.location.page]


# -- bad input -----------------------------------------------------------------------------------------------------


def test_image_only_ofd_needs_ocr(rep):
    data = ofd_bytes(rep, scanned=True)
    assert sniff(data, "x.ofd") == "ofd"
    with pytest.raises(ExtractError) as e:
        extract(data, "scan.ofd")
    assert e.value.code == "E010"


def test_one_image_page_is_reported_not_fatal():
    rep = make_report(seed=2, defects={"image_page": True})
    d = extract(ofd_bytes(rep), "r.ofd")
    assert len(d.scanned_pages) == 1 and d.extraction_unreliable


@pytest.mark.parametrize("mutate,detail", [
    (lambda f: f.update({"OFD.xml": f["OFD.xml"].replace("Doc_0/Document.xml", "")}), "DocRoot"),
    (lambda f: f.pop("Doc_0/Document.xml"), "Document.xml"),
    (lambda f: f.pop("Doc_0/Pages/Page_0/Content.xml"), "page 1"),
    (lambda f: f.update({"Doc_0/Pages/Page_0/Content.xml": "<ofd:Page><unclosed"}), "Content.xml"),
])
def test_damaged_package_is_e018(mutate, detail):
    with zipfile.ZipFile(io.BytesIO(package(text_obj(20, 40, BODY)))) as z:
        files = {n: z.read(n).decode() for n in z.namelist()}
    mutate(files)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for k, v in files.items():
            z.writestr(k, v)
    with pytest.raises(ExtractError) as e:
        extract(out.getvalue(), "r.ofd")
    assert e.value.code == "E018" and detail in e.value.detail


def test_truncated_ofd_is_e018_by_content(rep):
    data = ofd_bytes(rep)
    for name in ("r.ofd", "r.bin"):  # the first member (OFD.xml) says what it is
        with pytest.raises(ExtractError) as e:
            extract(data[: len(data) // 2], name)
        assert e.value.code == "E018"


def test_limits_apply(rep):
    data = ofd_bytes(rep)
    with pytest.raises(ExtractError) as e:
        extract(data, "r.ofd", Limits(max_pdf_pages=2))
    assert e.value.code == "E020" and "max_pdf_pages" in e.value.detail
    with pytest.raises(ExtractError) as e:
        extract(data, "r.ofd", Limits(max_zip_members=3))
    assert e.value.code == "E020" and "max_zip_members" in e.value.detail
    with pytest.raises(ExtractError) as e:
        extract(data, "r.ofd", Limits(max_text_chars=300))
    assert e.value.code == "E020" and "max_text_chars" in e.value.detail
    bomb = package(text_obj(20, 40, BODY), extra={"Doc_0/Res/pad.bin": b"\x00" * (3 << 20)})
    with pytest.raises(ExtractError) as e:
        extract(bomb, "r.ofd")
    assert e.value.code == "E020" and "max_zip_ratio" in e.value.detail


def test_entities_are_never_expanded(tmp_path):
    canary = tmp_path / "canary.txt"
    canary.write_text("CANARY-ofd-7c1", encoding="utf-8")
    with zipfile.ZipFile(io.BytesIO(package(text_obj(20, 40, "报告&xxe;正文"), ns=None))) as z:
        files = {n: z.read(n).decode() for n in z.namelist()}
    name = "Doc_0/Pages/Page_0/Content.xml"
    files[name] = files[name].replace('encoding="UTF-8"?>', f'encoding="UTF-8"?><!DOCTYPE Page [<!ENTITY xxe SYSTEM '
                                                              f'"file://{canary}">]>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for k, v in files.items():
            z.writestr(k, v)
    try:
        doc = extract(out.getvalue(), "r.ofd")
        assert "CANARY" not in doc.text
    except ExtractError as e:
        assert e.code in ("E018", "E010") and "CANARY" not in e.detail


# -- walking and cleaning ------------------------------------------------------------------------------------------


def test_walked_folders_take_ofd_doc_and_wps(tmp_path, rep):
    from checker.batch import collect
    from fixtures.docwriter import report_doc

    (tmp_path / "a.ofd").write_bytes(ofd_bytes(rep))
    (tmp_path / "b.doc").write_bytes(report_doc(rep))
    (tmp_path / "c.wps").write_bytes(report_doc(rep))
    (tmp_path / "d.log").write_text("not a report", encoding="utf-8")
    assert [p.rsplit("/", 1)[-1] for p in collect([str(tmp_path)])] == ["a.ofd", "b.doc", "c.wps"]


@pytest.mark.parametrize("fmt", ["ofd", "doc"])
def test_clean_writes_cleaned_text(tmp_path, cli, rep, fmt):
    import json

    from fixtures.docwriter import report_doc
    from fixtures.generate import AD_SEED

    src = tmp_path / f"r.{fmt}"
    src.write_bytes(ofd_bytes(rep) if fmt == "ofd" else report_doc(rep))
    before = src.read_bytes()
    r = cli("clean", src, "-o", tmp_path / "r.cleaned.txt", "--log", tmp_path / "log.json")
    assert r.returncode == 0, r.stderr
    out = (tmp_path / "r.cleaned.txt").read_text(encoding="utf-8")
    log = json.loads((tmp_path / "log.json").read_text(encoding="utf-8"))
    assert log["format"] == fmt and log["output_format"] == "text"
    assert AD_SEED not in out and "信息公开栏、村民微信群" in out and HEADINGS[2] in out
    assert src.read_bytes() == before
    r = cli("clean", src, "-o", tmp_path / f"r.cleaned.{fmt}")
    assert r.returncode == 2 and "text" in r.stderr  # the cleaned copy is text, not the input's format
