"""Child process of the rekey crash test: rotates the data key and dies (`os._exit`, nothing
cleaned up, as a kill) just before the database takes the new key, or just after."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop.storage import maintenance
from desktop.storage.database import Database
from desktop.storage.station import Station


def main(home: str, username: str, password: str, when: str) -> None:
    session = Station(Path(home)).unlock(username, password)
    real_rekey = Database.rekey

    def dying_rekey(db: Database, new_key: bytes) -> None:
        if when == "after":
            real_rekey(db, new_key)
        os._exit(9)

    Database.rekey = dying_rekey  # type: ignore[method-assign]  # the kill, patched in
    maintenance.rotate_data_key(session)
    os._exit(1)  # never reached: the rotation died at its rekey


if __name__ == "__main__":
    main(*sys.argv[1:5])
