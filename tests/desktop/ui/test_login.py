"""Login: wrong then right password, Caps Lock, slowing down after failures, recovery key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.core.errors import WrongPassword
from desktop.ui.login_window import LoginWindow
from desktop.ui.recovery_dialog import RecoveryDialog
from tests.desktop.conftest import OFFICER, SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.ui.conftest import press, type_into


@pytest.fixture
def login(qtbot, services) -> LoginWindow:
    window = LoginWindow(services.station, services.tasks, user=SUPERVISOR)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _attempt(login: LoginWindow, password: str) -> None:
    login.form.password.clear()
    type_into(login.form.password, password)
    press(login.form.password, Qt.Key_Return)


def test_wrong_then_right_password(qtbot, login):
    """A wrong password is named and the field reselected; the right one unlocks."""
    unlocked = []
    login.form.unlocked.connect(unlocked.append)
    assert login.form.user.currentText() == SUPERVISOR
    assert login.form.password.hasFocus()
    _attempt(login, "not-the-password")
    assert unlocked == []
    assert "Wrong password." in login.form.message.text()
    _attempt(login, SUPERVISOR_PASSWORD)
    assert [s.user.username for s in unlocked] == [SUPERVISOR]
    assert login.form.password.text() == ""
    unlocked[0].close()


def test_known_users_offered_without_unlocking(login):
    """The user list comes from the key-slot file: every user, never the recovery slot."""
    items = [login.form.user.itemText(i) for i in range(login.form.user.count())]
    assert items == [OFFICER, SUPERVISOR]


def test_unknown_user_is_named(login):
    """Typing a user who has no account says so."""
    login.form.user.setEditText("nobody")
    _attempt(login, "whatever-password")
    assert "There is no user \u201cnobody\u201d" in login.form.message.text()


def test_caps_lock_warning(login):
    """An upper-case letter typed without Shift shows the Caps Lock warning; lower-case hides it."""
    field = login.form.password
    QTest.sendKeyEvent(QTest.KeyAction.Click, field, Qt.Key_A, "A", Qt.NoModifier)
    assert login.form.caps.isVisible()
    QTest.sendKeyEvent(QTest.KeyAction.Click, field, Qt.Key_A, "a", Qt.NoModifier)
    assert not login.form.caps.isVisible()
    QTest.sendKeyEvent(QTest.KeyAction.Click, field, Qt.Key_A, "A", Qt.ShiftModifier)
    assert not login.form.caps.isVisible()


def test_third_failure_starts_a_countdown(qtbot, login):
    """After three wrong passwords the button waits, with the seconds counted down."""
    for _ in range(3):
        _attempt(login, "wrong-password-1")
    assert login.form.countdown.isVisible()
    assert "1 second" in login.form.countdown.text()
    assert not login.form.submit.isEnabled()
    qtbot.waitUntil(lambda: not login.form.countdown.isVisible(), timeout=3000)
    assert login.form.submit.isEnabled()


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_throttled_user_sees_countdown_and_cannot_try(qtbot, services, login):
    """A user already slowed down sees the wait at once; Enter does not spend another try."""
    for _ in range(4):
        services.station.throttle.record_failure(OFFICER, "wrong_password")
    login.form.set_user(OFFICER)
    assert login.form.countdown.isVisible()
    assert "2 second" in login.form.countdown.text()
    qtbot.waitUntil(lambda: "1 second" in login.form.countdown.text(), timeout=2500)
    _attempt(login, "still-wrong-pw")
    assert len(services.station.throttle.pending()) == 4  # the early try was never made
    qtbot.waitUntil(lambda: not login.form.countdown.isVisible(), timeout=3000)


def test_recovery_key_sets_a_new_supervisor_password(qtbot, login, station_home):
    """Forgot password → recovery key and a new password twice → unlocked; the old one fails."""
    unlocked = []
    login.form.unlocked.connect(unlocked.append)
    login.form.forgot.click()
    dialog = login.findChild(RecoveryDialog)
    assert dialog.username.text() == SUPERVISOR
    type_into(dialog.key, station_home.recovery_key.lower())
    type_into(dialog.passwords.first, "Moi-Mat-Khau-99")
    type_into(dialog.passwords.second, "Moi-Mat-Khau-99")
    press(dialog.passwords.second, Qt.Key_Return)
    assert [s.user.username for s in unlocked] == [SUPERVISOR]
    unlocked[0].close()
    assert not dialog.isVisible()
    with pytest.raises(WrongPassword):
        station_home.unlock(SUPERVISOR, SUPERVISOR_PASSWORD)
    station_home.unlock(SUPERVISOR, "Moi-Mat-Khau-99").close()


def test_recovery_with_wrong_key_or_for_an_officer_is_refused(login, station_home):
    """A wrong key is named; an officer cannot use the recovery key."""
    login.form.forgot.click()
    dialog = login.findChild(RecoveryDialog)
    type_into(dialog.key, "0000-0000-0000-0000-0000-0000-0000-0000")
    type_into(dialog.passwords.first, "Moi-Mat-Khau-99")
    type_into(dialog.passwords.second, "Moi-Mat-Khau-99")
    press(dialog.passwords.second, Qt.Key_Return)
    assert "recovery key is not correct" in dialog.message.text()
    dialog.username.setText(OFFICER)
    dialog.key.setText(station_home.recovery_key)
    press(dialog.passwords.second, Qt.Key_Return)
    assert "not allowed" in dialog.message.text()
    assert dialog.isVisible()


def test_a_slow_unlock_says_why_it_waits(qtbot, services, station_home, monkeypatch):
    """After an update the first unlock migrates the database (minutes on a big station): the
    login window explains the wait instead of looking stuck, and the text goes with the wait."""
    from desktop.ui import unlock_form
    from tests.desktop.ui.conftest import HeldTasks

    monkeypatch.setattr(unlock_form, "SLOW_UNLOCK_MS", 20)
    tasks = HeldTasks()
    form = unlock_form.UnlockForm(services.station, tasks)
    qtbot.addWidget(form)
    form.user.setEditText(SUPERVISOR)
    form.password.setText(SUPERVISOR_PASSWORD)
    form.try_unlock()
    assert form.message.text() == "Checking the password\u2026"
    qtbot.waitUntil(lambda: "can take a few minutes" in form.message.text(), timeout=2000)
    with qtbot.waitSignal(form.unlocked) as opened:
        tasks.finish_first()  # the migration is over: the session opens
    opened.args[0].close()
    assert form.message.text() == "" and not form._slow.isActive()


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_first_unlock_after_an_update_shows_a_real_progress_bar(qtbot, station_home):
    """A station at an old schema: the unlock migrates it on the database lane while the form's
    bar, fed across threads, moves step by step to the end; then the session opens."""
    from desktop.storage import migrate
    from desktop.ui.login_window import LoginWindow
    from tests.desktop.storage.old_station import build_old_station
    from tests.desktop.ui.conftest import make_services

    build_old_station(station_home).db.close()
    services = make_services(station_home.home, threaded=True)
    window = LoginWindow(services.station, services.tasks, user=SUPERVISOR)
    qtbot.addWidget(window)
    window.show()
    form = window.form
    seen: list[tuple[int, str]] = []
    form.migration.valueChanged.connect(lambda value: seen.append((value, form.message.text())))
    unlocked = []
    form.unlocked.connect(unlocked.append)
    type_into(form.password, SUPERVISOR_PASSWORD)
    press(form.password, Qt.Key_Return)
    qtbot.waitUntil(lambda: bool(unlocked), timeout=60_000)
    services.tasks.wait()
    unlocked[0].close()
    steps = len(migrate.revision_chain()) - 3  # 0004 … head
    values = [value for value, _ in seen]
    assert values == sorted(values) and values[-1] == form.migration.maximum()
    assert len(values) >= steps  # at least one move per step
    assert f"step 1 of {steps}" in seen[0][1] and f"step {steps} of {steps}" in seen[-1][1]
    assert not form.migration.isVisible()  # gone once the station is open
