"""The root of every error tree (station and server alike): a stable code and parameters, never text."""

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


class InvalidInput(AppError):
    """A value given by the user breaks a rule; `field` and `reason` say which and why."""

    code = "INVALID_INPUT"


class UnknownForm(AppError):
    code = "UNKNOWN_FORM"
