"""Keyboard focus in every dialog: the cursor starts in the first field, Tab follows the eye
(fields top to bottom, buttons last), and Space in a field never submits or cancels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QApplication, QComboBox, QWidget

from desktop.storage import backup, crypto
from desktop.ui.change_password_dialog import ChangePasswordDialog
from desktop.ui.login_window import LoginWindow
from desktop.ui.setup_wizard import SetupWizard
from desktop.ui.sync.enrol_dialog import EnrolDialog
from desktop.ui.tasks import TaskRunner
from desktop.ui.user_dialogs import AddUserDialog
from tests.desktop.conftest import SUPERVISOR


def _named(widget: QWidget | None) -> str:
    """A focused widget by object name (or text); an editable combo's line edit is the combo."""
    if widget is None:
        return "<none>"
    owner = widget.parentWidget()
    if isinstance(owner, (QComboBox, QAbstractSpinBox)):
        widget = owner
    if widget.objectName():
        return widget.objectName()
    text = widget.text() if hasattr(widget, "text") else ""
    return f"{type(widget).__name__}:{text.replace('&', '')}"


def _activate(qtbot, window: QWidget) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _tab_chain(window: QWidget, stops: int) -> list[str]:
    """Where the cursor is, then where each Tab press takes it (what a user sees)."""
    seen = [_named(QApplication.focusWidget())]
    for _ in range(stops - 1):
        QTest.keyClick(QApplication.focusWidget() or window, Qt.Key_Tab)
        seen.append(_named(QApplication.focusWidget()))
    return seen


def _space_in_each_field_keeps_the_dialog(window: QWidget, fields: list[QWidget]) -> None:
    for field in fields:
        field.setFocus()
        QTest.keyClick(field, Qt.Key_Space)
        if isinstance(field, QComboBox):
            field.hidePopup()
        assert window.isVisible(), _named(field)
        assert getattr(window, "result", lambda: 0)() == 0, _named(field)


@pytest.fixture
def session(station_home):
    opened = station_home.unlock()
    yield opened
    opened.close()


def test_setup_wizard_supervisor_step_starts_at_the_user_name(qtbot, tmp_path: Path):
    wizard = SetupWizard(tmp_path / "new", TaskRunner(threaded=False), kdf=crypto.TEST_KDF)
    qtbot.addWidget(wizard)
    _activate(qtbot, wizard)
    wizard.next()
    wizard.station_page.search.setText("ba dinh")
    wizard.station_page._choose("00004", "Phường Ba Đình")
    wizard.next()
    assert wizard.currentPage() is wizard.supervisor_page
    chain = _tab_chain(wizard, 5)
    assert chain == ["username", "fullName", "newPassword", "repeatPassword", chain[4]]
    assert isinstance(QApplication.focusWidget(), QAbstractButton)  # then the wizard's buttons
    page = wizard.supervisor_page
    _space_in_each_field_keeps_the_dialog(wizard, [page.username, page.full_name])
    assert wizard.currentPage() is page


def test_login_starts_at_the_password_of_the_only_user_then_the_buttons(qtbot, services):
    login = LoginWindow(services.station, services.tasks, user=SUPERVISOR)
    qtbot.addWidget(login)
    _activate(qtbot, login)
    assert _tab_chain(login, 5) == [
        "loginPassword",
        "QPushButton:Forgot password?",
        "QPushButton:Log in",
        "loginUser",
        "loginPassword",
    ]


def test_login_without_a_known_user_starts_at_the_user(qtbot, services):
    login = LoginWindow(services.station, services.tasks, user="")
    login.form.set_user("")
    qtbot.addWidget(login)
    _activate(qtbot, login)
    assert _tab_chain(login, 2) == ["loginUser", "loginPassword"]


def test_lock_screen_starts_at_the_password(qtbot, open_main_window):
    window = open_main_window(SUPERVISOR)
    window.lock()
    assert _tab_chain(window, 3) == [
        "loginPassword",
        "QPushButton:Forgot password?",
        "QPushButton:Unlock",
    ]


def test_add_user_starts_at_the_user_name_and_ends_with_the_buttons(qtbot, services, session):
    dialog = AddUserDialog(services.tasks, session)
    qtbot.addWidget(dialog)
    _activate(qtbot, dialog)
    assert _tab_chain(dialog, 8) == [
        "newUsername",
        "newFullName",
        "QComboBox:",
        "newPassword",
        "repeatPassword",
        "QPushButton:Add user",
        "QPushButton:Cancel",
        "newUsername",
    ]
    fields = [dialog.username, dialog.full_name, dialog.role, dialog.passwords.first]
    _space_in_each_field_keeps_the_dialog(dialog, fields)
    assert dialog.username.text() == " " and dialog.session is session


def test_change_password_starts_at_the_current_password(qtbot, services, session):
    dialog = ChangePasswordDialog(services.tasks, session)
    qtbot.addWidget(dialog)
    _activate(qtbot, dialog)
    assert _tab_chain(dialog, 6) == [
        "currentPassword",
        "newPassword",
        "repeatPassword",
        "QPushButton:Change password",
        "QPushButton:Cancel",
        "currentPassword",
    ]
    _space_in_each_field_keeps_the_dialog(dialog, [dialog.current, dialog.passwords.first])


def test_enrolment_starts_at_the_address_and_enter_never_browses(qtbot, services):
    dialog = EnrolDialog(None, services.tasks, "")  # the service is only asked on Check
    qtbot.addWidget(dialog)
    _activate(qtbot, dialog)
    assert _tab_chain(dialog, 6) == [
        "enrolServer",
        "enrolCode",
        "enrolCa",
        "QPushButton:Choose…",
        "enrolCheck",
        "QPushButton:Cancel",  # Enrol is disabled until the server was checked
    ]
    _space_in_each_field_keeps_the_dialog(dialog, [dialog.url, dialog.code, dialog.ca_path])
    QTest.keyClick(dialog.url, Qt.Key_Return)
    assert dialog.isVisible() and QApplication.activeModalWidget() in (None, dialog)


def test_restore_starts_at_the_current_password(qtbot, open_main_window, station_home, tmp_path):
    session = station_home.unlock()
    made = backup.create_backup(session, tmp_path / "b.caxbackup")
    session.close()
    window = open_main_window(SUPERVISOR)
    window.show_page("settings")
    panel = window.current_page().backup_panel
    panel.restore_from(made.path)
    dialog = panel.restore_dialog
    _activate(qtbot, dialog)
    assert _tab_chain(dialog, 6) == [
        "restoreCurrentPassword",
        "restoreUsername",
        "restorePassword",
        "QPushButton:Restore",
        "QPushButton:Cancel",
        "restoreCurrentPassword",
    ]
    _space_in_each_field_keeps_the_dialog(dialog, [dialog.current, dialog.password])
    assert not window.locked


def test_forgot_password_starts_at_the_key_and_tabs_down_the_form(qtbot, services):
    from desktop.ui.recovery_dialog import RecoveryDialog

    dialog = RecoveryDialog(services.station, services.tasks, SUPERVISOR)
    qtbot.addWidget(dialog)
    _activate(qtbot, dialog)
    assert _tab_chain(dialog, 6) == [
        "recoveryKeyInput",
        "newPassword",
        "repeatPassword",
        "QPushButton:Set new password",
        "QPushButton:Cancel",
        "recoveryUser",
    ]
