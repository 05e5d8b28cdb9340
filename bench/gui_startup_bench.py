"""GUI benchmark on a big station: start-up, unlock, the records page and a search keystroke.

Each run is a fresh process (imports, Qt, translations and all), timed from just before the
process is spawned until the login window's first paint; then the real password goes through the
real unlock (Argon2id with the default cost, on the worker thread) until the dashboard's first
paint; then, once the dashboard has its counts, the records page is opened (until its first page
is painted), and searches are typed: the last letter of each is a real key press, timed until the
list shows the new hits (the pause the search waits for after a key is included). Floors from the
same run: a bare PySide6 window in a fresh process, Station.unlock() alone, and the same list and
search queries straight on the store. Offscreen unless $QT_QPA_PLATFORM says otherwise.

    .venv/bin/python bench/gui_startup_bench.py [--runs 5] [--home STATION | --records N]

`--home` takes a station made by `bench/station_builder.py` (same password); `--records` builds
one in a temporary folder first (1,000,000 takes tens of minutes); by default the station is empty.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import station_builder
from station_builder import PASSWORD

ROOT = Path(__file__).resolve().parents[1]

PASSWORD_ENV = "CAX_BENCH_PASSWORD"
TARGETS = {"login": 1.5, "records": 0.3, "search": 0.15}  # seconds
# (text already in the box, the key then pressed): common and rare names, a place, a plate.
SEARCHES = [("nguye", "n"), ("tran thi la", "n"), ("Đứ", "c"), ("honda wav", "e"), ("karaok", "e"),
            ("lieu gia", "i"), ("ngo minh khan", "g"), ("zzzkhongc", "o")]  # fmt: skip

BARE_QT = """
import sys, time
t0 = float(sys.argv[1])
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint:
            print(time.time() - t0); app.exit(0)
        return False
label = QLabel("CAX Desk"); label.installEventFilter(Painted(label)); label.show()
app.exec()
"""


def child(home: str, t0: float) -> None:
    """Inside the measured process: start the app, log in, open the records, search; print JSON."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtTest import QTest

    from desktop import app as desk
    from desktop.ui.pages.dashboard import DashboardPage

    times: dict[str, object] = {}
    application = desk.build(Path(home), "vi")
    qt, tasks = application.qt, application.services.tasks

    def settle(until=lambda: True, timeout: float = 60.0) -> None:
        """Let the app work until `until()` holds and no task is running (not timed)."""
        deadline = time.perf_counter() + timeout
        while not (until() and tasks.pending == 0):
            if time.perf_counter() > deadline:
                raise TimeoutError("the app did not settle")
            qt.processEvents(QEventLoop.AllEvents, 20)

    def wait_for(signal, timeout_ms: int = 60_000) -> None:
        """Sleep in Qt's event loop until `signal` fires: no Python polling while the worker
        thread runs the query (a busy loop here would hold the GIL against it)."""
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)

    def lists_and_searches() -> None:
        try:
            measure_lists_and_searches()
        except Exception:
            traceback.print_exc()
            qt.exit(1)

    def measure_lists_and_searches() -> None:
        main = application.controller.main_window
        settle(lambda: main.current_page().overview is not None)  # the dashboard has its counts
        page = main.page("records")
        started = time.perf_counter()
        main.show_page("records")
        wait_for(page.model.page_loaded)
        page.table.viewport().repaint()  # the rows painted, their data() asked for
        times["records"] = time.perf_counter() - started
        settle()
        searches = []
        for typed, last in SEARCHES:
            box = page.filter_bar.search
            box.setFocus()
            box.setText(typed)  # no textEdited: only the real key below starts a search
            started = time.perf_counter()
            QTest.keyClick(box, last)
            wait_for(page.model.page_loaded)  # after the pause, the new filter's first page
            page.table.viewport().repaint()
            searches.append(time.perf_counter() - started)
            settle()
        times["search"] = searches
        qt.exit(0)

    class FirstPaints(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Paint:
                return False
            login = application.controller.login
            if "login" not in times and login is not None and obj is login:
                times["login"] = time.time() - t0
                login.form.set_user("truong")
                login.form.password.setText(os.environ[PASSWORD_ENV])
                times["unlock_started"] = time.time()
                login.form.try_unlock()
            elif "main" not in times and isinstance(obj, DashboardPage):
                times["main"] = time.time() - times.pop("unlock_started")
                QTimer.singleShot(0, lists_and_searches)
            return False

    watcher = FirstPaints()
    qt.installEventFilter(watcher)
    application.controller.start()
    if qt.exec() != 0:
        raise SystemExit(1)
    tasks.wait()
    print(json.dumps(times))


def run_child(home: Path, env: dict[str, str]) -> dict:
    t0 = time.time()
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(home), str(t0)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise SystemExit(f"the measured app failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bare_qt(env: dict[str, str]) -> float:
    t0 = time.time()
    done = subprocess.run(
        [sys.executable, "-c", BARE_QT, str(t0)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def store_floors(home: Path, runs: int) -> tuple[list[float], list[float], list[float]]:
    """Station.unlock() alone; the records page's first query; each search's query."""
    from desktop.storage import record_store
    from desktop.storage.station import Station
    from domain.records import RecordFilter

    unlocks, lists, searches = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        session = Station(home).unlock("truong", PASSWORD)
        unlocks.append(time.perf_counter() - started)
        with session.db.read() as conn:
            started = time.perf_counter()
            record_store.page(conn, RecordFilter(), limit=100)
            lists.append(time.perf_counter() - started)
            for typed, last in SEARCHES:
                started = time.perf_counter()
                record_store.page(conn, RecordFilter(text=typed + last), limit=100)
                searches.append(time.perf_counter() - started)
        session.close()
    return unlocks, lists, searches


def summary(name: str, values: list[float], floor: list[float]) -> str:
    med, top, floor_med = statistics.median(values), max(values), statistics.median(floor)
    return (
        f"{name:<36} median {med * 1000:7.0f} ms   max {top * 1000:7.0f} ms   "
        f"floor {floor_med * 1000:6.0f} ms ({med / floor_med:5.1f}x)"
    )


def record_count(home: Path) -> int:
    from desktop.storage.station import Station

    session = Station(home).unlock("truong", PASSWORD)
    with session.db.read() as conn:
        total = conn.exec_driver_sql("SELECT max(seq) FROM records").scalar() or 0
    session.close()
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--home", type=Path, help="a station made by bench/station_builder.py")
    parser.add_argument("--records", type=int, default=0, help="build a station with N records")
    parser.add_argument("--child", nargs=2, metavar=("HOME", "T0"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], float(args.child[1]))
        return

    env = dict(os.environ, PYTHONPATH=str(ROOT), **{PASSWORD_ENV: PASSWORD})
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="cax-gui-bench-") as tmp:
        home = args.home or Path(tmp) / "station"
        if args.home is None:
            session = station_builder.create(home)
            if args.records:
                station_builder.fill(session, args.records)
            session.close()
        records = record_count(home)
        run_child(home, env)  # warm the OS file cache (and migrate an older station) first
        runs = [run_child(home, env) for _ in range(args.runs)]
        bare_windows = [bare_qt(env) for _ in range(args.runs)]
        unlocks, lists, searches = store_floors(home, args.runs)

    startup = [r["login"] for r in runs]
    opened = [r["records"] for r in runs]
    typed = [t for r in runs for t in r["search"]]
    print(f"CAX Desk GUI, {records:,} records, {args.runs} runs, platform {env['QT_QPA_PLATFORM']}")
    print(summary("start-up to login window painted", startup, bare_windows))
    print(summary("unlock to main window painted", [r["main"] for r in runs], unlocks))
    print(summary("records page opened and painted", opened, lists))
    print(summary(f"search keystroke to list ({len(SEARCHES)} words)", typed, searches))
    for label, values, key in (("start-up", startup, "login"), ("records page", opened, "records"),
                               ("search keystroke", typed, "search")):  # fmt: skip
        verdict = "within" if statistics.median(values) <= TARGETS[key] else "OVER"
        print(f"{label} target {TARGETS[key] * 1000:.0f} ms: {verdict} (median)")


if __name__ == "__main__":
    main()
