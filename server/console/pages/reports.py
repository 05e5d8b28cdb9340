"""Reports: the stations' submitted periodic reports by period, the roll-up over the user's scope,
the stations that have not submitted, one station's report, and the roll-up as an Excel file."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from typing import IO, Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response, StreamingResponse

from server.console.deps import ConsoleUser, CsrfUser, CurrentUser
from server.console.errors import not_found
from server.console.i18n import lang_of, translator
from server.console.scope import station_condition
from server.console.templating import format_number, render, to_local
from server.services import console_audit, console_reports, console_reports_xlsx

router = APIRouter()

# The page lists this many stations that have not submitted; the Excel file lists them all.
MISSING_SHOWN = 300
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 64 * 1024
PeriodQuery = Annotated[str, Query(max_length=40)]


def _chosen(request: Request, user: ConsoleUser, period: str) -> tuple[list[Any], str | None]:
    """The periods present in scope and the one to show (the asked one, else the latest month);
    an asked period nobody in scope submitted under is still shown (everyone missing)."""
    choices = console_reports.periods(request.app.state.engine, station_condition(user))
    if period:
        return choices, period.strip()
    return choices, console_reports.default_period(choices)


@router.get("/console/reports")
def reports_page(
    request: Request,
    user: CurrentUser,
    period: PeriodQuery = "",
    every_row: Annotated[int, Query(alias="all", ge=0, le=1)] = 0,
) -> Response:
    choices, code = _chosen(request, user, period)
    data = None
    if code is not None:
        data = console_reports.rollup(request.app.state.engine, code, station_condition(user))
    shown, hidden = _shown_rows(data.sections, bool(every_row), "total") if data else ([], 0)
    context = {
        "choices": choices,
        "period": code,
        "data": data,
        "shown": shown,
        "hidden": hidden,
        "every_row": bool(every_row),
        "missing_shown": MISSING_SHOWN,
        "province_bars": _province_bars(data) if data and len(data.provinces) > 1 else [],
        "row_bars": _row_bars(data, lang_of(request)) if data else [],
    }
    return render(request, "reports.html", context)


def _blank(value: Any) -> bool:
    return value is None or value == 0


def _shown_rows(sections: Any, every_row: bool, current: str) -> tuple[list[list[Any]], int]:
    """Each section's rows to show (`current`: the attribute holding this period's figure). As
    on the printed report, a breakdown line that is 0 in both periods is left out unless every
    row is asked for, and so is a caption left with nothing under it; the count of rows left
    out goes with the link that shows them. One list per section, in the sections' order."""
    shown: list[list[Any]] = []
    hidden = 0
    for section in sections:
        rows: list[Any] = []
        caption = None
        for row in section.rows:
            if row.heading:
                caption = row
                continue
            quiet = _blank(getattr(row, current)) and _blank(row.previous)
            if not every_row and row.level > 0 and quiet:
                hidden += 1
                continue
            if caption is not None and (row.level > 0 or every_row):
                rows.append(caption)
            caption = None
            rows.append(row)
        if every_row and caption is not None:
            rows.append(caption)
        shown.append(rows)
    return shown, hidden


def _province_bars(data: console_reports.Rollup) -> list[dict[str, Any]]:
    """Share of stations that submitted, per province, for the SVG chart (0–100)."""
    return [
        {
            "label": p.name,
            "text": f"{format_number(p.submitted)}/{format_number(p.stations)}",
            "share": round(100 * p.submitted / p.stations, 1) if p.stations else 0,
        }
        for p in data.provinces
    ]


def _row_bars(data: console_reports.Rollup, lang: str) -> list[dict[str, Any]]:
    top = data.top_rows()
    largest = max((row.total or 0 for _s, row in top), default=0) or 1  # numbers: top_rows
    return [
        {
            "label": row.label(lang),
            "text": format_number(row.total),
            "share": round(100 * (row.total or 0) / largest, 1),
        }
        for section, row in top
    ]


def _file_name(period: str) -> str:
    """bao-cao-2026-10.xlsx: the period's code, with anything unsafe in a header replaced."""
    return f"bao-cao-{re.sub(r'[^0-9A-Za-z.-]+', '-', period).strip('-') or 'ky'}.xlsx"


def _stream(spool: IO[bytes]) -> Iterator[bytes]:
    try:
        spool.seek(0)
        while chunk := spool.read(CHUNK):
            yield chunk
    finally:
        spool.close()


@router.post("/console/reports/export")
def reports_export(
    request: Request,
    user: CsrfUser,
    period: Annotated[str, Form(max_length=40)],
) -> Response:
    """The period's roll-up as .xlsx, streamed from a spooled file; the export is audited."""
    engine = request.app.state.engine
    code = period.strip()
    if not code:
        raise not_found()
    lang = lang_of(request)
    data = console_reports.rollup(engine, code, station_condition(user))
    # Closed by the response's stream once sent (or below if writing fails), not by a `with`.
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    try:
        console_reports_xlsx.write_xlsx(data, spool, translator(lang), lang, to_local)
        size = spool.tell()
    except BaseException:
        spool.close()
        raise
    with engine.begin() as conn:
        console_audit.append(
            conn,
            user.name,
            "reports.exported",
            code,
            {
                "submitted": len(data.submitted),
                "missing": len(data.missing),
                "scope": user.scope_kind
                if user.scope_kind == "all"
                else f"{user.scope_kind}:{user.scope_code}",
            },
        )
    name = _file_name(code)
    return StreamingResponse(
        _stream(spool),
        media_type=XLSX,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Content-Length": str(size),
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get("/console/reports/{station_code}/{report_id}")
def report_page(
    request: Request,
    user: CurrentUser,
    station_code: str,
    report_id: str,
    every_row: Annotated[int, Query(alias="all", ge=0, le=1)] = 0,
) -> Response:
    """One station's report as it was submitted; outside the scope it does not exist (404)."""
    if len(station_code) > 32 or len(report_id) > 64:
        raise not_found()
    detail = console_reports.report(
        request.app.state.engine, station_code, report_id, station_condition(user)
    )
    if detail is None:
        raise not_found()
    # Its written parts may name people (hot spots, notable cases): a view is recorded, as a
    # record's is.
    with request.app.state.engine.begin() as conn:
        console_audit.append(
            conn,
            user.name,
            "report.viewed",
            str(detail.report_id),
            {"station": detail.station_code, "period": detail.period_code},
        )
    shown, hidden = _shown_rows(detail.sections, bool(every_row), "current")
    context = {"report": detail, "shown": shown, "hidden": hidden, "every_row": bool(every_row)}
    return render(request, "report.html", context)
