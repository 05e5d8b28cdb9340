"""Every error leaves the server as `{"code", "detail"}` with a status chosen here and only here."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from domain.logsafe import describe
from domain.logsafe import format_exception as frames
from protocol.errors import ErrorCode
from server.errors import ServerError
from server.services.batch import validation_summary

log = logging.getLogger("cax.server")

STATUS: dict[ErrorCode, int] = {
    ErrorCode.VALIDATION_ERROR: 422,
    ErrorCode.MALFORMED_JSON: 400,
    ErrorCode.INVALID_UTF8: 400,
    ErrorCode.JSON_TOO_DEEP: 400,
    ErrorCode.BAD_GZIP: 400,
    ErrorCode.BAD_ARGUMENT: 400,
    ErrorCode.BAD_PROOF: 400,
    ErrorCode.UNSUPPORTED_PROTOCOL_VERSION: 400,
    ErrorCode.BODY_TOO_LARGE: 413,
    ErrorCode.BATCH_TOO_LARGE: 413,
    ErrorCode.UNSUPPORTED_ENCODING: 415,
    ErrorCode.AUTH_MISSING: 401,
    ErrorCode.BAD_SIGNATURE: 401,
    ErrorCode.UNKNOWN_DEVICE: 401,
    ErrorCode.CLOCK_SKEW: 401,
    ErrorCode.NONCE_REPLAYED: 401,
    ErrorCode.DEVICE_REVOKED: 403,
    ErrorCode.ENROLMENT_CODE_INVALID: 403,
    ErrorCode.KEY_ALREADY_ENROLLED: 409,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.METHOD_NOT_ALLOWED: 405,
    ErrorCode.WRONG_STATION: 403,
    ErrorCode.ROSTER_INVALID: 409,
    ErrorCode.REPORT_SCHEMA: 422,
    ErrorCode.REPORT_HASH_MISMATCH: 422,
    ErrorCode.BUNDLE_MALFORMED: 400,
    ErrorCode.BUNDLE_UNSUPPORTED_VERSION: 400,
    ErrorCode.BUNDLE_TRUNCATED: 400,
    ErrorCode.BUNDLE_TAMPERED: 400,
    ErrorCode.BUNDLE_UNDECRYPTABLE: 400,
    ErrorCode.BUNDLE_TOO_LARGE: 413,
    ErrorCode.BUNDLE_FOREIGN: 422,
    ErrorCode.BUNDLE_BAD_SIGNATURE: 401,
    ErrorCode.BUNDLE_WRONG_STATION: 403,
    ErrorCode.BUNDLE_ID_REUSED: 409,
    ErrorCode.AUDIT_ROLLBACK: 409,
    ErrorCode.AUDIT_FORK: 409,
    ErrorCode.BLOB_TOO_LARGE: 413,
    ErrorCode.BLOB_TYPE_REFUSED: 415,
    ErrorCode.BLOB_HASH_MISMATCH: 422,
    ErrorCode.BLOB_CONFLICT: 409,
    ErrorCode.BLOB_UNKNOWN: 404,
    ErrorCode.BLOB_CHUNK_INVALID: 400,
    ErrorCode.BLOB_INCOMPLETE: 409,
    ErrorCode.RESTORE_DECLARATION_INVALID: 422,
    ErrorCode.DATABASE_UNAVAILABLE: 503,
    ErrorCode.DATABASE_NOT_UPGRADED: 503,
    ErrorCode.DATABASE_TOO_NEW: 503,
}

_HTTP_CODES = {
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    413: ErrorCode.BODY_TOO_LARGE,
}


def error_response(code: ErrorCode, detail: str, status: int | None = None) -> JSONResponse:
    headers = {"Retry-After": "60"} if code is ErrorCode.RATE_LIMITED else None
    return JSONResponse(
        {"code": code.value, "detail": detail},
        status_code=status or STATUS.get(code, 500),
        headers=headers,
    )


async def _server_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ServerError)
    return error_response(exc.code, exc.detail)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError | ValidationError)
    errors = exc.errors()
    parts = []
    for error in errors[:3]:
        where = ".".join(str(p) for p in error.get("loc", ())) or "body"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    if isinstance(exc, ValidationError):
        return error_response(ErrorCode.VALIDATION_ERROR, validation_summary(exc))
    # A field name in `loc` is the client's text: no NUL in the answer (ErrorBody refuses it).
    detail = "; ".join(parts).replace("\x00", "\\x00")
    return error_response(ErrorCode.VALIDATION_ERROR, detail or "invalid request")


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, ErrorCode.BAD_ARGUMENT)
    return error_response(code, str(exc.detail), exc.status_code)


async def _database_down(request: Request, exc: Exception) -> JSONResponse:
    # Class, SQLSTATE and frames only, whatever the log's formatter: a database error's message
    # can quote the row it failed on (docs/security.md, "No personal data in logs").
    log.error("database error on %s: %s\n%s", request.url.path, describe(exc), frames(exc))
    return error_response(ErrorCode.DATABASE_UNAVAILABLE, "database unavailable, retry later")


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The client gets a code; the server log where it happened, never the message.
    log.error("unexpected error on %s: %s\n%s", request.url.path, describe(exc), frames(exc))
    return error_response(ErrorCode.INTERNAL_ERROR, "internal error", 500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(ServerError, _server_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(ValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(OperationalError, _database_down)
    app.add_exception_handler(Exception, _unexpected)
