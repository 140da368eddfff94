"""The address a saved web page records for itself (saved-from comment, canonical link, og:url) is read like the
``source_url`` option: a report a mirror served gets GOV-K005 (page host) from the file alone."""

import pytest

from checker.config import Config
from checker.engine import check_path
from fixtures.generate import make_report, write_html


def _page(tmp_path, head: str = "", top: str = ""):
    p = tmp_path / "r.html"
    write_html(make_report(seed=3), p)
    html = p.read_text(encoding="utf-8")
    html = top + html.replace("<head>", "<head>" + head, 1)
    p.write_text(html, encoding="utf-8")
    return p


def _page_host(path):
    r = check_path(str(path), Config(select=["GOV-K"]))
    return [f for f in r.findings if f.code == "GOV-K005" and (f.evidence or {}).get("context") == "page address"]


@pytest.mark.parametrize("head,top", [
    ('<link rel="canonical" href="https://www.spam-mirror-example.com/zwgk/art/2024/1/2/art_1.html">', ""),
    ('<meta property="og:url" content="http://m.mirror-copy-example.net/xxgk/post_9.html">', ""),
    ("", "<!-- saved from url=(0051)http://www.mirror-copy-example.net/zfxxgk/a_1.html -->\n"),
])
def test_a_mirror_address_recorded_in_the_page_is_read(tmp_path, head, top):
    found = _page_host(_page(tmp_path, head, top))
    assert len(found) == 1
    assert "example" in found[0].evidence["host"]


@pytest.mark.parametrize("head,top", [
    ("", ""),
    ('<link rel="canonical" href="https://www.hefei.gov.cn/public/1/2.html">', ""),
    ('<link rel="canonical" href="/public/1/2.html">', ""),  # relative: no address
    ("", "<!-- saved from url=(0040)https://www.ah.gov.cn/public/7/8.html -->\n"),
])
def test_a_government_or_missing_address_accuses_nothing(tmp_path, head, top):
    assert _page_host(_page(tmp_path, head, top)) == []


def test_the_saved_from_comment_wins_over_a_copied_canonical_link(tmp_path):
    # a mirror that copied the government page keeps its canonical link; the browser recorded where it really was
    p = _page(tmp_path, '<link rel="canonical" href="https://www.ah.gov.cn/public/7/8.html">',
              "<!-- saved from url=(0045)https://copy.mirror-copy-example.net/p/1.html -->\n")
    found = _page_host(p)
    assert [f.evidence["host"] for f in found] == ["copy.mirror-copy-example.net"]
