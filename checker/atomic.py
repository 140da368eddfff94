"""Atomic output: write to a temporary file in the target directory, then rename over the target.

The file gets the permissions of an ordinary new file (``0666 & ~umask``, as ``open()`` or a shell redirection would
give it), or keeps the permissions of the file it replaces; ``mkstemp``'s private 0600 would make an audit sheet
copied to a shared drive unreadable to colleagues. A target that is a symbolic link is written through the link (the
file it points to is replaced, the link stays), as a shell redirection would.
"""

from __future__ import annotations

import os
import tempfile

from .errors import ReportlintError


def umask() -> int:
    """The process umask, read without changing it where the system says it (Linux ``/proc``)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    old = os.umask(0o022)  # elsewhere: set and restore (not thread-safe, but only the main thread writes outputs)
    os.umask(old)
    return old


def target(path: str) -> str:
    """The file a write to ``path`` replaces: ``path`` itself, or the file its symbolic link points to."""
    return os.path.realpath(path) if os.path.islink(path) else path


def file_mode(path: str) -> int:
    """The mode for a new version of ``path``: that of the existing file, else ``0666 & ~umask``."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        return 0o666 & ~umask()


def open_temp(path: str, prefix: str = ".reportlint-") -> tuple[int, str]:
    """A temporary file beside ``path`` (its final mode already set): ``(fd, temp path)``; E030 when impossible."""
    d = os.path.dirname(os.path.abspath(path)) or "."
    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix, dir=d)
    except OSError as e:
        raise ReportlintError("E030", f"{path}: {e.strerror or e}") from None
    try:
        os.fchmod(fd, file_mode(path))
    except OSError:
        pass
    return fd, tmp


def write(path: str, data: str | bytes) -> None:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path = target(path)
    fd, tmp = open_temp(path)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise ReportlintError("E030", f"{path}: {e.strerror or e}") from None
