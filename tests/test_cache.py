"""The result cache: an unchanged file is served without extraction, output is byte-identical, the key follows
content, pack, config and version, corrupt entries are misses, and the directory is bounded and safe to delete."""

import json
import os

from checker import __version__
from checker.cache import Cache, cache_key, default_dir
from checker.config import Config
from checker.engine import check_path
from checker.packs import load_pack
from conftest import SEED


def test_second_check_is_served_from_cache(tmp_path):
    cache = Cache(tmp_path / "c")
    first = check_path(str(SEED), Config(), cache=cache)
    assert not first.cached and first.analysis is not None and cache.misses == 1
    second = check_path(str(SEED), Config(), cache=cache)
    assert second.cached and second.analysis is None and cache.hits == 1  # not extracted or analysed again
    assert second.to_dict() == first.to_dict() and second.text == first.analysis.doc.text
    assert second.notes == first.notes
    assert len(list((tmp_path / "c" / "v1").glob("*.json"))) == 1
    assert (tmp_path / "c" / "CACHEDIR.TAG").exists() and (tmp_path / "c" / ".gitignore").exists()


def test_cli_output_identical_cached_and_uncached(cli, tmp_path):
    cdir = tmp_path / "cache"
    for fmt in ("json", "console"):
        plain = cli("check", SEED, "--format", fmt, "--no-cache")
        cold = cli("check", SEED, "--format", fmt, "--cache-dir", cdir)
        warm = cli("check", SEED, "--format", fmt, "--cache-dir", cdir)
        assert plain.stdout == cold.stdout == warm.stdout and warm.returncode == plain.returncode == 1
    assert len(list((cdir / "v1").glob("*.json"))) == 1
    assert not list((tmp_path).glob("nocache*"))


def test_key_follows_content_pack_config_version():
    pack = load_pack().sha256
    base = cache_key("a" * 64, pack, Config(), __version__)
    assert base == cache_key("a" * 64, pack, Config(), __version__)
    assert base != cache_key("b" * 64, pack, Config(), __version__)
    assert base != cache_key("a" * 64, "0" * 64, Config(), __version__)
    assert base != cache_key("a" * 64, pack, Config(), "9.9.9")
    assert base != cache_key("a" * 64, pack, Config(select=["GOV-K"]), __version__)
    assert base != cache_key("a" * 64, pack, Config(lang="en"), __version__)
    assert base != cache_key("a" * 64, pack, Config(severity={"GOV-K003": "error"}), __version__)
    assert base != cache_key("a" * 64, pack, Config(options={"province": "广东省"}), __version__)
    assert base == cache_key("a" * 64, pack, Config(fail_on="never"), __version__)  # the exit code only


def test_config_change_misses(tmp_path):
    cache = Cache(tmp_path)
    check_path(str(SEED), Config(), cache=cache)
    r = check_path(str(SEED), Config(ignore=["GOV-K010"]), cache=cache)
    assert not r.cached and "GOV-K010" not in {f.code for f in r.findings}
    p = tmp_path / "seed.txt"
    p.write_bytes(SEED.read_bytes() + "\n网站地图\n".encode())
    assert not check_path(str(p), Config(), cache=cache).cached  # content changed


def test_corrupt_entry_is_a_miss_and_dropped(tmp_path):
    cache = Cache(tmp_path)
    check_path(str(SEED), Config(), cache=cache)
    (entry,) = (tmp_path / "v1").glob("*.json")
    entry.write_text("{truncated", encoding="utf-8")
    r = check_path(str(SEED), Config(), cache=cache)
    assert not r.cached and r.findings
    assert json.loads(entry.read_text(encoding="utf-8"))["result"]["sha256"] == r.sha256  # rewritten whole


def test_safe_to_delete_between_runs(cli, tmp_path):
    cdir = tmp_path / "c"
    a = cli("check", SEED, "--format", "json", "--cache-dir", cdir)
    import shutil

    shutil.rmtree(cdir)
    b = cli("check", SEED, "--format", "json", "--cache-dir", cdir)
    assert a.stdout == b.stdout and (cdir / "v1").is_dir()


def test_pruned_to_cap_oldest_first(tmp_path):
    cache = Cache(tmp_path, max_entries=10)
    r = check_path(str(SEED), Config())
    for i in range(25):
        key = f"{i:064x}"
        cache.put(key, r)
        os.utime(cache._path(key), (1000 + i, 1000 + i))
    cache.prune()
    left = sorted(p.stem for p in (tmp_path / "v1").glob("*.json"))
    assert len(left) <= 10 and f"{24:064x}" in left and f"{0:064x}" not in left
    assert cache.get(f"{24:064x}") is not None


def test_unreadable_results_are_not_cached(tmp_path):
    cache = Cache(tmp_path)
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert check_path(str(p), Config(), cache=cache).error
    assert not list(tmp_path.rglob("*.json"))


def test_default_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("REPORTLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_dir(Config()) == tmp_path / "xdg" / "reportlint"
    assert default_dir(Config(root=str(tmp_path))) == tmp_path / ".reportlint_cache"
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "env"))
    assert default_dir(Config(root=str(tmp_path))) == tmp_path / "env"


def test_project_cache_dir_in_root(cli, tmp_path):
    (tmp_path / "reportlint.toml").write_text('lang = "zh"\n', encoding="utf-8")
    p = tmp_path / "r.txt"
    p.write_bytes(SEED.read_bytes())
    cli("check", p)
    assert list((tmp_path / ".reportlint_cache" / "v1").glob("*.json"))
