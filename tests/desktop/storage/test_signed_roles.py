"""Issue 13, signed roles and authorship on the station: what an officer who holds the data key
(their own password unwraps it) can no longer do with it, and the flows that keep working."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import text

from desktop.cli import main as cli_main
from desktop.core.audit_actions import AuditAction
from desktop.core.errors import PermissionDenied, RoleTampered, UserRemoved
from desktop.core.permissions import Permission, Role
from desktop.storage import accounts, audit, backup, crypto, grants, maintenance
from desktop.storage.database import Database
from desktop.storage.keyslots import RECOVERY_LABEL, KeySlotFile
from desktop.storage.station import Station
from protocol import authorship
from protocol.messages import SignedRoster
from protocol.signing import public_key_b64
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD, SUPERVISOR, SUPERVISOR_PASSWORD

MINH, MINH_PASSWORD = "minh", "Pho-Truong-Ha-Noi-2026"


def officers_data_key(station_home) -> bytes:
    """What the officer's own password gives them: the one data key of the station."""
    return KeySlotFile.load(station_home.station.keys_path).open_slot(OFFICER, OFFICER_PASSWORD)[0]


def sql_as_officer(station_home, statement: str) -> None:
    """The officer opens the database with the data key, as a few lines of Python can."""
    db = Database(station_home.station.db_path, officers_data_key(station_home))
    try:
        with db.write() as conn:
            conn.execute(text(statement))
    finally:
        db.close()


def roles_in_database(station_home) -> dict[str, str]:
    db = Database(station_home.station.db_path, officers_data_key(station_home))
    try:
        with db.read() as conn:
            return dict(conn.execute(text("SELECT username, role FROM users")).all())
    finally:
        db.close()


@pytest.fixture
def cax(station_home, monkeypatch, capsys):
    """`cax` in this process as the officer, in English: (exit code, out, err)."""
    monkeypatch.setenv("CAX_HOME", str(station_home.home))
    monkeypatch.setenv("CAX_USER", OFFICER)
    monkeypatch.setenv("CAX_PASSWORD", OFFICER_PASSWORD)
    monkeypatch.delenv("CAX_LANG", raising=False)

    def run(*argv: str) -> tuple[int, str, str]:
        code = cli_main.main(["--lang", "en", *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


# ---- the role an officer gives themselves with the data key --------------------------------------


def test_a_role_edited_with_the_data_key_is_role_tampered_and_grants_nothing(
    station_home, cax, monkeypatch
):
    """`UPDATE users SET role='supervisor'` with the data key: the officer's unlock says
    ROLE_TAMPERED (exit 5) and `cax user add … --role supervisor` adds nobody."""
    sql_as_officer(
        station_home, f"UPDATE users SET role = 'supervisor' WHERE username = '{OFFICER}'"
    )
    with pytest.raises(RoleTampered) as raised:
        station_home.unlock(OFFICER, OFFICER_PASSWORD)
    assert raised.value.params["reason"] == "database_role"
    monkeypatch.setenv("CAX_NEW_PASSWORD", MINH_PASSWORD)
    code, _, err = cax("user", "add", MINH, "--role", "supervisor")
    assert code == 5 and "[ROLE_TAMPERED]" in err and len(err.strip().splitlines()) == 1
    assert MINH not in station_home.station.load_slots().slots
    assert MINH not in roles_in_database(station_home)
    # The supervisor still logs in, and putting the role back lets the officer in as an officer.
    station_home.unlock().close()
    sql_as_officer(station_home, f"UPDATE users SET role = 'officer' WHERE username = '{OFFICER}'")
    session = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    assert session.user.role is Role.OFFICER
    session.close()


def test_a_role_edited_during_a_session_fails_the_next_permission_check(station_home):
    session = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    try:
        session.require(Permission.CREATE_RECORDS)
        sql_as_officer(
            station_home, f"UPDATE users SET role = 'supervisor' WHERE username = '{OFFICER}'"
        )
        with pytest.raises(RoleTampered):
            session.require(Permission.MANAGE_USERS)
        with pytest.raises(RoleTampered):
            accounts.add_user(session, MINH, Role.SUPERVISOR, MINH_PASSWORD)
    finally:
        session.close()
    assert MINH not in roles_in_database(station_home)


def _rewrite_keys(station_home, change) -> None:
    """Edit station.keys and save it with a valid checksum and MAC (the officer holds the key)."""
    path = station_home.station.keys_path
    slots = KeySlotFile.load(path)
    change(slots)
    slots.save(path, officers_data_key(station_home))


def test_a_role_edited_in_the_signed_roster_is_role_tampered(station_home):
    def promote(slots: KeySlotFile) -> None:
        for user in slots.roster["body"]["users"]:
            if user["username"] == OFFICER:
                user["role"] = "supervisor"

    _rewrite_keys(station_home, promote)
    for who, password in ((OFFICER, OFFICER_PASSWORD), (SUPERVISOR, SUPERVISOR_PASSWORD)):
        with pytest.raises(RoleTampered) as raised:
            station_home.unlock(who, password)
        assert raised.value.params["reason"] == "roster_signature"


def test_a_swapped_root_key_is_caught_at_the_next_supervisor_login(station_home):
    """The officer makes a root key of their own, signs a roster naming them supervisor and
    seals that root to their own slot: the genuine supervisor's copy of the root no longer opens
    (ROLE_TAMPERED), and the server, which pinned the first root, refuses the roster."""
    fake_root = Ed25519PrivateKey.generate()

    def take_over(slots: KeySlotFile) -> None:
        roster = SignedRoster.model_validate(slots.roster)
        users = [
            u.model_copy(update={"role": "supervisor"}) if u.username == OFFICER else u
            for u in roster.body.users
        ]
        body = roster.body.model_copy(
            update={"root_public_key": public_key_b64(fake_root), "users": users}
        )
        slots.root_public_key = public_key_b64(fake_root)
        slots.roster = authorship.sign_roster(fake_root, body).model_dump(mode="json")
        slots.seal_root_key(OFFICER, fake_root.private_bytes_raw())

    _rewrite_keys(station_home, take_over)
    sql_as_officer(
        station_home, f"UPDATE users SET role = 'supervisor' WHERE username = '{OFFICER}'"
    )
    with pytest.raises(RoleTampered) as raised:
        station_home.unlock()
    assert raised.value.params["reason"] == "root_key"


def test_a_slot_swapped_for_another_users_is_role_tampered(station_home):
    """The officer replaces the supervisor's slot with one of their own (a password they know):
    logging in with it is refused, because the roster certifies another slot key."""
    data_key = officers_data_key(station_home)
    _rewrite_keys(
        station_home, lambda slots: slots.add_slot(SUPERVISOR, "user", "officers-own", data_key)
    )
    with pytest.raises(RoleTampered) as raised:
        station_home.station.unlock(SUPERVISOR, "officers-own")
    assert raised.value.params["reason"] == "slot_key"


# ---- the flows that keep working -------------------------------------------------------------------


def _roster(station_home) -> SignedRoster:
    roster = grants.load_roster(station_home.station.load_slots())
    assert roster is not None
    return roster


def test_adding_promoting_and_removing_users_re_signs_the_roster(station_home):
    first = _roster(station_home).body.seq
    session = station_home.unlock()
    try:
        accounts.add_user(session, MINH, Role.OFFICER, MINH_PASSWORD)
        accounts.change_role(session, MINH, Role.SUPERVISOR)
    finally:
        session.close()
    roster = _roster(station_home)
    assert roster.body.seq == first + 2
    assert authorship.grant_of(roster, MINH).role == "supervisor"
    minh = Station(station_home.home).unlock(MINH, MINH_PASSWORD)
    try:
        assert minh.root_key is not None  # a new supervisor holds the root key and may sign
        accounts.change_role(minh, OFFICER, Role.SUPERVISOR)
        accounts.change_role(minh, OFFICER, Role.OFFICER)
        accounts.remove_user(minh, SUPERVISOR)
    finally:
        minh.close()
    roster = _roster(station_home)
    assert authorship.grant_of(roster, SUPERVISOR).status == "removed"
    officer = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    assert officer.user.role is Role.OFFICER and officer.root_key is None
    officer.close()
    slots = station_home.station.load_slots()
    assert slots.slots[OFFICER].sealed_root_key is None  # a demoted user loses the root key
    with pytest.raises(UserRemoved):
        station_home.unlock()


def test_an_officer_cannot_re_sign_the_roster(station_home):
    session = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    try:
        with pytest.raises(PermissionDenied):
            session.update_slots(lambda slots: session.resign(slots, {OFFICER: "supervisor"}))
    finally:
        session.close()


def test_password_changes_and_resets_keep_every_signature_verifiable(station_home):
    """Own change: same keys under a new password. A supervisor's reset and a recovery reset: a
    new signing key, certified beside the old one, so older entries still verify."""
    officer = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    accounts.change_password(officer, "Mat-Khau-Moi-Cua-Toi-1")
    officer.close()
    officer = station_home.unlock(OFFICER, "Mat-Khau-Moi-Cua-Toi-1")
    officer.close()
    chief = station_home.unlock()
    accounts.change_password(chief, "Dat-Lai-Cho-Can-Bo-2026", username=OFFICER)
    chief.close()
    assert len(authorship.grant_of(_roster(station_home), OFFICER).signing_keys) == 2
    station_home.unlock(OFFICER, "Dat-Lai-Cho-Can-Bo-2026").close()
    recovered = station_home.station.reset_password_with_recovery_key(
        station_home.recovery_key, SUPERVISOR, "Khoi-Phuc-Chi-Huy-2026"
    )
    try:
        report = maintenance.verify_audit(recovered)
    finally:
        recovered.close()
    assert report.ok, report.first_break


def test_rekey_with_a_new_recovery_key_gives_it_the_root_key(station_home):
    session = station_home.unlock()
    try:
        result = maintenance.rotate_data_key(session, new_recovery_key=True)
    finally:
        session.close()
    session = station_home.station.reset_password_with_recovery_key(
        result.recovery_key, SUPERVISOR, "Sau-Khi-Thay-Khoa-2026"
    )
    try:
        accounts.add_user(session, MINH, Role.OFFICER, MINH_PASSWORD)
        assert maintenance.verify_audit(session).ok
    finally:
        session.close()


# ---- the audit log: rewritten and re-chained ---------------------------------------------------


def rewrite_and_rechain(station_home, seq: int, details: dict) -> None:
    """What an officer with the data key does to an entry: drop the triggers, change it, and
    recompute every hash from there on and the anchor, so the chain itself holds."""
    db = Database(station_home.station.db_path, officers_data_key(station_home))
    try:
        with db.write() as conn:
            conn.execute(text("DROP TRIGGER audit_log_no_update"))
            rows = conn.execute(
                text(
                    "SELECT seq, at, actor, action, target, details FROM audit_log "
                    "WHERE seq >= :s ORDER BY seq"
                ),
                dict(s=seq),
            ).all()
            prev = conn.execute(
                text("SELECT hash FROM audit_log WHERE seq = :s"), dict(s=seq - 1)
            ).scalar_one()
            for row in rows:
                entry_details = json.dumps(details, sort_keys=True, separators=(",", ":"))
                entry_details = entry_details if row.seq == seq else row.details
                digest = audit.entry_hash(
                    row.seq, row.at, row.actor, row.action, row.target, entry_details, prev
                )
                conn.execute(
                    text(
                        "UPDATE audit_log SET details = :d, prev_hash = :p, hash = :h "
                        "WHERE seq = :s"
                    ),
                    dict(d=entry_details, p=prev, h=digest, s=row.seq),
                )
                prev = digest
            conn.execute(text("UPDATE audit_anchor SET last_hash = :h WHERE id = 1"), dict(h=prev))
    finally:
        db.close()


def test_a_rewritten_and_re_chained_audit_entry_fails_its_signature(station_home, cax, monkeypatch):
    session = station_home.unlock()
    with session.db.read() as conn:
        added = audit.entries(conn, limit=1, action=AuditAction.USER_ADDED)[0]
        assert added.signed_by == SUPERVISOR and added.signature
    session.close()
    rewrite_and_rechain(station_home, added.seq, {"role": "supervisor"})
    monkeypatch.setenv("CAX_USER", SUPERVISOR)
    monkeypatch.setenv("CAX_PASSWORD", SUPERVISOR_PASSWORD)
    code, out, err = cax("audit", "verify")
    assert code == 1, err
    assert f"entry {added.seq}" in out and "[AUDIT_SIGNATURE_INVALID]" in out


def test_an_intact_log_verifies_with_its_signatures(station_home, cax, monkeypatch):
    monkeypatch.setenv("CAX_USER", SUPERVISOR)
    monkeypatch.setenv("CAX_PASSWORD", SUPERVISOR_PASSWORD)
    code, out, _ = cax("audit", "verify")
    assert code == 0 and "intact" in out


# ---- a station made before roles were signed ------------------------------------------------------


def make_legacy(home: Path, data_key: bytes) -> None:
    """Take the roster, the root key and the signing keys out of the key file, and the
    signatures out of the database: a station as an older version left it."""
    path = home / "station.keys"
    slots = KeySlotFile.load(path)
    slots.root_public_key, slots.roster = None, None
    for label, slot in list(slots.slots.items()):
        slots.slots[label] = type(slot)(
            **{
                **slot.__dict__,
                "signing_public_key": None,
                "sealed_signing_key": None,
                "sealed_root_key": None,
            }
        )
    slots.save(path, data_key)
    db = Database(home / "station.db", data_key)
    try:
        with db.write() as conn:
            conn.execute(text("UPDATE record_revisions SET signed_by = NULL, signature = NULL"))
    finally:
        db.close()


def test_the_first_supervisor_login_after_the_upgrade_signs_the_roles(station_home):
    make_legacy(station_home.home, officers_data_key(station_home))
    officer = station_home.unlock(OFFICER, OFFICER_PASSWORD)  # before: as the database says
    assert officer.grant is None and officer.user.role is Role.OFFICER
    officer.close()
    chief = station_home.unlock()
    try:
        assert chief.grant is not None and chief.root_key is not None
        with chief.db.read() as conn:
            signed = audit.entries(conn, limit=1, action=AuditAction.ROLES_SIGNED)[0]
        assert signed.details["users"] == {SUPERVISOR: "supervisor", OFFICER: "officer"}
        assert maintenance.verify_audit(chief).ok
    finally:
        chief.close()
    roster = _roster(station_home)
    assert roster.body.audit_signed_from == signed.seq
    slots = station_home.station.load_slots()
    assert slots.slots[RECOVERY_LABEL].sealed_root_key is not None
    officer = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    assert officer.grant is not None and officer.grant.role == "officer"
    officer.close()


def test_keys_are_sealed_so_the_officer_password_reveals_no_root_key(station_home):
    slots = station_home.station.load_slots()
    opened = slots.open_slot(OFFICER, OFFICER_PASSWORD)
    with pytest.raises(crypto.DecryptionFailed):
        slots.root_key(opened)
    with pytest.raises(RoleTampered):
        grants.root_of(slots, opened)


def test_an_officer_made_supervisor_in_the_database_cannot_restore_over_the_station(
    station_home, tmp_path
):
    session = station_home.unlock()
    try:
        backup.create_backup(session, tmp_path / "old.caxbackup")
    finally:
        session.close()
    sql_as_officer(
        station_home, f"UPDATE users SET role = 'supervisor' WHERE username = '{OFFICER}'"
    )
    before = station_home.station.db_path.read_bytes()
    with pytest.raises(RoleTampered):
        backup.restore_backup(
            station_home.home,
            tmp_path / "old.caxbackup",
            SUPERVISOR,
            SUPERVISOR_PASSWORD,
            current=backup.Credential(OFFICER, OFFICER_PASSWORD),
        )
    assert station_home.station.db_path.read_bytes() == before


def test_db_check_names_a_user_whose_role_was_edited(station_home):
    sql_as_officer(
        station_home, f"UPDATE users SET role = 'supervisor' WHERE username = '{OFFICER}'"
    )
    session = station_home.unlock()
    try:
        report = maintenance.check_database(session)
    finally:
        session.close()
    assert not report.ok and f"ROLE_TAMPERED: {OFFICER}" in report.database_problems
