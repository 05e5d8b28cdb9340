"""A real server on PostgreSQL for the few UI tests that sync: imported by those modules only, so
the UI tests' conftest imports no server (and most UI tests start none)."""

from __future__ import annotations

import pytest

from tests.integration.conftest import fresh_server_database, running_server


@pytest.fixture
def server_db():
    with fresh_server_database() as database:
        yield database


@pytest.fixture
def server(server_db, tmp_path):
    with running_server(server_db, tmp_path) as process:
        yield process
