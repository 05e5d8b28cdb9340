"""Failed logins, kept outside the encrypted database (which a wrong password cannot open).

Each user's consecutive failures make the next attempt wait longer. The failures are also queued
here and moved into the audit log by the next successful unlock, so none goes unrecorded.
"""

from __future__ import annotations

import json
import time
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


class LoginThrottle:
    def __init__(self, path: Path, clock: Any = time.time) -> None:
        self.path = path
        self._clock = clock

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                return {
                    "users": dict(data.get("users", {})),
                    "pending": list(data.get("pending", [])),
                }
        except (OSError, ValueError):
            pass  # missing or damaged: start again rather than lock everybody out
        return {"users": {}, "pending": []}

    def _write(self, data: dict[str, Any]) -> None:
        write_atomically(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))

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

    def record_success(self, username: str, audited: int) -> None:
        """Reset the user's counter and drop the first `audited` queued failures (now in the log)."""
        data = self._read()
        if username not in data["users"] and not audited:
            return
        data["users"].pop(username, None)
        data["pending"] = data["pending"][audited:]
        self._write(data)
