"""Outputs never replace an input, get ordinary permissions and a name that says what they hold (issue 14).

Everything through the real CLI on real files in a temporary folder: the seed, reports written by the fixture
generator (text, HTML, DOCX) and a real PDF from ../shared/real.
"""

import json
import os
import stat
import subprocess
import sys

import pytest

from conftest import ROOT, SEED, SHARED, run_cli
from fixtures.generate import make_report, write_docx, write_html, write_txt

FORMATS = ("console", "concise", "json", "jsonl", "html", "sarif", "junit", "github", "gitlab")


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    """The refusals are asserted by their English words (tests/test_presentation.py checks the Chinese ones)."""
    monkeypatch.setenv("REPORTLINT_LANG", "en")


def _one_line_refusal(r, *words):
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    lines = [x for x in r.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    for w in words:
        assert w in lines[0], lines[0]
    assert r.stdout == ""


def _snapshot(folder):
    return {p.name: (p.read_bytes() if p.is_file() and not p.is_symlink() else os.readlink(p))
            for p in sorted(folder.iterdir())}


@pytest.fixture
def victim(tmp_path):
    """A report, a symbolic link and a hard link to it: (folder, report path)."""
    src = tmp_path / "victim.txt"
    src.write_bytes(SEED.read_bytes())
    os.symlink(src.name, tmp_path / "sym.html")
    os.link(src, tmp_path / "hard.json")
    return tmp_path, src


@pytest.mark.parametrize("fmt", FORMATS)
def test_check_output_over_the_input_is_refused_in_every_format(victim, fmt):
    folder, src = victim
    before = _snapshot(folder)
    r = run_cli("check", src, "--format", fmt, "-o", src)
    _one_line_refusal(r, "victim.txt", "-o", "input")
    assert _snapshot(folder) == before  # nothing written, not even a temporary file


@pytest.mark.parametrize("fmt", ["html", "json", "jsonl"])
@pytest.mark.parametrize("link,how", [("sym.html", "symbolic link"), ("hard.json", "hard link")])
def test_check_output_through_a_link_is_refused(victim, fmt, link, how):
    folder, src = victim
    before = _snapshot(folder)
    r = run_cli("check", src, "--format", fmt, "-o", folder / link, "--exit-zero")
    _one_line_refusal(r, link, how)
    assert _snapshot(folder) == before
    # the other way round: the link is the input, the real file the output
    r = run_cli("check", folder / link, "--format", "json", "-o", src)
    _one_line_refusal(r, "victim.txt")
    assert _snapshot(folder) == before


def test_walked_file_and_config_and_previous_are_inputs(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    a = write_txt(make_report(seed=1, year=2023), reports / "a.txt")
    (tmp_path / "pyproject.toml").write_text('[tool.reportlint]\nignore = ["GOV-K010"]\n', encoding="utf-8")
    before = _snapshot(reports), (tmp_path / "pyproject.toml").read_bytes()
    r = run_cli("check", reports, "--format", "console", "-o", a)  # found by the walk
    _one_line_refusal(r, "a.txt")
    r = run_cli("check", reports, "--format", "json", "-o", tmp_path / "pyproject.toml")  # the config file
    _one_line_refusal(r, "pyproject.toml")
    prev = write_txt(make_report(seed=2, year=2022), tmp_path / "prev.txt")
    r = run_cli("check", a, "--previous", prev, "--format", "console", "-o", prev)
    _one_line_refusal(r, "prev.txt")
    assert (_snapshot(reports), (tmp_path / "pyproject.toml").read_bytes()) == before


def test_inputs_are_resolved_only_when_there_is_an_output_to_compare(tmp_path, monkeypatch):
    """With nothing written to a file (standard output, no baseline), no input's path is resolved (a batch of
    thousands of files paid a realpath of each, twice): the refusal of an output over an input still holds."""
    from checker import outputs

    reports = tmp_path / "reports"
    reports.mkdir()
    files = [str(write_txt(make_report(seed=i, year=2023), reports / f"r{i}.txt")) for i in range(3)]
    calls = []
    norm = outputs._norm
    monkeypatch.setattr(outputs, "_norm", lambda p: calls.append(p) or norm(p))
    outputs.refuse_inputs([("-o", None), ("--write-baseline", "-")], files + [None])
    assert calls == []
    with pytest.raises(outputs.UsageError):
        outputs.refuse_inputs([("-o", files[1])], files)
    assert files[1] in calls


def test_write_baseline_over_an_input_is_refused_but_may_rewrite_the_baseline(tmp_path):
    src = tmp_path / "r.txt"
    src.write_bytes(SEED.read_bytes())
    os.link(src, tmp_path / "r.json")
    r = run_cli("check", src, "--write-baseline", tmp_path / "r.json")
    _one_line_refusal(r, "--write-baseline", "hard link")
    assert src.read_bytes() == SEED.read_bytes()
    bl = tmp_path / "baseline.json"
    assert run_cli("check", src, "--write-baseline", bl).returncode == 0
    n = len(json.loads(bl.read_text(encoding="utf-8"))["entries"])
    r = run_cli("check", src, "--baseline", bl, "--write-baseline", bl)  # rewriting the baseline read is allowed
    assert r.returncode == 0, r.stderr
    assert len(json.loads(bl.read_text(encoding="utf-8"))["entries"]) == n > 0
    r = run_cli("check", src, "--baseline", bl, "--format", "json", "-o", bl)  # but -o over it is not
    _one_line_refusal(r, "baseline.json")


def test_cache_directory_over_the_inputs_is_refused(tmp_path):
    cache = tmp_path / "cache"
    (cache / "v1").mkdir(parents=True)
    src = cache / "v1" / "r.txt"
    src.write_bytes(SEED.read_bytes())
    r = run_cli("check", src, "--cache-dir", cache, "--format", "json")
    _one_line_refusal(r, "cache")
    assert sorted(p.name for p in (cache / "v1").iterdir()) == ["r.txt"]
    r = run_cli("check", src, "--no-cache", "--format", "json")
    assert r.returncode == 1 and json.loads(r.stdout)["files"][0]["findings"]


@pytest.mark.parametrize("link", ["victim.txt", "sym.html", "hard.json"])
@pytest.mark.parametrize("opt", ["-o", "--log"])
def test_clean_outputs_over_the_input_are_refused(victim, link, opt):
    folder, src = victim
    before = _snapshot(folder)
    r = run_cli("clean", src, opt, folder / link)
    _one_line_refusal(r, link, opt, "refusing")
    assert _snapshot(folder) == before


def test_two_outputs_naming_one_file_are_refused(victim):
    folder, src = victim
    r = run_cli("clean", src, "-o", folder / "c.txt", "--log", folder / "c.txt")
    _one_line_refusal(r, "-o", "--log", "same file")
    assert not (folder / "c.txt").exists()


def _run_umask(mask, *args, cwd=None):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    cmd = " ".join(["umask", f"{mask:03o};", "exec", sys.executable, "-m", "checker"] + [f"'{a}'" for a in args])
    return subprocess.run(["sh", "-c", cmd], capture_output=True, text=True, env=env, cwd=cwd or ROOT, timeout=300)


@pytest.mark.parametrize("mask,mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_have_ordinary_permissions(tmp_path, mask, mode):
    src = write_html(make_report(seed=4), tmp_path / "r.html")
    src.write_text(src.read_text(encoding="utf-8").replace("</body>", "<p>麻将胡了最新官方版下载</p></body>"),
                   encoding="utf-8")
    before = src.read_bytes()
    cache = tmp_path / "cache"
    outs = {"html": tmp_path / "audit.html", "jsonl": tmp_path / "r.jsonl", "sarif": tmp_path / "r.sarif"}
    for fmt, out in outs.items():
        r = _run_umask(mask, "check", src, "--format", fmt, "-o", out, "--exit-zero", "--cache-dir", cache)
        assert r.returncode == 0, r.stderr
    bl = tmp_path / "baseline.json"
    assert _run_umask(mask, "check", src, "--write-baseline", bl, "--cache-dir", cache).returncode == 0
    cleaned, log = tmp_path / "c.html", tmp_path / "log.json"
    r = _run_umask(mask, "clean", src, "-o", cleaned, "--log", log)
    assert r.returncode == 0, r.stderr
    entries = list((cache / "v1").glob("*.json"))
    assert entries
    for p in [*outs.values(), bl, cleaned, log, *entries]:
        assert stat.S_IMODE(os.stat(p).st_mode) == mode, (p.name, oct(os.stat(p).st_mode))
    assert src.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".reportlint-")]  # no temporary file left


def test_an_existing_output_keeps_its_mode_and_a_link_is_written_through(tmp_path):
    src = tmp_path / "r.txt"
    src.write_bytes(SEED.read_bytes())
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o640)
    assert run_cli("check", src, "--format", "json", "-o", out).returncode == 1
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o640 and json.loads(out.read_text(encoding="utf-8"))["files"]
    os.symlink(out.name, tmp_path / "latest.json")
    out.write_text("old", encoding="utf-8")
    assert run_cli("check", src, "--format", "json", "-o", tmp_path / "latest.json").returncode == 1
    assert os.path.islink(tmp_path / "latest.json") and json.loads(out.read_text(encoding="utf-8"))["files"]


@pytest.mark.skipif(not (SHARED / "real" / "hongze-2024.pdf").exists(), reason="../shared/real is absent")
def test_clean_of_a_pdf_refuses_a_pdf_name_and_says_txt(tmp_path):
    src = tmp_path / "report.pdf"
    src.write_bytes((SHARED / "real" / "hongze-2024.pdf").read_bytes())
    r = run_cli("clean", src, "-o", tmp_path / "report.cleaned.pdf")
    _one_line_refusal(r, "report.cleaned.txt", "text")
    assert not (tmp_path / "report.cleaned.pdf").exists()
    r = run_cli("clean", src, "-o", tmp_path / "report.cleaned.txt", "--log", tmp_path / "log.json")
    assert r.returncode == 0, r.stderr
    assert "%PDF" not in (tmp_path / "report.cleaned.txt").read_text(encoding="utf-8")[:10]
    assert json.loads((tmp_path / "log.json").read_text(encoding="utf-8"))["output_format"] == "text"


def test_output_names_must_fit_what_is_written(tmp_path):
    src = write_docx(make_report(seed=5), tmp_path / "r.docx")
    r = run_cli("clean", src)  # binary: a name is needed, and the suggested one has the right extension
    _one_line_refusal(r, "r.cleaned.docx")
    r = run_cli("clean", src, "-o", tmp_path / "r.cleaned.txt")
    _one_line_refusal(r, "r.cleaned.docx")
    r = run_cli("clean", src, "-o", tmp_path / "c.docx", "--log", tmp_path / "log.txt")
    _one_line_refusal(r, "log.json")
    txt = write_txt(make_report(seed=5), tmp_path / "r.txt")
    r = run_cli("check", txt, "--format", "html", "-o", tmp_path / "audit.docx")
    _one_line_refusal(r, "audit.html")
    r = run_cli("check", txt, "--format", "json", "-o", tmp_path / "out.html")
    _one_line_refusal(r, "out.json")
    r = run_cli("check", txt, "--write-baseline", tmp_path / "baseline.txt")
    _one_line_refusal(r, "baseline.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.docx", "r.txt"]
    r = run_cli("check", txt, "--format", "sarif", "-o", tmp_path / "out.sarif.json")  # .json fits SARIF
    assert r.returncode == 0, r.stderr
