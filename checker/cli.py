"""Command line: arguments and exit codes, nothing else.

Exit codes: 0 nothing at or above the fail level; 1 findings at or above it; 2 a usage, config or unreadable-input
error (one clear line per problem on stderr, never a traceback).
"""

from __future__ import annotations

import json
import os
import sys

import click

from . import __version__, atomic
from .clean import apply as apply_removals
from .clean import plan as plan_removals
from .config import FAIL_ON, Config
from .engine import check_path, iter_paths, read_input
from .errors import ReportlintError, UsageError
from .packs import PackError, load_pack
from .render import FORMATS, RenderContext, render

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str | None) -> list[str]:
    return [c.strip().upper() for c in (value or "").split(",") if c.strip()]


def _fail(msg: str) -> None:
    click.echo(f"reportlint: {msg}", err=True)
    raise SystemExit(EXIT_ERROR)


def _write_out(output: str | None, text: str) -> None:
    if output and output != "-":
        atomic.write(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportlint")
def cli() -> None:
    """reportlint — a linter for 政府信息公开工作年度报告 (PDF, DOCX, HTML, text)."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="console", show_default=True)
@click.option("-o", "--output", help="Write the report to FILE (atomically) instead of standard output.")
@click.option("--select", help="Comma-separated codes or prefixes to check (default: all implemented).")
@click.option("--ignore", help="Comma-separated codes or prefixes to leave out.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--color/--no-color", default=None, help="Force colours on or off (default: on a terminal).")
def check(paths, fmt, output, select, ignore, fail_on, lang, color) -> None:
    """Check reports and report findings."""
    config = Config(select=_codes(select), ignore=_codes(ignore), fail_on=fail_on, lang=lang)
    pack = _pack(config)
    files = iter_paths(list(paths))
    if not files:
        _fail("no files to check")
    results = [check_path(p, config) for p in files]
    for r in results:
        if r.error:
            click.echo(f"reportlint: {r.path}: {r.error['code']} {r.error['message']}", err=True)
    tty = sys.stdout.isatty() and not output
    ctx = RenderContext(pack, config, color=tty if color is None else color,
                        width=min(os.get_terminal_size().columns, 120) if tty else 100)
    _write_out(output, render(fmt, results, ctx))
    if any(r.error for r in results):
        raise SystemExit(EXIT_ERROR)
    failing = any(config.fails(f.severity) for r in results for f in r.findings)
    raise SystemExit(EXIT_FINDINGS if failing else EXIT_OK)


@cli.command()
@click.argument("path")
@click.option("-o", "--output", help="Cleaned copy (default: standard output). Never the input itself.")
@click.option("--log", "log", help="Write the removal log (JSON) to FILE (default: standard error).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh")
def clean(path, output, log, lang) -> None:
    """Write a cleaned copy without injected ads, foreign footers and page chrome."""
    if output and path != "-" and os.path.exists(output) and os.path.samefile(output, path):
        _fail(f"{output}: refusing to overwrite the input")
    config = Config(select=["GOV-K"], lang=lang)
    _pack(config)
    r = check_path(path, config)
    if r.error:
        _fail(f"{path}: {r.error['code']} {r.error['message']}")
    text = r.analysis.doc.text
    removals = plan_removals(text, r.findings)
    cleaned = apply_removals(text, removals)
    _write_out(output, cleaned)
    entries = {"path": path, "format": r.format, "removed": [x.to_dict() for x in removals]}
    data = json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
    if log:
        atomic.write(log, data)
    else:
        click.echo(data, err=True, nl=False)


@cli.command()
@click.argument("path")
@click.option("--json", "as_json", is_flag=True, help="Print the blocks with their offsets as JSON.")
def extract(path, as_json) -> None:
    """Print the extracted text that finding offsets point into."""
    from .extract import extract as do_extract

    try:
        doc = do_extract(read_input(path), path)
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
    except (UsageError, ReportlintError, PackError, ValueError) as e:
        click.echo(f"reportlint: {e}", err=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        click.echo("reportlint: interrupted", err=True)
        return 130
    return EXIT_OK
