"""Stations: the police units that own records and devices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError

from protocol.errors import ErrorCode
from server.errors import ServerError
from server.models import Station

_stations = Station.__table__


@dataclass(frozen=True)
class StationRow:
    id: int
    code: str
    name: str


def add_station(engine: Engine, code: str, name: str) -> StationRow:
    code, name = code.strip(), name.strip()
    if not code or len(code) > 32 or not code.replace("-", "").replace("_", "").isalnum():
        raise ServerError(ErrorCode.BAD_ARGUMENT, "station code: 1-32 letters, digits, - or _")
    if not name or len(name) > 200:
        raise ServerError(ErrorCode.BAD_ARGUMENT, "station name: 1-200 characters")
    try:
        with engine.begin() as conn:
            new_id = conn.execute(
                insert(_stations)
                .values(code=code, name=name, created_at=datetime.now(UTC))
                .returning(_stations.c.id)
            ).scalar_one()
    except IntegrityError:
        raise ServerError(ErrorCode.STATION_EXISTS, f"station {code} already exists") from None
    return StationRow(new_id, code, name)


def station_by_code(conn: Connection, code: str) -> StationRow:
    row = conn.execute(
        select(_stations.c.id, _stations.c.code, _stations.c.name).where(_stations.c.code == code)
    ).first()
    if row is None:
        raise ServerError(ErrorCode.STATION_NOT_FOUND, f"no station {code}")
    return StationRow(*row)
