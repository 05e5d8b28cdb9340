"""Version-2 bundles carry files in sealed frames: round trip, streaming, and a refusal for every
kind of bad section (cut, edited, reordered, oversized, bytes that are not their name)."""

from __future__ import annotations

import base64
import hashlib
import os
import struct
import tracemalloc
import uuid
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from protocol import bundle
from protocol.attachments import CHUNK_SIZE, chunk_count
from protocol.bundle import (
    SIGNATURE_CONTEXT,
    BundleError,
    parse_bundle,
    parse_bundle_file,
    write_bundle,
    write_bundle_to,
)
from protocol.bundle_parts import MAX_FRAME_BYTES, FileEntry
from protocol.errors import ErrorCode
from protocol.signing import public_key_b64
from tests.server.helpers import make_record

STATION = "00004"
DEVICE = uuid.UUID("0190f5a0-0000-7000-8000-0000000000aa")
PHOTO = os.urandom(2 * CHUNK_SIZE + 4321)
SCAN = b"%PDF-1.7 " + os.urandom(5000)


def _entry(data: bytes, media_type: str) -> FileEntry:
    return FileEntry(sha256=hashlib.sha256(data).hexdigest(), size=len(data), media_type=media_type)


def _pieces(data: bytes, size: int = 256 * 1024):
    """The bytes as the station's store gives them: in pieces smaller than a frame."""
    return (data[i : i + size] for i in range(0, len(data), size))


def _options(server_box, device_key) -> dict:  # type: ignore[no-untyped-def]
    raw = server_box.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return {
        "station_code": STATION,
        "device_id": DEVICE,
        "device_key": device_key,
        "server_box_key": base64.b64encode(raw).decode("ascii"),
    }


@pytest.fixture(scope="module")
def sealed(server_box, device_key) -> bytes:
    files = [
        (_entry(PHOTO, "image/jpeg"), _pieces(PHOTO)),
        (_entry(b"", "image/png"), iter(())),
        (_entry(SCAN, "application/pdf"), _pieces(SCAN)),
    ]
    return write_bundle([make_record()], files=files, **_options(server_box, device_key))


def _read_all(data: bytes, server_box, device_key) -> list[tuple[FileEntry, bytes, bool]]:  # type: ignore[no-untyped-def]
    opened = parse_bundle(data)
    opened.verify_device(public_key_b64(device_key))
    out = []
    for bundled in opened.files(server_box):
        body = b"".join(chunk for _, chunk in bundled.chunks())
        out.append((bundled.entry, body, bundled.intact))
    return out


def _refusal(data: bytes, server_box, device_key) -> ErrorCode:  # type: ignore[no-untyped-def]
    with pytest.raises(BundleError) as caught:
        _read_all(data, server_box, device_key)
    return caught.value.code


def _layout(data: bytes) -> tuple[int, int]:
    """(where the first frame starts, where the section ends) in a version-2 bundle."""
    header_end = 14 + struct.unpack_from(">I", data, 10)[0]
    records_end = header_end + 8 + struct.unpack_from(">Q", data, header_end)[0]
    (length,) = struct.unpack_from(">Q", data, records_end)
    return records_end + 8, records_end + 8 + length


def _frames(data: bytes) -> list[tuple[int, int]]:
    """(offset, total length) of each frame."""
    position, end = _layout(data)
    frames = []
    while position < end:
        (length,) = struct.unpack_from(">I", data, position)
        frames.append((position, 4 + length))
        position += 4 + length
    return frames


def _resign(body: bytes, device_key) -> bytes:  # type: ignore[no-untyped-def]
    """What someone holding the device key (or a buggy station) would make of an edited body."""
    digest = hashlib.sha256(body).digest()
    return body + digest + device_key.sign(SIGNATURE_CONTEXT + digest)


def test_files_come_back_whole_in_order_and_checked(sealed, server_box, device_key) -> None:
    """Each file's bytes, in wire-sized chunks, each hashing to its name; records as before."""
    files = _read_all(sealed, server_box, device_key)
    assert [(e.media_type, body, ok) for e, body, ok in files] == [
        ("image/jpeg", PHOTO, True),
        ("image/png", b"", True),
        ("application/pdf", SCAN, True),
    ]
    # A file is as many frames as the online upload has chunks, plus its entry; then the END.
    assert len(_frames(sealed)) == sum(1 + chunk_count(len(d)) for d in (PHOTO, b"", SCAN)) + 1
    assert parse_bundle(sealed).decrypt(server_box).header.record_count == 1


def test_no_byte_of_a_file_is_in_the_clear(sealed) -> None:
    """The frames are sealed: no 64-byte run of the photo or scan appears in the file."""
    for data in (PHOTO, SCAN):
        for start in range(0, len(data) - 64, len(data) // 7):
            assert data[start : start + 64] not in sealed


def test_a_version_1_bundle_is_still_read(server_box, device_key) -> None:
    """Bundles written before files travelled open as before, with no files."""
    old = write_bundle([make_record()], format_version=1, **_options(server_box, device_key))
    assert old[8:10] == b"\x00\x01"
    opened = parse_bundle(old)
    opened.verify_device(public_key_b64(device_key))
    assert opened.format_version == 1 and list(opened.files(server_box)) == []
    assert len(opened.decrypt(server_box).records) == 1
    with pytest.raises(ValueError):  # version 1 has nowhere to put them
        write_bundle(
            [],
            format_version=1,
            files=[(_entry(SCAN, "application/pdf"), [SCAN])],
            **_options(server_box, device_key),
        )


def test_a_cut_section_is_truncated(sealed, server_box, device_key) -> None:
    """Cut anywhere inside the frames: TRUNCATED, before any key is used."""
    start, end = _layout(sealed)
    for length in range(start, end, (end - start) // 23):
        assert _refusal(sealed[:length], server_box, device_key) is ErrorCode.BUNDLE_TRUNCATED


def test_an_edited_frame_is_tampered_and_with_a_new_signature_fails_its_tag(
    sealed, server_box, device_key
) -> None:
    """A flipped byte in a frame fails the checksum; re-signed, the frame's own tag refuses it."""
    offset, length = _frames(sealed)[2]  # the photo's second chunk
    damaged = bytearray(sealed)
    damaged[offset + length // 2] ^= 0x01
    assert _refusal(bytes(damaged), server_box, device_key) is ErrorCode.BUNDLE_TAMPERED
    resigned = _resign(bytes(damaged[:-96]), device_key)
    assert _refusal(resigned, server_box, device_key) is ErrorCode.BUNDLE_UNDECRYPTABLE


def test_reordered_or_dropped_frames_fail(sealed, server_box, device_key) -> None:
    """Each frame's number is in its nonce: swapping two or dropping one is refused."""
    frames = _frames(sealed)
    (a, la), (b, lb) = frames[1], frames[2]  # two full chunks of the photo
    assert la == lb
    body = sealed[:-96]
    swapped = body[:a] + body[b : b + lb] + body[a : a + la] + body[b + lb :]
    assert _refusal(_resign(swapped, device_key), server_box, device_key) is (
        ErrorCode.BUNDLE_UNDECRYPTABLE
    )
    start, end = _layout(sealed)
    dropped = body[:a] + body[a + la :]
    dropped = dropped[: start - 8] + struct.pack(">Q", end - start - la) + dropped[start:]
    assert _refusal(_resign(dropped, device_key), server_box, device_key) is (
        ErrorCode.BUNDLE_UNDECRYPTABLE
    )


def test_an_oversized_frame_or_file_is_refused(sealed, server_box, device_key, monkeypatch) -> None:
    """A frame length over the largest frame is refused before it is read; so is a file over
    the largest bundle."""
    offset, _ = _frames(sealed)[1]
    body = bytearray(sealed[:-96])
    struct.pack_into(">I", body, offset, MAX_FRAME_BYTES + 1)
    assert _refusal(_resign(bytes(body), device_key), server_box, device_key) is (
        ErrorCode.BUNDLE_TAMPERED
    )
    monkeypatch.setattr(bundle, "MAX_BUNDLE_FILE_BYTES", len(sealed) - 1)
    assert _refusal(sealed, server_box, device_key) is ErrorCode.BUNDLE_TOO_LARGE


def test_bytes_that_are_not_their_name_are_read_but_not_intact(server_box, device_key) -> None:
    """The file's SHA-256 is checked against its name: a mismatch is flagged, not trusted."""
    wrong = FileEntry(sha256="0" * 64, size=len(SCAN), media_type="application/pdf")
    data = write_bundle([], files=[(wrong, [SCAN])], **_options(server_box, device_key))
    [(_, body, intact)] = _read_all(data, server_box, device_key)
    assert body == SCAN and not intact


def test_a_store_that_gives_other_bytes_than_announced_stops_the_writer(
    server_box, device_key
) -> None:
    """Fewer or more bytes than the entry says: the writer refuses (a bug, not a bundle)."""
    short = FileEntry(sha256="0" * 64, size=len(SCAN) + 1, media_type="application/pdf")
    with pytest.raises(ValueError):
        write_bundle([], files=[(short, [SCAN])], **_options(server_box, device_key))


def test_writing_and_reading_hold_one_frame_at_a_time(server_box, device_key, tmp_path) -> None:
    """A 24 MiB file goes through a bundle on disk with a few MiB of Python objects at most."""
    size = 24 * CHUNK_SIZE
    path: Path = tmp_path / "big.caxbundle"
    digest = hashlib.sha256()

    def pieces():  # type: ignore[no-untyped-def]
        for n in range(size // (256 * 1024)):
            piece = (n.to_bytes(4, "big") * 65536)[: 256 * 1024]
            digest.update(piece)
            yield piece

    expected = hashlib.sha256(
        b"".join((n.to_bytes(4, "big") * 65536)[: 256 * 1024] for n in range(96))
    ).hexdigest()
    entry = FileEntry(sha256=expected, size=size, media_type="application/pdf")
    tracemalloc.start()
    try:
        with path.open("wb") as out:
            write_bundle_to(out, [], files=[(entry, pieces())], **_options(server_box, device_key))
        _, written_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        with path.open("rb") as handle:
            opened = parse_bundle_file(handle)
            opened.verify_device(public_key_b64(device_key))
            [bundled] = list(opened.files(server_box))
            bundled.drain()
            assert bundled.intact
        _, read_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert written_peak < 8 * CHUNK_SIZE and read_peak < 8 * CHUNK_SIZE
