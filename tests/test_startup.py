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


def _family(mods: set[str], *names: str) -> set[str]:
    return {m for m in mods if any(m == n or m.startswith(n + ".") for n in names)}


def test_import_of_the_cli_loads_click_and_the_configuration_only():
    # ruff-like import hygiene: --help, --version and usage errors must not pay for the flow
    mods = _modules_after("import checker.cli")
    assert "checker.cli" in mods and "click" in mods
    assert not _family(mods, "rich", "yaml", "ahocorasick", "pdfplumber", "pypdfium2", "docx", "selectolax")
    assert not _family(mods, "checker.runner", "checker.engine", "checker.analysis", "checker.checks",
                       "checker.batch", "checker.extract", "checker.normalize", "checker.document")
    assert not {m for m in mods if m.startswith("checker.render.")}  # the package, no renderer


def test_the_constants_the_cli_repeats_agree_with_their_home():
    from checker import batch, cli, render, runner

    assert cli.TIMEOUT_DEFAULT == batch.TIMEOUT_DEFAULT
    assert (cli.EXIT_OK, cli.EXIT_ERROR) == (runner.EXIT_OK, runner.EXIT_ERROR)
    assert cli.FORMATS is render.FORMATS


def test_version_and_help_do_not_import_the_flow():
    for argv in (["--version"], ["check", "--help"]):
        code = ("import sys\nfrom checker.cli import main\n"
                f"assert main({argv!r}) == 0\n")
        mods = _modules_after(code)
        assert not _family(mods, "checker.runner", "checker.engine", "checker.analysis", "rich", "yaml"), argv


def test_a_machine_format_check_never_imports_rich():
    code = ("import sys\nfrom checker.cli import main\n"
            f"sys.argv = ['reportlint', 'check', '--no-cache', '-j1', '--format', 'json', {str(SEED)!r}]\n"
            "try:\n    main()\nexcept SystemExit as e:\n    assert e.code in (0, 1), e.code\n")
    mods = _modules_after(code)
    assert "checker.render.json" in mods  # the check did run and render
    assert not {m for m in mods if m == "rich" or m.startswith("rich.")}


def test_the_display_width_agrees_with_rich_on_every_known_character():
    # the console, the help and the tables measure without rich; a terminal report (rich) must lay out the same
    import unicodedata

    from rich.cells import cell_len as rich_len, get_character_cell_size

    from checker.render.layout import cell_len, char_width

    differ = [o for o in range(0x110000) if not 0xD800 <= o < 0xE000 and unicodedata.category(chr(o)) != "Cn"
              and char_width(chr(o)) != get_character_cell_size(chr(o))]
    assert not differ, [hex(o) for o in differ[:20]]
    for s in ("霍邱县扈胡镇人民政府2023年", "Copyright © PG电子·模拟器", "…“”↳✓ ★", "e\u0301", "👨\u200d👩\u200d👧", ""):
        assert cell_len(s) == rich_len(s), s
