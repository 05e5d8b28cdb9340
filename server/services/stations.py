"""Stations: the police units that own records and devices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import IntegrityError

from domain.reference import UNITS_WITHOUT_POLICE
from protocol.errors import ErrorCode
from server.errors import ServerError
from server.models import Station
from server.services import units

_stations = Station.__table__


@dataclass(frozen=True)
class StationRow:
    id: int
    code: str
    name: str


def default_name(unit_name: str) -> str:
    """ "Phường Ba Đình" → "Công an phường Ba Đình": a station is the police of its unit."""
    return f"Công an {unit_name[:1].lower()}{unit_name[1:]}"


def add_station(engine: Engine, code: str, name: str | None = None) -> StationRow:
    """A station for one of the registered communes; its name defaults to the unit's."""
    code, name = code.strip(), (name or "").strip()
    if "\x00" in name or len(name) > 200:
        raise ServerError(ErrorCode.BAD_ARGUMENT, "station name: at most 200 characters")
    try:
        with engine.begin() as conn:
            found = units.unit(conn, code)
            if found is None or found.level != "commune":
                raise ServerError(
                    ErrorCode.UNKNOWN_UNIT,
                    f"{code!r} is not the code of a commune, ward or special zone "
                    "(5 digits, see `cax-server db upgrade`)",
                )
            if code in UNITS_WITHOUT_POLICE:
                raise ServerError(
                    ErrorCode.UNKNOWN_UNIT,
                    f"{code} ({found.name}) has no commune police station",
                )
            name = name or default_name(found.name)
            new_id = conn.execute(
                insert(_stations)
                .values(
                    code=code,
                    name=name,
                    created_at=datetime.now(UTC),
                    province_code=found.province_code,
                )
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
