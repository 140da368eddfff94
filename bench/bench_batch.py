"""Batch throughput: files per second per format, serial against ``--jobs 2``, and the engine against raw extraction.

Corpora come from the fixture generator (``fixtures/generate.py``: the same realistic 2021-format report with its
three tables, seed, organ and year varied per file) written as text, HTML, DOCX and PDF. For each format:

* ``cli -j1`` / ``cli -j2``: wall time of the real CLI (``reportlint check DIR --format jsonl``, output thrown
  away) over the whole corpus, start-up included; ``ratio`` = ``-j2`` / ``-j1`` (target ≤ 0.75 on two cores);
* ``files/s/core``: the serial in-process rate (``check_one`` after warm-up, CPU time), without start-up (target
  ≥ 100 for text and HTML);
* ``raw``: the same library's plain extraction of the same files (text: ``bytes.decode``; HTML: selectolax
  ``body.text()``; DOCX: python-docx paragraphs and table cells; PDF: pdfplumber ``extract_text`` and
  ``extract_tables`` per page), and ``engine/raw`` (target ≤ 1.25 for PDF and DOCX).

All baselines are measured in the same run on the same machine. Usage:
python bench/bench_batch.py [--text 400] [--html 400] [--docx 60] [--pdf 30] [--profile FORMAT]
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ORGANS = ["霍邱县扈胡镇人民政府", "某某县人民政府", "某某市交通运输局", "某某区教育局", "某某街道办事处"]
EXT = {"text": "txt", "html": "html", "docx": "docx", "pdf": "pdf"}


def make_corpus(d: Path, fmt: str, n: int) -> list[str]:
    from fixtures import generate as g

    d.mkdir(parents=True, exist_ok=True)
    write = g.WRITERS[EXT[fmt]]
    out = []
    for i in range(n):
        r = g.make_report(seed=i, year=2018 + i % 6, organ=ORGANS[i % len(ORGANS)])
        out.append(str(write(r, d / f"r{i:04d}.{EXT[fmt]}")))
    return out


def raw_extract(fmt: str, path: str) -> int:
    data = Path(path).read_bytes()
    if fmt == "text":
        return len(data.decode("utf-8"))
    if fmt == "html":
        from selectolax.lexbor import LexborHTMLParser

        return len(LexborHTMLParser(data).body.text(separator="\n"))
    if fmt == "docx":
        import docx

        d = docx.Document(io.BytesIO(data))
        n = sum(len(p.text) for p in d.paragraphs)
        for t in d.tables:
            for row in t.rows:
                n += sum(len(c.text) for c in row.cells)
        return n
    if fmt == "pdf":
        import pdfplumber

        n = 0
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                n += len(page.extract_text() or "")
                n += len(page.extract_tables())
                page.flush_cache()
        return n
    raise ValueError(fmt)


def cli_time(d: Path, jobs: int) -> tuple[float, float]:
    """Wall time of the CLI over the corpus, and the CPU time of it and its workers."""
    import resource

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "checker", "check", str(d), "--format", "jsonl", "--jobs", str(jobs)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def best(fn, repeat: int):
    return min((fn() for _ in range(repeat)), key=lambda x: x[0])


def engine_and_raw(fmt: str, files: list[str]) -> tuple[float, float]:
    """CPU seconds for all files: the whole engine (in-process, warm) and raw extraction, best of alternating runs
    (CPU time, so that other jobs on a shared machine do not count)."""
    from checker import batch
    from checker.config import Config

    cfg = batch.config_to_dict(Config())
    batch.warm_up(cfg)
    batch.check_one(files[0], cfg)
    raw_extract(fmt, files[0])

    def eng() -> float:
        t = time.process_time()
        for f in files:
            batch.check_one(f, cfg)
        return time.process_time() - t

    def raw() -> float:
        t = time.process_time()
        for f in files:
            raw_extract(fmt, f)
        return time.process_time() - t

    e, r = [], []
    for _ in range(2):  # alternate, so a burst of load on a shared machine hits both
        e.append(eng())
        r.append(raw())
    return min(e), min(r)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--text", type=int, default=400)
    ap.add_argument("--html", type=int, default=400)
    ap.add_argument("--docx", type=int, default=60)
    ap.add_argument("--pdf", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=2, help="CLI runs per setting (best is kept)")
    ap.add_argument("--profile", choices=list(EXT), help="cProfile the engine on this format and print the top")
    args = ap.parse_args()
    cpu = ""
    try:
        cpu = next(ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    print(f"machine: {cpu or platform.processor()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average at start {os.getloadavg()[0]:.1f}")
    sizes = {"text": args.text, "html": args.html, "docx": args.docx, "pdf": args.pdf}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, n in sizes.items():
            if n <= 0:
                continue
            d = Path(tmp) / fmt
            files = make_corpus(d, fmt, n)
            if args.profile == fmt:
                import cProfile
                import pstats

                from checker import batch
                from checker.config import Config

                cfg = batch.config_to_dict(Config())
                batch.check_one(files[0], cfg)
                prof = cProfile.Profile()
                prof.runcall(lambda: [batch.check_one(f, cfg) for f in files])
                pstats.Stats(prof).sort_stats("tottime").print_stats(25)
            j1 = best(lambda: cli_time(d, 1), args.repeat)
            j2 = best(lambda: cli_time(d, 2), args.repeat)
            eng, raw = engine_and_raw(fmt, files)
            rows.append((fmt, n, j1, j2, eng, raw))
    print(f"{'format':<6} {'files':>5} {'-j1 wall s':>10} {'(cpu s)':>8} {'-j2 wall s':>10} {'(cpu s)':>8} "
          f"{'-j2/-j1':>7} {'files/s/core':>12} {'engine cpu s':>12} {'raw cpu s':>9} {'engine/raw':>10}")
    for fmt, n, (w1, c1), (w2, c2), eng, raw in rows:
        print(f"{fmt:<6} {n:>5} {w1:>10.2f} {c1:>8.2f} {w2:>10.2f} {c2:>8.2f} {w2 / w1:>7.2f} {n / eng:>12.1f} "
              f"{eng:>12.2f} {raw:>9.3f} {eng / raw:>10.2f}")
    print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
