"""Errors that stop a file from being checked: each has a stable E-code and a one-line message.

These are not findings about the report; they say the file could not be read (exit code 2).
"""

from __future__ import annotations

# code: (Chinese, English)
MESSAGES: dict[str, tuple[str, str]] = {
    "E001": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    "E002": ("文件为空", "the file is empty"),
    "E003": ("无法识别的文件格式（{detail}）", "unrecognised file format ({detail})"),
    "E004": ("无法识别文本编码", "cannot detect the text encoding"),
    "E005": ("文件是图片（{detail}），不是文字文档：需要先进行 OCR 识别", "the file is an image ({detail}), not a text document: OCR needed"),
    "E010": ("文件没有文字层（扫描件或纯图像），需要先进行 OCR 识别",
             "the file has no text layer (a scan or images only): OCR needed"),
    "E011": ("PDF 已加密，无法读取", "the PDF is encrypted"),
    "E012": ("PDF 文件损坏或不完整：{detail}", "the PDF is corrupt or truncated: {detail}"),
    "E015": ("PDF 文字层无法解码（字体缺少编码映射，{detail}），需要先进行 OCR 识别",
             "the PDF's text layer cannot be decoded (fonts without a usable encoding, {detail}): OCR needed"),
    "E013": ("DOCX 文件损坏或不完整：{detail}", "the DOCX is corrupt or truncated: {detail}"),
    "E014": ("文件实为旧版 Word/WPS 二进制格式（{detail}），请另存为 DOCX 或 PDF",
             "the file is a legacy binary Word/WPS document ({detail}): save it as DOCX or PDF"),
    "E016": ("DOC/WPS 文件已加密，无法读取", "the DOC/WPS file is encrypted"),
    "E017": ("DOC/WPS 文件损坏或无法读取：{detail}", "the DOC/WPS file is corrupt or cannot be read: {detail}"),
    "E018": ("OFD 文件损坏或不完整：{detail}", "the OFD is corrupt or truncated: {detail}"),
    "E020": ("文件超出限制：{detail}", "the file exceeds a limit: {detail}"),
    "E021": ("处理超时（超过 {detail} 秒）", "timed out (over {detail} s)"),
    "E030": ("输出文件写入失败：{detail}", "cannot write the output: {detail}"),
    "E090": ("检查时发生内部错误：{detail}", "internal error while checking: {detail}"),
    "E091": ("缺少 reportlint 所需的软件包：{detail}", "a package reportlint needs is not installed: {detail}"),
}


class ReportlintError(Exception):
    """A file-level or usage error with an E-code; rendered as one line, exit code 2."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        from .i18n import translate_detail

        zh, en = MESSAGES.get(self.code, ("{detail}", "{detail}"))
        return (en if lang == "en" else zh).format(detail=translate_detail(self.detail, lang))

    def to_dict(self, lang: str = "zh") -> dict:
        return {"code": self.code, "message": self.message(lang)}


class ExtractError(ReportlintError):
    pass


class UsageError(Exception):
    """A bad command line or configuration: one line on stderr, exit code 2."""


class PackError(Exception):
    """A rule pack that cannot be found or read (one line, exit code 2); :mod:`checker.packs` raises it."""
