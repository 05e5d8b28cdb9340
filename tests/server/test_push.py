"""Push: stored, duplicate, conflict and rejected answers, and what ends up in the database."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from server.models import Conflict, PushReceipt, Record, RecordRevisionRow
from tests.server.helpers import StationDevice, make_record, patrol


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def test_new_records_are_stored(client: TestClient, engine: Engine, device: StationDevice) -> None:
    """A fresh batch is stored whole, with one head and one revision per record."""
    records = [make_record() for _ in range(5)]
    response = device.push(client, records)
    assert response.status_code == 200, response.text
    body = response.json()
    assert [r["status"] for r in body["results"]] == ["stored"] * 5
    assert body["stored"] == 5
    assert _count(engine, Record) == 5
    assert _count(engine, RecordRevisionRow) == 5


def test_replayed_batch_is_all_duplicate(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """The same batch sent again (after a timeout) answers duplicate and stores nothing twice."""
    records = [make_record() for _ in range(20)]
    batch_id = uuid.uuid4()
    assert device.push(client, records, batch_id=batch_id).json()["stored"] == 20
    again = device.push(client, records, batch_id=batch_id).json()
    assert [r["status"] for r in again["results"]] == ["duplicate"] * 20
    assert _count(engine, RecordRevisionRow) == 20
    assert _count(engine, PushReceipt) == 1


def test_same_revision_other_content_is_a_conflict(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Same id and revision with other content is kept aside; the stored original is untouched."""
    original = make_record(values=patrol(leader="Nguyễn Văn An"))
    device.push(client, [original])
    changed = make_record(record_id=uuid.UUID(original["record_id"]), values=patrol(leader="Khác"))
    result = device.push(client, [changed]).json()["results"][0]
    assert result["status"] == "conflict"
    with engine.connect() as conn:
        stored = conn.execute(
            select(RecordRevisionRow.field_values, RecordRevisionRow.content_hash)
        ).one()
        kept = conn.execute(select(Conflict.content_hash, Conflict.payload)).one()
    assert stored.field_values == patrol(leader="Nguyễn Văn An")
    assert stored.content_hash == original["content_hash"]
    assert kept.content_hash == changed["content_hash"]
    assert kept.payload["values"] == patrol(leader="Khác")
    # Sent again, the conflict is answered the same and not kept twice.
    assert device.push(client, [changed]).json()["results"][0]["status"] == "conflict"
    assert _count(engine, Conflict) == 1


def test_new_revision_moves_the_head_and_keeps_history(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Revision 2 becomes the head; revision 1 stays in the history; an older one never wins."""
    first = make_record(values=patrol(leader="Một"))
    record_id = uuid.UUID(first["record_id"])
    second = make_record(record_id=record_id, revision=2, values=patrol(leader="Hai"))
    assert device.push(client, [second]).json()["stored"] == 1
    assert device.push(client, [first]).json()["stored"] == 1
    with engine.connect() as conn:
        head = conn.execute(select(Record.revision, Record.content_hash)).one()
    assert head.revision == 2
    assert head.content_hash == second["content_hash"]
    assert _count(engine, RecordRevisionRow) == 2


def test_bad_records_do_not_fail_the_batch(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Schema, hash, form version and station errors reject only their own record, with a code."""
    good = make_record()
    bad_hash = make_record()
    bad_hash["content_hash"] = "0" * 64
    missing = make_record()
    del missing["author"]
    unknown_form = make_record(form_version=9)
    other_station = make_record(station_code="00099")
    not_an_object = [1, 2]
    body = device.push(
        client, [good, bad_hash, missing, unknown_form, other_station, not_an_object]
    )
    assert body.status_code == 200, body.text
    results = body.json()["results"]
    assert [r["status"] for r in results] == ["stored"] + ["rejected"] * 5
    assert [r["code"] for r in results[1:]] == [
        "RECORD_HASH_MISMATCH",
        "RECORD_SCHEMA",
        "UNKNOWN_FORM_VERSION",
        "WRONG_STATION",
        "RECORD_SCHEMA",
    ]
    assert results[1]["record_id"] == bad_hash["record_id"]
    assert _count(engine, RecordRevisionRow) == 1


def test_twice_in_one_batch(client: TestClient, engine: Engine, device: StationDevice) -> None:
    """The same revision twice in a batch is stored once; a clashing twin is a conflict."""
    record = make_record()
    twin = make_record(record_id=uuid.UUID(record["record_id"]), values=patrol(leader="other"))
    statuses = [r["status"] for r in device.push(client, [record, record, twin]).json()["results"]]
    assert statuses == ["stored", "duplicate", "conflict"]
    assert _count(engine, RecordRevisionRow) == 1


def test_push_keeps_the_audit_head(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """The station's audit-chain head sent with a batch is kept in the receipt."""
    head = {"seq": 41, "hash": "ab" * 32}
    assert device.push(client, [make_record()], audit_head=head).status_code == 200
    with engine.connect() as conn:
        receipt = conn.execute(select(PushReceipt.audit_seq, PushReceipt.audit_hash)).one()
    assert tuple(receipt) == (41, "ab" * 32)


def test_uncompressed_push_also_works(client: TestClient, device: StationDevice) -> None:
    """gzip is what stations send, but an identity body is accepted too."""
    assert device.push(client, [make_record()], compress=False).json()["stored"] == 1


def test_record_id_of_another_station_is_rejected(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A device cannot write a new revision of a record another station owns."""
    from server.services import stations
    from tests.server.helpers import enrol_device

    record = make_record()
    device.push(client, [record])
    stations.add_station(engine, "00008", "Công an xã Khác")
    intruder = enrol_device(client, engine, "00008")
    hijack = make_record("00008", record_id=uuid.UUID(record["record_id"]), revision=2)
    result = intruder.push(client, [hijack]).json()["results"][0]
    assert (result["status"], result["code"]) == ("rejected", "WRONG_STATION")
    with engine.connect() as conn:
        assert conn.execute(select(Record.revision, Record.station_id)).one().revision == 1
    assert _count(engine, RecordRevisionRow) == 1
