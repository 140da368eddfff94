"""``--format sarif``: SARIF 2.1.0 for code-scanning tools (GitHub, GitLab, Azure DevOps).

One run. ``tool.driver.rules`` carries every rule of the pack that has a result (id, name, short description from the
summary, full description and help from the Chinese doc, default level); each result has its rule, level, message,
location, a ``partialFingerprints`` entry with our content-anchored fingerprint and, for a removal fix, the fix as
``artifactChanges``. Findings a baseline suppressed are results with an external, accepted ``suppressions`` entry
carrying the baseline's reason. Regions (line, column, character offsets) are given for plain-text files, whose
extracted text is the file itself; for PDF, DOCX and HTML the region has only ``startLine``, the line of the
extracted text (``reportlint extract``), and the page, paragraph, section and table go to the location's
``properties`` and the section and table to ``logicalLocations``. Each rule's ``helpUri`` is the relative path of
its documentation, ``docs/rules.md#gov-k001``. Unreadable files are tool execution notifications.
"""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from urllib.parse import quote

from .. import __version__
from ..explain import DOCS_PATH, anchor
from ..i18n import place
from . import end_line_col, has_region, text_of

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://pypi.org/project/reportlint/"
FINGERPRINT_KEY = "reportlint/v1"


def artifact_uri(path: str) -> str:
    if path == "-":
        return "stdin"
    if os.path.isabs(path):
        return PurePath(path).as_uri()
    return quote(path.replace(os.sep, "/"))


def _rule(rule, ctx) -> dict:
    doc = rule.doc or {}
    full = doc.get("检查什么") or rule.summary or rule.name
    help_md = "\n\n".join(f"**{k}**：{str(v).strip()}" for k, v in doc.items()) or full
    help_text = "\n".join(f"{k}：{str(v).strip()}" for k, v in doc.items()) or full
    d = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.describe(ctx.lang) or rule.name},
        "helpUri": f"{DOCS_PATH}#{anchor(rule.code)}",
        "fullDescription": {"text": str(full).strip()},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": LEVEL[str(rule.severity)]},
        "properties": {"tags": [rule.code.rsplit("-", 1)[0], rule.code[:5]], "status": rule.status},
    }
    if rule.basis:
        d["properties"]["basis"] = rule.basis
    if rule.aliases:
        d["deprecatedIds"] = list(rule.aliases)
    return d


def _region(r, f) -> dict:
    loc = f.location
    eline, ecol = end_line_col(r, f)
    return {"startLine": loc.line, "startColumn": loc.column, "endLine": eline, "endColumn": ecol,
            "charOffset": loc.start, "charLength": loc.end - loc.start}


def _edit_region(text: str | None, start: int, end: int) -> dict:
    reg: dict = {}
    if text is not None:
        for k, off in (("start", start), ("end", end)):
            reg[f"{k}Line"] = text.count("\n", 0, off) + 1
            reg[f"{k}Column"] = off - (text.rfind("\n", 0, off) + 1) + 1
    reg.update({"charOffset": start, "charLength": end - start})
    return reg


def _location(r, f, ctx) -> dict:
    phys: dict = {"artifactLocation": {"uri": artifact_uri(r.path)}}
    loc = f.location
    if has_region(r, f):
        phys["region"] = _region(r, f)
        if f.match:
            phys["region"]["snippet"] = {"text": f.match}
    elif loc.end > loc.start or loc.table:
        # PDF, DOCX, HTML: the line of the extracted text (reportlint extract), so a viewer has a line to show
        phys["region"] = {"startLine": loc.line}
    out: dict = {"physicalLocation": phys}
    logical = [{"name": v, "kind": k} for k, v in (("module", loc.section), ("object", loc.table)) if v]
    if logical:
        out["logicalLocations"] = logical
    props = {k: v for k, v in (("page", loc.page), ("paragraph", loc.paragraph), ("section", loc.section),
                               ("table", loc.table), ("row", loc.row), ("col", loc.col)) if v is not None}
    if r.format != "text" and place(loc, r.format, ctx.lang):
        props["place"] = place(loc, r.format, ctx.lang)
    if not has_region(r, f) and loc.end > loc.start:
        props.update({"textStart": loc.start, "textEnd": loc.end, "textLine": loc.line, "textColumn": loc.column})
    if props:
        out["properties"] = props
    return out


def _fixes(r, f, lang: str) -> list[dict]:
    if f.fix is None or not f.fix.edits or r.format != "text":
        return []
    desc = "删除被污染的文本" if lang != "en" else "remove the contaminated text"
    text = text_of(r)
    reps = [{"deletedRegion": _edit_region(text, e.start, e.end), "insertedContent": {"text": e.replacement}}
            for e in f.fix.edits]
    return [{"description": {"text": f"{desc} ({f.fix.safety})"},
             "artifactChanges": [{"artifactLocation": {"uri": artifact_uri(r.path)}, "replacements": reps}]}]


def _result(r, f, index: dict, ctx, suppression: dict | None = None) -> dict:
    res: dict = {"ruleId": f.code, "level": LEVEL[str(f.severity)], "message": {"text": f.message},
                 "locations": [_location(r, f, ctx)]}
    if f.code in index:
        res["ruleIndex"] = index[f.code]
    if f.fingerprint:
        res["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
    fixes = _fixes(r, f, ctx.lang)
    if fixes:
        res["fixes"] = fixes
    props = {}
    if f.match:
        props["match"] = f.match
    if f.evidence:
        props["evidence"] = f.evidence
    if props:
        res["properties"] = props
    if suppression is not None:
        s = {"kind": "external", "status": "accepted"}
        if suppression.get("reason"):
            s["justification"] = suppression["reason"]
        s["properties"] = {"baseline": True, **{k: suppression[k] for k in ("created", "expires")
                                                 if suppression.get(k)}}
        res["suppressions"] = [s]
    return res


def document(results, ctx) -> dict:
    pack = ctx.pack
    used = {f.code for r in results for f in r.findings} | {f.code for r in results for f, _ in r.suppressed}
    rules = [x for x in pack.rules if x.code in used]
    index = {x.code: i for i, x in enumerate(rules)}
    out = []
    notes = []
    for r in results:
        if r.error:
            notes.append({"level": "error", "message": {"text": f"{r.path}: {r.error['message']}"},
                          "descriptor": {"id": r.error["code"]},
                          "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(r.path)}}}]})
        for f in r.findings:
            out.append(_result(r, f, index, ctx))
        for f, entry in r.suppressed:
            out.append(_result(r, f, index, ctx, suppression=entry))
    run = {
        "tool": {"driver": {"name": "reportlint", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFO_URI, "rules": [_rule(x, ctx) for x in rules],
                            "properties": {"pack": pack.name, "rules_sha256": pack.sha256}}},
        "invocations": [{"executionSuccessful": not notes, "toolExecutionNotifications": notes}],
        "columnKind": "unicodeCodePoints",
        "results": out,
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(results, ctx) -> str:
    return json.dumps(document(results, ctx), ensure_ascii=False, indent=2) + "\n"
