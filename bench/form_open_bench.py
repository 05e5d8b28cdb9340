"""GUI benchmark: opening a form on the New record page, from the user's Enter to the form painted.

For every form of the catalogue, the list item is activated as Enter does (the busy cue is shown,
then the form built), and the time runs until the editor is on screen and painted. The first
opening of the session (cold: option lists, fonts and styles met for the first time) is reported
apart from the later ones. Floor from the same run: a bare Qt form with as many line edits as the
form has fields, in a scroll area, built and painted the same way. Beside each wall time, the CPU
time of this process: other jobs on the machine's cores stretch the first, hardly the second. 1100×720
window, Vietnamese, offscreen unless $QT_QPA_PLATFORM says otherwise (under Xvfb: QT_QPA_PLATFORM=xcb).

    .venv/bin/python bench/form_open_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_S = 0.5


Timing = tuple[float, float]  # (wall seconds, this process's CPU seconds)


def open_times(runs: int) -> tuple[Timing, dict[str, list[Timing]], dict[str, int]]:
    """(first opening, timings per form, field editors per form)."""
    from PySide6.QtWidgets import QApplication

    from desktop import app as desk
    from desktop.storage import crypto
    from desktop.storage.station import Station
    from desktop.ui.main_window import MainWindow
    from desktop.ui.record_form.editor_base import FieldEditor

    home = Path(tempfile.mkdtemp(prefix="cax-form-bench-")) / "station"
    application = desk.build(home, "vi", threaded=False)
    session, _key = Station.create(
        home, code="00004", name="Công an phường Ba Đình", supervisor="truong",
        password="Ba-Dinh-2026!", full_name="Nguyễn Văn Trưởng", kdf=crypto.TEST_KDF,
    )  # fmt: skip
    window = MainWindow(application.services)
    window.resize(1100, 720)
    window.open_session(session)
    window.show()
    window.show_page("new_record")
    page = window.current_page()
    while page.catalogue is None:
        QApplication.processEvents()

    def open_one(row: int) -> Timing:
        item = page.forms.item(row)
        started, cpu = time.perf_counter(), time.process_time()
        page.forms.itemActivated.emit(item)  # what Enter or a double click does
        previous = page.editor
        while page.editor is None or page.editor is previous:
            QApplication.processEvents()
        page.editor.repaint()
        return time.perf_counter() - started, time.process_time() - cpu

    first = open_one(0)
    times: dict[str, list[Timing]] = {}
    fields: dict[str, int] = {}
    for _ in range(runs):
        for row in range(page.forms.count()):
            timing = open_one(row)
            form_id = page.editor.form.id
            times.setdefault(form_id, []).append(timing)
            fields[form_id] = len(page.editor.form_widget.findChildren(FieldEditor))
    window.lock()
    window.close()
    return first, times, fields


def floor_times(fields: dict[str, int], runs: int) -> dict[str, list[float]]:
    """A plain Qt form of the same size: QFormLayout of line edits in a scroll area, painted."""
    from PySide6.QtWidgets import QApplication, QFormLayout, QLineEdit, QScrollArea, QWidget

    host = QScrollArea()
    host.resize(860, 640)
    host.setWidgetResizable(True)
    host.show()
    times: dict[str, list[float]] = {}
    for _ in range(runs):
        for form_id, count in fields.items():
            started = time.perf_counter()
            body = QWidget()
            form = QFormLayout(body)
            for number in range(count):
                form.addRow(f"Trường {number}", QLineEdit())
            host.setWidget(body)  # the previous body is deleted
            QApplication.processEvents()
            host.repaint()
            times.setdefault(form_id, []).append(time.perf_counter() - started)
    host.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    first, times, fields = open_times(args.runs)
    floors = floor_times(fields, args.runs)
    platform = os.environ["QT_QPA_PLATFORM"]
    print(f"Opening a form, 1100x720, Vietnamese, {args.runs} runs per form, platform {platform}")
    # The CPU time this process spent is what a loaded machine (other jobs on its cores) does
    # not inflate: beside the wall time, it tells a slow program from a busy computer.
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} core(s)")
    cold, cold_cpu = first
    print(
        f"first form of the session (cold)   {cold * 1000:7.0f} ms   cpu {cold_cpu * 1000:5.0f} ms"
    )
    medians = []
    for form_id, timings in times.items():
        values = [wall for wall, _cpu in timings]
        med, top = statistics.median(values), max(values)
        cpu = statistics.median([cpu for _wall, cpu in timings])
        floor = statistics.median(floors[form_id])
        medians.append(med)
        print(
            f"{form_id:<4} {fields[form_id]:4d} fields   median {med * 1000:6.0f} ms   "
            f"cpu {cpu * 1000:5.0f} ms   max {top * 1000:6.0f} ms   "
            f"floor {floor * 1000:5.0f} ms ({med / floor:4.1f}x)"
        )
    walls = [wall for timings in times.values() for wall, _cpu in timings]
    print(
        f"all forms: median {statistics.median(walls) * 1000:.0f} ms, slowest {max(walls) * 1000:.0f} ms"
    )
    verdict = "within" if max([*medians, cold]) <= TARGET_S else "OVER"
    print(f"target {TARGET_S * 1000:.0f} ms for every form's median and the cold one: {verdict}")


if __name__ == "__main__":
    main()
