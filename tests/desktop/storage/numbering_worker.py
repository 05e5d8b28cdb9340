"""Child process of the numbering test: prepares drafts, waits for the start file, completes them."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from desktop.storage.records import RecordService
from desktop.storage.station import Station
from domain.forms.catalogue import load_catalogue


def main(home: str, user: str, password: str, example: str, count: int, start_file: str) -> None:
    session = Station(Path(home)).unlock(user, password)
    service = RecordService(session, load_catalogue())
    values = json.loads(Path(example).read_text(encoding="utf-8"))["values"]
    drafts = [service.create("F3", values) for _ in range(count)]
    print("ready", flush=True)
    while not Path(start_file).exists():
        time.sleep(0.005)
    for record_id in drafts:
        print(service.complete(record_id), flush=True)
    session.close()


if __name__ == "__main__":
    main(*sys.argv[1:5], int(sys.argv[5]), sys.argv[6])
