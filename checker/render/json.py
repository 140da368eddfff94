"""``--format json``: one object with the tool, every file and a summary (the contract of DESIGN.md)."""

from __future__ import annotations

import json

from .. import __version__
from . import summary


def document(results, ctx) -> dict:
    s = summary(results)
    return {
        "tool": {"name": "reportlint", "version": __version__, "rules_sha256": ctx.pack.sha256},
        "files": [r.to_dict() for r in results],
        "summary": {k: s[k] for k in ("files", "errors", "warnings", "infos")},
    }


def render(results, ctx) -> str:
    return json.dumps(document(results, ctx), ensure_ascii=False, indent=2) + "\n"
