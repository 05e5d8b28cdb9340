"""Signed requests: forged signatures, replays, stale clocks, revoked and unknown devices, rate."""

from __future__ import annotations

import gzip
import time
import uuid
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from protocol.signing import HEADER_DEVICE, HEADER_SIGNATURE, new_private_key
from server.api.main import create_app
from server.core.config import Settings
from server.services import devices
from tests.server.helpers import PUSH, StationDevice, batch_body, make_record


def _body() -> bytes:
    return gzip.compress(batch_body([make_record()]))


def _post(client: TestClient, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    response = client.post(
        PUSH,
        content=body,
        headers={**headers, "Content-Encoding": "gzip", "Content-Type": "application/json"},
    )
    return response.status_code, response.json()["code"] if response.status_code != 200 else "OK"


def test_unsigned_request_is_refused(client: TestClient, device: StationDevice) -> None:
    """No signature headers: 401 AUTH_MISSING, nothing stored."""
    assert _post(client, _body(), {}) == (401, "AUTH_MISSING")


def test_forged_signature_is_refused(client: TestClient, device: StationDevice) -> None:
    """A request signed by another key under this device's id is refused."""
    body = _body()
    impostor = StationDevice(device.device_id, new_private_key(), device.station_code)
    assert _post(client, body, impostor.headers("POST", PUSH, body)) == (401, "BAD_SIGNATURE")


def test_tampered_body_is_refused(client: TestClient, device: StationDevice) -> None:
    """A valid signature over other bytes does not cover this body."""
    headers = device.headers("POST", PUSH, _body())
    assert _post(client, _body(), headers) == (401, "BAD_SIGNATURE")


def test_signature_binds_the_path(client: TestClient, device: StationDevice) -> None:
    """A signature made for pull cannot be used for push."""
    body = _body()
    headers = device.headers("POST", "/api/v1/sync/pull", body)
    assert _post(client, body, headers) == (401, "BAD_SIGNATURE")


def test_replayed_nonce_is_refused(client: TestClient, device: StationDevice) -> None:
    """The exact same signed request sent twice: the second is a replay."""
    body = _body()
    headers = device.headers("POST", PUSH, body)
    assert _post(client, body, headers) == (200, "OK")
    assert _post(client, body, headers) == (401, "NONCE_REPLAYED")


def test_stale_timestamp_is_refused(client: TestClient, device: StationDevice) -> None:
    """A request stamped ten minutes off server time is refused, so old captures cannot replay."""
    body = _body()
    for skew in (-600, 600):
        headers = device.headers("POST", PUSH, body, timestamp=int(time.time()) + skew)
        assert _post(client, body, headers) == (401, "CLOCK_SKEW")


def test_wrong_station_clock_works_with_learned_offset(
    client: TestClient, device: StationDevice
) -> None:
    """A station whose clock is a day off corrects by the offset from /health and is accepted."""
    local_clock = time.time() - 86_400
    server_time = client.get("/api/v1/health").json()["server_timestamp"]
    offset = server_time - local_clock
    body = _body()
    headers = device.headers("POST", PUSH, body, timestamp=int(local_clock + offset))
    assert _post(client, body, headers) == (200, "OK")


def test_unknown_device_is_refused(client: TestClient, device: StationDevice) -> None:
    """A well-formed signature from a device id the server never enrolled."""
    stranger = StationDevice(str(uuid.uuid4()), new_private_key(), device.station_code)
    body = _body()
    assert _post(client, body, stranger.headers("POST", PUSH, body)) == (401, "UNKNOWN_DEVICE")


def test_malformed_headers_are_refused(client: TestClient, device: StationDevice) -> None:
    """Garbage in the signature headers is a 401 with a code, never a 500."""
    body = _body()
    headers = device.headers("POST", PUSH, body)
    assert _post(client, body, {**headers, HEADER_DEVICE: "not-a-uuid"}) == (401, "AUTH_MISSING")
    assert _post(client, body, {**device.headers("POST", PUSH, body), HEADER_SIGNATURE: "%%%"}) == (
        401,
        "BAD_SIGNATURE",
    )


def test_revoked_device_is_refused_from_its_next_request(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Revocation takes effect on the very next request, push and pull alike."""
    assert device.push(client, [make_record()]).status_code == 200
    devices.revoke_device(engine, uuid.UUID(device.device_id), "máy bị mất")
    response = device.push(client, [make_record()])
    assert (response.status_code, response.json()["code"]) == (403, "DEVICE_REVOKED")
    assert device.pull(client).json()["code"] == "DEVICE_REVOKED"


def test_rate_limit_per_device(engine: Engine, settings: Settings, device: StationDevice) -> None:
    """Past the per-minute limit a device gets 429 RATE_LIMITED, counted in the database."""
    limited = replace(settings, rate_limit_per_minute=3)
    with TestClient(create_app(limited, engine=engine)) as client:
        codes = [device.pull(client).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]


@pytest.mark.parametrize("path", ["/api/v1/sync/pull", "/api/v1/sync/push"])
def test_signature_needed_on_every_sync_endpoint(client: TestClient, path: str) -> None:
    """Neither sync endpoint answers an unsigned request."""
    response = client.request("GET" if path.endswith("pull") else "POST", path)
    assert response.status_code == 401
    assert response.json()["code"] == "AUTH_MISSING"
