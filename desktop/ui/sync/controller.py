"""When to sync: a connectivity watcher, "Sync now", and auto-sync when the server is back.

`QNetworkInformation` says when the PC's network changes, but "online" there only means a default
route exists (its glib backend, checked offscreen on Debian 12), so the server's health endpoint decides: probed at once when the
network changes, then every minute while it answers and with a growing pause (15 s → 5 min)
while it does not. The sync itself is `SyncService.run()` on the network lane; its progress
crosses back to the GUI thread as a queued signal. Nothing here shows a dialog: offline is a
quiet state of the status bar.
"""

from __future__ import annotations

import logging
import threading
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QNetworkInformation

from desktop.core.errors import SyncRunning
from desktop.storage.station import StationSession
from desktop.sync.report import ServerCheck, SyncProgress, SyncReport, SyncStatus
from desktop.sync.service import SyncService
from desktop.ui.tasks import Lane, TaskRunner

log = logging.getLogger(__name__)

ONLINE_PROBE_MS = 60_000
OFFLINE_PROBE_MS = (15_000, 30_000, 60_000, 120_000, 300_000)  # then stays at the last


class _ProgressRelay(QObject):
    """Emitted from the network worker; connected slots run on the GUI thread (queued)."""

    progress = Signal(object)


class SyncController(QObject):
    """The sync of one unlocked session; the main window makes one and stops it at lock time."""

    status_changed = Signal(object)  # SyncStatus
    online_changed = Signal(object)  # True, False, or None (not known yet)
    running_changed = Signal(bool)
    progress = Signal(object)  # SyncProgress
    finished = Signal(object)  # SyncReport
    failed = Signal(object)  # the AppError (or other exception) of a failed sync

    def __init__(
        self,
        session: StationSession,
        tasks: TaskRunner,
        *,
        service: SyncService | None = None,
        watch_network: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks
        self.service = service or SyncService(session, program="CAX Desk")
        self.status: SyncStatus | None = None
        self.online: bool | None = None
        self.running = False
        self._cancel = threading.Event()
        self._offline_probes = 0
        # Owned by the task runner, not by this controller: a lock deletes the controller while
        # a sync may still be reporting progress from the network worker, and emitting on a
        # deleted object would fail there. It is deleted with the controller when no sync runs.
        self._relay = _ProgressRelay(tasks)
        self._relay.progress.connect(self.progress)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.probe)
        if watch_network:
            self._watch_network()

    def _watch_network(self) -> None:
        try:
            if QNetworkInformation.loadDefaultBackend():
                info = QNetworkInformation.instance()
                info.reachabilityChanged.connect(self._on_reachability_changed)
        except (RuntimeError, AttributeError):  # no backend on this platform: probes alone
            log.info("no network information backend; relying on probes")

    def start(self) -> None:
        """Read the status, then probe the server (if enrolled)."""
        self.refresh(then_probe=True)

    def stop(self) -> threading.Event:
        """At lock or log-out: no more probes, and a running sync stops at its next step.

        Returns an event set once the network lane has run dry: the sync (and any probe queued
        before this) has returned, so nothing it does can touch the database after that. The
        caller waits for it before closing the session (MainWindow.lock): the sync writes its
        answers, history and audit entry from the network worker, not from the database lane.
        """
        self._timer.stop()
        self._cancel.set()
        if not self.running:
            self._relay.deleteLater()
        try:
            info = QNetworkInformation.instance()
            if info is not None:
                info.reachabilityChanged.disconnect(self._on_reachability_changed)
        except (RuntimeError, TypeError):
            pass
        drained = threading.Event()
        self.tasks.run(drained.set, lane=Lane.NETWORK)  # the lane is serial: runs after the sync
        return drained

    # ---- status ---------------------------------------------------------------------------------

    def refresh(self, *, then_probe: bool = False) -> None:
        self.tasks.run(
            partial(self.service.status, history=50),
            on_done=partial(self._on_status, then_probe),
            on_error=self._log_error,
            context=self,
        )

    def _on_status(self, then_probe: bool, status: SyncStatus) -> None:
        self.status = status
        self.status_changed.emit(status)
        if then_probe and status.enrolled:
            self.probe()
        elif not status.enrolled:
            self._set_online(None)

    # ---- connectivity ---------------------------------------------------------------------------

    def _on_reachability_changed(self, _reachability: Any) -> None:
        self._offline_probes = 0
        self.probe()

    def probe(self) -> None:
        """Ask the server's health endpoint (on the network lane) whether it answers now."""
        self._timer.stop()
        if self.status is None or not self.status.enrolled or self.running:
            return
        self.tasks.run(
            self.service.check_server,
            on_done=self._on_probe,
            on_error=self._log_error,
            context=self,
            lane=Lane.NETWORK,
        )

    def _on_probe(self, check: ServerCheck) -> None:
        came_back = check.online and self.online is not True
        self._set_online(check.online)
        if check.online:
            self._offline_probes = 0
            self._timer.start(ONLINE_PROBE_MS)
            waiting = self.status.outbox.waiting if self.status else 0
            if self.status and self.status.auto_sync and (waiting or came_back):
                self.sync_now()
        else:
            pause = OFFLINE_PROBE_MS[min(self._offline_probes, len(OFFLINE_PROBE_MS) - 1)]
            self._offline_probes += 1
            self._timer.start(pause)

    def _set_online(self, online: bool | None) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    # ---- syncing --------------------------------------------------------------------------------

    def sync_now(self) -> None:
        if self.running:
            return
        self.running = True
        self._cancel = threading.Event()
        self.running_changed.emit(True)
        relay, cancel = self._relay, self._cancel

        def report(progress: SyncProgress) -> None:  # on the network worker
            if not cancel.is_set():
                relay.progress.emit(progress)

        self.tasks.run(
            self.service.run,
            report,
            cancel,
            on_done=self._on_finished,
            on_error=self._on_failed,
            context=self,
            lane=Lane.NETWORK,
        )

    def cancel(self) -> None:
        self._cancel.set()

    def _on_finished(self, report: SyncReport) -> None:
        self._done()
        self._set_online(True)
        self.finished.emit(report)

    def _on_failed(self, error: BaseException) -> None:
        self._done()
        if isinstance(error, SyncRunning):
            return  # this session's other sync (auto or a second click) is running: it finishes it
        code = getattr(error, "code", "")
        if code in ("SERVER_UNREACHABLE", "SERVER_UNAVAILABLE", "TLS_UNTRUSTED"):
            self._set_online(False)
            self._offline_probes = 0
            self._timer.start(OFFLINE_PROBE_MS[0])
        self.failed.emit(error)

    def _done(self) -> None:
        self.running = False
        self.running_changed.emit(False)
        self.refresh()

    def _log_error(self, error: BaseException) -> None:
        # Status reads and probes are background chores: a failure is logged, never a dialog.
        log.warning("sync status or probe failed: %r", error)
