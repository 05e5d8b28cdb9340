"""Which attachment blobs still go to the centre, and what became of those that went.

A blob is due once the server acknowledged a revision that lists it (the revision goes first,
so the server knows the blob is wanted) and until it is `complete` or `refused` in
`blob_uploads` (migration 0014). Triggers mirror that row into `blobs.settled_at` in the same
statement (migration 0015), so `due` follows only the blobs not yet settled. The bytes are read
through `attachments.read_blob`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

COMPLETE = "complete"
REFUSED = "refused"


@dataclass(frozen=True)
class DueBlob:
    sha256: str
    size: int
    media_type: str


# Only the blobs not yet settled are walked, in the partial index `ix_blobs_unsettled` (its
# WHERE clause repeated, which INDEXED BY requires): skipping the settled ones blob by blob cost
# 27 ms a session at 50,000 sent blobs, growing forever. INDEXED BY because statistics taken
# while `blobs` was small (`Database.optimize`) make SQLite prefer the table. Each is looked up
# through its attachments (by blob) and their record's revisions (by record and revision).
# Written as one join of attachments and outbox, SQLite walked every acknowledged revision of
# the station from the oldest, and a due blob is among the newest: 4 ms a session at 50,000
# revisions, growing with them.
DUE_SQL = (
    "SELECT b.sha256, b.size, b.media_type FROM blobs b INDEXED BY ix_blobs_unsettled "
    "WHERE b.sha256 IS NOT NULL AND b.settled_at IS NULL "
    "AND EXISTS (SELECT 1 FROM attachments a WHERE a.blob_id = b.id AND EXISTS ("
    "  SELECT 1 FROM outbox o WHERE o.record_id = a.record_id "
    "  AND o.revision >= a.added_revision "
    "  AND (a.removed_revision IS NULL OR o.revision < a.removed_revision) "
    "  AND o.state = 'acknowledged')) "
    "ORDER BY b.id"
)


def due(conn: Connection) -> list[DueBlob]:
    """Blobs listed by an acknowledged revision and neither complete nor refused, oldest first."""
    rows = conn.execute(text(DUE_SQL))
    return [DueBlob(str(sha), int(size), str(media)) for sha, size, media in rows]


def mark(
    conn: Connection, sha256: str, state: str, now: str, code: str | None = None, detail: str = ""
) -> None:
    """Record what the centre answered of a blob (`complete`, or `refused` with its code). The
    triggers of migration 0015 settle the blob in this same statement, taking it out of `due`."""
    conn.execute(
        text(
            "INSERT INTO blob_uploads (sha256, state, code, detail, updated_at) "
            "VALUES (:sha, :state, :code, :detail, :now) ON CONFLICT (sha256) DO UPDATE SET "
            "state = excluded.state, code = excluded.code, detail = excluded.detail, "
            "updated_at = excluded.updated_at"
        ),
        dict(sha=sha256, state=state, code=code, detail=detail[:300] or None, now=now),
    )


def state_of(conn: Connection, sha256: str) -> tuple[str, str | None] | None:
    """(state, code) of a blob that went, or None while it is still due (or not yet listed)."""
    row = conn.execute(
        text("SELECT state, code FROM blob_uploads WHERE sha256 = :sha"), dict(sha=sha256)
    ).one_or_none()
    return None if row is None else (str(row[0]), row[1])


def refused(conn: Connection) -> list[tuple[str, str, str | None]]:
    """(sha256, code, detail) of every blob the centre refused for good."""
    rows = conn.execute(
        text(
            "SELECT sha256, code, detail FROM blob_uploads WHERE state = 'refused' "
            "ORDER BY updated_at"
        )
    )
    return [(str(s), str(c), d) for s, c, d in rows]
