"""Fixtures of the server tests: every test runs on SQLite and on a throwaway PostgreSQL database."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, delete, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from server.api.main import create_app
from server.core import passwords
from server.core.config import Settings
from server.core.db import make_engine
from server.models import Base
from server.services import setup, stations
from tests.server.helpers import STATION_CODE, StationDevice, enrol_device

PG_ADMIN_URL = os.environ.get(
    "CAX_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _pg_admin() -> Engine:
    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        engine.dispose()
        message = f"PostgreSQL unreachable at {PG_ADMIN_URL}: {exc.orig}"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (CI must not skip the PostgreSQL run)", pytrace=False)
        pytest.skip(message)
    return engine


# Argon2id at the production cost (~0.2 s) for every console user created and every sign-in was
# most of the console tests' time; what the cost itself must be is checked with real_password_cost.
TEST_PASSWORD_COST = passwords.Argon2Params(iterations=1, memory_kib=8 * 1024, lanes=1)


@pytest.fixture(autouse=True)
def _cheap_password_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "DEFAULT_PARAMS", TEST_PASSWORD_COST)


@pytest.fixture
def real_password_cost(monkeypatch: pytest.MonkeyPatch) -> passwords.Argon2Params:
    """The production Argon2id cost, for the tests that check it."""
    real = passwords.Argon2Params()
    monkeypatch.setattr(passwords, "DEFAULT_PARAMS", real)
    return real


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A fresh database per session, dropped at the end: parallel runs never collide."""
    admin = _pg_admin()
    name = f"cax_test_{secrets.token_hex(6)}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The fast lane (`make check`) runs the server's tests on PostgreSQL, what the centre runs
    on; `make test` runs them on the SQLite trial backend too."""
    for item in items:
        params = getattr(item, "callspec", None)
        on_sqlite = params is not None and params.params.get("db_url") == "sqlite"
        if on_sqlite and HERE in item.path.parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('server') / 'cax-server.sqlite3'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="session")
def settings(db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(home=tmp_path_factory.mktemp("home"), database_url=db_url)


@pytest.fixture(scope="session")
def session_engine(settings: Settings) -> Iterator[Engine]:
    engine = make_engine(settings)
    setup.upgrade_database(engine)  # what `cax-server db upgrade` does, nothing more
    yield engine
    engine.dispose()


# Reference data `db upgrade` registered and no test changes: kept between tests for speed.
KEPT = {"admin_units"}


@pytest.fixture
def engine(session_engine: Engine) -> Engine:
    """The session's database as `cax-server db upgrade` leaves it: no stations, no records, the
    bundled forms registered (through the same upgrade an operator runs)."""
    with session_engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in KEPT:
                conn.execute(delete(table))
    setup.upgrade_database(session_engine)
    return session_engine


@pytest.fixture
def backend(engine: Engine) -> str:
    return engine.dialect.name


@pytest.fixture
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, engine=engine)) as test_client:
        yield test_client


@pytest.fixture
def station(engine: Engine) -> stations.StationRow:
    """The station most tests push for (its forms come from `db upgrade`)."""
    return stations.add_station(engine, STATION_CODE, "Công an phường Ba Đình")


@pytest.fixture
def device(client: TestClient, engine: Engine, station: stations.StationRow) -> StationDevice:
    return enrol_device(client, engine, station.code)


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, settings: Settings, tmp_path: Path) -> Settings:
    """Point `cax-server` (run in-process) at the test database."""
    monkeypatch.setenv("CAX_SERVER_DB", settings.url)
    monkeypatch.setenv("CAX_SERVER_HOME", str(tmp_path))
    return settings
