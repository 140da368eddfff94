"""The command line's help in the run's language: Chinese by default, English with ``--lang en`` or
``REPORTLINT_LANG=en``.

The English texts are the commands' docstrings and the options' ``help=`` in ``cli.py``; this module holds the
Chinese ones, each command's two examples and click's own words (Usage, Options …). ``tests/test_cli_help.py``
fails when an option or a command has no Chinese help here, or a command no examples.
"""

from __future__ import annotations

import os
import re
import sys

import click

# command → (Chinese summary, Chinese description)
COMMANDS: dict[str, tuple[str, str]] = {
    "": ("reportlint：政府信息公开工作年度报告检查工具", "检查政府信息公开工作年度报告（PDF、DOCX、HTML、文本）："
         "必备部分、统计期限、统计表勾稽关系，以及网上转载副本中被注入的广告、外地页脚和网页框架内容。"),
    "check": ("检查报告（文件或目录）并列出发现的问题", "检查报告（文件或目录，目录按顺序遍历），列出发现的问题。"
              "退出码：0 未发现达到失败级别的问题；1 发现问题；2 用法错误或文件无法读取。"),
    "clean": ("输出去除注入广告、外地页脚和网页框架的清理副本", "输出去除注入广告、外地页脚和网页框架内容的清理副本，"
              "并输出删除记录（JSON）。从不修改输入文件。"),
    "config": ("显示生效的配置及其来源", "显示 PATH（默认为当前目录）生效的配置：每一项的值及其来源"
               "（默认值、配置文件或命令行）。"),
    "extract": ("输出提取出的文本（问题位置所指向的文本）", "输出提取出的文本：每条问题的偏移量、行号和列号都指向这段文本。"),
    "rules": ("列出规则包中的全部规则", "列出规则包中的全部规则：代码、默认级别、状态、名称和说明。"),
    "explain": ("显示一条规则的说明", "显示一条规则的说明：检查什么、为何、示例、依据。"
                "CODE 可以是规则代码（GOV-K001）、前缀（GOV-K）、规则名称（injected-ad）或错误代码（E012）。"),
}

# command → two examples: (command line, Chinese comment, English comment)
EXAMPLES: dict[str, list[tuple[str, str, str]]] = {
    "": [("reportlint check 2024年报.docx", "检查一份报告", "check one report"),
         ("reportlint explain GOV-K001", "查看一条规则的说明", "read what a rule checks")],
    "check": [("reportlint check 2024年报.pdf", "检查一份报告", "check one report"),
              ("reportlint check reports/ --format html -o audit.html", "检查整个目录并生成审核单",
               "check a folder and write the audit sheet")],
    "clean": [("reportlint clean 转载副本.html -o 清理后.html --log 删除记录.json", "输出清理副本和删除记录",
               "write a cleaned copy and the removal log"),
              ("reportlint clean --check reports/", "只列出将删除的内容，不写任何文件",
               "list what would be removed, write nothing")],
    "config": [("reportlint config", "当前目录生效的配置", "the configuration in force here"),
               ("reportlint config reports/2024年报.pdf --json", "某个文件生效的配置（JSON）",
                "the configuration for one file, as JSON")],
    "extract": [("reportlint extract 2024年报.pdf", "输出提取的文本", "print the extracted text"),
                ("reportlint extract 2024年报.docx --json", "输出带偏移量的块（JSON）",
                 "print the blocks with their offsets as JSON")],
    "rules": [("reportlint rules", "列出全部规则", "list every rule"),
              ("reportlint rules --lang en", "用英文列出", "list them in English")],
    "explain": [("reportlint explain GOV-T001", "查看规则说明", "read a rule's documentation"),
                ("reportlint explain GOV-K", "列出一个前缀下的规则", "list the rules under a prefix")],
}

# option name (click's param.name) → Chinese help; per command first, then shared
OPTIONS_ZH: dict[str, str] = {
    "fmt": "输出格式。",
    "output": "把结果写入 FILE（原子写入），而不是标准输出。",
    "config_file": "使用此配置文件，而不是自动查找（pyproject.toml、reportlint.toml 或 .reportlint.toml）。",
    "select": "要检查的规则代码或前缀，逗号分隔（默认：全部已实现的规则）。",
    "extend_select": "在 select 之外再检查的规则代码或前缀。",
    "ignore": "不检查的规则代码或前缀，逗号分隔。",
    "fail_on": "使退出码为 1 的最低级别。",
    "lang": "提示信息的语言（也可用环境变量 REPORTLINT_LANG）。",
    "color": "强制开启或关闭颜色（默认：终端上开启；遵循 NO_COLOR 与 FORCE_COLOR）。",
    "statistics": "只输出每条规则的问题数量，不列出问题。",
    "exit_zero": "即使有达到失败级别的问题也以 0 退出。",
    "baseline_file": "忽略 FILE 中记录的已知问题。",
    "write_baseline": "把当前的问题记录到 FILE 并以 0 退出。",
    "cache_dir": "结果缓存目录（默认：项目根目录下的 .reportlint_cache/，否则 $XDG_CACHE_HOME/reportlint）。",
    "no_cache": "不读也不写结果缓存。",
    "jobs": "工作进程数（默认 0：全部 CPU 核；1 表示在本进程中检查）。",
    "timeout": "每个文件的时间限制（秒，0 为不限）；超时的文件记为 E021。",
    "executor": "local、dask-local（Dask 本地集群）或 dask://HOST:PORT（已有的 Dask 调度器）。",
    "exclude": "遍历目录时排除的路径（gitignore 语法，可重复）。",
    "progress": "在标准错误上显示进度条（默认：终端上显示，机器格式从不显示）。",
    "previous": "同一机关上一年度的报告（跨年规则 GOV-X）；只能与一个待检查文件同用。",
    "force_exclude": "排除规则也适用于命令行直接给出的文件（pre-commit 会逐个列出文件）。",
    "clean.force_exclude": "与 --check 同用：配置中的排除规则也适用于直接给出的文件（pre-commit）。",
    "assume_report": "把每个文件都当作年度报告检查，即使它没有年度报告的任何特征（不经 GOV-M007 判断）。",
    "show_files": "只列出将被检查的文件，以及被排除的文件和原因；不做检查。",
    "pdf_backend": "PDF 的字符层：pdfium（pypdfium2）或 pdfplumber（参照实现）。",
    "summary": "在标准错误上输出批量汇总（默认：终端上的 console 格式、多个文件时输出）。",
    "quiet": "只输出问题和诊断信息：不输出汇总和进度条。",
    "silent": "除错误（无法读取的文件、用法错误）外什么都不输出；其余由退出码表示。-o 照常写入。",
    "show_not_assessed": "逐条列出未评估的规则及原因（默认：每个文件一行汇总）。",
    "html_no_text": "审核单中不附报告全文（适合很长的批次）。",
    "as_json": "以 JSON 输出。",
    "clean.output": "清理副本写入 FILE，格式与输入相同（默认：标准输出；DOCX 必须指定）。不能是输入文件本身。",
    "log": "把删除记录（JSON）写入 FILE（默认：标准错误）。",
    "check_only": "不修改、不写入任何文件：列出每个 PATH 将被删除的内容；有内容可删除时退出码为 1。",
    "help": "显示本帮助并退出。",
    "_click_default_help": "显示本帮助并退出。",
    "version": "显示版本号并退出。",
}

WORDS = {
    "zh": {"usage": "用法：", "options": "选项", "commands": "命令", "examples": "示例", "default": "默认",
           "arguments": "参数"},
    "en": {"usage": "Usage: ", "options": "Options", "commands": "Commands", "examples": "Examples",
           "default": "default", "arguments": "Arguments"},
}

# click's own error messages (click.exceptions, click.types) → Chinese; {} keeps the detail
CLICK_ERRORS_ZH: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^No such option:? '?(.+?)'?\.?(?: Did you mean '?(.+?)'?\?)?$"), "没有这个选项：{0}{1}"),
    (re.compile(r"^No such command:? '?(.+?)'?\.?(?: Did you mean '?(.+?)'?\?)?$"), "没有这个命令：{0}{1}"),
    (re.compile(r"^Missing argument '(.+?)'\.?$"), "缺少参数 {0}"),
    (re.compile(r"^Missing option '(.+?)'\.?$"), "缺少选项 {0}"),
    (re.compile(r"^Option '(.+?)' requires an argument\.?$"), "选项 {0} 需要一个值"),
    (re.compile(r"^Got unexpected extra arguments? \((.+)\)$"), "多余的参数：{0}"),
    (re.compile(r"^Invalid value for '(.+?)': (.+)$"), "选项 {0} 的值无效：{1}"),
]


def run_lang(argv: list[str] | None = None) -> str:
    """The language of this run before the configuration is read: ``--lang`` on the command line, else
    ``REPORTLINT_LANG``, else Chinese."""
    args = list(sys.argv[1:] if argv is None else argv)
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1] == "en" else "zh"
        if a.startswith("--lang="):
            return "en" if a.split("=", 1)[1] == "en" else "zh"
    return "en" if os.environ.get("REPORTLINT_LANG", "").strip().lower() == "en" else "zh"


_LANG = {"value": "zh"}


def set_lang(lang: str) -> None:
    _LANG["value"] = "en" if lang == "en" else "zh"


def current() -> str:
    return _LANG["value"]


def translate_click_error(msg: str, lang: str) -> str:
    if lang == "en":
        return msg
    for rx, zh in CLICK_ERRORS_ZH:
        m = rx.match(msg.strip())
        if m:
            groups = [g or "" for g in m.groups()]
            if len(groups) > 1 and rx.pattern.startswith("^No such") and groups[1]:
                groups[1] = f"（是否想用 {groups[1]}？）"
            if rx.pattern.startswith("^Invalid value"):
                groups[1] = _invalid_zh(groups[1])
            return zh.format(*(g.replace("' / '", " / ") for g in groups))
    return msg


def _invalid_zh(detail: str) -> str:
    m = re.match(r"^'?(.+?)'? is not one of (.+)\.$", detail)
    if m:
        return f"{m.group(1)} 不在可选值 {m.group(2)} 之中"
    m = re.match(r"^'?(.+?)'? is not a valid (integer|float)(?: range)?\.?$", detail)
    if m:
        return f"{m.group(1)} 不是有效的{'整数' if m.group(2) == 'integer' else '数字'}"
    m = re.match(r"^(.+?) is not in the range (.+)\.$", detail)
    if m:
        return f"{m.group(1)} 不在范围 {m.group(2)} 内"
    return detail


def _key(ctx: click.Context) -> str:
    return "" if ctx.parent is None else ctx.command.name or ""


def _param_help(param: click.Parameter, lang: str, cmd: str = "") -> str:
    if lang == "en":
        return getattr(param, "help", None) or ""
    name = param.name or ""
    return OPTIONS_ZH.get(f"{cmd}.{name}") or OPTIONS_ZH.get(name, getattr(param, "help", None) or "")


class _Mixin:
    """Help in the run's language, laid out by display width: the description, the options, the examples."""

    def get_short_help_str(self, limit: int = 45) -> str:  # the line in the group's command list
        if current() == "en":
            return super().get_short_help_str(limit)  # type: ignore[misc]
        return COMMANDS.get(self.name or "", ("", ""))[0] or super().get_short_help_str(limit)  # type: ignore[misc]

    def get_help(self, ctx: click.Context) -> str:
        return render_help(self, ctx).rstrip("\n")

    def get_usage(self, ctx: click.Context) -> str:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        return f"{WORDS[current()]['usage']}{ctx.command_path} {' '.join(pieces)}"


def render_help(cmd: click.Command, ctx: click.Context) -> str:
    from .render.layout import terminal_width, wrap

    lang = current()
    W = WORDS[lang]
    width = min(terminal_width(sys.stdout.isatty()), 100)
    key = _key(ctx)
    out: list[str] = []
    usage = cmd.get_usage(ctx)
    out += _hang(usage, width, len(W["usage"]))
    text = (cmd.help or "") if lang == "en" else COMMANDS.get(key, ("", cmd.help or ""))[1]
    if text:
        out.append("")
        out += ["  " + ln for para in text.strip().split("\n\n") for ln in wrap(" ".join(para.split()), width, 2)]
    rows: list[tuple[str, str]] = []
    for p in cmd.get_params(ctx):
        if isinstance(p, click.Argument):
            continue
        rec = p.get_help_record(ctx)
        if rec is None:
            continue
        text = _param_help(p, lang, key)
        if isinstance(p, click.Option) and p.show_default and p.default not in (None, False, ()):
            d = p.default
            d = int(d) if isinstance(d, float) and d.is_integer() else d
            text = f"{text}  [{W['default']}{'：' if lang == 'zh' else ': '}{d}]"
        rows.append((rec[0], text))
    if rows:
        out += ["", W["options"] + ("：" if lang == "zh" else ":")] + _dl(rows, width)
    if isinstance(cmd, click.Group):
        cmds = []
        for name in cmd.list_commands(ctx):
            c = cmd.get_command(ctx, name)
            if c is not None and not c.hidden:
                cmds.append((name, c.get_short_help_str(200)))
        if cmds:
            out += ["", W["commands"] + ("：" if lang == "zh" else ":")] + _dl(cmds, width)
    ex = EXAMPLES.get(key)
    if ex:
        out += ["", W["examples"] + ("：" if lang == "zh" else ":")]
        for cmdline, zh, en in ex:
            out.append(f"  # {en if lang == 'en' else zh}")
            out.append(f"  $ {cmdline}")
    return "\n".join(out) + "\n"


def _hang(text: str, width: int, indent: int) -> list[str]:
    from .render.layout import wrap

    lines = wrap(text, width, indent)
    return [lines[0]] + [" " * indent + ln for ln in lines[1:]]


def _dl(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Two columns: the names, and the help wrapped by display width beside them (under them when long)."""
    from .render.layout import cell_len

    from .render.layout import wrap

    col = min(max(cell_len(n) for n, _ in rows) + 4, 30)
    out = []
    for name, text in rows:
        lead = "  " + name
        if cell_len(lead) + 2 > col:
            out.append(lead)
            lines = wrap(text, width, col) if text else []
        else:
            lines = wrap(text, width, col) if text else [""]
            out.append(lead + " " * (col - cell_len(lead)) + lines[0])
            lines = lines[1:]
        out += [" " * col + ln for ln in lines]
    return out


class Command(_Mixin, click.Command):
    pass


class Group(_Mixin, click.Group):
    command_class = Command
