"""Canonical JSON and the content hash of a record revision, byte-for-byte identical on both sides."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

# Deep enough for any real form (sections, repeating groups, lists), shallow enough to walk cheaply.
MAX_VALUE_DEPTH = 16

_encoder = json.JSONEncoder(
    ensure_ascii=False, allow_nan=False, sort_keys=True, separators=(",", ":")
)


def canonical_json(obj: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8, non-ASCII kept as is; NaN and infinities refused."""
    return _encoder.encode(obj).encode("utf-8")


def format_timestamp(value: datetime) -> str:
    """The one timestamp spelling inside hashed content: UTC, microseconds, a trailing `Z`."""
    if value.tzinfo is None:
        raise ValueError("timestamp without a time zone")
    # isoformat is several times faster than strftime, and this runs twice per pushed record.
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


# Floats at or past this size come back from PostgreSQL JSONB as integers: send them as strings.
MAX_FLOAT_MAGNITUDE = 1e15


def values_problem(value: Any, max_depth: int = MAX_VALUE_DEPTH) -> str | None:
    """Why `value` cannot be stored exactly as sent, or None. One pass over the whole tree.

    Refused: nesting deeper than `max_depth` ("depth"), U+0000 in any string ("nul": PostgreSQL
    text cannot hold it), and floats a JSONB round trip would change ("float": -0.0, NaN,
    infinities, magnitudes from 1e15 up).
    """
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return "nul"
        elif isinstance(item, float):
            if (
                item != item
                or abs(item) >= MAX_FLOAT_MAGNITUDE
                or (item == 0 and str(item)[0] == "-")
            ):
                return "float"
        elif isinstance(item, dict | list):
            if depth + 1 > max_depth:
                return "depth"
            if isinstance(item, dict):
                stack.extend((key, depth + 1) for key in item)
                stack.extend((child, depth + 1) for child in item.values())
            else:
                stack.extend((child, depth + 1) for child in item)
    return None


def content_hash_fields(
    *,
    record_id: str,
    revision: int,
    station_code: str,
    form_id: str,
    form_version: int,
    author: str,
    created_at: datetime,
    updated_at: datetime,
    deleted: bool,
    delete_reason: str | None,
    values: dict[str, Any],
) -> str:
    """SHA-256 hex of the canonical JSON of everything that makes up a revision's content.

    Transport details (device sequence number, batch, device) are left out on purpose: the same
    revision sent by another route must hash the same.
    """
    return content_hash_with_values(
        metadata_document(
            record_id=record_id,
            revision=revision,
            station_code=station_code,
            form_id=form_id,
            form_version=form_version,
            author=author,
            created_at=created_at,
            updated_at=updated_at,
            deleted=deleted,
            delete_reason=delete_reason,
        ),
        canonical_json(values),
    )


def metadata_document(
    *,
    record_id: str,
    revision: int,
    station_code: str,
    form_id: str,
    form_version: int,
    author: str,
    created_at: datetime,
    updated_at: datetime,
    deleted: bool,
    delete_reason: str | None,
    attachments: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The hashed fields other than `values`. `attachments` (`protocol.attachments`) is a key
    only when the revision has some, so every revision made before attachments hashes as before."""
    document: dict[str, Any] = {
        "author": author,
        "created_at": format_timestamp(created_at),
        "delete_reason": delete_reason,
        "deleted": deleted,
        "form_id": form_id,
        "form_version": form_version,
        "record_id": record_id.lower(),
        "revision": revision,
        "station_code": station_code,
        "updated_at": format_timestamp(updated_at),
    }
    if attachments:
        document["attachments"] = attachments
    return document


def content_hash_with_values(metadata: dict[str, Any], values_json: bytes) -> str:
    """The hash of `{**metadata, "values": values}` from the values' canonical JSON.

    "values" sorts after every metadata key, so the canonical document is the metadata's with the
    values spliced in before the closing brace: byte-for-byte what `canonical_json` would give,
    and it lets the server reuse the values' encoding instead of making it twice.
    """
    head = canonical_json(metadata)
    return hashlib.sha256(head[:-1] + b',"values":' + values_json + b"}").hexdigest()


def document_hash(document: Any) -> str:
    """SHA-256 hex of a whole document's canonical JSON (a frozen periodic report)."""
    return hashlib.sha256(canonical_json(document)).hexdigest()
