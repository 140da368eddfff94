"""One batch: the first pass over every file, the cross-year pass over the paired reports, results in completion
order (spooled to disk when streaming), the policy applied to each result before it is counted."""

from __future__ import annotations

import dataclasses
import pickle
from array import array
import os
import signal
import tempfile
from typing import Callable

from ..config import Config
from .executors import default_jobs, make_executor
from .summary import Stats
from .worker import TIMEOUT_DEFAULT, config_to_dict, result_from_dict




class _Store:
    """Results and digests held back for the cross-year pass, by small integer keys: on disk when streaming (in
    memory only two array slots per key, 16 bytes), else in memory (the caller keeps every result anyway)."""

    def __init__(self, disk: bool):
        self.f = tempfile.TemporaryFile() if disk else None
        self.mem: dict[int, dict] = {}
        self.off, self.len = array("q"), array("q")

    def put(self, key: int, d: dict) -> None:
        if self.f is None:
            self.mem[key] = d
            return
        data = pickle.dumps(d, pickle.HIGHEST_PROTOCOL)  # (JSON took twice as long, both ways)
        if key >= len(self.off):
            grow = key + 1 - len(self.off)
            self.off.extend([-1] * grow)
            self.len.extend([0] * grow)
        self.f.seek(0, os.SEEK_END)
        self.off[key], self.len[key] = self.f.tell(), len(data)
        self.f.write(data)

    def get(self, key: int) -> dict:
        if self.f is None:
            return self.mem[key]
        if key >= len(self.off) or self.off[key] < 0:
            raise KeyError(key)
        self.f.seek(self.off[key])
        return pickle.loads(self.f.read(self.len[key]))

    def pop(self, key: int) -> dict:
        d = self.get(key)
        if self.f is None:
            del self.mem[key]
        else:
            self.off[key] = -1
        return d

    def close(self) -> None:
        self.mem.clear()
        if self.f is not None:
            self.f.close()


def cross_year_codes(config: Config) -> list[str]:
    """The implemented, selected GOV-X rules: the second pass runs only when there is one."""
    from ..packs import load_pack

    pack = load_pack(config.pack)
    return [r.code for r in pack.rules
            if r.code.startswith("GOV-X") and r.status == "implemented" and r.kind and config.selected(r.code)]


def _cross_year(cur: dict, prev: dict, pack, config: Config, codes: list[str], snippets: bool) -> dict:
    """The GOV-X findings of one pair, from the two files' digests (no file is read)."""
    import time

    from ..checks.crossyear import cross_year
    from .worker import E_INTERNAL, _snippet

    t0 = time.perf_counter()
    try:
        findings, na, view = cross_year(cur, prev, pack, config, codes)
    except Exception as e:  # a bug: the first pass's result stands (the GOV-X rules not assessed)
        return {"error": {"code": E_INTERNAL, "message": f"{type(e).__name__}: {e}"}}
    d = {"findings": [f.to_dict() for f in findings], "not_assessed": na}
    if snippets:
        d["_snippets"] = [_snippet(view.shown_text, f.location.start, f.location.end) for f in findings]
    d["seconds"] = time.perf_counter() - t0
    return d


def _merge(first: dict, second: dict, codes: list[str]) -> dict:
    """The first pass's result with the GOV-X findings and not-assessed entries of the cross-year pass."""
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
        from ..checks.crossyear import mark_failed

        r.findings = result_from_dict(first).findings
        r.not_assessed = first["not_assessed"]
        r.previous = first["previous"]
        if r.analysis is not None:  # the audit sheet shades the cells the GOV-X findings report
            for f in second["findings"]:
                loc = f["location"]
                mark_failed(r.analysis, loc.get("table"), loc.get("row"), loc.get("col"), f.get("evidence"))
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
    store = _Store(disk=stream) if xcodes else None
    facts: dict[int, tuple] = {}  # (organ, year, province) of the files held back: small, for the pairing
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
            dg = d.pop("_digest", None)
            f = d.get("facts") or {}
            if store is not None and dg is not None and not d.get("error") and f.get("organ") \
                    and isinstance(f.get("year"), int):
                facts[tid] = (f["organ"], f["year"], f.get("province"))
                store.put(2 * tid, d)  # the result, delivered once its pass is done …
                store.put(2 * tid + 1, dg)  # … and its digest, read as the later or the earlier report of a pair
                if on_progress:
                    on_progress(stats)
                continue
            deliver(tid, d)
        if store is not None:
            # the cross-year pass, on the first pass's digests: no file is read again
            from ..packs import load_pack
            from ..pairing import pair_reports

            pairs = pair_reports((files[tid], {"organ": o, "year": y, "province": p})
                                 for tid, (o, y, p) in facts.items())
            byp = {files[tid]: tid for tid in facts}
            for tid in sorted(set(facts) - {byp[cur] for cur in pairs}):
                deliver(tid, store.pop(2 * tid))
            pack = load_pack(config.pack)
            xconfig = dataclasses.replace(config, select=list(xcodes), extend_select=[])
            for cur, prev in sorted(pairs.items(), key=lambda kv: byp[kv[0]]):
                tid = byp[cur]
                second = _cross_year(store.get(2 * tid + 1), store.get(2 * byp[prev] + 1), pack,
                                     xconfig.for_path(cur), xcodes, snippets)
                second["_previous"] = prev
                deliver(tid, _merge(store.pop(2 * tid), second, xcodes))
    except KeyboardInterrupt as e:
        stats.interrupted = True
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            ex.close()
        finally:
            if store is not None:
                store.close()
        e.stats = stats
        raise
    ex.close()
    if store is not None:
        store.close()
    return stats
