"""Command line: arguments and exit codes, nothing else (``check`` and ``clean`` run in :mod:`checker.runner`).

Exit codes: 0 nothing at or above the fail level; 1 findings at or above it; 2 a usage, config or unreadable-input
error (one clear line per problem on stderr, never a traceback).
"""

from __future__ import annotations

import json
import os

import click

from . import __version__, batch, runner
from .config import FAIL_ON, LANGS, PDF_BACKEND_DEFAULT, PDF_BACKENDS, Config
from .engine import read_input
from .errors import ReportlintError, UsageError
from .packs import PackError, load_pack
from .render import FORMATS

from .runner import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, MACHINE_FORMATS, NEEDS_ANALYSIS  # noqa: F401


def _codes(value: str | None) -> list[str]:
    return [c.strip().upper() for c in (value or "").split(",") if c.strip()]


def _fail(msg: str) -> None:
    click.echo(f"reportlint: {msg}", err=True)
    raise SystemExit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportlint")
def cli() -> None:
    """reportlint — a linter for 政府信息公开工作年度报告 (PDF, DOCX, HTML, text)."""


def _policy_options(f):
    """The options that override configuration-file keys (shared by ``check`` and ``config``)."""
    opts = [
        click.option("--config", "config_file", metavar="FILE",
                     help="Use this configuration file instead of searching for one (pyproject.toml, "
                          "reportlint.toml or .reportlint.toml)."),
        click.option("--select", help="Comma-separated codes or prefixes to check (default: all implemented)."),
        click.option("--extend-select", help="Codes or prefixes to check in addition to 'select'."),
        click.option("--ignore", help="Comma-separated codes or prefixes to leave out."),
        click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
                     help="Lowest severity that makes the exit code 1.  [default: error]"),
        click.option("--lang", type=click.Choice(LANGS), default=None, help="Message language.  [default: zh]"),
        click.option("--pdf-backend", type=click.Choice(PDF_BACKENDS), default=None,
                     help="Character layer of PDFs: pdfium (pypdfium2) or pdfplumber (the reference).  "
                          f"[default: {PDF_BACKEND_DEFAULT}]"),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


_cli_values = runner.cli_values


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="console", show_default=True)
@click.option("-o", "--output", help="Write the report to FILE (atomically) instead of standard output.")
@_policy_options
@click.option("--color/--no-color", default=None, help="Force colours on or off (default: on a terminal).")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach the fail level.")
@click.option("--baseline", "baseline_file", metavar="FILE", help="Suppress the findings recorded in FILE.")
@click.option("--write-baseline", metavar="FILE", help="Record the current findings in FILE and exit 0.")
@click.option("--cache-dir", metavar="DIR", help="Result cache directory (default: .reportlint_cache/ in the "
                                                 "project root, else $XDG_CACHE_HOME/reportlint).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0,
              help="Worker processes (default 0: all cores; 1 checks in this process).")
@click.option("--timeout", type=click.FloatRange(min=0), default=batch.TIMEOUT_DEFAULT, show_default=True,
              help="Time limit per file in seconds (0: none); a file over it gets E021.")
@click.option("--executor", default="local", show_default=True,
              help="local, dask-local (a Dask LocalCluster) or dask://HOST:PORT (an existing Dask scheduler).")
@click.option("--exclude", multiple=True, help="Leave out paths of walked directories (gitignore syntax; repeatable).")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on standard error (default: on a terminal, never with machine formats).")
@click.option("--previous", "previous", metavar="PREV",
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
def check(**opts) -> None:
    """Check reports (files or directories) and report findings."""
    raise SystemExit(runner.check(**opts))



@cli.command("config")
@click.argument("path", required=False)
@_policy_options
@click.option("--json", "as_json", is_flag=True, help="Print the effective configuration as JSON.")
def config_cmd(path, config_file, select, extend_select, ignore, fail_on, lang, pdf_backend, as_json) -> None:
    """Print the effective configuration for PATH (default: the working directory) and where each value came
    from: default, a configuration file, or the command line."""
    c = Config.resolve(_cli_values(select, extend_select, ignore, fail_on, lang, pdf_backend), path, config_file)
    if path and not os.path.isdir(path):
        c = c.for_path(path)
    rows = c.effective()
    if as_json:
        click.echo(json.dumps({"config_file": c.config_file, "root": c.root,
                               "values": {k: {"value": v, "source": src} for k, v, src in rows}},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"# configuration file: {c.config_file or '(none found: defaults)'}")
    for k, v, src in rows:
        val = json.dumps(v, ensure_ascii=False) if v is not None else "(unset)"
        click.echo(f"{k:<18} = {val:<40} # {src}")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", help="Cleaned copy in the input's format (default: standard output; required for "
              "DOCX). Never the input itself.")
@click.option("--log", "log", help="Write the removal log (JSON) to FILE (default: standard error).")
@click.option("--check", "check_only", is_flag=True,
              help="Change and write nothing: list what would be removed from each PATH; exit 1 if anything would.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
@click.option("--force-exclude", is_flag=True, default=None,
              help="With --check: apply the configuration's exclude patterns to named files too (pre-commit).")
def clean(**opts) -> None:
    """Write a cleaned copy without injected ads, foreign footers and page chrome, plus a removal log."""
    raise SystemExit(runner.clean(**opts))


@cli.command()
@click.argument("path")
@click.option("--json", "as_json", is_flag=True, help="Print the blocks with their offsets as JSON.")
@click.option("--pdf-backend", type=click.Choice(PDF_BACKENDS), default=None,
              help=f"Character layer of PDFs.  [default: the configuration's, else {PDF_BACKEND_DEFAULT}]")
def extract(path, as_json, pdf_backend) -> None:
    """Print the extracted text that finding offsets point into."""
    from .extract import extract as do_extract

    try:
        backend = Config.resolve({"pdf-backend": pdf_backend}, path).pdf_backend
        doc = do_extract(read_input(path), path, pdf_backend=backend)
    except ReportlintError as e:
        _fail(f"{path}: {e.code} {e.message()}")
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
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
def rules_cmd(lang) -> None:
    """List every rule of the pack with its status and default severity."""
    pack = _pack(Config(lang=lang))
    for r in pack.rules:
        click.echo(f"{r.code:<10} {str(r.severity):<8} {r.status:<12} {r.name:<28} {r.summary}")


@cli.command()
@click.argument("code")
def explain(code) -> None:
    """Print the documentation of a rule."""
    pack = _pack(Config())
    try:
        r = pack.rule(code)
    except KeyError:
        _fail(f"unknown rule code {code!r} (see 'reportlint rules')")
    click.echo(f"{r.code}  {r.name}  [{r.severity}, {r.status}]")
    if r.summary:
        click.echo(r.summary)
    click.echo("")
    for k, v in r.doc.items():
        click.echo(f"## {k}")
        click.echo(str(v).rstrip())
        click.echo("")
    if r.basis:
        click.echo(f"basis: {r.basis}")


def _pack(config: Config):
    try:
        return load_pack(config.pack)
    except PackError as e:
        _fail(str(e))


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="reportlint", standalone_mode=False)
    except SystemExit as e:
        return int(e.code or 0)
    except click.exceptions.Abort:
        click.echo("reportlint: interrupted", err=True)
        return 130
    except click.ClickException as e:
        click.echo(f"reportlint: {e.format_message()}", err=True)
        return EXIT_ERROR
    except ReportlintError as e:
        click.echo(f"reportlint: {e.code} {e.message()}", err=True)
        return EXIT_ERROR
    except (UsageError, PackError, ValueError) as e:
        click.echo(f"reportlint: {e}", err=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        click.echo("reportlint: interrupted", err=True)
        return 130
    return EXIT_OK
