"""Executors: serial (in-process), worker processes (two files in flight each, so a worker never waits for the parent;
a stuck worker killed and replaced, its queued file given to another), Dask.
All yield ``(task id, result dict)`` in completion order."""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
from collections import deque
from typing import Iterable, Iterator

from ..errors import ReportlintError, UsageError
from .worker import E_INTERNAL, E_TIMEOUT, HEAVY_MODULES, _timeout_text, check_one, error_result, warm_up



Task = tuple  # (task id, path, config dict, previous path or None)

# A check allocates tens of thousands of short-lived containers that reference counting frees; at the default
# threshold (700) the young generation is collected ~12 times a file and the old one, which holds the pack and the
# lexicons, every ~70 files. While files are checked the threshold is raised and what was loaded before is frozen
# (gc.freeze: out of the collector's reach); cycles are still collected, later. ~1 % of a text file's instructions.
GC_THRESHOLD = 10_000


class _BatchGC:
    """The collector tuned for a batch in this process, and put back as it was by :meth:`restore`."""

    def __init__(self):
        self.old = gc.get_threshold()
        self.froze = gc.get_freeze_count() == 0
        if self.froze:
            gc.freeze()
        gc.set_threshold(max(self.old[0], GC_THRESHOLD), *self.old[1:])

    def restore(self) -> None:
        gc.set_threshold(*self.old)
        if self.froze:
            gc.unfreeze()
            self.froze = False


class SerialExecutor:
    name = "serial"

    def __init__(self, timeout: float | None, snippets: bool, keep: bool = False):
        self.timeout, self.snippets, self.keep = timeout, snippets, keep

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[int, dict]]:
        tuned, n = None, 0
        try:
            for tid, path, cfg, prev in tasks:
                if n == 1:  # from the second file on (the first loaded the pack, lexicons and converters: frozen)
                    tuned = _BatchGC()
                n += 1
                yield tid, check_one(path, cfg, prev, self.timeout, self.snippets, self.keep)
        finally:
            if tuned is not None:
                tuned.restore()

    def close(self) -> None:
        pass


def _worker_main(conn, config: dict, timeout: float | None, snippets: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    sys.stdout = open(os.devnull, "w")  # a forked worker never writes (or re-flushes) the parent's output
    try:
        warm_up(config)
        _BatchGC()  # (the worker's process: never put back)
        conn.send(("ready", None))
        while True:
            msg = conn.recv()
            if msg is None:
                break
            tid, path, cfg, prev = msg
            conn.send((tid, check_one(path, cfg, prev, timeout, snippets)))
    except (EOFError, OSError, KeyboardInterrupt):
        pass


class _Worker:
    def __init__(self, ctx, config: dict, timeout, snippets):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, config, timeout, snippets), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False
        self.tasks: deque = deque()  # in flight, in the order the worker takes them (the first is running)
        self.started = 0.0  # when the running task started

    @property
    def task(self) -> Task | None:
        return self.tasks[0] if self.tasks else None

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.join(5)
        except Exception:
            pass
        try:
            self.conn.close()
        except Exception:
            pass


class ProcessExecutor:
    """``jobs`` worker processes, ``DEPTH`` files in flight each (the next file waits in the worker's pipe, so the
    worker goes on while the parent handles the result before).

    The per-file time limit is kept by the worker itself (SIGALRM); the parent kills and replaces a worker that
    is still busy ``grace`` seconds later (stuck in C code) or that died, gives its running file an error entry
    and its queued files to the other workers.
    """

    name = "processes"
    DEPTH = 2

    def __init__(self, jobs: int, config: dict, timeout: float | None, snippets: bool, lang: str = "zh",
                 total: int | None = None):
        self._server = None
        self.total = total  # how many files the run gives (None: unknown): the last ones are never queued
        self.jobs, self.config, self.timeout, self.snippets, self.lang = jobs, config, timeout, snippets, lang
        self.grace = None if not timeout or timeout <= 0 else timeout + max(2.0, timeout * 0.5)
        self.workers: list[_Worker] = []
        self.failed_starts = 0
        self._prepared = False
        self._thawed = True  # nothing of ours frozen

    def _context(self):
        """fork while this process has one thread (instant: the pack and modules are inherited); otherwise (a
        progress bar's refresh thread is running) a fork server, which is safe with threads."""
        import multiprocessing as mp

        methods = mp.get_all_start_methods()
        if "fork" in methods and threading.active_count() == 1:
            if not self._prepared:
                warm_up(self.config)  # once here; forked workers start warm
                # what the workers inherit is moved out of the collector's reach (gc.freeze, as Python's docs advise
                # before a fork): a collection in a worker would otherwise write the header of every inherited
                # object, copying the parent's pages (~3,500 fewer page faults in the workers of a 300-file run)
                if gc.get_freeze_count() == 0:  # (unfrozen when the run ends: see close)
                    gc.freeze()
                    self._thawed = False
                self._prepared = True
            return mp.get_context("fork")
        if self._server is None:
            self._server = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
            if self._server.get_start_method() == "forkserver":
                self._server.set_forkserver_preload(["checker.batch", "checker.engine", *HEAVY_MODULES])
        return self._server

    def _spawn(self) -> _Worker:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        w = _Worker(self._context(), self.config, self.timeout, self.snippets)
        self.workers.append(w)
        return w

    def _replace(self, w: _Worker) -> list:
        """Kill ``w`` and start another; the files queued behind its running one, to be given out again."""
        queued = list(w.tasks)[1:]
        w.kill()
        self.workers.remove(w)
        self._spawn()
        return queued

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[int, dict]]:
        from multiprocessing.connection import wait

        it = iter(tasks)
        exhausted = False
        sent = 0  # files given out (a file given out again after its worker died counts twice: a lower bound left)
        for _ in range(self.jobs):
            self._spawn()
        while True:
            for depth in range(1, self.DEPTH + 1):  # every idle worker gets a file before any gets a second
                # the last files (no more of them than workers) go to workers that are free, never behind a running
                # file: queued there, one could wait for a long file while another worker has nothing left to do
                if depth > 1 and self.total is not None and self.total - sent <= len(self.workers):
                    break
                for w in list(self.workers):
                    if exhausted or not w.ready or len(w.tasks) >= depth:
                        continue
                    task = next(it, None)
                    if task is None:
                        exhausted = True
                        break
                    try:
                        w.conn.send(task[:4])
                    except (OSError, ValueError):
                        it = _chain([task], it)
                        if w.tasks:
                            w.ready = False  # no more for it: its running file's fate comes through the wait
                        else:
                            self._replace(w)
                        continue
                    if not w.tasks:
                        w.started = time.monotonic()
                    w.tasks.append(task)
                    sent += 1
            busy = [w for w in self.workers if w.tasks]
            if exhausted and not busy:
                return
            waiting = [w for w in self.workers if w.tasks or not w.ready]
            handles = [w.conn for w in waiting] + [w.proc.sentinel for w in waiting]
            limit = None
            if self.grace is not None and busy:
                limit = max(0.0, min(w.started + self.grace for w in busy) - time.monotonic())
            ready = set(wait(handles, limit))
            now = time.monotonic()
            for w in list(waiting):
                if w.conn in ready:
                    try:
                        tid, res = w.conn.recv()
                    except (EOFError, OSError):
                        ready.add(w.proc.sentinel)
                    else:
                        if tid == "ready":
                            w.ready = True
                        else:
                            for k, t in enumerate(w.tasks):  # (always the first: a worker takes them in order)
                                if t[0] == tid:
                                    del w.tasks[k]
                                    break
                            w.started = now  # the next queued file starts now
                            yield tid, res
                        continue
                if w.proc.sentinel in ready:  # died
                    task = w.task
                    queued = self._replace(w)
                    code = w.proc.exitcode
                    if queued:
                        it, exhausted = _chain(queued, it), False
                    if task is not None:
                        yield task[0], error_result(task[1], E_INTERNAL, f"worker died (exit code {code})",
                                                    self.lang, seconds=now - w.started)
                    elif not w.ready:
                        self.failed_starts += 1
                        if self.failed_starts >= 3:
                            raise ReportlintError(E_INTERNAL, f"worker processes fail to start "
                                                              f"(exit code {code})")
                elif w.tasks and self.grace is not None and now - w.started >= self.grace:
                    task = w.task
                    queued = self._replace(w)
                    if queued:
                        it, exhausted = _chain(queued, it), False
                    yield task[0], error_result(task[1], E_TIMEOUT, _timeout_text(self.timeout), self.lang,
                                                seconds=now - w.started)

    def close(self) -> None:
        for w in self.workers:
            try:
                if w.task is None and w.proc.is_alive():
                    w.conn.send(None)
            except Exception:
                pass
        deadline = time.monotonic() + 2
        for w in self.workers:
            if w.task is None:
                w.proc.join(max(0.0, deadline - time.monotonic()))
            if w.proc.is_alive():
                w.kill()
        self.workers = []
        if not self._thawed:
            gc.unfreeze()
            self._thawed = True


def _chain(first, rest):
    yield from first
    yield from rest


class DaskExecutor:
    """The same per-file function on a Dask cluster: ``dask://HOST:PORT`` or a LocalCluster (``dask-local``).

    Worker processes need reportlint installed and the files readable at the same paths.
    """

    name = "dask"

    def __init__(self, address: str | None, jobs: int, timeout: float | None, snippets: bool):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError("--executor dask needs Dask: pip install 'reportlint[dask]'") from None
        import logging

        self.cluster = None
        if address is None:
            # CRITICAL, not ERROR: a worker's missed heartbeat on a loaded machine logs an ERROR with its traceback;
            # a file that fails on a worker is reported as that file's E-code result, never through Dask's log
            self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.CRITICAL)
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(address, timeout="20s")
            except Exception as e:  # unreachable, refused, timed out
                raise UsageError(f"cannot reach the Dask scheduler at {address}: {type(e).__name__}: {e}") from None
        self.timeout, self.snippets = timeout, snippets
        n = len(self.client.scheduler_info().get("workers", {})) or jobs
        self.window = max(4, 4 * n)

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[int, dict]]:
        from distributed import as_completed

        it = iter(tasks)
        ids: dict[str, tuple] = {}
        ac = as_completed()

        def submit() -> bool:
            task = next(it, None)
            if task is None:
                return False
            tid, path, cfg, prev = task[:4]
            fut = self.client.submit(check_one, path, cfg, prev, self.timeout, self.snippets, pure=False)
            ids[fut.key] = task
            ac.add(fut)
            return True

        for _ in range(self.window):
            if not submit():
                break
        for fut in ac:
            task = ids.pop(fut.key)
            try:
                res = fut.result()
            except Exception as e:
                res = error_result(task[1], E_INTERNAL, f"{type(e).__name__}: {e}",
                                   task[2].get("lang", "zh"))
            fut.release()
            yield task[0], res
            submit()

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()


def make_executor(executor: str | None, jobs: int, config: dict, timeout: float | None, snippets: bool,
                  nfiles: int, lang: str = "zh", keep: bool = False):
    if keep:  # the renderer needs each file's Analysis, which stays in this process
        return SerialExecutor(timeout, snippets, keep=True)
    if executor and executor.startswith("dask"):
        if executor == "dask-local":
            return DaskExecutor(None, jobs, timeout, snippets)
        if executor.startswith("dask://"):
            return DaskExecutor("tcp://" + executor[len("dask://"):], jobs, timeout, snippets)
        raise ValueError(f"unknown executor {executor!r} (allowed: local, dask-local, dask://HOST:PORT)")
    if executor not in (None, "", "local"):
        raise ValueError(f"unknown executor {executor!r} (allowed: local, dask-local, dask://HOST:PORT)")
    if jobs <= 1 or nfiles <= 1:
        return SerialExecutor(timeout, snippets)
    return ProcessExecutor(min(jobs, nfiles), config, timeout, snippets, lang, total=nfiles)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


