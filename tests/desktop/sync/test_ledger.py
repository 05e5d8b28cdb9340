"""The session ledger folds a sync session's bookkeeping into few commits without losing any:
the history row comes with the first write, deferred writes with the next one, and a write that
fails commits none of it, so what waited still waits."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from desktop.storage import sync_history
from desktop.sync.ledger import SessionLedger

NOW = "2026-12-05T01:00:00+00:00"


@pytest.fixture
def session(station_home):
    opened = station_home.unlock()
    yield opened
    opened.close()


def _ledger(session) -> SessionLedger:
    return SessionLedger(
        session.db, lambda conn: sync_history.start(conn, "network", "truong", NOW)
    )


def _settings(session) -> dict[str, str]:
    with session.db.read() as conn:
        rows = conn.execute(text("SELECT key, value FROM settings WHERE key LIKE 'test.%'"))
        return {str(k): str(v) for k, v in rows}


def _put(key: str, value: str):
    def write(conn) -> None:
        conn.execute(
            text(
                "INSERT OR REPLACE INTO settings (key, value, updated_at, updated_by) "
                "VALUES (:k, :v, :now, 'truong')"
            ),
            dict(k=key, v=value, now=NOW),
        )

    return write


def _sessions(session) -> list[sync_history.SyncSession]:
    with session.db.read() as conn:
        return sync_history.recent(conn)


def test_the_first_write_opens_the_history_row_and_later_ones_reuse_it(session):
    """No commit of its own for the row: it goes with the session's first write, once."""
    ledger = _ledger(session)
    assert ledger.session_id is None and _sessions(session) == []
    with ledger.write() as conn:
        _put("test.a", "1")(conn)
        opened = ledger.session_id
    with ledger.write() as conn:
        _put("test.b", "2")(conn)
    rows = _sessions(session)
    assert opened is not None and [r.id for r in rows] == [opened]
    assert rows[0].outcome == sync_history.RUNNING
    assert ledger.session_id == opened and _settings(session) == {"test.a": "1", "test.b": "2"}


def test_deferred_writes_wait_for_the_next_write_and_commit_with_it(session):
    """A deferred write is nowhere on disk until the session's next write carries it."""
    ledger = _ledger(session)
    ledger.defer(_put("test.blob", "complete"))
    ledger.defer(_put("test.cursor", "7"))
    assert ledger.waiting == 2 and _settings(session) == {}
    with ledger.write() as conn:
        _put("test.closing", "ok")(conn)
    assert ledger.waiting == 0
    assert _settings(session) == {"test.blob": "complete", "test.cursor": "7", "test.closing": "ok"}


def test_a_failed_write_keeps_nothing_and_what_waited_waits_on(session):
    """A write that fails (a crash inside the closing transaction) commits neither the row nor
    what waited; the next write carries them all, in the order they were deferred."""
    ledger = _ledger(session)
    ledger.defer(_put("test.order", "first"))
    with pytest.raises(RuntimeError), ledger.write() as conn:
        _put("test.lost", "x")(conn)
        raise RuntimeError("killed")
    assert ledger.session_id is None and ledger.waiting == 1
    assert _sessions(session) == [] and _settings(session) == {}
    ledger.defer(_put("test.order", "second"))
    ledger.flush()
    assert _settings(session) == {"test.order": "second"}
    assert len(_sessions(session)) == 1 and ledger.waiting == 0


def test_flush_without_waiting_writes_commits_nothing(session):
    """Nothing waits: no transaction, and so no history row for a session that did nothing."""
    ledger = _ledger(session)
    ledger.flush()
    assert ledger.session_id is None and _sessions(session) == []
