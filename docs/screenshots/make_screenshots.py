"""Screenshots of every main screen, from the real app in a real X window, in both languages.

Run under Xvfb from the repository root; the main window at 1100×720 (its first size) lands in
docs/screenshots/{vi,en}/, at another size (`--size 1366x768`) in docs/screenshots/1366x768/{vi,en}/:

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/screenshots/make_screenshots.py

A fresh station is created in a temporary folder with the real key derivation, through the set-up
wizard, so each picture shows what a user would see on a first morning.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from make_record_screenshots import output_dir, parse_size  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop import app as desk  # noqa: E402
from desktop.core.permissions import Role  # noqa: E402
from desktop.storage import accounts  # noqa: E402
from desktop.ui import i18n  # noqa: E402
from desktop.ui.errors import show_error  # noqa: E402
from desktop.ui.recovery_dialog import RecoveryDialog  # noqa: E402

OUT = Path(__file__).resolve().parent  # set from --size in main()
SIZE = (1100, 720)
PASSWORD = "Ba-Dinh-Ha-Noi-2026"


def pause(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        pause(50)


def shoot(widget: QWidget, name: str, lang: str) -> None:
    """Grab the window's area of the X screen (what is really drawn there, popups included)."""
    pause(300)
    window = widget.window()
    window.raise_()
    pause(100)
    frame = window.frameGeometry()
    pixmap = QApplication.primaryScreen().grabWindow(
        0, frame.x(), frame.y(), frame.width(), frame.height()
    )
    target = OUT / lang / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    pixmap.save(str(target))
    print("saved", target.relative_to(ROOT))


def tour(lang: str, home: Path) -> None:
    application = desk.build(home, lang)
    application.qt.setQuitOnLastWindowClosed(False)  # windows come and go during the tour
    controller = application.controller
    controller.start()
    wizard_tour(controller.wizard, lang)
    wait_until(lambda: controller.main_window is not None and not controller.main_window.locked)
    window = controller.main_window
    main_window_tour(window, lang, home)
    window.close()
    wait_until(lambda: application.services.tasks.wait(100))
    controller.show_login()
    login_tour(controller.login, lang)
    i18n.remove_translators(application.qt, application.translators)


def wizard_tour(wizard, lang: str) -> None:
    wizard.move(40, 30)
    shoot(wizard, "wizard-1-welcome", lang)
    wizard.next()
    page = wizard.station_page
    page.search.setText("ba dinh")
    page.search.textEdited.emit("ba dinh")
    shoot(wizard, "wizard-2-station", lang)
    wizard.next()
    supervisor = wizard.supervisor_page
    supervisor.username.setText("truong")
    supervisor.full_name.setText("Nguyễn Văn Trưởng")
    supervisor.passwords.first.setText(PASSWORD)
    supervisor.passwords.second.setText(PASSWORD)
    shoot(wizard, "wizard-3-supervisor", lang)
    wizard.next()
    wait_until(lambda: wizard.currentPage() is wizard.recovery_page)
    shoot(wizard, "wizard-4-recovery-key", lang)
    wizard.recovery_page.confirmed.setChecked(True)
    wizard.accept()


def main_window_tour(window, lang: str, home: Path) -> None:
    window.setGeometry(0, 0, *SIZE)
    wait_until(lambda: bool(window.pages()))
    accounts.add_user(window.session, "lan", Role.OFFICER, "Canbo-Hoa-77", "Trần Thị Lan")
    for page in window.pages():
        window.show_page(page.KEY)
        if page.KEY == "audit":
            page.verify_button.click()
            wait_until(lambda page=page: page.verify_button.isEnabled())
        shoot(window, f"main-{page.KEY}", lang)
    dialogs_tour(window, lang, home)
    window.lock()
    shoot(window, "lock-screen", lang)


def dialogs_tour(window, lang: str, home: Path) -> None:
    window.show_page("users")
    window.current_page().add_button.click()
    dialog = window.current_page().dialog
    dialog.username.setText("minh")
    dialog.full_name.setText("Lê Văn Minh")
    dialog.passwords.first.setText("abc")
    dialog.move(200, 150)
    shoot(dialog, "users-add-dialog", lang)
    dialog.reject()
    try:
        raise RuntimeError("example of an unexpected error")
    except RuntimeError as error:
        error_dialog = show_error(window, error, str(home / "logs" / "cax-desk.log"))
    error_dialog.details_button.click()
    error_dialog.move(250, 180)
    shoot(error_dialog, "error-dialog", lang)
    error_dialog.accept()


def login_tour(login, lang: str) -> None:
    login.move(40, 30)
    shoot(login, "login", lang)  # no user name remembered from the last session
    login.form.set_user("truong")
    login.form.password.setText("wrong-password")
    login.form.try_unlock()
    wait_until(lambda: bool(login.form.message.text()) and not login.form.busy)
    shoot(login, "login-wrong-password", lang)
    login.form.forgot.click()
    pause(200)
    recovery = login.findChild(RecoveryDialog)
    recovery.move(90, 80)
    shoot(recovery, "recovery-dialog", lang)
    recovery.close()
    login.close()


def main() -> int:
    global OUT, SIZE
    SIZE = parse_size()
    OUT = output_dir(SIZE)
    for lang in ("vi", "en"):
        with tempfile.TemporaryDirectory(prefix="cax-shots-") as tmp:
            tour(lang, Path(tmp) / "station")
    return 0


if __name__ == "__main__":
    sys.exit(main())
