"""The pull feed: what stations must receive, in an order whose cursor only moves forward."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, and_, insert, or_, select, text

from protocol.messages import PullResponse, PullUpdate, UpdateKind
from server.core.sql import as_utc
from server.models import Update

_updates = Update.__table__


def append(
    conn: Connection, kind: UpdateKind, payload: dict[str, Any], station_id: int | None
) -> int:
    """Add an update inside the caller's transaction; `station_id` None means every station.

    On PostgreSQL a sequence hands out numbers in call order but transactions commit in any order,
    so a reader could pass cursor 8 while 7 is still uncommitted and never see 7. Writers therefore
    take a table lock: feed writes are rare administrative acts, and readers are not blocked.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE updates IN SHARE ROW EXCLUSIVE MODE"))
    return conn.execute(
        insert(_updates)
        .values(
            station_id=station_id, kind=kind.value, payload=payload, created_at=datetime.now(UTC)
        )
        .returning(_updates.c.cursor)
    ).scalar_one()


def _for_station_after(station_id: int, cursor: int) -> ColumnElement[bool]:
    """The updates a station's pull after `cursor` receives: its own and every station's."""
    return and_(
        _updates.c.cursor > cursor,
        or_(_updates.c.station_id.is_(None), _updates.c.station_id == station_id),
    )


def waiting(conn: Connection, station_id: int, cursor: int) -> bool:
    """Whether a pull after `cursor` would receive anything now (the answer to a push that
    sent its cursor: told no, the station makes no pull request that session)."""
    found = conn.execute(
        select(_updates.c.cursor).where(_for_station_after(station_id, cursor)).limit(1)
    )
    return found.first() is not None


def pull(engine: Engine, station_id: int, cursor: int, limit: int) -> PullResponse:
    """Updates for this station (and for all stations) after `cursor`, oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(_updates.c.cursor, _updates.c.kind, _updates.c.created_at, _updates.c.payload)
            .where(_for_station_after(station_id, cursor))
            .order_by(_updates.c.cursor)
            .limit(limit + 1)
        ).all()
    page = rows[:limit]
    updates = [
        PullUpdate(
            cursor=r.cursor,
            kind=UpdateKind(r.kind),
            created_at=as_utc(r.created_at),
            payload=r.payload,
        )
        for r in page
    ]
    return PullResponse(
        updates=updates,
        next_cursor=page[-1].cursor if page else cursor,
        has_more=len(rows) > limit,
    )
