"""The batch summary: files by status, rate, suppressed findings, the most frequent codes, failures, slowest files."""

from __future__ import annotations

import heapq
import time
from collections import Counter
from dataclasses import dataclass, field

from .worker import E_TIMEOUT




@dataclass
class Stats:
    total: int = 0
    done: int = 0  # results delivered (counted in the summary)
    checked: int = 0  # files through the first pass (the progress bar); some may wait for the cross-year pass
    status: Counter = field(default_factory=Counter)
    codes: Counter = field(default_factory=Counter)
    failed: list = field(default_factory=list)  # (path, code, message), the first MAX_FAILED
    failed_count: int = 0
    slowest: list = field(default_factory=list)  # heap of (seconds, path)
    severities: Counter = field(default_factory=Counter)
    suppressed: int = 0  # findings suppressed by the baseline (never counted as open)
    interrupted: bool = False
    started: float = field(default_factory=time.monotonic)

    MAX_FAILED = 20
    MAX_SLOWEST = 5

    def add(self, d: dict) -> None:
        self.done += 1
        self.suppressed += len(d.get("_suppressed") or ())
        err = d.get("error")
        if err:
            self.failed_count += 1
            self.status["timed_out" if err.get("code") == E_TIMEOUT else "failed"] += 1
            if len(self.failed) < self.MAX_FAILED:
                self.failed.append((d["path"], err.get("code"), err.get("message")))
        else:
            sev = Counter(f["severity"] for f in d.get("findings", []))
            self.severities.update(sev)
            self.status["errors" if sev["error"] else "findings" if sev else "clean"] += 1
            self.codes.update(f["code"] for f in d.get("findings", []))
        item = (float(d.get("seconds") or 0.0), d["path"])
        if len(self.slowest) < self.MAX_SLOWEST:
            heapq.heappush(self.slowest, item)
        else:
            heapq.heappushpop(self.slowest, item)


LABELS = {
    "zh": {"title": "批量检查汇总", "interrupted": "已中断：完成 {done}/{total} 个文件", "status": "状态",
           "files": "文件数", "clean": "未发现问题", "findings": "仅有警告/提示", "errors": "有错误级问题",
           "failed": "无法读取", "timed_out": "超时", "codes": "最常见的问题代码", "failed_files": "无法读取的文件",
           "slowest": "最慢的文件", "seconds": "秒", "rate": "{done} 个文件，用时 {secs:.1f} 秒（{rate:.1f} 个/秒）",
           "more": "……另有 {n} 个", "suppressed": "基线已抑制 {n} 项（不计入）"},
    "en": {"title": "Batch summary", "interrupted": "interrupted: {done} of {total} files done", "status": "status",
           "files": "files", "clean": "clean", "findings": "warnings/infos only", "errors": "with errors",
           "failed": "failed to read", "timed_out": "timed out", "codes": "most frequent codes",
           "failed_files": "files that failed", "slowest": "slowest files", "seconds": "s",
           "rate": "{done} files in {secs:.1f} s ({rate:.1f} files/s)", "more": "… and {n} more",
           "suppressed": "{n} suppressed by the baseline (not counted)"},
}


def render_summary(stats: Stats, lang: str, console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    L = LABELS["en" if lang == "en" else "zh"]
    secs = time.monotonic() - stats.started
    if stats.interrupted:
        console.print(Text(L["interrupted"].format(done=stats.done, total=stats.total), style="bold yellow"))
    t = Table(title=L["title"], show_header=True, header_style="bold", title_justify="left", box=box.SIMPLE_HEAD)
    t.add_column(L["status"])
    t.add_column(L["files"], justify="right")
    for k in ("clean", "findings", "errors", "failed", "timed_out"):
        t.add_row(L[k], str(stats.status.get(k, 0)))
    console.print(t)
    console.print(L["rate"].format(done=stats.done, secs=secs, rate=stats.done / secs if secs > 0 else 0.0))
    if stats.suppressed:
        console.print(L["suppressed"].format(n=stats.suppressed))
    if stats.codes:
        console.print(Text(L["codes"], style="bold"))
        ct = Table(show_header=False, box=None)
        ct.add_column()
        ct.add_column(justify="right")
        for code, n in stats.codes.most_common(10):
            ct.add_row(code, str(n))
        console.print(ct)
    if stats.failed:
        console.print(Text(L["failed_files"], style="bold"))
        ft = Table(show_header=False, box=None)
        for _ in range(3):
            ft.add_column(overflow="fold")
        for path, code, msg in stats.failed:
            ft.add_row(path, code or "", msg or "")
        console.print(ft)
        if stats.failed_count > len(stats.failed):
            console.print(L["more"].format(n=stats.failed_count - len(stats.failed)))
    if stats.slowest and stats.done > 1:
        console.print(Text(L["slowest"], style="bold"))
        st = Table(show_header=False, box=None)
        st.add_column(overflow="fold")
        st.add_column(justify="right")
        for secs_, path in sorted(stats.slowest, reverse=True):
            st.add_row(path, f"{secs_:.2f} {L['seconds']}")
        console.print(st)


