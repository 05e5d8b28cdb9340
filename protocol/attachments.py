"""Attachments on the wire: how a revision lists its files, and the chunked blob upload.

A revision names its attachments (`AttachmentRef`) and its content hash covers that list; the
bytes travel separately, after the revision, by content hash (docs/protocol.md, "Attachments"):

    POST /api/v1/blobs/{sha256}            BlobBegin   → BlobStatus  (announce; idempotent)
    GET  /api/v1/blobs/{sha256}                        → BlobStatus  (which chunks are there)
    PUT  /api/v1/blobs/{sha256}/chunks/{n} raw bytes   → BlobStatus  (the same chunk again: no-op)
    POST /api/v1/blobs/{sha256}/complete               → BlobStatus  (server checks size + SHA-256)
    PUT  /api/v1/blobs/{sha256}?media_type=…   raw bytes   → BlobStatus  (a one-chunk blob: all three
                                                                         in one request; version 3)

Every request is signed like a push; a blob belongs to the station that announced it.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field

# Every chunk but the last is exactly this long; the last holds the rest (at least one byte,
# except for an empty blob, which is one empty chunk).
CHUNK_SIZE = 1024 * 1024
# At most this many attachments listed by one revision.
MAX_ATTACHMENTS = 200
# The largest blob any server accepts; each server may set a lower limit.
MAX_BLOB_BYTES = 2 * 1024 * 1024 * 1024

Sha256Hex = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
MediaType = Annotated[
    str, Field(min_length=3, max_length=127, pattern=r"^[a-z0-9.+-]+/[a-z0-9.+-]+$")
]
Name = Annotated[str, Field(min_length=1, max_length=255, pattern=r"^[^\x00/\\]+$")]


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AttachmentRef(_Wire):
    """One file of a revision, as its content hash covers it."""

    sha256: Sha256Hex
    size: int = Field(ge=0, le=MAX_BLOB_BYTES)
    media_type: MediaType
    name: Name
    # The form field it belongs to, or None for the record as a whole.
    field: str | None = Field(default=None, max_length=255, pattern=r"^[^\x00]*$")

    def hashed(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class BlobBegin(_Wire):
    size: int = Field(ge=0, le=MAX_BLOB_BYTES)
    media_type: MediaType


class BlobStatus(_Wire):
    """What the server holds of one blob of the asking station."""

    sha256: Sha256Hex
    size: int = Field(ge=0, le=MAX_BLOB_BYTES)
    media_type: MediaType
    chunks: int = Field(ge=1, description="how many chunks the whole blob has")
    received: list[int] = Field(description="the chunk numbers the server holds, ascending")
    complete: bool


def chunk_count(size: int) -> int:
    """Chunks of a blob of `size` bytes (an empty blob is one empty chunk)."""
    return max(1, -(-size // CHUNK_SIZE))


def chunk_length(size: int, n: int) -> int:
    """The exact length chunk `n` of a blob of `size` bytes must have."""
    return min(CHUNK_SIZE, size - n * CHUNK_SIZE)


def missing_chunks(status: BlobStatus) -> list[int]:
    have = set(status.received)
    return [n for n in range(status.chunks) if n not in have]


def hashed_list(refs: list[AttachmentRef] | None) -> list[dict[str, Any]] | None:
    """The list as the content hash covers it: in the order the revision gives (None if empty)."""
    return [ref.hashed() for ref in refs] if refs else None


def blob_path(sha256: str) -> str:
    return f"/api/v1/blobs/{sha256}"


def chunk_path(sha256: str, n: int) -> str:
    return f"/api/v1/blobs/{sha256}/chunks/{n}"


def complete_path(sha256: str) -> str:
    return f"/api/v1/blobs/{sha256}/complete"


def whole_path(sha256: str, media_type: str) -> str:
    """Where a blob of at most one chunk goes whole; the media type rides in the signed query."""
    return f"/api/v1/blobs/{sha256}?media_type={quote(media_type, safe='')}"
