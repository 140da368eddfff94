"""Load and validate a rule pack: ``rules/<pack>/pack.yaml`` plus its data files (sections, tables, lexicons).

Packs ship inside the wheel as the package ``checker.rules`` (the top-level ``rules/`` folder of the source tree).
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .findings import Severity

DEFAULT_PACK = "gov-annual-report"
DOC_HEADINGS = ("检查什么", "为何", "示例", "依据")
STATUSES = ("implemented", "planned")


class PackError(Exception):
    pass


@dataclass
class Rule:
    code: str
    name: str
    kind: str | None
    severity: Severity
    status: str
    basis: str
    doc: dict[str, str]
    messages: dict[str, dict[str, str]]
    params: dict[str, Any] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    summary: str = ""
    gate: bool = False  # the document-kind gate: when it yields a problem, no other rule runs on the file

    def message(self, key: str, lang: str, args: dict[str, Any]) -> str:
        tmpl = self.messages.get(key) or self.messages.get("default") or {}
        text = tmpl.get("en" if lang == "en" else "zh") or tmpl.get("zh") or self.summary
        try:
            return text.format(**args)
        except (KeyError, IndexError, ValueError):
            return text


@dataclass
class Pack:
    name: str
    title: str
    root: Path
    rules: list[Rule]
    data: dict[str, Any]  # the other YAML files of the pack, by stem (sections, tables, …)
    sha256: str

    def rule(self, code: str) -> Rule:
        code = code.upper()
        for r in self.rules:
            if r.code == code or code in r.aliases:
                return r
        raise KeyError(code)

    @property
    def lexicon_dir(self) -> Path:
        return self.root / "lexicons"


def packs_root() -> Path:
    """The source tree's ``rules/`` beside ``checker/`` in a checkout, else the installed ``checker/rules``."""
    pkg = Path(__file__).resolve().parent
    for root in (pkg.parent / "rules", pkg / "rules"):
        if (root / DEFAULT_PACK / "pack.yaml").is_file():
            return root
    raise PackError("rule packs not found (is reportlint installed?)")


def _load_yaml(p: Path) -> Any:
    import yaml  # only when a pack (or a pack-like file) is read: not at import

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml (in PyYAML's wheels): ~10× the pure Python
    with open(p, "rb") as f:
        return yaml.load(f, Loader=loader)  # noqa: S506 — a safe loader (SafeLoader or its C twin)


@functools.lru_cache(maxsize=8)
def load_pack(name: str = DEFAULT_PACK) -> Pack:
    root = packs_root() / name
    if not (root / "pack.yaml").is_file():
        raise PackError(f"unknown rule pack {name!r}")
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.suffix in (".yaml", ".txt"):
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    raw = _load_yaml(root / "pack.yaml")
    rules = [_rule(r) for r in raw.get("rules", [])]
    seen: set[str] = set()
    for r in rules:
        if r.code in seen:
            raise PackError(f"duplicate rule code {r.code}")
        seen.add(r.code)
    data = {p.stem: _load_yaml(p) for p in sorted(root.glob("*.yaml")) if p.name != "pack.yaml"}
    return Pack(raw.get("name", name), raw.get("title", name), root, rules, data, h.hexdigest())


def _rule(r: dict) -> Rule:
    try:
        code = r["code"]
        status = r.get("status", "implemented")
        if status not in STATUSES:
            raise PackError(f"{code}: status must be one of {STATUSES}")
        msgs = r.get("messages") or {}
        if "message" in r:
            msgs = {"default": r["message"], **msgs}
        return Rule(
            code=code,
            name=r["name"],
            kind=r.get("kind"),
            severity=Severity.parse(r.get("severity", "warning")),
            status=status,
            basis=r.get("basis", ""),
            doc=r.get("doc") or {},
            messages=msgs,
            params=r.get("params") or {},
            aliases=tuple(r.get("aliases") or ()),
            summary=r.get("summary", ""),
            gate=bool(r.get("gate", False)),
        )
    except KeyError as e:
        raise PackError(f"rule {r!r} lacks {e}") from None
