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
from typing import Any

import pytest
from sqlalchemy import Connection, text

from desktop.storage import migrate
from desktop.storage.records import RecordService
from domain.forms.catalogue import load_catalogue
from domain.records import RecordFilter, RecordStatus
from tests.desktop.conftest import SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.storage.old_station import FIRST_WITH_RECORDS, build_old_station

# Slow: upgrades a station with records through every migration. `make test` runs them; `make
# check` does not.
pytestmark = pytest.mark.slow


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
    old = build_old_station(station_home)
    return station_home, old.db, old.source, old.made


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
        for amended in sorted(made["amended"]):  # one per form
            assert [r.revision for r in service.get(amended).revisions] == [1, 2]
            # Found by a part of its title, as a user retypes what the list shows. Not every
            # part: a choice's label or a unit's name from the reference list is not in the
            # search text, only what was typed (a person, a street, a subject).
            title = service.get(amended).summary.title
            parts = [p.strip() for chunk in title.split(":") for p in chunk.split(",")]
            found = [
                {r.id for r in service.page(RecordFilter(text=part), limit=500)} for part in parts
            ]
            assert any(amended in ids for ids in found), title
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
