"""Unlocking: each way a login can fail has its own error, is slowed down and ends in the audit log."""

from __future__ import annotations

import pytest

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import (
    LastSupervisor,
    LoginThrottled,
    PermissionDenied,
    UnknownUser,
    UserRemoved,
    WrongPassword,
    WrongRecoveryKey,
)
from desktop.core.permissions import Role
from desktop.storage import accounts, audit
from desktop.storage.login_throttle import FREE_ATTEMPTS, LoginThrottle, delay_after
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD, SUPERVISOR, SUPERVISOR_PASSWORD


def _actions(session) -> list[tuple[str, str]]:
    with session.db.read() as conn:
        return [(e.action, e.target) for e in reversed(audit.entries(conn, limit=1000))]


def test_right_password_opens_the_station_as_that_user(station_home):
    """Each user's own password unlocks the same database, with their own role."""
    chief = station_home.unlock()
    officer = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    try:
        assert (chief.user.username, chief.user.role) == (SUPERVISOR, Role.SUPERVISOR)
        assert (officer.user.username, officer.user.role) == (OFFICER, Role.OFFICER)
        assert officer.info().name == "Công an phường Ba Đình"
    finally:
        chief.close()
        officer.close()


def test_wrong_password_is_refused_and_audited_at_next_login(station_home):
    """A wrong password raises WrongPassword; the next successful login writes it to the log."""
    with pytest.raises(WrongPassword):
        station_home.unlock(OFFICER, "not-the-password")
    session = station_home.unlock()
    try:
        assert (AuditAction.LOGIN_FAILED, OFFICER) in _actions(session)
    finally:
        session.close()


def test_unknown_and_removed_users_get_their_own_errors(station_home):
    """A name never created and a removed officer are told apart; the removed password is dead."""
    with pytest.raises(UnknownUser):
        station_home.unlock("nobody", "whatever-123")
    session = station_home.unlock()
    accounts.remove_user(session, OFFICER, reason="chuyển công tác")
    session.close()
    with pytest.raises(UserRemoved):
        station_home.unlock(OFFICER, OFFICER_PASSWORD)


def test_repeated_failures_make_the_next_attempt_wait_longer(station_home):
    """After the free attempts each failure doubles the wait, and even the right password waits."""
    clock = [1_000_000.0]
    throttle = LoginThrottle(station_home.home / "login-attempts.json", clock=lambda: clock[0])
    station = station_home.station
    station.throttle = throttle
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(WrongPassword):
            station.unlock(OFFICER, "wrong-password")
    assert throttle.seconds_to_wait(OFFICER) == delay_after(FREE_ATTEMPTS) == 1.0
    with pytest.raises(LoginThrottled) as raised:
        station.unlock(OFFICER, OFFICER_PASSWORD)
    assert raised.value.params["retry_after"] == 1
    clock[0] += 1.0
    with pytest.raises(WrongPassword):
        station.unlock(OFFICER, "wrong-again")
    assert throttle.seconds_to_wait(OFFICER) == 2.0
    clock[0] += 2.0
    session = station.unlock(OFFICER, OFFICER_PASSWORD)
    session.close()
    assert throttle.seconds_to_wait(OFFICER) == 0.0
    # Other users are not slowed down by someone else's failures.
    station.unlock(SUPERVISOR, SUPERVISOR_PASSWORD).close()


def test_recovery_key_sets_a_new_supervisor_password(station_home):
    """The recovery key (typed in lower case with spaces) resets a forgotten supervisor password."""
    typed = station_home.recovery_key.lower().replace("-", " ")
    session = station_home.station.reset_password_with_recovery_key(
        typed, SUPERVISOR, "Moi-Mat-Khau-9"
    )
    session.close()
    with pytest.raises(WrongPassword):
        station_home.unlock(SUPERVISOR, SUPERVISOR_PASSWORD)
    session = station_home.unlock(SUPERVISOR, "Moi-Mat-Khau-9")
    try:
        assert (AuditAction.PASSWORD_RESET, SUPERVISOR) in _actions(session)
    finally:
        session.close()


def test_wrong_recovery_key_and_officer_reset_are_refused(station_home):
    """A made-up recovery key fails; the real one cannot reset an officer's password."""
    with pytest.raises(WrongRecoveryKey):
        station_home.station.reset_password_with_recovery_key(
            "0000-0000-0000-0000-0000-0000-0000-0000", SUPERVISOR, "Moi-Mat-Khau-9"
        )
    with pytest.raises(PermissionDenied):
        station_home.station.reset_password_with_recovery_key(
            station_home.recovery_key, OFFICER, "Moi-Mat-Khau-9"
        )
    station_home.unlock(OFFICER, OFFICER_PASSWORD).close()  # unchanged


def test_password_change_rewraps_only_that_slot(station_home):
    """Changing one password leaves every other slot byte-for-byte as it was."""
    before = station_home.station.load_slots().slots
    session = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    accounts.change_password(session, "Doi-Ca-Truc-22")
    session.close()
    after = station_home.station.load_slots().slots
    assert after[OFFICER] != before[OFFICER]
    assert {k: v for k, v in after.items() if k != OFFICER} == {
        k: v for k, v in before.items() if k != OFFICER
    }
    station_home.unlock(OFFICER, "Doi-Ca-Truc-22").close()


def test_officers_cannot_administer_and_the_last_supervisor_stays(station_home):
    """Permission checks: officers cannot manage users; the only supervisor cannot be removed."""
    officer = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    try:
        with pytest.raises(PermissionDenied):
            accounts.add_user(officer, "hacker", Role.SUPERVISOR, "Rat-Kho-Doan-1")
        with pytest.raises(PermissionDenied):
            accounts.change_password(officer, "Doi-Ca-Truc-22", SUPERVISOR)
    finally:
        officer.close()
    chief = station_home.unlock()
    try:
        with pytest.raises(LastSupervisor):
            accounts.remove_user(chief, SUPERVISOR)
    finally:
        chief.close()
