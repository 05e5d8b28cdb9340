"""Screenshots of returned records as their author sees them: the dashboard's "Returned to you"
tile, the list filtered by Returned, and a returned record with the comment.

Run under Xvfb from the repository root, at 1100×720 (docs/screenshots/{vi,en}/) or another size
(`--size 1366x768`: docs/screenshots/1366x768/{vi,en}/):

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/screenshots/make_returned_screenshots.py

The station of make_record_screenshots.py; the chief returns one of the officer's records and
the centre another (applied as a sync pull applies it), then the officer logs in.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_record_screenshots import (
    make_station,
    open_window,
    parse_size,
    shoot,
    use_size,
    wait_until,
)
from PySide6.QtWidgets import QApplication

from desktop.storage.records import RecordService
from desktop.storage.station import Station
from desktop.sync.pull import apply_update
from desktop.ui import i18n, theme
from desktop.ui.main_window import MainWindow
from desktop.ui.record_work import shared_catalogue
from domain.records import RecordFilter, RecordStatus
from protocol.messages import PullUpdate, UpdateKind

COMMENTS = {
    "vi": ("Bổ sung lời khai người chứng kiến", "Thiếu số nhà của người vi phạm"),
    "en": ("Add the witness's statement", "The offender's house number is missing"),
}


def return_two(home: Path, lang: str) -> None:
    chief = Station(home).unlock("truong", "Ba-Dinh-2026!")
    service = RecordService(chief, shared_catalogue())
    waiting = service.page(RecordFilter(status=RecordStatus.COMPLETED))
    approved = service.page(RecordFilter(status=RecordStatus.APPROVED))
    by_chief, by_centre = COMMENTS[lang]
    service.return_to_author(waiting[0].id, by_chief)
    update = PullUpdate(
        cursor=1,
        kind=UpdateKind.REVIEW_DECISION,
        created_at=datetime.now(UTC),
        payload={
            "record_id": approved[0].id,
            "revision": 1,
            "decision": "returned",
            "comment": by_centre,
            "reviewer": "Phòng PC06",
        },
    )
    with chief.db.write() as conn:
        apply_update(conn, update, datetime.now(UTC).isoformat())
    chief.close()


def tour(window: MainWindow, lang: str) -> None:
    """The officer's way: the tile, the list it opens, the first returned record."""
    wait_until(lambda: window.page("dashboard") is not None)
    dashboard = window.page("dashboard")
    wait_until(lambda: dashboard.overview is not None)
    shoot(window, "returned-dashboard", lang)
    dashboard.cards["returned_to_me"].click()
    records = window.page("records")
    wait_until(lambda: records.model.rowCount() == 2)
    shoot(window, "returned-list", lang)
    records.open_record(records.model.summary_at(0).id)
    wait_until(lambda: records.view is not None and records.view.details is not None)
    shoot(window, "returned-record", lang)


def main() -> None:
    size = parse_size()
    use_size(size)
    app = QApplication(sys.argv[:1])
    theme.apply_palette(app)  # as desktop/app.py does
    for lang in ("vi", "en"):
        translators = i18n.install_translators(app, lang)
        home = Path(tempfile.mkdtemp()) / "station"
        make_station(home)
        return_two(home, lang)
        window = open_window(home, lang, size, "lan", "Canbo-Hoa-77")
        tour(window, lang)
        window.close()
        window.services.idle.stop()
        i18n.remove_translators(app, translators)


if __name__ == "__main__":
    main()
