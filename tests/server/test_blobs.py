"""Attachment blobs over the wire: chunks are idempotent, the whole is checked by its SHA-256,
a blob is its station's alone, an upload resumes from what the server holds, limits refuse."""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from protocol.attachments import (
    CHUNK_SIZE,
    blob_path,
    chunk_path,
    complete_path,
    whole_path,
)
from server.core.config import Settings
from server.models import Blob, BlobChunk
from server.services import stations
from tests.server.helpers import StationDevice, enrol_device, make_record

PAYLOAD = os.urandom(2 * CHUNK_SIZE + 1234)
SHA = hashlib.sha256(PAYLOAD).hexdigest()


def _chunk(n: int, payload: bytes = PAYLOAD) -> bytes:
    return payload[n * CHUNK_SIZE : (n + 1) * CHUNK_SIZE]


def _call(client: TestClient, device: StationDevice, method: str, path: str, body: bytes = b""):
    return client.request(method, path, content=body, headers=device.headers(method, path, body))


SIZE = len(PAYLOAD)


def _begin(client, device, sha=SHA, size=SIZE, media_type="image/jpeg"):
    body = json.dumps({"size": size, "media_type": media_type}).encode()
    return _call(client, device, "POST", blob_path(sha), body)


def _put(client, device, n, data=None, sha=SHA):
    return _call(client, device, "PUT", chunk_path(sha, n), _chunk(n) if data is None else data)


def _chunk_rows(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(BlobChunk)).scalar_one()


def _upload_all(client: TestClient, device: StationDevice) -> dict[str, Any]:
    assert _begin(client, device).status_code == 200
    for n in range(3):
        assert _put(client, device, n).status_code == 200
    answer = _call(client, device, "POST", complete_path(SHA))
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_whole_upload_completes_and_is_stored_once(client, device, engine):
    status = _upload_all(client, device)
    assert status["complete"] is True and status["received"] == [0, 1, 2]
    assert status["chunks"] == 3 and status["size"] == len(PAYLOAD)
    with engine.connect() as conn:
        data = conn.execute(select(BlobChunk.data).order_by(BlobChunk.seq)).scalars()
        assert hashlib.sha256(b"".join(data)).hexdigest() == SHA


def test_the_same_chunk_again_is_a_no_op(client, device, engine):
    _begin(client, device)
    first = _put(client, device, 1)
    again = _put(client, device, 1)
    assert first.status_code == again.status_code == 200
    assert again.json()["received"] == [1]
    assert _chunk_rows(engine) == 1
    # Announcing again is idempotent too, and tells what is held.
    assert _begin(client, device).json()["received"] == [1]


def test_a_resumed_upload_sends_only_what_is_missing(client, device, engine):
    _begin(client, device)
    _put(client, device, 0)
    status = _call(client, device, "GET", blob_path(SHA)).json()
    assert status["received"] == [0] and status["complete"] is False
    early = _call(client, device, "POST", complete_path(SHA))
    assert early.status_code == 409 and early.json()["code"] == "BLOB_INCOMPLETE"
    for n in (1, 2):
        _put(client, device, n)
    assert _call(client, device, "POST", complete_path(SHA)).json()["complete"] is True
    assert _chunk_rows(engine) == 3


def test_bytes_that_do_not_hash_to_the_name_are_refused_and_dropped(client, device, engine):
    _begin(client, device)
    _put(client, device, 0)
    _put(client, device, 1, b"\0" * CHUNK_SIZE)  # right length, wrong bytes
    _put(client, device, 2)
    answer = _call(client, device, "POST", complete_path(SHA))
    assert answer.status_code == 422 and answer.json()["code"] == "BLOB_HASH_MISMATCH"
    assert _chunk_rows(engine) == 0
    assert _call(client, device, "GET", blob_path(SHA)).json()["code"] == "BLOB_UNKNOWN"


def test_a_chunk_of_the_wrong_length_or_number_is_refused(client, device, engine):
    _begin(client, device)
    short = _put(client, device, 0, b"x" * 10)
    past_end = _put(client, device, 3, b"x")
    assert short.json()["code"] == past_end.json()["code"] == "BLOB_CHUNK_INVALID"
    assert _chunk_rows(engine) == 0


def test_another_stations_blob_cannot_be_read_filled_or_completed(client, device, engine):
    _upload_all(client, device)
    stations.add_station(engine, "00008", "Công an xã khác")
    other = enrol_device(client, engine, "00008", name="PC-khac")
    for method, path, body in (
        ("GET", blob_path(SHA), b""),
        ("PUT", chunk_path(SHA, 0), _chunk(0)),
        ("POST", complete_path(SHA), b""),
    ):
        answer = _call(client, other, method, path, body)
        assert answer.status_code == 404 and answer.json()["code"] == "BLOB_UNKNOWN", path
    assert _chunk_rows(engine) == 3


def test_a_chunk_before_the_announcement_is_refused(client, device):
    answer = _put(client, device, 0)
    assert answer.status_code == 404 and answer.json()["code"] == "BLOB_UNKNOWN"


def test_unsigned_requests_are_refused(client, device):
    assert client.get(blob_path(SHA)).status_code == 401


def test_size_and_type_limits_are_refused_with_their_code(client, device, engine):
    too_big = _begin(client, device, size=25 * 1024 * 1024 + 1)
    assert too_big.status_code == 413 and too_big.json()["code"] == "BLOB_TOO_LARGE"
    wrong_type = _begin(client, device, media_type="application/x-msdownload")
    assert wrong_type.status_code == 415 and wrong_type.json()["code"] == "BLOB_TYPE_REFUSED"
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Blob)).scalar_one() == 0


def test_announcing_again_with_another_size_is_a_conflict(client, device):
    _begin(client, device)
    answer = _begin(client, device, size=5)
    assert answer.status_code == 409 and answer.json()["code"] == "BLOB_CONFLICT"


SMALL = os.urandom(300_000)
SMALL_SHA = hashlib.sha256(SMALL).hexdigest()


def _whole(client, device, data=SMALL, sha=SMALL_SHA, media_type="application/pdf"):
    return _call(client, device, "PUT", whole_path(sha, media_type), data)


def test_a_one_chunk_blob_goes_whole_in_one_request_and_again_changes_nothing(
    client, device, engine
):
    """Protocol 3: announce, chunk 0 and complete in one signed request; idempotent."""
    first = _whole(client, device)
    assert first.status_code == 200, first.text
    status = first.json()
    assert status["complete"] is True and status["received"] == [0]
    assert (status["size"], status["media_type"], status["chunks"]) == (
        len(SMALL),
        "application/pdf",
        1,
    )
    again = _whole(client, device)
    assert again.status_code == 200 and again.json() == status
    assert _chunk_rows(engine) == 1
    # The chunked route sees the same blob: complete, nothing missing.
    assert _call(client, device, "GET", blob_path(SMALL_SHA)).json() == status


def test_a_whole_blob_is_checked_and_limited_like_a_chunked_one(client, device, engine):
    """Wrong bytes, a refused type, more than one chunk, another station: each its code."""
    wrong = _whole(client, device, data=b"x" * len(SMALL))
    assert wrong.status_code == 422 and wrong.json()["code"] == "BLOB_HASH_MISMATCH"
    assert _chunk_rows(engine) == 0
    assert _call(client, device, "GET", blob_path(SMALL_SHA)).json()["code"] == "BLOB_UNKNOWN"
    refused = _whole(client, device, media_type="text/html")
    assert refused.status_code == 415 and refused.json()["code"] == "BLOB_TYPE_REFUSED"
    malformed = _whole(client, device, media_type="not a type")
    assert malformed.json()["code"] == "VALIDATION_ERROR"
    too_long = _whole(client, device, data=PAYLOAD, sha=SHA)
    assert too_long.json()["code"] == "BLOB_CHUNK_INVALID"
    assert _chunk_rows(engine) == 0
    assert _whole(client, device).json()["complete"] is True
    conflict = _whole(client, device, media_type="image/jpeg")
    assert conflict.status_code == 409 and conflict.json()["code"] == "BLOB_CONFLICT"
    stations.add_station(engine, "00008", "Công an xã khác")
    other = enrol_device(client, engine, "00008", name="PC-khac")
    # Another station's upload of the same bytes is its own blob: the first stays its owner's.
    assert _whole(client, other).json()["complete"] is True
    assert _chunk_rows(engine) == 2


def test_limits_come_from_the_environment():
    settings = Settings.from_env(
        {"CAX_SERVER_BLOB_MAX_BYTES": "1000", "CAX_SERVER_BLOB_TYPES": "image/png, Image/JPEG"}
    )
    assert settings.blob_max_bytes == 1000
    assert settings.blob_media_types == frozenset({"image/png", "image/jpeg"})


def _with_attachment(
    record: dict[str, Any], sha: str, ref: dict[str, Any] | None = None
) -> dict[str, Any]:
    from datetime import datetime

    from protocol.canonical import canonical_json, content_hash_with_values, metadata_document

    ref = ref or {
        "sha256": sha,
        "size": 7,
        "media_type": "image/jpeg",
        "name": "a.jpg",
        "field": None,
    }
    stamp = datetime.fromisoformat(record["created_at"].replace("Z", "+00:00"))
    metadata = metadata_document(
        record_id=record["record_id"],
        revision=record["revision"],
        station_code=record["station_code"],
        form_id=record["form_id"],
        form_version=record["form_version"],
        author=record["author"],
        created_at=stamp,
        updated_at=stamp,
        deleted=False,
        delete_reason=None,
        attachments=[ref],
    )
    digest = content_hash_with_values(metadata, canonical_json(record["values"]))
    return {**record, "attachments": [ref], "content_hash": digest}


def test_a_revision_listing_attachments_is_hashed_with_them(client, device):
    record = make_record(device.station_code)
    plain_hash = record["content_hash"]
    listed = _with_attachment(record, SHA)
    assert listed["content_hash"] != plain_hash
    tampered = {**listed, "attachments": [{**listed["attachments"][0], "name": "b.jpg"}]}
    answer = device.push(client, [listed, {**tampered, "revision": 2}])
    results = answer.json()["results"]
    assert results[0]["status"] == "stored", results[0]
    assert results[1]["code"] == "RECORD_HASH_MISMATCH"
    assert results[0]["attachments_complete"] is False


@pytest.mark.parametrize("listed", [None, []])
def test_a_revision_without_attachments_hashes_as_before(listed):
    from protocol.messages import RecordRevision

    record = make_record()
    if listed is not None:
        record["attachments"] = listed
    revision = RecordRevision.model_validate(record)
    assert revision.expected_hash() == record["content_hash"]


def test_records_export_can_carry_the_attachments(
    client, device, engine, cli_env, capsys, tmp_path
):
    """`records export --with-attachments DIR`: each row lists the files its hash covers, and
    each complete file is in DIR under its SHA-256, byte for byte."""
    from protocol.messages import RecordRevision
    from tests.server.test_cli import run

    ref = {
        "sha256": SHA,
        "size": SIZE,
        "media_type": "image/jpeg",
        "name": "ảnh.jpg",
        "field": None,
    }
    record = _with_attachment(make_record(device.station_code), SHA, ref)
    assert device.push(client, [record]).json()["stored"] == 1
    _upload_all(client, device)
    folder = tmp_path / "files"
    code, out, err = run(capsys, "records", "export", "--with-attachments", str(folder))
    assert code == 0, err
    row = json.loads(out.splitlines()[0])
    assert row["attachments"] == [{**ref, "file": SHA}]
    assert (folder / SHA).read_bytes() == PAYLOAD
    listed = [{k: v for k, v in a.items() if k != "file"} for a in row["attachments"]]
    keep = set(RecordRevision.model_fields) - {"attachments"}
    again = RecordRevision.model_validate(
        {k: v for k, v in row.items() if k in keep} | {"attachments": listed}
    )
    assert again.expected_hash() == row["content_hash"]  # verifiable from the export alone
    code, out, _ = run(capsys, "records", "export")
    assert "attachments" not in json.loads(out.splitlines()[0])  # only when asked
