"""Cross-year pairing on the two real reports of 淮安市洪泽区人民政府 (../shared/real), checked together in one
directory: the 2024 report names the organ with its city, the 2023 report without it; they are the same organ."""

import json
import shutil

import pytest

from checker.pairing import organ_forms, pair_reports, same_organ
from tests.conftest import SHARED

REAL = SHARED / "real"
PDFS = ["hongze-2023.pdf", "hongze-2024.pdf"]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    if not all((REAL / p).exists() for p in PDFS):
        pytest.skip(f"the real reports are not there ({REAL}): ../shared is absent")
    d = tmp_path_factory.mktemp("hongze")
    for p in PDFS:
        shutil.copy(REAL / p, d / p)
    return d


def test_2024_paired_with_2023_in_json(batch, cli):
    r = cli("check", batch, "--format", "json", "--no-cache", "--jobs", "1")
    assert r.returncode in (0, 1), r.stderr
    files = {f["path"].rsplit("/", 1)[-1]: f for f in json.loads(r.stdout)["files"]}
    f23, f24 = files["hongze-2023.pdf"], files["hongze-2024.pdf"]
    assert f24["facts"]["organ"] != f23["facts"]["organ"]  # named differently …
    assert f24.get("previous", "").endswith("hongze-2023.pdf")  # … and paired all the same
    assert "previous" not in f23
    # the cross-year rules ran against 2023: carry-over 0 = 0 and 行政规范性文件 5 + 3 − 0 = 8 hold
    assessed = {x["code"] for x in f24["not_assessed"]}
    assert not {"GOV-X001", "GOV-X002"} & assessed, f24["not_assessed"]
    assert not [x for x in f24["findings"] if x["code"] in ("GOV-X001", "GOV-X002")]
    for f in (f23, f24):
        assert not [x for x in f["findings"] if x["code"].startswith("GOV-P")], f["path"]


def test_pair_shown_on_the_console(batch, cli):
    r = cli("check", batch, "--no-cache", "--jobs", "1", env={"COLUMNS": "200"})
    assert r.returncode in (0, 1), r.stderr
    lines = [ln for ln in r.stdout.splitlines() if "上年报告" in ln and ln.startswith("│")]  # the facts panel
    assert len(lines) == 1 and "hongze-2023.pdf" in lines[0]
    assert r.stdout.index("hongze-2024.pdf") < r.stdout.index(lines[0])  # in the 2024 report's header


@pytest.mark.parametrize("a,b", [
    ("淮安市洪泽区人民政府", "洪泽区人民政府"),
    ("江苏省淮安市洪泽区人民政府", "洪泽区人民政府"),
    ("洪泽区人民政府办公室", "洪泽区政府办"),
    ("霍邱县扈胡镇人民政府", "扈胡镇人民政府"),
    ("南宁市青秀区人民政府", "广西壮族自治区南宁市青秀区人民政府"),
])
def test_same_organ(a, b):
    assert same_organ(a, b) and same_organ(b, a)


@pytest.mark.parametrize("a,b", [
    ("南京市鼓楼区人民政府", "福州市鼓楼区人民政府"),  # a place both name differs
    ("淮安市人民政府", "洪泽区人民政府"),
    ("淮安市市场监督管理局", "市场监督管理局"),  # no place of its own left
    ("洪泽区人民政府", "洪泽区人民政府办公室"),
])
def test_not_the_same_organ(a, b):
    assert not same_organ(a, b)


def test_pairing_respects_provinces_and_years():
    items = [
        ("a/2024.pdf", {"organ": "淮安市洪泽区人民政府", "year": 2024, "province": "江苏省"}),
        ("a/2023.pdf", {"organ": "洪泽区人民政府", "year": 2023, "province": "江苏省"}),
        ("b/2023.pdf", {"organ": "鼓楼区人民政府", "year": 2023, "province": "福建省"}),
        ("b/2024.pdf", {"organ": "南京市鼓楼区人民政府", "year": 2024, "province": "江苏省"}),
        ("c/2022.pdf", {"organ": "洪泽区人民政府", "year": 2022, "province": "江苏省"}),
    ]
    pairs = pair_reports(items)
    assert pairs["a/2024.pdf"] == "a/2023.pdf"
    assert pairs["a/2023.pdf"] == "c/2022.pdf"
    assert "b/2024.pdf" not in pairs  # 鼓楼区 of 福建 is not 南京市鼓楼区
    assert organ_forms("淮安市洪泽区人民政府")[-1] == "洪泽区政府"
