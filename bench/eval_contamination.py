"""Contamination evaluation on the labelled real pages (spec/contamination.md §6.3).

    python bench/eval_contamination.py [CORPUS.jsonl] [--json]

Default corpus: ../shared/corpus/real-excerpts-dev.jsonl (beside the checkout). Also runs the clean FP-stress
fixtures under fixtures/contamination/ (paraphrased government pages full of 彩票/赌博/娱乐 vocabulary).

Metrics (overlap match: a finding and a labelled span match when their character ranges overlap):
- span recall: labelled contamination-span occurrences overlapped by a reported finding (any GOV-K code except
  page chrome K010, truncation K008 and the document-level K009/K011);
- span precision: reported span findings that overlap a labelled span, over all reported span findings on the
  labelled pages — given for every reported finding and for accusations only (severity ≥ warning);
- document recall: contaminated records with ≥1 contamination finding (K009 included);
- false accusations: clean records (and clean fixtures) with a contamination error, and with a warning;
- chrome recall (side metric): labelled chrome spans overlapped by a K010/K013 finding.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.config import Config  # noqa: E402
from checker.engine import check_bytes  # noqa: E402
from checker.findings import Severity  # noqa: E402

NOT_SPAN = {"GOV-K010", "GOV-K008", "GOV-K009", "GOV-K011"}
CHROME = {"GOV-K010", "GOV-K013"}


def occurrences(text: str, span: str) -> list[tuple[int, int]]:
    out, i = [], text.find(span)
    while i >= 0:
        out.append((i, i + len(span)))
        i = text.find(span, i + 1)
    return out


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _loc(f) -> tuple[int, int]:
    return f.location.start, max(f.location.end, f.location.start + 1)


def evaluate(records: list[dict], fixtures: list[Path]) -> dict:
    m = {"labelled_spans": 0, "spans_found": 0, "reported": 0, "reported_ok": 0, "accusations": 0,
         "accusations_ok": 0, "contaminated_docs": 0, "contaminated_docs_found": 0, "clean_docs": 0,
         "clean_docs_with_error": 0, "clean_docs_with_warning": 0, "chrome_spans": 0, "chrome_found": 0,
         "fixtures": len(fixtures), "fixtures_with_error": 0, "fixtures_with_warning": 0, "misses": [],
         "false_positives": []}
    for rec in records:
        res = check_bytes(rec["text"].encode("utf-8"), f"{rec['id']}.txt", Config(select=["GOV-K"]))
        text = res.analysis.doc.text
        lab = rec["labels"]
        gold = [o for s in lab["contamination_spans"] for o in occurrences(text, s)]
        k = [f for f in res.findings if f.code.startswith("GOV-K")]
        spans = [f for f in k if f.code not in NOT_SPAN]
        if lab["contaminated"]:
            m["contaminated_docs"] += 1
            if [f for f in k if f.code not in {"GOV-K010", "GOV-K008"}]:
                m["contaminated_docs_found"] += 1
            m["labelled_spans"] += len(gold)
            for g in gold:
                if any(overlaps(g, _loc(f)) for f in spans):
                    m["spans_found"] += 1
                else:
                    m["misses"].append((rec["id"], text[g[0]:g[1]]))
        else:
            m["clean_docs"] += 1
            sev = [f.severity for f in k if f.code != "GOV-K008"]
            m["clean_docs_with_error"] += any(s >= Severity.ERROR for s in sev)
            m["clean_docs_with_warning"] += any(s >= Severity.WARNING for s in sev)
        for f in spans:
            ok = any(overlaps(g, _loc(f)) for g in gold)
            m["reported"] += 1
            m["reported_ok"] += ok
            if f.severity >= Severity.WARNING:
                m["accusations"] += 1
                m["accusations_ok"] += ok
            if not ok:
                m["false_positives"].append((rec["id"], f.code, str(f.severity), f.match[:40]))
        for c in lab.get("chrome_spans", []):
            for o in occurrences(text, c):
                m["chrome_spans"] += 1
                m["chrome_found"] += any(overlaps(o, _loc(f)) for f in k if f.code in CHROME)
    for p in fixtures:
        res = check_bytes(p.read_bytes(), p.name, Config(select=["GOV-K"]))
        sev = [f.severity for f in res.findings if f.code.startswith("GOV-K") and f.code != "GOV-K008"]
        m["fixtures_with_error"] += any(s >= Severity.ERROR for s in sev)
        m["fixtures_with_warning"] += any(s >= Severity.WARNING for s in sev)
    return m


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a (0/0)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Contamination evaluation on labelled real pages.")
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "real-excerpts-dev.jsonl"))
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON")
    args = ap.parse_args(argv)
    path = Path(args.corpus)
    if not path.exists():
        print(f"eval_contamination: {path}: no such corpus", file=sys.stderr)
        return 2
    records = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    fixtures = sorted((ROOT / "fixtures" / "contamination").glob("clean-*.txt"))
    m = evaluate(records, fixtures)
    if args.json:
        print(json.dumps(m, ensure_ascii=False, indent=2))
        return 0
    print(f"corpus: {path.name} — {len(records)} records ({m['contaminated_docs']} contaminated, "
          f"{m['clean_docs']} clean); clean fixtures: {m['fixtures']}")
    print(f"span precision (all reported)     {ratio(m['reported_ok'], m['reported'])}")
    print(f"span precision (accusations)      {ratio(m['accusations_ok'], m['accusations'])}")
    print(f"span recall (overlap)             {ratio(m['spans_found'], m['labelled_spans'])}")
    print(f"document recall                   {ratio(m['contaminated_docs_found'], m['contaminated_docs'])}")
    print(f"clean records with a K error      {m['clean_docs_with_error']} of {m['clean_docs']}")
    print(f"clean records with a K warning    {m['clean_docs_with_warning']} of {m['clean_docs']}")
    print(f"clean fixtures with a K error     {m['fixtures_with_error']} of {m['fixtures']}")
    print(f"clean fixtures with a K warning   {m['fixtures_with_warning']} of {m['fixtures']}")
    print(f"chrome span recall (K010/K013)    {ratio(m['chrome_found'], m['chrome_spans'])}")
    for rid, s in m["misses"]:
        print(f"  missed  {rid}: {s!r}")
    for fp in m["false_positives"]:
        print(f"  unlabelled finding  {fp}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
