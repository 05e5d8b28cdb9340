"""Console Reports: a period's roll-up over the stations in scope, those that have not submitted,
one station's report (404 outside the scope), and the Excel export (text never a formula)."""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from html import unescape
from typing import Any

import openpyxl
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from domain.forms.catalogue import load_catalogue
from domain.reports.builder import PeriodData, build_content
from domain.reports.periods import parse_period
from domain.reports.profile import StationProfile
from domain.reports.tally import ReportRecord
from server.models import ConsoleAuditEntry
from server.services import stations
from tests.server.console.helpers import create_user, csrf_of, login
from tests.server.helpers import StationDevice, enrol_device
from tests.server.test_reports_ingest import frozen, send, submission

CATALOGUE = load_catalogue()
# Province 01 (Hà Nội): two stations submit, one does not; province 04's station submits too.
BA_DINH, NGOC_HA, GIANG_VO, THUC_PHAN = "00004", "00008", "00025", "01273"


def content(
    period: str, incidents: int, deaths: int, profile: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A report's content as a station computes it (domain/reports/builder.py): `incidents`
    criminal incidents in the period with `deaths` deaths in all, and the station profile."""
    p = parse_period(period)
    day = p.start.isoformat()
    records = [
        ReportRecord("F2", day, {"category": "hinh_su", "deaths": deaths if i == 0 else 0})
        for i in range(incidents)
    ]
    version = StationProfile(1, day, profile, "truong", day) if profile is not None else None
    now = PeriodData(p, records, profile=version)
    return build_content(CATALOGUE, now, PeriodData(p.same_period_last_year())).to_json()


def submit(
    client: TestClient,
    device: StationDevice,
    period: str,
    body: dict[str, Any],
    number: str = "05/BC",
    narrative: dict[str, str] | None = None,
) -> str:
    """A report sent the way a station sends it: a signed POST /api/v1/reports."""
    report_id = str(uuid.uuid4())
    document = frozen(
        report_id,
        device.station_code,
        number=number,
        content=body,
        narrative=narrative or {"plans": "Tăng cường tuần tra."},
    )
    answer = send(client, device, submission(document, period_code=period))
    assert answer.status_code == 200 and answer.json()["status"] == "stored", answer.text
    return report_id


def row_cells(html: str, row_id: str) -> list[str]:
    """The cells of a figures row as a user reads them (tags stripped)."""
    match = re.search(
        rf"<tr data-{'indicator' if row_id.startswith('r12.') else 'row'}="
        rf'"{re.escape(row_id)}">(.*?)</tr>',
        html,
        re.S,
    )
    assert match, f"no row {row_id}"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", c)).split()) for c in cells]


def table(html: str, table_id: str) -> str:
    match = re.search(rf'<table id="{table_id}">(.*?)</table>', html, re.S)
    return match.group(1) if match else ""


def _province_setup(client: TestClient, engine: Engine) -> dict[str, Any]:
    for code in (BA_DINH, NGOC_HA, GIANG_VO, THUC_PHAN):
        stations.add_station(engine, code)
    devices = {code: enrol_device(client, engine, code) for code in (BA_DINH, NGOC_HA, THUC_PHAN)}
    ids = {
        BA_DINH: submit(
            client,
            devices[BA_DINH],
            "2026-10",
            content(
                "2026-10",
                1,
                2,
                {
                    "hq_status": "da_co",
                    "staff_total": 14,
                    "cars": 1,
                    "chief_in_party_committee": "co",
                },
            ),
        ),
        NGOC_HA: submit(
            client,
            devices[NGOC_HA],
            "2026-10",
            content(
                "2026-10",
                2,
                1,
                {"hq_status": "dang_xay", "staff_total": 10, "chief_in_party_committee": "khong"},
            ),
            number="07/BC",
        ),
        THUC_PHAN: submit(
            client,
            devices[THUC_PHAN],
            "2026-10",
            content("2026-10", 10, 5, {"hq_status": "da_co", "staff_total": 20}),
        ),
    }
    return {"devices": devices, "ids": ids}


def test_rollup_sums_the_province_and_lists_who_has_not_submitted(
    client: TestClient, engine: Engine
) -> None:
    """A province user sees sums over its own two stations only and the third one missing."""
    setup = _province_setup(client, engine)
    login(client, create_user(engine, "xem01", "viewer", "province:01"))
    page = client.get("/console/reports")
    assert page.status_code == 200, page.text
    html = page.text
    assert "Tháng 10 năm 2026" in html
    assert "2 / 3 đơn vị đã nộp" in html
    # 1 + 2 incidents, 2 + 1 deaths: province 04's 10 incidents and 5 deaths are not added.
    assert row_cells(html, "f2.total")[1:] == ["3", "0", "+3", "2"]
    assert row_cells(html, "f2.deaths")[1] == "3"
    assert row_cells(html, "f2.category.hinh_su")[1] == "3"
    # As on the printed report, a breakdown line at 0 in both periods waits behind a link.
    assert 'data-row="f2.category.ma_tuy"' not in html and 'data-row="f2.deaths"' in html
    every_row = client.get("/console/reports?period=2026-10&all=1").text
    assert row_cells(every_row, "f2.category.ma_tuy")[1:3] == ["0", "0"]
    # Resolution 12: one of the two has its headquarters and at least 12 officers.
    assert row_cells(html, "r12.hq_status")[3] == "1/2"
    assert row_cells(html, "r12.staff_total")[3:] == ["1/2", "2", "24"]
    assert row_cells(html, "r12.chief_in_party_committee")[3] == "1/2"  # the chief in the Party
    missing = table(html, "missing")
    assert GIANG_VO in missing and BA_DINH not in missing and THUC_PHAN not in missing
    submitted = table(html, "submitted")
    assert f"/console/reports/{BA_DINH}/{setup['ids'][BA_DINH]}" in submitted
    assert THUC_PHAN not in submitted
    assert "<svg" in html  # the chart of the largest figures


def test_whole_country_sees_every_station_by_province(client: TestClient, engine: Engine) -> None:
    """A user of the whole country gets all three reports summed and a bar per province."""
    _province_setup(client, engine)
    login(client, create_user(engine, "quantri", "admin", "all"))
    html = client.get("/console/reports?period=2026-10").text
    assert row_cells(html, "f2.total")[1] == "13"
    assert "3 / 4 đơn vị đã nộp" in html
    assert html.count('<figure class="chart">') == 2  # per province, and the largest figures


def test_station_report_page_and_scope(client: TestClient, engine: Engine) -> None:
    """A station's report opens inside the scope (the view audited); another province's gives
    404, ids not leaked."""
    setup = _province_setup(client, engine)
    login(client, create_user(engine, "xem01", "viewer", "province:01"))
    own = client.get(f"/console/reports/{BA_DINH}/{setup['ids'][BA_DINH]}")
    assert own.status_code == 200, own.text
    assert "05/BC" in own.text and "Tăng cường tuần tra." in own.text
    assert "Toàn vẹn" in own.text  # the stored document still matches the station's hash
    with engine.connect() as conn:
        viewed = conn.execute(
            select(ConsoleAuditEntry).where(ConsoleAuditEntry.action == "report.viewed")
        ).one()
    assert (viewed.actor, viewed.target) == ("xem01", setup["ids"][BA_DINH])
    assert row_cells(own.text, "f2.total")[1] == "1"
    assert 'data-row="f2.category.ma_tuy"' not in own.text
    every_row = client.get(f"/console/reports/{BA_DINH}/{setup['ids'][BA_DINH]}?all=1").text
    assert row_cells(every_row, "f2.category.ma_tuy")[1:3] == ["0", "0"]
    other = client.get(f"/console/reports/{THUC_PHAN}/{setup['ids'][THUC_PHAN]}")
    assert other.status_code == 404
    assert "Không tìm thấy trang" in other.text and "Thục Phán" not in other.text
    # Another station's code with an in-scope report id, or a malformed id: 404 too.
    assert client.get(f"/console/reports/{NGOC_HA}/{setup['ids'][BA_DINH]}").status_code == 404
    assert client.get(f"/console/reports/{BA_DINH}/not-a-uuid").status_code == 404


def test_default_period_is_the_latest_month(client: TestClient, engine: Engine) -> None:
    """Without a choice the page shows the latest month, and lists every period present."""
    stations.add_station(engine, BA_DINH)
    device = enrol_device(client, engine, BA_DINH)
    for period in ("2026-09", "2026-10", "2026-Q3"):
        submit(client, device, period, content(period, 1, 0))
    login(client, create_user(engine, "xem01", "viewer", "province:01"))
    html = client.get("/console/reports").text
    assert re.search(r'<option value="2026-10" selected>', html)
    assert 'value="2026-09"' in html and 'value="2026-Q3"' in html
    assert "1 / 1 đơn vị đã nộp báo cáo Tháng 10 năm 2026" in html


def test_later_report_of_a_station_replaces_the_earlier_in_the_sums(
    client: TestClient, engine: Engine
) -> None:
    """Two reports of one station for one period are not added twice: the latest counts, and
    the page follows a report that arrives after it was first shown."""
    stations.add_station(engine, BA_DINH)
    device = enrol_device(client, engine, BA_DINH)
    first = frozen(str(uuid.uuid4()), BA_DINH, content=content("2026-10", 4, 0))
    send(client, device, submission(first, period_code="2026-10"))
    login(client, create_user(engine, "xem01", "viewer", "province:01"))
    html = client.get("/console/reports?period=2026-10").text
    assert row_cells(html, "f2.total")[1] == "4"
    second = frozen(
        str(uuid.uuid4()),
        BA_DINH,
        content=content("2026-10", 6, 0),
        submitted_at="2026-11-29T09:30:00+07:00",
    )
    send(client, device, submission(second, period_code="2026-10"))
    html = client.get("/console/reports?period=2026-10").text
    assert row_cells(html, "f2.total")[1] == "6"
    assert "1 báo cáo cũ hơn" in html


def test_no_reports_yet(client: TestClient, engine: Engine) -> None:
    """Before any station reports, the page says so rather than showing empty tables."""
    login(client, create_user(engine, "xem01", "viewer", "province:01"))
    page = client.get("/console/reports")
    assert page.status_code == 200
    assert "Chưa có đơn vị nào trong phạm vi của bạn gửi báo cáo định kỳ." in page.text


def test_excel_export_has_the_figures_and_never_a_formula(
    client: TestClient, engine: Engine
) -> None:
    """The export opens in openpyxl with the sums; a station named "=cmd…" stays text; audited."""
    hostile = "=cmd|' /C calc'!A0"
    stations.add_station(engine, BA_DINH)
    stations.add_station(engine, NGOC_HA, hostile)
    device = enrol_device(client, engine, BA_DINH)
    submit(client, device, "2026-10", content("2026-10", 2, 1, {"staff_total": 13}))
    login(client, create_user(engine, "xem01", "viewer", "province:01"))
    csrf = csrf_of(client, "/console/reports")
    answer = client.post("/console/reports/export", data={"period": "2026-10", "csrf_token": csrf})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="bao-cao-2026-10.xlsx"' in answer.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    figures = {row[1]: row for row in book.worksheets[0].iter_rows(values_only=True) if row}
    assert figures["f2.total"][4] == 2 and figures["f2.deaths"][4] == 1
    missing = [row for row in book.worksheets[3].iter_rows(values_only=True)][1:]
    assert missing == [(NGOC_HA, hostile, "Thành phố Hà Nội")]
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in archive.read(n) for n in sheets)
    with engine.connect() as conn:
        entry = conn.execute(
            select(ConsoleAuditEntry).where(ConsoleAuditEntry.action == "reports.exported")
        ).one()
    assert (entry.actor, entry.target) == ("xem01", "2026-10")
    assert entry.details["submitted"] == 1 and entry.details["missing"] == 1


def test_export_without_csrf_token_is_refused(client: TestClient, engine: Engine) -> None:
    """An export posted without the form's token gets the 403 page and is not audited."""
    stations.add_station(engine, BA_DINH)
    login(client, create_user(engine, "xem01", "viewer", "province:01"))
    answer = client.post("/console/reports/export", data={"period": "2026-10"})
    assert answer.status_code == 403
    assert "text/html" in answer.headers["content-type"]
    with engine.connect() as conn:
        exported = conn.execute(
            select(func.count())
            .select_from(ConsoleAuditEntry)
            .where(ConsoleAuditEntry.action == "reports.exported")
        ).scalar_one()
    assert exported == 0


def test_reports_need_a_signed_in_user(client: TestClient) -> None:
    """Anyone not signed in is sent to the sign-in page, never shown a figure."""
    answer = client.get("/console/reports", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/console/login")


def test_english_page(client: TestClient, engine: Engine) -> None:
    """With the language switched to English the roll-up, rows and indicators read in English."""
    _province_setup(client, engine)
    login(client, create_user(engine, "xem01", "viewer", "province:01"))
    client.cookies.set("cax_lang", "en", path="/")
    html = client.get("/console/reports").text
    assert "2 of 3 units have submitted the report for October 2026." in html
    assert row_cells(html, "f2.total")[0] == "Public-order incidents"
    assert row_cells(html, "r12.staff_total")[1] == "Officers in total"


def test_odd_documents_are_read_as_far_as_they_make_sense(
    client: TestClient, engine: Engine
) -> None:
    """A report of another shape (an older or broken station) never breaks the page: its numbers
    are added where they fit and the rest is left out, and it still opens on its own."""
    stations.add_station(engine, BA_DINH)
    stations.add_station(engine, NGOC_HA)
    good = enrol_device(client, engine, BA_DINH)
    odd = enrol_device(client, engine, NGOC_HA)
    submit(client, good, "2026-10", content("2026-10", 1, 1, {"hq_status": "da_co"}))
    strange = {
        "sections": [
            {
                "id": "incidents",
                "rows": [
                    "not a row",
                    {"id": "f2.total", "current": 5, "level": "x"},
                    {"id": ["not", "text"], "current": 1},
                    {"id": "f2.deaths", "current": True},
                ],
            },
            {
                "id": "r12.facilities",
                "source": "profile",
                "rows": [{"id": "r12.hq_status", "current": ["Đã có"]}],
            },
            "not a section",
        ]
    }
    odd_id = submit(client, odd, "2026-10", strange)
    login(client, create_user(engine, "xem01", "viewer", "province:01"))
    html = client.get("/console/reports?period=2026-10").text
    assert row_cells(html, "f2.total")[1:] == ["6", "0", "+6", "2"]
    assert row_cells(html, "f2.deaths")[1] == "1"  # a yes/no is not a number of deaths
    assert row_cells(html, "r12.hq_status")[3:5] == ["1/2", "2"]
    own = client.get(f"/console/reports/{NGOC_HA}/{odd_id}")
    assert own.status_code == 200
    assert row_cells(own.text, "f2.total")[1] == "5"
