"""Command line: arguments and exit codes, nothing else (``check`` and ``clean`` run in :mod:`checker.runner`).

Exit codes: 0 nothing at or above the fail level; 1 findings at or above it; 2 a usage, config or unreadable-input
error (one clear line per problem on stderr, never a traceback). Help, usage errors and messages speak the run's
language (:mod:`checker.clihelp`, :mod:`checker.i18n`).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from typing import TYPE_CHECKING

import click

from . import __version__, clihelp
from .choices import FAIL_ON, FORMATS, LANGS, PDF_BACKEND_DEFAULT, PDF_BACKENDS
from .errors import PackError, ReportlintError, UsageError

if TYPE_CHECKING:
    from .config import Config

# Import hygiene (issue 16, tests/test_startup.py): importing this module loads click and two small modules of
# constants only; the configuration, the runner, the engine, the analysis, the rules, the renderers and rich are
# imported by the command that needs them, so --help, --version and usage errors start in a blink. The two
# constants below are repeated from modules that import much more (tests/test_startup.py checks they agree).
EXIT_OK, EXIT_ERROR = 0, 2  # = checker.runner.EXIT_OK, EXIT_ERROR
TIMEOUT_DEFAULT = 60.0  # = checker.batch.TIMEOUT_DEFAULT


def _codes(value: str | None) -> list[str]:
    return [c.strip().upper() for c in (value or "").split(",") if c.strip()]


def _fail(msg: str) -> None:
    from .i18n import usage_text

    click.echo(f"reportlint: {usage_text(msg, clihelp.current())}", err=True)
    raise SystemExit(EXIT_ERROR)


@click.group(cls=clihelp.Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportlint")
@click.option("--lang", type=click.Choice(LANGS), expose_value=False, is_eager=True,
              help="Language of the help and of every message (or REPORTLINT_LANG).  [default: zh]")
def cli() -> None:
    """reportlint — a linter for 政府信息公开工作年度报告 (PDF, DOCX, HTML, text)."""


@contextlib.contextmanager
def _flow():
    """The runner, imported (with the engine, the analysis and the rules) after the regular expressions a previous
    run compiled are put back (:mod:`checker.recache`); the patterns this import compiled are kept when it ends."""
    from . import recache

    recache.warm()
    from . import runner

    if recache.checkpoint():
        recache.learn(_warm_up)
    try:
        yield runner
    finally:
        recache.save()


def _warm_up() -> None:
    """A check of the built-in warm-up report (the one worker processes start with): compiles the patterns the
    rules build at run time, from the source and the pack only."""
    from .batch.worker import WARM_UP_TEXT
    from .config import Config
    from .engine import check_bytes

    check_bytes(WARM_UP_TEXT.encode("utf-8"), "warm-up.txt", Config())


def _policy_options(f):
    """The options that override configuration-file keys (shared by ``check`` and ``config``)."""
    opts = [
        click.option("--config", "config_file", metavar="FILE",
                     help="Use this configuration file instead of searching for one (pyproject.toml, "
                          "reportlint.toml or .reportlint.toml)."),
        click.option("--select", metavar="CODES", help="Comma-separated codes or prefixes to check (default: all implemented)."),
        click.option("--extend-select", metavar="CODES", help="Codes or prefixes to check in addition to 'select'."),
        click.option("--ignore", metavar="CODES", help="Comma-separated codes or prefixes to leave out."),
        click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
                     help="Lowest severity that makes the exit code 1.  [default: error]"),
        click.option("--lang", type=click.Choice(LANGS), default=None,
                     help="Message language (or REPORTLINT_LANG).  [default: zh]"),
        click.option("--pdf-backend", type=click.Choice(PDF_BACKENDS), default=None,
                     help="Character layer of PDFs: pdfium (pypdfium2) or pdfplumber (the reference).  "
                          f"[default: {PDF_BACKEND_DEFAULT}]"),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="console", show_default=True)
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE (atomically) instead of standard output.")
@_policy_options
@click.option("--color/--no-color", default=None, help="Force colours on or off (default: on a terminal; NO_COLOR and FORCE_COLOR honoured).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach the fail level.")
@click.option("--baseline", "baseline_file", metavar="FILE", help="Suppress the findings recorded in FILE.")
@click.option("--write-baseline", metavar="FILE", help="Record the current findings in FILE and exit 0.")
@click.option("--cache-dir", metavar="DIR", help="Result cache directory (default: .reportlint_cache/ in the "
                                                 "project root, else $XDG_CACHE_HOME/reportlint).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, metavar="N",
              help="Worker processes (default 0: all cores; 1 checks in this process).")
@click.option("--timeout", type=click.FloatRange(min=0), default=TIMEOUT_DEFAULT, show_default=True,
              metavar="SECONDS",
              help="Time limit per file in seconds (0: none); a file over it gets E021.")
@click.option("--executor", default="local", show_default=True, metavar="EXECUTOR",
              help="local, dask-local (a Dask LocalCluster) or dask://HOST:PORT (an existing Dask scheduler).")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Leave out paths of walked directories (gitignore syntax; repeatable).")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on standard error (default: on a terminal, never with machine formats).")
@click.option("--previous", "previous", metavar="FILE",
              help="The same organ's report for the year before (cross-year rules GOV-X); one FILE only.")
@click.option("--force-exclude", is_flag=True, default=None,
              help="Apply the exclude patterns to files named on the command line too (as pre-commit names them).")
@click.option("--assume-report", is_flag=True, default=None,
              help="Check every file as a report, even one with none of a report's marks (no GOV-M007 gate).")
@click.option("--show-files", is_flag=True,
              help="List the files that would be checked, and those left out with the reason; check nothing.")
@click.option("--summary/--no-summary", "summary", default=None,
              help="The batch summary on standard error (default: console format on a terminal, several files).")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings and diagnostics only: no summary, no progress.")
@click.option("-s", "--silent", is_flag=True,
              help="Print nothing but errors (unreadable files, usage); the exit code says the rest. -o is written.")
@click.option("--show-not-assessed", is_flag=True,
              help="List every rule not assessed with its reason (default: one summary line per file).")
@click.option("--html-no-text", is_flag=True, help="Audit sheet: leave each document's full text out (long batches).")
@click.option("--fix", is_flag=True, hidden=True)
def check(**opts) -> None:
    """Check reports (files or directories) and report findings."""
    with _flow() as runner:
        code = runner.check(**opts)
    raise SystemExit(code)


@cli.command("config")
@click.argument("path", required=False)
@_policy_options
@click.option("--json", "as_json", is_flag=True, help="Print the effective configuration as JSON.")
def config_cmd(path, config_file, select, extend_select, ignore, fail_on, lang, pdf_backend, as_json) -> None:
    """Print the effective configuration for PATH (default: the working directory) and where each value came
    from: default, a configuration file, or the command line."""
    from .config import Config
    from .runner import cli_values

    c = Config.resolve(cli_values(select, extend_select, ignore, fail_on, lang, pdf_backend), path, config_file)
    if path and not os.path.isdir(path):
        c = c.for_path(path)
    rows = _effective(c)
    if as_json:
        click.echo(json.dumps({"config_file": c.config_file, "root": c.root,
                               "values": {k: {"value": v, "source": src, **({"note": n} if n else {})}
                                          for k, v, src, n in rows}},
                              ensure_ascii=False, indent=2))
        return
    from .render.layout import cell_len

    zh = c.lang != "en"
    words = {"default": "默认值", "command line": "命令行"} if zh else {}
    head = (f"# 配置文件：{c.config_file or '（未找到，使用默认值）'}" if zh
            else f"# configuration file: {c.config_file or '(none found: defaults)'}")
    click.echo(head)
    shown = []
    for k, v, src, note in rows:
        if v is None:
            val = (f"（{note}）" if zh else f"({note})") if note else ("（未设置）" if zh else "(unset)")
        else:
            val = json.dumps(v, ensure_ascii=False) + ((f" （{note}）" if zh else f" ({note})") if note else "")
        shown.append((k, val, words.get(src, src)))
    wk = max(cell_len(k) for k, _, _ in shown)
    wv = max(cell_len(v) for _, v, _ in shown)
    for k, v, src in shown:
        click.echo(f"{k}{' ' * (wk - cell_len(k))} = {v}{' ' * max(0, wv - cell_len(v))}  # {src}")


def _effective(c: Config) -> list[tuple[str, object, str, str]]:
    """(key, effective value, source, note): the values a check with this configuration uses, the cache
    directory and the deadline profile included (not "unset" when a default applies)."""
    from .cache import default_dir

    zh = c.lang != "en"
    out = []
    for k, v, src in c.effective():
        note = ""
        if k == "cache-dir" and v is None:
            v = str(default_dir(c))
            env = os.environ.get("REPORTLINT_CACHE_DIR")
            note = ("来自 REPORTLINT_CACHE_DIR" if zh else "from REPORTLINT_CACHE_DIR") if env else ""
        elif k == "deadline-profile" and v is None:
            v = "national"
        elif k == "organ-type" and v is None:
            note = "从标题识别" if zh else "detected from the title"
        elif k == "province" and v is None:
            note = "从机关名称识别" if zh else "detected from the organ"
        elif k == "select" and not v:
            note = "全部已实现的规则" if zh else "every implemented rule"
        out.append((k, v, src, note))
    return out


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", metavar="FILE", help="Cleaned copy in the input's format (default: standard output; required for "
              "DOCX). Never the input itself.")
@click.option("--log", "log", metavar="FILE", help="Write the removal log (JSON) to FILE (default: standard error).")
@click.option("--check", "check_only", is_flag=True,
              help="Change and write nothing: list what would be removed from each PATH; exit 1 if anything would.")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Message language (or REPORTLINT_LANG).")
@click.option("--force-exclude", is_flag=True, default=None,
              help="With --check: apply the configuration's exclude patterns to named files too (pre-commit).")
def clean(**opts) -> None:
    """Write a cleaned copy without injected ads, foreign footers and page chrome, plus a removal log."""
    with _flow() as runner:
        code = runner.clean(**opts)
    raise SystemExit(code)


@cli.command()
@click.argument("path")
@click.option("--json", "as_json", is_flag=True, help="Print the blocks with their offsets as JSON.")
@click.option("--pdf-backend", type=click.Choice(PDF_BACKENDS), default=None,
              help=f"Character layer of PDFs.  [default: the configuration's, else {PDF_BACKEND_DEFAULT}]")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Message language (or REPORTLINT_LANG).")
def extract(path, as_json, pdf_backend, lang) -> None:
    """Print the extracted text that finding offsets point into."""
    from .config import Config
    from .engine import read_input
    from .extract import extract as do_extract

    lang = lang or clihelp.current()
    try:
        backend = Config.resolve({"pdf-backend": pdf_backend}, path).pdf_backend
        doc = do_extract(read_input(path), path, pdf_backend=backend)
    except ReportlintError as e:
        _fail(f"{path}: {e.code} {e.message(lang)}")
    if as_json:
        blocks = [{"kind": b.kind, "start": b.start, "end": b.end, "page": b.page, "index": b.index,
                   "node": b.node, "reason": b.reason, "text": b.text,
                   "cells": [[c.row, c.col, c.rowspan, c.colspan, c.text] for c in b.table.cells] if b.table else None}
                  for b in doc.blocks]
        click.echo(json.dumps({"path": path, "format": doc.format, "sha256": doc.sha256, "text": doc.text,
                               "metadata": doc.metadata, "notes": doc.notes, "blocks": blocks},
                              ensure_ascii=False, indent=2))
    else:
        click.echo(doc.text)


@cli.command("rules")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Message language (or REPORTLINT_LANG).")
def rules_cmd(lang) -> None:
    """List every rule of the pack with its default severity, name and description (planned rules marked)."""
    from .config import Config
    from .render.layout import table, terminal_width
    from .runner import SEVERITY_WORDS

    lang = lang or clihelp.current()
    pack = _pack(Config(lang=lang))
    sev = SEVERITY_WORDS[lang]
    planned = "（计划中）" if lang == "zh" else "(planned) "
    headers = ["代码", "级别", "名称", "说明"] if lang == "zh" else ["code", "severity", "name", "description"]
    rows = [[r.code, sev[str(r.severity)], r.name, (planned if r.status != "implemented" else "") + r.describe(lang)]
            for r in pack.rules]
    for line in table(headers, rows, terminal_width(sys.stdout.isatty())):
        click.echo(line)


@cli.command()
@click.argument("code", metavar="CODE")
@click.option("--lang", type=click.Choice(LANGS), default=None, help="Message language (or REPORTLINT_LANG).")
def explain(code, lang) -> None:
    """Print the documentation of a rule (a code such as GOV-K001, a prefix such as GOV-K, a rule name such as
    injected-ad) or of an error code (E012)."""
    from . import explain as ex
    from .config import Config

    lang = lang or clihelp.current()
    pack = _pack(Config(lang=lang))
    try:
        md = ex.markdown(pack, code, lang)
    except ex.Unknown as e:
        _fail(e.message(lang))
    ex.show(md, sys.stdout)


def _pack(config: Config):
    from .packs import load_pack

    try:
        return load_pack(config.pack)
    except PackError as e:
        _fail(str(e))


def main(argv: list[str] | None = None) -> int:
    lang = clihelp.run_lang(argv)
    clihelp.set_lang(lang)
    try:
        cli.main(args=argv, prog_name="reportlint", standalone_mode=False)
    except SystemExit as e:
        return int(e.code or 0)
    except click.exceptions.Abort:
        click.echo("reportlint: interrupted", err=True)
        return 130
    except click.ClickException as e:
        click.echo(f"reportlint: {clihelp.translate_click_error(e.format_message(), lang)}", err=True)
        return EXIT_ERROR
    except ReportlintError as e:
        click.echo(f"reportlint: {e.code} {e.message(lang)}", err=True)
        return EXIT_ERROR
    except (UsageError, PackError, ValueError) as e:
        from .i18n import usage_text

        click.echo(f"reportlint: {usage_text(str(e), lang)}", err=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        click.echo("reportlint: interrupted", err=True)
        return 130
    return EXIT_OK
