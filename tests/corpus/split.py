"""Split the corpus into tune.jsonl / measure.jsonl and write the counts table of README.md.

    python tests/corpus/split.py          # re-split (existing pages never move) and rewrite the README table
    python tests/corpus/split.py --check  # exit 1 if the files or the README table are not what the rule gives

The rule (see corpuslib.assign): per stratum, pages in id order are paired; the first of a pair goes to the split
given by the parity of sha256(url), the second to the other one.
"""
from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpuslib as cl  # noqa: E402

README = cl.HERE / "README.md"
BEGIN, END = "<!-- counts:begin -->", "<!-- counts:end -->"
QBEGIN, QEND = "<!-- queries:begin -->", "<!-- queries:end -->"
QUERIES = cl.HERE / "queries.txt"
OBEGIN, OEND = "<!-- official-counts:begin -->", "<!-- official-counts:end -->"


def counts_table(records: list[dict], split: dict[str, str]) -> str:
    rows = collections.OrderedDict()
    def bump(key, s):
        rows.setdefault(key, collections.Counter())[s] += 1
    for r in records:
        s = split[r["id"]]
        lab = r["labels"]
        bump("pages", s)
        bump("contaminated" if lab["contaminated"] else "clean", s)
        if not lab["contaminated"] and cl.TRAP_RE.search(r["text"]):
            bump("clean with trap vocabulary", s)
    kind_rows = collections.OrderedDict()
    for k in cl.KINDS:
        c = collections.Counter(split[r["id"]] for r in records if k in r["labels"]["contamination_kind"])
        if c:
            kind_rows["kind `" + k + "`"] = c
    spans = collections.Counter()
    for r in records:
        spans[split[r["id"]]] += len(r["labels"]["contamination_spans"])
    out = ["| | tune | measure | total |", "|---|---:|---:|---:|"]
    for key, c in list(rows.items()) + list(kind_rows.items()) + [("contamination spans", spans)]:
        out.append(f"| {key} | {c['tune']} | {c['measure']} | {c['tune'] + c['measure']} |")
    return "\n".join(out)


def official_table(records: list[dict]) -> str:
    """Counts of official.jsonl per half: pages, pages with trap vocabulary, levels, SAR portals."""
    split = cl.assign_official(records)
    rows = collections.OrderedDict()
    def bump(key, r):
        rows.setdefault(key, collections.Counter())[split[r["id"]]] += 1
    for key in ("pages", "with trap vocabulary", "annual reports (年度报告)", "other page kinds",
                *(f"level `{lv}`" for lv in cl.LEVELS), "Macau / Hong Kong SAR portals"):
        rows[key] = collections.Counter()
    for r in records:
        bump("pages", r)
        if cl.TRAP_RE.search(r["text"]):
            bump("with trap vocabulary", r)
        bump("annual reports (年度报告)" if r["format"] != "unknown" else "other page kinds", r)
        bump(f"level `{r['level']}`", r)
        if not (r["url"] or "").split("/")[2].endswith("gov.cn"):
            bump("Macau / Hong Kong SAR portals", r)
    rows = collections.OrderedDict((k, c) for k, c in rows.items() if c)
    a, b = cl.OFFICIAL_SPLITS
    out = [f"| | {a} | {b} | total |", "|---|---:|---:|---:|"]
    for key, c in rows.items():
        out.append(f"| {key} | {c[a]} | {c[b]} | {c[a] + c[b]} |")
    return "\n".join(out)


def render(records, split) -> str:
    text = README.read_text(encoding="utf-8")
    table = counts_table(records, split)
    text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda m: BEGIN + "\n" + table + "\n" + END, text,
                  flags=re.S)
    if OBEGIN in text:
        otable = official_table(cl.load_official())
        text = re.sub(re.escape(OBEGIN) + ".*?" + re.escape(OEND), lambda m: OBEGIN + "\n" + otable + "\n" + OEND,
                      text, flags=re.S)
    qs = [q.strip() for q in QUERIES.read_text(encoding="utf-8").splitlines() if q.strip()]
    qlist = "\n".join(f"{i}. 「{q}」" for i, q in enumerate(qs, 1))
    return re.sub(re.escape(QBEGIN) + ".*?" + re.escape(QEND), lambda m: QBEGIN + "\n" + qlist + "\n" + QEND, text,
                  flags=re.S)


def main(argv):
    records = cl.load_all()
    split = cl.assign(records)
    files = {s: "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records if split[r["id"]] == s)
             for s in cl.SPLITS}
    readme = render(records, split)
    if "--check" in argv:
        bad = [s for s in cl.SPLITS if (cl.HERE / f"{s}.jsonl").read_text(encoding="utf-8") != files[s]]
        if readme != README.read_text(encoding="utf-8"):
            bad.append("README.md")
        if bad:
            print("out of date:", ", ".join(bad), "(run python tests/corpus/split.py)")
            return 1
        return 0
    before = {r["id"]: s for s in cl.SPLITS for r in cl.load(s)}
    moved = [i for i, s in before.items() if split[i] != s]
    if moved:
        print("refusing: these pages would change split:", moved)
        return 1
    for s in cl.SPLITS:
        (cl.HERE / f"{s}.jsonl").write_text(files[s], encoding="utf-8")
    README.write_text(readme, encoding="utf-8")
    print(counts_table(records, split))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
