"""Forms: the catalogue and its versions, one version's sections and fields, and publishing a new
version from a JSON file (administrators), checked whole by the shared domain code first."""

from __future__ import annotations

import hashlib
import json
import re
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from protocol.errors import ErrorCode
from server.console.deps import AdminUser, ConsoleUser, CurrentUser, check_csrf
from server.console.errors import not_found
from server.console.scope import station_in_scope
from server.console.templating import render
from server.errors import ServerError
from server.models import Record
from server.services import catalog, console_audit, console_forms
from server.services.console_forms import MAX_DEFINITION_BYTES

router = APIRouter()

FILE_FIELD = "definition"
# Multipart framing around the file: boundaries, headers, the CSRF field.
MULTIPART_SLACK = 16 * 1024


def _records_in_scope(user: ConsoleUser) -> Any:
    return station_in_scope(user, Record.__table__.c.station_id)


def _catalogue(
    request: Request,
    user: ConsoleUser,
    *,
    error: str = "",
    detail: str = "",
    status: int = 200,
) -> Response:
    rows = console_forms.versions(request.app.state.engine, _records_in_scope(user))
    forms: dict[str, list[console_forms.VersionRow]] = {}
    for row in rows:
        forms.setdefault(row.form_id, []).append(row)
    context = {
        "forms": forms,
        "error": error,
        "detail": detail,
        "max_kb": MAX_DEFINITION_BYTES // 1024,
    }
    return render(request, "forms.html", context, status_code=status)


@router.get("/console/forms")
def forms_page(request: Request, user: CurrentUser) -> Response:
    return _catalogue(request, user)


@router.get("/console/forms/{form_id}/{version}")
def form_page(
    request: Request,
    user: CurrentUser,
    form_id: Annotated[str, Path(max_length=64)],
    version: Annotated[int, Path(ge=1, le=2_147_483_647)],
    published: Annotated[int, Query(ge=0, le=1)] = 0,
) -> Response:
    detail = console_forms.version_detail(
        request.app.state.engine, form_id, version, _records_in_scope(user)
    )
    if detail is None:
        raise not_found()
    return render(request, "form.html", {"detail": detail, "published": bool(published)})


def _file_name(upload: UploadFile) -> str:
    """The uploaded file's own name (no folders), as the error messages name it."""
    name = re.split(r"[\\/]", upload.filename or "")[-1].strip()
    return name[:100] or "form.json"


def _parse(raw: bytes) -> tuple[Any, str]:
    """The JSON document, or None and the reason in words a person can act on."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, f"byte {error.start}: not UTF-8 text"
    try:
        return json.loads(text), ""
    except json.JSONDecodeError as error:
        return None, f"line {error.lineno}, column {error.colno}: {error.msg}"


@router.post("/console/forms/publish")
async def form_publish(request: Request, user: AdminUser) -> Response:
    """Publish a new version: size, CSRF, JSON, schema and links are all checked before anything
    is stored; a refusal re-shows the catalogue with the reason and changes nothing."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_DEFINITION_BYTES + MULTIPART_SLACK:
        # Refused from the header, before the body is read at all.
        return await _refused(request, user, "forms.error.too_large", "", 413)
    await check_csrf(request, request.state.console_csrf)
    form = await request.form()
    upload = form.get(FILE_FIELD)
    if not isinstance(upload, UploadFile) or not upload.filename:
        return await _refused(request, user, "forms.error.no_file", "", 400)
    raw = await upload.read(MAX_DEFINITION_BYTES + 1)
    if len(raw) > MAX_DEFINITION_BYTES:
        return await _refused(request, user, "forms.error.too_large", "", 413)
    name = _file_name(upload)
    document, problem = _parse(raw)
    if problem:
        return await _refused(request, user, "forms.error.not_json", f"{name}, {problem}", 400)
    engine = request.app.state.engine
    try:
        published = await run_in_threadpool(
            partial(
                catalog.publish_form_document, file=name, then=partial(_audit, user, name, raw)
            ),
            engine,
            document,
        )
    except ServerError as error:
        if error.code is ErrorCode.FORM_VERSION_EXISTS:
            return await _refused(request, user, "forms.error.version", error.detail, 409)
        if error.code is ErrorCode.FORM_DEFINITION_INVALID:
            return await _refused(request, user, "forms.error.invalid", error.detail, 400)
        raise
    if published.cursor is None:  # another administrator published this number a moment ago
        detail = f"{published.form_id} v{published.version}"
        return await _refused(request, user, "forms.error.version", detail, 409)
    return RedirectResponse(
        f"/console/forms/{published.form_id}/{published.version}?published=1", status_code=303
    )


def _audit(
    user: ConsoleUser, name: str, raw: bytes, conn: Connection, published: catalog.Published
) -> None:
    """The audit entry, written in the publishing transaction (none for a version another
    administrator published a moment ago: this request published nothing)."""
    if published.cursor is None:
        return
    console_audit.append(
        conn,
        user.name,
        "form.published",
        f"{published.form_id} v{published.version}",
        {
            "file": name,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "bytes": len(raw),
            "feed_cursor": published.cursor,
        },
    )


async def _refused(
    request: Request, user: ConsoleUser, error: str, detail: str, status: int
) -> Response:
    return await run_in_threadpool(
        _catalogue, request, user, error=error, detail=detail, status=status
    )
