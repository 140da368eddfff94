"""Renderers: one module per output format, each with ``render(results, ctx) -> str``."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from ..config import Config
from ..packs import Pack

FORMATS = ("console", "concise", "json", "jsonl", "html")


@dataclass
class RenderContext:
    pack: Pack
    config: Config
    color: bool = False
    width: int = 100

    @property
    def lang(self) -> str:
        return self.config.lang


def render(fmt: str, results, ctx: RenderContext) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (allowed: {', '.join(FORMATS)})")
    return importlib.import_module(f"{__name__}.{fmt}").render(results, ctx)


def summary(results) -> dict:
    s = {"files": len(results), "errors": 0, "warnings": 0, "infos": 0, "failed_to_read": 0}
    for r in results:
        for k, v in r.counts().items():
            s[k] += v
        if r.error:
            s["failed_to_read"] += 1
    return s
