"""No personal data in the server's logs: the database breaks mid-push under a real `cax-server
serve` on PostgreSQL, and no name, ID or phone number of the pushed records is in any log line.

PostgreSQL is made to fail the way that leaks most: a trigger whose error message quotes the
row's values, then a CHECK whose error detail is the whole failing row. The server answers a
coded 500, logs the error's class and SQLSTATE, and stores the records once the fault is gone."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, delete, text

from domain.vietnamese import fold
from server.core.config import Settings
from server.core.db import make_engine
from server.models import Base
from server.services import setup, stations
from tests.server.helpers import STATION_CODE, enrol_device, example_values, make_record
from tests.server.serverproc import running_server

SECRET_NAME = "Hoàng Thị Kín Đáo"


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = make_engine(Settings(database_url=pg_url))
    setup.upgrade_database(engine)
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in ("admin_units", "form_versions"):
                conn.execute(delete(table))
    yield engine
    with engine.begin() as conn:
        _repair(conn)
    engine.dispose()


def _crime_report() -> dict[str, Any]:
    """A crime report (F1) whose reporter and victim are people with names and ID numbers."""
    values = example_values("F1")
    values["reporter"]["full_name"] = SECRET_NAME
    return make_record(form_id="f1", values=values)


def _secrets(values: dict[str, Any]) -> set[str]:
    """Names, ID and phone numbers of the record, in every spelling a log could use."""
    found = {
        values["reporter"]["full_name"],
        values["reporter"]["phone"],
        values["reporter"]["id_number"],
        *(victim["full_name"] for victim in values["victims"]),
        *(victim["id_number"] for victim in values["victims"]),
    }
    spellings = set()
    for secret in found:
        digits = "".join(ch for ch in secret if ch.isdigit())
        spellings |= {secret, json.dumps(secret)[1:-1], fold(secret)}
        if len(digits) >= 9:
            spellings.add(digits)
    return spellings


_TRIGGER = """
CREATE FUNCTION cax_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'refused % %', NEW.author, NEW.field_values::text;
END $$;
CREATE TRIGGER cax_test_refuse BEFORE INSERT ON record_revisions
    FOR EACH ROW EXECUTE FUNCTION cax_test_refuse();
"""
_CHECK = (
    "ALTER TABLE record_revisions ADD CONSTRAINT cax_test_check CHECK (device_seq < 0) NOT VALID"
)


def _repair(conn: Any) -> None:
    conn.execute(text("DROP TRIGGER IF EXISTS cax_test_refuse ON record_revisions"))
    conn.execute(text("DROP FUNCTION IF EXISTS cax_test_refuse()"))
    conn.execute(text("ALTER TABLE record_revisions DROP CONSTRAINT IF EXISTS cax_test_check"))


@pytest.mark.slow  # a real server process on PostgreSQL, faults injected between pushes
def test_a_database_failing_mid_push_leaves_no_personal_data_in_the_logs(
    pg_engine: Engine, pg_url: str, tmp_path: Path
) -> None:
    stations.add_station(pg_engine, STATION_CODE)
    home = tmp_path / "home"
    home.mkdir()
    record = _crime_report()
    with running_server(pg_url, home, workers=1) as base, httpx.Client(base_url=base) as client:
        device = enrol_device(client, pg_engine, STATION_CODE)
        assert device.push(client, [make_record()]).json()["stored"] == 1
        for fault in (_TRIGGER, _CHECK):
            with pg_engine.begin() as conn:
                conn.execute(text(fault))
            response = device.push(client, [record], batch_id=uuid.uuid4())
            assert (response.status_code, response.json()["code"]) == (500, "INTERNAL_ERROR")
            with pg_engine.begin() as conn:
                _repair(conn)
        # Nothing lost: the same record, sent again once the database is right, is stored.
        answer = device.push(client, [record]).json()
        assert answer["stored"] == 1, answer
    logs = {path: path.read_bytes() for path in home.rglob("*") if path.is_file()}
    written = b"\n".join(logs.values()).decode("utf-8", errors="replace")
    assert "SQLSTATE P0001" in written and "SQLSTATE 23514" in written, written[-3000:]
    leaked = sorted(s for s in _secrets(record["values"]) if s.lower() in written.lower())
    assert not leaked, f"personal data in the server's logs: {leaked}"


def test_the_access_log_keeps_paths_not_query_strings() -> None:
    """`serve --access-log` writes each request's path; a query (a console search for a name)
    is dropped."""
    from server.core.logs import PathOnlyAccessFormatter

    formatter = PathOnlyAccessFormatter('%(client_addr)s "%(request_line)s" %(status_code)s')
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("10.0.0.7:5000", "GET", f"/console/records?q={SECRET_NAME}", "1.1", 200),
        None,
    )
    line = formatter.format(record)
    assert "/console/records" in line and "200" in line
    assert SECRET_NAME not in line and "?q=" not in line
