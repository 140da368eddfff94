"""The effective configuration of a run: rule selection, severity overrides, fail level, pack options.

Sources, lowest precedence first: the defaults here; a configuration file — ``[tool.reportlint]`` in
``pyproject.toml``, or the top level of ``reportlint.toml`` / ``.reportlint.toml`` — found by walking up from the
checked file (from the working directory for standard input), or the file named by ``--config``; then the command
line. :meth:`Config.resolve` builds one (a run over many paths uses the file found from the first one). Unknown keys and bad values raise :class:`ConfigError` (exit code 2) naming the key and the allowed values.

Policy only: nothing here runs a rule. The engine consults :meth:`Config.selected` and :meth:`Config.severity_of`.
"""

from __future__ import annotations

import copy
import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:  # Python ≥ 3.11
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from . import __version__
from .choices import FAIL_ON, LANGS, PDF_BACKEND_DEFAULT, PDF_BACKENDS  # noqa: F401 — their home (checker.cli)
from .errors import UsageError
from .findings import Severity
from .limits import Limits
from .packs import DEFAULT_PACK

SEVERITIES = ("error", "warning", "info")
ORGAN_TYPES = ("state_department", "province_government", "city_government", "county_government", "department",
               "township", "street")
DEADLINE_PROFILES = ("national", "none")
CONFIG_FILES = (".reportlint.toml", "reportlint.toml", "pyproject.toml")
DEFAULT = "default"
COMMAND_LINE = "command line"

# key in the file → (Config attribute, kind); kinds: codes, severity, per-file, globs, enum tuple, province, version
KEYS: dict[str, tuple[str, Any]] = {
    "select": ("select", "codes"),
    "extend-select": ("extend_select", "codes"),
    "ignore": ("ignore", "codes"),
    "severity": ("severity", "severity"),
    "per-file-ignores": ("per_file_ignores", "per-file"),
    "exclude": ("exclude", "globs"),
    "fail-on": ("fail_on", FAIL_ON),
    "lang": ("lang", LANGS),
    "organ-type": ("organ_type", ORGAN_TYPES),
    "province": ("province", "province"),
    "deadline-profile": ("deadline_profile", DEADLINE_PROFILES),
    "required-version": ("required_version", "version"),
    "cache-dir": ("cache_dir", "dir"),
    "force-exclude": ("force_exclude", "bool"),
    "assume-report": ("assume_report", "bool"),
    "pdf-backend": ("pdf_backend", PDF_BACKENDS),
}
OPTION_KEYS = {"organ-type": "organ_type", "province": "province", "deadline-profile": "deadline_profile"}


class ConfigError(UsageError):
    """A bad configuration file or value: one line, exit code 2."""


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
    options: dict[str, Any] = field(default_factory=dict)  # pack options: organ_type, province, deadline_profile
    sources: dict[str, str] = field(default_factory=dict)  # key → where its value came from
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # glob → codes
    required_version: str | None = None
    config_file: str | None = None  # the file the values came from, if any
    root: str | None = None  # the project root: the config file's directory (globs are relative to it)
    cache_dir: str | None = None  # the result cache (None: no cache); set by the command line from its default
    baseline: str | None = None  # the baseline file (--baseline), applied after the rules ran
    limits: Limits = field(default_factory=Limits)  # resource bounds (checker/limits.py)
    force_exclude: bool = False  # apply ``exclude`` to files named on the command line too (pre-commit names them)
    assume_report: bool = False  # check every file against the pack, even one with none of its report's marks
    pdf_backend: str = PDF_BACKEND_DEFAULT  # the character layer of PDFs: pdfium | pdfplumber

    def __post_init__(self) -> None:
        if isinstance(self.limits, dict):  # a config sent to a batch worker as a dict (dataclasses.asdict)
            self.limits = Limits().updated(**self.limits)

    # -- policy ---------------------------------------------------------------------------------------------
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

    def relpath(self, path: str) -> str:
        """``path`` relative to the project root (or the working directory), with forward slashes."""
        if path == "-":
            return "-"
        base = self.root or os.getcwd()
        try:
            rel = os.path.relpath(os.path.abspath(path), base)
        except ValueError:  # another drive on Windows
            rel = os.path.abspath(path)
        return rel.replace(os.sep, "/")

    def _matches(self, pattern: str, path: str) -> bool:
        """fnmatch ``pattern`` against the path relative to the root and each of its parent folders (and, for a
        pattern without ``/``, against each path component)."""
        rel = self.relpath(path)
        pattern = pattern.rstrip("/")
        parts = rel.split("/")
        candidates = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]  # the file and every parent dir
        if "/" not in pattern:
            candidates += parts
        return any(fnmatch.fnmatchcase(c, pattern) for c in candidates)

    def for_path(self, path: str) -> "Config":
        """This configuration with the ``per-file-ignores`` that match ``path`` added to ``ignore``."""
        extra = [c for g, codes in self.per_file_ignores.items() if path != "-" and self._matches(g, path)
                 for c in codes]
        if not extra:
            return self
        c = copy.deepcopy(self)
        c.ignore = list(dict.fromkeys(c.ignore + extra))
        c.sources["ignore"] = f"{c.sources.get('ignore', DEFAULT)} + per-file-ignores"
        return c

    def cache_token(self) -> dict:
        """Everything of this configuration that can change a file's result (for the cache key)."""
        return {"pack": self.pack, "select": self.select, "extend_select": self.extend_select,
                "ignore": sorted(self.ignore), "severity": dict(sorted(self.severity.items())),
                "lang": self.lang, "options": dict(sorted(self.options.items())),
                "assume_report": self.assume_report, "pdf_backend": self.pdf_backend}

    def effective(self) -> list[tuple[str, Any, str]]:
        """(key, value, source) for every key, in the file's spelling; for ``reportlint config``."""
        out = []
        for key, (attr, _) in KEYS.items():
            value = self.options.get(OPTION_KEYS[key]) if key in OPTION_KEYS else getattr(self, attr)
            out.append((key, value, self.sources.get(key, DEFAULT)))
        return out

    # -- building -------------------------------------------------------------------------------------------
    @classmethod
    def resolve(cls, cli_values: dict[str, Any] | None = None, path: str | None = None,
                config_file: str | None = None) -> "Config":
        """Defaults ← the config file (``config_file``, or found from ``path``) ← ``cli_values``.

        ``cli_values`` maps file keys (``"fail-on"``) to values given on the command line; ``None`` means not given.
        """
        if config_file is None:
            found = find_config(path)
            config_file = str(found) if found else None
        c = cls()
        if config_file:
            c.config_file = os.path.abspath(config_file)
            c.root = os.path.dirname(c.config_file)
            c._apply(load_file(config_file), c.config_file)
        env_lang = os.environ.get("REPORTLINT_LANG", "").strip().lower()
        if env_lang and (cli_values or {}).get("lang") is None:
            c._apply({"lang": env_lang}, "REPORTLINT_LANG")
        c._apply({k: v for k, v in (cli_values or {}).items() if v is not None}, COMMAND_LINE)
        c._check_version()
        return c

    def _apply(self, raw: dict[str, Any], source: str) -> None:
        where = "on the command line" if source == COMMAND_LINE else f"in {source}"
        for key, value in raw.items():
            if key not in KEYS:
                raise ConfigError(f"unknown configuration key {key!r} {where} "
                                  f"(allowed: {', '.join(KEYS)})")
            attr, kind = KEYS[key]
            value = _validate(key, kind, value, where)
            if kind == "dir" and source != COMMAND_LINE:  # relative to the configuration file
                value = os.path.join(os.path.dirname(source), value)
            if key in OPTION_KEYS:
                self.options[OPTION_KEYS[key]] = value
            else:
                setattr(self, attr, value)
            self.sources[key] = source

    def _check_version(self) -> None:
        spec = self.required_version
        if spec and not version_matches(__version__, spec):
            raise ConfigError(f"required-version {spec!r} ({self.sources.get('required-version')}) is not "
                              f"satisfied by reportlint {__version__}")


# -- files ------------------------------------------------------------------------------------------------------
def find_config(path: str | None) -> Path | None:
    """The nearest ``.reportlint.toml``, ``reportlint.toml`` or ``pyproject.toml`` with ``[tool.reportlint]``,
    walking up from ``path`` (a file or directory; the working directory for ``None`` or ``-``)."""
    start = Path(os.getcwd() if path in (None, "-") else os.path.abspath(path))
    d = start if start.is_dir() else start.parent
    for folder in (d, *d.parents):
        for name in CONFIG_FILES:
            p = folder / name
            if not p.is_file():
                continue
            if name != "pyproject.toml" or _has_tool_section(p):
                return p
    return None


def _has_tool_section(p: Path) -> bool:
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "reportlint" not in text:
        return False
    return "reportlint" in (_parse(p).get("tool") or {})


def _parse(p: Path) -> dict[str, Any]:
    try:
        with open(p, "rb") as f:
            return tomllib.load(f)
    except OSError as e:
        raise ConfigError(f"{p}: cannot read the configuration file: {e.strerror or e}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{p}: invalid TOML: {e}") from None


def load_file(path: str) -> dict[str, Any]:
    """The raw reportlint table of a configuration file: ``[tool.reportlint]`` of a pyproject.toml, else the top
    level."""
    p = Path(path)
    data = _parse(p)
    if p.name == "pyproject.toml":
        tool = data.get("tool") or {}
        if "reportlint" not in tool:
            raise ConfigError(f"{p}: no [tool.reportlint] table")
        data = tool["reportlint"]
    if not isinstance(data, dict):
        raise ConfigError(f"{p}: [tool.reportlint] must be a table")
    return data


# -- values -----------------------------------------------------------------------------------------------------
def _known_codes(pack: str = DEFAULT_PACK) -> tuple[set[str], set[str]]:
    from .packs import PackError, load_pack

    try:
        p = load_pack(pack)
    except PackError as e:
        raise ConfigError(str(e)) from None
    return {r.code for r in p.rules}, {a for r in p.rules for a in r.aliases}


def _canonical(code: str) -> str:
    from .packs import load_pack

    try:
        return load_pack(DEFAULT_PACK).rule(code).code
    except KeyError:
        return code


def _selector(key: str, value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key} {where}: {value!r} is not a rule code (allowed: rule codes or prefixes such as "
                          f"GOV-K or GOV-K001; see 'reportlint rules')")
    code = value.strip().upper()
    codes, aliases = _known_codes()
    if code in aliases:
        return _canonical(code)
    if not any(c.startswith(code) for c in codes):
        raise ConfigError(f"{key} {where}: unknown rule code or prefix {value!r} (allowed: rule codes or prefixes "
                          f"such as GOV-K or GOV-K001; see 'reportlint rules')")
    return code


def _codes(key: str, value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    if not isinstance(value, list):
        raise ConfigError(f"{key} {where}: expected a list of rule codes or prefixes, got {value!r}")
    return list(dict.fromkeys(_selector(key, v, where) for v in value))


def _validate(key: str, kind: Any, value: Any, where: str) -> Any:
    if kind == "codes":
        return _codes(key, value, where)
    if kind == "severity":
        if not isinstance(value, dict):
            raise ConfigError(f"{key} {where}: expected a table of rule code = \"error|warning|info\"")
        out = {}
        codes, aliases = _known_codes()
        for code, level in value.items():
            c = str(code).upper()
            if c not in codes and c not in aliases:
                raise ConfigError(f"{key}.{code} {where}: unknown rule code (allowed: a full rule code such as "
                                  f"GOV-K003; see 'reportlint rules')")
            if level not in SEVERITIES:
                raise ConfigError(f"{key}.{code} {where}: {level!r} is not a severity "
                                  f"(allowed: {', '.join(SEVERITIES)})")
            out[_canonical(c)] = level
        return out
    if kind == "per-file":
        if not isinstance(value, dict):
            raise ConfigError(f"{key} {where}: expected a table of \"glob\" = [rule codes]")
        return {str(g): _codes(f"{key}.{g!r}", v, where) for g, v in value.items()}
    if kind == "globs":
        if isinstance(value, str):
            value = [v for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ConfigError(f"{key} {where}: expected a list of glob patterns, got {value!r}")
        return [v.strip() for v in value]
    if kind == "province":
        from .analysis.region import PROVINCE_SHORT

        full = set(PROVINCE_SHORT.values())
        if isinstance(value, str):
            v = value.strip()
            if v in full:
                return v
            if v in PROVINCE_SHORT:
                return PROVINCE_SHORT[v]
        raise ConfigError(f"{key} {where}: {value!r} is not a province (allowed: a province-level name such as "
                          f"安徽省 or 安徽, 北京市, 广西壮族自治区)")
    if kind == "bool":
        if not isinstance(value, bool):
            raise ConfigError(f"{key} {where}: expected true or false, got {value!r}")
        return value
    if kind == "dir":
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{key} {where}: expected a directory path, got {value!r}")
        return value.strip()
    if kind == "version":
        if not isinstance(value, str) or parse_specifier(value) is None:
            raise ConfigError(f"{key} {where}: {value!r} is not a version specifier "
                              f"(allowed: e.g. \">=0.1\", \"==0.1.*\", \">=0.1,<0.3\")")
        return value.strip()
    if isinstance(kind, tuple):
        if value not in kind:
            raise ConfigError(f"{key} {where}: {value!r} is not allowed (allowed: {', '.join(kind)})")
        return value
    raise AssertionError(kind)  # pragma: no cover


# -- PEP 440-like version specifiers -------------------------------------------------------------------------
_OP = re.compile(r"==|!=|>=|<=|~=|>|<")
_VERSION = re.compile(r"v?(\d+(?:\.\d+)*)(\.\*)?")  # linear: no adjacent optional runs


def _vtuple(v: str) -> tuple[int, ...]:
    m = re.match(r"v?(\d+(?:\.\d+)*)", v.strip())
    parts = tuple(int(x) for x in m.group(1).split(".")) if m else (0,)
    while len(parts) > 1 and parts[-1] == 0:
        parts = parts[:-1]
    return parts


def parse_specifier(spec: str) -> list[tuple[str, str, bool]] | None:
    """``">=0.1, <0.3"`` → [(op, version, wildcard)]; ``None`` if it is not a specifier."""
    out = []
    for clause in spec.split(","):
        clause = clause.strip()
        m = _OP.match(clause)
        op = m.group(0) if m else "=="
        m = _VERSION.fullmatch(clause[m.end():].strip() if m else clause)
        if not m:
            return None
        ver, star = m.group(1), bool(m.group(2))
        if star and op not in ("==", "!="):
            return None
        if op == "~=" and "." not in ver:
            return None
        out.append((op, ver, star))
    return out or None


def version_matches(version: str, spec: str) -> bool:
    clauses = parse_specifier(spec)
    if clauses is None:
        return False
    v = _vtuple(version)
    for op, ver, star in clauses:
        w = _vtuple(ver)
        if star:
            n = len(ver.split("."))
            full = tuple(int(x) for x in ver.split("."))
            head = (tuple(int(x) for x in version.split(".")[:n] if x.isdigit()) + (0,) * n)[:n]
            ok = head == full
            if (op == "==") != ok:
                return False
            continue
        if op == "~=":
            pre = tuple(int(x) for x in ver.split("."))[:-1]
            vfull = tuple(int(x) for x in re.findall(r"\d+", version))
            ok = v >= w and (vfull + (0,) * len(pre))[:len(pre)] == pre
        else:
            ok = {"==": v == w, "!=": v != w, ">=": v >= w, "<=": v <= w, ">": v > w, "<": v < w}[op]
        if not ok:
            return False
    return True
