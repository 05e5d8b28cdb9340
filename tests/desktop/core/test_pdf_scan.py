"""The streaming PDF scan: names found across piece boundaries, escaped, in object streams, and
never by chance in binary stream data."""

from __future__ import annotations

import io
import os
import zlib

import pytest

from desktop.core import pdf_scan


def scan(data: bytes) -> set[str]:
    return pdf_scan.unsafe_features(io.BytesIO(data))


@pytest.mark.parametrize("offset", [1, 5, 11, 12, 40])
def test_a_name_cut_by_the_end_of_a_piece_is_still_read(offset):
    head = b"%PDF-1.7\n"
    padding = b" " * (pdf_scan.PIECE - len(head) - offset)
    assert scan(head + padding + b"/Launch << /F (calc.exe) >>\n%%EOF\n") == {"Launch"}


def test_escaped_names_and_object_streams_are_read():
    assert scan(b"%PDF-1.7\n<< /J#61va#53cript 3 0 R >>\n") == {"JavaScript"}
    packed = zlib.compress(b"4 0 << /S /Launch /F (x) >>\n")
    body = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n"
    assert scan(b"%PDF-1.7\n1 0 obj\n" + body + packed + b"\nendstream\nendobj\n") == {"Launch"}


def test_random_stream_data_does_not_look_like_a_script():
    """Short names (/JS, /AA) are spelled by chance in megabytes of random bytes; inside a
    stream only the long names count, so a real scan's image data is never refused."""
    payload = os.urandom(8 * 1024 * 1024).replace(b"endstream", b"endstreaX")
    payload += b"/JS/AA"  # as random data would, eventually
    data = b"%PDF-1.7\n4 0 obj\n<< /Length 1 >>\nstream\n" + payload + b"\nendstream\nendobj\n"
    assert scan(data) == set()


def test_a_stream_keyword_in_a_string_cannot_hide_a_long_name():
    data = b"%PDF-1.7\n1 0 obj (>> stream\n) << /S /JavaScript >> (endstream)\n"
    assert scan(data) == {"JavaScript"}


def test_an_object_stream_that_does_not_inflate_is_unreadable():
    body = b"<< /Type /ObjStm /Filter /FlateDecode >>\nstream\nnot zlib at all\nendstream\n"
    with pytest.raises(pdf_scan.PdfUnreadable):
        scan(b"%PDF-1.7\n1 0 obj\n" + body)
