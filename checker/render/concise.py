"""``--format concise``: one line per finding, ``path:line:col: CODE [severity] message``; for PDF, DOCX and HTML
(whose line:col point into the extracted text) the page, paragraph or table cell follows the message."""

from __future__ import annotations

from . import with_where


def render(results, ctx) -> str:
    out = []
    for r in results:
        if r.error:
            out.append(f"{r.path}:1:1: {r.error['code']} {r.error['message']}")
        for f in r.findings:
            loc = f.location
            out.append(f"{r.path}:{loc.line}:{loc.column}: {f.code} [{f.severity}] {with_where(r, f, ctx.lang)}")
    return "\n".join(out) + ("\n" if out else "")
