"""Child process of the rekey crash test: rotates the data key and dies (`os._exit`, nothing
cleaned up, as a kill) just before the database takes the new key, or just after; or
("straggler") after it, halfway through sealing anew a file another attach added between the
resealing and the rekey."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop.storage import blob_files, maintenance
from desktop.storage.attachment_service import AttachmentService
from desktop.storage.database import Database
from desktop.storage.records import RecordService
from desktop.storage.station import Station
from domain.forms.catalogue import load_catalogue


def main(home: str, username: str, password: str, when: str, late: str = "") -> None:
    session = Station(Path(home)).unlock(username, password)
    real_rekey = Database.rekey
    real_write = blob_files.SealedWriter.write

    def dying_write(writer: blob_files.SealedWriter, data: bytes) -> None:
        real_write(writer, data)
        writer._handle.flush()  # what reached the disk before the kill
        os._exit(9)

    def dying_rekey(db: Database, new_key: bytes) -> None:
        if when == "straggler":  # an attach slips in, then the sealing anew of it dies
            records = RecordService(session, load_catalogue())
            record_id = records.create("F1", {}, draft_ok=True)
            AttachmentService(session).attach(record_id, [Path(late)])
            real_rekey(db, new_key)
            blob_files.SealedWriter.write = dying_write  # type: ignore[method-assign]
            return
        if when == "after":
            real_rekey(db, new_key)
        os._exit(9)

    Database.rekey = dying_rekey  # type: ignore[method-assign]  # the kill, patched in
    maintenance.rotate_data_key(session)
    os._exit(1)  # never reached: the rotation died


if __name__ == "__main__":
    main(*sys.argv[1:6])
