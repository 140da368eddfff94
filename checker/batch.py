"""Many files through the flow: walk directories, check in parallel, stream results, summarise.

``engine.py`` runs one file; this module runs many:

* :func:`collect` walks directories (sorted, hidden entries skipped), honouring the ``.gitignore`` files found in
  the walked directories and the config's ``exclude`` patterns (gitignore syntax, relative to the walked root).
  Files named explicitly are always checked.
* :func:`check_one` is the per-file function: top level and picklable, it takes a path and a plain config dict
  and returns a plain dict (``FileResult.to_dict()`` plus ``seconds``), so the same function runs in-process, in
  worker processes and on Dask workers. A file that cannot be read, that crashes a rule or that runs over the
  time limit gets its error entry (E0xx, E021 for the time limit, E090 for an internal error); it never stops
  the run.
* Executors: ``serial`` (in-process; ``--jobs 1``), ``processes`` (a small pool of worker processes with one
  file in flight per worker, so a worker stuck past the time limit is killed and replaced) and ``dask`` (an
  existing cluster, ``dask://HOST:PORT``, or a ``LocalCluster``, ``dask-local``). All yield results in
  completion order; :func:`run` restores input order where the output format needs it.
* Cross-year pairing (GOV-X): when an implemented GOV-X rule is selected, the first pass's facts pair each report
  with the same organ's report for the year before (:func:`checker.pairing.pair_reports`) and a second pass checks
  the paired reports with the GOV-X rules only, with the previous report re-analysed in the worker.
"""

from __future__ import annotations

import dataclasses
import heapq
import json
import os
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from .config import Config
from .errors import ReportlintError, UsageError

TIMEOUT_DEFAULT = 60.0
E_TIMEOUT, E_INTERNAL = "E021", "E090"

from .walk import collect, walk  # noqa: E402,F401  (checker.batch.collect stays importable)


# ---------------------------------------------------------------------------------------------------- per file


def config_to_dict(config: Config) -> dict:
    return dataclasses.asdict(config)


_CONFIGS: dict[str, Config] = {}


def config_from_dict(d: dict) -> Config:
    key = json.dumps(d, sort_keys=True, ensure_ascii=False, default=str)
    c = _CONFIGS.get(key)
    if c is None:
        names = {f.name for f in dataclasses.fields(Config)}
        c = Config(**{k: v for k, v in d.items() if k in names})
        if len(_CONFIGS) > 16:
            _CONFIGS.clear()
        _CONFIGS[key] = c
    return c


class FileTimeout(BaseException):
    """Raised inside a check that ran over its time limit (a BaseException, so ``except Exception`` in an
    extractor cannot swallow it)."""


_PREVIOUS: dict[tuple, Any] = {}


def _previous_analysis(path: str, config: Config):
    """The Analysis of the previous year's report, re-analysed in this worker (a few kept per process)."""
    try:
        st = os.stat(path)
        key = (path, st.st_mtime_ns, st.st_size, config.pack, json.dumps(config.options, sort_keys=True))
    except OSError:
        return None
    a = _PREVIOUS.get(key)
    if a is None:
        a = load_previous(path, config).analysis
    return a


def load_previous(path: str, config: Config):
    """Analyse the previous year's report (no rules) and keep its Analysis for :func:`_previous_analysis`; the
    FileResult back, with its error entry when the file cannot be read (``check --previous`` stops on it)."""
    from .engine import check_path

    r = check_path(path, Config(pack=config.pack, options=config.options, select=["-"]))
    try:
        st = os.stat(path)
        key = (path, st.st_mtime_ns, st.st_size, config.pack, json.dumps(config.options, sort_keys=True))
    except OSError:
        return r
    if len(_PREVIOUS) >= 4:
        _PREVIOUS.pop(next(iter(_PREVIOUS)))
    _PREVIOUS[key] = r.analysis
    return r


def _snippet(text: str, start: int, end: int, room: int = 200) -> list:
    """The line around a match, cut to ``room`` characters each side: enough for the console renderer."""
    if end <= start:
        return ["", 0]
    a = max(text.rfind("\n", 0, start) + 1, start - room)
    b = text.find("\n", end)
    b = len(text) if b < 0 else b
    b = min(b, end + room)
    return [text[a:b], a]


def error_result(path: str, code: str, detail: str, lang: str, pack: str = "", seconds: float = 0.0) -> dict:
    err = ReportlintError(code, detail).to_dict(lang)
    return {"path": path, "sha256": "", "format": None, "pack": pack, "facts": {}, "error": err,
            "findings": [], "not_assessed": [], "seconds": round(seconds, 4)}


def _timeout_text(t: float) -> str:
    return f"{t:g}"


def _run_limited(fn: Callable[[], Any], timeout: float | None):
    """Run ``fn`` with a time limit: SIGALRM in the main thread (POSIX), an asynchronous exception elsewhere."""
    if not timeout or timeout <= 0:
        return fn()
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        def on_alarm(signum, frame):
            raise FileTimeout()

        old = signal.signal(signal.SIGALRM, on_alarm)
        try:
            signal.setitimer(signal.ITIMER_REAL, timeout)
            return fn()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    # a worker thread (Dask): raise FileTimeout in this thread from a timer
    import ctypes

    tid, lock, state = threading.get_ident(), threading.Lock(), {"done": False}

    def fire():
        with lock:
            if not state["done"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(FileTimeout))

    timer = threading.Timer(timeout, fire)
    timer.daemon = True
    timer.start()
    try:
        return fn()
    finally:
        with lock:
            state["done"] = True
            timer.cancel()


def check_one(path: str, config: dict, previous: str | None = None, timeout: float | None = None,
              snippets: bool = False, keep: bool = False) -> dict:
    """Check one file; a plain, picklable dict back (``FileResult.to_dict()`` plus ``seconds``).

    ``config`` is :func:`config_to_dict` of the run's Config. ``previous`` is the path of the same organ's report
    for the year before (GOV-X rules). ``snippets`` adds ``_snippets`` (the line around each finding's match) for
    the console renderer, which otherwise needs the whole text. ``keep`` (in-process only) adds ``_result``, the
    FileResult with its Analysis, for renderers that show the whole document (``--format html``).
    """
    from .engine import check_path

    cfg = config_from_dict(config)
    cache = _cache(cfg.cache_dir)
    t0 = time.perf_counter()
    try:
        def work():
            prev = _previous_analysis(previous, cfg) if previous else None
            return check_path(path, cfg, prev, cache=cache)

        r = _run_limited(work, timeout)
    except FileTimeout:
        return error_result(path, E_TIMEOUT, _timeout_text(timeout or 0), cfg.lang, seconds=time.perf_counter() - t0)
    except (KeyboardInterrupt, SystemExit):
        raise
    except RecursionError as e:
        return error_result(path, E_INTERNAL, f"RecursionError: {e}", cfg.lang, seconds=time.perf_counter() - t0)
    except Exception as e:  # a bug in an extractor or a rule: this file gets an error entry, the run goes on
        where = traceback.extract_tb(e.__traceback__)[-1]
        detail = f"{type(e).__name__}: {e} ({os.path.basename(where.filename)}:{where.lineno})"
        return error_result(path, E_INTERNAL, detail, cfg.lang, seconds=time.perf_counter() - t0)
    d = r.to_dict()
    d["seconds"] = round(time.perf_counter() - t0, 4)
    text = r.text if r.text is not None else (r.analysis.doc.text if r.analysis is not None else None)
    if snippets and text is not None:  # (a cached result has its text but no Analysis)
        d["_snippets"] = [_snippet(text, f.location.start, f.location.end) for f in r.findings]
    if keep:
        d["_result"] = r
    return d


_CACHES: dict[str, Any] = {}


def _cache(directory: str | None):
    """The result cache of this process for ``directory`` (``None``: no cache); see :mod:`checker.cache`."""
    if not directory:
        return None
    c = _CACHES.get(directory)
    if c is None:
        from .cache import Cache

        c = _CACHES[directory] = Cache(directory)
    return c


HEAVY_MODULES = ("checker.analysis.areacodes",)  # imports the analysis makes lazily; a fork server preloads them
WARM_UP_TEXT = """某某县人民政府2023年政府信息公开工作年度报告
本报告中所列数据统计期限为2023年1月1日至2023年12月31日。
一、总体情况
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
六、其他需要报告的事项
聯繫電話：020-12345678 地址：广东省广州市 网址 http://www.example.gov.cn 版权所有
"""


_WARM: set = set()


def warm_up(config: dict) -> None:
    """Load the pack, lexicons and converters once, so the first file's time limit measures the file (a forked
    worker inherits a warm parent's state and skips this)."""
    from .engine import check_bytes

    key = json.dumps(config, sort_keys=True, ensure_ascii=False, default=str)
    if key in _WARM:
        return
    _WARM.add(key)
    try:
        check_bytes(WARM_UP_TEXT.encode("utf-8"), "warm-up.txt", config_from_dict(config))
    except Exception:
        pass


# ---------------------------------------------------------------------------------------------------- results


def result_from_dict(d: dict):
    """A FileResult (without Analysis) from a worker's dict, for the renderers."""
    from .engine import FileResult
    from .findings import Edit, Finding, Fix, Location, Severity

    findings = []
    for f in d.get("findings", []):
        loc = dict(f["location"])
        fix = f.get("fix")
        findings.append(Finding(
            code=f["code"], name=f["name"], severity=Severity.parse(f["severity"]), message=f["message"],
            match=f["match"], location=Location(**loc), evidence=f.get("evidence") or {},
            fix=Fix(fix["safety"], [Edit(**e) for e in fix.get("edits", [])]) if fix else None,
            fingerprint=f.get("fingerprint", "")))
    r = FileResult(path=d["path"], sha256=d.get("sha256", ""), format=d.get("format"), pack=d.get("pack", ""),
                   facts=d.get("facts") or {}, error=d.get("error"), findings=findings,
                   not_assessed=d.get("not_assessed") or [], previous=d.get("previous"),
                   notes=d.get("notes") or [])
    r.snippets = d.get("_snippets")
    r.seconds = d.get("seconds", 0.0)
    return r


def public(d: dict) -> dict:
    """The dict as written to JSON lines: private keys (``_snippets``) left out."""
    return {k: v for k, v in d.items() if not k.startswith("_")}


# ---------------------------------------------------------------------------------------------------- executors

Task = tuple  # (task id, path, config dict, previous path or None)


class SerialExecutor:
    name = "serial"

    def __init__(self, timeout: float | None, snippets: bool, keep: bool = False):
        self.timeout, self.snippets, self.keep = timeout, snippets, keep

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[int, dict]]:
        for tid, path, cfg, prev in tasks:
            yield tid, check_one(path, cfg, prev, self.timeout, self.snippets, self.keep)

    def close(self) -> None:
        pass


def _worker_main(conn, config: dict, timeout: float | None, snippets: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    sys.stdout = open(os.devnull, "w")  # a forked worker never writes (or re-flushes) the parent's output
    try:
        warm_up(config)
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
        self.task: Task | None = None
        self.started = 0.0

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
    """``jobs`` worker processes, one file in flight each.

    The per-file time limit is kept by the worker itself (SIGALRM); the parent kills and replaces a worker that
    is still busy ``grace`` seconds later (stuck in C code) or that died, and gives its file an error entry.
    """

    name = "processes"

    def __init__(self, jobs: int, config: dict, timeout: float | None, snippets: bool, lang: str = "zh"):
        self._server = None
        self.jobs, self.config, self.timeout, self.snippets, self.lang = jobs, config, timeout, snippets, lang
        self.grace = None if not timeout or timeout <= 0 else timeout + max(2.0, timeout * 0.5)
        self.workers: list[_Worker] = []
        self.failed_starts = 0

    def _context(self):
        """fork while this process has one thread (instant: the pack and modules are inherited); otherwise (a
        progress bar's refresh thread is running) a fork server, which is safe with threads."""
        import multiprocessing as mp

        methods = mp.get_all_start_methods()
        if "fork" in methods and threading.active_count() == 1:
            warm_up(self.config)  # once here; forked workers start warm
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

    def _replace(self, w: _Worker) -> None:
        w.kill()
        self.workers.remove(w)
        self._spawn()

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[int, dict]]:
        from multiprocessing.connection import wait

        it = iter(tasks)
        exhausted = False
        for _ in range(self.jobs):
            self._spawn()
        while True:
            for w in list(self.workers):
                if w.ready and w.task is None and not exhausted:
                    task = next(it, None)
                    if task is None:
                        exhausted = True
                        break
                    try:
                        w.conn.send(task[:4])
                        w.task, w.started = task, time.monotonic()
                    except (OSError, ValueError):
                        self._replace(w)
                        it = _chain([task], it)
            busy = [w for w in self.workers if w.task is not None]
            if exhausted and not busy:
                return
            waiting = [w for w in self.workers if w.task is not None or not w.ready]
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
                            w.task = None
                            yield tid, res
                        continue
                if w.proc.sentinel in ready:  # died
                    task = w.task
                    self._replace(w)
                    if task is not None:
                        yield task[0], error_result(task[1], E_INTERNAL, f"worker died (exit code {w.proc.exitcode})",
                                                    self.lang, seconds=now - w.started)
                    elif not w.ready:
                        self.failed_starts += 1
                        if self.failed_starts >= 3:
                            raise ReportlintError(E_INTERNAL, f"worker processes fail to start "
                                                              f"(exit code {w.proc.exitcode})")
                elif w.task is not None and self.grace is not None and now - w.started >= self.grace:
                    task = w.task
                    self._replace(w)
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
            self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
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
    return ProcessExecutor(min(jobs, nfiles), config, timeout, snippets, lang)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# ---------------------------------------------------------------------------------------------------- summary


@dataclass
class Stats:
    total: int = 0
    done: int = 0  # results delivered (counted in the summary)
    checked: int = 0  # files through the first pass (the progress bar); some may wait for the cross-year pass
    status: Counter = field(default_factory=Counter)
    codes: Counter = field(default_factory=Counter)
    failed: list = field(default_factory=list)  # (path, code, message), the first MAX_FAILED
    failed_count: int = 0
    slowest: list = field(default_factory=list)  # heap of (seconds, path)
    severities: Counter = field(default_factory=Counter)
    suppressed: int = 0  # findings suppressed by the baseline (never counted as open)
    interrupted: bool = False
    started: float = field(default_factory=time.monotonic)

    MAX_FAILED = 20
    MAX_SLOWEST = 5

    def add(self, d: dict) -> None:
        self.done += 1
        self.suppressed += len(d.get("_suppressed") or ())
        err = d.get("error")
        if err:
            self.failed_count += 1
            self.status["timed_out" if err.get("code") == E_TIMEOUT else "failed"] += 1
            if len(self.failed) < self.MAX_FAILED:
                self.failed.append((d["path"], err.get("code"), err.get("message")))
        else:
            sev = Counter(f["severity"] for f in d.get("findings", []))
            self.severities.update(sev)
            self.status["errors" if sev["error"] else "findings" if sev else "clean"] += 1
            self.codes.update(f["code"] for f in d.get("findings", []))
        item = (float(d.get("seconds") or 0.0), d["path"])
        if len(self.slowest) < self.MAX_SLOWEST:
            heapq.heappush(self.slowest, item)
        else:
            heapq.heappushpop(self.slowest, item)


LABELS = {
    "zh": {"title": "批量检查汇总", "interrupted": "已中断：完成 {done}/{total} 个文件", "status": "状态",
           "files": "文件数", "clean": "未发现问题", "findings": "仅有警告/提示", "errors": "有错误级问题",
           "failed": "无法读取", "timed_out": "超时", "codes": "最常见的问题代码", "failed_files": "无法读取的文件",
           "slowest": "最慢的文件", "seconds": "秒", "rate": "{done} 个文件，用时 {secs:.1f} 秒（{rate:.1f} 个/秒）",
           "more": "……另有 {n} 个", "suppressed": "基线已抑制 {n} 项（不计入）"},
    "en": {"title": "Batch summary", "interrupted": "interrupted: {done} of {total} files done", "status": "status",
           "files": "files", "clean": "clean", "findings": "warnings/infos only", "errors": "with errors",
           "failed": "failed to read", "timed_out": "timed out", "codes": "most frequent codes",
           "failed_files": "files that failed", "slowest": "slowest files", "seconds": "s",
           "rate": "{done} files in {secs:.1f} s ({rate:.1f} files/s)", "more": "… and {n} more",
           "suppressed": "{n} suppressed by the baseline (not counted)"},
}


def render_summary(stats: Stats, lang: str, console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    L = LABELS["en" if lang == "en" else "zh"]
    secs = time.monotonic() - stats.started
    if stats.interrupted:
        console.print(Text(L["interrupted"].format(done=stats.done, total=stats.total), style="bold yellow"))
    t = Table(title=L["title"], show_header=True, header_style="bold", title_justify="left", box=box.SIMPLE_HEAD)
    t.add_column(L["status"])
    t.add_column(L["files"], justify="right")
    for k in ("clean", "findings", "errors", "failed", "timed_out"):
        t.add_row(L[k], str(stats.status.get(k, 0)))
    console.print(t)
    console.print(L["rate"].format(done=stats.done, secs=secs, rate=stats.done / secs if secs > 0 else 0.0))
    if stats.suppressed:
        console.print(L["suppressed"].format(n=stats.suppressed))
    if stats.codes:
        console.print(Text(L["codes"], style="bold"))
        ct = Table(show_header=False, box=None)
        ct.add_column()
        ct.add_column(justify="right")
        for code, n in stats.codes.most_common(10):
            ct.add_row(code, str(n))
        console.print(ct)
    if stats.failed:
        console.print(Text(L["failed_files"], style="bold"))
        ft = Table(show_header=False, box=None)
        for _ in range(3):
            ft.add_column(overflow="fold")
        for path, code, msg in stats.failed:
            ft.add_row(path, code or "", msg or "")
        console.print(ft)
        if stats.failed_count > len(stats.failed):
            console.print(L["more"].format(n=stats.failed_count - len(stats.failed)))
    if stats.slowest and stats.done > 1:
        console.print(Text(L["slowest"], style="bold"))
        st = Table(show_header=False, box=None)
        st.add_column(overflow="fold")
        st.add_column(justify="right")
        for secs_, path in sorted(stats.slowest, reverse=True):
            st.add_row(path, f"{secs_:.2f} {L['seconds']}")
        console.print(st)


# ---------------------------------------------------------------------------------------------------- the run


class _Spool:
    """Results held back for the second (cross-year) pass, on disk so memory stays flat."""

    def __init__(self):
        self.f = tempfile.TemporaryFile()
        self.index: dict[int, tuple[int, int]] = {}

    def put(self, tid: int, d: dict) -> None:
        data = json.dumps(d, ensure_ascii=False).encode("utf-8")
        self.f.seek(0, os.SEEK_END)
        self.index[tid] = (self.f.tell(), len(data))
        self.f.write(data)

    def pop(self, tid: int) -> dict:
        off, n = self.index.pop(tid)
        self.f.seek(off)
        return json.loads(self.f.read(n).decode("utf-8"))

    def close(self) -> None:
        self.f.close()


def cross_year_codes(config: Config) -> list[str]:
    """The implemented, selected GOV-X rules: the second pass runs only when there is one."""
    from .packs import load_pack

    pack = load_pack(config.pack)
    return [r.code for r in pack.rules
            if r.code.startswith("GOV-X") and r.status == "implemented" and r.kind and config.selected(r.code)]


def _merge(first: dict, second: dict, codes: list[str]) -> dict:
    """The first pass's result with the GOV-X findings and not-assessed entries of the second pass."""
    if second.get("error"):
        return first
    cs = set(codes)
    snips = first.pop("_snippets", None)
    pairs = [(f, s) for f, s in zip(first["findings"], snips or [None] * len(first["findings"]))
             if f["code"] not in cs]
    pairs += list(zip(second["findings"], second.get("_snippets") or [["", 0]] * len(second["findings"])))
    sev = {"error": 3, "warning": 2, "info": 1}
    pairs.sort(key=lambda fs: (fs[0]["location"]["start"], -sev[fs[0]["severity"]], fs[0]["code"]))
    first["findings"] = [f for f, _ in pairs]
    if snips is not None:
        first["_snippets"] = [s for _, s in pairs]
    first["not_assessed"] = [n for n in first["not_assessed"] if n["code"] not in cs] + second["not_assessed"]
    first["seconds"] = round(first.get("seconds", 0) + second.get("seconds", 0), 4)
    first["previous"] = second.get("_previous")
    r = first.get("_result")
    if r is not None:  # in-process results keep their FileResult: give it the merged findings
        r.findings = result_from_dict(first).findings
        r.not_assessed = first["not_assessed"]
        if r.analysis is not None and second.get("_result") is not None:
            r.analysis.previous = second["_result"].analysis.previous
    return first


def run(files: list[str], config: Config, *, jobs: int | None = None, timeout: float | None = TIMEOUT_DEFAULT,
        executor: str | None = None, snippets: bool = False, keep: bool = False,
        on_result: Callable[[int, dict], None],
        on_progress: Callable[[Stats], None] | None = None, stream: bool = False,
        previous: dict[str, str] | None = None, policy: Callable[[dict], None] | None = None) -> Stats:
    """Check ``files``; call ``on_result(index, dict)`` once per file, in completion order.

    With ``stream`` the caller writes each result as it comes and nothing is kept here; results held back for the
    cross-year pass are spooled to a temporary file. ``previous`` maps a file to the same organ's report for the
    year before, given by the user (``check --previous``): those files are checked with it in one pass. ``policy``
    (the baseline) is applied to each result before it is counted, so suppressed findings are never counted as open. Raises KeyboardInterrupt after closing the workers; the
    stats so far are in ``stats`` of the exception (``e.stats``).
    """
    cfg = config_to_dict(config)
    jobs = jobs or default_jobs()
    if "-" in files:
        jobs = 1
    stats = Stats(total=len(files))
    previous = previous or {}
    xcodes = cross_year_codes(config) if len(files) > 1 and not previous else []
    ex = make_executor(executor, jobs, cfg, timeout, snippets, len(files), config.lang, keep=keep and not stream)
    spool = _Spool() if xcodes and stream else None
    held: dict[int, dict] = {}
    facts: dict[int, tuple[str, dict]] = {}

    def deliver(tid: int, d: dict) -> None:
        if previous.get(files[tid]) and not d.get("error"):
            d["previous"] = previous[files[tid]]
            if d.get("_result") is not None:
                d["_result"].previous = previous[files[tid]]
        if policy is not None:
            policy(d)
        stats.add(d)
        on_result(tid, d)
        if on_progress:
            on_progress(stats)

    try:
        tasks = ((i, p, cfg, previous.get(p)) for i, p in enumerate(files))
        for tid, d in ex.run(tasks):
            stats.checked += 1
            f = d.get("facts") or {}
            if xcodes and not d.get("error") and f.get("organ") and isinstance(f.get("year"), int):
                facts[tid] = (files[tid], {"organ": f["organ"], "year": f["year"]})
                if spool is not None:
                    spool.put(tid, d)
                else:
                    held[tid] = d
                if on_progress:
                    on_progress(stats)
                continue
            deliver(tid, d)
        if xcodes:
            from .pairing import pair_reports

            pairs = pair_reports(facts.values())
            byp = {p: tid for tid, (p, _) in facts.items()}
            xcfg = config_to_dict(dataclasses.replace(config, select=list(xcodes), extend_select=[]))
            # grouped by previous report, so a worker re-analyses each previous report about once
            paired = [(byp[cur], cur, xcfg, prev) for cur, prev in sorted(pairs.items(), key=lambda kv: (kv[1], byp[kv[0]]))]
            pending = set(facts) - {t[0] for t in paired}
            for tid in sorted(pending):
                deliver(tid, spool.pop(tid) if spool else held.pop(tid))
            for tid, d2 in ex.run(paired):
                d2["_previous"] = pairs[files[tid]]
                first = spool.pop(tid) if spool else held.pop(tid)
                deliver(tid, _merge(first, d2, xcodes))
    except KeyboardInterrupt as e:
        stats.interrupted = True
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            ex.close()
        finally:
            if spool:
                spool.close()
        e.stats = stats
        raise
    ex.close()
    if spool:
        spool.close()
    return stats
