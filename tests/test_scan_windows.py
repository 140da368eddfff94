"""Mechanisms that skip work must give what the plain computation gives: the document-number scan restricted to
the windows around bracketed years equals a scan of the whole text, on random text over the characters that
matter (Han, brackets, digits, 号, 年, separators)."""

import random

from checker.checks import docnumbers as dn

ALPHABET = list("国办发函字公开政府〔〕[]()（）【】") + list("0123456789") * 3 + ["号", "号", "年", "。", "\n", " ", "的"]


def _spans(ms):
    return [(m.span(), m.groupdict()) for m in ms]


def test_windowed_scan_equals_finditer():
    rng = random.Random(16)
    texts = ["国办公开办函〔2021〕30号", "国办发[2019]15号和国办发〔2020〕1号", "依据〔202130号与〔2021〕号及〔21〕5号"]
    for _ in range(3000):
        n = rng.randint(0, 80)
        texts.append("".join(rng.choice(ALPHABET) for _ in range(n)))
        texts.append("根据国务院办公厅" * rng.randint(0, 3) + "〔20" + str(rng.randint(10, 29)) + "〕" + str(rng.randint(1, 999))
                     + "号" + "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 20))))
    found = 0
    for t in texts:
        for pat, tail in ((dn.NUM_RE, dn.NUM_TAIL), (dn.LOST_RE, dn.LOST_TAIL)):
            want = _spans(pat.finditer(t))
            assert _spans(dn._scan(pat, tail, t)) == want, t
            found += len(want)
    assert found > 500
