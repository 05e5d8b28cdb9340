"""Running work off the GUI thread on three serial lanes: one for the pages' database work, one for
the network (sync, enrolment, health probes), one for long jobs (exports, backups) so that entry
never queues behind them.

The database lane is not the only writer: a sync on the network lane writes the server's answers,
what it pulled and its history through the same session, each in a transaction of its own. SQLite's
write lock (`BEGIN IMMEDIATE`, `Database.write()`) orders those writes against the pages'; a lane
only keeps its own jobs in order. So nothing may close the session while a sync still runs: the
lock must cancel the sync and let it return first.

Work functions take plain arguments and never touch widgets; their result or exception comes back
on the GUI thread as a signal and is handed to the caller's callbacks. Callbacks bound to a widget
that has been deleted meanwhile are dropped, so a page torn down at lock time never hears back.
`TaskRunner(threaded=False)` runs everything at once, which is what tests use by default.

The database lane is not the only writer: the sync on the network lane writes its answers, history
and audit entries through its own connections (SQLite serialises the writes). So closing a session
waits for the network lane to run dry first (`SyncController.stop`, `main_window.end_session`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]
ErrorHandler = Callable[[BaseException], object]  # what it returns is ignored


class Lane(Enum):
    DATABASE = "database"  # serial: the pages' reads and writes, one job at a time
    # Serial too, never queued behind a slow database job; a sync here writes the database in
    # transactions of its own (see the module's docstring).
    NETWORK = "network"
    # Serial too: exports, backups, a year's report — jobs of a minute or more that read on their
    # own connection (WAL: a reader never blocks a writer, nor is blocked by one) so that saving
    # a record on the database lane does not wait for them (bench/long_job_bench.py). Their one
    # short write, the audit entry, takes the write lock like any other (BEGIN IMMEDIATE waits).
    LONG = "long"


class _Relay(QObject):
    """Lives on the GUI thread; a worker emits on it, so its slots run on the GUI thread."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, on_finished: Callback, on_failed: ErrorHandler) -> None:
        super().__init__()
        self._on_finished, self._on_failed = on_finished, on_failed
        # Bound to this object's own slots: queued to its (GUI) thread when a worker emits.
        self.finished.connect(self._on_self_finished)
        self.failed.connect(self._on_self_failed)

    @Slot(object)
    def _on_self_finished(self, result: Any) -> None:
        self._on_finished(result)

    @Slot(object)
    def _on_self_failed(self, error: Any) -> None:
        self._on_failed(error)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._relay, self._fn, self._args = relay, fn, args

    def run(self) -> None:
        try:
            result = self._fn(*self._args)
        except BaseException as error:  # every failure must reach the GUI, never die in a thread
            self._relay.failed.emit(error)
        else:
            self._relay.finished.emit(result)


class TaskRunner(QObject):
    """Runs `fn(*args)` on a lane's worker and calls `on_done(result)` or `on_error(error)`."""

    busy_changed = Signal(bool)

    def __init__(
        self,
        *,
        threaded: bool = True,
        on_unhandled: ErrorHandler | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.threaded = threaded
        self.on_unhandled = on_unhandled  # the app's error dialog; used when a caller gives none
        self._pools: dict[Lane, QThreadPool] = {}
        self._relays: set[_Relay] = set()
        if threaded:
            for lane in Lane:
                pool = QThreadPool(self)
                pool.setMaxThreadCount(1)  # serial: the session's connections are never shared
                pool.setExpiryTimeout(-1)
                self._pools[lane] = pool

    @property
    def pending(self) -> int:
        return len(self._relays)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callback | None = None,
        on_error: ErrorHandler | None = None,
        context: QObject | None = None,
        lane: Lane = Lane.DATABASE,
    ) -> None:
        """Queue `fn(*args)`; callbacks run on the GUI thread unless `context` was deleted."""
        relay = _Relay(
            lambda result: self._deliver(relay, context, on_done, result),
            lambda error: self._fail(relay, context, on_error, error),
        )
        self._relays.add(relay)
        if len(self._relays) == 1:
            self.busy_changed.emit(True)
        job = _Job(relay, fn, args)
        if self.threaded:
            self._pools[lane].start(job)
        else:
            job.run()

    def wait(self, msecs: int = -1) -> bool:
        """Block until every queued job ran (at shutdown, so nothing is cut off mid-write)."""
        return all(pool.waitForDone(msecs) for pool in self._pools.values())

    def _finish(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        relay.deleteLater()
        if not self._relays:
            self.busy_changed.emit(False)

    def _deliver(self, relay: _Relay, context: QObject | None, on_done: Any, result: Any) -> None:
        self._finish(relay)
        if on_done is not None and _alive(context):
            on_done(result)

    def _fail(self, relay: _Relay, context: QObject | None, on_error: Any, error: Any) -> None:
        self._finish(relay)
        if not _alive(context):
            log.info("dropped the error of a task whose window is gone: %r", error)
            return
        handler = on_error or self.on_unhandled
        if handler is None:
            log.error("task failed", exc_info=error)
            return
        handler(error)


def _alive(context: QObject | None) -> bool:
    return context is None or shiboken6.isValid(context)
