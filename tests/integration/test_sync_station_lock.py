"""One sync at a time per station, whoever starts it: the app and `cax sync run` share a lock
file beside the database. The second is told who holds it (SYNC_BUSY) or waits with `--wait`;
neither marks the other's session "interrupted"; a holder killed outright frees the lock."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from desktop.core.errors import SyncBusy
from desktop.storage import sync_history
from desktop.sync.client import SyncClient
from desktop.sync.service import SyncService
from desktop.sync.station_lock import LOCK_FILE, StationSyncLock
from tests.desktop.cli.test_cax_cli import as_user, assert_one_clear_line, run_cax
from tests.desktop.conftest import SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.sync.helpers import FAST_RETRY, completed_records


class SlowFirstPush:
    """Holds the first push on the wire until released: a sync that is busy for a while."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.on_wire, self.answer = threading.Event(), threading.Event()
        self.sent = 0
        real_push = SyncClient.push

        def push(client: SyncClient, body: bytes):
            self.sent += len(json.loads(gzip.decompress(body))["records"])
            if not self.on_wire.is_set():
                self.on_wire.set()
                assert self.answer.wait(20)
            return real_push(client, body)

        monkeypatch.setattr(SyncClient, "push", push)


def _in_background(service: SyncService) -> tuple[threading.Thread, list]:
    outcome: list = []
    thread = threading.Thread(target=lambda: outcome.append(service.run()), daemon=True)
    thread.start()
    return thread, outcome


def test_a_second_sync_is_told_who_holds_the_lock(enrolled, station_home, monkeypatch):
    """The app syncs; `cax sync run` on the same station (another session) gets SYNC_BUSY with
    the user, the time and the program, and leaves the app's session alone."""
    completed_records(enrolled.session, 3)
    enrolled.program = "CAX Desk"
    held = SlowFirstPush(monkeypatch)
    thread, outcome = _in_background(enrolled)
    assert held.on_wire.wait(10)

    holder = enrolled.busy_with()
    assert holder is not None and holder.user == SUPERVISOR and holder.program == "CAX Desk"
    assert holder.pid == os.getpid()
    second = station_home.unlock()
    try:
        with pytest.raises(SyncBusy) as busy:
            SyncService(second, retry=FAST_RETRY).run()
        assert busy.value.params["user"] == SUPERVISOR
        assert busy.value.params["program"] == "CAX Desk"
        assert busy.value.params["since"].count("/") == 2  # dd/mm/yyyy HH:MM, local
        env = {**as_user(station_home.home, SUPERVISOR, SUPERVISOR_PASSWORD), "CAX_LANG": "en"}
        cli = run_cax("sync", "run", env=env)
        assert_one_clear_line(cli, "SYNC_BUSY", 6)
        assert f"{SUPERVISOR} is syncing this station (since " in cli.stderr
        assert "CAX Desk" in cli.stderr and "--wait" in cli.stderr
    finally:
        held.answer.set()
        thread.join(20)
    assert outcome and outcome[0].outcome == sync_history.OK
    history = enrolled.history()
    # The refused syncs started no session: the app's own is the only one, and it finished.
    assert [(s.outcome, s.acknowledged) for s in history] == [(sync_history.OK, 3)]
    assert enrolled.busy_with() is None
    second.close()


def test_with_wait_the_second_sync_runs_after_the_first(enrolled, station_home, monkeypatch):
    """`wait`: the second sync starts once the first has let go, and finds nothing left to send."""
    completed_records(enrolled.session, 2)
    held = SlowFirstPush(monkeypatch)
    thread, outcome = _in_background(enrolled)
    assert held.on_wire.wait(10)
    second = station_home.unlock()
    try:
        threading.Timer(0.5, held.answer.set).start()
        started = time.monotonic()
        report = SyncService(second, retry=FAST_RETRY).run(wait=15)
        assert time.monotonic() - started >= 0.4
        assert report.outcome == sync_history.OK and report.counts.sent == 0
    finally:
        held.answer.set()
        thread.join(20)
        second.close()
    assert outcome and outcome[0].counts.acknowledged == 2
    assert held.sent == 2  # each record once, by the first sync
    outcomes = [s.outcome for s in enrolled.history()]
    assert outcomes == [sync_history.OK, sync_history.OK]  # neither marked "interrupted"


_HOLDER = """
import sys, time
from pathlib import Path
from desktop.sync.station_lock import StationSyncLock
StationSyncLock(Path(sys.argv[1])).acquire("lan", "2026-12-04T08:00:00+00:00", "cax")
print("held", flush=True)
time.sleep(60)
"""


def test_a_killed_holder_frees_the_lock(station_home):
    """The OS lock dies with its process: a `cax sync run` killed outright leaves no stale lock."""
    home = station_home.home
    child = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(home)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "held"
        lock = StationSyncLock(home)
        holder = lock.holder()
        assert holder is not None and holder.user == "lan" and holder.pid == child.pid
        with pytest.raises(SyncBusy):
            lock.acquire(SUPERVISOR, "2026-12-04T08:01:00+00:00", "CAX Desk")
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        assert lock.holder() is None
        lock.acquire(SUPERVISOR, "2026-12-04T08:02:00+00:00", "CAX Desk")
        assert lock.holder().user == SUPERVISOR
        lock.release()
        assert (home / LOCK_FILE).exists() and lock.holder() is None
    finally:
        child.kill()
        child.wait(10)
