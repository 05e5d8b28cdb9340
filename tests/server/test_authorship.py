"""Issue 13, authorship at the centre: a revision is stored only if its author (or, for a later
revision, a supervisor of its station) signed it with a key the station's root key certified."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from protocol.errors import ErrorCode
from protocol.signing import enrolment_proof, new_private_key, public_key_b64
from server.models import RecordRevisionRow, StationRoster, StationUserKey
from server.services import enrolment, records
from tests.server.helpers import (
    STATION_CODE,
    StationDevice,
    StationRoles,
    enrol_device,
    make_record,
)
from tests.server.test_bundles import UPLOAD, receipt_of, seal


def _revisions(engine: Engine) -> int:
    return records.count_records(engine)[1]


def _rejected(response, code: ErrorCode) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    return [r["detail"] for r in response.json()["results"] if r["code"] == code]


def test_a_signed_revision_is_stored_and_the_roster_pinned(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    roles = StationRoles()
    response = device.push(client, [roles.sign(make_record())], roster=roles.roster())
    assert response.status_code == 200 and response.json()["stored"] == 1, response.text
    with engine.connect() as conn:
        pinned = conn.execute(select(StationRoster.seq, StationRoster.root_public_key)).one()
        keys = conn.execute(select(func.count()).select_from(StationUserKey)).scalar_one()
    assert pinned.seq == 1 and keys == 2


def test_a_forged_author_is_rejected_and_nothing_stored(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """author="truong" signed by the officer's key, or by a key of nobody's, or not signed at all
    (a device key is all the officer has of the station): AUTHOR_FORGED, none stored."""
    roles = StationRoles()
    truongs = make_record(author="truong")
    forged = [
        roles.sign(truongs, signer="lan"),  # the officer signs as themselves, author "truong"
        roles.sign(truongs, signer="truong", key=roles.users["lan"][1]),  # lan's key, truong's name
        roles.sign(truongs, signer="truong", key=new_private_key()),  # a key of nobody's
        {k: v for k, v in truongs.items()},  # no signature: only the device key signed the batch
    ]
    response = device.push(client, forged, roster=roles.roster())
    details = _rejected(response, ErrorCode.AUTHOR_FORGED)
    assert len(details) == 4, response.text
    assert _revisions(engine) == 0
    # Without the roster in the push, the pinned one still applies.
    response = device.push(client, forged)
    assert len(_rejected(response, ErrorCode.AUTHOR_FORGED)) == 4
    assert _revisions(engine) == 0


def test_a_supervisor_may_sign_a_later_revision_of_an_officers_record(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    roles = StationRoles()
    first = make_record()
    response = device.push(client, [roles.sign(first)], roster=roles.roster())
    assert response.json()["stored"] == 1
    second = make_record(record_id=uuid.UUID(first["record_id"]), revision=2)
    other = make_record()
    response = device.push(
        client, [roles.sign(second, signer="truong"), roles.sign(other, signer="truong")]
    )
    body = response.json()
    assert body["stored"] == 1, response.text
    assert body["results"][1]["code"] == ErrorCode.AUTHOR_FORGED  # revision 1 is its author's


def test_a_roster_signed_by_another_root_is_refused(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """The first roster pins the station's root key; one signed by a key an officer made is
    ROSTER_INVALID (409) and changes nothing."""
    roles = StationRoles()
    assert (
        device.push(client, [roles.sign(make_record())], roster=roles.roster()).status_code == 200
    )
    usurper = StationRoles(users=roles.users, seq=2)
    usurper.users = {**roles.users, "lan": ("supervisor", roles.users["lan"][1])}
    response = device.push(client, [usurper.sign(make_record())], roster=usurper.roster())
    assert response.status_code == 409 and response.json()["code"] == "ROSTER_INVALID"
    assert _revisions(engine) == 1
    with engine.connect() as conn:
        assert conn.execute(select(StationRoster.seq)).scalar_one() == 1


def test_a_bundle_carries_the_roster_and_is_checked_the_same_way(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    roles = StationRoles()
    good = roles.sign(make_record(device_seq=1))
    forged = roles.sign(make_record(device_seq=2), signer="lan", key=new_private_key())
    data = seal(device, [good, forged], roster=roles.roster())
    response = client.post(UPLOAD, content=data)
    assert response.status_code == 200, response.text
    receipt = receipt_of(device, response.content)
    assert (receipt.stored, receipt.rejected) == (1, 1)
    assert receipt.results[1].code == ErrorCode.AUTHOR_FORGED
    with engine.connect() as conn:
        stored = conn.execute(select(RecordRevisionRow.record_id)).scalars().all()
    assert [str(r) for r in stored] == [good["record_id"]]


def _enrol_with_roster(client: TestClient, code: str, roster: dict) -> object:  # type: ignore[type-arg]
    key = new_private_key()
    return client.post(
        "/api/v1/enroll",
        json={
            "protocol_version": 1,
            "code": code,
            "public_key": public_key_b64(key),
            "device_name": "PC-2",
            "proof": enrolment_proof(key, code),
            "roster": roster,
        },
    )


def test_enrolment_pins_the_root_key_before_any_push(
    client: TestClient, engine: Engine, station: object
) -> None:
    """The supervisor's enrolment carries the roster: an officer who pushes first with a root
    of their own is refused, and so is a second enrolment under another root (code unspent)."""
    roles = StationRoles()
    code = enrolment.issue_code(engine, STATION_CODE, 1).code
    response = _enrol_with_roster(client, code, roles.roster())
    assert response.status_code == 200, response.text
    with engine.connect() as conn:
        assert (
            conn.execute(select(StationRoster.root_public_key)).scalar_one()
            == (roles.roster()["body"]["root_public_key"])
        )
    device = enrol_device(client, engine, STATION_CODE)
    usurper = StationRoles()
    response = device.push(client, [usurper.sign(make_record())], roster=usurper.roster())
    assert response.status_code == 409 and response.json()["code"] == "ROSTER_INVALID"
    code = enrolment.issue_code(engine, STATION_CODE, 1).code
    response = _enrol_with_roster(client, code, usurper.roster())
    assert response.status_code == 409 and response.json()["code"] == "ROSTER_INVALID"
    assert _enrol_with_roster(client, code, roles.roster()).status_code == 200  # still unspent
    assert _revisions(engine) == 0
