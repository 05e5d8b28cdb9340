"""Ed25519 request signing: what a station signs, the headers it sends, and how the server checks."""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
from collections.abc import Mapping

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from protocol import PROTOCOL_VERSION

HEADER_DEVICE = "X-CAX-Device"
HEADER_TIMESTAMP = "X-CAX-Timestamp"
HEADER_NONCE = "X-CAX-Nonce"
HEADER_SIGNATURE = "X-CAX-Signature"
HEADER_PROTOCOL = "X-CAX-Protocol"
SIGNED_HEADERS = (HEADER_DEVICE, HEADER_TIMESTAMP, HEADER_NONCE, HEADER_SIGNATURE)

# A request is accepted only within this many seconds of server time; the client corrects its own
# clock by the offset it learns from the server (see docs/protocol.md), so this can stay tight.
MAX_CLOCK_SKEW_SECONDS = 300
NONCE_PATTERN = r"^[0-9a-f]{32}$"


def new_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def public_key_b64(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """Standard base64 of the raw 32-byte public key, as sent at enrolment."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return base64.b64encode(public.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode("ascii")


def load_public_key(encoded: str) -> Ed25519PublicKey:
    """Parse a base64 raw public key; ValueError when it is not one."""
    try:
        raw = base64.b64decode(encoded, validate=True)
    except binascii.Error as exc:
        raise ValueError("public key is not base64") from exc
    if len(raw) != 32:
        raise ValueError("public key is not 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def new_nonce() -> str:
    return secrets.token_hex(16)


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def signing_message(
    method: str, path: str, body: bytes, timestamp: int, nonce: str, device_id: str
) -> bytes:
    """The exact bytes signed: one field per line, `path` including its query string as sent."""
    lines = (
        "CAX-REQUEST-1",
        method.upper(),
        path,
        body_digest(body),
        str(timestamp),
        nonce,
        device_id,
    )
    return "\n".join(lines).encode("utf-8")


def sign_request(
    private_key: Ed25519PrivateKey,
    method: str,
    path: str,
    body: bytes,
    timestamp: int,
    nonce: str | None = None,
    *,
    device_id: str,
    protocol: int = PROTOCOL_VERSION,
) -> dict[str, str]:
    """Headers that authenticate one request; `body` is the bytes on the wire (after gzip).
    `protocol`: the version agreed with the server (its health answer's range)."""
    nonce = nonce or new_nonce()
    message = signing_message(method, path, body, timestamp, nonce, device_id)
    signature = base64.b64encode(private_key.sign(message)).decode("ascii")
    return {
        HEADER_DEVICE: device_id,
        HEADER_TIMESTAMP: str(timestamp),
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: signature,
        HEADER_PROTOCOL: str(protocol),
    }


def verify_signature(public_key: Ed25519PublicKey | bytes, message: bytes, signature: str) -> bool:
    """True only for a well-formed, valid signature; never raises on malformed input."""
    try:
        raw_sig = base64.b64decode(signature, validate=True)
        key = (
            Ed25519PublicKey.from_public_bytes(public_key)
            if isinstance(public_key, bytes)
            else public_key
        )
        key.verify(raw_sig, message)
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True


def verify_request(
    public_key: Ed25519PublicKey | bytes,
    method: str,
    path: str,
    body: bytes,
    headers: Mapping[str, str],
) -> bool:
    """Check the signature headers of a request (not its freshness: that needs server state)."""
    try:
        message = signing_message(
            method,
            path,
            body,
            int(headers[HEADER_TIMESTAMP]),
            headers[HEADER_NONCE],
            headers[HEADER_DEVICE],
        )
    except (KeyError, ValueError):
        return False
    return verify_signature(public_key, message, headers[HEADER_SIGNATURE])


def enrolment_message(code: str, public_key: str) -> bytes:
    """What a new device signs to prove it holds the private half of the key it enrols."""
    return f"CAX-ENROL-1\n{code}\n{public_key}".encode()


def enrolment_proof(private_key: Ed25519PrivateKey, code: str) -> str:
    message = enrolment_message(code, public_key_b64(private_key))
    return base64.b64encode(private_key.sign(message)).decode("ascii")


def clock_offset(server_time: float, sent_at: float, received_at: float) -> float:
    """Seconds to add to the local clock, assuming the answer was made half-way through the trip."""
    return server_time - (sent_at + received_at) / 2


# --- Signed answers -------------------------------------------------------------------------------

HEADER_ANSWER_SIGNATURE = "X-CAX-Answer-Signature"


def answer_message(method: str, path: str, request_nonce: str, body: bytes) -> bytes:
    """What the server signs for an answer: bound to the request (its nonce) and to the body."""
    lines = ("CAX-ANSWER-1", method.upper(), path, request_nonce, body_digest(body))
    return "\n".join(lines).encode("utf-8")


def sign_answer(
    private_key: Ed25519PrivateKey, method: str, path: str, request_nonce: str, body: bytes
) -> str:
    message = answer_message(method, path, request_nonce, body)
    return base64.b64encode(private_key.sign(message)).decode("ascii")


def verify_answer(
    public_key: Ed25519PublicKey | str,
    method: str,
    path: str,
    request_nonce: str,
    body: bytes,
    signature: str | None,
) -> bool:
    """True only when `signature` is the server key's (a key object or its base64) over this
    answer to this request; never raises on malformed input."""
    if not signature:
        return False
    try:
        key = load_public_key(public_key) if isinstance(public_key, str) else public_key
    except ValueError:
        return False
    return verify_signature(key, answer_message(method, path, request_nonce, body), signature)
