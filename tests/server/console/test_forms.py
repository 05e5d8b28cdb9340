"""Console Forms: the catalogue with record counts in scope, a version's fields, and publishing a
new version from a JSON file — checked whole first, refused with the reason, admins only."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from domain.forms.catalogue import load_catalogue
from server.models import ConsoleAuditEntry, FormVersion, Update
from server.services import stations
from server.services.console_forms import MAX_DEFINITION_BYTES
from tests.server.console.helpers import create_user, csrf_of, login
from tests.server.helpers import enrol_device, form_document, make_record

PUBLISH = "/console/forms/publish"


def _stored(engine: Engine) -> tuple[int, int, int]:
    """What a publication changes: form versions, feed entries, `form.published` audit entries."""
    with engine.connect() as conn:
        versions = conn.execute(select(func.count()).select_from(FormVersion)).scalar_one()
        updates = conn.execute(select(func.count()).select_from(Update)).scalar_one()
        audited = conn.execute(
            select(func.count())
            .select_from(ConsoleAuditEntry)
            .where(ConsoleAuditEntry.action == "form.published")
        ).scalar_one()
    return versions, updates, audited


def _upload(client: TestClient, content: bytes, csrf: str | None, name: str = "F1.json") -> Any:
    data = {"csrf_token": csrf} if csrf is not None else {}
    files = {"definition": (name, content, "application/json")}
    return client.post(PUBLISH, data=data, files=files, follow_redirects=False)


def _admin(client: TestClient, engine: Engine) -> str:
    login(client, create_user(engine, "quantri", "admin", "all"))
    return csrf_of(client, "/console/forms")


def test_catalogue_lists_versions_with_records_in_scope(client: TestClient, engine: Engine) -> None:
    """Every bundled form shows its title and version; records count only the user's stations."""
    stations.add_station(engine, "00004")  # Hà Nội
    stations.add_station(engine, "01273")  # province 04
    for code, n in (("00004", 2), ("01273", 3)):
        device = enrol_device(client, engine, code)
        records = [make_record(code, device_seq=i + 1) for i in range(n)]
        assert device.push(client, records).status_code == 200
    login(client, create_user(engine, "xem01", "viewer", "province:01"))
    page = client.get("/console/forms")
    assert page.status_code == 200, page.text
    assert "Biên bản tiếp nhận nguồn tin về tội phạm" in page.text
    for form in load_catalogue():
        assert f'data-version="{form.id.lower()}-{form.version}"' in page.text
    row = page.text.split('data-version="f8-1"', 1)[1].split("</tr>", 1)[0]
    assert '<td class="num">2</td>' in row  # province 04's three records are not counted
    assert "Chỉ quản trị viên được phát hành phiên bản mới." in page.text
    assert 'action="/console/forms/publish"' not in page.text


def _type_cell(html: str, path: str) -> str:
    """The Type column of a field's row on a version's page."""
    row = re.search(rf'<tr data-field="{re.escape(path)}">(.*?)</tr>', html, re.S)
    assert row, path
    return re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)[2].strip()


def test_version_page_shows_sections_and_fields(client: TestClient, engine: Engine) -> None:
    """A version's page lists its sections and field labels from the stored definition, in
    Vietnamese or English."""
    login(client, create_user(engine, "xem01", "viewer", "province:01"))
    page = client.get("/console/forms/f1/2")
    assert page.status_code == 200, page.text
    assert "Tiếp nhận" in page.text and "Thời điểm tiếp nhận" in page.text
    assert 'data-field="received_at"' in page.text
    assert _type_cell(page.text, "received_at") == "Ngày giờ"
    assert _type_cell(page.text, "channel") == "Chọn một"
    # One sensitive badge style and wording with the record page.
    assert '<span class="badge sensitive">Nhạy cảm</span>' in page.text
    assert "badge amber" not in page.text and "nhạy cảm<" not in page.text
    assert client.get("/console/forms/f1/9").status_code == 404
    client.cookies.set("cax_lang", "en", path="/")
    english = client.get("/console/forms/f1/2").text
    assert "Crime report intake record" in english and "Time received" in english
    assert _type_cell(english, "received_at") == "Date and time"
    assert '<span class="badge sensitive">Sensitive</span>' in english
    assert client.get("/console/forms/nope/1").status_code == 404


def test_publishing_a_new_version_reaches_the_stations(client: TestClient, engine: Engine) -> None:
    """F1 version 3 from its JSON file is stored, audited and in every station's pull feed."""
    stations.add_station(engine, "00004")
    device = enrol_device(client, engine, "00004")
    csrf = _admin(client, engine)
    document = form_document("F1", 3)
    answer = _upload(client, json.dumps(document, ensure_ascii=False).encode(), csrf)
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/console/forms/f1/3?published=1"
    page = client.get(answer.headers["location"])
    assert "Đã phát hành" in page.text and "Thời điểm tiếp nhận" in page.text
    catalogue = client.get("/console/forms").text
    assert 'data-version="f1-3"' in catalogue
    feed = device.pull(client).json()["updates"]
    published = [
        u["payload"]
        for u in feed
        if u["kind"] == "form_version" and u["payload"]["form_id"] == "f1"
    ]
    assert [p["version"] for p in published] == [2, 3]
    assert published[1]["definition"]["form"] == document
    with engine.connect() as conn:
        entry = conn.execute(
            select(ConsoleAuditEntry).where(ConsoleAuditEntry.action == "form.published")
        ).one()
    assert (entry.actor, entry.target) == ("quantri", "f1 v3")
    assert entry.details["file"] == "F1.json"


def test_malformed_json_is_refused_with_where_it_breaks(client: TestClient, engine: Engine) -> None:
    """A file that is not JSON: the page names the line and column; nothing is stored."""
    csrf = _admin(client, engine)
    before = _stored(engine)
    answer = _upload(client, b'{"id": "F1",\n  "version": 2,,}', csrf)
    assert answer.status_code == 400
    assert "Tệp không phải JSON hợp lệ" in answer.text
    assert "F1.json, line 2, column 16" in answer.text
    assert _stored(engine) == before


def test_schema_breaking_definition_is_refused_with_path_and_reason(
    client: TestClient, engine: Engine
) -> None:
    """A field of an unknown type: the path inside the file and the schema's message; nothing
    stored, and an unknown field in a condition is caught by the linker the same way."""
    csrf = _admin(client, engine)
    before = _stored(engine)
    broken = form_document("F1", 3)
    broken["sections"][0]["fields"][2]["type"] = "bogus"
    answer = _upload(client, json.dumps(broken).encode(), csrf)
    assert answer.status_code == 400
    assert "Định nghĩa biểu mẫu không hợp lệ" in answer.text
    assert "F1.json sections[0].fields[2].type: &#39;bogus&#39; is not one of" in answer.text
    linked = form_document("F1", 3)
    linked["sections"][0]["fields"][0]["visible_if"] = "no_such_field == 1"
    answer = _upload(client, json.dumps(linked).encode(), csrf)
    assert answer.status_code == 400 and "unknown_field" in answer.text
    assert _stored(engine) == before


def test_version_not_above_the_latest_is_refused(client: TestClient, engine: Engine) -> None:
    """The shipped version again cannot replace what stations already have."""
    csrf = _admin(client, engine)
    before = _stored(engine)
    answer = _upload(client, json.dumps(form_document("F1", 2)).encode(), csrf)
    assert answer.status_code == 409
    assert "Số phiên bản phải lớn hơn phiên bản mới nhất" in answer.text
    assert "publish version 3 or higher" in answer.text
    assert _stored(engine) == before


def test_too_large_file_is_refused(client: TestClient, engine: Engine) -> None:
    """Just over 1 MB (read and measured) and far over it (refused from the header): a clear
    page each time, nothing stored."""
    csrf = _admin(client, engine)
    before = _stored(engine)
    document = form_document("F1", 3)
    padded = json.dumps({**document, "legal_basis": "x" * MAX_DEFINITION_BYTES}).encode()
    for content in (padded[: MAX_DEFINITION_BYTES + 10], padded * 3):
        answer = _upload(client, content, csrf)
        assert answer.status_code == 413
        assert "Tệp quá lớn (tối đa 1024 KB)" in answer.text
    assert _stored(engine) == before


def test_non_admin_cannot_publish(client: TestClient, engine: Engine) -> None:
    """A reviewer posting a valid file gets the 403 page; nothing is stored."""
    login(client, create_user(engine, "duyet", "reviewer", "all"))
    csrf = csrf_of(client, "/console/forms")
    before = _stored(engine)
    answer = _upload(client, json.dumps(form_document("F1", 3)).encode(), csrf)
    assert answer.status_code == 403
    assert "Không có quyền" in answer.text
    assert _stored(engine) == before


def test_missing_csrf_token_is_refused(client: TestClient, engine: Engine) -> None:
    """An admin's post without the form's token (another site's form) changes nothing."""
    _admin(client, engine)
    before = _stored(engine)
    answer = _upload(client, json.dumps(form_document("F1", 3)).encode(), None)
    assert answer.status_code == 403
    assert "Biểu mẫu đã hết hạn hoặc không hợp lệ" in answer.text
    forged = _upload(client, json.dumps(form_document("F1", 3)).encode(), "forged")
    assert forged.status_code == 403
    assert _stored(engine) == before
