"""Periodic reports: stored once per (station, report id), a resend is a duplicate, other content
under the same id is kept aside and never overwrites, and only a signed, honest, own-station
report is accepted."""

from __future__ import annotations

import gzip
import json
import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from protocol.canonical import document_hash
from server.cli import main
from server.core.config import Settings
from server.models import StationReport, StationReportConflict
from server.services import reports_ingest, stations
from tests.server.helpers import STATION_CODE, StationDevice, enrol_device

REPORTS = "/api/v1/reports"


def frozen(report_id: str, station_code: str = STATION_CODE, **changes: Any) -> dict[str, Any]:
    """A frozen report document shaped like the station's (desktop/storage/reports.py)."""
    return {
        "schema": 1,
        "report_id": report_id,
        "station": {"code": station_code, "name": "Công an phường Ba Đình"},
        "number": "05/BC",
        "submitted_by": "truong",
        "signer_name": "Nguyễn Văn Trưởng",
        "submitted_at": "2026-11-28T09:30:00+07:00",
        "narrative": {"assessment": "Tình hình ổn định."},
        "content": {
            "period_code": "2026-10",
            "sections": [{"id": "f2", "rows": [{"id": "f2.total", "current": 2, "previous": 1}]}],
            "rate": 12.5,
        },
        **changes,
    }


def submission(document: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {
        "protocol_version": 1,
        "report_id": document["report_id"],
        "station_code": document["station"]["code"],
        "period_code": "2026-10",
        "number": document["number"],
        "submitted_at": document["submitted_at"],
        "content_hash": document_hash(document),
        "document": document,
        **changes,
    }


def send(
    client: TestClient, device: StationDevice, body: dict[str, Any], *, compress: bool = True
) -> Any:
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    raw = gzip.compress(raw) if compress else raw
    headers = {"Content-Type": "application/json", **device.headers("POST", REPORTS, raw)}
    if compress:
        headers["Content-Encoding"] = "gzip"
    return client.post(REPORTS, content=raw, headers=headers)


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def test_new_report_is_stored_exactly(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A new report is stored with its document unchanged: it hashes as the station said."""
    document = frozen(str(uuid.uuid4()))
    body = submission(document)
    response = send(client, device, body)
    assert response.status_code == 200, response.text
    assert response.json() == {
        "report_id": document["report_id"],
        "status": "stored",
        "stored_hash": body["content_hash"],
    }
    with engine.connect() as conn:
        row = conn.execute(select(StationReport)).one()
    assert row.document == document
    assert document_hash(row.document) == row.content_hash == body["content_hash"]
    assert (row.period_code, row.number) == ("2026-10", "05/BC")


def test_resend_is_duplicate(client: TestClient, engine: Engine, device: StationDevice) -> None:
    """The same report sent again (a lost answer) answers duplicate and stores nothing twice."""
    body = submission(frozen(str(uuid.uuid4())))
    assert send(client, device, body).json()["status"] == "stored"
    again = send(client, device, body, compress=False)
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    assert _count(engine, StationReport) == 1
    assert _count(engine, StationReportConflict) == 0


def test_other_content_is_a_conflict_kept_aside(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Same id, other content: answered conflict, kept aside once, the stored one untouched."""
    report_id = str(uuid.uuid4())
    original = submission(frozen(report_id))
    send(client, device, original)
    changed = submission(frozen(report_id, narrative={"assessment": "Khác"}))
    for _ in range(2):
        answer = send(client, device, changed).json()
        assert answer["status"] == "conflict"
        assert answer["stored_hash"] == original["content_hash"]
    with engine.connect() as conn:
        stored = conn.execute(select(StationReport.content_hash, StationReport.document)).one()
        aside = conn.execute(select(StationReportConflict)).one()
    assert stored.content_hash == original["content_hash"]
    assert stored.document == original["document"]
    assert aside.content_hash == changed["content_hash"]
    assert aside.payload["document"] == changed["document"]


def test_wrong_hash_is_refused(client: TestClient, engine: Engine, device: StationDevice) -> None:
    """A document altered after hashing is refused with REPORT_HASH_MISMATCH; nothing stored."""
    body = submission(frozen(str(uuid.uuid4())))
    body["document"] = {**body["document"], "number": "06/BC"}
    response = send(client, device, body)
    assert response.status_code == 422
    assert response.json()["code"] == "REPORT_HASH_MISMATCH"
    assert _count(engine, StationReport) == 0


def test_forged_signature_is_refused(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A body changed after signing fails the signature check before it is read."""
    raw = json.dumps(submission(frozen(str(uuid.uuid4())))).encode("utf-8")
    headers = {"Content-Type": "application/json", **device.headers("POST", REPORTS, raw)}
    forged = raw.replace(b"05/BC", b"06/BC")
    response = client.post(REPORTS, content=forged, headers=headers)
    assert response.status_code == 401 and response.json()["code"] == "BAD_SIGNATURE"
    unsigned = client.post(REPORTS, content=raw, headers={"Content-Type": "application/json"})
    assert unsigned.status_code == 401 and unsigned.json()["code"] == "AUTH_MISSING"
    assert _count(engine, StationReport) == 0


def test_other_stations_report_is_refused(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A device sends only its own station's reports: another code, outside or inside the
    document, is WRONG_STATION (403)."""
    stations.add_station(engine, "00025", "Công an xã Tân Lập")
    foreign = submission(frozen(str(uuid.uuid4()), station_code="00025"))
    response = send(client, device, foreign)
    assert response.status_code == 403 and response.json()["code"] == "WRONG_STATION"
    inner = frozen(str(uuid.uuid4()), station_code="00025")
    disguised = submission(inner, station_code=STATION_CODE)
    assert send(client, device, disguised).json()["code"] == "WRONG_STATION"
    assert _count(engine, StationReport) == 0


def test_same_report_id_from_two_stations_is_kept_apart(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Reports are keyed by (station, id): another station's report never answers for ours."""
    stations.add_station(engine, "00025", "Công an xã Tân Lập")
    other = enrol_device(client, engine, "00025", name="PC-7")
    report_id = str(uuid.uuid4())
    assert send(client, device, submission(frozen(report_id))).json()["status"] == "stored"
    theirs = submission(frozen(report_id, station_code="00025"))
    assert send(client, other, theirs).json()["status"] == "stored"
    listed = reports_ingest.list_reports(engine, STATION_CODE)
    assert [str(r.report_id) for r in listed] == [report_id]


def test_submitted_at_is_kept_as_the_same_instant(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A station's local time (+07:00) comes back as the same instant in UTC on both databases:
    SQLite drops the offset, so 09:30+07:00 must be stored as 02:30 UTC, not as 09:30 UTC."""
    report_id = str(uuid.uuid4())
    assert send(client, device, submission(frozen(report_id))).json()["status"] == "stored"
    (listed,) = reports_ingest.list_reports(engine, STATION_CODE)
    assert listed.submitted_at == datetime(2026, 11, 28, 2, 30, tzinfo=UTC)


def test_malformed_submission_is_refused(client: TestClient, device: StationDevice) -> None:
    """Missing fields, an unknown field, or an unstorable float are REPORT_SCHEMA (422)."""
    body = submission(frozen(str(uuid.uuid4())))
    for bad in (
        {k: v for k, v in body.items() if k != "content_hash"},
        {**body, "extra": 1},
        submission(frozen(str(uuid.uuid4()), content={"x": -0.0})),
        submission(frozen(str(uuid.uuid4())), report_id=str(uuid.uuid4())),
    ):
        response = send(client, device, bad)
        assert response.status_code == 422, response.text
        assert response.json()["code"] == "REPORT_SCHEMA"


def test_cli_lists_a_stations_reports(
    client: TestClient, engine: Engine, device: StationDevice, cli_env: Settings, capsys: Any
) -> None:
    """`cax-server reports list --station` shows each report with its conflicts; an unknown
    station is one line with STATION_NOT_FOUND."""
    report_id = str(uuid.uuid4())
    send(client, device, submission(frozen(report_id)))
    send(client, device, submission(frozen(report_id, narrative={})))
    assert main(["reports", "list", "--station", STATION_CODE]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and out[0].startswith(report_id)
    assert "2026-10" in out[0] and "05/BC" in out[0] and out[0].endswith("1 conflicting")
    assert main(["reports", "list", "--station", "99999"]) == 1
    assert "Error [STATION_NOT_FOUND]" in capsys.readouterr().err
