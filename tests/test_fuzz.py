"""A bounded fuzz run over the extractors: hypothesis mutates real fixture bytes (text, HTML, DOCX — its XML too —
and PDF made by the fixture generator) and nothing but a ReportlintError may escape ``extract`` or ``check_bytes``.
The budget is fixed by ``max_examples`` (about half a minute in all)."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.config import Config
from checker.engine import check_bytes
from checker.errors import ReportlintError
from checker.extract import extract
from fixtures.generate import make_report, pdf_bytes, write_docx, write_html, write_txt

FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    d = tmp_path_factory.mktemp("fuzz")
    rep = make_report(seed=11)
    return {
        "txt": write_txt(rep, d / "r.txt").read_bytes(),
        "html": write_html(rep, d / "r.html").read_bytes(),
        "docx": write_docx(rep, d / "r.docx").read_bytes(),
        "pdf": pdf_bytes(rep),
    }


# a mutation: (kind, position as a fraction of the length, payload)
MUTATIONS = st.lists(st.tuples(st.sampled_from(["flip", "insert", "delete", "truncate", "dup"]),
                               st.floats(0, 1, allow_nan=False), st.binary(min_size=1, max_size=16)),
                     min_size=1, max_size=6)
INTERESTING = [b"\x00", b"\xff\xfe", b"<", b">", b"&", b"<div>" * 50, b"%%EOF", b"endobj", b"stream", b"\n" * 30,
               " 年月日".encode() * 20, b"|" * 40, b"<!DOCTYPE x [<!ENTITY a \"b\">]>", b"&a;"]


def mutate(data: bytes, muts) -> bytes:
    b = bytearray(data)
    for kind, frac, payload in muts:
        i = int(frac * len(b)) if b else 0
        if kind == "flip" and b:
            for k, x in enumerate(payload):
                if i + k < len(b):
                    b[i + k] ^= x
        elif kind == "insert":
            b[i:i] = payload if payload[0] % 3 else INTERESTING[payload[0] % len(INTERESTING)]
        elif kind == "delete":
            del b[i:i + len(payload) * 8]
        elif kind == "truncate":
            del b[max(i, 1):]
        elif kind == "dup":
            b[i:i] = b[i:i + 64 * len(payload)]
    return bytes(b)


def _survives(data: bytes, name: str, full: bool) -> None:
    try:
        extract(data, name)
    except ReportlintError:
        pass
    if full:
        r = check_bytes(data, name, Config())  # returns errors, never raises them
        assert r.error is None or r.error["code"].startswith("E0")


@pytest.mark.parametrize("fmt,full", [("txt", True), ("html", True)])
def test_fuzz_text_and_html(seeds, fmt, full):
    @FUZZ
    @given(MUTATIONS)
    def run(muts):
        _survives(mutate(seeds[fmt], muts), f"r.{fmt}", full)

    run()


def test_fuzz_pdf(seeds):
    @settings(FUZZ, max_examples=25)
    @given(MUTATIONS)
    def run(muts):
        _survives(mutate(seeds["pdf"], muts), "r.pdf", False)

    run()


def _rezip(docx: bytes, part: str, new: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for zi in zin.infolist():
            zout.writestr(zi.filename, new if zi.filename == part else zin.read(zi.filename))
    return out.getvalue()


def test_fuzz_docx(seeds):
    with zipfile.ZipFile(io.BytesIO(seeds["docx"])) as z:
        parts = {n: z.read(n) for n in ("word/document.xml", "word/styles.xml", "[Content_Types].xml",
                                       "word/_rels/document.xml.rels") if n in z.namelist()}

    @settings(FUZZ, max_examples=40)
    @given(MUTATIONS, st.sampled_from(sorted(parts) + ["zip"]))
    def run(muts, where):
        if where == "zip":
            data = mutate(seeds["docx"], muts)
        else:
            data = _rezip(seeds["docx"], where, mutate(parts[where], muts))
        _survives(data, "r.docx", where == "word/document.xml")

    run()
