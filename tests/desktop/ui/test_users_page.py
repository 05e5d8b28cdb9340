"""The Users page: add, remove with a reason, reset a password, change a role."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import UserRemoved
from desktop.storage import audit
from desktop.ui.models.users_table_model import ROLE, STATUS
from desktop.ui.user_dialogs import ChangeRoleDialog
from tests.desktop.conftest import OFFICER, SUPERVISOR
from tests.desktop.ui.conftest import press, type_into


@pytest.fixture
def users_page(open_main_window):
    window = open_main_window(SUPERVISOR)
    press(window, Qt.Key_5, Qt.ControlModifier)
    page = window.current_page()
    assert page.KEY == "users"
    return page


def _row_text(page, username: str, column: int) -> str:
    row = page.model.row_of(username)
    return page.model.index(row, column).data() if row >= 0 else ""


def test_add_user_from_the_keyboard(qtbot, users_page, station_home):
    """Add user… → name, Vietnamese full name, password twice, Enter → listed and able to log in."""
    press(users_page, Qt.Key_A, Qt.AltModifier)  # "&Add user…" (an animated click: 100 ms)
    qtbot.waitUntil(lambda: users_page.dialog is not None)
    dialog = users_page.dialog
    type_into(dialog.username, "minh")
    press(dialog.username, Qt.Key_Tab)
    type_into(dialog.full_name, "Lê Văn Minh")
    type_into(dialog.passwords.first, "Can-bo-Moi-2026")
    type_into(dialog.passwords.second, "Can-bo-Moi-2026")
    press(dialog.passwords.second, Qt.Key_Return)
    assert users_page.model.row_of("minh") >= 0
    assert users_page.selected_user().username == "minh"
    assert _row_text(users_page, "minh", ROLE) == "Officer"
    station_home.unlock("minh", "Can-bo-Moi-2026").close()


def test_duplicate_user_name_is_refused_in_the_dialog(users_page):
    """An existing name is named in the dialog, which stays open."""
    users_page.add_button.click()
    dialog = users_page.dialog
    type_into(dialog.username, OFFICER)
    type_into(dialog.passwords.first, "Some-Other-77")
    type_into(dialog.passwords.second, "Some-Other-77")
    press(dialog.passwords.second, Qt.Key_Return)
    assert "already taken" in dialog.message.text()
    assert dialog.isVisible()


def test_remove_needs_a_reason_and_locks_the_user_out(users_page, station_home):
    """Remove… refuses an empty reason; with one, the user is gone and cannot log in."""
    users_page.select_user(OFFICER)
    users_page.remove_button.click()
    dialog = users_page.dialog
    press(dialog.reason, Qt.Key_Return)
    assert "reason is required" in dialog.message.text()
    type_into(dialog.reason, "chuyển công tác")
    press(dialog.reason, Qt.Key_Return)
    assert users_page.model.row_of(OFFICER) == -1
    users_page.show_removed.setChecked(True)
    assert _row_text(users_page, OFFICER, STATUS) == "Removed"
    assert not users_page.remove_button.isEnabled()
    with pytest.raises(UserRemoved):
        station_home.unlock(OFFICER, "Canbo-Hoa-77")


def test_reset_password_lets_the_user_in_with_the_new_one(users_page, station_home):
    """Reset password… sets a new password for the selected officer."""
    users_page.select_user(OFFICER)
    users_page.reset_button.click()
    dialog = users_page.dialog
    type_into(dialog.passwords.first, "Khoa-moi-tram-88")
    type_into(dialog.passwords.second, "Khoa-moi-tram-88")
    press(dialog.passwords.second, Qt.Key_Return)
    assert not dialog.isVisible()
    station_home.unlock(OFFICER, "Khoa-moi-tram-88").close()


def test_change_role_is_shown_and_audited(users_page, station_home):
    """Change role… makes the officer a supervisor; the table and the audit log say so."""
    users_page.select_user(OFFICER)
    users_page.role_button.click()
    dialog = users_page.dialog
    dialog.role.setCurrentIndex(dialog.role.findData("supervisor"))
    press(dialog.role, Qt.Key_Return)
    assert _row_text(users_page, OFFICER, ROLE) == "Supervisor"
    session = station_home.unlock()
    with session.db.read() as conn:
        [entry] = audit.entries(conn, action=AuditAction.ROLE_CHANGED)
    session.close()
    assert (entry.target, entry.details) == (OFFICER, {"old": "officer", "new": "supervisor"})


def test_own_account_cannot_be_removed_or_demoted(users_page):
    """Your own row offers a password reset but not removal or a role change."""
    users_page.select_user(SUPERVISOR)
    assert users_page.reset_button.isEnabled()
    assert not users_page.remove_button.isEnabled()
    assert not users_page.role_button.isEnabled()


def test_last_supervisor_cannot_be_demoted(users_page):
    """Demoting the station's only supervisor is refused with the reason."""
    context = users_page.context
    dialog = ChangeRoleDialog(context.tasks, context.session, users_page.user_named(SUPERVISOR))
    dialog.role.setCurrentIndex(dialog.role.findData("officer"))
    dialog.submit()
    assert "at least one supervisor" in dialog.message.text()
