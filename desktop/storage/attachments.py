"""Attachments' SQL: content-addressed blobs stored in chunks inside the encrypted database, and
the rows that tie a record's revisions to them.

Why inside the database and not in files beside it: docs/architecture.md, "Attachments". A blob
is written while its bytes arrive, hashing as it goes; its SHA-256 is set once the last chunk is
in, and if the same content was stored before, the new copy is dropped in the same transaction.

The sync reads through `blobs_of_revision` and `read_blob` (docs/architecture.md says what it
will need besides).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, text

from desktop.core.errors import AttachmentNotFound, AttachmentTooLarge

CHUNK = 256 * 1024


@dataclass(frozen=True)
class Blob:
    sha256: str
    size: int
    media_type: str


@dataclass(frozen=True)
class Attachment:
    """One file of a record: current while `removed_revision` is None."""

    name: str
    sha256: str
    size: int
    media_type: str
    field_path: str | None
    added_revision: int
    added_by: str
    added_at: str
    removed_revision: int | None = None
    removed_by: str | None = None
    removed_at: str | None = None
    removed_reason: str | None = None

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]


class _BlobWriter:
    """Chunks in, in order: each piece re-cut to CHUNK bytes, hashed and inserted as it comes."""

    def __init__(self, conn: Connection, blob_id: int, limit: int, name: str, limit_mb: int):
        self._conn, self._id, self._limit = conn, blob_id, limit
        self._name, self._limit_mb = name, limit_mb
        self._hash = hashlib.sha256()
        self._pending = bytearray()
        self.size = self._seq = 0

    def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self._limit:  # a re-saved image may grow past the file limit
            raise AttachmentTooLarge(name=self._name, limit_mb=self._limit_mb)
        self._hash.update(data)
        self._pending += data
        while len(self._pending) >= CHUNK:
            self._insert(bytes(self._pending[:CHUNK]))
            del self._pending[:CHUNK]

    def finish(self) -> str:
        if self._pending or self._seq == 0:
            self._insert(bytes(self._pending))
            self._pending.clear()
        return self._hash.hexdigest()

    def _insert(self, chunk: bytes) -> None:
        self._conn.execute(
            text("INSERT INTO blob_chunks (blob_id, seq, data) VALUES (:b, :s, :d)"),
            dict(b=self._id, s=self._seq, d=chunk),
        )
        self._seq += 1


def store_blob(
    conn: Connection,
    produce: Callable[[Callable[[bytes], None]], None],
    media_type: str,
    now: str,
    *,
    limit: int,
    name: str,
    limit_mb: int,
) -> tuple[int, Blob]:
    """Store what `produce` writes as one blob (or find the same content already stored): its
    id and description. Inside the caller's transaction: a failure leaves nothing behind."""
    blob_id = conn.execute(
        text(
            "INSERT INTO blobs (sha256, size, media_type, created_at) "
            "VALUES (NULL, 0, :type, :now) RETURNING id"
        ),
        dict(type=media_type, now=now),
    ).scalar_one()
    writer = _BlobWriter(conn, blob_id, limit, name, limit_mb)
    produce(writer.write)
    sha256 = writer.finish()
    existing = conn.execute(
        text("SELECT id, size, media_type FROM blobs WHERE sha256 = :sha"), dict(sha=sha256)
    ).one_or_none()
    if existing is not None:  # the same bytes are stored once
        conn.execute(text("DELETE FROM blob_chunks WHERE blob_id = :id"), dict(id=blob_id))
        conn.execute(text("DELETE FROM blobs WHERE id = :id"), dict(id=blob_id))
        return existing[0], Blob(sha256, existing[1], existing[2])
    conn.execute(
        text("UPDATE blobs SET sha256 = :sha, size = :size WHERE id = :id"),
        dict(sha=sha256, size=writer.size, id=blob_id),
    )
    return blob_id, Blob(sha256, writer.size, media_type)


_ATTACHMENT_COLUMNS = (
    "a.name, b.sha256, b.size, b.media_type, a.field_path, a.added_revision, a.added_by, "
    "a.added_at, a.removed_revision, a.removed_by, a.removed_at, a.removed_reason"
)


def current(conn: Connection, record_id: str) -> list[Attachment]:
    """The record's attachments now, in the order they were added."""
    rows = conn.execute(
        text(
            f"SELECT {_ATTACHMENT_COLUMNS} FROM attachments a JOIN blobs b ON b.id = a.blob_id "
            "WHERE a.record_id = :id AND a.removed_at IS NULL ORDER BY a.id"
        ),
        dict(id=record_id),
    )
    return [Attachment(*row) for row in rows]


def history(conn: Connection, record_id: str) -> list[Attachment]:
    """Every attachment the record ever had, removed ones too, in the order they were added."""
    rows = conn.execute(
        text(
            f"SELECT {_ATTACHMENT_COLUMNS} FROM attachments a JOIN blobs b ON b.id = a.blob_id "
            "WHERE a.record_id = :id ORDER BY a.id"
        ),
        dict(id=record_id),
    )
    return [Attachment(*row) for row in rows]


def blobs_of_revision(conn: Connection, record_id: str, revision: int) -> list[Attachment]:
    """The attachments that are part of `revision` of the record (for the sync: what travels
    with that revision). A draft's removals happen within its one revision and leave it."""
    rows = conn.execute(
        text(
            f"SELECT {_ATTACHMENT_COLUMNS} FROM attachments a JOIN blobs b ON b.id = a.blob_id "
            "WHERE a.record_id = :id AND a.added_revision <= :rev "
            "AND (a.removed_revision IS NULL OR a.removed_revision > :rev) ORDER BY a.id"
        ),
        dict(id=record_id, rev=revision),
    )
    return [Attachment(*row) for row in rows]


def record_bytes(conn: Connection, record_id: str) -> int:
    """The stored size of the record's current attachments (one blob counted once)."""
    return conn.execute(
        text(
            "SELECT coalesce(sum(size), 0) FROM blobs WHERE id IN ("
            "SELECT blob_id FROM attachments WHERE record_id = :id AND removed_at IS NULL)"
        ),
        dict(id=record_id),
    ).scalar_one()


def names_in_use(conn: Connection, record_id: str) -> set[str]:
    return set(
        conn.execute(
            text("SELECT name FROM attachments WHERE record_id = :id AND removed_at IS NULL"),
            dict(id=record_id),
        ).scalars()
    )


def add(
    conn: Connection,
    record_id: str,
    blob_id: int,
    name: str,
    field_path: str | None,
    revision: int,
    by: str,
    now: str,
) -> None:
    conn.execute(
        text(
            "INSERT INTO attachments (record_id, blob_id, name, field_path, added_revision, "
            "added_by, added_at) VALUES (:rec, :blob, :name, :field, :rev, :by, :now)"
        ),
        dict(
            rec=record_id, blob=blob_id, name=name, field=field_path, rev=revision, by=by, now=now
        ),
    )


def remove(
    conn: Connection, record_id: str, name: str, revision: int, by: str, now: str, reason: str
) -> Attachment:
    """Mark the current attachment `name` removed as of `revision`; the blob stays (an older
    revision still shows it, and a voided or amended record keeps its history)."""
    found = [a for a in current(conn, record_id) if a.name == name]
    if not found:
        raise AttachmentNotFound(record=record_id, name=name)
    conn.execute(
        text(
            "UPDATE attachments SET removed_revision = :rev, removed_by = :by, removed_at = :now, "
            "removed_reason = :reason WHERE record_id = :id AND name = :name "
            "AND removed_at IS NULL"
        ),
        dict(rev=revision, by=by, now=now, reason=reason, id=record_id, name=name),
    )
    return found[0]


def blob_id_of(conn: Connection, sha256: str) -> int | None:
    return conn.execute(
        text("SELECT id FROM blobs WHERE sha256 = :sha"), dict(sha=sha256)
    ).scalar_one_or_none()


def read_blob(conn: Connection, sha256: str, start_chunk: int = 0) -> Iterator[bytes]:
    """The blob's bytes chunk by chunk (at most CHUNK each) from chunk `start_chunk` — one chunk
    in memory at a time, so a resumed upload starts where it stopped."""
    blob_id = blob_id_of(conn, sha256)
    if blob_id is None:
        raise AttachmentNotFound(record="", name=sha256)
    seq = start_chunk
    while True:
        chunk = conn.execute(
            text("SELECT data FROM blob_chunks WHERE blob_id = :b AND seq = :s"),
            dict(b=blob_id, s=seq),
        ).scalar_one_or_none()
        if chunk is None:
            return
        yield chunk
        seq += 1


def corrupt_blobs(conn: Connection) -> list[str]:
    """SHA-256 of every blob whose chunks (in order, numbered without a gap) do not hash to it;
    and blobs left without a hash, which a finished transaction never leaves."""
    bad: list[str] = []
    blobs = conn.execute(text("SELECT id, sha256, size FROM blobs ORDER BY id")).all()
    for blob_id, sha256, size in blobs:
        digest, total, in_order = hashlib.sha256(), 0, True
        rows = conn.execute(
            text("SELECT seq, data FROM blob_chunks WHERE blob_id = :b ORDER BY seq"),
            dict(b=blob_id),
        )
        for expected, (seq, chunk) in enumerate(rows):
            if seq != expected:  # a chunk lost from the middle
                in_order = False
                break
            digest.update(chunk)
            total += len(chunk)
        if not in_order or sha256 is None or digest.hexdigest() != sha256 or total != size:
            bad.append(sha256 or f"blob {blob_id}")
    return bad
