"""Batch throughput: files per second per core with every rule (GOV-X included), ``-j2`` against ``-j1``, the
cross-year pass and the engine against raw extraction — every figure a ratio against a baseline of the same run.

Corpora come from the fixture generator (``fixtures/generate.py``: the same realistic 2021-format report with its
three tables, seed, organ and year varied per file, so most reports pair with the year before) written as text,
HTML, DOCX and PDF. For each format, alternating runs (best of ``--repeat``), all without the result cache:

* ``batch files/s/core``: ``checker.batch.run`` in-process with ``--jobs 1``, streaming, every rule of the pack,
  GOV-X included (the cross-year pass on the first pass's digests), CPU time (target ≥ 150 for text);
  ``X/noX``: the same batch against ``--ignore GOV-X`` (the cost of the cross-year pass);
* ``engine/raw``: the per-file check (``check_one``) against the same library's plain extraction of the same files
  (text: ``bytes.decode``; HTML: selectolax ``body.text()``; DOCX: python-docx paragraphs and table cells; PDF:
  pdfplumber ``extract_text`` and ``extract_tables`` per page);
* ``-j2/-j1``: wall time of the real CLI (``reportlint check DIR --format jsonl --no-cache``, output thrown away)
  with two workers against one (target ≤ 0.6 on two free cores); on a shared machine the wall ratio says more
  about the others' load than about reportlint, so also ``cpu j2/j1`` (the CPU the parallel run spends against
  the serial one: 1.0 is no overhead) and ``parent`` (the share of that CPU spent in the reportlint process
  itself — reading results, the cross-year pass, writing JSON lines — which does not run in parallel).
  ``proj`` = (parent + workers / 2) / serial CPU is the ratio two free cores would give if the parent's work
  never overlapped the workers' (pessimistic: it mostly does); ``alone`` is the share of the parallel run's CPU
  spent in the parent while no worker runs (before the first starts: interpreter, imports, warm-up; after the last
  result: the rest of the cross-year pass, closing), and ``idle`` = (alone + (the rest of the parent + workers) / 2)
  / serial CPU the ratio two otherwise idle cores give when the work in parallel shares them evenly.

The CLI runs as after a wheel install: bytecode compiled first (``compileall``) and ``PYTHONDONTWRITEBYTECODE``
unset (without it every process compiles ~80 modules again, ~0.3 s, which a development checkout with that variable
set pays and an installed reportlint does not), the derived caches (compiled pack, regular expressions, place
names, public suffix list) in a fresh directory filled by an untimed first run.

The load average at start and end is printed: compare ratios within one run. Usage:
python bench/bench_batch.py [--text 400] [--html 200] [--docx 40] [--pdf 20] [--repeat 2] [--profile FORMAT]
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


def _cpu(who) -> float:
    import resource

    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


_DERIVED: list[str] = []  # the derived-cache directory of this run's CLI processes (made on first use)


def cli_env() -> dict:
    """The environment of the CLI runs: bytecode written and read, the derived caches in their own directory."""
    if not _DERIVED:
        _DERIVED.append(tempfile.mkdtemp(prefix="reportlint-bench-derived-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), REPORTLINT_CACHE_DIR=_DERIVED[0])
    return env


_WRAPPER = """import os, resource, runpy, sys, time
sys.argv = ['reportlint'] + sys.argv[1:]
marks = []
from checker.batch import executors
def _wrap(cls):
    run = cls.run
    def timed(self, tasks):
        marks.append(time.process_time())  # the workers are started from here on
        yield from run(self, tasks)
        marks.append(time.process_time())  # the last result is in
    cls.run = timed
_wrap(executors.ProcessExecutor)
try:
    runpy.run_module('checker', run_name='__main__')
finally:
    r = resource.getrusage(resource.RUSAGE_SELF)
    cpu = r.ru_utime + r.ru_stime
    serial = cpu if len(marks) < 2 else marks[0] + cpu - marks[1]
    open(os.environ['BENCH_CPU_OUT'], 'w').write(f'{cpu} {serial}')
"""


def cli_time(d: Path, jobs: int) -> tuple[float, float, float, float]:
    """Wall time of the CLI over the corpus, the CPU time of the reportlint process itself, of its workers, and the
    part of the reportlint process's CPU spent while no worker ran (before the first starts, after the last result:
    interpreter, imports, warm-up, the end of the cross-year pass, closing)."""
    import resource

    env = cli_env()
    with tempfile.NamedTemporaryFile("r", suffix=".cpu") as out:
        env["BENCH_CPU_OUT"] = out.name
        before = _cpu(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", _WRAPPER, "check", str(d), "--format", "jsonl", "--no-cache",
                        "--jobs", str(jobs)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                       check=False)
        wall = time.perf_counter() - t
        total = _cpu(resource.RUSAGE_CHILDREN) - before
        try:
            parent, alone = (float(x) for x in open(out.name).read().split())
        except (OSError, ValueError):
            parent = alone = total
    return wall, parent, max(0.0, total - parent), alone


def in_process(fmt: str, files: list[str], repeat: int) -> dict:
    """CPU seconds for all files, best of alternating runs (CPU time, so that other jobs on a shared machine count
    as little as they can): the batch with every rule, the batch without GOV-X, the per-file engine, raw
    extraction."""
    import dataclasses

    from checker import batch
    from checker.config import Config

    config = Config()
    nox = dataclasses.replace(config, ignore=["GOV-X"])
    cfg = batch.config_to_dict(config)
    batch.warm_up(cfg)
    batch.check_one(files[0], cfg)
    raw_extract(fmt, files[0])

    def timed(fn) -> float:
        t = time.process_time()
        fn()
        return time.process_time() - t

    runs = {
        "batch": lambda: batch.run(files, config, jobs=1, stream=True, on_result=lambda i, d: None),
        "nox": lambda: batch.run(files, nox, jobs=1, stream=True, on_result=lambda i, d: None),
        "engine": lambda: [batch.check_one(f, cfg) for f in files],
        "raw": lambda: [raw_extract(fmt, f) for f in files],
    }
    out = {k: float("inf") for k in runs}
    for _ in range(repeat):  # alternate, so a burst of load on a shared machine hits every figure
        for k, fn in runs.items():
            out[k] = min(out[k], timed(fn))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--text", type=int, default=400)
    ap.add_argument("--html", type=int, default=200)
    ap.add_argument("--docx", type=int, default=40)
    ap.add_argument("--pdf", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=2, help="runs per setting (best is kept)")
    ap.add_argument("--no-cli", action="store_true", help="in-process figures only (no -j1/-j2 CLI runs)")
    ap.add_argument("--profile", choices=list(EXT), help="cProfile the batch on this format and print the top")
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
    if not args.no_cli:
        import compileall

        compileall.compile_dir(str(ROOT / "checker"), quiet=1)
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

                batch.check_one(files[0], batch.config_to_dict(Config()))
                prof = cProfile.Profile()
                prof.runcall(lambda: batch.run(files, Config(), jobs=1, stream=True, on_result=lambda i, d: None))
                pstats.Stats(prof).sort_stats("tottime").print_stats(25)
            ip = in_process(fmt, files, args.repeat)
            j1 = j2 = (float("nan"),) * 4
            if not args.no_cli:
                subprocess.run([sys.executable, "-m", "checker", "check", files[0], "--no-cache"], env=cli_env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)  # fills the caches
                j1, j2 = (float("inf"),) * 4, (float("inf"),) * 4
                for _ in range(args.repeat):  # alternate -j1 and -j2
                    j1 = tuple(map(min, j1, cli_time(d, 1)))
                    j2 = tuple(map(min, j2, cli_time(d, 2)))
            rows.append((fmt, n, ip, j1, j2))
    print(f"{'format':<6} {'files':>5} {'batch files/s/core':>18} {'X/noX':>6} {'engine/raw':>10} "
          f"{'-j1 wall s':>10} {'-j2 wall s':>10} {'-j2/-j1':>7} {'cpu j2/j1':>9} {'parent':>6} {'proj':>5} "
          f"{'alone':>5} {'idle':>5}")
    for fmt, n, ip, (w1, p1, c1, _), (w2, p2, c2, a2) in rows:
        serial = p1 + c1
        print(f"{fmt:<6} {n:>5} {n / ip['batch']:>18.1f} {ip['batch'] / ip['nox']:>6.2f} "
              f"{ip['engine'] / ip['raw']:>10.1f} {w1:>10.2f} {w2:>10.2f} {w2 / w1:>7.2f} "
              f"{(p2 + c2) / serial:>9.2f} {p2 / (p2 + c2):>6.2f} {(p2 + c2 / 2) / serial:>5.2f} "
              f"{a2 / (p2 + c2):>5.2f} {(a2 + (p2 - a2 + c2) / 2) / serial:>5.2f}")
    print(f"load average at end {os.getloadavg()[0]:.1f}")
    import shutil

    for d in _DERIVED:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
