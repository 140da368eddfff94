"""The same report gives the same contamination codes in TXT, HTML, DOCX and PDF (issue 13): the planted report of
fixtures/generate.py with legitimate 体育彩票/禁赌 vocabulary around a brand ad glued between two list items
(「…门户网站、××体育官方网站入口政务微信公众号等渠道…」), written in all four formats by the generator."""

import pytest

import fixtures.generate as gen
from checker.config import Config
from checker.engine import check_bytes

CHANNELS = "镇政府门户网站、政务微信公众号"
TRAPS = ["全年公开体育彩票公益金使用情况，配合公安部门开展禁赌宣传，依法取缔非法棋牌室2处。"]


def _codes(path):
    res = check_bytes(path.read_bytes(), str(path), Config(select=["GOV-K"]))
    return {f.code for f in res.findings if f.severity >= 2}, res


@pytest.mark.parametrize("ad", ["星辰体育官方网站入口", "开云体育官方网站入口", "金牛娱乐城", "鸿运棋牌app下载"])
def test_planted_ad_between_list_items_found_in_every_format(tmp_path, monkeypatch, ad):
    monkeypatch.setattr(gen, "CHANNELS", CHANNELS)
    section1 = list(gen.SECTION1)
    section1[0] = (section1[0][0], section1[0][1] + TRAPS)
    monkeypatch.setattr(gen, "SECTION1", section1)
    report = gen.make_report(defects={"ad": ad})
    assert any(p.get("defect") == "ad" and p["text"] == ad for p in report.planted)
    paths = gen.write_all(report, tmp_path, stem="planted")
    assert set(paths) >= {"txt", "html", "docx", "pdf"}
    got = {}
    for fmt, path in paths.items():
        codes, res = _codes(path)
        got[fmt] = codes
        ads = [f for f in res.findings if f.code == "GOV-K001"]
        assert any(ad in f.match or f.match in ad for f in ads), (fmt, [f.match for f in res.findings])
        assert all(f.evidence.get("signals") for f in ads)
        # the trap vocabulary is not accused
        assert not [f for f in res.findings if f.severity >= 2 and ("彩票" in f.match or "棋牌室" in f.match)]
    assert len({frozenset(c) for c in got.values()}) == 1, got
