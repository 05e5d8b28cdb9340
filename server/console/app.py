"""Mount the console on the FastAPI app: its pages, its static files, its error pages."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from server.console import errors
from server.console.pages import account, audit, login, overview
from server.console.pages import forms as forms_page
from server.console.pages import records as records_page
from server.console.pages import reports as reports_page
from server.console.pages import stations as stations_page

STATIC_DIR = Path(__file__).resolve().parent / "static"


def install(app: FastAPI) -> None:
    """Called once by `create_app`, after the API's error handlers (which it wraps)."""
    errors.install(app)
    app.mount("/console/static", StaticFiles(directory=STATIC_DIR), name="console-static")
    # Each page module's router; pages are HTML, so none of them is in the API's OpenAPI schema.
    for router in (
        login.router,
        account.router,
        audit.router,
        reports_page.router,
        forms_page.router,
        records_page.router,
        overview.router,
        stations_page.router,
    ):
        app.include_router(router, include_in_schema=False)
