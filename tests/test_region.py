"""Place names and area codes to provinces: the one-pass automaton and the shipped area-code table."""

import random
import re

import pytest

from checker.analysis import areacodes_build, region
from checker.analysis.areacodes import AREA_PROVINCE
from conftest import SEED


def _scan_name_by_name(text):
    """The reference: every name of the index scanned in turn, longest first (the former implementation)."""
    idx, names, _ = region._index()
    found, taken = [], [False] * len(text)
    for name in names:
        start = 0
        while (i := text.find(name, start)) >= 0:
            if not any(taken[i:i + len(name)]) and (region.PLACE_SUFFIX.search(name) or name in region.PROVINCE_SHORT):
                found.append((name, idx[name], i))
                for k in range(i, i + len(name)):
                    taken[k] = True
            start = i + 1
    return sorted(found, key=lambda t: t[2])


@pytest.mark.parametrize("text", [
    "淮安市洪泽区人民政府2024年政府信息公开工作年度报告",
    "安徽省六安市霍邱县扈胡镇人民政府；南京市鼓楼区、福州市鼓楼区、江苏省、广东广州市天河区",
    "内蒙古自治区呼和浩特市新城区与广西壮族自治区南宁市青秀区",
    "",
])
def test_automaton_equals_the_name_by_name_scan(text):
    assert region.provinces_in(text) == _scan_name_by_name(text)


def test_automaton_on_the_shipped_texts():
    seed_text = SEED.read_text(encoding="utf-8")
    assert region.provinces_in(seed_text) == _scan_name_by_name(seed_text)
    assert region.province_of("淮安市洪泽区") == "江苏省"


def test_area_code_table_is_what_phonenumbers_gives():
    pytest.importorskip("phonenumbers")
    assert areacodes_build.build() == AREA_PROVINCE, "regenerate: python -m checker.analysis.areacodes_build"


def test_area_code_lookup_agrees_with_the_geocoder():
    phonenumbers = pytest.importorskip("phonenumbers")
    from phonenumbers import geocoder

    def reference(number):
        digits = re.sub(r"\D", "", number)
        if not digits.startswith("0") or len(digits) < 10 or digits.startswith(("0400", "0800")):
            return None
        desc = geocoder.description_for_number(phonenumbers.parse(digits, "CN"), "zh")
        return next((full for short, full in region.PROVINCE_SHORT.items() if desc and desc.startswith(short)), None)

    rng = random.Random(7)
    codes = areacodes_build.candidate_codes()
    for _ in range(3000):
        code = rng.choice(codes)
        num = code + "".join(rng.choice("0123456789") for _ in range(rng.choice([6, 7, 8, 9])))
        region.province_of_phone.cache_clear()
        assert region.province_of_phone(num) == reference(num), num
    assert region.province_of_phone("020-88888888") == "广东省"
    assert region.province_of_phone("0564-6012345") == "安徽省"
