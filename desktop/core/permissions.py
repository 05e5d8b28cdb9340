"""Roles and what each may do: the single place where permission checks are decided."""

from __future__ import annotations

from enum import StrEnum

from desktop.core.errors import PermissionDenied
from domain.records import RecordStatus


class Role(StrEnum):
    OFFICER = "officer"  # cán bộ
    SUPERVISOR = "supervisor"  # trưởng / phó Công an xã


class Permission(StrEnum):
    CREATE_RECORDS = "create_records"
    APPROVE_RECORDS = "approve_records"
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"
    VIEW_AUDIT = "view_audit"
    ROTATE_KEYS = "rotate_keys"
    CHECK_DATABASE = "check_database"
    CHANGE_OWN_PASSWORD = "change_own_password"
    VIEW_SENSITIVE = "view_sensitive"  # Decree 356 sensitive personal data of others' records
    OVERRIDE_CHECKS = "override_checks"  # accept an overridable error with a reason
    EXPORT_RECORDS = "export_records"  # record lists to Excel/CSV: plaintext leaves the station
    BACKUP_STATION = "backup_station"  # a backup opens with any of its passwords: all the data
    MANAGE_REPORTS = "manage_reports"  # periodic reports and the station profile (the chief)
    EXTRACT_ATTACHMENTS = "extract_attachments"  # a decrypted copy of a file leaves the database


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.OFFICER: frozenset({Permission.CREATE_RECORDS, Permission.CHANGE_OWN_PASSWORD}),
    Role.SUPERVISOR: frozenset(Permission),
}


def allows(role: Role, permission: Permission) -> bool:
    return permission in _GRANTS[role]


def require(role: Role, permission: Permission) -> None:
    """Raise PermissionDenied unless `role` holds `permission`."""
    if not allows(role, permission):
        raise PermissionDenied(role=str(role), permission=str(permission))


def require_record_change(role: Role, username: str, author: str, status: str) -> None:
    """Officers change their own records until approval; approved or others' need a supervisor."""
    if role is Role.SUPERVISOR:
        return
    if username != author or status in (RecordStatus.APPROVED, RecordStatus.VOIDED):
        raise PermissionDenied(role=str(role), permission="change_record")
