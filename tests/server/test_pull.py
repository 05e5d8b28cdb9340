"""Pull: form versions, reference data, review decisions and revocations, in cursor order."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from protocol.messages import ReviewDecision
from server.models import Record
from server.services import catalog, devices, reviews, stations
from tests.server.helpers import (
    STATION_CODE,
    StationDevice,
    enrol_device,
    form_document,
    make_record,
)


def test_pull_returns_every_kind_in_order(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A station sees the form version, reference data, its review decision and a revocation."""
    record = make_record()
    device.push(client, [record])
    record_id = uuid.UUID(record["record_id"])
    catalog.publish_reference_data(engine, "don-vi-hanh-chinh", 3, [{"ma": "00004"}])
    reviews.review_record(
        engine, record_id, ReviewDecision.RETURNED, "Thiếu số CCCD", "can-bo-tinh"
    )
    sibling = enrol_device(client, engine, STATION_CODE, "PC-2")
    devices.revoke_device(engine, uuid.UUID(sibling.device_id), "máy hỏng")
    body = device.pull(client).json()
    kinds = [u["kind"] for u in body["updates"]]
    # The bundled forms `db upgrade` registered come first, then everything since, in order.
    assert kinds == ["form_version"] * 10 + ["reference_data", "review_decision", "revocation"]
    cursors = [u["cursor"] for u in body["updates"]]
    assert cursors == sorted(cursors)
    assert body["next_cursor"] == cursors[-1]
    review = body["updates"][-2]["payload"]
    assert review["decision"] == "returned"
    assert review["comment"] == "Thiếu số CCCD"
    assert review["record_id"] == str(record_id)
    assert body["updates"][-1]["payload"]["device_id"] == sibling.device_id
    with engine.connect() as conn:
        assert conn.execute(select(Record.status)).scalar_one() == "returned"


def test_cursor_only_moves_forward_and_pages(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Paging with `limit` walks the feed once; the last page keeps the cursor where it is."""
    for version in range(2, 7):
        catalog.publish_form_document(engine, form_document("F8", version))
    seen, cursor = [], 0
    while True:
        page = device.pull(client, cursor, limit=2).json()
        seen += [
            u["payload"]["version"] for u in page["updates"] if u["payload"]["form_id"] == "f8"
        ]
        assert page["next_cursor"] >= cursor
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert seen == [1, 2, 3, 4, 5, 6]
    assert device.pull(client, cursor).json() == {
        "updates": [],
        "next_cursor": cursor,
        "has_more": False,
    }


def test_station_sees_only_its_own_decisions(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A review decision for one station's record is not sent to another station."""
    record = make_record()
    device.push(client, [record])
    reviews.review_record(engine, uuid.UUID(record["record_id"]), ReviewDecision.ACCEPTED, "", "x")
    stations.add_station(engine, "00008", "Công an xã Khác")
    other = enrol_device(client, engine, "00008")
    kinds = [u["kind"] for u in other.pull(client).json()["updates"]]
    assert set(kinds) == {"form_version"}


def test_bad_cursor_is_a_validation_error(client: TestClient, device: StationDevice) -> None:
    """A negative cursor is a 422 with a code."""
    response = device.pull(client, -1)
    assert (response.status_code, response.json()["code"]) == (422, "VALIDATION_ERROR")
