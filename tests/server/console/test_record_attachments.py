"""A record's attachments on its console page: listed with the revision that has them, an image
as a thumbnail, each downloadable (streamed, audited) by users whose scope holds the record, a
file not yet complete listed without a link, another province's record's files a 404."""

from __future__ import annotations

import hashlib
import io
import json
from typing import Any

from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import Engine

from protocol.attachments import CHUNK_SIZE, blob_path, chunk_path, complete_path
from protocol.canonical import canonical_json, content_hash_with_values
from protocol.messages import RecordRevision
from tests.server.console.helpers import create_user, login
from tests.server.console.records_helpers import (
    PROVINCE_B_STATION,
    push,
    station_device,
    wire_record,
)
from tests.server.console.test_records import audit_actions
from tests.server.helpers import STATION_CODE, StationDevice


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


PNG = _png()
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 5000 + b"\n%%EOF\n"  # over one chunk


def _ref(data: bytes, name: str, media_type: str) -> dict[str, Any]:
    sha = hashlib.sha256(data).hexdigest()
    return {"sha256": sha, "size": len(data), "media_type": media_type, "name": name, "field": None}


def _with(record: dict[str, Any], refs: list[dict[str, Any]]) -> dict[str, Any]:
    listed = {**record, "attachments": refs, "content_hash": "0" * 64}
    revision = RecordRevision.model_validate(listed)
    digest = content_hash_with_values(revision.hashed_document(), canonical_json(record["values"]))
    return {**listed, "content_hash": digest}


def _upload(client: TestClient, device: StationDevice, data: bytes, media_type: str) -> None:
    sha = hashlib.sha256(data).hexdigest()

    def call(method: str, path: str, body: bytes = b"") -> None:
        answer = client.request(
            method, path, content=body, headers=device.headers(method, path, body)
        )
        assert answer.status_code == 200, answer.text

    call("POST", blob_path(sha), json.dumps({"size": len(data), "media_type": media_type}).encode())
    for n in range(0, max(1, -(-len(data) // CHUNK_SIZE))):
        call("PUT", chunk_path(sha, n), data[n * CHUNK_SIZE : (n + 1) * CHUNK_SIZE])
    call("POST", complete_path(sha))


def test_attachments_are_listed_shown_and_downloaded_in_scope(
    client: TestClient, engine: Engine
) -> None:
    device = station_device(client, engine, STATION_CODE)
    record = _with(
        wire_record(device, "F1"),
        [_ref(PNG, "hiện trường.png", "image/png"), _ref(PDF, "biên bản.pdf", "application/pdf")],
    )
    push(client, device, [record])
    _upload(client, device, PNG, "image/png")  # the PDF is still on its way
    login(client, create_user(engine, "hanoi", "reviewer", "province:01"))
    page = client.get(f"/console/records/{record['record_id']}")
    assert page.status_code == 200
    assert "Tài liệu kèm theo (2)" in page.text
    png_url = (
        f"/console/records/{record['record_id']}/attachments/{hashlib.sha256(PNG).hexdigest()}"
    )
    pdf_url = (
        f"/console/records/{record['record_id']}/attachments/{hashlib.sha256(PDF).hexdigest()}"
    )
    assert f'src="{png_url}?inline=1"' in page.text  # a thumbnail
    assert f'href="{pdf_url}"' not in page.text and "chưa gửi xong" in page.text
    assert client.get(pdf_url).status_code == 404  # not complete: nothing to serve

    _upload(client, device, PDF, "application/pdf")
    assert f'href="{pdf_url}"' in client.get(f"/console/records/{record['record_id']}").text
    got = client.get(pdf_url)
    assert got.status_code == 200 and got.content == PDF
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["content-disposition"].startswith("attachment; filename*=UTF-8''bi%C3%AAn")
    thumb = client.get(png_url, params={"inline": 1})
    assert thumb.content == PNG and thumb.headers["content-disposition"].startswith("inline")
    assert thumb.headers["content-security-policy"].startswith("sandbox")
    # A PDF asked for inline still comes as a download.
    assert (
        client.get(pdf_url, params={"inline": 1})
        .headers["content-disposition"]
        .startswith("attachment")
    )
    assert ("record.attachment_opened", record["record_id"]) in audit_actions(engine)


def test_another_provinces_attachment_is_not_found(client: TestClient, engine: Engine) -> None:
    far = station_device(client, engine, PROVINCE_B_STATION)
    record = _with(wire_record(far, "F1"), [_ref(PNG, "a.png", "image/png")])
    push(client, far, [record])
    _upload(client, far, PNG, "image/png")
    login(client, create_user(engine, "hanoi", "reviewer", "province:01"))
    url = f"/console/records/{record['record_id']}/attachments/{hashlib.sha256(PNG).hexdigest()}"
    assert client.get(url).status_code == 404
    other = f"/console/records/{record['record_id']}/attachments/{'0' * 64}"
    assert client.get(other).status_code == 404


def test_records_without_attachments_show_no_section(client: TestClient, engine: Engine) -> None:
    device = station_device(client, engine, STATION_CODE)
    record = wire_record(device, "F8")
    push(client, device, [record])
    login(client, create_user(engine, "trunguong", "reviewer", "all"))
    assert "Tài liệu kèm theo" not in client.get(f"/console/records/{record['record_id']}").text
