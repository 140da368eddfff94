"""The floor of the contamination package: text geometry and character classes every detector shares.

Nothing here imports another module of the package, so ``ads``, ``provenance``, ``hosts``, ``furniture`` and
``garbage`` can all build on it without import circles.
"""

from __future__ import annotations

import functools
import re

SENT_END = "。！？!?；;\n"
HAN = re.compile(r"[\u3400-\u9fff]")


def sentence_bounds(text: str, i: int) -> tuple[int, int]:
    """[start, end) of the sentence (or line) holding offset ``i``."""
    a = max(text.rfind(ch, 0, i) for ch in SENT_END) + 1
    ends = [j for j in (text.find(ch, i) for ch in SENT_END) if j >= 0]
    return a, (min(ends) if ends else len(text))


def line_bounds(text: str, i: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, i) + 1
    b = text.find("\n", i)
    return a, (len(text) if b < 0 else b)


@functools.lru_cache(maxsize=8192)
def common_char(ch: str) -> bool:
    """A character of GB2312 level 1 (the 3,755 most common), after traditional → simplified."""
    from ...normalize import to_simplified

    s = to_simplified(ch)
    try:
        b = s.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7
