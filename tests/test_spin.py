"""Spun text (伪原创, GOV-K009 spin), issue 13: (spun, original) pairs of lexicons/spin.tsv in their government
phrase context, a spun page from several independent pairs, words spliced into a cited title; nothing on clean
material (tune and dev clean pages, generated reports, the real PDFs)."""

import json

import pytest

import fixtures.generate as gen
from checker.analysis.contamination import provenance
from checker.config import Config
from checker.engine import check_bytes
from checker.findings import Severity
from checker.normalize import build_view
from conftest import CORPUS, ROOT, SHARED

LEX = ROOT / "rules" / "gov-annual-report" / "lexicons"


def _records(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _spin(text: str, name: str = "p.txt"):
    res = check_bytes(text.encode("utf-8") if isinstance(text, str) else text, name, Config(select=["GOV-K009"]))
    assert res.error is None, res.error
    return [f for f in res.findings if (f.evidence or {}).get("category") in ("spin", "spin_page")]


def test_every_pair_has_its_source_and_the_readme_names_the_file():
    lines = [x for x in (LEX / "spin.tsv").read_text(encoding="utf-8").splitlines() if x and not x.startswith("#")]
    assert len(lines) >= 50
    for x in lines:
        cols = x.split("\t")
        assert len(cols) >= 5 and cols[0] and cols[1] and cols[4], x
        assert cols[0] != cols[1]
    readme = (LEX / "README.md").read_text(encoding="utf-8")
    assert "spin.tsv" in readme and "w0391" in readme


def test_pairs_count_only_in_their_government_phrase():
    text = "春播作物生长良好，干部职工干活卖力，学习感悟深刻，工作从现实出发，结果果真如预期，各地都会建设。"
    assert provenance.spin_hits(build_view(text).text, str(LEX)) == []
    spun = "支持民间投资生长，连系我省现实，省发改委牵头卖力，建设全夷易近健身配置装备部署。"
    got = {p.spun for _, _, p, _ in provenance.spin_hits(build_view(spun).text, str(LEX))}
    assert {"生长", "连系", "卖力", "夷易近", "配置装备部署"} <= got


def test_a_spun_page_is_a_document_warning_one_pair_only_information():
    one = _spin("某某县人民政府2023年政府信息公开工作年度报告\n本年度全县投资生长较快，主动公开政府信息120条。\n")
    assert [(f.match, f.severity) for f in one] == [("投资生长", Severity.INFO)]
    many = _spin("某某县人民政府2023年政府信息公开工作年度报告\n支持民间投资生长，连系本地现实，多方吸引民间资源，"
                 "由县发改局牵头卖力，建设全夷易近健身配置装备部署。\n")
    page = [f for f in many if f.evidence["category"] == "spin_page"]
    assert len(page) == 1 and page[0].severity == Severity.WARNING and page[0].evidence["count"] >= 3
    assert all(f.severity == Severity.INFO for f in many if f is not page[0])
    # the evidence says what the phrase was: the original restored in place of the spun word
    assert any(f.evidence.get("original") == "投资发展" for f in many)


@pytest.mark.parametrize("rid", ["w0074", "w0391"])
def test_real_spun_pages_of_the_tune_split(rid):
    rec = next(r for r in _records(ROOT / "tests" / "corpus" / "tune.jsonl") if r["id"] == rid)
    found = _spin(rec["text"])
    assert any(f.evidence["category"] == "spin_page" for f in found)
    spans = [(f.location.start, f.location.end) for f in found if f.location.end > f.location.start]
    labels = [s for s in rec["labels"]["contamination_spans"] if "\n" not in s and len(s) <= 8]
    hit = [s for s in labels if any(a < (i := rec["text"].find(s)) + len(s) and i < b for a, b in spans)]
    assert len(hit) >= 0.6 * len(labels), (labels, hit)


def test_word_spliced_into_a_title_cited_whole_elsewhere():
    text = "依据《娱乐场所感悟管理办法》执行。不得低于《娱乐场所管理办法》第七条。另见《中华人民共和国政府信息公开条例》。"
    got = provenance.title_insertions(text)
    assert [(text[s:e], t) for s, e, _, t in got] == [("感悟", "娱乐场所管理办法")]
    # two different titles that share words are not an insertion
    assert provenance.title_insertions("《政府信息公开条例》与《政府信息公开工作年度报告格式》") == []


def _clean_pages():
    pages = [r for r in _records(ROOT / "tests" / "corpus" / "tune.jsonl") if not r["labels"]["contaminated"]]
    if CORPUS.exists():
        pages += [r for r in _records(CORPUS) if not r["labels"]["contaminated"]]
    return pages


def test_nothing_on_clean_pages_of_tune_and_dev():
    pages = _clean_pages()
    assert len(pages) >= 60
    assert [(r["id"], f.match) for r in pages for f in _spin(r["text"])] == []


@pytest.mark.parametrize("seed", [0, 5])
def test_nothing_on_generated_reports(seed, tmp_path):
    for fmt, p in gen.write_all(gen.make_report(seed=seed), tmp_path, stem="clean").items():
        assert _spin(p.read_bytes(), str(p)) == [], fmt


@pytest.mark.parametrize("name", ["hongze-2023.pdf", "hongze-2024.pdf"])
def test_nothing_on_the_real_pdfs(name):
    path = SHARED / "real" / name
    if not path.exists():
        pytest.skip(f"{path} not found (../shared absent)")
    assert _spin(path.read_bytes(), name) == []


def test_a_character_filter_copy_is_a_spun_page_but_the_ordinary_words_it_spells_are_not():
    spun = ("10月18日，全市观摩团来我县观摩。市卫常卫、正法卫书脊参加观摩。县卫副书脊陪同观摩。"
            "我县按照市卫、市正府工作部署，切实加大正策扶持力度。\n")
    got = {p.spun for _, _, p, _ in provenance.spin_hits(build_view(spun).text, str(LEX))}
    assert {"市卫", "常卫", "正法卫", "县卫", "正府", "正策"} <= got  # (副书脊 rides on 县卫副书)
    page = [f for f in _spin("某某县人民政府2023年政府信息公开工作年度报告\n" + spun) if f.evidence["category"] == "spin_page"]
    assert len(page) == 1 and page[0].severity == Severity.WARNING
    ordinary = "社区卫生服务中心开展日常卫生检查，城市卫生整洁；市卫健委、市卫生监督所参加；书脊设计精美；他当组长。"
    assert provenance.spin_hits(build_view(ordinary).text, str(LEX)) == []


def test_more_spinner_pairs_in_their_phrase_only():
    spun = "我局严酷落实保密检察轨制，采取有用步伐，晋升服务程度，踊跃回应群众存眷。"
    got = {p.spun for _, _, p, _ in provenance.spin_hits(build_view(spun).text, str(LEX))}
    assert {"严酷", "检察", "步伐", "晋升", "踊跃", "存眷"} <= got
    ordinary = "加快改革步伐，名目繁多，正式宣布，深切缅怀，平安建设，收集信息，群众踊跃参与，受到群众赞扬，工作才能做好。"
    assert provenance.spin_hits(build_view(ordinary).text, str(LEX)) == []


# --- spun words verified by the reference of recurring government phrasing (contamination/spin.py) --------------
def test_the_reference_is_what_its_build_script_makes_and_never_reads_a_measure_page():
    import importlib.util
    import gzip

    from checker.analysis.contamination import spin

    spec = importlib.util.spec_from_file_location("build_spin_reference", ROOT / "tools" / "build_spin_reference.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    data = gzip.decompress((LEX / spin.REF_FILE).read_bytes())
    head = json.loads(data.decode("utf-8").split("\n", 1)[0][len(spin.REF_MAGIC):])
    assert head["format"] == spin.REF_FORMAT and head["n"] == spin.N and head["entries"] >= 5000
    names = [x["name"] for x in head["inputs"]]
    assert not [x for x in names if "measure" in x and "official-tune" not in x], names
    ref = spin.reference(str(LEX))
    assert {"信息公开", "依申请公", "工作情况"} <= ref and "政府消息" not in ref
    if not SHARED.exists():
        pytest.skip("../shared absent: some inputs of the reference are missing, so it cannot be rebuilt here")
    # like the n-gram model (tests/test_ngram.py): when an input changed since the build (another change grew the
    # corpus), the reference is only older, not wrong — skipped with the inputs to rebuild on
    meta, _ = mod.inputs()
    now = {m["name"]: m["sha256"] for m in meta}
    changed = sorted(i["name"] for i in head["inputs"] if now.get(i["name"]) != i["sha256"]) + sorted(
        set(now) - {i["name"] for i in head["inputs"]})
    if changed:
        pytest.skip(f"inputs changed since the reference was built ({', '.join(changed)}): "
                    "run tools/build_spin_reference.py")
    assert mod.build() == data, "run python tools/build_spin_reference.py"


def test_verify_restores_the_original_into_a_recurring_phrase_the_spun_text_is_not():
    from checker.analysis.contamination import spin

    ref = frozenset({"信息公开", "府信息公", "政府信息", "工作情况", "踊跃参与"})
    text = "做好政府消息公开工作"
    s = text.index("消息")
    got = spin.verify(text, s, s + 2, "信息", ref)
    assert got and text[got[0]:got[1]] == "政府消息公开" and got[3] == 3
    assert spin.verify(text, s, s + 2, "新闻", ref) is None  # 政府新闻 recurs nowhere in this reference
    t2 = "群众踊跃参与"  # the spun text recurs as well: an organ's wording within the register
    assert spin.verify(t2, 2, 4, "积极", ref | {"积极参与"}) is None
    t3 = "消息。公开"  # no Han context: nothing to verify against
    assert spin.verify(t3, 0, 2, "信息", ref) is None


def test_spun_words_outside_their_listed_phrases_count_where_the_reference_verifies_them():
    found = _spin("某某县人民政府2023年政府信息公开工作年度报告\n本机关认真做好政府消息公开工作，全县社会经济生长平稳。"
                  "依请求公开的状况如下。\n")
    ref = [f for f in found if any(s["signal"] == "spin-reference" for s in f.evidence["signals"])]
    assert {f.match for f in ref} == {"政府消息公开", "开的状况"}
    assert {f.evidence["original"] for f in ref} == {"政府信息公开", "开的情况"}
    assert all(f.severity == Severity.INFO for f in found)
    # a verified place alone is no evidence: one 状况 in an organ's own wording stays silent
    assert _spin("某某县水利局2023年政府信息公开工作年度报告\n全县水利工程运行状况良好，群众踊跃参与河道保洁。\n") == []


def test_no_verified_place_on_the_official_tune_pages():
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "corpus"))
    import corpuslib

    pages = corpuslib.load_official_split("official-tune")
    assert len(pages) >= 50
    assert [(r["id"], f.match) for r in pages for f in _spin(r["text"])] == []
