"""``--format junit``: JUnit XML for CI test reports.

One ``testsuite`` per file and one ``testcase`` per rule that ran on it: a rule with findings has one ``failure``
listing them (line:column, message, flagged text); a rule that could not be assessed is ``skipped`` with the reason;
a file that could not be read has one ``error`` test case with the E-code.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .. import __version__
from . import with_where

TYPE = {"error": "error", "warning": "warning", "info": "info"}


def _ran(ctx, path: str) -> list:
    config = ctx.config.for_path(path)
    return [x for x in ctx.pack.rules if x.status == "implemented" and x.kind and config.selected(x.code)]


def render(results, ctx) -> str:
    root = ET.Element("testsuites", name="reportlint")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for r in results:
        suite = ET.SubElement(root, "testsuite", name=r.path)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        props = ET.SubElement(suite, "properties")
        for k, v in (("reportlint.version", __version__), ("pack", ctx.pack.name),
                     ("rules_sha256", ctx.pack.sha256), ("sha256", r.sha256), ("format", r.format or "")):
            ET.SubElement(props, "property", name=k, value=str(v))
        if r.error:
            tc = ET.SubElement(suite, "testcase", name=r.error["code"], classname=r.path)
            ET.SubElement(tc, "error", message=r.error["message"], type=r.error["code"]).text = r.error["message"]
            counts["tests"] += 1
            counts["errors"] += 1
        else:
            by_code: dict[str, list] = {}
            for f in r.findings:
                by_code.setdefault(f.code, []).append(f)
            skipped = {n["code"]: n["reason"] for n in r.not_assessed}
            codes = [x.code for x in _ran(ctx, r.path)]
            codes += [c for c in list(by_code) + list(skipped) if c not in codes]
            names = {x.code: x.name for x in ctx.pack.rules}
            for code in codes:
                tc = ET.SubElement(suite, "testcase", name=f"{code} {names.get(code, '')}".strip(),
                                   classname=r.path)
                counts["tests"] += 1
                if code in by_code:
                    fs = by_code[code]
                    worst = max(f.severity for f in fs)
                    lines = []
                    for f in fs:
                        loc = f.location
                        where = f"{loc.line}:{loc.column}" if loc.end > loc.start else "-"
                        lines.append(f"{where} [{f.severity}] {with_where(r, f, ctx.lang)}" + (f"\n    {f.match}" if f.match else ""))
                    fail = ET.SubElement(tc, "failure", message=f"{len(fs)} × {code}: {fs[0].message}",
                                         type=TYPE[str(worst)])
                    fail.text = "\n".join(lines)
                    counts["failures"] += 1
                elif code in skipped:
                    ET.SubElement(tc, "skipped", message=skipped[code])
                    counts["skipped"] += 1
        for k, v in counts.items():
            suite.set(k, str(v))
            totals[k] += v
    for k, v in totals.items():
        root.set(k, str(v))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
