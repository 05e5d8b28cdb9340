"""Migration 0010 finds the returns made before it: the chief's (in the audit log) and the
centre's (in centre_reviews), and leaves answered returns alone."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from sqlalchemy import text

from desktop.core.audit_actions import AuditAction
from desktop.storage import audit, centre_feed, migrate
from desktop.storage.records import RecordService
from domain.forms.catalogue import load_catalogue
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
MIGRATION = (
    Path(__file__).resolve().parents[3] / "desktop/storage/migrations/versions/0010_returned.py"
)


def _example(form_id: str) -> dict:
    return json.loads((EXAMPLES / f"{form_id}.json").read_text(encoding="utf-8"))["values"]


def _migration():
    spec = importlib.util.spec_from_file_location("m0010", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_returns_made_before_0010_are_found_again(station_home):
    officer = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    service = RecordService(officer, load_catalogue())
    ids = [service.create("F3", _example("F3")) for _ in range(4)]
    for record_id in ids:
        service.complete(record_id)
    by_chief, answered, by_centre, untouched = ids
    service.amend(answered, _example("F3"), "sửa theo ý kiến")
    with officer.db.write() as conn:
        assert migrate.current_revision(conn) >= "0010"  # 0010 ran (later ones may follow)
        # What the app wrote before 0010: an audit entry only, the record left "completed".
        for record_id in (by_chief, answered):
            details = {"comment": "Bổ sung", "author": OFFICER}
            audit.append(conn, "truong", AuditAction.RECORD_RETURNED, record_id, details)
        # The answered one was amended after its return.
        audit.append(conn, OFFICER, AuditAction.RECORD_AMENDED, answered, {"revision": 3})
        conn.execute(text("UPDATE records SET returned_by = NULL"))
        conn.execute(
            text(
                "INSERT INTO centre_reviews (cursor, record_id, revision, decision, comment, "
                "reviewer, received_at) VALUES (1, :id, 1, 'returned', 'Thiếu', 'Tổ A', '')"
            ),
            dict(id=by_centre),
        )
        module = _migration()
        conn.exec_driver_sql(module._STATION_RETURNS)
        conn.exec_driver_sql(module._CENTRE_RETURNS)
        marked = dict(conn.execute(text("SELECT id, returned_by FROM records")).all())
        assert centre_feed.count_open_returns(conn) == 1
    officer.close()
    assert marked == {by_chief: "truong", answered: None, by_centre: "centre", untouched: None}
