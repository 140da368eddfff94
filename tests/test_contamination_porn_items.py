"""Porn title lists by the vocabulary of their items (ads.porn_items, issue 13, ads7): lists whose items combine the
family's vocabulary in new ways, which no compound of porn.txt covers. Real documents through the real engine; the
clean corpus pages, generated reports and the real PDFs as the precision check."""

import json
from pathlib import Path

import pytest

import fixtures.generate as gen
from checker.analysis.contamination import ads
from checker.config import Config
from checker.engine import check_bytes
from conftest import CORPUS, SHARED

HERE = Path(__file__).parent


def k1(data, name="page.txt"):
    data = data.encode("utf-8") if isinstance(data, str) else data
    res = check_bytes(data, name, Config(select=["GOV-K001", "GOV-K006"]))
    return [f for f in res.findings if f.severity.name in ("ERROR", "WARNING")]


def test_a_list_of_new_combinations_is_one_stuffing_finding():
    head = "曰本va欧美va久久|欧美日韩在线观看专区|久久国国产免费999|国产乱精品女同自线免费"
    text = head + "\n\n体育总局办公厅关于推迟举办群众赛事活动的通知\n各省、自治区、直辖市体育行政部门：\n现将有关事宜通知如下。\n"
    fs = k1(text)
    assert [f.match for f in fs] == [head]
    assert fs[0].evidence["category"] == "stuffing" and fs[0].fix is not None


@pytest.mark.parametrize("line", [
    "AV矩阵、AV线、AV插头、AV接口",  # equipment
    "女同志风采,女同志代表,女同志座谈会",  # comrades
    "国产电影|欧美电影|日韩动画|免费观影|高清修复",  # a culture site's menu without a porn-only word
    "香蕉、蜜桃、菠萝、芒果、荔枝",  # fruit
])
def test_ordinary_lists_are_no_porn_list(line):
    assert ads.porn_items(line, []) == []


def _records(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_nothing_on_clean_pages():
    pages = [r for name in ("tune.jsonl", "official.jsonl") for r in _records(HERE / "corpus" / name)
             if not r["labels"]["contaminated"]]
    if CORPUS.exists():
        pages += [r for r in _records(CORPUS) if not r["labels"]["contaminated"]]
    assert len(pages) > 200
    assert [r["id"] for r in pages if ads.porn_items(r["text"], [])] == []


@pytest.mark.parametrize("seed", [0, 5])
def test_nothing_on_generated_reports(seed, tmp_path):
    for fmt, p in gen.write_all(gen.make_report(seed=seed), tmp_path, stem="clean").items():
        assert [f for f in k1(p.read_bytes(), str(p)) if f.evidence.get("category") == "stuffing"] == [], fmt


@pytest.mark.parametrize("name", ["hongze-2023.pdf", "hongze-2024.pdf"])
def test_nothing_on_the_real_pdfs(name):
    path = SHARED / "real" / name
    if not path.exists():
        pytest.skip(f"{path} not found (../shared absent)")
    assert [f for f in k1(path.read_bytes(), name) if f.evidence.get("category") == "stuffing"] == []
