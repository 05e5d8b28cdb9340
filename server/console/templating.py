"""Jinja2 rendering of the console pages: one environment, the shared context, VN formats."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from server.console.i18n import fallback_translator, lang_of, translator

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
# Vietnam keeps UTC+7 all year (no daylight saving): a fixed offset needs no tz database.
VN_TZ = timezone(timedelta(hours=7), "ICT")

# (path, message key): the header's navigation, in order.
NAV = (
    ("/console/", "nav.overview"),
    ("/console/stations", "nav.stations"),
    ("/console/records", "nav.records"),
    ("/console/reports", "nav.reports"),
    ("/console/forms", "nav.forms"),
    ("/console/audit", "nav.audit"),
)


def format_date(value: date | datetime | None) -> str:
    """dd/mm/yyyy; a timestamp is first moved to Vietnam's time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = to_local(value)
    return value.strftime("%d/%m/%Y")


def format_datetime(value: datetime | None) -> str:
    """dd/mm/yyyy HH:MM in Asia/Ho_Chi_Minh; naive values are UTC (SQLite drops the zone)."""
    if value is None:
        return ""
    return to_local(value).strftime("%d/%m/%Y %H:%M")


def to_local(value: datetime) -> datetime:
    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value
    return aware.astimezone(VN_TZ)


def format_number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    """Vietnamese grouping: 1.234.567 and 3,5 (dot for thousands, comma for decimals)."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def parse_date(text: str | None) -> date | None:
    """A date typed as dd/mm/yyyy (or d/m/yyyy, or the ISO yyyy-mm-dd a date picker sends);
    None when empty. Raises ValueError for anything else, for the page to say so."""
    text = (text or "").strip()
    if not text:
        return None
    if "-" in text:
        return date.fromisoformat(text)
    day, month, year = (int(part) for part in text.split("/"))
    if year < 1900:
        raise ValueError(text)
    return date(year, month, day)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html", "xml"], default_for_string=True),
        undefined=StrictUndefined,  # a misspelt variable fails the test, not the user silently
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date"] = format_date
    env.filters["datetime"] = format_datetime
    env.filters["number"] = format_number
    return env


templates = _environment()


def nav_items(path: str) -> list[dict[str, Any]]:
    items = []
    for href, key in NAV:
        active = path == href if href == "/console/" else path.startswith(href)
        items.append({"href": href, "key": key, "active": active})
    return items


def base_context(request: Request) -> dict[str, Any]:
    """What every template may use: `t`, `t_or`, `lang`, `user` (or None), `csrf_token`, `nav`."""
    lang = lang_of(request)
    return {
        "request": request,
        "t": translator(lang),
        "t_or": fallback_translator(lang),
        "lang": lang,
        "user": getattr(request.state, "console_user", None),
        "csrf_token": getattr(request.state, "console_csrf", ""),
        "nav": nav_items(request.url.path),
        "path": request.url.path,
        # Where the language switch comes back to: this page, unless it answered a POST.
        "here": str(request.url.path) + (f"?{request.url.query}" if request.url.query else "")
        if request.method == "GET"
        else "/console/",
    }


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """The page `name` (in server/console/templates) as `text/html; charset=utf-8`."""
    full = base_context(request) | (context or {})
    html = templates.get_template(name).render(full)
    response = HTMLResponse(html, status_code=status_code, headers=headers)
    # The console's pages hold personal data: never cached, never framed by another site.
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
