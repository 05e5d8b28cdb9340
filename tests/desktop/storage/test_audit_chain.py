"""The audit log's hash chain names the first entry someone edited, removed or reordered."""

from __future__ import annotations

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import exc, text

from desktop.storage import audit, maintenance
from tests.desktop.conftest import SUPERVISOR

COLUMNS = "at, actor, action, target, details, prev_hash, hash"


@pytest.fixture
def logged(station_home):
    """A station whose log holds 20 entries or more; yields (fixture, raw connection with the key)."""
    session = station_home.unlock()
    with session.db.write() as conn:
        for i in range(15):
            audit.append(conn, SUPERVISOR, "record.viewed", f"record-{i}", {"i": i})
    key = session.data_key
    session.close()
    raw = sqlcipher.connect(str(station_home.station.db_path), isolation_level=None)
    raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    raw.execute("DROP TRIGGER audit_log_no_update")  # what an attacker holding the key could do
    raw.execute("DROP TRIGGER audit_log_no_delete")
    yield station_home, raw
    raw.close()


def _verify(station_home) -> audit.ChainBreak | None:
    session = station_home.unlock()
    try:
        return maintenance.verify_audit(session).first_break
    finally:
        session.close()


def test_untouched_log_verifies(logged):
    """With nothing changed, the whole chain verifies."""
    station_home, _ = logged
    assert _verify(station_home) is None


def test_edited_entry_is_named(logged):
    """Changing one field of entry 7 is reported as entry 7, altered."""
    station_home, raw = logged
    raw.execute("UPDATE audit_log SET target = 'record-x' WHERE seq = 7")
    assert _verify(station_home) == audit.ChainBreak(7, "altered")


def test_edited_entry_with_recomputed_hash_is_named(logged):
    """Even with its own hash recomputed, an edited entry breaks the link from the next one."""
    station_home, raw = logged
    row = raw.execute(f"SELECT seq, {COLUMNS} FROM audit_log WHERE seq = 7").fetchone()
    seq, at, actor, action, _, details, prev, _ = row
    forged = audit.entry_hash(seq, at, actor, action, "record-x", details, prev)
    raw.execute("UPDATE audit_log SET target = 'record-x', hash = ? WHERE seq = 7", (forged,))
    assert _verify(station_home) == audit.ChainBreak(7, "altered")


def test_removed_entry_is_named(logged):
    """Deleting entry 9 is reported as entry 9, removed."""
    station_home, raw = logged
    raw.execute("DELETE FROM audit_log WHERE seq = 9")
    assert _verify(station_home) == audit.ChainBreak(9, "removed")


def test_removed_last_entry_is_named(logged):
    """Deleting the newest entry is caught by the chain head kept beside the log."""
    station_home, raw = logged
    last = raw.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    raw.execute("DELETE FROM audit_log WHERE seq = ?", (last,))
    assert _verify(station_home) == audit.ChainBreak(last, "removed")


def test_reordered_entries_are_named(logged):
    """Swapping entries 5 and 6 is reported at entry 5, reordered."""
    station_home, raw = logged
    five = raw.execute(f"SELECT {COLUMNS} FROM audit_log WHERE seq = 5").fetchone()
    six = raw.execute(f"SELECT {COLUMNS} FROM audit_log WHERE seq = 6").fetchone()
    assignments = ", ".join(f"{c.strip()} = ?" for c in COLUMNS.split(","))
    raw.execute(f"UPDATE audit_log SET {assignments} WHERE seq = 5", six)
    raw.execute(f"UPDATE audit_log SET {assignments} WHERE seq = 6", five)
    assert _verify(station_home) == audit.ChainBreak(5, "reordered")


def test_the_application_cannot_rewrite_the_log(station_home):
    """Through the store, UPDATE and DELETE on the audit log are refused by triggers."""
    session = station_home.unlock()
    try:
        for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(exc.IntegrityError, match="append-only"), session.db.write() as conn:
                conn.execute(text(statement))
        assert maintenance.verify_audit(session).ok
    finally:
        session.close()
