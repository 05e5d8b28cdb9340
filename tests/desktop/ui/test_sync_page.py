"""The Sync page and the status bar against a real server process: enrolment through the dialog,
"Sync now" with its progress, and going offline shown quietly (no dialog)."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from sqlalchemy import text

from desktop.storage import outbox
from desktop.sync.bundle import ExportedBundle, ImportedReceipt
from desktop.sync.report import SyncProgress
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.sync_page import SyncPage
from protocol.errors import ErrorCode
from protocol.messages import PushStatus, RecordProblem, RecordResult
from tests.desktop.conftest import OFFICER, SUPERVISOR
from tests.desktop.sync.helpers import FAST_RETRY, completed_records
from tests.desktop.ui import server_fixtures
from tests.desktop.ui.conftest import PASSWORDS, type_into

# Slow: the whole window against a real server. `make test` runs them; `make check` does not.
pytestmark = pytest.mark.slow

# A real server for these tests (tests/desktop/ui/server_fixtures.py).
server_db, server = server_fixtures.server_db, server_fixtures.server


@pytest.fixture
def window(qtbot, services, station_home):
    def opener(username: str = SUPERVISOR) -> MainWindow:
        main = MainWindow(services)
        qtbot.addWidget(main)
        main.open_session(station_home.unlock(username, PASSWORDS[username]))
        main.show()
        main.sync.service.retry = FAST_RETRY  # offline tests wait tenths of seconds, not minutes
        return main

    yield opener
    services.idle.stop()


def _sync_page(main: MainWindow) -> SyncPage:
    main.show_page("sync")
    page = main.current_page()
    assert isinstance(page, SyncPage)
    return page


def _open_dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def _enrol(page: SyncPage, server, server_db) -> None:
    page.enrol_button.click()
    dialog = page.enrol_dialog
    assert not dialog.enrol_button.isEnabled()  # nothing is trusted before the server is checked
    type_into(dialog.url, server.url)
    type_into(dialog.code, server_db.enrolment_code())
    dialog.check_button.click()
    shown = dialog.identity_label.text()
    assert "The server answered" in shown and "Plain http" in shown  # a trial server: warned
    assert dialog.enrol_button.isEnabled()
    dialog.enrol_button.click()
    assert not dialog.isVisible()


def test_enrol_then_sync_now_shows_progress_and_ends_done(window, server, server_db, qtbot):
    main = window(SUPERVISOR)
    completed_records(main.session, 3)
    page = _sync_page(main)
    assert not page.sync_button.isEnabled()  # not enrolled yet
    assert main.status.pending.text() == "Not enrolled for sync"
    _enrol(page, server, server_db)
    assert "Enrolled with " + server.url in page.server.text()
    assert main.status.pending.text() == "Waiting to sync: 3"
    assert "Online" in main.status.connectivity.text()

    seen: list[SyncProgress] = []
    main.sync.progress.connect(seen.append)
    page.sync_button.click()
    pushes = [p for p in seen if p.phase == "push"]
    assert pushes and pushes[-1].records_done == pushes[-1].records_total == 3
    assert page.progress_text.text().startswith("Done: 3 record(s) received by the centre")
    assert page.progress.value() == page.progress.maximum()
    assert main.status.pending.text() == "Waiting to sync: 0"
    assert "received by the centre: 3" in page.counts.text()
    history = page.history_model
    assert history.rowCount() >= 1 and history.index(0, 2).data() == "Finished"
    assert len(server_db.revisions()) == 3
    main.show_page("records")
    listing = main.current_page()
    listing.open_record(listing.model.summary_at(0).id)
    assert "received by the centre" in listing.view.facts.text()


@pytest.mark.slow
def test_going_offline_shows_in_the_status_bar_without_a_dialog(window, server, server_db):
    main = window(SUPERVISOR)
    page = _sync_page(main)
    _enrol(page, server, server_db)
    assert "Online" in main.status.connectivity.text()
    server.kill()
    main.sync.probe()
    assert "Offline" in main.status.connectivity.text()
    assert "offline" in page.server.text()
    completed_records(main.session, 1)
    dialogs = _open_dialogs()  # (other tests may leave theirs open in this process)
    page.sync_button.click()
    assert _open_dialogs() == dialogs
    assert page.progress_text.text().startswith("The centre's server cannot be reached.")
    main.sync.refresh()
    assert main.status.pending.text() == "Waiting to sync: 1"  # kept for the next time


def test_an_officer_may_sync_but_not_enrol_or_change_settings(
    window,
    server,
    server_db,
    station_home,
):
    supervisor = window(SUPERVISOR)
    _enrol(_sync_page(supervisor), server, server_db)
    supervisor.lock()
    main = window(OFFICER)
    page = _sync_page(main)
    assert not page.enrol_button.isVisible()
    assert not page.policy.isEnabled() and not page.auto.isEnabled()
    usb = [page.findChild(QPushButton, n) for n in ("syncExportBundle", "syncImportReceipt")]
    assert usb[0] is not None and not any(b.isEnabled() for b in usb)
    completed_records(main.session, 2)
    main.sync.refresh()
    assert page.sync_button.isEnabled()
    page.sync_button.click()
    assert page.progress_text.text().startswith("Done: 2 record(s) received by the centre")


def test_a_record_returned_by_the_centre_shows_its_comment(window, station_home):
    """A review decision pulled from the centre is shown on the record, with the comment."""
    from desktop.storage import centre_feed

    main = window(SUPERVISOR)
    [record_id] = completed_records(main.session, 1)
    with main.session.db.write() as conn:
        centre_feed.apply_review(
            conn, 7, record_id, 1, "returned", "Thiếu số CCCD người báo tin", "pc02",
            "2026-11-28T03:00:00+00:00",
        )  # fmt: skip
    main.show_page("records")
    listing = main.current_page()
    listing.open_record(record_id)
    note = listing.view.note
    assert note.isVisibleTo(listing.view)
    assert note.text() == "Returned by the centre: Thiếu số CCCD người báo tin"


def test_values_the_centre_refused_name_their_fields(window, station_home):
    """A revision the server rejected as RECORD_INVALID is listed with each field's label and the
    translated message, not with the raw "path=CODE" it arrived as."""
    main = window(SUPERVISOR)
    record_id = completed_records(main.session, 1)[0]  # an F1 crime report
    with main.session.db.write() as conn:
        entries = outbox.unsent(conn, "00004", limit=10)
        outbox.mark_sent(conn, [e.entry_id for e in entries], "2026-11-22T08:30:00Z")
        refusal = RecordResult(
            index=0,
            record_id=record_id,
            revision=1,
            status=PushStatus.REJECTED,
            code=ErrorCode.RECORD_INVALID,
            detail="received_place: REQUIRED",
            problems=[
                RecordProblem(path="received_place", code="REQUIRED"),
                RecordProblem(path="reporter.full_name", code="REQUIRED"),
            ],
        )
        outbox.apply_answers(conn, [outbox.Answer.of(record_id, 1, refusal)], "2026-11-22T08:31Z")
    page = _sync_page(main)
    page.tabs.setCurrentIndex(1)
    assert page.refused.model.rowCount() == 1
    reason = page.refused.model.index(0, 3).data()
    assert reason.startswith("The centre found errors:")
    assert "Place received:" in reason and "Reporter › Full name:" in reason
    assert "REQUIRED" not in reason and "received_place" not in reason


def test_a_refused_audit_log_is_explained_and_a_restore_can_be_declared(
    window, server, server_db, qtbot
):
    """The centre anchored a later audit head than this station now has (it was put back from
    an old copy): the sync is refused with a clear message, nothing is sent, and a supervisor
    declares the restore from the page; the same sync then goes through."""
    main = window(SUPERVISOR)
    page = _sync_page(main)
    _enrol(page, server, server_db)
    completed_records(main.session, 1)
    page.sync_button.click()
    with server_db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_anchors SET latest_seq = latest_seq + 1000"))
    completed_records(main.session, 2, start=1)
    page.sync_button.click()
    assert page.progress_text.text().startswith("The centre refused the sync")
    assert page.declare_button.isVisible()
    assert main.status.pending.text() == "Waiting to sync: 2"
    assert len(server_db.revisions()) == 1

    page.declare_button.click()
    dialog = page.declare_dialog
    dialog.reason.setPlainText("Ổ cứng hỏng, khôi phục bản sao lưu")
    dialog.ok.click()
    qtbot.waitUntil(lambda: main.status.pending.text() == "Waiting to sync: 0", timeout=15000)
    assert not page.declare_button.isVisible()
    assert len(server_db.revisions()) == 3
    with server_db.engine.connect() as conn:
        kinds = conn.execute(text("SELECT kind FROM audit_alerts ORDER BY id")).scalars().all()
    assert kinds == ["rollback", "declared_restore"]


def test_the_attachments_phase_shows_its_own_progress(window, station_home):
    """While files go, the bar counts their 1 MB pieces; it never claims to be receiving."""
    main = window(SUPERVISOR)
    page = _sync_page(main)
    page._show_progress(SyncProgress("attachments", 7, 21, 7 * 1024 * 1024, 4096))
    assert page.progress_text.text().startswith("Sending attachments: 7 of 21 MB")
    assert (page.progress.value(), page.progress.maximum()) == (7, 21)


def test_a_bundle_of_files_alone_and_its_receipt_say_what_they_carried(window, tmp_path):
    """A bundle with no record but files is announced as written, not as "nothing to send";
    the receipt's line counts the files the centre now holds."""
    page = _sync_page(window(SUPERVISOR))
    written = ExportedBundle(tmp_path / "b.caxbundle", uuid.uuid4(), 0, 5000, 0, attachments=2)
    page._on_bundle_written(written)
    assert "0 record(s) written to" in page.progress_text.text()
    assert "It also carries 2 attachment file(s)." in page.progress_text.text()
    receipt = ImportedReceipt(uuid.uuid4(), 1, 1, 0, 0, 0, attachments_complete=2)
    page._on_receipt_read(receipt)
    assert page.progress_text.text().endswith(
        "Attachments: 2 file(s) complete at the centre, 0 refused."
    )
