"""Station-wide settings (auto-lock, …) as JSON values by key in the encrypted `settings` table."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text

from desktop.core.audit_actions import AuditAction
from desktop.core.permissions import Permission
from desktop.storage import audit
from desktop.storage.station import StationSession

AUTO_LOCK_MINUTES = "auto_lock_minutes"
DEFAULTS: dict[str, Any] = {AUTO_LOCK_MINUTES: 10}


def get_setting(session: StationSession, key: str) -> Any:
    """The stored value of `key`, else its default (None when it has none)."""
    with session.db.read() as conn:
        stored = conn.execute(
            text("SELECT value FROM settings WHERE key = :k"), dict(k=key)
        ).scalar()
    return DEFAULTS.get(key) if stored is None else json.loads(stored)


def set_setting(session: StationSession, key: str, value: Any) -> None:
    """Store `value` (any JSON value) under `key` and audit the change, old and new value."""
    session.require(Permission.MANAGE_SETTINGS)
    encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
    with session.db.write() as conn:
        old = conn.execute(text("SELECT value FROM settings WHERE key = :k"), dict(k=key)).scalar()
        if old == encoded:
            return
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
