"""Request signing: what verifies, and that every signed part is really covered."""

from __future__ import annotations

import pytest

from protocol.signing import (
    HEADER_NONCE,
    HEADER_SIGNATURE,
    HEADER_TIMESTAMP,
    clock_offset,
    load_public_key,
    new_private_key,
    public_key_b64,
    sign_request,
    verify_request,
)

DEVICE = "0190f5a0-0000-7000-8000-0000000000aa"


def _signed() -> tuple[object, dict[str, str]]:
    key = new_private_key()
    headers = sign_request(
        key, "POST", "/api/v1/sync/push", b"body", 1_760_000_000, device_id=DEVICE
    )
    return key.public_key(), headers


def test_signature_verifies() -> None:
    """A request verifies with the signer's public key, as sent."""
    public, headers = _signed()
    assert verify_request(public, "POST", "/api/v1/sync/push", b"body", headers)


@pytest.mark.parametrize(
    ("method", "path", "body", "change"),
    [
        ("GET", "/api/v1/sync/push", b"body", {}),
        ("POST", "/api/v1/sync/pull", b"body", {}),
        ("POST", "/api/v1/sync/push", b"bodY", {}),
        ("POST", "/api/v1/sync/push", b"body", {HEADER_TIMESTAMP: "1760000001"}),
        ("POST", "/api/v1/sync/push", b"body", {HEADER_NONCE: "0" * 32}),
        ("POST", "/api/v1/sync/push", b"body", {HEADER_SIGNATURE: "AAAA"}),
        ("POST", "/api/v1/sync/push", b"body", {HEADER_SIGNATURE: "not base64!"}),
    ],
)
def test_any_change_breaks_the_signature(method: str, path: str, body: bytes, change: dict) -> None:
    """Method, path, body, timestamp, nonce and the signature itself are all covered."""
    public, headers = _signed()
    assert not verify_request(public, method, path, body, {**headers, **change})


def test_other_key_does_not_verify() -> None:
    """Another device's key does not verify this device's request."""
    _, headers = _signed()
    assert not verify_request(
        new_private_key().public_key(), "POST", "/api/v1/sync/push", b"body", headers
    )


def test_public_key_roundtrip_and_garbage() -> None:
    """Base64 raw keys load back; wrong lengths and non-base64 are ValueError."""
    key = new_private_key()
    assert public_key_b64(load_public_key(public_key_b64(key))) == public_key_b64(key)
    for bad in ("", "abc", "!" * 44):
        with pytest.raises(ValueError):
            load_public_key(bad)


def test_clock_offset_from_a_round_trip() -> None:
    """A station 1 hour slow learns +3600 s from one health request."""
    assert clock_offset(
        server_time=10_000.5, sent_at=6_400.0, received_at=6_401.0
    ) == pytest.approx(3600)
