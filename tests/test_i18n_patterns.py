"""The usage-message catalogue (checker/i18n.py) translates whole messages and stays linear on long inputs."""

from checker import i18n


def test_every_usage_pattern_is_anchored_at_both_ends():
    # \A…\Z: one attempt per search, so a message pattern with .+ is linear under finditer (test_hostile's ReDoS run)
    for rx, _ in i18n._usage_re():
        assert rx.pattern.startswith(r"\A(?:") and rx.pattern.endswith(r")\Z"), rx.pattern


def test_a_whole_message_is_translated_and_a_longer_one_is_not_cut():
    assert i18n.usage_text("interrupted", "zh") == "已中断"
    assert i18n.usage_text("interrupted", "en") == "interrupted"
    long = "x" * 5000 + ": entry 3 lacks code"
    out = i18n.usage_text(long, "zh")
    assert out.endswith("第 3 项缺少 code") and out.startswith("x" * 5000)
