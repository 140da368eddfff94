"""Baseline: recorded findings are suppressed by content-anchored fingerprints that survive edits elsewhere and
re-extraction; suppressed counts are reported; entries that no longer match are reported (stderr and JSON)."""

import datetime as dt
import html
import json

import pytest

from conftest import SEED


def setup(tmp_path):
    p = tmp_path / "reports" / "seed.txt"
    p.parent.mkdir(parents=True)
    p.write_bytes(SEED.read_bytes())
    return p, tmp_path / "baseline.json"


CACHE = {}


@pytest.fixture(scope="module", autouse=True)
def _shared_cache(tmp_path_factory):
    CACHE["dir"] = tmp_path_factory.mktemp("cache")  # unchanged inputs are extracted once for the module
    yield
    CACHE.clear()


def run(cli, *args, **kw):
    return cli("check", *args, "--cache-dir", CACHE["dir"], **kw)


def test_write_then_suppress_everything(cli, tmp_path):
    p, bl = setup(tmp_path)
    before = json.loads(run(cli, p, "--format", "json").stdout)["files"][0]["findings"]
    r = run(cli, p, "--write-baseline", bl)
    assert r.returncode == 0 and f"已把 {len(before)} 条基线记录写入" in r.stderr
    data = json.loads(bl.read_text(encoding="utf-8"))
    assert len(data["entries"]) == len(before)
    e = data["entries"][0]
    assert set(e) == {"code", "path", "match", "fingerprint", "reason", "created"}
    assert e["path"] == "reports/seed.txt" and e["reason"] == "" and dt.date.fromisoformat(e["created"])
    assert {(x["code"], x["fingerprint"]) for x in data["entries"]} == {(f["code"], f["fingerprint"]) for f in before}
    r = run(cli, p, "--format", "json", "--baseline", bl)
    doc = json.loads(r.stdout)
    assert r.returncode == 0 and doc["files"][0]["findings"] == []
    assert doc["summary"]["suppressed"] == len(before) and doc["summary"]["baseline"]["unmatched"] == []
    r = run(cli, p, "--baseline", bl)  # console shows the suppressed count
    assert f"已忽略 {len(before)} 项" in r.stdout


def test_survives_unrelated_edit_and_reports_stale_entries(cli, tmp_path):
    p, bl = setup(tmp_path)
    run(cli, p, "--write-baseline", bl)
    text = p.read_text(encoding="utf-8")
    lines = text.split("\n")
    # an unrelated paragraph edited, one inserted near the top: every offset after it moves
    i = next(n for n, line in enumerate(lines) if "进一步健全政务信息发布审核机制" in line)
    lines[i] = lines[i].replace("进一步健全", "进一步完善和健全")
    lines.insert(3, "  本报告由镇党政办公室编制，新增一段与问题无关的说明文字。")
    p.write_text("\n".join(lines), encoding="utf-8")
    r = run(cli, p, "--format", "json", "--baseline", bl)
    doc = json.loads(r.stdout)
    assert doc["files"][0]["findings"] == [], doc["files"][0]["findings"]
    assert doc["summary"]["baseline"]["unmatched"] == [] and r.returncode == 0
    # the injected ad removed: its entry no longer matches, and says so
    p.write_text(p.read_text(encoding="utf-8").replace("麻将胡了最新官方版下载", ""), encoding="utf-8")
    r = run(cli, p, "--format", "json", "--baseline", bl)
    doc = json.loads(r.stdout)
    stale = doc["summary"]["baseline"]["unmatched"]
    assert [e["code"] for e in stale] == ["GOV-K001"] and stale[0]["match"] == "麻将胡了最新官方版下载"
    assert "基线条目不再匹配" in r.stderr and "GOV-K001" in r.stderr


def test_new_finding_is_not_suppressed(cli, tmp_path):
    p, bl = setup(tmp_path)
    run(cli, p, "--write-baseline", bl)
    p.write_text(p.read_text(encoding="utf-8") + "\n联系电话:0551-66666666\n", encoding="utf-8")
    r = run(cli, p, "--format", "json", "--baseline", bl)
    codes = [f["code"] for f in json.loads(r.stdout)["files"][0]["findings"]]
    assert "GOV-K003" in codes


def test_fingerprints_survive_reextraction_as_html(cli, tmp_path):
    """The same report as text and as HTML: the same fingerprints (no offsets, no layout in them)."""
    text = SEED.read_text(encoding="utf-8")
    page = tmp_path / "seed.html"
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line.strip())
    page.write_text(f"<html><head><meta charset='utf-8'><title>t</title></head><body>{body}</body></html>",
                    encoding="utf-8")

    def fps(path):
        doc = json.loads(run(cli, path, "--format", "json").stdout)
        return sorted((f["code"], f["fingerprint"]) for f in doc["files"][0]["findings"])

    a, b = fps(SEED), fps(page)
    assert a and a == b


def test_reason_kept_on_rewrite_and_expiry(cli, tmp_path):
    p, bl = setup(tmp_path)
    run(cli, p, "--write-baseline", bl)
    data = json.loads(bl.read_text(encoding="utf-8"))
    k001 = next(e for e in data["entries"] if e["code"] == "GOV-K001")
    k001["reason"] = "原网站已整改，待下次转载更新"
    k001["created"] = "2024-01-02"
    bl.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run(cli, p, "--write-baseline", bl)
    again = next(e for e in json.loads(bl.read_text(encoding="utf-8"))["entries"] if e["code"] == "GOV-K001")
    assert again["reason"] == "原网站已整改，待下次转载更新" and again["created"] == "2024-01-02"
    data = json.loads(bl.read_text(encoding="utf-8"))
    next(e for e in data["entries"] if e["code"] == "GOV-K001")["expires"] = "2020-01-01"
    bl.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = run(cli, p, "--format", "json", "--baseline", bl)
    doc = json.loads(r.stdout)
    assert [f["code"] for f in doc["files"][0]["findings"]] == ["GOV-K001"] and r.returncode == 1
    assert doc["summary"]["baseline"]["expired"][0]["code"] == "GOV-K001" and "过期" in r.stderr


def test_entries_of_unchecked_files_are_not_stale(cli, tmp_path):
    p, bl = setup(tmp_path)
    q = tmp_path / "reports" / "other.txt"
    q.write_bytes(SEED.read_bytes())
    run(cli, p, q, "--write-baseline", bl)
    r = run(cli, p, "--format", "json", "--baseline", bl)  # only one of the two files checked
    assert json.loads(r.stdout)["summary"]["baseline"]["unmatched"] == []


def test_bad_baseline_is_exit_2(cli, tmp_path):
    p, bl = setup(tmp_path)
    r = run(cli, p, "--baseline", bl)
    assert r.returncode == 2 and "基线文件不存在" in r.stderr  # in the run's language (Chinese by default)
    bl.write_text("{not json", encoding="utf-8")
    r = run(cli, p, "--baseline", bl)
    assert r.returncode == 2 and "不是有效的 JSON" in r.stderr and "Traceback" not in r.stderr
    bl.write_text('{"entries": [{"code": "GOV-K001"}]}', encoding="utf-8")
    r = run(cli, p, "--baseline", bl)
    assert r.returncode == 2 and "缺少 path, fingerprint" in r.stderr
    r = run(cli, p, "--baseline", bl, "--lang", "en")
    assert r.returncode == 2 and "lacks path, fingerprint" in r.stderr
