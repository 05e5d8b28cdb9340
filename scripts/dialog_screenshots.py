"""Screenshots of the lock-out screen, the Add user dialog, the wizard's supervisor step and the
user guide window, in Vietnamese and English, the windows at 1100×720 or `--size WxH` (run under
Xvfb to see real fonts):

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/dialog_screenshots.py [OUT]

Writes OUT/{vi,en}/{lock-out,users-add-dialog,wizard-3-supervisor,help}.png (Add user with a
common password typed: the meter and its reason); OUT is
docs/screenshots at 1100×720 and docs/screenshots/WxH at another size.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from widget_shots import settle, shoot, size_and_folder  # noqa: E402  (after the path)

SIZE = (1100, 720)
PASSWORD = "Ba-Dinh-2026!"


def lock_out(app, services, session, out: Path) -> None:
    from desktop.ui.main_window import MainWindow

    window = MainWindow(services)
    window.resize(*SIZE)
    window.open_session(session)
    window.show()
    settle(app)
    window.lock()
    form = window.lock_screen.form
    for attempt in range(4):
        while form._deadline:  # the countdown of the previous try
            settle(app, 0.2)
        form.password.setText(f"wrong-password-{attempt}")
        form.try_unlock()
        settle(app)
    shoot(window, out / "lock-out.png", app)
    window.close()


def add_user(app, services, session, out: Path) -> None:
    from desktop.ui.user_dialogs import AddUserDialog

    dialog = AddUserDialog(services.tasks, session)
    dialog.show()
    settle(app)
    dialog.username.setText("lan")
    dialog.full_name.setText("Trần Thị Lan")
    # A common password: the meter and the reason agree, and the reason is shown once, whole.
    dialog.passwords.first.setText("Matkhau@2026")
    dialog.passwords.second.setText("Matkhau@2026")
    dialog.passwords.first.setFocus()
    shoot(dialog, out / "users-add-dialog.png", app)
    dialog.close()


def wizard(app, home: Path, out: Path) -> None:
    from desktop.storage import crypto
    from desktop.ui.setup_wizard import SetupWizard
    from desktop.ui.tasks import TaskRunner

    wizard = SetupWizard(home / "new", TaskRunner(threaded=False), kdf=crypto.TEST_KDF)
    wizard.resize(760, 560)
    wizard.show()
    wizard.next()
    wizard.station_page.search.setText("ba dinh")
    wizard.station_page._choose("00004", "Phường Ba Đình")
    wizard.next()
    settle(app)
    wizard.supervisor_page.username.setText("truong")
    shoot(wizard, out / "wizard-3-supervisor.png", app)
    wizard.close()


def help_window(app, language: str, out: Path) -> None:
    from desktop.ui.help_window import HelpWindow

    guide = HelpWindow(language)
    guide.resize(*SIZE)
    guide.show()
    settle(app)
    guide.show_start()
    shoot(guide, out / "help.png", app)
    guide.close()


def main() -> None:
    from desktop import app as desk
    from desktop.storage import crypto
    from desktop.storage.station import Station

    global SIZE
    SIZE, target = size_and_folder(__doc__.splitlines()[0])
    for language in ("vi", "en"):
        home = Path(tempfile.mkdtemp(prefix="cax-shots-")) / "station"
        application = desk.build(home, language, threaded=False)
        session, _key = Station.create(
            home, code="00004", name="Công an phường Ba Đình", supervisor="truong",
            password=PASSWORD, full_name="Nguyễn Văn Trưởng", kdf=crypto.TEST_KDF,
        )  # fmt: skip
        out = target / language
        add_user(application.qt, application.services, session, out)
        lock_out(application.qt, application.services, session, out)
        wizard(application.qt, home.parent, out)
        help_window(application.qt, language, out)
        from desktop.ui import i18n

        i18n.remove_translators(application.qt, application.translators)


if __name__ == "__main__":
    main()
