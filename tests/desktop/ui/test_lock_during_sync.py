"""Locking the window while a sync is on the wire: the sync is cancelled and awaited before the
session's database closes, so its last answer is written down (nothing lost, nothing written
after the close) and the next sync sends each remaining revision exactly once.

The task runner is threaded here, as in the app: the sync runs on the network worker and the
session is closed on the database worker, which is exactly the race being tested.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections import Counter

import pytest

from desktop.storage import outbox, sync_history
from desktop.storage.database import Database
from desktop.sync.batching import BatchSizer
from desktop.sync.client import SyncClient
from desktop.sync.service import SyncService
from desktop.ui.main_window import MainWindow
from tests.desktop.conftest import SUPERVISOR
from tests.desktop.sync.helpers import FAST_RETRY, completed_records
from tests.desktop.ui import server_fixtures
from tests.desktop.ui.conftest import PASSWORDS, make_services
from tests.integration.conftest import local_revisions

# Slow: locks the whole window during a push to a real server. `make test` runs them; `make check`
# does not.
pytestmark = pytest.mark.slow

# A real server for these tests (tests/desktop/ui/server_fixtures.py).
server_db, server = server_fixtures.server_db, server_fixtures.server

RECORDS, BATCH = 6, 2


class HeldTransport:
    """Wraps `SyncClient.push`: notes every revision sent, and holds the first push on the wire
    until the test lets it through (a server that answers slowly)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.sent: list[tuple[str, int]] = []
        self.on_wire, self.answer = threading.Event(), threading.Event()
        real_push = SyncClient.push

        def push(client: SyncClient, body: bytes):
            batch = json.loads(gzip.decompress(body))["records"]
            self.sent += [(r["record_id"], r["revision"]) for r in batch]
            if not self.on_wire.is_set():
                self.on_wire.set()
                assert self.answer.wait(20), "the test never let the answer through"
            return real_push(client, body)

        monkeypatch.setattr(SyncClient, "push", push)


class DatabaseEvents:
    """Every write transaction begun and every close, in order, across threads."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[str] = []
        real_write, real_close = Database.write, Database.close

        def write(db: Database):
            self.events.append("write")
            return real_write(db)

        def close(db: Database) -> None:
            self.events.append("close")
            real_close(db)

        monkeypatch.setattr(Database, "write", write)
        monkeypatch.setattr(Database, "close", close)


@pytest.fixture
def threaded_window(qtbot, station_home):
    services = make_services(station_home.home, threaded=True)
    main = MainWindow(services)
    qtbot.addWidget(main)
    yield main, services
    services.idle.stop()
    services.tasks.wait(20_000)


def test_lock_mid_push_waits_for_the_answer_then_closes(
    threaded_window, qtbot, station_home, server, server_db, monkeypatch
):
    main, services = threaded_window
    session = station_home.unlock(SUPERVISOR, PASSWORDS[SUPERVISOR])
    enrolment = SyncService(session, retry=FAST_RETRY)
    enrolment.enroll(server.url, server_db.enrolment_code())
    queued = set(map(tuple, [(r, 1) for r in completed_records(session, RECORDS)]))
    main.open_session(session)
    main.show()
    qtbot.waitUntil(lambda: main.sync is not None, timeout=10_000)
    main.sync.service.retry = FAST_RETRY
    main.sync.service._sizer = BatchSizer(BATCH, BATCH, BATCH)  # three batches: lock in the first
    transport, database = HeldTransport(monkeypatch), DatabaseEvents(monkeypatch)
    idle = lambda: main.sync.status is not None and not services.tasks.pending  # noqa: E731
    qtbot.waitUntil(idle, timeout=10_000)

    main.sync.sync_now()
    assert transport.on_wire.wait(10)
    main.lock()
    qtbot.wait(300)  # the database worker has had time to close, if it did not wait
    assert "close" not in database.events, "the session closed under a running sync"
    transport.answer.set()
    qtbot.waitUntil(lambda: "close" in database.events, timeout=20_000)
    services.tasks.wait(20_000)

    assert database.events.count("close") == 1 and database.events[-1] == "close"
    first_sync = list(transport.sent)
    assert first_sync[:BATCH] and len(first_sync) == BATCH, "cancelled after its first batch"

    again = station_home.unlock(SUPERVISOR, PASSWORDS[SUPERVISOR])
    try:
        with again.db.read() as conn:
            counts = outbox.counts(conn)
            last = sync_history.last(conn)
        # The answer that came back after the lock was written down: the first batch is done.
        assert counts.acknowledged == BATCH and counts.waiting == RECORDS - BATCH
        assert last.outcome == sync_history.CANCELLED and last.acknowledged == BATCH
        report = SyncService(again, retry=FAST_RETRY).run()
        assert report.outcome == sync_history.OK and report.waiting == 0
        assert local_revisions(again) == queued
    finally:
        again.close()
    next_sync = transport.sent[len(first_sync) :]
    assert sorted(next_sync) == sorted(queued - set(first_sync))  # the rest, each once
    assert Counter(transport.sent).most_common(1)[0][1] == 1  # nothing sent twice overall
    stored = server_db.revisions()
    assert len(stored) == RECORDS and {(r, n) for r, n, _ in stored} == queued
