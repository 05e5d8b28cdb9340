"""Offline bundles and receipts: round trip, and a distinct refusal for every kind of bad file."""

from __future__ import annotations

import base64
import hashlib
import json
import struct
import uuid
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from protocol import bundle, bundle_receipt
from protocol.bundle import (
    BundleError,
    key_id,
    open_bundle,
    parse_bundle,
    read_limited,
    write_bundle,
)
from protocol.bundle_receipt import BundleReceipt, read_receipt, sign_receipt
from protocol.errors import ErrorCode
from protocol.messages import AuditHead, PushStatus, RecordResult, RecordRevision
from protocol.signing import new_private_key, public_key_b64
from tests.server.helpers import make_record

STATION = "00004"
DEVICE = uuid.UUID("0190f5a0-0000-7000-8000-0000000000aa")
SECRET_NAME = "Nguyễn Văn Bí Mật"


def _box_public(key: X25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [
        make_record(values={"ho_ten": SECRET_NAME, "so": i}, device_seq=i + 1) for i in range(20)
    ]


@pytest.fixture(scope="module")
def sealed(server_box, device_key, records) -> bytes:
    return write_bundle(
        records,
        station_code=STATION,
        device_id=DEVICE,
        device_key=device_key,
        server_box_key=_box_public(server_box),
        audit_head=AuditHead(seq=41, hash="ab" * 32),
    )


def _refusal(data: bytes, server_box, device_key) -> ErrorCode:
    with pytest.raises(BundleError) as caught:
        open_bundle(data, server_box, public_key_b64(device_key))
    return caught.value.code


def test_round_trip_gives_back_every_record_and_the_header(
    sealed, server_box, device_key, records
) -> None:
    """What the station sealed is what the server opens, with the header it can read keyless."""
    contents = open_bundle(sealed, server_box, public_key_b64(device_key))
    assert contents.records == records
    assert contents.audit_head == AuditHead(seq=41, hash="ab" * 32)
    header = contents.header
    assert (header.station_code, header.device_id, header.record_count) == (STATION, DEVICE, 20)
    assert header.server_key_id == key_id(_box_public(server_box))
    assert parse_bundle(sealed).header == header
    assert all(RecordRevision.model_validate(r).expected_hash() for r in contents.records)


def test_records_are_not_readable_in_the_file(sealed, records) -> None:
    """No name, record id or value survives in clear: only the header is readable."""
    assert SECRET_NAME.encode() not in sealed
    assert records[0]["record_id"].encode() not in sealed
    assert b"ho_ten" not in sealed


def test_record_models_and_dicts_seal_the_same_payload(server_box, device_key, records) -> None:
    """Pydantic RecordRevision objects are written in the push payload's JSON shape."""
    models = [RecordRevision.model_validate(r) for r in records[:3]]
    data = write_bundle(
        models,
        station_code=STATION,
        device_id=DEVICE,
        device_key=device_key,
        server_box_key=_box_public(server_box),
    )
    opened = open_bundle(data, server_box, public_key_b64(device_key)).records
    assert [RecordRevision.model_validate(r) for r in opened] == models


def test_two_bundles_of_the_same_records_differ(server_box, device_key, records) -> None:
    """A fresh ephemeral key and nonce every time: equal contents are not recognisable."""

    def seal() -> bytes:
        return write_bundle(
            records,
            station_code=STATION,
            device_id=DEVICE,
            device_key=device_key,
            server_box_key=_box_public(server_box),
            bundle_id=DEVICE,
            created_at=datetime(2026, 3, 1, tzinfo=UTC),
        )

    first, second = seal(), seal()
    assert first != second
    assert parse_bundle(first).header.ephemeral_key != parse_bundle(second).header.ephemeral_key


def test_every_flipped_byte_is_refused(sealed, server_box, device_key) -> None:
    """One changed byte anywhere is refused; in header, records or checksum it is TAMPERED."""
    header_end = 14 + struct.unpack_from(">I", sealed, 10)[0]
    # Version 2 states the attachment section's length after the records: a length field too.
    files_length_at = header_end + 8 + struct.unpack_from(">Q", sealed, header_end)[0]
    lengths = {*range(header_end, header_end + 8), *range(files_length_at, files_length_at + 8)}
    signature_start = len(sealed) - 64
    positions = set(range(0, len(sealed), 7)) | {header_end + 9, signature_start - 1}
    positions |= {files_length_at + 7, files_length_at + 8, signature_start - 30}
    codes: dict[int, ErrorCode] = {}
    for pos in sorted(positions):
        damaged = bytearray(sealed)
        damaged[pos] ^= 0x01
        codes[pos] = _refusal(bytes(damaged), server_box, device_key)
    for pos, code in codes.items():
        if pos < 8:
            assert code is ErrorCode.BUNDLE_MALFORMED
        elif pos < 10:
            assert code is ErrorCode.BUNDLE_UNSUPPORTED_VERSION
        elif 14 <= pos < signature_start and pos not in lengths:
            assert code is ErrorCode.BUNDLE_TAMPERED, pos
        elif pos >= signature_start:
            assert code is ErrorCode.BUNDLE_BAD_SIGNATURE, pos
        else:  # a length field: the file seems cut short, or too long, or the header too big
            assert code in {
                ErrorCode.BUNDLE_TRUNCATED,
                ErrorCode.BUNDLE_TAMPERED,
                ErrorCode.BUNDLE_MALFORMED,
            }, pos


def test_truncated_file_is_refused_as_truncated(sealed, server_box, device_key) -> None:
    """A file cut at any length says TRUNCATED; an empty or foreign file is not a bundle."""
    for length in [*range(1, 40), *range(40, len(sealed), 97), len(sealed) - 1]:
        assert _refusal(sealed[:length], server_box, device_key) is ErrorCode.BUNDLE_TRUNCATED
    assert _refusal(b"", server_box, device_key) is ErrorCode.BUNDLE_MALFORMED
    assert _refusal(b"PK\x03\x04 a zip file", server_box, device_key) is (
        ErrorCode.BUNDLE_MALFORMED
    )


def test_bytes_appended_are_refused(sealed, server_box, device_key) -> None:
    """Nothing may follow the signature."""
    assert _refusal(sealed + b"\x00", server_box, device_key) is ErrorCode.BUNDLE_TAMPERED


def test_bundle_for_another_server_is_foreign(sealed, device_key) -> None:
    """Another server's box key cannot open it, and says why before trying."""
    other = X25519PrivateKey.generate()
    assert _refusal(sealed, other, device_key) is ErrorCode.BUNDLE_FOREIGN


def test_bundle_signed_by_another_key_is_refused(sealed, server_box) -> None:
    """The device named in the header must have signed it."""
    assert _refusal(sealed, server_box, new_private_key()) is ErrorCode.BUNDLE_BAD_SIGNATURE


def test_edited_header_with_recomputed_checksum_is_a_bad_signature(
    sealed, server_box, device_key
) -> None:
    """Someone who edits the header and fixes the checksum still lacks the device key."""
    header_length = struct.unpack_from(">I", sealed, 10)[0]
    header = json.loads(sealed[14 : 14 + header_length])
    header["station_code"] = "00005"
    new_header = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    rest = sealed[14 + header_length : -96]
    body = sealed[:10] + struct.pack(">I", len(new_header)) + new_header + rest
    forged = body + hashlib.sha256(body).digest() + sealed[-64:]
    assert _refusal(forged, server_box, device_key) is ErrorCode.BUNDLE_BAD_SIGNATURE


def test_unknown_format_version_is_refused(sealed, server_box, device_key) -> None:
    """A newer format is named as such, not as damage."""
    newer = sealed[:8] + struct.pack(">H", 3) + sealed[10:]
    assert _refusal(newer, server_box, device_key) is ErrorCode.BUNDLE_UNSUPPORTED_VERSION


def test_size_limits(sealed, server_box, device_key, monkeypatch, tmp_path) -> None:
    """Oversized files, headers and payloads are refused before they cost memory."""
    huge_header = sealed[:10] + struct.pack(">I", 1 << 30) + sealed[14:]
    assert _refusal(huge_header, server_box, device_key) is ErrorCode.BUNDLE_MALFORMED
    monkeypatch.setattr(bundle, "MAX_PAYLOAD_BYTES", 100)
    assert _refusal(sealed, server_box, device_key) is ErrorCode.BUNDLE_TOO_LARGE
    monkeypatch.setattr(bundle, "MAX_BUNDLE_BYTES", 100)
    assert _refusal(sealed, server_box, device_key) is ErrorCode.BUNDLE_TOO_LARGE
    path = tmp_path / "big.caxbundle"
    path.write_bytes(sealed)
    with pytest.raises(BundleError) as caught:
        read_limited(path, 100, ErrorCode.BUNDLE_TOO_LARGE)
    assert caught.value.code is ErrorCode.BUNDLE_TOO_LARGE
    assert read_limited(path, len(sealed), ErrorCode.BUNDLE_TOO_LARGE) == sealed


def test_key_id_is_the_same_for_every_spelling(server_box) -> None:
    """Base64, raw bytes and key objects name the same key."""
    public = server_box.public_key()
    raw = public.public_bytes(Encoding.Raw, PublicFormat.Raw)
    assert key_id(_box_public(server_box)) == key_id(raw) == key_id(public)
    assert len(key_id(raw)) == 16


# --- Receipts ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server_signing():
    return new_private_key()


def _receipt(**changes) -> BundleReceipt:
    fields = {
        "bundle_id": uuid.uuid4(),
        "bundle_sha256": "cd" * 32,
        "station_code": STATION,
        "device_id": DEVICE,
        "server_key_id": "0" * 16,
        "imported_at": datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        "record_count": 2,
        "stored": 1,
        "duplicate": 0,
        "conflict": 0,
        "rejected": 1,
        "results": [
            RecordResult(index=0, record_id=str(uuid.uuid4()), revision=1, status="stored"),
            RecordResult(
                index=1,
                record_id=None,
                revision=None,
                status=PushStatus.REJECTED,
                code=ErrorCode.RECORD_SCHEMA,
                detail="values: Field required",
            ),
        ],
    }
    fields.update(changes)
    return BundleReceipt(**fields)


def _signed_receipt(server_signing, **changes) -> tuple[BundleReceipt, bytes]:
    receipt = _receipt(server_key_id=key_id(server_signing.public_key()), **changes)
    return receipt, sign_receipt(receipt, server_signing)


def _receipt_refusal(data: bytes, key, station: str = STATION, device=DEVICE) -> ErrorCode:
    with pytest.raises(BundleError) as caught:
        read_receipt(data, public_key_b64(key), station_code=station, device_id=device)
    return caught.value.code


def test_receipt_round_trip(server_signing) -> None:
    """The station reads back exactly what the server signed."""
    receipt, data = _signed_receipt(server_signing)
    read = read_receipt(
        data, public_key_b64(server_signing), station_code=STATION, device_id=str(DEVICE)
    )
    assert read == receipt


def test_receipt_for_another_station_or_device_is_foreign(server_signing) -> None:
    """A genuine receipt addressed to someone else is not applied here."""
    _, data = _signed_receipt(server_signing)
    assert _receipt_refusal(data, server_signing, station="00005") is ErrorCode.RECEIPT_FOREIGN
    other_device = uuid.uuid4()
    assert _receipt_refusal(data, server_signing, device=other_device) is (
        ErrorCode.RECEIPT_FOREIGN
    )
    assert _receipt_refusal(data, new_private_key()) is ErrorCode.RECEIPT_FOREIGN


def test_forged_or_edited_receipt_is_a_bad_signature(server_signing) -> None:
    """Claiming the server's key id without its key, or changing a status, breaks the signature."""
    impostor = new_private_key()
    forged = sign_receipt(_receipt(server_key_id=key_id(server_signing.public_key())), impostor)
    assert _receipt_refusal(forged, server_signing) is ErrorCode.RECEIPT_BAD_SIGNATURE
    _, data = _signed_receipt(server_signing)
    edited = data.replace(b'"rejected"', b'"stored"', 1)
    assert edited != data
    assert _receipt_refusal(edited, server_signing) is ErrorCode.RECEIPT_BAD_SIGNATURE


def test_truncated_unknown_or_oversized_receipt_is_refused(server_signing, monkeypatch) -> None:
    """Cut-off files, other files, newer formats and huge files each get their own code."""
    _, data = _signed_receipt(server_signing)
    for length in (0, 1, len(data) // 2, len(data) - 1):
        assert _receipt_refusal(data[:length], server_signing) is ErrorCode.RECEIPT_MALFORMED
    assert _receipt_refusal(b"[1, 2]", server_signing) is ErrorCode.RECEIPT_MALFORMED
    newer = data.replace(b'"format_version":1', b'"format_version":3', 1)
    assert _receipt_refusal(newer, server_signing) is ErrorCode.RECEIPT_UNSUPPORTED_VERSION
    monkeypatch.setattr(bundle_receipt, "MAX_RECEIPT_BYTES", 10)
    assert _receipt_refusal(data, server_signing) is ErrorCode.RECEIPT_TOO_LARGE
