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
    CurrentLoginRequired,
    KeyFileTampered,
    LoginThrottled,
    PermissionDenied,
    UnknownUser,
    UserRemoved,
    WrongPassword,
    WrongRecoveryKey,
)
from desktop.core.permissions import Role
from desktop.storage import accounts, audit, backup, crypto, maintenance
from desktop.storage.database import Database, NotADatabase
from desktop.storage.keyslots import KeySlotFile, _canonical
from desktop.storage.login_throttle import FREE_ATTEMPTS, LoginThrottle
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD, SUPERVISOR, SUPERVISOR_PASSWORD

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


# ---- restoring over a station needs a credential of that station -------------------------------

MINH, MINH_PASSWORD = "minh", "Pho-Truong-Le-2026"


def _station_files(home: Path) -> dict[str, bytes]:
    return {name: (home / name).read_bytes() for name in ("station.db", "station.keys")}


@pytest.fixture
def old_backup(station_home, tmp_path) -> Path:
    """A backup made while the deputy `minh` was a supervisor; he was removed afterwards, and
    kept the backup and his password."""
    session = station_home.unlock()
    try:
        accounts.add_user(session, MINH, Role.SUPERVISOR, MINH_PASSWORD, "Lê Minh")
        made = backup.create_backup(session, tmp_path / "old.caxbackup")
        accounts.remove_user(session, MINH, "transferred")
    finally:
        session.close()
    return made.path


def test_a_removed_supervisor_cannot_restore_an_old_backup_over_the_station(
    station_home, old_backup
):
    """His backup password alone: CURRENT_LOGIN_REQUIRED; his own current login: USER_REMOVED;
    an officer's: PERMISSION_DENIED. The station's files stay exactly as they were."""
    home = station_home.home
    before = _station_files(home)
    with pytest.raises(CurrentLoginRequired):
        backup.restore_backup(home, old_backup, MINH, MINH_PASSWORD)
    with pytest.raises(UserRemoved):
        backup.restore_backup(
            home, old_backup, MINH, MINH_PASSWORD, current=backup.Credential(MINH, MINH_PASSWORD)
        )
    with pytest.raises(PermissionDenied):
        backup.restore_backup(
            home,
            old_backup,
            MINH,
            MINH_PASSWORD,
            current=backup.Credential(OFFICER, OFFICER_PASSWORD),
        )
    with pytest.raises(WrongRecoveryKey):
        backup.restore_backup(
            home,
            old_backup,
            MINH,
            MINH_PASSWORD,
            current=backup.Credential(recovery_key="0000-0000-0000-0000-0000-0000-0000-0000"),
        )
    assert _station_files(home) == before
    assert not any(p.name.startswith("before-restore-") for p in home.iterdir())


@pytest.mark.parametrize("by", ["supervisor", "recovery_key"])
def test_a_restore_that_revives_removed_users_names_them(station_home, old_backup, by):
    """The current supervisor (or the recovery key) allows it; the users the backup brings back
    are named in the result and in the audit entry, so they can be removed again and the key
    rotated."""
    current = (
        backup.Credential(SUPERVISOR, SUPERVISOR_PASSWORD)
        if by == "supervisor"
        else backup.Credential(recovery_key=station_home.recovery_key)
    )
    prepared = backup.prepare_restore(
        station_home.home, old_backup, SUPERVISOR, SUPERVISOR_PASSWORD, current=current
    )
    assert prepared.revived_users == (MINH,)
    result = backup.apply_restore(prepared)
    assert result.revived_users == (MINH,) and result.moved_aside is not None
    session = station_home.unlock()
    try:
        entry = _last(session, AuditAction.BACKUP_RESTORED)
        assert entry.details["revived_users"] == [MINH]
        assert entry.details["authorised_by"] == (SUPERVISOR if by == "supervisor" else "@recovery")
        assert _last(session, AuditAction.LOGIN).target == SUPERVISOR
        with session.db.read() as conn:  # the restored station starts a fresh throttle file
            resets = audit.entries(conn, action=AuditAction.LOGIN_THROTTLE_RESET)
        assert resets == []
    finally:
        session.close()


def test_a_restore_into_an_empty_home_needs_only_the_backups_password(old_backup, tmp_path):
    """Disaster recovery on a new PC: nothing there to ask a current credential of."""
    result = backup.restore_backup(tmp_path / "new-pc", old_backup, MINH, MINH_PASSWORD)
    assert result.moved_aside is None and result.revived_users == ()


def test_a_new_recovery_key_ends_a_replaced_recovery_slot(station_home):
    """The officer replaced the recovery slot with one of their own (a valid MAC: they held the
    key); nothing can tell it from the real one, so a plain rekey keeps it. `rekey` with a new
    recovery key makes the slot anew: the officer's secret opens nothing, the new key works."""
    session = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    data_key = session.data_key
    session.close()
    path = station_home.station.keys_path
    slots = KeySlotFile.load(path)
    slots.add_slot("@recovery", "recovery", GHOST_SECRET, data_key)
    slots.save(path, data_key)

    session = station_home.unlock()
    try:
        accounts.remove_user(session, OFFICER)
        assert maintenance.check_database(session).ok  # the slot looks right
        result = maintenance.rotate_data_key(session, new_recovery_key=True)
        assert _last(session, AuditAction.KEY_ROTATED).details["new_recovery_key"] is True
    finally:
        session.close()
    with pytest.raises(crypto.DecryptionFailed):
        KeySlotFile.load(path).open_slot("@recovery", GHOST_SECRET)
    station_home.station.reset_password_with_recovery_key(
        result.recovery_key, SUPERVISOR, "Moi-Sau-Khi-Thay-2026"
    ).close()
