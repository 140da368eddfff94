"""Batch runs through the real CLI: directory walk, parallel workers, JSON lines, bad files, time limit, Ctrl-C,
Dask, cross-year pairing."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, SEED, run_cli, run_on_pty
from test_cli import CLEAN_REPORT

from checker.pairing import pair_reports


def _html(text: str) -> str:
    body = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip())
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>报告</title></head><body>{body}</body></html>"


def _variants():
    seed = SEED.read_text(encoding="utf-8")
    yield "seed.txt", seed
    yield "clean.txt", CLEAN_REPORT
    yield "clean.html", _html(CLEAN_REPORT)
    yield "seed.html", _html(seed)
    yield "town.txt", CLEAN_REPORT.replace("某某县", "某某镇").replace("2023", "2022")
    yield "short.txt", CLEAN_REPORT.split("四、")[0]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A small tree of reports: a subdirectory, a .gitignore'd directory and file, hidden files, a bad file."""
    root = tmp_path_factory.mktemp("batch")
    (root / "a").mkdir()
    (root / "a" / "deep").mkdir()
    (root / "ignored").mkdir()
    (root / "skip").mkdir()
    for i, (name, text) in enumerate(_variants()):
        (root / name).write_text(text, encoding="utf-8")
        (root / "a" / f"{i}_{name}").write_text(text, encoding="utf-8")
        (root / "a" / "deep" / f"d{i}_{name}").write_text(text, encoding="utf-8")
        (root / "ignored" / name).write_text(text, encoding="utf-8")
        (root / "skip" / name).write_text(text, encoding="utf-8")
    (root / ".gitignore").write_text("# generated\nignored/\n*.old.txt\n", encoding="utf-8")
    (root / "a" / ".gitignore").write_text("deep/d0_*\n!keep.old.txt\n", encoding="utf-8")
    (root / "a" / "keep.old.txt").write_text(CLEAN_REPORT, encoding="utf-8")
    (root / "a" / "drop.old.txt").write_text(CLEAN_REPORT, encoding="utf-8")
    (root / "a" / "notes.log").write_text(CLEAN_REPORT, encoding="utf-8")  # not a report extension
    (root / "pyproject.toml").write_text("[tool.reportlint]\n", encoding="utf-8")
    (root / ".hidden.txt").write_text(CLEAN_REPORT, encoding="utf-8")
    return root


def _json(r):
    assert "Traceback" not in r.stderr, r.stderr
    return json.loads(r.stdout)


def _strip(files):
    """Files as comparable data: timing left out, sorted by path."""
    return sorted(({k: v for k, v in f.items() if k != "seconds"} for f in files), key=lambda f: f["path"])


def test_walk_honours_gitignore_and_exclude(corpus):
    r = run_cli("check", corpus, "--format", "json", "--jobs", "1", "--exclude", "skip/", "--exclude", "*.html")
    got = {os.path.relpath(f["path"], corpus) for f in _json(r)["files"]}
    assert "seed.txt" in got and os.path.join("a", "deep", "d1_clean.txt") in got
    assert os.path.join("a", "keep.old.txt") in got  # re-included by a/.gitignore
    assert os.path.join("a", "drop.old.txt") not in got  # *.old.txt from the root .gitignore
    assert os.path.join("a", "notes.log") not in got and "pyproject.toml" not in got  # not report extensions
    assert os.path.join("a", "deep", "d0_seed.txt") not in got  # a/.gitignore, relative to a/
    assert not any(p.startswith(("ignored", "skip")) for p in got)
    assert not any(p.endswith(".html") or ".hidden" in p for p in got)
    # 4 text variants at the top, in a/ and in a/deep/ (minus d0), plus keep.old.txt
    assert len(got) == 4 + 4 + 3 + 1
    # the walk is sorted: files come in path order within each directory
    paths = [f["path"] for f in _json(r)["files"]]
    assert paths.index(str(corpus / "a" / "0_seed.txt")) < paths.index(str(corpus / "a" / "1_clean.txt"))
    # a file named explicitly is checked even if a pattern would leave it out
    r = run_cli("check", corpus / "ignored" / "clean.txt", "--format", "json", "--exclude", "ignored/")
    assert [f["path"] for f in _json(r)["files"]] == [str(corpus / "ignored" / "clean.txt")]
    r = run_cli("check", corpus / "a" / "notes.log", "--format", "json")  # … whatever its extension
    assert [f["format"] for f in _json(r)["files"]] == ["text"]


@pytest.fixture(scope="module")
def serial(corpus):
    r = run_cli("check", corpus, "--format", "json", "--jobs", "1", "--exclude", "skip/")
    return r, _json(r)


def test_jobs_2_equals_jobs_1(corpus, serial):
    r1, d1 = serial
    r2 = run_cli("check", corpus, "--format", "json", "--jobs", "2", "--exclude", "skip/")
    d2 = _json(r2)
    assert r1.returncode == r2.returncode == 1
    assert d1 == d2  # same files in the same (input) order, same findings, same summary
    assert len({len(f["findings"]) for f in d1["files"]}) > 2  # files that differ, so the comparison means something
    assert {f["format"] for f in d1["files"]} == {"text", "html"}


def test_console_from_workers_equals_serial(corpus):
    args = ("check", corpus / "seed.txt", corpus / "seed.html", corpus / "clean.txt", "--no-color")
    a, b = run_cli(*args, "--jobs", "1"), run_cli(*args, "--jobs", "2")
    assert a.stdout == b.stdout
    assert "GOV-K001" in a.stdout and "⟨" not in a.stdout
    # the flagged text is shown in its line, as for a single file
    single = run_cli("check", corpus / "seed.txt", "--no-color").stdout
    assert single.split("\n\n")[0] in a.stdout


def test_jsonl_streams_one_object_per_file(corpus, serial):
    _, d1 = serial
    r = run_cli("check", corpus, "--format", "jsonl", "--jobs", "2", "--exclude", "skip/")
    assert "Traceback" not in r.stderr
    lines = r.stdout.splitlines()
    objs = [json.loads(line) for line in lines]
    assert len(objs) == len(d1["files"]) == len({o["path"] for o in objs})
    assert all(isinstance(o["seconds"], float) and o["seconds"] >= 0 for o in objs)
    assert _strip(objs) == _strip(d1["files"])
    assert r.returncode == 1
    # -o writes the same lines to a file (atomically, at the end)
    out = corpus.parent / "out.jsonl"
    r = run_cli("check", corpus, "--format", "jsonl", "--jobs", "1", "--exclude", "skip/", "-o", out)
    assert r.stdout == ""
    assert _strip(json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()) == _strip(d1["files"])


def test_bad_file_in_the_middle_does_not_stop_the_batch(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}a.txt").write_text(CLEAN_REPORT, encoding="utf-8")
    (tmp_path / "1b.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\ntruncated")
    (tmp_path / "1c.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "1d.txt").write_bytes(b"")
    for jobs in ("1", "2"):
        r = run_cli("check", tmp_path, "--format", "json", "--jobs", jobs)
        d = _json(r)
        assert r.returncode == 2
        files = {os.path.basename(f["path"]): f for f in d["files"]}
        assert len(files) == 6
        assert [f["error"] is None for f in d["files"]] == [True, True, False, False, False, True]
        for name in ("1b.pdf", "1c.txt", "1d.txt"):
            assert files[name]["error"]["code"].startswith("E0"), files[name]
            assert f"{name}: {files[name]['error']['code']}" in r.stderr
        assert files["2a.txt"]["facts"]["organ"] == "某某县人民政府"


def test_timeout_gives_e021_and_the_run_goes_on(corpus):
    for jobs in ("1", "2"):
        r = run_cli("check", corpus / "seed.txt", corpus / "seed.html", corpus / "clean.txt", "--format", "json",
                    "--jobs", jobs, "--timeout", "0.0001")
        d = _json(r)
        assert r.returncode == 2
        assert [f["error"]["code"] for f in d["files"]] == ["E021"] * 3
        assert "超时" in d["files"][0]["error"]["message"]
        assert "超时" in r.stderr  # the summary counts them as timed out
    # a normal limit leaves normal files alone
    r = run_cli("check", corpus / "seed.txt", corpus / "clean.txt", "--format", "json", "--timeout", "30")
    assert all(f["error"] is None for f in _json(r)["files"])


def test_timeout_on_a_pathological_file(tmp_path):
    """A huge HTML page (deep nesting, many cells) runs over a small limit; the small files next to it do not."""
    (tmp_path / "a.txt").write_text(CLEAN_REPORT, encoding="utf-8")
    rows = "".join(f"<tr><td>第{i}行</td><td>{i}</td><td>说明文字{i}</td></tr>" for i in range(60000))
    body = "<div>" * 2000 + "".join(f"<p>{CLEAN_REPORT}</p>" for _ in range(200)) + "</div>" * 2000
    (tmp_path / "b.html").write_text(f"<html><body>{body}<table>{rows}</table></body></html>", encoding="utf-8")
    (tmp_path / "c.txt").write_text(CLEAN_REPORT, encoding="utf-8")
    r = run_cli("check", tmp_path, "--format", "json", "--jobs", "2", "--timeout", "0.5")
    d = _json(r)
    codes = {os.path.basename(f["path"]): (f["error"] or {}).get("code") for f in d["files"]}
    assert codes == {"a.txt": None, "b.html": "E021", "c.txt": None}
    assert r.returncode == 2


def _many(tmp_path, n):
    text = SEED.read_text(encoding="utf-8")
    for i in range(n):
        (tmp_path / f"r{i:04d}.txt").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_cleanly_with_a_partial_summary(tmp_path, jobs):
    d = tmp_path / "many"
    d.mkdir()
    _many(d, 4000)
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT))
    p = subprocess.Popen([sys.executable, "-m", "checker", "check", str(d), "--format", "jsonl", "--jobs", jobs,
                          "--ignore", "GOV-X"],  # the cross-year pass would hold paired files back until the end
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT, start_new_session=True,
                         bufsize=0,  # unbuffered: readline must not take bytes that communicate() would not see
                         # Ctrl-C as on a terminal: a test run started in the background (`cmd &`, nohup) passes
                         # SIGINT ignored to its children, and a Python started so keeps ignoring it
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    first = p.stdout.readline()  # results are streaming
    assert json.loads(first)["path"].startswith(str(d))
    time.sleep(0.3)
    os.killpg(p.pid, signal.SIGINT)  # like Ctrl-C on a terminal: the whole process group
    out, err = p.communicate(timeout=60)
    err = err.decode("utf-8")
    assert p.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "已中断" in err and "/4000" in err  # the partial summary
    done = 1 + len(out.decode("utf-8").splitlines())
    assert 1 <= done < 4000
    for line in out.decode("utf-8").splitlines():
        json.loads(line)  # every line written is whole


def test_no_progress_bar_when_not_a_terminal(corpus):
    r = run_cli("check", corpus, "--jobs", "1", "--exclude", "skip/", "--no-color", "--summary")
    assert "━" not in r.stderr and "\r" not in r.stderr and "\x1b[?25l" not in r.stderr
    assert "批量检查汇总" in r.stderr and "GOV-K001" in r.stderr  # the summary with the most frequent codes


def test_progress_bar_on_a_terminal(corpus, tmp_path):
    out = tmp_path / "report.txt"
    _, err = run_on_pty("check", corpus, "--jobs", "1", "--exclude", "skip/", "--progress", "-o", out, timeout=60)
    assert "reportlint" in err and "━" in err and "\x1b[?25l" in err  # the bar, with the cursor hidden
    assert out.read_text(encoding="utf-8").count("GOV-K001") >= 1
    # never with a machine format
    r = run_cli("check", corpus, "--format", "json", "--jobs", "1", "--exclude", "skip/")
    assert "━" not in r.stderr and "\x1b[?25l" not in r.stderr


def test_dask_local_cluster_equals_serial(corpus, serial):
    pytest.importorskip("distributed")
    _, d1 = serial
    r = run_cli("check", corpus, "--format", "json", "--executor", "dask-local", "--jobs", "2", "--exclude", "skip/",
                env={"PYTHONPATH": str(ROOT)})
    assert _json(r) == d1
    # nothing of Dask's own logging reaches the user (a missed heartbeat under load logged a traceback)
    assert "distributed." not in r.stderr, r.stderr


def test_pair_reports():
    items = [
        ("b/2023.pdf", {"organ": "某某县人民政府", "year": 2023}),
        ("a/2022.html", {"organ": "某某县 人民政府", "year": 2022}),
        ("c/2022.pdf", {"organ": "某某县人民政府", "year": 2022}),
        ("d/2021.txt", {"organ": "某某县人民政府", "year": 2021}),
        ("e/2023.txt", {"organ": "某某镇人民政府", "year": 2023}),
        ("f/2020.txt", {"organ": "某某县人民政府", "year": 2020}),
        ("g/none.txt", {"organ": None, "year": 2022}),
        ("h/noyear.txt", {"organ": "某某县人民政府", "year": None}),
    ]
    pairs = pair_reports(items)
    assert pairs == {"b/2023.pdf": "a/2022.html", "a/2022.html": "d/2021.txt", "c/2022.pdf": "d/2021.txt",
                     "d/2021.txt": "f/2020.txt"}
    assert pair_reports(reversed(items)) == pairs


def test_cross_year_pass_pairs_reports_in_a_batch(tmp_path):
    from checker.batch import cross_year_codes
    from checker.config import Config

    if not cross_year_codes(Config()):
        pytest.skip("no GOV-X rule implemented yet")
    (tmp_path / "2023.txt").write_text(CLEAN_REPORT, encoding="utf-8")
    (tmp_path / "2022.txt").write_text(CLEAN_REPORT.replace("2023", "2022"), encoding="utf-8")
    for fmt in ("json", "jsonl"):
        r = run_cli("check", tmp_path, "--format", fmt, "--jobs", "2")
        files = _json(r)["files"] if fmt == "json" else [json.loads(x) for x in r.stdout.splitlines()]
        by = {os.path.basename(f["path"]): f for f in files}
        assert by["2023.txt"]["previous"] == str(tmp_path / "2022.txt")
        assert "previous" not in by["2022.txt"]


def test_bad_executor_is_a_usage_error(corpus):
    r = run_cli("check", corpus / "clean.txt", "--executor", "nowhere")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip().splitlines() == ["reportlint: unknown executor 'nowhere' (allowed: local, dask-local, "
                                             "dask://HOST:PORT)"]
