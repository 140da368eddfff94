"""Run one file through the flow: sniff → extract → analyse (contamination first) → rules → policy.

The engine, not the rule, stamps code, name and severity on each problem, computes its location, evidence
context and fingerprint. A file that cannot be read gives a result with ``error`` set, never an exception.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import __version__, checks, limits
from .cache import Cache, cache_key
from .analysis import Analysis, analyse
from .config import Config
from .document import TABLE, Document
from .errors import ExtractError, ReportlintError
from .extract import extract
from .findings import Finding, Location, NotAssessed, Severity, Terms, fingerprint
from .i18n import terms_text
from .packs import Pack, load_pack
from .result import FileResult


def read_input(path: str, lim: limits.Limits | None = None) -> bytes:
    if path == "-":
        return limits.read_bounded(sys.stdin.buffer, lim)
    p = Path(path)
    if not p.exists():
        raise ExtractError("E001", f"{path}: No such file or directory")
    if p.is_dir():
        raise ExtractError("E001", f"{path}: Is a directory")
    try:
        with open(p, "rb") as f:  # read-only: the input is never opened for writing
            return limits.read_bounded(f, lim)
    except OSError as e:
        raise ExtractError("E001", f"{path}: {e.strerror or e}") from None


def check_path(path: str, config: Config | None = None, previous: Analysis | None = None,
               cache: Cache | None = None) -> FileResult:
    """Check one file. With ``cache``, an unchanged file (same bytes, pack, effective config, version) is served
    from it without extraction; a run with ``previous`` (cross-year checks) bypasses the cache."""
    config = (config or Config()).for_path(path)
    try:
        data = read_input(path, config.limits)
    except ReportlintError as e:
        return FileResult(path=path, error=e.to_dict(config.lang))
    if cache is None or previous is not None:
        return check_bytes(data, path, config, previous)
    from .document import sha256_hex

    key = cache_key(sha256_hex(data), load_pack(config.pack).sha256, config, __version__)
    hit = cache.get(key)
    if hit is not None:
        hit.path = path
        return hit
    res = check_bytes(data, path, config, previous)
    cache.put(key, res)
    return res


def check_bytes(data: bytes, name: str, config: Config | None = None,
                previous: Analysis | None = None) -> FileResult:
    config = (config or Config()).for_path(name)
    pack = load_pack(config.pack)
    res = FileResult(path=name, pack=pack.name)
    try:
        doc = extract(data, name, config.limits, pdf_backend=config.pdf_backend)
    except (ReportlintError, MemoryError) as e:
        from .document import sha256_hex

        res.sha256 = sha256_hex(data)
        res.error = (e if isinstance(e, ReportlintError) else limits.out_of_memory()).to_dict(config.lang)
        return res
    res.sha256, res.format, res.notes = doc.sha256, doc.format, list(doc.notes)
    try:
        a = analyse(doc, pack, config.options)
        a.previous = previous
        res.analysis, res.text = a, a.shown_text  # personal numbers masked
        res.facts = a.facts.to_dict()
        run_rules(a, pack, config, res)
    except MemoryError:
        res.analysis, res.text, res.findings, res.not_assessed = None, None, [], []
        res.error = limits.out_of_memory().to_dict(config.lang)
    return res


_PLANS: dict[tuple, tuple] = {}  # (pack, selection) → the run's plan (the same for every file of a run)


def _plan(pack: Pack, config: Config) -> tuple:
    """What :func:`run_rules` runs for this pack and selection, resolved once per pack instead of once per document:
    (pack, the selected codes, the gate rules, the other rules), each rule as (rule, its kind's ``check``, its
    checked options with ``code``). The options are checked once (:func:`checks.options`); each call gets a fresh
    copy (a rule may change its dict). A pack is not changed once loaded: a new pack object is a new plan."""
    key = (id(pack), tuple(config.select or ()), tuple(config.extend_select or ()), tuple(config.ignore or ()))
    hit = _PLANS.get(key)
    if hit is None or hit[0] is not pack:
        if len(_PLANS) > 64:
            _PLANS.clear()
        steps = []
        for r in pack.rules:
            if r.status == "implemented" and r.kind and config.selected(r.code):
                conf = checks.options(r.kind, r.params)
                conf["code"] = r.code
                steps.append((r, checks.get(r.kind).check, conf))
        hit = _PLANS[key] = (pack, frozenset(r.code for r, _, _ in steps), [s for s in steps if s[0].gate],
                             [s for s in steps if not s[0].gate])
    return hit


def _selected_rules(pack: Pack, config: Config) -> list:
    """The rules a run with ``config`` checks, gates first as in the pack."""
    codes = _plan(pack, config)[1]
    return [r for r in pack.rules if r.code in codes]


def run_rules(a: Analysis, pack: Pack, config: Config, res: FileResult) -> None:
    _, codes, gates, steps = _plan(pack, config)
    # rules that group their findings across codes (one finding per wrong table cell) need to know which run
    a.selected_rules = codes
    if gates and not config.assume_report:
        for step in gates:  # the document-kind gate: a file that is not the pack's kind of report is not checked
            _run_rule(a, step, config, res)
            if res.findings:
                res.notes.append(f"not checked: {step[0].code}")
                return
    for step in steps:
        _run_rule(a, step, config, res)
    res.findings.sort(key=lambda f: (f.location.start, -f.severity, f.code))


def _run_rule(a: Analysis, step: tuple, config: Config, res: FileResult) -> None:
    rule, check, conf = step
    try:
        problems = list(check(a, dict(conf)))
    except NotAssessed as e:
        res.not_assessed.append(e.to_dict(rule.code, config.lang))
        return
    if not problems:
        return
    lang = config.lang
    for p in problems:  # stamped once per finding: code, name, severity (the config's override), location …
        sev = Severity.parse(p.severity) if p.severity else rule.severity
        sev = config.severity_of(rule.code, sev)
        res.findings.append(make_finding(a, rule, p, sev, lang))


def make_finding(a: Analysis, rule, p, sev: Severity, lang: str) -> Finding:
    doc = a.doc
    shown = a.shown_text  # personal numbers masked: a finding never republishes them
    start, end = max(0, p.start), max(p.start, p.end)
    match = shown[start:end]
    line, col = doc.line_col(start)
    end_line, end_col = doc.line_col(end)
    loc = Location(start, end, line, col, end_line=end_line, end_column=end_col, section=p.section,
                   table=p.table, row=p.row, col=p.col)
    locate(a, loc)
    # context: up to 12 characters either side on the same line (page breaks and chrome elsewhere don't count)
    lo = max(0, start - 12, shown.rfind("\n", 0, start) + 1)
    nl = shown.find("\n", end)
    hi = min(end + 12, len(shown) if nl < 0 else nl)
    context = shown[lo:start] + "⟨⟩" + shown[end:hi] if end > start else ""
    key = "|".join(str(v) for v in (p.section, p.table, p.row, p.col, p.msg) if v)
    args = {k: terms_text(a.pack, "signals", v, lang) if isinstance(v, Terms) else v for k, v in p.args.items()}
    return Finding(
        code=rule.code, name=rule.name, severity=sev, message=rule.message(p.msg, lang, args), match=match,
        location=loc, evidence=p.evidence, fix=p.fix, fingerprint=fingerprint(rule.code, match, context, key),
    )


def locate(a: Analysis, loc: Location) -> None:
    """Fill in the places a person can find in the original, in one place for every rule: the page (PDF), the
    paragraph (DOCX, 1-based), the table cell's own labels, the section (a table's section when the rule named
    only the table; 标题与前言 for the text before the first section)."""
    doc = a.doc
    start, end = loc.start, loc.end
    t = a.tables.get(loc.table) if loc.table else None
    blk = doc.block_at(start) if end > start else None
    if blk is None and t is not None:  # an absence inside a table (a missing row): the table's own block
        blk = doc.block_at(t.start)
    if blk is not None:
        loc.page = blk.page
        loc.node = blk.node
        if doc.format in ("docx", "doc") and blk.index is not None:
            loc.paragraph = blk.index + 1
        if blk.kind == TABLE and t is None and doc.format in ("docx", "doc", "html"):
            loc.table_index = sum(1 for b in doc.blocks if b.kind == TABLE and b.start <= blk.start)
    if loc.page is None and t is not None and t.page:
        loc.page = t.page
    if t is not None:
        if loc.row and loc.row_label is None:
            loc.row_label = t.short(loc.row)
        if loc.col and loc.col_label is None:
            loc.col_label = t.short(loc.col)
    if loc.section is None:
        pos = start if end > start else (t.start if t is not None else None)
        if pos is not None:
            for s in a.sections:
                if s.start <= pos < s.body_end:
                    loc.section = s.key
                    break
            else:
                first = min((s.start for s in a.sections), default=None)
                if end > start and first is not None and pos < first:
                    loc.section = "preamble"


__all__ = ["FileResult", "check_path", "check_bytes", "read_input", "Document", "__version__"]
