"""Personal data planted in a generated report is found in every format and never leaves reportlint unmasked."""

import json

import pytest

from fixtures.generate import make_report, write_all

ID, MOBILE, CARD = "340102199001011236", "13812345678", "6222021234567890128"
PLANT = (f"本年度，申请人张某（身份证号码{ID}，手机{MOBILE}）申请公开征收补偿信息，"
         f"信息处理费已退还至其银行卡号{CARD}。")
FORMATS = ("console", "concise", "json", "jsonl", "sarif", "junit", "github", "gitlab", "html")


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    rep = make_report(seed=3, year=2023)
    i = next(k for k, (kind, _) in enumerate(rep.blocks) if kind == "heading" and "依申请" in _ or "收到和处理" in str(_))
    rep.blocks.insert(i + 1, ("para", PLANT))
    return write_all(rep, tmp_path_factory.mktemp("personal"))


@pytest.mark.parametrize("ext", ["txt", "html", "docx", "pdf"])
def test_found_in_every_format_and_masked(planted, ext, cli):
    r = cli("check", planted[ext], "--format", "json", "--select", "GOV-I")
    assert r.returncode == 1, r.stderr
    doc = json.loads(r.stdout)
    got = {f["code"]: f for f in doc["files"][0]["findings"]}
    assert set(got) == {"GOV-I001", "GOV-I002", "GOV-I003"}, got
    assert got["GOV-I001"]["match"] == "3401**********1236"
    assert got["GOV-I002"]["match"] == "138****5678"
    assert got["GOV-I003"]["match"] == "6222***********0128"
    for num in (ID, MOBILE, CARD):
        assert num not in r.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_format_republishes_the_numbers(planted, fmt, cli, tmp_path):
    out = tmp_path / f"out.{fmt}"
    for ext in ("txt", "docx"):
        r = cli("check", planted[ext], "--format", fmt, "-o", out, env={"COLUMNS": "200"})
        assert r.returncode == 1, r.stderr
        text = out.read_text(encoding="utf-8") + r.stdout + r.stderr
        assert "3401**********1236" in text or fmt in ("junit",) or "138****5678" in text
        for num in (ID, MOBILE, CARD):
            assert num not in text, (fmt, ext, num)


def test_extract_prints_the_document_as_it_is(planted, cli):
    r = cli("extract", planted["txt"])
    assert r.returncode == 0 and ID in r.stdout  # the user's own text: offsets point into it


def test_the_removal_log_and_clean_check_mask_too(planted, cli, tmp_path):
    r = cli("clean", "--check", planted["txt"])
    for num in (ID, MOBILE, CARD):
        assert num not in r.stdout + r.stderr
