"""An unexpected error is answered with its code and never reaches the HTTP server.

Re-raised past the application, uvicorn would close the connection under a kept-alive client
(seen as "connection reset" on the station's next push). TestClient re-raises whatever escapes
the application, so these tests fail if the error gets out.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from server.api.main import create_app
from server.core.config import Settings


class _Boom(Exception):
    """Nothing in the server knows this one."""


def _fail() -> None:
    raise _Boom("a message that could quote a row")


@pytest.fixture
def failing_app(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    app: FastAPI = create_app(settings, engine=engine)
    app.add_api_route("/api/v1/boom", _fail)
    app.add_api_route("/console/boom", _fail)
    with TestClient(app, raise_server_exceptions=True) as client:
        yield client


def test_an_api_error_is_answered_with_its_code_and_nothing_escapes(
    failing_app: TestClient,
) -> None:
    response = failing_app.get("/api/v1/boom")
    assert response.status_code == 500
    assert response.json()["code"] == "INTERNAL_ERROR"
    assert "quote a row" not in response.text


def test_a_console_error_is_answered_with_the_error_page(failing_app: TestClient) -> None:
    response = failing_app.get("/console/boom")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    assert "quote a row" not in response.text


def test_the_next_request_is_served_as_usual(failing_app: TestClient) -> None:
    assert failing_app.get("/api/v1/boom").status_code == 500
    assert failing_app.get("/api/v1/health").status_code == 200
