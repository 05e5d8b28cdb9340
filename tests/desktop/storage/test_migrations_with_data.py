"""Every migration run against a station that holds records, checked after each step.

The records are made by today's code (every form of docs/examples; drafts, completed, approved,
voided, amended and returned records), then written into a database built at the first
migration and brought to 0003, the revision that created `records` — the oldest schema that can
hold them. Each later revision then runs alone and the records must come out of it whole: same
count, statuses, values, revisions and document numbers, plus what that step adds (0007's counts,
0010's returns). Finally the station unlocks through the app's path and finds, lists and
searches them.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, text

from desktop.core.permissions import Role
from desktop.storage import audit, migrate, record_store
from desktop.storage.database import Database
from desktop.storage.records import RecordService
from desktop.storage.station import insert_user
from domain.forms.catalogue import load_catalogue
from domain.records import RecordFilter, RecordStatus, search_text
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


def _make_records(station_home) -> dict[str, set[str]]:
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


def _read_source(conn: Connection) -> dict[str, Any]:
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


def _rebuild_at_0003(station_home, source: dict[str, Any]) -> Database:
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


def _check_step(conn: Connection, revision: str, source: dict[str, Any], made) -> None:
    """The records after `revision` ran: nothing lost or changed, plus what that step adds."""
    records = {r.id: r for r in source["records"]}
    rows = conn.execute(
        text("SELECT id, form_id, status, revision, values_json, document_number FROM records")
    ).all()
    assert len(rows) == len(records), revision
    for row in rows:
        before = records[row.id]
        assert (row.form_id, row.status, row.revision, row.document_number) == (
            before.form_id,
            before.status,
            before.revision,
            before.document_number,
        ), revision
        assert json.loads(row.values_json) == json.loads(before.values_json), revision
    revisions = conn.execute(text("SELECT count(*) FROM record_revisions")).scalar_one()
    assert revisions == len(source["revisions"]), revision
    if revision >= "0007":
        counted = conn.execute(
            text("SELECT form_id, status, sum(n) FROM record_counts GROUP BY 1, 2 HAVING sum(n)")
        ).all()
        assert Counter({(f, s): n for f, s, n in counted}) == Counter(
            (r.form_id, r.status) for r in rows
        ), revision
    if revision >= "0010":
        returned = conn.execute(text("SELECT id FROM records WHERE returned_by IS NOT NULL"))
        assert {r.id for r in returned} == made["returned"], revision


@pytest.fixture
def old_station(station_home):
    made = _make_records(station_home)
    session = station_home.unlock()
    with session.db.read() as conn:
        source = _read_source(conn)
    session.close()
    assert len(made["draft"]) >= 10 and len(source["records"]) >= 50  # every form, five each
    assert {r.status for r in source["records"]} == {"draft", "completed", "approved", "voided"}
    db = _rebuild_at_0003(station_home, source)
    return station_home, db, source, made


def test_every_step_keeps_the_records(old_station):
    station_home, db, source, made = old_station
    try:
        with db.read() as conn:
            _check_step(conn, FIRST_WITH_RECORDS, source, made)
            steps = migrate.pending_revisions(conn)
        assert steps == list(migrate.revision_chain()[3:])  # 0004 … head, none skipped
        for revision in steps:
            with db.write() as conn:
                migrate.upgrade(conn, revision)
                assert migrate.current_revision(conn) == revision
                _check_step(conn, revision, source, made)
    finally:
        db.close()
    _check_in_the_app(station_home, source, made)


def _check_in_the_app(station_home, source: dict[str, Any], made) -> None:
    """The upgraded station opens, lists, filters and searches its records as the app does."""
    session = station_home.unlock()
    try:
        service = RecordService(session, load_catalogue())
        assert service.count() == len(source["records"]) - len(made["voided"])
        voided = service.count(RecordFilter(status=RecordStatus.VOIDED, include_voided=True))
        assert voided == len(made["voided"])
        returned = service.page(RecordFilter(status=RecordStatus.RETURNED), limit=100)
        assert {r.id for r in returned} == made["returned"]
        amended = next(iter(made["amended"]))
        assert [r.revision for r in service.get(amended).revisions] == [1, 2]
        title = service.get(amended).summary.title
        found = service.page(RecordFilter(text=title.split(":")[0]), limit=500)
        assert amended in {r.id for r in found}, (title, [r.title for r in found])
    finally:
        session.close()


def test_first_unlock_after_an_update_reports_each_step(old_station):
    """The unlock that migrates tells how far it is: every pending revision in order, rows of
    the steps that walk the records, and a fraction that only grows to 1."""
    station_home, db, source, made = old_station
    db.close()
    heard: list[migrate.MigrationProgress] = []
    session = station_home.station.unlock(SUPERVISOR, SUPERVISOR_PASSWORD, progress=heard.append)
    session.close()
    pending = list(migrate.revision_chain()[3:])
    assert [p.revision for p in heard if p.rows_total == 0] == pending
    assert {p.steps for p in heard} == {len(pending)}
    fractions = [p.fraction for p in heard]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    last_seq = max(r.seq for r in source["records"])
    assert any(p.revision == "0007" and p.rows_total == last_seq for p in heard)
    _check_in_the_app(station_home, source, made)


def test_an_unlock_at_the_current_schema_does_not_load_alembic(station_home):
    """Alembic (~0.15 s to import) is for migrating; at head the revision is read directly."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from desktop.storage.station import Station\n"
        f"Station(Path({str(station_home.home)!r})).unlock({SUPERVISOR!r}, {SUPERVISOR_PASSWORD!r})\n"
        "print('alembic' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_the_chain_read_from_the_files_is_alembics():
    """The revisions parsed from the version files are the ones Alembic itself would run."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(migrate.MIGRATIONS_DIR))
    alembic_order = [rev.revision for rev in script.walk_revisions()][::-1]
    assert list(migrate.revision_chain()) == alembic_order
    assert migrate.head_revision() == script.get_current_head()
