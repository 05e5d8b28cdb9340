"""Records for the console's record tests, sent the way a station sends them: signed pushes of
wire revisions whose values are the bundled forms' valid examples (docs/examples)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from domain.forms.catalogue import load_catalogue
from protocol.canonical import content_hash_fields
from protocol.messages import RecordRevision
from server.models import Station
from server.services import stations
from tests.server.helpers import StationDevice, enrol_device, example_values

# Forms whose example is valid as of the wire record's date below (the others describe events
# later than it and would be refused as "in the future").
FORMS = ("F1", "F3", "F4", "F8", "F10")
CHANGED_AT = "2026-11-22T08:30:00.000000Z"
PROVINCE_B_STATION = "25747"  # Phường Thủ Dầu Một, province 79 (Hà Nội's 00004 is province 01)


def _version(form: str) -> int:
    """The version of the form this program ships (the one `db upgrade` registered)."""
    return load_catalogue().get(form.upper()).version


def wire_record(
    device: StationDevice,
    form: str = "F1",
    *,
    values: dict[str, Any] | None = None,
    record_id: uuid.UUID | None = None,
    revision: int = 1,
    author: str = "lan",
    deleted: bool = False,
    delete_reason: str | None = None,
    device_seq: int = 1,
) -> dict[str, Any]:
    """A valid wire revision of `form` for the device's station, with its content hash."""
    record: dict[str, Any] = {
        "record_id": str(record_id or uuid.uuid4()),
        "revision": revision,
        "station_code": device.station_code,
        "form_id": form.lower(),
        "form_version": _version(form),
        "author": author,
        "created_at": CHANGED_AT,
        "updated_at": CHANGED_AT,
        "deleted": deleted,
        "delete_reason": delete_reason,
        "values": values if values is not None else example_values(form),
        "device_seq": device_seq,
    }
    parsed = RecordRevision.model_validate({**record, "content_hash": "0" * 64})
    record["content_hash"] = content_hash_fields(
        record_id=record["record_id"],
        revision=revision,
        station_code=device.station_code,
        form_id=record["form_id"],
        form_version=_version(form),
        author=author,
        created_at=parsed.created_at,
        updated_at=parsed.updated_at,
        deleted=deleted,
        delete_reason=delete_reason,
        values=record["values"],
    )
    return record


def push(client: TestClient, device: StationDevice, records: list[dict[str, Any]]) -> None:
    """Push signed; every revision must be stored (a refused example would hide a test bug)."""
    response = device.push(client, records)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["stored"] == len(records), body


def person(name: str) -> dict[str, Any]:
    """The F1 example with another reporter (who is also the victim) by name: a distinct,
    searchable record."""
    values = example_values("F1")
    values["reporter"] = {**values["reporter"], "full_name": name}
    values["victims"] = [{**values["victims"][0], "full_name": name}]
    values["narrative"] = (
        f"Khoảng 22 giờ 30 ngày 20/11/2026, xe máy Honda Wave của {name} để trước cửa nhà, "
        "khóa cổ, đã bị mất. Camera nhà đối diện ghi lại hai thanh niên đi xe không biển số."
    )
    return values


def station_device(
    client: TestClient, engine: Engine, code: str, name: str | None = None
) -> StationDevice:
    """A station for commune `code` (its province from the registered units) and one device."""
    with engine.connect() as conn:
        exists = conn.execute(Station.__table__.select().where(Station.code == code)).first()
    if exists is None:
        stations.add_station(engine, code, name)
    return enrol_device(client, engine, code, f"PC-{code}")
