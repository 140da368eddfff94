"""A checkout run without its dependencies (``python -m checker`` in a source tree nobody installed) says which
package is missing (E091, exit 2), not "internal error, please report it" (E090)."""

import json
import subprocess
import sys

from conftest import ROOT

# the interpreter is started with the PDF layer made unimportable (sys.modules[name] = None makes import raise
# ModuleNotFoundError, as in an interpreter where the package was never installed)
RUN = ("import sys; sys.modules['pypdfium2'] = None; sys.modules['pdfplumber'] = None; "
       "from checker.cli import main; raise SystemExit(main(sys.argv[1:]))")


def run(*args):
    return subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_a_missing_package_is_named_with_its_own_code(tmp_path):
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    r = run("check", str(pdf), "--format", "json", "--no-cache")
    assert r.returncode == 2, r.stderr
    err = json.loads(r.stdout)["files"][0]["error"]
    assert err["code"] == "E091" and ("pypdfium2" in err["message"] or "pdfplumber" in err["message"]), err
    assert "Traceback" not in r.stderr and "E091" in r.stderr


def test_text_files_are_still_checked_without_the_pdf_layer(tmp_path):
    txt = tmp_path / "r.txt"
    txt.write_text("某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n今年我们做了很多工作。\n", encoding="utf-8")
    r = run("check", str(txt), "--format", "json", "--no-cache")
    assert json.loads(r.stdout)["files"][0]["error"] is None, r.stderr
