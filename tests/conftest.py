import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # tests import the fixture generator: ``from fixtures.generate import ...``
    sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
SEED = ROOT / "fixtures" / "000_66a783b882825013.txt"
CORPUS = SHARED / "corpus" / "real-excerpts-dev.jsonl"


def run_cli(*args, input=None, cwd=None, env=None):
    """Run the real CLI in a subprocess (python -m checker); returns CompletedProcess with text output."""
    e = dict(os.environ)
    e.update(env or {})
    e.setdefault("PYTHONIOENCODING", "utf-8")
    return subprocess.run([sys.executable, "-m", "checker", *map(str, args)], input=input, capture_output=True,
                          cwd=cwd, env=e, timeout=300, text=isinstance(input, str) or input is None)


def run_on_pty(*args, stream="stderr", env=None, timeout=120):
    """Run the real CLI with standard error (or ``stream="stdout"``) on a pseudo-terminal, the other stream
    discarded; (exit code, what the terminal showed). ``env`` is added to a copy of the environment without
    NO_COLOR/FORCE_COLOR."""
    import pty

    master, slave = pty.openpty()
    e = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    e.update(PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT), TERM="xterm", COLUMNS="100")
    e.update(env or {})
    out = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, stream: slave}
    p = subprocess.Popen([sys.executable, "-m", "checker", *map(str, args)], stdout=out["stdout"],
                         stderr=out["stderr"], env=e, cwd=ROOT)
    os.close(slave)
    chunks = []
    while True:
        try:
            b = os.read(master, 65536)
        except OSError:
            break
        if not b:
            break
        chunks.append(b)
    p.wait(timeout=timeout)
    os.close(master)
    return p.returncode, b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def cli():
    return run_cli


def corpus_records():
    if not CORPUS.exists():
        return []
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
