"""The batch's cross-year pass runs the GOV-X rules on the first pass's digests: the same findings as checking the
later report against the earlier one (``check --previous``, which analyses both files), no file read again, and a
digest that stays small and survives the result cache."""

import json
import os
import pickle
import shutil

import pytest

from checker import batch
from checker.config import Config
from checker.engine import check_path
from fixtures import generate as g
from tests.conftest import SHARED

ORGAN = "某某县人民政府"
X = ("GOV-X001", "GOV-X002", "GOV-X003", "GOV-X004")


def _pairs(d, ext):
    """Three pairs of one organ's reports for consecutive years: other tables (carry-over and roll-forward
    mismatches), the same seed (copied text and tables), and one with a blank carry-over cell."""
    write = g.WRITERS[ext]
    out = []
    specs = [((1, 2022, None), (2, 2023, None)),
             ((5, 2020, None), (5, 2021, None)),
             ((7, 2018, None), (8, 2019, {"blank_cell": ("T3", 1, 0)}))]
    organs = [ORGAN, "某某市交通运输局", "某某区教育局"]
    for (spec_a, spec_b), organ in zip(specs, organs):
        pair = []
        for seed, year, defects in (spec_a, spec_b):
            r = g.make_report(seed=seed, year=year, organ=organ, defects=defects)
            pair.append(str(write(r, d / f"{organ}-{year}.{ext}")))
        out.append(tuple(pair))
    return out


def _batch(files, config, snippets=False, on_progress=None):
    got = {}
    batch.run(files, config, jobs=1, snippets=snippets, stream=True,
              on_result=lambda i, d: got.__setitem__(files[i], d), on_progress=on_progress)
    return got


def _x(d):
    return ([f for f in d["findings"] if f["code"] in X], [n for n in d["not_assessed"] if n["code"] in X])


@pytest.mark.parametrize("ext", ["txt", "html", "docx"])
def test_digest_pass_gives_the_findings_of_a_check_against_the_previous_report(tmp_path, ext):
    pairs = _pairs(tmp_path, ext)
    files = sorted(p for pair in pairs for p in pair)
    config = Config(cache_dir=None)
    got = _batch(files, config, snippets=True)
    cfg = batch.config_to_dict(config)
    seen = set()
    for prev, cur in pairs:
        assert got[cur]["previous"] == prev
        assert "previous" not in got[prev]
        want = batch.check_one(cur, cfg, prev, snippets=True)  # both files analysed, the rules on the Analyses
        assert _x(got[cur]) == _x(want)
        snips = dict(zip((f["fingerprint"] for f in got[cur]["findings"]), got[cur]["_snippets"]))
        for f, s in zip(want["findings"], want["_snippets"]):
            if f["code"] in X:
                assert snips[f["fingerprint"]] == s
        seen.update(f["code"] for f in _x(got[cur])[0])
    # the pairs make every kind of cross-year finding, so the comparison above compared something
    assert seen == set(X), seen


def test_digest_pass_on_pdf(tmp_path):
    prev = str(g.write_pdf(g.make_report(seed=3, year=2022, organ=ORGAN), tmp_path / "a.pdf"))
    cur = str(g.write_pdf(g.make_report(seed=4, year=2023, organ=ORGAN), tmp_path / "b.pdf"))
    config = Config(cache_dir=None)
    got = _batch([prev, cur], config)
    want = batch.check_one(cur, batch.config_to_dict(config), prev)
    assert got[cur]["previous"] == prev
    assert _x(got[cur]) == _x(want)
    assert {f["code"] for f in _x(want)[0]} >= {"GOV-X001"}
    assert all(f["location"]["page"] for f in _x(got[cur])[0])


def test_cross_year_pass_reads_no_file(tmp_path):
    """The files are moved away once the first pass has seen them all: the GOV-X findings still come."""
    pairs = _pairs(tmp_path, "txt")
    files = sorted(p for pair in pairs for p in pair)
    gone = tmp_path / "gone"
    moved = []

    def on_progress(stats):
        if stats.checked == len(files) and not moved:
            gone.mkdir()
            for f in files:
                shutil.move(f, gone / os.path.basename(f))
            moved.append(True)

    got = _batch(files, Config(cache_dir=None), on_progress=on_progress)
    assert moved and not any(os.path.exists(f) for f in files)
    for prev, cur in pairs:
        assert got[cur]["previous"] == prev
        assert _x(got[cur])[0], got[cur]["not_assessed"]  # findings against the previous report …
        assert not any(n.get("needs") == ["previous"] for n in _x(got[cur])[1])  # … every rule had it


def test_digest_is_small_and_pickles(tmp_path):
    r = g.make_report(seed=1, year=2023, organ=ORGAN)
    p = str(g.write_txt(r, tmp_path / "a.txt"))
    d = batch.check_one(p, batch.config_to_dict(Config(cache_dir=None)))
    dg = d["_digest"]
    assert json.loads(json.dumps(dg)) == dg  # plain data: spooled as JSON, sent to Dask
    size = len(pickle.dumps(dg))
    assert size < 8000, size  # the Analysis pickles to hundreds of KB
    assert len(pickle.dumps(d)) < 4 * len(pickle.dumps({k: v for k, v in d.items() if k != "_digest"})) + 8000
    text = open(p, encoding="utf-8").read()
    assert sum(len(s) for _, s in dg["anchors"]["text"]) < len(text) / 2  # a few windows, not the text
    assert "_digest" not in batch.public(d)


def test_cached_result_keeps_its_digest(tmp_path):
    pairs = _pairs(tmp_path, "txt")[:1]
    files = sorted(pairs[0])
    config = Config(cache_dir=str(tmp_path / "cache"))
    first = _batch(files, config)
    second = _batch(files, config)  # every file served from the cache
    from checker.cache import Cache

    cache = Cache(tmp_path / "cache")
    assert len(cache.entries()) == 2
    prev, cur = pairs[0]
    assert second[cur]["previous"] == prev
    assert _x(second[cur]) == _x(first[cur])
    assert _x(second[cur])[0]


def test_real_pair_digest_matches_check_previous(tmp_path):
    real = SHARED / "real"
    names = ["hongze-2023.pdf", "hongze-2024.pdf"]
    if not all((real / n).exists() for n in names):
        pytest.skip(f"the real reports are not there ({real}): ../shared is absent")
    for n in names:
        shutil.copy(real / n, tmp_path / n)
    prev, cur = (str(tmp_path / n) for n in names)
    config = Config(cache_dir=None)
    got = _batch([prev, cur], config)
    want = batch.check_one(cur, batch.config_to_dict(config), prev)
    assert got[cur]["previous"] == prev
    assert _x(got[cur]) == _x(want)
    # the rules did compare the two years (carry-over and roll-forward hold on the real pair)
    assert not {"GOV-X001", "GOV-X002"} & {n["code"] for n in _x(got[cur])[1]}
    assert check_path(cur, config).facts["year"] == 2024
