"""U+0000 in any string of any request: a coded 4xx (or that record rejected), never a 500, and
nothing stored. PostgreSQL text cannot hold it, so one that slipped through would fail a write.

Each test walks a valid request, puts a NUL into each of its strings (values and keys) in turn
and sends it; a check against the request's pydantic model makes sure every string field of the
model was among them, so a field added later is covered too."""

from __future__ import annotations

import copy
import dataclasses
import gzip
import hashlib
import json
import struct
import types
import typing
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel
from sqlalchemy import Engine, func, select

from protocol import bundle as bundle_format
from protocol.bundle import BundleHeader, write_bundle
from protocol.bundle_receipt import read_receipt
from protocol.canonical import (
    canonical_json,
    content_hash_with_values,
    document_hash,
    metadata_document,
)
from protocol.messages import (
    AuditHead,
    EnrollRequest,
    ErrorBody,
    PushRequest,
    RecordRevision,
    ReportSubmission,
    RestoreDeclaration,
)
from protocol.signing import enrolment_proof, new_private_key, public_key_b64
from server.api.main import create_app
from server.core.config import Settings
from server.models import Device, RecordRevisionRow, StationReport
from server.services import enrolment
from tests.server.helpers import STATION_CODE, StationDevice, StationRoles, example_values

Path = tuple[Any, ...]
NUL = "\x00"


def string_paths(document: Any, path: Path = ()) -> Iterator[tuple[Path, bool]]:
    """(path, is_key) of every string in a JSON document, and of every object key."""
    if isinstance(document, str):
        yield path, False
    elif isinstance(document, dict):
        for key, value in document.items():
            yield (*path, key), True
            yield from string_paths(value, (*path, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield from string_paths(value, (*path, index))


def with_nul(document: Any, path: Path, is_key: bool) -> Any:
    """A copy of `document` with U+0000 in the middle of the string (or key) at `path`."""
    changed = copy.deepcopy(document)
    parent = changed
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if is_key:
        parent[last[:1] + NUL + last[1:]] = parent.pop(last)
    else:
        text = parent[last]
        parent[last] = text[:1] + NUL + text[1:]
    return changed


def _field_names(path: Path) -> str:
    return ".".join(str(step) for step in path if not isinstance(step, int))


def model_string_fields(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Dotted names of every field of `model` (nested models followed) that holds strings."""
    found: set[str] = set()
    for name, info in model.model_fields.items():
        dotted = f"{prefix}{name}"
        stack = [info.annotation]
        while stack:
            kind = stack.pop()
            if kind is str or kind is dict or typing.get_origin(kind) is dict:
                found.add(dotted)
            elif isinstance(kind, type) and issubclass(kind, BaseModel):
                found |= model_string_fields(kind, f"{dotted}.")
            elif isinstance(kind, types.UnionType) or typing.get_origin(kind) in (
                typing.Union,
                list,
                typing.Annotated,
            ):
                stack.extend(typing.get_args(kind))
            elif isinstance(kind, type) and issubclass(kind, uuid.UUID):
                found.add(dotted)  # sent as a string, parsed by the model
    return found


def variants(document: dict[str, Any], model: type[BaseModel]) -> list[tuple[str, Any]]:
    """Every NUL variant of `document`, after checking they reach every string field."""
    paths = list(string_paths(document))
    reached = {_field_names(p) for p, _ in paths}
    missing = {f for f in model_string_fields(model) if not any(r.startswith(f) for r in reached)}
    assert not missing, f"the example leaves out {missing}: fill every string field"
    return [
        (f"{'key ' if is_key else ''}{'.'.join(map(str, path))}", with_nul(document, path, is_key))
        for path, is_key in paths
    ]


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def _coded_refusal(response: Any, where: str) -> str:
    assert 400 <= response.status_code < 500, (where, response.status_code, response.text)
    # The answer itself is a valid ErrorBody: no NUL echoed back from the request.
    return ErrorBody.model_validate(response.json()).code.value


# --- enrolment -----------------------------------------------------------------------------


def test_nul_in_any_enrolment_string_is_refused(
    client: TestClient, engine: Engine, station: Any
) -> None:
    """Device name, code, key, proof: each with a NUL is VALIDATION_ERROR, no device made."""
    code = enrolment.issue_code(engine, station.code, 1).code
    key = new_private_key()
    request = {
        "protocol_version": 1,
        "code": code,
        "public_key": public_key_b64(key),
        "device_name": "Máy trực ban",
        "proof": enrolment_proof(key, code),
        "roster": StationRoles().roster(),
    }
    for where, body in variants(request, EnrollRequest):
        response = client.post("/api/v1/enroll", json=body)
        assert _coded_refusal(response, where) == "VALIDATION_ERROR", where
    assert _count(engine, Device) == 0
    assert client.post("/api/v1/enroll", json=request).status_code == 200


# --- push ------------------------------------------------------------------------------------


def _voided_record() -> dict[str, Any]:
    """A valid wire record with every optional string filled (a void carries its reason)."""
    from datetime import UTC, datetime

    stamp = datetime(2026, 11, 22, 8, 30, tzinfo=UTC)
    record = {
        "record_id": str(uuid.uuid4()),
        "revision": 1,
        "station_code": STATION_CODE,
        "form_id": "f8",
        "form_version": 1,
        "author": "lan",
        "created_at": "2026-11-22T08:30:00.000000Z",
        "updated_at": "2026-11-22T08:30:00.000000Z",
        "deleted": True,
        "delete_reason": "Nhập trùng",
        "values": example_values("F8"),
        "device_seq": 1,
        # Protocol version 2's facts (outside the hash): filled, so a NUL is tried there too.
        "document_number": "12/BB-TTCS",
        "amendment_reason": "Sửa số nhà",
        # A file of the revision, every string filled: its list is part of the content hash.
        "attachments": [
            {
                "sha256": "a" * 64,
                "size": 1234,
                "media_type": "image/jpeg",
                "name": "ảnh ca trực.jpg",
                "field": "shift",
            }
        ],
    }
    metadata = metadata_document(
        record_id=record["record_id"],
        revision=1,
        station_code=STATION_CODE,
        form_id="f8",
        form_version=1,
        author="lan",
        created_at=stamp,
        updated_at=stamp,
        deleted=True,
        delete_reason="Nhập trùng",
        attachments=record["attachments"],
    )
    record["content_hash"] = content_hash_with_values(metadata, canonical_json(record["values"]))
    return StationRoles().sign(record)  # its author's signature: the last optional strings


def _push_document(record: dict[str, Any], device: StationDevice | None = None) -> dict[str, Any]:
    """A push with every optional envelope part: the station's signed roster, the record signed
    by its author (issue 13), and a restore declaration signed by the station's supervisor and
    `device` (a valid one, so that a NUL in a record reaches the record checks)."""
    roles = StationRoles()
    declaration = RestoreDeclaration(
        declaration_id=uuid.uuid4(),
        station_code=record["station_code"],
        device_id=uuid.UUID(device.device_id) if device else uuid.uuid4(),
        head=AuditHead(seq=2, hash="b" * 64),
        reason="Khôi phục từ bản sao lưu",
        supervisor="truong",
        declared_at="2026-12-04T10:00:00+00:00",
    )
    signed = declaration.signed_as("truong", roles.users["truong"][1]).signed_with(
        device.key if device else new_private_key()
    )
    return {
        "protocol_version": 2,
        "batch_id": str(uuid.uuid4()),
        "audit_head": {"seq": 3, "hash": "a" * 64},
        "audit_anchor": {"seq": 2, "hash": "b" * 64},
        "restore": signed.model_dump(mode="json"),
        "roster": roles.roster(),
        "records": [roles.sign(record)],
    }


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_nul_in_any_push_string_is_refused(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """In the envelope: a coded 4xx. In a record (metadata, values, keys): that record is
    rejected with RECORD_SCHEMA. Never a 500, never stored."""
    document = _push_document(_voided_record(), device)
    for where, changed in variants(document, PushRequest):
        body = gzip.compress(json.dumps(changed, ensure_ascii=False).encode("utf-8"))
        response = device.push_raw(client, body)
        if where.startswith(("records.", "key records.")):
            assert response.status_code == 200, (where, response.text)
            result = response.json()["results"][0]
            assert (result["status"], result["code"]) == ("rejected", "RECORD_SCHEMA"), where
        else:
            assert _coded_refusal(response, where) == "VALIDATION_ERROR", where
    assert _count(engine, RecordRevisionRow) == 0
    document["batch_id"] = str(uuid.uuid4())
    assert device.push(client, document["records"]).json()["stored"] == 1


# --- periodic reports ------------------------------------------------------------------------


def test_nul_in_any_report_string_is_refused(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Period, number, station, hash, and every string of the frozen document: a coded 4xx."""
    from tests.server.test_reports_ingest import frozen, send, submission

    report = submission(frozen(str(uuid.uuid4())))
    # Version 2's optional hash of a copy to replace: with none stored, the report is stored.
    report |= {"protocol_version": 2, "replaces": "c" * 64}
    for where, changed in variants(report, ReportSubmission):
        if where.startswith(("document.", "key document.")):
            # A station hashes what it froze: a NUL inside gets a matching hash.
            changed["content_hash"] = document_hash(changed["document"])
        code = _coded_refusal(send(client, device, changed), where)
        assert code in ("REPORT_SCHEMA", "WRONG_STATION"), (where, code)
    assert _count(engine, StationReport) == 0
    assert send(client, device, report).json()["status"] == "stored"


# --- offline bundles -------------------------------------------------------------------------


def _with_header(data: bytes, header: dict[str, Any], device: StationDevice) -> bytes:
    """`data` with its header replaced, checksum and signature made again: an authentic file
    whose only fault is the header."""
    prefix = bundle_format._PREFIX
    _, version, header_length = prefix.unpack_from(data)
    rest = data[prefix.size + header_length : -(32 + 64)]
    raw = canonical_json(header)
    body = prefix.pack(bundle_format.MAGIC, version, len(raw)) + raw + rest
    digest = hashlib.sha256(body).digest()
    return body + digest + device.key.sign(bundle_format.SIGNATURE_CONTEXT + digest)


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_nul_in_any_bundle_string_is_refused(
    engine: Engine, settings: Settings, device: StationDevice
) -> None:
    """Header strings: BUNDLE_MALFORMED. A record's strings: that record rejected (RECORD_SCHEMA)
    in the signed receipt. Nothing stored."""
    unlimited = dataclasses.replace(settings, bundle_uploads_per_hour=10_000)
    with TestClient(create_app(unlimited, engine=engine)) as client:
        _send_bundles_with_nul(client, engine, device)


def _send_bundles_with_nul(client: TestClient, engine: Engine, device: StationDevice) -> None:
    options = {
        "station_code": device.station_code,
        "device_id": device.device_id,
        "device_key": device.key,
        "server_box_key": device.enrolment["server_box_key"],
    }
    good = write_bundle([_voided_record()], **options)
    header_length = struct.unpack_from(">I", good, 10)[0]
    header = json.loads(good[14 : 14 + header_length])
    for where, changed in variants(header, BundleHeader):
        response = client.post("/api/v1/bundles", content=_with_header(good, changed, device))
        assert _coded_refusal(response, where) == "BUNDLE_MALFORMED", where
    record = _voided_record()
    for where, changed in variants(record, RecordRevision):
        response = client.post("/api/v1/bundles", content=write_bundle([changed], **options))
        assert response.status_code == 200, (where, response.text)
        receipt = read_receipt(
            response.content,
            device.enrolment["server_signing_key"],
            station_code=device.station_code,
            device_id=device.device_id,
        )
        result = receipt.results[0]
        assert (result.status, result.code) == ("rejected", "RECORD_SCHEMA"), where
    assert _count(engine, RecordRevisionRow) == 0


def test_the_models_refuse_nul_themselves() -> None:
    """Outside the free JSON of `values` and `document` (checked by the services, so that one
    record alone is rejected), the wire models refuse a NUL by themselves: one place, on both
    sides."""
    from tests.server.test_reports_ingest import frozen, submission

    code, key = "K7QMX-4HNPR-ZT2WA", new_private_key()
    examples: list[tuple[type[BaseModel], dict[str, Any]]] = [
        (
            EnrollRequest,
            {
                "code": code,
                "public_key": public_key_b64(key),
                "device_name": "Máy trực ban",
                "proof": enrolment_proof(key, code),
                "roster": StationRoles().roster(),
            },
        ),
        (PushRequest, _push_document(_voided_record())),
        (ReportSubmission, submission(frozen(str(uuid.uuid4()))) | {"replaces": "c" * 64}),
    ]
    for model, document in examples:
        model.model_validate(document)
        for where, changed in variants(document, model):
            if ".values" in where or where.startswith(("document", "key document")):
                continue
            with pytest.raises(ValueError):
                model.model_validate(changed)
