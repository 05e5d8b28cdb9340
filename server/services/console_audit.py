"""The console's audit log: every console action, hash-chained so an edit or removal shows."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text

from server.core.sql import as_utc
from server.models import ConsoleAuditEntry

_audit = ConsoleAuditEntry.__table__
GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    actor: str
    action: str
    target: str
    details: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class Verification:
    """`broken_seq` is None when the chain is intact; otherwise the first entry that is wrong."""

    count: int
    broken_seq: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_seq is None


def entry_hash(
    seq: int, at: datetime, actor: str, action: str, target: str, details: Any, prev: str
) -> str:
    at_text = as_utc(at).isoformat(timespec="microseconds")
    body = json.dumps(
        [seq, at_text, actor, action, target, details, prev],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append(conn: Connection, actor: str, action: str, target: str, details: dict) -> int:
    """Add an entry inside the caller's transaction and return its number.

    Writers serialise on the table (PostgreSQL) or the database (SQLite's BEGIN IMMEDIATE), so
    two workers never chain onto the same head."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE console_audit IN SHARE ROW EXCLUSIVE MODE"))
    head = conn.execute(
        select(_audit.c.seq, _audit.c.hash).order_by(_audit.c.seq.desc()).limit(1)
    ).first()
    seq, prev = (head.seq + 1, head.hash) if head else (1, GENESIS)
    # Microseconds survive both databases; anything finer would not and break the hash.
    at = datetime.now(UTC)
    details = json.loads(json.dumps(details, ensure_ascii=False, default=str))
    conn.execute(
        insert(_audit).values(
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            target=target,
            details=details,
            prev_hash=prev,
            hash=entry_hash(seq, at, actor, action, target, details, prev),
        )
    )
    return seq


def verify(engine: Engine) -> Verification:
    """Walk the chain from entry 1; name the first entry altered, removed or reordered."""
    expected_seq, prev, count = 1, GENESIS, 0
    with engine.connect() as conn:
        rows = conn.execute(select(_audit).order_by(_audit.c.seq)).yield_per(1000)
        for row in rows:
            count += 1
            if row.seq != expected_seq:
                return Verification(count, expected_seq, "missing")
            if row.prev_hash != prev:
                return Verification(count, row.seq, "chain")
            recomputed = entry_hash(
                row.seq, row.at, row.actor, row.action, row.target, row.details, row.prev_hash
            )
            if recomputed != row.hash:
                return Verification(count, row.seq, "altered")
            expected_seq, prev = row.seq + 1, row.hash
    return Verification(count)


def day_start(day: date, tz_offset_hours: int = 7) -> datetime:
    """00:00 of `day` in Vietnam, as a UTC instant (no daylight saving there)."""
    local = datetime.combine(day, time.min) - timedelta(hours=tz_offset_hours)
    return local.replace(tzinfo=UTC)


def list_entries(
    engine: Engine,
    *,
    actor: str | None = None,
    action: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = 200,
    offset: int = 0,
) -> tuple[list[AuditEntry], int]:
    """Entries newest first matching every filter given, and how many match in all."""
    conditions = []
    if actor:
        conditions.append(_audit.c.actor == actor)
    if action:
        conditions.append(_audit.c.action == action)
    if date_from:
        conditions.append(_audit.c.at >= day_start(date_from))
    if date_to:
        conditions.append(_audit.c.at < day_start(date_to + timedelta(days=1)))
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(_audit).where(*conditions)).scalar()
        rows = conn.execute(
            select(_audit)
            .where(*conditions)
            .order_by(_audit.c.seq.desc())
            .limit(limit)
            .offset(offset)
        ).all()
    entries = [
        AuditEntry(r.seq, as_utc(r.at), r.actor, r.action, r.target, r.details, r.prev_hash, r.hash)
        for r in rows
    ]
    return entries, int(total or 0)


def actions(engine: Engine) -> list[str]:
    """The distinct actions written so far, for the filter's choice list."""
    with engine.connect() as conn:
        return list(
            conn.execute(select(_audit.c.action).distinct().order_by(_audit.c.action)).scalars()
        )
