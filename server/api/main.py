"""The FastAPI application: built by `create_app(settings)`, never a module-level global."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.openapi.utils import get_openapi
from sqlalchemy import Engine

from protocol.messages import PushRequest, ReportSubmission
from server.api import errors
from server.api.body import BodyLimitMiddleware
from server.api.last_resort import LastResortMiddleware
from server.api.routes import blobs, bundles, enroll, health, reports, sync
from server.api.routes.health import product_version
from server.console import app as console
from server.core.config import Settings
from server.core.db import make_engine
from server.services import catalog

log = logging.getLogger("cax.server")


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema plus the bodies read by hand (to verify the raw bytes first)."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in (PushRequest, ReportSubmission):
        extra = model.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(extra.pop("$defs", {}))
        components[model.__name__] = extra
    app.openapi_schema = schema
    return schema


def _warm(engine: Engine) -> None:
    """Work the first push would do, done as the worker starts; a failure only leaves it cold."""
    try:
        catalog.warm_definitions(engine)
    except Exception:  # a database not yet upgraded, or gone: the requests will say so
        log.debug("warm-up skipped", exc_info=True)


def create_app(
    settings: Settings | None = None, engine: Engine | None = None, *, warm: bool = False
) -> FastAPI:
    """`warm`: build the stored forms' definitions beside the first requests (`serve` does)."""
    settings = settings or Settings.from_env()
    engine = engine or make_engine(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        warming = None
        if warm:
            warming = threading.Thread(target=_warm, args=(engine,), name="cax-warm", daemon=True)
            warming.start()
        yield
        if warming is not None:
            warming.join(10)
        engine.dispose()

    app = FastAPI(title="CAX central server", version=product_version(), lifespan=lifespan)
    app.state.settings = settings
    app.state.engine = engine
    errors.install(app)
    api = APIRouter(prefix="/api/v1")
    api.include_router(health.router)
    api.include_router(enroll.router)
    api.include_router(sync.router)
    api.include_router(bundles.router)
    api.include_router(reports.router)
    api.include_router(blobs.router)
    app.include_router(api)
    console.install(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    # Added last, so outermost of ours: the console's and the API's handler, composed above.
    app.add_middleware(LastResortMiddleware, handler=app.exception_handlers[Exception])
    # FastAPI's documented way to adjust the schema is to replace this method on the instance.
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def app_factory() -> FastAPI:
    """For `uvicorn --factory` in every worker: settings from the environment."""
    return create_app(Settings.from_env(), warm=True)
