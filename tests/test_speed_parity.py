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
    from checker.normalize import TONED

    plain = [c for c in alphabet if c not in "\u200b\ufeff\u00ad" + TONED]  # (build_view skips two scans then)
    for _ in range(500):
        texts.append("".join(rng.choice(plain) for _ in range(rng.randint(0, 50))))
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


def _generated_analyses():
    """Analyses of generated text reports whose tables carry blanks, misprints, wrapped labels, a wrong total, the
    2019 layout of （六） and a lost section: every path of the table reading and of the identities."""
    from checker.analysis import analyse
    from checker.extract import extract
    from checker.packs import load_pack
    from fixtures import generate as g

    pack = load_pack("gov-annual-report")
    defects = [None, {"wrong_total": ("T3", 23, 6, 5)}, {"blank_cell": ("T3", 3, 2)}, {"no_r6_subrows": True},
               {"blank_cells": [("T3", 23, c) for c in range(7)]}, {"label_misprint": {5: "（四）无法提供"}},
               {"wrap_labels": 6}, {"blank_cell": ("T2", 1, 2)}, {"missing_section": 5},
               {"blank_cells": [("T3", 3, 2), ("T3", 3, 3), ("T3", 4, 2), ("T3", 4, 3)]}]
    out = []
    with tempfile.TemporaryDirectory() as d:
        for i, df in enumerate(defects):
            rep = g.make_report(seed=30 + i, year=2020 + i % 5, organ="某某县人民政府", defects=df)
            p = g.write_txt(rep, Path(d) / f"r{i}.txt", wrap=24 if i % 3 == 2 else None)
            doc = extract(p.read_bytes(), str(p))
            out.append(analyse(doc, pack))
    return out


def _reference_tokens(view, skip):
    """The token-by-token reading of a flattened table (each token normalised and classified on its own)."""
    from checker.analysis import tables as tb

    out = []
    for m in tb._TOKEN.finditer(view.text):
        a, b = m.span()
        s, e = view.span(a, b)
        if any(x <= s < y for x, y in skip):
            continue
        t = m.group()
        if (t[-1].isdigit() or t[-1] == "元") and tb.classify(t) is None:
            sm = tb.TRAILING_NUM.search(t)
            if sm:
                k = sm.start(1)
                out.append((tb.norm(t[:k]), *view.span(a, a + k), None))
                s, e = view.span(a + k, b)
                t = t[k:]
        out.append((tb.norm(t), s, e, tb.classify(t)))
    return out


def test_text_tokens_equal_a_token_by_token_reading():
    from checker.analysis import tables as tb
    from checker.normalize import build_view

    rng = random.Random(21)
    words = ["规章", "（一）予以公开", "总计", "元", "1.", "12", "3.5", "万元", "0", "-", "/", "|", "\t", " ", "\n",
             "行政复议", "其他", "5件", "１２"]
    texts = ["".join(rng.choice(words) for _ in range(rng.randint(0, 40))) for _ in range(400)]
    texts += [a.view.text for a in _generated_analyses()]
    for t in texts:
        v = build_view(t)
        skip = [(0, 5)] if len(t) > 30 else []
        got = [(x.text, x.start, x.end, x.value) for x in tb._text_tokens(v, 0, len(v.text), skip)]
        assert got == _reference_tokens(v, skip), repr(t)


def test_identity_instances_equal_the_plain_evaluation():
    """Every instance's total is its first operand of the identity's ``at`` key (else its first one), its
    ``evaluable`` memo is what its operands say, and the derived blanks are those of rounds of plain evaluation."""
    from checker.analysis import identities as ids

    seen_blank = seen_derived = 0
    for a in _generated_analyses():
        idns = a.pack.data["tables"]["identities"]
        by_id = {i["id"]: i for i in idns}
        ev = ids.instances(a.tables, idns)
        for o in ev.outcomes + a.identity_eval.outcomes if a.identity_eval else ev.outcomes:
            idn = by_id[o.identity]
            ops = o.lhs + o.rhs
            at_key = idn.get("at") or (o.lhs[0].row if o.axis == "col" else o.lhs[0].col)
            want = next((x for x in ops if (x.row if o.axis == "col" else x.col) == at_key), o.lhs[0])
            assert o.at is want
            plain = all(x.value is not None for x in ops)
            assert o.evaluable == plain and o.ok == (plain and o.lhs_sum == o.rhs_sum)
            seen_blank += not plain
        for t in a.tables.values():
            seen_derived += len(t.derived)
            for key, v in t.derived.items():
                o = t.derived_by[key]
                assert o.evaluable and o.lhs_sum == o.rhs_sum and any(x.key == key and x.value == v for x in o.operands)
    assert seen_derived > 0 and seen_blank > 0


def test_rewritten_brand_patterns_match_as_the_plain_ones():
    """morphology.PREFIXED opens on a character class (re skips the positions that cannot start it) and matches
    exactly where the plain pattern does; BET_TRIGGER (88 only as fun88/w88/m88) is still found wherever BET is."""
    import re

    from checker.analysis.contamination import morphology as mo

    plain = re.compile(r"(?<![a-z0-9])(?:\d{3,5}|[a-z]{3,6})[\u4e00-\u9fff]{2,4}?(?:app|体育|娱乐|官网|彩票|棋牌|电竞|真人)")
    rng = random.Random(5)
    pieces = list("0123456789abcxyz") * 3 + ["٣", "博金宝", "半岛", "的", "app", "体育", "娱乐", "彩票", " ", "\n", "_", "bet",
                                              "win", "88", "casino", "hg", "luck", "fun88", "w88", "1xbet", "365"]
    texts = ["188博金宝app", "a188博金宝app", "abc半岛体育", "x365彩票", "12博金宝app", "1234567博金宝体育", "٣٣٣半岛娱乐"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(6000)]
    for _ in range(3000):  # token + name + head shapes, with what may stand before and after them
        tok = "".join(rng.choice("0123456789" if rng.random() < 0.5 else "abcxyz") for _ in range(rng.randint(1, 8)))
        texts.append(rng.choice(["", "a", "1", "的", " ", "٣"]) + tok + "博金宝半岛"[:rng.randint(0, 5)]
                     + rng.choice(["app", "体育", "娱乐", "官网", "ap", "的"]) + rng.choice(["", "x", "体育"]))
    found = bets = 0
    for t in texts:
        want = [m.span() for m in plain.finditer(t)]
        assert [m.span() for m in mo.PREFIXED.finditer(t)] == want, t
        found += len(want)
        if mo.BET.search(t):
            bets += 1
            assert mo.BET_TRIGGER.search(t), t
    assert found > 100 and bets > 100


def test_remembered_segment_scores_equal_fresh_ones():
    from checker.analysis.contamination import foreign, ngram

    model = ngram.load()
    rng = random.Random(9)
    alphabet = list("政府信息公开年度报告體育娛樂首页新闻ABCabc0123 \t，。|") + ["\n"]
    for _ in range(300):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
        want = model.contributions(ngram.normalise(raw))
        assert list(foreign._contributions(model, raw)) == want
        assert list(foreign._contributions(model, raw)) == want  # (the remembered one)


def test_word_occurrences_equal_finditer():
    import re

    from checker.checks.wording import _occurrences

    rng = random.Random(4)
    for _ in range(2000):
        text = "".join(rng.choice("政府政政府a ") for _ in range(rng.randint(0, 30)))
        word = "".join(rng.choice("政府a") for _ in range(rng.randint(0, 3)))
        assert list(_occurrences(text, word)) == [m.start() for m in re.finditer(re.escape(word), text)]


def _reference_text_blocks(text: str) -> list[tuple[int, int, str]]:
    """The line-by-line reading of a plain text without pipes (each non-blank line, stripped, one block)."""
    out, pos = [], 0
    for ln in text.split("\n"):
        if ln.strip():
            s = pos + len(ln) - len(ln.lstrip())
            e = pos + len(ln.rstrip())
            out.append((s, e, text[s:e]))
        pos += len(ln) + 1
    return out


def test_text_lines_read_as_the_line_by_line_reading():
    """extract.text's one-pass reading of a text without pipe tables, base.Scan.lines and the sentence view's line
    table give what a walk over the lines gives (Unicode blanks, blank lines, no final newline)."""
    from checker.analysis.contamination.base import Scan
    from checker.extract.text import extract

    rng = random.Random(12)
    alphabet = list("政府报告ab12") + [" ", "\t", "\u3000", "\xa0", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\n", "\n"]
    texts = ["x", " x ", "\n\nx\n", "a\n \n\u3000b\u3000\n"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(1500)]
    for t in texts:
        if not t.strip():
            continue
        doc = extract(t.encode("utf-8"), "r.txt")
        assert [(b.start, b.end, b.text) for b in doc.blocks] == _reference_text_blocks(doc.text), repr(t)
        assert all(b.kind == "paragraph" and b.index == i for i, b in enumerate(doc.blocks))
        pos, want = 0, []
        for ln in t.split("\n"):
            want.append((pos, pos + len(ln), ln))
            pos += len(ln) + 1
        assert Scan(t).lines == want


def test_traditional_ratio_equals_the_count_of_changed_characters():
    """The traditional ratio skips its count when nothing changed (one comparison) and counts by C-level maps
    otherwise: what a walk over the Han characters gives."""
    from checker.analysis.contamination import provenance as pv
    from checker.normalize import to_simplified, traditional_ratio

    rng = random.Random(8)
    alphabet = list("政府信息公开年度报告發號臺灣體育國務院條例") + list("ab1 ，。\n")
    texts = ["", "abc", "政府信息公开", "政府資訊公開", "發展改革"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(1500)]
    changed_texts = 0
    for t in texts:
        han = "".join(c for c in t if "\u3400" <= c <= "\u9fff")
        simp = to_simplified(han)
        n = sum(1 for x, y in zip(han, simp) if x != y) if len(simp) == len(han) else 0
        want = (n / len(han), n) if han else (0.0, 0)
        assert pv.traditional_ratio(t) == want and traditional_ratio(t) == want, t
        changed_texts += n > 0
    assert changed_texts > 500


def test_section_prefix_match_equals_a_walk_of_the_specs():
    """prefix_match looks only at the headings that start with the line's first character: the same answer as
    trying every canonical heading and variant of the pack in order (the longest, the first among equals)."""
    from checker.analysis import sections as se
    from checker.packs import load_pack

    data = load_pack("gov-annual-report").data["sections"]
    spec_lists = [data["post2019"], data["pre2019"],
                  [{"key": "a", "canonical": "主动公开", "variants": ["主动", "", "主动公开政府信息"]},
                   {"key": "b", "canonical": "主动", "variants": ["主动公开政府信息", "被动"]}]]

    def walk(rest, specs):
        best = None
        for sp in specs:
            for how, cands in (("exact", [sp["canonical"]]), ("variant", sp.get("variants", []))):
                for c in cands:
                    if rest.startswith(c) and (best is None or len(c) > len(best[2])):
                        best = (sp["key"], how, c)
        return best

    rng = random.Random(2)
    matched = 0
    for specs in spec_lists:
        heads = [sp["canonical"] for sp in specs] + [v for sp in specs for v in sp.get("variants", [])]
        for _ in range(1500):
            rest = rng.choice(heads + [""])[: rng.randint(0, 12)] + rng.choice(["", "情况", "政府信息", "。"])
            got = se.prefix_match(rest, specs)
            assert got == walk(rest, specs), rest
            matched += got is not None
    assert matched > 1000


def test_stripped_line_bounds_equal_a_trim():
    """foreign.find places each stripped line by one search: the bounds _trim finds walking over the blanks."""
    from checker.analysis.contamination.foreign import _lines, _trim

    rng = random.Random(6)
    alphabet = list("政府ab1 \t") + ["\u3000", "\xa0", "\x0b", "\n"]
    for _ in range(1500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        for la, lb, ln in _lines(text):
            s = ln.strip()
            if s:
                a = text.find(s, la)
                assert (a, a + len(s)) == _trim(text, la, lb), repr(text)
        # (foreign.find now reads the bounds from the scan's shared record of the non-blank lines)
        from checker.analysis.contamination.base import Scan

        assert [(a, b) for _, _, _, a, b in Scan(text).full] == [_trim(text, la, lb) for la, lb, ln in _lines(text)
                                                                 if ln.strip()], repr(text)


def _contamination_texts():
    """The texts the contamination pass reads: tune pages, dev pages (when ../shared is there), the contamination
    fixtures and the seed."""
    import json

    from conftest import CORPUS, ROOT, SEED

    out = [json.loads(ln)["text"] for ln in (ROOT / "tests" / "corpus" / "tune.jsonl").read_text(encoding="utf-8")
           .splitlines() if ln.strip()]
    if CORPUS.exists():
        out += [json.loads(ln)["text"] for ln in CORPUS.read_text(encoding="utf-8").splitlines() if ln.strip()]
    out += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "contamination").glob("*.txt"))]
    return out + [SEED.read_text(encoding="utf-8")]


def test_lexicon_occurrences_on_bytes_equal_the_character_automaton():
    """lexicon.occurrences (the automaton over UTF-8 bytes) yields what the character automaton yields, in its
    order, at character offsets: the corpora, and random texts glued from the terms themselves, Latin, a non-BMP
    character and a lone surrogate."""
    from checker.analysis.contamination import lexicon
    from checker.config import Config
    from checker.engine import load_pack

    lex = lexicon.load(str(load_pack(Config().pack).lexicon_dir))
    terms = [e.term for e in lex.entries]
    rng = random.Random(16)
    pieces = terms + list("的政府网站 \n·-abc19") + ["𠀀", "\udc80", "ǅ", "Ⅻ"]
    texts = _contamination_texts() + ["", "bob", "ky体育", "澳门新葡京bob半岛"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    n = 0
    for t in texts:
        low = t.lower()
        want = [(end, es) for end, es in lex.auto.iter(low)]
        assert lexicon.occurrences(lex, low) == want, t
        n += len(want)
    assert n > 20000


BLANKS = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0", "\u2009", "\u2028", "\u3000", "\u200b"]


def test_compact_equals_the_whitespace_regex():
    """normalize.compact (str.split, the last texts remembered) is re.sub(r"\\s+", "", text) for every text, in any
    order of calls (a remembered text is never another's)."""
    import re

    from checker import normalize as nz

    rng = random.Random(61)
    alphabet = list("政府信息公开年度报告ab1") + BLANKS * 2
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(300)]
    texts += [a.view.text for a in _generated_analyses()[:3]]
    for _ in range(3000):
        t = rng.choice(texts)
        assert nz.compact(t) == re.sub(r"\s+", "", t), repr(t)
    # every whitespace character of Unicode is one str.split splits at
    every = "".join(chr(i) for i in range(0x3100)) + "".join(chr(i) for i in range(0xfe00, 0x10000))
    assert nz.compact(every) == re.sub(r"\s+", "", every)


def test_table_features_equal_a_search_of_every_label():
    """version.table_features skips a label absent from the compacted view: the same features as searching every
    label's blank-tolerant pattern, with blanks of every kind inside the labels."""
    from checker.analysis import version as vs
    from checker.normalize import build_view

    def plain(view):
        out = []
        for fam, feats in (("2019", vs.F2019_TABLE), ("2021", vs.F2021_TABLE)):
            for f in feats:
                if f == "本年增减" and any(x.text == "本年增/减" for x in out):
                    continue
                m = vs._feature_re(f).search(view.text)
                if m:
                    out.append(vs.Feature(fam, f, *view.span(m.start(), m.end())))
        return out

    rng = random.Random(62)
    labels = list(vs.F2019_TABLE + vs.F2021_TABLE)
    texts = []
    for _ in range(400):
        parts = []
        for _ in range(rng.randint(0, 6)):
            lab = rng.choice(labels)
            if rng.random() < 0.5:  # blanks inside, or a character lost
                k = rng.randrange(len(lab))
                lab = lab[:k] + (rng.choice(BLANKS) * rng.randint(1, 2) if rng.random() < 0.7 else "") + lab[k + 1:]
            parts.append(lab)
            parts.append(rng.choice(["，", "\n", " ", "12", ""]))
        texts.append("".join(parts))
    found = 0
    for t in texts + [a.view.text for a in _generated_analyses()]:
        v = build_view(t)
        got = vs.table_features(v)
        assert got == plain(v), repr(t)
        found += len(got)
    assert found > 300


def test_garbage_count_of_blanks_equals_the_regex():
    """garbage_stats counts the non-blank characters by str.split: what the \\s+ runs leave."""
    import re

    from checker.document import garbage_stats

    rng = random.Random(63)
    alphabet = list("政府ab1") + BLANKS + ["(cid:12)", "\ufffd", "\ue000", "\x01"]
    for _ in range(2000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        bad, total, _ = garbage_stats(t)
        extra = sum(len(r) - len(re.findall(r"\(cid:\d+\)", r)) for r in re.findall(r"(?:\(cid:\d+\))+", t))
        assert total == max(len(t) - sum(map(len, re.findall(r"\s+", t))) - extra, 0), repr(t)


def test_line_col_equals_a_count_of_newlines():
    from checker.document import Document

    rng = random.Random(64)
    for _ in range(1500):
        t = "".join(rng.choice("政a\n\n \r") for _ in range(rng.randint(0, 30)))
        doc = Document("x.txt", "text", t, [])
        for off in range(len(t) + 1):
            assert doc.line_col(off) == (t.count("\n", 0, off) + 1, off - (t.rfind("\n", 0, off) + 1) + 1)


def test_ascii_is_its_own_simplified_form():
    """to_simplified returns ASCII text unconverted: what OpenCC's t2s gives for it."""
    from checker.normalize import _t2s, to_simplified

    cc = _t2s()
    rng = random.Random(65)
    ascii_ = [chr(i) for i in range(128)]
    texts = ["".join(ascii_), "12.5万元", "GOV-T001 (cid:3) 2023-01-01"]
    texts += ["".join(rng.choice(ascii_) for _ in range(rng.randint(1, 30))) for _ in range(500)]
    for t in texts:
        assert to_simplified(t) == cc.convert(t) == t


def test_sentences_with_words_equal_a_test_of_every_sentence():
    """Analysis.sentences_with places each word found in the sentence view in its sentence: the sentences a test
    of every sentence keeps, in order (words across a sentence stop, overlapping and repeated words)."""
    from checker.normalize import build_view

    rng = random.Random(66)
    words = ["申请", "信息处理费", "行政复议", "行政诉讼", "申请申请", "请。申", "办结", "新收", "结转", "", "a"]
    alphabet = list("申请信息处理费行政复议诉讼办结新收转a") + ["。", "；", ";", "！", "?", "\n", " ", "12件"]
    analyses = _generated_analyses()[:2]
    found = 0
    for a in analyses:
        texts = [a.sentence_view().text]
        texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(800)]
        for t in texts:
            a.sview = build_view(t)
            every = list(a.sentences())
            for _ in range(3):
                ws = rng.sample(words, rng.randint(1, 3))
                got = a.sentences_with(*ws)
                assert got == [x for x in every if any(w in x[1] for w in ws)], (t, ws)
                found += len(got)
    assert found > 1000


def _reference_names(a, entries):
    """GOV-W001's name check read entry by entry from the pack's dicts, the numeral test before the distance bound
    (what the prepared entries of wording._names must give)."""
    from collections import Counter

    from checker.checks import wording as wd

    text = wd._compacted(a)
    done = []
    books = list(wd.BOOK_RE.finditer(text))
    for ent in (e for e in entries if e.get("book")):
        canon, k = ent["canonical"], int(ent.get("max", 1))
        allow = set(ent.get("allow") or ())
        cc = Counter(canon)
        for m in books:
            x = m.group(1)
            if x == canon or x in allow or abs(len(x) - len(canon)) > k or wd._numeral_change(x, canon):
                continue
            if wd._lower_bound(x, canon, cc) <= k and wd.osa(x, canon) <= k:
                done.append(m.span(1))
                yield wd._problem(a, m.start(1), m.end(1), x, canon, ent["source"], "book-title")
    for ent in (e for e in entries if not e.get("book")):
        canon, k = ent["canonical"], int(ent.get("max", 1))
        allow = tuple(ent.get("allow") or ())
        L, cc, seen = len(canon), Counter(canon), set()
        for anchor in ent.get("anchors") or ():
            off = canon.find(anchor)
            for start in wd._occurrences(text, anchor):
                s0 = start - off
                if s0 >= 0 and s0 not in seen and text.startswith(canon, s0):
                    seen.add(next(s for s in range(max(0, s0 - k), s0 + 1) if s not in seen and text.startswith(canon, s)))
                    continue
                best = None
                for s in range(max(0, s0 - k), s0 + k + 1):
                    if s in seen or s >= len(text) or text[s] != canon[0]:
                        continue
                    for e in range(s + L - k, s + L + k + 1):
                        if e > len(text) or e <= s or text[e - 1] != canon[-1]:
                            continue
                        w = text[s:e]
                        if wd._lower_bound(w, canon, cc) > k:
                            continue
                        d = wd.osa(w, canon)
                        if best is None or d < best[0]:
                            best = (d, s, e)
                if best is None:
                    continue
                d, s, e = best
                seen.add(s)
                w = text[s:e]
                if d == 0 or d > k or wd._numeral_change(w, canon) or any(text.startswith(x, s) for x in allow):
                    continue
                if any(s < b and a_ < e for a_, b in done):
                    continue
                done.append((s, e))
                yield wd._problem(a, s, e, w, canon, ent["source"], "near-miss")


def test_prepared_name_entries_find_the_near_misses_of_the_plain_reading():
    from checker.checks import wording as wd
    from checker.normalize import build_view

    a = _generated_analyses()[0]
    entries = a.pack.data["wording"]["names"]
    canons = [e["canonical"] for e in entries]
    rng = random.Random(67)
    edits = list("的一二三十国条列办工厅") + ["", "〔2021〕"]
    found = 0
    for _ in range(600):
        parts = []
        for _ in range(rng.randint(1, 4)):
            c = rng.choice(canons)
            for _ in range(rng.randint(0, 3)):  # wrong, missing, extra or swapped characters
                k = rng.randrange(len(c))
                op = rng.randrange(4)
                c = (c[:k] + rng.choice(edits) + c[k + 1:] if op == 0 else c[:k] + c[k + 1:] if op == 1 else
                     c[:k] + rng.choice(edits) + c[k:] if op == 2 else c[:k] + c[k + 1:k + 2] + c[k:k + 1] + c[k + 2:])
            parts.append(f"《{c}》" if rng.random() < 0.5 else c)
            parts.append(rng.choice(["，", "\n", " ", "要求", ""]))
        a.view = build_view("".join(parts))
        got = [(p.start, p.end, p.args, p.evidence) for p in wd._names(a, entries)]
        assert got == [(p.start, p.end, p.args, p.evidence) for p in _reference_names(a, entries)], parts
        found += len(got)
    assert found > 150


def test_bigram_similarity_equals_the_jaccard_of_string_pairs():
    """crossyear.similarity (the pairs as integers) equals the Jaccard similarity of the texts' two-character
    strings, whitespace left out: random texts with blanks, a character outside the BMP, a lone surrogate, empty
    and one-character texts, and the section bodies of generated reports of consecutive years."""
    from checker.checks import crossyear as cy

    def plain(x, y):
        def pairs(s):
            s = "".join(s.split())
            return {s[i:i + 2] for i in range(len(s) - 1)}

        a, b = pairs(x), pairs(y)
        return len(a & b) / len(a | b) if a and b else 0.0

    rng = random.Random(16)
    alphabet = list("政府信息公开工作年度报告的一二三") + [" ", "\n", "\u3000", "a", "1", "𠀀", "\udc80", "。"]
    texts = ["", "政", "政府", " 政 府 ", "𠀀", "ab", "abc"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(1500)]
    for a in _generated_analyses():
        texts += [a.doc.text[s.body_start:s.body_end] for s in a.sections]
    n = 0
    for x, y in zip(texts, texts[1:] + texts[:1]):
        want = plain(x, y)
        assert cy.similarity(x, y) == want, (x, y)
        n += want > 0
    assert n > 300


def test_table_hash_equal_exactly_when_the_cells_are():
    """crossyear._cells_hash (keys and values hashed apart, the keys' part once per layout) tells two tables apart
    exactly as a comparison of their readable cells' (key, value) pairs does (an integral float as its integer):
    the tables of generated reports, each also with one value changed, one cell unreadable, a value as a float."""
    import copy
    import dataclasses

    from checker.checks import crossyear as cy

    def plain(t):
        return sorted((k, int(v) if isinstance(v, float) and v.is_integer() else v)
                      for k, c in t.cells.items() if c.kind != "unreadable" for v in (c.value,))

    tables = []
    for a in _generated_analyses():
        for key in ("T2", "T3", "T4"):
            t = a.tables.get(key)
            if t is None:
                continue
            tables.append(t)
            k0 = next(k for k, c in t.cells.items() if isinstance(c.value, int) and c.kind != "unreadable")
            for change in ({"value": t.cells[k0].value + 1}, {"kind": "unreadable"}, {"value": float(t.cells[k0].value)}):
                u = copy.copy(t)
                u.cells = dict(t.cells)
                u.cells[k0] = dataclasses.replace(t.cells[k0], **change)
                tables.append(u)
    hashes = [cy._cells_hash(t) for t in tables]
    refs = [plain(t) for t in tables]
    same = 0
    for i in range(len(tables)):
        for j in range(len(tables)):
            assert (hashes[i][0] == hashes[j][0]) == (refs[i] == refs[j]), (i, j)
            same += i != j and refs[i] == refs[j]
        assert hashes[i][1] == len(refs[i]) and hashes[i][2] == any(v for _, v in refs[i])
    assert same and len(set(h for h, _, _ in hashes)) > 20


def test_lazily_made_operands_equal_the_cells_they_stand_for():
    """An identity instance decides evaluable/ok/failed and its sums from its cells before its operands are made,
    and the operands made later are those of its cells (written value, derived value, or an undetermined blank):
    the same figures either way, on tables with blanks, derived totals and a wrong total."""
    from checker.analysis import identities as ids

    checked = failed = derived = 0
    for a in _generated_analyses():
        idns = a.pack.data["tables"]["identities"]
        for lazy_first in (True, False):
            ev = ids.instances(a.tables, idns)
            for o in ev.outcomes:
                before = (o.evaluable, o.ok, o.failed, o.lhs_sum, o.rhs_sum, o.at_key) if lazy_first else None
                t = a.tables[o.table]
                for x in o.operands:
                    c = t.cells[x.key]
                    if c.kind in ids.KNOWN:
                        assert (x.value, x.derived) == (c.value, False)
                    elif x.key in t.derived:
                        assert (x.value, x.derived) == (t.derived[x.key], True)
                        derived += 1
                    else:
                        assert (x.value, x.derived) == (None, False)
                    assert (x.kind, x.text, x.start, x.end) == (c.kind, c.text, c.start, c.end)
                plain = (all(x.value is not None for x in o.operands),)
                plain += (plain[0] and sum(x.value for x in o.lhs) == sum(x.value for x in o.rhs),)
                plain += (plain[0] and not plain[1], sum(x.value or 0 for x in o.lhs), sum(x.value or 0 for x in o.rhs),
                          o.at.key)
                assert (o.evaluable, o.ok, o.failed, o.lhs_sum, o.rhs_sum, o.at_key) == plain
                if before is not None:
                    assert before == plain
                checked += 1
                failed += o.failed
    assert checked > 500 and failed > 0 and derived > 0


def test_ordinal_lines_hold_every_line_a_heading_can_start():
    """sections.analyse reads (in a text without heading blocks) only the lines ordinal_lines finds: every line
    HEADING_RE matches is among them, in order, once."""
    from itertools import accumulate

    from checker.analysis import sections as sc

    rng = random.Random(68)
    alphabet = list("第一二三四五十部分章、.概述总体情况") + BLANKS + ["\n", "\n", "1"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50))) for _ in range(3000)]
    texts += [a.view.text for a in _generated_analyses()]
    seen = 0
    for t in texts:
        lines = t.split("\n")
        starts = list(accumulate(map((1).__add__, map(len, lines)), initial=0))
        got = sc.ordinal_lines(t, starts)
        assert got == sorted(set(got)) and all(0 <= i < len(lines) for i in got), repr(t)
        want = [i for i, ln in enumerate(lines) if sc.HEADING_RE.match(ln)]
        assert set(want) <= set(got), repr(t)
        seen += len(want)
    assert seen > 1000


def _reference_title_lines(text):
    """find_title's line reading, line by line (what facts._title_lines must give)."""
    from checker.analysis.facts import REPORT_WORDS

    lines, names = [], []
    n, pos, seen_report = len(text), 0, False
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        line = text[pos:nl]
        s = line.strip()
        if s:
            lines.append((pos + line.index(s), s))
            rep = "公开" in s and REPORT_WORDS.search(s) is not None
            names.append(rep)
            seen_report = seen_report or rep
        pos = nl + 1
        if pos > 4000 and len(lines) > 3 and seen_report:
            break
    return lines, names


def test_title_lines_equal_the_line_by_line_reading():
    from checker.analysis import facts

    rng = random.Random(69)
    words = ["某某县人民政府", "2023年", "政府信息公开工作年度报告", "信息公开", "公开", "报告", "年报", "。"]
    words += BLANKS + ["\n"] * 6 + ["x" * 700, "政" * 1500]
    texts = ["".join(rng.choice(words) for _ in range(rng.randint(0, 30))) for _ in range(4000)]
    texts += [a.view.text * k for a in _generated_analyses() for k in (1, 3)]
    stopped = 0
    for t in texts:
        want = _reference_title_lines(t)
        assert facts._title_lines(t) == want, repr(t)
        stopped += len(want[0]) < len([ln for ln in t.split("\n") if ln.strip()])
    assert stopped > 20  # the reading stopped early in many texts


def test_report_words_spelled_out_match_as_the_plain_pattern():
    """facts.REPORT_WORDS opens every alternative on a literal: the same match as the pattern with the optional
    group first, from every start; _names_report is its search."""
    import re

    from checker.analysis import facts

    plain = re.compile(r"(政府|政务)?信息公开(工作)?(年度)?(工作)?报告|政务公开(工作)?(年度)?报告|信息公开年报")
    rng = random.Random(70)
    pieces = ["政府", "政务", "信息", "公开", "工作", "年度", "报告", "年报", "政", "信", "息", "告", "报", "公", "x",
              "信息公开", "政务公开", "工作年度报告", "年度报告", "工作报告"]
    found = 0
    for _ in range(4000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        for pos in range(len(t) + 1):
            a, b = plain.search(t, pos), facts.REPORT_WORDS.search(t, pos)
            assert (a and a.span()) == (b and b.span()), (t, pos)
            if a:  # parse_title asks whether the words open on 政府
                assert (a.group(1) == "政府") == b.group().startswith("政府"), (t, pos)
        assert facts._names_report(t) == (plain.search(t) is not None), t
        found += plain.search(t) is not None
    assert found > 500


def _reference_spin_hits(text, lexicon_dir):
    """provenance.spin_hits the plain way: each spun word looked up with str.find, word after word."""
    from checker.analysis.contamination import provenance as pv

    out = []
    for spun, entries in pv.spin_lexicon(lexicon_dir).items():
        w = text.find(spun)
        while w >= 0:
            after = w + len(spun)
            for pair, lefts, rights, gaps in entries:
                if pair.veto and w and text[w - 1] in pair.veto:
                    continue
                got = None
                if not (lefts or rights or gaps or pair.reference):
                    got = (w, after)
                left = next((x for x in lefts if text.startswith(x, w - len(x)) and w >= len(x)), None)
                if left:
                    got = (w - len(left), after)
                right = next((x for x in rights if text.startswith(x, after)), None)
                if right:
                    got = (got[0] if got else w, after + len(right))
                if gaps and not got:
                    window = text[after:after + pv.SPIN_GAP]
                    cut = pv.CLAUSE_END.search(window)
                    window = window[:cut.start()] if cut else window
                    found = [(window.find(g), g) for g in gaps if g in window]
                    if found:
                        k, g = min(found)
                        got = (w, after + k + len(g))
                if got:
                    out.append((got[0], got[1], pair, text[got[0]:got[1]]))
                    break
            w = text.find(spun, w + 1)
    out.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept, last = [], -1
    for h in out:
        if h[0] >= last:
            kept.append(h)
            last = h[1]
    return kept


def test_spin_hits_in_one_pass_equal_a_search_word_by_word():
    """provenance.spin_hits (every spun word in one automaton pass) finds the phrases, in the order, of a search
    spun word by spun word: the corpora, and random texts glued from the spun words, their contexts, a clause end,
    Latin and a character outside the BMP."""
    from checker.analysis.contamination import provenance as pv
    from checker.config import Config
    from checker.engine import load_pack

    d = str(load_pack(Config().pack).lexicon_dir)
    lex = pv.spin_lexicon(d)
    pieces = list(lex)
    for entries in lex.values():
        for _, lefts, rights, gaps in entries:
            pieces += list(lefts) + list(rights) + list(gaps)
    pieces += list("的，。；\n a") + ["𠀀", "政府信息"]
    rng = random.Random(16)
    texts = _contamination_texts() + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
                                      for _ in range(3000)]
    n = 0
    for t in texts:
        want = _reference_spin_hits(t, d)
        assert pv.spin_hits(t, d) == want, t
        n += len(want)
    assert len(lex) > 20 and n > 1500


def test_morphology_head_prefilters_imply_their_patterns():
    """A text without a PREFIXED head has no PREFIXED match, and one without a Latin head no LATIN_TRIGGER match
    (the formations skip both patterns then): the corpora and random texts of tokens, names and heads."""
    from checker.analysis.contamination import morphology as mo

    rng = random.Random(16)
    pieces = ["188", "bet", "ky", "2023", "a", "博金宝", "开元", "体育", "娱乐", "app", "官网", "彩票", "棋牌", "电竞", "真人",
              "捕鱼", "视讯", "博彩", "电子游艺", "·", "-", " ", "的", "政府", "\n"]
    texts = [t.lower() for t in _contamination_texts()]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    hits = {"prefixed": 0, "latin": 0}
    for low in texts:
        if mo.PREFIXED.search(low):
            hits["prefixed"] += 1
            assert mo.PREFIXED_HEADS.search(low), low
        if mo.LATIN_TRIGGER.search(low):
            hits["latin"] += 1
            assert mo.LATIN_HEAD_WORDS.search(low), low
    assert min(hits.values()) > 100, hits


def test_factored_triggers_match_as_written():
    """Each trigger's pattern with its alternatives grouped by their first character (base.factor) matches where
    and as the pattern as written does: every trigger of the package, on the corpora and on random texts glued
    from the alternatives' own characters; and factor keeps a pattern it cannot regroup safely."""
    import importlib
    import pkgutil
    import re

    import checker.analysis.contamination as pkg
    from checker.analysis.contamination import base

    triggers = []
    for info in pkgutil.iter_modules(pkg.__path__):
        mod = importlib.import_module(f"{pkg.__name__}.{info.name}")
        triggers += [v for v in vars(mod).values() if isinstance(v, base.Trigger) and v.cjk is not None]
    assert len(triggers) >= 10 and sum(t.cjk.pattern != t.cjk_source for t in triggers) >= 5
    rng = random.Random(16)
    texts = _contamination_texts()
    for t in triggers:
        chars = sorted(set(re.sub(r"\\.|[()\[\]{}|*+?^$]", "", t.cjk_source))) + [" ", "\n", "1", "2", ":", "："]
        texts += ["".join(rng.choice(chars) for _ in range(rng.randint(0, 30))) for _ in range(100)]
    n = 0
    for t in triggers:
        plain = re.compile(t.cjk_source)
        for x in texts:
            want = [m.span() for m in plain.finditer(x)]
            assert [m.span() for m in t.cjk.finditer(x)] == want, (t.cjk_source[:60], x[:80])
            n += len(want)
    assert n > 3000
    for p in ["(a)b|ac", r"a\1|ab", "(?i)ab|ac", "(?P<x>a)|ab", "ab"]:
        assert base.factor(p) == p
    assert base.factor("本站|我们将|本网|a*b|本") == "本(?:站|网|)|我们将|a*b"


def test_rewritten_residue_patterns_equal_the_plain_ones():
    """residue.INSERTED with its look-behind after the first symbol finds what it found with the look-behind first;
    MARKUP_TRIGGER (X年 for \\d[Xx×]年) still matches wherever the old trigger did; foreign.ITEM_BLANKS (a run of
    blanks) marks the lines that two blanks in a row marked."""
    import re

    from checker.analysis.contamination import base, foreign, residue as rs

    old_inserted = re.compile(rf"(?<=[{rs.HAN}，。、；：”）,;:)])((?:{rs.SYM}\ufe0f?){{1,3}}) ?(?=[{rs.HAN}，。、；：“（,;:(\s]|$)",
                              re.M)
    old_markup = re.compile(rs.MARKUP_TRIGGER.pattern.replace("X年|x年|×年", r"\d[Xx×]年"))
    old_blanks = re.compile(r"[^\S\n][^\S\n]")
    rng = random.Random(16)
    alphabet = list("政府公开，。（）“”()\n \t年Xx×19") + ["\ufe0f", "★", "→", "∑", "Ω", "◆", "々"]
    texts = _contamination_texts() + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
                                      for _ in range(5000)]
    found = markup = 0
    for t in texts:
        want = [(m.span(), m.group(1)) for m in old_inserted.finditer(t)]
        assert [(m.span(), m.group(1)) for m in rs.INSERTED.finditer(t)] == want, t
        found += len(want)
        if old_markup.search(t):
            markup += 1
            assert rs.MARKUP_TRIGGER.search(t), t
        assert base.Scan(t).hit(foreign.ITEM_BLANKS) == base.Scan(t).hit(old_blanks), t
    assert found > 500 and markup > 200


def test_page_number_and_heading_line_shortcuts_equal_the_patterns():
    """join_soft_breaks tries PAGE_NUMBER only on a line that opens on what it can open on, and reads HEADLINE_END
    as the stripped line's ending: the same answers as the patterns (Unicode digits, full-width dashes, blanks)."""
    import re

    from checker import normalize as nz

    def heading_line(s):
        if re.search(r"[。，,；;：:]", s):
            return False
        if nz.LINE_MARKER.match(s) and len(s) <= 40:
            return True
        return len(s) <= 40 and bool(nz.HEADLINE_END.search(s))

    rng = random.Random(71)
    pieces = ["-", "–", "—", "－", "第", "页", "共", "/", "1", "23", "٣", "１", "x", " ", "\u3000", "一、", "（二）",
              "年度报告", "工作报告", "年报", "情况", "概述", "。", "，", "：", "政府"]
    hits = 0
    for _ in range(20000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))).strip()
        if not t:
            continue
        assert nz._page_number(t) == (nz.PAGE_NUMBER.fullmatch(t) is not None), repr(t)
        assert nz._heading_line(t) == heading_line(t), repr(t)
        hits += nz._page_number(t) + nz._heading_line(t)
    assert hits > 1000


def _reference_body(text: str):
    """foreign._body as it read the lines before the shared record: every line, stripped here, the sign-off
    pattern tried on each line of the second half."""
    import re

    from checker.analysis.contamination import foreign as fo

    lines, pos = [], 0
    for ln in text.split("\n"):
        lines.append((pos, pos + len(ln), ln))
        pos += len(ln) + 1
    start = end = None
    for a, b, ln in lines:
        s = ln.strip()
        if a > max(2000, len(text) // 2):
            break
        if s and ((fo.TITLE.search(s) and len(s) <= 100 and not re.search(r"[。；]", s)) or fo.OPENING.match(s)):
            start = a
            break
    for a, b, ln in reversed(lines):
        if a < len(text) // 2:
            break
        if fo.SIGN_OFF.match(ln):
            end = b
            break
    return start, end


def test_shared_line_record_equals_the_line_by_line_reading():
    """base.Scan.full (the non-blank lines, stripped, with the stripped bounds) is what stripping every line gives
    (Unicode blanks, blank lines, no final newline); foreign._body on it finds the title and the sign-off the
    line-by-line reading found; foreign._item_run (its sentence test first, remembered) answers as its plain
    reading; on the contamination corpora, generated reports and random texts."""
    from checker.analysis.contamination import foreign as fo
    from checker.analysis.contamination.base import Scan
    from fixtures import generate as g

    rng = random.Random(7)
    alphabet = list("政府报告年月日ab12|/·") + [" ", "\t", "\u3000", "\xa0", "\x0b", "\x1c", "\x85", "\u2028", "\n", "\n"]
    texts = ["x", " x ", "\n\nx\n", "a\n \n\u3000b\u3000\n", "某某县人民政府\n2023年1月20日 \n", "a | b | c | d\n"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(2000)]
    texts += _contamination_texts()
    with tempfile.TemporaryDirectory() as d:
        texts += [g.write_txt(g.make_report(seed=s, year=2020 + s % 4), Path(d) / f"r{s}.txt").read_text(encoding="utf-8")
                  for s in range(4)]
    old_item = fo._item_run.__wrapped__
    signed = 0
    for t in texts:
        want = [(a, a + len(ln), ln.strip(), a + len(ln) - len(ln.lstrip()), a + len(ln.rstrip()))
                for a, ln in zip(_line_starts(t), t.split("\n")) if ln.strip()]
        full = Scan(t).full
        assert full == want, repr(t[:80])
        body = fo._body(full, t)
        assert body == _reference_body(t), repr(t[:80])
        signed += body[1] is not None
        for _, _, s, _, _ in full:
            items = [x for x in fo.ITEM_SEP.split(s) if x.strip()]
            plain = len(items) >= fo.ITEMS and all(len(x.strip()) <= 8 for x in items) \
                and not fo.SENTENCE_END.search(s) and len(fo.ITEM_SEP.findall(s)) >= fo.ITEMS - 1
            assert fo._item_run(s) == old_item(s) == plain, s
    assert signed > 10


def _line_starts(t: str) -> list[int]:
    out, pos = [], 0
    for ln in t.split("\n"):
        out.append(pos)
        pos += len(ln) + 1
    return out


def test_pinyin_candidates_opening_on_the_bracket_equal_the_look_behind_first():
    """pinyin.CANDIDATE written to open on the bracket (its look-behind after it) finds the spans and syllables the
    pattern opening on the look-behind found: the corpora and random texts of Han characters, brackets, blanks and
    toned Latin letters."""
    import re

    from checker.analysis.contamination import pinyin

    old = re.compile(r"(?<=[\u3400-\u9fff])[(（]\s?([A-Za-zÜüÀ-ÿĀ-ǜ\u0300-\u0304]{1,7}[1-5]?)\s?[)）]")
    rng = random.Random(21)
    alphabet = list("政府发号(（)） \tzhengfā2ü\u0301\n") + ["\u3400", "\u9fff", "a", "Z"]
    texts = _contamination_texts() + ["发(fā)號(hào)政(zheng)府(fu)", "(a)政（ zheng ）", "\u3400(b)"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    found = 0
    for t in texts:
        want = [(m.span(), m.group(1)) for m in old.finditer(t)]
        assert [(m.span(), m.group(1)) for m in pinyin.CANDIDATE.finditer(t)] == want, t
        found += len(want)
    assert found > 300


def test_brand_cores_remembered_per_lexicon_object():
    """slots.byline_slots reads the lexicon's brand cores once per lexicon object: the same terms the entries give,
    and another lexicon's own terms as soon as another lexicon is read."""
    from checker.analysis.contamination import lexicon, slots
    from checker.packs import load_pack

    lex = lexicon.load(str(load_pack("gov-annual-report").lexicon_dir))
    want = {e.term for e in lex.entries if e.family == "G1c"}
    assert want and slots._g1c_cores(lex) == want and slots._g1c_cores(lex) is slots._g1c_cores(lex)
    other = lexicon.Lexicon(lex.auto, [e for e in lex.entries if e.family == "G1c"][:3], lex.auto8)
    assert slots._g1c_cores(other) == {e.term for e in other.entries} != want
    assert slots._g1c_cores(lex) == want


def test_remembered_identity_sums_follow_forget():
    """An identity instance keeps its (lhs, rhs) sums; :func:`derive` (the one writer of an operand's value) calls
    ``forget``, after which the sums are those of the operands again — on tables with blanks and derived totals."""
    from checker.analysis import identities as ids

    changed = 0
    for a in _generated_analyses():
        for o in ids.instances(a.tables, a.pack.data["tables"]["identities"]).outcomes:
            s = o._sums()
            assert o._sums() is s and (o.lhs_sum, o.rhs_sum) == s
            blank = next((x for x in o.operands if x.value is None), None)
            if blank is None:
                continue
            blank.value, blank.derived = 7, True  # what derive does to an undetermined blank …
            o.forget()  # … before it reads the instance again
            assert o._sums() == (sum(x.value or 0 for x in o.lhs), sum(x.value or 0 for x in o.rhs))
            assert o.evaluable == all(x.value is not None for x in o.operands)
            changed += 1
    assert changed > 0


def test_cell_values_are_slotted_and_survive_a_pickle():
    """CellValue is built ~165 times a report: a slotted dataclass (cheaper to build, no per-cell dict) that pickles
    and compares as before."""
    import pickle

    from checker.analysis.tables import CellValue

    c = CellValue("r1", "c2", "+12", "integer", 12, None, 3, 6, 2, True)
    assert not hasattr(c, "__dict__")
    assert pickle.loads(pickle.dumps(c)) == c
    for a in _generated_analyses()[:3]:
        for t in a.tables.values():
            for cell in t.cells.values():
                assert cell.text == a.doc.text[cell.start:cell.end] or cell.kind == "unreadable"
                assert cell.signed == (cell.text.lstrip()[:1] in ("+", "-", "−"))  # a blank cell is not signed


def test_rule_plan_is_made_once_per_pack_and_gives_each_call_a_fresh_options_dict():
    """run_rules resolves each rule's kind and checked options once per pack and selection (engine._plan); a new
    pack object (a reloaded or edited pack) gets a new plan; a rule that changes its options dict does not change
    what the next document's rule gets."""
    import copy

    from checker import checks, engine
    from checker.config import Config
    from checker.packs import load_pack

    pack, config = load_pack("gov-annual-report"), Config()
    plan = engine._plan(pack, config)
    assert engine._plan(pack, config) is plan
    assert [r.code for r in engine._selected_rules(pack, config)] == \
        [r.code for r in pack.rules if r.status == "implemented" and r.kind and config.selected(r.code)]
    for r, check, conf in plan[2] + plan[3]:
        assert check is checks.get(r.kind).check and conf == dict(checks.options(r.kind, r.params), code=r.code)
    other = copy.deepcopy(pack)
    other_plan = engine._plan(other, config)
    assert other_plan is not plan and other_plan[0] is other and other_plan[3][0][0] in other.rules
    rule, _, conf = other_plan[3][0]
    got = []
    probe = (rule, lambda a, c: got.append(dict(c)) or c.clear() or iter(()), conf)  # a rule that empties its dict
    res = engine.FileResult(path="x")
    engine._run_rule(None, probe, config, res)
    engine._run_rule(None, probe, config, res)
    assert got[0] == got[1] == conf and conf["code"] == rule.code and not res.findings


def test_gated_patterns_skip_only_texts_they_cannot_match():
    """A gated pattern (base.gated: it opens on a rare character) is skipped only where it cannot match: every match
    of it opens on a character of the class base.first_class derives, and on the texts of a pass (base.begin) a
    pattern that ``may`` not match matches nowhere — on the corpora and on random texts of report characters with
    a few symbols, invisible characters, emoji, Latin-1 letters and replacement characters sprinkled in."""
    import re

    from checker.analysis.contamination import base, foreign, garbage, residue  # noqa: F401 (their gates)

    assert base.first_class(re.compile(r"a?b")).pattern == "[ab]"
    assert base.first_class(re.compile(r"(?<=x)[yz]+")).pattern == "[yz]"
    for p in (r"a?", r"[^a]b", r".b", r"(?i)ab", r"\bx*", r"(a)?\1"):
        assert base.first_class(re.compile(p)) is None, p
    gated = dict(base._GATED)
    assert len(gated) >= 8 and garbage.LATIN1_RUN in gated and residue.SYM_ANY in gated
    rng = random.Random(33)
    rare = ["★", "◆", "\u200b", "\ufeff", "😀", "⃣", "é", "Ã", "\ufffd", "Ω", "锟", "|", "/", "·", "→", "①"]
    alphabet = list("政府信息公开年报告，。：；、 \n0123abc") * 4 + rare
    texts = _contamination_texts() + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
                                      for _ in range(3000)]
    skipped = found = 0
    try:
        for t in texts:
            base.begin(t)
            for rx, cls in gated.items():
                ms = list(rx.finditer(t))
                assert all(cls.match(t, m.start()) for m in ms if m.end() > m.start()), (rx.pattern[:40], t)
                if not base.may(rx, t):
                    skipped += 1
                    assert not ms, (rx.pattern[:40], t)
                found += bool(ms)
            assert base.may(garbage.LATIN1_RUN, "a text of its own")  # (never skipped: no scan of the pass)
    finally:
        base.done()
    assert skipped > 10000 and found > 1000


def _package_triggers():
    import importlib
    import pkgutil

    import checker.analysis.contamination as pkg
    from checker.analysis.contamination import base

    out = []
    for info in pkgutil.iter_modules(pkg.__path__):
        mod = importlib.import_module(f"{pkg.__name__}.{info.name}")
        out += [v for v in vars(mod).values() if isinstance(v, base.Trigger) and v not in out]
    return out


def _touched(rx, text: str) -> set[int]:
    out = set()
    for m in rx.finditer(text):
        s, e = m.span()
        out.add(text.rfind("\n", 0, s) + 1)
        out.update(i + 1 for i in range(s, e) if text[i] == "\n")
    return out


def test_literal_alternatives_found_by_one_automaton_mark_the_lines_re_marks():
    """base.Trigger finds the alternatives that are literal strings by one automaton for every trigger (base.Scan)
    and scans only the rest with re: on the corpora and on random texts glued from the triggers' own words,
    blanks, digits and line breaks, every line the whole pattern's scan marks is marked (every position where the
    trigger matches lies on a marked line), no line is marked that no alternative's own scan marks, and ``has``
    answers as a search of the whole pattern."""
    import re

    from checker.analysis.contamination import base

    assert base.literals("作者[:：]") == ["作者:", "作者："] and base.literals("ab?") == ["a", "ab"]
    for p in ("a\nb", r"\d", "a*", "[^a]", "a$", "(?:a|)"):
        assert base.literals(p) is None, p
    triggers = [t for t in _package_triggers() if t.literals]
    assert len(triggers) >= 8
    rng = random.Random(44)
    words = sorted({w for t in triggers for w in t.literals})
    noise = list("政府公开年报告，。 \t\n\n0123-/.:：") + ["\u3000"]
    texts = _contamination_texts()
    texts += ["".join(rng.choice(words) if rng.random() < 0.3 else rng.choice(noise) for _ in range(rng.randint(0, 30)))
              for _ in range(3000)]
    marked = 0
    for t in texts:
        sc, low = base.Scan(t), t.lower()
        for tr in triggers:
            if tr.latin and not (len(low) == len(t) and "ı" not in low and "ſ" not in low):
                continue  # (lower() changes the offsets: the Latin part is matched on the text itself)
            got = sc.hit(tr)
            whole = _touched(tr.cjk, t) | (_touched(tr.latin, low) if tr.latin else set())
            assert whole <= got, (tr.cjk_source[:40], t[:80])
            alts = set().union(*[_touched(re.compile(a), t) for a in base._alternatives(tr.cjk_source)])
            assert got <= alts | whole, (tr.cjk_source[:40], t[:80])
            assert base.Scan(t).has(tr) == bool(whole), (tr.cjk_source[:40], t[:80])
            marked += len(got)
    assert marked > 5000


def test_cross_year_cell_windows_equal_a_test_of_every_break():
    """crossyear._line_windows (the first line break after a cell's start, by bisection) gives the windows the test
    of every break between each two cells gave, in the same order: random cells and breaks."""
    from checker.checks import crossyear as cy

    rng = random.Random(9)
    n = 0
    for _ in range(3000):
        cells = []
        for _ in range(rng.randint(0, 8)):
            s = rng.randint(0, 60)
            cells.append([1, s, s + rng.randint(0, 6), "x"])
        nls = sorted(rng.sample(range(70), rng.randint(0, 5)))
        want = [(x[1] - cy.CONTEXT, y[2] + cy.CONTEXT) for x in cells for y in cells
                if x[1] < y[2] and not any(x[1] <= nl < y[2] for nl in nls)]
        assert cy._line_windows(cells, nls) == want, (cells, nls)
        n += len(want)
    assert n > 10000


def test_contamination_line_shortcuts_equal_the_plain_readings():
    """ads.keyword_lists skips a line with fewer than four separators (five items need four between them);
    garbage's UTF-8-as-GBK repairs test the share of replacement characters before the rest of the repair, and
    find the runs' places only when one is repaired; chrome.Layout reads the footer and the non-blank lines from
    the scan's shared record: each as the plain reading, on the corpora and random texts."""
    import re

    from checker.analysis.contamination import ads, base, chrome, garbage
    from checker.document import Document
    from checker.normalize import build_view

    rng = random.Random(15)
    seps = list(ads.KW_SEPARATORS)
    lines = ["".join(rng.choice(seps + list("九游娱乐app下载12")) for _ in range(rng.randint(0, 40))) for _ in range(4000)]
    for ln in lines:
        if len(re.findall(r"[^,，、|｜_/ ]+", ln)) >= 5:
            assert sum(map(ln.count, ads.KW_SEPARATORS)) >= 4, ln
    moji = [w.encode("utf-8").decode("gbk", errors="replace") for w in ("政府信息公开工作年度报告", "依申请公开政府信息情况")]
    texts = _contamination_texts() + ["本机关" + moji[0] + "。\n" + moji[1] + "\n某某县人民政府"]
    repaired = 0
    for t in texts:
        runs = garbage.SUSPECT_GBK.findall(t)
        joined = "\n".join(runs).encode("gbk", errors="replace").decode("utf-8", errors="replace")
        want = [garbage._repaired(f) for f in joined.split("\n")] if runs else []
        assert garbage._utf8_as_gbk_all(runs) == want
        repaired += sum(1 for f, r in zip(want, runs) if f and len(f) < len(r))
        view = build_view(t)
        doc = Document(name="r.txt", format="txt", text=t, blocks=[])
        base.begin(t, view.text)
        try:
            lay = chrome.Layout(doc, view)
        finally:
            base.done()
        v = view.text
        plain = [(a, a + len(ln)) for a, ln in zip(_line_starts(v), v.split("\n")) if ln.strip()]
        assert lay.nonempty == plain
        foot = len(v)
        for a, b in reversed(plain):
            s = v[a:b].strip()
            if len(s) <= 100 and (chrome.is_chrome_line(s) or chrome.COPYRIGHT.search(s) or chrome.WIDGET.match(s)
                                  or (chrome.PHONE.search(s) and len(s) < 60 and not re.search(r"[。；]", s))):
                foot = a
                continue
            break
        assert lay.footer_start == foot
    assert repaired > 0


def test_split_text_tokens_equal_the_token_pattern_on_any_blank():
    """_text_tokens finds its tokens by ``str.split()`` (the bars made blanks) and places each by ``str.find``: the
    tokens and places of ``_TOKEN.finditer`` for every blank ``\\s`` knows (ideographic, no-break, the C0
    separators, NEL, the line separator), bars, a slice of the view, and table-block ranges skipped."""
    from checker.analysis import tables as tb
    from checker.normalize import View

    rng = random.Random(7)
    blanks = [" ", "\t", "\n", "\u3000", "\xa0", "\x1c", "\x1f", "\x85", "\u2028", "\r", "\x0b", "|", "｜"]
    words = ["规章", "总计", "12", "3.5", "万元", "0", "-", "/", "行政复议", "5件", "(一)", "a", "规章0", "12a"]
    n = 0
    for _ in range(1500):
        t = "".join(rng.choice(blanks + words) for _ in range(rng.randint(0, 30)))
        v = View(t, [2 * i for i in range(len(t) + 1)], 2 * len(t))
        lo = rng.randint(0, len(t))
        hi = rng.randint(lo, len(t))
        skip = [(4, 12)] if rng.random() < 0.3 else []
        want = []
        for m in tb._TOKEN.finditer(t, lo, hi):
            a, b = m.span()
            if skip and any(x <= v.offsets[a] < y for x, y in skip):
                continue
            info = tb._token(m.group())
            if info[2] is None:
                want.append((info[0], *v.span(a, b), info[1]))
            else:
                k = a + info[2]
                want += [(info[3], *v.span(a, k), None), (info[4], *v.span(k, b), info[5])]
        got = [(x.text, x.start, x.end, x.value) for x in tb._text_tokens(v, lo, hi, skip)]
        assert got == want, repr((t, lo, hi))
        n += len(want)
    assert n > 1500


def _reference_soft_break_cuts(view, hard=None, skip=None):
    """The cuts join_soft_breaks makes, read the plain way: every line walked, the next line of each found by
    walking over the page numbers, skipped lines and blank lines that held removed text alone."""
    from checker import normalize as nz

    text = view.text
    lines, pos = [], 0
    for part in text.split("\n"):
        lines.append((pos, pos + len(part)))
        pos += len(part) + 1

    def kind(j):
        la, lb = lines[j]
        t = text[la:lb].strip()
        if t:
            if nz.PAGE_NUMBER.fullmatch(t) or (skip is not None and skip(view.orig(la + text[la:lb].index(t[0])))):
                return "skip"
            return "text"
        return "stop" if view.orig(min(lb, len(text))) - view.orig(la - 1) <= (lb - la) + 1 else "pass"

    cuts, k = [], 0
    while k < len(lines) - 1:
        a, b = lines[k]
        line = text[a:b]
        s = line.strip()
        j = k + 1
        while j < len(lines) and kind(j) in ("skip", "pass"):
            j += 1
        if not s or j >= len(lines) or kind(j) == "stop":
            k += 1
            continue
        ma, mb = lines[j]
        nxt = text[ma:mb]
        ns = nxt.strip()
        if "\t" in line or "\t" in nxt or s.startswith("|") or ns.startswith("|"):
            k = j
            continue
        last = s[-2] if s[-1] in nz.CLOSERS and len(s) > 1 and s[-2] in nz.SENT_END else s[-1]
        if (last in nz.SENT_END or nz.LINE_MARKER.match(ns) or nz._heading_line(s)
                or (hard is not None and hard(view.orig(a + len(line.rstrip()) - 1),
                                              view.orig(ma + len(nxt) - len(nxt.lstrip()))))):
            k = j
            continue
        space = s[-1].isascii() and s[-1].isalpha() and ns[0].isascii() and ns[0].isalpha()
        cuts.append((a + len(line.rstrip()), ma + len(nxt) - len(nxt.lstrip()), space))
        k = j
    return cuts


def test_soft_breaks_read_from_stripped_lines_equal_the_plain_walk():
    """join_soft_breaks reads its lines stripped once by C-level maps, passes blank lines at once and inlines the
    blank-line test of the offsets: the same cuts as the plain walk, on views with removed text (blank lines that
    held it alone), page numbers, tabs, bars, headings, with and without ``hard`` and ``skip``."""
    from checker.normalize import build_view, join_soft_breaks

    rng = random.Random(5)
    pieces = ["政府信息公开", "工作", "。", "，", "一、总体情况", "（二）", "- 3 -", "第2页", "12", "\t", "|", " ", "ab",
              "\u3000", "”", "年度报告", "abc", "x", "页眉", "\r"]
    joined = cut_some = 0
    for _ in range(2500):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 4))) for _ in range(rng.randint(1, 12))]
        text = "\n".join(lines)
        removed = []
        for _ in range(rng.randint(0, 3)):
            a = rng.randint(0, len(text))
            removed.append((a, min(len(text), a + rng.randint(1, 6))))
        view = build_view(text, removed, simplify=False)
        for hard, skip in ((None, None), (lambda x, y: (x + y) % 5 == 0, lambda o: text[o:o + 2] == "页眉")):
            out = join_soft_breaks(view, hard, skip)
            want = _reference_soft_break_cuts(view, hard, skip)
            kept, pos = [], 0
            for a, b, space in want:
                kept += [view.text[pos:a], " " if space else ""]
                pos = b
            assert out.text == "".join(kept) + view.text[pos:], repr((text, removed))
            assert len(out.offsets) == len(out.text) + 1
            joined += len(want)
            cut_some += bool(want)
    assert joined > 1000 and cut_some > 500


def test_heading_item_and_table_cells_rewritten_linear_agree_with_the_patterns_as_written():
    """chrome.HEADING_ITEM (anchored with \\A) and mirror.TABLE_CELLS (its number pair as \\d\\s+\\d) were quadratic
    under a finditer/search over long runs of blanks or digits (test_hostile's harness: minutes at its length). Where
    the code reads them — HEADING_ITEM.match at an item's start, TABLE_CELLS.search as a truth value — they answer
    as the patterns as written did; and neither can restart a match inside a run (what made them quadratic)."""
    import re

    from checker.analysis.contamination import chrome, mirror

    old_heading = re.compile(chrome.HEADING_ITEM.pattern.replace(r"\A", "", 1))
    old_cells = re.compile(mirror.TABLE_CELLS.pattern.replace(r"|\d\s+\d|", r"|\d+\s+\d+|", 1))
    assert old_heading.pattern != chrome.HEADING_ITEM.pattern and old_cells.pattern != mirror.TABLE_CELLS.pattern
    rng = random.Random(7)
    alphabet = list("一二三十、.．()（）第章节 \t0123456789|｜:：合计本年件数x") + ["\n"]
    texts = ["  一、总体情况", "（二）主动公开", "3.1 概述", "第二章 附则", "abc", "12  34", "1234", "| 5", "件数：", ""]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(4000)]
    hits = 0
    for t in texts:
        assert bool(chrome.HEADING_ITEM.match(t)) == bool(old_heading.match(t)), t
        assert bool(mirror.TABLE_CELLS.search(t)) == bool(old_cells.search(t)), t
        hits += bool(mirror.TABLE_CELLS.search(t)) + bool(chrome.HEADING_ITEM.match(t))
        assert chrome.HEADING_ITEM.search(t) is None or chrome.HEADING_ITEM.search(t).start() == 0, t
        for m in mirror.TABLE_CELLS.finditer(t):  # a number pair holds one digit each side: no walk over a run
            assert not re.match(r"\d\d", m.group()), (t, m.group())
    assert hits > 1000  # the samples exercise both patterns
    assert chrome.HEADING_ITEM.search("x" + " " * 50 + "一、") is None  # matched at the start only


def test_porn_atoms_with_the_look_behind_after_the_a_match_as_written():
    """ads.PORN_STRONG_RE writes the look-behind of 「(?<![a-z])av」 after the a (「a(?<![a-z]a)v」) so that every
    alternative opens on a literal (re then skips, in C, the positions no alternative can open on: ~20x less CPU on a
    report). Every match — found by finditer and by findall on items — is the one the pattern as written gives, on
    the corpora (lower-cased, as porn_items reads them) and on random texts over the characters that matter (av at
    the start, after a letter, a digit, a Han character; 女同 before 志/学; the atoms glued together)."""
    import re

    from checker.analysis.contamination import ads

    as_written = re.compile("|".join(re.escape(w) for w in sorted(ads.PORN_STRONG, key=len, reverse=True)
                                     if w not in ("av", "女同")) + r"|女同(?![志学事胞])|(?<![a-z])av(?![a-z])"
                            + r"|(?<![a-z])(?:" + "|".join(w + ("(?!ograph)" if w == "porn" else "")
                                                          for w in sorted(ads.PORN_LATIN, key=len, reverse=True)) + ")")
    assert as_written.pattern != ads.PORN_STRONG_RE.pattern
    rng = random.Random(16)
    pieces = list(ads.PORN_STRONG) + ["a", "v", "b", "z", "1", "_", " ", "\n", "志", "学", "国", "AV", "va", "aav"] \
        + list(ads.PORN_LATIN) + ["ography", "x", "p", "o"]  # (ads8: the Latin atoms on a word start, not pornography)
    texts = [t.lower() for t in _contamination_texts()]
    texts += ["av", "bav", "1av", "国av", "ava", "avb", "女同", "女同志", "成人av", "日本va", "aavv", "a", ""]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    hits = 0
    for t in texts:
        got = [(m.span(), m.group()) for m in ads.PORN_STRONG_RE.finditer(t)]
        assert got == [(m.span(), m.group()) for m in as_written.finditer(t)], t
        assert ads.PORN_STRONG_RE.findall(t) == as_written.findall(t), t
        hits += len(got)
    assert hits > 3000 and any(m.group() == "av" for t in texts for m in ads.PORN_STRONG_RE.finditer(t))
    assert ads.PORN_STRONG_RE.search("bav") is None and ads.PORN_STRONG_RE.search("1av").span() == (1, 3)


def test_line_local_patterns_are_told_from_their_parse():
    """base.line_local: True only for patterns none of whose matches can hold a line break (what lets Scan.hit read
    the first match of each line only), False when a consumed element admits "\\n" or cannot be told."""
    import re

    from checker.analysis.contamination import base

    yes = [r"[^\S\n]{2,}", r"a.b", r"[^x\n]", r"(?<=\n)a", r"a$", r"^a", r"[\u4e00-\u9fff]+", r"(?:ab|c[^\S\n]*d)+",
           r"\w+", r"\d", r"(?i)k", r"a*+", r"(?!\n)x", "作者[:：]"]
    no = [r"\s+", r"(?s)a.b", r"[^x]", r"\d+\s\d", r"[\x00-\x7f]", "a\nb", r"(a)\1", r"\W", r"[\D]", r"(?>a\s)",
          r"[^\S]", r"(?:a|\n)", r"a(?s:.)b", r"(a)?(?(1)b|c)"]
    for p in yes:
        assert base.line_local(re.compile(p)) is True, p
    for p in no:
        assert base.line_local(re.compile(p)) is False, p
    # and what it says of the package's patterns holds on the corpora: no match of a line-local one crosses a line
    import importlib
    import pkgutil

    import checker.analysis.contamination as pkg

    pats = []
    for info in pkgutil.iter_modules(pkg.__path__):
        mod = importlib.import_module(f"{pkg.__name__}.{info.name}")
        pats += [v for v in vars(mod).values() if isinstance(v, re.Pattern)]
        pats += [r for v in vars(mod).values() if isinstance(v, base.Trigger) for r in (v.rest, v.latin) if r]
    local = [p for p in pats if base.line_local(p)]
    assert len(local) > 50
    for t in _contamination_texts()[::7]:
        for p in local:
            for m in p.finditer(t):
                assert "\n" not in m.group(), (p.pattern[:60], m.group())


def test_hit_with_the_first_match_of_each_line_equals_every_match(monkeypatch):
    """Scan.hit reads a line-local pass (no match holds a line break) by one search a line — the first match marks
    the line, the search goes on at the next one — instead of every match (a text report's column gaps for
    foreign.ITEM_BLANKS: one search a row instead of one a gap). It marks the lines that reading every match marks,
    for every trigger and plain pattern the detectors pass to hit, on the corpora and on random texts of blanks,
    separators, the triggers' words and line breaks (blank lines, a text ending on a break)."""
    import re

    from checker.analysis.contamination import base, chrome, foreign, furniture

    plain = [foreign.ITEM_BLANKS, foreign.ITEM_CHARS, re.compile(r"[^\S\n]*"), re.compile(r"$"), re.compile(r"\d+")]
    targets = _package_triggers() + plain + [chrome.CHROME_TRIGGER, furniture.TAG_TRIGGER]
    assert any(base.line_local(rx) for t in targets for rx, _ in base.Scan("x")._scans(t))
    rng = random.Random(45)
    words = sorted({w for t in _package_triggers() for w in t.literals})[:300]
    noise = list("政府公开年报告，。 \t\n\n0123-/.:：|｜·") + ["\u3000", "  ", "\n\n"]
    texts = _contamination_texts()[::3]
    texts += ["".join(rng.choice(words) if rng.random() < 0.25 else rng.choice(noise) for _ in range(rng.randint(0, 40)))
              for _ in range(1500)] + ["", "\n", "  \n  ", "a  b\n", "\n\n  "]
    got = [[base.Scan(t).hit(tr) for tr in targets] for t in texts]
    monkeypatch.setattr(base, "line_local", lambda rx: False)  # the plain reading: every match
    marked = 0
    for t, mine in zip(texts, got):
        sc = base.Scan(t)
        for tr, g in zip(targets, mine):
            assert g == sc.hit(tr), (repr(tr)[:60], t[:80])
            marked += len(g)
    assert marked > 3000


def test_lower_cased_view_is_shared_within_a_pass_and_equals_lower():
    """base.lower: the detectors' whole-text ``text.lower()`` computed once per text of the pass (the same object
    for every caller, equal to ``str.lower``; the latin triggers' copy is that one when the offsets hold), a text
    of its own lowered as it is, nothing kept after the pass."""
    from checker.analysis.contamination import base

    t, other = "Copyright ÄB 政府 İx QQ群\n", "ABC 公开"
    base.begin(t, "view")
    try:
        low = base.lower(t)
        assert low == t.lower() and base.lower(t) is low
        assert base.lower(other) == other.lower() and base.scan(t).memo["lower"] is low
        plain = "Copyright QQ群 ICP备"
        base.begin(plain)
        sc = base.scan(plain)
        sc.hit(base.Trigger(latin="icp备"))
        assert sc._low is base.lower(plain) == plain.lower()
    finally:
        base.done()
    assert base.lower(t) == t.lower() and not base._SCANS


def test_lexicon_spin_and_trigger_words_found_in_one_pass_equal_their_own_passes():
    """lexicon.occurrences_in finds, in one automaton pass over the lower-cased view (base.find_joint), the
    lexicon's terms, the spin words (read by provenance.spin_hits) and the triggers' literal alternatives (read by
    base.Scan): each set's occurrences equal its own automaton's pass — the lexicon's on the lower-cased text, the
    others on the text itself (a word in capitals is no occurrence of a lower-case word), in the same order — on
    the corpora and on random texts glued from the three sets' words, capitals, Latin and İ (which lower() turns into
    two characters: then each set is found by its own pass)."""
    from checker.analysis.contamination import base, lexicon, provenance
    from conftest import ROOT

    lexdir = str(ROOT / "rules" / "gov-annual-report" / "lexicons")
    lex = lexicon.load(lexdir)
    spins = [w for w, _ in provenance.spin_words(lexdir)]
    assert lex.terms_entries and spins and base._LITERAL_TRIGGERS
    rng = random.Random(46)
    words = [t for t, _ in lex.terms_entries][:400] + spins + [w for w, _ in base.literal_words()][:300]
    noise = list("政府公开，。 \n0123ABCQQ") + ["İ", "ICP备", "Copyright", "APP"]
    texts = _contamination_texts()[::2]
    texts += ["".join(rng.choice(words) if rng.random() < 0.4 else rng.choice(noise) for _ in range(rng.randint(0, 30)))
              for _ in range(1500)]
    joint = found = 0
    for t in texts:
        want_lex = lexicon.occurrences(lex, t.lower())
        want_spin = provenance.spin_hits(t, lexdir)  # (outside a pass: its own automaton)
        want_lines = {i: set(v) for i, v in base.Scan(t)._literal_lines().items()}
        base.begin(t)
        try:
            sc = base.scan(t)
            assert lexicon.occurrences_in(lex, t) == want_lex, t[:80]
            assert (("spin", lexdir) in sc.memo) == (len(t.lower()) == len(t)), t[:80]  # one pass when it can be
            joint += ("spin", lexdir) in sc.memo
            assert provenance.spin_hits(t, lexdir) == want_spin, t[:80]
            assert {i: set(v) for i, v in sc._literal_lines().items()} == want_lines, t[:80]
        finally:
            base.done()
        found += len(want_lex) + len(want_spin) + len(want_lines)
    assert found > 5000 and joint > 0.4 * len(texts)
    t = "İstanbul 政府信息公开 ICP备"
    assert len(t.lower()) != len(t) and base.find_joint(t, [(("x",), lambda: [("政府", 1)], True, None)]) is None


def test_section_similarity_of_packed_pairs_equals_the_text_similarity():
    """The copied-text rule compares two sections from their digest entries (crossyear.section_similarity): the
    distinct pairs packed once per file (bigram_key) give the similarity of the two bodies' texts exactly; an entry
    with its text instead (a character outside the BMP, a digest of version 2) is compared with a packed one as the
    texts are: random texts with blanks, a character outside the BMP, lone and paired surrogates, empty and
    one-character texts, and the section bodies of generated reports."""
    from checker.checks import crossyear as cy

    rng = random.Random(17)
    alphabet = list("政府信息公开工作年度报告的一二三") + [" ", "\n", "\u3000", "a", "1", "𠀀", "\udc80", "\ud800", "。"]
    texts = ["", "政", "政府", " 政 府 ", "𠀀", "ab", "abc", "\ud800\udc00\ud800", "a\ud83d\ude00b"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(1500)]
    for a in _generated_analyses():
        texts += [a.doc.text[s.body_start:s.body_end] for s in a.sections]

    def entries(t):
        """The entry as a version-3 digest writes it, and as version 2 did (the text without whitespace)."""
        packed = cy.bigram_key(t)
        v3 = ["", 0, 0, True, 0, "".join(t.split()) if packed is None else "", packed]
        return [v3, ["", 0, 0, True, 0, "".join(t.split())]]

    packed = 0
    for x, y in zip(texts, texts[1:] + texts[:1]):
        want = cy.similarity(x, y)
        for ex in entries(x):
            for ey in entries(y):
                assert cy.section_similarity(ex, ey) == want, (x, y, ex, ey)
        packed += cy.bigram_key(x) is not None and want > 0
    assert packed > 200
    assert cy.bigram_key("a𠀀b") is None and cy.bigram_key("政府信息") is not None
