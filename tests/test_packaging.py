"""The wheel ships the rule pack: an install outside the source tree finds it."""

import os
import subprocess
import sys
import zipfile

from conftest import ROOT, SEED


def test_wheel_ships_the_pack_and_runs_outside_the_tree(tmp_path):
    wheel_dir = tmp_path / "wheel"
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(ROOT)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    wheel = next(wheel_dir.glob("reportlint-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "checker/rules/gov-annual-report/pack.yaml" in names
    assert "checker/rules/gov-annual-report/sections.yaml" in names
    assert any(n.startswith("checker/rules/gov-annual-report/lexicons/") and n.endswith(".txt") for n in names)
    # the spin pairs and the reference of recurring government phrasing (GOV-K009 spin) ship with the pack
    assert {"checker/rules/gov-annual-report/lexicons/spin.tsv",
            "checker/rules/gov-annual-report/lexicons/spin_ref.txt.gz"} <= set(names)
    target = tmp_path / "site"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                        str(wheel)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    env = dict(os.environ, PYTHONPATH=str(target))
    work = tmp_path / "elsewhere"
    work.mkdir()
    code = ("import checker, checker.packs as p; "
            "print(checker.__file__); print(p.load_pack().root); print(len(p.load_pack().rules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=work, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    mod_file, root, n = r.stdout.split("\n")[:3]
    assert mod_file.startswith(str(target)) and root.startswith(str(target)) and int(n) > 40
    r = subprocess.run([sys.executable, "-m", "checker", "check", str(SEED), "--format", "concise"],
                       capture_output=True, text=True, cwd=work, env=env, timeout=120)
    assert r.returncode == 1 and "GOV-K001" in r.stdout, r.stderr
