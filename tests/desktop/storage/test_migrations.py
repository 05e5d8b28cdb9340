"""A database frozen at an old schema revision upgrades on unlock and keeps all its data."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from sqlalchemy import inspect, text

from desktop.storage import accounts, maintenance, migrate
from desktop.storage.database import Database
from desktop.storage.station import Station

FIXTURE = Path(__file__).with_name("fixtures") / "station_v0001"
PASSWORD = "Fixture-Pass-0001"
EXAMPLE_F1 = Path(__file__).resolve().parents[3] / "docs" / "examples" / "F1.json"


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


def _old_index_words(text_: str) -> str:
    """The index words as revision 0007's code made them: Ð lost, grouped numbers split."""
    import re
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text_)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[0-9a-z]+", stripped.translate({0x110: "D", 0x111: "d"}).lower()))


def test_0008_reindexes_records_written_with_eth_or_grouped_numbers(tmp_path):
    """Records indexed before 0008 ("Ðỗ"; "0987.654.321" or "+84 …" in the narrative) are found
    after it; a record neither rule touches keeps its words."""
    from datetime import date, datetime

    from desktop.storage import crypto, record_store
    from domain.forms.catalogue import load_catalogue
    from domain.forms.summaries import search_entries
    from domain.records import RecordFilter, project
    from domain.validation import check_record

    form = load_catalogue().get("F1")
    stored = json.loads(EXAMPLE_F1.read_text(encoding="utf-8"))["values"]
    stored = check_record(form, stored, today=date(2026, 11, 28), now=datetime(2026, 11, 28)).values
    eth = stored | {"reporter": stored["reporter"] | {"full_name": "\u00d0ỗ Văn Hùng"}}
    dotted = stored | {"narrative": stored["narrative"] + " Nhân chứng: 0987.654.321."}
    plus = stored | {"narrative": stored["narrative"] + " Gọi +84 333 222 111."}
    records = {"r-eth": eth, "r-dotted": dotted, "r-plus": plus, "r-plain": stored}
    db = Database(tmp_path / "station.db", crypto.random_key(), create=True)
    try:
        with db.write() as conn:
            migrate.upgrade(conn, "0007")
            for record_id, values in records.items():
                entries = search_entries(form, values)
                old = " ".join(_old_index_words(entry.text) for entry in entries)
                record_store.insert(
                    conn,
                    record_id=record_id,
                    form_id="F1",
                    form_version=1,
                    author="truong",
                    values=values,
                    projection=replace(project(form, values), search_text=old),
                    now=datetime(2026, 11, 28).isoformat(),
                )
        searches = {
            "do van hung": ["r-eth"],
            "0987654321": ["r-dotted"],
            "0987.654.321": ["r-dotted"],
            "+84 333 222 111": ["r-plus"],
        }
        with db.read() as conn:
            assert record_store.count(conn, RecordFilter(text="do van hung")) == 0  # the bug
        with db.write() as conn:
            migrate.upgrade(conn)
        with db.read() as conn:
            for typed, expected in searches.items():
                found = [r.id for r in record_store.page(conn, RecordFilter(text=typed))]
                assert found == expected, typed
            everyone = record_store.page(conn, RecordFilter(text="nguyen van duc 0912345678"))
            assert len(everyone) == 4  # the words every record had are all still there
    finally:
        db.close()
