"""Nothing silently left out (issue 14): a walk lists every file that could be a report, an unreadable one gets its
E-code in every format and is counted; ``--show-files``; ``--force-exclude``; the document-kind gate (GOV-M007).

Through the real CLI on real files in a temporary folder: a real PDF from ../shared/real (when present), reports
written by the fixture generator, and DOC/WPS/OFD/image files built from their real magic bytes and containers.
"""

import json
import os
import shutil
import zipfile

import pytest

from conftest import SEED, SHARED, run_cli
from fixtures.generate import make_report, write_docx, write_html, write_txt

FORMATS = ("console", "concise", "json", "jsonl", "html", "sarif", "junit", "github", "gitlab")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _ole(path):
    path.write_bytes(OLE + b"\x00" * 504 + os.urandom(1536))  # an OLE2 header that leads nowhere
    return path


def _ofd(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("OFD.xml", '<?xml version="1.0"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>')
    return path


@pytest.fixture
def mixed(tmp_path):
    """A folder as an auditor receives it: reports in several formats, files nobody can read, and noise."""
    d = tmp_path / "reports"
    (d / "sub").mkdir(parents=True)
    write_txt(make_report(seed=1, year=2023, organ="某某县人民政府"), d / "a.txt")
    write_docx(make_report(seed=2, year=2023, organ="某某市人民政府"), d / "b.docx")
    write_html(make_report(seed=3, year=2023, organ="某某镇人民政府"), d / "sub" / "page.jsp")  # a crawl's name
    _ole(d / "old.doc")
    _ole(d / "sub" / "x.wps")
    _ofd(d / "sub" / "r.ofd")
    (d / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200))
    (d / "scan.jpg").write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(200))
    (d / "scan.tif").write_bytes(b"II*\x00" + os.urandom(200))
    (d / "noname").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(64))  # an image by content only
    real = SHARED / "real" / "hongze-2024.pdf"
    if real.exists():
        shutil.copy(real, d / "sub" / "download")  # a PDF saved without an extension
    (d / "notes.py").write_text("print('not a report')\n", encoding="utf-8")
    (d / "data.json").write_text("{}", encoding="utf-8")
    (d / ".hidden.txt").write_text("x", encoding="utf-8")
    return d


UNREADABLE = {"old.doc", "x.wps", "r.ofd", "scan.png", "scan.jpg", "scan.tif", "noname"}
LEFT_OUT = {"notes.py", "data.json", ".hidden.txt"}


def test_show_files_lists_every_possible_report_and_why_others_are_left_out(mixed):
    r = run_cli("check", mixed, "--show-files", "--format", "json", "--lang", "en")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    taken = {os.path.basename(f["path"]) for f in doc["files"]}
    want = {"a.txt", "b.docx", "page.jsp"} | UNREADABLE
    if (mixed / "sub" / "download").exists():
        want.add("download")
    assert taken == want
    why = {os.path.basename(f["path"]): f["why"] for f in doc["files"]}
    assert why["page.jsp"] == "content: HTML" and why["noname"] == "content: PNG"
    left = {os.path.basename(x["path"]): x for x in doc["left_out"]}
    assert set(left) == LEFT_OUT
    assert left[".hidden.txt"]["reason"] == "hidden" and left["notes.py"]["reason"] == "not-a-document"
    text = run_cli("check", mixed, "--show-files").stdout
    assert "notes.py" in text and "不是文档" in text and "scan.tif" in text


def test_unreadable_files_get_their_code_in_every_format_and_are_counted(mixed, tmp_path):
    for fmt in FORMATS:
        out = tmp_path / {"html": "a.html", "json": "a.json", "jsonl": "a.jsonl", "sarif": "a.sarif",
                          "junit": "a.xml", "gitlab": "gl.json"}.get(fmt, f"{fmt}.txt")
        r = run_cli("check", mixed, "--format", fmt, "-o", out, "--cache-dir", tmp_path / "cache", "--jobs", "1")
        assert r.returncode == 2, (fmt, r.stderr)  # an unreadable input: exit 2, the others still checked
        body = out.read_text(encoding="utf-8")
        for name in UNREADABLE:
            assert name in body, (fmt, name)
        assert body.count("E005") >= 4, fmt  # the three images and the image found by content
        if fmt == "html":  # the index row shows the reason, not only the status
            assert 'class="ecode">E005</span> <span class="reason">' in body
    doc = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    errs = {os.path.basename(f["path"]): f["error"] for f in doc["files"] if f["error"]}
    assert set(errs) == UNREADABLE
    assert all(e["code"].startswith("E") and e["message"] for e in errs.values())
    assert {errs[n]["code"] for n in ("scan.png", "scan.jpg", "scan.tif", "noname")} == {"E005"}
    assert "OCR" in errs["scan.png"]["message"]
    r = run_cli("check", mixed, "--format", "console", "--no-cache", "--lang", "en", "-o", tmp_path / "c.txt",
                "--summary")
    counted = [line.split() for line in r.stderr.splitlines() if "failed to read" in line]
    assert counted and counted[0][-1] == str(len(UNREADABLE)), r.stderr


def test_force_exclude_applies_config_excludes_to_named_files(tmp_path):
    (tmp_path / "reportlint.toml").write_text('exclude = ["docs/", "README.md"]\n', encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "x.md").write_bytes(SEED.read_bytes())
    (tmp_path / "README.md").write_bytes(SEED.read_bytes())
    rep = write_txt(make_report(seed=1), tmp_path / "report.txt")
    named = [tmp_path / "docs" / "x.md", tmp_path / "README.md", rep]
    r = run_cli("check", *named, "--format", "json", cwd=tmp_path)
    assert len(json.loads(r.stdout)["files"]) == 3  # named files are checked ...
    r = run_cli("check", *named, "--format", "json", "--force-exclude", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert [os.path.basename(f["path"]) for f in json.loads(r.stdout)["files"]] == ["report.txt"]
    r = run_cli("check", tmp_path / "README.md", "--force-exclude", cwd=tmp_path)  # all excluded: nothing to do
    assert r.returncode == 0 and r.stdout == "", r.stderr
    r = run_cli("clean", "--check", "--force-exclude", tmp_path / "README.md", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == ""
    (tmp_path / "reportlint.toml").write_text('exclude = ["docs/"]\nforce-exclude = true\n', encoding="utf-8")
    r = run_cli("check", tmp_path / "docs" / "x.md", "--show-files", cwd=tmp_path)
    assert "x.md" in r.stdout and "--force-exclude" in r.stdout and r.stdout.startswith("\n")


README = "# my-project\n\nA small tool.\n\n```sh\npip install -r requirements.txt\n```\n\n## 使用方法\n运行 make 即可。\n"


def test_a_file_that_is_no_report_is_said_once_and_not_checked(tmp_path):
    p = tmp_path / "README.md"
    p.write_text(README, encoding="utf-8")
    r = run_cli("check", p, "--format", "json")
    assert r.returncode == 0, r.stderr
    f = json.loads(r.stdout)["files"][0]
    assert [x["code"] for x in f["findings"]] == ["GOV-M007"] and f["findings"][0]["severity"] == "info"
    assert "不是政府信息公开工作年度报告" in f["findings"][0]["message"]
    assert f["findings"][0]["evidence"]["marks"] == []
    r = run_cli("check", p, "--format", "json", "--assume-report")  # forced: checked against the whole pack
    codes = [x["code"] for x in json.loads(r.stdout)["files"][0]["findings"]]
    assert r.returncode == 1 and codes.count("GOV-S001") == 6 and "GOV-M007" not in codes
    r = run_cli("check", p, "--format", "concise", "--lang", "en")
    assert "not a 政府信息公开工作年度报告, not checked" in r.stdout
    # a real report, even a damaged copy such as the seed, is checked as one
    r = run_cli("check", SEED, "--format", "json")
    assert "GOV-M007" not in {x["code"] for x in json.loads(r.stdout)["files"][0]["findings"]}


@pytest.mark.skipif(not (SHARED / "real").exists(), reason="../shared/real is absent")
def test_real_reports_pass_the_gate(tmp_path):
    for name in ("hongze-2023.pdf", "hongze-2024.pdf"):
        r = run_cli("check", SHARED / "real" / name, "--format", "json", "--select", "GOV-M007")
        f = json.loads(r.stdout)["files"][0]
        assert f["error"] is None and f["findings"] == [], name


@pytest.mark.skipif(os.geteuid() == 0, reason="root can list any directory")
def test_a_directory_that_cannot_be_listed_is_said(tmp_path):
    write_txt(make_report(seed=1), tmp_path / "a.txt")
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0)
    try:
        r = run_cli("check", tmp_path, "--format", "json")
        assert r.returncode == 2 and "locked" in r.stderr
    finally:
        os.chmod(locked, 0o755)
