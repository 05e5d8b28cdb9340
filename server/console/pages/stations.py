"""The stations in the user's scope: a searchable list with sync health, one station's page
(devices, sync history, reports), revoking a device and issuing a new enrolment code."""

from __future__ import annotations

import io
import uuid
from typing import Annotated, Any
from urllib.parse import urlencode

import segno
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import ColumnElement, false, true

from server.console.deps import AdminUser, ConsoleUser, CsrfUser, CurrentUser, ReviewerUser
from server.console.errors import not_found
from server.console.scope import station_condition
from server.console.templating import render
from server.models import AdminUnit
from server.services import console_audit, console_stations, devices, enrolment
from server.services.enrolment import IssuedCode

router = APIRouter()
PAGE_SIZE = 50
UNREGISTERED = "unregistered"  # the list's filter for communes that have no station yet
# Validity of a new enrolment code, in hours: what the form offers (the service allows 1-720).
CODE_HOURS = (1, 24, 72, 168)
DEFAULT_CODE_HOURS = 72  # as `cax-server enroll-code`

# The badge colour of each health bucket (classes of console.css).
BADGES = {
    console_stations.TODAY: "green",
    console_stations.WEEK: "amber",
    console_stations.STALE: "red",
    console_stations.NEVER: "grey",
    console_stations.ALERT: "red",
}


def units_condition(user: ConsoleUser) -> ColumnElement[bool]:
    """The communes of `admin_units` in the user's scope (a station user has no others)."""
    units = AdminUnit.__table__
    if user.scope_kind == "all":
        return true()
    if user.scope_kind == "province" and user.scope_code:
        return units.c.province_code == user.scope_code
    return false()


@router.get("/console/stations")
def stations_page(
    request: Request,
    user: CurrentUser,
    q: Annotated[str, Query(max_length=100)] = "",
    health: Annotated[str, Query(max_length=20)] = "",
    province: Annotated[str, Query(max_length=8)] = "",
    page: Annotated[int, Query(ge=1, le=10000)] = 1,
) -> Response:
    engine = request.app.state.engine
    errors: list[tuple[str, str]] = []
    if health and health not in console_stations.HEALTHS and health != UNREGISTERED:
        errors.append(("stations.bad_health", health))
        health = ""
    if user.scope_kind != "all":
        province = ""  # the scope already is one province (or one station)
    with engine.connect() as conn:
        provinces = console_stations.provinces(conn) if user.scope_kind == "all" else []
        if province and province not in dict(provinces):
            errors.append(("stations.bad_province", province))
            province = ""
        offset = (page - 1) * PAGE_SIZE
        units: list[console_stations.UnitRow] = []
        rows: list[console_stations.StationHealth] = []
        if health == UNREGISTERED:
            units, total = console_stations.unregistered_units(
                conn,
                units_condition(user),
                query=q,
                province=province,
                limit=PAGE_SIZE,
                offset=offset,
            )
        else:
            result = console_stations.list_stations(
                conn,
                station_condition(user),
                query=q,
                health=health,
                province=province,
                limit=PAGE_SIZE,
                offset=offset,
            )
            rows, total = result.rows, result.total
    filters = {"q": q.strip(), "health": health, "province": province}
    context: dict[str, Any] = {
        "rows": rows,
        "units": units,
        "unregistered": health == UNREGISTERED,
        "total": total,
        "page": page,
        "pages": max(1, -(-total // PAGE_SIZE)),
        "filters": filters,
        "query_base": urlencode({k: v for k, v in filters.items() if v}),
        "provinces": provinces,
        "healths": console_stations.HEALTHS,
        "badges": BADGES,
        "errors": errors,
    }
    return render(request, "stations.html", context, status_code=400 if errors else 200)


def _station_page(
    request: Request,
    user: ConsoleUser,
    code: str,
    *,
    status_code: int = 200,
    **context: Any,
) -> Response:
    if len(code) > 32:
        raise not_found()
    with request.app.state.engine.connect() as conn:
        detail = console_stations.station_detail(conn, station_condition(user), code)
    if detail is None:
        raise not_found()  # unknown, or another province's: the same answer
    values: dict[str, Any] = {
        "detail": detail,
        "s": detail.station,
        "badges": BADGES,
        "alert_days": console_stations.ALERT_DAYS,
        "code_hours": CODE_HOURS,
        "default_hours": DEFAULT_CODE_HOURS,
        "issued": None,
        "qr_svg": "",
        "error": "",
        "error_device": "",
        "notice": "",
    } | context
    return render(request, "station.html", values, status_code=status_code)


@router.get("/console/stations/{code}")
def station_page(request: Request, user: CurrentUser, code: str, done: str = "") -> Response:
    notice = {
        "revoked": "stations.revoked",
        "already": "stations.already_revoked",
    }.get(done, "")
    return _station_page(request, user, code, notice=notice)


@router.post("/console/stations/{code}/devices/{device_id}/revoke")
def revoke(
    request: Request,
    user: ReviewerUser,
    _checked: CsrfUser,
    code: str,
    device_id: str,
    reason: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """Revoke a device of a station in scope; its next signed request is refused."""
    engine = request.app.state.engine
    with engine.connect() as conn:
        device = console_stations.device_of_station(conn, station_condition(user), code, device_id)
    if device is None:
        raise not_found()
    if device.revoked_at is not None:
        return RedirectResponse(f"/console/stations/{code}?done=already", status_code=303)
    reason = " ".join(reason.split())
    if not reason:
        return _station_page(
            request,
            user,
            code,
            status_code=400,
            error="stations.reason_needed",
            error_device=device.id,
        )
    with engine.begin() as conn:  # the revocation and its audit entry stand or fall together
        revoked_at = devices.revoke(conn, uuid.UUID(device.id), reason)
        console_audit.append(
            conn,
            user.name,
            "device.revoked",
            f"device:{device.id}",
            {"station": code, "device": device.name, "reason": reason, "at": revoked_at},
        )
    return RedirectResponse(f"/console/stations/{code}?done=revoked", status_code=303)


def _qr_svg(text: str) -> str:
    """The code as an inline SVG QR code at its own size (no XML declaration)."""
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="svg", scale=6, xmldecl=False, svgclass="code-qr")
    return out.getvalue().decode("utf-8")


@router.post("/console/stations/{code}/enrolment-code")
def new_enrolment_code(
    request: Request,
    user: AdminUser,
    _checked: CsrfUser,
    code: str,
    hours: Annotated[str, Form(max_length=8)] = str(DEFAULT_CODE_HOURS),
) -> Response:
    """A one-time code for enrolling a station PC; shown on this answer only, never stored."""
    engine = request.app.state.engine
    with engine.connect() as conn:
        if console_stations.station_detail(conn, station_condition(user), code) is None:
            raise not_found()
    if not hours.isdigit() or int(hours) not in CODE_HOURS:
        return _station_page(request, user, code, status_code=400, error="stations.bad_hours")
    with engine.begin() as conn:  # no code without its audit entry
        issued: IssuedCode = enrolment.issue(conn, code, int(hours))
        console_audit.append(
            conn,
            user.name,
            "enrolment.code_issued",
            f"station:{code}",
            {"hours": int(hours), "expires_at": issued.expires_at},  # never the code itself
        )
    return _station_page(request, user, code, issued=issued, qr_svg=_qr_svg(issued.code))
