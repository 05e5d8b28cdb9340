"""Attachments travel after their record through a real `cax-server serve`: the revision lists
them (and its content hash covers the list), the blob follows in 1 MiB chunks, a stopped upload
resumes from what the server holds, a refused one is set aside for good, and SIGKILLs of
`cax sync run` mid-upload never leave a chunk stored twice."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.core.errors import ServerUnreachable
from desktop.storage import attachments, blob_uploads
from desktop.storage.attachment_service import AttachmentService
from desktop.storage.printouts import revision_content_hash
from desktop.sync.client import SyncClient
from desktop.sync.report import SyncProgress
from desktop.sync.service import SyncService
from protocol.attachments import CHUNK_SIZE, chunk_count
from tests.desktop.cli.test_cax_cli import as_user, run_cax
from tests.desktop.conftest import SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.storage.attachment_files import clean_pdf
from tests.desktop.sync.helpers import FAST_RETRY, completed_records
from tests.integration.servers import ServerDatabase, ServerProcess, speak_at_most
from tests.integration.throttle import ThrottledLink

MB = 1024 * 1024
ATTACHMENT_LINE = "Đang gửi tệp đính kèm"  # the CLI speaks Vietnamese by default
# The station's uploads cross a link of 2 MiB/s: a chunk takes half a second.
LINK_RATE = 2 * MB
CHUNK_SECONDS = MB / LINK_RATE


def _attach_scan(session, folder: Path, payload_bytes: int, name: str = "scan.pdf"):
    """A completed record with one PDF scan attached; (record id, the stored blob's bytes)."""
    record_id = completed_records(session, 1)[0]
    scan = clean_pdf(folder / name, payload=os.urandom(payload_bytes))
    added = AttachmentService(session).attach(record_id, [scan])[0]
    with session.db.read() as conn:
        stored = b"".join(attachments.read_blob(conn, added.sha256))
    return record_id, added, stored


def _server_blob(db: ServerDatabase, sha256: str) -> tuple[bool, int, bytes, int]:
    """(complete, chunk rows, the bytes in order, distinct chunk numbers) of the server's copy."""
    with db.engine.connect() as conn:
        row = conn.execute(
            text("SELECT id, complete FROM blobs WHERE sha256 = :s"), dict(s=sha256)
        ).one()
        chunks = conn.execute(
            text("SELECT seq, data FROM blob_chunks WHERE blob_id = :b ORDER BY seq"),
            dict(b=row[0]),
        ).all()
    data = b"".join(bytes(c[1]) for c in chunks)
    return bool(row[1]), len(chunks), data, len({c[0] for c in chunks})


def _chunk_rows(db: ServerDatabase) -> int:
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM blob_chunks")).scalar_one()


def test_a_record_and_its_attachment_reach_the_server(enrolled, session, server_db, tmp_path):
    """The revision that lists the scan is stored with its hash; the blob follows complete."""
    record_id, added, stored = _attach_scan(session, tmp_path, int(2.5 * MB))
    report = enrolled.run()
    assert report.outcome == "ok" and report.waiting == 0
    complete, rows, data, distinct = _server_blob(server_db, added.sha256)
    assert complete and rows == distinct == chunk_count(len(stored)) == 3
    assert hashlib.sha256(data).hexdigest() == added.sha256 and data == stored
    with server_db.engine.connect() as conn:
        hashes = dict(
            conn.execute(
                text("SELECT revision, content_hash FROM record_revisions WHERE record_id = :r"),
                dict(r=record_id),
            ).all()
        )
    assert sorted(hashes) == [1, 2]  # completed, then the revision that added the scan
    with session.db.read() as conn:
        # The printout's hash of the revision is the server's: both cover the attachment list.
        assert revision_content_hash(conn, record_id, 2, session.info().code) == hashes[2]
        assert revision_content_hash(conn, record_id, 1, session.info().code) == hashes[1]
        assert blob_uploads.state_of(conn, added.sha256) == ("complete", None)
        assert blob_uploads.due(conn) == []
    enrolled.run()
    assert _chunk_rows(server_db) == 3  # nothing sent again


def test_a_stopped_upload_resumes_from_what_the_server_holds(
    enrolled, session, server_db, tmp_path
):
    _, added, stored = _attach_scan(session, tmp_path, 3 * MB)
    cancel = threading.Event()

    def stop_after_first_chunk(progress: SyncProgress) -> None:
        if progress.phase == "attachments" and progress.records_done >= 1:
            cancel.set()

    assert enrolled.run(stop_after_first_chunk, cancel).outcome == "cancelled"
    assert _chunk_rows(server_db) == 1
    with session.db.read() as conn:
        assert [b.sha256 for b in blob_uploads.due(conn)] == [added.sha256]
    sent: list[int] = []
    enrolled.run(lambda p: sent.append(p.records_done) if p.phase == "attachments" else None)
    # First where it stands (one chunk held), then one event per chunk: only the missing went.
    assert sent[0] == 1 and len(sent) - 1 == chunk_count(len(stored)) - 1
    complete, rows, data, distinct = _server_blob(server_db, added.sha256)
    assert complete and rows == distinct == chunk_count(len(stored)) and data == stored


def _blob_requests(patch: pytest.MonkeyPatch) -> list[str]:
    """The names of the blob requests the station's client makes, in order."""
    made: list[str] = []
    for name in ("blob_begin", "blob_chunk", "blob_complete", "blob_whole"):
        real = getattr(SyncClient, name)

        def counted(client, *args, _real=real, _name=name):
            made.append(_name)
            return _real(client, *args)

        patch.setattr(SyncClient, name, counted)
    return made


def test_a_small_scan_goes_in_one_request(enrolled, session, server_db, tmp_path, monkeypatch):
    """A blob of one wire chunk is announced, sent and completed by one request (protocol 3)."""
    _, added, stored = _attach_scan(session, tmp_path, CHUNK_SIZE - 4096)
    made = _blob_requests(monkeypatch)
    assert enrolled.run().outcome == "ok"
    assert made == ["blob_whole"]
    complete, rows, data, _ = _server_blob(server_db, added.sha256)
    assert complete and rows == 1 and data == stored
    with session.db.read() as conn:
        assert blob_uploads.state_of(conn, added.sha256) == ("complete", None)


def test_a_version_2_server_gets_the_small_scan_in_three_requests(
    enrolled, session, server_db, tmp_path, monkeypatch
):
    """A centre not yet upgraded to protocol 3 has no whole-blob route: the chunked one is used."""
    speak_at_most(monkeypatch, 2)
    _, added, stored = _attach_scan(session, tmp_path, 1000)
    made = _blob_requests(monkeypatch)
    assert enrolled.run().outcome == "ok"
    assert made == ["blob_begin", "blob_chunk", "blob_complete"]
    complete, _, data, _ = _server_blob(server_db, added.sha256)
    assert complete and data == stored


def test_a_refused_type_is_set_aside_with_its_code_not_retried(
    station_home, session, server_db, tmp_path
):
    server = ServerProcess(server_db.url, tmp_path, env={"CAX_SERVER_BLOB_TYPES": "image/png"})
    server.start()
    try:
        service = SyncService(session, retry=FAST_RETRY)
        service.enroll(server.url, server_db.enrolment_code())
        _, added, _ = _attach_scan(session, tmp_path, 1000)
        assert service.run().outcome == "ok"  # the record went; the scan was refused
        with session.db.read() as conn:
            assert blob_uploads.state_of(conn, added.sha256) == ("refused", "BLOB_TYPE_REFUSED")
            assert blob_uploads.due(conn) == []
        phases: list[str] = []
        service.run(lambda p: phases.append(p.phase))
        assert "attachments" not in phases  # never offered again
        env = as_user(station_home.home, SUPERVISOR, SUPERVISOR_PASSWORD)
        shown = run_cax("sync", "status", env=env).stdout
        assert "bị trung tâm từ chối: 1" in shown
        assert f"tệp {added.sha256[:12]} bị từ chối [BLOB_TYPE_REFUSED]" in shown
    finally:
        server.kill()


# ---- the must-show: SIGKILLs of `cax sync run` mid-upload of a 20 MB scan ------------------


def _spawn_sync(env: dict[str, str]) -> tuple[subprocess.Popen[str], list[str]]:
    """`cax sync run --progress`; its stderr lines are collected as they come."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CAX_")} | env
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop.cli.main", "sync", "run", "--progress"],
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []

    def read() -> None:
        assert child.stderr is not None
        lines.extend(child.stderr)

    threading.Thread(target=read, daemon=True).start()
    return child, lines


def _kill_during_upload(
    env: dict[str, str], db: ServerDatabase, total: int, rng: random.Random
) -> bool:
    """Start a sync, SIGKILL it at a random moment within a chunk's time after its attachments
    phase began; True if the kill landed while the server's copy was incomplete."""
    child, lines = _spawn_sync(env)
    deadline = time.monotonic() + 60
    while not any(ATTACHMENT_LINE in line for line in lines) and child.poll() is None:
        assert time.monotonic() < deadline, "the sync never reached its attachments phase"
        time.sleep(0.002)
    # Within one chunk's time on the throttled link: most kills cut a chunk mid-way.
    time.sleep(rng.uniform(0, CHUNK_SECONDS))
    child.send_signal(signal.SIGKILL)
    child.wait()
    return child.returncode == -signal.SIGKILL and _chunk_rows(db) < total


def sigkills_then_resume(station_home, server, server_db, tmp_path, kills: int) -> None:
    with ThrottledLink(server.port, LINK_RATE) as link:
        _sigkills_then_resume(station_home, link.url, server_db, tmp_path, kills)


def _sigkills_then_resume(station_home, url: str, server_db, tmp_path, kills: int) -> None:
    env = as_user(station_home.home, SUPERVISOR, SUPERVISOR_PASSWORD)
    code = server_db.enrolment_code()
    assert run_cax("sync", "enroll", "--server", url, "--code", code, env=env).returncode == 0
    session = station_home.unlock()
    try:
        _, added, stored = _attach_scan(session, tmp_path, 20 * MB)
    finally:
        session.close()
    total, rng = chunk_count(len(stored)), random.Random(20261204)
    landed = 0
    while landed < kills and _chunk_rows(server_db) < total:
        landed += _kill_during_upload(env, server_db, total, rng)
    assert landed == kills, f"the upload finished after {landed} of {kills} kills"
    assert run_cax("sync", "run", env=env).returncode == 0  # the next sync finishes it
    complete, rows, data, distinct = _server_blob(server_db, added.sha256)
    assert complete and hashlib.sha256(data).hexdigest() == added.sha256 and data == stored
    assert rows == distinct == total  # no chunk stored twice


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkills_mid_upload_then_the_next_sync_finishes(station_home, server, server_db, tmp_path):
    sigkills_then_resume(station_home, server, server_db, tmp_path, kills=3)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_thirty_sigkills_mid_upload_of_20_mb(station_home, server, server_db, tmp_path):
    sigkills_then_resume(station_home, server, server_db, tmp_path, kills=30)


@pytest.mark.slow
def test_a_100_mb_record_resumes_after_the_link_is_cut(session, server, server_db, tmp_path):
    """Four 25 MiB scans of one record over a throttled link (16 MiB/s), the link cut mid-way:
    the sync fails as unreachable, the next one sends only what the server lacks."""
    with ThrottledLink(server.port, 16 * MB) as link:
        service = SyncService(session, retry=FAST_RETRY)
        service.enroll(link.url, server_db.enrolment_code())
        record_id = completed_records(session, 1)[0]
        scans = [
            clean_pdf(tmp_path / f"scan-{n}.pdf", payload=os.urandom(25 * MB - 1024))
            for n in range(4)
        ]
        added = AttachmentService(session).attach(record_id, scans)
        total = sum(chunk_count(a.size) for a in added)
        assert sum(a.size for a in added) > 100 * 1000 * 1000

        def cut_half_way(progress: SyncProgress) -> None:
            if progress.phase == "attachments" and progress.records_done >= total // 2:
                link.set_down(True)

        with pytest.raises(ServerUnreachable):
            service.run(cut_half_way)
        held = _chunk_rows(server_db)
        assert total // 2 <= held < total
        link.set_down(False)
        assert service.run().outcome == "ok"
    assert _chunk_rows(server_db) == total  # nothing stored twice
    for a in added:
        complete, rows, data, distinct = _server_blob(server_db, a.sha256)
        assert complete and rows == distinct and hashlib.sha256(data).hexdigest() == a.sha256
