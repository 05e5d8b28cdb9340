"""A station whose database is at the schema of 0003 and holds records of every form in every
state, made by today's code: what a station upgraded from an old version of CAX Desk looks like
(tests/desktop/storage/test_migrations_with_data.py, tests/desktop/ui/test_login.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from desktop.core.permissions import Role
from desktop.storage import audit, migrate, record_store
from desktop.storage.database import Database
from desktop.storage.records import RecordService
from desktop.storage.station import insert_user
from domain.forms.catalogue import load_catalogue
from domain.records import search_text
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD, SUPERVISOR, SUPERVISOR_PASSWORD

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
FIRST_WITH_RECORDS = "0003"
RECORD_COLUMNS_0003 = (
    "seq, id, form_id, form_version, status, revision, author, title, event_date, commune_code, "
    "doc_kind, doc_year, doc_number, document_number, columns_json, overrides_json, created_at, "
    "updated_at, completed_at, approved_at, approved_by, void_reason, values_json"
)
REVISION_COLUMNS = "record_id, revision, status, values_json, changed_by, changed_at, reason"
RETURN_ACTIONS = (
    "record.returned",
    "record.amended",
    "record.approved",
    "record.completed",
    "record.voided",
)


def _example(form_id: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / f"{form_id}.json").read_text(encoding="utf-8"))["values"]


def make_records(station_home) -> dict[str, set[str]]:
    """Records of every form in every state, by today's code; ids by what was done to them."""
    catalogue = load_catalogue()
    made: dict[str, set[str]] = {k: set() for k in ("draft", "voided", "amended", "returned")}
    officer = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    chief = station_home.unlock(SUPERVISOR, SUPERVISOR_PASSWORD)
    try:
        by_officer, by_chief = RecordService(officer, catalogue), RecordService(chief, catalogue)
        for form in catalogue:
            values = _example(form.id)
            made["draft"].add(by_officer.create(form.id, {}, draft_ok=True))
            done = [by_officer.create(form.id, values, draft_ok=False) for _ in range(4)]
            for record_id in done:
                by_officer.complete(record_id)
            by_chief.approve(done[0])
            by_chief.approve(done[1])
            by_chief.amend(done[1], values, "Sửa lỗi chính tả")
            made["amended"].add(done[1])
            by_chief.void(done[2], "Nhập trùng")
            made["voided"].add(done[2])
            by_chief.return_to_author(done[3], "Thiếu lời khai")
            made["returned"].add(done[3])
    finally:
        officer.close()
        chief.close()
    return made


def read_source(conn: Connection) -> dict[str, Any]:
    audit_rows = conn.execute(
        text(
            "SELECT actor, action, target FROM audit_log WHERE action IN "
            f"({', '.join(repr(a) for a in RETURN_ACTIONS)}) ORDER BY seq"
        )
    ).all()
    return {
        "records": conn.execute(text(f"SELECT {RECORD_COLUMNS_0003} FROM records")).all(),
        "revisions": conn.execute(text(f"SELECT {REVISION_COLUMNS} FROM record_revisions")).all(),
        "counters": conn.execute(
            text("SELECT kind, year, last_number FROM document_counters")
        ).all(),
        "audit": audit_rows,
    }


def rebuild_at_0003(station_home, source: dict[str, Any]) -> Database:
    """The station's database made again, from the first migration, holding the same records."""
    station = station_home.station
    slots = station.load_slots()
    key = slots.open_slot(SUPERVISOR, SUPERVISOR_PASSWORD)[0]
    for suffix in ("", "-wal", "-shm"):
        Path(f"{station.db_path}{suffix}").unlink(missing_ok=True)
    db = Database(station.db_path, key, create=True)
    now = "2026-01-15T08:00:00+00:00"
    catalogue = load_catalogue()
    with db.write() as conn:
        migrate.upgrade(conn, "0001")
        conn.execute(
            text("INSERT INTO station VALUES (:i, '00004', 'Công an phường Ba Đình', :t)"),
            dict(i=slots.station_id, t=now),
        )
        insert_user(conn, SUPERVISOR, "Nguyễn Văn Trưởng", Role.SUPERVISOR, now)
        insert_user(conn, OFFICER, "Trần Thị Lan", Role.OFFICER, now)
        migrate.upgrade(conn, FIRST_WITH_RECORDS)
        _insert(conn, "records", RECORD_COLUMNS_0003, source["records"])
        _insert(conn, "record_revisions", REVISION_COLUMNS, source["revisions"])
        _insert(conn, "document_counters", "kind, year, last_number", source["counters"])
        for row in source["records"]:
            form = catalogue.get(row.form_id)
            record_store.index(conn, row.seq, search_text(form, json.loads(row.values_json)))
        for actor, action, target in source["audit"]:
            _append_audit_before_0009(conn, actor, action, target, now)
    return db


def _append_audit_before_0009(conn: Connection, actor: str, action: str, target: str, at: str):
    """`audit.append` as it was before entries were signed (0009 added the signature columns)."""
    last_seq, last_hash = conn.execute(
        text("SELECT last_seq, last_hash FROM audit_anchor WHERE id = 1")
    ).one()
    entry = dict(seq=last_seq + 1, at=at, actor=actor, action=action, target=target, details="{}")
    entry["hash"] = audit.entry_hash(*entry.values(), last_hash)
    conn.execute(
        text(
            "INSERT INTO audit_log (seq, at, actor, action, target, details, prev_hash, hash) "
            "VALUES (:seq, :at, :actor, :action, :target, :details, :prev, :hash)"
        ),
        entry | {"prev": last_hash},
    )
    conn.execute(
        text("UPDATE audit_anchor SET last_seq = :seq, last_hash = :hash WHERE id = 1"), entry
    )


def _insert(conn: Connection, table: str, columns: str, rows: list[Any]) -> None:
    names = [c.strip() for c in columns.split(",")]
    placeholders = ", ".join(f":{n}" for n in names)
    conn.execute(
        text(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"),
        [dict(zip(names, row, strict=True)) for row in rows],
    )


@dataclass
class OldStation:
    db: Database  # open at 0003: close it before unlocking through the app
    source: dict[str, Any]  # the rows as today's code wrote them
    made: dict[str, set[str]]  # record ids by what was done to them


def build_old_station(station_home) -> OldStation:
    made = make_records(station_home)
    session = station_home.unlock()
    with session.db.read() as conn:
        source = read_source(conn)
    session.close()
    assert len(made["draft"]) >= 10 and len(source["records"]) >= 50  # every form, five each
    assert {r.status for r in source["records"]} == {"draft", "completed", "approved", "voided"}
    return OldStation(rebuild_at_0003(station_home, source), source, made)
