"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::message``. Severity error → ``error``,
warning → ``warning``, info → ``notice``. Escaping follows the workflow-command syntax: in the message ``%``, CR and
LF are percent-encoded; in property values also ``:`` and ``,``. Line and column are given for plain-text files (for
PDF, DOCX and HTML they would point into the extracted text, so the annotation is on the file, with the page).
"""

from __future__ import annotations

from . import end_line_col, has_region, with_where

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, props: dict, message: str) -> str:
    p = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{kind} {p}::{escape_data(message)}" if p else f"::{kind}::{escape_data(message)}"


def render(results, ctx) -> str:
    out = []
    for r in results:
        if r.error:
            out.append(command("error", {"file": r.path, "title": r.error["code"]}, r.error["message"]))
        for f in r.findings:
            props: dict = {"file": r.path}
            loc = f.location
            if has_region(r, f):
                eline, ecol = end_line_col(r, f)
                props.update({"line": loc.line, "col": loc.column, "endLine": eline, "endColumn": ecol})
            props["title"] = f.code
            out.append(command(COMMAND[str(f.severity)], props, f"{f.code} {with_where(r, f, ctx.lang)}"))
    return "\n".join(out) + ("\n" if out else "")
