"""Dependencies of the console pages: who is signed in, what their role allows, CSRF on POSTs."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request

from server.console.exceptions import LoginRequired, PageError
from server.services import console_sessions
from server.services.console_sessions import SessionInfo

SESSION_COOKIE = "cax_console"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"  # for an htmx request, which sends no form field of its own


@dataclass(frozen=True)
class ConsoleUser:
    """The signed-in centre user, as every page sees them."""

    id: int
    name: str
    full_name: str
    role: str  # admin | reviewer | viewer
    scope_kind: str  # all | province | station
    scope_code: str | None
    scope_name: str = ""  # the province's or unit's name, for the header

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def can_review(self) -> bool:
        return self.role in ("admin", "reviewer")


def session_of(request: Request) -> SessionInfo | None:
    """The request's live session (any stage), looked up once per request."""
    if not hasattr(request.state, "console_session"):
        settings = request.app.state.settings
        request.state.console_session = console_sessions.lookup(
            request.app.state.engine,
            request.cookies.get(SESSION_COOKIE),
            timedelta(minutes=settings.console_idle_minutes),
        )
    return request.state.console_session


def user_of(info: SessionInfo) -> ConsoleUser:
    return ConsoleUser(
        id=info.user_id,
        name=info.name,
        full_name=info.full_name,
        role=info.role,
        scope_kind=info.scope_kind,
        scope_code=info.scope_code,
        scope_name=info.scope_name,
    )


def current_user(request: Request) -> ConsoleUser:
    """The signed-in user; anyone else (no cookie, expired, idle, half signed in, disabled) is
    sent to the sign-in page and nothing else runs."""
    info = session_of(request)
    if info is None or info.stage != console_sessions.STAGE_OK:
        raise LoginRequired(request.url.path, request.url.query)
    user = user_of(info)
    request.state.console_user = user
    request.state.console_csrf = info.csrf_token
    return user


CurrentUser = Annotated[ConsoleUser, Depends(current_user)]


def require_reviewer(user: CurrentUser) -> ConsoleUser:
    if not user.can_review:
        raise PageError(403)
    return user


def require_admin(user: CurrentUser) -> ConsoleUser:
    if not user.is_admin:
        raise PageError(403)
    return user


async def check_csrf(request: Request, expected: str) -> None:
    """The form's (or htmx header's) token must be this session's; otherwise a 403 page."""
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise PageError(403, "error.csrf.text")


async def csrf_protect(request: Request, user: CurrentUser) -> ConsoleUser:
    """For every POST of a signed-in page: run before the route does anything."""
    await check_csrf(request, request.state.console_csrf)
    return user


ReviewerUser = Annotated[ConsoleUser, Depends(require_reviewer)]
AdminUser = Annotated[ConsoleUser, Depends(require_admin)]
CsrfUser = Annotated[ConsoleUser, Depends(csrf_protect)]
