"""The table identities declared as data in ``tables.yaml`` (spec/domain.md §2.5): evaluation, derived values of
blank cells, and the root-cause cell of failures.

An identity says ``sum(lhs) = sum(rhs)`` and is evaluated once per column (``axis: col``; operands are row keys)
or once per row (``axis: row``; operands are column keys). An operand may be ``{any_of: [[keys…], [keys…]]}``:
the first alternative whose keys are all present is used (F2019's single （六） row against F2021's three
sub-rows). ``when_present`` limits an identity to tables that have the given rows (optional subtotal rows).

**A blank is not a zero.** Blank, 「/」 and 「—」 cells have no value. Where the identities determine one — an
instance whose only unknown operand is that cell (a blank row total from its row, a blank column sum from its
rows) — the value is *derived* (:func:`derive`, stored on the table as ``CanonTable.derived``), totals first,
from their own row or group. An instance is evaluated only when every operand has a value, written or derived;
an instance with an undetermined blank is not evaluated (never "0 because its cells are blank").

**One finding per wrong cell** (:func:`diagnose`): the failing instances are explained by cells. A written cell
*explains* a set of failures when changing it to one value ``v`` (a count: an integer ≥ 0) satisfies every
failing instance that contains it and it is in no instance that holds. Cells that explain the most failures are
taken first; when several cells explain exactly the same failures they are alternatives (the instance's total is
preferred: that is where the format puts the sum). Failures no single cell explains are reported per total cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .tables import BLANK, DASH, DECIMAL, INTEGER, SLASH, UNREADABLE, CanonTable

KNOWN = (INTEGER, DECIMAL)
EMPTY = (BLANK, SLASH, DASH)


@dataclass(slots=True)
class Operand:
    row: str
    col: str
    value: Any  # the written value, or the derived one (derived=True), or None (undetermined blank)
    kind: str
    text: str
    start: int
    end: int
    derived: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return self.row, self.col

    @property
    def known(self) -> bool:
        return self.value is not None

    def to_dict(self) -> dict:
        d = {"row": self.row, "col": self.col, "value": self.value, "kind": self.kind, "text": self.text}
        if self.derived:
            d["derived"] = True
        return d


class Outcome:
    """One instance of an identity (one column or one row).

    Its operands (``lhs``, ``rhs``, ``at``) are made from the cells it was evaluated on when first read: the
    instances of a report whose identities hold are decided on the cells' values alone, and only a failing or
    incomplete instance (what diagnosis, derivation and evidence read) gets its :class:`Operand` objects."""

    __slots__ = ("identity", "rule", "table", "axis", "each", "_cells", "_n_lhs", "_at", "_ops", "_evaluable",
                 "_sum")

    def __init__(self, identity: str, rule: str, table: str, axis: str, each: str, cells: list, n_lhs: int,
                 at: int, evaluable: bool | None = None):
        # each: the column (axis col) or row (axis row) the instance was evaluated for
        self.identity, self.rule, self.table, self.axis, self.each = identity, rule, table, axis, each
        # (row, col, cell, _WRITTEN | the derived value | None for an undetermined blank) of every operand, lhs
        # first; _at: the index of the total among them
        self._cells, self._n_lhs, self._at = cells, n_lhs, at
        self._ops: tuple[list[Operand], list[Operand], Operand] | None = None
        self._evaluable = evaluable
        self._sum: tuple | None = None  # (lhs sum, rhs sum), kept like ``_evaluable``

    def _operands(self) -> tuple[list[Operand], list[Operand], Operand]:
        got = self._ops
        if got is None:
            ops = [Operand(row, col, c.value if dv is _WRITTEN else dv, c.kind, c.text, c.start, c.end,
                           dv is not _WRITTEN and dv is not None)
                   for row, col, c, dv in self._cells]
            got = self._ops = (ops[:self._n_lhs], ops[self._n_lhs:], ops[self._at])
        return got

    @property
    def lhs(self) -> list[Operand]:
        return self._operands()[0]

    @property
    def rhs(self) -> list[Operand]:
        return self._operands()[1]

    @property
    def at(self) -> Operand:
        """The total: the cell that locates a failure by default."""
        return self._operands()[2]

    @property
    def at_key(self) -> tuple[str, str]:
        """``at.key``, read without making the operands."""
        row, col, _, _ = self._cells[self._at]
        return row, col

    @property
    def operands(self) -> list[Operand]:
        lhs, rhs, _ = self._operands()
        return lhs + rhs

    def _values(self):
        """The operands' values, lhs and rhs (from the operands once they exist: :func:`derive` sets values)."""
        if self._ops is not None:
            return [o.value for o in self._ops[0]], [o.value for o in self._ops[1]]
        vals = [c.value if dv is _WRITTEN else dv for _, _, c, dv in self._cells]
        return vals[:self._n_lhs], vals[self._n_lhs:]

    def forget(self) -> None:
        """Forget what ``evaluable`` and the sums remembered (an operand's value was just set: :func:`derive`)."""
        self._evaluable = None
        self._sum = None

    @property
    def evaluable(self) -> bool:
        """Every operand has a value (kept: only :func:`derive` changes an operand, and it forgets this)."""
        got = self._evaluable
        if got is None:
            lv, rv = self._values()
            got = self._evaluable = all(v is not None for v in lv) and all(v is not None for v in rv)
        return got

    @property
    def lhs_sum(self):
        return self._sums()[0]

    @property
    def rhs_sum(self):
        return self._sums()[1]

    def _sums(self):
        """(lhs sum, rhs sum) of the known operands, once per instance (several table rules ask ``ok``/``failed``;
        only :func:`derive` changes an operand, and it calls :meth:`forget`)."""
        got = self._sum
        if got is None:
            lv, rv = self._values()
            got = self._sum = (sum(v for v in lv if v is not None), sum(v for v in rv if v is not None))
        return got

    @property
    def ok(self) -> bool:
        if not self.evaluable:
            return False
        ls, rs = self._sums()
        return ls == rs

    @property
    def failed(self) -> bool:
        if not self.evaluable:
            return False
        ls, rs = self._sums()
        return ls != rs

    def fix(self, o: Operand):
        """The value of operand ``o`` that makes this instance hold."""
        diff = self.lhs_sum - self.rhs_sum
        return o.value - diff if any(x is o for x in self.lhs) else o.value + diff

    def holds(self, key: tuple[str, str]) -> bool:
        return any(o.key == key for o in self.operands)

    def _key(self) -> tuple:
        return (self.identity, self.rule, self.table, self.axis, self.each, self.lhs, self.rhs, self.at)

    def __eq__(self, other) -> bool:  # (as the dataclass it was: by its fields and operands)
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self is other or self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]  (mutable, compared by value: unhashable, as before)

    def __repr__(self) -> str:
        return (f"Outcome(identity={self.identity!r}, rule={self.rule!r}, table={self.table!r}, axis={self.axis!r}, "
                f"each={self.each!r}, lhs={self.lhs!r}, rhs={self.rhs!r}, at={self.at!r})")

    def to_dict(self) -> dict:
        return {"id": self.identity, "rule": self.rule, "table": self.table, "axis": self.axis, "each": self.each,
                "lhs": [o.to_dict() for o in self.lhs], "rhs": [o.to_dict() for o in self.rhs],
                "lhs_sum": self.lhs_sum, "rhs_sum": self.rhs_sum}


_WRITTEN = object()  # an operand's value is its cell's (not derived)


@dataclass
class Evaluation:
    outcomes: list[Outcome] = field(default_factory=list)  # every instance whose operands were read
    skipped: list[str] = field(default_factory=list)  # instances not evaluated, with the reason
    applicable: int = 0  # identities that applied to a present table
    # per applicable identity, in the pack's order: (identity, its skipped reasons, its outcomes)
    parts: list[tuple[dict, list[str], list[Outcome]]] = field(default_factory=list, repr=False)

    def evaluated(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.evaluable]

    def select(self, rule: str | None = None, ids: list[str] | None = None) -> "Evaluation":
        """The part of this evaluation that :func:`instances` gives for ``rule`` / ``ids`` (the same outcome
        objects, in the same order): the rules read the one evaluation of their Analysis."""
        ev = Evaluation()
        for part in self.parts:
            idn = part[0]
            if ids:
                if idn["id"] not in ids:
                    continue
            elif rule is not None and idn.get("rule") != rule:
                continue
            ev.applicable += 1
            ev.skipped.extend(part[1])
            ev.outcomes.extend(part[2])
            ev.parts.append(part)
        return ev


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


def instances(tables: dict[str, CanonTable], identities: list[dict], rule: str | None = None,
              ids: list[str] | None = None) -> Evaluation:
    """Every instance of the selected identities whose operand cells were read (written values and derived ones as
    stored on the tables); an instance with an unreadable or missing operand is skipped."""
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
        skipped: list[str] = []
        outcomes: list[Outcome] = []
        ev.parts.append((idn, skipped, outcomes))
        lhs_keys = _resolve(t, axis, idn["lhs"])
        rhs_keys = _resolve(t, axis, idn["rhs"])
        if lhs_keys is None or rhs_keys is None:
            skipped.append(f"{idn['id']}: operand rows missing")
            continue
        each = idn.get("each", "all")
        if each == "all":
            each = t.col_keys() if axis == "col" else [r for r in t.rows if t.has_row(r)]
        derived = getattr(t, "derived", {}) or {}
        cells = t.cells
        iid, irule, tkey = idn["id"], idn.get("rule", ""), t.key
        at_key = idn.get("at") or lhs_keys[0]
        col_axis = axis == "col"
        n_lhs = len(lhs_keys)
        # the total: the first operand of key ``at_key`` (every operand is there when the instance is evaluated)
        keys = lhs_keys + rhs_keys
        at_i = next((i for i, k in enumerate(keys) if k == at_key), 0)
        for e in each:
            ops: list[tuple] = []
            append = ops.append
            missing = False
            known = True
            for k in keys:
                row, col = (k, e) if col_axis else (e, k)
                c = cells.get((row, col))
                if c is None:
                    missing = True
                    continue
                kind = c.kind
                if kind in KNOWN:
                    append((row, col, c, _WRITTEN))
                    if c.value is None:
                        known = False
                elif kind == UNREADABLE:
                    missing = True
                elif (row, col) in derived:
                    append((row, col, c, derived[(row, col)]))
                else:
                    append((row, col, c, None))
                    known = False
            if missing:
                if not col_axis and not ops:
                    continue  # a row without these columns
                skipped.append(f"{iid}[{e}]: operand unreadable or missing")
                continue
            # (every operand is there when the instance is evaluated: ops holds them all)
            o = Outcome(iid, irule, tkey, axis, e, ops, n_lhs, at_i, known)
            if not known:
                skipped.append(f"{iid}[{e}]: blank operand")
            outcomes.append(o)
    ev.applicable = len(ev.parts)
    for _, skipped, outcomes in ev.parts:
        ev.skipped.extend(skipped)
        ev.outcomes.extend(outcomes)
    return ev


def evaluate(tables: dict[str, CanonTable], identities: list[dict], rule: str | None = None,
             ids: list[str] | None = None) -> Evaluation:
    """The evaluable instances (every operand with a written or derived value); the others are listed as skipped."""
    ev = instances(tables, identities, rule, ids)
    ev.outcomes = ev.evaluated()
    return ev


def _valid(v) -> bool:
    return isinstance(v, int) and v >= 0 or isinstance(v, float) and v >= 0 and v.is_integer()


def derive(tables: dict[str, CanonTable], identities: list[dict]) -> Evaluation:
    """Values of blank cells that the identities determine, stored in ``CanonTable.derived`` with the identity
    instance that gave each (``CanonTable.derived_by``). A total is derived from its own row or group first; a
    value that is not a count (negative, fractional) is never derived. Returns the evaluation of every identity
    on the tables so completed (what the rules read: ``Analysis.identity_eval``)."""
    for t in tables.values():
        t.derived, t.derived_by = {}, {}
    for _round in range(8):
        ev = instances(tables, identities)
        progress = False
        for totals_only in (True, False):
            for o in ev.outcomes:
                if o.evaluable:
                    continue  # no unknown operand (the common case)
                unknown = [x for x in o.operands if not x.known]
                if len(unknown) != 1:
                    continue
                u = unknown[0]
                if totals_only and u is not o.at:
                    continue
                t = tables[o.table]
                if u.key in t.derived:
                    continue
                side = 1 if any(x is u for x in o.lhs) else -1
                rest_l = sum(x.value for x in o.lhs if x is not u)
                rest_r = sum(x.value for x in o.rhs if x is not u)
                v = (rest_r - rest_l) if side == 1 else (rest_l - rest_r)
                if not _valid(v):
                    continue
                t.derived[u.key] = int(v)
                t.derived_by[u.key] = o
                u.value, u.derived = int(v), True
                o.forget()
                progress = True
            if progress:
                break
        if not progress:
            return ev  # nothing changed since this evaluation: it is the tables' final one
    return instances(tables, identities)


# ---------------------------------------------------------------- diagnosis


@dataclass
class Cause:
    """A group of failing instances and the cell that explains them (``cell``; None when no single cell does)."""

    table: str
    cell: Operand  # where the finding is located
    expected: Any  # the value the cell should hold (None when the failures disagree on it)
    failures: list[Outcome]
    alternatives: list[tuple[Operand, Any]] = field(default_factory=list)  # other cells explaining the same
    explained: bool = True  # False: no single written cell explains these failures

    @property
    def rules(self) -> list[str]:
        return [o.rule for o in self.failures]


def _form(o: Outcome, tables: dict[str, CanonTable], path: frozenset = frozenset()) -> dict[tuple[str, str], int]:
    """The instance as a linear form over *written* cells (``Σ coef·cell = 0``): a derived operand is replaced by
    the other operands of the instance that derived it, so a wrong written cell is seen through the blank totals
    computed from it. The instance that derived a cell constrains nothing (it holds by construction): ``{}``."""
    t = tables.get(o.table)
    by = t.derived_by if t is not None else {}
    if any(x.derived and by.get(x.key) is o for x in o.operands):
        return {}
    f: dict[tuple[str, str], int] = {}
    path = path | {id(o)}

    def add(x: Operand, k: int) -> None:
        src = by.get(x.key) if x.derived else None
        if src is None or id(src) in path or len(path) > 6:
            f[x.key] = f.get(x.key, 0) + k
            return
        # x is defined by src: Σ c·y = 0 over src's operands, x among them with coefficient ±1
        sub = {}
        for y in src.lhs:
            sub[y.key] = sub.get(y.key, 0) + 1
        for y in src.rhs:
            sub[y.key] = sub.get(y.key, 0) - 1
        kx = sub.pop(x.key, 0)
        if kx not in (1, -1):
            f[x.key] = f.get(x.key, 0) + k
            return
        for y in src.operands:
            if y.key == x.key or y.key not in sub:
                continue
            c = sub.pop(y.key)  # x = -(Σ c·y) / kx
            add(y, -k * c * kx)

    for x in o.lhs:
        add(x, 1)
    for x in o.rhs:
        add(x, -1)
    return {k: c for k, c in f.items() if c}


def diagnose(ev: Evaluation, tables: dict[str, CanonTable] | None = None) -> list[Cause]:
    """Group the failing instances of ``ev`` by the written cell that explains them (see the module docstring)."""
    tables = tables or {}
    evaluated = ev.evaluated()
    failing = [o for o in evaluated if o.failed]
    if not failing:
        return []
    holding = [o for o in evaluated if o.ok]
    forms = {id(o): _form(o, tables) for o in evaluated}
    resid = {id(o): o.lhs_sum - o.rhs_sum for o in evaluated}
    cells: dict[tuple[str, tuple[str, str]], Operand] = {}
    for o in evaluated:
        for x in o.operands:
            if not x.derived and x.known:
                cells.setdefault((o.table, x.key), x)
    by_cell: dict[tuple[str, tuple[str, str]], list[Outcome]] = {}
    for o in failing:
        for key in forms[id(o)]:
            k = (o.table, key)
            if k in cells:
                by_cell.setdefault(k, []).append(o)
    broken = {(o.table, key) for o in holding for key in forms[id(o)]}
    first = cells

    def fix(o: Outcome, k) -> Any:
        c = forms[id(o)][k[1]]
        v = cells[k].value - resid[id(o)] / c
        return int(v) if isinstance(v, float) and v.is_integer() else v

    cands: dict[tuple[str, tuple[str, str]], Any] = {}
    for k, fs in by_cell.items():
        if k in broken:
            continue
        vals = {fix(o, k) for o in fs}
        if len(vals) == 1:
            v = vals.pop()
            if _valid(v):
                cands[k] = int(v)
    unexplained = list(failing)
    causes: list[Cause] = []
    while unexplained and cands:
        ids = {id(o) for o in unexplained}
        cover = {k: [o for o in by_cell[k] if id(o) in ids] for k in cands}
        cover = {k: v for k, v in cover.items() if v}
        if not cover:
            break
        n = max(len(v) for v in cover.values())
        best_k = min((k for k, v in cover.items() if len(v) == n),
                     key=lambda k: (min(failing.index(o) for o in cover[k]), not _is_total(k, cover[k]),
                                    first[k].start))
        same = {id(o) for o in by_cell[best_k]}
        tied = [k for k in cands if k != best_k and {id(o) for o in by_cell[k]} == same]
        tied.sort(key=lambda k: first[k].start)
        causes.append(Cause(best_k[0], first[best_k], cands[best_k], list(by_cell[best_k]),
                            [(first[k], cands[k]) for k in tied]))
        done = {id(o) for o in by_cell[best_k]}
        for k in [best_k] + tied:
            cands.pop(k, None)
        unexplained = [o for o in unexplained if id(o) not in done]
    # failures that no single written cell explains: one finding per total cell
    rest: dict[tuple[str, tuple[str, str]], list[Outcome]] = {}
    for o in unexplained:
        rest.setdefault((o.table, o.at.key), []).append(o)
    for (table, _), fs in rest.items():
        at = fs[0].at
        vals = {o.fix(next(x for x in o.operands if x.key == at.key)) for o in fs}
        expected = vals.pop() if len(vals) == 1 else None
        causes.append(Cause(table, at, expected, fs, explained=False))
    causes.sort(key=lambda c: (failing.index(c.failures[0]), c.cell.start))
    return causes


def _is_total(k, outcomes: list[Outcome]) -> bool:
    return any(o.at.key == k[1] for o in outcomes)
