"""Memory of a batch run in JSON-lines mode stays flat as the number of files grows.

Makes N small text reports (the fixture generator's report up to its third section, organ and year varied per
file), then

* runs the real CLI (``reportlint check DIR --format jsonl``, output thrown away) and reads the peak RSS (VmHWM)
  of the reportlint process and of its largest worker process, for each N, in jsonl mode and, as a contrast, in
  ``--format json`` mode (which keeps every result for one document);
* runs the batch in-process (``checker.batch.run``, ``--jobs 1``, streaming) under tracemalloc and reports the
  peak of Python allocations after warm-up.

The CLI runs with bytecode compiled and ``PYTHONDONTWRITEBYTECODE`` unset, as after a wheel install.

Usage: python bench/bench_batch_memory.py [--sizes 1000,5000] [--jobs 2] [--no-tracemalloc]
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
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ORGANS = ["霍邱县扈胡镇人民政府", "某某县人民政府", "某某市交通运输局", "某某区教育局", "某某街道办事处"]


def make_corpus(d: Path, n: int) -> list[str]:
    from fixtures.generate import make_report, write_txt

    d.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        r = make_report(seed=i, year=2018 + i % 6, organ=ORGANS[i % len(ORGANS)])
        p = write_txt(r, d / f"r{i:05d}.txt")
        text = p.read_text(encoding="utf-8")
        p.write_text(text[:text.index("三、")], encoding="utf-8")  # small: title, period, two sections
        out.append(str(p))
    return out


def cli_peak_rss(d: Path, fmt: str, jobs: int) -> tuple[float, float, float]:
    """Peak RSS (MiB) of the reportlint process itself (VmHWM, polled), the largest worker's, and the wall time."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as after a wheel install
    env["PYTHONPATH"] = str(ROOT)
    t = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-m", "checker", "check", str(d), "--format", fmt, "--jobs", str(jobs),
                          "--timeout", "0", "--no-cache"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    parent = workers = 0.0

    def hwm(pid: int) -> float:
        try:
            with open(f"/proc/{pid}/status") as f:
                for ln in f:
                    if ln.startswith("VmHWM:"):
                        return int(ln.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    while p.poll() is None:
        parent = max(parent, hwm(p.pid))
        try:
            with open(f"/proc/{p.pid}/task/{p.pid}/children") as f:
                for c in f.read().split():
                    workers = max(workers, hwm(int(c)))
        except OSError:
            pass
        time.sleep(0.05)
    return parent, workers, time.perf_counter() - t


def traced_peak(files: list[str]) -> tuple[float, float]:
    """Peak Python allocations (MiB) while streaming ``files`` in-process, after a warm-up file."""
    from checker import batch
    from checker.config import Config
    from checker.render import jsonl

    config = Config(cache_dir=None)
    batch.check_one(files[0], batch.config_to_dict(config))  # warm-up: pack, lexicons, converters
    sink = jsonl.Writer(io.StringIO())

    def on_result(i, d):
        sink.stream.seek(0)
        sink.stream.truncate()
        sink.write(d)

    tracemalloc.start()
    t = time.perf_counter()
    batch.run(files, config, jobs=1, timeout=None, on_result=on_result, stream=True)
    secs = time.perf_counter() - t
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20, secs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,5000")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-tracemalloc", action="store_true")
    ap.add_argument("--no-json", action="store_true", help="leave out the --format json contrast (faster)")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    import compileall

    compileall.compile_dir(str(ROOT / "checker"), quiet=1)  # bytecode as a wheel install has it
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for n in sizes:
            d = Path(tmp) / f"n{n}"
            files = make_corpus(d, n)
            rss_l, wk_l, t_l = cli_peak_rss(d, "jsonl", args.jobs)
            rss_j, wk_j, t_j = cli_peak_rss(d, "json", args.jobs) if not args.no_json else (float("nan"),) * 3
            tm = traced_peak(files) if not args.no_tracemalloc else (float("nan"), float("nan"))
            rows.append((n, rss_l, wk_l, t_l, rss_j, t_j, *tm))
        print(f"{'files':>6} {'jsonl: RSS MiB':>14} {'worker MiB':>10} {'s':>6} {'json: RSS MiB':>13} {'s':>6} "
              f"{'in-process jsonl: tracemalloc peak MiB':>40} {'s':>6}")
        for n, rl, wl, tl, rj, tj, tp, ts in rows:
            print(f"{n:>6} {rl:>14.1f} {wl:>10.1f} {tl:>6.1f} {rj:>13.1f} {tj:>6.1f} {tp:>40.2f} {ts:>6.1f}")
        (n0, rl0, _, _, rj0, _, tp0, _), (n1, rl1, _, _, rj1, _, tp1, _) = rows[0], rows[-1]
        print(f"growth {n0} → {n1} files: jsonl RSS ×{rl1 / rl0:.2f}, json RSS ×{rj1 / rj0:.2f}, "
              f"tracemalloc peak ×{tp1 / tp0:.2f}")


if __name__ == "__main__":
    main()
