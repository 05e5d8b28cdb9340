"""Enrolled devices: listing them and revoking one (which its station also learns by pull)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select, update

from protocol.errors import ErrorCode
from protocol.messages import RevocationPayload, UpdateKind
from server.core.sql import as_utc
from server.errors import ServerError
from server.models import Device, Station
from server.services import feed

_devices = Device.__table__
_stations = Station.__table__


@dataclass(frozen=True)
class DeviceRow:
    id: uuid.UUID
    station_code: str
    name: str
    enrolled_at: datetime
    revoked_at: datetime | None
    last_seen_at: datetime | None


def list_devices(engine: Engine, station_code: str | None = None) -> list[DeviceRow]:
    query = (
        select(
            _devices.c.id,
            _stations.c.code,
            _devices.c.name,
            _devices.c.enrolled_at,
            _devices.c.revoked_at,
            _devices.c.last_seen_at,
        )
        .join(_stations, _stations.c.id == _devices.c.station_id)
        .order_by(_stations.c.code, _devices.c.enrolled_at)
    )
    if station_code:
        query = query.where(_stations.c.code == station_code)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        DeviceRow(
            r[0],
            r[1],
            r[2],
            as_utc(r[3]),
            as_utc(r[4]) if r[4] else None,
            as_utc(r[5]) if r[5] else None,
        )
        for r in rows
    ]


def parse_uuid(raw: str, code: ErrorCode) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ServerError(code, f"{raw} is not an id") from None


def parse_device_id(raw: str) -> uuid.UUID:
    return parse_uuid(raw, ErrorCode.DEVICE_NOT_FOUND)


def revoke_device(engine: Engine, device_id: uuid.UUID, reason: str = "") -> datetime:
    """Revoke now; the device is refused from its next request. Revoking twice keeps the first."""
    with engine.begin() as conn:
        return revoke(conn, device_id, reason)


def revoke(conn: Connection, device_id: uuid.UUID, reason: str = "") -> datetime:
    """`revoke_device` inside the caller's transaction (the console audits it in the same one)."""
    now = datetime.now(UTC)
    row = conn.execute(
        select(_devices.c.station_id, _devices.c.revoked_at).where(_devices.c.id == device_id)
    ).first()
    if row is None:
        raise ServerError(ErrorCode.DEVICE_NOT_FOUND, f"no device {device_id}")
    if row.revoked_at is not None:
        return as_utc(row.revoked_at)
    conn.execute(
        update(_devices)
        .where(_devices.c.id == device_id)
        .values(revoked_at=now, revoke_reason=reason[:500] or None)
    )
    payload = RevocationPayload(device_id=device_id, revoked_at=now, reason=reason[:500])
    feed.append(conn, UpdateKind.REVOCATION, payload.model_dump(mode="json"), row.station_id)
    return now
