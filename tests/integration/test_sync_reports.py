"""A submitted periodic report reaches a real server as structured data during an ordinary sync:
the centre holds exactly the frozen document under the same hash, the station's flag clears and
the next sync sends nothing; a report the centre holds otherwise stays waiting and is named."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select, text

from desktop.storage import reports, sync_history
from desktop.storage.reports import ReportService
from protocol.canonical import document_hash
from server.models import StationReport
from server.services import reports_ingest
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


def test_conflicting_report_stays_waiting(enrolled, session, server_db):
    """The centre already holds other content under the report's id: the sync still succeeds,
    the report stays waiting, and the session is marked REPORT_CONFLICT; the centre's copy is
    untouched."""
    report_id = submit_report(session)
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
    result = enrolled.run()
    assert result.outcome == "ok"
    assert (result.reports_sent, result.reports_waiting) == (1, 1)
    with session.db.read() as conn:
        assert sync_history.last(conn).error_code == "REPORT_CONFLICT"
    assert [r.id for r in reports.pending_sync(session)] == [report_id]
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
