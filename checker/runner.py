"""One run of ``reportlint check`` or ``reportlint clean``: the wiring between the command line and the flow.

``cli.py`` parses the arguments and calls :func:`check` or :func:`clean` here; this module resolves the
configuration, refuses outputs over inputs (:mod:`checker.outputs`), walks the paths (:mod:`checker.walk`), chooses
the result cache, applies the policy after the rules (:class:`Policy`: the baseline, the fail level), runs the files
through :mod:`checker.batch` (which applies the same policy to each result before counting it), renders and writes
the outputs atomically, and returns the exit code. Usage errors are raised as
:class:`checker.errors.UsageError` (one line, exit 2).
"""

from __future__ import annotations

import json
import os
import sys

import click

from . import atomic, batch
from . import baseline as bl
from .config import Config
from .engine import check_path, read_input
from .errors import UsageError
from .findings import Severity
from .packs import PackError, load_pack
from .render import RenderContext, jsonl, render

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
MACHINE_FORMATS = ("json", "jsonl", "sarif", "junit", "github", "gitlab")
NEEDS_ANALYSIS = ("html",)  # renderers that show each whole document: files are checked in this process
SEVERITY_WORDS = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
                  "en": {"error": "error", "warning": "warning", "info": "info"}}
FIX_HINT = ("check 不修改报告；要去除广告、外地页脚和网页框架，请用 reportlint clean FILE -o OUT"
            "（reportlint clean --check PATH 只列出将删除的内容）",
            "check never modifies a report; to remove ads, foreign footers and page chrome run "
            "reportlint clean FILE -o OUT (reportlint clean --check PATH lists what it would remove)")


def _err_console():
    """The standard-error console of the progress bar and the batch summary (rich is imported only for them)."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, emoji=False, soft_wrap=False)


def _fail(msg: str) -> None:
    raise UsageError(msg)


def cli_values(select=None, extend_select=None, ignore=None, fail_on=None, lang=None, pdf_backend=None) -> dict:
    """The configuration keys given on the command line (``None``: not given, the file or the default decides)."""
    return {"select": select, "extend-select": extend_select, "ignore": ignore, "fail-on": fail_on, "lang": lang,
            "pdf-backend": pdf_backend}


def load_pack_or_fail(config: Config):
    try:
        return load_pack(config.pack)
    except PackError as e:
        raise UsageError(str(e)) from None


_pack = load_pack_or_fail


class Policy:
    """What is decided after the rules ran (DESIGN.md step 7): known findings suppressed by the baseline, the fail
    level. ``apply`` runs on each result before it is counted or rendered, in the batch and in this process."""

    def __init__(self, config: Config, baseline_file: str | None = None, write_baseline: str | None = None):
        self.config = config
        self.write_baseline = write_baseline
        self.base = bl.Baseline.load(baseline_file) if baseline_file else None
        self.report = bl.Report(baseline_file) if self.base else None

    def apply(self, d: dict) -> None:
        """Move the findings of ``d`` (a batch result dict) that the baseline knows to ``d["_suppressed"]``."""
        if self.base is not None and not self.write_baseline:
            self.report.merge(self.base.apply_dict(d))

    def fails(self, d: dict) -> bool:
        return any(self.config.fails(Severity.parse(f["severity"])) for f in d.get("findings", []))

    def write(self, results) -> int:
        """Write ``--write-baseline`` from ``results``, keeping the reasons of a baseline read or rewritten."""
        return bl.write(self.write_baseline, results, self.base or _previous_baseline(self.write_baseline))


def check(paths, fmt="console", output=None, config_file=None, select=None, extend_select=None, ignore=None,
          fail_on=None, lang=None, pdf_backend=None, color=None, statistics=False, exit_zero=False,
          baseline_file=None, write_baseline=None, cache_dir=None, no_cache=False, jobs=0,
          timeout=batch.TIMEOUT_DEFAULT, executor="local", exclude=(), progress=None, previous=None,
          force_exclude=None, assume_report=None, show_files=False, summary=None, quiet=False,
          silent=False, show_not_assessed=False, html_no_text=False, fix=False) -> int:
    """Check ``paths`` as ``reportlint check`` does (the arguments are its options); the exit code back."""
    from . import clihelp
    from .i18n import usage_text
    from .render.layout import colour_default, terminal_width
    from .walk import walk

    if fix:  # check never edits a report: removing contamination is clean's job
        _fail(FIX_HINT[1] if (lang or clihelp.current()) == "en" else FIX_HINT[0])

    values = cli_values(select, extend_select, ignore, fail_on, lang, pdf_backend)
    values.update({"force-exclude": force_exclude, "assume-report": assume_report})
    config = Config.resolve(values, paths[0], config_file)
    config.exclude = list(getattr(config, "exclude", None) or []) + list(exclude)
    lang = config.lang
    clihelp.set_lang(lang)  # the configuration file may set the language of the whole run
    # renderers that show each whole document need the Analysis, which the cache does not keep
    config.cache_dir = None if no_cache or fmt in NEEDS_ANALYSIS else _cache_dir(cache_dir, config)
    policy = Policy(config, baseline_file, write_baseline)
    pack = _pack(config)
    found = walk(list(paths), config.exclude, config.force_exclude, config.root)
    if show_files:
        _show_files(found, fmt, config.lang)
        return EXIT_OK
    files = found.files
    for x in found.unlistable:  # a folder nobody could read is said, and makes the exit code 2
        click.echo(f"reportlint: {x.path}: {x.text('en' if lang == 'en' else config.lang)}", err=True)
    if not files:
        if found.left_out and all(x.reason == "force-exclude" for x in found.left_out):
            return EXIT_OK  # pre-commit passed only excluded files: nothing to do
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
                                TimeElapsedColumn(), TimeRemainingColumn(), console=_err_console(), transient=True)
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
            failing = policy.fails(d)
        if sink is not None:
            sink.write(d)
        else:
            ordered[i] = d

    def on_progress(stats) -> None:
        if progress_bar is not None:
            if not progress_bar.live.is_started:  # started once the workers are (its thread would slow their start)
                progress_bar.start()
            progress_bar.update(task_id, completed=stats.checked)

    try:
        try:
            stats = batch.run(files, config, jobs=jobs or None, timeout=timeout or None, executor=executor,
                              snippets=fmt == "console", keep=fmt in NEEDS_ANALYSIS, on_result=on_result,
                              on_progress=on_progress, stream=stream, previous=prev_map, policy=policy.apply)
        finally:
            if progress_bar is not None:
                progress_bar.stop()
    except KeyboardInterrupt as e:
        stats = getattr(e, "stats", None)
        if tmp_out is not None:
            tmp_out.discard()
        if stats is not None and show_summary:
            batch.render_summary(stats, lang, _err_console())
        elif stats is not None:  # one line: how far the run got
            click.echo(f"reportlint: {batch.LABELS['en' if lang == 'en' else 'zh']['interrupted'].format(done=stats.done, total=stats.total)}", err=True)
        click.echo("reportlint: interrupted", err=True)
        return EXIT_INTERRUPTED
    if tmp_out is not None:
        tmp_out.commit()
    if policy.report is not None and not quiet:
        for note in policy.report.notes():
            click.echo(f"reportlint: {usage_text(note, lang)}", err=True)
    if not stream:
        results = [_result_of(ordered[i]) for i in sorted(ordered)]
        if write_baseline:
            n = policy.write(results)
            if not quiet:
                click.echo(f"reportlint: {usage_text(f'wrote {n} baseline entries to {write_baseline}', lang)}",
                           err=True)
            return EXIT_ERROR if errors else EXIT_OK
        colour = colour_default(tty) if color is None else color
        ctx = RenderContext(pack, config, color=colour, width=terminal_width(tty),
                            baseline=policy.report, quiet=quiet, show_not_assessed=show_not_assessed,
                            html_text=not html_no_text)
        if statistics:
            _write_out(output, _statistics(results, fmt), stdout)
        else:
            _write_out(output, render(fmt, results, ctx), stdout)
    if show_summary:
        batch.render_summary(stats, lang, _err_console())
    if errors or found.unlistable:
        return EXIT_ERROR
    return EXIT_FINDINGS if failing and not exit_zero else EXIT_OK


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
    from . import clihelp

    lang = clihelp.current()
    sev = SEVERITY_WORDS[lang]
    fixable = "  （可修复）" if lang == "zh" else "  (fixable)"
    return "".join(f"{x['count']:>5}  {x['code']:<10} [{sev[x['severity']]}] {x['name']}"
                   f"{fixable if x['fixable'] else ''}\n" for x in rows)


def _write_out(output: str | None, text: str, stdout=None) -> None:
    if output and output != "-":
        atomic.write(output, text)
    else:
        stdout = stdout or sys.stdout
        stdout.write(text)
        stdout.flush()


def clean(paths, output=None, log=None, check_only=False, lang=None, force_exclude=None) -> int:
    """``reportlint clean``: a cleaned copy of one file plus its removal log (``check_only``: list what would be
    removed from each path, write nothing); the exit code back."""
    from . import outputs
    from .clean import plan_for
    from .clean import output_format, write as write_clean
    from . import clihelp

    lang = lang or clihelp.current()
    if check_only:
        return _clean_check(paths, lang, force_exclude)
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
    return EXIT_OK


def _clean_check(paths, lang, force_exclude=None) -> int:
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
    return EXIT_ERROR if errors else EXIT_FINDINGS if dirty else EXIT_OK
