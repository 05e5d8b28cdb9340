"""Translated display names for stable values: roles, user statuses, audit actions (an
entry's details and target: `audit_details.py`)."""

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
    AuditAction.RECORD_RETURNED: QT_TRANSLATE_NOOP("Labels", "Record returned"),
    AuditAction.RECORD_AMENDED: QT_TRANSLATE_NOOP("Labels", "Record amended"),
    AuditAction.RECORD_ACCEPTED: QT_TRANSLATE_NOOP("Labels", "Record accepted by the centre"),
    AuditAction.RECORD_VOIDED: QT_TRANSLATE_NOOP("Labels", "Record voided"),
    AuditAction.RECORD_PRINTED: QT_TRANSLATE_NOOP("Labels", "Record printed"),
    AuditAction.RECORD_EXPORTED: QT_TRANSLATE_NOOP("Labels", "Record exported"),
    AuditAction.RECORD_ATTACHED: QT_TRANSLATE_NOOP("Labels", "File attached"),
    AuditAction.RECORD_DETACHED: QT_TRANSLATE_NOOP("Labels", "Attached file removed"),
    AuditAction.ATTACHMENT_EXTRACTED: QT_TRANSLATE_NOOP("Labels", "Attached file copied out"),
    AuditAction.SYNC: QT_TRANSLATE_NOOP("Labels", "Synchronised"),
    AuditAction.SYNC_ENROLLED: QT_TRANSLATE_NOOP("Labels", "Enrolled with the centre"),
    AuditAction.ROLES_SIGNED: QT_TRANSLATE_NOOP("Labels", "Roles signed"),
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


def never_backed_up_text() -> str:
    """The one wording for a station never backed up: Settings and the status bar both say it."""
    return _tr(QT_TRANSLATE_NOOP("Labels", "Never backed up"))
