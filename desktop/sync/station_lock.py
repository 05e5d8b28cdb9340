"""One sync at a time per station, across processes: the app and `cax sync run` share a lock file
beside the database.

The lock is the operating system's (`fcntl.flock` on POSIX, `msvcrt.locking` on Windows), held
on an open file, so a holder that crashes or is killed frees it with its file descriptor: no
stale lock to clean up by hand. The holder writes who it is and since when into the file, so a
second sync can say who holds it (SYNC_BUSY) instead of waiting blindly. The session history
relies on it: only the holder can have a session `running`, so any other `running` row really
belongs to a process that died (`sync_history.start`).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.core.errors import SyncBusy
from desktop.core.station_time import to_station_time
from desktop.storage.files import shared_mode

LOCK_FILE = "sync.lock"
POLL_SECONDS = 0.2
# The holder's details start after the locked byte: on Windows a locked range cannot be read by
# the other processes, and they need to read who holds it.
_INFO_OFFSET = 1

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only (mypy skips it here)
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _local(iso: str) -> str:
    """The holder's start as the people at the station read it: dd/mm/yyyy HH:MM in the
    station's time, not the PC's zone."""
    try:
        return to_station_time(datetime.fromisoformat(iso)).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso


@dataclass(frozen=True)
class Holder:
    """Who runs the sync now: a user name, since when (ISO UTC), which program and process."""

    user: str
    since: str
    program: str
    pid: int


class StationSyncLock:
    """The station-wide sync lock of the station in `home`. Not re-entrant: one holder at a time,
    even within one process (the app's two sessions in a row, a CLI test and an app test)."""

    def __init__(self, home: Path) -> None:
        self.path = home / LOCK_FILE
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(
        self,
        user: str,
        since: str,
        program: str,
        *,
        wait: float = 0.0,
        cancel: threading.Event | None = None,
    ) -> None:
        """Take the lock, or wait for it up to `wait` seconds (stopping early on `cancel`); when
        it stays taken, SYNC_BUSY with the holder's user and since-when."""
        if self._fd is not None:
            raise RuntimeError("this sync lock is already held")
        fd = self._open()
        deadline = time.monotonic() + wait
        while not _try_lock(fd):
            left = deadline - time.monotonic()
            if left <= 0 or (cancel is not None and cancel.is_set()):
                os.close(fd)
                raise self._busy()
            pause = min(POLL_SECONDS, left)
            if cancel is not None:
                cancel.wait(pause)
            else:
                time.sleep(pause)
        self._fd = fd
        self._write_holder(Holder(user, since, program, os.getpid()))

    def _busy(self) -> SyncBusy:
        holder = self.holder()
        if holder is None:
            return SyncBusy(user="?", since="", program="")
        return SyncBusy(user=holder.user, since=_local(holder.since), program=holder.program)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, _INFO_OFFSET)  # nobody holds it: no stale name to show
            _unlock(fd)
        finally:
            os.close(fd)

    def holder(self) -> Holder | None:
        """Who holds the lock now, as the holder wrote it; None when nobody does (or not yet)."""
        if self._fd is None:
            probe = self._open()
            try:
                if _try_lock(probe):
                    _unlock(probe)
                    return None
            finally:
                os.close(probe)
        try:
            with open(self.path, "rb") as file:
                file.seek(_INFO_OFFSET)
                data = json.loads(file.read().decode("utf-8"))
            return Holder(str(data["user"]), str(data["since"]), str(data["program"]), data["pid"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # taken an instant ago, its name not written yet

    def _open(self) -> int:
        mode = shared_mode(self.path.parent, 0o600)  # several OS accounts may share a station
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, mode)
        if os.fstat(fd).st_size < _INFO_OFFSET:
            os.write(fd, b" ")  # the locked byte (a fresh file: offset 0)
        return fd

    def _write_holder(self, holder: Holder) -> None:
        assert self._fd is not None
        info = {"user": holder.user, "since": holder.since, "program": holder.program}
        data = json.dumps(info | {"pid": holder.pid}).encode("utf-8")
        os.ftruncate(self._fd, _INFO_OFFSET)
        os.lseek(self._fd, _INFO_OFFSET, os.SEEK_SET)
        os.write(self._fd, data)
