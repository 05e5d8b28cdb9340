"""Submitted reports on their way to the centre, and the conflicts a supervisor resolves.

A report waits while `reports.sync_pending` is set. When the centre answers `conflict` (it holds
other content under the report's id) the report gets a row in `report_sync_conflicts` with the
centre's hash and is no longer sent at every sync; a supervisor then keeps the centre's copy or
asks for the station's to be sent as a replacement of that hash (migration 0012).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from desktop.storage import report_store
from desktop.storage.report_store import StoredReport


@dataclass(frozen=True)
class ReportToSend:
    """A waiting report, and the centre's hash it replaces when a supervisor asked for that."""

    report: StoredReport
    replaces: str | None = None


@dataclass(frozen=True)
class ReportConflict:
    """A submitted report the centre holds with other content, as the Sync page lists it."""

    report_id: str
    period_code: str
    document_number: str | None
    station_hash: str
    centre_hash: str
    detected_at: str
    replace_requested_at: str | None
    replace_requested_by: str | None


def to_send(conn: Connection) -> list[ReportToSend]:
    """Waiting reports, oldest submission first, without those in an undecided conflict."""
    decisions = {
        row[0]: (row[1], row[2])
        for row in conn.execute(
            text("SELECT report_id, centre_hash, replace_requested_at FROM report_sync_conflicts")
        )
    }
    out = []
    for report in report_store.pending_sync(conn):
        centre_hash, replace = decisions.get(report.id, (None, None))
        if centre_hash is None:
            out.append(ReportToSend(report))
        elif replace is not None:
            out.append(ReportToSend(report, replaces=centre_hash))
    return out


def conflicts(conn: Connection) -> list[ReportConflict]:
    rows = conn.execute(
        text(
            "SELECT c.report_id, r.period_code, r.document_number, r.content_hash, c.centre_hash, "
            "c.detected_at, c.replace_requested_at, c.replace_requested_by "
            "FROM report_sync_conflicts c JOIN reports r ON r.id = c.report_id "
            "ORDER BY c.detected_at, c.report_id"
        )
    )
    return [ReportConflict(*row) for row in rows]


def count_conflicts(conn: Connection) -> int:
    return conn.execute(text("SELECT count(*) FROM report_sync_conflicts")).scalar_one()


def delivered(conn: Connection, report_id: str, now: str) -> None:
    """The centre holds the station's copy (stored, duplicate, or a replacement accepted)."""
    report_store.mark_synced(conn, report_id, now)
    conn.execute(
        text("DELETE FROM report_sync_conflicts WHERE report_id = :id"), dict(id=report_id)
    )


def conflicted(conn: Connection, report_id: str, centre_hash: str, now: str) -> None:
    """The centre holds `centre_hash` under this id: wait for a supervisor's decision. A refused
    replacement (the centre's copy changed meanwhile) comes back here with the new hash."""
    conn.execute(
        text(
            "INSERT INTO report_sync_conflicts (report_id, centre_hash, detected_at) "
            "VALUES (:id, :hash, :now) ON CONFLICT (report_id) DO UPDATE SET "
            "centre_hash = excluded.centre_hash, detected_at = excluded.detected_at, "
            "replace_requested_at = NULL, replace_requested_by = NULL"
        ),
        dict(id=report_id, hash=centre_hash, now=now),
    )


def keep_centre_copy(conn: Connection, report_id: str, now: str) -> bool:
    """The supervisor accepts what the centre holds: nothing more is sent for this report."""
    if not _in_conflict(conn, report_id):
        return False
    delivered(conn, report_id, now)
    return True


def request_replacement(conn: Connection, report_id: str, user: str, now: str) -> bool:
    """The supervisor wants the station's copy at the centre: sent at the next sync, replacing
    exactly the hash the centre answered (if it changed again, it is a new conflict)."""
    updated = conn.execute(
        text(
            "UPDATE report_sync_conflicts SET replace_requested_at = :now, "
            "replace_requested_by = :user WHERE report_id = :id"
        ),
        dict(id=report_id, user=user, now=now),
    )
    return bool(updated.rowcount)


def _in_conflict(conn: Connection, report_id: str) -> bool:
    row = conn.execute(
        text("SELECT 1 FROM report_sync_conflicts WHERE report_id = :id"), dict(id=report_id)
    ).first()
    return row is not None
