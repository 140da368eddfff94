"""The pre-commit hooks, run by the real pre-commit against a temporary repository that uses this checkout as its
hook repository (pre-commit clones it and pip-installs it into a hook environment: needs PyPI, takes a minute).

Deselect with ``-m "not slow"``.
"""

import os
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, SEED
from fixtures.generate import make_report, write_txt

pytestmark = pytest.mark.slow

def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    try:
        sha = git("rev-parse", "HEAD", cwd=ROOT)
        git("cat-file", "-e", f"{sha}:.pre-commit-hooks.yaml", cwd=ROOT)
    except subprocess.CalledProcessError:
        pytest.skip("this checkout is not a git repository with .pre-commit-hooks.yaml committed at HEAD")
    repo = tmp_path_factory.mktemp("reports-repo")
    git("init", "-q", cwd=repo)
    config = {"repos": [{"repo": str(ROOT), "rev": sha,
                         "hooks": [{"id": "reportlint"}, {"id": "reportlint-clean"}]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "PYTHONPATH"))}
    env.update(PRE_COMMIT_HOME=str(home), PYTHONIOENCODING="utf-8", REPORTLINT_CACHE_DIR=str(home / "rl-cache"))

    def run(*files):
        for f in repo.iterdir():
            if f.is_file() and f.name != ".pre-commit-config.yaml":
                f.unlink()
            elif f.is_dir() and f.name != ".git":
                shutil.rmtree(f)
        for name, text in files:
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            (repo / name).write_text(text, encoding="utf-8")
        git("add", "-A", cwd=repo)
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    return run


def test_hooks_fail_on_the_seed(hook_repo):
    r = hook_repo(("report.txt", SEED.read_text(encoding="utf-8")), ("notes.py", "print('not a report')\n"))
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "GOV-K001" in out and "report.txt" in out
    assert "notes.py" not in out  # only report files are passed to the hooks
    # the clean hook lists what it would remove, and changed nothing
    assert "麻将胡了最新官方版下载" in out
    assert "reportlint clean (check only)" in out


def test_hooks_pass_on_a_clean_report(hook_repo, tmp_path):
    clean = write_txt(make_report(seed=3), tmp_path / "clean.txt").read_text(encoding="utf-8")
    r = hook_repo(("report.md", clean))
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert "Passed" in out and "Failed" not in out


def test_hooks_pass_on_a_repository_readme_and_requirements(hook_repo):
    """README.md, requirements.txt and docs/*.md are not reports: one GOV-M007 info each, no failure."""
    readme = "# reports\n\nThe reports of this office, checked with reportlint.\n\n## Setup\n\n    pip install -r requirements.txt\n"
    r = hook_repo(("README.md", readme), ("requirements.txt", "reportlint>=0.1\npypinyin>=0.50\n"),
                  ("docs/x.md", "# Notes\n\n- how to publish\n- who signs off\n"))
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert "Passed" in out and "Failed" not in out and "GOV-S001" not in out
