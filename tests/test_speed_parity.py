"""Mechanisms that skip work must give what the plain computation gives: the document-number and personal-number
scans restricted to windows equal scans of the whole text (random text over the characters that matter), and the
engine's per-run memo of selected rules and options follows the configuration of each call."""

import random
import tempfile
from pathlib import Path

from checker.checks import docnumbers as dn

ALPHABET = list("国办发函字公开政府〔〕[]()（）【】") + list("0123456789") * 3 + ["号", "号", "年", "。", "\n", " ", "的"]


def _spans(ms):
    return [(m.span(), m.groupdict()) for m in ms]


def test_windowed_scan_equals_finditer():
    rng = random.Random(16)
    texts = ["国办公开办函〔2021〕30号", "国办发[2019]15号和国办发〔2020〕1号", "依据〔202130号与〔2021〕号及〔21〕5号"]
    for _ in range(3000):
        n = rng.randint(0, 80)
        texts.append("".join(rng.choice(ALPHABET) for _ in range(n)))
        texts.append("根据国务院办公厅" * rng.randint(0, 3) + "〔20" + str(rng.randint(10, 29)) + "〕" + str(rng.randint(1, 999))
                     + "号" + "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 20))))
    found = 0
    for t in texts:
        for pat, tail in ((dn.NUM_RE, dn.NUM_TAIL), (dn.LOST_RE, dn.LOST_TAIL)):
            want = _spans(pat.finditer(t))
            assert _spans(dn._scan(pat, tail, t)) == want, t
            found += len(want)
    assert found > 500


def test_personal_number_windows_equal_whole_text_scan():
    from checker.analysis import personal as pe

    rng = random.Random(11)
    alphabet = list("0123456789") * 15 + list("Xx+- 86电话身份证号码aZ\n，")
    texts = ["联系电话：13912345678", "+86-13912345678x", "电话+86 13912345678，", "手机86-13912345678。", "身份证号码11010519491231002X。", "8613912345678",
             "卡号6222020200112233445", "a13912345678", "1391234567890123456789"]
    for _ in range(3000):
        texts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))))
    found = 0
    for t in texts:
        w = pe._windows(t)
        for pat in (pe.ID18_RE, pe.ID15_RE, pe.CARD_RE, pe.MOBILE_RE):
            want = [m.span() for m in pat.finditer(t)]
            assert [m.span() for m in pe._finditer(pat, t, w)] == want, (t, pat.pattern)
            found += len(want)
    assert found > 300


def test_rule_selection_memo_follows_each_config():
    from checker.config import Config
    from checker.engine import check_bytes
    from fixtures import generate as g

    rep = g.make_report(seed=5, year=2023, defects={"wrong_total": ("T3", 23, 6, 5), "ad": True})
    with tempfile.TemporaryDirectory() as d:
        data = g.write_txt(rep, Path(d) / "r.txt").read_bytes()

    def codes(**kw):
        r = check_bytes(data, "r.txt", Config(**kw))
        return {f.code for f in r.findings} | {n["code"] for n in r.not_assessed}

    every = codes()
    tables = codes(select=["GOV-T"])
    assert tables and all(c.startswith("GOV-T") for c in tables) and tables < every
    assert "GOV-T010" in tables and codes(select=["GOV-T"], ignore=["GOV-T010"]) == tables - {"GOV-T010"}
    assert codes(select=["GOV-K"]) == {c for c in every if c.startswith("GOV-K")}
    assert codes() == every


def _reference_view(text: str):
    """build_view the plain way: character by character (what its slices and regular expressions must equal)."""
    import unicodedata

    from checker import normalize as nz

    chars = list(text)
    offs = list(range(len(text)))
    for pat in (nz.INVISIBLE, nz.PINYIN):
        s = "".join(chars)
        drop = set()
        for m in pat.finditer(s):
            drop.update(range(m.start(), m.end()))
        chars = [c for i, c in enumerate(chars) if i not in drop]
        offs = [o for i, o in enumerate(offs) if i not in drop]
    out_c, out_o = [], []
    for c, o in zip(chars, offs):
        n = unicodedata.normalize("NFKC", c)
        n = " " if n in ("\u3000", "\xa0") else n
        out_c.extend(n)
        out_o.extend([o] * len(n))
    cur = "".join(out_c)
    simp = nz.to_simplified(cur)
    if len(simp) != len(cur):
        simp = "".join(nz.to_simplified(c) if nz.is_han(c) else c for c in cur)
        if len(simp) != len(cur):
            simp = cur
    chars = list(simp)
    keep = [True] * len(chars)
    i = 0
    while i < len(chars):
        if chars[i] == " ":
            j = i
            while j < len(chars) and chars[j] == " ":
                j += 1
            if i > 0 and j < len(chars):
                p, q = chars[i - 1], chars[j]
                if (nz.is_han(p) and q.isdigit()) or (p.isdigit() and nz.is_han(q)):
                    for k in range(i, j):
                        keep[k] = False
            i = j
        else:
            i += 1
    t = "".join(c for c, k in zip(chars, keep) if k)
    o = [x for x, k in zip(out_o, keep) if k]
    return t, o + [o[-1] + 1 if o else 0]


def test_build_view_equals_a_character_by_character_view():
    from checker.normalize import build_view

    rng = random.Random(7)
    alphabet = (list("政府信息公开年报告發號臺灣") + list("0123456789") * 2 + [" "] * 6
                + list("１２Ａ，。（）：㈠①\u3000\xa0\u200b\ufeff\u00ad\tāo(hào)\n"))
    texts = ["2022年 12 月", "號(hào)码", "第 3 条", "共 12 件 ", "  12件", "全角１２３４ 年"]
    for _ in range(1500):
        texts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50))))
    for t in texts:
        v = build_view(t)
        assert (v.text, v.offsets) == _reference_view(t), repr(t)


def test_block_at_equals_a_walk_of_the_blocks():
    from checker.document import Block, Document

    rng = random.Random(3)
    for _ in range(300):
        blocks, pos = [], 0
        for k in range(rng.randint(0, 12)):
            pos += rng.choice([0, 0, 1, 2])
            n = rng.choice([0, 0, 1, 3, 5])
            blocks.append(Block("paragraph", "x" * n, pos, pos + n, index=k))
            pos += n
        doc = Document("d", "text", "x" * (pos + 3), blocks)
        for off in range(-1, pos + 4):
            want = next((b for b in blocks if b.start <= off < b.end or b.start == b.end == off), None)
            assert doc.block_at(off) is want
