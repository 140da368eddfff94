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


@pytest.fixture
def cli():
    return run_cli


def corpus_records():
    if not CORPUS.exists():
        return []
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
