"""Command line: arguments and exit codes, nothing else.

Exit codes: 0 nothing at or above the fail level; 1 findings at or above it; 2 a usage, config or unreadable-input
error (one clear line per problem on stderr, never a traceback).
"""

from __future__ import annotations

import json
import os
import sys

import click

from rich.console import Console

from . import __version__, atomic, batch
from .config import FAIL_ON, LANGS, PDF_BACKEND_DEFAULT, PDF_BACKENDS, Config
from .engine import check_path, read_input
from .errors import ReportlintError, UsageError
from .packs import PackError, load_pack
from .findings import Severity
from .render import FORMATS, RenderContext, jsonl, render

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
MACHINE_FORMATS = ("json", "jsonl", "sarif", "junit", "github", "gitlab")
NEEDS_ANALYSIS = ("html",)  # renderers that show each whole document: files are checked in this process


def _codes(value: str | None) -> list[str]:
    return [c.strip().upper() for c in (value or "").split(",") if c.strip()]


def _fail(msg: str) -> None:
    click.echo(f"reportlint: {msg}", err=True)
    raise SystemExit(EXIT_ERROR)


def _write_out(output: str | None, text: str, stdout=None) -> None:
    if output and output != "-":
        atomic.write(output, text)
    else:
        stdout = stdout or sys.stdout
        stdout.write(text)
        stdout.flush()


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


def _cli_values(select, extend_select, ignore, fail_on, lang, pdf_backend=None) -> dict:
    return {"select": select, "extend-select": extend_select, "ignore": ignore, "fail-on": fail_on, "lang": lang,
            "pdf-backend": pdf_backend}


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
def check(paths, fmt, output, config_file, select, extend_select, ignore, fail_on, lang, pdf_backend, color,
          statistics, exit_zero, baseline_file, write_baseline, cache_dir, no_cache, jobs, timeout, executor, exclude,
          progress, previous, force_exclude, assume_report, show_files, summary, quiet, silent) -> None:
    """Check reports (files or directories) and report findings."""
    from . import baseline as bl
    from .walk import walk

    values = _cli_values(select, extend_select, ignore, fail_on, lang, pdf_backend)
    values.update({"force-exclude": force_exclude, "assume-report": assume_report})
    config = Config.resolve(values, paths[0], config_file)
    config.exclude = list(getattr(config, "exclude", None) or []) + list(exclude)
    lang = config.lang
    # renderers that show each whole document need the Analysis, which the cache does not keep
    config.cache_dir = None if no_cache or fmt in NEEDS_ANALYSIS else _cache_dir(cache_dir, config)
    base = bl.Baseline.load(baseline_file) if baseline_file else None
    report = bl.Report(baseline_file) if base else None
    pack = _pack(config)
    found = walk(list(paths), config.exclude, config.force_exclude, config.root)
    if show_files:
        _show_files(found, fmt, config.lang)
        raise SystemExit(EXIT_OK)
    files = found.files
    for x in found.unlistable:  # a folder nobody could read is said, and makes the exit code 2
        click.echo(f"reportlint: {x.path}: {x.text('en' if lang == 'en' else config.lang)}", err=True)
    if not files:
        if found.left_out and all(x.reason == "force-exclude" for x in found.left_out):
            raise SystemExit(EXIT_OK)  # pre-commit passed only excluded files: nothing to do
        _fail("no files to check")
    if write_baseline or statistics:  # both need every result before writing anything
        fmt = "json" if fmt == "jsonl" else fmt
    _refuse_check_outputs(files, fmt, output, statistics, write_baseline, baseline_file, previous, config)
    prev_map = None
    if previous is not None:
        if len(files) != 1:
            _fail("--previous takes exactly one FILE to check")
        if previous == "-" or not os.path.isfile(previous):
            _fail(f"{previous}: --previous must name a readable file")
        pr = batch.load_previous(previous, config)
        if pr.error:
            _fail(f"{previous}: {pr.error['code']} {pr.error['message']}")
        prev_map = {files[0]: previous}
    quiet = quiet or silent
    tty = sys.stdout.isatty() and not output
    show_progress = (progress if progress is not None else
                     fmt not in MACHINE_FORMATS and sys.stderr.isatty() and (tty or bool(output)))
    show_progress = bool(show_progress) and len(files) > 1 and not quiet
    # the batch summary: asked for, or the console format on a terminal; never machine formats, --statistics, -q
    show_summary = (False if quiet else summary if summary is not None else
                    fmt == "console" and not statistics and not write_baseline and sys.stderr.isatty()
                    and len(files) > 1)
    stdout = open(os.devnull, "w", encoding="utf-8") if silent else sys.stdout
    stream = fmt == "jsonl"
    err_console = Console(stderr=True, highlight=False, emoji=False, soft_wrap=False)
    ordered: dict[int, dict] = {}
    sink = None
    tmp_out = None
    if stream:
        if output and output != "-":
            tmp_out = jsonl.AtomicFile(output)
            sink = jsonl.Writer(tmp_out.file)
        else:
            sink = jsonl.Writer(stdout)
    failing = errors = False

    progress_bar = None
    task_id = None
    if show_progress:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, \
            TimeRemainingColumn

        progress_bar = Progress(TextColumn("[bold]reportlint"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), TimeRemainingColumn(), console=err_console, transient=True)
        task_id = progress_bar.add_task("check", total=len(files))

    def on_result(i: int, d: dict) -> None:
        nonlocal failing, errors
        if d.get("error"):
            errors = True
            line = f"reportlint: {d['path']}: {d['error']['code']} {d['error']['message']}"
            if progress_bar is not None:
                progress_bar.console.print(line, markup=False, highlight=False)
            else:
                click.echo(line, err=True)
        if not failing:
            failing = any(config.fails(Severity.parse(f["severity"])) for f in d.get("findings", []))
        if sink is not None:
            sink.write(d)
        else:
            ordered[i] = d

    def policy(d: dict) -> None:  # after the rules, before counting: known findings are suppressed, not open
        if base is not None and not write_baseline:
            report.merge(base.apply_dict(d))

    def on_progress(stats) -> None:
        if progress_bar is not None:
            if not progress_bar.live.is_started:  # started once the workers are (its thread would slow their start)
                progress_bar.start()
            progress_bar.update(task_id, completed=stats.checked)

    try:
        try:
            stats = batch.run(files, config, jobs=jobs or None, timeout=timeout or None, executor=executor,
                              snippets=fmt == "console", keep=fmt in NEEDS_ANALYSIS, on_result=on_result,
                              on_progress=on_progress, stream=stream, previous=prev_map, policy=policy)
        finally:
            if progress_bar is not None:
                progress_bar.stop()
    except KeyboardInterrupt as e:
        stats = getattr(e, "stats", None)
        if tmp_out is not None:
            tmp_out.discard()
        if stats is not None and show_summary:
            batch.render_summary(stats, lang, err_console)
        elif stats is not None:  # one line: how far the run got
            click.echo(f"reportlint: {batch.LABELS['en' if lang == 'en' else 'zh']['interrupted'].format(done=stats.done, total=stats.total)}", err=True)
        click.echo("reportlint: interrupted", err=True)
        raise SystemExit(EXIT_INTERRUPTED)
    if tmp_out is not None:
        tmp_out.commit()
    if report is not None and not quiet:
        for note in report.notes():
            click.echo(f"reportlint: {note}", err=True)
    if not stream:
        results = [_result_of(ordered[i]) for i in sorted(ordered)]
        if write_baseline:
            n = bl.write(write_baseline, results, base or _previous_baseline(write_baseline))
            if not quiet:
                click.echo(f"reportlint: wrote {n} baseline entries to {write_baseline}", err=True)
            raise SystemExit(EXIT_ERROR if errors else EXIT_OK)
        ctx = RenderContext(pack, config, color=tty if color is None else color,
                            width=min(os.get_terminal_size().columns, 120) if tty else 100, baseline=report,
                            quiet=quiet)
        if statistics:
            _write_out(output, _statistics(results, fmt), stdout)
        else:
            _write_out(output, render(fmt, results, ctx), stdout)
    if show_summary:
        batch.render_summary(stats, lang, err_console)
    if errors or found.unlistable:
        raise SystemExit(EXIT_ERROR)
    raise SystemExit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


def _show_files(found, fmt: str, lang: str) -> None:
    """``--show-files``: the files a run would check (one a line, standard output), then those left out and why."""
    if fmt in ("json", "jsonl"):
        click.echo(json.dumps({"files": [{"path": p, "why": found.why.get(p, "")} for p in found.files],
                               "left_out": [{"path": x.path, "reason": x.reason, "detail": x.detail,
                                             "message": x.text(lang)} for x in found.left_out]},
                              ensure_ascii=False, indent=2))
        return
    for p in found.files:
        click.echo(p)
    if found.left_out:
        click.echo("")
        click.echo("# left out:" if lang == "en" else "# 未检查：")
        for x in found.left_out:
            click.echo(f"# {x.path}  ({x.text(lang)})")


def _refuse_check_outputs(files, fmt, output, statistics, write_baseline, baseline_file, previous, config) -> None:
    """Before anything is written: no output over an input of the run (the files, the config file, the baseline
    read, the previous report; by path or through a link), none under a name of another format, no cache among the
    inputs."""
    from . import outputs

    inputs = list(files) + [config.config_file, previous]
    outputs.refuse_inputs([("-o", None if write_baseline else output)], inputs + [baseline_file])
    outputs.refuse_inputs([("--write-baseline", write_baseline)], inputs)  # it may rewrite --baseline FILE
    outputs.refuse_inputs([("-o", output), ("--write-baseline", write_baseline)], [])
    if write_baseline:
        outputs.refuse_extension(write_baseline, (".json",), "a baseline is JSON")
    elif statistics:
        outputs.refuse_extension(output, (".json",) if fmt == "json" else outputs.REPORT_EXTS["console"],
                                 "the statistics are " + ("JSON" if fmt == "json" else "text"))
    else:
        outputs.refuse_extension(output, outputs.REPORT_EXTS.get(fmt, (".txt",)), f"--format {fmt} output")
    outputs.refuse_cache_over_inputs(config.cache_dir, inputs)


def _cache_dir(cli_dir: str | None, config: Config) -> str:
    from .cache import default_dir

    return str(cli_dir or config.cache_dir or default_dir(config))


def _result_of(d: dict):
    """A FileResult for the renderers from a batch result dict, with its baseline-suppressed findings."""
    from collections import Counter

    from .findings import Finding

    r = d.get("_result") or batch.result_from_dict(d)
    sup = d.get("_suppressed") or []
    if sup:
        if d.get("_result") is not None:  # an in-process FileResult: keep only what the baseline left in the dict
            left = Counter(f["fingerprint"] for f in d["findings"])
            kept = []
            for x in r.findings:
                if left[x.fingerprint] > 0:
                    left[x.fingerprint] -= 1
                    kept.append(x)
            r.findings = kept
        r.suppressed = [(Finding.from_dict(f), e) for f, e in sup]
    return r


def _previous_baseline(path: str):
    from . import baseline as bl

    if not os.path.exists(path):
        return None
    try:
        return bl.Baseline.load(path)
    except bl.BaselineError:
        return None


def _statistics(results, fmt: str) -> str:
    from .render import statistics as stats

    rows = stats(results)
    if fmt in ("json", "jsonl"):
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    return "".join(f"{x['count']:>5}  {x['code']:<10} [{x['severity']}] {x['name']}"
                   f"{'  (fixable)' if x['fixable'] else ''}\n" for x in rows)


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
def clean(paths, output, log, check_only, lang, force_exclude) -> None:
    """Write a cleaned copy without injected ads, foreign footers and page chrome, plus a removal log."""
    from . import outputs
    from .clean import plan_for
    from .clean import output_format, write as write_clean

    if check_only:
        _clean_check(paths, lang, force_exclude)
        return
    if len(paths) != 1:
        _fail("clean takes one PATH (several only with --check)")
    path = paths[0]
    outputs.refuse_inputs([("-o", output), ("--log", log)], [path])
    outputs.refuse_extension(log, (".json",), "the removal log is JSON")
    config = Config(select=["GOV-K"], lang=lang)
    _pack(config)
    r = check_path(path, config)
    if r.error:
        _fail(f"{path}: {r.error['code']} {r.error['message']}")
    doc = r.analysis.doc
    fmt = r.format or "text"
    removals = plan_for(fmt, doc.text, r.findings)
    if fmt == "docx" and (not output or output == "-"):
        name = outputs.suggest(os.path.basename(path) if path != "-" else "report.docx", ".cleaned.docx")
        _fail(f"a cleaned DOCX is binary: give -o FILE (e.g. -o {name})")
    written = {"pdf": "the cleaned copy of a PDF is text", "ofd": "the cleaned copy of an OFD is text",
               "doc": "the cleaned copy of a DOC/WPS file is text", "docx": "the cleaned copy of a DOCX is DOCX",
               "html": "the cleaned copy of an HTML page is HTML"}.get(fmt, "the cleaned copy of a text file is text")
    outputs.refuse_extension(output, outputs.clean_exts(fmt, path), written, strict=True)
    data = read_input(path)
    out = write_clean(fmt, data, doc.text, removals, doc.encoding)
    if output and output != "-":
        atomic.write(output, out)
    else:
        sys.stdout.buffer.write(out)
        sys.stdout.flush()
    entries = {"path": path, "format": fmt, "output_format": output_format(fmt),
               "removed": [x.to_dict() for x in removals]}
    for x, e in zip(removals, entries["removed"]):
        line, col = doc.line_col(x.start)
        e["line"], e["column"] = line, col
        blk = doc.block_at(x.start)
        if blk is not None:
            e["block"] = {"kind": blk.kind, "node": blk.node, "paragraph": blk.index, "page": blk.page}
    data = json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
    if log:
        atomic.write(log, data)
    else:
        click.echo(data, err=True, nl=False)


def _clean_check(paths, lang, force_exclude=None) -> None:
    """``clean --check``: what ``clean`` would remove from each file, written nowhere; exit 1 if anything.

    A file that is not a report at all (the GOV-M007 gate) is passed over, as ``check`` does."""
    from .clean import plan_for
    from .walk import walk

    found = Config.resolve({"force-exclude": force_exclude}, paths[0])
    config = Config(select=["GOV-K", "GOV-M007"], lang=lang, assume_report=found.assume_report)
    _pack(config)
    dirty = errors = 0
    for path in walk(list(paths), found.exclude, found.force_exclude, found.root).files:
        r = check_path(path, config)
        if r.error:
            click.echo(f"reportlint: {path}: {r.error['code']} {r.error['message']}", err=True)
            errors += 1
            continue
        removals = plan_for(r.format or "text", r.analysis.doc.text, r.findings)
        if not removals:
            continue
        dirty += 1
        head = f"would remove {len(removals)} span(s)" if lang == "en" else f"将删除 {len(removals)} 处"
        click.echo(f"{path}: {head} (reportlint clean {path} -o OUT):")
        for x in removals:
            line, col = r.analysis.doc.line_col(x.start)
            snippet = x.text if len(x.text) <= 60 else x.text[:59] + "…"
            click.echo(f"  {line}:{col} {x.code} {json.dumps(snippet, ensure_ascii=False)}")
    raise SystemExit(EXIT_ERROR if errors else EXIT_FINDINGS if dirty else EXIT_OK)


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
