"""Every URL, e-mail domain and bare host in the text, classified with the public suffix list (offline).

The list is the ``public_suffix_list.dat`` that the ``publicsuffixlist`` package ships as data; it is read
from the installed package and never fetched. A host is *official* when its registrable domain lies under a
government suffix (``gov.cn`` and its provincial labels, ``政务``/``公益`` IDN suffixes, ``gov.hk``/``gov.mo``) or is
an allow-listed official host (party sites, state media, 政务新媒体 platforms). Everything else is *foreign*.

Signals on foreign hosts (spec/contamination.md §4.10):
- ``gov-path-on-foreign-host``: the path keeps a government CMS layout (gkmlpt, zfxxgk, xxgk, col/col…, art/yyyy/…,
  OpennessContent …) — a mirror that copied the site tree under its own domain;
- ``embedded-gov-host``: the host spells a government hostname inside a foreign domain (``www-hefei-gov-cn.x.com``,
  ``hefei.gov.cn.x.net``) — a proxy mirror;
- ``spam-morphology``: brand tokens, digits-only labels, slot-game paths (pgxiazai, shiwan …).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .base import Trigger, scan

OFFICIAL_SUFFIXES = (".gov.cn", ".edu.cn", ".mil.cn", ".gov.hk", ".gov.mo", ".12371.cn", ".政务", ".公益",
                     ".政务.cn", ".公益.cn")
OFFICIAL_HOSTS = frozenset({"gov.cn", "12371.cn", "people.com.cn", "xinhuanet.com", "news.cn", "cctv.com", "cctv.cn",
                            "mp.weixin.qq.com", "weixin.qq.com", "weibo.com", "cnki.net", "12345.gov.cn",
                            "china.com.cn", "gmw.cn", "chinadaily.com.cn", "12315.cn", "cpc.people.com.cn",
                            "qstheory.cn", "ce.cn", "cyol.com", "chinanews.com", "chinanews.com.cn", "court.gov.cn",
                            "chinacourt.org", "moj.gov.cn", "npc.gov.cn", "cppcc.gov.cn", "ccdi.gov.cn",
                            "creditchina.gov.cn", "chinatax.gov.cn", "cac.gov.cn", "12377.cn", "miit.gov.cn",
                            "beian.gov.cn", "cnnic.cn", "cnnic.net.cn", "tousu.cn", "12368.gov.cn", "chinaacc.org.cn"})
FILE_EXT = re.compile(r"\.(?:docx?|pdf|xlsx?|jpe?g|png|gif|bmp|tiff?|zip|rar|7z|wps|ofd|txt|csv|mp4|mov|avi|"
                      r"html?|shtml|jsp|php|aspx?|cgi|do|action|xml|json|js|css)$", re.I)
LABEL = r"(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?|xn--[a-z0-9\-]{1,59})"
# ASCII boundaries: a host glued to Chinese text (请与www.x.com办公室联系) is still a host, and its path stops there
URL = re.compile(r"(?<![@A-Za-z0-9_.\-])((?:(?:https?|ftp)://)?((?:" + LABEL + r"\.)+(?:[a-z]{2,18}|xn--[a-z0-9]{2,20}))"
                 r"(?::\d{2,5})?(/[A-Za-z0-9_\-./?%&=#~+:;,!@]*)?)(?![A-Za-z0-9_\-])", re.I)
EMAIL = re.compile(r"@((?:" + LABEL + r"\.)+[a-z]{2,18})", re.I)  # the local part is checked by hand (no backtracking)
GOV_PATH = re.compile(r"/(?:gkmlpt|zfxxgk|xxgk|xxgkml|zwgk|zfxxgkml|zfxxgknb|xxgknb|ndbg|govinfo|openness|"
                      r"opennesscontent|public/\d{4,}|col/col\d+|art/20\d\d/\d{1,2}/\d{1,2}|jcxxgk|bmxxgk|"
                      r"fdzdgknr|xxgkzn|zwdt|zfwj|zcwj|govxxgk|zdlyxxgk|zwgkml)(?:/|_|$|\.)", re.I)
# a path segment or query value spelled in the pinyin initials of a disclosure column (thxzfxxgkzfgzbg…, ZFXXGKNB4764,
# zyszfxxgk, dzwgk, sccode=zfxxgknb): a government CMS names its columns so; 信息公开 xxgk, 政务公开 zwgk, 公开目录 gkml,
# (e)govinfo, openness, gongkai. Segments are cut first (one bounded search each: linear in the path).
GOV_SEGMENT_TOKEN = re.compile(r"xxgk|zwgk|gkml|egovinfo|govinfo|openness|gongkai|zfgkml", re.I)
GOV_SEGMENT_CUT = re.compile(r"[/?&=#.]")
# a whole segment that is a disclosure CMS's own layout word (the Anhui and Jiangxi portals' report pages)
GOV_LAYOUT = re.compile(r"(?:Xxgk|Openness)(?:AnnualReport|Content|Catalog)", re.I)
EMBEDDED_GOV = re.compile(r"gov[\-_.]?cn|(?:^|[.\-])gov[.\-]", re.I)
SPAM_HOST = re.compile(r"(?:^|[.\-])(?:(?:pg|bet|365|kaiyun|yabo|hth|leyu|amjs|xpj|vns|dafa|huangguan|bbin|"
                       r"caipiao|duchang|bocai|qipai|yule|casino|jinsha|aomen|xinpujing|weinisi|ag|ky)[a-z0-9\-]*"
                       r"|ky\d+|js\d{3,})\.[a-z]{2,}$", re.I)
# the prefilter of URL and EMAIL: a host has a dot before the letter its suffix starts with; an e-mail an "@"
HOST_TRIGGER = Trigger("@", r"\.[a-z]")
SPAM_PATH = re.compile(r"/(?:pgxiazai|pgpingtai|shiwan|hash|bocai|yule|qipai|casino|caipiao|tiyu|zhibo)/", re.I)


@functools.lru_cache(maxsize=1)
def _psl():
    from ...psl import public_suffix_list

    return public_suffix_list()  # the .dat shipped inside the package, parsed once per installation; no network


@dataclass(frozen=True)
class HostRef:
    start: int  # offsets into the scanned text (the whole reference: scheme, host, path)
    end: int
    kind: str  # url | email | host
    host: str
    path: str
    registrable: str
    official: bool

    @property
    def signals(self) -> list[tuple[str, str]]:
        return foreign_signals(self.host, self.path) if not self.official else []


def registrable(host: str) -> str | None:
    """The registrable domain (eTLD+1) of ``host`` by the public suffix list; None for an unknown suffix."""
    h = host.lower().rstrip(".")
    psl = _psl()
    if psl.publicsuffix(h, accept_unknown=False) is None:
        return None
    return psl.privatesuffix(h, accept_unknown=False) or h


def official_host(host: str) -> bool:
    h = host.lower().rstrip(".")
    if h.startswith("www."):
        h = h[4:]
    if h in OFFICIAL_HOSTS or any(h.endswith("." + o) for o in OFFICIAL_HOSTS):
        return True
    reg = registrable(h) or h
    return ("." + reg).endswith(OFFICIAL_SUFFIXES) or reg in OFFICIAL_HOSTS


def spam_url(url: str) -> bool:
    """Host or path morphology of gambling SEO sites (spec §4.10): brand tokens, digits-only labels, slot paths."""
    rest = url.split("//", 1)[-1]
    host = rest.split("/", 1)[0].split(":", 1)[0].lower()
    if official_host(host):
        return False
    labels = host.split(".")
    reg = registrable(host) or host
    sld = reg.split(".")[0] if reg else (labels[-2] if len(labels) >= 2 else host)
    digits = re.fullmatch(r"\d{4,}", sld) and not re.fullmatch(r"12\d{3}", sld)  # 12306, 12377: service numbers
    # digit-heavy names (365-818, js8888, a6688): ≥4 digits making most of the name, as gambling farms register them
    alnum = [ch for ch in sld if ch.isalnum()]
    n_digits = sum(ch.isdigit() for ch in alnum)
    digits = digits or (n_digits >= 4 and n_digits >= 0.6 * len(alnum) and not re.fullmatch(r"12\d{3}", sld))
    return bool(SPAM_HOST.search(sld + "." + labels[-1]) or digits
                or SPAM_PATH.search("/" + rest.split("/", 1)[-1] if "/" in rest else ""))


def gov_path(path: str) -> str | None:
    """The piece of ``path`` (path and query) that keeps a government CMS layout, else None: a column of the
    usual vocabulary (``GOV_PATH``: /zfxxgk/, /col/col123, /art/2024/1/25/), a layout word of a disclosure CMS
    (OpennessAnnualReport, XxgkAnnualReport), or a segment or query value spelled in the pinyin initials of a
    disclosure column (thxzfxxgkzfgzbg…, ZFXXGKNB4764, sccode=zfxxgknb)."""
    if not path:
        return None
    m = GOV_PATH.search(path)
    if m:
        return m.group(0)
    m = GOV_LAYOUT.search(path)
    if m:
        return "/" + m.group(0)
    for seg in GOV_SEGMENT_CUT.split(path[:400]):
        if 4 <= len(seg) <= 60 and seg.isascii() and GOV_SEGMENT_TOKEN.search(seg):
            return "/" + seg
    return None


def foreign_signals(host: str, path: str) -> list[tuple[str, str]]:
    """(signal, detail) for a non-official host: a government path, an embedded government hostname, spam morphology."""
    out = []
    piece = gov_path(path)
    if piece:
        out.append(("gov-path-on-foreign-host", host + piece))
    reg = registrable(host) or host
    sub = host[: max(0, len(host) - len(reg))]
    if EMBEDDED_GOV.search(sub) or EMBEDDED_GOV.search(reg.split(".")[0]):
        out.append(("embedded-gov-host", host))
    if spam_url(host + (path or "")):
        out.append(("spam-morphology", host))
    return out


def find(text: str) -> list[HostRef]:
    """Every URL, e-mail domain and bare host of ``text`` with a known public suffix.

    Found once per text of the document being checked (portal URLs and spam hosts both ask for the view's);
    nothing to scan without a dot between ASCII letters or an "@" (``HOST_TRIGGER``)."""
    sc = scan(text)
    got = sc.memo.get("hosts")
    if got is None:
        got = sc.memo["hosts"] = tuple(_find(text)) if sc.has(HOST_TRIGGER) else ()
    return list(got)


def _find(text: str) -> list[HostRef]:
    out: list[HostRef] = []
    for m in EMAIL.finditer(text):
        if m.start() == 0 or not (text[m.start() - 1].isascii() and (text[m.start() - 1].isalnum()
                                                                   or text[m.start() - 1] in "._+-")):
            continue
        host = m.group(1).lower()
        reg = registrable(host)
        if reg:
            out.append(HostRef(m.start(1), m.end(1), "email", host, "", reg, official_host(host)))
    emails = [(r.start, r.end) for r in out]
    for m in URL.finditer(text):
        whole, host, path = m.group(1), m.group(2).lower(), m.group(3) or ""
        if any(a <= m.start(2) < b for a, b in emails):
            continue
        if FILE_EXT.search(host) or not re.search(r"[a-z]", host.split(".")[-1]):
            continue
        has_scheme = "//" in whole[:8]
        reg = registrable(host)
        if reg is None:
            continue
        if not has_scheme and not host.startswith("www.") and host.count(".") < 1:
            continue
        # a bare "name.cn" in prose is a host only with a known suffix and a label of ≥2 letters or digits
        if not has_scheme and len(reg.split(".")[0]) < 2:
            continue
        kind = "url" if has_scheme or path else "host"
        out.append(HostRef(m.start(1), m.end(1), kind, host, path, reg, official_host(host)))
    out.sort(key=lambda r: r.start)
    return out
