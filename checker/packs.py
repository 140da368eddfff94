"""Load and validate a rule pack: ``rules/<pack>/pack.yaml`` plus its data files (sections, tables, lexicons).

Packs ship inside the wheel as the package ``checker.rules`` (the top-level ``rules/`` folder of the source tree).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import PackError  # noqa: F401 — defined beside the other errors (checker.cli catches it unimported)
from .findings import Severity

DEFAULT_PACK = "gov-annual-report"
DOC_HEADINGS = ("检查什么", "为何", "示例", "依据")
STATUSES = ("implemented", "planned")




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
    summary_en: str = ""

    def describe(self, lang: str) -> str:
        """The one-line description in the run's language."""
        return (self.summary_en or self.summary) if lang == "en" else (self.summary or self.summary_en)

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


COMPILED_FORMAT = 1
NO_COMPILED_ENV = "REPORTLINT_NO_PACK_CACHE"  # set (non-empty): always read the YAML, write no compiled pack
KEEP_COMPILED = 8  # compiled versions kept in packs/


def derived_dir() -> Path:
    """Where what reportlint derives from its own installation is kept between runs (the compiled pack, the
    compiled regular expressions): ``$REPORTLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/reportlint``
    (``~/.cache/reportlint``)."""
    base = os.environ.get("REPORTLINT_CACHE_DIR") or os.path.join(  # = checker.cache.ENV_DIR
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "reportlint")
    return Path(base)


def store_derived(path: Path, data: str | bytes, keep: int) -> None:
    """Write one derived file atomically in its folder of :func:`derived_dir` and keep only the ``keep`` newest files
    of its kind there (other versions of the list, the code or the pack, other checkouts sharing the directory).
    The callers swallow any failure: a cache that cannot be written is no error of the run."""
    from . import atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write(str(path), data)
    old = sorted(path.parent.glob(f"*{path.suffix}"), key=lambda p: p.stat().st_mtime, reverse=True)[keep:]
    for p in old:
        p.unlink(missing_ok=True)


def compiled_path(sha: str) -> Path:
    """Where the compiled (JSON) form of the pack whose files hash to ``sha`` is kept: ``packs/`` beside the result
    cache's entries in :func:`derived_dir`."""
    return derived_dir() / "packs" / f"{sha}.json"


def _read_compiled(sha: str) -> tuple[dict, dict] | None:
    """The pack's parsed YAML from its compiled JSON (like Python's bytecode cache: derived only from the installed
    pack, keyed on the SHA-256 of all its files, never trusted beyond that key); ``None`` on any doubt."""
    if os.environ.get(NO_COMPILED_ENV):
        return None
    try:
        with open(compiled_path(sha), "rb") as f:
            blob = json.loads(f.read())
    except (OSError, ValueError):
        return None
    if (not isinstance(blob, dict) or blob.get("format") != COMPILED_FORMAT or blob.get("sha256") != sha
            or not isinstance(blob.get("pack"), dict) or not isinstance(blob.get("data"), dict)):
        return None
    return blob["pack"], blob["data"]


def _write_compiled(sha: str, raw: Any, data: dict) -> None:
    """Keep the parsed pack as JSON for the next start (atomic; any failure only means the YAML is read again).
    Written only when JSON gives back exactly what the YAML gave (no dates, sets or non-string keys)."""
    if os.environ.get(NO_COMPILED_ENV) or not isinstance(raw, dict):
        return
    blob = {"format": COMPILED_FORMAT, "sha256": sha, "pack": raw, "data": data}
    try:
        text = json.dumps(blob, ensure_ascii=False)  # key order kept: YAML mappings are ordered
        if json.loads(text) != blob:
            return
        store_derived(compiled_path(sha), text, KEEP_COMPILED)
    except Exception:  # noqa: BLE001 — a cache that cannot be written is no error of the run
        return


@functools.lru_cache(maxsize=8)
def load_pack(name: str = DEFAULT_PACK) -> Pack:
    root = packs_root() / name
    if not (root / "pack.yaml").is_file():
        raise PackError(f"unknown rule pack {name!r}")
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.suffix in (".yaml", ".txt", ".gz"):
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    sha = h.hexdigest()
    compiled = _read_compiled(sha)
    if compiled is not None:
        raw, data = compiled
    else:
        raw = _load_yaml(root / "pack.yaml")
        data = {p.stem: _load_yaml(p) for p in sorted(root.glob("*.yaml")) if p.name != "pack.yaml"}
        _write_compiled(sha, raw, data)
    rules = [_rule(r) for r in raw.get("rules", [])]
    seen: set[str] = set()
    for r in rules:
        if r.code in seen:
            raise PackError(f"duplicate rule code {r.code}")
        seen.add(r.code)
    en = ((data.get("en") or {}).get("summaries")) or {}
    for r in rules:
        r.summary_en = r.summary_en or str(en.get(r.code) or "")
    return Pack(raw.get("name", name), raw.get("title", name), root, rules, data, sha)


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
            summary_en=r.get("summary_en", ""),
        )
    except KeyError as e:
        raise PackError(f"rule {r!r} lacks {e}") from None
