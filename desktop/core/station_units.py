"""Which administrative unit a station may be: the commune police of a commune, ward or special
zone that has one (docs/domain.md, "Administrative units")."""

from __future__ import annotations

from desktop.core.errors import UnitWithoutPolice, UnknownUnit
from domain.reference import ReferenceData, default_reference


def check_station_code(code: str, reference: ReferenceData | None = None) -> str:
    """The station's unit code, trimmed; UnknownUnit if no commune has it, UnitWithoutPolice for
    Hoàng Sa and Trường Sa, which are units but have no commune police station."""
    reference = reference or default_reference()
    code = code.strip()
    unit = reference.commune(code)
    if unit is None:
        raise UnknownUnit(station_code=code)
    if not reference.has_police_station(code):
        raise UnitWithoutPolice(station_code=code, unit=unit.name)
    return code
