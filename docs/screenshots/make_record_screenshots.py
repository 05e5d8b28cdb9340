"""Screenshots of the record pages (dashboard, entry, problems, list, record, review), the periodic
report and the Sync page, in a real X window.

Run under Xvfb from the repository root, once per window size (the default 1100×720 lands in
docs/screenshots/{vi,en}/, other sizes in docs/screenshots/WxH/{vi,en}/):

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/screenshots/make_record_screenshots.py
    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/screenshots/make_record_screenshots.py \
        --size 1366x768

A fresh station in a temporary folder gets one record of each example in docs/examples; the main
window then shows the record pages with the threaded task runner, as the real app runs. For the
Sync page a real `cax-server` (SQLite, TLS with a throw-away CA) runs on loopback.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.core.permissions import Role  # noqa: E402
from desktop.storage import accounts, crypto  # noqa: E402
from desktop.storage.records import RecordService  # noqa: E402
from desktop.storage.station import Station  # noqa: E402
from desktop.ui import i18n, theme  # noqa: E402
from desktop.ui.idle import IdleWatcher  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.pages import ALL_PAGES  # noqa: E402
from desktop.ui.preferences import PreferencesStore  # noqa: E402
from desktop.ui.record_work import shared_catalogue  # noqa: E402
from desktop.ui.services import Services  # noqa: E402
from desktop.ui.tasks import TaskRunner  # noqa: E402
from domain.reports.periods import PeriodKind  # noqa: E402
from tests.integration.tls_material import make_pki  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_SIZE = (1100, 720)  # the main window's first size (desktop/ui/main_window.py)
OUT = HERE  # where shoot() saves: set from --size by use_size()
# (form, status) of the records the station starts with; all typed by the officer.
RECORDS = [
    ("F1", "completed"),
    ("F3", "completed"),
    ("F6", "completed"),
    ("F2", "approved"),
    ("F5", "approved"),
    ("F7", "draft"),
    ("F9", "completed"),
    ("F4", "draft"),
    ("F8", "approved"),
    ("F10", "completed"),
]


def pause(ms: int = 300) -> None:
    # An event loop, not QTest.qWait: it lets the database worker thread run meanwhile.
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        pause(50)


def example(form_id: str) -> dict:
    return json.loads((ROOT / "docs/examples" / f"{form_id}.json").read_text(encoding="utf-8"))[
        "values"
    ]


def type_text(widget, text: str) -> None:
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key_unknown, char, Qt.NoModifier)


def make_station(home: Path) -> None:
    session, _ = Station.create(
        home,
        code="00004",
        name="Công an phường Ba Đình",
        supervisor="truong",
        password="Ba-Dinh-2026!",
        full_name="Nguyễn Văn Trưởng",
        kdf=crypto.TEST_KDF,
    )
    accounts.add_user(session, "lan", Role.OFFICER, "Canbo-Hoa-77", "Trần Thị Lan")
    catalogue = shared_catalogue()
    officer = Station(home).unlock("lan", "Canbo-Hoa-77")
    typed, chief = RecordService(officer, catalogue), RecordService(session, catalogue)
    for form_id, status in RECORDS:
        record_id = typed.create(form_id, example(form_id))
        if status != "draft":
            typed.complete(record_id)
        if status == "approved":
            chief.approve(record_id)
    officer.close()
    session.close()


def parse_size(argv: list[str] | None = None) -> tuple[int, int]:
    """The window size asked for on the command line (`--size 1366x768`), 1100×720 by default."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="x".join(map(str, DEFAULT_SIZE)), help="WIDTHxHEIGHT")
    width, _, height = parser.parse_args(argv).size.partition("x")
    return int(width), int(height)


def output_dir(size: tuple[int, int]) -> Path:
    """Pictures of the default size go to docs/screenshots/{vi,en}, others to WxH/{vi,en}."""
    return HERE if size == DEFAULT_SIZE else HERE / f"{size[0]}x{size[1]}"


def use_size(size: tuple[int, int]) -> None:
    global OUT
    OUT = output_dir(size)


def shoot(window: MainWindow, name: str, lang: str) -> None:
    pause(300)
    frame = window.frameGeometry()
    pixmap = QApplication.primaryScreen().grabWindow(
        0, frame.x(), frame.y(), frame.width(), frame.height()
    )
    target = OUT / lang / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    pixmap.save(str(target))
    print("saved", target.relative_to(ROOT))


def tour(window: MainWindow, lang: str) -> None:
    wait_until(lambda: window.page("dashboard") is not None)
    dashboard = window.page("dashboard")
    wait_until(lambda: dashboard.overview is not None)
    shoot(window, "dashboard", lang)
    wait_until(lambda: window.page("new_record") is not None)
    window.show_page("new_record")
    entry = window.page("new_record")
    wait_until(lambda: entry.catalogue is not None)
    shoot(window, "record-catalogue", lang)
    editor = entry.open_form("F1", values=example("F1"))
    pause(500)
    shoot(window, "record-f1-top", lang)
    editor.form_widget.focus_path("reporter.permanent_address.street")
    shoot(window, "record-f1-person-address", lang)
    editor.form_widget.focus_path("confidential")  # the unticked addresses just above it
    shoot(window, "record-f1-optional-addresses", lang)
    editor.form_widget.focus_path("items_received")
    shoot(window, "record-f1-groups", lang)
    editor.close_editor()

    editor = entry.open_form("F3", values=example("F3"))
    pause(500)
    editor.form_widget.focus_path("violator.id_number")
    line = editor.form_widget.editor_at("violator.id_number").line
    line.selectAll()
    type_text(line, "03820100321")  # 11 digits
    QTest.keyClick(line, Qt.Key_Tab)
    editor.form_widget.focus_path("violator.id_number")
    shoot(window, "record-f3-id-error", lang)
    editor.complete()
    pause(300)
    shoot(window, "record-f3-complete-problems", lang)
    editor._finish_close()  # leave without keeping the wrong number

    window.show_page("records")
    records = window.page("records")
    wait_until(lambda: records.model.rowCount() > 0)
    shoot(window, "records-list", lang)
    records.filter_bar.search.setFocus()
    type_text(records.filter_bar.search, "nguyen van duc")
    wait_until(lambda: records.model.rowCount() == 1)
    shoot(window, "records-search", lang)
    record_id = records.model.index(0, 0).data(Qt.UserRole + 1)
    records.open_record(record_id)
    wait_until(lambda: records.view is not None and records.view.details is not None)
    shoot(window, "record-view", lang)
    records.view.tabs.setCurrentWidget(records.view.history)
    shoot(window, "record-view-history", lang)
    records.view.tabs.setCurrentIndex(0)
    records.show_list()
    records.filter_bar.clear()

    window.show_page("review")
    review = window.page("review")
    wait_until(lambda: review.model.rowCount() > 0)
    review.table.selectRow(0)
    wait_until(lambda: review.preview.details is not None)
    shoot(window, "review-queue", lang)
    review.select_ids([review.model.index(r, 0).data(Qt.UserRole + 1) for r in (0, 1)])
    shoot(window, "review-two-selected", lang)


class Centre:
    """A real cax-server on loopback (SQLite in a temporary home, TLS) with the station added."""

    def __init__(self, folder: Path) -> None:
        self.env = {**os.environ, "CAX_SERVER_HOME": str(folder)}
        self.env.pop("CAX_SERVER_DB", None)
        self.pki = make_pki(folder / "tls", "Bộ Công an (thử nghiệm)", ("localhost",))
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.run("db", "upgrade")  # also registers every form version of resources/forms
        self.run("station", "add", "00004", "Công an phường Ba Đình")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server.cli", "serve", "--port", str(self.port),
             "--certfile", str(self.pki.cert_pem), "--keyfile", str(self.pki.key_pem)],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(3)

    @property
    def url(self) -> str:
        return f"https://localhost:{self.port}"

    def run(self, *args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "server.cli", *args], cwd=ROOT, env=self.env,
                              capture_output=True, text=True, check=True)  # fmt: skip
        return done.stdout

    def code(self) -> str:
        return self.run("enroll-code", "00004").split()[1]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def sync_tour(window: MainWindow, lang: str, centre: Centre) -> None:
    window.show_page("sync")
    page = window.page("sync")
    page.enrol_button.click()
    dialog = page.enrol_dialog
    dialog.move(window.x() + 330, window.y() + 120)
    dialog.url.setText(centre.url)
    dialog.code.setText(centre.code())
    dialog.ca_path.setText(str(centre.pki.ca_pem))
    dialog.check_button.click()
    wait_until(lambda: dialog.identity is not None)
    dialog.compared.setChecked(True)
    shoot(window, "sync-enrol", lang)
    dialog.enrol_button.click()
    wait_until(lambda: not dialog.isVisible())
    wait_until(lambda: window.sync.status is not None and window.sync.status.enrolled)
    page.sync_button.click()
    wait_until(lambda: not window.sync.running and "\n" not in page.progress_text.text()
               and window.sync.status.outbox.waiting == 0)  # fmt: skip
    pause(500)
    shoot(window, "sync", lang)


def reports_tour(window: MainWindow, lang: str) -> None:
    window.show_page("reports")
    page = window.page("reports")
    # The police's reporting month (15/11–14/12), as docs/samples/report.png: the calendar
    # month the page opens at holds none of the November examples, a table of zeros.
    kind = page.picker.kind
    kind.setCurrentIndex(kind.findData(str(PeriodKind.REPORT_MONTH)))
    pause(1500)
    shoot(window, "reports", lang)
    del page


def open_window(
    home: Path, lang: str, size: tuple[int, int], user: str, password: str
) -> MainWindow:
    """The app's main window on the station in `home`, shown at `size`, `user` logged in."""
    services = Services(
        station=Station(home),
        tasks=TaskRunner(threaded=True),
        preferences=PreferencesStore(home),
        idle=IdleWatcher(60 * 60_000),
        language=lang,
        log_file=home / "logs" / "cax-desk.log",
    )
    window = MainWindow(services, pages=ALL_PAGES)  # the side bar a user sees
    window.setGeometry(0, 0, *size)
    window.show()
    window.activateWindow()
    window.open_session(Station(home).unlock(user, password))
    return window


def main() -> None:
    size = parse_size()
    use_size(size)
    app = QApplication(sys.argv[:1])
    theme.apply_palette(app)  # as desktop/app.py does
    for lang in ("vi", "en"):
        translators = i18n.install_translators(app, lang)
        home = Path(tempfile.mkdtemp()) / "station"
        make_station(home)
        window = open_window(home, lang, size, "truong", "Ba-Dinh-2026!")
        tour(window, lang)
        reports_tour(window, lang)
        centre = Centre(home.parent / "centre")
        try:
            sync_tour(window, lang, centre)
        finally:
            centre.stop()
        window.close()
        i18n.remove_translators(app, translators)


if __name__ == "__main__":
    main()
