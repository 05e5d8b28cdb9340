"""Console sessions: a random token in the browser's cookie, only its SHA-256 in the database."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, delete, insert, select, update

from server.core.sql import as_utc
from server.models import AdminUnit, ConsoleAccount, ConsoleSession, Station

_sessions = ConsoleSession.__table__
_users = ConsoleAccount.__table__
_units = AdminUnit.__table__
_stations = Station.__table__

ABSOLUTE = timedelta(hours=12)  # a signed-in session ends this long after sign-in, active or not
PENDING = timedelta(minutes=10)  # between the password and the second factor
TOUCH_EVERY = timedelta(seconds=30)  # last_seen is written at most this often per session

STAGE_PASSWORD = "password"  # password right, TOTP code still to come
STAGE_ENROL = "enrol"  # password right, TOTP being set up
STAGE_OK = "ok"


@dataclass(frozen=True)
class SessionInfo:
    id: int
    stage: str
    csrf_token: str
    user_id: int
    name: str
    full_name: str
    role: str
    scope_kind: str
    scope_code: str | None
    scope_name: str
    totp_enrolled: bool


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create(conn: Connection, user_id: int, stage: str) -> str:
    """A new session in `stage`; returns the token for the cookie (never stored)."""
    now = datetime.now(UTC)
    conn.execute(delete(_sessions).where(_sessions.c.expires_at < now))
    token = secrets.token_urlsafe(32)
    conn.execute(
        insert(_sessions).values(
            token_hash=token_hash(token),
            user_id=user_id,
            stage=stage,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            last_seen_at=now,
            expires_at=now + (ABSOLUTE if stage == STAGE_OK else PENDING),
        )
    )
    return token


def promote(conn: Connection, session_id: int, stage: str) -> str:
    """Move a session to `stage` under a fresh token and CSRF token (a token seen before the
    second factor never becomes a signed-in one); returns the new token."""
    now = datetime.now(UTC)
    token = secrets.token_urlsafe(32)
    conn.execute(
        update(_sessions)
        .where(_sessions.c.id == session_id)
        .values(
            token_hash=token_hash(token),
            stage=stage,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now,
            last_seen_at=now,
            expires_at=now + (ABSOLUTE if stage == STAGE_OK else PENDING),
        )
    )
    return token


def lookup(engine: Engine, token: str | None, idle: timedelta) -> SessionInfo | None:
    """The live session of `token`, its last-seen time refreshed; None when there is none, it
    expired or sat idle too long (the row is then deleted), or its user was disabled."""
    if not token or len(token) > 200:
        return None
    now = datetime.now(UTC)
    province = _units.alias("province")
    query = (
        select(
            _sessions.c.id,
            _sessions.c.stage,
            _sessions.c.csrf_token,
            _sessions.c.last_seen_at,
            _sessions.c.expires_at,
            _users.c.id.label("user_id"),
            _users.c.name,
            _users.c.full_name,
            _users.c.role,
            _users.c.scope_kind,
            _users.c.scope_code,
            _users.c.disabled_at,
            _users.c.totp_enrolled,
            province.c.name.label("province_name"),
            _stations.c.name.label("station_name"),
        )
        .join(_users, _users.c.id == _sessions.c.user_id)
        .outerjoin(
            province,
            (_users.c.scope_kind == "province")
            & (province.c.code == _users.c.scope_code)
            & (province.c.level == "province"),
        )
        .outerjoin(
            _stations,
            (_users.c.scope_kind == "station") & (_stations.c.code == _users.c.scope_code),
        )
        .where(_sessions.c.token_hash == token_hash(token))
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    last_seen = as_utc(row.last_seen_at)
    if as_utc(row.expires_at) <= now or last_seen + idle <= now or row.disabled_at is not None:
        with engine.begin() as conn:
            conn.execute(delete(_sessions).where(_sessions.c.id == row.id))
        return None
    if now - last_seen >= TOUCH_EVERY:
        with engine.begin() as conn:
            conn.execute(update(_sessions).where(_sessions.c.id == row.id).values(last_seen_at=now))
    scope_name = row.province_name or row.station_name or (row.scope_code or "")
    return SessionInfo(
        id=row.id,
        stage=row.stage,
        csrf_token=row.csrf_token,
        user_id=row.user_id,
        name=row.name,
        full_name=row.full_name,
        role=row.role,
        scope_kind=row.scope_kind,
        scope_code=row.scope_code,
        scope_name=scope_name,
        totp_enrolled=row.totp_enrolled,
    )


def end(conn: Connection, session_id: int) -> None:
    conn.execute(delete(_sessions).where(_sessions.c.id == session_id))


def end_all(conn: Connection, user_id: int, keep: int | None = None) -> None:
    """Sign a user out everywhere (but the session `keep`): after a password change or disable."""
    condition = _sessions.c.user_id == user_id
    if keep is not None:
        condition &= _sessions.c.id != keep
    conn.execute(delete(_sessions).where(condition))
