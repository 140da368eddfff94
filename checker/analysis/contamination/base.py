"""The floor of the contamination package: text geometry and character classes every detector shares.

Nothing here imports another module of the package, so ``ads``, ``provenance``, ``hosts``, ``furniture`` and
``garbage`` can all build on it without import circles.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from itertools import accumulate, compress
from operator import add, itemgetter, sub

SENT_END = "。！？!?；;\n"
HAN = re.compile(r"[\u3400-\u9fff]")


def sentence_bounds(text: str, i: int) -> tuple[int, int]:
    """[start, end) of the sentence (or line) holding offset ``i``."""
    a = max(text.rfind(ch, 0, i) for ch in SENT_END) + 1
    ends = [j for j in (text.find(ch, i) for ch in SENT_END) if j >= 0]
    return a, (min(ends) if ends else len(text))


def line_bounds(text: str, i: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, i) + 1
    b = text.find("\n", i)
    return a, (len(text) if b < 0 else b)


@functools.lru_cache(maxsize=8192)
def common_char(ch: str) -> bool:
    """A character of GB2312 level 1 (the 3,755 most common), after traditional → simplified."""
    from ...normalize import to_simplified

    s = to_simplified(ch)
    try:
        b = s.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


# --- many words at once (issue 16) ----------------------------------------------------------------------------------
# pyahocorasick looks a character up among a trie node's children one by one, and the root of an automaton of a few
# hundred words holds a few hundred first characters: every character of a text pays that scan (~85 ns). Over the
# words' UTF-8 bytes (read as Latin-1) the root holds a few dozen lead bytes and a Han character walks nodes of few
# children: about 4x less CPU. UTF-8 is self-synchronising, so a word's bytes match only where its characters do.


def byte_automaton(words):
    """An Aho-Corasick automaton of ``words`` ((word, value) pairs) over their UTF-8 bytes: :func:`find_all`."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for w, v in words:
        auto.add_word(w.encode("utf-8", "surrogatepass").decode("latin-1"), v)
    auto.make_automaton()
    return auto


def find_all(auto, text: str) -> list:
    """(end, value) of every occurrence, overlapping, in the automaton's order (by end; at one end the longest
    word first) — what the automaton of the words themselves gives on ``text`` — at character offsets (``end``
    inclusive): the byte offsets of the ends become character offsets by decoding the stretches between them."""
    if auto.kind == 0:  # EMPTY: no word (make_automaton on nothing)
        return []
    b = text.encode("utf-8", "surrogatepass")
    if len(b) == len(text):  # ASCII: bytes and characters coincide
        return list(auto.iter(text))
    out = []
    pk = pc = 0  # byte and character offsets just past the previous end
    for end, v in auto.iter(b.decode("latin-1")):
        if end >= pk:
            pc += len(b[pk:end + 1].decode("utf-8", "surrogatepass"))
            pk = end + 1
        out.append((pc - 1, v))
    return out


# --- the shared prefilter (issue 16) --------------------------------------------------------------------------------
# Most detectors find nothing on an ordinary report, and most of their per-line tests fail on most lines. Each such
# detector names a *trigger*: regular expressions that match wherever any of its patterns could match (anchors and
# lookarounds dropped, ``\s`` inside a line written ``[^\S\n]``, literal cores kept), so a line without a trigger
# match is a line on which the detector provably finds nothing (tests/test_contamination_prefilter.py checks it on
# the corpora). One pass of the trigger over the whole text (in C) replaces a dozen searches on every line in Python.
# A trigger is fast when every alternative starts with a literal character (``re`` then skips, in C, every position
# whose character starts none): its case-less part is matched on the text, its Latin part (written in lower case)
# on the lower-cased text, as the detectors' own ``.lower()`` / IGNORECASE tests read it.


ENABLED = True  # False: every line is marked and every trigger present (the detectors' unfiltered behaviour, tests)


_SPECIAL = set("\\()[]{}.^$|*+?")


def _alternatives(pattern: str) -> list[str] | None:
    """The top-level alternatives of ``pattern``, None when it has a capturing group, a backreference or an inline
    flag (their meaning depends on where they stand) or does not parse."""
    out, depth, cls, cur, i = [], 0, False, [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            if i + 1 < len(pattern) and pattern[i + 1].isdigit():
                return None
            cur.append(pattern[i:i + 2])
            i += 2
            continue
        if cls:
            cls = ch != "]" or (cur and cur[-1] == "[")  # (a "]" right after "[" is a member)
        elif ch == "[":
            cls = True
        elif ch == "(":
            if not pattern.startswith("(?:", i) and not pattern.startswith("(?=", i) \
                    and not pattern.startswith("(?!", i) and not pattern.startswith("(?<", i):
                return None
            if pattern.startswith("(?P", i):
                return None
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    if depth or cls:
        return None
    out.append("".join(cur))
    return out


def factor(pattern: str) -> str:
    """``pattern`` with its top-level alternatives that open on the same plain character written as one
    (「本站|我们将|本网|我们会」 → 「本(?:站|网)|我们(?:将|会)」), each group where its first member stood. At any position the
    same alternative matches as before (those opening on another character fail there at once, and a group keeps
    its members' order), so every match is the same; but ``re`` tries one alternative per group instead of each
    member (issue 16: a trigger of ~150 words beginning with common characters cost 0.2 ms a report)."""
    alts = _alternatives(pattern)
    if alts is None or len(alts) < 2:
        return pattern
    groups: dict[str, list[str]] = {}
    order: list[str | tuple] = []
    for a in alts:
        head = a[:1]
        if not head or head in _SPECIAL or a[1:2] in ("*", "+", "?", "{"):
            order.append(("", a))  # an alternative of its own
            continue
        if head not in groups:
            groups[head] = []
            order.append(head)
        groups[head].append(a[1:])
    out = []
    for g in order:
        if isinstance(g, tuple):
            out.append(g[1])
        elif len(groups[g]) == 1:
            out.append(g + groups[g][0])
        else:
            out.append(g + "(?:" + "|".join(groups[g]) + ")")
    return "|".join(out)


def literals(pattern: str, limit: int = 64) -> list[str] | None:
    """Every string ``pattern`` matches when that is a finite set of at most ``limit`` literal strings, none empty
    and none holding a line break (literals, small classes of literals, groups, alternations, bounded repeats);
    None otherwise."""
    try:
        from re import _constants as K, _parser as P

        tree = P.parse(pattern)
    except Exception:  # noqa: BLE001 — not parsed here: the pattern is scanned as it is
        return None

    def seq(items):
        acc = [""]
        for op, av in items:
            got = one(op, av)
            if got is None:
                return None
            acc = [a + b for a in acc for b in got]
            if len(acc) > limit:
                return None
        return acc

    def one(op, av):
        if op is K.LITERAL:
            return [chr(av)]
        if op is K.IN:
            if len(av) > limit or any(o is not K.LITERAL for o, _ in av):
                return None
            return [chr(a) for _, a in av]
        if op is K.BRANCH:
            out = []
            for alt in av[1]:
                got = seq(alt)
                if got is None:
                    return None
                out += got
            return out if len(out) <= limit else None
        if op is K.SUBPATTERN:
            return None if av[1] or av[2] else seq(av[3])
        if op is K.MAX_REPEAT and av[1] <= 2:
            got = seq(av[2])
            if got is None:
                return None
            out = []
            for k in range(av[0], av[1] + 1):
                cur = [""]
                for _ in range(k):
                    cur = [a + b for a in cur for b in got]
                out += cur
            return out if len(out) <= limit else None
        return None

    got = seq(tree)
    if got is None or any(not x or "\n" in x for x in got):
        return None
    return got


_LITERAL_TRIGGERS: list = []  # the triggers with literal alternatives: one automaton finds them all (Scan)
_LITERAL_AUTO: list = []  # [(the number of triggers it was made for, the automaton)]


def literal_words() -> list[tuple[str, tuple[int, tuple[int, ...]]]]:
    """(word, (its length, the ids of the triggers holding it)) of every literal alternative of the triggers."""
    words: dict[str, list[int]] = {}
    for t in _LITERAL_TRIGGERS:
        for w in t.literals:
            ids = words.setdefault(w, [])
            if t.id not in ids:
                ids.append(t.id)
    return [(w, (len(w), tuple(ids))) for w, ids in words.items()]


def _literal_automaton():
    if not _LITERAL_AUTO or _LITERAL_AUTO[0][0] != len(_LITERAL_TRIGGERS):
        _LITERAL_AUTO[:] = [(len(_LITERAL_TRIGGERS), byte_automaton(literal_words()))]
    return _LITERAL_AUTO[0][1]


# --- several word sets in one pass (issue 16) ------------------------------------------------------------------------
# The lexicon (on the lower-cased view), the spin words and the triggers' literal alternatives (on the view itself)
# were three automaton passes over the same text. One automaton of all their words over the lower-cased text finds
# each set's occurrences at once: a word of a set matched on the text itself is its own lower case (checked when the
# automaton is made), so it stands at an offset of the lower-cased text wherever it stands in the text (lower()
# keeps each character's offset when the text keeps its length), and an occurrence there is one in the text when
# the text itself holds the word at that offset (tested). At one end a set's words come longest first, as its own
# automaton gives them: the joint automaton reports every word ending there, longest first.

_JOINT: dict = {}  # the sets' keys → (the joint automaton, the objects the keys name by id: kept alive with it)


def find_joint(text: str, sets) -> list[list] | None:
    """``[find_all(byte_automaton(words_i()), lower(text) if on_low_i else text) for each set]`` from one pass;
    ``sets``: (key, words, on_low, owner) with ``words`` a function giving the set's (word, value) pairs (called
    when the joint automaton of these keys is made), ``key`` naming those words (by the ``id`` of ``owner``, the
    object they come from, kept alive with the automaton so that no other object takes its id). None when one pass
    cannot give them: the lower-cased text changes length, or a word of a set matched on the text is not its own
    lower case."""
    low = lower(text)
    if len(low) != len(text):
        return None
    key = tuple(k for k, _, _, _ in sets)
    got = _JOINT.get(key)
    if got is not None:
        got = got[0]
    else:
        merged: dict[str, list] = {}
        ok = True
        for i, (_, words, on_low, _) in enumerate(sets):
            for w, v in words():
                if not on_low and w.lower() != w:
                    ok = False
                merged.setdefault(w, []).append((i, v, None if on_low else w))
        if len(_JOINT) >= 8:
            _JOINT.clear()
        got = byte_automaton((w, tuple(vs)) for w, vs in merged.items()) if ok else None
        _JOINT[key] = (got, [x for _, _, _, x in sets])
    if got is None:
        return None
    out: list[list] = [[] for _ in sets]
    for end, vals in find_all(got, low):
        for i, v, w in vals:
            if w is None or text.startswith(w, end - len(w) + 1):
                out[i].append((end, v))
    return out


class Trigger:
    """A prefilter: ``cjk`` matched on the text as it is, ``latin`` (lower case) on the lower-cased text.

    The alternatives of ``cjk`` that are a finite set of literal strings (most of them: words) are found for every
    trigger at once, by one automaton over the text's UTF-8 bytes (``Scan``: issue 16 — a scan of the whole text
    by ``re`` cost 20–75 µs a trigger on a report, the one automaton pass about as much as one of them); the other
    alternatives (``rest``: classes, digits, blanks, anchors) are scanned by ``re`` as before. A match of the
    trigger at a position is a match of one of its alternatives there, so every position where it matches lies on a
    line that a literal occurrence or the rest's scan marks."""

    def __init__(self, cjk: str = "", latin: str = ""):
        self.cjk = re.compile(factor(cjk)) if cjk else None
        self.cjk_source = cjk  # (as written: tests compare the two)
        self.latin = re.compile(latin) if latin else None
        self.latin_i = re.compile(latin, re.I) if latin else None  # when lower-casing does not keep the offsets
        self.literals: list[str] = []
        self.rest = self.cjk  # what re scans of the cjk part
        alts = _alternatives(cjk) if cjk else None
        if alts and len(alts) > 1:
            lits, rest = [], []
            for a in alts:
                got = literals(a)
                lits.extend(got) if got else rest.append(a)
            if lits:
                self.literals = list(dict.fromkeys(lits))
                self.rest = re.compile(factor("|".join(rest))) if rest else None
                self.id = len(_LITERAL_TRIGGERS)
                _LITERAL_TRIGGERS.append(self)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Trigger({self.cjk and self.cjk.pattern[:40]!r}, {self.latin and self.latin.pattern[:40]!r})"


# --- patterns that open on a rare character (issue 16) --------------------------------------------------------------
# A pattern that opens on a character class rare in a report (symbols, invisible characters, emoji, Latin-1 letters,
# replacement characters) costs a scan of the whole text (~6 ns a character) to find nothing. Such a pattern is
# *gated* (``gated``): the class its matches open on is derived from the pattern itself, and one scan of the union
# of every gated class collects the few rare characters a text holds (``Scan.rare``); a gated pattern whose class
# holds none of them cannot match (``may``), so its own scan is skipped.


def first_class(rx: re.Pattern) -> re.Pattern | None:
    """A character class holding the first character of every match of ``rx``, None when it cannot be told (a
    pattern that may match the empty string, opens on a negated class, ``.``, a back-reference or an inline flag,
    or is case-insensitive). Zero-width assertions (anchors, look-arounds) are skipped: they consume nothing."""
    try:
        from re import _constants as K, _parser as P

        tree = P.parse(rx.pattern, rx.flags)
    except Exception:  # noqa: BLE001 — another interpreter's parser: no gate (the pattern is scanned)
        return None
    if rx.flags & re.IGNORECASE:
        return None
    cats = {K.CATEGORY_DIGIT: r"\d", K.CATEGORY_SPACE: r"\s", K.CATEGORY_WORD: r"\w"}

    def seq(items):  # (class members, may be empty) of a sequence, None when unknown
        acc = []
        for op, av in items:
            if op in (K.AT, K.ASSERT, K.ASSERT_NOT):
                continue
            got = one(op, av)
            if got is None:
                return None
            acc += got[0]
            if not got[1]:
                return acc, False
        return acc, True

    def one(op, av):
        if op is K.LITERAL:
            return [re.escape(chr(av))], False
        if op is K.IN:
            out = []
            for o, a in av:
                if o is K.LITERAL:
                    out.append(re.escape(chr(a)))
                elif o is K.RANGE:
                    out.append(re.escape(chr(a[0])) + "-" + re.escape(chr(a[1])))
                elif o is K.CATEGORY and a in cats:
                    out.append(cats[a])
                else:  # NEGATE, other categories
                    return None
            return out, False
        if op is K.BRANCH:
            acc, empty = [], False
            for alt in av[1]:
                got = seq(alt)
                if got is None:
                    return None
                acc += got[0]
                empty = empty or got[1]
            return acc, empty
        if op is K.SUBPATTERN:
            return None if av[1] or av[2] else seq(av[3])
        if op in (K.MAX_REPEAT, K.MIN_REPEAT):
            got = seq(av[2])
            return None if got is None else (got[0], got[1] or av[0] == 0)
        return None

    got = seq(tree)
    if got is None or got[1] or not got[0]:
        return None
    return re.compile("[" + "".join(got[0]) + "]")


_GATED: dict[re.Pattern, re.Pattern] = {}  # gated pattern → the class its matches open on
_UNION: list = []  # [(the number of gated classes it was made of, the union's pattern)]


def gated(rx: re.Pattern) -> re.Pattern:
    """``rx``, registered as opening on a rare character (see above); a pattern whose class cannot be told is left
    as it is (always scanned). A module gates its patterns at import."""
    cls = first_class(rx)
    if cls is not None:
        _GATED[rx] = cls
    return rx


def _union() -> re.Pattern:
    if not _UNION or _UNION[0][0] != len(_GATED):
        members = sorted({c.pattern[1:-1] for c in _GATED.values()})
        _UNION[:] = [(len(_GATED), re.compile("[" + "".join(members) + "]"))]
    return _UNION[0][1]


def may(rx: re.Pattern, text: str) -> bool:
    """False when the gated pattern ``rx`` cannot match in ``text`` (one of the texts being checked: their scans
    know the rare characters they hold); True otherwise (a text of its own, an ungated pattern, the prefilter off)."""
    for s in _SCANS:
        if s.text is text:
            return s.may(rx)
    return True


class Scan:
    """What one text holds that detectors look for: its lower-cased copy and, per trigger, the lines a match touches.

    Computed once per text and shared by every detector that asks (``scan(text)``); each trigger's pass runs on
    first use and is kept."""

    def __init__(self, text: str):
        self.text = text
        self._low: str | None = None
        self._hits: dict[Trigger, frozenset[int]] = {}
        self._has: dict[Trigger, bool] = {}
        self.memo: dict = {}  # results a detector shares with another on the same text (hosts.find)

    @property
    def lines(self) -> list[tuple[int, int, str]]:
        """(start, end, line) of every line (split at "\\n"), built once."""
        got = self.memo.get("lines")
        if got is None:  # (C-level maps: no Python loop per line)
            lns = self.text.split("\n")
            lens = list(map(len, lns))
            starts = list(accumulate(map((1).__add__, lens), initial=0))[:-1]
            got = self.memo["lines"] = list(zip(starts, map(add, starts, lens), lns))
        return got

    @property
    def full(self) -> list[tuple[int, int, str, int, int]]:
        """(start, end, stripped line, start of the stripped line, its end) of every line holding a non-blank
        character, in text order: the one per-line record the detectors read instead of splitting, stripping and
        finding each line again (issue 16), built once per text by C-level maps."""
        got = self.memo.get("full")
        if got is None:
            lines = self.lines
            lns, starts = list(map(itemgetter(2), lines)), list(map(itemgetter(0), lines))
            strips = list(map(str.strip, lns))
            lead = map(sub, map(len, lns), map(len, map(str.lstrip, lns)))
            got = self.memo["full"] = list(compress(zip(starts, map(itemgetter(1), lines), strips,
                                                        map(add, starts, lead),
                                                        map(add, starts, map(len, map(str.rstrip, lns)))), strips))
        return got

    @property
    def rare(self) -> str:
        """The distinct characters of the text in the union of the gated classes (one scan for them all)."""
        got = self.memo.get("rare")
        if got is None:
            got = self.memo["rare"] = "".join(set(_union().findall(self.text))) if _GATED else ""
        return got

    def may(self, rx: re.Pattern) -> bool:
        """Whether the pattern ``rx`` can match in the text: False only for a gated pattern whose opening class
        holds none of the text's rare characters."""
        cls = _GATED.get(rx)
        if cls is None or not ENABLED:
            return True
        return cls.search(self.rare) is not None

    def _literal_lines(self) -> dict[int, set[int]]:
        """Trigger id → starts of the lines holding an occurrence of one of its literal alternatives (one automaton
        pass for every trigger, on first use)."""
        got = self.memo.get("literal lines")
        if got is None:
            got = self.memo["literal lines"] = {}
            starts = list(map(itemgetter(0), self.lines))
            hits = self.memo.pop("literal hits", None)  # (found with other word sets: lexicon.occurrences_in)
            for end, (n, ids) in find_all(_literal_automaton(), self.text) if hits is None else hits:
                ls = starts[bisect_right(starts, end - n + 1) - 1]
                for i in ids:
                    got.setdefault(i, set()).add(ls)
        return got

    def _scans(self, trigger: Trigger):
        """The passes ``re`` runs for ``trigger`` (its literal alternatives are the automaton's)."""
        if isinstance(trigger, re.Pattern) or not trigger.literals:
            return self._passes(trigger)
        return [p for p in self._passes(trigger) if p[0] is not trigger.cjk] + (
            [(trigger.rest, self.text)] if trigger.rest is not None else [])

    def _passes(self, trigger: Trigger):
        """(pattern, text) pairs whose matches are the trigger's, at the text's own offsets (a plain pattern: on the
        text)."""
        if isinstance(trigger, re.Pattern):
            return [(trigger, self.text)]
        out = []
        if trigger.cjk is not None:
            out.append((trigger.cjk, self.text))
        if trigger.latin is not None:
            if self._low is None:
                low = self.memo.get("lower")
                if low is None:
                    low = self.memo["lower"] = self.text.lower()
                # lower() maps each character to one (offsets kept) unless it grows (İ); IGNORECASE also equates
                # ı with i and ſ with s, which lower() does not: then the IGNORECASE pattern on the text itself
                self._low = low if len(low) == len(self.text) and "ı" not in low and "ſ" not in low else ""
            out.append((trigger.latin, self._low) if self._low else (trigger.latin_i, self.text))
        return out

    def hit(self, trigger: Trigger | re.Pattern) -> frozenset[int]:
        """Starts of the lines that a match of ``trigger`` touches (a match spanning a line break marks both).

        Every position where the trigger matches lies on a marked line: the scan either matches there or is inside
        an earlier match, whose lines are marked."""
        got = self._hits.get(trigger)
        if got is None and not ENABLED:
            return frozenset([0] + [i + 1 for i in _newlines(self.text)])
        if got is None and isinstance(trigger, re.Pattern) and not self.may(trigger):
            got = self._hits[trigger] = frozenset()  # a gated pattern none of whose opening characters is here
        if got is None:
            text, out = self.text, set()
            if not isinstance(trigger, re.Pattern) and trigger.literals:
                out.update(self._literal_lines().get(trigger.id, ()))
            for rx, t in self._scans(trigger):
                if line_local(rx):  # no match holds a line break: the first match of a line marks it, the search
                    pos = 0  # goes on at the next line (a table's column gaps: one search a line, not one a gap)
                    while (m := rx.search(t, pos)) is not None:
                        s = m.start()
                        out.add(text.rfind("\n", 0, s) + 1)
                        pos = text.find("\n", s) + 1
                        if not pos:
                            break
                    continue
                ls, nl = 0, text.find("\n")  # the current line's start and end: matches come in text order, so
                for m in rx.finditer(t):  # each stretch is searched once or twice (linear on one huge line too)
                    s, e = m.span()
                    if 0 <= nl < s:
                        ls = text.rfind("\n", nl, s) + 1
                        nl = text.find("\n", ls)
                    out.add(ls)
                    j = nl
                    while 0 <= j < e:  # a match across line breaks marks every line it touches
                        out.add(j + 1)
                        j = text.find("\n", j + 1, e)
            got = self._hits[trigger] = frozenset(out)
        return got

    def has(self, trigger: Trigger | re.Pattern) -> bool:
        """Whether ``trigger`` matches anywhere in the text."""
        got = self._has.get(trigger)
        if got is None and not ENABLED:
            return True
        if got is None:
            if trigger in self._hits:
                got = bool(self._hits[trigger])
            elif isinstance(trigger, re.Pattern) and not self.may(trigger):
                got = False
            elif not isinstance(trigger, re.Pattern) and trigger.literals and trigger.id in self._literal_lines():
                got = True
            else:
                got = any(rx.search(t) is not None for rx, t in self._scans(trigger))
            self._has[trigger] = got
        return got


_LINE_LOCAL: dict[re.Pattern, bool] = {}


def line_local(rx: re.Pattern) -> bool:
    """Whether no match of ``rx`` can hold a line break (every element it consumes excludes "\\n": literals, classes
    that leave it out — ``[^\\S\\n]``, ``\\d``, ``\\w`` —, ``.`` without DOTALL; look-arounds and anchors consume
    nothing); False when it cannot be told (a back-reference, an inline flag, another interpreter's parser). Such a
    pattern's matches each lie on one line: :meth:`Scan.hit` needs only the first of each line."""
    got = _LINE_LOCAL.get(rx)
    if got is None:
        try:
            from re import _constants as K, _parser as P

            tree = P.parse(rx.pattern, rx.flags)
        except Exception:  # noqa: BLE001 — not parsed here: every match is read
            got = False
        else:
            nl = ord("\n")
            with_nl = {K.CATEGORY_SPACE, K.CATEGORY_NOT_DIGIT, K.CATEGORY_NOT_WORD, K.CATEGORY_LINEBREAK}
            without = {K.CATEGORY_NOT_SPACE, K.CATEGORY_DIGIT, K.CATEGORY_WORD, K.CATEGORY_NOT_LINEBREAK}
            dotall = bool(rx.flags & re.DOTALL)

            def holds(op, av) -> bool | None:  # whether the class (IN) holds "\n"; None: cannot be told
                if op is K.LITERAL:
                    return av == nl
                if op is K.RANGE:
                    return av[0] <= nl <= av[1]
                if op is K.CATEGORY:
                    return True if av in with_nl else False if av in without else None
                return None

            def ok(items) -> bool:
                for op, av in items:
                    if op in (K.AT, K.ASSERT, K.ASSERT_NOT):
                        continue
                    if op is K.LITERAL:
                        if av == nl:
                            return False
                    elif op is K.NOT_LITERAL:
                        if av != nl:
                            return False
                    elif op is K.ANY:
                        if dotall:
                            return False
                    elif op is K.IN:
                        negate, found = False, False
                        for o, a in av:
                            if o is K.NEGATE:
                                negate = True
                                continue
                            h = holds(o, a)
                            if h is None:
                                return False
                            found = found or h
                        if found != negate:  # "\n" is a member
                            return False
                    elif op is K.CATEGORY:
                        if holds(op, av) is not False:
                            return False
                    elif op is K.BRANCH:
                        if not all(ok(alt) for alt in av[1]):
                            return False
                    elif op is K.SUBPATTERN:
                        if av[1] or av[2] or not ok(av[3]):
                            return False
                    elif op in (K.MAX_REPEAT, K.MIN_REPEAT, getattr(K, "POSSESSIVE_REPEAT", K.MAX_REPEAT)):
                        if not ok(av[2]):
                            return False
                    elif op is getattr(K, "ATOMIC_GROUP", None):
                        if not ok(av):
                            return False
                    else:  # back-references, conditionals, anything else: cannot be told
                        return False
                return True

            got = ok(tree)
        _LINE_LOCAL[rx] = got
    return got


def _newlines(text: str):
    j = text.find("\n")
    while j >= 0:
        yield j
        j = text.find("\n", j + 1)


_SCANS: list[Scan] = []  # the scans of the texts being checked (the document's text and its view's)


def shared(text: str) -> Scan | None:
    """The shared :class:`Scan` of ``text`` when it is one of the texts being checked (by identity), else None."""
    for s in _SCANS:
        if s.text is text:
            return s
    return None


def scan(text: str) -> Scan:
    """The shared :class:`Scan` of ``text`` when it is one of the texts being checked (by identity), else a new one
    of its own (a line or a title a detector looks at: never kept)."""
    for s in _SCANS:
        if s.text is text:
            return s
    return Scan(text)


def lower(text: str) -> str:
    """``text.lower()``, computed once per text of the pass (the detectors reading the lower-cased view share it:
    about ten whole-text copies a report, ~8 µs each; issue 16); a text of its own is lowered as it is."""
    for s in _SCANS:
        if s.text is text:
            got = s.memo.get("lower")
            if got is None:
                got = s.memo["lower"] = text.lower()
            return got
    return text.lower()


def begin(*texts: str) -> None:
    """The texts of the document whose contamination pass starts: their scans are shared until :func:`done`."""
    _SCANS[:] = [Scan(t) for t in texts]


def done() -> None:
    """The end of a document's pass: nothing keeps its texts alive."""
    _SCANS.clear()
