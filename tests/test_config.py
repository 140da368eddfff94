"""Configuration: discovery by walking up, precedence (defaults < file < command line), every key, strict
validation (unknown keys and bad values are exit 2 naming the key and the allowed values)."""

import json
import re

import pytest

from checker.config import Config, ConfigError, find_config, parse_specifier, version_matches
from conftest import SEED


def seed_in(tmp_path, sub="reports/2023"):
    d = tmp_path / sub
    d.mkdir(parents=True, exist_ok=True)
    p = d / "seed.txt"
    p.write_bytes(SEED.read_bytes())
    return p


def codes(r):
    doc = json.loads(r.stdout)
    return [f["code"] for f in doc["files"][0]["findings"]], doc


def test_pyproject_found_walking_up_and_ignore_applies(cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.reportlint]\nignore = ["GOV-K010"]\n',
                                             encoding="utf-8")
    p = seed_in(tmp_path)
    r = cli("check", p, "--format", "json", "--no-cache")
    found, _ = codes(r)
    assert "GOV-K010" not in found and "GOV-K001" in found
    r = cli("check", p, "--format", "json", "--no-cache", cwd=tmp_path.parent)  # from the file, not the cwd
    assert "GOV-K010" not in codes(r)[0]


def test_pyproject_without_section_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nlang = "en"\n', encoding="utf-8")
    inner = tmp_path / "pkg"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "reportlint-lookalike"\n', encoding="utf-8")
    assert find_config(str(inner / "a.txt")) == tmp_path / "pyproject.toml"


def test_dot_reportlint_toml_wins_in_same_folder(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nlang = "en"\n', encoding="utf-8")
    (tmp_path / "reportlint.toml").write_text('lang = "zh"\n', encoding="utf-8")
    (tmp_path / ".reportlint.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    c = Config.resolve({}, str(tmp_path / "x.txt"))
    assert c.config_file == str(tmp_path / ".reportlint.toml") and c.fail_on == "warning" and c.lang == "zh"


def test_config_flag_overrides_discovery_and_cli_overrides_file(cli, tmp_path):
    (tmp_path / "reportlint.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    other = tmp_path / "elsewhere.toml"
    other.write_text('fail-on = "never"\nselect = ["GOV-K001"]\n', encoding="utf-8")
    p = seed_in(tmp_path)
    assert cli("check", p, "--no-cache", "--format", "concise").returncode == 0  # fail-on never from the file
    assert cli("check", p, "--no-cache", "--fail-on", "error").returncode == 1  # the command line wins
    r = cli("check", p, "--no-cache", "--format", "json", "--config", other)
    assert set(codes(r)[0]) == {"GOV-K001"} and r.returncode == 0


def test_severity_override_and_extend_select(cli, tmp_path):
    (tmp_path / "reportlint.toml").write_text(
        'select = ["GOV-S"]\nextend-select = ["GOV-K003"]\n[severity]\nGOV-K003 = "error"\nGOV-S005 = "info"\n',
        encoding="utf-8")
    p = seed_in(tmp_path)
    r = cli("check", p, "--no-cache", "--format", "json")
    _, doc = codes(r)
    sev = {f["code"]: f["severity"] for f in doc["files"][0]["findings"]}
    assert set(sev) == {"GOV-S001", "GOV-S005", "GOV-K003"}
    assert sev["GOV-K003"] == "error" and sev["GOV-S005"] == "info"


def test_per_file_ignores_and_exclude(cli, tmp_path):
    (tmp_path / "reportlint.toml").write_text(
        'exclude = ["drafts/"]\n[per-file-ignores]\n"reports/2023/*.txt" = ["GOV-S"]\n', encoding="utf-8")
    p = seed_in(tmp_path)
    q = seed_in(tmp_path, "reports/2022")
    seed_in(tmp_path, "reports/drafts")
    r = cli("check", tmp_path / "reports", "--no-cache", "--format", "json")
    doc = json.loads(r.stdout)
    by = {f["path"]: [x["code"] for x in f["findings"]] for f in doc["files"]}
    assert sorted(by) == sorted([str(p), str(q)])  # drafts/ excluded from the walk
    assert not any(c.startswith("GOV-S") for c in by[str(p)]) and "GOV-K001" in by[str(p)]
    assert "GOV-S001" in by[str(q)]
    r = cli("check", tmp_path / "reports", "--no-cache", "--format", "json", "--config", tmp_path / "reportlint.toml",
            "--jobs", "2", cwd=tmp_path / "reports")
    doc2 = json.loads(r.stdout)
    assert {f["path"]: [x["code"] for x in f["findings"]] for f in doc2["files"]} == by  # the same from elsewhere


def test_pack_options_reach_the_analysis(cli, tmp_path):
    (tmp_path / "reportlint.toml").write_text('organ-type = "county_government"\nprovince = "广东"\n',
                                              encoding="utf-8")
    p = seed_in(tmp_path)
    _, doc = codes(cli("check", p, "--no-cache", "--format", "json"))
    facts = doc["files"][0]["facts"]
    assert facts["organ_type"] == "county_government" and facts["province"] == "广东省"
    c = Config.resolve({}, str(p))
    assert c.options == {"organ_type": "county_government", "province": "广东省"}


@pytest.mark.parametrize("body, words", [
    ('colour = "red"\n', ["unknown configuration key 'colour'", "select", "fail-on"]),
    ('fail-on = "sometimes"\n', ["fail-on", "error, warning, info, never"]),
    ('select = ["GOV-Z9"]\n', ["select", "GOV-Z9", "prefix"]),
    ('[severity]\nGOV-K003 = "fatal"\n', ["severity.GOV-K003", "error, warning, info"]),
    ('[severity]\nGOV-K = "error"\n', ["severity.GOV-K", "full rule code"]),
    ('organ-type = "village"\n', ["organ-type", "township"]),
    ('province = "火星"\n', ["province", "安徽省"]),
    ('deadline-profile = "lax"\n', ["deadline-profile", "national"]),
    ('required-version = ">=99"\n', ["required-version", ">=99", "not satisfied"]),
    ('required-version = "soon"\n', ["required-version", "not a version specifier"]),
    ('exclude = "a" \nlang = 3\n', ["lang", "zh, en"]),
    ('select = [\n', ["invalid TOML"]),
])
def test_bad_config_is_one_line_exit_2(cli, tmp_path, body, words):
    (tmp_path / "reportlint.toml").write_text(body, encoding="utf-8")
    p = seed_in(tmp_path)
    r = cli("check", p, "--no-cache", "--lang", "en")  # the English words; the Chinese line below
    assert r.returncode == 2, r.stderr
    err = r.stderr.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    for w in words:
        assert w in err, err
    assert str(tmp_path / "reportlint.toml") in err or "TOML" in err
    zh = cli("check", p, "--no-cache").stderr.strip()
    assert len(zh.splitlines()) == 1 and (str(tmp_path / "reportlint.toml") in zh or "TOML" in zh)
    assert re.search(r"[\u4e00-\u9fff]", zh) and not re.search(r"\b[a-z]{3,} [a-z]{2,} [a-z]{3,}\b", zh), zh


def test_bad_cli_values_are_exit_2(cli, tmp_path):
    p = seed_in(tmp_path)
    r = cli("check", p, "--select", "NOPE", "--no-cache")
    assert r.returncode == 2 and "NOPE" in r.stderr and "命令行" in r.stderr
    r = cli("check", p, "--config", tmp_path / "missing.toml", "--no-cache")
    assert r.returncode == 2 and "missing.toml" in r.stderr


def test_config_command_names_sources(cli, tmp_path):
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text('[tool.reportlint]\nignore = ["GOV-K010"]\nprovince = "安徽省"\n', encoding="utf-8")
    p = seed_in(tmp_path)
    r = cli("config", p, "--fail-on", "warning", "--json")
    assert r.returncode == 0, r.stderr
    v = json.loads(r.stdout)["values"]
    assert v["ignore"] == {"value": ["GOV-K010"], "source": str(cfg)}
    assert v["province"]["source"] == str(cfg)
    assert v["fail-on"] == {"value": "warning", "source": "command line"}
    assert v["lang"] == {"value": "zh", "source": "default"}
    r = cli("config", cwd=tmp_path)
    assert "fail-on" in r.stdout and "# 默认值" in r.stdout and str(cfg) in r.stdout  # the run's language
    assert "# default" in cli("config", "--lang", "en", cwd=tmp_path).stdout


def test_stdin_discovers_from_cwd(cli, tmp_path):
    (tmp_path / "reportlint.toml").write_text('select = ["GOV-K001"]\n', encoding="utf-8")
    r = cli("check", "-", "--format", "json", "--no-cache", input=SEED.read_text(encoding="utf-8"), cwd=tmp_path)
    assert set(codes(r)[0]) == {"GOV-K001"}


def test_version_specifiers():
    assert version_matches("0.1.0", ">=0.1") and version_matches("0.1.0", "==0.1.*")
    assert version_matches("0.1.0", ">=0.1,<0.3") and version_matches("0.1.0", "~=0.1")
    assert version_matches("0.1.0", "0.1") and not version_matches("0.1.0", "!=0.1.0")
    assert not version_matches("0.1.0", ">0.1") and not version_matches("0.2.0", "==0.1.*")
    assert not version_matches("1.0", "~=0.1")
    assert parse_specifier("later") is None and parse_specifier(">=1.*") is None


def test_resolve_rejects_unknown_key_in_api():
    with pytest.raises(ConfigError, match="allowed"):
        Config.resolve({"fial-on": "error"}, None, "")
