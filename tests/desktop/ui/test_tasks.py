"""The task runner: work off the GUI thread, results and errors back on it, in order."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject

from desktop.ui.tasks import Lane, TaskRunner


def test_synchronous_runner_delivers_result_and_error():
    """Without threads the callbacks run at once with the value or the exception."""
    runner = TaskRunner(threaded=False)
    results, errors = [], []
    runner.run(lambda a, b: a + b, 2, 3, on_done=results.append)
    runner.run(lambda: 1 / 0, on_done=results.append, on_error=errors.append)
    assert results == [5]
    assert isinstance(errors[0], ZeroDivisionError)
    assert runner.pending == 0


def test_threaded_runner_works_off_the_gui_thread_and_answers_on_it(qtbot):
    """Work runs on a worker thread; the callback runs back on the GUI thread."""
    runner = TaskRunner(threaded=True)
    seen: dict[str, threading.Thread] = {}

    def work() -> str:
        seen["work"] = threading.current_thread()
        return "done"

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy):
        runner.run(work, on_done=lambda _: seen.setdefault("callback", threading.current_thread()))
    assert seen["work"] is not threading.main_thread()
    assert seen["callback"] is threading.main_thread()
    runner.wait()


def test_database_lane_is_serial(qtbot):
    """Database jobs never overlap and finish in the order they were queued."""
    runner = TaskRunner(threaded=True)
    running, overlaps, order = [0], [], []

    def job(n: int) -> int:
        running[0] += 1
        overlaps.append(running[0])
        threading.Event().wait(0.01)
        running[0] -= 1
        return n

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy):
        for n in range(6):
            runner.run(job, n, on_done=order.append, lane=Lane.DATABASE)
    assert max(overlaps) == 1
    assert order == list(range(6))
    runner.wait()


def test_callbacks_of_a_deleted_widget_are_dropped(qtbot):
    """A result arriving after its window is gone is not delivered (no crash on a dead widget)."""
    runner = TaskRunner(threaded=True)
    context = QObject()
    delivered = []
    gate = threading.Event()
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy):
        runner.run(gate.wait, 5, on_done=delivered.append, context=context)
        shiboken6.delete(context)
        gate.set()
    assert delivered == []
    runner.wait()


def test_unhandled_error_goes_to_the_apps_handler():
    """With no on_error the runner's fallback (the app's error dialog) gets the exception."""
    handled = []
    runner = TaskRunner(threaded=False, on_unhandled=handled.append)
    runner.run(lambda: (_ for _ in ()).throw(ValueError("x")))
    assert len(handled) == 1
    assert isinstance(handled[0], ValueError)


def test_a_save_does_not_wait_for_a_long_job(qtbot):
    """An export held open on the long lane: a job on the database lane still finishes (a save
    during an export), and the long job's result arrives after it."""
    runner = TaskRunner(threaded=True)
    export_may_end = threading.Event()
    finished: list[str] = []
    runner.run(export_may_end.wait, 10, on_done=lambda _: finished.append("export"), lane=Lane.LONG)
    runner.run(lambda: "save", on_done=finished.append, lane=Lane.DATABASE)
    qtbot.waitUntil(lambda: finished == ["save"], timeout=5000)
    export_may_end.set()
    qtbot.waitUntil(lambda: finished == ["save", "export"], timeout=5000)
    runner.wait()


def test_a_real_export_on_the_long_lane_lets_records_be_saved(qtbot, station_home):
    """The real thing on a small station: while `export_records` reads on the long lane (held in
    its read transaction), a record is created on the database lane and is there afterwards."""
    import json
    from pathlib import Path

    from desktop.storage import export
    from desktop.storage.records import ALL_RECORDS, RecordService
    from domain.forms.catalogue import load_catalogue

    catalogue = load_catalogue()
    session = station_home.unlock()
    service = RecordService(session, catalogue)
    example = Path(__file__).resolve().parents[3] / "docs" / "examples" / "F1.json"
    values = json.loads(example.read_text(encoding="utf-8"))["values"]
    service.create("F1", values, draft_ok=False)
    reading, may_finish = threading.Event(), threading.Event()
    real_iter = export.iter_records

    def slow_iter(conn, filters):
        conn.exec_driver_sql("SELECT count(*) FROM records").scalar()  # its snapshot starts
        reading.set()
        may_finish.wait(10)  # the export sits inside its read transaction
        yield from real_iter(conn, filters)

    runner = TaskRunner(threaded=True)
    done: list[object] = []
    try:
        export.iter_records = slow_iter
        runner.run(
            export.export_records,
            session,
            catalogue,
            ALL_RECORDS,
            station_home.home / "all.csv",
            "csv",
            on_done=done.append,
            lane=Lane.LONG,
        )
        assert reading.wait(10)
        runner.run(service.create, "F1", values, on_done=done.append, lane=Lane.DATABASE)
        qtbot.waitUntil(lambda: len(done) == 1, timeout=10_000)
        assert isinstance(done[0], str)  # the new record's id, while the export still reads
        may_finish.set()
        qtbot.waitUntil(lambda: len(done) == 2, timeout=10_000)
        assert done[1].count == 1  # the export's snapshot predates the second record
        assert service.count(ALL_RECORDS) == 2
    finally:
        export.iter_records = real_iter
        may_finish.set()
        runner.wait()
        session.close()
