"""The record pages in the main window: entry from the keyboard, drafts, lists, search, review."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.audit_actions import AuditAction
from desktop.storage import audit
from desktop.ui.main_window import MainWindow
from desktop.ui.models.records_table_model import RECORD_ID_ROLE, TITLE, RecordsTableModel
from desktop.ui.pages.dashboard import DashboardPage
from desktop.ui.pages.record_entry import RecordEntryPage
from desktop.ui.pages.record_list import RecordListPage
from desktop.ui.pages.review_queue import ReviewQueuePage
from desktop.ui.record_work import RECORD_RETURNED, load_page, record_history
from domain.records import RecordFilter
from tests.desktop.conftest import OFFICER, SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.ui.conftest import press, type_text
from tests.desktop.ui.record_helpers import (  # noqa: F401 (fixtures)
    example_values,
    fill,
    focused_path,
    hours_ago,
    key,
    page_context_fixture,
    records_fixture,
    tab_to,
    type_here,
    typed_moment,
)

PAGES = (DashboardPage, RecordEntryPage, RecordListPage, ReviewQueuePage)


@pytest.fixture
def window(open_main_window):
    """Unlock as `username` and show a main window holding the record pages (Ctrl+2, 3, 4)."""
    return lambda username=SUPERVISOR: open_main_window(username, pages=PAGES)


def _open_entry(main: MainWindow, search: str) -> RecordEntryPage:
    press(main, Qt.Key_2, Qt.ControlModifier)
    page = main.current_page()
    assert isinstance(page, RecordEntryPage)
    type_here(search)
    key(Qt.Key_Return)
    for _ in range(50):  # the form is built right after the busy cue is painted
        if page.editor is not None:
            break
        QApplication.processEvents()
    assert page.editor is not None
    return page


def _stored(records, record_id: str):
    return records.service().get(record_id)


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_crime_report_intake_is_completed_from_the_keyboard_alone(window, records, qtbot):
    """F1 typed field by field with Tab (Vietnamese typed as text), a row added, Ctrl+Enter."""
    main = window(OFFICER)
    page = _open_entry(main, "tiep nhan nguon tin")
    form = page.editor.form_widget
    assert form.form.id == "F1" and focused_path() == "received_at"
    type_here(typed_moment(hours_ago(1)))
    fill("received_place", "Trụ sở Công an phường Ba Đình, số 2 Đội Cấn")
    fill("channel", "truc tiep")
    fill("source_type", "to giac")
    tab_to("receiving_officer")
    assert (
        form.editor_at("receiving_officer").value() == "Trần Thị Lan"
    )  # filled in for the officer
    fill("reporter_kind", "ca nhan")
    fill("reporter.full_name", "Nguyễn Văn Đức")
    fill("reporter.date_of_birth", "12/03/1985")
    fill("reporter.sex", "nam")
    fill("reporter.id_number", "001085012345")
    fill("reporter.phone", "0912 345 678")
    fill("reporter.permanent_address.street", "Số 18 ngõ 102 Đội Cấn")
    fill("reporter.permanent_address.province", "ha noi")
    fill("reporter.permanent_address.commune", "ba dinh")
    fill(
        "incident_time",
        typed_moment(hours_ago(12)),
    )
    fill("incident_location.street", "Trước cửa số 18 ngõ 102 Đội Cấn")
    fill("incident_location.province", "ha noi")
    fill("incident_location.commune", "ba dinh")
    fill(
        "narrative",
        "Khoảng 22 giờ 30, anh Đức để xe máy Honda Wave trước cửa nhà; sáng ra phát hiện xe bị mất.",
    )
    tab_to("items_received", most=12)
    key(Qt.Key_Space)  # documents were handed over: the list of items appears
    tab_to("items")
    key(Qt.Key_Insert)
    qtbot.waitUntil(lambda: focused_path() == "items[0].description")
    type_here("USB chứa đoạn ghi hình camera")
    fill("items[0].quantity", "1")
    fill("items[0].unit", "chiếc")
    tab_to("items[0].sealed")
    key(Qt.Key_Space)  # sealed: the seal number appears
    fill("items[0].seal_number", "np-0215")
    key(Qt.Key_Return, Qt.ControlModifier)  # keep the row
    qtbot.waitUntil(lambda: focused_path() == "items")
    fill("classification", "dau hieu toi pham")
    fill("crime_group", "xam pham so huu")  # required once signs of a crime are found
    key(Qt.Key_Return, Qt.ControlModifier)  # complete

    assert page.editor is None, page.editor.summary.list.item(0).text() if page.editor else ""
    assert "01/BB-TNNT" in page.done.text()
    [summary] = records.service().page(RecordFilter())
    stored = _stored(records, summary.id)
    assert (summary.status, summary.author, summary.document_number) == (
        "completed",
        OFFICER,
        "01/BB-TNNT",
    )
    values = stored.values
    assert values["reporter"]["full_name"] == "Nguyễn Văn Đức"
    assert values["reporter"]["permanent_address"]["commune"] == "00004"
    assert values["channel"] == "truc_tiep" and values["classification"] == "dau_hieu_toi_pham"
    assert values["items"] == [
        {
            "description": "USB chứa đoạn ghi hình camera",
            "quantity": 1,
            "unit": "chiếc",
            "sealed": True,
            "seal_number": "NP-0215",
        }
    ]


def test_complete_with_problems_lists_them_and_jumps_to_the_field(window, qtbot):
    """Ctrl+Enter on an incomplete form lists the problems; Enter on one puts the keyboard there."""
    main = window(OFFICER)
    page = _open_entry(main, "F3")
    editor = page.editor
    key(Qt.Key_Return, Qt.ControlModifier)
    assert page.editor is editor  # not completed
    summary = editor.summary
    assert summary.isVisible() and summary.list.count() > 3
    assert "stop completion" in summary.heading.text()
    texts = [summary.list.item(i).text() for i in range(summary.list.count())]
    assert any(t.startswith("\u2716  Place of record: This must be filled in.") for t in texts)
    assert focused_path() == "record_time"  # the first problem already has the keyboard
    row = next(i for i, t in enumerate(texts) if "Legal basis for the record" in t)
    summary.list.setCurrentRow(row)
    summary.list.setFocus()
    key(Qt.Key_Return)
    assert focused_path() == "basis"


def test_ctrl_s_saves_a_draft_and_autosave_keeps_saving(window, records, qtbot):
    """Ctrl+S stores a draft at once; later typing is autosaved without any key."""
    RecordEntryPage.autosave_ms = 200
    try:
        main = window(OFFICER)
        page = _open_entry(main, "vi pham hanh chinh")
        fill("record_place", "Số 7 ngõ 35 phố Giảng Võ")
        key(Qt.Key_S, Qt.ControlModifier)
        record_id = page.editor.record_id
        assert record_id is not None
        assert _stored(records, record_id).values["record_place"] == "Số 7 ngõ 35 phố Giảng Võ"
        fill("basis", "Kết quả kiểm tra của tổ công tác")
        qtbot.waitUntil(lambda: "basis" in _stored(records, record_id).values, timeout=3000)
        assert _stored(records, record_id).summary.status == "draft"
    finally:
        RecordEntryPage.autosave_ms = 5000


def test_a_lock_keeps_the_unsaved_form(window, services, qtbot):
    """Typed, not saved, then Ctrl+L: after unlocking the same form comes back with the text."""
    main = window(SUPERVISOR)
    page = _open_entry(main, "tam vang")
    type_here("Phiếu")  # any first field: text stays typed, unsaved
    first = focused_path()
    typed = page.editor.form_widget.values()
    main.lock()
    assert main.pages() == []
    form = main.lock_screen.form
    form.password.setFocus()
    type_text(form.password, SUPERVISOR_PASSWORD)
    press(form.password, Qt.Key_Return)
    qtbot.waitUntil(lambda: not main.locked)
    page = main.page("new_record")
    assert page.editor is not None and page.editor.form.id == "F6"
    assert page.editor.form_widget.values() == typed
    assert first == "declarant.full_name" and typed["declarant"]["full_name"] == "Phiếu"


def test_records_model_passes_the_model_tester(qtmodeltester, records, page_context_records):
    """The lazily paged records model is a well-behaved Qt model, also while pages arrive."""
    model = page_context_records(page_size=2)
    assert model.rowCount() == 2 and model.canFetchMore(model.index(-1, -1))
    qtmodeltester.check(model)
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 5
    assert model.index(0, 0).data(RECORD_ID_ROLE)
    qtmodeltester.check(model)


@pytest.fixture
def page_context_records(records, page_context):
    """Five completed records and a factory of records models over them."""
    for _ in range(5):
        records.make("F1", example_values("F1"))

    def factory(page_size: int = 200) -> RecordsTableModel:
        from functools import partial

        loader = partial(load_page, page_context.session)
        model = RecordsTableModel(
            page_context.tasks, loader, records.catalogue, language="en", page_size=page_size
        )
        model.set_filter(RecordFilter())
        return model

    return factory


def test_search_filters_the_list_without_accents(window, records, qtbot):
    """Typing "nguyen van duc" in Records keeps only the record naming Nguyễn Văn Đức."""
    wanted = records.make("F1", example_values("F1"))
    records.make("F3", example_values("F3"))
    records.make("F6", example_values("F6"))
    main = window(SUPERVISOR)
    press(main, Qt.Key_3, Qt.ControlModifier)
    page = main.current_page()
    assert page.model.rowCount() == 3
    type_here("nguyen van duc")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert page.model.index(0, 0).data(RECORD_ID_ROLE) == wanted
    assert "Nguyễn Văn Đức" in page.model.index(0, TITLE).data()
    assert page.count.text() == "1 record(s)."


def test_status_filter_and_opening_an_approved_record(window, records, qtbot):
    """Approved records open read-only with revisions and history; amend and void are offered."""
    approved = records.make("F3", example_values("F3"), status="approved")
    records.make("F1", example_values("F1"), status="draft")
    main = window(SUPERVISOR)
    press(main, Qt.Key_3, Qt.ControlModifier)
    page = main.current_page()
    page.filter_bar.status.setCurrentIndex(page.filter_bar.status.findData("approved"))
    assert page.model.rowCount() == 1
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    key(Qt.Key_Return)
    view = page.view
    assert page.stack.currentWidget() is view
    assert "Trần Quốc Bảo" in view.title.text()
    assert "Approved" in view.facts.text() and "01/BB-VPHC" in view.facts.text()
    assert view.revision_rows.rowCount() == 1
    history = view.history_rows
    actions = [history.index(r, 2).data() for r in range(history.rowCount())]
    assert {"Record created", "Record completed", "Record approved", "Record viewed"} <= set(
        actions
    )
    assert view.amend_button.isEnabled() and view.void_button.isEnabled()
    assert approved


def test_an_officer_opens_own_draft_to_edit_and_others_approved_read_only(window, records):
    """A draft of one's own opens in the form; an approved record offers no change to an officer."""
    draft = records.make("F1", example_values("F1"), status="draft", by=OFFICER)
    approved = records.make("F3", example_values("F3"), status="approved", by=OFFICER)
    main = window(OFFICER)
    press(main, Qt.Key_3, Qt.ControlModifier)
    page = main.current_page()
    page.open_record(draft)
    assert page.editor is not None and page.editor.record_id == draft
    page.editor.close_editor()
    page.open_record(approved)
    assert page.view is not None and page.stack.currentWidget() is page.view
    assert not page.view.amend_button.isEnabled() and not page.view.void_button.isEnabled()


def test_void_with_a_reason(window, records, qtbot):
    """Void… needs a reason; the record then shows as voided with it."""
    record_id = records.make("F3", example_values("F3"))
    main = window(SUPERVISOR)
    press(main, Qt.Key_3, Qt.ControlModifier)
    page = main.current_page()
    page.open_record(record_id)
    page.view.void_button.click()
    dialog = page.dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    assert not dialog.ok.isEnabled()
    type_here("Lập nhầm đối tượng")
    key(Qt.Key_Return, Qt.ControlModifier)
    assert _stored(records, record_id).summary.status == "voided"
    assert "Voided: Lập nhầm đối tượng" in page.view.note.text()


def test_review_approves_two_records_at_once(window, records):
    """Two completed records selected in Review are approved with one click; the third stays."""
    first = records.make("F1", example_values("F1"), by=OFFICER)
    second = records.make("F3", example_values("F3"), by=OFFICER)
    third = records.make("F6", example_values("F6"), by=OFFICER)
    main = window(SUPERVISOR)
    press(main, Qt.Key_4, Qt.ControlModifier)
    page = main.current_page()
    assert isinstance(page, ReviewQueuePage) and page.model.rowCount() == 3
    selection = page.table.selectionModel()
    for record_id in (first, second):
        index = page.model.index(page.model.row_of(record_id), 0)
        selection.select(index, QItemSelectionModel.Select | QItemSelectionModel.Rows)
    assert page.approve_button.text() == "&Approve 2 selected"
    page.approve_button.click()
    assert "Approve 2 record(s)?" in page.confirm_box.text()
    page.confirm_box.button(QMessageBox.Cancel).click()  # asked first: Cancel approves nothing
    assert _stored(records, first).summary.status == "completed" and page.result.text() == ""
    page.approve_button.click()
    page.confirm_box.button(QMessageBox.Yes).click()
    assert "2 record(s) approved." in page.result.text()
    statuses = {rid: _stored(records, rid).summary.status for rid in (first, second, third)}
    assert statuses == {first: "approved", second: "approved", third: "completed"}
    assert page.model.rowCount() == 1


def test_return_with_comment_is_audited_and_sends_the_record_back(window, records, qtbot):
    """Return… writes the comment to the audit log; the record shows as returned and leaves the
    queue (it waits on its author now, not on the chief)."""
    record_id = records.make("F3", example_values("F3"), by=OFFICER)
    main = window(SUPERVISOR)
    press(main, Qt.Key_4, Qt.ControlModifier)
    page = main.current_page()
    page.table.selectRow(0)
    page.return_button.click()
    type_text(page.dialog.reason, "Bổ sung lời khai người chứng kiến")
    page.dialog.ok.click()
    assert _stored(records, record_id).summary.status == "returned"
    session = records.session()
    with session.db.read() as conn:
        [entry] = [e for e in record_history(conn, record_id) if e.action == RECORD_RETURNED]
        assert audit.entries(conn, action=AuditAction.RECORD_APPROVED) == []
    assert entry.details == {"comment": "Bổ sung lời khai người chứng kiến", "author": OFFICER}
    assert page.model.rowCount() == 0
    assert "Returned to the author" in page.result.text()


def test_search_waits_for_a_pause_in_typing(window, records, qtbot):
    """Typing a whole word asks the store once, after the pause, not once per key."""
    records.make("F1", example_values("F1"))
    main = window(SUPERVISOR)
    press(main, Qt.Key_3, Qt.ControlModifier)
    page = main.current_page()
    asked = []
    original = page.model.set_filter
    page.model.set_filter = lambda filters: (asked.append(filters.text), original(filters))
    type_here("nguyen")
    assert asked == []
    qtbot.waitUntil(lambda: asked == ["nguyen"], timeout=1000)
    qtbot.wait(300)
    assert asked == ["nguyen"]


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_supervisor_amends_an_approved_record_with_a_reason(window, records, qtbot):
    """Amend… opens the form; Ctrl+S asks the reason; revision 2 goes back to review."""
    record_id = records.make("F3", example_values("F3"), status="approved")
    main = window(SUPERVISOR)
    press(main, Qt.Key_3, Qt.ControlModifier)
    page = main.current_page()
    page.open_record(record_id)
    page.view.amend_button.click()
    editor = page.editor
    assert editor is not None and editor.mode == "amend"
    editor.form_widget.focus_path("record_place")
    focus_line = editor.form_widget.editor_at("record_place").line
    focus_line.selectAll()
    type_here("Trụ sở Công an phường Giảng Võ")
    key(Qt.Key_S, Qt.ControlModifier)
    dialog = editor.dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    type_here("Ghi sai địa điểm lập biên bản")
    key(Qt.Key_Return, Qt.ControlModifier)
    stored = _stored(records, record_id)
    assert (stored.summary.status, stored.summary.revision) == ("completed", 2)
    assert stored.values["record_place"] == "Trụ sở Công an phường Giảng Võ"
    assert stored.revisions[-1].reason == "Ghi sai địa điểm lập biên bản"
    assert page.view is not None and page.stack.currentWidget() is page.view


def test_officers_have_no_review_page(window):
    """The Review page is built for supervisors only; Ctrl+4 does nothing for an officer."""
    main = window(OFFICER)
    assert main.page("review") is None and main.findChildren(ReviewQueuePage) == []
    press(main, Qt.Key_4, Qt.ControlModifier)
    assert main.current_page().KEY != "review"
