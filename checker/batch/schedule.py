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
from ..pairing import Pairer
from .executors import default_jobs, make_executor
from .summary import Stats
from .worker import TIMEOUT_DEFAULT, config_to_dict, result_from_dict




class _Store:
    """Results and digests held back for the cross-year pass, by small integer keys: on disk when streaming (in
    memory only two array slots per key, 16 bytes), else pickled in memory (the caller keeps every result anyway);
    ``objects`` (results that carry their in-process FileResult) keeps the dicts themselves. Except with
    ``objects``, ``get`` gives a fresh copy each time, so a result can be merged again with another previous
    report."""

    def __init__(self, disk: bool, objects: bool = False):
        # unbuffered, written and read at known offsets (os.pwrite/os.pread: one system call, no seek and no
        # buffer flushed between a write and a read — issue 16), by seek and read where the OS lacks them
        self.positional = hasattr(os, "pwrite") and hasattr(os, "pread")
        self.f = tempfile.TemporaryFile(buffering=0 if self.positional else -1) if disk and not objects else None
        self.end = 0  # where the next record goes
        self.objects = objects
        self.mem: dict[int, object] = {}
        self.off, self.len = array("q"), array("q")

    @property
    def copies(self) -> bool:
        return not self.objects

    def put(self, key: int, d: dict) -> None:
        if self.objects:
            self.mem[key] = d
            return
        data = pickle.dumps(d, pickle.HIGHEST_PROTOCOL)  # (JSON took twice as long, both ways)
        if self.f is None:
            self.mem[key] = data
            return
        if key >= len(self.off):
            grow = key + 1 - len(self.off)
            self.off.extend([-1] * grow)
            self.len.extend([0] * grow)
        self.off[key], self.len[key] = self.end, len(data)
        if self.positional:
            fd, view, at = self.f.fileno(), memoryview(data), self.end
            while view:
                n = os.pwrite(fd, view, at)
                view, at = view[n:], at + n
        else:
            self.f.seek(self.end)
            self.f.write(data)
        self.end += len(data)

    def get(self, key: int) -> dict:
        if self.objects:
            return self.mem[key]
        if self.f is None:
            return pickle.loads(self.mem[key])
        if key >= len(self.off) or self.off[key] < 0:
            raise KeyError(key)
        off, n = self.off[key], self.len[key]
        if self.positional:
            data = os.pread(self.f.fileno(), n, off)
            while len(data) < n:  # (a short read: the rest)
                more = os.pread(self.f.fileno(), n - len(data), off + len(data))
                if not more:
                    raise OSError(f"spool file truncated at {off + len(data)}")
                data += more
        else:
            self.f.seek(off)
            data = self.f.read(n)
        return pickle.loads(data)

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
    keep = keep and not stream
    ex = make_executor(executor, jobs, cfg, timeout, snippets, len(files), config.lang, keep=keep)
    store = _Store(disk=stream, objects=keep) if xcodes else None
    held: set[int] = set()  # the files held back for the cross-year pass (their result, digest, merged result)
    byp: dict[str, int] = {}
    pairer = Pairer()
    merged_with: dict[int, int] = {}  # file → the previous report its stored merged result was made with
    if store is not None:
        from ..packs import load_pack

        pack = load_pack(config.pack)
        xconfig = dataclasses.replace(config, select=list(xcodes), extend_select=[])

    def merged(tid: int, ptid: int, fresh: tuple | None = None) -> dict:
        """The first pass's result of ``tid`` with the GOV-X findings against the report ``ptid``. ``fresh``: (file,
        result, digest) of the file just in, used as they came rather than read back from the store (its stored
        copies stay as they were: the comparison only reads the digests, the merge changes only the result)."""
        def digest(k: int) -> dict:
            return fresh[2] if fresh is not None and fresh[0] == k else store.get(3 * k + 1)

        second = _cross_year(digest(tid), digest(ptid), pack, xconfig.for_path(files[tid]), xcodes, snippets)
        second["_previous"] = files[ptid]
        if fresh is not None and fresh[0] == tid:
            return _merge(fresh[1], second, xcodes)
        return _merge(store.get(3 * tid) if store.copies else store.pop(3 * tid), second, xcodes)

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
                held.add(tid)
                byp[files[tid]] = tid
                store.put(3 * tid, d)  # the result, delivered once its pass is done …
                store.put(3 * tid + 1, dg)  # … and its digest, read as the later or the earlier report of a pair
                if store.copies:
                    # the pairs this report completes are compared now, while the workers check the other files:
                    # a pair changes only when a better previous report comes in later (then it is compared again)
                    for cur in pairer.add(files[tid], {"organ": f["organ"], "year": f["year"],
                                                       "province": f.get("province")}):
                        c, pt = byp[cur], byp[pairer.previous(cur)]
                        store.put(3 * c + 2, merged(c, pt, (tid, d, dg)))
                        merged_with[c] = pt
                else:
                    pairer.add(files[tid], {"organ": f["organ"], "year": f["year"], "province": f.get("province")})
                if on_progress:
                    on_progress(stats)
                continue
            deliver(tid, d)
        if store is not None:
            # what is left of the cross-year pass: the pairs not compared yet (in-process results), then delivery;
            # the pairs are those of pair_reports over every report (Pairer keeps them as the reports came)
            pairs = pairer.pairs()
            paired = {byp[cur]: byp[prev] for cur, prev in pairs.items()}
            for tid in sorted(held - set(paired)):
                deliver(tid, store.pop(3 * tid))
            for tid in sorted(paired):
                if merged_with.get(tid) == paired[tid]:
                    deliver(tid, store.pop(3 * tid + 2))
                else:
                    deliver(tid, merged(tid, paired[tid]))
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
