"""`cax sync …`: enrol the station with the central server, sync now, show the sync status."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop.cli.commands import EXIT_OK, open_session, print_json
from desktop.cli.messages import Messages
from desktop.core.errors import CertificateInvalid
from desktop.storage import blob_uploads, sync_settings
from desktop.sync.attachments import ATTACHMENTS
from desktop.sync.batching import SMALLEST, BatchSizer
from desktop.sync.client import RetryPolicy
from desktop.sync.report import PUSH, REPORTS, SyncProgress
from desktop.sync.restore import declare_restore
from desktop.sync.service import SyncService
from desktop.sync.tls import describe_certificate


def _read_ca(path: str | None) -> str | None:
    if not path:
        return None
    try:
        pem = Path(path).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        raise CertificateInvalid(path=path) from None
    describe_certificate(pem)
    return pem


def sync_enroll(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    ca_pem = _read_ca(args.ca)
    if ca_pem:
        info = describe_certificate(ca_pem)
        print(messages.notice("sync_ca", subject=info.subject, fingerprint=info.sha256))
    with open_session(args, home, messages) as session:
        enrolment = SyncService(session).enroll(
            args.server, args.code, ca_pem, args.device_name, allow_http=args.allow_http
        )
    print(
        messages.notice(
            "sync_enrolled",
            station=f"{enrolment.station_code} – {enrolment.station_name}",
            server=enrolment.server_url,
            device=enrolment.device_id,
        )
    )
    return EXIT_OK


_PROGRESS_LINES = {
    PUSH: "sync_progress",
    REPORTS: "sync_progress_reports",
    ATTACHMENTS: "sync_progress_attachments",
}


def _progress_printer(messages: Messages, enabled: bool) -> Any:
    def show(progress: SyncProgress) -> None:
        if enabled and progress.phase in _PROGRESS_LINES:
            line = messages.notice(
                _PROGRESS_LINES[progress.phase],
                done=progress.records_done,
                total=progress.records_total,
                kib=progress.bytes_sent // 1024,
            )
            print(line, file=sys.stderr, flush=True)

    return show


def sync_run(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        sizer = (
            BatchSizer(args.batch, min(SMALLEST, args.batch), args.batch) if args.batch else None
        )
        retry = RetryPolicy(attempts=args.retries) if args.retries is not None else RetryPolicy()
        service = SyncService(session, retry=retry, batch=sizer)
        show = _progress_printer(messages, args.progress or sys.stderr.isatty())
        report = service.run(show, wait=max(0.0, args.wait))
    if getattr(args, "json", False):
        print_json(asdict(report))
        return EXIT_OK
    c = report.counts
    print(
        messages.notice(
            "sync_done",
            sent=c.sent,
            acknowledged=c.acknowledged,
            quarantined=c.quarantined,
            conflicts=c.conflicts,
            pulled=c.pulled,
            waiting=report.waiting,
        )
    )
    if report.reports_sent or report.reports_waiting:
        sent, waiting = report.reports_sent, report.reports_waiting
        print(messages.notice("sync_done_reports", sent=sent, waiting=waiting))
    return EXIT_OK


def sync_status(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        service = SyncService(session)
        status = service.status(history=args.history)
        problems = service.problems()
        with session.db.read() as conn:
            blobs_due = len(blob_uploads.due(conn))
            blobs_refused = blob_uploads.refused(conn)
    if getattr(args, "json", False):
        attachments = {
            "waiting": blobs_due,
            "refused": [{"sha256": sha, "code": code} for sha, code, _ in blobs_refused],
        }
        print_json(
            {
                **asdict(status),
                "problems": [asdict(p) for p in problems],
                "attachments": attachments,
            }
        )
        return EXIT_OK
    if status.enrolled:
        print(
            messages.notice(
                "sync_status_enrolled",
                server=status.server_url,
                station=status.station_code,
                device=status.device_id,
            )
        )
    else:
        print(messages.notice("sync_status_not_enrolled"))
    auto = messages.kind("on" if status.auto_sync else "off")
    print(messages.notice("sync_status_policy", policy=messages.kind(status.policy), auto=auto))
    o = status.outbox
    print(
        messages.notice(
            "sync_status_outbox",
            waiting=o.waiting,
            acknowledged=o.acknowledged,
            quarantined=o.quarantined,
            conflict=o.conflict,
            returned=status.open_returns,
        )
    )
    if status.reports_waiting:
        print(messages.notice("sync_status_reports", reports=status.reports_waiting))
    for conflict in status.report_conflicts:
        number = conflict.document_number or conflict.report_id[:8]
        period = conflict.period_code
        print(messages.notice("sync_status_report_conflict", number=number, period=period))
    if blobs_due or blobs_refused:
        print(messages.notice("sync_status_attachments", due=blobs_due, refused=len(blobs_refused)))
        for sha, code, _ in blobs_refused:
            print(messages.notice("sync_status_attachment_refused", sha=sha[:12], code=code))
    sessions = status.history or ((status.last_session,) if status.last_session else ())
    if not sessions:
        print(messages.notice("sync_status_never"))
    for s in sessions:
        outcome = messages.kind(s.outcome) + (f" [{s.error_code}]" if s.error_code else "")
        print(
            messages.notice(
                "sync_status_session",
                at=s.started_at[:19].replace("T", " "),
                outcome=outcome,
                sent=s.sent,
                acknowledged=s.acknowledged,
            )
        )
    for p in problems:
        print(
            messages.notice(
                "sync_status_problem",
                state=messages.kind(p.state),
                record=p.document_number or p.record_id,
                revision=p.revision,
                code=p.code or "",
            )
        )
    return EXIT_OK


def sync_set(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        if args.policy:
            sync_settings.set_policy(session, args.policy.replace("-", "_"))
        if args.auto_sync:
            sync_settings.set_auto_sync(session, args.auto_sync == "on")
    print(messages.notice("sync_settings_saved"))
    return EXIT_OK


def sync_declare_restore(args: argparse.Namespace, home: Path, messages: Messages) -> int:
    with open_session(args, home, messages) as session:
        declaration = declare_restore(session, args.reason)
    print(messages.notice("sync_restore_declared", seq=declaration.head.seq))
    return EXIT_OK
