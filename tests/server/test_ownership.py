"""A record id belongs to the station that first pushed it, even when two stations race for it."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, func, select

from server.models import Conflict, Record, RecordRevisionRow
from server.services import ingest, stations
from server.services.auth import AuthenticatedDevice
from tests.server.helpers import StationDevice, batch_body, enrol_device, make_record, patrol

OTHER = "00008"


def _authenticated(engine: Engine, device: StationDevice) -> AuthenticatedDevice:
    with engine.connect() as conn:
        station = stations.station_by_code(conn, device.station_code)
    return AuthenticatedDevice(uuid.UUID(device.device_id), station.id, device.station_code)


def _push(engine: Engine, device: AuthenticatedDevice, records: list[dict]) -> dict[str, Any]:
    document = json.loads(batch_body(records))
    return ingest.push(engine, device, document).results[0].model_dump(mode="json")


def _both_past_the_first_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hold each push, after its ownership check and before its writes, until both got there:
    the window in which neither station's head is committed yet."""
    barrier = threading.Barrier(2, timeout=20)
    first_check: Callable[..., None] = ingest._reject_foreign_records

    def check_then_wait(conn: Connection, batch: Any, station_id: int) -> None:
        first_check(conn, batch, station_id)
        barrier.wait()

    monkeypatch.setattr(ingest, "_reject_foreign_records", check_then_wait)


@pytest.mark.parametrize("revisions", [(1, 1), (1, 2)], ids=["same-revision", "other-revision"])
def test_two_stations_racing_for_a_new_id_one_wins(
    client: TestClient,
    engine: Engine,
    backend: str,
    device: StationDevice,
    monkeypatch: pytest.MonkeyPatch,
    revisions: tuple[int, int],
) -> None:
    """Both pushes of the same new record id pass the first check at the same moment: exactly
    one is stored, the other is WRONG_STATION (not `conflict`), and nothing of the loser stays."""
    if backend != "postgresql":
        pytest.skip("SQLite runs one writer at a time (BEGIN IMMEDIATE): there is no race")
    stations.add_station(engine, OTHER, "Công an xã Khác")
    intruder = enrol_device(client, engine, OTHER)
    mine, theirs = _authenticated(engine, device), _authenticated(engine, intruder)
    record_id = uuid.uuid4()
    own = make_record(record_id=record_id, revision=revisions[0])
    taken = make_record(
        OTHER, record_id=record_id, revision=revisions[1], values=patrol(leader="Kẻ chiếm")
    )
    _both_past_the_first_check(monkeypatch)
    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(_push, engine, mine, [own])
        second = pool.submit(_push, engine, theirs, [taken])
        answers = {mine.station_id: first.result(), theirs.station_id: second.result()}
    outcomes = sorted((a["status"], a["code"]) for a in answers.values())
    assert outcomes == [("rejected", "WRONG_STATION"), ("stored", None)]
    winner = next(s for s, a in answers.items() if a["status"] == "stored")
    with engine.connect() as conn:
        head = conn.execute(select(Record.station_id)).scalars().all()
        kept = conn.execute(select(RecordRevisionRow.station_id)).scalars().all()
        conflicts = conn.execute(select(func.count()).select_from(Conflict)).scalar_one()
    assert (head, kept, conflicts) == ([winner], [winner], 0)


def test_the_owner_keeps_pushing_after_a_refused_takeover(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A refused takeover leaves nothing behind: the owner's next revision is stored as usual."""
    record = make_record()
    assert device.push(client, [record]).json()["stored"] == 1
    stations.add_station(engine, OTHER, "Công an xã Khác")
    intruder = enrol_device(client, engine, OTHER)
    record_id = uuid.UUID(record["record_id"])
    for revision in (1, 2, 3):
        hijack = make_record(OTHER, record_id=record_id, revision=revision)
        result = intruder.push(client, [hijack]).json()["results"][0]
        assert (result["status"], result["code"]) == ("rejected", "WRONG_STATION")
    amended = make_record(record_id=record_id, revision=2, values=patrol(leader="Tổ trưởng 2"))
    assert device.push(client, [amended]).json()["stored"] == 1
    with engine.connect() as conn:
        assert conn.execute(select(Record.revision)).scalar_one() == 2
        assert conn.execute(select(func.count()).select_from(RecordRevisionRow)).scalar_one() == 2
        assert conn.execute(select(func.count()).select_from(Conflict)).scalar_one() == 0


def test_a_takeover_that_slipped_past_the_first_check_is_undone(
    client: TestClient,
    engine: Engine,
    device: StationDevice,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without the first check (as when a race slips past it), the check after the writes still
    refuses the other station's revision, deletes it, and leaves the owner's head alone."""
    record = make_record()
    assert device.push(client, [record]).json()["stored"] == 1
    stations.add_station(engine, OTHER, "Công an xã Khác")
    intruder = enrol_device(client, engine, OTHER)
    monkeypatch.setattr(ingest, "_reject_foreign_records", lambda *_args: None)
    record_id = uuid.UUID(record["record_id"])
    hijacks = [make_record(OTHER, record_id=record_id, revision=n) for n in (1, 2, 3)]
    results = intruder.push(client, [*hijacks, make_record(OTHER)]).json()["results"]
    assert [(r["status"], r["code"]) for r in results] == [
        ("rejected", "WRONG_STATION"),
        ("rejected", "WRONG_STATION"),
        ("rejected", "WRONG_STATION"),
        ("stored", None),
    ]
    with engine.connect() as conn:
        owners = dict(conn.execute(select(Record.record_id, Record.revision)).all())
        kept = conn.execute(
            select(func.count())
            .select_from(RecordRevisionRow)
            .where(RecordRevisionRow.record_id == record_id)
        ).scalar_one()
        conflicts = conn.execute(select(func.count()).select_from(Conflict)).scalar_one()
    assert (owners[record_id], kept, conflicts, len(owners)) == (1, 1, 0, 2)
