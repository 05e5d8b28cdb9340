"""A submitted periodic report reaches a real server as structured data during an ordinary sync:
the centre holds exactly the frozen document under the same hash, the station's flag clears and
the next sync sends nothing; a report the centre holds otherwise stays waiting and is named."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import PermissionDenied
from desktop.storage import audit, reports, sync_history
from desktop.storage.reports import ReportService
from desktop.sync.service import SyncService
from protocol.canonical import document_hash
from server.models import StationReport
from server.services import reports_ingest
from tests.desktop.cli.test_cax_cli import as_user, run_cax
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD, SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.sync.helpers import CATALOGUE, completed_records

NARRATIVE = {"political_security": "Ổn định.", "hot_spots": "Không có “điểm nóng”."}


def submit_report(session, period: str = "2026-10") -> str:
    """A supervisor submits the period's report (the station's own API); returns its id."""
    view = ReportService(session, CATALOGUE).submit(period, NARRATIVE)
    assert view.stored is not None and view.stored.content_hash
    return view.stored.id


def server_reports(server_db) -> list:
    with server_db.engine.connect() as conn:
        return conn.execute(select(StationReport)).all()


def test_submitted_report_reaches_the_centre_once(enrolled, session, server_db):
    """Records and the report go in one sync; the server holds the frozen JSON with its hash;
    the flag clears; a second sync sends nothing."""
    completed_records(session, 3)
    report_id = submit_report(session)
    [local] = reports.pending_sync(session)
    assert local.frozen is not None and local.frozen["narrative"] == NARRATIVE
    assert enrolled.status().reports_waiting == 1

    result = enrolled.run()
    assert result.outcome == "ok" and result.counts.acknowledged == 3
    assert (result.reports_sent, result.reports_waiting) == (1, 0)

    [held] = server_reports(server_db)
    assert str(held.report_id) == report_id
    assert held.document == local.frozen
    assert held.content_hash == local.content_hash == document_hash(held.document)
    assert (held.period_code, held.number) == ("2026-10", local.document_number)
    assert reports.pending_sync(session) == []
    [row] = [r for r in ReportService(session, CATALOGUE).reports() if r.id == report_id]
    assert not row.sync_pending and row.synced_at
    assert enrolled.status().reports_waiting == 0

    again = enrolled.run()
    assert (again.reports_sent, again.reports_waiting, again.counts.sent) == (0, 0, 0)
    assert len(server_reports(server_db)) == 1
    listed = reports_ingest.list_reports(server_db.engine, "00004")
    assert [str(r.report_id) for r in listed] == [report_id]


def _centre_holds_other_copy(server_db, report_id: str) -> dict:
    """The centre already holds other content under the report's id (say, from a station whose
    data was restored from an old backup before it submitted again)."""
    other = {"schema": 1, "report_id": report_id, "station": {"code": "00004"}, "number": "x"}
    with server_db.engine.begin() as conn:
        station_id = conn.exec_driver_sql("SELECT id FROM stations WHERE code = '00004'").scalar()
        now = datetime.now(UTC)
        conn.execute(
            StationReport.__table__.insert(),
            {
                "station_id": station_id,
                "report_id": uuid.UUID(report_id),
                "period_code": "2026-10",
                "number": "x",
                "submitted_at": now,
                "content_hash": document_hash(other),
                "document": other,
                "device_id": uuid.uuid4(),
                "received_at": now,
            },
        )
    return other


def test_conflicting_report_waits_for_a_decision(enrolled, session, server_db, station_home):
    """The sync still succeeds and is marked REPORT_CONFLICT; the report stays waiting, listed
    as a conflict with both hashes, and is not sent again by the next sync; the centre's copy is
    untouched."""
    report_id = submit_report(session)
    other = _centre_holds_other_copy(server_db, report_id)
    seen = []
    result = enrolled.run(seen.append)
    assert result.outcome == "ok"
    assert (result.reports_sent, result.reports_waiting) == (1, 1)
    assert [(p.phase, p.records_done, p.records_total) for p in seen if p.phase == "reports"] == [
        ("reports", 1, 1)
    ]
    with session.db.read() as conn:
        assert sync_history.last(conn).error_code == "REPORT_CONFLICT"
    assert [r.id for r in reports.pending_sync(session)] == [report_id]
    [conflict] = enrolled.status().report_conflicts
    assert conflict.report_id == report_id and conflict.centre_hash == document_hash(other)
    assert conflict.station_hash != conflict.centre_hash and conflict.replace_requested_at is None

    again = enrolled.run()
    assert (again.reports_sent, again.reports_waiting) == (0, 1)  # not resent at every sync
    env = {**as_user(station_home.home, SUPERVISOR, SUPERVISOR_PASSWORD), "CAX_LANG": "en"}
    shown = run_cax("sync", "status", env=env)
    number = conflict.document_number
    assert f"The centre holds another version of report {number} (period 2026-10)" in shown.stdout
    [held] = server_reports(server_db)
    assert held.document == other


def test_a_supervisor_replaces_the_centre_copy(enrolled, session, server_db):
    """ "Send ours as a replacement": the next sync puts the station's copy in place of the
    centre's, which the centre keeps aside; the report is then delivered; audited."""
    report_id = submit_report(session)
    other = _centre_holds_other_copy(server_db, report_id)
    enrolled.run()
    assert enrolled.resolve_report_conflict(report_id, replace=True)
    [conflict] = enrolled.status().report_conflicts
    assert conflict.replace_requested_by == "truong"
    result = enrolled.run()
    assert (result.reports_sent, result.reports_waiting) == (1, 0)
    assert enrolled.status().report_conflicts == ()
    [local] = [r for r in ReportService(session, CATALOGUE).reports() if r.id == report_id]
    [held] = server_reports(server_db)
    assert held.document == local.frozen and held.content_hash == local.content_hash
    [listed] = reports_ingest.list_reports(server_db.engine, "00004")
    # Kept aside: the station's copy when it first conflicted, then the centre's it replaced.
    assert listed.conflicts == 2
    with session.db.read() as conn:
        [entry] = [e for e in audit.entries(conn, action=AuditAction.SYNC) if e.target == report_id]
    assert entry.details == {"report_conflict": report_id, "resolution": "replace"}
    assert other != local.frozen


def test_a_supervisor_keeps_the_centre_copy(enrolled, session, server_db, station_home):
    """ "Keep the centre's": nothing more is sent, the report no longer waits; an officer may not
    decide."""
    report_id = submit_report(session)
    other = _centre_holds_other_copy(server_db, report_id)
    enrolled.run()
    officer = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    try:
        with pytest.raises(PermissionDenied):
            SyncService(officer).resolve_report_conflict(report_id, replace=False)
    finally:
        officer.close()
    assert enrolled.resolve_report_conflict(report_id, replace=False)
    assert not enrolled.resolve_report_conflict(report_id, replace=False)  # already decided
    status = enrolled.status()
    assert status.report_conflicts == () and status.reports_waiting == 0
    assert enrolled.run().reports_sent == 0
    [held] = server_reports(server_db)
    assert held.document == other


def test_altered_report_is_refused_without_holding_up_others(enrolled, session, server_db):
    """A report whose frozen JSON was edited in the station's database after submission (its
    trigger dropped) is refused as REPORT_HASH_MISMATCH and stays waiting; the other report
    and the records still go, and the pull still runs."""
    completed_records(session, 2)
    altered_id = submit_report(session, "2026-09")
    good_id = submit_report(session, "2026-10")
    with session.db.write() as conn:
        conn.execute(text("DROP TRIGGER reports_frozen"))
        conn.execute(
            text(
                "UPDATE reports SET frozen_json = replace(frozen_json, 'Ổn định', 'Bất ổn') "
                "WHERE id = :id"
            ),
            {"id": altered_id},
        )
    result = enrolled.run()
    assert result.outcome == "ok" and result.counts.acknowledged == 2 and result.counts.pulled
    assert (result.reports_sent, result.reports_waiting) == (1, 1)
    with session.db.read() as conn:
        assert sync_history.last(conn).error_code == "REPORT_HASH_MISMATCH"
    assert [r.id for r in reports.pending_sync(session)] == [altered_id]
    assert [str(r.report_id) for r in server_reports(server_db)] == [good_id]
