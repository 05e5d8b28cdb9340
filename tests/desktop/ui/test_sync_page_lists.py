"""The Sync page's lists without a server: report conflicts a supervisor settles from the page,
codes from the centre shown in words, the reports phase of the progress, and a sync that another
program holds named on the page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import text

from desktop.storage import report_sync, sync_history
from desktop.storage.reports import ReportService
from desktop.storage.sync_history import SessionCounts
from desktop.sync.report import REPORTS, SyncProgress
from desktop.sync.station_lock import StationSyncLock
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.sync_page import SyncPage
from tests.desktop.conftest import OFFICER, SUPERVISOR
from tests.desktop.sync.helpers import CATALOGUE

CENTRE_HASH = "c" * 64


def _sync_page(main: MainWindow) -> SyncPage:
    main.show_page("sync")
    page = main.current_page()
    assert isinstance(page, SyncPage)
    return page


def _report_in_conflict(session) -> str:
    """A submitted report the centre answered `conflict` for (as report_push records it)."""
    view = ReportService(session, CATALOGUE).submit("2026-10", {"political_security": "Ổn định."})
    with session.db.write() as conn:
        report_sync.conflicted(conn, view.stored.id, CENTRE_HASH, "2026-11-28T03:00:00+00:00")
    return view.stored.id


def test_a_supervisor_settles_a_report_conflict_from_the_page(open_main_window):
    main = open_main_window(SUPERVISOR)
    report_id = _report_in_conflict(main.session)
    page = _sync_page(main)
    main.sync.refresh()
    panel = page.report_conflicts
    assert page.tabs.tabText(2) == "Reports the centre holds otherwise (1)"
    assert "1 report(s) held otherwise by the centre wait for a decision." in page.counts.text()
    model = panel.model
    assert model.rowCount() == 1
    assert model.index(0, 3).data() == "Waiting for a supervisor's decision"
    assert CENTRE_HASH[:16] in model.index(0, 0).data(0x03)  # the tooltip names both copies
    assert not panel.replace_button.isEnabled()  # until a report is chosen

    panel.table.selectRow(0)
    assert panel.replace_button.isEnabled() and panel.keep_button.isEnabled()
    panel.replace_button.click()
    assert model.index(0, 3).data().startswith("truong chose to send this station's copy")
    with main.session.db.read() as conn:
        [waiting] = report_sync.to_send(conn)
    assert waiting.report.id == report_id and waiting.replaces == CENTRE_HASH

    panel.table.selectRow(0)
    assert not panel.replace_button.isEnabled()  # already asked
    panel.keep_button.click()
    assert model.rowCount() == 0 and page.tabs.tabText(2) == "Reports the centre holds otherwise"
    with main.session.db.read() as conn:
        assert report_sync.to_send(conn) == [] and report_sync.count_conflicts(conn) == 0


def test_an_officer_sees_report_conflicts_but_cannot_decide(open_main_window, station_home):
    session = station_home.unlock()
    _report_in_conflict(session)
    session.close()
    main = open_main_window(OFFICER)
    page = _sync_page(main)
    main.sync.refresh()
    panel = page.report_conflicts
    assert panel.model.rowCount() == 1
    assert not panel.replace_button.isVisible() and not panel.keep_button.isVisible()


def test_codes_from_the_centre_are_shown_in_words(open_main_window):
    """A session that ended with the centre's REPORT_HASH_MISMATCH says what that means."""
    main = open_main_window(SUPERVISOR)
    with main.session.db.write() as conn:
        started = sync_history.start(conn, "network", "truong", "2026-11-28T03:00:00+00:00")
        sync_history.finish(
            conn, started, "ok", SessionCounts(sent=2, acknowledged=2),
            "2026-11-28T03:00:05+00:00", "REPORT_HASH_MISMATCH",
        )  # fmt: skip
        conn.execute(
            text("INSERT INTO sync_sessions (kind, started_at, outcome, started_by, error_code) "
                 "VALUES ('network', '2026-11-29T03:00:00+00:00', 'failed', 'lan', 'NEW_CODE_X')")
        )  # fmt: skip
    page = _sync_page(main)
    main.sync.refresh()
    model = page.history_model
    newest, older = model.index(0, 2), model.index(1, 2)
    assert newest.data() == "Failed \u2014 a reason this version does not know"
    assert newest.data(0x03).endswith("[NEW_CODE_X]")  # the code itself only in the tooltip
    assert older.data().startswith("Finished \u2014 ")
    assert "REPORT_HASH_MISMATCH" not in older.data() and len(older.data()) > 15
    assert model.index(1, 3).data() == "2" and model.index(1, 1).data() == "Network"


def test_the_progress_has_a_reports_phase(open_main_window):
    main = open_main_window(SUPERVISOR)
    page = _sync_page(main)
    page._show_progress(SyncProgress(REPORTS, 1, 2, 4096, 1024))
    assert page.progress_text.text().startswith("Sending periodic reports: 1 of 2")
    assert (page.progress.value(), page.progress.maximum()) == (1, 2)


def test_a_sync_held_by_cax_is_named_on_the_page(open_main_window, station_home):
    """`cax sync run` holds the station's sync lock: "Sync now" says who and since when."""
    main = open_main_window(SUPERVISOR)
    page = _sync_page(main)
    lock = StationSyncLock(station_home.home)
    lock.acquire("lan", "2026-12-04T08:00:00+00:00", "cax")
    try:
        main.sync.sync_now()
    finally:
        lock.release()
    shown = page.progress_text.text()
    assert shown.startswith("lan is syncing this station (since ")
    assert "cax" in shown and "wait for it to finish" in shown
    assert not main.sync.running


def test_the_outcome_keeps_room_at_the_first_window_size(open_main_window, qtbot):
    """At 1100×720 the count columns' long headers stand on two lines, so the outcome (a code's
    meaning, the column a supervisor reads) is not squeezed to a sliver."""
    main = open_main_window(SUPERVISOR)
    main.resize(1100, 720)
    with main.session.db.write() as conn:
        started = sync_history.start(conn, "network", "truong", "2026-11-28T03:00:00+00:00")
        sync_history.finish(
            conn, started, "failed", SessionCounts(), "2026-11-28T03:00:05+00:00",
            "SERVER_UNREACHABLE",
        )  # fmt: skip
    page = _sync_page(main)
    main.sync.refresh()
    qtbot.waitUntil(lambda: page.history_model.rowCount() == 1)
    header = page.history.horizontalHeader()
    one_line = header.fontMetrics().horizontalAdvance("Received by the centre")
    qtbot.waitUntil(lambda: header.sectionSize(4) < one_line)
    assert header.sectionSize(2) > header.sectionSize(4)
    assert page.history_model.headerData(4, Qt.Orientation.Horizontal) == "Received by\nthe centre"
