"""SIGKILL while attaching: every attachment reported committed is there whole, and a file that
was being written left nothing — no blob without its hash, no row without its sealed file, and
no sealed file without its row once the next unlock has swept the folder."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.storage import attachments
from desktop.storage.attachment_service import AttachmentService
from desktop.storage.records import RecordService
from tests.desktop.conftest import SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.storage import attachment_files as files
from tests.desktop.storage.test_attachments import CATALOGUE, example

ROOT = Path(__file__).resolve().parents[3]
WRITER = Path(__file__).with_name("attach_writer.py")
KILLS = 8


@pytest.mark.slow
def test_sigkill_while_attaching_leaves_whole_files_or_nothing(station_home, tmp_path):
    session = station_home.unlock()
    record_id = RecordService(session, CATALOGUE).create("F1", example("F1"))
    session.close()
    rng = random.Random(20261204)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    reported: set[str] = set()
    for round_ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(station_home.home), SUPERVISOR,
             SUPERVISOR_PASSWORD, record_id, str(tmp_path), str(round_ * 1000)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
        )  # fmt: skip
        first = child.stdout.readline()
        assert first, f"writer did not start: {child.stderr.read()}"
        time.sleep(rng.uniform(0.0, 0.4))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        reported |= {first.strip()} | set(out.split())

    session = station_home.unlock()
    try:
        assert session.db.integrity_problems() == []
        with session.db.read() as conn:
            names = {a.name for a in attachments.current(conn, record_id)}
            assert reported <= names  # every committed attachment survived
            assert len(names) - len(reported) <= KILLS  # committed, killed before it printed
            assert attachments.corrupt_blobs(conn) == []
            unhashed = conn.execute(text("SELECT count(*) FROM blobs WHERE sha256 IS NULL"))
            assert unhashed.scalar_one() == 0
            assert conn.execute(text("SELECT count(*) FROM blob_chunks")).scalar_one() == 0
            ids = conn.execute(text("SELECT id FROM blobs")).scalars().all()
            assert len(ids) == len(names)
        # One file per committed blob, under the current key; the killed ones' files are swept.
        files = session.db.blob_files
        assert sorted(p.name for p in files.folder.iterdir()) == sorted(
            files.path(blob_id).name for blob_id in ids
        )
    finally:
        session.close()


def test_the_sweep_removes_files_no_committed_row_names(station_home, tmp_path):
    """What a kill between the file's fsync and the commit leaves (a file of an id no row has),
    and a file under a key the station no longer uses: the next unlock deletes both, `db check`
    names what it deleted, and the committed attachment is untouched."""
    from desktop.storage import maintenance

    session = station_home.unlock()
    record_id = RecordService(session, CATALOGUE).create("F1", example("F1"))
    service = AttachmentService(session, CATALOGUE)
    [added] = service.attach(record_id, [files.clean_pdf(tmp_path / "a.pdf", os.urandom(300_000))])
    blob_files = session.db.blob_files
    for blob_id, key in ((999, None), (1, os.urandom(32))):
        writer = blob_files.writer(blob_id, key)
        writer.write(os.urandom(1000))
        writer.finish()
    assert len(list(blob_files.folder.iterdir())) == 3
    session.close()

    session = station_home.unlock()
    try:
        assert [p.name for p in blob_files.folder.iterdir()] == [session.db.blob_files.path(1).name]
        writer = session.db.blob_files.writer(998)  # a crash after this unlock: db check sweeps
        writer.finish()
        report = maintenance.check_database(session)
        assert report.orphan_files == [session.db.blob_files.path(998).name]
        assert report.ok, report
        with session.db.read() as conn:
            assert (
                b"".join(attachments.read_blob(conn, added.sha256))
                == (tmp_path / "a.pdf").read_bytes()
            )
    finally:
        session.close()
