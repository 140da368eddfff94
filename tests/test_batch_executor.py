"""The worker-process executor: two files in flight per worker; a worker that dies gives its running file an
E090 entry and its queued file to another worker, so every file gets exactly one result."""

import os
import signal

from checker import batch
from checker.batch.executors import ProcessExecutor
from checker.config import Config
from fixtures import generate as g


def _files(tmp_path, n):
    return [str(g.write_txt(g.make_report(seed=i, year=2023, organ=f"某某{i}县人民政府"), tmp_path / f"r{i:02d}.txt"))
            for i in range(n)]


def test_every_file_once_with_two_in_flight(tmp_path):
    files = _files(tmp_path, 9)
    cfg = batch.config_to_dict(Config())
    ex = ProcessExecutor(2, cfg, timeout=60, snippets=False)
    try:
        got = list(ex.run((i, p, cfg, None) for i, p in enumerate(files)))
    finally:
        ex.close()
    assert sorted(t for t, _ in got) == list(range(9))
    assert all(not d.get("error") and d["path"] == files[t] for t, d in got)


def test_a_dead_worker_loses_only_its_running_file(tmp_path):
    files = _files(tmp_path, 10)
    cfg = batch.config_to_dict(Config())
    ex = ProcessExecutor(2, cfg, timeout=60, snippets=False)
    got = []
    killed = None
    try:
        for tid, d in ex.run((i, p, cfg, None) for i, p in enumerate(files)):
            got.append((tid, d))
            # at the first result where a worker holds one running file and one queued behind it (at a given result
            # a worker may just have sent its file back and not yet been refilled: under load, that is any result)
            w = None if killed else next((w for w in ex.workers if len(w.tasks) == 2), None)
            if w is not None:
                killed = (w.tasks[0][0], w.tasks[1][0])
                os.kill(w.proc.pid, signal.SIGKILL)
    finally:
        ex.close()
    assert killed is not None  # a worker was seen with a queued file, and killed
    assert sorted(t for t, _ in got) == list(range(10))  # every file once
    errors = [(t, d["error"]) for t, d in got if d.get("error")]
    # the file it was running when killed (its queued one, when the first had just been sent back) gets E090 …
    assert len(errors) == 1 and errors[0][0] in killed
    assert errors[0][1]["code"] == "E090" and "-9" in errors[0][1]["message"]  # killed: SIGKILL
    # … and every other file, the one queued behind it included, was checked by a worker
    assert all(d["path"] == files[t] and d["findings"] is not None for t, d in got)


def test_the_parent_freezes_what_workers_inherit_and_thaws_it_at_the_end(tmp_path):
    import gc

    files = _files(tmp_path, 3)
    cfg = batch.config_to_dict(Config())
    assert gc.get_freeze_count() == 0
    ex = ProcessExecutor(2, cfg, timeout=60, snippets=False)
    frozen = []
    try:
        for _ in ex.run((i, p, cfg, None) for i, p in enumerate(files)):
            frozen.append(gc.get_freeze_count())
    finally:
        ex.close()
    assert len(frozen) == 3 and all(n > 1000 for n in frozen)  # forked from a frozen heap
    assert gc.get_freeze_count() == 0  # and nothing of this process stays out of the collector's reach


def test_the_last_files_go_to_free_workers_never_behind_a_running_file(tmp_path):
    files = _files(tmp_path, 6)
    cfg = batch.config_to_dict(Config())
    ex = ProcessExecutor(2, cfg, timeout=60, snippets=False, total=len(files))
    queued = set()  # the files seen waiting in a worker's pipe behind its running file
    try:
        got = []
        for tid, d in ex.run((i, p, cfg, None) for i, p in enumerate(files)):
            got.append(tid)
            queued.update(t[0] for w in ex.workers for t in list(w.tasks)[1:])
    finally:
        ex.close()
    assert sorted(got) == list(range(6))
    # (whether an early file is seen waiting depends on when results arrive: in the full suite it often is not, so
    # only the promise itself is asserted)
    assert not queued & {4, 5}  # the last two (as many as workers) are given to free workers only


def test_a_serial_batch_tunes_the_collector_from_its_second_file_and_puts_it_back(tmp_path):
    """In-process (``--jobs 1``) the young generation's threshold is raised and what the first file loaded (the
    pack, lexicons, converters) is frozen while the files are checked; both are put back at the end, also when the
    caller stops early. One file alone leaves the collector as it is (a one-file check pays nothing for it)."""
    import gc

    from checker.batch.executors import GC_THRESHOLD, SerialExecutor

    files = _files(tmp_path, 3)
    cfg = batch.config_to_dict(Config())
    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0 and before[0] < GC_THRESHOLD
    seen = []
    ex = SerialExecutor(timeout=60, snippets=False)
    for _ in ex.run((i, p, cfg, None) for i, p in enumerate(files)):
        seen.append((gc.get_threshold()[0], gc.get_freeze_count()))
    assert seen[0] == (before[0], 0)  # the first file: as the caller had it
    assert all(t == GC_THRESHOLD and n > 1000 for t, n in seen[1:])
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    it = ex.run((i, p, cfg, None) for i, p in enumerate(files))
    next(it), next(it)
    assert gc.get_threshold()[0] == GC_THRESHOLD
    it.close()  # a caller that stops early
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    assert not [d.get("error") for _, d in SerialExecutor(60, False).run([(0, files[0], cfg, None)]) if d.get("error")]
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
