"""The effective configuration of a run: rule selection, severity overrides, fail level, pack options.

Built from the command line here; configuration files are read by :func:`load` (``[tool.reportlint]`` in
``pyproject.toml``, ``reportlint.toml``, ``.reportlint.toml``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .findings import Severity
from .limits import Limits
from .packs import DEFAULT_PACK

FAIL_ON = ("error", "warning", "info", "never")


@dataclass
class Config:
    pack: str = DEFAULT_PACK
    select: list[str] = field(default_factory=list)  # codes or prefixes; empty = all implemented rules
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)  # paths left out of walked directories (gitignore syntax)
    extend_select: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)  # code → error|warning|info
    fail_on: str = "error"
    lang: str = "zh"
    options: dict[str, Any] = field(default_factory=dict)  # pack options: organ_type, province, …
    sources: dict[str, str] = field(default_factory=dict)  # key → where its value came from
    limits: Limits = field(default_factory=Limits)  # resource bounds (checker/limits.py)

    def __post_init__(self) -> None:
        if isinstance(self.limits, dict):  # a config sent to a batch worker as a dict (dataclasses.asdict)
            self.limits = Limits().updated(**self.limits)

    def selected(self, code: str) -> bool:
        def hit(prefixes: list[str]) -> bool:
            return any(code == p or code.startswith(p) for p in prefixes)

        if self.select and not hit(self.select) and not hit(self.extend_select):
            return False
        return not hit(self.ignore)

    def severity_of(self, code: str, default: Severity) -> Severity:
        v = self.severity.get(code)
        return Severity.parse(v) if v else default

    def fails(self, sev: Severity) -> bool:
        if self.fail_on == "never":
            return False
        return sev >= Severity.parse(self.fail_on)
