"""The shared prefilter of the contamination pass (issue 16: ``base.Scan`` / ``base.Trigger``) never hides a finding.

A detector that skips the lines (or the whole text) its trigger does not touch must find exactly what it finds
when every line is tested: the pass is run with the prefilter on and off (``base.ENABLED``) over the tune corpus,
the dev corpus, the FP-stress fixtures, the seed and generated reports, with and without the page's address, and
the spans must be identical. Per-line tests check the trigger of each line predicate directly on every line of
the same texts.
"""

import json

import pytest

import fixtures.generate as gen
from checker.analysis import contamination as cm
from checker.analysis.contamination import base, chrome, furniture, hosts
from checker.config import Config
from checker.engine import load_pack
from checker.extract import extract
from checker.normalize import build_view
from conftest import CORPUS, ROOT, SEED


def _records():
    out = []
    for line in (ROOT / "tests" / "corpus" / "tune.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out.append((rec["id"], rec["text"], rec.get("url")))
    if CORPUS.exists():
        for line in CORPUS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                out.append((rec["id"], rec["text"], rec.get("url")))
    for p in sorted((ROOT / "fixtures" / "contamination").glob("*.txt")) + [SEED]:
        out.append((p.name, p.read_text(encoding="utf-8"), None))
    return out


RECORDS = _records()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    d = tmp_path_factory.mktemp("gen")
    out = []
    for i, defects in enumerate([None, {"ad": True}, {"missing_section": 3}]):
        r = gen.make_report(seed=40 + i, year=2020 + i, defects=defects)
        for ext in ("txt", "html"):
            p = gen.WRITERS[ext](r, d / f"r{i}.{ext}", **({"furniture": True} if ext == "html" else {}))
            out.append((p.name, p.read_bytes()))
    return out


def _spans(doc, url):
    view = build_view(doc.text)
    c = cm.analyse(doc, view, load_pack(Config().pack), None, source_url=url)
    return [(s.start, s.end, s.code, s.category, s.tier, s.text, s.score, [g.to_dict() for g in s.signals],
             json.dumps(s.detail, ensure_ascii=False, sort_keys=True, default=str), s.edits) for s in c.spans], \
        json.dumps(c.doc_signals, ensure_ascii=False, sort_keys=True, default=str)


def _both(doc, url):
    on = _spans(doc, url)
    base.ENABLED = False
    try:
        off = _spans(doc, url)
    finally:
        base.ENABLED = True
    return on, off


def test_prefilter_hides_nothing_on_the_corpora():
    cfg = Config()
    differ = []
    n_spans = 0
    for rid, text, url in RECORDS:
        doc = extract(text.encode("utf-8"), rid + ".txt", cfg.limits)
        for u in {url, None}:
            on, off = _both(doc, u)
            n_spans += len(off[0])
            if on != off:
                differ.append((rid, bool(u)))
    assert not differ, differ
    assert n_spans > 500  # the corpora exercise the detectors (contaminated pages, chrome, furniture)


def test_prefilter_hides_nothing_on_generated_reports(generated):
    cfg = Config()
    found = 0
    for name, data in generated:
        doc = extract(data, name, cfg.limits)
        on, off = _both(doc, None)
        assert on == off, name
        found += len(on[0])
    assert found  # page chrome, the planted ad: there is something to find


def _view_lines(text):
    v = build_view(text).text
    pos = 0
    for ln in v.split("\n"):
        yield v, pos, ln
        pos += len(ln) + 1


def test_line_triggers_cover_their_predicates():
    """Each line predicate that a trigger guards fires only on lines the trigger marks."""
    fired = {"chrome": 0, "widget": 0, "share": 0, "breadcrumb": 0, "lang": 0}
    for rid, text, _ in RECORDS:
        sc = None
        for v, a, ln in _view_lines(text):
            if sc is None or sc.text is not v:
                sc = base.Scan(v)
                chrome_hits, widget_hits = sc.hit(chrome.CHROME_TRIGGER), sc.hit(chrome.WIDGET_TRIGGER)
                tag_hits = sc.hit(furniture.TAG_TRIGGER)
            s = ln.strip()
            if chrome.is_chrome_line(ln):
                fired["chrome"] += 1
                assert a in chrome_hits, (rid, ln)
            if s and chrome.WIDGET.match(s):
                fired["widget"] += 1
                assert a in widget_hits, (rid, ln)
            if len(s) <= 90:
                for name, pred in (("share", furniture.share_bar), ("breadcrumb", furniture.breadcrumb),
                                   ("lang", furniture.lang_switch)):
                    if s and pred(s):
                        fired[name] += 1
                        assert a in tag_hits, (rid, name, ln)
    assert all(fired.values()), fired  # every predicate fired somewhere: the test tests something


def test_scan_marks_every_line_a_match_touches():
    text = "甲乙\n版权所有\n丙\n联系\n我们 copyright\nİ"
    sc = base.Scan(text)
    t = base.Trigger(r"版权所有|联系\n我们", r"copyright")
    starts = sorted(sc.hit(t))
    assert starts == [3, 10, 13]  # 版权所有's line, both lines of the match across a break, copyright's line
    assert sc.has(t) and not sc.has(base.Trigger("不在"))
    # lower() grows İ: the Latin part is matched with IGNORECASE on the text itself, at the right offsets
    sc2 = base.Scan("İ\nCOPYRIGHT")
    assert sorted(sc2.hit(base.Trigger(latin="copyright"))) == [2]


def test_hosts_found_once_per_text_and_not_without_a_trigger():
    text = "本报告电子版可在www.example-mirror.com下载。"
    base.begin(text)
    try:
        first = hosts.find(text)
        assert [r.host for r in first] == ["www.example-mirror.com"]
        first.clear()  # a caller's list is its own
        assert [r.host for r in hosts.find(text)] == ["www.example-mirror.com"]
    finally:
        base.done()
    assert hosts.find("某某县人民政府门户网站，电话0564-6012345。") == []
    assert [r.host for r in hosts.find("邮箱：xxgk@hq.gov.cn")] == ["hq.gov.cn"]


def test_scan_marks_lines_as_the_naive_search():
    """The line of each match is found by walking forward through the text (linear on a page of one huge line,
    where searching back to the line start at every match is quadratic: tests/test_hostile.py bounds it): the same
    lines as the naive search, on random texts."""
    import random

    rng = random.Random(16)
    t = base.Trigger(r"ab|b\nc|c|\n\n", r"x")
    for _ in range(2000):
        text = "".join(rng.choice("abc\nX ") for _ in range(rng.randrange(0, 40)))
        naive = set()
        for rx, tt in base.Scan(text)._passes(t):
            for m in rx.finditer(tt):
                s, e = m.span()
                naive.add(text.rfind("\n", 0, s) + 1)
                naive.update(i + 1 for i in range(s, e) if text[i] == "\n")
        assert base.Scan(text).hit(t) == naive, text
    assert base.Scan("相关" * 20000).hit(furniture.TAG_TRIGGER) == {0}


def _alternatives_without_literal_start(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern`` that do not open on a literal character. ``re`` skips, in C, the
    positions where no alternative can start only when every alternative opens on a literal (or the whole pattern
    on one literal or class): one alternative opening on a group, a class, a repeat or an anchor makes the scan try
    every alternative at every position (a 2,500-character report: 1 ms instead of 35 µs)."""
    try:
        from re import _constants as K, _parser as P
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as K
        import sre_parse as P

    data = P.parse(pattern).data
    while len(data) == 1 and data[0][0] is K.SUBPATTERN:
        data = data[0][1][3].data
    if not data:
        return ["(empty)"]
    op, av = data[0]
    if op in (K.LITERAL, K.IN):
        return []
    if op is not K.BRANCH:
        return [str(op)]
    return [str(alt.data[:1]) for alt in av[1] if not alt.data or alt.data[0][0] is not K.LITERAL]


def test_every_trigger_opens_each_alternative_on_a_literal():
    """A trigger is one pass over the whole text per document: each must let ``re`` skip the positions no
    alternative starts at (furniture.FIND_TRIGGER held the infobox keys as one group)."""
    import importlib
    import pkgutil

    import checker.analysis.contamination as pkg

    slow, n = [], 0
    for info in pkgutil.iter_modules(pkg.__path__):
        mod = importlib.import_module(f"{pkg.__name__}.{info.name}")
        for name, v in vars(mod).items():
            if isinstance(v, base.Trigger):
                for rx in (v.cjk, v.latin):
                    if rx is not None:
                        n += 1
                        bad = _alternatives_without_literal_start(rx.pattern)
                        if bad:
                            slow.append((info.name, name, bad[:3]))
    # (remedy: spell each such alternative out, 「[01]\d-」 as 「0\d-|1\d-」, 「(?:A|B)S」 as 「AS|BS」)
    assert n >= 10 and not slow, slow
    assert _alternatives_without_literal_start("a|(?:b|c)d") and not _alternatives_without_literal_start("ab|cd")
