"""``--format jsonl``: one JSON object per file, one line each, written as each file finishes.

Each line is the file object of ``--format json`` (path, sha256, format, pack, facts, error, findings,
not_assessed) plus ``seconds`` (the time the file took) and, for a report paired with the year before, ``previous``.
Lines come in completion order, not input order, so a crawl of many files streams with flat memory; findings
within a file keep their deterministic order. There is no summary line: the summary goes to standard error.
"""

from __future__ import annotations

import json
import os


def line(result) -> str:
    """One line for one file: a worker's dict or a FileResult."""
    d = result if isinstance(result, dict) else result.to_dict()
    if not isinstance(result, dict) and getattr(result, "seconds", None) is not None:
        d["seconds"] = result.seconds
    return json.dumps({k: v for k, v in d.items() if not k.startswith("_")}, ensure_ascii=False) + "\n"


class Writer:
    """Writes lines to a text stream as they arrive, flushing each one."""

    def __init__(self, stream):
        self.stream = stream
        self.count = 0

    def write(self, result) -> None:
        text = line(result)
        with _DeferInterrupt():  # Ctrl-C during a write is raised after it: every line written is whole
            try:
                fd = self.stream.fileno()
            except (AttributeError, OSError, ValueError):
                fd = None
            if fd is None:
                self.stream.write(text)
                self.stream.flush()
            else:  # straight to the file descriptor, all of it: no buffer left half-written by a signal
                self.stream.flush()
                data = memoryview(text.encode("utf-8"))
                while data:
                    data = data[os.write(fd, data):]
        self.count += 1


class _DeferInterrupt:
    """Ctrl-C is held back while a line is written: SIGINT is blocked at the OS level (POSIX), so no partial write
    can be abandoned mid-line; the pending signal is delivered, as KeyboardInterrupt, once the line is out."""

    def __enter__(self):
        import signal
        import threading

        self.blocked = False
        if hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread():
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            self.blocked = True
        return self

    def __exit__(self, *exc) -> None:
        import signal

        if self.blocked:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def render(results, ctx) -> str:
    return "".join(line(r) for r in results)


class AtomicFile:
    """A text file written as lines arrive and renamed over the target only when the run completes."""

    def __init__(self, path: str):
        from .. import atomic

        self.path = atomic.target(path)
        fd, self.tmp = atomic.open_temp(self.path)  # the mode of an ordinary new file (see checker.atomic)
        self.file = os.fdopen(fd, "w", encoding="utf-8")

    def commit(self) -> None:
        import os

        from ..errors import ReportlintError

        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            os.replace(self.tmp, self.path)
        except OSError as e:
            self.discard()
            raise ReportlintError("E030", f"{self.path}: {e.strerror or e}") from None

    def discard(self) -> None:
        import os

        try:
            self.file.close()
            os.unlink(self.tmp)
        except OSError:
            pass
