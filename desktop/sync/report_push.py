"""Report push: each submitted periodic report still waiting goes to the centre as structured data
(its frozen JSON and hash, exactly as stored), and its flag is cleared once the centre holds it.

The server stores a report once per id and answers a resend `duplicate`, so a report whose answer
was lost is simply sent again next time. A `conflict` (the centre holds other content under this
id) or a refusal leaves the report waiting and is named in the session's history."""

from __future__ import annotations

import gzip
import logging
import threading

from desktop.core.errors import ServerRefused
from desktop.storage import reports
from desktop.storage.report_store import StoredReport
from desktop.storage.station import StationSession
from desktop.sync.client import SyncClient
from desktop.sync.push import GZIP_LEVEL, Tally
from protocol import PROTOCOL_VERSION
from protocol.canonical import canonical_json
from protocol.errors import ErrorCode
from protocol.messages import ReportStatus

log = logging.getLogger("cax.sync")
_DELIVERED = {ReportStatus.STORED, ReportStatus.DUPLICATE}


def submission_body(report: StoredReport) -> bytes:
    """The gzip'd `ReportSubmission` of a submitted report."""
    assert report.frozen is not None and report.content_hash, "only submitted reports are sent"
    document = {
        "protocol_version": PROTOCOL_VERSION,
        "report_id": report.id,
        "station_code": report.frozen["station"]["code"],
        "period_code": report.period_code,
        "number": report.document_number,
        "submitted_at": report.submitted_at,
        "content_hash": report.content_hash,
        "document": report.frozen,
    }
    return gzip.compress(canonical_json(document), GZIP_LEVEL, mtime=0)


def push_reports(
    session: StationSession, client: SyncClient, tally: Tally, cancel: threading.Event
) -> None:
    """Send every waiting report; one refused or conflicting report never holds up the others."""
    for report in reports.pending_sync(session):
        if cancel.is_set():
            return
        try:
            result = client.push_report(submission_body(report))
        except ServerRefused as error:  # this report only (WRONG_STATION, REPORT_HASH_MISMATCH…)
            tally.report_problem = str(error.params.get("server_code", error.code))
            log.warning("report %s refused by the centre: %s", report.id, tally.report_problem)
            continue
        tally.reports_sent += 1
        if result.status in _DELIVERED:
            reports.mark_synced(session, report.id)
            tally.reports_acknowledged += 1
        else:
            tally.report_problem = str(ErrorCode.REPORT_CONFLICT)
            log.warning(
                "report %s conflicts with the centre's copy (hash %s); left waiting",
                report.id,
                result.stored_hash,
            )
