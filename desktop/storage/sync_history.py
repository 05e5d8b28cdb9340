"""The sync history: one row per sync session (network, bundle, receipt) with its counts and end."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import Connection, text

# A session left `running` by a process that died is shown as interrupted by the next session.
RUNNING, OK, FAILED, CANCELLED, INTERRUPTED = "running", "ok", "failed", "cancelled", "interrupted"


@dataclass(frozen=True)
class SessionCounts:
    sent: int = 0
    acknowledged: int = 0
    conflicts: int = 0
    quarantined: int = 0
    pulled: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0


@dataclass(frozen=True)
class SyncSession:
    id: int
    kind: str
    started_at: str
    finished_at: str | None
    outcome: str
    started_by: str
    sent: int
    acknowledged: int
    conflicts: int
    quarantined: int
    pulled: int
    bytes_sent: int
    bytes_received: int
    error_code: str | None


_COLUMNS = ", ".join(f.name for f in fields(SyncSession))


def start(conn: Connection, kind: str, started_by: str, now: str) -> int:
    """Open a session row; earlier rows still `running` belonged to a process that died."""
    conn.execute(
        text("UPDATE sync_sessions SET outcome = :o WHERE outcome = :r"),
        dict(o=INTERRUPTED, r=RUNNING),
    )
    return conn.execute(
        text(
            "INSERT INTO sync_sessions (kind, started_at, outcome, started_by) "
            "VALUES (:kind, :now, :running, :by) RETURNING id"
        ),
        dict(kind=kind, now=now, running=RUNNING, by=started_by),
    ).scalar_one()


def finish(
    conn: Connection,
    session_id: int,
    outcome: str,
    counts: SessionCounts,
    now: str,
    error_code: str | None = None,
) -> None:
    values = {f.name: getattr(counts, f.name) for f in fields(SessionCounts)}
    sets = ", ".join(f"{name} = :{name}" for name in values)
    conn.execute(
        text(
            f"UPDATE sync_sessions SET {sets}, outcome = :outcome, finished_at = :now, "
            "error_code = :error WHERE id = :id"
        ),
        dict(values, outcome=outcome, now=now, error=error_code, id=session_id),
    )


def recent(conn: Connection, *, limit: int = 50) -> list[SyncSession]:
    """Newest first."""
    rows = conn.execute(
        text(f"SELECT {_COLUMNS} FROM sync_sessions ORDER BY id DESC LIMIT :limit"),
        dict(limit=limit),
    )
    return [SyncSession(*row) for row in rows]


def last(conn: Connection, *, outcome: str | None = None) -> SyncSession | None:
    where = "WHERE outcome = :outcome" if outcome else ""
    row = conn.execute(
        text(f"SELECT {_COLUMNS} FROM sync_sessions {where} ORDER BY id DESC LIMIT 1"),
        dict(outcome=outcome),
    ).one_or_none()
    return None if row is None else SyncSession(*row)
