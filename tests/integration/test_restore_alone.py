"""A restore declaration with nothing else waiting still reaches the centre: it goes alone, in
an empty batch, and the station keeps no copy of it once answered."""

from __future__ import annotations

from sqlalchemy import text

from desktop.storage import audit_anchor
from desktop.sync.restore import declare_restore
from tests.desktop.sync.helpers import completed_records


def test_a_declaration_goes_alone_when_nothing_waits(enrolled, session, server_db):
    completed_records(session, 1)
    enrolled.run()
    with server_db.engine.begin() as conn:  # the centre anchored more than this station has
        conn.execute(text("UPDATE audit_anchors SET latest_seq = latest_seq + 500"))
    declaration = declare_restore(session, "Khôi phục bản sao lưu sau sự cố điện")
    report = enrolled.run()
    assert report.outcome == "ok" and report.counts.sent == 0
    with server_db.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT kind, reason, declaration_id FROM audit_alerts ORDER BY id")
        ).all()
    assert [(r.kind, r.reason, str(r.declaration_id)) for r in rows] == [
        ("declared_restore", declaration.reason, str(declaration.declaration_id))
    ]
    with session.db.read() as conn:
        assert audit_anchor.pending_restore(conn) is None
