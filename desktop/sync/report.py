"""The immutable values the sync service hands to its callers (GUI, CLI): progress while a sync
runs, the report of a finished one, the station's sync status and a server probe."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.storage.outbox import OutboxCounts
from desktop.storage.report_sync import ReportConflict
from desktop.storage.sync_history import SessionCounts, SyncSession
from desktop.sync.tls import CertificateInfo

PUSH, REPORTS, PULL = "push", "reports", "pull"


@dataclass(frozen=True)
class SyncProgress:
    """Where a running sync is: `records_done` of `records_total` answered in the push phase
    (periodic reports in the reports phase; the pull phase counts nothing)."""

    phase: str  # push, reports, pull
    records_done: int
    records_total: int
    bytes_sent: int
    bytes_received: int


@dataclass(frozen=True)
class SyncReport:
    outcome: str  # ok, cancelled (failures raise an AppError after being written to the history)
    session_id: int
    counts: SessionCounts
    waiting: int  # revisions still to deliver after this sync
    seconds: float
    reports_sent: int = 0  # submitted periodic reports sent in this session
    reports_waiting: int = 0  # submitted reports the centre does not hold yet


@dataclass(frozen=True)
class ServerCheck:
    """A cheap probe of the server's health endpoint (the network may be up, the server not)."""

    online: bool
    error_code: str | None = None
    seconds: float = 0.0
    server_version: str | None = None


@dataclass(frozen=True)
class ServerIdentity:
    """What the enrolment dialog shows before the supervisor trusts a server."""

    url: str
    version: str
    protocol_versions: tuple[int, int]
    ca: CertificateInfo | None  # the pinned CA: subject, expiry, SHA-256 fingerprint


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str | None
    station_code: str | None
    device_id: str | None
    policy: str
    auto_sync: bool
    outbox: OutboxCounts
    open_returns: int  # records the centre returned that were not amended yet
    last_session: SyncSession | None
    last_success: SyncSession | None
    online: bool | None = None  # the last probe's answer; None before any
    running: bool = False
    history: tuple[SyncSession, ...] = field(default=())
    reports_waiting: int = 0  # submitted periodic reports not yet held by the centre
    # Reports the centre holds with other content, waiting for a supervisor's decision.
    report_conflicts: tuple[ReportConflict, ...] = field(default=())
