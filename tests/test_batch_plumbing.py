"""The batch's plumbing: what the parent loads before forking its workers, the public suffix list's cache."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str, env: dict | None = None) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                          check=True).stdout


def test_the_warm_up_builds_no_s2t_converter(tmp_path):
    # the parent of a batch warms up before forking: OpenCC's s2t converter (27 MiB, 50 ms) is built only when a
    # checked text has a traditional-only character, never for the warm-up report
    out = _run("from checker import batch\nfrom checker.config import Config\n"
               "batch.warm_up(batch.config_to_dict(Config()))\n"
               "from checker.analysis.contamination import islands\nfrom checker import normalize\n"
               "print(islands._s2t.cache_info().currsize, normalize._t2s.cache_info().currsize)",
               {"REPORTLINT_CACHE_DIR": str(tmp_path)})
    assert out.split() == ["0", "1"]


def test_a_traditional_text_still_gets_its_traditional_findings(tmp_path):
    # (the converter is built when needed: in a worker forked from a warm parent too)
    from checker import batch
    from checker.config import Config

    text = ("某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本机关认真贯彻落实条例。\n"
            "臺灣娛樂城線上註冊送彩金，歡迎體驗最新遊戲，請聯繫客服。\n二、主动公开政府信息情况\n")
    files = []
    for i in range(2):
        p = tmp_path / f"r{i}.txt"
        p.write_text(text, encoding="utf-8")
        files.append(str(p))
    got = {}
    for jobs in (1, 2):
        res = {}
        batch.run(files, Config(), jobs=jobs, on_result=lambda i, d: res.__setitem__(i, d))
        got[jobs] = [sorted((f["code"], f["match"]) for f in res[i]["findings"]) for i in range(2)]
    assert got[1] == got[2]
    assert any(c.startswith("GOV-K") for c, _ in got[1][0])
