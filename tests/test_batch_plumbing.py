"""The batch's plumbing: what the parent loads before forking its workers, the public suffix list's cache."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str, env: dict | None = None) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                          check=True).stdout


def test_the_warm_up_builds_no_s2t_converter(tmp_path):
    # the parent of a batch warms up before forking: OpenCC's s2t converter (27 MiB, 50 ms) is built only when a
    # checked text has a traditional-only character, never for the warm-up report
    out = _run("from checker import batch\nfrom checker.config import Config\n"
               "batch.warm_up(batch.config_to_dict(Config()))\n"
               "from checker.analysis.contamination import islands\nfrom checker import normalize\n"
               "print(islands._s2t.cache_info().currsize, normalize._t2s.cache_info().currsize)",
               {"REPORTLINT_CACHE_DIR": str(tmp_path)})
    assert out.split() == ["0", "1"]


def test_a_traditional_text_still_gets_its_traditional_findings(tmp_path):
    # (the converter is built when needed: in a worker forked from a warm parent too)
    from checker import batch
    from checker.config import Config

    text = ("某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本机关认真贯彻落实条例。\n"
            "臺灣娛樂城線上註冊送彩金，歡迎體驗最新遊戲，請聯繫客服。\n二、主动公开政府信息情况\n")
    files = []
    for i in range(2):
        p = tmp_path / f"r{i}.txt"
        p.write_text(text, encoding="utf-8")
        files.append(str(p))
    got = {}
    for jobs in (1, 2):
        res = {}
        batch.run(files, Config(), jobs=jobs, on_result=lambda i, d: res.__setitem__(i, d))
        got[jobs] = [sorted((f["code"], f["match"]) for f in res[i]["findings"]) for i in range(2)]
    assert got[1] == got[2]
    assert any(c.startswith("GOV-K") for c, _ in got[1][0])


def test_the_public_suffix_list_from_its_cache_is_the_parsed_one(tmp_path, monkeypatch):
    from publicsuffixlist import PublicSuffixList

    from checker import psl

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv(psl.NO_CACHE_ENV, raising=False)
    key = psl._key()
    assert key
    fresh = PublicSuffixList()
    assert psl._read(key) is None  # nothing cached yet
    psl._write(key, fresh)
    got = psl._read(key)
    assert got is not None and got is not fresh
    assert got.__dict__ == fresh.__dict__ and len(got.__dict__["_publicsuffix"]) > 5000
    for host in ("www.gov.cn", "a.b.example.co.uk", "x.city.kobe.jp", "foo.github.io", "bar.unknowntld",
                 "mail.js8888.com", "xn--fiqs8s", "政府.中国", "www.hongze.gov.cn", "a.b.c.d.e.blogspot.com"):
        for unknown in (True, False):
            assert got.publicsuffix(host, accept_unknown=unknown) == fresh.publicsuffix(host, accept_unknown=unknown)
            assert got.privatesuffix(host, accept_unknown=unknown) == fresh.privatesuffix(host,
                                                                                          accept_unknown=unknown)


def test_the_public_suffix_cache_follows_the_shipped_list(tmp_path, monkeypatch):
    from checker import psl

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    lst = tmp_path / "list.dat"
    lst.write_text("com\nexample.com\n", encoding="utf-8")
    monkeypatch.setattr(psl, "_source", lambda: str(lst))
    k1 = psl._key()
    lst.write_text("com\n", encoding="utf-8")  # an upgraded package ships another list: another key
    assert psl._key() != k1


def test_a_damaged_or_foreign_public_suffix_cache_is_ignored(tmp_path, monkeypatch):
    import marshal

    from checker import psl

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    key = psl._key()
    path = psl._path(key)
    path.parent.mkdir(parents=True)
    for blob in (b"\x00garbage", marshal.dumps([1, 2]), marshal.dumps({"_publicsuffix": ["com"]}),
                 marshal.dumps({"_publicsuffix": frozenset([1])}), marshal.dumps({})):
        path.write_bytes(blob)
        assert psl._read(key) is None
    # and a run over it gives the parsed list's answers
    out = _run("from checker.analysis.contamination import hosts\nprint(hosts.registrable('a.b.example.co.uk'))",
               {"REPORTLINT_CACHE_DIR": str(tmp_path)})
    assert out.strip() == "example.co.uk"


def test_a_second_process_reads_the_public_suffix_list_from_the_cache(tmp_path):
    code = ("from checker import psl\nimport publicsuffixlist as p\ncalls = []\norig = p.PublicSuffixList._parse\n"
            "p.PublicSuffixList._parse = lambda *a, **k: (calls.append(1), orig(*a, **k))[1]\n"
            "from checker.analysis.contamination import hosts\n"
            "print(hosts.registrable('www.hongze.gov.cn'), len(calls))")
    env = {"REPORTLINT_CACHE_DIR": str(tmp_path)}
    assert _run(code, env).split() == ["hongze.gov.cn", "1"]  # parsed, and kept
    assert _run(code, env).split() == ["hongze.gov.cn", "0"]  # read back: no parse
    assert _run(code, {**env, "REPORTLINT_NO_PSL_CACHE": "1"}).split() == ["hongze.gov.cn", "1"]
