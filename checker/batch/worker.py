"""The per-file function of a batch: picklable, top level, a plain dict back (the same in-process, in worker
processes and on Dask workers); time limits; the previous report for cross-year checks; the worker caches."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import threading
import time
import traceback
from typing import Any, Callable

from ..config import Config
from ..errors import ReportlintError
TIMEOUT_DEFAULT = 60.0
E_TIMEOUT, E_INTERNAL, E_MISSING = "E021", "E090", "E091"




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
    from ..engine import check_path

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
    for the year before (GOV-X rules, ``check --previous``); without it, when a GOV-X rule ran, ``_digest`` is
    what the cross-year rules compare (:func:`checker.checks.crossyear.digest`). ``snippets`` adds ``_snippets`` (the line around each finding's match) for
    the console renderer, which otherwise needs the whole text. ``keep`` (in-process only) adds ``_result``, the
    FileResult with its Analysis, for renderers that show the whole document (``--format html``).
    """
    from ..engine import check_path

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
    except ModuleNotFoundError as e:  # an installation without its dependencies: no bug to report, an install to do
        return error_result(path, E_MISSING, e.name or str(e), cfg.lang, seconds=time.perf_counter() - t0)
    except Exception as e:  # a bug in an extractor or a rule: this file gets an error entry, the run goes on
        where = traceback.extract_tb(e.__traceback__)[-1]
        detail = f"{type(e).__name__}: {e} ({os.path.basename(where.filename)}:{where.lineno})"
        return error_result(path, E_INTERNAL, detail, cfg.lang, seconds=time.perf_counter() - t0)
    d = r.to_dict()
    d["seconds"] = round(time.perf_counter() - t0, 4)
    dg = r.cross_year_digest() if previous is None else None
    if dg is not None:  # what the cross-year pass compares (a few KB): the files are not read again for it
        d["_digest"] = dg
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
        from ..cache import Cache

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
联系电话：020-12345678 地址：广东省广州市 网址 http://www.example.gov.cn 版权所有
"""
# (no traditional-only character: it would make every batch parent, and every worker forked from it, build
# OpenCC's s2t converter of contamination/islands.py — 50 ms and 27 MiB of RSS — which a worker builds only when
# one of its files needs it)


_WARM: set = set()


def warm_up(config: dict) -> None:
    """Load the pack, lexicons and converters once, so the first file's time limit measures the file (a forked
    worker inherits a warm parent's state and skips this)."""
    from ..engine import check_bytes

    key = json.dumps(config, sort_keys=True, ensure_ascii=False, default=str)
    if key in _WARM:
        return
    _WARM.add(key)
    try:
        check_bytes(WARM_UP_TEXT.encode("utf-8"), "warm-up.txt", config_from_dict(config))
    except Exception:
        pass




def result_from_dict(d: dict):
    """A FileResult (without Analysis) from a worker's dict, for the renderers."""
    from ..result import FileResult
    from ..findings import Edit, Finding, Fix, Location, Severity

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


