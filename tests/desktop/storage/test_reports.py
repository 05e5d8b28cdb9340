"""Periodic reports in the encrypted store: computed by event date from completed records,
frozen on submission (a record added later changes nothing), supervisors only, audited, the
station profile versioned, submitted reports waiting for the sync."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import InvalidInput, PermissionDenied, ReportSubmitted
from desktop.storage import audit, reports
from desktop.storage.records import RecordService
from desktop.storage.reports import ReportService
from domain.forms.catalogue import load_catalogue
from domain.reports.content import content_hash
from domain.validation.formats import VN_TZ
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
CATALOGUE = load_catalogue()
NOW = datetime(2026, 11, 28, 9, 30, tzinfo=VN_TZ)


def incident(day: str, category: str = "ma_tuy") -> dict:
    """The F2 example moved to `day` (dd/mm/yyyy) with another category."""
    values = json.loads((EXAMPLES / "F2.json").read_text(encoding="utf-8"))["values"]
    return values | {
        "occurred_at": f"{day} 20:50",
        "reported_at": f"{day} 21:05",
        "category": category,
    }


@pytest.fixture
def session(station_home):
    session = station_home.unlock()
    yield session
    session.close()


@pytest.fixture
def records(session):
    return RecordService(session, CATALOGUE, clock=lambda: NOW)


@pytest.fixture
def service(session):
    return ReportService(session, CATALOGUE, clock=lambda: NOW)


def add_completed(records: RecordService, values: dict, form_id: str = "F2") -> str:
    record_id = records.create(form_id, values)
    records.complete(record_id)
    return record_id


def test_figures_count_completed_records_by_event_date(records, service):
    """Only completed/approved records whose event date is in the period count; drafts are
    reported as not counted, voided ones are left out, last year's month is beside them."""
    add_completed(records, incident("05/10/2026"))
    add_completed(records, incident("31/10/2026", "co_bac"))
    add_completed(records, incident("01/11/2026"))  # next month
    records.void(add_completed(records, incident("06/10/2026")), "nhập trùng")
    records.create("F2", incident("07/10/2026"))  # a draft
    add_completed(records, incident("15/10/2025"))  # same month last year
    content = service.compute("2026-10")
    total = content.row("f2.total")
    assert (total.current, total.previous, total.change, total.change_percent) == (2, 1, 1, 100.0)
    assert content.row("f2.category.ma_tuy").current == 1
    assert content.row("f2.category.co_bac").current == 1
    assert content.uncounted_drafts == 1


def test_submitted_report_is_frozen(session, records, service):
    """After submission, a record added in that month changes the live figures but never the
    submitted report: same figures, same hash, and the database refuses to alter it."""
    add_completed(records, incident("05/10/2026"))
    submitted = service.submit("2026-10", {"plans": "Tăng cường tuần tra."})
    stored = submitted.stored
    assert stored.status == "submitted" and stored.document_number == "01/BC"
    assert submitted.content.row("f2.total").current == 1 and submitted.intact

    add_completed(records, incident("20/10/2026"))
    assert service.compute("2026-10").row("f2.total").current == 2  # live figures move
    again = service.open("2026-10")
    assert again.submitted and again.intact
    assert again.content == submitted.content
    assert again.content.row("f2.total").current == 1
    assert again.stored.content_hash == stored.content_hash == content_hash(again.stored.frozen)
    assert again.narrative == {"plans": "Tăng cường tuần tra."}

    with pytest.raises(ReportSubmitted):
        service.save_draft("2026-10", {"plans": "khác"})
    with pytest.raises(ReportSubmitted):
        service.submit("2026-10", {})
    with pytest.raises(DatabaseError, match="frozen"), session.db.write() as conn:
        conn.execute(text("UPDATE reports SET frozen_json = '{}'"))
    with pytest.raises(DatabaseError, match="never removed"), session.db.write() as conn:
        conn.execute(text("DELETE FROM reports"))


def test_drafts_keep_their_narrative_and_live_figures(records, service):
    """A draft stores only its text; its figures follow the records until it is submitted."""
    report_id = service.save_draft("2026-Q4", {"hot_spots": "Không có điểm nóng."})
    assert service.open("2026-Q4").content.row("f2.total").current == 0
    add_completed(records, incident("05/11/2026"))
    view = service.open("2026-Q4")
    assert view.stored.id == report_id and view.stored.status == "draft"
    assert view.content.row("f2.total").current == 1
    assert view.narrative == {"hot_spots": "Không có điểm nóng."}
    assert service.get(report_id).period.code == "2026-Q4"
    assert [r.period_code for r in service.reports()] == ["2026-Q4"]


def test_every_step_is_audited(session, service):
    """Profile changes, draft saves, submission and printing leave audit entries."""
    service.save_profile({"staff_total": 14})
    service.save_draft("2026-10", {})
    view = service.submit("2026-10", {})
    service.record_printed(view, "bao-cao.pdf")
    with session.db.read() as conn:
        entries = audit.entries(conn, limit=10)
    actions = [e.action for e in entries]
    for action in (
        AuditAction.PROFILE_CHANGED,
        AuditAction.REPORT_SAVED,
        AuditAction.REPORT_SUBMITTED,
        AuditAction.REPORT_PRINTED,
    ):
        assert action in actions
    submitted = next(e for e in entries if e.action == AuditAction.REPORT_SUBMITTED)
    assert submitted.details == {
        "period": "2026-10",
        "number": "01/BC",
        "hash": view.stored.content_hash,
    }


def test_officer_is_refused(station_home):
    """Reports and the station profile are the chief's: an officer gets PERMISSION_DENIED."""
    session = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    try:
        service = ReportService(session, CATALOGUE, clock=lambda: NOW)
        for attempt in (
            lambda: service.compute("2026-10"),
            lambda: service.open("2026-10"),
            lambda: service.save_draft("2026-10", {}),
            lambda: service.submit("2026-10", {}),
            lambda: service.save_profile({"staff_total": 3}),
            service.profile,
            service.reports,
        ):
            with pytest.raises(PermissionDenied):
                attempt()
        with session.db.read() as conn:
            assert conn.execute(text("SELECT count(*) FROM reports")).scalar_one() == 0
    finally:
        session.close()


def test_profile_versions_and_the_one_in_force(session, service):
    """Each save is a new version; a period shows the version true at its end, last year the
    version true then; versions can be neither changed nor removed."""
    service.save_profile({"staff_total": 12, "hq_status": "dang_xay"}, date(2025, 6, 30))
    service.save_profile({"staff_total": 15, "hq_status": "da_co"}, date(2026, 9, 30))
    service.save_profile({"staff_total": 16}, date(2026, 11, 15))
    october = service.compute("2026-10")
    staff = october.row("r12.staff_total")
    assert (staff.current, staff.previous, staff.change) == (15, 12, None)  # a state: no change
    assert october.row("r12.hq_status").current == "Đã có"
    assert (october.profile_version, october.previous_profile_version) == (2, 1)
    assert service.profile().values == {"staff_total": 16}
    assert [p.version for p in service.profile_history()] == [3, 2, 1]
    with pytest.raises(InvalidInput):
        service.save_profile({"staff_total": 5, "staff_officers": 9})
    with pytest.raises(DatabaseError, match="never changed"), session.db.write() as conn:
        conn.execute(text("UPDATE station_profile SET values_json = '{}'"))


def test_submitted_reports_wait_for_the_sync(session, service):
    """A submitted report is flagged for the centre until the sync marks it sent; the frozen
    content stays untouched by that."""
    assert reports.pending_sync(session) == []
    view = service.submit("2026-10", {})
    pending = reports.pending_sync(session)
    assert [p.id for p in pending] == [view.stored.id]
    assert pending[0].frozen["content"]["period_code"] == "2026-10"
    assert pending[0].frozen["station"]["code"] == "00004"
    reports.mark_synced(session, view.stored.id)
    assert reports.pending_sync(session) == []
    assert service.open("2026-10").intact


def test_numbers_run_per_year(service):
    """Report numbers are consecutive within the year like other documents."""
    numbers = [service.submit(code, {}).stored.document_number for code in ("2026-08", "2026-09")]
    assert numbers == ["01/BC", "02/BC"]


def test_typed_figures_are_kept_with_the_draft_and_frozen(session, records, service):
    """The residence and ID applications the chief types are saved with the period's draft,
    compared with those of last year's report, frozen on submission; a bad one is refused."""
    service.save_draft("2025-K11", {}, {"residence_received": 90})
    service.save_draft("2026-K11", {"plans": "Tuần tra."}, {"residence_received": "120"})
    view = service.open("2026-K11")
    assert view.figures == {"residence_received": 120}
    row = view.content.row("applications.residence_received")
    assert (row.current, row.previous, row.change) == (120, 90, 30)
    service.save_draft("2026-K11", {"plans": "Tuần tra."})  # figures not given: kept
    assert service.open("2026-K11").figures == {"residence_received": 120}
    with pytest.raises(InvalidInput):
        service.save_draft("2026-K11", {}, {"residence_received": 5, "residence_online": 6})
    submitted = service.submit("2026-K11", {"plans": "Tuần tra."}, {"residence_received": 121})
    assert submitted.content.row("applications.residence_received").current == 121
    assert submitted.stored.frozen["content"]["period_code"] == "2026-K11"
    with pytest.raises(ReportSubmitted):
        service.save_draft("2026-K11", {}, {"residence_received": 1})
    with session.db.write() as conn, pytest.raises(DatabaseError):
        conn.execute(text("UPDATE reports SET figures_json = '{}' WHERE period_code = '2026-K11'"))
    document = service.document(service.open("2026-K11"))
    assert "Số: 01/BC-CAP" in document.html
