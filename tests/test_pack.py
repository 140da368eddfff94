"""The rule pack: every rule is documented, every implemented rule runs, codes follow the catalogue."""

import re

from checker import checks
from checker.packs import DOC_HEADINGS, load_pack


def test_every_rule_has_its_doc():
    pack = load_pack()
    for r in pack.rules:
        assert re.fullmatch(r"GOV-[MSPTCXQKIWND]\d{3}", r.code), r.code
        assert r.name and r.summary and r.basis, r.code
        for h in DOC_HEADINGS:
            assert str(r.doc.get(h, "")).strip(), f"{r.code} lacks doc section {h}"


def test_implemented_rules_have_a_kind_and_valid_options():
    pack = load_pack()
    implemented = [r for r in pack.rules if r.status == "implemented"]
    assert implemented
    for r in implemented:
        mod = checks.get(r.kind)
        assert mod.__doc__ and mod.__doc__.strip(), f"kind {r.kind} has no docstring"
        checks.options(r.kind, r.params)
        assert r.messages, f"{r.code} has no messages"
        for key, m in r.messages.items():
            assert m.get("zh") and m.get("en"), f"{r.code}.{key} needs zh and en"


def test_catalogue_is_complete():
    codes = {r.code for r in load_pack().rules}
    for fam, n in {"M": 6, "S": 10, "P": 4, "T": 10, "C": 6, "X": 4, "Q": 3, "K": 9}.items():
        for i in range(1, n + 1):
            assert f"GOV-{fam}{i:03d}" in codes


def test_pack_hash_is_stable():
    a = load_pack().sha256
    load_pack.cache_clear()
    assert load_pack().sha256 == a and len(a) == 64
