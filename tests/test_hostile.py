"""Hostile and broken input: every case of a bad-input corpus (built here, in a temporary directory) goes through
the real CLI in a subprocess under a 3 GiB address-space limit and a wall-clock timeout. Each ends with exit 2 and
one clear line per file, or with findings; never a traceback, never a hang. XXE never leaks a local file.
"""

from __future__ import annotations

import io
import json
import os
import random
import resource
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from checker.config import Config
from checker.engine import check_bytes
from checker.errors import ReportlintError
from checker.extract import extract
from checker.limits import Limits, html_depth
from fixtures.docwriter import report_doc
from fixtures.generate import make_report, ofd_bytes, pdf_bytes, write_docx, write_html, write_txt

ROOT = Path(__file__).resolve().parent.parent
AS_LIMIT = 3 << 30
WALL = 240  # generous: a hang is what this catches, not slowness
CANARY = "CANARY-7f3e9d-local-file-must-never-leak"


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (AS_LIMIT, AS_LIMIT))


def run_bounded(*args, cwd=None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "checker", *map(str, args)], capture_output=True, text=True,
                          errors="replace", env=env, cwd=cwd, timeout=WALL, preexec_fn=_limit_memory)


def _docx_with(base: bytes, replace: dict[str, bytes], extra: dict[str, bytes] | None = None,
               level: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as zin, zipfile.ZipFile(out, "w", level) as zout:
        for zi in zin.infolist():
            data = replace.get(zi.filename, zin.read(zi.filename))
            zout.writestr(zi.filename, data, compress_type=level)
        for k, v in (extra or {}).items():
            zout.writestr(k, v, compress_type=level)
    return out.getvalue()


def _docx_xml(body: str, doctype: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            f"{body}<w:sectPr/></w:body></w:document>").encode("utf-8")


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


LAUGHS = "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    canary = d / "canary.txt"
    canary.write_text(CANARY + "\n", encoding="utf-8")
    rep = make_report(seed=3)
    txt = write_txt(rep, d / "good.txt").read_bytes()
    html = write_html(rep, d / "good.html").read_bytes()
    docx = write_docx(rep, d / "good.docx").read_bytes()
    pdf = pdf_bytes(rep)
    doc = report_doc(rep)
    ofd = ofd_bytes(rep)
    rng = random.Random(8)
    files: dict[str, bytes] = {
        "truncated.pdf": pdf[: len(pdf) // 2],
        "header-only.pdf": pdf[:300],
        "random.pdf": b"%PDF-1.7\n" + rng.randbytes(20000),
        "html-named.pdf": html,
        "encrypted.pdf": pdf_bytes(rep, encrypt="secret"),
        "zip-bomb.docx": _docx_with(docx, {"word/document.xml": _docx_xml(_para("政府信息公开") + " " * (60 << 20))}),
        "random-zip.docx": b"PK\x03\x04" + rng.randbytes(5000),
        "truncated.docx": docx[: len(docx) // 2],
        "xxe.docx": _docx_with(docx, {"word/document.xml": _docx_xml(
            _para("第一段&xxe;") + _para("第二段&canary;") + _para("政府信息公开工作年度报告"),
            f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
            f'<!ENTITY canary SYSTEM "file://{canary}">]>')}),
        "xxe-param.docx": _docx_with(docx, {"word/document.xml": _docx_xml(
            _para("参数实体"), f'<!DOCTYPE w:document [<!ENTITY % p SYSTEM "file://{canary}"> %p;]>')}),
        "laughs.docx": _docx_with(docx, {"word/document.xml": _docx_xml(
            _para("&lol9;"), f'<!DOCTYPE w:document [<!ENTITY lol0 "lol">{LAUGHS}]>')}),
        "empty-body.docx": _docx_with(docx, {"word/document.xml": _docx_xml("")}),
        "zero.docx": b"",
        "laughs.html": (f'<!DOCTYPE html [<!ENTITY lol0 "lol">{LAUGHS}]><html><body><p>&lol9;</p>'
                        f'<p>政府信息公开工作年度报告 &lol9;</p></body></html>').encode("utf-8"),
        "xxe.html": (f'<!DOCTYPE html [<!ENTITY canary SYSTEM "file://{canary}">]><html><body>'
                     f'<p>政府信息公开&canary;</p><iframe src="file://{canary}"></iframe></body></html>').encode(),
        "nested-div.html": b"<html><body>" + b"<div>" * 200_000 + b"x" + b"</div>" * 200_000 + b"</body></html>",
        "nested-unclosed.html": b"<html><body>" + b"<blockquote>" * 200_000 + "政府信息公开".encode(),
        "nested-span.html": b"<html><body><p>" + b"<span>" * 200_000 + "信息".encode() + b"</span>" * 200_000,
        "huge.txt": txt * (30 * 1024 * 1024 // len(txt) + 1),
        "nul-head.txt": b"\x00" * 64 + txt,
        "nul-tail.txt": txt + b"\x00" * 100 + txt,
        "bad-utf8.txt": bytes(b if rng.random() > 0.02 else rng.choice([0xff, 0xfe, 0xc0, 0x80]) for b in txt),
        "spaces.txt": "统计期限为".encode() + b" " * 300_000 + "2023年1月1日".encode() + b"\n" * 100_000 + txt,
        "cr-only.txt": txt.replace(b"\n", b"\r"),
        "utf16-odd.txt": b"\xff\xfe" + "年报".encode("utf-16-le") + b"\x00",
        "encrypted.doc": report_doc(rep, encrypt=True),
        "bogus-pieces.doc": report_doc(rep, bogus_pieces=True),
        "truncated.doc": doc[: len(doc) // 2],
        "random-ole.doc": doc[:512] + rng.randbytes(len(doc) - 512),
        "image-only.ofd": ofd_bytes(rep, scanned=True),
        "truncated.ofd": ofd[: len(ofd) // 2],
        "zip-bomb.ofd": _docx_with(ofd, {}, {"Doc_0/Res/pad.bin": b"\x00" * (60 << 20)}),
        "xxe.ofd": _docx_with(ofd, {"Doc_0/Pages/Page_0/Content.xml": (
            f'<?xml version="1.0"?><!DOCTYPE Page [<!ENTITY canary SYSTEM "file://{canary}">]>'
            '<Page><Content><Layer><TextObject Boundary="20 40 170 6" Size="4.2"><TextCode X="0" Y="4.2">'
            "政府信息公开工作年度报告&canary;</TextCode></TextObject></Layer></Content></Page>").encode()}),
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    loop = d / "loopdir"
    loop.mkdir()
    (loop / "report.txt").write_bytes(txt)
    os.symlink(loop, loop / "self")
    os.symlink(loop / "a", loop / "b")
    os.symlink(loop / "b", loop / "a")
    return d


def _one_clear_line(r: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    assert r.returncode in (0, 1, 2), (r.returncode, r.stderr[-2000:])
    if r.returncode == 2:
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and lines[0].startswith("reportlint: "), r.stderr[-2000:]
        assert " E0" in lines[0], lines[0]


EXPECT = {  # file → the E-code it must stop with (None: it may be read and give findings)
    "truncated.pdf": "E012", "header-only.pdf": "E012", "random.pdf": "E012", "html-named.pdf": None,
    "encrypted.pdf": "E011", "zip-bomb.docx": "E020", "random-zip.docx": "E013", "truncated.docx": "E013",
    "xxe.docx": None, "xxe-param.docx": None, "laughs.docx": "E013?", "empty-body.docx": "E002", "zero.docx": "E002",
    "laughs.html": None, "xxe.html": None, "nested-div.html": "E020", "nested-unclosed.html": "E020",
    "nested-span.html": "E020", "huge.txt": "E020", "nul-head.txt": "E003", "nul-tail.txt": "E003?",
    "bad-utf8.txt": "E004?", "spaces.txt": None, "cr-only.txt": None, "utf16-odd.txt": None,
    "encrypted.doc": "E016", "bogus-pieces.doc": "E017", "truncated.doc": "E017", "random-ole.doc": "E017",
    "image-only.ofd": "E010", "truncated.ofd": "E018", "zip-bomb.ofd": "E020", "xxe.ofd": None,
}


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_bad_input_is_one_line_or_findings(corpus, name):
    r = run_bounded("check", corpus / name, "--format", "json")
    _one_clear_line(r)
    want = EXPECT[name]
    if want and want.endswith("?"):  # this code or findings
        want = want[:-1] if r.returncode == 2 else None
    if want:
        assert r.returncode == 2 and f" {want} " in r.stderr, r.stderr
        if want == "E020":
            assert "max_" in r.stderr  # the limit is named
        doc = json.loads(r.stdout)
        assert doc["files"][0]["error"]["code"] == want
    else:
        assert r.returncode in (0, 1), r.stderr
        assert CANARY not in r.stdout and "root:x:0:0" not in r.stdout


def test_extract_and_clean_never_trace_on_bad_input(corpus, tmp_path):
    for name in ("truncated.pdf", "zip-bomb.docx", "nested-div.html", "huge.txt", "zero.docx", "bogus-pieces.doc",
                 "truncated.ofd"):
        r = run_bounded("extract", corpus / name)
        _one_clear_line(r)
        assert r.returncode == 2
        r = run_bounded("clean", corpus / name, "-o", tmp_path / "out.txt")
        _one_clear_line(r)
        assert r.returncode == 2 and not (tmp_path / "out.txt").exists()


@pytest.mark.parametrize("name", ["xxe.docx", "xxe-param.docx", "xxe.html", "xxe.ofd"])
def test_xxe_never_leaks_a_local_file(corpus, tmp_path, name):
    outs = []
    r = run_bounded("extract", corpus / name, "--json")
    outs.append(r.stdout + r.stderr)
    r = run_bounded("check", corpus / name, "--format", "json", "-o", tmp_path / "r.json")
    outs.append(r.stdout + r.stderr + (tmp_path / "r.json").read_text(encoding="utf-8"))
    r = run_bounded("clean", corpus / name, "-o", tmp_path / "c.txt", "--log", tmp_path / "c.json")
    outs.append(r.stdout + r.stderr)
    for f in ("c.txt", "c.json"):
        if (tmp_path / f).exists():
            outs.append((tmp_path / f).read_text(encoding="utf-8", errors="replace"))
    for o in outs:
        assert "Traceback" not in o
        assert CANARY not in o and "root:x:0:0" not in o
    if name in ("xxe.docx", "xxe.ofd"):  # the document itself is read (the entity is simply not expanded)
        assert "政府信息公开工作年度报告" in outs[0]


def test_billion_laughs_are_not_expanded(corpus):
    for name in ("laughs.docx", "laughs.html"):
        r = run_bounded("extract", corpus / name)
        _one_clear_line(r)  # lxml may refuse the amplification itself (E013); never expanded
        assert r.returncode == 0 or "E013" in r.stderr, r.stderr
        assert r.stdout.count("lol") < 100  # 10⁹ when expanded


def test_symlink_loop_directory_terminates(corpus):
    r = run_bounded("check", corpus / "loopdir", "--format", "json")
    assert "Traceback" not in r.stderr
    doc = json.loads(r.stdout)
    paths = [f["path"] for f in doc["files"]]
    assert any(p.endswith("report.txt") for p in paths)
    assert len(paths) <= 4  # each entry at most once, no walk into the loop
    r = run_bounded("check", corpus / "loopdir" / "a")
    _one_clear_line(r)
    assert r.returncode == 2


# -- the limits themselves, in process -----------------------------------------------------------------------------

def test_limits_are_configurable_and_named(corpus):
    data = (corpus / "good.txt").read_bytes()
    with pytest.raises(ReportlintError) as e:
        extract(data, "good.txt", Limits(max_input_bytes=100))
    assert e.value.code == "E020" and "max_input_bytes" in e.value.detail
    with pytest.raises(ReportlintError) as e:
        extract(data, "good.txt", Limits(max_text_chars=50))
    assert e.value.code == "E020" and "max_text_chars" in e.value.detail
    docx = (corpus / "good.docx").read_bytes()
    with pytest.raises(ReportlintError) as e:
        extract(docx, "good.docx", Limits(max_unzipped_bytes=10_000))
    assert e.value.code == "E020" and "max_unzipped_bytes" in e.value.detail
    with pytest.raises(ReportlintError) as e:
        extract(docx, "good.docx", Limits(max_zip_members=2))
    assert "max_zip_members" in e.value.detail
    pdf = pdf_bytes(make_report(seed=1))
    with pytest.raises(ReportlintError) as e:
        extract(pdf, "r.pdf", Limits(max_pdf_pages=1))
    assert e.value.code == "E020" and "max_pdf_pages" in e.value.detail
    assert extract(pdf, "r.pdf").pages >= 2  # within the default bound
    res = check_bytes(data, "good.txt", Config(limits=Limits(max_text_chars=50)))
    assert res.error["code"] == "E020" and not res.findings
    assert Limits().updated(max_pdf_pages=5).max_pdf_pages == 5
    with pytest.raises(ValueError):
        Limits().updated(max_pages=5)


def test_html_depth_estimate():
    assert html_depth(b"<html><body><div><p>a<p>b<br><img src=x></div></body></html>") == 1
    assert html_depth(b"<DIV>" * 50 + b"</div>" * 50) == 50
    assert html_depth(b"<div></div>" * 1000) == 1
    assert html_depth(b"<script>" + b"<div>" * 100 + b"</script><!--" + b"<div>" * 100 + b"-->") == 0
    assert html_depth(b"<ul><li>a<li>b<ul><li>c</ul></ul>") == 2
    assert html_depth(b"<div>" * 100, stop_above=10) == 11


def test_stdin_is_read_to_the_bound_only(tmp_path):
    big = b"a" * (2 * 1024 * 1024)
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT))
    code = ("import sys; from checker.engine import read_input; from checker.limits import Limits\n"
            "try:\n    read_input('-', Limits(max_input_bytes=1024))\n"
            "except Exception as e:\n    print(type(e).__name__, e.code, e.detail)\n")
    r = subprocess.run([sys.executable, "-c", code], input=big, capture_output=True, env=env, timeout=60)
    assert b"E020" in r.stdout and b"max_input_bytes" in r.stdout, r.stdout + r.stderr


# -- the input is never written; outputs never replace it ------------------------------------------------------------

def test_input_is_never_opened_for_writing(tmp_path):
    rep = make_report(seed=5)
    src = write_txt(rep, tmp_path / "r.txt")
    before = src.read_bytes()
    os.chmod(src, stat.S_IRUSR)
    os.chmod(tmp_path, stat.S_IRUSR | stat.S_IXUSR)  # nothing can be created next to it either
    try:
        st = os.stat(src)
        for args in (("check", src), ("extract", src), ("clean", src), ("check", src, "--format", "json")):
            r = run_bounded(*args)
            assert "Traceback" not in r.stderr and r.returncode in (0, 1), r.stderr
        assert src.read_bytes() == before and os.stat(src).st_mtime_ns == st.st_mtime_ns
    finally:
        os.chmod(tmp_path, stat.S_IRWXU)
        os.chmod(src, stat.S_IRUSR | stat.S_IWUSR)


def test_clean_refuses_the_input_through_a_link(tmp_path):
    rep = make_report(seed=6)
    src = write_html(rep, tmp_path / "r.html")
    before = src.read_bytes()
    os.symlink(src, tmp_path / "sym.html")
    os.link(src, tmp_path / "hard.html")
    for out in ("sym.html", "hard.html"):
        for opt in ("-o", "--log"):
            r = run_bounded("clean", src, opt, tmp_path / out)
            assert r.returncode == 2 and "拒绝覆盖" in r.stderr, r.stderr
        r = run_bounded("clean", tmp_path / out, "-o", src)
        assert r.returncode == 2 and "拒绝覆盖" in r.stderr
    assert src.read_bytes() == before


def test_output_write_failure_is_one_line(tmp_path):
    rep = make_report(seed=7)
    src = write_txt(rep, tmp_path / "r.txt")
    r = run_bounded("check", src, "--format", "json", "-o", tmp_path / "missing-dir" / "out.json")
    _one_clear_line(r)
    assert r.returncode == 2 and "E030" in r.stderr


# -- regular expressions cannot backtrack catastrophically ---------------------------------------------------------

REDOS = r'''
import ast, importlib, pkgutil, re, pathlib, sys
import checker
SHARD, SHARDS = int(sys.argv[1]), int(sys.argv[2])  # this process scans every SHARDS-th pattern from SHARD
L = 50_000
PER_PATTERN = 30.0  # CPU seconds for one pattern on all the strings: the slowest linear one takes ~8 s
root = pathlib.Path(checker.__file__).parent
pats = {}
for mi in pkgutil.walk_packages([str(root)], "checker."):
    m = importlib.import_module(mi.name)
    for v in list(vars(m).values()):
        for x in [v] + (list(v) if isinstance(v, (list, tuple)) else []):
            x = x[0] if isinstance(x, tuple) and x else x
            if isinstance(x, re.Pattern):
                pats[(x.pattern, x.flags)] = x
for f in root.rglob("*.py"):  # literal patterns of re.sub / re.search … calls inside functions
    for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, (str, bytes))):
            c = re.compile(node.args[0].value)
            pats.setdefault((c.pattern, c.flags), c)
units = [" ", "\n", " \n", "\t", "0", "1", "年", "月", "日", "一", "|", "-", "| ", "-- ", "如对", "请与", ",", "{", "a", "<a "]
heads = ["", "0", "010", "2024年", "统计期限为", "截至", "日期", "第一章", "一", "|", "如对", "<meta ", "这是"]
strings = [h + u * (L // len(u)) + "x" for u in units for h in heads]
import time
slow = []
mine = [pats[k] for k in sorted(pats, key=repr)][SHARD::SHARDS]
for c in mine:
    t0 = time.process_time()
    for s in strings:
        s = s.encode("utf-8") if isinstance(c.pattern, bytes) else s
        c.match(s)
        for _ in c.finditer(s):
            pass
    spent = time.process_time() - t0
    if spent > PER_PATTERN:
        slow.append((round(spent, 1), c.pattern[:160]))
for t, p in slow:
    print("slow", t, repr(p))
print("patterns", len(mine))
'''


def test_no_pattern_backtracks_catastrophically():
    """Every compiled pattern of checker/ and every literal re.* pattern, on long runs of spaces, newlines, digits,
    年月日 … behind the prefixes that start them. Quadratic patterns take minutes here; linear ones seconds."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    # The bound is per pattern and on CPU time (not the wall clock, so a machine shared with other test runs does not
    # fail it): a linear pattern takes at most ~8 s on all the strings, a quadratic one minutes. The whole scan grows
    # with the number of patterns (~150 s for ~1,000 of them at the end of session 5; it was ~50 s when the pattern
    # set was smaller); RLIMIT_CPU and the wall timeout only catch a hang.
    def limit():
        resource.setrlimit(resource.RLIMIT_CPU, (900, 900))

    # two processes, each on every other pattern, so that a two-core machine scans in half the wall time
    shards = 2
    procs = [subprocess.Popen([sys.executable, "-c", REDOS, str(i), str(shards)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env, preexec_fn=limit) for i in range(shards)]
    found = 0
    for p in procs:
        out, err = p.communicate(timeout=1200)
        assert p.returncode == 0, (p.returncode, err[-2000:])
        slow = [x for x in out.splitlines() if x.startswith("slow ")]
        assert not slow, slow
        found += int(out.split()[-1])
    assert found > 50  # they found the patterns
