"""Start-up: heavy libraries are imported only where used (issue 16). Each case runs in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "000_66a783b882825013.txt"


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    return set(out.split())


def test_import_of_the_cli_loads_neither_rich_nor_yaml():
    mods = _modules_after("import checker.cli")
    assert "checker.cli" in mods
    assert not {m for m in mods if m == "rich" or m.startswith("rich.")}
    assert "yaml" not in mods


def test_a_machine_format_check_never_imports_rich():
    code = ("import sys\nfrom checker.cli import main\n"
            f"sys.argv = ['reportlint', 'check', '--no-cache', '-j1', '--format', 'json', {str(SEED)!r}]\n"
            "try:\n    main()\nexcept SystemExit as e:\n    assert e.code in (0, 1), e.code\n")
    mods = _modules_after(code)
    assert "checker.render.json" in mods  # the check did run and render
    assert not {m for m in mods if m == "rich" or m.startswith("rich.")}
