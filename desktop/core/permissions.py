"""Roles and what each may do: the single place where permission checks are decided."""

from __future__ import annotations

from enum import StrEnum

from desktop.core.errors import PermissionDenied


class Role(StrEnum):
    OFFICER = "officer"  # cán bộ
    SUPERVISOR = "supervisor"  # trưởng / phó Công an xã


class Permission(StrEnum):
    CREATE_RECORDS = "create_records"
    APPROVE_RECORDS = "approve_records"
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    ROTATE_KEYS = "rotate_keys"
    CHECK_DATABASE = "check_database"
    CHANGE_OWN_PASSWORD = "change_own_password"


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
