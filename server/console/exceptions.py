"""What a console route or dependency raises to leave the page it was making: an error page, or
the way to the sign-in page. `errors.install` turns them into responses; the dependencies raise
them without importing the handlers that render pages (which look up the session in turn)."""

from __future__ import annotations


class PageError(Exception):
    """Raised by a console route or dependency: the error page with this status.

    `message` is a message key shown under the status's title (default: the status's text);
    `detail` an extra line as is (already translated or a code)."""

    def __init__(self, status: int, message: str = "", detail: str = "") -> None:
        super().__init__(status, message)
        self.status = status
        self.message = message or f"error.{status}.text"
        self.detail = detail


class LoginRequired(Exception):
    """No signed-in session: the browser goes to the sign-in page, then back to `path`."""

    def __init__(self, path: str, query: str = "") -> None:
        super().__init__(path)
        self.path = path
        self.query = query
