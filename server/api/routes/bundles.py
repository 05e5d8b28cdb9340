"""POST /api/v1/bundles: upload an offline bundle file, get its signed receipt file back."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from protocol.messages import ErrorBody
from server.api.deps import EngineDep, SettingsDep
from server.services import bundles

router = APIRouter()

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 409, 413, 422, 429, 503)
}


@router.post(
    "/bundles",
    responses={200: {"content": {"application/json": {}}}, **_ERRORS},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        },
    },
)
async def upload_bundle(request: Request, engine: EngineDep, settings: SettingsDep) -> Response:
    """Unsigned: the bundle carries its device's signature, so any connected office may upload it.

    The answer is the receipt file (docs/protocol.md, "Offline bundles") to carry back; the same
    file again gets the receipt of its first import. Limited per device that signed the bundle
    (RATE_LIMITED)."""
    body = await request.body()
    imported = await run_in_threadpool(
        bundles.import_bundle, engine, body, settings.bundle_uploads_per_hour, settings
    )
    return Response(imported.receipt_bytes, media_type="application/json")
