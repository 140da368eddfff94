"""One batch: the first pass over every file, the cross-year pass over the paired reports, results in completion
order (spooled to disk when streaming), the policy applied to each result before it is counted."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import tempfile
from typing import Callable

from ..config import Config
from .executors import default_jobs, make_executor
from .summary import Stats
from .worker import TIMEOUT_DEFAULT, config_to_dict, result_from_dict




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
    from ..packs import load_pack

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
        r.previous = first["previous"]
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
            from ..pairing import pair_reports

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
