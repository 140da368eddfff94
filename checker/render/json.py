"""``--format json``: one object with the tool, every file and a summary (the contract of DESIGN.md)."""

from __future__ import annotations

import json

from .. import __version__
from . import summary


def document(results, ctx) -> dict:
    s = summary(results)
    out = {
        "tool": {"name": "reportlint", "version": __version__, "rules_sha256": ctx.pack.sha256},
        "files": [r.to_dict() for r in results],
        "summary": {k: s[k] for k in ("files", "errors", "warnings", "infos")},
    }
    if getattr(ctx, "baseline", None) is not None:  # only with --baseline: the counts of the policy layer
        out["summary"]["suppressed"] = ctx.baseline.suppressed
        out["summary"]["baseline"] = ctx.baseline.to_dict()
    return out


def render(results, ctx) -> str:
    return json.dumps(document(results, ctx), ensure_ascii=False, indent=2) + "\n"
