"""The main window: pages by role, shortcuts, status bar, and locking that keeps unsaved input."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import AppError
from desktop.storage import audit
from desktop.ui.main_window import MainWindow
from desktop.ui.pages.audit_log import AuditLogPage
from desktop.ui.pages.review_queue import ReviewQueuePage
from desktop.ui.pages.users import UsersPage
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD, SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.ui.conftest import make_services, press, type_into

ALL_TITLES = [
    "Dashboard",
    "New record",
    "Records",
    "Review",
    "Users",
    "Audit log",
    "Settings",
    "Periodic report",
    "Sync",
]


def _nav_titles(window) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def _unlock(window, username: str, password: str) -> None:
    form = window.lock_screen.form
    form.user.setEditText(username)
    form.password.setFocus()
    type_into(form.password, password)
    press(form.password, Qt.Key_Return)


def test_supervisor_sees_every_page_and_the_status_bar(open_main_window):
    """Every page in order; the status bar names user, role, station, sync and connection."""
    window = open_main_window(SUPERVISOR)
    assert _nav_titles(window) == ALL_TITLES
    assert window.current_page().KEY == "dashboard"
    assert "Nguyễn Văn Trưởng" in window.current_page().greeting.text()
    status = window.status
    assert status.user.text() == "Nguyễn Văn Trưởng (truong)"
    assert status.role.text() == "Supervisor"
    assert status.station.text() == "Công an phường Ba Đình"
    assert status.pending.text() == "Not enrolled for sync"
    assert "Connection not checked" in status.connectivity.text()
    status.set_pending_sync(1500)
    status.set_online(True)
    assert status.pending.text() == "Waiting to sync: 1.500"
    assert "Online" in status.connectivity.text()
    status.set_syncing(True)
    assert "Syncing" in status.connectivity.text()


def test_officer_never_sees_supervisor_pages(open_main_window):
    """An officer's window has no Review, Users or Audit page, and their shortcuts do nothing."""
    window = open_main_window(OFFICER)
    assert _nav_titles(window) == ["Dashboard", "New record", "Records", "Settings", "Sync"]
    for page_class in (ReviewQueuePage, UsersPage, AuditLogPage):
        assert window.findChildren(page_class) == []
    press(window, Qt.Key_7, Qt.ControlModifier)
    assert window.current_page().KEY == "settings"
    press(window, Qt.Key_5, Qt.ControlModifier)  # Users: not for officers
    assert window.current_page().KEY == "settings"
    assert window.status.role.text() == "Officer"


def test_ctrl_number_switches_pages(open_main_window):
    """Ctrl+1…7 go to the pages in navigation order."""
    window = open_main_window(SUPERVISOR)
    for number, key in ((7, "settings"), (6, "audit"), (5, "users"), (1, "dashboard")):
        press(window, getattr(Qt, f"Key_{number}"), Qt.ControlModifier)
        assert key == window.current_page().KEY


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_idle_lock_drops_the_key_and_unlock_restores_unsaved_input(qtbot, open_main_window):
    """Auto-lock covers the window and closes the session; the same user gets their input back."""
    window = open_main_window(SUPERVISOR)
    session = window.session
    press(window, Qt.Key_5, Qt.ControlModifier)
    window.current_page().select_user(OFFICER)
    press(window, Qt.Key_7, Qt.ControlModifier)
    settings = window.current_page()
    settings.auto_lock.setValue(25)  # typed, never applied

    window.services.idle.set_timeout_ms(100)
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    assert window.screens.currentWidget() is window.lock_screen
    assert "after a period without activity" in window.lock_screen.detail.text()
    # Named as people know each other; the user box keeps the login name to unlock with.
    assert "until Nguyễn Văn Trưởng unlocks again" in window.lock_screen.detail.text()
    with pytest.raises(AppError):
        session.data_key  # noqa: B018 (the key was dropped)
    assert window.pages() == []

    _unlock(window, SUPERVISOR, SUPERVISOR_PASSWORD)
    assert not window.locked
    assert window.current_page().KEY == "settings"
    assert window.current_page().auto_lock.value() == 25
    press(window, Qt.Key_5, Qt.ControlModifier)
    assert window.current_page().selected_user().username == OFFICER


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_another_user_after_a_lock_starts_fresh(open_main_window):
    """Ctrl+L, then an officer unlocks: none of the supervisor's input or pages remain."""
    window = open_main_window(SUPERVISOR)
    press(window, Qt.Key_7, Qt.ControlModifier)
    window.current_page().auto_lock.setValue(42)
    press(window, Qt.Key_L, Qt.ControlModifier)
    assert window.locked
    assert window.lock_screen.form.user.currentText() == SUPERVISOR
    _unlock(window, OFFICER, OFFICER_PASSWORD)
    assert window.current_page().KEY == "dashboard"
    assert window.page("settings").auto_lock.value() == 10
    assert window.page("users") is None


def test_wrong_password_on_the_lock_screen_keeps_it_locked(open_main_window):
    """The lock screen refuses a wrong password like the login window does."""
    window = open_main_window(SUPERVISOR)
    window.lock()
    _unlock(window, SUPERVISOR, "wrong-password")
    assert window.locked
    assert "Wrong password." in window.lock_screen.form.message.text()


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_log_out_forgets_unsaved_input(open_main_window):
    """Log out is a lock that keeps nothing, even for the same user."""
    window = open_main_window(SUPERVISOR)
    press(window, Qt.Key_7, Qt.ControlModifier)
    window.current_page().auto_lock.setValue(33)
    window.logout_action.trigger()
    assert window.lock_screen.title.text() == "Logged out"
    assert window.lock_screen.form.user.currentText() == ""
    _unlock(window, SUPERVISOR, SUPERVISOR_PASSWORD)
    assert window.current_page().KEY == "dashboard"
    assert window.page("settings").auto_lock.value() == 10


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_lock_and_idle_are_audited(qtbot, open_main_window, station_home):
    """Each lock writes a log-out entry with its reason before the key is dropped."""
    window = open_main_window(SUPERVISOR)
    window.lock()
    _unlock(window, SUPERVISOR, SUPERVISOR_PASSWORD)
    window.services.idle.set_timeout_ms(100)
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    session = station_home.unlock()
    with session.db.read() as conn:
        entries = audit.entries(conn, action=AuditAction.LOGOUT)
    session.close()
    assert [e.details["reason"] for e in entries] == ["idle", "lock"]


def test_lock_while_the_session_is_still_loading(qtbot, station_home):
    """Real threads: a lock that overtakes the session's loading leaves no page behind."""
    services = make_services(station_home.home, threaded=True)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.open_session(station_home.unlock())
    window.lock()
    qtbot.waitUntil(lambda: services.tasks.pending == 0)
    assert window.locked
    assert window.pages() == []
    assert window.screens.currentWidget() is window.lock_screen
    services.tasks.wait()
