"""Migration 0015 settles the blobs an older station already sent or had refused, so `due`
answers after it what it answered before it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from desktop.storage import blob_uploads, crypto, migrate
from desktop.storage.database import Database

RECORD = "0193a000-0000-7000-8000-0000000000aa"
NOW = "2026-12-01T08:00:00+00:00"
# `due` as it was at 0014: every named blob, skipping those with a row in blob_uploads.
DUE_AT_0014 = (
    "SELECT b.sha256 FROM blobs b WHERE b.sha256 IS NOT NULL "
    "AND NOT EXISTS (SELECT 1 FROM blob_uploads u WHERE u.sha256 = b.sha256) "
    "AND EXISTS (SELECT 1 FROM attachments a WHERE a.blob_id = b.id AND EXISTS ("
    "  SELECT 1 FROM outbox o WHERE o.record_id = a.record_id "
    "  AND o.revision >= a.added_revision "
    "  AND (a.removed_revision IS NULL OR o.revision < a.removed_revision) "
    "  AND o.state = 'acknowledged')) "
    "ORDER BY b.id"
)
# Revision 1 and 2 reached the centre, 3 was quarantined, 4 waits.
OUTBOX = {1: "acknowledged", 2: "acknowledged", 3: "quarantined", 4: "pending"}
# name: (added in, removed in, what the centre said): one blob each, in this order.
BLOBS: dict[str, tuple[int, int | None, str | None]] = {
    "sent": (1, None, "2026-12-01T09:00:00+00:00"),
    "refused": (1, None, "2026-12-01T09:30:00+00:00"),
    "due-old": (1, None, None),
    "removed-after-it-went": (1, 3, None),
    "due-new": (2, None, None),
    "removed-before-it-went": (3, 3, None),
    "quarantined": (3, None, None),
    "waiting": (4, None, None),
}


def _sha(name: str) -> str:
    return name.encode().hex().ljust(64, "0")


def _station_at_0014(conn: Connection) -> None:
    """One record whose revisions list the blobs of BLOBS, some marked in blob_uploads."""
    migrate.upgrade(conn, "0014")
    conn.execute(
        text(
            "INSERT INTO records (id, form_id, form_version, status, revision, author, title, "
            "values_json, columns_json, created_at, updated_at) "
            "VALUES (:id, 'F1', 1, 'completed', 4, 'truong', 'cũ', '{}', '{}', :now, :now)"
        ),
        dict(id=RECORD, now=NOW),
    )
    for revision, state in OUTBOX.items():
        conn.execute(
            text(
                "INSERT INTO outbox (record_id, revision, state, queued_at) "
                "VALUES (:id, :rev, :state, :now)"
            ),
            dict(id=RECORD, rev=revision, state=state, now=NOW),
        )
    conn.execute(  # a blob whose last byte never came: unnamed, never due
        text("INSERT INTO blobs (sha256, size, media_type, created_at) VALUES (NULL, 0, 'x', :n)"),
        dict(n=NOW),
    )
    for name, (added, removed, answered) in BLOBS.items():
        blob_id = conn.execute(
            text(
                "INSERT INTO blobs (sha256, size, media_type, created_at) "
                "VALUES (:sha, 10, 'application/pdf', :now) RETURNING id"
            ),
            dict(sha=_sha(name), now=NOW),
        ).scalar_one()
        removal = dict(rev=removed, at=NOW if removed else None)
        conn.execute(
            text(
                "INSERT INTO attachments (record_id, blob_id, name, added_revision, added_by, "
                "added_at, removed_revision, removed_by, removed_at, removed_reason) VALUES "
                "(:id, :blob, :name, :added, 'truong', :now, :rev, 'truong', :at, 'nhầm')"
            ),
            dict(id=RECORD, blob=blob_id, name=name, added=added, now=NOW) | removal,
        )
        if answered:
            state = blob_uploads.REFUSED if name == "refused" else blob_uploads.COMPLETE
            blob_uploads.mark(conn, _sha(name), state, answered, code=None)


@pytest.fixture
def db(tmp_path: Path):
    database = Database(tmp_path / "station.db", crypto.random_key(), create=True)
    yield database
    database.close()


def test_an_old_station_finds_the_same_blobs_due_after_0015(db):
    """Sent and refused blobs come out settled with the time the centre answered; `due` lists
    after the upgrade exactly what the 0014 query listed before it, oldest first."""
    with db.write() as conn:
        _station_at_0014(conn)
        before = list(conn.execute(text(DUE_AT_0014)).scalars())
    assert before == [_sha("due-old"), _sha("removed-after-it-went"), _sha("due-new")]
    with db.write() as conn:
        assert migrate.upgrade(conn)
    with db.read() as conn:
        assert [b.sha256 for b in blob_uploads.due(conn)] == before
        settled = dict(
            conn.execute(
                text("SELECT sha256, settled_at FROM blobs WHERE settled_at IS NOT NULL")
            ).all()
        )
        indexed = conn.execute(
            text(
                "SELECT count(*) FROM blobs INDEXED BY ix_blobs_unsettled "
                "WHERE sha256 IS NOT NULL AND settled_at IS NULL"
            )
        )
        assert indexed.scalar_one() == len(BLOBS) - 2
    assert settled == {_sha("sent"): BLOBS["sent"][2], _sha("refused"): BLOBS["refused"][2]}


def test_marks_after_the_upgrade_settle_as_the_old_query_skipped(db):
    """After 0015 the triggers keep the column: a blob marked now leaves `due` as it left the
    0014 query, and both still agree."""
    with db.write() as conn:
        _station_at_0014(conn)
        migrate.upgrade(conn)
        blob_uploads.mark(conn, _sha("due-old"), blob_uploads.COMPLETE, NOW)
    with db.read() as conn:
        now_due = [b.sha256 for b in blob_uploads.due(conn)]
        assert now_due == list(conn.execute(text(DUE_AT_0014)).scalars())
    assert now_due == [_sha("removed-after-it-went"), _sha("due-new")]
