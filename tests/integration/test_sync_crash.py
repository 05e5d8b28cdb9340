"""SIGKILL the station's sync process (`cax sync run`) at random moments mid-push, restart it,
sync again: the server ends with exactly the station's revisions, none twice, the outbox empty."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest

from desktop.storage import outbox, sync_history
from desktop.storage.records import RecordService
from desktop.sync.service import SyncService
from domain.forms.catalogue import load_catalogue
from tests.desktop.cli.test_cax_cli import as_user, run_cax
from tests.desktop.conftest import SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.sync.helpers import completed_records, example
from tests.integration.conftest import local_revisions

TRIALS = 30
PER_TRIAL = 25


def _spawn_sync(env: dict[str, str]) -> tuple[subprocess.Popen[str], list[str]]:
    """`cax sync run` with small batches; its progress lines are collected as they come."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CAX_")} | env
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop.cli.main", "sync", "run", "--batch", "5", "--progress"],
        env=full_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []

    def read() -> None:
        assert child.stderr is not None
        for line in child.stderr:
            lines.append(line)

    threading.Thread(target=read, daemon=True).start()
    return child, lines


def _add_work(session, rng: random.Random, trial: int) -> None:
    """New completed records, plus an amendment and a void of earlier ones now and then."""
    ids = completed_records(session, PER_TRIAL, start=trial * PER_TRIAL)
    service = RecordService(session, load_catalogue())
    if rng.random() < 0.5:
        record = rng.choice(ids)
        form = service.get(record).summary.form_id
        service.amend(record, example(form), "sửa theo yêu cầu")
    if rng.random() < 0.3:
        service.void(rng.choice(ids), "nhập trùng")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_push_then_resync_converges(station_home, server, server_db):
    """30 trials; each kills a sync at a random point of its push, then a new sync completes."""
    rng = random.Random(20261128)
    env = as_user(station_home.home, SUPERVISOR, SUPERVISOR_PASSWORD)
    assert (
        run_cax(
            "sync", "enroll", "--server", server.url, "--code", server_db.enrolment_code(), env=env
        ).returncode
        == 0
    )
    session = station_home.unlock()
    mid_push = 0
    try:
        for trial in range(TRIALS):
            _add_work(session, rng, trial)
            child, lines = _spawn_sync(env)
            # Kill after a random number of answered batches, a random few ms into the next one.
            wait_batches = rng.randint(1, 4)
            deadline = time.monotonic() + 20
            while len(lines) < wait_batches and child.poll() is None:
                assert time.monotonic() < deadline, "sync made no progress"
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.06))
            child.send_signal(signal.SIGKILL)
            child.wait()
            answered = len(lines)
            if child.returncode == -signal.SIGKILL and answered >= 1:
                mid_push += 1

            report = SyncService(session).run()  # the restarted sync
            assert report.outcome == "ok" and report.waiting == 0
            on_server = [(r, v) for r, v, _ in server_db.revisions()]
            assert Counter(on_server) == Counter(local_revisions(session)), f"trial {trial}"
            with session.db.read() as conn:
                counts = outbox.counts(conn)
            assert counts.waiting == 0 and counts.quarantined == 0 and counts.conflict == 0
        with session.db.read() as conn:
            outcomes = Counter(s.outcome for s in sync_history.recent(conn, limit=1000))
    finally:
        session.close()
    assert mid_push >= 20, f"only {mid_push} kills landed mid-push"
    # Killed sessions stay in the history as interrupted (a kill after the session's own end
    # leaves an ok one); none is left looking as if it were still running.
    assert outcomes["interrupted"] >= 10 and outcomes["running"] == 0, outcomes
