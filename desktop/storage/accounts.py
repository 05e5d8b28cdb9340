"""User administration on an unlocked station: add, list, change password, remove."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from desktop.core import credentials
from desktop.core.audit_actions import AuditAction
from desktop.core.errors import LastSupervisor, UnknownUser, UserExists, UserRemoved
from desktop.core.permissions import Permission, Role
from desktop.storage import audit
from desktop.storage.keyslots import KeySlotFile
from desktop.storage.station import StationSession, insert_user


@dataclass(frozen=True)
class UserInfo:
    username: str
    full_name: str
    role: Role
    status: str
    created_at: str
    password_changed_at: str


def list_users(session: StationSession, *, include_removed: bool = False) -> list[UserInfo]:
    session.require(Permission.MANAGE_USERS)
    where = "" if include_removed else "WHERE status = 'active'"
    with session.db.read() as conn:
        rows = conn.execute(
            text(
                "SELECT username, full_name, role, status, created_at, password_changed_at "
                f"FROM users {where} ORDER BY username"
            )
        ).all()
    return [UserInfo(r[0], r[1], Role(r[2]), *r[3:]) for r in rows]


def add_user(
    session: StationSession, username: str, role: Role, password: str, full_name: str = ""
) -> None:
    session.require(Permission.MANAGE_USERS)
    username = credentials.normalize_username(username)
    credentials.check_new_password(password, username, role)
    with session.db.write() as conn:
        existing = conn.execute(
            text("SELECT status FROM users WHERE username = :u"), dict(u=username)
        ).scalar()
        if existing is not None:
            # A removed user's name stays taken: the audit log must keep meaning one person.
            raise UserExists(username=username, status=existing)
        insert_user(conn, username, full_name, role, audit.utc_now())
        audit.append(conn, session.user.username, AuditAction.USER_ADDED, username, {"role": role})

        def add_slot(slots: KeySlotFile) -> None:
            slots.add_slot(username, "user", password, session.data_key)
            session.resign(slots, {username: str(role)}, refreshed=frozenset({username}))

        session.update_slots(add_slot)


def change_password(session: StationSession, new_password: str, username: str = "") -> None:
    """Change your own password, or (supervisors) set a new one for another user."""
    target = credentials.normalize_username(username) if username else session.user.username
    if target == session.user.username:
        session.require(Permission.CHANGE_OWN_PASSWORD)
        session.replace_slot(target, new_password, AuditAction.PASSWORD_CHANGED)
        return
    session.require(Permission.MANAGE_USERS)
    with session.db.read() as conn:
        _active_role(conn, target)
    session.replace_slot(target, new_password, AuditAction.PASSWORD_RESET, via="supervisor")


def remove_user(session: StationSession, username: str, reason: str = "") -> None:
    """Delete the user's key slot and mark them removed; their name and history stay in the log."""
    session.require(Permission.MANAGE_USERS)
    username = credentials.normalize_username(username)
    with session.db.write() as conn:
        if _active_role(conn, username) == Role.SUPERVISOR:
            _require_another_supervisor(conn, username)
        conn.execute(
            text("UPDATE users SET status = 'removed', removed_at = :t WHERE username = :u"),
            dict(t=audit.utc_now(), u=username),
        )
        audit.append(
            conn, session.user.username, AuditAction.USER_REMOVED, username, {"reason": reason}
        )

        def remove_slot(slots: KeySlotFile) -> None:
            slots.remove_slot(username)
            session.resign(slots, {username: None})

        session.update_slots(remove_slot)


def change_role(session: StationSession, username: str, role: Role) -> None:
    """Give `username` a new role; the last active supervisor cannot be demoted."""
    session.require(Permission.MANAGE_USERS)
    username, role = credentials.normalize_username(username), Role(role)
    with session.db.write() as conn:
        old = _active_role(conn, username)
        if old == role:
            return
        if old == Role.SUPERVISOR:
            _require_another_supervisor(conn, username)
        conn.execute(
            text("UPDATE users SET role = :r WHERE username = :u"), dict(r=str(role), u=username)
        )
        details = {"old": str(old), "new": str(role)}
        audit.append(conn, session.user.username, AuditAction.ROLE_CHANGED, username, details)
        session.update_slots(lambda slots: session.resign(slots, {username: str(role)}))


def verify_password(session: StationSession, password: str) -> None:
    """Check the logged-in user's password again (before changing it), throttled like a login."""
    station = session.station
    station.check_password(station.load_slots(), session.user.username, password)


def _require_another_supervisor(conn: Connection, username: str) -> None:
    others = conn.execute(
        text(
            "SELECT count(*) FROM users WHERE role = 'supervisor' AND status = 'active' "
            "AND username != :u"
        ),
        dict(u=username),
    ).scalar_one()
    if others == 0:
        raise LastSupervisor(username=username)


def _active_role(conn: Connection, username: str) -> Role:
    """The role of an active user; UnknownUser or UserRemoved otherwise."""
    row = conn.execute(
        text("SELECT role, status FROM users WHERE username = :u"), dict(u=username)
    ).one_or_none()
    if row is None:
        raise UnknownUser(username=username)
    if row.status != "active":
        raise UserRemoved(username=username)
    return Role(row.role)
