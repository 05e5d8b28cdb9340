"""The actions written to the audit log: stable names the UI translates and reports count."""

from enum import StrEnum


class AuditAction(StrEnum):
    STATION_CREATED = "station.created"
    LOGIN = "user.login"
    LOGIN_FAILED = "user.login_failed"
    LOGOUT = "user.logout"
    USER_ADDED = "user.added"
    USER_REMOVED = "user.removed"
    ROLE_CHANGED = "user.role_changed"
    PASSWORD_CHANGED = "user.password_changed"
    PASSWORD_RESET = "user.password_reset"
    RECOVERY_KEY_USED = "station.recovery_key_used"
    KEY_ROTATED = "station.key_rotated"
    DATABASE_CHECKED = "station.database_checked"
    SETTINGS_CHANGED = "settings.changed"
    AUDIT_VERIFIED = "audit.verified"
    RECORD_CREATED = "record.created"
    RECORD_CHANGED = "record.changed"
    RECORD_VIEWED = "record.viewed"
    RECORD_COMPLETED = "record.completed"
    RECORD_APPROVED = "record.approved"
    RECORD_RETURNED = "record.returned"  # a supervisor's comment; the author amends
    RECORD_AMENDED = "record.amended"
    RECORD_VOIDED = "record.voided"
    RECORD_PRINTED = "record.printed"
    RECORD_EXPORTED = "record.exported"
    SYNC = "sync.session"
