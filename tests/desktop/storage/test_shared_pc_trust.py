"""Issue 13: an officer with their own password and Python, on the PC they share with others.

Each attack is played out as that officer would, against the files on disk, and must be refused
with its own code, or undone by the supervisor's ordinary upkeep, with nothing lost.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

import pytest

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import (
    KeyFileTampered,
    LoginThrottled,
    UnknownUser,
    UserRemoved,
    WrongPassword,
    WrongRecoveryKey,
)
from desktop.storage import accounts, audit, maintenance
from desktop.storage.database import Database, NotADatabase
from desktop.storage.keyslots import KeySlotFile, _canonical
from desktop.storage.login_throttle import FREE_ATTEMPTS, LoginThrottle
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD, SUPERVISOR

GHOST_SECRET = "the officer's own way back in"


def rewrite_keyfile(path: Path, change: Any) -> None:
    """Edit station.keys and fix its plain checksum, as anyone who reads the source can."""
    document = json.loads(path.read_text(encoding="utf-8"))
    document.pop("checksum")
    change(document)
    document["checksum"] = hashlib.sha256(_canonical(document)).hexdigest()
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")


# ---- Argon2id costs read from the key file are bounded -----------------------------------------


@pytest.mark.parametrize(
    ("where", "name", "value"),
    [
        ("slot", "iterations", 2**32),
        ("slot", "memory_kib", 2**40),
        ("slot", "lanes", 2**24),
        ("slot", "iterations", 0),
        ("slot", "memory_kib", 1.0e6),
        ("policy", "memory_kib", 2**40),
        ("policy", "iterations", "4"),
    ],
)
def test_an_absurd_kdf_cost_is_keyfile_tampered_at_once(station_home, where, name, value):
    """A cost that would hang every unlock (or crash Argon2) is refused before any is spent."""
    path = station_home.station.keys_path

    def change(document: dict[str, Any]) -> None:
        if where == "policy":
            document["kdf_policy"][name] = value
        else:
            next(s for s in document["slots"] if s["label"] == OFFICER)["kdf"][name] = value

    rewrite_keyfile(path, change)
    started = time.monotonic()
    with pytest.raises(KeyFileTampered) as raised:
        station_home.unlock(OFFICER, OFFICER_PASSWORD)
    assert raised.value.params["reason"] == "kdf_bounds"
    assert time.monotonic() - started < 1.0


def test_a_short_salt_is_keyfile_tampered(station_home):
    """A slot whose salt is shorter than 16 bytes was not written by CAX Desk."""

    def change(document: dict[str, Any]) -> None:
        document["slots"][0]["kdf"]["salt"] = "AAAA"

    rewrite_keyfile(station_home.station.keys_path, change)
    with pytest.raises(KeyFileTampered):
        station_home.unlock()


# ---- a hidden slot does not survive the officer's removal and a rekey --------------------------


def plant_hidden_slot(station_home, label: str = "ghost") -> Path:
    """The officer, logged in with their own password, seals the data key to a slot of their own
    (a valid MAC: they hold the key) and keeps a copy of the key file for later."""
    session = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    data_key = session.data_key
    session.close()
    path = station_home.station.keys_path
    slots = KeySlotFile.load(path)
    slots.add_slot(label, "user", GHOST_SECRET, data_key)
    slots.removed_users.discard(label)
    slots.save(path, data_key)
    kept = path.with_name("kept-by-officer.keys")
    kept.write_bytes(path.read_bytes())
    return kept


def _last(session, action: AuditAction) -> audit.AuditEntry:
    with session.db.read() as conn:
        return audit.entries(conn, limit=1, action=action)[0]


def test_rekey_drops_a_hidden_slot_and_names_it_in_the_audit_log(station_home):
    """ORPHAN_KEY_SLOT in `db check`; the rekey after removing the officer drops the slot, so
    neither the slot file nor the copy the officer kept opens the station any more."""
    kept = plant_hidden_slot(station_home)
    session = station_home.unlock()
    try:
        assert maintenance.check_database(session).orphan_slots == ["ghost"]
        accounts.remove_user(session, OFFICER, "transferred")
        result = maintenance.rotate_data_key(session)
        assert result.dropped == ["ghost"] and result.slots == 2  # supervisor and recovery
        entry = _last(session, AuditAction.KEY_ROTATED)
        assert entry.details["dropped"] == ["ghost"]
        report = maintenance.check_database(session)
        assert report.orphan_slots == [] and report.ok
    finally:
        session.close()

    slots = KeySlotFile.load(station_home.station.keys_path)
    assert set(slots.slots) == {"truong", "@recovery"}
    with pytest.raises(UnknownUser):
        station_home.unlock("ghost", GHOST_SECRET)
    # The copy still unwraps a key: the old one, which no longer opens the database.
    (old_key,) = KeySlotFile.load(kept).open_slot("ghost", GHOST_SECRET)
    with pytest.raises(NotADatabase):
        Database(station_home.station.db_path, old_key)


def test_a_removed_officers_slot_put_back_is_dropped_too(station_home):
    """The officer restores their own slot after removal (before any rekey): `db check` names it,
    and the rekey drops it rather than sealing the new key to it."""
    path = station_home.station.keys_path
    own_slot = KeySlotFile.load(path).slots[OFFICER]
    session = station_home.unlock()
    accounts.remove_user(session, OFFICER)
    data_key = session.data_key
    session.close()
    slots = KeySlotFile.load(path)
    slots.slots[OFFICER] = own_slot
    slots.removed_users.discard(OFFICER)
    slots.save(path, data_key)  # a valid MAC: the officer held the key

    session = station_home.unlock()
    try:
        assert maintenance.check_database(session).orphan_slots == [OFFICER]
        assert maintenance.rotate_data_key(session).dropped == [OFFICER]
    finally:
        session.close()
    assert OFFICER not in KeySlotFile.load(path).slots
    with pytest.raises(UserRemoved):
        station_home.unlock(OFFICER, OFFICER_PASSWORD)


# ---- the login throttle: the recovery key too, and a wiped state is audited --------------------


def test_the_recovery_key_is_throttled_like_a_password(station_home):
    """After the free tries, even the right recovery key waits (LOGIN_THROTTLED) until the delay
    has passed; a successful recovery clears the counter."""
    clock = [1_000_000.0]
    station = station_home.station
    station.throttle = LoginThrottle(station.throttle.path, clock=lambda: clock[0])
    wrong = "0000-0000-0000-0000-0000-0000-0000-0000"
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(WrongRecoveryKey):
            station.reset_password_with_recovery_key(wrong, SUPERVISOR, "Moi-Mat-Khau-2026")
    with pytest.raises(LoginThrottled) as raised:
        station.reset_password_with_recovery_key(
            station_home.recovery_key, SUPERVISOR, "Moi-Mat-Khau-2026"
        )
    assert raised.value.params["retry_after"] == 1
    clock[0] += 1.0
    station.reset_password_with_recovery_key(
        station_home.recovery_key, SUPERVISOR, "Moi-Mat-Khau-2026"
    ).close()
    assert station.throttle.seconds_to_wait("@recovery") == 0.0


def _throttle_resets(station_home) -> list[dict[str, Any]]:
    session = station_home.unlock()
    try:
        with session.db.read() as conn:
            entries = audit.entries(conn, limit=100, action=AuditAction.LOGIN_THROTTLE_RESET)
        return [entry.details for entry in entries]
    finally:
        session.close()


def _fail(station_home, times: int = FREE_ATTEMPTS - 1) -> None:
    for _ in range(times):
        with pytest.raises(WrongPassword):
            station_home.unlock(OFFICER, "guess-" + "x" * 8)


@pytest.mark.parametrize(
    ("attack", "reason"),
    [("delete", "missing"), ("delete_then_guess", "replaced"), ("put_back_older", "rolled_back")],
)
def test_wiping_the_failed_login_counters_is_audited(station_home, attack, reason):
    """Deleting login-attempts.json between guesses (so the waits never grow), or putting an older
    copy back, leaves `station.login_throttle_reset` with the reason at the next login."""
    station_home.unlock().close()  # a login leaves its marker in the database
    path = station_home.station.throttle.path
    older = path.read_bytes()
    _fail(station_home)
    station_home.unlock(OFFICER, OFFICER_PASSWORD).close()
    assert _throttle_resets(station_home) == []  # ordinary failures and logins: no reset

    _fail(station_home)
    if attack == "put_back_older":
        path.write_bytes(older)
    else:
        path.unlink()
    if attack == "delete_then_guess":
        _fail(station_home, 1)
    assert station_home.station.throttle.seconds_to_wait(OFFICER) == 0.0  # the wipe "worked"
    [details] = _throttle_resets(station_home)
    assert details["reason"] == reason
    assert _throttle_resets(station_home) == [details]  # said once, not at every later login
