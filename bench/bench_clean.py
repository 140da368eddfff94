"""Benchmark (not a test): ``reportlint clean`` against ``reportlint check`` of the same page, as the page grows.

A generated report with a tone-marked reading after every third Chinese character (a pinyin mirror's copy: one
GOV-K007 finding with one edit per annotation) is written as HTML, DOCX and text at 1x, 4x and 16x its length.
For each, in-process and in the same run, the CPU time of the check (``check_bytes``, as ``clean`` runs it) and
of what ``clean`` adds to it (the plan, the cleaned copy and the JSON removal log, as ``runner.clean`` makes them)
are measured, the minimum of ``--repeat`` runs, and printed as ``clean/check`` — a ratio that stays flat as the
page grows means cleaning is linear like checking (it was quadratic in the number of annotations: an 80 KB page
took a minute and wrote a 1.3 GB log).

    python bench/bench_clean.py [--repeat 3] [--sizes 1 4 16]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def annotated(repeat: int) -> str:
    from fixtures import generate as g

    with tempfile.TemporaryDirectory() as d:
        plain = g.write_txt(g.make_report(seed=5, year=2023), Path(d) / "p.txt").read_text(encoding="utf-8")
    return "\n".join([g.pinyin_annotate(plain)] * repeat)


def as_bytes(text: str, ext: str) -> bytes:
    if ext == "txt":
        return text.encode("utf-8")
    if ext == "html":
        body = "".join(f"<p>{x}</p>\n" for x in text.split("\n"))
        return f"<html><head><meta charset=\"utf-8\"></head><body>\n{body}</body></html>\n".encode("utf-8")
    import io

    import docx

    d = docx.Document()
    for x in text.split("\n"):
        d.add_paragraph(x)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    args = ap.parse_args(argv)
    from checker import clean
    from checker.config import Config
    from checker.engine import check_bytes

    cfg = Config(select=["GOV-K"])  # as `reportlint clean` checks
    print(f"load average at start {os.getloadavg()[0]:.1f}")
    print(f"{'format':6} {'size':>5} {'chars':>8} {'removals':>8} {'check s':>8} {'clean s':>8} {'clean/check':>11}"
          f" {'log KB':>8}")
    for ext in ("txt", "html", "docx"):
        for size in args.sizes:
            data = as_bytes(annotated(size), ext)
            name = f"page.{ext}"
            t_check, t_clean, n, log_kb = [], [], 0, 0
            for _ in range(args.repeat):
                t0 = time.process_time()
                res = check_bytes(data, name, cfg)
                t_check.append(time.process_time() - t0)
                fmt, doc = res.format or "text", res.analysis.doc
                t0 = time.process_time()
                removals = clean.plan_for(fmt, doc.text, res.findings)
                clean.write(fmt, data, doc.text, removals, doc.encoding)
                log = json.dumps({"removed": [r.to_dict() for r in removals]}, ensure_ascii=False)
                t_clean.append(time.process_time() - t0)
                n, log_kb = len(removals), len(log.encode("utf-8")) // 1024
            a, b = min(t_check), min(t_clean)
            print(f"{ext:6} {size:>4}x {len(data):>8} {n:>8} {a:>8.3f} {b:>8.3f} {b / a:>11.2f} {log_kb:>8}")
    print(f"load average at end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
