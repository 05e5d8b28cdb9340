"""The administrative units (34 provinces, 3,321 communes) the server knows, from the bundled
reference data: stations are communes, and a console user's province scope is one of these."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, select

from domain.reference import ReferenceData, default_reference
from domain.vietnamese import fold
from server.core.sql import dialect_insert
from server.models import AdminUnit

_units = AdminUnit.__table__


@dataclass(frozen=True)
class Unit:
    code: str
    level: str  # "province" or "commune"
    name: str
    province_code: str


@functools.cache
def _default_rows() -> tuple[dict[str, str], ...]:
    """The shipped lists' rows, folded once per process: every `db upgrade` (and every server
    test's fresh database) compares against them, and folding 3,355 names is most of that work."""
    return tuple(_rows(default_reference()))


def _rows(reference: ReferenceData) -> list[dict[str, str]]:
    rows = [
        {
            "code": p.code,
            "level": "province",
            "name": p.name,
            "type": p.type,
            "province_code": p.code,
            "folded_name": fold(p.name),
        }
        for p in reference.provinces()
    ]
    rows += [
        {
            "code": c.code,
            "level": "commune",
            "name": c.name,
            "type": c.type,
            "province_code": c.province,
            "folded_name": fold(c.name),
        }
        for c in reference.communes()
    ]
    return rows


def register_units(conn: Connection, reference: ReferenceData | None = None) -> int:
    """Insert or refresh every unit of the bundled lists (a renamed unit takes its new name);
    returns how many rows were new or changed. Units are never deleted: stations refer to them."""
    rows: Sequence[dict[str, str]] = _rows(reference) if reference is not None else _default_rows()
    current = {
        r.code: (r.level, r.name, r.type, r.province_code)
        for r in conn.execute(
            select(
                _units.c.code, _units.c.level, _units.c.name, _units.c.type, _units.c.province_code
            )
        )
    }
    changed = [
        r
        for r in rows
        if current.get(r["code"]) != (r["level"], r["name"], r["type"], r["province_code"])
    ]
    if changed:
        stmt = dialect_insert(conn, _units)
        stmt = stmt.on_conflict_do_update(
            index_elements=["code"],
            set_={
                k: stmt.excluded[k]
                for k in ("level", "name", "type", "province_code", "folded_name")
            },
        )
        conn.execute(stmt, changed)
    return len(changed)


def unit(conn: Connection, code: str) -> Unit | None:
    row = conn.execute(
        select(_units.c.code, _units.c.level, _units.c.name, _units.c.province_code).where(
            _units.c.code == code
        )
    ).first()
    return Unit(*row) if row else None
