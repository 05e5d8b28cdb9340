"""A sync session's fixed costs against a real `cax-server serve`: three commits of bookkeeping for
a record with a small scan, no /health while a fresh answer is known, the pull beside the upload
and none at all when the push's answer says nothing waits — and none of it costs exactly once: a crash before the closing commit, or a server that stopped
speaking the protocol the session assumed, still ends with everything delivered once."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.core.errors import ServerRefused
from desktop.storage import attachments, blob_uploads, centre_feed, outbox, sync_history
from desktop.storage.attachment_service import AttachmentService
from desktop.sync.client import SyncClient
from protocol.errors import ErrorCode
from server.services import catalog
from tests.desktop.storage.attachment_files import clean_pdf
from tests.desktop.sync.helpers import completed_records
from tests.integration.servers import ServerDatabase, speak_at_most


class _Killed(BaseException):
    """Stands for the process dying: nothing catches it, the open transaction rolls back."""


def _scan_record(session, folder: Path) -> str:
    """A completed record with a scan of one wire chunk; the scan's SHA-256."""
    record_id = completed_records(session, 1)[0]
    scan = clean_pdf(folder / "scan.pdf", payload=os.urandom(200_000))
    return AttachmentService(session).attach(record_id, [scan])[0].sha256


def _server_chunks(db: ServerDatabase, sha256: str) -> tuple[bool, int]:
    with db.engine.connect() as conn:
        row = conn.execute(
            text("SELECT id, complete FROM blobs WHERE sha256 = :s"), dict(s=sha256)
        ).one()
        rows = conn.execute(
            text("SELECT count(*) FROM blob_chunks WHERE blob_id = :b"), dict(b=row[0])
        ).scalar_one()
    return bool(row[1]), int(rows)


def _server_records(db: ServerDatabase) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM record_revisions")).scalar_one())


def _count_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(owner, name)

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_a_small_scan_session_commits_three_times_and_skips_a_fresh_health(
    enrolled, session, server_db, tmp_path, monkeypatch
):
    """Batch marked sent (with the history row), answers, then one closing commit carrying the
    blob's mark, the pulled page, the history and the audit; the enrolment's /health is not
    asked again by a session minutes later, but a session after a failure asks it."""
    sha256 = _scan_record(session, tmp_path)
    enrolled.check_server()  # what the app's connectivity watcher does every minute
    writes = _count_calls(monkeypatch, session.db, "write")
    health = _count_calls(monkeypatch, SyncClient, "health")
    report = enrolled.run()
    assert report.outcome == sync_history.OK and report.waiting == 0
    assert len(writes) == 3 and health == []
    with session.db.read() as conn:
        assert blob_uploads.state_of(conn, sha256) == (blob_uploads.COMPLETE, None)
        assert sync_history.recent(conn)[0].id == report.session_id
    assert _server_chunks(server_db, sha256) == (True, 1)

    writes.clear()
    empty = enrolled.run()  # nothing to send, nothing to pull: history and audit in one commit
    assert empty.outcome == sync_history.OK and len(writes) == 1 and health == []


def test_a_crash_before_the_closing_commit_resumes_exactly_once(
    enrolled, session, server_db, tmp_path, monkeypatch
):
    """Killed after the upload and the pull, inside the closing transaction: the blob's mark and
    the pulled page are lost with it; the next session sends the scan again (the server keeps one
    copy), pulls the page again (applied once) and marks the dead session interrupted."""
    sha256 = _scan_record(session, tmp_path)
    catalog.publish_reference_data(server_db.engine, "communes", 3, [{"code": "00004"}])
    real_finish = sync_history.finish

    def killed(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise _Killed()

    monkeypatch.setattr(sync_history, "finish", killed)
    with pytest.raises(_Killed):
        enrolled.run()
    with session.db.read() as conn:
        # Revision 1 (completed) and 2 (the scan attached): the answers' own commit stays.
        assert outbox.counts(conn).acknowledged == 2
        assert blob_uploads.state_of(conn, sha256) is None  # the deferred mark died
        assert centre_feed.updates(conn, "reference_data") == []  # so did the pulled page
        assert [s.outcome for s in sync_history.recent(conn)] == [sync_history.RUNNING]
    assert _server_chunks(server_db, sha256) == (True, 1)

    monkeypatch.setattr(sync_history, "finish", real_finish)
    again = enrolled.run()
    assert again.outcome == sync_history.OK and again.waiting == 0
    assert again.counts.pulled >= 1 and again.counts.sent == 0
    with session.db.read() as conn:
        assert blob_uploads.state_of(conn, sha256) == (blob_uploads.COMPLETE, None)
        assert len(centre_feed.updates(conn, "reference_data")) == 1
        outcomes = [s.outcome for s in sync_history.recent(conn)]
        stored = b"".join(attachments.read_blob(conn, sha256))
    assert outcomes == [sync_history.OK, sync_history.INTERRUPTED]
    assert _server_chunks(server_db, sha256) == (True, 1) and len(stored) > 200_000
    assert _server_records(server_db) == 2  # each revision stored once
    assert enrolled.run().counts.pulled == 0  # the cursor moved with the page: nothing twice


def test_a_server_that_stopped_speaking_the_assumed_protocol_is_asked_again(
    enrolled, session, server_db, tmp_path, monkeypatch
):
    """A session that skipped /health and meets UNSUPPORTED_PROTOCOL_VERSION asks /health and
    goes on: the record and its scan arrive once, the session ends ok."""
    sha256 = _scan_record(session, tmp_path)
    enrolled.check_server()
    health = _count_calls(monkeypatch, SyncClient, "health")
    real_signed = SyncClient._signed
    refused: list[str] = []

    def signed(client, method, path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not refused:  # as a server downgraded since the last health answer refuses
            refused.append(path)
            raise ServerRefused(server_code=str(ErrorCode.UNSUPPORTED_PROTOCOL_VERSION))
        return real_signed(client, method, path, *args, **kwargs)

    monkeypatch.setattr(SyncClient, "_signed", signed)
    report = enrolled.run()
    assert report.outcome == sync_history.OK and report.waiting == 0
    assert report.counts.sent == report.counts.acknowledged  # the refused try is not counted
    assert refused == ["/api/v1/sync/push"] and len(health) == 1
    with session.db.read() as conn:
        assert blob_uploads.state_of(conn, sha256) == (blob_uploads.COMPLETE, None)
    assert _server_chunks(server_db, sha256) == (True, 1) and _server_records(server_db) == 2


def test_a_push_told_nothing_waits_makes_no_pull_request(
    enrolled, session, server_db, tmp_path, monkeypatch
):
    """Protocol 4: the push sends the station's pull cursor and the answer says whether updates
    wait after it. Told none, the session makes no pull request; told some, it pulls them; with
    nothing to push it pulls as before."""
    enrolled.run()  # the forms published at `db upgrade`: pulled, the cursor past them
    pulls = _count_calls(monkeypatch, SyncClient, "pull")
    _scan_record(session, tmp_path)
    quiet = enrolled.run()
    assert quiet.outcome == sync_history.OK and quiet.waiting == 0
    assert quiet.counts.acknowledged == 2 and pulls == []

    catalog.publish_reference_data(server_db.engine, "communes", 3, [{"code": "00004"}])
    completed_records(session, 1)
    told = enrolled.run()
    assert told.counts.acknowledged == 1 and told.counts.pulled == 1 and len(pulls) == 1
    catalog.publish_reference_data(server_db.engine, "communes", 4, [{"code": "00004"}])
    alone = enrolled.run()  # nothing to push: the pull alone
    assert alone.counts.sent == 0 and alone.counts.pulled == 1 and len(pulls) == 2
    with session.db.read() as conn:
        assert len(centre_feed.updates(conn, "reference_data")) == 2


def test_with_a_version_3_server_the_session_pulls_as_before(
    enrolled, session, server_db, tmp_path, monkeypatch
):
    """A centre not yet at protocol 4 neither reads a pull cursor nor answers one: the push
    sends none (the server would refuse it in a version-3 body) and the session pulls."""
    enrolled.run()
    speak_at_most(monkeypatch, 3)
    enrolled.check_server()  # the app's connectivity watcher hears the server speaks 3
    pulls = _count_calls(monkeypatch, SyncClient, "pull")
    bodies: list[dict[str, object]] = []
    real_push = SyncClient.push

    def push(client: SyncClient, gzipped_body: bytes):  # type: ignore[no-untyped-def]
        bodies.append(json.loads(gzip.decompress(gzipped_body)))
        return real_push(client, gzipped_body)

    monkeypatch.setattr(SyncClient, "push", push)
    completed_records(session, 1)
    report = enrolled.run()
    assert report.outcome == sync_history.OK and report.counts.acknowledged == 1
    assert [(b["protocol_version"], "pull_cursor" in b) for b in bodies] == [(3, False)]
    assert len(pulls) == 1 and report.counts.pulled == 0
