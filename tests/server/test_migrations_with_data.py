"""Every server migration run against a database holding stations, devices and records, on
SQLite and PostgreSQL, checked after each step.

Records of every form (with a second revision and a deletion among them) are pushed through the
API into today's schema; the rows are then written into a database built at the first revision
(only the columns that revision has), and each later revision runs alone. After each step no
record, revision or station may be missing or changed; at the end the heads' projection (title,
event date, commune, search text) must be what a push into today's schema writes.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import Column, Connection, Engine, MetaData, Table, inspect, select, text
from sqlalchemy.engine import make_url

from server.core import migrate
from server.core.config import Settings
from server.core.db import make_engine
from server.models import Base
from tests.server.conftest import PG_ADMIN_URL, _pg_admin
from tests.server.console.records_helpers import push, station_device, wire_record
from tests.server.helpers import STATION_CODE, example_values

# Slow: upgrades a server with records through every migration. `make test` runs them; `make check`
# does not.
pytestmark = pytest.mark.slow

# The examples whose dates lie before the helpers' fixed revision date (the others' would be in
# that revision's future and refused).
FORMS = ("F1", "F3", "F4", "F8", "F10")
PROJECTION = ("title", "event_date", "commune_code", "search_text")


def _push_records(client: TestClient, engine: Engine) -> None:
    device = station_device(client, engine, STATION_CODE)
    records = [wire_record(device, form) for form in FORMS]
    push(client, device, records)
    first = records[0]
    amended = wire_record(device, "F1", record_id=first["record_id"], revision=2, device_seq=2)
    deleted = wire_record(
        device,
        "F8",
        record_id=records[FORMS.index("F8")]["record_id"],
        revision=2,
        deleted=True,
        delete_reason="Nhập trùng",
        device_seq=3,
        values=example_values("F8"),
    )
    push(client, device, [amended, deleted])


def _dump(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    with engine.connect() as conn:
        return {
            table.name: [dict(row._mapping) for row in conn.execute(select(table))]
            for table in Base.metadata.sorted_tables
        }


@pytest.fixture
def empty_database(engine: Engine, tmp_path) -> Iterator[Engine]:
    """A second, empty database on the same kind of server as `engine`."""
    if engine.dialect.name == "sqlite":
        fresh = make_engine(Settings(database_url=f"sqlite:///{tmp_path / 'old.sqlite3'}"))
        yield fresh
        fresh.dispose()
        return
    name = f"cax_old_{secrets.token_hex(5)}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    fresh = make_engine(Settings(database_url=url))
    try:
        yield fresh
    finally:
        fresh.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _upgrade_to(conn: Connection, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    config.attributes["connection"] = conn
    command.upgrade(config, revision)


def _chain() -> list[str]:
    return [rev.revision for rev in migrate._script().walk_revisions()][::-1]


def _copy_into_old_schema(conn: Connection, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Today's rows, each table cut to the columns the database has now."""
    present = set(inspect(conn).get_table_names())
    for table in Base.metadata.sorted_tables:
        if table.name not in present or not rows[table.name]:
            continue
        names = {column["name"] for column in inspect(conn).get_columns(table.name)}
        # Today's column types (UUIDs, JSON, times), for the columns this revision has.
        old = Table(
            table.name,
            MetaData(),
            *(Column(c.name, c.type) for c in table.columns if c.name in names),
        )
        conn.execute(
            old.insert(), [{k: v for k, v in r.items() if k in names} for r in rows[table.name]]
        )


def _count(conn: Connection, table: str) -> int:
    return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_every_server_step_keeps_the_records(client, engine, empty_database):
    _push_records(client, engine)
    today = _dump(engine)
    assert len(today["records"]) == len(FORMS) and len(today["record_revisions"]) == len(FORMS) + 2
    chain = _chain()
    with empty_database.begin() as conn:
        _upgrade_to(conn, chain[0])
        _copy_into_old_schema(conn, today)
    heads = {r["record_id"]: r for r in today["records"]}
    for revision in chain[1:]:
        with empty_database.begin() as conn:
            _upgrade_to(conn, revision)
            assert migrate.current_revision(conn) == revision
            for table in ("stations", "devices", "records", "record_revisions", "form_versions"):
                assert _count(conn, table) == len(today[table]), (revision, table)
            records = Base.metadata.tables["records"]
            stored = conn.execute(
                select(records.c.record_id, records.c.revision, records.c.deleted)
            ).all()
            assert {(i, r, bool(d)) for i, r, d in stored} == {
                (k, h["revision"], bool(h["deleted"])) for k, h in heads.items()
            }, revision
    projected = {
        row["record_id"]: tuple(row[name] for name in PROJECTION)
        for row in _dump(empty_database)["records"]
    }
    expected = {k: tuple(h[name] for name in PROJECTION) for k, h in heads.items()}
    assert projected == expected
