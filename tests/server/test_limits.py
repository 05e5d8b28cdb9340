"""Request limits: huge bodies, gzip bombs, oversized batches, bad UTF-8, deep JSON, bad encodings."""

from __future__ import annotations

import gzip
import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from server.models import RecordRevisionRow
from tests.server.helpers import PUSH, StationDevice, batch_body, make_record, patrol

MIB = 1024 * 1024


def _stored(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(RecordRevisionRow)).scalar_one()


def _error(response: object) -> tuple[int, str]:
    return response.status_code, response.json()["code"]  # type: ignore[attr-defined]


def test_50_mb_body_is_refused_with_413(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A 50 MB body is refused by its size before anything is parsed or stored."""
    body = b"x" * (50 * MIB)
    assert _error(device.push_raw(client, body)) == (413, "BODY_TOO_LARGE")
    assert _stored(engine) == 0


def test_body_without_length_is_cut_off(client: TestClient, device: StationDevice) -> None:
    """A chunked body (no Content-Length) is counted while read and refused past the cap."""

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(25):
            yield b"x" * MIB

    headers = {**device.headers("POST", PUSH, b""), "Content-Encoding": "gzip"}
    response = client.post(PUSH, content=chunks(), headers=headers)
    assert _error(response) == (413, "BODY_TOO_LARGE")


def test_gzip_bomb_is_refused(client: TestClient, device: StationDevice) -> None:
    """100 MB of zeros compressed to ~100 KB stops at the decompressed-size cap."""
    bomb = gzip.compress(b"0" * (100 * MIB), 9)
    assert len(bomb) < MIB
    assert _error(device.push_raw(client, bomb)) == (413, "BODY_TOO_LARGE")


def test_batch_of_10001_records_is_refused(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """One record over the batch limit refuses the whole batch with BATCH_TOO_LARGE."""
    record = make_record()
    response = device.push(client, [record] * 10_001)
    assert _error(response) == (413, "BATCH_TOO_LARGE")
    assert _stored(engine) == 0


def test_invalid_utf8_is_refused(client: TestClient, device: StationDevice) -> None:
    """Bytes that are not UTF-8 are refused with INVALID_UTF8, compressed or not."""
    body = batch_body([make_record(values=patrol(leader="Nguyễn"))]).replace(
        "Nguyễn".encode(), b"Nguy\xff\xfen"
    )
    assert _error(device.push_raw(client, gzip.compress(body))) == (400, "INVALID_UTF8")
    assert _error(device.push_raw(client, body, compress=False)) == (400, "INVALID_UTF8")


def test_lone_surrogate_rejects_only_its_record(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A \\ud800 escape decodes to a string no database can hold: that record alone is rejected."""
    bad = make_record(values={"x": "PLACEHOLDER"})
    body = batch_body([make_record(), bad]).replace(b"PLACEHOLDER", b"\\ud800")
    results = device.push_raw(client, gzip.compress(body)).json()["results"]
    assert [r["status"] for r in results] == ["stored", "rejected"]
    assert results[1]["code"] == "INVALID_UTF8"
    assert _stored(engine) == 1


def test_nul_character_rejects_only_its_record(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """U+0000 cannot be stored in PostgreSQL text: the record is rejected, not a 500."""
    results = device.push(client, [make_record(values={"x": "a\x00b"}), make_record()]).json()[
        "results"
    ]
    assert [(r["status"], r["code"]) for r in results] == [
        ("rejected", "RECORD_SCHEMA"),
        ("stored", None),
    ]


def test_deeply_nested_body_is_refused(client: TestClient, device: StationDevice) -> None:
    """100,000 nested arrays: JSON_TOO_DEEP, not a crashed worker."""
    body = b"[" * 100_000 + b"]" * 100_000
    assert _error(device.push_raw(client, gzip.compress(body))) == (400, "JSON_TOO_DEEP")


def test_deeply_nested_values_reject_their_record(
    client: TestClient, device: StationDevice
) -> None:
    """Values nested deeper than 16 levels reject that record only."""
    deep: dict = {"leaf": 1}
    for _ in range(40):
        deep = {"child": deep}
    results = device.push(client, [make_record(values=deep), make_record()]).json()["results"]
    assert [(r["status"], r["code"]) for r in results] == [
        ("rejected", "RECORD_TOO_DEEP"),
        ("stored", None),
    ]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"{not json", "MALFORMED_JSON"),
        (b'{"records": [NaN]}', "MALFORMED_JSON"),
        (b"[]", "VALIDATION_ERROR"),
        (b'{"protocol_version": 1, "records": []}', "VALIDATION_ERROR"),
        (
            json.dumps(
                # A fixed id: parameters name the tests, which pytest-xdist's workers must agree on.
                {
                    "protocol_version": 99,
                    "batch_id": "0190f5a2-5b1c-7000-8000-00000000a099",
                    "records": [],
                }
            ).encode(),
            "UNSUPPORTED_PROTOCOL_VERSION",
        ),
    ],
)
def test_malformed_batches_are_refused_with_a_code(
    client: TestClient, device: StationDevice, body: bytes, code: str
) -> None:
    """Broken JSON, wrong shape or protocol: a 4xx with a stable code."""
    status, got = _error(device.push_raw(client, gzip.compress(body)))
    assert got == code
    assert 400 <= status < 500


def test_broken_gzip_and_unknown_encoding(client: TestClient, device: StationDevice) -> None:
    """Not-gzip under gzip, a truncated stream, and an encoding we do not speak."""
    body = gzip.compress(batch_body([make_record()]))
    assert _error(device.push_raw(client, b"plain text")) == (400, "BAD_GZIP")
    assert _error(device.push_raw(client, body[:-10])) == (400, "BAD_GZIP")
    assert _error(device.push_raw(client, body, compress=False, **{"Content-Encoding": "br"})) == (
        415,
        "UNSUPPORTED_ENCODING",
    )


def test_unknown_route_and_method_answer_json(client: TestClient) -> None:
    """404 and 405 are JSON with a code like every other error."""
    assert _error(client.get("/api/v1/nowhere")) == (404, "NOT_FOUND")
    assert _error(client.delete("/api/v1/health")) == (405, "METHOD_NOT_ALLOWED")
