"""Protocol versions side by side: version 2's document number and amendment reason are kept, a
report can replace the copy the centre holds, version 4's push learns whether updates wait, and an
old station's push still lands, its answer free of fields it does not know."""

from __future__ import annotations

import gzip
import json
import time
import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from protocol import MAX_PROTOCOL_VERSION, MIN_PROTOCOL_VERSION, PROTOCOL_VERSION
from protocol.messages import PushResponse, UpdateKind
from protocol.signing import sign_request
from server.models import RecordRevisionRow, StationReport, StationReportConflict
from server.services import catalog, console_records, feed, stations
from tests.server.helpers import PUSH, StationDevice, make_record
from tests.server.test_reports_ingest import REPORTS, frozen, submission


def _post(
    client: TestClient, device: StationDevice, path: str, document: dict[str, Any], protocol: int
) -> Any:
    """`document` signed and sent exactly as a station speaking `protocol` sends it (header
    included: an old station's header says 1)."""
    body = gzip.compress(json.dumps(document, ensure_ascii=False).encode("utf-8"))
    signed = sign_request(
        device.key, "POST", path, body, int(time.time()), device_id=device.device_id,
        protocol=protocol,
    )  # fmt: skip
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip", **signed}
    return client.post(path, content=body, headers=headers)


def _push(
    client, device, records: list[dict[str, Any]], protocol: int, **fields: Any
) -> dict[str, Any]:
    document = {"protocol_version": protocol, "batch_id": str(uuid.uuid4()), "records": records}
    response = _post(client, device, PUSH, document | fields, protocol)
    assert response.status_code == 200, response.text
    return response.json()


def _stored(engine: Engine, record_id: str) -> list[Any]:
    with engine.connect() as conn:
        return conn.execute(
            select(
                RecordRevisionRow.revision,
                RecordRevisionRow.document_number,
                RecordRevisionRow.amendment_reason,
            )
            .where(RecordRevisionRow.record_id == uuid.UUID(record_id))
            .order_by(RecordRevisionRow.revision)
        ).all()


def test_the_server_speaks_every_version(client: TestClient) -> None:
    health = client.get("/api/v1/health").json()
    assert (MIN_PROTOCOL_VERSION, MAX_PROTOCOL_VERSION, PROTOCOL_VERSION) == (1, 4, 4)
    assert (health["min_protocol_version"], health["max_protocol_version"]) == (1, 4)


def test_a_push_from_a_version_1_station_still_lands(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """An old station: version 1 in the header and the body, no number, no reason: stored."""
    record = make_record()
    answer = _push(client, device, [record], protocol=1)
    assert answer["stored"] == 1 and answer["results"][0]["status"] == "stored"
    assert _stored(engine, record["record_id"]) == [(1, None, None)]
    # Its answer holds only fields it knows: a station before version 4 refuses unknown ones.
    assert set(answer) <= set(PushResponse.model_fields) - {"feed_waiting"}


def test_a_push_with_its_pull_cursor_learns_whether_updates_wait(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Version 4: the answer says whether a pull after the cursor sent would receive anything,
    the station's own updates and everyone's, never another station's."""
    pulled = device.pull(client).json()["next_cursor"]  # the forms `db upgrade` published
    assert _push(client, device, [make_record()], 4, pull_cursor=0)["feed_waiting"] is True
    assert _push(client, device, [make_record()], 4, pull_cursor=pulled)["feed_waiting"] is False
    other = stations.add_station(engine, "00008", "Xã khác")
    record = make_record(station_code="00008")
    with engine.begin() as conn:  # a decision for another station's record is not this one's
        feed.append(conn, UpdateKind.REVIEW_DECISION, {"record_id": record["record_id"]}, other.id)
    assert _push(client, device, [make_record()], 4, pull_cursor=pulled)["feed_waiting"] is False
    catalog.publish_reference_data(engine, "don-vi-hanh-chinh", 3, [{"ma": "00004"}])
    assert _push(client, device, [make_record()], 4, pull_cursor=pulled)["feed_waiting"] is True
    assert "feed_waiting" not in _push(client, device, [make_record()], 4)


def test_a_pull_cursor_needs_version_4(client: TestClient, device: StationDevice) -> None:
    document = {"protocol_version": 3, "batch_id": str(uuid.uuid4()), "records": [],
                "pull_cursor": 0}  # fmt: skip
    response = _post(client, device, PUSH, document, protocol=3)
    assert response.status_code == 422
    assert response.json()["code"] == "VALIDATION_ERROR"


def test_number_and_amendment_reason_are_kept_and_shown(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Version 2 carries them outside the hash: stored with the revision, on the console's
    record page data, and a version-1 copy of the same revision is still a duplicate."""
    first = make_record() | {"document_number": "12/BB-TTCS"}
    record_id = first["record_id"]
    amended = make_record(record_id=uuid.UUID(record_id), revision=2)
    amended |= {"document_number": "12/BB-TTCS", "amendment_reason": "Sửa số nhà người báo tin"}
    answer = _push(client, device, [first, amended], protocol=2)
    assert [r["status"] for r in answer["results"]] == ["stored", "stored"]
    assert _stored(engine, record_id) == [
        (1, "12/BB-TTCS", None),
        (2, "12/BB-TTCS", "Sửa số nhà người báo tin"),
    ]
    old_copy = {
        k: v for k, v in amended.items() if k not in ("document_number", "amendment_reason")
    }
    again = _push(client, device, [old_copy], protocol=1)
    assert again["results"][0]["status"] == "duplicate"
    with engine.connect() as conn:
        shown = console_records.revisions(conn, uuid.UUID(record_id))
    assert [(r.document_number, r.amendment_reason) for r in shown] == [
        ("12/BB-TTCS", None),
        ("12/BB-TTCS", "Sửa số nhà người báo tin"),
    ]


def test_a_version_beyond_the_range_is_refused(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    response = _post(
        client, device, PUSH, {"protocol_version": 5, "batch_id": str(uuid.uuid4()),
        "records": [make_record()]}, protocol=5,
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["code"] == "UNSUPPORTED_PROTOCOL_VERSION"


def test_a_report_replaces_exactly_the_copy_it_names(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Conflict, then the station's supervisor asks to replace the centre's copy: stored in its
    place, the replaced copy kept aside. A replacement naming another hash (the centre's copy
    changed meanwhile) is a conflict again; version 1 cannot ask for it."""
    report_id = str(uuid.uuid4())
    centre = submission(frozen(report_id))
    station = submission(frozen(report_id, narrative={"assessment": "Đã sửa số liệu"}))
    assert _post(client, device, REPORTS, centre, 1).json()["status"] == "stored"
    assert _post(client, device, REPORTS, station, 1).json()["status"] == "conflict"

    old_style = station | {"replaces": centre["content_hash"]}
    refused = _post(client, device, REPORTS, old_style, 1)
    assert refused.status_code == 422 and refused.json()["code"] == "REPORT_SCHEMA"

    stale = station | {"protocol_version": 2, "replaces": "d" * 64}
    answer = _post(client, device, REPORTS, stale, 2).json()
    assert answer["status"] == "conflict" and answer["stored_hash"] == centre["content_hash"]

    replacing = station | {"protocol_version": 2, "replaces": centre["content_hash"]}
    answer = _post(client, device, REPORTS, replacing, 2).json()
    assert answer == {
        "report_id": report_id,
        "status": "stored",
        "stored_hash": station["content_hash"],
    }
    assert _post(client, device, REPORTS, replacing, 2).json()["status"] == "duplicate"
    with engine.connect() as conn:
        stored = conn.execute(select(StationReport.content_hash, StationReport.document)).one()
        aside = {
            row.content_hash: row.payload
            for row in conn.execute(select(StationReportConflict)).all()
        }
    assert stored.content_hash == station["content_hash"]
    assert stored.document == station["document"]
    assert aside[centre["content_hash"]]["document"] == centre["document"]
