"""Contamination evaluation on labelled real pages, per split and per kind (spec/contamination.md §6.3).

    python bench/eval_contamination.py [--split tune|measure|dev|official-tune|official-measure|all ...]
                                       [--corpus FILE.jsonl] [--json] [-v] [--no-url]

Splits: ``tune`` and ``measure`` are tests/corpus/{tune,measure}.jsonl (issue 13: detectors are tuned on ``tune``
and the dev corpus only; ``measure`` is only measured), ``dev`` is ../shared/corpus/real-excerpts-dev.jsonl beside
the checkout, ``official-tune`` / ``official-measure`` are the two halves of tests/corpus/official.jsonl (clean pages of
official hosts only, split by the corpus rule: tune on the first, only measure the second; ``all`` leaves them out,
name them). ``--corpus`` evaluates any file of the same schema. The clean FP-stress fixtures under
fixtures/contamination/ are reported with every run. Each record is checked as the page it is: its text, and its
address (``url``) as the ``source_url`` option, as a caller that knows where a page came from passes it.

Metrics (a finding and a labelled span match when their character ranges overlap; a finding with several edits,
the pinyin annotations of GOV-K007, is matched edit by edit):
- injected-span recall: labelled contamination spans (pinyin tokens excluded; each distinct string of a record once,
  standing for all its occurrences, found when at least half of its occurrences are overlapped by a span finding:
  every GOV-K code except page chrome K010, truncation K008 and the document-level K009/K011);
- pinyin-token recall: occurrences of labelled pinyin tokens ``(hào)``/``(zheng)`` overlapped by a finding edit;
- contaminated documents accused: contaminated records with ≥1 contamination finding (any GOV-K code except
  K010/K008; the document-level K005 page-host and K009 traditional-copy findings count), and with ≥1 warning;
- precision of accusations: span findings of severity ≥ warning that overlap a labelled span, over all of them;
- clean pages with a contamination error or warning (K008 truncation excluded), and with an info finding;
- on clean pages, the contamination findings per code and severity (every one of them is unlabelled);
- per code and per detector family (``code category/kind``, the kind being the finding's ``kind`` or, when it has
  none, its first signal — the anchor), the span findings matched / unmatched, accusations (≥ warning) and info
  apart, and the clean pages with an error / a warning of that code. Printed with every run: counts only, so the
  measure split tells WHICH detector accuses wrongly on unseen pages without showing a page.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.config import Config  # noqa: E402
from checker.engine import check_bytes  # noqa: E402
from checker.findings import Severity  # noqa: E402

NOT_SPAN = {"GOV-K010", "GOV-K008", "GOV-K009", "GOV-K011"}  # K009 spin signatures are spans (below)
NOT_CONTAMINATION = {"GOV-K010", "GOV-K008"}
CHROME = {"GOV-K010", "GOV-K013"}
PINYIN_TOKEN = re.compile(r"^[(（]\s?[A-Za-zÀ-ÿĀ-ǜ]{1,7}[1-5]?\s?[)）]$")
SPLITS = {"tune": ROOT / "tests" / "corpus" / "tune.jsonl", "measure": ROOT / "tests" / "corpus" / "measure.jsonl",
          "dev": ROOT.parent / "shared" / "corpus" / "real-excerpts-dev.jsonl"}
sys.path.insert(0, str(ROOT / "tests" / "corpus"))
import corpuslib  # noqa: E402

OFFICIAL = {name: corpuslib.OFFICIAL for name in corpuslib.OFFICIAL_SPLITS}  # halves of one file
TARGETS = {"span_recall": 0.90, "pinyin_recall": 0.98, "docs_accused": 0.95, "precision": 0.98}


def occurrences(text: str, span: str) -> list[tuple[int, int]]:
    out, i = [], text.find(span)
    while i >= 0 and span:
        out.append((i, i + len(span)))
        i = text.find(span, i + 1)
    return out


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def ranges(f) -> list[tuple[int, int]]:
    """The character ranges a finding points at: its fix's edits when it has several, else its location."""
    if f.fix and len(f.fix.edits) > 1:
        return [(e.start, max(e.end, e.start + 1)) for e in f.fix.edits]
    return [(f.location.start, max(f.location.end, f.location.start + 1))]


def doc_level(f) -> bool:
    return f.location.end <= f.location.start


def load(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def load_split(name: str) -> list[dict]:
    """The records of a named split (the official halves are computed from official.jsonl by the corpus rule)."""
    if name in OFFICIAL:
        return corpuslib.load_official_split(name)
    return load(SPLITS[name])


def family(f) -> str:
    """The detector family of a finding: its code, category and kind (or, without a kind, its first signal)."""
    e = f.evidence or {}
    sub = e.get("kind") if isinstance(e.get("kind"), str) else None
    if not sub:
        sig = e.get("signals") or []
        sub = sig[0].get("signal") if sig and isinstance(sig[0], dict) else None
    return f"{f.code} {e.get('category') or '-'}" + (f"/{sub}" if sub else "")


def _tally() -> dict:
    return {"accusations": 0, "accusations_ok": 0, "info": 0, "info_ok": 0,
            "clean_error_pages": 0, "clean_warning_pages": 0}


def _new() -> dict:
    return {"records": 0, "spans": 0, "spans_found": 0, "pinyin": 0, "pinyin_found": 0, "accusations": 0,
            "accusations_ok": 0, "reported": 0, "reported_ok": 0, "contaminated": 0, "accused": 0,
            "accused_warning": 0, "clean": 0, "clean_error": 0, "clean_warning": 0, "clean_info": 0, "chrome": 0,
            "chrome_found": 0}


def check_record(rec: dict, use_url: bool = True):
    """Check one record; ``use_url=False`` checks the page as text alone, as a caller that does not know its
    address does (``--no-url``)."""
    opts = {"source_url": rec["url"]} if use_url and rec.get("url") else {}
    return check_bytes(rec["text"].encode("utf-8"), f"{rec['id']}.txt", Config(select=["GOV-K"], options=opts))


def evaluate(records: list[dict], use_url: bool = True) -> dict:
    m = _new()
    kinds: dict[str, dict] = defaultdict(_new)
    misses, false_pos, missed_docs, accused_clean = [], [], [], []
    clean_codes: dict[str, int] = defaultdict(int)
    by_code: dict[str, dict] = defaultdict(_tally)
    by_family: dict[str, dict] = defaultdict(_tally)
    for rec in records:
        res = check_record(rec, use_url)
        text = res.analysis.doc.text
        lab = rec["labels"]
        k = [f for f in res.findings if f.code.startswith("GOV-K")]
        spans = [f for f in k if (f.code not in NOT_SPAN or (f.evidence or {}).get("category") == "spin")
                 and not doc_level(f)]
        found = [r for f in spans for r in ranges(f)]
        gold = []
        groups = [m] + [kinds[x] for x in (lab.get("contamination_kind") or [])] if lab["contaminated"] else [m]
        if not lab["contaminated"]:
            groups.append(kinds["(clean)"])
        for g in groups:
            g["records"] += 1
        if lab["contaminated"]:
            conta = [f for f in k if f.code not in NOT_CONTAMINATION]
            for g in groups:
                g["contaminated"] += 1
                g["accused"] += bool(conta)
                g["accused_warning"] += any(f.severity >= Severity.WARNING for f in conta)
            if not conta:
                missed_docs.append((rec["id"], lab.get("contamination_kind")))
            for s in dict.fromkeys(lab["contamination_spans"]):
                pin = bool(PINYIN_TOKEN.match(s))
                occ = occurrences(text, s)
                if not occ:
                    continue
                gold.extend(occ)
                hits = [any(overlaps(o, r) for r in found) for o in occ]
                for g in groups:
                    if pin:  # pinyin tokens are counted one by one
                        g["pinyin"] += len(occ)
                        g["pinyin_found"] += sum(hits)
                    else:  # a labelled span stands for all its occurrences: found when most of them are
                        g["spans"] += 1
                        g["spans_found"] += 2 * sum(hits) >= len(hits)
                if not all(hits):
                    misses.append((rec["id"], s))
        else:
            sev = [f.severity for f in k if f.code not in NOT_CONTAMINATION]
            for f in k:
                if f.code not in NOT_CONTAMINATION:
                    clean_codes[f"{f.code} {f.severity}"] += 1
            for table, key in ((by_code, lambda f: f.code), (by_family, family)):
                for name in {key(f) for f in k if f.code not in NOT_CONTAMINATION and f.severity >= Severity.ERROR}:
                    table[name]["clean_error_pages"] += 1
                for name in {key(f) for f in k if f.code not in NOT_CONTAMINATION and f.severity >= Severity.WARNING}:
                    table[name]["clean_warning_pages"] += 1
            for g in groups:
                g["clean"] += 1
                g["clean_error"] += any(s >= Severity.ERROR for s in sev)
                g["clean_warning"] += any(s >= Severity.WARNING for s in sev)
                g["clean_info"] += bool(sev)
            if any(s >= Severity.WARNING for s in sev):
                accused_clean.append((rec["id"], [(f.code, f.match[:40]) for f in k
                                                  if f.severity >= Severity.WARNING and f.code not in NOT_CONTAMINATION]))
        for f in spans:
            ok = any(overlaps(g, r) for g in gold for r in ranges(f))
            for t in (by_code[f.code], by_family[family(f)]):
                pre = "accusations" if f.severity >= Severity.WARNING else "info"
                t[pre] += 1
                t[pre + "_ok"] += ok
            for g in groups:
                g["reported"] += 1
                g["reported_ok"] += ok
                if f.severity >= Severity.WARNING:
                    g["accusations"] += 1
                    g["accusations_ok"] += ok
            if not ok:
                false_pos.append((rec["id"], f.code, str(f.severity), f.match[:40]))
        for c in lab.get("chrome_spans", []):
            for o in occurrences(text, c):
                m["chrome"] += 1
                m["chrome_found"] += any(overlaps(o, r) for f in k if f.code in CHROME for r in ranges(f))
    m["kinds"] = dict(sorted(kinds.items()))
    m["clean_codes"] = dict(sorted(clean_codes.items()))
    m["by_code"], m["by_family"] = dict(sorted(by_code.items())), dict(sorted(by_family.items()))
    m["misses"], m["false_positives"], m["missed_docs"], m["accused_clean"] = misses, false_pos, missed_docs, accused_clean
    return m


def fixtures_check() -> dict:
    out = {"fixtures": 0, "with_error": 0, "with_warning": 0}
    for p in sorted((ROOT / "fixtures" / "contamination").glob("clean-*.txt")):
        res = check_bytes(p.read_bytes(), p.name, Config(select=["GOV-K"]))
        sev = [f.severity for f in res.findings if f.code.startswith("GOV-K") and f.code not in NOT_CONTAMINATION]
        out["fixtures"] += 1
        out["with_error"] += any(s >= Severity.ERROR for s in sev)
        out["with_warning"] += any(s >= Severity.WARNING for s in sev)
    return out


def figures(m: dict) -> dict:
    """The headline figures of one evaluation (None where there is nothing to measure)."""
    def r(a, b):
        return round(m[a] / m[b], 3) if m[b] else None

    return {"span_recall": r("spans_found", "spans"), "pinyin_recall": r("pinyin_found", "pinyin"),
            "docs_accused": r("accused", "contaminated"), "docs_accused_warning": r("accused_warning", "contaminated"),
            "precision": r("accusations_ok", "accusations"), "precision_all": r("reported_ok", "reported"),
            "clean_accused": m["clean_warning"], "clean_error": m["clean_error"], "clean_info": m["clean_info"],
            "clean": m["clean"]}


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a (0/0)"


def report(name: str, m: dict, verbose: bool) -> None:
    print(f"== {name}: {m['records']} records ({m['contaminated']} contaminated, {m['clean']} clean)")
    print(f"  injected-span recall           {ratio(m['spans_found'], m['spans'])}")
    print(f"  pinyin-token recall            {ratio(m['pinyin_found'], m['pinyin'])}")
    print(f"  contaminated documents accused {ratio(m['accused'], m['contaminated'])}  "
          f"(with a warning or error: {ratio(m['accused_warning'], m['contaminated'])})")
    print(f"  precision of accusations       {ratio(m['accusations_ok'], m['accusations'])}  "
          f"(all span findings: {ratio(m['reported_ok'], m['reported'])})")
    print(f"  clean pages with a K error / warning   {m['clean_error']} / {m['clean_warning']} of {m['clean']}")
    if m["contaminated"] == 0:  # a file of clean pages only (the official halves)
        print(f"  clean pages with any K finding (info included)   {m['clean_info']} of {m['clean']}")
        print("  findings on clean pages per code: " + (", ".join(f"{c} x{n}" for c, n in m["clean_codes"].items())
                                                       or "none"))
    print(f"  chrome span recall (K010/K013) {ratio(m['chrome_found'], m['chrome'])}")
    print("  per kind: records | span recall | pinyin recall | docs accused | precision")
    for kind, g in m["kinds"].items():
        print(f"    {kind:24s} {g['records']:3d} | {ratio(g['spans_found'], g['spans']):16s} | "
              f"{ratio(g['pinyin_found'], g['pinyin']):16s} | {ratio(g['accused'], g['contaminated']):14s} | "
              f"{ratio(g['accusations_ok'], g['accusations'])}")
    breakdown(m)
    if verbose:
        for rid, s in m["misses"]:
            print(f"    missed span  {rid}: {s!r}")
        for rid, kinds in m["missed_docs"]:
            print(f"    missed doc   {rid}: {kinds}")
        for fp in m["false_positives"]:
            print(f"    unlabelled finding  {fp}")
        for rid, fs in m["accused_clean"]:
            print(f"    clean page accused  {rid}: {fs}")


def breakdown(m: dict) -> None:
    """Per code, then per detector family: span findings matched / unmatched (accusations ≥ warning, info apart) and
    the clean pages with an error / a warning of it. Counts only (no text, offset or record id)."""
    def row(name: str, t: dict) -> str:
        return (f"    {name:44s} {t['accusations_ok']:4d} / {t['accusations'] - t['accusations_ok']:3d} | "
                f"{t['info_ok']:4d} / {t['info'] - t['info_ok']:3d} | "
                f"{t['clean_error_pages']:3d} / {t['clean_warning_pages']:3d}")

    print("  per code: accusations matched / unmatched | info matched / unmatched | clean pages error / warning")
    for code, t in m["by_code"].items():
        print(row(code, t))
    print("  per detector family (code category/kind or first signal), same columns")
    for fam, t in m["by_family"].items():
        print(row(fam, t))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Contamination evaluation on labelled real pages, per split and kind.")
    ap.add_argument("--split", action="append", choices=[*SPLITS, *OFFICIAL, "all"],
                    help="split(s) to evaluate (default: all = tune, measure, dev)")
    ap.add_argument("--corpus", help="evaluate this JSONL file instead")
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and unlabelled findings")
    ap.add_argument("--no-url", action="store_true", help="check each page without its address (no source_url)")
    args = ap.parse_args(argv)
    if args.corpus:
        todo = {Path(args.corpus).stem: Path(args.corpus)}
    else:
        names = [s for s in SPLITS] if not args.split or "all" in args.split else args.split
        todo = {n: OFFICIAL.get(n) or SPLITS[n] for n in names}
    out = {}
    for name, path in todo.items():
        if not path.exists():
            print(f"eval_contamination: {path}: no such corpus", file=sys.stderr)
            if args.corpus:
                return 2
            continue
        m = evaluate(load(path) if args.corpus else load_split(name), use_url=not args.no_url)
        out[name] = m
        if not args.json:
            report(name + (" (each page as text alone, no address)" if args.no_url else ""), m, args.verbose)
    fx = fixtures_check()
    if args.json:
        print(json.dumps({"use_url": not args.no_url,
                          "splits": {n: {"figures": figures(m), **m} for n, m in out.items()}, "fixtures": fx},
                         ensure_ascii=False, indent=2))
    else:
        print(f"== clean FP-stress fixtures: {fx['with_error']} with a K error, {fx['with_warning']} with a warning "
              f"of {fx['fixtures']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
