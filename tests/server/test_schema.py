"""The database schema: migrations build exactly the models, health and OpenAPI are served."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from server.core import migrate
from server.models import Base


def test_migrations_match_the_models(engine: Engine) -> None:
    """Autogenerate finds nothing to add: migrations and models agree, on both databases."""
    with engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_upgrade_is_idempotent(engine: Engine) -> None:
    """Upgrading an up-to-date database does nothing."""
    assert migrate.upgrade(engine) is False


def test_health_reports_time_and_versions(client: TestClient) -> None:
    """Health is unsigned and carries the server clock for stations to learn their offset."""
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok"
    assert body["min_protocol_version"] <= body["protocol_version"] <= body["max_protocol_version"]
    assert isinstance(body["server_timestamp"], float)


def test_openapi_and_docs_are_served(client: TestClient) -> None:
    """/openapi.json documents every endpoint, including the hand-read push body; /docs renders."""
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == {
        "/api/v1/health",
        "/api/v1/enroll",
        "/api/v1/sync/push",
        "/api/v1/sync/pull",
        "/api/v1/bundles",
        "/api/v1/reports",
        "/api/v1/blobs/{sha256}",
        "/api/v1/blobs/{sha256}/chunks/{n}",
        "/api/v1/blobs/{sha256}/complete",
    }
    assert "PushRequest" in schema["components"]["schemas"]
    assert "ReportSubmission" in schema["components"]["schemas"]
    assert "RecordRevision" in schema["components"]["schemas"]
    assert client.get("/docs").status_code == 200
