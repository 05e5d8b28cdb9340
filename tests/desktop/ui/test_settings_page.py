"""The Settings page: auto-lock minutes (supervisors), this PC's language, my password."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.core.audit_actions import AuditAction
from desktop.storage import audit, settings
from tests.desktop.conftest import OFFICER, SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.ui.conftest import press, type_into


def _settings_page(open_main_window, username: str):
    window = open_main_window(username)
    press(window, Qt.Key_7, Qt.ControlModifier)
    return window, window.current_page()


def test_supervisor_changes_auto_lock_for_the_station(open_main_window, station_home):
    """Apply stores the minutes (audited) and the idle timer follows at once."""
    window, page = _settings_page(open_main_window, SUPERVISOR)
    assert page.auto_lock.value() == 10
    page.auto_lock.setValue(15)
    page.apply_button.click()
    assert window.services.idle.timeout_ms == 15 * 60_000
    assert "locks after 15 minute" in window.status.currentMessage()
    session = station_home.unlock()
    assert settings.auto_lock_minutes(session) == 15
    with session.db.read() as conn:
        [entry] = audit.entries(conn, action=AuditAction.SETTINGS_CHANGED)
    session.close()
    assert entry.details == {"key": "auto_lock_minutes", "old": 10, "new": 15}


def test_auto_lock_setting_is_used_at_the_next_login(open_main_window, station_home):
    """A stored value sets the idle timer when a session opens."""
    session = station_home.unlock()
    settings.set_setting(session, settings.AUTO_LOCK_MINUTES, 3)
    session.close()
    window, page = _settings_page(open_main_window, OFFICER)
    assert window.services.idle.timeout_ms == 3 * 60_000
    assert page.auto_lock.value() == 3


def test_officer_cannot_change_station_settings(open_main_window):
    """Officers see the auto-lock minutes but cannot edit or apply them."""
    _window, page = _settings_page(open_main_window, OFFICER)
    assert not page.auto_lock.isEnabled()
    assert not page.apply_button.isVisible()
    assert "Only a supervisor" in page.station_note.text()


def test_language_choice_is_saved_for_this_computer(open_main_window, services):
    """Choosing English is remembered in this PC's preferences, with a note about restarting."""
    _window, page = _settings_page(open_main_window, OFFICER)
    page.language.setCurrentIndex(page.language.findData("vi"))
    assert services.preferences.load().language == "vi"
    assert "next time" in page.language_note.text()


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_change_my_password_checks_the_current_one(open_main_window, station_home):
    """A wrong current password is refused; the right one lets the new password in."""
    _window, page = _settings_page(open_main_window, SUPERVISOR)
    page.password_button.click()
    dialog = page.dialog
    type_into(dialog.current, "not-my-password")
    type_into(dialog.passwords.first, "Khoa-Moi-Tram-2026")
    type_into(dialog.passwords.second, "Khoa-Moi-Tram-2026")
    press(dialog.passwords.second, Qt.Key_Return)
    assert "Wrong password." in dialog.message.text()
    dialog.current.clear()
    type_into(dialog.current, SUPERVISOR_PASSWORD)
    press(dialog.passwords.second, Qt.Key_Return)
    assert page.password_note.text() == "Password changed."
    station_home.unlock(SUPERVISOR, "Khoa-Moi-Tram-2026").close()


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_supervisor_sets_the_crime_report_transfer_limit(open_main_window, station_home):
    """The dashboard's deadline for transferring a crime report is the station's to set."""
    _window, page = _settings_page(open_main_window, SUPERVISOR)
    assert page.transfer_hours.value() == 24
    page.transfer_hours.setValue(12)
    page.apply_button.click()
    session = station_home.unlock()
    assert settings.transfer_hours(session) == 12
    session.close()
    _window, again = _settings_page(open_main_window, OFFICER)
    assert again.transfer_hours.value() == 12 and not again.transfer_hours.isEnabled()
