"""Centre accounts of the web console: creation, passwords, the two sign-in factors, throttling.

Every change and every sign-in attempt is written to the console audit log in the same
transaction as the change itself."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, Row, insert, select, update

from protocol.errors import ErrorCode
from server.core import passwords, totp
from server.core.sql import as_utc
from server.errors import ServerError
from server.models import AdminUnit, ConsoleAccount, Station
from server.services import console_audit, console_sessions

_users = ConsoleAccount.__table__
_units = AdminUnit.__table__
_stations = Station.__table__

ROLES = ("admin", "reviewer", "viewer")
SCOPES = ("all", "province", "station")
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")
# After this many failures in a row each further one locks sign-in for a delay that doubles.
FREE_FAILURES = 5
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)


class LoginThrottled(ServerError):
    """Too many failures: no password is even checked before `until`."""

    def __init__(self, until: datetime, failures: int) -> None:
        super().__init__(ErrorCode.LOGIN_THROTTLED, f"sign-in refused until {until.isoformat()}")
        self.until = until
        self.failures = failures


@dataclass(frozen=True)
class UserRow:
    id: int
    name: str
    full_name: str
    role: str
    scope_kind: str
    scope_code: str | None
    totp_enrolled: bool
    disabled_at: datetime | None
    created_at: datetime

    @property
    def needs_totp(self) -> bool:
        """Admins and reviewers must have a second factor; viewers may choose one."""
        return self.role in ("admin", "reviewer") or self.totp_enrolled

    @property
    def scope_text(self) -> str:
        return (
            self.scope_kind if self.scope_kind == "all" else f"{self.scope_kind}:{self.scope_code}"
        )


_COLUMNS = (
    _users.c.id,
    _users.c.name,
    _users.c.full_name,
    _users.c.role,
    _users.c.scope_kind,
    _users.c.scope_code,
    _users.c.totp_enrolled,
    _users.c.disabled_at,
    _users.c.created_at,
)


def _row(r: Row) -> UserRow:
    return UserRow(
        r.id,
        r.name,
        r.full_name,
        r.role,
        r.scope_kind,
        r.scope_code,
        bool(r.totp_enrolled),
        as_utc(r.disabled_at) if r.disabled_at else None,
        as_utc(r.created_at),
    )


def normalize_name(raw: str) -> str:
    name = unicodedata.normalize("NFC", raw).strip().lower()
    if not NAME_PATTERN.match(name):
        raise ServerError(
            ErrorCode.BAD_ARGUMENT,
            "user name: 3-32 characters, lower-case letters a-z, digits, '.', '_' or '-', "
            "starting with a letter or digit",
        )
    return name


def parse_scope(text: str) -> tuple[str, str | None]:
    """`all`, `province:CODE` or `station:CODE` → (kind, code)."""
    kind, _, code = text.strip().partition(":")
    kind, code = kind.strip().lower(), code.strip()
    if kind == "all" and not code:
        return "all", None
    if kind in ("province", "station") and code:
        return kind, code
    raise ServerError(
        ErrorCode.BAD_ARGUMENT, "scope: all, province:CODE or station:CODE (e.g. province:01)"
    )


def _check_scope(conn: Connection, kind: str, code: str | None) -> None:
    if kind == "province":
        found = conn.execute(
            select(_units.c.code).where(_units.c.code == code, _units.c.level == "province")
        ).first()
        if found is None:
            raise ServerError(ErrorCode.UNKNOWN_UNIT, f"no province with code {code}")
    elif kind == "station":
        found = conn.execute(select(_stations.c.id).where(_stations.c.code == code)).first()
        if found is None:
            raise ServerError(
                ErrorCode.UNKNOWN_UNIT, f"no station with code {code} (add it with `station add`)"
            )


def add_user(
    engine: Engine,
    name: str,
    role: str,
    scope: str,
    password: str,
    full_name: str = "",
    actor: str = "cli",
) -> UserRow:
    """A new account; the second factor is set up at its first sign-in."""
    name = normalize_name(name)
    if role not in ROLES:
        raise ServerError(ErrorCode.BAD_ARGUMENT, "role: admin, reviewer or viewer")
    kind, code = parse_scope(scope)
    full_name = " ".join(unicodedata.normalize("NFC", full_name).split())
    if len(full_name) > 200:
        raise ServerError(ErrorCode.BAD_ARGUMENT, "full name: at most 200 characters")
    passwords.check_new_password(password, name)
    hashed = passwords.hash_password(password)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        _check_scope(conn, kind, code)
        if conn.execute(select(_users.c.id).where(_users.c.name == name)).first():
            raise ServerError(ErrorCode.USER_EXISTS, f"user {name} already exists")
        conn.execute(
            insert(_users).values(
                name=name,
                full_name=full_name,
                role=role,
                scope_kind=kind,
                scope_code=code,
                password_hash=hashed,
                totp_secret=None,
                totp_enrolled=False,
                totp_last_step=0,
                created_at=now,
                password_changed_at=now,
                failed_logins=0,
            )
        )
        console_audit.append(
            conn, actor, "user.added", name, {"role": role, "scope": scope.strip().lower()}
        )
        row = conn.execute(select(*_COLUMNS).where(_users.c.name == name)).one()
    return _row(row)


def list_users(engine: Engine) -> list[UserRow]:
    with engine.connect() as conn:
        return [_row(r) for r in conn.execute(select(*_COLUMNS).order_by(_users.c.name))]


def get_user(conn: Connection, name: str) -> UserRow:
    row = conn.execute(select(*_COLUMNS).where(_users.c.name == name)).first()
    if row is None:
        raise ServerError(ErrorCode.USER_NOT_FOUND, f"no console user {name}")
    return _row(row)


def set_password(
    engine: Engine,
    name: str,
    password: str,
    actor: str = "cli",
    keep_session: int | None = None,
) -> None:
    """A new password; the user's other sessions end and the failure counter is cleared."""
    name = name.strip().lower()
    passwords.check_new_password(password, name)
    hashed = passwords.hash_password(password)
    with engine.begin() as conn:
        user = get_user(conn, name)
        conn.execute(
            update(_users)
            .where(_users.c.id == user.id)
            .values(
                password_hash=hashed,
                password_changed_at=datetime.now(UTC),
                failed_logins=0,
                locked_until=None,
            )
        )
        console_sessions.end_all(conn, user.id, keep=keep_session)
        console_audit.append(conn, actor, "user.password_changed", name, {})


def change_own_password(
    engine: Engine, user_id: int, current: str, new: str, session_id: int
) -> None:
    """The account page: the current password first (WRONG → LOGIN_FAILED), then the rules."""
    with engine.connect() as conn:
        row = conn.execute(
            select(_users.c.name, _users.c.password_hash).where(_users.c.id == user_id)
        ).one()
    if not passwords.verify_password(current, row.password_hash):
        with engine.begin() as conn:
            console_audit.append(
                conn, row.name, "user.password_change_failed", row.name, {"reason": "password"}
            )
        raise ServerError(ErrorCode.LOGIN_FAILED, "the current password is wrong")
    set_password(engine, row.name, new, actor=row.name, keep_session=session_id)


def disable_user(engine: Engine, name: str, actor: str = "cli") -> None:
    """The account can no longer sign in; its open sessions end now. Its history stays."""
    name = name.strip().lower()
    with engine.begin() as conn:
        user = get_user(conn, name)
        if user.disabled_at is not None:
            raise ServerError(ErrorCode.USER_DISABLED, f"user {name} is already disabled")
        conn.execute(
            update(_users).where(_users.c.id == user.id).values(disabled_at=datetime.now(UTC))
        )
        console_sessions.end_all(conn, user.id)
        console_audit.append(conn, actor, "user.disabled", name, {})


# --- Signing in ------------------------------------------------------------------------------


def _locked_row(conn: Connection, user_id: int) -> Row:
    """The user row, locked for this transaction (PostgreSQL) so that two tries with the same
    code or two failures never race; SQLite's BEGIN IMMEDIATE already serialises writers."""
    return conn.execute(select(_users).where(_users.c.id == user_id).with_for_update()).one()


def _refuse_if_throttled(row: Row, now: datetime) -> None:
    if row.locked_until is not None and as_utc(row.locked_until) > now:
        raise LoginThrottled(as_utc(row.locked_until), row.failed_logins)


def _fail(conn: Connection, row: Row, reason: str, now: datetime) -> None:
    """Count a failure (locking sign-in after the free ones) and audit it."""
    failures = row.failed_logins + 1
    locked_until = None
    if failures >= FREE_FAILURES:
        delay = min(FIRST_DELAY * 2 ** (failures - FREE_FAILURES), MAX_DELAY)
        locked_until = now + delay
    conn.execute(
        update(_users)
        .where(_users.c.id == row.id)
        .values(failed_logins=failures, last_failed_at=now, locked_until=locked_until)
    )
    details: dict[str, object] = {"reason": reason, "failures": failures}
    if locked_until is not None:
        details["locked_until"] = locked_until.isoformat(timespec="seconds")
    console_audit.append(conn, row.name, "login.failed", row.name, details)


def check_password(engine: Engine, raw_name: str, password: str) -> UserRow:
    """The first factor. Unknown names and wrong passwords fail alike (LOGIN_FAILED), after the
    same Argon2 cost; a disabled account is named only to whoever knows its password."""
    now = datetime.now(UTC)
    try:
        name = normalize_name(raw_name)
    except ServerError:
        name = ""
    with engine.connect() as conn:
        row = conn.execute(select(_users).where(_users.c.name == name)).first() if name else None
    if row is None:
        passwords.burn_time(password)
        with engine.begin() as conn:
            console_audit.append(
                conn, "-", "login.failed", raw_name.strip()[:64], {"reason": "unknown_user"}
            )
        raise ServerError(ErrorCode.LOGIN_FAILED, "wrong user name or password")
    try:
        _refuse_if_throttled(row, now)
    except LoginThrottled:
        with engine.begin() as conn:
            console_audit.append(conn, row.name, "login.throttled", row.name, {})
        raise
    good = passwords.verify_password(password, row.password_hash)
    with engine.begin() as conn:
        row = _locked_row(conn, row.id)
        _refuse_if_throttled(row, now)
        if not good:
            _fail(conn, row, "password", now)
            raise_after = ServerError(ErrorCode.LOGIN_FAILED, "wrong user name or password")
        elif row.disabled_at is not None:
            console_audit.append(conn, row.name, "login.failed", row.name, {"reason": "disabled"})
            raise_after = ServerError(ErrorCode.USER_DISABLED, f"user {row.name} is disabled")
        else:
            return _row(row)
    raise raise_after


def finish_login(conn: Connection, user_id: int, factor: str) -> None:
    """Both factors passed (or the one a viewer without TOTP has): clear the counter, audit."""
    row = _locked_row(conn, user_id)
    conn.execute(
        update(_users).where(_users.c.id == user_id).values(failed_logins=0, locked_until=None)
    )
    console_audit.append(conn, row.name, "login.ok", row.name, {"factors": factor})


def check_totp(conn: Connection, user_id: int, code: str) -> None:
    """The second factor, inside the caller's transaction (which also promotes the session).

    A code is good once: its time step must be later than the last one accepted. A failure is
    counted like a wrong password and raises LOGIN_FAILED."""
    now = datetime.now(UTC)
    row = _locked_row(conn, user_id)
    _refuse_if_throttled(row, now)
    if row.disabled_at is not None or not row.totp_enrolled or not row.totp_secret:
        raise ServerError(ErrorCode.LOGIN_FAILED, "no second factor for this user")
    step = totp.matching_step(row.totp_secret, code, row.totp_last_step)
    if step is None:
        reused = totp.matching_step(row.totp_secret, code, -1) is not None
        raise TotpRefused("totp_reused" if reused else "totp", row)
    conn.execute(update(_users).where(_users.c.id == user_id).values(totp_last_step=step))


class TotpRefused(ServerError):
    """A wrong or reused code; the caller records the failure after rolling its work back."""

    def __init__(self, reason: str, row: Row) -> None:
        super().__init__(ErrorCode.LOGIN_FAILED, "wrong or already used code")
        self.reason = reason
        self.user_id = row.id


def record_totp_failure(engine: Engine, error: TotpRefused) -> None:
    with engine.begin() as conn:
        row = _locked_row(conn, error.user_id)
        _fail(conn, row, error.reason, datetime.now(UTC))


def pending_secret(engine: Engine, user_id: int) -> str:
    """The secret being enrolled: made once, shown until confirmed, never after."""
    with engine.begin() as conn:
        row = _locked_row(conn, user_id)
        if row.totp_enrolled:
            raise ServerError(ErrorCode.BAD_ARGUMENT, "the second factor is already set up")
        if row.totp_secret:
            return row.totp_secret
        secret = totp.new_secret()
        conn.execute(update(_users).where(_users.c.id == user_id).values(totp_secret=secret))
        return secret


def confirm_enrolment(conn: Connection, user_id: int, code: str) -> None:
    """The first code from the app proves it holds the secret; from now on it is required."""
    now = datetime.now(UTC)
    row = _locked_row(conn, user_id)
    _refuse_if_throttled(row, now)
    if row.totp_enrolled or not row.totp_secret:
        raise ServerError(ErrorCode.BAD_ARGUMENT, "no second factor is being set up")
    step = totp.matching_step(row.totp_secret, code, row.totp_last_step)
    if step is None:
        raise TotpRefused("totp_enrolment", row)
    conn.execute(
        update(_users).where(_users.c.id == user_id).values(totp_enrolled=True, totp_last_step=step)
    )
    console_audit.append(conn, row.name, "totp.enrolled", row.name, {})
