"""The one exception tree of the station app: each error has a stable code and parameters, never text."""

from __future__ import annotations

from typing import Any


class AppError(Exception):
    """Base of every error a user may be shown; the UI and CLI translate `code`, never `str(self)`."""

    code = "APP_ERROR"

    def __init__(self, **params: Any) -> None:
        self.params = params
        super().__init__(self.code, params)

    def __str__(self) -> str:
        details = ", ".join(f"{k}={v}" for k, v in self.params.items())
        return f"{self.code}({details})" if details else self.code


class StationNotFound(AppError):
    code = "STATION_NOT_FOUND"


class StationExists(AppError):
    code = "STATION_EXISTS"


class WrongPassword(AppError):
    code = "WRONG_PASSWORD"


class UnknownUser(AppError):
    code = "UNKNOWN_USER"


class UserRemoved(AppError):
    code = "USER_REMOVED"


class UserExists(AppError):
    code = "USER_EXISTS"


class LoginThrottled(AppError):
    """Too many wrong passwords: the next try is allowed after `retry_after` seconds."""

    code = "LOGIN_THROTTLED"


class WrongRecoveryKey(AppError):
    code = "WRONG_RECOVERY_KEY"


class KeyFileUnreadable(AppError):
    code = "KEYFILE_UNREADABLE"


class KeyFileTampered(AppError):
    code = "KEYFILE_TAMPERED"


class DatabaseCorrupt(AppError):
    code = "DATABASE_CORRUPT"


class DatabaseLocked(AppError):
    code = "DATABASE_LOCKED"


class DatabaseTooNew(AppError):
    """The database was written by a newer CAX Desk than this one."""

    code = "DATABASE_TOO_NEW"


class PermissionDenied(AppError):
    code = "PERMISSION_DENIED"


class InvalidInput(AppError):
    """A value given by the user breaks a rule; `field` and `reason` say which and why."""

    code = "INVALID_INPUT"


class WeakPassword(AppError):
    code = "WEAK_PASSWORD"


class LastSupervisor(AppError):
    """The action would leave the station without an active supervisor."""

    code = "LAST_SUPERVISOR"


class UnknownForm(AppError):
    code = "UNKNOWN_FORM"


class RecordNotFound(AppError):
    code = "RECORD_NOT_FOUND"


class RecordStateError(AppError):
    """The record's status does not allow this (e.g. editing an approved record without amending)."""

    code = "RECORD_STATE"


class ReasonRequired(AppError):
    code = "REASON_REQUIRED"


class ValidationFailed(AppError):
    """`problems` lists every blocking problem as dicts (path, severity, code, params)."""

    code = "VALIDATION_FAILED"
