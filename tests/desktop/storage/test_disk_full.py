"""A full disk while the station writes: DISK_FULL, the transaction rolled back, nothing lost."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import DiskFull
from desktop.storage import audit


def test_a_write_on_a_full_disk_is_disk_full_and_loses_nothing(station_home):
    """SQLite's own SQLITE_FULL (the file may not grow: `max_page_count` at its size now)."""
    session = station_home.unlock()
    try:
        with session.db.read() as conn:
            entries = conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
        with pytest.raises(DiskFull), session.db.write() as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()
            conn.exec_driver_sql(f"PRAGMA max_page_count = {pages}")
            for n in range(200):  # until the file would have to grow
                audit.append(
                    conn, "truong", AuditAction.RECORD_VIEWED, f"r{n}", {"pad": "x" * 2000}
                )
        with session.db.write() as conn:
            conn.exec_driver_sql("PRAGMA max_page_count = 1073741823")
        with session.db.read() as conn:
            assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == entries
    finally:
        session.close()
