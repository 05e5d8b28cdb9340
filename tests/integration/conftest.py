"""Fixtures of the sync integration tests: a real server process on a fresh PostgreSQL database
and a fresh encrypted station, enrolled with it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.cli import main as cax_main
from desktop.storage.station import StationSession
from desktop.sync.service import SyncService
from tests.desktop.conftest import (  # noqa: F401  (fixtures used here)
    SUPERVISOR,
    SUPERVISOR_PASSWORD,
    _station_template,
    station_home,
)
from tests.desktop.sync.helpers import FAST_RETRY
from tests.integration.servers import ServerDatabase, ServerProcess, create_database, drop_database
from tests.server.conftest import PG_ADMIN_URL, _pg_admin

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here runs real server processes on PostgreSQL (and kills them after): `make
    test` runs them, `make check` leaves them out."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.slow)


@contextlib.contextmanager
def fresh_server_database() -> Iterator[ServerDatabase]:
    _pg_admin().dispose()  # fail (in CI) or skip clearly when PostgreSQL is not there
    database, name = create_database(PG_ADMIN_URL)
    try:
        yield database
    finally:
        database.engine.dispose()
        drop_database(PG_ADMIN_URL, name)


@contextlib.contextmanager
def running_server(database: ServerDatabase, folder: Path) -> Iterator[ServerProcess]:
    process = ServerProcess(database.url, folder)
    process.start()
    try:
        yield process
    finally:
        process.kill()


@pytest.fixture
def server_db() -> Iterator[ServerDatabase]:
    with fresh_server_database() as database:
        yield database


@pytest.fixture
def server(server_db: ServerDatabase, tmp_path: Path) -> Iterator[ServerProcess]:
    with running_server(server_db, tmp_path) as process:
        yield process


@pytest.fixture
def session(station_home) -> Iterator[StationSession]:  # noqa: F811
    opened = station_home.unlock()
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def enrolled(session: StationSession, server: ServerProcess, server_db: ServerDatabase):
    """A sync service enrolled with `server` (fast retries)."""
    service = SyncService(session, retry=FAST_RETRY)
    service.enroll(server.url, server_db.enrolment_code())
    return service


@pytest.fixture
def cax(station_home, monkeypatch, capsys):  # type: ignore[no-untyped-def]  # noqa: F811
    """Run `cax` in-process as the supervisor, in English; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("CAX_HOME", str(station_home.home))
    monkeypatch.setenv("CAX_USER", SUPERVISOR)
    monkeypatch.setenv("CAX_PASSWORD", SUPERVISOR_PASSWORD)

    def run(*argv: str) -> tuple[int, str, str]:
        code = cax_main.main([*argv, "--lang", "en"])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def local_revisions(session: StationSession) -> set[tuple[str, int]]:
    """Every revision the station queued: what the server must end up holding, exactly."""
    with session.db.read() as conn:
        return {(r[0], r[1]) for r in conn.execute(text("SELECT record_id, revision FROM outbox"))}
