"""Screenshots of the texts issue 15 found contradictory or raw: the audit log after a return, an
export and a print (details and targets in words), the screen after a log-out, and "Forgot
password" opened for an officer, in Vietnamese and English, the window at 1100×720 or
`--size WxH` (run under Xvfb to see real fonts):

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/text_screenshots.py [OUT]

Writes OUT/{vi,en}/{audit-log-details,logged-out,forgot-password-officer}.png; OUT is
docs/screenshots at 1100×720 and docs/screenshots/WxH at another size.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from widget_shots import settle, shoot, size_and_folder  # noqa: E402  (after the path)

SIZE = (1100, 720)
PASSWORD = "Ba-Dinh-2026!"
OFFICER_PASSWORD = "Canbo-Hoa-77-Hue"


def station_with_history(home: Path, language: str):
    """A station where the officer's record was completed, returned with a comment, the list
    exported with a search, and the record printed to a PDF."""
    from desktop.core.permissions import Role
    from desktop.storage import accounts, crypto, export
    from desktop.storage.printouts import log_printout, prepare_printout
    from desktop.storage.records import RecordService
    from desktop.storage.station import Station
    from desktop.ui.record_work import shared_catalogue
    from domain.records import RecordFilter

    session, _key = Station.create(
        home, code="00004", name="Công an phường Ba Đình", supervisor="truong",
        password=PASSWORD, full_name="Nguyễn Văn Trưởng", kdf=crypto.TEST_KDF,
    )  # fmt: skip
    accounts.add_user(session, "lan", Role.OFFICER, OFFICER_PASSWORD, "Trần Thị Lan")
    catalogue = shared_catalogue()
    station = Station(home)
    officer = station.unlock("lan", OFFICER_PASSWORD)
    example = json.loads((ROOT / "docs" / "examples" / "F2.json").read_text(encoding="utf-8"))
    record_id = RecordService(officer, catalogue).create("F2", example["values"])
    RecordService(officer, catalogue).complete(record_id)
    officer.close()
    chief = RecordService(session, catalogue)
    chief.return_to_author(record_id, "Bổ sung lời khai người chứng kiến")
    filters = RecordFilter(text="duc", status="returned")
    export.export_records(
        session, catalogue, filters, home.parent / "ds.xlsx", "xlsx", lang=language
    )
    document = prepare_printout(session, catalogue, record_id)
    log_printout(session, document, "pdf", 1)
    return session


def audit_log(app, services, session, out: Path) -> None:
    from desktop.ui.main_window import MainWindow

    window = MainWindow(services)
    window.resize(*SIZE)
    window.open_session(session)
    window.show()
    window.show_page("audit")
    settle(app, 0.8)
    shoot(window, out / "audit-log-details.png", app)
    window.log_out()
    settle(app)
    shoot(window, out / "logged-out.png", app)
    window.close()


def forgot_password_for_an_officer(app, services, out: Path) -> None:
    from desktop.ui.login_window import LoginWindow
    from desktop.ui.recovery_dialog import RecoveryDialog

    login = LoginWindow(services.station, services.tasks, user="lan")
    login.show()
    settle(app)
    login.form.forgot.click()
    settle(app)
    dialog = login.findChild(RecoveryDialog)
    shoot(dialog, out / "forgot-password-officer.png", app)
    dialog.close()
    login.close()


def main() -> None:
    from desktop import app as desk
    from desktop.ui import i18n

    global SIZE
    SIZE, target = size_and_folder(__doc__.splitlines()[0])
    for language in ("vi", "en"):
        home = Path(tempfile.mkdtemp(prefix="cax-shots-")) / "station"
        application = desk.build(home, language, threaded=False)
        session = station_with_history(home, language)
        out = target / language
        audit_log(application.qt, application.services, session, out)
        forgot_password_for_an_officer(application.qt, application.services, out)
        i18n.remove_translators(application.qt, application.translators)


if __name__ == "__main__":
    main()
