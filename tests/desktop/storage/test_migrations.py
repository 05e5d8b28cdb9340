"""A database frozen at an old schema revision upgrades on unlock and keeps all its data."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import inspect, text

from desktop.storage import accounts, maintenance, migrate
from desktop.storage.database import Database
from desktop.storage.station import Station

FIXTURE = Path(__file__).with_name("fixtures") / "station_v0001"
PASSWORD = "Fixture-Pass-0001"


def test_frozen_v0001_station_upgrades_to_head(tmp_path):
    """Unlocking the 0001 fixture runs every later migration; users and audit chain survive."""
    home = tmp_path / "old"
    shutil.copytree(FIXTURE, home)
    session = Station(home).unlock("truong", PASSWORD)
    try:
        with session.db.read() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision() != "0001"
            assert "settings" in inspect(conn).get_table_names()
            assert conn.execute(text("SELECT name FROM station")).scalar() == "Công an xã Tân Lập"
        names = {u.username: u.full_name for u in accounts.list_users(session)}
        assert names == {"truong": "Nguyễn Văn Trưởng", "canbo": "Lê Thị Hoà"}
        report = maintenance.verify_audit(session)
        assert report.ok and report.entries_checked >= 26  # 25 frozen entries + this login
    finally:
        session.close()
    Station(home).unlock("canbo", PASSWORD).close()  # a second open finds nothing to migrate


def test_fixture_is_really_old(tmp_path):
    """The fixture stays at revision 0001, or the test above would prove nothing."""
    home = tmp_path / "copy"
    shutil.copytree(FIXTURE, home)
    station = Station(home)
    key = station.load_slots().open_slot("truong", PASSWORD)[0]
    db = Database(station.db_path, key)
    try:
        with db.read() as conn:
            assert migrate.current_revision(conn) == "0001"
    finally:
        db.close()
