"""The batch's plumbing: what the parent loads before forking its workers, the public suffix list's cache."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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


def _items():
    import random

    rng = random.Random(7)
    names = ["淮安市洪泽区人民政府", "洪泽区人民政府", "江苏省淮安市洪泽区人民政府", "洪泽区政府办公室", "南京市鼓楼区人民政府",
             "福州市鼓楼区人民政府", "鼓楼区人民政府", "某某县人民政府", "某某县交通运输局", None]
    items = []
    for i in range(160):
        organ = rng.choice(names)
        facts = {"organ": organ, "year": rng.choice([2020, 2021, 2022, 2023, None]),
                 "province": rng.choice([None, None, "江苏省", "福建省"])}
        items.append((f"/r/{rng.randrange(10**6):06d}-{i}.txt", facts))
    return items


def test_the_incremental_pairer_gives_pair_reports_at_every_step():
    import random

    from checker.pairing import Pairer, pair_reports

    items = _items()
    for seed in range(4):
        order = items[:]
        random.Random(seed).shuffle(order)
        pz = Pairer()
        for k, (path, facts) in enumerate(order):
            before = pz.pairs()
            changed = pz.add(path, facts)
            now = pz.pairs()
            assert now == pair_reports(order[:k + 1])
            assert set(changed) == {p for p in set(before) | set(now) if before.get(p) != now.get(p)}
        assert len(pz.pairs()) > 20  # (the items do pair)


def _pair_files(tmp_path):
    from fixtures import generate as g

    later = g.write_txt(g.make_report(seed=1, year=2023, organ="淮安市洪泽区人民政府"), tmp_path / "a.txt")
    # two reports for the year before: one naming the organ without its city (a worse match) …
    worse = g.write_txt(g.make_report(seed=2, year=2022, organ="洪泽区人民政府"), tmp_path / "b.txt")
    # … and one naming it as the later report does (the previous report pair_reports takes)
    best = g.write_txt(g.make_report(seed=3, year=2022, organ="淮安市洪泽区人民政府"), tmp_path / "c.txt")
    return str(later), str(worse), str(best)


def test_a_pair_compared_early_is_compared_again_when_a_better_previous_report_comes(tmp_path):
    from checker import batch
    from checker.config import Config

    later, worse, best = _pair_files(tmp_path)
    outs = []
    for order in ([later, worse, best], [best, later, worse], [later, best, worse]):
        for stream in (True, False):
            res = {}
            batch.run(order, Config(), jobs=1, stream=stream, on_result=lambda i, d: res.__setitem__(order[i], d))
            outs.append({p: {k: v for k, v in batch.public(d).items() if k != "seconds"} for p, d in res.items()})
    assert outs[0][later]["previous"] == best
    assert any(f["code"] == "GOV-X001" for f in outs[0][later]["findings"])  # (the pair is compared at all)
    for o in outs[1:]:
        assert o == outs[0]


def test_the_file_just_in_is_compared_as_it_came_not_read_back(tmp_path, monkeypatch):
    """A pair is compared when its second report comes in: that report's digest and result are used as the worker
    gave them (the store's copies are read only for the other report, and for a later re-comparison), with the
    findings of a batch that reads everything back."""
    from checker import batch
    from checker.batch import schedule
    from checker.config import Config

    later, _, best = _pair_files(tmp_path)
    order = [best, later]
    reads = []
    get = schedule._Store.get
    monkeypatch.setattr(schedule._Store, "get", lambda self, key: reads.append(key) or get(self, key))
    res = {}
    batch.run(order, Config(), jobs=1, stream=True, on_result=lambda i, d: res.__setitem__(order[i], d))
    # best (keys 0, 1) is in first; later (3, 4) completes the pair: best's digest is read, later's digest and
    # result are not; at the end best's result (0) and later's merged result (5) are read once to be delivered
    assert sorted(reads) == [0, 1, 5], reads
    assert res[later]["previous"] == best and any(f["code"] == "GOV-X001" for f in res[later]["findings"])
    monkeypatch.setattr(schedule._Store, "get", get)
    again = {}
    batch.run(order, Config(), jobs=1, stream=False, on_result=lambda i, d: again.__setitem__(order[i], d))
    assert ({p: {k: v for k, v in batch.public(d).items() if k != "seconds"} for p, d in res.items()}
            == {p: {k: v for k, v in batch.public(d).items() if k != "seconds"} for p, d in again.items()})


def test_the_pairer_weighs_only_the_new_report_for_the_reports_of_the_next_year(monkeypatch):
    """Pairer.add searches the candidates of the new report only; for each report of the next year it may be the
    previous report of, the new one is weighed against that report's best so far (its other candidates are
    unchanged) instead of all of them again (issue 16: a batch with many reports of one organ and year searched
    them for each report of the next year). The pairs and the changed reports are pair_reports' at every step, on
    batches with many reports a year and organ, provinces that do and do not agree, and worse and better names."""
    import random

    from checker import pairing
    from checker.pairing import Pairer, pair_reports

    calls = []
    searched = Pairer._previous
    monkeypatch.setattr(Pairer, "_previous", lambda self, p: calls.append(p) or searched(self, p))
    rng = random.Random(11)
    names = ["淮安市洪泽区人民政府", "洪泽区人民政府", "江苏省淮安市洪泽区人民政府", "某某县人民政府", "某某县交通运输局"]
    for trial in range(3):
        items = [(f"/r/{rng.randrange(10**6):06d}-{i}.txt",
                  {"organ": rng.choice(names), "year": rng.choice([2021, 2022, 2023]),
                   "province": rng.choice([None, None, "江苏省", "福建省"])}) for i in range(120)]
        pz = Pairer()
        calls.clear()
        for k, (path, facts) in enumerate(items):
            before = pz.pairs()
            changed = pz.add(path, facts)
            now = pz.pairs()
            assert now == pairing.pair_reports(items[:k + 1])
            assert set(changed) == {p for p in set(before) | set(now) if before.get(p) != now.get(p)}
        assert len(calls) == len(items)  # one search a report: its own
        assert len(pz.pairs()) > 60 and pz.pairs() == pair_reports(items)


def test_the_spool_read_at_its_offsets_gives_back_what_was_put(monkeypatch):
    """The streaming batch's spool (_Store on disk) writes and reads each record at its offset (os.pwrite and
    os.pread on an unbuffered file: no seek, no buffer flushed between a write and a read); it gives back what
    the seek-and-read spool gives: records of every size (empty to past a pipe's and a buffer's size), put, read
    again, popped and put again under the same key, interleaved at random."""
    import random

    from checker.batch import schedule

    def drive(store, rng):
        out, keys = [], []
        for step in range(400):
            r = rng.random()
            if keys and r < 0.35:
                k = rng.choice(keys)
                out.append(("get", k, store.get(k)))
            elif keys and r < 0.45:
                k = keys.pop(rng.randrange(len(keys)))
                out.append(("pop", k, store.pop(k)))
                with pytest.raises(KeyError):
                    store.get(k)
            else:
                k = rng.randrange(60)
                size = rng.choice([0, 1, 7, 300, 5000, 70_000, 200_000])
                d = {"k": k, "step": step, "body": "政" * size, "n": list(range(size % 97))}
                store.put(k, d)
                keys = [x for x in keys if x != k] + [k]
        out += [("end", k, store.get(k)) for k in sorted(keys)]
        store.close()
        return out

    positional = schedule._Store(disk=True)
    assert positional.positional and positional.f is not None
    got = drive(positional, random.Random(5))
    monkeypatch.delattr(schedule.os, "pwrite")  # the seek-and-read spool of a system without positional I/O
    plain = schedule._Store(disk=True)
    assert not plain.positional
    assert drive(plain, random.Random(5)) == got
    assert len(got) > 150 and any(len(d["body"]) == 200_000 for _, _, d in got)
