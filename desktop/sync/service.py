"""The sync service (no Qt): enrol the station once, then push what waits and pull what the centre
sent, recording each session in the history. The GUI runs `run()` on its network worker; the CLI
calls it directly. See docs/sync.md."""

from __future__ import annotations

import base64
import ipaddress
import logging
import platform
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import (
    AppError,
    InsecureTransport,
    InvalidInput,
    ServerRefused,
    StationMismatch,
    SyncNotEnrolled,
    SyncRunning,
)
from desktop.core.permissions import Permission
from desktop.storage import (
    audit,
    centre_feed,
    grants,
    outbox,
    report_sync,
    reports,
    sync_history,
    sync_settings,
)
from desktop.storage.outbox import OutboxProblem
from desktop.storage.station import StationSession
from desktop.storage.sync_history import SessionCounts, SyncSession
from desktop.storage.sync_settings import Enrolment
from desktop.sync.attachments import upload_attachments
from desktop.sync.batching import BatchSizer
from desktop.sync.client import DEFAULT_RETRY, PROBE, DeviceIdentity, RetryPolicy, SyncClient
from desktop.sync.ledger import SessionLedger
from desktop.sync.pull import pull_beside
from desktop.sync.push import Tally, push_waiting
from desktop.sync.report import (
    PULL,
    ServerCheck,
    ServerIdentity,
    SyncProgress,
    SyncReport,
    SyncStatus,
)
from desktop.sync.report_push import push_reports
from desktop.sync.station_lock import Holder, StationSyncLock
from desktop.sync.tls import describe_certificate
from protocol.errors import ErrorCode
from protocol.messages import EnrollRequest, SignedRoster
from protocol.signing import enrolment_proof, new_private_key, public_key_b64

log = logging.getLogger("cax.sync")
ProgressCallback = Callable[[SyncProgress], None]
# A session skips its own /health while the last answer of its server is younger than this; the
# app's connectivity watcher (check_server) asks every minute while online.
HEALTH_FRESH_SECONDS = 300.0
_UNSUPPORTED_PROTOCOL = str(ErrorCode.UNSUPPORTED_PROTOCOL_VERSION)


@dataclass(frozen=True)
class _KnownServer:
    """What the last health answer of a server taught: the protocol to speak, the clock offset."""

    server_url: str
    protocol: int
    offset: float
    at: float  # time.monotonic() of the answer


def _ignore(_: SyncProgress) -> None:
    return None


def normalise_server_url(url: str) -> str:
    """`https://host[:port]` without a trailing slash; anything else is INVALID_INPUT."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
        raise InvalidInput(field="server", reason="url")
    return url


def is_loopback(host: str) -> bool:
    """This computer: `localhost`, 127.0.0.0/8 or ::1 (plain HTTP never leaves the machine)."""
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def transport_of(url: str) -> str:
    """`https`, `http-loopback` (this computer) or `http-trial` (plain, across a network)."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return "https"
    return "http-loopback" if is_loopback(parts.hostname or "") else "http-trial"


def require_secure_transport(url: str, ca_pem: str | None, allow_http: bool) -> None:
    """Records leave only over TLS. Plain `http://` is INSECURE_TRANSPORT unless it stays on this
    computer (a trial with the server on the same PC) or `allow_http` says it is a trial on
    purpose; with a CA to pin it is always refused, since nothing would check that CA."""
    parts = urlsplit(url)
    if parts.scheme != "http":
        return
    if ca_pem:
        raise InsecureTransport(server=url, reason="ca_over_http")
    if not (allow_http or is_loopback(parts.hostname or "")):
        raise InsecureTransport(server=url, reason="plain_http")


def private_key_of(enrolment: Enrolment) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(enrolment.device_key))


class SyncService:
    """Sync of one unlocked station. One sync at a time per service; every method is blocking."""

    def __init__(
        self,
        session: StationSession,
        *,
        retry: RetryPolicy = DEFAULT_RETRY,
        batch: BatchSizer | None = None,
        clock: Callable[[], str] = audit.utc_now,
        program: str = "cax",
    ) -> None:
        self.session = session
        self.program = program  # named to a second sync the station's lock keeps waiting
        self.retry = retry
        self._clock = clock
        self._lock = threading.Lock()
        self._sizer = batch or BatchSizer()
        self._online: bool | None = None
        self._known: _KnownServer | None = None

    # ---- enrolment ------------------------------------------------------------------------------

    def enrolment(self) -> Enrolment | None:
        with self.session.db.read() as conn:
            return sync_settings.load_enrolment(conn)

    def enroll(
        self,
        server_url: str,
        code: str,
        ca_pem: str | None = None,
        device_name: str = "",
        *,
        allow_http: bool = False,
    ) -> Enrolment:
        """Enrol this station with the one-time `code` (supervisors only); replaces an old one.

        `http://` only on this computer, or with `allow_http` (a trial); never with a CA."""
        self.session.require(Permission.MANAGE_SETTINGS)
        url = normalise_server_url(server_url)
        require_secure_transport(url, ca_pem, allow_http)
        code = code.strip()
        if not code:
            raise InvalidInput(field="code", reason="required")
        if ca_pem:
            describe_certificate(ca_pem)
        name = (device_name or platform.node() or "CAX Desk").strip()[:128]
        key = new_private_key()
        client = SyncClient(url, ca_pem, policy=self.retry)
        try:
            client.health()  # the address and certificate are right before the code is spent
            answer = client.enroll(
                EnrollRequest(
                    protocol_version=client.protocol,  # as the health answer allows
                    code=code,
                    public_key=public_key_b64(key),
                    device_name=name,
                    proof=enrolment_proof(key, code),
                    roster=self._roster(),
                )
            )
        finally:
            client.close()
        local = self.session.info().code
        if answer.station.code != local:
            raise StationMismatch(local=local, server=answer.station.code)
        raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        with self.session.db.write() as conn:
            old = sync_settings.load_enrolment(conn)
            same_server = old is not None and old.server_signing_key == answer.server_signing_key
            enrolment = Enrolment(
                server_url=url,
                ca_pem=ca_pem or None,
                device_id=str(answer.device_id),
                device_name=name,
                device_key=base64.b64encode(raw).decode("ascii"),
                station_code=answer.station.code,
                station_name=answer.station.name,
                server_signing_key=answer.server_signing_key,
                server_box_key=answer.server_box_key,
                enrolled_at=self._clock(),
                enrolled_by=self.session.user.username,
                # The same server's feed goes on where it was; another server's starts over.
                pull_cursor=old.pull_cursor if old and same_server else 0,
            )
            sync_settings.save_enrolment(conn, enrolment)
            details = {
                "server": url,
                "device": enrolment.device_id,
                "pinned_ca": bool(ca_pem),
                # A supervisor's choice to send records unencrypted stays on record.
                "transport": transport_of(url),
            }
            audit.append(
                conn, self.session.user.username, AuditAction.SYNC_ENROLLED, local, details
            )
        return enrolment

    def _roster(self) -> SignedRoster | None:
        """The station's signed roster as the key file holds it (the server checks it)."""
        return grants.load_roster(self.session.station.load_slots())

    def identify_server(
        self, server_url: str, ca_pem: str | None = None, *, allow_http: bool = False
    ) -> ServerIdentity:
        """Reach the server (through the given CA, if any) without enrolling: its version and the
        CA's fingerprint, to compare with what the centre announced. TLS_UNTRUSTED if it fails,
        INSECURE_TRANSPORT for an address enrolment would refuse."""
        url = normalise_server_url(server_url)
        require_secure_transport(url, ca_pem, allow_http)
        ca = describe_certificate(ca_pem) if ca_pem else None
        client = SyncClient(url, ca_pem, policy=PROBE)
        try:
            health = client.health()
        finally:
            client.close()
        versions = (health.min_protocol_version, health.max_protocol_version)
        return ServerIdentity(url, health.version, versions, ca)

    def set_policy(self, policy: str) -> None:
        """`on_completion` or `after_approval` (supervisors; audited)."""
        sync_settings.set_policy(self.session, policy)

    def set_auto_sync(self, enabled: bool) -> None:
        """Sync by itself when the network comes back (supervisors; audited)."""
        sync_settings.set_auto_sync(self.session, enabled)

    def _client(self, enrolment: Enrolment, cancel: threading.Event | None = None) -> SyncClient:
        identity = DeviceIdentity(
            enrolment.device_id, private_key_of(enrolment), enrolment.server_signing_key
        )
        return SyncClient(
            enrolment.server_url,
            enrolment.ca_pem,
            identity=identity,
            policy=self.retry,
            cancel=cancel,
        )

    def _require_enrolment(self) -> Enrolment:
        enrolment = self.enrolment()
        if enrolment is None:
            raise SyncNotEnrolled()
        return enrolment

    # ---- syncing --------------------------------------------------------------------------------

    def run(
        self,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        *,
        wait: float = 0.0,
    ) -> SyncReport:
        """Push every waiting revision and submitted report, then pull the centre's updates.

        One sync at a time per station: while the app or `cax` holds the station's sync lock,
        this waits up to `wait` seconds, then raises SYNC_BUSY naming who holds it.

        Network trouble raises ServerUnreachable / ServerUnavailable (and TlsUntrusted,
        DeviceNotAuthorised…) after the session was written to the history as failed; whatever
        was answered before stays answered, the rest is sent again next time.
        """
        if not self._lock.acquire(blocking=False):
            raise SyncRunning()
        cancel = cancel or threading.Event()
        station_lock = StationSyncLock(self.session.station.home)
        try:
            user = self.session.user.username
            station_lock.acquire(user, self._clock(), self.program, wait=wait, cancel=cancel)
            try:
                return self._run(progress or _ignore, cancel)
            finally:
                station_lock.release()
        finally:
            self._lock.release()

    def busy_with(self) -> Holder | None:
        """Who holds the station's sync lock now (this program or another), if anyone."""
        return StationSyncLock(self.session.station.home).holder()

    def _run(self, progress: ProgressCallback, cancel: threading.Event) -> SyncReport:
        enrolment = self._require_enrolment()
        started = time.monotonic()
        user = self.session.user.username
        ledger = SessionLedger(
            self.session.db,
            lambda conn: sync_history.start(conn, "network", user, self._clock()),
        )
        tally, client = Tally(), self._client(enrolment, cancel)
        try:
            assumed = self._assume_known(client, enrolment.server_url)
            if not assumed:
                self._ask_health(client, enrolment.server_url)
            try:
                self._phases(ledger, client, enrolment, tally, progress, cancel)
            except ServerRefused as refusal:
                # The server changed its protocol range since the answer this session assumed.
                if not assumed or refusal.params.get("server_code") != _UNSUPPORTED_PROTOCOL:
                    raise
                # Refused at its first request, the batch counted as sent goes again below.
                tally.sent = tally.acknowledged
                self._ask_health(client, enrolment.server_url)
                self._phases(ledger, client, enrolment, tally, progress, cancel)
            self._online = True
        except AppError as error:
            if not (cancel.is_set() and error.params.get("reason") == "cancelled"):
                self._online = error.code not in ("SERVER_UNREACHABLE", "TLS_UNTRUSTED")
                self._known = None  # the next session asks /health again: the server may change
                self._finish(ledger, sync_history.FAILED, tally, client, error.code)
                raise
            # Cancelled while waiting to try again: a cancelled session, not a failed one.
        except BaseException:
            self._finish(ledger, sync_history.FAILED, tally, client, "INTERNAL_ERROR")
            raise
        finally:
            client.close()
        outcome = sync_history.CANCELLED if cancel.is_set() else sync_history.OK
        # A report the centre refused or holds otherwise does not fail the session: it is named.
        counts, waiting, reports_waiting = self._finish(
            ledger, outcome, tally, client, tally.report_problem
        )
        seconds = time.monotonic() - started
        assert ledger.session_id is not None  # the closing write opened the row if none had
        return SyncReport(
            outcome,
            ledger.session_id,
            counts,
            waiting,
            seconds,
            tally.reports_sent,
            reports_waiting,
        )

    def _phases(
        self,
        ledger: SessionLedger,
        client: SyncClient,
        enrolment: Enrolment,
        tally: Tally,
        progress: ProgressCallback,
        cancel: threading.Event,
    ) -> None:
        """Push, attachments, reports, pull: each resumes where an earlier try stopped."""
        push_waiting(
            ledger,
            client,
            enrolment.station_code,
            self._sizer,
            tally,
            self._clock,
            progress,
            cancel,
            roster=self.session.station.load_slots().roster,
            pull_cursor=enrolment.pull_cursor,
        )
        if cancel.is_set():
            return

        def upload() -> None:
            upload_attachments(ledger, client, self._clock, progress, cancel)
            if not cancel.is_set():
                push_reports(self.session, client, tally, cancel, progress)

        if tally.feed_waiting is False:  # the push's answer: nothing to pull (protocol 4)
            upload()
        else:
            pull_beside(upload, ledger, client, enrolment.pull_cursor, tally, self._clock, cancel)
        sent, received = client.bytes_sent, client.bytes_received
        progress(SyncProgress(PULL, tally.pulled, tally.pulled, sent, received))

    def _assume_known(self, client: SyncClient, server_url: str) -> bool:
        """Use the last health answer of this server if it is fresh (the app's connectivity
        watcher asks every minute while online): one request fewer per session."""
        known = self._known
        if known is None or known.server_url != server_url:
            return False
        if time.monotonic() - known.at > HEALTH_FRESH_SECONDS:
            return False
        client.assume(known.protocol, known.offset)
        return True

    def _ask_health(self, client: SyncClient, server_url: str) -> None:
        client.health()
        self._remember(client, server_url)

    def _remember(self, client: SyncClient, server_url: str) -> None:
        """Keep what a health answer taught `client`, for the sessions of the next minutes."""
        self._known = _KnownServer(server_url, client.protocol, client.offset, time.monotonic())

    def _finish(
        self,
        ledger: SessionLedger,
        outcome: str,
        tally: Tally,
        client: SyncClient,
        error_code: str | None,
    ) -> tuple[SessionCounts, int, int]:
        """The session's closing write: what still waits (blob marks, the last pulled page), the
        history row (opened here too if no write did), the audit entry — one commit. Returns
        the counts, and the revisions and reports still waiting as that transaction saw them."""
        counts = SessionCounts(
            sent=tally.sent,
            acknowledged=tally.acknowledged,
            conflicts=tally.conflicts,
            quarantined=tally.quarantined,
            pulled=tally.pulled,
            bytes_sent=client.bytes_sent,
            bytes_received=client.bytes_received,
        )
        with ledger.write() as conn:
            session_id = ledger.session_id
            assert session_id is not None  # the ledger's write opened the row if none had
            sync_history.finish(conn, session_id, outcome, counts, self._clock(), error_code)
            # Sessions that moved records are audited; empty periodic syncs only go to history.
            if tally.sent or tally.pulled or tally.reports_sent or error_code:
                details = {"session": session_id, "outcome": outcome, "error": error_code}
                details |= {"sent": tally.sent, "acknowledged": tally.acknowledged}
                details |= {"quarantined": tally.quarantined, "pulled": tally.pulled}
                details |= {"reports_sent": tally.reports_sent}
                details |= {"reports_acknowledged": tally.reports_acknowledged}
                audit.append(conn, self.session.user.username, AuditAction.SYNC, "", details)
            waiting = outbox.counts(conn).waiting
            reports_waiting = reports.count_unsynced(conn)
        return counts, waiting, reports_waiting

    # ---- status ---------------------------------------------------------------------------------

    def check_server(self) -> ServerCheck:
        """One quick request to the health endpoint: is the server reachable right now?"""
        enrolment = self.enrolment()
        if enrolment is None:
            return ServerCheck(online=False, error_code=SyncNotEnrolled.code)
        started = time.monotonic()
        client = SyncClient(enrolment.server_url, enrolment.ca_pem, policy=PROBE)
        try:
            health = client.health()
        except AppError as error:
            self._online = False
            self._known = None
            return ServerCheck(False, error.code, time.monotonic() - started)
        finally:
            client.close()
        self._online = True
        self._remember(client, enrolment.server_url)
        return ServerCheck(True, None, time.monotonic() - started, health.version)

    def status(self, *, history: int = 0) -> SyncStatus:
        """Counts and the last sessions, from the database only (fast, no network)."""
        with self.session.db.read() as conn:
            enrolment = sync_settings.load_enrolment(conn)
            return SyncStatus(
                enrolled=enrolment is not None,
                server_url=enrolment.server_url if enrolment else None,
                station_code=enrolment.station_code if enrolment else None,
                device_id=enrolment.device_id if enrolment else None,
                policy=str(sync_settings.policy_in(conn)),
                auto_sync=sync_settings.auto_sync_in(conn),
                outbox=outbox.counts(conn),
                open_returns=centre_feed.count_open_returns(conn),
                last_session=sync_history.last(conn),
                last_success=sync_history.last(conn, outcome=sync_history.OK),
                online=self._online,
                running=self._lock.locked(),
                history=tuple(sync_history.recent(conn, limit=history)) if history else (),
                reports_waiting=reports.count_unsynced(conn),
                report_conflicts=tuple(report_sync.conflicts(conn)),
            )

    def problems(self) -> list[OutboxProblem]:
        """Quarantined and conflicting revisions with the server's reasons."""
        with self.session.db.read() as conn:
            return outbox.problems(conn)

    def requeue(self, entry_id: int) -> bool:
        """Send a quarantined or conflicting revision again (supervisors only; audited)."""
        self.session.require(Permission.MANAGE_SETTINGS)
        with self.session.db.write() as conn:
            done = outbox.requeue(conn, entry_id, self._clock())
            if done:
                details = {"requeued": entry_id}
                audit.append(conn, self.session.user.username, AuditAction.SYNC, "", details)
        return done

    def resolve_report_conflict(self, report_id: str, *, replace: bool) -> bool:
        """A supervisor's decision on a report the centre holds otherwise (audited): `replace`
        sends the station's copy at the next sync in place of the centre's; otherwise the
        centre's copy is kept and the report counts as delivered. False: no such conflict."""
        self.session.require(Permission.MANAGE_SETTINGS)
        user, now = self.session.user.username, self._clock()
        with self.session.db.write() as conn:
            if replace:
                done = report_sync.request_replacement(conn, report_id, user, now)
            else:
                done = report_sync.keep_centre_copy(conn, report_id, now)
            if done:
                choice = "replace" if replace else "keep_centre"
                details = {"report_conflict": report_id, "resolution": choice}
                audit.append(conn, user, AuditAction.SYNC, report_id, details)
        return done

    def history(self, limit: int = 50) -> list[SyncSession]:
        with self.session.db.read() as conn:
            return sync_history.recent(conn, limit=limit)
