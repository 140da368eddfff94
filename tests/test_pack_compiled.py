"""The compiled pack: the parsed YAML kept as JSON keyed on the pack's SHA-256, read back identically, ignored on
any doubt (corrupt, another key, another format), never needed (REPORTLINT_NO_PACK_CACHE)."""

from __future__ import annotations

import json

import pytest

from checker import packs


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv(packs.NO_COMPILED_ENV, raising=False)
    packs.load_pack.cache_clear()
    yield tmp_path / "cache"
    packs.load_pack.cache_clear()


def _same(a, b) -> None:
    assert a.sha256 == b.sha256
    assert json.dumps(a.data, ensure_ascii=False) == json.dumps(b.data, ensure_ascii=False)  # order too
    assert [(r.code, r.name, r.severity, r.params, r.messages, r.doc, r.aliases) for r in a.rules] == \
           [(r.code, r.name, r.severity, r.params, r.messages, r.doc, r.aliases) for r in b.rules]


def test_first_load_writes_the_compiled_pack_and_the_second_reads_it(fresh):
    first = packs.load_pack()
    path = packs.compiled_path(first.sha256)
    assert path.is_file() and path.parent == fresh / "packs"
    blob = json.loads(path.read_text(encoding="utf-8"))
    assert blob["sha256"] == first.sha256 and blob["format"] == packs.COMPILED_FORMAT
    packs.load_pack.cache_clear()
    assert packs._read_compiled(first.sha256) is not None
    _same(packs.load_pack(), first)


@pytest.mark.parametrize("bad", ["{not json", json.dumps({"format": 1, "sha256": "0" * 64, "pack": {}, "data": {}}),
                                 json.dumps([1, 2]), json.dumps({"format": 99})])
def test_a_corrupt_or_foreign_compiled_pack_is_ignored(fresh, bad):
    good = packs.load_pack()
    path = packs.compiled_path(good.sha256)
    if "0" * 64 in bad:  # a well-formed blob under another pack's key must not be taken for this one
        bad = bad.replace("0" * 64, "f" * 64)
    path.write_text(bad, encoding="utf-8")
    assert packs._read_compiled(good.sha256) is None
    packs.load_pack.cache_clear()
    _same(packs.load_pack(), good)  # read from the YAML again
    assert json.loads(path.read_text(encoding="utf-8"))["sha256"] == good.sha256  # and rewritten


def test_the_environment_switch_reads_yaml_and_writes_nothing(fresh, monkeypatch):
    monkeypatch.setenv(packs.NO_COMPILED_ENV, "1")
    p = packs.load_pack()
    assert not packs.compiled_path(p.sha256).exists()
    assert p.rules
