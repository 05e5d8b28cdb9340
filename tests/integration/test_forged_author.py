"""Issue 13 against a real server: a station's own records arrive signed by their authors, and a
record an officer forges under the supervisor's name — with the device key read from the database
the data key opens — is rejected (AUTHOR_FORGED) and not stored."""

from __future__ import annotations

import base64
from typing import Any

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import text

from desktop.storage.database import Database
from desktop.storage.keyslots import KeySlotFile
from desktop.storage.records import RecordService
from protocol.errors import ErrorCode
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD, SUPERVISOR
from tests.desktop.sync.helpers import CATALOGUE, completed_records, example
from tests.server.helpers import StationDevice, StationRoles, make_record


class _Http:
    """The few calls StationDevice makes, over a real socket to `base`."""

    def __init__(self, base: str) -> None:
        self.base = base

    def post(self, path: str, content: bytes, headers: dict[str, str]) -> Any:
        return requests.post(self.base + path, data=content, headers=headers, timeout=30)


def what_the_officer_holds(station_home) -> tuple[StationDevice, Ed25519PrivateKey]:
    """Their own password opens their slot: the data key (so the database and, in it, the
    device key) and their own signing key. Nothing of the supervisor's."""
    slots = KeySlotFile.load(station_home.station.keys_path)
    opened = slots.open_slot(OFFICER, OFFICER_PASSWORD)
    own_key = Ed25519PrivateKey.from_private_bytes(slots.signing_key(opened))
    db = Database(station_home.station.db_path, opened[0])
    try:
        with db.read() as conn:
            row = conn.execute(
                text("SELECT device_id, device_key, station_code FROM sync_enrolment")
            ).one()
    finally:
        db.close()
    device_key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(row.device_key))
    return StationDevice(row.device_id, device_key, row.station_code), own_key


def test_real_records_pass_and_a_forged_author_is_rejected(
    station_home, enrolled, session, server, server_db
):
    completed_records(session, 2)
    officer = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    try:
        service = RecordService(officer, CATALOGUE)
        record_id = service.create("F8", example("F8"))
        service.complete(record_id)
    finally:
        officer.close()
    completed_records(session, 1, start=2)
    # The supervisor amends the officer's record: revision 2 is signed by him, author stays hers.
    RecordService(session, CATALOGUE).amend(record_id, example("F8"), "bổ sung")
    report = enrolled.run()
    assert report.counts.acknowledged == 5 and report.counts.quarantined == 0
    stored = len(server_db.revisions())
    assert stored == 5

    device, own_key = what_the_officer_holds(station_home)
    roles = StationRoles(users={OFFICER: ("officer", own_key)})
    forged = make_record(station_code=device.station_code, author=SUPERVISOR)
    attempts = [
        roles.sign(forged, signer=OFFICER),  # signed as themselves, in the supervisor's name
        roles.sign(forged, signer=SUPERVISOR, key=own_key),  # their key under his name
        forged,  # only the device key signs the batch
    ]
    response = device.push(_Http(server.url), attempts)
    assert response.status_code == 200, response.text
    codes = [r["code"] for r in response.json()["results"]]
    assert codes == [ErrorCode.AUTHOR_FORGED] * 3
    assert len(server_db.revisions()) == stored
