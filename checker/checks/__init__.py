"""The rule kinds: the Python behind the pack's rules, one module each (yamllint style).

Each module has a docstring (what it checks, its options), ``CONF`` (option → type, or a tuple of allowed
values) and ``DEFAULT`` (option → value), and ``check(analysis, conf)``, a generator of
:class:`checker.findings.Problem`. Several rules of a pack may share a kind with different options. A check never
sets a code or a severity: the engine stamps them from the pack. A check that cannot run raises
:class:`checker.findings.NotAssessed`. The registry is explicit.
"""

from __future__ import annotations

from types import ModuleType

from . import citations, contamination, content, dates, meta, period, sections
from . import crossyear, extraction, plausibility, tables, textvstables
from . import dockind, docnumbers, formatversion, privacy, wording

KINDS: dict[str, ModuleType] = {
    "meta": meta,
    "sections": sections,
    "period": period,
    "contamination": contamination,
    "content": content,
    "dates": dates,
    "citations": citations,
    "tables": tables,
    "extraction": extraction,
    "textvstables": textvstables,
    "crossyear": crossyear,
    "plausibility": plausibility,
    "formatversion": formatversion,
    "dockind": dockind,
    "privacy": privacy,
    "wording": wording,
    "docnumbers": docnumbers,
}


def get(kind: str) -> ModuleType:
    try:
        return KINDS[kind]
    except KeyError:
        raise KeyError(f"unknown rule kind {kind!r}") from None


def options(kind: str, params: dict) -> dict:
    """The rule's options: DEFAULT overlaid with ``params``, each checked against CONF."""
    mod = get(kind)
    conf = dict(getattr(mod, "DEFAULT", {}))
    spec = getattr(mod, "CONF", {})
    for k, v in params.items():
        if k not in spec:
            raise ValueError(f"kind {kind!r} has no option {k!r} (allowed: {', '.join(sorted(spec)) or 'none'})")
        t = spec[k]
        if isinstance(t, tuple):
            if v not in t:
                raise ValueError(f"option {k!r} of {kind!r} must be one of {', '.join(map(str, t))}, not {v!r}")
        elif t is float and isinstance(v, int):
            v = float(v)
        elif not isinstance(v, t):
            raise ValueError(f"option {k!r} of {kind!r} must be {t.__name__}, not {type(v).__name__}")
        conf[k] = v
    return conf
