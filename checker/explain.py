"""``reportlint explain``: the documentation of a rule, a family of rules or an E-code, as Markdown rendered for
the terminal (rich) or printed plain when the output is not a terminal.

A query is a rule code or alias (GOV-K001), a prefix (GOV-K, K), a rule name (injected-ad) or an E-code (E012);
anything else is an error with the closest matches. Only documents that ship with the package are cited.
"""

from __future__ import annotations

import difflib
import re
import sys
from typing import IO

from .errors import MESSAGES

# What to do about each E-code (the message itself is in checker.errors.MESSAGES): (Chinese, English)
E_ADVICE: dict[str, tuple[str, str]] = {
    "E001": ("检查路径是否正确、文件是否可读。", "Check the path and that the file is readable."),
    "E002": ("文件没有内容；请重新下载或导出报告。", "The file has no content: download or export the report again."),
    "E003": ("reportlint 读取 PDF、DOCX、HTML 和文本文件；请把报告另存为其中一种格式。",
             "reportlint reads PDF, DOCX, HTML and text: save the report in one of these formats."),
    "E004": ("请把文本文件另存为 UTF-8 或 GB18030 编码。", "Save the text file as UTF-8 or GB18030."),
    "E005": ("图片没有文字可读；请提供原始的 PDF、DOCX 或 OFD，或先进行 OCR 识别。",
             "An image has no text to read: provide the original PDF, DOCX or OFD, or run OCR first."),
    "E010": ("扫描件没有文字层，需先用 OCR 软件识别文字（生成可检索的 PDF），再检查。",
             "A scan has no text layer: run OCR (make a searchable PDF) first."),
    "E011": ("请提供未加密的 PDF。", "Provide an unencrypted PDF."),
    "E012": ("文件可能下载不完整或已损坏；请重新下载或重新导出 PDF。",
             "The file may be truncated or damaged: download or export the PDF again."),
    "E013": ("文件可能下载不完整或已损坏；请用 Word/WPS 打开后重新另存为 DOCX。",
             "The file may be truncated or damaged: open it in Word/WPS and save it as DOCX again."),
    "E014": ("旧版 .doc/.wps 为二进制格式；请用 Word/WPS 另存为 DOCX 或 PDF。",
             "Legacy .doc/.wps files are binary: save them as DOCX or PDF in Word/WPS."),
    "E016": ("请提供未加密的文件（在 Word/WPS 中取消密码后另存为 DOCX）。",
             "Provide an unencrypted file (remove the password in Word/WPS and save as DOCX)."),
    "E017": ("文件可能已损坏；请用 Word/WPS 打开后另存为 DOCX 或 PDF。",
             "The file may be damaged: open it in Word/WPS and save it as DOCX or PDF."),
    "E018": ("文件可能下载不完整或已损坏；请重新下载或重新导出 OFD 或 PDF。",
             "The file may be truncated or damaged: download or export the OFD or PDF again."),
    "E015": ("PDF 字体缺少编码映射，文字无法还原；需先进行 OCR 识别。",
             "The PDF's fonts lack a usable encoding: the text cannot be recovered without OCR."),
    "E020": ("文件超出安全限制（大小、页数、压缩比等）；确认文件是否正常，必要时拆分。",
             "The file exceeds a safety limit (size, pages, compression ratio …): check the file, split it if needed."),
    "E021": ("处理超时；可用 --timeout 调大时间限制（0 为不限）。",
             "Checking timed out: raise the limit with --timeout (0 for none)."),
    "E030": ("检查输出路径所在目录是否存在、是否可写。", "Check that the output's folder exists and is writable."),
    "E090": ("reportlint 内部错误；请附上该文件报告问题。", "An internal error of reportlint: please report it with the file."),
    "E091": ("reportlint 未连同其依赖一起安装（例如在未安装的源码目录中直接运行 python -m checker）；请先 pip install . 再检查。",
             "reportlint runs without its dependencies (python -m checker in a source tree nobody installed, say): "
             "pip install . first."),
}

HEADINGS_EN = {"检查什么": "What it checks", "为何": "Why", "示例": "Examples", "依据": "Basis"}


class Unknown(Exception):
    def __init__(self, query: str, suggestions: list[str]) -> None:
        super().__init__(query)
        self.query, self.suggestions = query, suggestions

    def message(self, lang: str) -> str:
        if lang == "en":
            s = f"unknown rule or error code {self.query!r}"
            if self.suggestions:
                s += f"; did you mean {', '.join(self.suggestions)}?"
            return s + " (see 'reportlint rules')"
        s = f"未知的规则或错误代码“{self.query}”"
        if self.suggestions:
            s += f"；是否想查 {'、'.join(self.suggestions)}？"
        return s + "（reportlint rules 列出全部规则）"


def _sev(rule, lang: str) -> str:
    w = {"zh": {"error": "错误", "warning": "警告", "info": "提示"}}
    return w["zh"][str(rule.severity)] if lang == "zh" else str(rule.severity)


def rule_markdown(rule, lang: str) -> str:
    zh = lang != "en"
    status = ("已实现" if rule.status == "implemented" else "计划中") if zh else rule.status
    out = [f"# {rule.code} {rule.name}", "",
           f"**{'级别' if zh else 'Severity'}**：{_sev(rule, lang)}　**{'状态' if zh else 'Status'}**：{status}"
           if zh else f"**Severity**: {_sev(rule, lang)} · **Status**: {status}", ""]
    desc = rule.describe(lang)
    if desc:
        out += [desc, ""]
    if zh:
        for k, v in (rule.doc or {}).items():
            out += [f"## {k}", "", _md_text(str(v)), ""]
    else:
        msgs = [re.sub(r"\{\w+\}", "…", m["en"]) for m in rule.messages.values() if m.get("en")]
        if msgs:
            out += ["## Messages", ""] + [f"- {m}" for m in msgs] + [""]
        if rule.doc:
            out += ["(The detailed documentation of this rule is in Chinese: `reportlint explain "
                    f"{rule.code}` without `--lang en`.)", ""]
    if rule.basis and not (zh and "依据" in (rule.doc or {})):
        out += [f"**依据**：{rule.basis}" if zh else f"**Basis**: {rule.basis}", ""]
    if rule.aliases:
        out += [("曾用代码：" if zh else "Former codes: ") + ", ".join(rule.aliases), ""]
    return "\n".join(out)


def _md_text(v: str) -> str:
    """Doc text as Markdown: one line per example line (a hard break each), nothing interpreted as markup."""
    lines = [ln.strip() for ln in v.strip().split("\n")]
    return "  \n".join(re.sub(r"([*_`#\[\]<>])", r"\\\1", ln) for ln in lines if ln)


def family_markdown(pack, prefix: str, rules: list, lang: str) -> str:
    zh = lang != "en"
    out = [f"# {prefix}", "", ("该前缀下的规则：" if zh else "The rules under this prefix:"), ""]
    out += ["| " + (" | ".join(["代码", "名称", "说明"] if zh else ["code", "name", "description"])) + " |",
            "|---|---|---|"]
    for r in rules:
        out.append(f"| {r.code} | {r.name} | {r.describe(lang).replace('|', '｜')} |")
    out += ["", ("用 `reportlint explain 代码` 查看一条规则。" if zh else "`reportlint explain CODE` shows one rule.")]
    return "\n".join(out)


def error_markdown(code: str, lang: str) -> str:
    zh_msg, en_msg = MESSAGES[code]
    zh = lang != "en"
    msg = (zh_msg if zh else en_msg).replace("{detail}", "…")
    adv_zh, adv_en = E_ADVICE.get(code, ("", ""))
    out = [f"# {code}", "", msg, ""]
    kind = ("文件无法检查（不是报告本身的问题）；退出码 2。" if zh
            else "The file could not be checked (not a finding about the report); exit code 2.")
    out += [kind, ""]
    if adv_zh:
        out += [f"## {'处理办法' if zh else 'What to do'}", "", adv_zh if zh else adv_en, ""]
    return "\n".join(out)


def markdown(pack, query: str, lang: str) -> str:
    q = query.strip()
    up = q.upper()
    if re.fullmatch(r"E\d{3}", up):
        if up in MESSAGES:
            return error_markdown(up, lang)
        raise Unknown(q, difflib.get_close_matches(up, list(MESSAGES), n=3, cutoff=0.5))
    try:
        return rule_markdown(pack.rule(up), lang)
    except KeyError:
        pass
    for r in pack.rules:
        if r.name.lower() == q.lower():
            return rule_markdown(r, lang)
    prefix = up if up.startswith("GOV-") else f"GOV-{up}" if re.fullmatch(r"[A-Z]\d{0,3}", up) else up
    fam = [r for r in pack.rules if r.code.startswith(prefix)] if len(prefix) >= 5 else []
    if fam:
        return family_markdown(pack, prefix, fam, lang)
    names = [r.code for r in pack.rules] + [r.name for r in pack.rules] + list(MESSAGES)
    close = difflib.get_close_matches(q if not up.startswith(("GOV", "E")) else up, names, n=3, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(q.lower(), [r.name for r in pack.rules], n=3, cutoff=0.5)
    raise Unknown(q, close)


DOCS_PATH = "docs/rules.md"  # in the source tree; SARIF helpUri points at its anchors (docs/rules.md#gov-k001)


def anchor(code: str) -> str:
    return code.lower()


def rules_document(pack) -> str:
    """docs/rules.md: every rule's documentation (the Chinese doc; the English description too), one anchor per
    code. Written by ``python -m checker.explain``; tests/test_presentation.py fails when it is out of date."""
    out = [f"# {pack.title}（{pack.name}）规则说明 / Rules", "",
           "Generated from the pack by `python -m checker.explain`; `reportlint explain CODE` prints the same.", ""]
    for r in pack.rules:
        out += [f'<a id="{anchor(r.code)}"></a>', "", rule_markdown(r, "zh").replace("# ", "## ", 1)
                .replace("\n## ", "\n### "), "", f"*{r.describe('en')}*", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def show(md: str, out: IO[str] | None = None) -> None:
    """Render Markdown for a terminal (rich); print it as it is when the output is not a terminal (pipes, files)."""
    out = out or sys.stdout
    if not out.isatty():
        out.write(md.rstrip("\n") + "\n")
        return
    from rich.console import Console
    from rich.markdown import Markdown

    from .render.layout import terminal_width

    Console(file=out, width=terminal_width(True), highlight=False, emoji=False).print(Markdown(md))


if __name__ == "__main__":  # python -m checker.explain: rewrite docs/rules.md
    from pathlib import Path

    from .packs import load_pack

    target = Path(__file__).resolve().parent.parent / DOCS_PATH
    target.parent.mkdir(exist_ok=True)
    target.write_text(rules_document(load_pack()), encoding="utf-8")
    print(f"wrote {target}")
