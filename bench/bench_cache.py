"""Benchmark (not a test): the result cache on an unchanged file.

Generates a realistic report (fixtures/generate.py) as PDF, DOCX, HTML and text, checks each one through the engine
with an empty cache (extracted and analysed) and again with the cache filled (served from it), and prints the second
run's time as a ratio to the first. Also checks that both runs give the same JSON.

    python bench/bench_cache.py [--repeat N] [--pages N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.cache import Cache  # noqa: E402
from checker.config import Config  # noqa: E402
from checker.engine import check_path  # noqa: E402
from fixtures.generate import make_report, pdf_bytes, write_docx, write_html, write_txt  # noqa: E402


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pages", type=int, default=6)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        rep = make_report(seed=1, pages=a.pages)
        files = {"text": write_txt(rep, d / "r.txt"), "html": write_html(rep, d / "r.html"),
                 "docx": write_docx(rep, d / "r.docx")}
        (d / "r.pdf").write_bytes(pdf_bytes(rep))
        files["pdf"] = d / "r.pdf"
        config = Config()
        check_path(str(files["text"]), config)  # warm up: the pack, lexicons and converters load once
        print(f"{'format':<6} {'first (s)':>10} {'cached (s)':>11} {'cached/first':>13}")
        for fmt, path in files.items():
            first = best(lambda: check_path(str(path), config), a.repeat)  # no cache: extracted each time
            cache = Cache(d / f"cache-{fmt}")
            a_res = check_path(str(path), config, cache=cache)  # fills the cache
            second = best(lambda: check_path(str(path), config, cache=cache), a.repeat)
            b_res = check_path(str(path), config, cache=cache)
            assert b_res.cached and json.dumps(a_res.to_dict()) == json.dumps(b_res.to_dict())
            print(f"{fmt:<6} {first:>10.4f} {second:>11.4f} {second / first:>13.3f}")


if __name__ == "__main__":
    main()
