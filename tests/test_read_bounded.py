"""Inputs are read up to the bound with their size as the first request (no bound-sized buffer per file): whole
files, empty files, pipes, and files over the bound (E020)."""

import os
import threading

import pytest

from checker.errors import ReportlintError
from checker.limits import Limits, read_bounded


@pytest.mark.parametrize("n", [0, 1, 4095, 70000])
def test_a_file_is_read_whole(tmp_path, n):
    p = tmp_path / "f.bin"
    data = os.urandom(n)
    p.write_bytes(data)
    with open(p, "rb") as f:
        assert read_bounded(f, Limits(max_input_bytes=100000)) == data


def test_a_file_over_the_bound_is_e020(tmp_path):
    p = tmp_path / "f.bin"
    p.write_bytes(b"x" * 2000)
    with open(p, "rb") as f, pytest.raises(ReportlintError) as e:
        read_bounded(f, Limits(max_input_bytes=1000))
    assert e.value.code == "E020"


def test_a_pipe_is_read_to_its_end(tmp_path):
    r, w = os.pipe()
    data = os.urandom(200000)

    def feed():
        with os.fdopen(w, "wb") as out:
            out.write(data)

    t = threading.Thread(target=feed)
    t.start()
    with os.fdopen(r, "rb") as f:  # a pipe's size is 0: the first request is one byte, then on to the bound
        got = read_bounded(f, Limits(max_input_bytes=300000))
    t.join()
    assert got == data


def test_a_pipe_over_the_bound_is_e020():
    r, w = os.pipe()

    def feed():
        with os.fdopen(w, "wb") as out:
            try:
                out.write(b"y" * 5000)
            except BrokenPipeError:
                pass

    t = threading.Thread(target=feed)
    t.start()
    with os.fdopen(r, "rb") as f, pytest.raises(ReportlintError) as e:
        read_bounded(f, Limits(max_input_bytes=1000))
    t.join()
    assert e.value.code == "E020"
