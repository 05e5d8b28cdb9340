"""The attachments phase of a sync: after the revisions went, send the bytes of every blob they
list, in 1 MiB chunks, resuming from what the server already holds.

Each blob is announced first; the answer lists the chunks the server holds, so a sync killed
mid-upload costs at most the chunk that was on the wire (the server ignores a chunk it has).
The server then checks the whole blob's SHA-256 and size; only then is it marked complete here,
in the session's next write (`SessionLedger.defer`) while the blobs so marked total at most
`DEFER_BYTES`: a crash before that write costs those blobs announced (or, for one chunk, sent)
again, which the server answers as it did; a larger blob is marked in a commit of its own.
A refusal the server will repeat (size, media type, bytes that do not hash to the name) is set
aside with its code and never offered again; anything else fails the sync like a push failure,
and the next sync picks up where this one stopped (docs/sync.md, "Attachments").
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from desktop.core.errors import ServerRefused
from desktop.storage import attachments, blob_uploads
from desktop.storage.blob_uploads import DueBlob
from desktop.storage.database import Database
from desktop.sync.client import SyncClient
from desktop.sync.ledger import SessionLedger
from desktop.sync.report import SyncProgress
from protocol import WHOLE_BLOB_VERSION
from protocol.attachments import CHUNK_SIZE, BlobBegin, chunk_count, missing_chunks
from protocol.errors import ErrorCode

log = logging.getLogger("cax.sync")
ATTACHMENTS = "attachments"
# The station stores blobs in smaller chunks than the wire's; one wire chunk is this many.
_PER_WIRE_CHUNK = CHUNK_SIZE // attachments.CHUNK
assert _PER_WIRE_CHUNK * attachments.CHUNK == CHUNK_SIZE, "wire chunks must be whole station chunks"
# Refusals the server will give again whatever the station does: set aside for good.
FINAL = frozenset(
    str(code)
    for code in (
        ErrorCode.BLOB_TOO_LARGE,
        ErrorCode.BLOB_TYPE_REFUSED,
        ErrorCode.BLOB_HASH_MISMATCH,
        ErrorCode.BLOB_CONFLICT,
        ErrorCode.BLOB_CHUNK_INVALID,
    )
)
# Blobs marked complete may wait for the session's next write while they total at most this:
# what a crash can make the next sync send again (4 one-chunk blobs, or announce them again).
DEFER_BYTES = 4 * CHUNK_SIZE


@dataclass
class BlobTally:
    completed: int = 0
    refused: int = 0
    chunks_sent: int = 0
    unmarked_bytes: int = 0  # of the blobs whose complete mark waits for the next write


def wire_chunk(db: Database, sha256: str, n: int) -> bytes:
    """Chunk `n` of the blob as the wire cuts it (at most CHUNK_SIZE bytes, 1 MiB in memory)."""
    pieces = bytearray()
    with db.read() as conn:
        for piece in attachments.read_blob(conn, sha256, n * _PER_WIRE_CHUNK):
            pieces += piece
            if len(pieces) >= CHUNK_SIZE:
                break
    return bytes(pieces)


def upload_attachments(
    ledger: SessionLedger,
    client: SyncClient,
    now: Callable[[], str],
    progress: Callable[[SyncProgress], None],
    cancel: threading.Event,
) -> BlobTally:
    """Send every due blob; raises ServerUnreachable/Unavailable/Refused like the push does."""
    tally = BlobTally()
    db = ledger.db
    with db.read() as conn:
        due = blob_uploads.due(conn)
    total = sum(chunk_count(blob.size) for blob in due)
    done = 0
    for blob in due:
        if cancel.is_set():
            break
        done = _upload_one(ledger, client, blob, now, cancel, tally, progress, (done, total))
    return tally


def _upload_one(
    ledger: SessionLedger,
    client: SyncClient,
    blob: DueBlob,
    now: Callable[[], str],
    cancel: threading.Event,
    tally: BlobTally,
    progress: Callable[[SyncProgress], None],
    position: tuple[int, int],
) -> int:
    """Upload one blob from where the server stopped; returns the chunks counted done so far."""
    done, total = position
    db = ledger.db
    try:
        if chunk_count(blob.size) == 1 and client.protocol >= WHOLE_BLOB_VERSION:
            # One request instead of three: for a small scan the round trips cost more than
            # the bytes. Sent again after a failure, it changes nothing on the server.
            client.blob_whole(blob.sha256, blob.media_type, wire_chunk(db, blob.sha256, 0))
            tally.chunks_sent += 1
            done += 1
            progress(
                SyncProgress(ATTACHMENTS, done, total, client.bytes_sent, client.bytes_received)
            )
        else:
            done, sent_all = _upload_chunks(db, client, blob, cancel, tally, progress, position)
            if not sent_all:  # cancelled: the next sync resumes from what the server holds
                return done
            client.blob_complete(blob.sha256)
    except ServerRefused as refusal:
        code = str(refusal.params.get("server_code"))
        if code not in FINAL:
            raise
        log.warning("attachment %s refused by the centre: %s", blob.sha256[:12], code)
        with ledger.write() as conn:
            blob_uploads.mark(conn, blob.sha256, blob_uploads.REFUSED, now(), code)
        tally.refused += 1
        return done
    at = now()
    ledger.defer(lambda conn: blob_uploads.mark(conn, blob.sha256, blob_uploads.COMPLETE, at))
    tally.completed += 1
    tally.unmarked_bytes += blob.size
    if tally.unmarked_bytes > DEFER_BYTES:
        ledger.flush()
        tally.unmarked_bytes = 0
    return done


def _upload_chunks(
    db: Database,
    client: SyncClient,
    blob: DueBlob,
    cancel: threading.Event,
    tally: BlobTally,
    progress: Callable[[SyncProgress], None],
    position: tuple[int, int],
) -> tuple[int, bool]:
    """Announce the blob and send the chunks the server lacks: the chunks done so far, and
    whether every one went (not when cancelled)."""
    done, total = position
    status = client.blob_begin(blob.sha256, BlobBegin(size=blob.size, media_type=blob.media_type))
    done += len(status.received)
    # Said before the first chunk goes: where the upload stands when this sync takes it up.
    progress(SyncProgress(ATTACHMENTS, done, total, client.bytes_sent, client.bytes_received))
    missing = missing_chunks(status)
    # The next chunk is read and decrypted while this one is on the wire (SQLCipher and the
    # socket both let go of the GIL): at most two chunks, 2 MiB, are in memory.
    with ThreadPoolExecutor(1, thread_name_prefix="cax-blob-read") as reader:
        following = reader.submit(wire_chunk, db, blob.sha256, missing[0]) if missing else None
        for i, n in enumerate(missing):
            if cancel.is_set():
                return done, False
            assert following is not None  # one is always read ahead while chunks remain
            data = following.result()
            following = (
                reader.submit(wire_chunk, db, blob.sha256, missing[i + 1])
                if i + 1 < len(missing)
                else None
            )
            client.blob_chunk(blob.sha256, n, data)
            tally.chunks_sent += 1
            done += 1
            progress(
                SyncProgress(ATTACHMENTS, done, total, client.bytes_sent, client.bytes_received)
            )
    return done, True
