"""SIGKILL while attaching: every attachment reported committed is there whole, and a file that
was being written left nothing — no blob without its hash, no orphan chunk, no row."""

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
from desktop.storage.records import RecordService
from tests.desktop.conftest import SUPERVISOR, SUPERVISOR_PASSWORD
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
            orphans = conn.execute(
                text("SELECT count(*) FROM blob_chunks WHERE blob_id NOT IN (SELECT id FROM blobs)")
            )
            assert orphans.scalar_one() == 0
            blobs = conn.execute(text("SELECT count(*) FROM blobs")).scalar_one()
            assert blobs == len(names)
    finally:
        session.close()
