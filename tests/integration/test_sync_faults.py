"""Bad networks and bad servers: a proxy that drops, cuts and delays; a server answering random
500/503/429 (sometimes after doing the work); a server restarted mid-batch; its database gone for
a while. Syncing again until nothing waits always ends with every revision stored exactly once."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections import Counter

import pytest

from desktop.core.errors import ServerUnavailable, ServerUnreachable
from desktop.storage import outbox, sync_settings
from desktop.sync.batching import BatchSizer
from desktop.sync.client import RetryPolicy
from desktop.sync.service import SyncService
from tests.desktop.sync.helpers import FAST_RETRY, completed_records
from tests.integration.conftest import local_revisions
from tests.integration.fault_proxy import FaultProxy, Faults
from tests.integration.servers import ServerProcess

# Servers killed and restarted, outages waited out: `make test`, not `make check`.
pytestmark = pytest.mark.slow

DEADLINE = 150  # seconds a test may spend converging before it fails


def sync_until_done(service: SyncService, deadline: float = DEADLINE) -> tuple[int, int]:
    """Run syncs (as auto-sync would) until nothing waits; returns (runs, failed runs)."""
    runs = failures = 0
    stop = time.monotonic() + deadline
    while True:
        assert time.monotonic() < stop, f"not converged after {runs} runs"
        runs += 1
        try:
            report = service.run()
        except (ServerUnreachable, ServerUnavailable):
            failures += 1
            continue
        if report.waiting == 0:
            return runs, failures


def redirect(session, url: str) -> None:
    """Point the stored enrolment at another address (the proxy in front of the server)."""
    with session.db.write() as conn:
        enrolment = sync_settings.load_enrolment(conn)
        sync_settings.save_enrolment(conn, dataclasses.replace(enrolment, server_url=url))


def assert_exactly_once(session, server_db) -> None:
    stored = [(r, v) for r, v, _ in server_db.revisions()]
    assert Counter(stored) == Counter(local_revisions(session))
    with session.db.read() as conn:
        counts = outbox.counts(conn)
    assert counts.waiting == counts.quarantined == counts.conflict == 0


def test_faulty_network(enrolled, session, server, server_db):
    """Drops, cut answers and delays on every connection: 300 records arrive exactly once."""
    completed_records(session, 300)
    enrolled._sizer = BatchSizer(size=5, largest=5)
    faults = Faults(drop=0.15, cut=0.25, delay=0.2, max_delay=0.2)
    with FaultProxy(server.port, faults, seed=6, lifetime=DEADLINE + 30) as proxy:
        redirect(session, f"http://127.0.0.1:{proxy.port}")
        runs, failures = sync_until_done(enrolled)
    assert_exactly_once(session, server_db)
    injected = proxy.injected
    assert injected["drop"] >= 1 and injected["cut"] >= 5 and injected["delay"] >= 5, injected
    print(f"faulty network: {runs} runs, {failures} failed, injected {dict(injected)}")


def test_server_answering_random_errors(session, server_db, tmp_path):
    """A server failing 40% of sync requests with 500/503/429, half of them after storing the
    batch: every record exactly once, and the server saw batches sent again (duplicates)."""
    server = ServerProcess(server_db.url, tmp_path, fault_rate=0.4)
    server.start()
    try:
        service = SyncService(session, retry=FAST_RETRY, batch=BatchSizer(size=10, largest=10))
        service.enroll(server.url, server_db.enrolment_code())
        completed_records(session, 250)
        runs, failures = sync_until_done(service)
    finally:
        server.kill()
    assert_exactly_once(session, server_db)
    injected = Counter(line.split()[0] for line in server.fault_log.read_text().splitlines())
    # Answers lost after the batch was stored: exactly the case that must not duplicate.
    assert injected["after"] >= 3 and injected["before"] >= 3, injected
    print(f"random errors: {runs} runs, {failures} failed, injected {dict(injected)}")


def test_server_restarted_mid_batch(enrolled, session, server, server_db):
    """The server is killed (SIGKILL) during a push and later stopped gracefully, each time
    restarted on the same port: the running sync rides it out or the next one finishes."""
    completed_records(session, 400)
    enrolled.retry = RetryPolicy(attempts=10, backoff_factor=0.1, backoff_max=1.0, read_timeout=10)
    enrolled._sizer = BatchSizer(size=10, largest=10)
    outcome: dict[str, object] = {}

    def background() -> None:
        try:
            outcome["runs"] = sync_until_done(enrolled)
        except BaseException as exc:  # reported by the assertion below
            outcome["error"] = exc

    worker = threading.Thread(target=background)
    worker.start()
    for stop in (server.kill, server.stop):
        _wait_for_acknowledged(session, at_least=len(server_db.revisions()) + 30)
        stop()
        time.sleep(1.0)
        server.start()
    worker.join(DEADLINE)
    assert "error" not in outcome, outcome
    assert_exactly_once(session, server_db)


def _wait_for_acknowledged(session, at_least: int) -> None:
    stop = time.monotonic() + 60
    while time.monotonic() < stop:
        with session.db.read() as conn:
            if outbox.counts(conn).acknowledged >= at_least:
                return
        time.sleep(0.02)
    raise AssertionError("sync did not progress")


def test_server_database_unreachable_for_a_while(session, server_db, tmp_path):
    """PostgreSQL behind a proxy that is cut for 3 s mid-sync: answers turn 503, then it heals."""
    db_port = int(server_db.engine.url.port or 5432)
    with FaultProxy(db_port, seed=1, lifetime=DEADLINE + 60) as pg_proxy:
        url = server_db.engine.url.set(port=pg_proxy.port, host="127.0.0.1")
        server = ServerProcess(url.render_as_string(hide_password=False), tmp_path)
        server.start()
        try:
            service = SyncService(session, retry=FAST_RETRY, batch=BatchSizer(size=10, largest=10))
            service.enroll(server.url, server_db.enrolment_code())
            completed_records(session, 300)
            outcome: dict[str, object] = {}
            worker = threading.Thread(
                target=lambda: outcome.setdefault("runs", sync_until_done(service))
            )
            worker.start()
            _wait_for_acknowledged(session, at_least=30)
            pg_proxy.set_down(True)
            time.sleep(3)
            with session.db.read() as conn:
                waiting_while_down = outbox.counts(conn).waiting
            pg_proxy.set_down(False)
            worker.join(DEADLINE)
            assert "runs" in outcome
        finally:
            server.kill()
    assert waiting_while_down > 0  # the outage really happened mid-sync
    assert_exactly_once(session, server_db)
    assert "database error" in server.log_path.read_text(errors="replace")  # it answered 503


def test_batches_too_large_for_the_server_are_split(session, server_db, tmp_path):
    """A server taking bodies of 6 KB at most refuses the first batches (BODY_TOO_LARGE): the
    station halves them until they fit, and everything still arrives once."""
    server = ServerProcess(server_db.url, tmp_path, env={"CAX_SERVER_MAX_BODY_BYTES": "6000"})
    server.start()
    try:
        service = SyncService(session, retry=FAST_RETRY)
        service.enroll(server.url, server_db.enrolment_code())
        completed_records(session, 40)
        report = service.run()
    finally:
        server.kill()
    assert report.waiting == 0 and report.counts.sent > 40  # some went twice, in smaller batches
    assert service._sizer.size < 40
    assert_exactly_once(session, server_db)


def test_a_record_too_large_alone_is_quarantined(session, server_db, tmp_path):
    """When even one revision alone is over the server's limit, it is set aside (quarantined with
    BODY_TOO_LARGE, shown to the supervisor) instead of blocking the sync for ever."""
    enrolling = ServerProcess(server_db.url, tmp_path)
    enrolling.start()
    try:  # the enrolment carries the station's signed roster: more than the limit below
        service = SyncService(session, retry=FAST_RETRY)
        service.enroll(enrolling.url, server_db.enrolment_code())
    finally:
        enrolling.kill()
    server = ServerProcess(server_db.url, tmp_path, env={"CAX_SERVER_MAX_BODY_BYTES": "300"})
    server.port = enrolling.port  # the same address the station enrolled with
    server.start()
    try:
        completed_records(session, 3)
        report = service.run()
    finally:
        server.kill()
    assert report.waiting == 0 and report.counts.quarantined == 3
    assert {p.code for p in service.problems()} == {"BODY_TOO_LARGE"}
    assert server_db.revisions() == []
