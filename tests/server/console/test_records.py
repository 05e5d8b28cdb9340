"""The console's Records pages as a centre user sees them: the list with search, filters and
pages, one record as its form with its revisions, and Accept / Return reaching the station."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from html import unescape

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, update

from server.api.main import create_app
from server.core.config import Settings
from server.models import ConsoleAuditEntry, FormVersion, Record, RecordReview
from tests.server.console.helpers import create_user, csrf_of, login
from tests.server.console.records_helpers import (
    PROVINCE_B_STATION,
    person,
    push,
    station_device,
    wire_record,
)
from tests.server.helpers import STATION_CODE, StationDevice, example_values


@pytest.fixture
def device(client: TestClient, engine: Engine) -> StationDevice:
    return station_device(client, engine, STATION_CODE)


@pytest.fixture
def other_client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    """A second browser, for a second user signed in at the same time."""
    with TestClient(create_app(settings, engine=engine)) as second:
        yield second


def text_of(html: str) -> str:
    """The page's visible text, tags dropped and spaces collapsed (what a reader sees)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def listed(html: str) -> list[str]:
    """The record ids of the list's rows, in page order."""
    return re.findall(r'<tr data-record="([0-9a-f-]{36})">', html)


def audit_actions(engine: Engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(ConsoleAuditEntry.action, ConsoleAuditEntry.target).order_by(
                ConsoleAuditEntry.seq
            )
        ).all()
    return [(r.action, r.target) for r in rows]


def test_search_without_accents_finds_the_accented_name(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Typing "nguyen van duc" lists the record of "Nguyễn Văn Đức" and no other; the search
    is written to the audit log."""
    duc, hoa = (
        wire_record(device, values=person("Nguyễn Văn Đức")),
        wire_record(device, values=person("Lê Thị Hoà")),
    )
    push(client, device, [duc, hoa])
    login(client, create_user(engine, "tinh", "reviewer", "all"))
    page = client.get("/console/records", params={"q": "nguyen van duc"})
    assert page.status_code == 200
    assert listed(page.text) == [duc["record_id"]]
    assert "Tố giác: Nguyễn Văn Đức" in text_of(page.text)
    assert "Lê Thị Hoà" not in page.text
    assert ("records.searched", "records") in audit_actions(engine)
    everything = client.get("/console/records")
    assert sorted(listed(everything.text)) == sorted([duc["record_id"], hoa["record_id"]])


def test_filters_narrow_the_list_and_bad_input_gets_a_clear_page(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Form, unit, status and event-date filters each narrow the list; a bad date, a reversed
    range, an unknown status or a forged page link get a page saying what is wrong."""
    patrol, intake, sanction = (wire_record(device, form) for form in ("F8", "F1", "F10"))
    push(client, device, [patrol, intake, sanction])
    login(client, create_user(engine, "tinh", "admin", "all"))
    assert listed(client.get("/console/records?form=f8").text) == [patrol["record_id"]]
    assert len(listed(client.get(f"/console/records?station={STATION_CODE}").text)) == 3
    assert listed(client.get("/console/records?station=99999").text) == []
    assert listed(client.get("/console/records?from=01/07/2026&to=1/7/2026").text) == [
        sanction["record_id"]
    ]
    assert listed(client.get("/console/records?status=returned").text) == []
    waiting = client.get("/console/records?status=submitted&form=f1")
    assert listed(waiting.text) == [intake["record_id"]]
    assert "Chờ duyệt" in text_of(waiting.text)

    bad_date = client.get("/console/records?from=31/02/2026")
    assert bad_date.status_code == 400
    assert "Ngày «31/02/2026» không hợp lệ" in text_of(bad_date.text)
    reversed_range = client.get("/console/records?from=02/01/2026&to=01/01/2026")
    assert reversed_range.status_code == 400
    assert "phải trước hoặc bằng" in text_of(reversed_range.text)
    assert client.get("/console/records?status=gone").status_code == 400
    forged = client.get("/console/records?after=not-a-cursor")
    assert forged.status_code == 400
    assert "Liên kết trang không hợp lệ" in text_of(forged.text)


@pytest.mark.slow  # pages through hundreds of records
def test_next_page_links_neither_repeat_nor_skip(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """60 records: the first page shows 50, its "next" link the other 10, none twice, and the
    last page has no "next" link; the link keeps the filters."""
    first = [wire_record(device, "F8") for _ in range(30)]
    second = [wire_record(device, "F8") for _ in range(30)]
    push(client, device, first)
    push(client, device, second)
    push(client, device, [wire_record(device, "F1")])  # filtered out below
    login(client, create_user(engine, "tinh", "viewer", "province:01"))
    page = client.get("/console/records?form=f8")
    rows = listed(page.text)
    assert len(rows) == 50
    assert set(rows[:30]) == {r["record_id"] for r in second}  # newest received first
    link = unescape(re.search(r'href="([^"]+)" rel="next"', page.text).group(1))  # type: ignore[union-attr]
    assert "form=f8" in link and "after=" in link
    push(client, device, [wire_record(device, "F8")])  # arrives between the two pages
    rest = client.get(link)
    more = listed(rest.text)
    assert len(more) == 10 and not set(more) & set(rows)
    assert set(rows) | set(more) == {r["record_id"] for r in first + second}
    assert 'rel="next"' not in rest.text
    assert "Về trang đầu" in rest.text


def test_other_province_records_do_not_exist_for_a_province_user(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A Hà Nội reviewer neither lists nor opens a Bình Dương record: its URL is a 404 page, as
    for an unknown or malformed id; the Bình Dương record opens for a national user."""
    far = station_device(client, engine, PROVINCE_B_STATION)
    foreign = wire_record(far, "F1")
    push(client, far, [foreign])
    own = wire_record(device, "F8")
    push(client, device, [own])
    login(client, create_user(engine, "hanoi", "reviewer", "province:01"))
    assert listed(client.get("/console/records").text) == [own["record_id"]]
    for path in (
        f"/console/records/{foreign['record_id']}",
        f"/console/records/{uuid.uuid4()}",
        "/console/records/not-a-uuid",
        "/console/records/" + "1" * 300,
    ):
        page = client.get(path)
        assert page.status_code == 404, path
        assert "Không tìm thấy trang" in page.text
        assert "Nguyễn Văn Đức" not in page.text
    csrf = csrf_of(client, f"/console/records/{own['record_id']}")
    refused = client.post(
        f"/console/records/{foreign['record_id']}/review",
        data={"csrf_token": csrf, "decision": "accepted", "revision": "1", "comment": ""},
    )
    assert refused.status_code == 404
    with engine.connect() as conn:
        assert conn.execute(select(RecordReview.id)).all() == []
    assert client.get(f"/console/records/{own['record_id']}").status_code == 200


def test_record_page_shows_the_form_revisions_and_sensitive_fields(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """The record reads as its form: unit, form title, sections and labels, choices by label,
    dates dd/mm/yyyy, tables of items, sensitive fields marked; each revision with its author
    and what it changed; in English with the language switch."""
    record_id = uuid.uuid4()
    push(client, device, [wire_record(device, "F1", record_id=record_id)])
    changed = example_values("F1")
    changed["reporter"] = {**changed["reporter"], "occupation": "Kỹ sư"}
    push(
        client,
        device,
        [wire_record(device, "F1", record_id=record_id, revision=2, values=changed, author="hoa")],
    )
    login(client, create_user(engine, "tinh", "viewer", "all"))
    page = client.get(f"/console/records/{record_id}")
    assert page.status_code == 200
    seen = text_of(page.text)
    for expected in (
        "Công an phường Ba Đình (00004)",
        "F1 — Biên bản tiếp nhận nguồn tin về tội phạm",
        "Chờ duyệt",
        "Người tố giác, báo tin",  # a section
        "Hình thức tiếp nhận Trực tiếp",  # a choice by its label
        "Ngày, tháng, năm sinh 12/03/1985",
        "USB chứa đoạn ghi hình camera",  # a row of the items table
        "Người bị tố giác, nghi vấn Nhạy cảm",  # a sensitive field, marked
        "Lần 2 hoa",
        "Người tố giác, báo tin › Nghề nghiệp: Lái xe → Kỹ sư",
        "Lần 1 lan",
        "Bản đầu tiên gửi lên.",
        "Chưa có quyết định duyệt nào.",
    ):
        assert expected in seen, expected
    assert "Duyệt hồ sơ" not in seen  # a viewer gets no review form
    assert ("record.viewed", str(record_id)) in audit_actions(engine)
    client.cookies.set("cax_lang", "en")
    english = text_of(client.get(f"/console/records/{record_id}").text)
    assert "Channel In person" in english
    assert "Reporter › Occupation: Lái xe → Kỹ sư" in english


def test_return_needs_csrf_and_a_comment_then_reaches_the_station(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Without the form's token nothing changes; without a comment the page says so and keeps
    nothing; with both the return is stored, shown verbatim, audited, and pulled by the
    station as a review decision."""
    record = wire_record(device, "F1")
    push(client, device, [record])
    record_id = record["record_id"]
    login(client, create_user(engine, "tinh", "reviewer", "province:01", full_name="Trần Duyệt"))
    path = f"/console/records/{record_id}/review"
    form = {"decision": "returned", "revision": "1", "comment": "Thiếu số nhà <b>gấp</b>\nxem lại"}

    assert client.post(path, data=form).status_code == 403
    assert client.post(path, data={**form, "csrf_token": "forged"}).status_code == 403
    csrf = csrf_of(client, f"/console/records/{record_id}")
    empty = client.post(path, data={**form, "comment": "   ", "csrf_token": csrf})
    assert empty.status_code == 400
    assert "Hãy ghi ý kiến" in text_of(empty.text)
    too_long = client.post(path, data={**form, "comment": "x" * 2001, "csrf_token": csrf})
    assert too_long.status_code == 400 and "dài quá 2.000 ký tự" in text_of(too_long.text)
    with engine.connect() as conn:
        assert conn.execute(select(RecordReview.id)).all() == []
        assert conn.execute(select(Record.status)).scalar_one() == "submitted"
    before = device.pull(client).json()["next_cursor"]

    done = client.post(path, data={**form, "csrf_token": csrf}, follow_redirects=False)
    assert done.status_code == 303
    page = client.get(done.headers["location"])
    seen = text_of(page.text)
    assert "Đã trả lại hồ sơ để sửa" in seen
    assert "Trả lại để sửa Trần Duyệt (tinh) 1 Thiếu số nhà <b>gấp</b> xem lại" in seen
    assert "Thiếu số nhà &lt;b&gt;gấp&lt;/b&gt;\nxem lại" in page.text  # verbatim, escaped
    assert ("record.returned", record_id) in audit_actions(engine)
    pulled = device.pull(client, before).json()["updates"]
    assert [(u["kind"], u["payload"]["record_id"]) for u in pulled] == [
        ("review_decision", record_id)
    ]
    assert pulled[0]["payload"]["decision"] == "returned"
    assert pulled[0]["payload"]["comment"] == form["comment"]
    assert pulled[0]["payload"]["reviewer"] == "Trần Duyệt (tinh)"


def test_accept_is_refused_for_a_newer_revision_and_a_voided_record(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """Accepting what the reviewer saw: a revision that arrived meanwhile is not accepted
    unseen; a voided record shows its reason, offers no review and refuses one."""
    record_id = uuid.uuid4()
    push(client, device, [wire_record(device, "F8", record_id=record_id)])
    login(client, create_user(engine, "tinh", "admin", "all"))
    csrf = csrf_of(client, f"/console/records/{record_id}")
    push(client, device, [wire_record(device, "F8", record_id=record_id, revision=2)])
    path = f"/console/records/{record_id}/review"
    stale = client.post(path, data={"decision": "accepted", "revision": "1", "csrf_token": csrf})
    assert stale.status_code == 409
    assert "Đơn vị vừa gửi lên lần sửa mới" in text_of(stale.text)
    voided = wire_record(
        device, "F8", record_id=record_id, revision=3, deleted=True, delete_reason="Nhập trùng"
    )
    push(client, device, [voided])
    page = client.get(f"/console/records/{record_id}")
    seen = text_of(page.text)
    assert "Hồ sơ này đã bị hủy tại đơn vị. Lý do: Nhập trùng" in seen
    assert "Đã duyệt hồ sơ" not in text_of(client.get(f"{page.url.path}?done=accepted").text)
    assert "Hủy hồ sơ. Lý do: Nhập trùng" in seen
    assert 'value="accepted"' not in page.text
    refused = client.post(path, data={"decision": "accepted", "revision": "3", "csrf_token": csrf})
    assert refused.status_code == 409
    assert "không thể duyệt" in text_of(refused.text)
    with engine.connect() as conn:
        assert conn.execute(select(RecordReview.id)).all() == []
        assert conn.execute(select(Record.status)).scalar_one() == "deleted"


def test_a_viewer_cannot_review(
    client: TestClient, other_client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A viewer sees the record without review buttons, and a POST with a valid token is
    refused (403) with nothing stored; a reviewer's accept on the same record goes through."""
    record = wire_record(device, "F8")
    push(client, device, [record])
    path = f"/console/records/{record['record_id']}"
    login(client, create_user(engine, "xem", "viewer", "all"))
    page = client.get(path)
    assert page.status_code == 200 and 'value="accepted"' not in page.text
    csrf = csrf_of(client, path)
    answer = client.post(
        f"{path}/review", data={"decision": "accepted", "revision": "1", "csrf_token": csrf}
    )
    assert answer.status_code == 403
    with engine.connect() as conn:
        assert conn.execute(select(RecordReview.id)).all() == []
    login(other_client, create_user(engine, "duyet", "reviewer", f"station:{STATION_CODE}"))
    token = csrf_of(other_client, path)
    accepted = other_client.post(
        f"{path}/review", data={"decision": "accepted", "revision": "1", "csrf_token": token}
    )
    assert accepted.status_code == 200  # followed to the record page
    assert "Đã duyệt hồ sơ" in text_of(accepted.text)
    with engine.connect() as conn:
        assert conn.execute(select(RecordReview.decision)).scalar_one() == "accepted"


def test_a_record_of_an_unreadable_form_version_shows_its_values_raw(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """A form version stored before the server kept whole definitions cannot be rebuilt: the
    page says so and shows the values as sent, rather than failing."""
    record = wire_record(device, "F8")
    push(client, device, [record])
    with engine.begin() as conn:
        conn.execute(
            update(FormVersion)
            .where(FormVersion.form_id == "f8")
            .values(definition={"title": "Nhật ký tuần tra (cũ)"})
        )
    login(client, create_user(engine, "tinh", "viewer", "all"))
    page = client.get(f"/console/records/{record['record_id']}")
    assert page.status_code == 200
    seen = text_of(page.text)
    assert "Máy chủ không có định nghĩa biểu mẫu F8 phiên bản 1" in seen
    assert '"mission": "Tuần tra phòng chống trộm cắp tài sản' in unescape(page.text)


def test_record_page_shows_the_number_and_amendment_reason(
    client: TestClient, engine: Engine, device: StationDevice
) -> None:
    """From a station speaking protocol 2: the document number in the record's facts and each
    amendment's reason beside its changes; from an older station, a note that it has none."""
    record_id = uuid.uuid4()
    first = wire_record(device, "F1", record_id=record_id) | {"document_number": "07/BB-TTCS"}
    changed = example_values("F1")
    changed["reporter"] = {**changed["reporter"], "occupation": "Kỹ sư"}
    second = wire_record(device, "F1", record_id=record_id, revision=2, values=changed)
    second |= {"document_number": "07/BB-TTCS", "amendment_reason": "Ghi nhầm nghề nghiệp"}
    response = device.push(client, [first, second], protocol_version=2)
    assert response.json()["stored"] == 2, response.text
    older = wire_record(device, "F1")
    push(client, device, [older])
    login(client, create_user(engine, "tinh", "viewer", "all"))
    seen = text_of(client.get(f"/console/records/{record_id}").text)
    assert "Số văn bản 07/BB-TTCS" in seen
    assert "Lý do sửa: Ghi nhầm nghề nghiệp" in seen
    assert seen.count("Lý do sửa:") == 1  # the first revision is no amendment
    without = text_of(client.get(f"/console/records/{older['record_id']}").text)
    assert "Đơn vị chưa gửi số văn bản" in without
