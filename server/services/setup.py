"""`cax-server db upgrade`: the schema, the server's keys, the administrative units and the bundled
form catalogue — everything a fresh or upgraded server needs before it serves a station."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from server.core import migrate
from server.core.security import ensure_server_keys
from server.services import catalog, units


@dataclass(frozen=True)
class UpgradeResult:
    schema_changed: bool
    units_changed: int
    forms_registered: list[catalog.Published]


def upgrade_database(engine: Engine) -> UpgradeResult:
    """Idempotent: a second run changes nothing and says so."""
    schema_changed = migrate.upgrade(engine)
    with engine.begin() as conn:
        ensure_server_keys(conn)
        units_changed = units.register_units(conn)
        forms = catalog.register_bundled_forms(conn)
    return UpgradeResult(schema_changed, units_changed, forms)
