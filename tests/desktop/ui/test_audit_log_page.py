"""The Audit log page: lazy paging, the action filter, and "Verify chain" naming a broken entry."""

from __future__ import annotations

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.audit_actions import AuditAction
from desktop.storage import audit
from desktop.storage.records import RecordService
from desktop.ui import i18n
from desktop.ui.audit_details import details_text
from desktop.ui.labels import action_name
from desktop.ui.models.audit_table_model import ACTION, DETAILS, SEQ_ROLE, TARGET
from tests.desktop.conftest import OFFICER, SUPERVISOR
from tests.desktop.ui.conftest import press
from tests.desktop.ui.record_helpers import example_values, records_fixture  # noqa: F401


def _append_views(station_home, count: int) -> None:
    session = station_home.unlock()
    with session.db.write() as conn:
        for i in range(count):
            audit.append(conn, SUPERVISOR, AuditAction.RECORD_VIEWED, f"record-{i}", {"i": i})
    session.close()


def _open_audit_page(qtbot, open_main_window):
    window = open_main_window(SUPERVISOR)
    press(window, Qt.Key_6, Qt.ControlModifier)
    page = window.current_page()
    assert page.KEY == "audit"
    _wait_loaded(qtbot, page)
    return page


def _wait_loaded(qtbot, page) -> None:
    """Rows arrive from the event loop (fetchMore is answered asynchronously)."""
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)


def _seqs(page) -> list[int]:
    return [page.model.index(row, 0).data(SEQ_ROLE) for row in range(page.model.rowCount())]


def test_log_pages_in_as_the_view_scrolls(qtbot, station_home, open_main_window):
    """First 200 newest entries, then older pages on scrolling, without gaps or repeats."""
    _append_views(station_home, 450)
    page = _open_audit_page(qtbot, open_main_window)
    seqs = _seqs(page)
    assert len(seqs) == 200  # one page, nothing more until the user scrolls
    newest = seqs[0]
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > 200)
    while page.model.canFetchMore(page.model.index(-1, -1)):
        page.table.scrollToBottom()
        qtbot.wait(10)
    assert _seqs(page) == list(range(newest, 0, -1))


def test_filter_by_action(qtbot, station_home, open_main_window):
    """Choosing "User added" lists only those entries."""
    page = _open_audit_page(qtbot, open_main_window)
    page.action.setCurrentIndex(page.action.findData(AuditAction.USER_ADDED))
    _wait_loaded(qtbot, page)
    rows = page.model.rowCount()
    assert rows == 2  # the supervisor at set-up, then the officer
    assert {page.model.index(r, ACTION).data() for r in range(rows)} == {"User added"}


def test_verify_chain_reports_intact(qtbot, open_main_window):
    """An untouched log is reported intact with the number of entries checked."""
    page = _open_audit_page(qtbot, open_main_window)
    page.verify_button.click()
    assert page.result.isVisible()
    assert "The audit log is intact" in page.result.text()
    assert page.model.highlighted_seq is None
    _wait_loaded(qtbot, page)
    assert page.model.index(0, ACTION).data() == "Audit log verified"


@pytest.fixture
def tampered(station_home):
    """Entry 3's details rewritten by someone holding the key (triggers dropped, as an attacker would)."""
    _append_views(station_home, 5)
    session = station_home.unlock()
    key = session.data_key
    session.close()
    raw = sqlcipher.connect(str(station_home.station.db_path), isolation_level=None)
    raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute('UPDATE audit_log SET details = \'{"role":"supervisor"}\' WHERE seq = 3')
    raw.close()
    return station_home


def test_verify_chain_names_the_broken_entry(qtbot, tampered, open_main_window):
    """A rewritten entry is named by number and kind, in red, and highlighted in the table."""
    page = _open_audit_page(qtbot, open_main_window)
    page.verify_button.click()
    assert "entry No. 3 was altered" in page.result.text()
    assert "The 2 entries before it are intact" in page.result.text()
    assert page.model.highlighted_seq == 3
    _wait_loaded(qtbot, page)
    row = page.model.row_of_seq(3)
    assert page.model.index(row, 0).data(Qt.BackgroundRole) is not None


def test_every_action_is_named_and_in_the_filter(qtbot, open_main_window):
    """No action reaches the page as its stored name (record.returned was), and each one can be
    chosen in the filter."""
    page = _open_audit_page(qtbot, open_main_window)
    for action in AuditAction:
        assert action_name(action) != action.value
        assert page.action.findData(action.value) >= 0, action


def test_details_in_words_without_empty_values():
    """Keys become labels, None and empty values are left out, a filter dict reads as words."""
    text = details_text(
        {
            "format": "xlsx",
            "count": 1200,
            "filters": {"text": "duc", "status": "returned", "date_from": "2026-11-01"},
            "include_sensitive": False,
            "number": None,
        }
    )
    assert text == (
        "format: Excel, records: 1.200, filters: search duc; status Returned; from 01/11/2026,"
        " ID and phone numbers included: no"
    )
    assert "None" not in details_text({"number": None, "overrides": 0})
    assert details_text({"users": {"lan": "officer", "truong": "supervisor"}}) == (
        "users: lan (Officer), truong (Supervisor)"
    )


def test_a_print_names_its_paper_in_words():
    """A print's details (as log_printout writes them) carry no raw key such as "document"."""
    text = details_text({"output": "pdf", "document": "TT119-M03", "pages": 1})
    assert "paper: TT119-M03" in text and "document" not in text


@pytest.fixture
def returned(records):
    """The officer's completed record, returned by the supervisor with a comment."""
    record_id = records.make("F2", example_values("F2"), by=OFFICER)
    RecordService(records.session(SUPERVISOR), records.catalogue).return_to_author(
        record_id, "Thiếu lời khai"
    )
    stored = records.service().get(record_id)
    return record_id, stored.summary


def test_a_returned_record_is_named_by_number_and_title(qtbot, returned, open_main_window):
    """The return is listed under its name, about "number – title" (the id in the tooltip), with
    the comment and the author as labelled values."""
    record_id, summary = returned
    page = _open_audit_page(qtbot, open_main_window)
    page.action.setCurrentIndex(page.action.findData(AuditAction.RECORD_RETURNED))
    _wait_loaded(qtbot, page)
    assert page.model.rowCount() == 1
    assert page.model.index(0, ACTION).data() == "Record returned"
    target = page.model.index(0, TARGET)
    assert summary.document_number and summary.title
    assert target.data() == f"{summary.document_number} \u2013 {summary.title}"
    assert record_id in target.data(Qt.ToolTipRole)
    assert page.model.index(0, DETAILS).data() == (
        f"record author: {OFFICER}, comment: Thiếu lời khai"
    )


def test_vietnamese_details_have_no_english_keys(qtbot, returned, open_main_window):
    """In the Vietnamese UI the same entry's action, details and empty values are all Vietnamese."""
    translators = i18n.install_translators(QApplication.instance(), "vi")
    try:
        assert action_name(AuditAction.RECORD_RETURNED) == "Trả lại hồ sơ"
        text = details_text({"comment": "Thiếu lời khai", "author": OFFICER, "number": None})
        assert text == f"ý kiến: Thiếu lời khai, người lập hồ sơ: {OFFICER}"
        filters = details_text({"filters": {"text": "duc"}, "include_sensitive": True})
        assert filters == "bộ lọc: tìm duc, kèm số định danh và số điện thoại: có"
    finally:
        i18n.remove_translators(QApplication.instance(), translators)
