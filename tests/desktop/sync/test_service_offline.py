"""The sync service without a server: clear states, not crashes — not enrolled, offline,
officers kept out of enrolment — and the pieces a push is made of."""

from __future__ import annotations

import base64
import gzip
import threading
import time

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from desktop.core.errors import (
    InvalidInput,
    PermissionDenied,
    ServerUnavailable,
    ServerUnreachable,
    SyncNotEnrolled,
)
from desktop.storage import outbox, sync_history, sync_settings
from desktop.storage.sync_settings import Enrolment
from desktop.sync.batching import BatchSizer
from desktop.sync.client import RetryPolicy
from desktop.sync.push import answers_for, audit_head, batch_body
from desktop.sync.service import SyncService, normalise_server_url
from protocol.messages import PushRequest, PushResponse
from protocol.signing import new_private_key
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD
from tests.desktop.sync.helpers import FAST_RETRY, completed_records
from tests.server.serverproc import free_port


@pytest.fixture
def session(station_home):
    opened = station_home.unlock()
    yield opened
    opened.close()


def _fake_enrolment(session, url: str) -> None:
    raw = new_private_key().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    with session.db.write() as conn:
        sync_settings.save_enrolment(
            conn,
            Enrolment(
                server_url=url,
                ca_pem=None,
                device_id="0190a0b0-0000-7000-8000-0000000000aa",
                device_name="PC",
                device_key=base64.b64encode(raw).decode(),
                station_code="00004",
                station_name="Công an phường Ba Đình",
                server_signing_key="A" * 43 + "=",
                server_box_key="B" * 43 + "=",
                enrolled_at="2026-11-28T09:00:00+00:00",
                enrolled_by="truong",
            ),
        )


def test_not_enrolled(session):
    """Before enrolment: status says so, sync refuses with SYNC_NOT_ENROLLED, the probe too."""
    service = SyncService(session)
    status = service.status()
    assert not status.enrolled and status.policy == "on_completion" and not status.auto_sync
    with pytest.raises(SyncNotEnrolled):
        service.run()
    assert service.check_server().error_code == "SYNC_NOT_ENROLLED"


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_offline_sync_fails_quietly_and_keeps_everything(session):
    """No server at the address: SERVER_UNREACHABLE, the session is in the history as failed,
    the records still wait, and the probe reports offline."""
    _fake_enrolment(session, f"http://127.0.0.1:{free_port()}")
    completed_records(session, 3)
    service = SyncService(session, retry=FAST_RETRY)
    with pytest.raises(ServerUnreachable):
        service.run()
    status = service.status(history=5)
    assert status.outbox.waiting == 3 and status.online is False
    assert status.last_session.outcome == "failed"
    assert status.last_session.error_code == "SERVER_UNREACHABLE"
    assert status.last_success is None
    probe = service.check_server()
    assert not probe.online and probe.error_code == "SERVER_UNREACHABLE"


def test_officers_cannot_enrol_or_requeue(station_home):
    """Enrolment and re-sending are a supervisor's: officers get PERMISSION_DENIED."""
    session = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    try:
        service = SyncService(session)
        with pytest.raises(PermissionDenied):
            service.enroll("https://sync.example.vn", "K7QMX-4HNPR-ZT2WA")
        with pytest.raises(PermissionDenied):
            service.requeue(1)
    finally:
        session.close()


def test_server_addresses():
    """Only http(s) addresses with a host; a trailing slash is dropped."""
    assert normalise_server_url(" https://sync.example.vn:8443/ ") == "https://sync.example.vn:8443"
    for bad in ("sync.example.vn", "ftp://x", "https://", "https://x/?a=1"):
        with pytest.raises(InvalidInput):
            normalise_server_url(bad)


def test_batch_body_is_a_push_request(session):
    """The gzip'd body is a valid PushRequest carrying the audit-chain head and every record."""
    completed_records(session, 4)
    with session.db.read() as conn:
        batch = outbox.unsent(conn, "00004", limit=10)
        head = audit_head(conn)
    request = PushRequest.model_validate_json(gzip.decompress(batch_body(batch, head)))
    assert request.audit_head is not None and request.audit_head.seq == head["seq"] > 0
    assert [str(r.record_id) for r in request.records] == [p.record_id for p in batch]


def test_answers_must_match_the_batch(session):
    """An answer with the wrong number of results is not trusted (nothing gets marked)."""
    completed_records(session, 2)
    with session.db.read() as conn:
        batch = outbox.unsent(conn, "00004", limit=10)
    short = PushResponse(
        batch_id="0190a0b0-0000-7000-8000-000000000000",
        stored=0,
        duplicate=0,
        conflict=0,
        rejected=0,
        results=[],
    )
    with pytest.raises(ServerUnavailable):
        answers_for(batch, short)


def test_batch_size_adapts():
    """Fast full batches double the size, slow ones and failures halve it, within bounds."""
    sizer = BatchSizer(size=100, smallest=10, largest=400)
    sizer.succeeded(100, 0.2)
    sizer.succeeded(200, 0.2)
    sizer.succeeded(400, 0.2)
    assert sizer.size == 400
    sizer.succeeded(50, 0.1)  # a short batch says nothing
    assert sizer.size == 400
    sizer.succeeded(400, 9.0)
    sizer.failed()
    assert sizer.size == 100
    for _ in range(10):
        sizer.failed()
    assert sizer.size == 10
    sizer.too_large(6)
    assert sizer.size == 3


def test_interrupted_sessions_are_marked(session):
    """A session left running by a process that died shows as interrupted once the next starts."""
    with session.db.write() as conn:
        first = sync_history.start(conn, "network", "truong", "2026-11-28T09:00:00+00:00")
        sync_history.start(conn, "network", "truong", "2026-11-28T09:05:00+00:00")
        sessions = {s.id: s.outcome for s in sync_history.recent(conn)}
    assert sessions[first] == "interrupted"


def test_a_sync_cancelled_while_the_server_is_away_ends_cancelled(session):
    """Cancelled (the app locked) while waiting to try an absent server again: the session ends
    at once as cancelled, not failed, and everything still waits."""
    _fake_enrolment(session, f"http://127.0.0.1:{free_port()}")
    completed_records(session, 2)
    slow = RetryPolicy(attempts=6, backoff_factor=2.0, backoff_max=30.0, backoff_jitter=0.0)
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    report = SyncService(session, retry=slow).run(cancel=cancel)
    assert time.monotonic() - started < 2.0
    assert report.outcome == sync_history.CANCELLED and report.waiting == 2
    assert SyncService(session).status(history=1).last_session.outcome == "cancelled"
