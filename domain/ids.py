"""Record ids made offline: UUIDv7 (RFC 9562), time-ordered so new records sort and index well."""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last = [0, 0]  # last (millisecond, counter) handed out in this process


def uuid7() -> uuid.UUID:
    """A UUIDv7: 48-bit Unix milliseconds, a 12-bit counter (monotonic within a process), random."""
    with _lock:
        now = time.time_ns() // 1_000_000
        if now <= _last[0]:  # same millisecond, or the clock stepped back: keep ids increasing
            now, counter = _last[0], _last[1] + 1
            if counter > 0xFFF:
                now, counter = now + 1, 0
        else:
            counter = int.from_bytes(os.urandom(2)) & 0x7FF  # random start, room to count up
        _last[:] = [now, counter]
    rand = int.from_bytes(os.urandom(8)) & ((1 << 62) - 1)
    value = (now & ((1 << 48) - 1)) << 80 | 0x7 << 76 | counter << 64 | 0b10 << 62 | rand
    return uuid.UUID(int=value)


def new_record_id() -> str:
    return str(uuid7())
