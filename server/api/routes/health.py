"""GET /api/v1/health: liveness, database reachability, and the server's clock for offsets."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

from fastapi import APIRouter
from sqlalchemy import Engine, text
from starlette.concurrency import run_in_threadpool

from protocol import MAX_PROTOCOL_VERSION, MIN_PROTOCOL_VERSION
from protocol.messages import ErrorBody, HealthResponse
from server.api.deps import EngineDep

router = APIRouter()


def product_version() -> str:
    try:
        return version("cax-desk")
    except PackageNotFoundError:
        return "unknown"


def _ping(engine: Engine) -> None:
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


@router.get("/health", responses={503: {"model": ErrorBody}})
async def health(engine: EngineDep) -> HealthResponse:
    """Unsigned; stations also read `server_timestamp` here to correct their clock."""
    await run_in_threadpool(_ping, engine)
    now = time.time()
    return HealthResponse(
        server_time=datetime.fromtimestamp(now, UTC),
        server_timestamp=now,
        version=product_version(),
        min_protocol_version=MIN_PROTOCOL_VERSION,
        max_protocol_version=MAX_PROTOCOL_VERSION,
    )
