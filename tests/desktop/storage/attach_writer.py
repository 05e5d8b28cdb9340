"""Child process of the attachment crash test: attaches 3 MB scans to one record until killed.

It prints each file's name only after its transaction committed, so the parent knows what must
be there; what was being written when the kill came must have left nothing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop.storage.attachment_service import AttachmentService
from desktop.storage.station import Station
from tests.desktop.storage import attachment_files as files


def main(home: str, username: str, password: str, record_id: str, folder: str, start: int) -> None:
    session = Station(Path(home)).unlock(username, password)
    service = AttachmentService(session)
    n = start
    while True:
        scan = files.clean_pdf(Path(folder) / f"scan-{n}.pdf", payload=os.urandom(3 * 1024 * 1024))
        service.attach(record_id, [scan])
        print(scan.name, flush=True)
        n += 1


if __name__ == "__main__":
    main(*sys.argv[1:6], int(sys.argv[6]))
