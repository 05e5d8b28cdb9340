"""The server-signed receipt of an imported offline bundle: one status per record, as in a push,
and (format 2) what became of the files the bundle's records list.

A receipt file is canonical JSON `{"format": "cax-receipt", "format_version": 1, "receipt": {…},
"signature": "<base64>"}`; the signature is Ed25519 by the server's `server_signing_key` over
"CAX-RECEIPT-1\\n" + the canonical JSON of `receipt`. The station trusts only that key (learnt at
enrolment) and only receipts naming its own station and device. Format 2 (the answer to a
version-2 bundle) adds `receipt.blobs`; a version-1 bundle still gets a format-1 receipt.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import AwareDatetime, Field, ValidationError

from protocol.bundle import BundleError, KeyId, key_id, strict_json
from protocol.canonical import canonical_json
from protocol.errors import ErrorCode
from protocol.messages import RecordResult, Sha256Hex, StationCode, WireModel
from protocol.signing import load_public_key

RECEIPT_FORMAT = "cax-receipt"
RECEIPT_FORMAT_VERSION = 2
SUPPORTED_RECEIPT_VERSIONS = frozenset({1, 2})
RECEIPT_SIGNATURE_CONTEXT = b"CAX-RECEIPT-1\n"
# ~120 bytes a result: room for the largest bundle's answer.
MAX_RECEIPT_BYTES = 64 * 1024 * 1024


class BlobOutcome(WireModel):
    """One file a bundle's records list: complete at the centre, or refused for good (`code`,
    as the online upload would have been refused)."""

    sha256: Sha256Hex
    complete: bool
    code: str | None = Field(default=None, max_length=64, pattern=r"^[A-Z_]+$")


class BundleReceipt(WireModel):
    """What the server did with each record of one bundle (`results[i]` answers `records[i]`)."""

    bundle_id: uuid.UUID
    bundle_sha256: Sha256Hex
    station_code: StationCode
    device_id: uuid.UUID
    server_key_id: KeyId
    imported_at: AwareDatetime
    record_count: int = Field(ge=0)
    stored: int = Field(ge=0)
    duplicate: int = Field(ge=0)
    conflict: int = Field(ge=0)
    rejected: int = Field(ge=0)
    results: list[RecordResult]
    # Format 2: the files now complete at the centre, and those it refused (None: format 1).
    blobs: list[BlobOutcome] | None = None


def sign_receipt(receipt: BundleReceipt, server_signing_key: Ed25519PrivateKey) -> bytes:
    """The receipt file's bytes."""
    body = receipt.model_dump(mode="json")
    if body["blobs"] is None:  # what a station that reads only format 1 expects
        del body["blobs"]
    signature = server_signing_key.sign(RECEIPT_SIGNATURE_CONTEXT + canonical_json(body))
    return canonical_json(
        {
            "format": RECEIPT_FORMAT,
            "format_version": 1 if receipt.blobs is None else RECEIPT_FORMAT_VERSION,
            "receipt": body,
            "signature": base64.b64encode(signature).decode("ascii"),
        }
    )


def _malformed(detail: str) -> BundleError:
    return BundleError(ErrorCode.RECEIPT_MALFORMED, detail)


def _envelope(data: bytes) -> dict[str, Any]:
    if len(data) > MAX_RECEIPT_BYTES:
        raise BundleError(ErrorCode.RECEIPT_TOO_LARGE, f"file over {MAX_RECEIPT_BYTES} bytes")
    document = strict_json(data, ErrorCode.RECEIPT_MALFORMED)
    if not isinstance(document, dict) or document.get("format") != RECEIPT_FORMAT:
        raise _malformed("not a CAX bundle receipt")
    version = document.get("format_version")
    if version not in SUPPORTED_RECEIPT_VERSIONS or isinstance(version, bool):
        raise BundleError(
            ErrorCode.RECEIPT_UNSUPPORTED_VERSION,
            f"receipt format {version!r}; this program reads {sorted(SUPPORTED_RECEIPT_VERSIONS)}",
        )
    if set(document) != {"format", "format_version", "receipt", "signature"}:
        raise _malformed("unexpected or missing fields")
    if not isinstance(document["receipt"], dict) or not isinstance(document["signature"], str):
        raise _malformed("receipt or signature has the wrong type")
    return document


def read_receipt(
    data: bytes,
    server_signing_key: str | Ed25519PublicKey,
    *,
    station_code: str,
    device_id: str | uuid.UUID,
) -> BundleReceipt:
    """A receipt checked to be signed by this server's key and addressed to this station and device.

    Refusals: RECEIPT_TOO_LARGE, RECEIPT_MALFORMED (also a cut-off file), RECEIPT_UNSUPPORTED_VERSION,
    RECEIPT_FOREIGN (another server, station or device), RECEIPT_BAD_SIGNATURE (forged or edited).
    """
    document = _envelope(data)
    body = document["receipt"]
    key = (
        load_public_key(server_signing_key)
        if isinstance(server_signing_key, str)
        else (server_signing_key)
    )
    if body.get("server_key_id") != key_id(key):
        raise BundleError(ErrorCode.RECEIPT_FOREIGN, "signed by another server")
    try:
        signature = base64.b64decode(document["signature"], validate=True)
        key.verify(signature, RECEIPT_SIGNATURE_CONTEXT + canonical_json(body))
    except (InvalidSignature, binascii.Error, ValueError):
        raise BundleError(ErrorCode.RECEIPT_BAD_SIGNATURE, "the signature does not match") from None
    try:
        receipt = BundleReceipt.model_validate(body)
    except ValidationError:
        raise _malformed("the receipt fields are malformed") from None
    if receipt.station_code != station_code or receipt.device_id != uuid.UUID(str(device_id)):
        raise BundleError(
            ErrorCode.RECEIPT_FOREIGN,
            f"for station {receipt.station_code} device {receipt.device_id}",
        )
    return receipt
