"""The bookkeeping of one sync session: its history row and the writes that may wait, folded into
as few fsync'd SQLCipher commits as crash safety allows (docs/sync.md, "Commits of a session").

Every commit of the station's database is an fsync of the WAL; at 1 MB a session's six separate
commits cost more than its one upload. So the history row is written by the session's first
write (not by a commit of its own), and a write whose loss a crash would only cost a request
done again — a blob marked complete, the last page of the pull — waits for the next write the
session makes anyway, at the latest its closing one. What must be on disk before the next
request (a batch marked sent, the answers to a batch) still commits at once: callers decide
which is which by calling `write` or `defer`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator

from sqlalchemy import Connection

from desktop.storage.database import Database

Write = Callable[[Connection], None]


class SessionLedger:
    """Writes of one session. Thread-safe: the push prepares its next batch on a helper thread."""

    def __init__(self, db: Database, open_row: Callable[[Connection], int]) -> None:
        self.db = db
        self._open_row = open_row
        self._session_id: int | None = None
        self._waiting: list[Write] = []
        self._lock = threading.RLock()

    @property
    def session_id(self) -> int | None:
        """The history row's id once a write wrote it (inside that write too); None before."""
        return self._session_id

    @property
    def waiting(self) -> int:
        """How many deferred writes no commit has carried yet."""
        with self._lock:
            return len(self._waiting)

    def defer(self, write: Write) -> None:
        """Run `write` in the session's next write transaction (lost if the process dies first:
        only writes whose loss costs a request done again may wait)."""
        with self._lock:
            self._waiting.append(write)

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction that first writes the history row (if no commit did yet) and what
        waits; all of it commits together or, on an error, none of it (and it waits on)."""
        with self._lock:
            waiting, self._waiting = self._waiting, []
            committed_id = self._session_id
            try:
                with self.db.write() as conn:
                    if self._session_id is None:
                        self._session_id = self._open_row(conn)
                    for deferred in waiting:
                        deferred(conn)
                    yield conn
            except BaseException:
                # Not committed: no row after all, and what waited waits on.
                self._session_id = committed_id
                self._waiting = waiting + self._waiting
                raise

    def flush(self) -> None:
        """Commit what waits now (nothing if nothing does)."""
        with self._lock:
            if self._waiting:
                with self.write():
                    pass
