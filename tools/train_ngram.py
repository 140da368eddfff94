"""Train the character n-gram model of the contamination pass (checker/analysis/contamination/ngram.py).

    python tools/train_ngram.py [-o rules/gov-annual-report/lexicons/ngram.json.gz] [--check]

Deterministic: inputs read in a fixed order, counts iterated in sorted order, weights rounded to 2 decimals, JSON
written with sorted keys, gzip without a time stamp or file name; running it twice gives the same bytes. ``--check`` compares with the committed model
and exits 1 when they differ (the normal suite runs the same comparison: tests/test_ngram.py).

Report side (class R):
- the clean pages of tests/corpus/tune.jsonl with their chrome spans cut out, and the contaminated ones with their
  contamination and chrome spans cut out (not the SEO pages and spun copies, which are not report text);
- the clean pages of ../shared/corpus/real-excerpts-dev.jsonl, chrome cut out (when present);
- the text of the real PDFs in ../shared/real (when present; the model does not need them);
- the committed clean fixtures fixtures/contamination/clean-*.txt;
- two reports made by fixtures/generate.py (seeds 0 and 1, TXT; two only, so the template does not dominate).
Foreign side (class F):
- the contamination spans of the tune pages (pinyin tokens left out: they are provenance, not foreign text);
- tools/ngram_data/foreign_pages.jsonl: excerpts of spam and foreign pages from the search tool's ``pages`` store
  (lottery-tip and betting tag pages, web novels, portal menus, gossip, game pages; queries and URLs recorded;
  see tools/ngram_data/README.md);
- the deny lexicons of the pack (brands with their suffixes, gambling words, porn words, SEO signatures, calls to
  action);
- the phrase list of pypinyin (general vocabulary: idioms and words of every register).
Never the measure split (tests/corpus/measure.jsonl): it is measure-only (issue 13).

Model: character trigram models of both classes, Witten-Bell interpolated (trigram → bigram → unigram → uniform:
a history followed by many distinct characters leaves more to the shorter one, so the large report side is sure of
its register and the small foreign side is not). Stored as log-ratios foreign/report: for every trigram and bigram
seen in either class (kept when it differs from what the shorter n-gram gives by at least PRUNE), for every
character, and the log-ratio of the two models' back-off shares for every history; each value clipped to ±CLIP
and rounded to 2 decimals.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import math
import re
import sys
import tempfile
from array import array
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.analysis.contamination import ngram  # noqa: E402

SHARED = ROOT.parent / "shared"
OUT = ROOT / "rules" / "gov-annual-report" / "lexicons" / "ngram.json.gz"
CLIP = 3.0
PRUNE = 0.5
PRUNE_BACKOFF = 0.1
PRUNE_BACKOFF2 = 0.75  # two-character histories: most are seen once, in one class only
PINYIN_TOKEN = re.compile(r"^[(（]\s?[A-Za-zÀ-ÿĀ-ǜ]{1,7}[1-5]?\s?[)）]$")
NOT_REPORT_KINDS = {"seo_page", "spun_text"}
SEP = ngram.SEP
FOREIGN_FAMILIES = ("G1", "G1c", "G2", "G3", "G4", "G5")
GENERATED_SEEDS = (0, 1)
SPAM_WEIGHT = 4  # the spam and foreign-page inputs count this many times against the general vocabulary


def _cut(text: str, spans) -> str:
    """``text`` with every occurrence of every span cut out (longest first; a line's own span leaves the line empty,
    an in-sentence one joins the sentence back)."""
    for s in sorted(set(spans), key=lambda x: (-len(x), x)):
        if s:
            text = text.replace(s, "")
    return text


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def inputs() -> tuple[list[dict], list[tuple[str, int]], list[tuple[str, int]]]:
    """(input records for the header, report texts, foreign texts), texts with their weights, in a fixed order."""
    meta: list[dict] = []
    rep: list[tuple[str, int]] = []
    fgn: list[tuple[str, int]] = []

    def note(name: str, data: bytes, r: list[str], f: list[str], weight: int = 1) -> None:
        meta.append({"name": name, "sha256": _sha(data), "report_chars": sum(map(len, r)),
                     "foreign_chars": sum(map(len, f)), **({"weight": weight} if weight != 1 else {})})
        rep.extend((t, 1) for t in r)
        fgn.extend((t, weight) for t in f)

    tune = ROOT / "tests" / "corpus" / "tune.jsonl"
    r, f = [], []
    for rec in _jsonl(tune):
        lab = rec["labels"]
        spans = list(dict.fromkeys(lab.get("contamination_spans") or []))
        if lab["contaminated"]:
            f.extend(s for s in spans if not PINYIN_TOKEN.match(s.strip()))
            if NOT_REPORT_KINDS & set(lab.get("contamination_kind") or []):
                continue
        r.append(_cut(rec["text"], spans + list(lab.get("chrome_spans") or [])))
    note("tests/corpus/tune.jsonl", tune.read_bytes(), r, f, SPAM_WEIGHT)

    dev = SHARED / "corpus" / "real-excerpts-dev.jsonl"
    if dev.is_file():
        r = [_cut(rec["text"], rec["labels"].get("chrome_spans") or []) for rec in _jsonl(dev)
             if not rec["labels"]["contaminated"]]
        note("../shared/corpus/real-excerpts-dev.jsonl", dev.read_bytes(), r, [])

    real = SHARED / "real"
    if real.is_dir():
        from checker.extract import extract

        for p in sorted(real.glob("*.pdf")):
            data = p.read_bytes()
            note(f"../shared/real/{p.name}", data, [extract(data, p.name).text], [])

    for p in sorted((ROOT / "fixtures" / "contamination").glob("clean-*.txt")):
        data = p.read_bytes()
        note(p.relative_to(ROOT).as_posix(), data, [data.decode("utf-8")], [])

    from fixtures.generate import make_report, write_txt

    with tempfile.TemporaryDirectory() as tmp:
        for seed in GENERATED_SEEDS:
            data = write_txt(make_report(seed=seed), Path(tmp) / f"r{seed}.txt").read_bytes()
            note(f"fixtures/generate.py seed={seed} (txt)", data, [data.decode("utf-8")], [])

    pages = ROOT / "tools" / "ngram_data" / "foreign_pages.jsonl"
    note(pages.relative_to(ROOT).as_posix(), pages.read_bytes(), [], [rec["text"] for rec in _jsonl(pages)],
         SPAM_WEIGHT)

    # general vocabulary (the phrase list of pypinyin, a dependency): the foreign side is "Chinese that is not the
    # report's register", so a word no report uses is not read as report text because the spam pages are few
    import pypinyin
    from pypinyin import phrases_dict

    words = sorted(phrases_dict.phrases_dict)
    note(f"pypinyin {pypinyin.__version__} phrases_dict ({len(words)} phrases)",
         "\n".join(words).encode("utf-8"), [], words)

    from checker.analysis.contamination import lexicon

    lexdir = ROOT / "rules" / "gov-annual-report" / "lexicons"
    lex = lexicon.load(str(lexdir))
    f = []
    for e in lex.entries:
        if e.family not in FOREIGN_FAMILIES:
            continue
        if e.family == "G1c":  # a core is a brand only with its suffixes: the formed entries
            f.extend(e.term + s for s in e.suffix)
        else:
            f.append(e.term)
    f = sorted(set(f))
    h = hashlib.sha256()
    for p in sorted(lexdir.glob("*.txt")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    note("rules/gov-annual-report/lexicons/*.txt (deny families)", h.hexdigest().encode(), [], f, SPAM_WEIGHT)
    return meta, rep, fgn


class Counts:
    """N-gram counts of one class and its Witten-Bell interpolated model (lower order: bigram, unigram, uniform)."""

    def __init__(self, texts: list[tuple[str, int]], v: int = 0):
        self.c1: Counter = Counter()
        self.c2: Counter = Counter()
        self.c3: Counter = Counter()
        self.raw2: Counter = Counter()  # unweighted: how often an n-gram was really seen (pruning)
        self.raw3: Counter = Counter()
        self.heavy: set = set()  # n-grams seen in a weighted (spam) input: kept even when seen once
        for t, w in texts:
            p = ngram.PAD + ngram.normalise(t)
            for c in p[2:]:
                self.c1[c] += w
            for g in (p[i:i + 2] for i in range(1, len(p) - 1)):
                self.c2[g] += w
                self.raw2[g] += 1
                if w > 1:
                    self.heavy.add(g)
            for g in (p[i:i + 3] for i in range(len(p) - 2)):
                self.c3[g] += w
                self.raw3[g] += 1
                if w > 1:
                    self.heavy.add(g)
        self.n1 = sum(self.c1.values())
        # per history: tokens that follow it (N) and distinct characters that follow it (T)
        self.n_h1: Counter = Counter()
        self.t_h1: Counter = Counter()
        self.n_h2: Counter = Counter()
        self.t_h2: Counter = Counter()
        for g in sorted(self.c2):
            self.n_h1[g[0]] += self.c2[g]
            self.t_h1[g[0]] += 1
        for g in sorted(self.c3):
            self.n_h2[g[:2]] += self.c3[g]
            self.t_h2[g[:2]] += 1
        self.v = v

    def p1(self, c: str) -> float:
        t0 = len(self.c1)
        return (self.c1[c] + t0 / self.v) / (self.n1 + t0)

    def bo1(self, h: str) -> float:
        """The share of probability a one-character history leaves to the unigram (1 for an unseen history)."""
        n, t = self.n_h1[h], self.t_h1[h]
        return t / (n + t) if n else 1.0

    def bo2(self, h: str) -> float:
        n, t = self.n_h2[h], self.t_h2[h]
        return t / (n + t) if n else 1.0

    def p2(self, g: str) -> float:
        n, t = self.n_h1[g[0]], self.t_h1[g[0]]
        return (self.c2[g] + t * self.p1(g[1])) / (n + t) if n else self.p1(g[1])

    def p3(self, g: str) -> float:
        n, t = self.n_h2[g[:2]], self.t_h2[g[:2]]
        return (self.c3[g] + t * self.p2(g[1:])) / (n + t) if n else self.p2(g[1:])


def _w(x: float) -> float:
    return round(max(-CLIP, min(CLIP, x)), 2)


def train() -> dict:
    meta, rep, fgn = inputs()
    vocab = sorted(set(ngram.normalise("".join(t for t, _ in rep + fgn))))
    v = len(vocab) + 1
    R, F = Counts(rep, v), Counts(fgn, v)
    uni = {c: _w(math.log(F.p1(c) / R.p1(c))) for c in vocab}
    bo1 = {h: _w(math.log(F.bo1(h) / R.bo1(h))) for h in sorted(set(R.n_h1) | set(F.n_h1))}
    bo1 = {h: w for h, w in bo1.items() if abs(w) >= PRUNE_BACKOFF}
    bi = {}
    for g in sorted(set(R.c2) | set(F.c2)):
        w = _w(math.log(F.p2(g) / R.p2(g)))
        if abs(w - (bo1.get(g[0], 0.0) + uni.get(g[1], 0.0))) >= PRUNE and (F.raw2[g] + R.raw2[g] >= 2 or g in F.heavy):
            bi[g] = w
    bo2 = {h: _w(math.log(F.bo2(h) / R.bo2(h))) for h in sorted(set(R.n_h2) | set(F.n_h2))}
    bo2 = {h: w for h, w in bo2.items() if abs(w) >= PRUNE_BACKOFF2}
    tri = {}
    for g in sorted(set(R.c3) | set(F.c3)):
        w = _w(math.log(F.p3(g) / R.p3(g)))
        low = bi.get(g[1:], bo1.get(g[1], 0.0) + uni.get(g[2], 0.0))
        if abs(w - (bo2.get(g[:2], 0.0) + low)) >= PRUNE and (F.raw3[g] + R.raw3[g] >= 2 or g in F.heavy):
            tri[g] = w
    tables = {"tri": tri, "bi": bi, "uni": {c: w for c, w in uni.items() if w},
              "bo2": bo2,
              "bo1": {h: w for h, w in bo1.items() if abs(w) >= PRUNE_BACKOFF}}
    tables = {k: {g: w for g, w in t.items() if ngram.SEP not in g} for k, t in tables.items()}
    body = tables_json({k: {g: round(w * ngram.SCALE) for g, w in t.items()} for k, t in tables.items()})
    header = {"format": ngram.FORMAT, "order": 3, "smoothing": "witten-bell", "clip": CLIP, "prune": PRUNE, "prune_backoff": [PRUNE_BACKOFF, PRUNE_BACKOFF2],
              "prior": ngram.PRIOR, "vocabulary": len(vocab), "report_chars": sum(len(t) for t, _ in rep), "foreign_chars": sum(len(t) for t, _ in fgn),
              "entries": {k: len(x) for k, x in tables.items()}, "inputs": meta,
              "tables_sha256": _sha(body.encode("utf-8")), "script": "tools/train_ngram.py"}
    return {"header": header, **tables}


def tables_json(tables: dict) -> str:
    """The canonical text of the tables as stored (integer weights), whose SHA-256 the header records."""
    return json.dumps(tables, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps(model: dict) -> bytes:
    """The model file: the header (indented, for a reader), then each table: its keys joined by U+001F and its
    weights (log-ratios × SCALE) as little-endian int16, base64 (fast to load: one split, one array per table)."""
    head = json.dumps(model["header"], ensure_ascii=False, sort_keys=True, indent=1)
    lines = ['{"header": ' + head + ",", '"tables": {']
    keys = sorted(k for k in model if k != "header")
    for i, k in enumerate(keys):
        items = sorted(model[k].items())
        if any(SEP in g for g, _ in items):  # pragma: no cover - normalise never yields it
            raise ValueError("an n-gram holds the key separator")
        sep = "," if i < len(keys) - 1 else ""
        w = array("h", (round(x * ngram.SCALE) for _, x in items))
        if sys.byteorder == "big":  # pragma: no cover - the file is little-endian
            w.byteswap()
        lines.append(json.dumps(k) + ": {" + '"keys": ' + json.dumps(SEP.join(g for g, _ in items), ensure_ascii=False)
                     + ', "weights": "' + base64.b64encode(w.tobytes()).decode("ascii") + '"}' + sep)
    lines.append("}}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def compress(data: bytes) -> bytes:
    """gzip with no file name and time stamp 0 (the same bytes on every run)."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python tools/train_ngram.py", description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="compare with the committed model; exit 1 if it differs")
    a = ap.parse_args(argv)
    data = dumps(train())
    if a.check:
        same = a.output.is_file() and gzip.decompress(a.output.read_bytes()) == data
        print("ngram model up to date" if same else f"ngram model differs from {a.output}: run tools/train_ngram.py")
        return 0 if same else 1
    tmp = a.output.with_suffix(".tmp")
    tmp.write_bytes(compress(data))
    tmp.replace(a.output)
    h = json.loads(data)["header"]
    print(f"wrote {a.output} ({len(data)} bytes, {a.output.stat().st_size} compressed; {h['entries']}; report {h['report_chars']} chars, "
          f"foreign {h['foreign_chars']} chars)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
