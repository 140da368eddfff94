"""The seed report end to end through the real CLI: the exact set of codes, facts, clean."""

import json

from conftest import SEED, run_on_pty

SEED_CODES = {"GOV-M004", "GOV-S001", "GOV-S005", "GOV-K001", "GOV-K002", "GOV-K003", "GOV-K004", "GOV-K008", "GOV-K010",
              "GOV-K014"}  # the casino mirror's 网站地图 under its footer (the page carries an injected ad)


def test_seed_codes_and_facts(cli):
    r = cli("check", SEED, "--format", "json")
    assert r.returncode == 1, r.stderr
    doc = json.loads(r.stdout)
    f = doc["files"][0]
    codes = {x["code"] for x in f["findings"]}
    assert codes == SEED_CODES
    ads = [x for x in f["findings"] if x["code"] == "GOV-K001"]
    assert [x["match"] for x in ads] == ["麻将胡了最新官方版下载"]
    assert ads[0]["severity"] == "error"
    signals = {s["signal"] for s in ads[0]["evidence"]["signals"]}
    assert {"brand", "enumeration-break"} <= signals
    assert f["facts"]["year"] == 2023
    assert f["facts"]["period"] == {"start": "2023-01-01", "end": "2023-12-31"}
    assert f["facts"]["organ"] == "霍邱县扈胡镇人民政府"
    assert f["facts"]["organ_type"] == "township"
    assert "GOV-P002" not in codes
    late = [x for x in f["findings"] if x["code"] == "GOV-M004"]
    assert late[0]["severity"] == "warning" and late[0]["evidence"]["published"] == "2024-09-09"
    footer = [x for x in f["findings"] if x["code"] == "GOV-K002"]
    assert footer and "PG电子" in footer[0]["match"]
    k3 = [x for x in f["findings"] if x["code"] == "GOV-K003"]
    assert [x["match"] for x in k3] == ["020-88888888"]
    k4 = [x for x in f["findings"] if x["code"] == "GOV-K004"]
    assert k4 and k4[0]["evidence"]["organ_province"] == "安徽省"
    assert {fld["province"] for fld in k4[0]["evidence"]["fields"]} == {"广东省"}
    k8 = [x for x in f["findings"] if x["code"] == "GOV-K008"]
    assert k8[0]["match"].endswith("请与霍邱县扈胡镇")


def test_seed_console_shows_facts_and_highlight(cli):
    r = cli("check", SEED, "--color")
    assert r.returncode == 1
    out = r.stdout
    assert "霍邱县扈胡镇人民政府2023年政府信息公开工作年度报告" in out
    assert "2023-01-01" in out and "2023-12-31" in out
    assert "\x1b[1;7m麻将胡了最新官方版下载" in out  # the flagged text highlighted (bold reverse)
    assert "GOV-K001" in out and "汇总" in out


def test_seed_clean(cli, tmp_path):
    out, log = tmp_path / "clean.txt", tmp_path / "log.json"
    before = SEED.read_bytes()
    r = cli("clean", SEED, "-o", out, "--log", log)
    assert r.returncode == 0, r.stderr
    assert SEED.read_bytes() == before  # the input is never modified
    text = out.read_text(encoding="utf-8")
    assert "麻将胡了" not in text and "PG电子" not in text and "020-88888888" not in text
    assert "网站地图" not in text and "浏览次数" not in text
    assert "信息公开栏、村民微信群等渠道" in text
    # everything else is kept: every remaining line of the original is still there
    orig_lines = SEED.read_text(encoding="utf-8").splitlines()
    kept = [ln for ln in orig_lines if not any(w in ln for w in ("麻将胡了", "PG电子", "020-", "网站地图", "浏览次数"))]
    for ln in kept:
        assert ln in text
    entries = json.loads(log.read_text(encoding="utf-8"))["removed"]
    assert any(e["text"] == "麻将胡了最新官方版下载" for e in entries)
    # idempotent: cleaning the cleaned copy removes nothing more
    out2 = tmp_path / "clean2.txt"
    r2 = cli("clean", out, "-o", out2, "--log", tmp_path / "log2.json")
    assert r2.returncode == 0
    assert out2.read_text(encoding="utf-8") == text


def test_cleaned_seed_has_no_contamination_errors(cli, tmp_path):
    out = tmp_path / "clean.txt"
    cli("clean", SEED, "-o", out, "--log", tmp_path / "l.json")
    r = cli("check", out, "--format", "json", "--select", "GOV-K")
    f = json.loads(r.stdout)["files"][0]
    assert not [x for x in f["findings"] if x["severity"] == "error"]


def test_colour_environment_variables(cli, tmp_path):
    """NO_COLOR (no-color.org) and FORCE_COLOR as other command-line tools honour them; the flags win over both."""
    forced = cli("check", SEED, env={"FORCE_COLOR": "1", "NO_COLOR": ""})  # a pipe, colours forced on (empty: unset)
    assert "\x1b[" in forced.stdout
    both = cli("check", SEED, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in both.stdout  # NO_COLOR wins
    assert "\x1b[" in cli("check", SEED, "--color", env={"NO_COLOR": "1"}).stdout  # the flag wins
    # on a terminal: colours by default, none under NO_COLOR
    for extra, coloured in (({}, True), ({"NO_COLOR": "1"}, False)):
        _, out = run_on_pty("check", SEED, stream="stdout", env=extra)
        assert "霍邱县扈胡镇" in out
        assert ("\x1b[" in out) is coloured, extra
