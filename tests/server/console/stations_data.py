"""Stations, devices and pushes for the stations tests, made through the product's own services
and API; only timestamps that must lie in the past are moved back by hand."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from server.models import Device, PushReceipt
from server.services import stations
from tests.server.helpers import StationDevice, enrol_device, make_record, patrol

# Communes of the bundled reference data: four in Hà Nội (01), one in Cao Bằng (04).
BA_DINH = "00004"  # Phường Ba Đình
NGOC_HA = "00008"  # Phường Ngọc Hà
GIANG_VO = "00025"  # Phường Giảng Võ
HOAN_KIEM = "00070"  # Phường Hoàn Kiếm
CUA_NAM = "00082"  # Phường Cửa Nam
THUC_PHAN = "01273"  # Phường Thục Phán, Cao Bằng
HA_NOI, CAO_BANG = "01", "04"


def synced_station(
    client: TestClient, engine: Engine, code: str, *, records: int = 1, name: str = "PC-1"
) -> StationDevice:
    """A registered station with one device that pushed `records` records just now."""
    stations.add_station(engine, code)
    device = enrol_device(client, engine, code, name)
    if records:
        pushed = device.push(client, [make_record(code) for _ in range(records)])
        assert pushed.status_code == 200, pushed.text
        assert pushed.json()["stored"] == records
    return device


def backdate(engine: Engine, device: StationDevice, days: float) -> None:
    """Make the device's last contact (and its pushes) `days` days old."""
    when = datetime.now(UTC) - timedelta(days=days)
    device_id = uuid.UUID(device.device_id)
    with engine.begin() as conn:
        conn.execute(update(Device).where(Device.id == device_id).values(last_seen_at=when))
        conn.execute(
            update(PushReceipt).where(PushReceipt.device_id == device_id).values(received_at=when)
        )


def push_conflict(client: TestClient, device: StationDevice) -> None:
    """Store a record, then send the same revision with other content: a conflict kept aside."""
    original = make_record(device.station_code, values=patrol(leader="Nguyễn Văn An"))
    assert device.push(client, [original]).json()["stored"] == 1
    clash = make_record(
        device.station_code,
        record_id=uuid.UUID(original["record_id"]),
        values=patrol(leader="Trần Văn Bình"),
    )
    assert device.push(client, [clash]).json()["conflict"] == 1


def push_rejected(client: TestClient, device: StationDevice) -> Any:
    """A batch with one record whose content hash is wrong: rejected by the server."""
    bad = make_record(device.station_code)
    bad["content_hash"] = "0" * 64
    answer = device.push(client, [bad]).json()
    assert answer["rejected"] == 1
    return answer


def push_with_head(
    client: TestClient, device: StationDevice, seq: int, refused: str | None = None
) -> None:
    """A batch carrying the station's audit-chain head `seq`; `refused` is the code expected
    when the server must refuse it."""
    head = {"seq": seq, "hash": f"{seq:064x}"}
    answer = device.push(client, [make_record(device.station_code)], audit_head=head)
    if refused is None:
        assert answer.status_code == 200, answer.text
    else:
        assert (answer.status_code, answer.json()["code"]) == (409, refused), answer.text
