"""CLI contracts through a subprocess: exit codes, bad input, JSON contract, commands."""

import json
import tempfile
from pathlib import Path

import pytest

from conftest import SEED
from fixtures.generate import make_report, write_txt

def _clean_report() -> str:
    """A complete, correct report (six sections, the three tables) from the fixture generator, as text."""
    with tempfile.TemporaryDirectory() as d:
        path = write_txt(make_report(seed=1, year=2023, organ="某某县人民政府"), Path(d) / "r.txt")
        return path.read_text(encoding="utf-8")


CLEAN_REPORT = _clean_report()


def check_contract(doc, texts):
    assert set(doc) == {"tool", "files", "summary"}
    assert doc["tool"]["name"] == "reportlint" and len(doc["tool"]["rules_sha256"]) == 64
    assert set(doc["summary"]) == {"files", "errors", "warnings", "infos"}
    for f in doc["files"]:
        assert set(f) >= {"path", "sha256", "format", "pack", "facts", "error", "findings", "not_assessed"}
        for x in f["findings"]:
            assert set(x) == {"code", "name", "severity", "message", "match", "location", "evidence", "fix",
                              "fingerprint"}
            loc = x["location"]
            assert {"start", "end", "line", "column", "page", "section", "table", "row", "col"} <= set(loc)
            assert x["severity"] in ("error", "warning", "info")
            text = texts[f["path"]]
            assert text[loc["start"]:loc["end"]] == x["match"]
            if x["fix"]:
                assert x["fix"]["safety"] in ("safe", "unsafe", "display-only")


def test_json_contract_matches_extract(cli):
    r = cli("check", SEED, "--format", "json")
    doc = json.loads(r.stdout)
    text = cli("extract", SEED).stdout
    # extract prints the text plus a final newline
    check_contract(doc, {str(SEED): text[:-1] if text.endswith("\n") else text})


def test_clean_report_exits_0(cli, tmp_path):
    p = tmp_path / "ok.txt"
    p.write_text(CLEAN_REPORT, encoding="utf-8")
    r = cli("check", p, "--format", "json")
    doc = json.loads(r.stdout)
    assert r.returncode == 0, doc
    assert doc["summary"]["errors"] == 0
    # a complete, correct report raises nothing at all
    assert doc["files"][0]["findings"] == []


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_encodings_and_crlf(cli, tmp_path, encoding):
    p = tmp_path / "r.txt"
    p.write_bytes(CLEAN_REPORT.replace("\n", "\r\n").encode(encoding))
    r = cli("check", p, "--format", "json")
    f = json.loads(r.stdout)["files"][0]
    assert f["facts"]["year"] == 2023 and f["facts"]["period"]["end"] == "2023-12-31"
    assert r.returncode == 0


def test_stdin(cli):
    r = cli("check", "-", "--format", "json", input=SEED.read_text(encoding="utf-8"))
    assert r.returncode == 1
    assert json.loads(r.stdout)["files"][0]["facts"]["year"] == 2023


def test_directory_walk(cli, tmp_path):
    (tmp_path / "a.txt").write_text(CLEAN_REPORT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes(SEED.read_bytes())
    r = cli("check", tmp_path, "--format", "json")
    doc = json.loads(r.stdout)
    assert doc["summary"]["files"] == 2 and r.returncode == 1


def one_line_error(r):
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, r.stderr
    return lines[0]


def test_missing_path(cli, tmp_path):
    assert "E001" in one_line_error(cli("check", tmp_path / "nope.txt"))


def test_empty_file(cli, tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert "E002" in one_line_error(cli("check", p))


def test_binary_named_txt(cli, tmp_path):
    p = tmp_path / "bin.txt"
    p.write_bytes(bytes(range(256)) * 20)
    assert "E003" in one_line_error(cli("check", p))


def test_unknown_zip(cli, tmp_path):
    import zipfile

    p = tmp_path / "x.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hi")
    assert "E003" in one_line_error(cli("check", p))


def test_usage_errors(cli):
    r = cli("check", SEED, "--format", "nope")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = cli("explain", "GOV-Z999")
    assert r.returncode == 2 and "GOV-Z999" in r.stderr


def test_rules_lists_catalogue(cli):
    r = cli("rules")
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert any(ln.startswith("GOV-K001") and "错误" in ln and "injected-ad" in ln for ln in lines)
    assert any(ln.startswith("GOV-T001") for ln in lines)


def test_explain_prints_doc(cli):
    r = cli("explain", "GOV-K001")
    assert r.returncode == 0
    for h in ("检查什么", "为何", "示例", "依据"):
        assert h in r.stdout


def test_lang_en(cli):
    r = cli("check", SEED, "--format", "json", "--lang", "en")
    msgs = [x["message"] for x in json.loads(r.stdout)["files"][0]["findings"]]
    assert any("advertisement" in m for m in msgs)


def test_select_and_fail_on(cli):
    r = cli("check", SEED, "--format", "json", "--select", "GOV-K003")
    doc = json.loads(r.stdout)
    assert {x["code"] for x in doc["files"][0]["findings"]} == {"GOV-K003"}
    assert r.returncode == 0  # K003 is a warning
    r = cli("check", SEED, "--select", "GOV-K003", "--fail-on", "warning")
    assert r.returncode == 1


def test_html_input(cli, tmp_path):
    page = ("<html><head><title>某某镇人民政府2023年政府信息公开工作年度报告</title>"
            "<style>.h{display:none}</style></head><body>"
            "<div class='nav'>首页 &gt; 政务公开 当前位置</div>"
            "<div id='zoom'><h1>某某镇人民政府2023年政府信息公开工作年度报告</h1>"
            "<p>本年度报告中所列数据统计期限为2023年1月1日至2023年12月31日。</p>"
            "<p class='h'>澳门新葡京官网入口</p><script>var x='麻将胡了';</script>"
            "<table><tr><td rowspan='2'>行政复议</td><td>结果维持</td></tr><tr><td>0</td></tr></table>"
            "<p>各村利用信息公开栏、村民微信群等渠道公开信息。</p></div>"
            "<div class='footer'>版权所有：某某镇人民政府 网站地图</div></body></html>")
    p = tmp_path / "page.pdf"  # sniffed by content, not by extension
    p.write_text(page, encoding="utf-8")
    ex = cli("extract", p, "--json")
    d = json.loads(ex.stdout)
    assert d["format"] == "html"
    kinds = {b["kind"] for b in d["blocks"]}
    assert {"table", "hidden", "chrome"} <= kinds
    assert "麻将胡了" not in d["text"]  # scripts are not text
    table = [b for b in d["blocks"] if b["kind"] == "table"][0]
    assert [0, 0, 2, 1, "行政复议"] in table["cells"]
    r = cli("check", p, "--format", "json")
    f = json.loads(r.stdout)["files"][0]
    assert f["facts"]["year"] == 2023 and f["facts"]["period"]["start"] == "2023-01-01"
    assert f["format"] == "html" and f["notes"] == ["named .pdf but read as html"]  # said so
    assert "扩展名为 .pdf，但内容按 html 读取" in cli("check", p).stdout  # said so, in the run's language
    assert "named .pdf but read as html" in cli("check", p, "--lang", "en").stdout
