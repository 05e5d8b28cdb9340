"""Signing in and out: password, then the TOTP code (or its enrolment), and the language switch."""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from protocol.errors import ErrorCode
from server.console import deps
from server.console.deps import SESSION_COOKIE, CsrfUser
from server.console.errors import PageError, safe_next
from server.console.i18n import LANG_COOKIE, LANGS
from server.console.templating import render, to_local
from server.core import totp
from server.errors import ServerError
from server.services import console_audit, console_sessions, console_users
from server.services.console_sessions import STAGE_ENROL, STAGE_OK, STAGE_PASSWORD, SessionInfo
from server.services.console_users import LoginThrottled, TotpRefused

router = APIRouter()

# Before there is a session, a double-submit token guards the sign-in form against a foreign
# site signing the browser in to an account of its choosing.
PRE_COOKIE = "cax_console_pre"
PRE_PATH = "/console/login"
HOME = "/console/"


def _next(value: str | None) -> str:
    return value if value and safe_next(value) else HOME


def _set_session_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/console",
    )


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _login_form(
    request: Request, next_url: str, error: str = "", name: str = "", status: int = 200
) -> Response:
    token = request.cookies.get(PRE_COOKIE) or secrets.token_urlsafe(32)
    response = render(
        request,
        "login.html",
        {"next": next_url, "error": error, "name": name, "pre_token": token},
        status_code=status,
    )
    response.set_cookie(
        PRE_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path=PRE_PATH,
    )
    return response


def _throttled(request: Request, error: LoginThrottled) -> Response:
    return render(
        request,
        "login_throttled.html",
        {
            "until": to_local(error.until).strftime("%H:%M:%S %d/%m/%Y"),
            "failures": error.failures,
        },
        status_code=429,
    )


def _pending(request: Request, stage: str) -> SessionInfo | None:
    info = deps.session_of(request)
    return info if info is not None and info.stage == stage else None


@router.get("/console/login")
def login_page(request: Request, next: str = "") -> Response:
    info = deps.session_of(request)
    if info is not None and info.stage == STAGE_OK:
        return _redirect(_next(next))
    return _login_form(request, _next(next) if next else "")


@router.post("/console/login")
def login_submit(
    request: Request,
    name: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "",
    pre_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    cookie = request.cookies.get(PRE_COOKIE, "")
    if not cookie or not hmac.compare_digest(cookie.encode(), pre_token.encode()):
        raise PageError(403, "error.csrf.text")
    engine = request.app.state.engine
    try:
        user = console_users.check_password(engine, name, password)
    except LoginThrottled as exc:
        return _throttled(request, exc)
    except ServerError as exc:
        key = "login.disabled" if exc.code is ErrorCode.USER_DISABLED else "login.failed"
        return _login_form(request, _next(next) if next else "", key, name)
    target = _next(next)
    with engine.begin() as conn:
        if user.totp_enrolled:
            token = console_sessions.create(conn, user.id, STAGE_PASSWORD)
            url = "/console/login/totp"
        elif user.needs_totp:
            token = console_sessions.create(conn, user.id, STAGE_ENROL)
            url = "/console/login/enrol"
        else:  # a viewer who chose no second factor
            console_users.finish_login(conn, user.id, "password")
            token = console_sessions.create(conn, user.id, STAGE_OK)
            url = target
    if url != target and target != HOME:
        url = f"{url}?next={quote(target, safe='')}"
    response = _redirect(url)
    _set_session_cookie(request, response, token)
    response.delete_cookie(PRE_COOKIE, path=PRE_PATH)
    return response


def _second_factor(
    request: Request, info: SessionInfo, code: str, next_url: str, *, enrol: bool
) -> Response:
    """Check the code and promote the session in one transaction; a failure is then counted."""
    engine = request.app.state.engine
    try:
        with engine.begin() as conn:
            if enrol:
                console_users.confirm_enrolment(conn, info.user_id, code)
            else:
                console_users.check_totp(conn, info.user_id, code)
            console_users.finish_login(conn, info.user_id, "password+totp")
            token = console_sessions.promote(conn, info.id, STAGE_OK)
    except LoginThrottled as exc:
        with engine.begin() as conn:
            console_sessions.end(conn, info.id)
        response = _throttled(request, exc)
        response.delete_cookie(SESSION_COOKIE, path="/console")
        return response
    except TotpRefused as exc:
        console_users.record_totp_failure(engine, exc)
        request.state.console_csrf = info.csrf_token
        page = "login_enrol.html" if enrol else "login_totp.html"
        context = {"next": next_url, "error": "login.code_wrong"}
        if enrol:
            context |= _enrol_context(engine, info)
        return render(request, page, context)
    response = _redirect(_next(next_url))
    _set_session_cookie(request, response, token)
    return response


@router.get("/console/login/totp")
def totp_page(request: Request, next: str = "") -> Response:
    info = _pending(request, STAGE_PASSWORD)
    if info is None:
        return _redirect("/console/login")
    request.state.console_csrf = info.csrf_token
    return render(request, "login_totp.html", {"next": _next(next), "error": ""})


@router.post("/console/login/totp")
async def totp_submit(
    request: Request,
    code: Annotated[str, Form(max_length=20)] = "",
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    info = await run_in_threadpool(_pending, request, STAGE_PASSWORD)
    if info is None:
        return _redirect("/console/login")
    await deps.check_csrf(request, info.csrf_token)
    return await run_in_threadpool(_second_factor, request, info, code, next, enrol=False)


def _enrol_context(engine: Engine, info: SessionInfo) -> dict[str, str]:
    secret = console_users.pending_secret(engine, info.user_id)
    uri = totp.provisioning_uri(secret, info.name)
    return {"qr_svg": totp.qr_svg(uri), "secret_groups": totp.grouped(secret)}


@router.get("/console/login/enrol")
def enrol_page(request: Request, next: str = "") -> Response:
    info = _pending(request, STAGE_ENROL)
    if info is None:
        return _redirect("/console/login")
    request.state.console_csrf = info.csrf_token
    context = {"next": _next(next), "error": ""} | _enrol_context(request.app.state.engine, info)
    return render(request, "login_enrol.html", context)


@router.post("/console/login/enrol")
async def enrol_submit(
    request: Request,
    code: Annotated[str, Form(max_length=20)] = "",
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    info = await run_in_threadpool(_pending, request, STAGE_ENROL)
    if info is None:
        return _redirect("/console/login")
    await deps.check_csrf(request, info.csrf_token)
    return await run_in_threadpool(_second_factor, request, info, code, next, enrol=True)


@router.post("/console/logout")
def logout(request: Request, user: CsrfUser) -> Response:
    info = deps.session_of(request)
    assert info is not None  # csrf_protect → current_user found it
    with request.app.state.engine.begin() as conn:
        console_sessions.end(conn, info.id)
        console_audit.append(conn, user.name, "logout", user.name, {})
    response = _redirect("/console/login")
    response.delete_cookie(SESSION_COOKIE, path="/console")
    return response


@router.get("/console/lang/{lang}")
def switch_language(lang: str, next: str = "") -> Response:
    if lang not in LANGS:
        raise PageError(404)
    back = safe_next(next) or (next.startswith("/console/login") and "//" not in next)
    response = _redirect(next if back else HOME)
    response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax", path="/")
    return response
