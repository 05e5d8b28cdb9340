"""POST /api/v1/sync/push and GET /api/v1/sync/pull, both signed by the device."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from protocol.messages import ErrorBody, PullResponse, PushResponse
from protocol.signing import SIGNED_HEADERS
from server.api.body import decompress, parse_json
from server.api.deps import EngineDep, SettingsDep, SignedDep, SignedRequest, signed_answer
from server.core.config import Settings
from server.services import feed, ingest

router = APIRouter(prefix="/sync")

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 413, 415, 422, 429, 503)
}
SIGNATURE_PARAMS = [
    {"name": name, "in": "header", "required": True, "schema": {"type": "string"}}
    for name in SIGNED_HEADERS
]


def _push(engine: Engine, settings: Settings, signed: SignedRequest, encoding: str | None) -> bytes:
    raw = decompress(signed.body, encoding, settings.max_decompressed_bytes)
    document = parse_json(raw)
    response = ingest.push(engine, signed.device, document)
    return response.model_dump_json().encode("utf-8")


@router.post(
    "/push",
    response_model=PushResponse,
    responses=_ERRORS,
    openapi_extra={
        "parameters": SIGNATURE_PARAMS,
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/PushRequest"}}
            },
        },
    },
)
async def push(
    request: Request, signed: SignedDep, engine: EngineDep, settings: SettingsDep
) -> Response:
    """A gzip-compressed batch of record revisions; one answer per record, in order."""
    encoding = request.headers.get("content-encoding")
    body = await run_in_threadpool(_push, engine, settings, signed, encoding)
    # Already validated and serialised once; skip FastAPI's second pass over 10,000 results.
    return await signed_answer(request, signed, body)


@router.get(
    "/pull",
    response_model=PullResponse,
    responses=_ERRORS,
    openapi_extra={"parameters": SIGNATURE_PARAMS},
)
async def pull(
    request: Request,
    signed: SignedDep,
    engine: EngineDep,
    cursor: Annotated[int, Query(ge=0, le=2**62, description="next_cursor of the last pull")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> Response:
    """Updates for the device's station after `cursor`, oldest first."""
    answer = await run_in_threadpool(feed.pull, engine, signed.device.station_id, cursor, limit)
    return await signed_answer(request, signed, answer.model_dump_json().encode("utf-8"))
