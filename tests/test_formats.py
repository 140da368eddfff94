"""Machine formats: SARIF against the official schema, JUnit as XML, GitLab Code Quality fields, GitHub workflow
commands; golden snapshots of every format for the seed (REPORTLINT_UPDATE_SNAPSHOTS=1 rewrites them)."""

import json
import os
import re
import xml.etree.ElementTree as ET

import pytest

from checker import __version__
from checker.packs import load_pack
from checker.render.github import command, escape_data, escape_property
from conftest import ROOT, SEED, SHARED

SNAPSHOTS = ROOT / "tests" / "snapshots"
SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
SEED_REL = SEED.relative_to(ROOT).as_posix()
SNAP = {"console": "seed.console.txt", "concise": "seed.concise.txt", "json": "seed.json", "sarif": "seed.sarif",
        "junit": "seed.junit.xml", "github": "seed.github.txt", "gitlab": "seed.gitlab.json"}
UPDATE = os.environ.get("REPORTLINT_UPDATE_SNAPSHOTS") == "1"
CLEAN = """某某县人民政府2023年政府信息公开工作年度报告

本年度报告中所列数据统计期限为2023年1月1日至2023年12月31日。

一、总体情况
2023年，某某县人民政府认真贯彻落实《中华人民共和国政府信息公开条例》。
二、主动公开政府信息情况
本年主动公开政府信息1200条。
三、收到和处理政府信息公开申请情况
本年新收申请12件。
四、政府信息公开行政复议、行政诉讼情况
未发生行政复议、行政诉讼。
五、存在的主要问题及改进情况
存在问题：公开质量有待提高。改进措施：加强培训。
六、其他需要报告的事项
本年度未收取信息处理费。
"""


def normalise(text: str) -> str:
    """Volatile fields out: the tool version and the rule pack hash."""
    text = text.replace(load_pack().sha256, "<RULES_SHA256>")
    text = re.sub(r'("(?:version|semanticVersion)": )"' + re.escape(__version__) + '"', r'\1"<VERSION>"', text)
    return text.replace(f'value="{__version__}"', 'value="<VERSION>"')


CACHE = {}


@pytest.fixture(scope="module", autouse=True)
def _shared_cache(tmp_path_factory):
    """One result cache for the module: each input is extracted once, every other format is served from the cache
    (whose output is byte-identical: tests/test_cache.py)."""
    CACHE["dir"] = tmp_path_factory.mktemp("cache")
    yield
    CACHE.clear()


def check(cli, *args, **kw):
    return cli("check", *args, "--cache-dir", CACHE["dir"], cwd=kw.pop("cwd", ROOT), **kw)


@pytest.mark.parametrize("fmt", list(SNAP))
def test_snapshot(cli, fmt):
    r = check(cli, SEED_REL, "--format", fmt, env={"COLUMNS": "80"})  # the console lays out for 80 columns
    assert r.returncode == 1, r.stderr
    got = normalise(r.stdout)
    snap = SNAPSHOTS / SNAP[fmt]
    if UPDATE or not snap.exists():
        SNAPSHOTS.mkdir(exist_ok=True)
        snap.write_text(got, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{snap.name} was missing and has been written: review it and commit it")
    want = snap.read_text(encoding="utf-8")
    assert got == want, (f"rendered {fmt} output differs from {snap.relative_to(ROOT)}; if the change is intended, "
                         f"rerun with REPORTLINT_UPDATE_SNAPSHOTS=1 and review the diff")


def test_snapshot_normalisation_leaves_content():
    s = normalise(f'"version": "{__version__}", "version": "2.1.0"')
    assert s == '"version": "<VERSION>", "version": "2.1.0"'


# -- SARIF -----------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sarif_validator():
    if not SCHEMA.exists():
        pytest.skip(f"the official SARIF schema is not at {SCHEMA} (shared/schemas is beside the checkout)")
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def assert_valid(validator, doc):
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message[:200]}" for e in errors[:5])


def test_sarif_seed_valid_and_complete(cli, sarif_validator):
    doc = json.loads(check(cli, SEED_REL, "--format", "sarif").stdout)
    assert_valid(sarif_validator, doc)
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    rules = {x["id"]: x for x in driver["rules"]}
    assert driver["name"] == "reportlint" and driver["version"] == __version__
    pack = load_pack()
    for rid, x in rules.items():
        rule = pack.rule(rid)
        assert x["name"] == rule.name and x["shortDescription"]["text"] == rule.summary
        assert x["fullDescription"]["text"] == rule.doc["检查什么"].strip()
        assert "为何" in x["help"]["text"]
        assert x["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[
            str(rule.severity)]
    js = json.loads(check(cli, SEED_REL, "--format", "json").stdout)["files"][0]["findings"]
    assert len(run["results"]) == len(js)
    text = SEED.read_text(encoding="utf-8")
    for res, f in zip(run["results"], js):
        assert res["ruleId"] == f["code"] and driver["rules"][res["ruleIndex"]]["id"] == f["code"]
        assert res["message"]["text"] == f["message"]
        assert res["partialFingerprints"]["reportlint/v1"] == f["fingerprint"]
        phys = res["locations"][0]["physicalLocation"]
        assert phys["artifactLocation"]["uri"] == SEED_REL
        if f["match"]:
            reg = phys["region"]
            assert text[reg["charOffset"]:reg["charOffset"] + reg["charLength"]] == f["match"]
            assert (reg["startLine"], reg["startColumn"]) == (f["location"]["line"], f["location"]["column"])
            line = text.split("\n")[reg["endLine"] - 1]
            assert line[:reg["endColumn"] - 1].endswith(f["match"].split("\n")[-1])
        else:
            assert "region" not in phys  # an absence has no place in the file
        if f["fix"]:
            reps = res["fixes"][0]["artifactChanges"][0]["replacements"]
            assert [(x["deletedRegion"]["charOffset"], x["deletedRegion"]["charLength"]) for x in reps] == \
                [(e["start"], e["end"] - e["start"]) for e in f["fix"]["edits"]]
    assert any("fixes" in x for x in run["results"])


def test_sarif_other_shapes_valid(cli, tmp_path, sarif_validator):
    """An unreadable file, an HTML input (no region) and a baselined run all validate."""
    html = tmp_path / "r.html"
    body = "".join(f"<p>{line}</p>" for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip())
    html.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = check(cli, html, empty, "--format", "sarif")
    assert r.returncode == 2
    doc = json.loads(r.stdout)
    assert_valid(sarif_validator, doc)
    inv = doc["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False and inv["toolExecutionNotifications"][0]["descriptor"]["id"] == "E002"
    k001 = [x for x in doc["runs"][0]["results"] if x["ruleId"] == "GOV-K001"][0]
    region = k001["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": k001["locations"][0]["properties"]["textLine"]}  # the extracted line only
    assert k001["locations"][0]["properties"]["textEnd"] > k001["locations"][0]["properties"]["textStart"]
    bl = tmp_path / "baseline.json"
    seed = tmp_path / "seed.txt"
    seed.write_bytes(SEED.read_bytes())
    check(cli, seed, "--write-baseline", bl)
    data = json.loads(bl.read_text(encoding="utf-8"))
    data["entries"][0]["reason"] = "已核实：转载页面问题"
    bl.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = check(cli, seed, "--format", "sarif", "--baseline", bl)
    assert r.returncode == 0
    doc = json.loads(r.stdout)
    assert_valid(sarif_validator, doc)
    sup = [x["suppressions"][0] for x in doc["runs"][0]["results"]]
    assert len(sup) == len(data["entries"]) and all(s["kind"] == "external" for s in sup)
    assert "已核实：转载页面问题" in [s.get("justification") for s in sup]


def test_sarif_pdf_and_docx_results_carry_the_extracted_line_and_rules_a_help_uri(cli, tmp_path, sarif_validator):
    from fixtures.generate import make_report, write_docx, write_pdf

    rep = make_report(seed=2, defects={"ad": True, "wrong_total": ("T3", 23, 6, 5)})
    pdf, docx = write_pdf(rep, tmp_path / "r.pdf"), write_docx(rep, tmp_path / "r.docx")
    r = check(cli, pdf, docx, "--format", "sarif")
    doc = json.loads(r.stdout)
    assert_valid(sarif_validator, doc)
    run = doc["runs"][0]
    assert run["results"]
    extracted = {p: cli("extract", p).stdout.split("\n") for p in (pdf, docx)}
    for res in run["results"]:
        loc = res["locations"][0]
        line = loc["physicalLocation"]["region"]["startLine"]
        path = pdf if loc["physicalLocation"]["artifactLocation"]["uri"].endswith("r.pdf") else docx
        props = loc["properties"]
        assert props["textLine"] == line
        if res["properties"].get("match"):
            assert res["properties"]["match"] in extracted[path][line - 1] + "\n" + extracted[path][line]
        assert ("page" in props) == (path == pdf) and ("paragraph" in props) == (path == docx)
    docs = ROOT / "docs" / "rules.md"
    for rule in run["tool"]["driver"]["rules"]:
        uri = rule["helpUri"]
        assert uri == f"docs/rules.md#{rule['id'].lower()}"
        assert f'<a id="{rule["id"].lower()}"></a>' in docs.read_text(encoding="utf-8")


# -- JUnit -----------------------------------------------------------------------------------------------------
def test_junit_is_xml_with_a_suite_per_file(cli, tmp_path):
    ok = tmp_path / "ok.txt"
    ok.write_text(CLEAN, encoding="utf-8")
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    seed = tmp_path / "seed.txt"
    seed.write_bytes(SEED.read_bytes())
    r = check(cli, seed, ok, bad, "--format", "junit")
    root = ET.fromstring(r.stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {str(seed), str(ok), str(bad)}
    js = json.loads(check(cli, seed, "--format", "json").stdout)["files"][0]
    failing = {f["code"] for f in js["findings"]}
    s = suites[str(seed)]
    failed = {tc.get("name").split()[0] for tc in s.findall("testcase") if tc.find("failure") is not None}
    assert failed == failing and int(s.get("failures")) == len(failing)
    assert int(s.get("tests")) == len(s.findall("testcase")) > len(failing)
    k001 = [tc for tc in s.findall("testcase") if tc.get("name").startswith("GOV-K001")][0]
    assert "麻将胡了最新官方版下载" in k001.find("failure").text
    ok_codes = {f["code"] for f in json.loads(check(cli, ok, "--format", "json").stdout)["files"][0]["findings"]}
    assert suites[str(ok)].get("failures") == str(len(ok_codes))
    assert suites[str(bad)].find("testcase/error").get("type") == "E002"
    assert int(root.get("tests")) == sum(int(x.get("tests")) for x in suites.values())


# -- GitLab ----------------------------------------------------------------------------------------------------
def test_gitlab_code_quality_fields(cli):
    issues = json.loads(check(cli, SEED_REL, "--format", "gitlab").stdout)
    js = json.loads(check(cli, SEED_REL, "--format", "json").stdout)["files"][0]["findings"]
    assert isinstance(issues, list) and len(issues) == len(js)
    for i, f in zip(issues, js):
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(i)
        assert i["check_name"] == f["code"] and f["message"] in i["description"]
        assert i["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert i["location"]["path"] == SEED_REL
        assert isinstance(i["location"]["lines"]["begin"], int) and i["location"]["lines"]["begin"] >= 1
        if f["match"]:
            assert i["location"]["lines"]["begin"] == f["location"]["line"]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["severity"] for i in issues} == {"major", "minor", "info"}


# -- GitHub ----------------------------------------------------------------------------------------------------
WORKFLOW = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def parse_command(line):
    m = WORKFLOW.match(line)
    assert m, line
    props = dict(kv.split("=", 1) for kv in m.group(2).split(",")) if m.group(2) else {}
    return m.group(1), props, m.group(3)


def test_github_workflow_commands(cli):
    out = check(cli, SEED_REL, "--format", "github").stdout
    js = json.loads(check(cli, SEED_REL, "--format", "json").stdout)["files"][0]["findings"]
    lines = out.splitlines()
    assert len(lines) == len(js)
    for line, f in zip(lines, js):
        kind, props, msg = parse_command(line)
        assert kind == {"error": "error", "warning": "warning", "info": "notice"}[f["severity"]]
        assert props["file"] == SEED_REL and props["title"] == f["code"]
        assert f["message"] in msg
        if f["match"]:
            assert (int(props["line"]), int(props["col"])) == (f["location"]["line"], f["location"]["column"])
            assert int(props["endLine"]) >= int(props["line"])
        else:
            assert "line" not in props


def test_github_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = command("error", {"file": "a,b:c.txt", "line": 3, "title": "GOV-K001"}, "多行\n消息: 100%")
    kind, props, msg = parse_command(line)
    assert props == {"file": "a%2Cb%3Ac.txt", "line": "3", "title": "GOV-K001"} and msg == "多行%0A消息: 100%25"
    assert "\n" not in line


# -- statistics, exit-zero, -o ---------------------------------------------------------------------------------
def test_statistics_and_exit_zero(cli, tmp_path):
    r = check(cli, SEED_REL, "--statistics")
    js = json.loads(check(cli, SEED_REL, "--format", "json").stdout)["files"][0]["findings"]
    counts = {}
    for f in js:
        counts[f["code"]] = counts.get(f["code"], 0) + 1
    got = {}
    for line in r.stdout.splitlines():
        n, code = line.split()[:2]
        got[code] = int(n)
    assert got == counts and r.returncode == 1
    rows = json.loads(check(cli, SEED_REL, "--statistics", "--format", "json").stdout)
    assert {x["code"]: x["count"] for x in rows} == counts
    assert [x["count"] for x in rows] == sorted((x["count"] for x in rows), reverse=True)
    out = tmp_path / "r.sarif"
    r = check(cli, SEED_REL, "--format", "sarif", "-o", out, "--exit-zero")
    assert r.returncode == 0 and r.stdout == "" and json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert check(cli, empty, "--exit-zero").returncode == 2  # unreadable input still fails
