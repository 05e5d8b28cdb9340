"""The console's home page: the scope's stations by sync health, what came in, what waits."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response

from server.console.deps import CurrentUser
from server.console.pages.stations import BADGES, units_condition
from server.console.scope import station_condition
from server.console.templating import VN_TZ, render, to_local
from server.services import console_stations

router = APIRouter()
SILENT_ROWS = 10


def days_since(moment: datetime | None) -> int | None:
    """Whole calendar days in Vietnam between `moment` and today."""
    if moment is None:
        return None
    today = datetime.now(UTC).astimezone(VN_TZ).date()
    return (today - to_local(moment).date()).days


@router.get("/console/")
def overview_page(request: Request, user: CurrentUser) -> Response:
    with request.app.state.engine.connect() as conn:
        figures = console_stations.overview(
            conn, station_condition(user), units_condition(user), silent_limit=SILENT_ROWS
        )
    context = {
        "figures": figures,
        "healths": console_stations.HEALTHS,
        "badges": BADGES,
        "stale_days": console_stations.STALE_DAYS,
        "alert_days": console_stations.ALERT_DAYS,
        "show_unregistered": user.scope_kind != "station",
        "days_since": days_since,
    }
    return render(request, "overview.html", context)
