"""Returned records, end to end: the chief's or the centre's return reaches the author (dashboard
tile, "Returned" filter, the comment beside the form), and amending sends it back to review."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import SelfApprovalRefused
from desktop.core.permissions import Role
from desktop.storage import accounts, audit
from desktop.storage.centre_feed import CENTRE_ACTOR
from desktop.sync.pull import apply_update
from desktop.ui.main_window import MainWindow
from desktop.ui.models.records_table_model import STATUS
from desktop.ui.pages.dashboard import DashboardPage
from desktop.ui.pages.record_list import RecordListPage
from desktop.ui.pages.review_queue import ReviewQueuePage
from domain.records import RecordFilter, RecordStatus
from protocol.messages import PullUpdate, UpdateKind
from tests.desktop.conftest import OFFICER, SUPERVISOR
from tests.desktop.ui.conftest import type_text
from tests.desktop.ui.record_helpers import (  # noqa: F401 (fixtures)
    example_values,
    key,
    records_fixture,
    type_here,
)

PAGES = (DashboardPage, RecordListPage, ReviewQueuePage)
COMMENT = "Bổ sung lời khai người chứng kiến"


@pytest.fixture
def window(open_main_window):
    """Unlock as `username` and show a main window with the dashboard, records and review."""
    return lambda username=SUPERVISOR: open_main_window(username, pages=PAGES)


def _return_from_review(main: MainWindow, comment: str) -> None:
    main.show_page("review")
    page = main.current_page()
    assert isinstance(page, ReviewQueuePage)
    page.table.selectRow(0)
    page.return_button.click()
    type_text(page.dialog.reason, comment)
    page.dialog.ok.click()
    assert page.model.rowCount() == 0  # it waits on its author now, not on the chief


def _open_returned_from_the_tile(main: MainWindow, qtbot) -> RecordListPage:
    dashboard = main.current_page()
    assert isinstance(dashboard, DashboardPage)
    assert dashboard.cards["returned_to_me"].value.text() == "1"
    assert dashboard.waiting.values["Returned"] == 1  # work waiting, beside the drafts
    dashboard.cards["returned_to_me"].click()
    listing = main.current_page()
    assert isinstance(listing, RecordListPage)
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1)
    assert listing.filter_bar.filters().status == RecordStatus.RETURNED
    assert listing.filter_bar.status.currentText() == "Returned"
    assert listing.model.index(0, STATUS).data() == "Returned"
    return listing


def _amend_place(listing: RecordListPage, qtbot, reason: str) -> None:
    listing.view.amend_button.click()
    editor = listing.editor
    assert editor is not None and editor.mode == "amend"
    editor.form_widget.focus_path("record_place")
    editor.form_widget.editor_at("record_place").line.selectAll()
    type_here("Trụ sở Công an phường Giảng Võ")
    key(Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(editor.dialog.isActiveWindow)
    type_here(reason)
    key(Qt.Key_Return, Qt.ControlModifier)


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_chief_returns_officer_amends_and_the_return_is_cleared(window, records, qtbot):
    """Return → the officer's tile and filter show it → the comment stays in sight while
    amending → amended, it is waiting for approval again and the comment stays in the history."""
    record_id = records.make("F3", example_values("F3"), by=OFFICER)
    chief = window(SUPERVISOR)
    _return_from_review(chief, COMMENT)
    chief.close()

    officer = window(OFFICER)
    listing = _open_returned_from_the_tile(officer, qtbot)
    listing.open_record(record_id)
    view = listing.view
    assert view.note.isVisibleTo(view)
    assert view.note.text() == f"Returned by the supervisor: {COMMENT}"
    assert "Returned" in view.facts.text() and view.amend_button.isEnabled()
    view.amend_button.click()
    assert listing.editor.note.isVisibleTo(listing.editor)
    assert COMMENT in listing.editor.note.text()  # in sight while correcting
    listing.editor.close_editor()
    listing.open_record(record_id)
    _amend_place(listing, qtbot, "Bổ sung theo ý kiến chỉ huy")

    stored = records.service().get(record_id)
    assert (stored.summary.status, stored.summary.revision) == ("completed", 2)
    assert stored.returned_by is None
    view = listing.view
    assert not view.note.isVisibleTo(view)
    rows = view.history_rows
    history = [(rows.index(r, 2).data(), rows.index(r, 3).data()) for r in range(rows.rowCount())]
    assert any(action == "Returned with a comment" and COMMENT in d for action, d in history)
    officer.show_page("dashboard")
    officer.current_page().refresh()
    assert officer.current_page().cards["returned_to_me"].value.text() == "0"
    assert officer.current_page().waiting.values["Returned"] == 0
    waiting = records.service().page(RecordFilter(status=RecordStatus.COMPLETED))
    assert [s.id for s in waiting] == [record_id]  # back in the chief's queue


def _centre_returns(records, record_id: str, revision: int, cursor: int = 7) -> None:
    update = PullUpdate(
        cursor=cursor,
        kind=UpdateKind.REVIEW_DECISION,
        created_at=datetime(2026, 12, 1, 2, 0, tzinfo=UTC),
        payload={
            "record_id": record_id,
            "revision": revision,
            "decision": "returned",
            "comment": "Thiếu số nhà",
            "reviewer": "Tổ A",
        },
    )
    session = records.session()
    with session.db.write() as conn:  # what a sync pull does with each update it receives
        apply_update(conn, update, "2026-12-01T02:00:05+00:00")


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_a_return_from_the_centre_arrives_by_pull_and_shows_as_returned(window, records, qtbot):
    """The centre returns an approved record: the author sees it under "Returned to you", reads
    the centre's comment and may amend it although it had been approved; pulling the same update
    again changes nothing."""
    record_id = records.make("F3", example_values("F3"), status="approved", by=OFFICER)
    _centre_returns(records, record_id, revision=1)
    _centre_returns(records, record_id, revision=1)  # the same cursor again: applied once
    stored = records.service().get(record_id)
    assert (stored.summary.status, stored.returned_by) == ("returned", CENTRE_ACTOR)

    officer = window(OFFICER)
    listing = _open_returned_from_the_tile(officer, qtbot)
    listing.open_record(record_id)
    assert listing.view.note.text() == "Returned by the centre: Thiếu số nhà"
    _amend_place(listing, qtbot, "Bổ sung số nhà")
    assert records.service().get(record_id).summary.status == "completed"
    rows = listing.view.history_rows  # the centre's comment stays in the record's history
    history = [(rows.index(r, 2).data(), rows.index(r, 3).data()) for r in range(rows.rowCount())]
    assert any(action == "Returned with a comment" and "Thiếu số nhà" in d for action, d in history)
    session = records.session()
    with session.db.read() as conn:
        returns = audit.entries(conn, action=AuditAction.RECORD_RETURNED, target=record_id)
    assert [e.actor for e in returns] == [CENTRE_ACTOR]


def test_a_centre_return_of_an_older_revision_is_already_answered(records):
    """Amended after the revision the centre saw: the station has answered, nothing is marked."""
    service = records.service()
    record_id = records.make("F3", example_values("F3"), by=OFFICER)
    service.amend(record_id, example_values("F3"), "sửa trước khi trung tâm xem")
    _centre_returns(records, record_id, revision=1)
    assert service.get(record_id).summary.status == "completed"


def test_self_approval_is_refused_with_a_second_supervisor(window, records):
    """With two supervisors, a chief cannot approve their own record (the other one can); the
    page says why in words."""
    own = records.make("F3", example_values("F3"), by=SUPERVISOR)
    accounts.add_user(records.session(), "minh", Role.SUPERVISOR, "Song-Hong-2026!x", "Phó")
    with pytest.raises(SelfApprovalRefused):
        records.service(SUPERVISOR).approve(own)
    chief = window(SUPERVISOR)
    chief.show_page("review")
    page = chief.current_page()
    page.table.selectRow(0)
    page.approve_button.click()
    page.confirm_box.button(QMessageBox.Yes).click()
    assert "You cannot approve your own record." in page.result.text()
    assert records.service().get(own).summary.status == "completed"


def test_a_single_supervisor_approves_their_own_record_and_it_is_audited(records):
    own = records.make("F3", example_values("F3"), by=SUPERVISOR)
    officers = records.make("F1", example_values("F1"), by=OFFICER)
    service = records.service(SUPERVISOR)
    service.approve(own)
    service.approve(officers)
    with service.session.db.read() as conn:
        [mine] = audit.entries(conn, action=AuditAction.RECORD_APPROVED, target=own)
        [theirs] = audit.entries(conn, action=AuditAction.RECORD_APPROVED, target=officers)
    assert mine.details == {"self_approved": True, "supervisors": 1}
    assert theirs.details == {}


def test_returned_records_are_not_counted_as_waiting_for_review(records):
    record_id = records.make("F3", example_values("F3"), by=OFFICER)
    records.make("F1", example_values("F1"), by=OFFICER)
    chief = records.service(SUPERVISOR)
    chief.return_to_author(record_id, COMMENT)
    officer = records.service(OFFICER).overview()
    assert (officer.returned_to_me, officer.waiting_review) == (1, 1)
    assert officer.by_form_status["F3"] == {"completed": 0, "returned": 1}
    assert officer.by_form_status["F1"] == {"completed": 1}
    assert chief.overview().returned_to_me == 0
    assert chief.count(RecordFilter(status=RecordStatus.RETURNED)) == 1
    assert chief.count(RecordFilter(status=RecordStatus.COMPLETED)) == 1
    with pytest.raises(Exception) as refused:
        chief.approve(record_id)  # with its author now, not waiting for approval
    assert refused.value.code == "RECORD_STATE"


def test_an_unknown_record_in_a_centre_return_changes_nothing(records):
    _centre_returns(records, str(uuid.uuid4()), revision=1)
    assert records.service().count(RecordFilter(status=RecordStatus.RETURNED)) == 0
