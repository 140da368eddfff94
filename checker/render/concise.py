"""``--format concise``: one line per finding, ``path:line:col: CODE [severity] message``."""

from __future__ import annotations


def render(results, ctx) -> str:
    out = []
    for r in results:
        if r.error:
            out.append(f"{r.path}:1:1: {r.error['code']} {r.error['message']}")
        for f in r.findings:
            loc = f.location
            out.append(f"{r.path}:{loc.line}:{loc.column}: {f.code} [{f.severity}] {f.message}")
    return "\n".join(out) + ("\n" if out else "")
