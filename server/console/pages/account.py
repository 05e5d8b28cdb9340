"""The signed-in user's own account: who they are, a new password, optional two-step sign-in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from protocol.errors import ErrorCode
from server.console import deps
from server.console.deps import ConsoleUser, CsrfUser, CurrentUser
from server.console.errors import PageError
from server.console.templating import render
from server.core import totp
from server.errors import ServerError
from server.services import console_users
from server.services.console_users import LoginThrottled, TotpRefused

router = APIRouter()


def _account(request: Request, user: ConsoleUser, status: int = 200, **context: object) -> Response:
    engine = request.app.state.engine
    with engine.connect() as conn:
        row = console_users.get_user(conn, user.name)
    values = {"account": row, "error": "", "notice": ""} | context
    return render(request, "account.html", values, status_code=status)


@router.get("/console/account")
def account_page(request: Request, user: CurrentUser, done: str = "") -> Response:
    notice = {"password": "account.changed", "totp": "account.totp_done"}.get(done, "")
    return _account(request, user, notice=notice)


@router.post("/console/account/password")
def change_password(
    request: Request,
    user: CsrfUser,
    current: Annotated[str, Form(max_length=1000)] = "",
    new: Annotated[str, Form(max_length=1000)] = "",
    confirm: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    if new != confirm:
        return _account(request, user, error="account.mismatch", status=400)
    info = deps.session_of(request)
    assert info is not None
    try:
        console_users.change_own_password(
            request.app.state.engine, user.id, current, new, session_id=info.id
        )
    except ServerError as exc:
        if exc.code is ErrorCode.LOGIN_FAILED:
            return _account(request, user, error="account.wrong_current", status=400)
        if exc.code is ErrorCode.WEAK_PASSWORD:
            return _account(request, user, error="account.weak", status=400)
        raise
    return RedirectResponse("/console/account?done=password", status_code=303)


def _enrol_page(request: Request, user: ConsoleUser, error: str = "") -> Response:
    secret = console_users.pending_secret(request.app.state.engine, user.id)
    return render(
        request,
        "login_enrol.html",
        {
            "next": "",
            "error": error,
            "qr_svg": totp.qr_svg(totp.provisioning_uri(secret, user.name)),
            "secret_groups": totp.grouped(secret),
            "action": "/console/account/totp",
        },
    )


@router.get("/console/account/totp")
def totp_setup_page(request: Request, user: CurrentUser) -> Response:
    """A viewer may turn the second factor on; admins and reviewers already have it."""
    with request.app.state.engine.connect() as conn:
        if console_users.get_user(conn, user.name).totp_enrolled:
            return RedirectResponse("/console/account", status_code=303)
    return _enrol_page(request, user)


@router.post("/console/account/totp")
def totp_setup_confirm(
    request: Request, user: CsrfUser, code: Annotated[str, Form(max_length=20)] = ""
) -> Response:
    engine = request.app.state.engine
    try:
        with engine.begin() as conn:
            console_users.confirm_enrolment(conn, user.id, code)
    except TotpRefused as exc:
        console_users.record_totp_failure(engine, exc)
        return _enrol_page(request, user, "login.code_wrong")
    except LoginThrottled:
        raise PageError(429, "login.throttled_help") from None
    return RedirectResponse("/console/account?done=totp", status_code=303)
