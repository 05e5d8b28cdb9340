"""Console failures become pages: a 404/403/400/500 page from base.html, or a redirect to sign in.

The API's handlers (server/api/errors.py) answer JSON; for paths under /console each is wrapped
so the browser gets a page instead, never JSON and never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from protocol.errors import ErrorCode
from server.console import deps, templating
from server.console.exceptions import LoginRequired, PageError
from server.errors import ServerError

log = logging.getLogger("cax.console")

PREFIX = "/console"
Handler = Callable[[Request, Exception], Awaitable[Response]]


def not_found() -> PageError:
    """What a page raises for an unknown id and for one outside the user's scope alike."""
    return PageError(404)


def login_url(path: str = "", query: str = "") -> str:
    target = f"{path}?{query}" if query else path
    if safe_next(target) and target not in ("/console/", "/console"):
        return f"/console/login?next={quote(target, safe='')}"
    return "/console/login"


def safe_next(target: str | None) -> bool:
    """Only a console path of this site is a place to go back to (no open redirect)."""
    return bool(
        target
        and target.startswith("/console")
        and not target.startswith("//")
        and "\\" not in target
        and not target.startswith("/console/login")
    )


# ServerError codes that are the user's "not there" rather than a fault.
_NOT_FOUND_CODES = {
    ErrorCode.NOT_FOUND,
    ErrorCode.STATION_NOT_FOUND,
    ErrorCode.RECORD_NOT_FOUND,
    ErrorCode.DEVICE_NOT_FOUND,
    ErrorCode.USER_NOT_FOUND,
}


def _is_console(request: Request) -> bool:
    path = request.url.path
    return path == PREFIX or path.startswith(PREFIX + "/")


async def error_page(
    request: Request, status: int, message: str = "", detail: str = "", code: str = ""
) -> Response:
    """The error page, with the header of the signed-in user when there is one."""
    if getattr(request.state, "console_user", None) is None and status != 503:
        try:
            info = await run_in_threadpool(deps.session_of, request)
        except Exception:  # the page must render even when the database is the problem
            info = None
        if info is not None and info.stage == "ok":
            request.state.console_user = deps.user_of(info)
            request.state.console_csrf = info.csrf_token
    return templating.render(
        request,
        "error.html",
        {
            "status": status,
            "title_key": f"error.{status}.title",
            "message_key": message or f"error.{status}.text",
            "detail": detail,
            "code": code,
        },
        status_code=status,
    )


async def _page_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageError)
    return await error_page(request, exc.status, exc.message, exc.detail)


async def _login_required(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    url = login_url(exc.path, exc.query) if request.method == "GET" else "/console/login"
    response = RedirectResponse(url, status_code=303)
    if request.headers.get("HX-Request"):
        response.headers["HX-Redirect"] = url  # htmx swaps content; it must reload the page
    return response


async def _http_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code if exc.status_code in (400, 403, 404, 405) else 400
    return await error_page(request, status)


async def _validation_page(request: Request, _exc: Exception) -> Response:
    return await error_page(request, 400)


async def _server_error_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ServerError)
    if exc.code in _NOT_FOUND_CODES:
        return await error_page(request, 404)
    return await error_page(request, 400, detail=exc.detail, code=exc.code.value)


async def _database_page(request: Request, exc: Exception) -> Response:
    log.error("console: database error %s", exc.__class__.__name__, exc_info=exc)
    return await error_page(request, 503)


async def _unexpected_page(request: Request, exc: Exception) -> Response:
    log.error("console: unexpected error on %s", request.url.path, exc_info=exc)
    return await error_page(request, 500)


def _for_console(app: FastAPI, exc_class: type[Exception], page: Handler) -> None:
    """Answer `exc_class` with `page` under /console and with the API's handler elsewhere."""
    api = app.exception_handlers.get(exc_class)

    async def handler(request: Request, exc: Exception) -> Response:
        if _is_console(request) or api is None:
            return await page(request, exc)
        answer = api(request, exc)  # Starlette allows plain functions as handlers too
        return answer if isinstance(answer, Response) else await answer

    app.add_exception_handler(exc_class, handler)


def install(app: FastAPI) -> None:
    """After `server.api.errors.install`, whose handlers this wraps."""
    app.add_exception_handler(PageError, _page_error)
    app.add_exception_handler(LoginRequired, _login_required)
    _for_console(app, StarletteHTTPException, _http_page)
    _for_console(app, RequestValidationError, _validation_page)
    _for_console(app, ValidationError, _validation_page)
    _for_console(app, ServerError, _server_error_page)
    _for_console(app, OperationalError, _database_page)
    _for_console(app, Exception, _unexpected_page)
