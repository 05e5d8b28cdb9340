"""Attachments' SQL: content-addressed blobs, whose bytes are sealed files beside the encrypted
database (`blob_files`), and the rows that tie a record's revisions to them.

Why files and not chunks in the database: docs/architecture.md, "Attachments". A blob is written
while its bytes arrive, hashing as it goes; the file is fsynced before its row can commit, its
SHA-256 is set once the last byte is in, and if the same content was stored before, the new copy
is dropped in the same transaction. A station made before kept its bytes in `blob_chunks`:
`move_chunks_to_files` moves them at unlock, and `read_blob` reads a blob not yet moved from there.

The sync reads through `blobs_of_revision` and `read_blob` (docs/architecture.md says what it
will need besides).
"""

from __future__ import annotations

import errno
import hashlib
import logging
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, text

from desktop.core.errors import (
    AppError,
    AttachmentCorrupt,
    AttachmentNotFound,
    AttachmentTooLarge,
    DiskFull,
    FileUnwritable,
)
from desktop.storage.blob_files import CHUNK as CHUNK  # the sync counts its wire chunks in these
from desktop.storage.blob_files import BlobFiles, SealedFileError, SealedWriter, key_id
from desktop.storage.database import NEW_FILES, Database, blob_files_of

log = logging.getLogger("cax.storage")


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
    """Bytes in, in any pieces: hashed, counted against the limit and sealed into the file."""

    def __init__(self, sealed: SealedWriter, limit: int, name: str, limit_mb: int):
        self._sealed, self._limit = sealed, limit
        self._name, self._limit_mb = name, limit_mb
        self._hash = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self._limit:  # a re-saved image may grow past the file limit
            raise AttachmentTooLarge(name=self._name, limit_mb=self._limit_mb)
        self._hash.update(data)
        try:
            self._sealed.write(data)
        except OSError as error:  # the station's disk, not the file being attached
            raise _disk_error(self._sealed.path.parent, error) from error

    def finish(self) -> str:
        try:
            self._sealed.finish()
        except OSError as error:
            raise _disk_error(self._sealed.path.parent, error) from error
        return self._hash.hexdigest()


def _disk_error(folder: object, error: OSError) -> AppError:
    if error.errno == errno.ENOSPC:
        return DiskFull(path=str(folder))
    return FileUnwritable(path=str(folder), reason=error.strerror or str(error))


def begin_blob(conn: Connection, media_type: str, now: str) -> tuple[int, SealedWriter]:
    """A new blob row (no hash yet) and the sealed file that will hold its bytes, inside the
    caller's write transaction; a rollback of that transaction deletes the file
    (`Database.write`), so nothing is left behind but, after a crash, a file no row names,
    which `sweep_files` removes. Fill it with `seal`, then `settle_blob`."""
    files = blob_files_of(conn)
    blob_id = conn.execute(_NEW_BLOB, dict(type=media_type, now=now)).scalar_one()
    try:
        sealed = files.writer(blob_id)
    except OSError as error:
        raise _disk_error(files.folder, error) from error
    conn.info.setdefault(NEW_FILES, []).append(sealed)
    return blob_id, sealed


def seal(
    sealed: SealedWriter,
    produce: Callable[[Callable[[bytes], None]], None],
    *,
    limit: int,
    name: str,
    limit_mb: int,
) -> tuple[str, int]:
    """Write what `produce` writes into the file, hashing as it goes, and fsync it with its
    name: the SHA-256 and the size. It touches no connection, so an attach runs it on a thread
    while the transaction writes the revision's rows; a failure deletes the file."""
    writer = _BlobWriter(sealed, limit, name, limit_mb)
    try:
        produce(writer.write)
        return writer.finish(), writer.size
    except BaseException:
        sealed.discard()
        raise


def settle_blob(
    conn: Connection,
    blob_id: int,
    sealed: SealedWriter,
    digest: tuple[str, int],
    media_type: str,
) -> tuple[int, Blob]:
    """Name the sealed blob by its hash, or, if the same content was stored before, drop the new
    copy and use that one (the same bytes are stored once): the blob's id and description."""
    sha256, size = digest
    existing = conn.execute(_BLOB_BY_HASH, dict(sha=sha256)).one_or_none()
    if existing is not None:
        sealed.discard()
        conn.execute(_DROP_BLOB, dict(id=blob_id))
        return existing[0], Blob(sha256, existing[1], existing[2])
    conn.execute(_NAME_BLOB, dict(sha=sha256, size=size, id=blob_id))
    return blob_id, Blob(sha256, size, media_type)


_NEW_BLOB = text(
    "INSERT INTO blobs (sha256, size, media_type, created_at) "
    "VALUES (NULL, 0, :type, :now) RETURNING id"
)
_BLOB_BY_HASH = text("SELECT id, size, media_type FROM blobs WHERE sha256 = :sha")
_DROP_BLOB = text("DELETE FROM blobs WHERE id = :id")
_NAME_BLOB = text("UPDATE blobs SET sha256 = :sha, size = :size WHERE id = :id")


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
    in memory at a time, so a resumed upload starts where it stopped. Each chunk is
    authenticated before it is given out: a file missing, cut short or altered raises
    ATTACHMENT_CORRUPT naming the hash."""
    row = conn.execute(
        text("SELECT id, size FROM blobs WHERE sha256 = :sha"), dict(sha=sha256)
    ).one_or_none()
    if row is None:
        raise AttachmentNotFound(record="", name=sha256)
    blob_id, size = row
    if _has_chunks(conn, blob_id):  # a station made before files, not moved yet
        yield from _read_chunks(conn, blob_id, start_chunk)
        return
    try:
        yield from blob_files_of(conn).read(blob_id, size, start_chunk)
    except (SealedFileError, OSError) as error:
        # Which check failed (missing, length, frame n): for the error log, not the user.
        log.warning("attachment %s: its file does not open (%s)", sha256[:12], error)
        raise AttachmentCorrupt(sha256=sha256) from error


def _has_chunks(conn: Connection, blob_id: int) -> bool:
    found = conn.execute(
        text("SELECT 1 FROM blob_chunks WHERE blob_id = :b LIMIT 1"), dict(b=blob_id)
    ).first()
    return found is not None


def _read_chunks(conn: Connection, blob_id: int, start_chunk: int) -> Iterator[bytes]:
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


def _chunks_sound(conn: Connection, blob_id: int, sha256: str | None, size: int) -> bool:
    digest, total = hashlib.sha256(), 0
    rows = conn.execute(
        text("SELECT seq, data FROM blob_chunks WHERE blob_id = :b ORDER BY seq"),
        dict(b=blob_id),
    )
    for expected, (seq, chunk) in enumerate(rows):
        if seq != expected:  # a chunk lost from the middle
            return False
        digest.update(chunk)
        total += len(chunk)
    return sha256 is not None and digest.hexdigest() == sha256 and total == size


def _file_sound(files: BlobFiles, blob_id: int, sha256: str | None, size: int) -> bool:
    digest, total = hashlib.sha256(), 0
    try:
        for frame in files.read(blob_id, size):
            digest.update(frame)
            total += len(frame)
    except (SealedFileError, OSError):
        return False
    return sha256 is not None and digest.hexdigest() == sha256 and total == size


def corrupt_blobs(conn: Connection, only: Collection[int] | None = None) -> list[str]:
    """SHA-256 of every blob (or of those whose id is in `only`) whose file is missing, fails to
    authenticate, or does not hold the listed size and hash (or, not moved yet, whose chunks do
    not); and blobs left without a hash, which a finished transaction never leaves."""
    files = blob_files_of(conn)
    moving = set(conn.execute(text("SELECT DISTINCT blob_id FROM blob_chunks")).scalars())
    bad: list[str] = []
    blobs = conn.execute(text("SELECT id, sha256, size FROM blobs ORDER BY id")).all()
    for blob_id, sha256, size in blobs:
        if only is not None and blob_id not in only:
            continue
        if blob_id in moving:
            sound = _chunks_sound(conn, blob_id, sha256, size)
        else:
            sound = _file_sound(files, blob_id, sha256, size)
        if not sound:
            bad.append(sha256 or f"blob {blob_id}")
    return bad


def sweep_files(conn: Connection, old_key: bytes | None = None) -> list[str]:
    """Delete the files a writer never finished (`.part`: a kill or a power cut while writing),
    the files no committed blob names, and those sealed under another data key once the blob's
    file under the current one is there; the names removed. Run inside a write
    transaction, so that no attach is halfway (its file would look like an orphan).

    A blob whose only file is under another key keeps it: with `old_key` (a rotation a crash
    interrupted after the database took the new key) it is sealed anew under the current key
    first; without, `db check` reports it ATTACHMENT_CORRUPT, and the file stays for whoever
    still holds that key."""
    files = blob_files_of(conn)
    removed: list[str] = []
    for name in files.partials():  # under the write lock: no writer is halfway
        files.remove(name)
        removed.append(name)
    found = files.names()
    if not found:
        return removed
    current_key = files.data_key
    current_kid, old_kid = key_id(current_key), key_id(old_key) if old_key else None
    blobs: dict[int, int] = dict(
        conn.execute(text("SELECT id, size FROM blobs WHERE sha256 IS NOT NULL")).all()
    )
    present = {(blob_id, kid) for _, blob_id, kid in found}
    for name, blob_id, kid in found:
        if kid == current_kid and blob_id in blobs:
            continue
        if blob_id in blobs and (blob_id, current_kid) not in present:
            if kid != old_kid or old_key is None:
                continue  # the only copy: kept
            try:
                files.reseal(blob_id, blobs[blob_id], old_key, current_key)
            except SealedFileError:
                continue  # damaged under the old key too: db check reports it
        files.remove(name)
        removed.append(name)
    return removed


def reseal_all(conn: Connection, old_key: bytes, new_key: bytes) -> list[str]:
    """Seal every blob's file anew under `new_key` beside the one under `old_key` (a rotation,
    before the database takes the new key); the hashes of the blobs whose file could not be
    read (missing or damaged: `db check` says ATTACHMENT_CORRUPT of them before and after)."""
    files = blob_files_of(conn)
    moving = set(conn.execute(text("SELECT DISTINCT blob_id FROM blob_chunks")).scalars())
    skipped: list[str] = []
    rows = conn.execute(text("SELECT id, sha256, size FROM blobs WHERE sha256 IS NOT NULL"))
    for blob_id, sha256, size in rows.all():
        if blob_id in moving or files.path(blob_id, new_key).exists():
            continue
        try:
            files.reseal(blob_id, size, old_key, new_key)
        except SealedFileError:
            skipped.append(sha256)
        except OSError as error:
            raise _disk_error(files.folder, error) from error
    return skipped


def move_chunks_to_files(db: Database) -> int:
    """Move a station's blobs from `blob_chunks` (before files) into sealed files, one blob per
    transaction: its file written and fsynced, then its chunks deleted in the transaction that
    commits. A crash between leaves the chunks and a file that the next run writes again. The
    number of blobs moved."""
    moved = 0
    while True:
        with db.write() as conn:
            blob_id = conn.execute(text("SELECT min(blob_id) FROM blob_chunks")).scalar()
            if blob_id is None:
                return moved
            files = blob_files_of(conn)
            try:
                sealed = files.writer(blob_id)
            except OSError as error:
                raise _disk_error(files.folder, error) from error
            conn.info.setdefault(NEW_FILES, []).append(sealed)
            try:
                for chunk in _read_chunks(conn, blob_id, 0):
                    sealed.write(chunk)
                sealed.finish()
            except OSError as error:
                sealed.discard()
                raise _disk_error(files.folder, error) from error
            except BaseException:
                sealed.discard()
                raise
            conn.execute(text("DELETE FROM blob_chunks WHERE blob_id = :b"), dict(b=blob_id))
            moved += 1
