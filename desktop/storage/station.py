"""One station's files (database, key slots, login attempts) and unlocking them into a session."""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, text

from desktop import paths
from desktop.core import credentials
from desktop.core.audit_actions import AuditAction
from desktop.core.errors import (
    AppError,
    DatabaseCorrupt,
    InvalidInput,
    KeyFileUnreadable,
    LoginThrottled,
    PermissionDenied,
    RoleTampered,
    StationExists,
    StationNotFound,
    UnknownUser,
    UserRemoved,
    WrongPassword,
    WrongRecoveryKey,
)
from desktop.core.permissions import Permission, Role, require
from desktop.core.station_units import check_station_code
from desktop.storage import attachments, audit, authorship, crypto, grants, migrate
from desktop.storage.database import Database, NotADatabase
from desktop.storage.keyslots import RECOVERY_LABEL, KeySlotFile, OpenedSlot
from desktop.storage.login_throttle import LoginThrottle, Marker, delay_after, reset_reason

# Settings key under which each login keeps the login-attempts file's marker (login_throttle.py).
THROTTLE_MARKER = "login_throttle_marker"


@dataclass(frozen=True)
class CurrentUser:
    id: int
    username: str
    full_name: str
    role: Role


@dataclass(frozen=True)
class StationInfo:
    id: str
    code: str
    name: str
    created_at: str


class Station:
    """The files of one station in its data directory; `unlock()` turns a password into a session."""

    def __init__(self, home: Path, *, unpacked: bool = False) -> None:
        # `unpacked`: a backup's copy being checked before a restore. It comes without its
        # login-attempts file by design, so a missing one is not reported as a reset.
        self.unpacked = unpacked
        self.home = home
        self.db_path = home / paths.DATABASE_FILE
        self.keys_path = home / paths.KEYSLOT_FILE
        self.throttle = LoginThrottle(home / paths.ATTEMPTS_FILE)

    def exists(self) -> bool:
        return self.keys_path.exists() or self.db_path.exists()

    # ---- set-up --------------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        home: Path,
        *,
        code: str,
        name: str,
        supervisor: str,
        password: str,
        full_name: str = "",
        kdf: crypto.KdfParams = crypto.DEFAULT_KDF,
    ) -> tuple[StationSession, str]:
        """Create the station with its first supervisor; returns the session and the recovery key."""
        station = cls(home)
        if station.exists():
            raise StationExists(home=str(home))
        code, name = code.strip(), " ".join(name.split())
        if not code or not name:
            raise InvalidInput(
                field="station_code" if not code else "station_name", reason="required"
            )
        check_station_code(code)
        username = credentials.normalize_username(supervisor)
        credentials.check_new_password(password, username, Role.SUPERVISOR)
        home.mkdir(parents=True, exist_ok=True, mode=0o700)

        data_key, recovery_key = crypto.random_key(), credentials.new_recovery_key()
        slots = KeySlotFile(station_id=str(uuid.uuid4()), kdf_policy=kdf)
        opened = slots.add_slot(username, "user", password, data_key)
        slots.add_slot(RECOVERY_LABEL, "recovery", recovery_key, data_key)
        grants.establish(slots, {username: str(Role.SUPERVISOR)}, set(), audit_signed_from=1)

        db = Database(station.db_path, data_key, create=True)
        db.signer = grants.signer_of(slots, opened, username)
        now = audit.utc_now()
        with db.write() as conn:
            migrate.upgrade(conn)
            conn.execute(
                text("INSERT INTO station (id, code, name, created_at) VALUES (:i, :c, :n, :t)"),
                dict(i=slots.station_id, c=code, n=name, t=now),
            )
            insert_user(conn, username, full_name, Role.SUPERVISOR, now)
            audit.append(conn, username, AuditAction.STATION_CREATED, code, {"name": name})
            audit.append(conn, username, AuditAction.USER_ADDED, username, {"role": "supervisor"})
            # Written inside the transaction: if it fails, the database is not left without keys.
            slots.save(station.keys_path, data_key)
        session = StationSession(station, db, data_key)
        session.identify(slots, opened, username)
        return session, recovery_key

    # ---- unlocking -----------------------------------------------------------------------------

    def load_slots(self) -> KeySlotFile:
        if not self.keys_path.exists():
            if self.db_path.exists():
                raise KeyFileUnreadable(path=str(self.keys_path), reason="missing")
            raise StationNotFound(home=str(self.home))
        if not self.db_path.exists():
            raise DatabaseCorrupt(reason="missing")
        return KeySlotFile.load(self.keys_path)

    def unlock(
        self, username: str, password: str, *, progress: migrate.ProgressCallback | None = None
    ) -> StationSession:
        """Open the station as `username`. Failures are counted, slowed down and later audited.
        `progress` hears how a schema upgrade advances (the first unlock after an update)."""
        slots = self.load_slots()
        try:
            username = credentials.normalize_username(username)
        except InvalidInput:
            raise UnknownUser(username=username) from None
        opened = self.check_password(slots, username, password)
        session = self._open(slots, opened, progress)
        try:
            session.identify(self.load_slots(), opened, username)
            session.record_login(self.throttle)
        except BaseException:
            session.close()
            raise
        return session

    def check_recovery_key(self, slots: KeySlotFile, recovery_key: str) -> OpenedSlot:
        """The data-key candidates the recovery key unwraps, throttled like a user's password:
        the key has 160 bits, but nothing should let anyone try them at Argon2id's full speed."""
        wait = self.throttle.seconds_to_wait(RECOVERY_LABEL)
        if wait > 0:
            raise LoginThrottled(retry_after=math.ceil(wait))
        try:
            return slots.open_slot(RECOVERY_LABEL, credentials.parse_recovery_key(recovery_key))
        except (crypto.DecryptionFailed, InvalidInput, KeyError):
            failures = self.throttle.record_failure(RECOVERY_LABEL, "wrong_recovery_key")
            raise WrongRecoveryKey(retry_after=math.ceil(delay_after(failures))) from None

    def check_password(self, slots: KeySlotFile, username: str, password: str) -> OpenedSlot:
        """The data-key candidates `password` unwraps for `username`; failures are counted and
        slowed down (LoginThrottled) before any Argon2id work is spent on a new try."""
        wait = self.throttle.seconds_to_wait(username)
        if wait > 0:
            raise LoginThrottled(retry_after=math.ceil(wait))
        if username not in slots.slots:
            removed = username in slots.removed_users
            self.throttle.record_failure(username, "removed_user" if removed else "unknown_user")
            raise (UserRemoved if removed else UnknownUser)(username=username)
        try:
            return slots.open_slot(username, password)
        except crypto.DecryptionFailed:
            failures = self.throttle.record_failure(username, "wrong_password")
            raise WrongPassword(retry_after=math.ceil(delay_after(failures))) from None

    def reset_password_with_recovery_key(
        self, recovery_key: str, username: str, new_password: str
    ) -> StationSession:
        """Forgotten supervisor password: the recovery key sets a new one and opens the station."""
        slots = self.load_slots()
        username = credentials.normalize_username(username)
        credentials.check_new_password(new_password, username, Role.SUPERVISOR)
        opened = self.check_recovery_key(slots, recovery_key)
        session = self._open(slots, opened)
        try:
            session.user = session.load_user(username)
            session.act_as_recovery(self.load_slots(), opened)
            if session.user.role is not Role.SUPERVISOR:
                raise PermissionDenied(role=str(session.user.role), permission="recovery_reset")
            session.replace_slot(username, new_password, AuditAction.PASSWORD_RESET, via="recovery")
            slots = self.load_slots()  # one more Argon2id run: the new slot proves who this is
            session.identify(slots, slots.open_slot(username, new_password), username)
            session.record_login(self.throttle, RECOVERY_LABEL)
        except BaseException:
            session.close()
            raise
        return session

    def _open(
        self,
        slots: KeySlotFile,
        candidates: OpenedSlot,
        progress: migrate.ProgressCallback | None = None,
    ) -> StationSession:
        """Open the database with the first key that fits; finish a rotation a crash interrupted."""
        for index, key in enumerate(candidates):
            try:
                db = Database(self.db_path, key)
            except NotADatabase:
                continue
            try:
                slots.verify_mac(candidates[0], self.keys_path)
                if index > 0:
                    slots.promote_next_key()
                    slots.save(self.keys_path, key)
                session = StationSession(self, db, key)
                session.upgrade_schema(slots.station_id, progress)
                # A rotation finished here may have left files only under the old key.
                session.settle_attachment_files(old_key=candidates[0] if index > 0 else None)
                return session
            except BaseException:
                db.close()
                raise
        # The key unwrapped and authenticated, so it is right: the database's first page is damaged.
        raise DatabaseCorrupt(reason="header")


def _stored_marker(conn: Connection) -> Marker | None:
    stored = conn.execute(
        text("SELECT value FROM settings WHERE key = :k"), dict(k=THROTTLE_MARKER)
    ).scalar()
    try:
        value = json.loads(stored) if stored else None
        return None if value is None else Marker(value["epoch"], int(value["generation"]))
    except (ValueError, KeyError, TypeError):
        return None


def _store_marker(conn: Connection, marker: Marker) -> None:
    conn.execute(
        text(
            "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (:k, :v, :t, '')"
            " ON CONFLICT (key) DO UPDATE SET value = :v, updated_at = :t"
        ),
        dict(k=THROTTLE_MARKER, v=json.dumps(marker.as_dict()), t=audit.utc_now()),
    )


def insert_user(conn: Connection, username: str, full_name: str, role: Role, now: str) -> None:
    conn.execute(
        text(
            "INSERT INTO users (username, full_name, role, status, created_at, password_changed_at)"
            " VALUES (:u, :f, :r, 'active', :t, :t)"
        ),
        dict(u=username, f=" ".join(full_name.split()), r=str(role), t=now),
    )


class StationSession:
    """An unlocked station: the open database, the data key, and who is logged in."""

    user: CurrentUser

    def __init__(self, station: Station, db: Database, data_key: bytes) -> None:
        self.station = station
        self.db = db
        self._data_key = bytearray(data_key)
        # Set by `identify` on a station whose roles are signed (docs/security.md): the user's
        # verified grant, the opened slot (to rewrap it on a password change) and, for a
        # supervisor or the recovery key, the station's root signing key.
        self.grant: grants.RosterUser | None = None
        self.opened: OpenedSlot | None = None
        self.root_key: Ed25519PrivateKey | None = None
        self._keys_stamp: tuple[int, int] | None = None

    # ---- who is logged in: the signed roster ---------------------------------------------------

    def identify(self, slots: KeySlotFile, opened: OpenedSlot, username: str) -> None:
        """Make `username` (whose slot `opened` is) the session's user, from the signed roster.

        The database must say what the roster says (same role, active); otherwise someone with
        the data key edited it: ROLE_TAMPERED, nothing granted. A station made before roles were
        signed gets its root key and first roster at its first supervisor login."""
        identity = grants.identify(slots, opened, username)
        self.opened = opened
        if identity is None:
            self.user = self.load_user(username)
            if self.user.role is Role.SUPERVISOR:
                self._sign_roles(opened)
            return
        self.grant, self.root_key = identity.grant, identity.root
        self.db.signer = identity.signer
        self._keys_stamp = self._stamp()
        user = self.load_user(username)
        if str(user.role) != identity.grant.role:
            raise RoleTampered(username=username, reason="database_role")
        self.user = user

    def act_as_recovery(self, slots: KeySlotFile, opened: OpenedSlot) -> None:
        """A recovery-key session: the root key from the recovery slot signs what it writes."""
        roster = grants.load_roster(slots)
        if roster is None:
            return
        grant = grants.grant_of(roster, self.user.username)
        if grant is None or grant.role != str(self.user.role) or grant.status != "active":
            raise RoleTampered(username=self.user.username, reason="database_role")
        self.root_key = grants.root_of(slots, opened)
        self.db.signer = grants.Signer(grants.ROOT_SIGNER, self.root_key)

    def _stamp(self) -> tuple[int, int]:
        info = self.station.keys_path.stat()
        return info.st_mtime_ns, info.st_size

    def check_grant(self) -> None:
        """Before every permission check: the database and the key file still say what the
        roster signed for this user (a roster changed by a supervisor meanwhile is adopted)."""
        if self.grant is None:
            return
        username = self.user.username
        if self._stamp() != self._keys_stamp:
            slots = self.station.load_slots()
            roster = grants.load_roster(slots)
            grant = None if roster is None else grants.grant_of(roster, username)
            if grant is not None and grant.status == "removed":
                raise UserRemoved(username=username)
            if roster is None:
                raise RoleTampered(username=username, reason="roster_missing")
            self.grant = grants.verified_grant(slots, roster, username)
            self._keys_stamp = self._stamp()
        with self.db.read() as conn:
            row = conn.execute(
                text("SELECT role, status FROM users WHERE username = :u"), dict(u=username)
            ).one_or_none()
        if row is None or row.role != self.grant.role or row.status != "active":
            raise RoleTampered(username=username, reason="database_role")
        self.user = replace(self.user, role=Role(self.grant.role))

    def _sign_roles(self, opened: OpenedSlot) -> None:
        """First supervisor login after the upgrade: make the root key, sign every user's grant
        as the database has it now, sign the older revisions with the root key; audited."""
        with self.db.write() as conn:
            rows = conn.execute(text("SELECT username, role, status FROM users")).all()
            active = {r.username: r.role for r in rows if r.status == "active"}
            removed = {r.username for r in rows if r.status != "active"}
            next_seq = conn.execute(text("SELECT last_seq FROM audit_anchor")).scalar_one() + 1
            slots = self.station.load_slots()
            slots.verify_mac(self.data_key, self.station.keys_path)
            root = grants.establish(slots, active, removed, audit_signed_from=next_seq)
            self.db.signer = grants.signer_of(slots, opened, self.user.username)
            conn = conn.execution_options(cax_signer=self.db.signer)
            legacy = authorship.sign_legacy_revisions(conn, root)
            details = {"users": active, "removed": sorted(removed), "legacy_revisions": legacy}
            audit.append(conn, self.user.username, AuditAction.ROLES_SIGNED, "", details)
            slots.save(self.station.keys_path, self.data_key)
        self.identify(self.station.load_slots(), opened, self.user.username)

    @property
    def data_key(self) -> bytes:
        if not self._data_key:
            raise AppError()  # a closed session is a programming error, never a user's
        return bytes(self._data_key)

    def upgrade_schema(
        self, station_id: str, progress: migrate.ProgressCallback | None = None
    ) -> None:
        with self.db.write() as conn:
            if migrate.current_revision(conn) is None:
                raise DatabaseCorrupt(reason="empty")  # set-up always migrates: this is not ours
            migrate.upgrade(conn, progress=progress)
            stored = conn.execute(text("SELECT id FROM station")).scalar()
            if stored != station_id:
                raise DatabaseCorrupt(reason="other_station")

    def settle_attachment_files(self, old_key: bytes | None = None) -> list[str]:
        """After the schema is current: the attachments a station made before files still holds
        in the database are moved into files, and the files no committed attachment names (a
        crash or a rollback during an attach) or sealed under a retired key are deleted; the
        names deleted. Costs a listing of the folder when there is nothing to do."""
        try:
            attachments.move_chunks_to_files(self.db)
            with self.db.write() as conn:
                return attachments.sweep_files(conn, old_key)
        except DatabaseCorrupt:
            # Damaged pages among the blobs: the station still opens (to be checked, backed up
            # or restored); `db check` names the pages, and no file is deleted on their word.
            return []

    def info(self) -> StationInfo:
        with self.db.read() as conn:
            row = conn.execute(text("SELECT id, code, name, created_at FROM station")).one()
        return StationInfo(*row)

    def load_user(self, username: str) -> CurrentUser:
        with self.db.read() as conn:
            row = conn.execute(
                text("SELECT id, username, full_name, role, status FROM users WHERE username = :u"),
                dict(u=username),
            ).one_or_none()
        if row is None:
            raise UnknownUser(username=username)
        if row.status != "active":
            raise UserRemoved(username=username)
        return CurrentUser(row.id, row.username, row.full_name, Role(row.role))

    def require(self, permission: Permission) -> None:
        self.check_grant()
        require(self.user.role, permission)

    def record_login(self, throttle: LoginThrottle, *also_reset: str) -> None:
        """Audit this login and every failure queued since the last one, then reset the counter
        (and those of `also_reset`: the recovery key's after a recovery).

        A login-attempts file that is not the one the last login left (deleted, damaged, replaced
        or an older copy put back: failures and their waits wiped) is audited as
        `station.login_throttle_reset` with the reason.
        """
        pending, found = throttle.pending(), throttle.marker()
        with self.db.write() as conn:
            known = _stored_marker(conn)
            reason = reset_reason(known, found)
            if reason is not None and known is not None and not self.station.unpacked:
                details = {"reason": reason, "expected": known.as_dict(), "found": found.as_dict()}
                audit.append(
                    conn, self.user.username, AuditAction.LOGIN_THROTTLE_RESET, "", details
                )
            for failure in pending:
                audit.append(
                    conn,
                    failure["username"],
                    AuditAction.LOGIN_FAILED,
                    failure["username"],
                    {"reason": failure["reason"]},
                    at=failure["at"],
                )
            audit.append(conn, self.user.username, AuditAction.LOGIN, self.user.username)
        marker = throttle.record_success(self.user.username, *also_reset, audited=len(pending))
        if marker != known:
            with self.db.write() as conn:
                _store_marker(conn, marker)

    def replace_slot(
        self, username: str, password: str, action: AuditAction, **details: str
    ) -> None:
        """Give `username` a new password: only that user's slot is rewrapped."""
        with self.db.read() as conn:
            role = conn.execute(
                text("SELECT role FROM users WHERE username = :u"), dict(u=username)
            ).scalar()
        credentials.check_new_password(password, username, role)
        with self.db.write() as conn:  # the write lock also serialises changes to the slot file
            conn.execute(
                text("UPDATE users SET password_changed_at = :t WHERE username = :u"),
                dict(t=audit.utc_now(), u=username),
            )
            audit.append(conn, self.user.username, action, username, details)
            self.update_slots(lambda slots: self._new_secret(slots, username, password))

    def _new_secret(self, slots: KeySlotFile, username: str, password: str) -> None:
        """Your own password: the same slot keys under a new password (your grant stays valid).
        Someone else's: a new slot and signing key, certified in a re-signed roster."""
        opened = self.opened
        if opened is not None and opened.label == username and username in slots.slots:
            slots.rewrap_slot(username, password, opened.private)
            return
        slots.add_slot(username, "user", password, self.data_key)
        self.resign(slots, {}, refreshed=frozenset({username}))

    def resign(
        self,
        slots: KeySlotFile,
        roles: dict[str, str | None],
        *,
        refreshed: frozenset[str] = frozenset(),
    ) -> None:
        """Re-sign the roster with this session's root key (a station without one yet: nothing)."""
        if slots.root_public_key is None:
            return
        if self.root_key is None:
            raise PermissionDenied(role=str(self.user.role), permission="sign_roles")
        grants.resign(slots, self.root_key, roles, refreshed=refreshed)

    def update_slots(self, change: Callable[[KeySlotFile], None]) -> None:
        """Re-read the slot file, check it was written by a key holder, change it, write it back.

        Call inside a write transaction: its lock serialises slot-file changes between processes,
        and a failure here rolls back the database change that goes with it.
        """
        slots = self.station.load_slots()
        slots.verify_mac(self.data_key, self.station.keys_path)
        change(slots)
        slots.save(self.station.keys_path, self.data_key)

    def adopt_data_key(self, new_key: bytes) -> None:
        """After a rotation: the session now holds the new key (the database already uses it)."""
        self._data_key[:] = new_key

    def close(self) -> None:
        """Close the database and forget the data key."""
        self.db.close()
        for i in range(len(self._data_key)):
            self._data_key[i] = 0
        self._data_key = bytearray()
