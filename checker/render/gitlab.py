"""``--format gitlab``: GitLab Code Quality report (a JSON array of issues).

Each issue: ``description``, ``check_name`` (the rule code), ``fingerprint`` (unique in the report: our
content-anchored fingerprint with the path and an occurrence number), ``severity`` (error → major, warning → minor,
info → info), ``location.path`` and ``location.lines.begin`` (1 for findings without a place in a plain-text file).
"""

from __future__ import annotations

import hashlib
import json

from . import end_line_col, has_region, with_where

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def issues(results, ctx) -> list[dict]:
    out = []
    seen: dict[str, int] = {}
    for r in results:
        if r.error:
            out.append({"description": f"{r.error['code']} {r.error['message']}", "check_name": r.error["code"],
                        "fingerprint": hashlib.md5(f"{r.path}|{r.error['code']}".encode()).hexdigest(),
                        "severity": "blocker", "location": {"path": r.path, "lines": {"begin": 1}}})
        for f in r.findings:
            base = f"{r.path}|{f.code}|{f.fingerprint}"
            n = seen.get(base, 0)
            seen[base] = n + 1
            lines = {"begin": 1}
            if has_region(r, f):
                lines = {"begin": f.location.line, "end": end_line_col(r, f)[0]}
            desc = f"{f.code} {with_where(r, f, ctx.lang)}"
            out.append({"type": "issue", "description": desc, "check_name": f.code,
                        "fingerprint": hashlib.md5(f"{base}|{n}".encode("utf-8")).hexdigest(),
                        "severity": SEVERITY[str(f.severity)],
                        "location": {"path": r.path, "lines": lines}})
    return out


def render(results, ctx) -> str:
    return json.dumps(issues(results, ctx), ensure_ascii=False, indent=2) + "\n"
