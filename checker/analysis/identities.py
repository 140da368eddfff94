"""A small engine for the table identities declared as data in ``tables.yaml`` (spec/domain.md §2.5).

An identity says ``sum(lhs) = sum(rhs)`` and is evaluated once per column (``axis: col``; operands are row keys)
or once per row (``axis: row``; operands are column keys). An operand may be ``{any_of: [[keys…], [keys…]]}``:
the first alternative whose keys are all present is used (F2019's single （六） row against F2021's three
sub-rows). Blank and placeholder cells count as 0 (GOV-T006 reports them); an instance with an unreadable or
missing operand is not evaluated. ``when_present`` limits an identity to tables that have the given rows
(optional subtotal rows).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .tables import UNREADABLE, CanonTable


@dataclass
class Operand:
    row: str
    col: str
    value: Any
    kind: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"row": self.row, "col": self.col, "value": self.value, "kind": self.kind, "text": self.text}


@dataclass
class Outcome:
    identity: str
    rule: str
    table: str
    axis: str
    each: str  # the column (axis col) or row (axis row) the instance was evaluated for
    lhs: list[Operand]
    rhs: list[Operand]
    at: Operand  # the cell that locates a failure

    @property
    def lhs_sum(self):
        return sum(o.value if o.value is not None else 0 for o in self.lhs)

    @property
    def rhs_sum(self):
        return sum(o.value if o.value is not None else 0 for o in self.rhs)

    @property
    def ok(self) -> bool:
        return self.lhs_sum == self.rhs_sum


@dataclass
class Evaluation:
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # instances not evaluated, with the reason
    applicable: int = 0  # identities that applied to a present table


def _present(t: CanonTable, axis: str, key: str) -> bool:
    if axis == "col":  # operands are rows
        return t.has_row(key)
    return any(c == key for (_, c) in t.cells)


def _resolve(t: CanonTable, axis: str, ops: list) -> list[str] | None:
    keys: list[str] = []
    for op in ops:
        if isinstance(op, dict) and "any_of" in op:
            alt = next((a for a in op["any_of"] if all(_present(t, axis, k) for k in a)), None)
            if alt is None:
                return None
            keys.extend(alt)
        else:
            keys.append(op)
    return keys


def evaluate(tables: dict[str, CanonTable], identities: list[dict], rule: str | None = None,
             ids: list[str] | None = None) -> Evaluation:
    ev = Evaluation()
    for idn in identities:
        if ids:
            if idn["id"] not in ids:
                continue
        elif rule is not None and idn.get("rule") != rule:
            continue
        t = tables.get(idn["table"])
        if t is None or not t.readable:
            continue
        axis = idn.get("axis", "col")
        if any(not _present(t, axis, k) for k in idn.get("when_present") or []):
            continue
        ev.applicable += 1
        lhs_keys = _resolve(t, axis, idn["lhs"])
        rhs_keys = _resolve(t, axis, idn["rhs"])
        if lhs_keys is None or rhs_keys is None:
            ev.skipped.append(f"{idn['id']}: operand rows missing")
            continue
        each = idn.get("each", "all")
        if each == "all":
            each = t.col_keys() if axis == "col" else [r for r in t.rows if t.has_row(r)]
        for e in each:
            def cell(k: str) -> Operand | None:
                row, col = (k, e) if axis == "col" else (e, k)
                c = t.cell(row, col)
                if c is None or c.kind == UNREADABLE:
                    return None
                return Operand(row, col, c.value, c.kind, c.text, c.start, c.end)

            lhs = [cell(k) for k in lhs_keys]
            rhs = [cell(k) for k in rhs_keys]
            if any(o is None for o in lhs + rhs):
                if axis == "row" and all(o is None for o in lhs + rhs):
                    continue  # a row without these columns
                ev.skipped.append(f"{idn['id']}[{e}]: operand unreadable or missing")
                continue
            at_key = idn.get("at") or lhs_keys[0]
            at = next((o for o in lhs + rhs if (o.row if axis == "col" else o.col) == at_key), lhs[0])
            ev.outcomes.append(Outcome(idn["id"], idn.get("rule", ""), t.key, axis, e, lhs, rhs, at))
    return ev
