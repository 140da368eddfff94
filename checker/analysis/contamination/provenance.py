"""Document-level provenance of cloned copies (spec/contamination.md §2 C, G; §4.10).

- GOV-K007 pinyin annotations (號(hào)): a converter artefact of mirror sites. Reported once, with every
  annotation as an edit, and only with ≥3 annotations on ≥2 distinct common characters (GB2312 level 1), so a
  legitimate gloss of a rare place-name character (亳(bó)州) is never reported.
- GOV-K009 traditional-character conversion of a simplified original (info), above a ratio and a count
  threshold; spin signatures (G6: 生长改造委, 羁系 …) are reported there too, as a cloned-copy signature.
- GOV-K005 the report's own portal URL (the "电子版可从…下载" sentence) or a URL in a contact sentence on a host
  that is neither a government domain nor an official allow-listed host.
"""

from __future__ import annotations

import re

from ...normalize import to_simplified
from .base import common_char as _common_char
from .base import sentence_bounds
from .hosts import official_host, spam_url  # noqa: F401  (re-exported for callers of this module)

DOWNLOAD_CTX = re.compile(r"电子版|可在|可从|可登录|可通过|下载|查阅|获取|浏览")
CONTACT_CTX = re.compile(r"联系|地址|电话|邮箱|网址|网站|门户")
# the URL is presented as the organ's own site: "…人民政府门户网站(URL)", "信息公开网站：URL", "网址：URL"
OWN_SITE_LEFT = re.compile(r"(?:(?:政府|门户|信息公开|政务公开|政务|人民政府|本局|本机关|本单位|[局委办厅院])[^，。；,;]{0,10}"
                           r"(?:网站|网|平台|专栏|栏目)|网址|网站地址|门户)\s*[(（:：\s]*\s*$")
TRADITIONAL_RATIO, TRADITIONAL_MIN = 0.15, 20
HAN_RUN = re.compile(r"[\u3400-\u9fff]+")


def portal_urls(text: str):
    """(start, end, url, host, context, signals) for host references that a mirror rewrote or brought in.

    Every URL, e-mail domain and bare host is classified with the public suffix list (``hosts``). A foreign host
    is reported when it stands where the report names its own site (the "电子版可从…下载" sentence, a contact or
    "门户网站(URL)" clause), or anywhere when the host itself is mirror morphology: a government CMS path on a
    foreign domain, or a government hostname embedded in a foreign domain. Other foreign hosts (a vendor, a
    newspaper) are left alone.
    """
    from . import hosts

    out = []
    for ref in hosts.find(text):
        if ref.official:
            continue
        sigs = ref.signals
        sa, se = sentence_bounds(text, ref.start)
        sent = text[sa:se]
        ctx = ""
        if DOWNLOAD_CTX.search(sent) and re.search(r"报告|年报", sent) and ref.kind != "email":
            ctx = "download-sentence"
        elif CONTACT_CTX.search(sent) and OWN_SITE_LEFT.search(text[max(sa, ref.start - 24):ref.start]):
            ctx = "contact-sentence"
        elif any(name in ("gov-path-on-foreign-host", "embedded-gov-host") for name, _ in sigs):
            ctx = "mirror-host"
        elif any(name == "spam-morphology" for name, _ in sigs):
            ctx = "spam-host"
        if not ctx:
            continue
        out.append((ref.start, ref.end, text[ref.start:ref.end], ref.host, ctx, sigs))
    return out


def pinyin_annotations(text: str) -> list[tuple[int, int, str]]:
    """Annotation spans (original offsets) when they look like a converter artefact, else [].

    Each bracketed syllable is verified against the readings of the character before it (``pinyin``), toned or
    toneless; a converter artefact needs ≥3 of them on ≥2 distinct common characters.
    """
    from .pinyin import annotations

    found = [(a, b, ch) for a, b, ch, _ in annotations(text)]
    if len(found) < 3:
        return []
    common = {ch for _, _, ch in found if _common_char(ch)}
    if len(common) < 2 or sum(1 for _, _, ch in found if ch in common) < 3:
        return []
    return found


def traditional_ratio(text: str) -> tuple[float, int]:
    """Share of Han characters that change under t2s, and how many changed (``normalize.traditional_ratio``
    counted with regex and C-level maps instead of a loop over every character)."""
    han = "".join(HAN_RUN.findall(text))
    if not han:
        return 0.0, 0
    simp = to_simplified(han)
    changed = sum(map(str.__ne__, han, simp)) if len(simp) == len(han) else 0
    return changed / len(han), changed


def traditional(text: str) -> tuple[float, int] | None:
    ratio, changed = traditional_ratio(text)
    if ratio >= TRADITIONAL_RATIO and changed >= TRADITIONAL_MIN:
        return ratio, changed
    return None


def traditional_examples(text: str, k: int = 6) -> list[str]:
    out: list[str] = []
    for ch in dict.fromkeys("".join(HAN_RUN.findall(text))):  # each distinct character once, in text order
        if to_simplified(ch) != ch:
            out.append(ch)
            if len(out) >= k:
                break
    return out
