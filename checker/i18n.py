"""Words of the run's language for what the engine and the renderers show: what a not-assessed rule lacked, where a
finding is (page, paragraph, table cell), the vocabulary of the pack (signal names, organ types) and the library
error phrases that reach an E-code message. One run speaks one language: ``zh`` (default) or ``en``.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Iterable

# NotAssessed.needs keys → (Chinese noun, English noun): what a rule could not run without.
NEEDS: dict[str, tuple[str, str]] = {
    "previous": ("上年报告", "the previous year's report"),
    "previous_T2": ("上年表二", "the previous year's Table 2"),
    "previous_T3": ("上年表三", "the previous year's Table 3"),
    "previous_T4": ("上年表四", "the previous year's Table 4"),
    "comparable": ("两年可比内容", "content comparable across the two years"),
    "year": ("报告年度", "the report year"),
    "published": ("发布日期", "the publication date"),
    "organ_type": ("机关类型", "the organ type"),
    "T2": ("表二", "Table 2"),
    "T3": ("表三", "Table 3"),
    "T4": ("表四", "Table 4"),
    "tables": ("统计表", "the statistical tables"),
    "section6": ("第六部分", "section 六"),
    "n/a": ("不适用", "not applicable"),
}

TABLE_NAMES = {"zh": {"T2": "表二", "T3": "表三", "T4": "表四"},
               "en": {"T2": "Table 2", "T3": "Table 3", "T4": "Table 4"}}

SECTIONS = {
    "zh": {"preamble": "标题与前言", "overview": "一、总体情况", "proactive": "二、主动公开",
           "requests": "三、依申请公开", "review_litigation": "四、复议诉讼", "problems": "五、问题及改进",
           "other": "六、其他事项"},
    "en": {"preamble": "Title and preamble", "overview": "1 Overview", "proactive": "2 Proactive disclosure",
           "requests": "3 Requests", "review_litigation": "4 Review & litigation", "problems": "5 Problems",
           "other": "6 Other matters"},
}
SECTION_ORDER = ("preamble", "overview", "proactive", "requests", "review_litigation", "problems", "other")


def lang_of(lang: str | None) -> str:
    return "en" if lang == "en" else "zh"


def need_word(key: str, lang: str) -> str:
    zh, en = NEEDS.get(key, (key, key))
    return en if lang == "en" else zh


def not_assessed_line(entries: list[dict], lang: str) -> str:
    """One line for a file's not-assessed rules: how many, and what they lacked, most frequent first:
    「27 条规则未评估：缺表三、表二、上年报告；3 条不适用」."""
    n = len(entries)
    if not n:
        return ""
    counts: dict[str, int] = {}
    other = 0
    na = 0
    for e in entries:
        needs = [k for k in e.get("needs") or [] if k != "n/a"]
        if "n/a" in (e.get("needs") or []):
            na += 1
            continue
        if not needs:
            other += 1
        for k in needs:
            counts[k] = counts.get(k, 0) + 1
    words = [need_word(k, lang) for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    if lang == "en":
        s = f"{n} rule{'s' if n != 1 else ''} not assessed"
        parts = []
        if words:
            parts.append("missing " + ", ".join(words))
        if other:
            parts.append(f"{other} for other reasons")
        if na:
            parts.append(f"{na} not applicable")
        return s + (": " + "; ".join(parts) if parts else "")
    s = f"{n} 条规则未评估"
    parts = []
    if words:
        parts.append("缺" + "、".join(words))
    if other:
        parts.append(f"{other} 条因其他原因")
    if na:
        parts.append(f"{na} 条不适用")
    return s + ("：" + "；".join(parts) if parts else "")


# ---------------------------------------------------------------- where a finding is


def table_name(key: str | None, lang: str) -> str:
    return TABLE_NAMES[lang_of(lang)].get(key or "", key or "")


def place(loc: Any, fmt: str | None, lang: str) -> str:
    """Where a finding is, in words a person can find in the original: the page of a PDF, the paragraph of a DOCX
    (第N段), the table cell (表三 （七）总计 × 总计). Empty when only the line:column of a text file says it.

    ``loc`` is a :class:`checker.findings.Location` or its dict form.
    """
    g = loc.get if isinstance(loc, dict) else (lambda k, d=None: getattr(loc, k, d))
    en = lang == "en"
    parts: list[str] = []
    if g("page"):
        parts.append(f"p. {g('page')}" if en else f"第{g('page')}页")
    tbl = g("table")
    cell = ""
    if tbl:
        cell = table_name(tbl, lang)
        rl, cl = g("row_label") or g("row"), g("col_label") or g("col")
        if rl and cl:
            cell += f" {rl} × {cl}"
        elif rl:
            cell += f" {rl}"
        elif cl:
            cell += f" {cl}"
    elif g("table_index"):
        cell = f"table {g('table_index')}" if en else f"第{g('table_index')}个表格"
    if fmt in ("docx", "doc") and g("paragraph") and not tbl and not g("table_index"):
        parts.append(f"para. {g('paragraph')}" if en else f"第{g('paragraph')}段")
    if cell:
        parts.append(cell)
    return " · ".join(parts)


# ---------------------------------------------------------------- the pack's vocabulary


def term(pack: Any, group: str, key: str, lang: str) -> str:
    """A vocabulary word of the pack (``terms.yaml``: group → key → {zh, en}); the key itself when unknown."""
    terms = (getattr(pack, "data", None) or {}).get("terms") or {}
    w = (terms.get(group) or {}).get(key)
    if not w:
        return key
    return w.get(lang_of(lang)) or w.get("zh") or key


def join_words(words: Iterable[str], lang: str) -> str:
    return (", " if lang == "en" else "、").join(words)


def terms_text(pack: Any, group: str, items: Iterable, lang: str) -> str:
    """Vocabulary keys (or ``(key, detail)`` pairs) as words of the run's language, each once, in order."""
    out: list[str] = []
    for it in items:
        key, detail = (it, "") if isinstance(it, str) else (it[0], it[1] if len(it) > 1 else "")
        w = term(pack, group, key, lang)
        if detail:
            w += f" ({detail})" if lang == "en" else f"（{detail}）"
        if w not in out:
            out.append(w)
    return join_words(out, lang)


# ---------------------------------------------------------------- library errors

# English phrases of the OS, PDFium, pdfminer, zipfile and lxml that reach an E-code's detail → Chinese.
LIBRARY_PHRASES: list[tuple[str, str]] = [
    ("No such file or directory", "文件或目录不存在"),
    ("Permission denied", "没有读取权限"),
    ("Is a directory", "是目录"),
    ("Not a directory", "不是目录"),
    ("Too many levels of symbolic links", "符号链接层级过多"),
    ("File name too long", "文件名过长"),
    ("Input/output error", "输入/输出错误"),
    ("No space left on device", "磁盘空间不足"),
    ("Read-only file system", "文件系统只读"),
    ("Data format error", "数据格式错误"),
    ("File not found or could not be opened", "文件不存在或无法打开"),
    ("Incorrect password error", "密码错误"),
    ("Unsupported security scheme", "不支持的加密方式"),
    ("Page not found or content error", "页面不存在或内容错误"),
    ("Unknown error", "未知错误"),
    ("File is not a zip file", "不是 zip 文件"),
    ("Bad magic number for central directory", "zip 中央目录损坏"),
    ("Truncated file header", "文件头被截断"),
    ("is a directory", "是目录"),
    ("no such file", "文件不存在"),
    ("word/document.xml missing", "缺少 word/document.xml"),
    ("HTML without a body", "HTML 没有正文"),
    ("memory: the file needs more memory than is available", "内存不足：处理该文件所需内存超过可用内存"),
    ("worker processes fail to start", "工作进程无法启动"),
    ("worker died", "工作进程意外退出"),
    ("Invalid value", "值无效"),
    ("Invalid statement", "语句无效"),
    ("Unclosed array", "数组未闭合"),
    ("Expected '=' after a key in a key/value pair", "键后缺少“=”"),
    ("Cannot overwrite a value", "重复定义的键"),
    ("Cannot declare", "不能重复声明"),
    ("at end of document", "在文件末尾"),
    ("exit code", "退出码"),
]
# A whole detail that is one of these short words (never matched inside a longer detail, where a path may hold it).
WHOLE: dict[str, str] = {"bad zip": "zip 文件损坏", "cannot open": "无法打开", "no pages": "没有页面",
                         "binary": "二进制文件", "zip": "zip 压缩包"}
# checker.limits.exceeded: "max_pdf_pages: pages 3000 > 2000"
LIMITS: dict[str, str] = {"input size": "输入大小", "zip members": "zip 成员数", "uncompressed size": "解压后大小",
                          "pages": "页数", "element nesting depth": "元素嵌套深度", "text length": "文本长度"}
_LIMIT_RE = re.compile(r"^(max_\w+): (.+?) (\S+ > \S+)$")


@functools.cache
def _phrase_re() -> re.Pattern:
    """The library phrases as one pattern, longest first (compiled on first use: only an error message needs it)."""
    return re.compile(r"(?<![\w/.])(?:" + "|".join(re.escape(a) for a, _ in sorted(LIBRARY_PHRASES,
                                                                                  key=lambda x: -len(x[0])))
                      + r")(?![\w/.])", re.IGNORECASE)


_PHRASE_MAP = {a.lower(): b for a, b in LIBRARY_PHRASES}


def translate_detail(detail: str, lang: str) -> str:
    """A library's English error phrase in the run's language, the rest of the detail (paths, numbers) kept."""
    if lang == "en" or not detail:
        return detail
    if detail.strip().lower() in WHOLE:
        return WHOLE[detail.strip().lower()]
    m = _LIMIT_RE.match(detail)
    if m:
        what = m.group(2)
        if what.startswith("compression ratio of "):
            what = what[len("compression ratio of "):] + " 的压缩比"
        return f"{m.group(1)}：{LIMITS.get(what, what)} {m.group(3)}"
    out = _phrase_re().sub(lambda m: _PHRASE_MAP.get(m.group(0).lower(), m.group(0)), detail)
    return re.sub(r"\(at line (\d+), column (\d+)\)", r"（第 \1 行第 \2 列）", out).replace("(在文件末尾)", "（在文件末尾）")


# ---------------------------------------------------------------- extraction notes (checker.extract)

_NOTES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^named (\S+) but read as (\w+)$"), r"扩展名为 \1，但内容按 \2 读取"),
    (re.compile(r"^pages without a text layer \(scanned\): (.*)$"), r"无文字层的页面（扫描件）：第 \1 页"),
    (re.compile(r"^text layer partly undecodable: (\S+) of the characters$"), r"文字层部分无法解码：\1 的字符"),
]


def note_text(note: str, lang: str) -> str:
    """An extraction note (written in English by the extractors) in the run's language."""
    if lang == "en":
        return note
    for rx, zh in _NOTES:
        if rx.match(note):
            return rx.sub(zh, note)
    return note


# ---------------------------------------------------------------- usage and configuration errors (exit 2)

# The English message of a usage, configuration or baseline error (the msgid, as in gettext) → its Chinese
# translation; the paths, keys and values it quotes are kept. A message not listed here stays as it is.
_USAGE: list[tuple[str, str]] = [
    (r"no files to check", "没有要检查的文件"),
    (r"--previous takes exactly one FILE to check", "--previous 只能与一个待检查文件同用"),
    (r"(?P<p>.+): --previous must name a readable file", r"\g<p>：--previous 必须指向可读取的文件"),
    (r"clean takes one PATH \(several only with --check\)", "clean 只接受一个 PATH（多个只能与 --check 同用）"),
    (r"a cleaned DOCX is binary: give -o FILE \(e\.g\. -o (?P<n>.+)\)",
     r"清理后的 DOCX 是二进制文件：请用 -o FILE 指定输出（如 -o \g<n>）"),
    (r"(?P<o>.+): (?P<opt>\S+) names an input of this run(?: \((?P<how>.+)\))?; refusing to overwrite it",
     r"\g<o>：\g<opt> 指向本次运行的输入文件\g<how>，拒绝覆盖"),
    (r"(?P<o>.+): (?P<a>\S+) and (?P<b>\S+) name the same file", r"\g<o>：\g<a> 和 \g<b> 指向同一个文件"),
    (r"(?P<p>.+): lies in the result cache \((?P<c>.+)\); give another --cache-dir or --no-cache",
     r"\g<p>：位于结果缓存目录（\g<c>）中；请换一个 --cache-dir 或使用 --no-cache"),
    (r"(?P<c>.+): the cache directory is an input of this run", r"\g<c>：缓存目录是本次运行的输入"),
    (r"(?P<p>.+): (?P<what>.+?), (?:not (?P<ext>\.\S+)|needs an extension); name it (?P<s>\S+) \(extensions: (?P<x>.+)\)",
     r"\g<p>：扩展名不符（\g<what>）；请命名为 \g<s>（可用扩展名：\g<x>）"),
    (r"unknown configuration key (?P<k>'[^']*') (?P<w>on the command line|in .+) \(allowed: (?P<a>.+)\)",
     r"未知的配置项 \g<k>（\g<w>；可用：\g<a>）"),
    (r"(?P<k>\S+) (?P<w>on the command line|in .+): (?P<v>.+) is not allowed \(allowed: (?P<a>.+)\)",
     r"配置项 \g<k>（\g<w>）的值 \g<v> 无效（可用：\g<a>）"),
    (r"(?P<k>\S+) (?P<w>on the command line|in .+): unknown rule code or prefix (?P<v>.+?) \(allowed: .+\)",
     r"配置项 \g<k>（\g<w>）：未知的规则代码或前缀 \g<v>（可用：规则代码或前缀，如 GOV-K、GOV-K001）"),
    (r"(?P<k>\S+) (?P<w>on the command line|in .+): (?P<v>.+?) is not a rule code \(allowed: .+\)",
     r"配置项 \g<k>（\g<w>）：\g<v> 不是规则代码（可用：规则代码或前缀，如 GOV-K、GOV-K001）"),
    (r"(?P<k>\S+) (?P<w>on the command line|in .+): (?P<v>.+?) is not a province \(allowed: .+\)",
     r"配置项 \g<k>（\g<w>）：\g<v> 不是省级行政区名称（如 安徽省、安徽、广西壮族自治区）"),
    (r"(?P<k>\S+) (?P<w>on the command line|in .+): (?P<v>.+?) is not a severity \(allowed: (?P<a>.+)\)",
     r"配置项 \g<k>（\g<w>）：\g<v> 不是级别（可用：\g<a>）"),
    (r"(?P<k>\S+) (?P<w>on the command line|in .+): (?P<v>.+?) is not a version specifier \(allowed: (?:e\.g\. )?(?P<a>.+)\)",
     r"配置项 \g<k>（\g<w>）：\g<v> 不是版本范围（如 \g<a>）"),
    (r"(?P<k>\S+) (?P<w>on the command line|in .+): unknown rule code \(allowed: a full rule code such as (?P<e>\S+); .*\)",
     r"配置项 \g<k>（\g<w>）：不是完整的规则代码（应为完整代码，如 \g<e>；见 reportlint rules）"),
    (r"(?P<k>\S+) (?P<w>on the command line|in .+): expected (?P<e>.+?)(?:, got (?P<v>.+))?",
     r"配置项 \g<k>（\g<w>）格式不对：应为 \g<e>"),
    (r"required-version (?P<s>.+?) \((?P<src>.+)\) is not satisfied by reportlint (?P<v>\S+)",
     r"required-version \g<s>（\g<src>）与 reportlint \g<v> 不符"),
    (r"(?P<p>.+): cannot read the configuration file: (?P<d>.+)", r"\g<p>：无法读取配置文件：\g<d>"),
    (r"(?P<p>.+): invalid TOML: (?P<d>.+)", r"\g<p>：TOML 格式错误：\g<d>"),
    (r"(?P<p>.+): no \[tool\.reportlint\] table", r"\g<p>：没有 [tool.reportlint] 表"),
    (r"(?P<p>.+): \[tool\.reportlint\] must be a table", r"\g<p>：[tool.reportlint] 必须是表"),
    (r"(?P<p>.+): baseline file not found \(create it with --write-baseline\)",
     r"\g<p>：基线文件不存在（可用 --write-baseline 生成）"),
    (r"(?P<p>.+): cannot read the baseline: (?P<d>.+)", r"\g<p>：无法读取基线文件：\g<d>"),
    (r"(?P<p>.+): the baseline is not valid JSON: (?P<d>.+)", r"\g<p>：基线文件不是有效的 JSON：\g<d>"),
    (r"(?P<p>.+): not a reportlint baseline \(expected an object with 'entries'\)",
     r"\g<p>：不是 reportlint 基线文件（应为含 entries 的对象）"),
    (r"(?P<p>.+): entry (?P<i>\d+) lacks (?P<k>.+)", r"\g<p>：第 \g<i> 项缺少 \g<k>"),
    (r"(?P<p>.+): entry (?P<i>\d+): expires (?P<v>.+?) is not a date (?P<rest>.*)",
     r"\g<p>：第 \g<i> 项：expires \g<v> 不是日期（应为 YYYY-MM-DD）"),
    (r"baseline entry no longer matches: (?P<rest>.+)", r"基线条目不再匹配：\g<rest>"),
    (r"baseline entry expired on (?P<d>\S+): (?P<rest>.+)", r"基线条目已于 \g<d> 过期：\g<rest>"),
    (r"wrote (?P<n>\d+) baseline entries to (?P<p>.+)", r"已把 \g<n> 条基线记录写入 \g<p>"),
    (r"unknown rule pack (?P<n>.+)", r"未知的规则包 \g<n>"),
    (r"rule packs not found \(is reportlint installed\?\)", "找不到规则包（reportlint 是否已安装？）"),
    (r"interrupted", "已中断"),
]


@functools.cache
def _usage_re() -> list[tuple[re.Pattern, str]]:
    """The catalogue compiled on first use (only a usage error needs it); \\A…\\Z: linear under finditer."""
    return [(re.compile(r"\A(?:" + rx + r")\Z", re.S), zh) for rx, zh in _USAGE]


_WHERE = re.compile(r"\bon the command line\b|(?<=（)in (?=/|[A-Za-z]:|\.)")


def usage_text(msg: str, lang: str) -> str:
    """A usage, configuration or baseline error's message in the run's language (details kept)."""
    if lang == "en" or not msg:
        return msg
    for rx, zh in _usage_re():
        m = rx.match(msg)
        if m:
            out = m.expand(zh)
            out = out.replace("（on the command line", "（命令行").replace("on the command line", "命令行")
            out = re.sub(r"（in (\S)", r"（见 \1", out)
            what = m.groupdict().get("what")
            if what:
                out = out.replace(what, _WHAT.get(what, re.sub(r"^--format (\S+) output$", r"--format \1 的输出", what)))
            how = m.groupdict().get("how")
            if how:
                out = out.replace(how, _how_zh(how))
            return translate_detail(out, lang)
    return translate_detail(msg, lang)


_WHAT = {"the cleaned copy of a PDF is text": "PDF 的清理副本是文本", "the cleaned copy of a DOCX is DOCX":
         "DOCX 的清理副本是 DOCX", "the cleaned copy of an HTML page is HTML": "HTML 页面的清理副本是 HTML",
         "the cleaned copy of a text file is text": "文本文件的清理副本是文本", "the removal log is JSON":
         "删除记录是 JSON", "a baseline is JSON": "基线文件是 JSON"}


def _how_zh(how: str) -> str:
    for en, zh in (("a symbolic link to ", "（是指向 {} 的符号链接）"), ("a hard link to ", "（是 {} 的硬链接）"),
                   ("the same file as ", "（与 {} 是同一个文件）")):
        if how.startswith(en):
            return zh.format(how[len(en):])
    return f"（{how}）"
