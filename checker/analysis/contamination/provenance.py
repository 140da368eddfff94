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

from ...normalize import PINYIN, to_simplified, traditional_ratio

URL = re.compile(r"(?<![@\w.])((?:https?://)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,10})(?::\d{2,5})?"
                 r"(?:/[\w\-./?%&=#~+:]*)?)", re.I)
OFFICIAL_SUFFIXES = (".gov.cn", ".edu.cn", ".org.cn", ".mil.cn", ".gov.hk", ".gov.mo", ".12371.cn", ".gov")
OFFICIAL_HOSTS = frozenset({"gov.cn", "12371.cn", "people.com.cn", "xinhuanet.com", "news.cn", "cctv.com",
                            "mp.weixin.qq.com", "weixin.qq.com", "weibo.com", "chinatax.gov.cn", "cnki.net",
                            "12345.gov.cn", "beian.miit.gov.cn", "mot.gov.cn", "court.gov.cn", "npc.gov.cn",
                            "cppcc.gov.cn", "ccdi.gov.cn", "china.com.cn", "gmw.cn", "chinadaily.com.cn",
                            "stats.gov.cn", "12315.cn", "creditchina.gov.cn"})
DOWNLOAD_CTX = re.compile(r"电子版|可在|可从|可登录|可通过|下载|查阅|获取|浏览")
CONTACT_CTX = re.compile(r"联系|地址|电话|邮箱|网址|网站|门户")
# the URL is presented as the organ's own site: "…人民政府门户网站(URL)", "信息公开网站：URL", "网址：URL"
OWN_SITE_LEFT = re.compile(r"(?:(?:政府|门户|信息公开|政务公开|政务|人民政府|本局|本机关|本单位|[局委办厅院])[^，。；,;]{0,10}"
                           r"(?:网站|网|平台|专栏|栏目)|网址|网站地址|门户)\s*[(（:：\s]*\s*$")
FILE_EXT = re.compile(r"\.(?:doc|docx|pdf|xls|xlsx|jpg|png|html?|shtml|jsp|php|aspx?)$", re.I)
TRADITIONAL_RATIO, TRADITIONAL_MIN = 0.15, 20


SPAM_HOST = re.compile(r"(?:^|[.\-])(?:(?:pg|bet|365|kaiyun|yabo|hth|leyu|amjs|xpj|vns|dafa|huangguan|bbin|"
                       r"caipiao|duchang|bocai|qipai|yule)[a-z0-9\-]*|ky\d+|js\d{3,})\.[a-z]{2,}$", re.I)
SPAM_PATH = re.compile(r"/(?:pgxiazai|pgpingtai|shiwan|hash|bocai|yule|qipai)/", re.I)


def spam_url(url: str) -> bool:
    """Host or path morphology of gambling SEO sites (spec §4.10): brand tokens, digits-only labels, slot paths."""
    rest = url.split("//", 1)[-1]
    host = rest.split("/", 1)[0].split(":", 1)[0].lower()
    if official_host(host):
        return False
    labels = host.split(".")
    sld = labels[-2] if len(labels) >= 2 else host
    digits = re.fullmatch(r"\d{4,}", sld) and not re.fullmatch(r"12\d{3}", sld)  # 12306, 12377: service numbers
    return bool(SPAM_HOST.search(sld + "." + labels[-1]) or digits
                or SPAM_PATH.search("/" + rest.split("/", 1)[-1] if "/" in rest else ""))


def official_host(host: str) -> bool:
    h = host.lower().rstrip(".")
    if h.startswith("www."):
        h = h[4:]
    return h in OFFICIAL_HOSTS or h.endswith(OFFICIAL_SUFFIXES) or any(h.endswith("." + o) for o in OFFICIAL_HOSTS)


def portal_urls(text: str):
    """(start, end, url, host, context) for URLs in a download or contact sentence on a non-official host."""
    from .ads import sentence_bounds

    out = []
    for m in URL.finditer(text):
        url, host = m.group(1), m.group(2)
        if FILE_EXT.search(host) or not re.search(r"[a-z]", host, re.I) or re.fullmatch(r"[\d.]+", host):
            continue
        if "." not in host or official_host(host):
            continue
        if not (url.lower().startswith(("http", "www.")) or host.count(".") >= 1 and len(host) >= 6):
            continue
        sa, se = sentence_bounds(text, m.start())
        sent = text[sa:se]
        if DOWNLOAD_CTX.search(sent) and re.search(r"报告|年报", sent):
            ctx = "download-sentence"
        elif CONTACT_CTX.search(sent) and OWN_SITE_LEFT.search(text[max(sa, m.start() - 24):m.start()]):
            ctx = "contact-sentence"
        else:
            continue
        out.append((m.start(1), m.end(1), url, host, ctx))
    return out


def _common_char(ch: str) -> bool:
    """A character of GB2312 level 1 (the 3,755 most common), after traditional → simplified."""
    s = to_simplified(ch)
    try:
        b = s.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


def pinyin_annotations(text: str) -> list[tuple[int, int, str]]:
    """Annotation spans (original offsets) when they look like a converter artefact, else []."""
    found = [(m.start(), m.end(), text[m.start() - 1]) for m in PINYIN.finditer(text)]
    if len(found) < 3:
        return []
    common = {ch for _, _, ch in found if _common_char(ch)}
    if len(common) < 2 or sum(1 for _, _, ch in found if ch in common) < 3:
        return []
    return found


def traditional(text: str) -> tuple[float, int] | None:
    ratio, changed = traditional_ratio(text)
    if ratio >= TRADITIONAL_RATIO and changed >= TRADITIONAL_MIN:
        return ratio, changed
    return None


def traditional_examples(text: str, k: int = 6) -> list[str]:
    out: list[str] = []
    for ch in text:
        if "\u3400" <= ch <= "\u9fff" and to_simplified(ch) != ch and ch not in out:
            out.append(ch)
            if len(out) >= k:
                break
    return out
