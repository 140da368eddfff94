"""Rule cases as data: tests/rules/<CODE>.yaml (sqlfluff style), so anyone can add a Chinese example.

Each file: ``rule: CODE`` and ``cases:``, each case with ``name``, ``text`` (or ``html``), and either
``pass: true`` (no finding of the rule) or ``fail: N`` (N findings), optional ``matches`` (the exact flagged
substrings), ``messages`` (substrings of the messages), ``fix`` (the text after ``clean``), ``options``
(pack options such as province), ``previous`` (the text of the year before, for cross-year rules) and ``name_as`` (the file name, e.g. report.md).
``text`` may be a list of strings, joined with line breaks, so that cases share a table through a YAML anchor
(``_tables: &t3 |`` at the top of the file, then ``text: [标题, 正文, *t3]``).
"""

from pathlib import Path

import pytest
import yaml

from checker.clean import apply, plan
from checker.config import Config
from checker.engine import check_bytes
from checker.packs import load_pack

CASE_DIR = Path(__file__).parent / "rules"


def _cases():
    for p in sorted(CASE_DIR.glob("*.yaml")):
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        for i, case in enumerate(data["cases"]):
            yield pytest.param(data["rule"], case, id=f"{p.stem}:{case.get('name', i)}")


@pytest.mark.parametrize("code,case", list(_cases()))
def test_rule_case(code, case):
    if "html" in case:
        data, name = case["html"].encode("utf-8"), case.get("name_as", "page.html")
    else:
        text = case["text"] if isinstance(case["text"], str) else "\n".join(case["text"])
        data, name = text.encode("utf-8"), case.get("name_as", "report.txt")
    cfg = Config(select=[code], options=case.get("options") or {})
    previous = None
    if "previous" in case:  # the same organ's report for the year before (cross-year rules)
        previous = check_bytes(case["previous"].encode("utf-8"), "previous.txt", Config(select=["-"])).analysis
    res = check_bytes(data, name, cfg, previous=previous)
    assert res.error is None, res.error
    mine = [f for f in res.findings if f.code == code]
    if case.get("pass"):
        assert not mine, [(f.match, f.message) for f in mine]
        return
    assert len(mine) == case["fail"], [(f.match, f.message) for f in mine]
    for f in mine:  # ``match`` is the slice of the text, personal numbers masked (never republished)
        assert res.analysis.shown_text[f.location.start:f.location.end] == f.match
    if "matches" in case:
        assert [f.match for f in mine] == case["matches"]
    for sub in case.get("messages", []):
        assert any(sub in f.message for f in mine), [f.message for f in mine]
    if "fix" in case:
        text = res.analysis.doc.text
        assert apply(text, plan(text, mine)) == case["fix"]


def test_every_implemented_rule_has_cases():
    pack = load_pack()
    have = {p.stem for p in CASE_DIR.glob("*.yaml")}
    missing = [r.code for r in pack.rules if r.status == "implemented" and r.code not in have]
    assert not missing, f"rules without tests/rules/<CODE>.yaml: {missing}"


def test_case_files_have_pass_and_fail():
    for p in sorted(CASE_DIR.glob("*.yaml")):
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        assert data["rule"] == p.stem
        kinds = {("pass" if c.get("pass") else "fail") for c in data["cases"]}
        assert kinds == {"pass", "fail"}, f"{p.name} needs at least one pass and one fail case"
