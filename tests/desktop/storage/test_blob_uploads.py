"""Which blobs the attachments phase offers: only those of revisions the centre acknowledged,
until the centre completed or refused them; and how a revision lists its files on the wire."""

from __future__ import annotations

import hashlib

from sqlalchemy import text

from desktop.storage import blob_uploads, outbox
from protocol.messages import RecordRevision
from tests.desktop.storage import attachment_files as files
from tests.desktop.storage.test_attachments import chief, completed  # noqa: F401 (a fixture)

NOW = "2026-12-04T10:00:00+00:00"


def _acknowledge_all(desk) -> None:
    with desk.session.db.write() as conn:
        conn.execute(text("UPDATE outbox SET state = 'acknowledged'"))


def _due(desk) -> list[str]:
    with desk.session.db.read() as conn:
        return [b.sha256 for b in blob_uploads.due(conn)]


def test_a_blob_is_due_once_its_revision_was_acknowledged(chief, tmp_path):  # noqa: F811
    record_id = completed(chief)
    scan = chief.files.attach(record_id, [files.clean_pdf(tmp_path / "a.pdf", b"x" * 5000)])[0]
    assert _due(chief) == []  # the revision that lists it has not reached the centre yet
    _acknowledge_all(chief)
    assert _due(chief) == [scan.sha256]
    with chief.session.db.write() as conn:
        blob_uploads.mark(conn, scan.sha256, blob_uploads.COMPLETE, NOW)
    assert _due(chief) == []


def test_a_refused_blob_is_kept_with_its_code_and_not_offered_again(chief, tmp_path):  # noqa: F811
    record_id = completed(chief)
    scan = chief.files.attach(record_id, [files.clean_pdf(tmp_path / "a.pdf", b"y" * 10)])[0]
    _acknowledge_all(chief)
    with chief.session.db.write() as conn:
        blob_uploads.mark(conn, scan.sha256, blob_uploads.REFUSED, NOW, "BLOB_TYPE_REFUSED")
        assert blob_uploads.refused(conn) == [(scan.sha256, "BLOB_TYPE_REFUSED", None)]
    assert _due(chief) == []


def test_a_file_removed_before_it_went_is_not_offered(chief, tmp_path):  # noqa: F811
    """Attached in revision 2 and removed in 3 with only revision 3 acknowledged: no revision
    the centre holds lists it."""
    record_id = completed(chief)
    scan = chief.files.attach(record_id, [files.clean_pdf(tmp_path / "a.pdf", b"z" * 10)])[0]
    chief.files.detach(record_id, scan.name, "nhầm tệp")
    with chief.session.db.write() as conn:
        conn.execute(
            text("UPDATE outbox SET state = 'acknowledged' WHERE revision != 2"),
        )
    assert _due(chief) == []


def _plan(desk) -> list[str]:
    with desk.session.db.read() as conn:
        explained = conn.execute(text(f"EXPLAIN QUERY PLAN {blob_uploads.DUE_SQL}"))
        return [row[3] for row in explained]


def test_due_blobs_are_found_through_their_attachments_not_the_whole_outbox(chief):  # noqa: F811
    """The due blobs are looked up per blob (attachments by blob, then that record's revisions),
    never by walking every acknowledged revision: that cost grew with the station's history
    (4 ms a session at 50,000 revisions)."""
    plan = " | ".join(_plan(chief))
    assert "ix_attachments_blob" in plan and "ix_outbox_state" not in plan, plan


def test_due_walks_only_the_blobs_not_yet_settled(chief, tmp_path):  # noqa: F811
    """`due` reads the partial index of blobs not yet settled, never the whole `blobs` table:
    skipping the settled ones one by one cost 27 ms a session at 50,000 sent blobs. Pinned with
    the planner's statistics too (`Database.optimize`), which in a small station would send
    SQLite to the table but for the query's INDEXED BY."""
    record_id = completed(chief)
    sent = chief.files.attach(record_id, [files.clean_pdf(tmp_path / "a.pdf", b"s" * 10)])[0]
    _acknowledge_all(chief)
    with chief.session.db.write() as conn:
        blob_uploads.mark(conn, sent.sha256, blob_uploads.COMPLETE, NOW)
    for stats in ("without statistics", "with statistics"):
        of_blobs = [
            step for step in _plan(chief) if step.split()[:2] in (["SCAN", "b"], ["SEARCH", "b"])
        ]
        assert of_blobs == ["SCAN b USING INDEX ix_blobs_unsettled"], (stats, _plan(chief))
        chief.session.db.optimize()


def _settled_at(conn, sha256: str) -> str | None:
    query = text("SELECT settled_at FROM blobs WHERE sha256 = :sha")
    return conn.execute(query, dict(sha=sha256)).scalar_one()


def test_settled_at_follows_every_write_of_blob_uploads(chief, tmp_path):  # noqa: F811
    """The column `due` reads mirrors `blob_uploads` in the statement that writes it: set by a
    mark, moved by a later one, cleared if the row goes."""
    record_id = completed(chief)
    scan = chief.files.attach(record_id, [files.clean_pdf(tmp_path / "a.pdf", b"m" * 10)])[0]
    _acknowledge_all(chief)
    later = "2026-12-05T10:00:00+00:00"
    with chief.session.db.write() as conn:
        assert _settled_at(conn, scan.sha256) is None
        blob_uploads.mark(conn, scan.sha256, blob_uploads.REFUSED, NOW, "BLOB_TOO_LARGE")
        assert _settled_at(conn, scan.sha256) == NOW
        blob_uploads.mark(conn, scan.sha256, blob_uploads.COMPLETE, later)
        assert _settled_at(conn, scan.sha256) == later
    assert _due(chief) == []
    with chief.session.db.write() as conn:
        conn.execute(text("DELETE FROM blob_uploads WHERE sha256 = :sha"), dict(sha=scan.sha256))
        assert _settled_at(conn, scan.sha256) is None
    assert _due(chief) == [scan.sha256]


def test_content_the_centre_settled_before_its_blob_was_named_is_not_offered(
    chief,  # noqa: F811
    tmp_path,
):
    """A hash marked before any blob bore it (a receipt's mark, then the same bytes stored)
    is settled from the moment the blob is named, as when `due` asked `blob_uploads` itself."""
    pdf = files.clean_pdf(tmp_path / "a.pdf", b"n" * 10)
    sha256 = hashlib.sha256(pdf.read_bytes()).hexdigest()
    with chief.session.db.write() as conn:
        blob_uploads.mark(conn, sha256, blob_uploads.COMPLETE, NOW)
    record_id = completed(chief)
    scan = chief.files.attach(record_id, [pdf])[0]
    _acknowledge_all(chief)
    assert scan.sha256 == sha256 and _due(chief) == []


def test_the_same_content_attached_twice_is_due_once_and_settled_once(chief, tmp_path):  # noqa: F811
    """Two records holding the same bytes share one blob: it is offered once, and one mark
    settles it for both."""
    first, second = completed(chief), completed(chief)
    pdf = files.clean_pdf(tmp_path / "a.pdf", b"d" * 10)
    a = chief.files.attach(first, [pdf])[0]
    b = chief.files.attach(second, [pdf])[0]
    _acknowledge_all(chief)
    assert a.sha256 == b.sha256 and _due(chief) == [a.sha256]
    with chief.session.db.write() as conn:
        blob_uploads.mark(conn, a.sha256, blob_uploads.COMPLETE, NOW)
    assert _due(chief) == []


def test_the_outbox_lists_a_revisions_files_and_hashes_them(chief, tmp_path):  # noqa: F811
    record_id = completed(chief)
    with chief.session.db.read() as conn:
        before = {p.revision: p for p in outbox.unsent(conn, "00004", limit=10)}
    scan = chief.files.attach(record_id, [files.clean_pdf(tmp_path / "b.pdf", b"w" * 10)])[0]
    with chief.session.db.read() as conn:
        after = {p.revision: p for p in outbox.unsent(conn, "00004", limit=10)}
    assert b'"attachments"' not in before[1].wire_json
    assert after[1].wire_json == before[1].wire_json  # an old revision hashes as before
    revision = RecordRevision.model_validate_json(after[2].wire_json)
    assert revision.attachments is not None
    assert [(a.name, a.sha256, a.size) for a in revision.attachments] == [
        ("b.pdf", scan.sha256, scan.size)
    ]
    assert revision.expected_hash() == revision.content_hash == after[2].content_hash
    # The same revision without its list would hash otherwise: the list is covered.
    bare = revision.model_copy(update={"attachments": None})
    assert bare.expected_hash() != revision.content_hash
