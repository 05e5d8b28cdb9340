"""Entry while a long job runs: how long saving a record waits during an Excel export.

A station of N records (default 100,000) is built, then a record is saved on the app's database
lane (desktop/ui/tasks.py) three ways: with nothing else running (the floor), while an export of
every record runs on the long-job lane (how the app runs it now), and queued behind the same
export on the database lane (how it ran before). Run:

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/long_job_bench.py [--records 100000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT.parent))

from PySide6.QtCore import QCoreApplication  # noqa: E402
from station_builder import create, fill  # noqa: E402

from desktop.storage import crypto  # noqa: E402
from desktop.storage.export import export_records  # noqa: E402
from desktop.storage.records import ALL_RECORDS, RecordService  # noqa: E402
from desktop.ui.tasks import Lane, TaskRunner  # noqa: E402
from domain.forms.catalogue import load_catalogue  # noqa: E402

SAVES = 5  # for the floor
SAVE_EVERY = 1.0  # seconds between saves during an export


def wait_for(app: QCoreApplication, done: list) -> None:
    while not done:
        app.processEvents()
        time.sleep(0.001)


def timed_save(app, runner, service, values, lane=Lane.DATABASE) -> float:
    """Seconds from asking for a save to hearing it is done, as a page would."""
    done: list = []
    start = time.perf_counter()
    runner.run(service.create, "F1", values, on_done=done.append, lane=lane)
    wait_for(app, done)
    return time.perf_counter() - start


def saves_during_export(app, runner, session, catalogue, service, values, target, lane):
    """Start an export on `lane`, then save a record on the database lane every second until
    the export ends: the latencies cover its reading and its writing of the workbook alike."""
    exported: list = []
    started = time.perf_counter()
    runner.run(
        export_records,
        session,
        catalogue,
        ALL_RECORDS,
        target,
        "xlsx",
        on_done=exported.append,
        on_error=exported.append,
        lane=lane,
    )
    latencies = []
    while not exported:
        pause_until = time.perf_counter() + SAVE_EVERY
        while not exported and time.perf_counter() < pause_until:
            app.processEvents()
            time.sleep(0.01)
        if not exported:
            latencies.append(timed_save(app, runner, service, values))
    if isinstance(exported[0], BaseException):
        raise exported[0]
    return latencies, time.perf_counter() - started, exported[0].count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    app = QCoreApplication([])
    runner = TaskRunner(threaded=True)
    with tempfile.TemporaryDirectory() as tmp:
        session = create(Path(tmp) / "station", kdf=crypto.TEST_KDF)
        fill(session, args.records)
        catalogue = load_catalogue()
        service = RecordService(session, catalogue)
        values = service.get(service.page(ALL_RECORDS, limit=1)[0].id).values
        floor = statistics.median(timed_save(app, runner, service, values) for _ in range(SAVES))
        print(f"records {args.records:,}; save alone (floor) {floor * 1000:.0f} ms")
        for name, lane in (("long-job lane", Lane.LONG), ("database lane (before)", Lane.DATABASE)):
            target = Path(tmp) / f"{lane.value}.xlsx"
            latencies, export_s, count = saves_during_export(
                app, runner, session, catalogue, service, values, target, lane
            )
            worst = max(latencies)
            print(
                f"export of {count:,} on the {name}: {export_s:.1f} s; {len(latencies)} saves"
                f" during it: median {statistics.median(latencies) * 1000:.0f} ms,"
                f" worst {worst * 1000:.0f} ms ({worst / floor:.1f}× the floor)"
            )
        runner.wait()
        session.close()


if __name__ == "__main__":
    main()
