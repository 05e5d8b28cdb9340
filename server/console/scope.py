"""A console user's scope as SQL: the stations (and so the records) they may see and touch."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, Table, false, select, true

from server.console.deps import ConsoleUser
from server.models import Station

_stations = Station.__table__


def station_condition(user: ConsoleUser, stations: Table = _stations) -> ColumnElement[bool]:
    """The condition on `stations` selecting exactly the user's stations."""
    if user.scope_kind == "all":
        return true()
    if user.scope_kind == "province" and user.scope_code:
        return stations.c.province_code == user.scope_code
    if user.scope_kind == "station" and user.scope_code:
        return stations.c.code == user.scope_code
    return false()  # an unknown scope sees nothing rather than everything


def in_scope_station_ids(user: ConsoleUser) -> Select:
    """`SELECT stations.id ...` of the user's stations, for `station_id.in_(...)`."""
    return select(_stations.c.id).where(station_condition(user, _stations))


def station_in_scope(user: ConsoleUser, station_id_column: ColumnElement) -> ColumnElement[bool]:
    """`station_id IN (the user's stations)`, or nothing at all for a user who sees all."""
    if user.scope_kind == "all":
        return true()
    return station_id_column.in_(in_scope_station_ids(user))
