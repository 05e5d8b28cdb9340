"""The one exception the services raise: a stable `ErrorCode` plus a human detail, no HTTP."""

from __future__ import annotations

from protocol.errors import ErrorCode


class ServerError(Exception):
    """A failure with a stable code; the API layer maps it to a status, the CLI to one line."""

    def __init__(self, code: ErrorCode, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail or code.value

    def __str__(self) -> str:
        return f"{self.code.value}: {self.detail}"
