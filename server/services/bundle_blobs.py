"""The files a version-2 bundle carries, at the centre: every one read and checked before any is
stored, then stored through the online upload's own steps (`server.services.blobs`: announce,
chunks, complete), so dedup by content hash, the station's scope, the limits, the media types and
the refusal codes are the same as for a network sync (docs/protocol.md, "Offline bundles").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Engine

from protocol.attachments import BlobBegin
from protocol.bundle import SealedBundle
from protocol.bundle_parts import BundledFile
from protocol.bundle_receipt import BlobOutcome
from protocol.errors import ErrorCode
from server.core.config import Settings
from server.errors import ServerError
from server.services import blobs

# Refusals the centre would repeat for these bytes whatever happens: answered in the receipt so
# the station sets the file aside, as the online upload does (desktop/sync/attachments.py).
FINAL = frozenset(
    {
        ErrorCode.BLOB_TOO_LARGE,
        ErrorCode.BLOB_TYPE_REFUSED,
        ErrorCode.BLOB_HASH_MISMATCH,
        ErrorCode.BLOB_CONFLICT,
        ErrorCode.BLOB_CHUNK_INVALID,
    }
)


def check_files(sealed: SealedBundle, box: X25519PrivateKey) -> dict[str, bool]:
    """Read every file once, storing nothing: sha256 → whether its bytes hash to its name. A
    frame that fails its tag, a chunk of the wrong length or a section that ends wrongly refuses
    the whole bundle (BundleError) before anything of it is stored."""
    intact: dict[str, bool] = {}
    for bundled in sealed.files(box):
        bundled.drain()
        intact[bundled.entry.sha256] = intact.get(bundled.entry.sha256, True) and bundled.intact
    return intact


def store_files(
    engine: Engine,
    settings: Settings,
    station_id: int,
    sealed: SealedBundle,
    box: X25519PrivateKey,
    intact: dict[str, bool],
) -> dict[str, BlobOutcome]:
    """Store each checked file for the station; sha256 → what became of it."""
    outcomes: dict[str, BlobOutcome] = {}
    for bundled in sealed.files(box):
        sha256 = bundled.entry.sha256
        if sha256 in outcomes:
            continue
        if not intact.get(sha256, False):  # never becomes a blob: refused as online
            outcomes[sha256] = _refused(sha256, ErrorCode.BLOB_HASH_MISMATCH)
            continue
        try:
            outcomes[sha256] = _store_one(engine, settings, station_id, bundled)
        except ServerError as error:
            if error.code not in FINAL:
                raise
            outcomes[sha256] = _refused(sha256, error.code)
    return outcomes


def _refused(sha256: str, code: ErrorCode) -> BlobOutcome:
    return BlobOutcome(sha256=sha256, complete=False, code=code.value)


def _store_one(
    engine: Engine, settings: Settings, station_id: int, bundled: BundledFile
) -> BlobOutcome:
    """Announce, send the chunks the centre lacks, complete: the online upload's three steps."""
    entry = bundled.entry
    begun = BlobBegin(size=entry.size, media_type=entry.media_type)
    status = blobs.begin(engine, settings, station_id, entry.sha256, begun)
    if not status.complete:
        held = set(status.received)
        for n, chunk in bundled.chunks():
            if n not in held:
                blobs.put_chunk(engine, station_id, entry.sha256, n, chunk)
        blobs.complete(engine, station_id, entry.sha256)
    return BlobOutcome(sha256=entry.sha256, complete=True)


def listed_hashes(records: Sequence[Any]) -> list[str]:
    """The content hashes the bundle's records list, in order, once each (raw records: one that
    is malformed is refused by the push path, not here)."""
    seen: dict[str, None] = {}
    for record in records:
        listed = record.get("attachments") if isinstance(record, dict) else None
        for ref in listed if isinstance(listed, list) else ():
            sha256 = ref.get("sha256") if isinstance(ref, dict) else None
            if isinstance(sha256, str) and len(sha256) == 64:
                seen.setdefault(sha256, None)
    return list(seen)


def receipt_list(
    engine: Engine, station_id: int, records: Sequence[Any], outcomes: dict[str, BlobOutcome]
) -> list[BlobOutcome]:
    """What the receipt says of the files: each one carried, and each other file the records list
    that the centre holds complete already (sent online, or by an earlier bundle)."""
    listed = [h for h in listed_hashes(records) if h not in outcomes]
    with engine.connect() as conn:
        held = blobs.complete_blobs(conn, station_id, set(listed))
    already = [BlobOutcome(sha256=h, complete=True) for h in listed if h in held]
    return [*outcomes.values(), *already]
