"""Translated display names for stable values: roles, user statuses, audit actions."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.core.audit_actions import AuditAction
from desktop.core.permissions import Role

_ROLES: dict[str, str] = {
    Role.OFFICER: QT_TRANSLATE_NOOP("Labels", "Officer"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("Labels", "Supervisor"),
}

_STATUSES = {
    "active": QT_TRANSLATE_NOOP("Labels", "Active"),
    "removed": QT_TRANSLATE_NOOP("Labels", "Removed"),
}

_ACTIONS: dict[str, str] = {
    AuditAction.STATION_CREATED: QT_TRANSLATE_NOOP("Labels", "Station set up"),
    AuditAction.LOGIN: QT_TRANSLATE_NOOP("Labels", "Logged in"),
    AuditAction.LOGIN_FAILED: QT_TRANSLATE_NOOP("Labels", "Failed login"),
    AuditAction.LOGIN_THROTTLE_RESET: QT_TRANSLATE_NOOP(
        "Labels", "Failed-login counters were deleted or reset"
    ),
    AuditAction.LOGOUT: QT_TRANSLATE_NOOP("Labels", "Logged out or locked"),
    AuditAction.USER_ADDED: QT_TRANSLATE_NOOP("Labels", "User added"),
    AuditAction.USER_REMOVED: QT_TRANSLATE_NOOP("Labels", "User removed"),
    AuditAction.PASSWORD_CHANGED: QT_TRANSLATE_NOOP("Labels", "Password changed"),
    AuditAction.PASSWORD_RESET: QT_TRANSLATE_NOOP("Labels", "Password reset"),
    AuditAction.RECOVERY_KEY_USED: QT_TRANSLATE_NOOP("Labels", "Recovery key used"),
    AuditAction.KEY_ROTATED: QT_TRANSLATE_NOOP("Labels", "Data key replaced"),
    AuditAction.DATABASE_CHECKED: QT_TRANSLATE_NOOP("Labels", "Database checked"),
    AuditAction.AUDIT_VERIFIED: QT_TRANSLATE_NOOP("Labels", "Audit log verified"),
    AuditAction.RECORD_CREATED: QT_TRANSLATE_NOOP("Labels", "Record created"),
    AuditAction.RECORD_CHANGED: QT_TRANSLATE_NOOP("Labels", "Record changed"),
    AuditAction.RECORD_VIEWED: QT_TRANSLATE_NOOP("Labels", "Record viewed"),
    AuditAction.RECORD_COMPLETED: QT_TRANSLATE_NOOP("Labels", "Record completed"),
    AuditAction.RECORD_APPROVED: QT_TRANSLATE_NOOP("Labels", "Record approved"),
    AuditAction.RECORD_AMENDED: QT_TRANSLATE_NOOP("Labels", "Record amended"),
    AuditAction.RECORD_VOIDED: QT_TRANSLATE_NOOP("Labels", "Record voided"),
    AuditAction.RECORD_PRINTED: QT_TRANSLATE_NOOP("Labels", "Record printed"),
    AuditAction.RECORD_EXPORTED: QT_TRANSLATE_NOOP("Labels", "Record exported"),
    AuditAction.SYNC: QT_TRANSLATE_NOOP("Labels", "Synchronised"),
    AuditAction.SYNC_RESTORE_DECLARED: QT_TRANSLATE_NOOP(
        "Labels", "Restore declared to the centre"
    ),
    AuditAction.ROLE_CHANGED: QT_TRANSLATE_NOOP("Labels", "Role changed"),
    AuditAction.SETTINGS_CHANGED: QT_TRANSLATE_NOOP("Labels", "Setting changed"),
    AuditAction.RECORDS_EXPORTED: QT_TRANSLATE_NOOP("Labels", "Records exported"),
    AuditAction.BACKUP_CREATED: QT_TRANSLATE_NOOP("Labels", "Backup made"),
    AuditAction.BACKUP_RESTORED: QT_TRANSLATE_NOOP("Labels", "Restored from a backup"),
    AuditAction.PROFILE_CHANGED: QT_TRANSLATE_NOOP("Labels", "Station profile changed"),
    AuditAction.REPORT_SAVED: QT_TRANSLATE_NOOP("Labels", "Report draft saved"),
    AuditAction.REPORT_SUBMITTED: QT_TRANSLATE_NOOP("Labels", "Report submitted"),
    AuditAction.REPORT_PRINTED: QT_TRANSLATE_NOOP("Labels", "Report printed"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def role_name(role: str) -> str:
    source = _ROLES.get(role)
    return _tr(source) if source else str(role)


def status_name(status: str) -> str:
    source = _STATUSES.get(status)
    return _tr(source) if source else status


def action_name(action: str) -> str:
    """The translated name of an audit action; an action this version does not know stays raw."""
    source = _ACTIONS.get(action)
    return _tr(source) if source else action


def known_actions() -> list[str]:
    return list(_ACTIONS)


_DETAIL_KEYS = {
    "role": QT_TRANSLATE_NOOP("Labels", "role"),
    "name": QT_TRANSLATE_NOOP("Labels", "name"),
    "reason": QT_TRANSLATE_NOOP("Labels", "reason"),
    "via": QT_TRANSLATE_NOOP("Labels", "by means of"),
    "checked": QT_TRANSLATE_NOOP("Labels", "entries checked"),
    "ok": QT_TRANSLATE_NOOP("Labels", "intact"),
    "old": QT_TRANSLATE_NOOP("Labels", "before"),
    "new": QT_TRANSLATE_NOOP("Labels", "after"),
    "key": QT_TRANSLATE_NOOP("Labels", "setting"),
    "slots": QT_TRANSLATE_NOOP("Labels", "key slots"),
    "break_seq": QT_TRANSLATE_NOOP("Labels", "broken at entry"),
    "break_kind": QT_TRANSLATE_NOOP("Labels", "kind"),
    "problems": QT_TRANSLATE_NOOP("Labels", "problems"),
    "keyfile": QT_TRANSLATE_NOOP("Labels", "key file"),
}

# Stable values found in details (failure reasons, lock reasons, setting names…).
_DETAIL_VALUES = {
    "wrong_password": QT_TRANSLATE_NOOP("Labels", "wrong password"),
    "unknown_user": QT_TRANSLATE_NOOP("Labels", "unknown user"),
    "removed_user": QT_TRANSLATE_NOOP("Labels", "removed user"),
    "wrong_recovery_key": QT_TRANSLATE_NOOP("Labels", "wrong recovery key"),
    "lock": QT_TRANSLATE_NOOP("Labels", "locked by the user"),
    "idle": QT_TRANSLATE_NOOP("Labels", "locked after inactivity"),
    "logout": QT_TRANSLATE_NOOP("Labels", "logged out"),
    "quit": QT_TRANSLATE_NOOP("Labels", "program closed"),
    "recovery": QT_TRANSLATE_NOOP("Labels", "recovery key"),
    "auto_lock_minutes": QT_TRANSLATE_NOOP("Labels", "auto-lock minutes"),
    "altered": QT_TRANSLATE_NOOP("Labels", "altered"),
    "removed": QT_TRANSLATE_NOOP("Labels", "removed"),
    "reordered": QT_TRANSLATE_NOOP("Labels", "reordered"),
}

_ROLE_KEYS = frozenset({"role", "old", "new"})


def detail_value(key: str, value: object) -> str:
    """One value of an entry's details in words; free text (a reason typed) stays as it is."""
    if isinstance(value, bool):
        return _tr(
            QT_TRANSLATE_NOOP("Labels", "yes") if value else QT_TRANSLATE_NOOP("Labels", "no")
        )
    if key in _ROLE_KEYS and value in _ROLES:
        return role_name(str(value))
    if key == "via" and value == "supervisor":
        return role_name(Role.SUPERVISOR)
    if isinstance(value, str) and value in _DETAIL_VALUES:
        return _tr(_DETAIL_VALUES[value])
    return str(value)


def details_text(details: dict[str, object]) -> str:
    """An entry's details on one line: "role: Officer", "reason: wrong password"."""
    parts = []
    for key, value in details.items():
        name = _tr(_DETAIL_KEYS[key]) if key in _DETAIL_KEYS else key
        parts.append(f"{name}: {detail_value(key, value)}")
    return ", ".join(parts)
