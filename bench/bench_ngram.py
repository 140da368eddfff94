"""Cost of the learned n-gram scorer (checker/analysis/contamination/ngram.py) against a whole check, same run.

    python bench/bench_ngram.py [--repeat N]

On the seed report and on the ~19-page report of fixtures/generate.py (TXT and PDF): the median time of a whole
``check_bytes`` (all rules) against the same check with the foreign-text detector switched off (``ratio``),
whether the check loaded the model at all, and, for scale, what scoring the whole text once would cost
(``Model.prefix``) as a share of the check; and the time to load the model from disk (once per process).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.analysis.contamination import foreign, ngram  # noqa: E402
from checker.config import Config  # noqa: E402
from checker.engine import check_bytes  # noqa: E402
from fixtures.generate import make_report, pdf_bytes  # noqa: E402


def _median(fn, repeat: int) -> float:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return statistics.median(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python bench/bench_ngram.py", description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args(argv)
    rep = make_report(seed=7, pages=19)
    txt19 = "\n\n".join(x for kind, x in rep.blocks if kind not in ("table", "image_page")).encode("utf-8")
    inputs = [("seed (txt)", (ROOT / "fixtures" / "000_66a783b882825013.txt").read_bytes(), "seed.txt"),
              ("19 pages (txt)", txt19, "r19.txt"), ("19 pages (pdf)", pdf_bytes(rep), "r19.pdf")]
    load = _median(lambda: (ngram.load.cache_clear(), ngram.load()), a.repeat)
    model = ngram.load()
    print(f"model load (once per process, only when a segment has a structural signal): {load * 1000:.1f} ms")
    print(f"{'input':16s} {'chars':>7s} {'check':>9s} {'no scorer':>9s} {'ratio':>6s} {'loads':>5s} "
          f"{'whole-text score':>16s}")
    real = foreign.find
    for name, data, fname in inputs:
        res = check_bytes(data, fname, Config())
        text = res.analysis.doc.text
        ngram.load.cache_clear()
        check_bytes(data, fname, Config())
        loads = ngram.load.cache_info().currsize > 0
        check = _median(lambda: check_bytes(data, fname, Config()), a.repeat)
        foreign.find = lambda *x, **k: []
        try:
            base = _median(lambda: check_bytes(data, fname, Config()), a.repeat)
        finally:
            foreign.find = real
        whole = _median(lambda: model.prefix(text), a.repeat)
        print(f"{name:16s} {len(text):7d} {check * 1000:7.1f}ms {base * 1000:7.1f}ms {check / base:6.3f} "
              f"{'yes' if loads else 'no':>5s} {whole / base:15.3f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
