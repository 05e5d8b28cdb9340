"""Overview and Stations pages: what a signed-in centre user sees and may do, through HTTP."""

from __future__ import annotations

import re
import uuid
from html import unescape

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from protocol.messages import AuditHead, RestoreDeclaration
from protocol.signing import enrolment_proof, new_private_key, public_key_b64
from server.models import Device, EnrolmentCode
from server.services import console_audit, stations
from tests.server.console.helpers import create_user, csrf_of, login
from tests.server.console.stations_data import (
    BA_DINH,
    CAO_BANG,
    CUA_NAM,
    GIANG_VO,
    HOAN_KIEM,
    NGOC_HA,
    THUC_PHAN,
    backdate,
    push_conflict,
    push_with_head,
    synced_station,
)
from tests.server.helpers import StationRoles, make_record


def _text(html: str) -> str:
    """The page's visible text, tags dropped and spaces collapsed, to assert what a user reads."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _card(html: str, health: str) -> int:
    """The figure on the overview's card that links to the list of `health` stations."""
    match = re.search(
        rf'href="/console/stations\?health={health}">\s*<span class="figure">([\d.]+)</span>', html
    )
    assert match, f"no card for {health}"
    return int(match.group(1).replace(".", ""))


def _list_codes(html: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r'<td><a href="/console/stations/(\d+)">', html)))


def _five_stations(client: TestClient, engine: Engine) -> None:
    """Hà Nội stations synced today, 3 and 10 days ago, never, and one with a conflict."""
    synced_station(client, engine, BA_DINH, records=2)
    backdate(engine, synced_station(client, engine, NGOC_HA), 3)
    backdate(engine, synced_station(client, engine, GIANG_VO), 10)
    stations.add_station(engine, HOAN_KIEM)
    push_conflict(client, synced_station(client, engine, CUA_NAM, records=0))


def test_overview_cards_and_silent_stations(client: TestClient, engine: Engine) -> None:
    """The overview counts stations per health (each card links to that list), records received
    and waiting, and lists the silent station with its last sync as dd/mm/yyyy HH:MM."""
    _five_stations(client, engine)
    login(client, create_user(engine, "quantri", "admin", "all"))
    page = client.get("/console/")
    assert page.status_code == 200, page.text
    html = page.text
    assert {h: _card(html, h) for h in ("today", "week", "stale", "never", "alert")} == {
        "today": 1,
        "week": 1,
        "stale": 1,
        "never": 1,
        "alert": 1,
    }
    text = _text(html)
    assert "Hồ sơ nhận hôm nay" in text and "Hồ sơ chờ duyệt" in text
    assert re.search(r"5 Hồ sơ nhận hôm nay", text)  # 2 + 1 + 1 + the conflict's original
    silent = html.split("Đơn vị không đồng bộ quá 7 ngày")[1]
    assert "Công an phường Giảng Võ" in silent and "Công an phường Ba Đình" not in silent
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", silent)
    client.cookies.set("cax_lang", "en")
    english = client.get("/console/")
    assert "Records received today" in english.text and "Over 7 days" in english.text


def test_list_shows_columns_filters_by_health(client: TestClient, engine: Engine) -> None:
    """The list shows each station's counts and badge; a health filter keeps only that bucket."""
    _five_stations(client, engine)
    login(client, create_user(engine, "quantri", "admin", "all"))
    html = client.get("/console/stations").text
    assert _list_codes(html) == [BA_DINH, NGOC_HA, GIANG_VO, HOAN_KIEM, CUA_NAM]
    row = _text(html.split(f'href="/console/stations/{BA_DINH}"')[2].split("</tr>")[0])
    assert re.search(r"Thành phố Hà Nội \d\d/\d\d/\d{4} \d\d:\d\d 1 2 0 0 Đồng bộ hôm nay", row)
    assert _list_codes(client.get("/console/stations?health=stale").text) == [GIANG_VO]
    assert _list_codes(client.get("/console/stations?health=alert").text) == [CUA_NAM]
    assert _list_codes(client.get("/console/stations?health=never").text) == [HOAN_KIEM]
    bad = client.get("/console/stations?health=xyz")
    assert bad.status_code == 400 and "Tình trạng «xyz» không có" in _text(bad.text)


def test_search_without_accents_and_by_province(client: TestClient, engine: Engine) -> None:
    """ "ba dinh" finds Phường Ba Đình; a user who sees all can narrow to one province."""
    stations.add_station(engine, BA_DINH)
    stations.add_station(engine, NGOC_HA)
    stations.add_station(engine, THUC_PHAN)
    login(client, create_user(engine, "quantri", "admin", "all"))
    found = client.get("/console/stations", params={"q": "ba dinh"})
    assert _list_codes(found.text) == [BA_DINH]
    assert "Công an phường Ba Đình" in found.text
    assert _list_codes(client.get("/console/stations?province=" + CAO_BANG).text) == [THUC_PHAN]
    assert _list_codes(client.get("/console/stations", params={"q": "0127"}).text) == [THUC_PHAN]
    unknown = client.get("/console/stations?province=99")
    assert unknown.status_code == 400 and "Không có tỉnh mã «99»" in _text(unknown.text)


def test_province_user_sees_only_their_province(client: TestClient, engine: Engine) -> None:
    """A Hà Nội user lists and counts only Hà Nội; Cao Bằng's station page is a 404 page, the
    same as a station that does not exist."""
    synced_station(client, engine, BA_DINH)
    synced_station(client, engine, THUC_PHAN)
    login(client, create_user(engine, "hanoi", "viewer", "province:01"))
    html = client.get("/console/stations").text
    assert _list_codes(html) == [BA_DINH]
    assert 'name="province"' not in html  # no province filter for a province user
    assert _list_codes(client.get(f"/console/stations?province={CAO_BANG}").text) == [BA_DINH]
    assert _card(client.get("/console/").text, "today") == 1
    assert client.get(f"/console/stations/{BA_DINH}").status_code == 200
    for code in (THUC_PHAN, "99999"):
        other = client.get(f"/console/stations/{code}")
        assert other.status_code == 404
        assert "Không tìm thấy trang" in other.text and "Thục Phán" not in other.text


def test_unregistered_units_of_the_province(client: TestClient, engine: Engine) -> None:
    """ "Not registered" lists the province's communes that have no station yet."""
    stations.add_station(engine, BA_DINH)
    login(client, create_user(engine, "hanoi", "viewer", "province:01"))
    html = client.get("/console/stations", params={"health": "unregistered", "q": "ngoc ha"}).text
    assert "Phường Ngọc Hà" in html and "Chưa đăng ký" in html
    all_units = client.get("/console/stations", params={"health": "unregistered"}).text
    assert "Phường Ba Đình" not in all_units
    assert "Phường Thục Phán" not in all_units  # Cao Bằng is not theirs


def test_station_page_shows_devices_history_and_reports(client: TestClient, engine: Engine) -> None:
    """A station's page lists its PC, its latest pushes with their counts and audit head."""
    device = synced_station(client, engine, BA_DINH, records=3, name="Máy tiếp dân")
    head = {"seq": 57, "hash": "ab" * 32}
    assert device.push(client, [make_record(BA_DINH)], audit_head=head).status_code == 200
    login(client, create_user(engine, "xem", "viewer", "all"))
    page = client.get(f"/console/stations/{BA_DINH}")
    assert page.status_code == 200
    text = _text(page.text)
    assert "Máy tiếp dân" in text and "Đang hoạt động" in text
    assert "Thu hồi" not in text  # a viewer has no revoke button
    assert "Tạo mã đăng ký máy mới" not in text  # nor a new code
    history = _text(page.text.split("Lịch sử đồng bộ")[1])
    assert re.search(r"\d\d:\d\d Máy tiếp dân 1 1 0 0 0 57 ", history)
    assert re.search(r"\d\d:\d\d Máy tiếp dân 3 3 0 0 0 ", history)
    assert "Chưa có báo cáo nào." in text


def test_revoke_needs_csrf_and_reviewer_and_is_audited(client: TestClient, engine: Engine) -> None:
    """Revoking takes a reviewer, the form's token and a reason; it is audited, shown on the
    page, and the PC's next signed push is refused."""
    device = synced_station(client, engine, BA_DINH)
    url = f"/console/stations/{BA_DINH}/devices/{device.device_id}/revoke"
    viewer = create_user(engine, "xem", "viewer", "all")
    login(client, viewer)
    token = csrf_of(client, f"/console/stations/{BA_DINH}")
    assert client.post(url, data={"csrf_token": token, "reason": "mất"}).status_code == 403
    client.cookies.clear()
    login(client, create_user(engine, "duyet", "reviewer", "province:01"))
    forged = client.post(url, data={"csrf_token": "x" * 43, "reason": "mất máy"})
    assert forged.status_code == 403 and "không có gì thay đổi" in _text(forged.text)
    token = csrf_of(client, f"/console/stations/{BA_DINH}")
    empty = client.post(url, data={"csrf_token": token, "reason": "   "})
    assert empty.status_code == 400 and "Hãy ghi lý do thu hồi máy" in _text(empty.text)
    with engine.connect() as conn:
        assert conn.execute(select(Device.revoked_at)).scalar_one() is None
    assert device.push(client, [make_record(BA_DINH)]).status_code == 200
    done = client.post(
        url, data={"csrf_token": token, "reason": "Máy bị mất trộm"}, follow_redirects=False
    )
    assert done.status_code == 303
    page = client.get(done.headers["location"])
    assert "Đã thu hồi máy." in page.text and "Máy bị mất trộm" in page.text
    refused = device.push(client, [make_record(BA_DINH)])
    assert (refused.status_code, refused.json()["code"]) == (403, "DEVICE_REVOKED")
    entries, _ = console_audit.list_entries(engine, action="device.revoked")
    assert [(e.actor, e.target, e.details["reason"]) for e in entries] == [
        ("duyet", f"device:{device.device_id}", "Máy bị mất trộm")
    ]
    again = client.post(url, data={"csrf_token": token, "reason": "lần nữa"}, follow_redirects=True)
    assert "đã bị thu hồi từ trước" in again.text
    assert console_audit.list_entries(engine, action="device.revoked")[1] == 1


def test_no_revocation_or_code_without_its_audit_entry(
    client: TestClient, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The action and its audit entry share one transaction: when the entry cannot be written,
    the PC is not revoked and no enrolment code exists."""
    device = synced_station(client, engine, BA_DINH)
    login(client, create_user(engine, "quantri", "admin", "all"))
    token = csrf_of(client, f"/console/stations/{BA_DINH}")
    with engine.connect() as conn:
        codes_before = conn.execute(select(EnrolmentCode.code_hash)).all()

    def broken(*_args: object) -> int:
        raise RuntimeError("the audit table is unwritable")

    monkeypatch.setattr(console_audit, "append", broken)
    for url, data in [
        (f"/console/stations/{BA_DINH}/devices/{device.device_id}/revoke", {"reason": "mất"}),
        (f"/console/stations/{BA_DINH}/enrolment-code", {"hours": "24"}),
    ]:
        assert client.post(url, data={"csrf_token": token, **data}).status_code == 500
    with engine.connect() as conn:
        assert conn.execute(select(Device.revoked_at)).scalar_one() is None
        assert conn.execute(select(EnrolmentCode.code_hash)).all() == codes_before


def test_revoke_outside_scope_is_not_found(client: TestClient, engine: Engine) -> None:
    """A Hà Nội reviewer cannot revoke a Cao Bằng PC, nor a PC under another station's URL."""
    theirs = synced_station(client, engine, THUC_PHAN)
    synced_station(client, engine, BA_DINH)
    login(client, create_user(engine, "duyet", "reviewer", "province:01"))
    token = csrf_of(client, f"/console/stations/{BA_DINH}")
    for code in (THUC_PHAN, BA_DINH):
        response = client.post(
            f"/console/stations/{code}/devices/{theirs.device_id}/revoke",
            data={"csrf_token": token, "reason": "thử"},
        )
        assert response.status_code == 404
    bogus = client.post(
        f"/console/stations/{BA_DINH}/devices/{uuid.uuid4()}/revoke",
        data={"csrf_token": token, "reason": "thử"},
    )
    assert bogus.status_code == 404
    with engine.connect() as conn:
        assert conn.execute(select(Device.revoked_at).where(Device.revoked_at != None)).all() == []  # noqa: E711


def test_new_enrolment_code_is_shown_once_and_works(client: TestClient, engine: Engine) -> None:
    """An admin gets a one-time code with its expiry and QR code; the code enrols a PC; only
    its issue (never the code) is audited; a reviewer may not issue one."""
    stations.add_station(engine, BA_DINH)
    login(client, create_user(engine, "quantri", "admin", "all"))
    token = csrf_of(client, f"/console/stations/{BA_DINH}")
    url = f"/console/stations/{BA_DINH}/enrolment-code"
    assert client.post(url, data={"hours": "24"}).status_code == 403  # no token
    bad = client.post(url, data={"csrf_token": token, "hours": "9999"})
    assert bad.status_code == 400 and "Thời hạn mã không hợp lệ" in _text(bad.text)
    page = client.post(url, data={"csrf_token": token, "hours": "24"})
    assert page.status_code == 200
    code = re.search(r'class="issued-code">([^<]+)<', page.text).group(1)  # type: ignore[union-attr]
    assert "<svg" in page.text and "Hết hạn lúc" in page.text
    assert re.search(r"Hết hạn lúc \d\d/\d\d/\d{4} \d\d:\d\d", _text(page.text))
    key = new_private_key()
    enrolled = client.post(
        "/api/v1/enroll",
        json={
            "protocol_version": 1,
            "code": unescape(code),
            "public_key": public_key_b64(key),
            "device_name": "Máy mới",
            "proof": enrolment_proof(key, unescape(code)),
        },
    )
    assert enrolled.status_code == 200, enrolled.text
    assert "Máy mới" in client.get(f"/console/stations/{BA_DINH}").text
    assert code not in client.get(f"/console/stations/{BA_DINH}").text
    entries, _ = console_audit.list_entries(engine, action="enrolment.code_issued")
    assert [(e.actor, e.target, e.details["hours"]) for e in entries] == [
        ("quantri", f"station:{BA_DINH}", 24)
    ]
    assert unescape(code) not in str(entries[0].details)
    client.cookies.clear()
    login(client, create_user(engine, "duyet", "reviewer", "all"))
    token = csrf_of(client, f"/console/stations/{BA_DINH}")
    assert client.post(url, data={"csrf_token": token, "hours": "24"}).status_code == 403
    with engine.connect() as conn:
        assert len(conn.execute(select(EnrolmentCode.id)).all()) == 1


def test_signed_out_user_goes_to_sign_in(client: TestClient, engine: Engine) -> None:
    """Without a session the pages send the browser to sign in and show nothing."""
    stations.add_station(engine, BA_DINH)
    for path in ("/console/", "/console/stations", f"/console/stations/{BA_DINH}"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/console/login")


def test_station_user_sees_their_own_station_only(client: TestClient, engine: Engine) -> None:
    """A user scoped to one station sees it alone, with no "not registered" card or filter."""
    synced_station(client, engine, BA_DINH)
    synced_station(client, engine, NGOC_HA)
    login(client, create_user(engine, "badinh", "viewer", f"station:{BA_DINH}"))
    overview = client.get("/console/").text
    assert _card(overview, "today") == 1
    assert "health=unregistered" not in overview
    listing = client.get("/console/stations").text
    assert _list_codes(listing) == [BA_DINH] and 'value="unregistered"' not in listing
    assert client.get(f"/console/stations/{NGOC_HA}").status_code == 404


def test_long_lists_are_paged_by_fifty(client: TestClient, engine: Engine) -> None:
    """Hà Nội's 126 communes without a station make three pages: 50, 50 and 26 rows."""
    login(client, create_user(engine, "hanoi", "viewer", "province:01"))
    first = client.get("/console/stations?health=unregistered")
    assert "126 xã, phường chưa có đơn vị." in _text(first.text)
    assert "Trang 1/3" in first.text and "page=2" in first.text
    last = client.get("/console/stations?health=unregistered&page=3").text
    assert last.count("<tr><td>") == 26 and "Trang 3/3" in last and "page=2" in last


def test_station_page_shows_refused_heads_and_declared_restores(
    client: TestClient, engine: Engine
) -> None:
    """The evidence of a refused audit head and a supervisor's declared restore are listed on
    the station's page with what was anchored and what came, the restore as declared."""
    device = synced_station(client, engine, BA_DINH, records=0)
    push_with_head(client, device, 40)
    push_with_head(client, device, 12, refused="AUDIT_ROLLBACK")
    declared = AuditHead(seq=12, hash=f"{12:064x}")
    declaration = RestoreDeclaration(
        declaration_id=uuid.uuid4(),
        station_code=BA_DINH,
        device_id=uuid.UUID(device.device_id),
        head=declared,
        reason="Ổ cứng hỏng, khôi phục bản sao lưu",
        supervisor="truong",
        declared_at="2026-12-04T09:00:00+00:00",
    )
    roles = StationRoles()  # the declaration is signed by a supervisor of the station's roster
    declaration = declaration.signed_as("truong", roles.users["truong"][1]).signed_with(device.key)
    answer = device.push(
        client,
        [roles.sign(make_record(BA_DINH))],
        audit_head=declared.model_dump(),
        restore=declaration.model_dump(mode="json"),
        roster=roles.roster(),
    )
    assert answer.status_code == 200, answer.text
    login(client, create_user(engine, "xem", "viewer", "all"))
    page = client.get(f"/console/stations/{BA_DINH}")
    text = _text(page.text)
    assert "Nhật ký của một máy bị lùi lại" in text  # the alert box
    audit = _text(page.text.split('id="audit-alerts"')[1].split("</table>")[0])
    assert "Khôi phục từ bản sao lưu đã khai báo" in audit
    assert "truong: Ổ cứng hỏng, khôi phục bản sao lưu" in audit
    assert "Nhật ký bị lùi (đã từ chối)" in audit
    assert "PC-1 mục 40 · 000000000000 mục 12 · 000000000000" in audit
