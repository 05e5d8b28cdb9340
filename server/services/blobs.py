"""Attachment blobs: announced, filled chunk by chunk, checked whole, read back in chunks.

Each blob belongs to the station whose device announced it: every lookup is by (station,
SHA-256), so a station can neither read nor complete another's blob, nor learn it exists. A
chunk is one row; its (blob, number) key makes a chunk sent twice a no-op, which is what lets
a killed upload resume without storing anything twice. Nothing here holds more than one chunk
in memory (docs/protocol.md, "Attachments").
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, func, select, update

from protocol.attachments import (
    BlobBegin,
    BlobStatus,
    chunk_count,
    chunk_length,
)
from protocol.errors import ErrorCode
from protocol.messages import RecordResult, RecordRevision
from server.core.config import Settings
from server.core.sql import insert_ignore
from server.errors import ServerError
from server.models import Blob, BlobChunk, RevisionAttachment

# Shown as thumbnails and inline by the console; anything else is only ever downloaded.
INLINE_IMAGES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})

_blobs = Blob.__table__
_chunks = BlobChunk.__table__
_listed = RevisionAttachment.__table__
# Content hashes asked about in one statement.
_HASHES_PER_QUERY = 5000


@dataclass(frozen=True)
class _Row:
    id: int
    size: int
    media_type: str
    complete: bool


def _find(conn: Connection, station_id: int, sha256: str) -> _Row | None:
    row = conn.execute(
        select(_blobs.c.id, _blobs.c.size, _blobs.c.media_type, _blobs.c.complete).where(
            _blobs.c.station_id == station_id, _blobs.c.sha256 == sha256
        )
    ).one_or_none()
    return None if row is None else _Row(row[0], row[1], row[2], bool(row[3]))


def _require(conn: Connection, station_id: int, sha256: str) -> _Row:
    row = _find(conn, station_id, sha256)
    if row is None:
        raise ServerError(ErrorCode.BLOB_UNKNOWN, "announce the blob first")
    return row


def _status(conn: Connection, sha256: str, row: _Row) -> BlobStatus:
    received = conn.execute(
        select(_chunks.c.seq).where(_chunks.c.blob_id == row.id).order_by(_chunks.c.seq)
    ).scalars()
    return BlobStatus(
        sha256=sha256,
        size=row.size,
        media_type=row.media_type,
        chunks=chunk_count(row.size),
        received=list(received),
        complete=row.complete,
    )


def begin(
    engine: Engine, settings: Settings, station_id: int, sha256: str, announced: BlobBegin
) -> BlobStatus:
    """Announce a blob (or find it announced): its status, so the station sends what is missing."""
    _admissible(settings, announced)
    with engine.begin() as conn:
        return _status(conn, sha256, _announce(conn, station_id, sha256, announced))


def _admissible(settings: Settings, announced: BlobBegin) -> None:
    if announced.size > settings.blob_max_bytes:
        raise ServerError(
            ErrorCode.BLOB_TOO_LARGE, f"blobs are limited to {settings.blob_max_bytes} bytes"
        )
    if announced.media_type not in settings.blob_media_types:
        raise ServerError(ErrorCode.BLOB_TYPE_REFUSED, f"{announced.media_type} is not accepted")


def _announce(conn: Connection, station_id: int, sha256: str, announced: BlobBegin) -> _Row:
    """The station's blob row, made now if new; refused if announced before otherwise."""
    conn.execute(
        insert_ignore(conn, _blobs, ["station_id", "sha256"]).values(
            station_id=station_id,
            sha256=sha256,
            size=announced.size,
            media_type=announced.media_type,
            complete=False,
            created_at=datetime.now(UTC),
        )
    )
    row = _require(conn, station_id, sha256)
    if (row.size, row.media_type) != (announced.size, announced.media_type):
        raise ServerError(
            ErrorCode.BLOB_CONFLICT,
            f"announced before as {row.size} bytes of {row.media_type}",
        )
    return row


def status(engine: Engine, station_id: int, sha256: str) -> BlobStatus:
    with engine.connect() as conn:
        return _status(conn, sha256, _require(conn, station_id, sha256))


def put_chunk(engine: Engine, station_id: int, sha256: str, n: int, data: bytes) -> BlobStatus:
    """Store chunk `n`; a chunk already held (or a blob already complete) is left as it is."""
    with engine.begin() as conn:
        row = _require(conn, station_id, sha256)
        if n >= chunk_count(row.size) or len(data) != chunk_length(row.size, n):
            raise ServerError(
                ErrorCode.BLOB_CHUNK_INVALID,
                f"chunk {n} of a {row.size}-byte blob must hold "
                f"{max(0, chunk_length(row.size, n))} bytes (got {len(data)})",
            )
        if not row.complete:
            conn.execute(
                insert_ignore(conn, _chunks, ["blob_id", "seq"]).values(
                    blob_id=row.id, seq=n, data=data
                )
            )
        return _status(conn, sha256, row)


def complete(engine: Engine, station_id: int, sha256: str) -> BlobStatus:
    """Check the whole blob against its name and size, chunk by chunk; mark it complete. A blob
    whose bytes hash to something else is dropped whole (BLOB_HASH_MISMATCH)."""
    with engine.begin() as conn:
        verdict = _check_whole(conn, station_id, sha256)
    if verdict is None:
        raise ServerError(ErrorCode.BLOB_HASH_MISMATCH, "the chunks do not hash to the name")
    return verdict


def put_whole(
    engine: Engine,
    settings: Settings,
    station_id: int,
    sha256: str,
    announced: BlobBegin,
    data: bytes,
) -> BlobStatus:
    """A blob of one chunk in one request (protocol 3): announced, stored and checked whole in one
    transaction, each step as its own request would do it, so sending it again changes nothing.
    For a small scan this spares two round trips of the three."""
    if chunk_count(announced.size) != 1 or len(data) != announced.size:
        raise ServerError(
            ErrorCode.BLOB_CHUNK_INVALID, f"only a blob of one chunk goes whole (got {len(data)})"
        )
    _admissible(settings, announced)
    with engine.begin() as conn:
        row = _announce(conn, station_id, sha256, announced)
        if not row.complete:
            conn.execute(
                insert_ignore(conn, _chunks, ["blob_id", "seq"]).values(
                    blob_id=row.id, seq=0, data=data
                )
            )
        verdict = _check_whole(conn, station_id, sha256)
    if verdict is None:
        raise ServerError(ErrorCode.BLOB_HASH_MISMATCH, "the bytes do not hash to the name")
    return verdict


def _check_whole(conn: Connection, station_id: int, sha256: str) -> BlobStatus | None:
    """The completed blob's status, or None when its bytes were wrong (and are dropped now)."""
    row = _require(conn, station_id, sha256)
    if row.complete:
        return _status(conn, sha256, row)
    held = conn.execute(
        select(func.count()).select_from(_chunks).where(_chunks.c.blob_id == row.id)
    ).scalar_one()
    if held != chunk_count(row.size):
        raise ServerError(
            ErrorCode.BLOB_INCOMPLETE, f"{chunk_count(row.size) - held} chunks missing"
        )
    digest, total = hashlib.sha256(), 0
    for chunk in _each_chunk(conn, row.id):
        digest.update(chunk)
        total += len(chunk)
    if total != row.size or digest.hexdigest() != sha256:
        conn.execute(delete(_chunks).where(_chunks.c.blob_id == row.id))
        conn.execute(delete(_blobs).where(_blobs.c.id == row.id))
        return None
    conn.execute(
        update(_blobs)
        .where(_blobs.c.id == row.id)
        .values(complete=True, completed_at=datetime.now(UTC))
    )
    return _status(conn, sha256, _Row(row.id, row.size, row.media_type, True))


def _each_chunk(conn: Connection, blob_id: int) -> Iterator[bytes]:
    """The chunks in order, one query each: never more than one chunk in memory."""
    seq = 0
    while True:
        data = conn.execute(
            select(_chunks.c.data).where(_chunks.c.blob_id == blob_id, _chunks.c.seq == seq)
        ).scalar_one_or_none()
        if data is None:
            return
        yield bytes(data)
        seq += 1


def complete_blobs(conn: Connection, station_id: int, hashes: set[str]) -> set[str]:
    """Which of `hashes` the station's complete blobs include."""
    wanted = sorted(hashes)
    held: set[str] = set()
    # In slices: one statement binds at most 65,535 values on PostgreSQL (32,766 on SQLite), and
    # one push or bundle may list more files than that.
    for start in range(0, len(wanted), _HASHES_PER_QUERY):
        rows = conn.execute(
            select(_blobs.c.sha256).where(
                _blobs.c.station_id == station_id,
                _blobs.c.sha256.in_(wanted[start : start + _HASHES_PER_QUERY]),
                _blobs.c.complete.is_(True),
            )
        ).scalars()
        held.update(rows)
    return held


def mark_attachments(
    conn: Connection,
    station_id: int,
    results: dict[int, RecordResult],
    candidates: list[tuple[int, RecordRevision]],
) -> None:
    """Say in the receipt of each accepted revision that lists attachments whether the server
    holds all their bytes yet (the blob upload follows the push, so usually not at first)."""
    listing = [(i, r) for i, r in candidates if r.attachments and results[i].code is None]
    wanted = {ref.sha256 for _, r in listing for ref in r.attachments or ()}
    held = complete_blobs(conn, station_id, wanted)
    for index, record in listing:
        complete = all(ref.sha256 in held for ref in record.attachments or ())
        results[index] = results[index].model_copy(update={"attachments_complete": complete})


def record_lists(
    conn: Connection, station_id: int, stored: list[tuple[int, RecordRevision]]
) -> None:
    """Keep the attachment list of each revision just stored (ignored if already kept)."""
    rows = [
        {
            "record_id": record.record_id,
            "revision": record.revision,
            "position": position,
            "station_id": station_id,
            "sha256": ref.sha256,
            "size": ref.size,
            "media_type": ref.media_type,
            "name": ref.name,
            "field_path": ref.field,
        }
        for _, record in stored
        for position, ref in enumerate(record.attachments or ())
    ]
    if rows:
        conn.execute(insert_ignore(conn, _listed, ["record_id", "revision", "position"]), rows)


@dataclass(frozen=True)
class Listed:
    """One file of a stored revision, and whether the server holds its bytes."""

    sha256: str
    size: int
    media_type: str
    name: str
    field_path: str | None
    complete: bool

    @property
    def is_image(self) -> bool:
        """A raster image a browser may show inline (never SVG: it can carry scripts)."""
        return self.media_type in INLINE_IMAGES


def of_revision(conn: Connection, record_id: uuid.UUID, revision: int) -> list[Listed]:
    """The files `revision` of the record lists, in order, each marked complete or not."""
    complete = (
        select(_blobs.c.complete)
        .where(_blobs.c.station_id == _listed.c.station_id, _blobs.c.sha256 == _listed.c.sha256)
        .scalar_subquery()
    )
    rows = conn.execute(
        select(
            _listed.c.sha256,
            _listed.c.size,
            _listed.c.media_type,
            _listed.c.name,
            _listed.c.field_path,
            complete,
        )
        .where(_listed.c.record_id == record_id, _listed.c.revision == revision)
        .order_by(_listed.c.position)
    ).all()
    return [Listed(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows]


def listed_file(conn: Connection, record_id: uuid.UUID, sha256: str) -> tuple[int, Listed] | None:
    """(owning station, the file) when some revision of the record lists `sha256`: the console
    serves only such files, and from the blobs of the station that pushed the record."""
    row = conn.execute(
        select(_listed.c.station_id, _listed.c.revision)
        .where(_listed.c.record_id == record_id, _listed.c.sha256 == sha256)
        .order_by(_listed.c.revision.desc())
        .limit(1)
    ).one_or_none()
    if row is None:
        return None
    found = [f for f in of_revision(conn, record_id, row[1]) if f.sha256 == sha256]
    return int(row[0]), found[0]


def read(engine: Engine, station_id: int, sha256: str) -> Iterator[bytes]:
    """A complete blob's bytes, chunk by chunk (for the console's download)."""
    with engine.connect() as conn:
        row = _find(conn, station_id, sha256)
        if row is None or not row.complete:
            raise ServerError(ErrorCode.NOT_FOUND, "no such attachment")
        yield from _each_chunk(conn, row.id)


class FileExport:
    """`cax-server records export --with-attachments DIR`: each revision's attachment list, and
    each complete file written once to DIR as `<sha256>` (streamed, one chunk in memory).

    The lists are read before the rows are streamed and the files written after, so the export
    never holds two connections at once (SQLite would see a lock)."""

    def __init__(self, engine: Engine, directory: Path) -> None:
        self.engine, self.directory = engine, directory
        self.wanted: set[tuple[int, str]] = set()
        self.lists: dict[tuple[str, int], list[tuple[int, Listed]]] = {}
        complete = (
            select(_blobs.c.complete)
            .where(_blobs.c.station_id == _listed.c.station_id, _blobs.c.sha256 == _listed.c.sha256)
            .scalar_subquery()
        )
        query = select(
            _listed.c.record_id,
            _listed.c.revision,
            _listed.c.station_id,
            _listed.c.sha256,
            _listed.c.size,
            _listed.c.media_type,
            _listed.c.name,
            _listed.c.field_path,
            complete,
        ).order_by(_listed.c.record_id, _listed.c.revision, _listed.c.position)
        with engine.connect() as conn:
            for r in conn.execute(query):
                file = Listed(r[3], r[4], r[5], r[6], r[7], bool(r[8]))
                self.lists.setdefault((str(r[0]), r[1]), []).append((r[2], file))

    def of(self, record_id: str, revision: int) -> list[dict[str, object]]:
        listed: list[dict[str, object]] = []
        for station_id, f in self.lists.get((record_id, revision), []):
            if f.complete:
                self.wanted.add((station_id, f.sha256))
            listed.append(
                {
                    "sha256": f.sha256,
                    "size": f.size,
                    "media_type": f.media_type,
                    "name": f.name,
                    "field": f.field_path,
                    "file": f.sha256 if f.complete else None,
                }
            )
        return listed

    def write_files(self) -> int:
        """Write every complete file the exported rows named; returns how many."""
        self.directory.mkdir(parents=True, exist_ok=True)
        for station_id, sha256 in sorted(self.wanted):
            partial = self.directory / f"{sha256}.part"
            with partial.open("wb") as out:
                for chunk in read(self.engine, station_id, sha256):
                    out.write(chunk)
            partial.replace(self.directory / sha256)
        return len(self.wanted)
