"""Atomic output: write to a temporary file in the target directory, then rename over the target."""

from __future__ import annotations

import os
import tempfile

from .errors import ReportlintError


def write(path: str, data: str | bytes) -> None:
    if isinstance(data, str):
        data = data.encode("utf-8")
    d = os.path.dirname(os.path.abspath(path)) or "."
    try:
        fd, tmp = tempfile.mkstemp(prefix=".reportlint-", dir=d)
    except OSError as e:
        raise ReportlintError("E030", f"{path}: {e.strerror or e}") from None
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
