"""Generated requests: schemathesis against the OpenAPI schema (signed, so they reach the code
behind authentication), and a hypothesis round trip showing stored values come back unaltered."""

from __future__ import annotations

import gzip
import json
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import Engine, select

from protocol.canonical import content_hash_fields
from server.api.main import create_app
from server.core.config import Settings
from server.core.sql import as_utc
from server.models import RecordRevisionRow, Station
from tests.server.helpers import StationDevice, make_record, patrol

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _send_signed(client: TestClient, device: StationDevice, case: Any) -> Any:
    """Send a generated case as a station would: body serialised, then signed over exact bytes."""
    kwargs = case.as_transport_kwargs(base_url="http://testserver")
    body = b""
    if "json" in kwargs:
        body = json.dumps(kwargs["json"], ensure_ascii=False).encode("utf-8", "surrogatepass")
    path = case.formatted_path
    if kwargs.get("params"):
        path += "?" + urlencode(kwargs["params"], doseq=True)
    headers = {k: v for k, v in (kwargs.get("headers") or {}).items() if isinstance(v, str)}
    headers.update(device.headers(case.method, path, body))
    headers["Content-Type"] = "application/json"
    return client.request(case.method, path, content=body, headers=headers)


@pytest.mark.parametrize("mode", ["positive", "negative"])
@pytest.mark.slow  # fuzzes every endpoint for ~30 s
def test_schemathesis_finds_no_server_error(
    engine: Engine, settings: Settings, device: StationDevice, mode: str
) -> None:
    """Every operation, valid and invalid inputs: no 500, answers match the documented schema."""
    app = create_app(replace(settings, rate_limit_per_minute=100_000), engine=engine)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    with TestClient(app) as client:
        for result in schema.get_all_operations():
            operation = result.ok()

            @FUZZ
            @given(case=operation.as_strategy(schemathesis.GenerationMode(mode)))
            def check(case: Any) -> None:
                response = _send_signed(client, device, case)
                assert response.status_code < 500, response.text
                case.validate_response(response, checks=CHECKS)

            try:
                check()
            except Unsatisfiable:
                # Negative mode has nothing to break in an operation without inputs (health) or
                # whose input is any bytes (bundles: fuzzed in test_bundles.py).
                assert mode == "negative"
                assert operation.path in ("/api/v1/health", "/api/v1/bundles")
    _assert_nothing_stored_is_garbage(engine)


def _assert_nothing_stored_is_garbage(engine: Engine) -> None:
    """Whatever the fuzzing stored must re-hash to its content hash, under a real station."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(RecordRevisionRow.__table__, Station.code).join(
                Station, Station.id == RecordRevisionRow.station_id
            )
        ).all()
    for row in rows:
        assert _rehash(row, row.code) == row.content_hash


def _rehash(revision: Any, station_code: str) -> str:
    return content_hash_fields(
        record_id=str(revision.record_id),
        revision=revision.revision,
        station_code=station_code,
        form_id=revision.form_id,
        form_version=revision.form_version,
        author=revision.author,
        created_at=as_utc(revision.created_at),
        updated_at=as_utc(revision.updated_at),
        deleted=revision.deleted,
        delete_reason=revision.delete_reason,
        values=revision.field_values,
    )


_free_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"), max_size=200
)


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(texts=st.lists(st.tuples(_free_text, _free_text), min_size=1, max_size=5))
def test_stored_values_come_back_unaltered(
    client: TestClient, engine: Engine, device: StationDevice, texts: list[tuple[str, str]]
) -> None:
    """Arbitrary text (Vietnamese, symbols, any script) in a valid record is stored and read back
    exactly; a value the form's rules refuse is rejected as RECORD_INVALID and nothing is kept."""
    records = [make_record()] + [
        make_record(values=patrol(observations=a, equipment=b), device_seq=i + 2)
        for i, (a, b) in enumerate(texts)
    ]
    results = device.push(client, records).json()["results"]
    assert results[0]["status"] == "stored"
    assert {r["status"] for r in results} <= {"stored", "rejected"}
    assert {r["code"] for r in results if r["status"] == "rejected"} <= {"RECORD_INVALID"}
    stored_ids = {uuid.UUID(r["record_id"]) for r in results if r["status"] == "stored"}
    wanted = {uuid.UUID(r["record_id"]): r for r in records}
    with engine.connect() as conn:
        stored = conn.execute(
            select(RecordRevisionRow.__table__).where(RecordRevisionRow.record_id.in_(list(wanted)))
        ).all()
    assert {revision.record_id for revision in stored} == stored_ids
    for revision in stored:
        sent = wanted[revision.record_id]
        assert revision.field_values == sent["values"]
        assert _rehash(revision, device.station_code) == sent["content_hash"]
        assert as_utc(revision.created_at) == datetime(2026, 11, 22, 8, 30, tzinfo=UTC)


def test_gzip_body_roundtrip_sanity(client: TestClient, device: StationDevice) -> None:
    """The gzip path and the identity path store the same thing."""
    record = make_record()
    assert device.push(client, [record]).json()["stored"] == 1
    body = gzip.compress(
        json.dumps(
            {"protocol_version": 1, "batch_id": str(uuid.uuid4()), "records": [record]}
        ).encode()
    )
    assert device.push_raw(client, body).json()["duplicate"] == 1
