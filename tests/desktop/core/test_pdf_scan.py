"""The streaming PDF scan: names found across piece boundaries, escaped, in object streams, and
never by chance in binary stream data."""

from __future__ import annotations

import io
import os
import random
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


def test_an_encrypted_pdf_is_refused():
    """Encrypted objects cannot be read without the password, so nothing in them is vouched for."""
    trailer = b"trailer\n<< /Size 3 /Root 1 0 R /Encrypt 2 0 R >>\n%%EOF\n"
    assert scan(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + trailer) == {"Encrypt"}


def test_an_object_stream_that_inflates_past_the_budget_is_unreadable(monkeypatch):
    """A small compressed object stream may inflate to gigabytes: past the budget it is refused,
    not read to the end."""
    monkeypatch.setattr(pdf_scan, "MAX_INFLATED", 1 << 20)
    packed = zlib.compress(b" " * (2 << 20))
    body = b"<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n" + packed + b"\nendstream\n"
    with pytest.raises(pdf_scan.PdfUnreadable):
        scan(b"%PDF-1.7\n1 0 obj\n" + body)


def _in_a_stream_at_piece_end(text: bytes, cut: int) -> bytes:
    """A PDF whose one stream body holds `text` cut by the end of the first piece after `cut`
    of its bytes."""
    head = b"%PDF-1.7\n4 0 obj\n<< /Length 1 >>\nstream\n"
    padding = b"\x00" * (pdf_scan.PIECE - len(head) - cut)
    return head + padding + text + b" >>\nendstream\nendobj\n%%EOF\n"


@pytest.mark.parametrize("cut", [1, 3, 6, 10, 11])
def test_a_long_name_in_stream_data_cut_by_a_piece_end_is_read(cut):
    """Stream data arrives in pieces too; a long name split between two is read whole."""
    assert scan(_in_a_stream_at_piece_end(b"/JavaScript", cut)) == {"JavaScript"}


@pytest.mark.parametrize("cut", [1, 2, 3, 4, 5, 9])
def test_an_escape_in_stream_data_cut_by_a_piece_end_is_read(cut):
    """A `#xx` escape split between two pieces, even between its `#` and its digits, is read."""
    assert scan(_in_a_stream_at_piece_end(b"/La#75n#63h", cut)) == {"Launch"}


@pytest.mark.parametrize("cut", [3, 7])
def test_a_longer_name_in_stream_data_is_not_refused_across_a_piece_end(cut):
    """`/LaunchPad` is no action, even when the piece ends right after `/Launch`."""
    assert scan(_in_a_stream_at_piece_end(b"/LaunchPad", cut)) == set()


@pytest.mark.parametrize("cut", [1, 4, 8])
def test_an_endstream_cut_by_a_piece_end_still_ends_the_stream(cut):
    """After the stream every name counts again, the short ones too: the stream's end must be
    seen even when the piece boundary splits the keyword."""
    head = b"%PDF-1.7\n4 0 obj\n<< /Length 1 >>\nstream\n"
    padding = b"\x00" * (pdf_scan.PIECE - len(head) - cut)
    data = head + padding + b"endstream\nendobj\n5 0 obj\n<< /S /JS >>\nendobj\n%%EOF\n"
    assert scan(data) == {"JS"}


class _Trickle(io.RawIOBase):
    """A file that answers each read with at most `size` bytes, as a pipe may."""

    def __init__(self, data: bytes, size: int) -> None:
        self._data = io.BytesIO(data)
        self._size = size

    def read(self, size: int = -1) -> bytes:
        return self._data.read(min(size, self._size) if size >= 0 else self._size)


@pytest.mark.parametrize("size", [1, 5, 64])
def test_short_reads_find_the_same(size):
    """Pieces shorter than asked for (a pipe, a slow disk) change nothing the scan finds."""
    packed = zlib.compress(b"4 0 << /S /Launch /F (x) >>\n")
    cases = {
        b"1 0 obj\n<< /J#61va#53cript 3 0 R >>\n": {"JavaScript"},
        b"1 0 obj\n<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n"
        + packed
        + b"\nendstream\n": {"Launch"},
        b"1 0 obj\n<< /Length 9 >>\nstream\n/JS/AA/Ric#68Media\nendstream\n": {"RichMedia"},
        b"1 0 obj\n<< /Length 9 >>\nstream\n/JS/Launcher\nendstream\n<< /AA 1 >>": {"AA"},
        b"1 0 obj\n<< /Length 9 >>\nstream\n/JS/OpenAction\n": {"OpenAction"},
    }
    for body, expected in cases.items():
        data = b"%PDF-1.7\n" + body + b"\n%%EOF\n"
        assert pdf_scan.unsafe_features(_Trickle(data, size)) == expected, body


@pytest.mark.parametrize(
    "dictionary",
    [
        b"<< /Type /Obj#53tm /N 1 /First 4 /Filter /FlateDecode >>",
        b"<< /Type /ObjStm /N 1 /First 4 /Filter /Fl#61teDecode >>",
    ],
)
def test_an_object_stream_with_escaped_names_is_still_inflated(dictionary):
    """A reader decodes `/Obj#53tm` to `/ObjStm`: the scan must too, or the stream's objects
    would be read as binary data and a script among them missed."""
    packed = zlib.compress(b"4 0 << /S /JavaScript /JS (app.alert(1)) >>\n")
    body = dictionary + b"\nstream\n" + packed + b"\nendstream\nendobj\n%%EOF\n"
    assert scan(b"%PDF-1.7\n1 0 obj\n" + body) == {"JavaScript", "JS"}


@pytest.mark.parametrize(
    "extra",
    [b"/Title (an object) ", b"/Pad (" + b"A" * 5000 + b") "],
)
def test_an_object_stream_is_inflated_whatever_its_dictionary_holds(extra):
    """Where a dictionary starts cannot be told from the text alone (`obj` inside a string, a
    dictionary padded past any window): an object stream is told by its names, however far
    from the `stream` keyword."""
    packed = zlib.compress(b"4 0 << /S /JavaScript /JS (x) >>\n")
    dictionary = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode " + extra + b">>"
    body = dictionary + b"\nstream\n" + packed + b"\nendstream\nendobj\n%%EOF\n"
    assert scan(b"%PDF-1.7\n1 0 obj\n" + body) == {"JavaScript", "JS"}


def _random_document(rng: random.Random) -> bytes:
    """Text, names (escaped or not), stream keywords, object streams and binary data, mixed."""
    names = [*sorted(pdf_scan.UNSAFE_NAMES), "Launcher", "ObjStm", "FlateDecode", "Type"]
    parts = [b"%PDF-1.7\n"]
    for _ in range(rng.randrange(1, 40)):
        kind = rng.randrange(6)
        if kind == 0:
            name = rng.choice(names)
            parts.append(
                b"/" + "".join(f"#{ord(c):02x}" if rng.random() < 0.3 else c for c in name).encode()
            )
        elif kind == 1:
            parts.append(
                rng.choice([b"stream\n", b"stream\r\n", b"endstream", b"1 0 obj", b" >>\n"])
            )
        elif kind == 2:
            packed = zlib.compress(b"<< /S /" + rng.choice(names).encode() + b" >>")
            parts.append(
                b"<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n" + packed + b"\nendstream\n"
            )
        else:
            parts.append(rng.randbytes(rng.randrange(400)))
    return b"".join(parts)


def test_how_the_file_is_cut_into_pieces_changes_nothing(monkeypatch):
    """Whatever the piece size and however short the reads, a document scans the same: every
    seam between pieces (names, escapes, keywords, object streams) is read across."""
    rng = random.Random(17)
    for _ in range(200):
        data = _random_document(rng)
        try:
            whole: set[str] | str = scan(data)
        except pdf_scan.PdfUnreadable:
            whole = "unreadable"
        piece = rng.choice([1, 9, 70, 150, 300, 1000])
        monkeypatch.setattr(pdf_scan, "PIECE", piece)
        try:
            cut: set[str] | str = pdf_scan.unsafe_features(_Trickle(data, rng.choice([piece, 3])))
        except pdf_scan.PdfUnreadable:
            cut = "unreadable"
        monkeypatch.undo()
        assert cut == whole, (piece, data)


def test_a_keyword_glued_to_a_word_is_no_stream_at_a_piece_end():
    """`xstream` starts no stream body, even when the piece ends between its `x` and `stream`:
    taken for one, it would hide the short names after it."""
    head = b"%PDF-1.7\n"
    cut = pdf_scan.PIECE - 64 - len(head)  # where the scan holds text back for the next piece
    data = head + b" " * (cut - 5) + b"/Notxstream\n<< /S /JS >>\n" + b" " * 128 + b"%%EOF\n"
    assert scan(data) == {"JS"}


@pytest.mark.parametrize(
    "filters",
    [
        b"[/FlateDecode /FlateDecode]",  # inflated once, its objects would still be deflated
        b"/LZWDecode",
        b"/ASCIIHexDecode",
        b"/Fl",  # FlateDecode's abbreviation, which the scan does not inflate
        b"/FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>",
    ],
)
def test_an_object_stream_the_scan_cannot_read_refuses_the_file(filters):
    """Objects kept in a form the scan does not undo could hide a script: the file is refused,
    naming the object stream, even when what it hides is harmless."""
    packed = zlib.compress(zlib.compress(b"4 0 << /S /JavaScript /JS (x) >>\n"))
    dictionary = b"<< /Type /ObjStm /N 1 /First 4 /Filter " + filters + b" >>"
    body = dictionary + b"\nstream\n" + packed + b"\nendstream\nendobj\n%%EOF\n"
    assert pdf_scan.HIDDEN_OBJECTS in scan(b"%PDF-1.7\n1 0 obj\n" + body)


def test_filters_of_other_streams_refuse_nothing():
    """A scan's page image is DCT-encoded and an xref stream has a predictor: neither is an
    object stream, so neither is refused."""
    image = b"4 0 obj\n<< /Type /XObject /Subtype /Image /Filter /DCTDecode /Length 4 >>\n"
    image += b"stream\n\xff\xd8\xff\xe0\nendstream\nendobj\n"
    xref = b"5 0 obj\n<< /Type /XRef /Filter /FlateDecode /DecodeParms << /Predictor 12 >> >>\n"
    xref += b"stream\n" + zlib.compress(b"\x00" * 20) + b"\nendstream\nendobj\n"
    packed = zlib.compress(b"6 0 << /Type /Page >>\n")
    objects = b"7 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n"
    objects += packed + b"\nendstream\nendobj\n%%EOF\n"
    assert scan(b"%PDF-1.7\n" + image + xref + objects) == set()
