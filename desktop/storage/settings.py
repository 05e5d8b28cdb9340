"""Station-wide settings (auto-lock, …) as JSON values by key in the encrypted `settings` table."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, text

from desktop.core.audit_actions import AuditAction
from desktop.core.permissions import Permission
from desktop.storage import audit
from desktop.storage.station import StationSession

AUTO_LOCK_MINUTES = "auto_lock_minutes"
LAST_BACKUP_AT = "last_backup_at"  # ISO UTC time of the last verified backup (storage/backup.py)
BACKUP_REMINDER_DAYS = "backup_reminder_days"  # remind when the last backup is older than this
# Hours a crime report may wait before its transfer to the investigation agency (the law says
# "immediately" with no number: docs/domain.md, "Forms"; default 24 h); the dashboard warns before.
TRANSFER_HOURS = "crime_report_transfer_hours"
SYNC_POLICY = "sync_policy"  # when a record goes to the centre (storage/sync_settings.py)
AUTO_SYNC = "auto_sync"  # the supervisor's choice: off until enabled
ATTACHMENT_FILE_MB = "attachment_file_mb"  # largest file a record may be given
ATTACHMENT_RECORD_MB = "attachment_record_mb"  # all of one record's current files together
DEFAULTS: dict[str, Any] = {
    AUTO_LOCK_MINUTES: 10,
    BACKUP_REMINDER_DAYS: 7,
    TRANSFER_HOURS: 24,
    SYNC_POLICY: "on_completion",
    AUTO_SYNC: False,
    ATTACHMENT_FILE_MB: 25,
    ATTACHMENT_RECORD_MB: 200,
}


def get_setting(session: StationSession, key: str) -> Any:
    """The stored value of `key`, else its default (None when it has none)."""
    with session.db.read() as conn:
        return setting_in(conn, key)


def setting_in(conn: Connection, key: str) -> Any:
    """`get_setting` inside the caller's transaction."""
    stored = conn.execute(text("SELECT value FROM settings WHERE key = :k"), dict(k=key)).scalar()
    return DEFAULTS.get(key) if stored is None else json.loads(stored)


def set_setting(session: StationSession, key: str, value: Any) -> None:
    """Store `value` (any JSON value) under `key` and audit the change, old and new value."""
    session.require(Permission.MANAGE_SETTINGS)
    encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
    with session.db.write() as conn:
        old = conn.execute(text("SELECT value FROM settings WHERE key = :k"), dict(k=key)).scalar()
        if old == encoded or (old is None and value == DEFAULTS.get(key, object())):
            return  # unchanged (the default counts as the stored value): nothing to audit
        conn.execute(
            text(
                "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (:k, :v, :t, :u)"
                " ON CONFLICT (key) DO UPDATE SET value = :v, updated_at = :t, updated_by = :u"
            ),
            dict(k=key, v=encoded, t=audit.utc_now(), u=session.user.username),
        )
        old_value = DEFAULTS.get(key) if old is None else json.loads(old)
        details = {"key": key, "old": old_value, "new": value}
        audit.append(conn, session.user.username, AuditAction.SETTINGS_CHANGED, key, details)


def auto_lock_minutes(session: StationSession) -> int:
    """Idle minutes before the app locks itself; a damaged value falls back to the default."""
    value = get_setting(session, AUTO_LOCK_MINUTES)
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return DEFAULTS[AUTO_LOCK_MINUTES]


def transfer_hours(session: StationSession) -> int:
    """The station's limit for transferring a crime report; a damaged value gives the default."""
    value = get_setting(session, TRANSFER_HOURS)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 24 * 30:
        return value
    return DEFAULTS[TRANSFER_HOURS]


def record_backup_time(conn: Connection, at: str, by: str) -> None:
    """Store when the last backup was made, inside the caller's (audited) backup transaction; an
    older time never replaces a newer one (a restore brings back the backup's own time)."""
    conn.execute(
        text(
            "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (:k, :v, :t, :u)"
            " ON CONFLICT (key) DO UPDATE SET value = :v, updated_at = :t, updated_by = :u"
            " WHERE settings.value < :v"
        ),
        dict(k=LAST_BACKUP_AT, v=json.dumps(at), t=audit.utc_now(), u=by),
    )


def last_backup_at(session: StationSession) -> datetime | None:
    """When the last verified backup was made (UTC), or None if never."""
    value = get_setting(session, LAST_BACKUP_AT)
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def backup_reminder_days(session: StationSession) -> int:
    value = get_setting(session, BACKUP_REMINDER_DAYS)
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return DEFAULTS[BACKUP_REMINDER_DAYS]


def backup_overdue(
    session: StationSession, days: int | None = None, now: datetime | None = None
) -> bool:
    """True when no backup was made, or the last one is older than `days` (default: the
    station's reminder setting, 7 days)."""
    last = last_backup_at(session)
    if last is None:
        return True
    limit = timedelta(days=days if days is not None else backup_reminder_days(session))
    return (now or datetime.now(UTC)) - last > limit


def attachment_limit_mb(conn: Connection, key: str) -> int:
    """An attachment limit in MB (ATTACHMENT_FILE_MB or ATTACHMENT_RECORD_MB) inside the
    caller's transaction; a damaged value gives the default."""
    value = setting_in(conn, key)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 4096:
        return value
    return DEFAULTS[key]
