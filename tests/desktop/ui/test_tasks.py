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
