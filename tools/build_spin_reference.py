"""Build the reference of recurring government phrasing read by the spin check (contamination/spin.py, GOV-K009).

    python tools/build_spin_reference.py [-o rules/gov-annual-report/lexicons/spin_ref.txt.gz] [--check]

The reference is the set of Han character n-grams (``spin.N`` characters) that occur in at least ``MIN_DOCS``
distinct clean government texts. A spun word (a pair of ``spin.tsv``) found outside the phrases its pair lists is
put back to its original, and the hit counts when the restored phrase is such a recurring phrase while the spun one
is not (``checker/analysis/contamination/spin.py``).

Inputs, in this order (each text is one document; ``spin.han_runs`` reads them as runs of Han characters, after
traditional → simplified):
- the pages of tests/corpus/tune.jsonl: clean pages with their chrome spans cut out, contaminated pages that are
  copies of a government text with their contamination and chrome spans cut out (not the SEO pages and spun
  copies, which are not government text);
- the official-tune half of tests/corpus/official.jsonl (never the official-measure half);
- the clean pages of ../shared/corpus/real-excerpts-dev.jsonl and the text of the real PDFs in ../shared/real,
  and ../shared/spec/domain.md (the national format's fixed wording), when present;
- the committed clean fixtures fixtures/contamination/clean-*.txt and one report made by fixtures/generate.py
  (seed 0, TXT: the generator's templates). Not the rule pack's YAML: its wording describes reports rather than
  being report text, and it changes with every rule (the reference would go stale with each edit).
Never the measure split (tests/corpus/measure.jsonl) nor the official-measure half: they are measure-only
(issue 13).

Deterministic: inputs in a fixed order, the n-grams sorted, gzip without a time stamp or file name; ``--check``
compares with the committed file and exits 1 when it differs (tests/test_spin.py runs the same comparison when
../shared is present).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.analysis.contamination import spin  # noqa: E402

SHARED = ROOT.parent / "shared"
OUT = ROOT / "rules" / "gov-annual-report" / "lexicons" / spin.REF_FILE
MIN_DOCS = 2
NOT_GOV_TEXT = {"seo_page", "spun_text"}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _cut(text: str, spans) -> str:
    for s in sorted(set(spans), key=lambda x: (-len(x), x)):
        if s:
            text = text.replace(s, "\n")
    return text


def inputs() -> tuple[list[dict], list[str]]:
    """(input records for the header, documents) in a fixed order."""
    meta: list[dict] = []
    docs: list[str] = []

    def note(name: str, data: bytes, texts: list[str]) -> None:
        meta.append({"name": name, "sha256": hashlib.sha256(data).hexdigest(), "documents": len(texts)})
        docs.extend(texts)

    tune = ROOT / "tests" / "corpus" / "tune.jsonl"
    texts = []
    for rec in _jsonl(tune):
        lab = rec["labels"]
        chrome = list(lab.get("chrome_spans") or [])
        if lab["contaminated"]:
            if NOT_GOV_TEXT & set(lab.get("contamination_kind") or []):
                continue
            texts.append(_cut(rec["text"], list(lab.get("contamination_spans") or []) + chrome))
        else:
            texts.append(_cut(rec["text"], chrome))
    note("tests/corpus/tune.jsonl", tune.read_bytes(), texts)

    sys.path.insert(0, str(ROOT / "tests" / "corpus"))
    import corpuslib

    official = ROOT / "tests" / "corpus" / "official.jsonl"
    note("tests/corpus/official.jsonl (official-tune)", official.read_bytes(),
         [_cut(r["text"], r["labels"].get("chrome_spans") or []) for r in corpuslib.load_official_split("official-tune")])

    dev = SHARED / "corpus" / "real-excerpts-dev.jsonl"
    if dev.is_file():
        note("../shared/corpus/real-excerpts-dev.jsonl", dev.read_bytes(),
             [_cut(r["text"], r["labels"].get("chrome_spans") or []) for r in _jsonl(dev)
              if not r["labels"]["contaminated"]])
    real = SHARED / "real"
    if real.is_dir():
        from checker.extract import extract

        for p in sorted(real.glob("*.pdf")):
            data = p.read_bytes()
            note(f"../shared/real/{p.name}", data, [extract(data, p.name).text])
    domain = SHARED / "spec" / "domain.md"
    if domain.is_file():
        note("../shared/spec/domain.md", domain.read_bytes(), [domain.read_text(encoding="utf-8")])

    for p in sorted((ROOT / "fixtures" / "contamination").glob("clean-*.txt")):
        data = p.read_bytes()
        note(p.relative_to(ROOT).as_posix(), data, [data.decode("utf-8")])

    from fixtures.generate import make_report, write_txt

    with tempfile.TemporaryDirectory() as tmp:
        data = write_txt(make_report(seed=0), Path(tmp) / "r0.txt").read_bytes()
        note("fixtures/generate.py seed=0 (txt)", data, [data.decode("utf-8")])
    return meta, docs


def build() -> bytes:
    meta, docs = inputs()
    df: Counter = Counter()
    for d in docs:
        df.update(spin.ngrams(d))
    grams = sorted(g for g, k in df.items() if k >= MIN_DOCS)
    header = {"format": spin.REF_FORMAT, "n": spin.N, "min_documents": MIN_DOCS, "documents": len(docs),
              "entries": len(grams), "inputs": meta}
    return (spin.REF_MAGIC + json.dumps(header, ensure_ascii=False, sort_keys=True) + "\n"
            + "\n".join(grams) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python tools/build_spin_reference.py", description=__doc__.split("\n")[0])
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="compare with the committed file; exit 1 if it differs")
    a = ap.parse_args(argv)
    data = build()
    if a.check:
        same = a.output.is_file() and gzip.decompress(a.output.read_bytes()) == data
        print("spin reference up to date" if same else f"spin reference differs from {a.output}: run {ap.prog}")
        return 0 if same else 1
    tmp = a.output.with_suffix(".tmp")
    tmp.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    tmp.replace(a.output)
    head = json.loads(data.decode("utf-8").split("\n", 1)[0][len(spin.REF_MAGIC):])
    print(f"wrote {a.output} ({head['entries']} {spin.N}-grams from {head['documents']} documents, "
          f"{a.output.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
