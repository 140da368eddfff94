"""The normalised view: offsets map back to the original, and the cleaned view leaves out exactly what is removed."""

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.normalize import build_view

TEXT = st.text(alphabet="政府信息公開號(hào)２０２３年 1月、\n麻将胡了abc ", max_size=80)


@settings(max_examples=200, deadline=None)
@given(TEXT, st.lists(st.tuples(st.integers(0, 80), st.integers(0, 20)), max_size=4))
def test_without_leaves_out_exactly_the_removed_ranges(text, cuts):
    ranges = [(a, min(len(text), a + n)) for a, n in cuts if a < len(text)]
    raw = build_view(text)
    cleaned = raw.without(ranges)
    inside = lambda o: any(a <= o < b for a, b in ranges)
    assert all(not inside(o) for o in cleaned.offsets[:len(cleaned.text)])
    kept = [(c, o) for c, o in zip(raw.text, raw.offsets) if not inside(o)]
    assert [c for c, _ in kept] == list(cleaned.text)
    assert cleaned.offsets[:len(cleaned.text)] == [o for _, o in kept]


def test_seed_ad_removed_inside_the_sentence():
    text = "各村综合利用信息公开栏、麻将胡了最新官方版下载村民微信群等渠道"
    a = text.index("麻将")
    v = build_view(text).without([(a, a + len("麻将胡了最新官方版下载"))])
    assert v.text == "各村综合利用信息公开栏、村民微信群等渠道"
    s, e = v.span(v.text.index("村民"), v.text.index("村民") + 2)
    assert text[s:e] == "村民"
