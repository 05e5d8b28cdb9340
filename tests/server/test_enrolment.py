"""Enrolment: a one-time code admits exactly one device key and answers with the server's keys."""

from __future__ import annotations

import base64

from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from protocol.signing import enrolment_proof, new_private_key, public_key_b64
from server.models import EnrolmentCode
from server.services import enrolment, stations
from tests.server.helpers import STATION_CODE, enrol_device


def _request(code: str, key=None) -> dict:  # type: ignore[no-untyped-def]
    key = key or new_private_key()
    return {
        "protocol_version": 1,
        "code": code,
        "public_key": public_key_b64(key),
        "device_name": "PC trực ban",
        "proof": enrolment_proof(key, code),
    }


def test_enrolment_answers_device_station_and_server_keys(
    client: TestClient, engine: Engine, station: stations.StationRow
) -> None:
    """The answer names the new device and its station, and carries both server public keys."""
    device = enrol_device(client, engine, STATION_CODE)
    answer = device.enrolment
    assert answer["station"] == {"code": STATION_CODE, "name": "Công an phường Ba Đình"}
    assert len(base64.b64decode(answer["server_signing_key"])) == 32
    assert len(base64.b64decode(answer["server_box_key"])) == 32
    # The keys are the server's, not per device: a second device gets the same ones.
    other = enrol_device(client, engine, STATION_CODE, "PC-2")
    assert other.enrolment["server_signing_key"] == answer["server_signing_key"]
    assert other.device_id != device.device_id


def test_code_works_once(client: TestClient, engine: Engine, station: stations.StationRow) -> None:
    """The second use of a code is refused, even with another key."""
    code = enrolment.issue_code(engine, STATION_CODE, 1).code
    assert client.post("/api/v1/enroll", json=_request(code)).status_code == 200
    again = client.post("/api/v1/enroll", json=_request(code))
    assert (again.status_code, again.json()["code"]) == (403, "ENROLMENT_CODE_INVALID")


def test_code_is_forgiving_about_case_and_dashes(
    client: TestClient, engine: Engine, station: stations.StationRow
) -> None:
    """A code typed in lower case without dashes still works."""
    code = enrolment.issue_code(engine, STATION_CODE, 1).code
    typed = code.replace("-", "").lower()
    assert client.post("/api/v1/enroll", json=_request(typed)).status_code == 200


def test_expired_and_unknown_codes_are_refused(
    client: TestClient, engine: Engine, station: stations.StationRow
) -> None:
    """An expired code and a made-up one both answer ENROLMENT_CODE_INVALID."""
    code = enrolment.issue_code(engine, STATION_CODE, 1).code
    with engine.begin() as conn:
        conn.execute(update(EnrolmentCode).values(expires_at=0))
    for attempt in (code, "AAAAA-BBBBB-CCCCC"):
        response = client.post("/api/v1/enroll", json=_request(attempt))
        assert response.json()["code"] == "ENROLMENT_CODE_INVALID"


def test_key_cannot_enrol_twice_and_code_is_not_spent(
    client: TestClient, engine: Engine, station: stations.StationRow
) -> None:
    """Re-enrolling a known key is refused, and the code used for that stays usable."""
    key = new_private_key()
    first = enrolment.issue_code(engine, STATION_CODE, 1).code
    assert client.post("/api/v1/enroll", json=_request(first, key)).status_code == 200
    second = enrolment.issue_code(engine, STATION_CODE, 1).code
    response = client.post("/api/v1/enroll", json=_request(second, key))
    assert (response.status_code, response.json()["code"]) == (409, "KEY_ALREADY_ENROLLED")
    assert client.post("/api/v1/enroll", json=_request(second)).status_code == 200


def test_proof_must_come_from_the_enrolled_key(
    client: TestClient, engine: Engine, station: stations.StationRow
) -> None:
    """A proof signed by another key (someone else's public key replayed) is refused."""
    code = enrolment.issue_code(engine, STATION_CODE, 1).code
    request = _request(code)
    request["proof"] = enrolment_proof(new_private_key(), code)
    response = client.post("/api/v1/enroll", json=request)
    assert (response.status_code, response.json()["code"]) == (400, "BAD_PROOF")


def test_malformed_enrolment_is_a_422_with_code(client: TestClient) -> None:
    """Missing fields or a non-JSON body answer VALIDATION_ERROR, never a 500."""
    assert client.post("/api/v1/enroll", json={"code": "x"}).json()["code"] == "VALIDATION_ERROR"
    response = client.post(
        "/api/v1/enroll", content=b"\xff\xfe", headers={"Content-Type": "application/json"}
    )
    assert (response.status_code, response.json()["code"]) == (422, "VALIDATION_ERROR")
