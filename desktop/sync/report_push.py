"""Report push: each submitted periodic report still waiting goes to the centre as structured data
(its frozen JSON and hash, exactly as stored), and its flag is cleared once the centre holds it.

The server stores a report once per id and answers a resend `duplicate`, so a report whose answer
was lost is simply sent again next time. A `conflict` (the centre holds other content under this
id) is written down with the centre's hash (`report_sync`) and the report is not sent again until
a supervisor decides on the Sync page: keep the centre's copy, or send the station's as a
replacement of that hash (protocol version 2). A refusal leaves the report waiting. Either is
named in the session's history; neither stops the other reports or the pull.
"""

from __future__ import annotations

import gzip
import logging
import threading
from collections.abc import Callable

from desktop.core.errors import ServerRefused
from desktop.storage import audit, report_sync
from desktop.storage.report_store import StoredReport
from desktop.storage.station import StationSession
from desktop.sync.client import SyncClient
from desktop.sync.push import GZIP_LEVEL, Tally
from desktop.sync.report import REPORTS, SyncProgress
from protocol import PROTOCOL_VERSION, REPORT_REPLACE_VERSION
from protocol.canonical import canonical_json
from protocol.errors import ErrorCode
from protocol.messages import ReportResult, ReportStatus

log = logging.getLogger("cax.sync")
_DELIVERED = {ReportStatus.STORED, ReportStatus.DUPLICATE}


def submission_body(
    report: StoredReport, protocol: int = PROTOCOL_VERSION, replaces: str | None = None
) -> bytes:
    """The gzip'd `ReportSubmission` of a submitted report; `replaces` only from version 2 on."""
    assert report.frozen is not None and report.content_hash, "only submitted reports are sent"
    document = {
        "protocol_version": protocol,
        "report_id": report.id,
        "station_code": report.frozen["station"]["code"],
        "period_code": report.period_code,
        "number": report.document_number,
        "submitted_at": report.submitted_at,
        "content_hash": report.content_hash,
        "document": report.frozen,
    }
    if replaces is not None and protocol >= REPORT_REPLACE_VERSION:
        document["replaces"] = replaces
    return gzip.compress(canonical_json(document), GZIP_LEVEL, mtime=0)


def push_reports(
    session: StationSession,
    client: SyncClient,
    tally: Tally,
    cancel: threading.Event,
    progress: Callable[[SyncProgress], None] | None = None,
) -> None:
    """Send every waiting report; one refused or conflicting report never holds up the others."""
    with session.db.read() as conn:
        waiting = report_sync.to_send(conn)
    for done, item in enumerate(waiting, start=1):
        if cancel.is_set():
            return
        try:
            result = client.push_report(
                submission_body(item.report, client.protocol, item.replaces)
            )
        except ServerRefused as error:  # this report only (WRONG_STATION, REPORT_HASH_MISMATCH…)
            tally.report_problem = str(error.params.get("server_code", error.code))
            log.warning("report %s refused by the centre: %s", item.report.id, tally.report_problem)
            continue
        tally.reports_sent += 1
        _record(session, item.report.id, result, tally)
        if progress is not None:
            sent, received = client.bytes_sent, client.bytes_received
            progress(SyncProgress(REPORTS, done, len(waiting), sent, received))


def _record(session: StationSession, report_id: str, result: ReportResult, tally: Tally) -> None:
    with session.db.write() as conn:
        if result.status in _DELIVERED:
            report_sync.delivered(conn, report_id, audit.utc_now())
            tally.reports_acknowledged += 1
            return
        report_sync.conflicted(conn, report_id, result.stored_hash, audit.utc_now())
    tally.report_problem = str(ErrorCode.REPORT_CONFLICT)
    log.warning(
        "report %s conflicts with the centre's copy (hash %s); waiting for a decision",
        report_id,
        result.stored_hash,
    )
