"""Quiet by default in machines (issue 14): the batch summary only with the console format on a terminal or when
asked; ``-q`` prints the findings only, ``-s`` nothing but errors; baseline-suppressed findings are never open.

Through the real CLI (a pseudo-terminal where a terminal is needed) on the seed and generated reports.
"""

import json

import pytest

from conftest import SEED, run_cli, run_on_pty
from fixtures.generate import make_report, write_txt

SUMMARY_ZH = "批量检查汇总"


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    (d / "seed.txt").write_bytes(SEED.read_bytes())
    write_txt(make_report(seed=1, year=2023, organ="某某县人民政府"), d / "a.txt")
    write_txt(make_report(seed=2, year=2023, organ="某某市人民政府"), d / "b.txt")
    return d


def _on_pty(*args):
    """Run the CLI with standard error on a pseudo-terminal; (exit code, what the terminal showed)."""
    return run_on_pty(*args)


@pytest.mark.parametrize("args", [("--format", "json"), ("--format", "jsonl"), ("--format", "sarif"),
                                  ("--format", "concise"), ("--format", "console"), ("--statistics",)])
def test_no_summary_when_not_on_a_terminal_or_with_machine_formats(folder, args):
    r = run_cli("check", folder, *args, "--jobs", "1")
    assert r.returncode == 1, r.stderr
    assert r.stderr == ""  # nothing on standard error: no summary, no progress


def test_summary_on_a_terminal_with_the_console_format_only(folder, tmp_path):
    code, err = _on_pty("check", folder, "--jobs", "1", "--no-progress", "-o", tmp_path / "out.txt")
    assert code == 1 and SUMMARY_ZH in err, err
    code, err = _on_pty("check", folder, "--jobs", "1", "--format", "json", "-o", tmp_path / "out.json")
    assert code == 1 and SUMMARY_ZH not in err, err
    code, err = _on_pty("check", folder, "--jobs", "1", "--statistics", "-o", tmp_path / "stats.txt")
    assert code == 1 and SUMMARY_ZH not in err, err
    code, err = _on_pty("check", folder, "--jobs", "1", "-q", "-o", tmp_path / "q.txt")
    assert code == 1 and SUMMARY_ZH not in err and "━" not in err, err


def test_summary_when_asked_even_with_a_machine_format(folder):
    r = run_cli("check", folder, "--format", "json", "--jobs", "1", "--summary", "--lang", "en")
    assert r.returncode == 1 and "Batch summary" in r.stderr
    assert len(json.loads(r.stdout)["files"]) == 3  # standard output stays pure JSON


def test_baseline_suppressed_findings_are_not_counted_as_open(folder, tmp_path):
    bl = tmp_path / "baseline.json"
    assert run_cli("check", folder, "--write-baseline", bl).returncode == 0
    n = len(json.loads(bl.read_text(encoding="utf-8"))["entries"])
    assert n > 0
    r = run_cli("check", folder, "--baseline", bl, "--summary", "--lang", "en", "--format", "json")
    assert r.returncode == 0, r.stderr
    rows = {" ".join(line.split()[:-1]): line.split()[-1] for line in r.stderr.splitlines() if line.strip()}
    assert rows.get("with errors") == "0" and rows.get("warnings/infos only") == "0", r.stderr
    assert f"{n} suppressed by the baseline" in r.stderr
    assert "most frequent codes" not in r.stderr  # no open finding to list
    assert json.loads(r.stdout)["summary"]["errors"] == 0


def test_quiet_prints_the_findings_only(folder, tmp_path):
    bl = tmp_path / "baseline.json"
    run_cli("check", folder / "a.txt", "--write-baseline", bl)
    r = run_cli("check", folder, "-q", "--baseline", bl, "--jobs", "1")
    assert r.returncode == 1
    assert "GOV-K001" in r.stdout and "seed.txt" in r.stdout
    assert "a.txt" not in r.stdout and "b.txt" not in r.stdout  # clean files say nothing
    assert "汇总" not in r.stdout and "基线" not in r.stdout and r.stderr == ""
    normal = run_cli("check", folder, "--baseline", bl, "--jobs", "1")
    assert "汇总" in normal.stdout  # the console report's own summary table, left out by -q


def test_silent_prints_nothing_but_errors(folder, tmp_path):
    r = run_cli("check", folder, "-s", "--jobs", "1")
    assert (r.returncode, r.stdout, r.stderr) == (1, "", "")
    r = run_cli("check", folder / "a.txt", "--silent")
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
    (folder / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    r = run_cli("check", folder, "-s", "--format", "jsonl", "--jobs", "1")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.strip().splitlines() == [line for line in r.stderr.strip().splitlines() if "E005" in line] != []
    out = tmp_path / "out.json"
    r = run_cli("check", folder, "-s", "--format", "json", "-o", out)  # a file asked for is still written
    assert r.returncode == 2 and len(json.loads(out.read_text(encoding="utf-8"))["files"]) == 4
