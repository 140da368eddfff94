"""Start-up: heavy libraries are imported only where used (issue 16). Each case runs in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "000_66a783b882825013.txt"


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    return set(out.split())


def _family(mods: set[str], *names: str) -> set[str]:
    return {m for m in mods if any(m == n or m.startswith(n + ".") for n in names)}


def test_import_of_the_cli_loads_click_and_its_constants_only():
    # ruff-like import hygiene: --help, --version and usage errors must not pay for the flow
    mods = _modules_after("import checker.cli")
    assert "checker.cli" in mods and "click" in mods
    assert not _family(mods, "rich", "yaml", "ahocorasick", "pdfplumber", "pypdfium2", "docx", "selectolax")
    assert not _family(mods, "checker.runner", "checker.engine", "checker.analysis", "checker.checks",
                       "checker.batch", "checker.extract", "checker.normalize", "checker.document",
                       "checker.config", "checker.packs", "checker.findings", "tomllib", "zipfile")
    assert not {m for m in mods if m.startswith("checker.render.")}  # the package, no renderer


def test_the_constants_the_cli_repeats_agree_with_their_home():
    from checker import batch, cli, render, runner

    assert cli.TIMEOUT_DEFAULT == batch.TIMEOUT_DEFAULT
    assert (cli.EXIT_OK, cli.EXIT_ERROR) == (runner.EXIT_OK, runner.EXIT_ERROR)
    assert cli.FORMATS is render.FORMATS
    from checker import config

    assert (config.FAIL_ON, config.LANGS, config.PDF_BACKENDS) == (cli.FAIL_ON, cli.LANGS, cli.PDF_BACKENDS)


def test_version_and_help_do_not_import_the_flow():
    for argv in (["--version"], ["check", "--help"]):
        code = ("import sys\nfrom checker.cli import main\n"
                f"assert main({argv!r}) == 0\n")
        mods = _modules_after(code)
        assert not _family(mods, "checker.runner", "checker.engine", "checker.analysis", "rich", "yaml"), argv


def test_a_check_to_a_pipe_never_imports_rich():
    # machine formats, and the console report when standard output is not a terminal (rich only draws the
    # progress bar, the batch summary and explain on a terminal)
    for fmt in ("json", "console", "concise"):
        code = ("import sys\nfrom checker.cli import main\n"
                f"sys.argv = ['reportlint', 'check', '--no-cache', '-j1', '--format', {fmt!r}, {str(SEED)!r}]\n"
                "try:\n    main()\nexcept SystemExit as e:\n    assert e.code in (0, 1), e.code\n")
        mods = _modules_after(code)
        assert f"checker.render.{fmt}" in mods  # the check did run and render
        assert not _family(mods, "rich", "yaml"), fmt


def test_the_console_report_in_colour_is_the_plain_one_painted():
    import os
    import re

    env = {**os.environ, "COLUMNS": "80"}
    runs = [subprocess.run([sys.executable, "-m", "checker", "check", "--no-cache", "-j1", *opt, str(SEED)],
                           capture_output=True, text=True, cwd=ROOT, env=env).stdout for opt in ([], ["--color"])]
    plain, colour = runs
    assert "\x1b[" not in plain and "\x1b[1;7m" in colour and "\x1b[1;31m[错误]\x1b[0m" in colour
    assert re.sub(r"\x1b\[[0-9;]*m", "", colour) == plain


def test_the_display_width_agrees_with_rich_on_every_known_character():
    # the console, the help and the tables measure without rich; a terminal report (rich) must lay out the same
    import unicodedata

    from rich.cells import cell_len as rich_len, get_character_cell_size

    from checker.render.layout import cell_len, char_width

    differ = [o for o in range(0x110000) if not 0xD800 <= o < 0xE000 and unicodedata.category(chr(o)) != "Cn"
              and char_width(chr(o)) != get_character_cell_size(chr(o))]
    assert not differ, [hex(o) for o in differ[:20]]
    for s in ("霍邱县扈胡镇人民政府2023年", "Copyright © PG电子·模拟器", "…“”↳✓ ★", "e\u0301", "👨\u200d👩\u200d👧", ""):
        assert cell_len(s) == rich_len(s), s


def _run_check(env: dict, *args: str) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "checker", "check", "--no-cache", "-j1", "--format", "json", *args],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, **env})


def test_the_regex_cache_gives_back_exactly_what_re_compiles(tmp_path):
    import marshal
    import re

    from checker import recache

    env = {"REPORTLINT_CACHE_DIR": str(tmp_path)}
    first = _run_check(env, str(SEED))
    files = list((tmp_path / "regex").glob("*.marshal"))
    assert len(files) == 1 and files[0].name == recache.cache_path().name
    stamp, entries = marshal.loads(files[0].read_bytes())
    assert stamp == recache._stamp() and len(entries) > 100  # the flow's module-level patterns
    _, compiler = recache._internals()
    for e in entries:
        fresh = compiler.compile(e[0], e[1])  # compiled now, bypassing re's cache
        built = recache._build(e)
        assert built == fresh and built.groupindex == fresh.groupindex and built.groups == fresh.groups, e[0]
        assert built.flags == re.compile(e[0], e[1]).flags
    second = _run_check(env, str(SEED))  # from the cache
    plain = _run_check({**env, recache.NO_CACHE_ENV: "1"}, str(SEED))
    assert first.returncode == second.returncode == plain.returncode == 1
    assert first.stdout == second.stdout == plain.stdout


def test_the_regex_cache_keeps_nothing_of_the_checked_document(tmp_path):
    import marshal

    report = tmp_path / "r.txt"
    marker = "璇玑岭乡人民政府"  # an organ name no source or pack holds
    report.write_text(SEED.read_text(encoding="utf-8").replace("霍邱县扈胡镇人民政府", marker), encoding="utf-8")
    env = {"REPORTLINT_CACHE_DIR": str(tmp_path / "c")}
    assert marker in _run_check(env, str(report)).stdout
    (path,) = (tmp_path / "c" / "regex").glob("*.marshal")
    _, entries = marshal.loads(path.read_bytes())
    assert entries and not [e[0] for e in entries if isinstance(e[0], str) and ("璇玑" in e[0] or "扈胡" in e[0])]


def test_a_damaged_or_foreign_regex_cache_is_ignored(tmp_path):
    import marshal

    from checker import recache

    good = _run_check({recache.NO_CACHE_ENV: "1"}, str(SEED)).stdout
    path = tmp_path / "regex" / recache.cache_path().name
    path.parent.mkdir(parents=True)
    for blob in (b"\x00garbage", marshal.dumps(((0, "other", 1, 2, 3), [])),
                 marshal.dumps((recache._stamp(), [("[a-", 0, 32, b"\x01\x00\x00\x00", 0, {})]))):
        path.write_bytes(blob)
        r = _run_check({"REPORTLINT_CACHE_DIR": str(tmp_path)}, str(SEED))
        assert r.returncode == 1 and r.stdout == good and "Traceback" not in r.stderr


def test_the_derived_dir_follows_the_result_cache_variable():
    from checker import cache, packs

    assert cache.ENV_DIR == "REPORTLINT_CACHE_DIR"  # packs.derived_dir reads it without importing checker.cache
    assert packs.compiled_path("x").parent.parent == packs.derived_dir()


def test_the_regex_cache_learns_run_time_patterns_from_the_warm_up_only(tmp_path, monkeypatch):
    import re

    from checker import recache

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(recache, "_loaded", {})
    monkeypatch.setattr(recache, "_marked", {})
    at_import = re.compile(r"[\u3400-\u9fff]+ at import (\d+)")
    assert recache.checkpoint()  # not in the (empty) cache yet
    recache.learn(lambda: re.search(r"warm-up built (\w+)", "warm-up built x"))
    re.compile(r"(?:the user's own document)")  # after the checkpoint: never kept
    assert recache.save() >= 2
    monkeypatch.setattr(recache, "_loaded", {})
    import marshal

    _, entries = marshal.loads(recache.cache_path().read_bytes())
    kept = {e[0] for e in entries}
    assert at_import.pattern in kept and r"warm-up built (\w+)" in kept
    assert "(?:the user's own document)" not in kept
    recache.learn(lambda: 1 / 0)  # a failing warm-up is no error


def test_the_regex_cache_keeps_only_what_a_run_uses_once_over_its_bound(tmp_path, monkeypatch):
    """warm() puts every entry of the file in re's cache; only those a lookup found count as this run's, so a file
    over MAX_ENTRIES is written again without the entries nothing asked for (other versions' patterns, alternations
    built in another hash-seed order), and re's cache is a plain dict again for the check."""
    import marshal
    import re

    from checker import recache

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    for name in ("_loaded", "_marked"):
        monkeypatch.setattr(recache, name, {})
    for name in ("_warmed", "_used"):
        monkeypatch.setattr(recache, name, set())
    monkeypatch.setattr(recache, "MAX_ENTRIES", 3)
    pats = [rf"stale pattern {i} (\d+)" for i in range(4)] + [r"used again (\w+)"]
    entries = []
    for p in pats:
        key = (str, p, 0)
        entries.append(recache._entry(key, re.compile(p)))
        re._cache.pop(key, None)  # as in a new process: only the file has them
    recache.cache_path().parent.mkdir(parents=True)
    recache.cache_path().write_bytes(marshal.dumps((recache._stamp(), entries)))
    try:
        assert recache.warm() == 5
        used = re.compile(r"used again (\w+)")  # a module of this run asks for one of them …
        fresh = re.compile(r"compiled by this run (\d+)")  # … and compiles one the file lacks
        assert recache.checkpoint()
        assert type(re._cache) is dict  # no lookup hook during the check itself
        assert recache.save() >= 1  # (with whatever else this process compiled)
        _, kept = marshal.loads(recache.cache_path().read_bytes())
        kept = {e[0] for e in kept}
        assert used.pattern in kept and fresh.pattern in kept
        assert not any(p in kept for p in pats[:4])  # nothing asked for them: not written again
    finally:
        recache._untrack()
        for p in pats:
            re._cache.pop((str, p, 0), None)


def test_the_place_names_come_back_from_their_cache_as_built(tmp_path, monkeypatch):
    import pickle

    from checker.analysis import region

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    key = region._places_key()
    assert key
    idx, names, codes = region._build_index()
    auto = region._build_automaton(names)
    region._write_places(key, (idx, names, codes, auto))
    got = region._read_places(key)
    assert got is not None
    assert got[0] == idx and got[1] == names and got[2] == codes
    text = SEED.read_text(encoding="utf-8") + " 广东省广州市番禺区 鼓楼区 合肥市"
    assert list(got[3].iter(text)) == list(auto.iter(text)) and list(auto.iter(text))
    # a file that names any other class is refused before anything of it runs
    evil = tmp_path / "ran"
    region._places_path(key).write_bytes(pickle.dumps((idx, names, codes, _Touch(str(evil)))))
    assert region._read_places(key) is None and not evil.exists()
    region._places_path(key).write_bytes(b"\x80\x05garbage")
    assert region._read_places(key) is None


class _Touch:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


def test_the_derived_caches_keep_only_their_newest_versions(tmp_path, monkeypatch):
    import os

    from checker import packs
    from checker.analysis import region

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv(packs.NO_COMPILED_ENV, raising=False)
    for sub, ext, keep in (("packs", "json", packs.KEEP_COMPILED), ("places", "pickle", region.KEEP_PLACES)):
        d = tmp_path / sub
        d.mkdir()
        for i in range(keep + 3):  # versions left by other checkouts or earlier code
            f = d / f"{i:064x}.{ext}"
            f.write_text("{}")
            os.utime(f, (1_000_000 + i, 1_000_000 + i))
    packs.load_pack.cache_clear()
    try:
        sha = packs.load_pack().sha256  # writes its compiled pack, prunes the rest
    finally:
        packs.load_pack.cache_clear()
    key = region._places_key()
    idx, names, codes = region._build_index()
    region._write_places(key, (idx, names, codes, region._build_automaton(names)))
    kept = sorted(p.name for p in (tmp_path / "packs").iterdir())
    assert len(kept) == packs.KEEP_COMPILED and f"{sha}.json" in kept
    assert f"{packs.KEEP_COMPILED + 2:064x}.json" in kept and f"{0:064x}.json" not in kept  # the oldest went
    places = sorted(p.name for p in (tmp_path / "places").iterdir())
    assert len(places) == region.KEEP_PLACES and f"{key}.pickle" in places


def test_the_gbk_rows_class_is_the_one_its_definition_gives():
    # garbage._utf8_rows decodes the byte pairs of GBK rows 0xE4-0xE9 (fast); by definition it is every CJK
    # character whose GBK encoding leads with one of those bytes
    from checker.analysis.contamination import garbage

    want = []
    for c in range(0x4E00, 0xA000):
        try:
            b = chr(c).encode("gbk")
        except UnicodeEncodeError:
            continue
        if 0xE4 <= b[0] <= 0xE9:
            want.append(chr(c))
    assert garbage._utf8_rows().pattern == "[" + "".join(want) + "]"
