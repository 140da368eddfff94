"""What a person sees, through the CLI on real files: one language per run, places a person can find (page,
paragraph, table cell), the console layout (80 columns, hanging indent, words never broken), help and explain,
``rules`` and ``config``."""

import json
import re

import pytest
from rich.cells import cell_len

from checker.render.layout import table, wrap
from conftest import SEED, SHARED, run_cli
from fixtures.generate import make_report, write_docx, write_pdf

CLEAN_ENV = {"COLUMNS": ""}  # as when not on a terminal with no COLUMNS: the default width
ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z\-]{3,}")
# English words allowed in a Chinese run: codes, file names, format names, the tool's own name and options
ALLOWED_ASCII = {"reportlint", "clean", "show-not-assessed", "Copyright", "html", "docx", "json", "sarif"}


def _english_words(text: str) -> set[str]:
    """ASCII words of a console output that are not paths, codes, quoted document text or option names."""
    words = set()
    for line in text.splitlines():
        line = re.sub(r"“[^”]*”|\S*/\S*|GOV-[A-Z]\d*|--[a-z-]+", " ", line)  # quotes, paths, codes, options
        words |= {w for w in ASCII_WORD.findall(line) if w not in ALLOWED_ASCII}
    return words


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("present")
    rep = make_report(seed=3, defects={"ad": True, "wrong_total": ("T3", 23, 6, 5)})
    return {"docx": write_docx(rep, d / "r.docx"), "pdf": write_pdf(rep, d / "r.pdf"), "dir": d}


# ---------------------------------------------------------------- the seed: one language, 80 columns


def test_seed_console_is_chinese_only_and_fits_80_columns():
    r = run_cli("check", SEED, env=CLEAN_ENV)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert max(cell_len(ln) for ln in lines) <= 80
    assert " / " not in r.stdout  # no 中文 / English pairs
    assert not _english_words(r.stdout), _english_words(r.stdout)
    shown = r.stdout.replace(str(SEED), "")  # the file's path (a checkout may be named …brand…) is not a signal
    assert "品牌名" in r.stdout and "brand" not in shown  # signals as words
    na = [ln for ln in lines if "条规则未评估" in ln]
    assert len(na) == 1 and "缺" in na[0] and "上年报告" in r.stdout  # one summary line (wrapped at most)
    assert "GOV-X001" not in r.stdout  # the list only with --show-not-assessed


def test_seed_console_english_is_english_only():
    r = run_cli("check", SEED, "--lang", "en", env=CLEAN_ENV)
    text = re.sub(r"“[^”]*”|╭.*|│.*|\S*/\S*", "", r.stdout)  # document text quoted or in the facts panel
    text = re.sub(r"…[^\n]*", "", text)  # the flagged line shown under a finding is the document's own text
    body = [ln for ln in text.splitlines() if ln.strip().startswith(("GOV-", "rules", "not"))]
    assert body
    han = [ln for ln in body if re.search(r"[\u4e00-\u9fff]", re.sub(r"（[^）]*）|\([^)]*\)", "", ln))]
    assert not [ln for ln in han if "GOV-K" not in ln], han
    assert "brand name" in r.stdout and "not assessed" in r.stdout


def test_columns_is_respected_and_words_are_never_broken():
    r = run_cli("check", SEED, env={"COLUMNS": "60"})
    lines = r.stdout.splitlines()
    assert max(cell_len(ln) for ln in lines) <= 60
    js = json.loads(run_cli("check", SEED, "--format", "json").stdout)
    for f in js["files"][0]["findings"]:
        for word in re.findall(r"[!-~]{2,}", f["message"]):
            if cell_len(word) < 40:
                assert any(word in ln for ln in lines), word  # every ASCII word whole on one line


def test_hanging_indent_under_the_code():
    r = run_cli("check", SEED, env={"COLUMNS": "70"})
    lines = r.stdout.splitlines()
    i = next(i for i, ln in enumerate(lines) if ln.startswith("  GOV-K002"))
    assert lines[i + 1].startswith(" " * 11) and not lines[i + 1].startswith(" " * 12 + " ")


def test_show_not_assessed_lists_them_and_json_keeps_them_all():
    r = run_cli("check", SEED, "--show-not-assessed", env=CLEAN_ENV)
    assert "GOV-X001" in r.stdout and "没有上一年度的报告" in r.stdout and "previous year" not in r.stdout
    d = json.loads(run_cli("check", SEED, "--format", "json").stdout)["files"][0]
    na = {n["code"]: n for n in d["not_assessed"]}
    assert len(na) >= 20 and na["GOV-X001"]["needs"] == ["previous"]
    assert na["GOV-X001"]["reason"] == "没有上一年度的报告（可用 --previous 指定）"
    en = json.loads(run_cli("check", SEED, "--format", "json", "--lang", "en").stdout)["files"][0]
    assert {n["code"]: n for n in en["not_assessed"]}["GOV-X001"]["reason"].startswith("no previous year")


def test_wrap_keeps_ascii_words_and_cjk_width():
    msg = "疑似被注入的网页广告：“麻将胡了最新官方版下载”（依据：call-to-action、enumeration-break）"
    for width in (24, 30, 41, 80):
        lines = wrap(msg, width, 4)
        assert all(cell_len(ln) + 4 <= width for ln in lines)
        joined = "".join(lines)
        assert joined == msg.replace(" ", "")
        for w in ("call-to-action", "enumeration-break"):
            assert any(w in ln for ln in lines)
        assert not any(ln.startswith(("，", "、", "）", "”")) for ln in lines)  # no line starts with a closing mark
    rows = [["GOV-K001", "错误", "injected-ad", "正文中被注入的赌博、色情或下载广告" * 3]]
    assert max(cell_len(ln) for ln in table(["代码", "级别", "名称", "说明"], rows, 60)) <= 60


# ---------------------------------------------------------------- places: DOCX paragraph / table cell, PDF page


def test_docx_findings_name_the_paragraph_and_the_table_cell(files):
    r = run_cli("check", files["docx"], "--format", "concise")
    ad = next(ln for ln in r.stdout.splitlines() if "GOV-K001" in ln)
    assert re.search(r"（第\d+段）$", ad)
    cell = [ln for ln in r.stdout.splitlines() if "GOV-T00" in ln]
    assert cell and all("表三 （七）总计 × 总计" in ln for ln in cell)
    c = run_cli("check", files["docx"], env=CLEAN_ENV).stdout
    assert "三、依申请公开" in c and "表三 （七）总计 × 总计" in c
    d = json.loads(run_cli("check", files["docx"], "--format", "json").stdout)["files"][0]
    k = next(f for f in d["findings"] if f["code"] == "GOV-K001")
    # 1-based, as Word counts; the paragraph holds the flagged text
    extracted = json.loads(run_cli("extract", files["docx"], "--json").stdout)
    blk = next(b for b in extracted["blocks"] if b["index"] == k["location"]["paragraph"] - 1)
    assert k["match"] in blk["text"]


def test_pdf_findings_carry_the_page_in_every_format(files):
    concise = run_cli("check", files["pdf"], "--format", "concise").stdout
    assert all(re.search(r"第\d+页", ln) for ln in concise.splitlines() if ln.strip())
    gh = run_cli("check", files["pdf"], "--format", "github", "--lang", "en").stdout
    assert all(re.search(r"\(p\. \d+", ln) for ln in gh.splitlines() if ln.strip())
    gl = json.loads(run_cli("check", files["pdf"], "--format", "gitlab").stdout)
    assert all("第" in x["description"] and "页" in x["description"] for x in gl)
    console = run_cli("check", files["pdf"], env=CLEAN_ENV).stdout
    assert re.search(r"GOV-K001 \[错误\] 第1页", console)


@pytest.mark.skipif(not (SHARED / "real").is_dir(), reason="../shared/real (the real PDFs) is absent")
def test_real_pdf_console_one_language_with_pages():
    r = run_cli("check", SHARED / "real" / "hongze-2024.pdf", env=CLEAN_ENV)
    assert r.returncode in (0, 1)
    assert max(cell_len(ln) for ln in r.stdout.splitlines()) <= 80
    assert " / " not in r.stdout and not _english_words(r.stdout), _english_words(r.stdout)
    lines = r.stdout.splitlines()
    end = lines.index("全文") if "全文" in lines else len(lines)  # findings with a place come first, by section
    heads = [ln for ln in lines[:end] if re.match(r"  GOV-\w+ \[", ln)]
    assert heads and all(re.search(r"第\d+页", ln) for ln in heads), heads


# ---------------------------------------------------------------- library errors in the run's language


def test_library_errors_are_translated_with_the_detail_kept(tmp_path):
    missing = tmp_path / "没有.pdf"
    r = run_cli("check", missing)
    assert r.returncode == 2 and "文件或目录不存在" in r.stderr and "No such file" not in r.stderr
    assert str(missing) in r.stderr
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    r = run_cli("check", bad)
    assert r.returncode == 2 and "E012" in r.stderr
    assert not re.search(r"[A-Za-z]{5,} error", r.stderr), r.stderr
    en = run_cli("check", missing, "--lang", "en")
    assert "No such file or directory" in en.stderr


# ---------------------------------------------------------------- help, explain, rules, config


COMMANDS = ["check", "clean", "config", "extract", "rules", "explain"]


@pytest.mark.parametrize("cmd", [None] + COMMANDS)
def test_help_in_the_run_language_with_two_examples(cmd):
    args = [cmd, "--help"] if cmd else ["--help"]
    zh = run_cli(*args)
    assert zh.returncode == 0
    assert "用法：" in zh.stdout and "示例：" in zh.stdout and zh.stdout.count("$ reportlint") == 2
    assert "Show this message" not in zh.stdout and "Options" not in zh.stdout
    assert " TEXT" not in zh.stdout and "INTEGER" not in zh.stdout and "FLOAT" not in zh.stdout
    assert max(cell_len(ln) for ln in zh.stdout.splitlines()) <= 80
    en = run_cli(*args, "--lang", "en")
    assert "Usage:" in en.stdout and "Examples:" in en.stdout and en.stdout.count("$ reportlint") == 2
    env = run_cli(*args, env={"REPORTLINT_LANG": "en"})
    assert env.stdout == en.stdout


def test_every_option_has_chinese_help():
    import click

    from checker import clihelp
    from checker.cli import cli

    ctx = click.Context(cli)
    missing = []
    for name, cmd in list(cli.commands.items()) + [("", cli)]:
        for p in cmd.params:
            if isinstance(p, click.Option) and not p.hidden:
                if f"{name}.{p.name}" not in clihelp.OPTIONS_ZH and p.name not in clihelp.OPTIONS_ZH:
                    missing.append(f"{name} {p.opts[0]}")
        assert name in clihelp.COMMANDS and len(clihelp.EXAMPLES.get(name, [])) == 2, name
    assert not missing, f"add Chinese help for these options to checker/clihelp.py OPTIONS_ZH: {missing}"
    assert ctx


def test_check_fix_points_to_clean():
    r = run_cli("check", SEED, "--fix")
    assert r.returncode == 2 and "reportlint clean" in r.stderr


def test_explain_codes_prefixes_names_and_e_codes():
    r = run_cli("explain", "injected-ad")
    assert r.returncode == 0 and "GOV-K001" in r.stdout and "## 检查什么" in r.stdout
    r = run_cli("explain", "GOV-K")
    assert r.returncode == 0 and "GOV-K013" in r.stdout and "GOV-T001" not in r.stdout
    r = run_cli("explain", "e012")
    assert r.returncode == 0 and "PDF 文件损坏" in r.stdout and "处理办法" in r.stdout
    r = run_cli("explain", "injectd-ad")
    assert r.returncode == 2 and "injected-ad" in r.stderr and "是否想查" in r.stderr
    r = run_cli("explain", "GOV-T001", "--lang", "en")
    assert "Table 3, each column" in r.stdout and "检查什么" not in r.stdout


def test_explain_renders_markdown_on_a_terminal():
    import io

    from checker import explain
    from checker.packs import load_pack

    class Tty(io.StringIO):
        def isatty(self):
            return True

    out = Tty()
    explain.show(explain.markdown(load_pack(), "GOV-K001", "zh"), out)
    assert "GOV-K001 injected-ad" in out.getvalue() and "## " not in out.getvalue()  # headings rendered


def test_docs_cite_only_what_ships():
    from checker.packs import load_pack

    pack = load_pack()
    for r in pack.rules:
        for v in list((r.doc or {}).values()) + [r.basis]:
            assert "spec/" not in str(v) and "DESIGN" not in str(v), r.code  # the project's own notes
        for v in ((r.doc or {}).get("依据", ""), r.basis):  # what the basis cites must ship with the package
            for ref in re.findall(r"[\w./-]+\.(?:md|yaml|txt)\b", str(v)):
                inside = ref.split(f"rules/{pack.root.name}/", 1)[-1]  # a pack file, however it is spelled
                assert (pack.root / inside).exists(), f"{r.code} cites {ref}, which does not ship with the package"


def test_rules_table_fits_80_columns_in_both_languages():
    zh = run_cli("rules", env=CLEAN_ENV)
    assert zh.returncode == 0 and max(cell_len(ln) for ln in zh.stdout.splitlines()) <= 80
    assert zh.stdout.splitlines()[0].split()[:2] == ["代码", "级别"]
    en = run_cli("rules", "--lang", "en", env=CLEAN_ENV)
    assert max(cell_len(ln) for ln in en.stdout.splitlines()) <= 80
    k1 = en.stdout[en.stdout.index("GOV-K001"):en.stdout.index("GOV-K002")]
    assert "injected" in k1 and "ads" in k1 and not re.search(r"[\u4e00-\u9fff]", k1)


def test_every_rule_has_an_english_description_and_every_signal_a_word():
    from pathlib import Path

    from checker.packs import load_pack

    pack = load_pack()
    assert not [r.code for r in pack.rules if not r.summary_en], "add it to rules/gov-annual-report/en.yaml"
    terms = pack.data["terms"]
    root = Path(__file__).resolve().parent.parent / "checker"
    src = "\n".join(p.read_text(encoding="utf-8") for p in root.rglob("*.py"))
    for name in set(re.findall(r'Signal\("([a-z-]+)"', src)):
        assert name in terms["signals"] and {"zh", "en"} <= set(terms["signals"][name]), name
    from checker.config import ORGAN_TYPES

    for t in ORGAN_TYPES:
        assert t in terms["organ_types"], t


def test_config_prints_effective_values_aligned(tmp_path):
    (tmp_path / "reportlint.toml").write_text('province = "安徽省"\n', encoding="utf-8")
    r = run_cli("config", tmp_path, env={"REPORTLINT_CACHE_DIR": ""})
    assert r.returncode == 0
    rows = [ln for ln in r.stdout.splitlines() if " = " in ln]
    assert len({cell_len(ln.split(" = ")[0]) for ln in rows}) == 1  # keys padded to one width
    assert len({cell_len(ln.split("  # ")[0]) for ln in rows}) == 1  # sources aligned by display width
    cache = next(ln for ln in rows if ln.startswith("cache-dir"))
    assert str(tmp_path / ".reportlint_cache") in cache
    assert '"national"' in next(ln for ln in rows if ln.startswith("deadline-profile"))
    assert "安徽省" in r.stdout and "默认值" in r.stdout


def test_docs_rules_md_is_up_to_date():
    from checker.explain import rules_document
    from checker.packs import load_pack
    from conftest import ROOT

    path = ROOT / "docs" / "rules.md"
    assert path.read_text(encoding="utf-8") == rules_document(load_pack()), \
        "docs/rules.md is out of date: run python -m checker.explain"


def test_usage_errors_in_the_run_language(tmp_path):
    cases = [
        (["check", SEED, "--select", "GOV-Z"], "未知的规则代码或前缀", "unknown rule code or prefix"),
        (["check", "--bogus", SEED], "没有这个选项", "No such option"),
        (["check", SEED, "--format", "html", "-o", tmp_path / "audit.pdf"], "扩展名不符", "name it"),
        (["check", SEED, "-o", SEED], "拒绝覆盖", "refusing to overwrite"),
        (["chek"], "没有这个命令", "No such command"),
    ]
    for args, zh, en in cases:
        r = run_cli(*args)
        assert r.returncode == 2 and zh in r.stderr and en not in r.stderr, (args, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
        r = run_cli(*args, env={"REPORTLINT_LANG": "en"})
        assert r.returncode == 2 and en in r.stderr and zh not in r.stderr, (args, r.stderr)


def test_preamble_findings_are_under_their_own_heading(tmp_path):
    from fixtures.generate import write_txt

    p = write_txt(make_report(seed=1, defects={"wrong_period": True}), tmp_path / "r.txt")
    lines = run_cli("check", p, env=CLEAN_ENV).stdout.splitlines()
    i = lines.index("标题与前言")
    assert lines[i + 1].startswith("  GOV-P003") and "全文" not in lines
    d = json.loads(run_cli("check", p, "--format", "json").stdout)["files"][0]
    assert [f["location"]["section"] for f in d["findings"] if f["code"] == "GOV-P003"] == ["preamble"]


def test_every_e_code_is_explained():
    from checker.errors import MESSAGES
    from checker.explain import E_ADVICE

    assert set(MESSAGES) <= set(E_ADVICE), set(MESSAGES) - set(E_ADVICE)
