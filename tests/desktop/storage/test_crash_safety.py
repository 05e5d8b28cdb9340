"""Killing a writer (SIGKILL) at random moments never damages the station or loses a commit."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.storage import maintenance
from tests.desktop.conftest import SUPERVISOR, SUPERVISOR_PASSWORD

KILLS = 32
WRITER = Path(__file__).with_name("crash_writer.py")
ROOT = Path(__file__).resolve().parents[3]


def _committed_numbers(session) -> set[int]:
    with session.db.read() as conn:
        rows = conn.execute(text("SELECT details FROM audit_log WHERE action = 'test.write'"))
        return {json.loads(details)["n"] for (details,) in rows}


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_at_random_moments_loses_no_commit(station_home):
    """32 kills at random times; after each, integrity holds and every reported commit is there."""
    rng = random.Random(20261128)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    next_n = 0
    for round_ in range(KILLS):
        child = subprocess.Popen(
            [
                sys.executable,
                str(WRITER),
                str(station_home.home),
                SUPERVISOR,
                SUPERVISOR_PASSWORD,
                str(next_n),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        first = child.stdout.readline()  # wait until it is writing, then let it run a random while
        assert first, f"writer did not start: {child.stderr.read()}"
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        reported = {int(first)} | {int(line) for line in out.split()}

        session = station_home.unlock()
        try:
            assert session.db.integrity_problems() == [], f"round {round_}"
            audit_report = maintenance.verify_audit(session)
            assert audit_report.ok, f"round {round_}: {audit_report.first_break}"
            present = _committed_numbers(session)
        finally:
            session.close()
        assert reported <= present, f"round {round_}: lost {sorted(reported - present)[:5]}"
        assert present == set(range(max(present) + 1)), f"round {round_}: a hole in the commits"
        next_n = max(present) + 1
    assert next_n > KILLS  # the writer really got work done between kills
