"""Child process of the crash-safety test: commits numbered audit entries until it is killed.

It prints each number only after its transaction committed, so the parent knows what must survive.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.storage import audit
from desktop.storage.station import Station


def main(home: str, username: str, password: str, start: int) -> None:
    session = Station(Path(home)).unlock(username, password)
    n = start
    while True:
        batch = 1 if n % 7 else 50  # mostly single commits, some larger ones
        with session.db.write() as conn:
            for i in range(batch):
                audit.append(
                    conn, username, "test.write", f"n-{n}", {"n": n, "i": i, "pad": "đ" * 200}
                )
        print(n, flush=True)
        n += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
