"""Screenshots of the Sync page's lists: the history with the centre's codes in words, and a
periodic report the centre holds otherwise, waiting for the supervisor's decision.

Run under Xvfb from the repository root, at 1100×720 (docs/screenshots/{vi,en}/) or another size
(`--size 1366x768`: docs/screenshots/1366x768/{vi,en}/):

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/screenshots/make_sync_screenshots.py

The station of make_record_screenshots.py, enrolled with a centre that is not running (so the
page shows it offline); its history and the report conflict are written as a sync writes them.
"""

from __future__ import annotations

import base64
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from make_record_screenshots import (
    make_station,
    open_window,
    parse_size,
    shoot,
    use_size,
    wait_until,
)
from PySide6.QtWidgets import QApplication

from desktop.storage import report_sync, sync_history, sync_settings
from desktop.storage.reports import ReportService
from desktop.storage.station import Station
from desktop.storage.sync_history import SessionCounts
from desktop.storage.sync_settings import Enrolment
from desktop.ui import i18n
from desktop.ui.main_window import MainWindow
from desktop.ui.record_work import shared_catalogue
from protocol.signing import new_private_key

SESSIONS = (  # started, outcome, counts (with the bytes a real session moves), error code
    (
        "2026-12-01T01:30:00+00:00",
        "ok",
        SessionCounts(sent=6, acknowledged=6, pulled=3, bytes_sent=48_200, bytes_received=21_700),
        None,
    ),
    ("2026-12-02T02:10:00+00:00", "failed", SessionCounts(), "SERVER_UNREACHABLE"),
    (
        "2026-12-03T03:05:00+00:00",
        "ok",
        SessionCounts(sent=2, acknowledged=2, bytes_sent=15_900, bytes_received=1_200),
        "REPORT_CONFLICT",
    ),
)


def prepare(home: Path) -> None:
    """Enrolled (with a centre not running), three past sessions, one report in conflict."""
    chief = Station(home).unlock("truong", "Ba-Dinh-2026!")
    raw = new_private_key().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    view = ReportService(chief, shared_catalogue()).submit(
        "2026-11", {"political_security": "Ổn định."}
    )
    with chief.db.write() as conn:
        sync_settings.save_enrolment(
            conn,
            Enrolment(
                server_url="https://trungtam.congan.example:8443",
                ca_pem=None,
                device_id="0190a0b0-5f2c-7000-8000-00000000c0de",
                device_name="Máy trực ban",
                device_key=base64.b64encode(raw).decode(),
                station_code="00004",
                station_name="Công an phường Ba Đình",
                server_signing_key="A" * 43 + "=",
                server_box_key="B" * 43 + "=",
                enrolled_at="2026-11-30T09:00:00+00:00",
                enrolled_by="truong",
            ),
        )
        for started, outcome, counts, code in SESSIONS:
            session_id = sync_history.start(conn, "network", "truong", started)
            sync_history.finish(conn, session_id, outcome, counts, started, code)
        report_sync.conflicted(conn, view.stored.id, "9" * 64, "2026-12-03T03:05:02+00:00")
    chief.close()


def tour(window: MainWindow, lang: str) -> None:
    wait_until(lambda: window.page("sync") is not None)
    window.show_page("sync")
    page = window.page("sync")
    wait_until(lambda: window.sync.status is not None and window.sync.online is False)
    wait_until(lambda: page.history_model.rowCount() == len(SESSIONS))
    page.tabs.setCurrentIndex(0)
    shoot(window, "sync-history", lang)
    page.tabs.setCurrentIndex(2)
    page.report_conflicts.table.selectRow(0)
    shoot(window, "sync-report-conflicts", lang)


def main() -> None:
    size = parse_size()
    use_size(size)
    app = QApplication(sys.argv[:1])
    for lang in ("vi", "en"):
        translators = i18n.install_translators(app, lang)
        home = Path(tempfile.mkdtemp()) / "station"
        make_station(home)
        prepare(home)
        window = open_window(home, lang, size, "truong", "Ba-Dinh-2026!")
        tour(window, lang)
        window.close()
        window.services.idle.stop()
        i18n.remove_translators(app, translators)


if __name__ == "__main__":
    main()
