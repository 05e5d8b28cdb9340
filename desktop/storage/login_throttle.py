"""Failed logins, kept outside the encrypted database (which a wrong password cannot open).

Each user's consecutive failures make the next attempt wait longer (the recovery key counts as
one more "user", `@recovery`). The failures are also queued here and moved into the audit log by
the next successful unlock, so none goes unrecorded.

The file is plain JSON that every user of the PC can delete or replace, and nothing secret is
available to protect it before a login. What it carries instead is a marker: a random `epoch`
made when the file is created and a `generation` counted up at every write. Each successful
login stores the marker inside the encrypted database; the next one compares. A file deleted,
damaged, replaced by another or put back from an older copy shows as a different epoch or a
smaller generation, and that login writes `station.login_throttle_reset` to the audit log.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.storage.audit import utc_now
from desktop.storage.files import write_atomically

FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 60.0


def delay_after(failures: int) -> float:
    """Seconds to wait before the next try: none for the first few, then doubling up to a minute."""
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(2.0 ** (failures - FREE_ATTEMPTS), MAX_DELAY_SECONDS)


@dataclass(frozen=True)
class Marker:
    """Which throttle file, and how many writes into it: kept in the database at each login."""

    epoch: str | None  # None: there is no (readable) file
    generation: int

    def as_dict(self) -> dict[str, Any]:
        return {"epoch": self.epoch, "generation": self.generation}


def reset_reason(known: Marker | None, found: Marker) -> str | None:
    """Why the state `found` now is not the one the last login left (`known`), or None."""
    if known is None or known.epoch is None:
        return None  # nothing was known yet: a new station, or one made by an older version
    if found.epoch is None:
        return "missing"
    if found.epoch != known.epoch:
        return "replaced"
    if found.generation < known.generation:
        return "rolled_back"
    return None


class LoginThrottle:
    def __init__(self, path: Path, clock: Any = time.time) -> None:
        self.path = path
        self._clock = clock

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                epoch = data.get("epoch")
                generation = data.get("generation")
                return {
                    "users": dict(data.get("users", {})),
                    "pending": list(data.get("pending", [])),
                    "epoch": epoch if isinstance(epoch, str) else None,
                    "generation": generation if type(generation) is int else 0,
                }
        except (OSError, ValueError, TypeError):
            pass  # missing or damaged: start again (the next login audits it), never lock out
        return {"users": {}, "pending": [], "epoch": None, "generation": 0}

    def _write(self, data: dict[str, Any]) -> Marker:
        data["epoch"] = data.get("epoch") or secrets.token_hex(16)
        data["generation"] = int(data.get("generation", 0)) + 1
        write_atomically(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        return Marker(data["epoch"], data["generation"])

    def marker(self) -> Marker:
        data = self._read()
        return Marker(data["epoch"], data["generation"])

    def seconds_to_wait(self, username: str) -> float:
        state = self._read()["users"].get(username)
        if not state:
            return 0.0
        ready_at = float(state["last_failure"]) + delay_after(int(state["failures"]))
        # A clock set backwards must not turn a short wait into a long one.
        return max(0.0, min(ready_at - self._clock(), delay_after(int(state["failures"]))))

    def record_failure(self, username: str, reason: str) -> int:
        data = self._read()
        state = data["users"].get(username, {"failures": 0})
        state = {"failures": int(state["failures"]) + 1, "last_failure": self._clock()}
        data["users"][username] = state
        data["pending"].append({"at": utc_now(), "username": username, "reason": reason})
        self._write(data)
        return state["failures"]

    def pending(self) -> list[dict[str, Any]]:
        """Failures not yet written to the audit log, oldest first."""
        return self._read()["pending"]

    def record_success(self, *usernames: str, audited: int) -> Marker:
        """Reset these counters (a user's; after a recovery, the recovery key's too) and drop the
        first `audited` queued failures (now in the log). The file always exists afterwards, so
        its marker can be kept in the database; the marker is returned."""
        data = self._read()
        found = Marker(data["epoch"], data["generation"])
        if not audited and not any(name in data["users"] for name in usernames):
            if found.epoch is not None:
                return found
            try:  # only to start a file (and so a marker): a login does not fail for it
                return self._write(data)
            except OSError:
                return found
        for name in usernames:
            data["users"].pop(name, None)
        data["pending"] = data["pending"][audited:]
        return self._write(data)
