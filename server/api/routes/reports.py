"""POST /api/v1/reports: a station's submitted periodic report, signed like a push."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from protocol.messages import ErrorBody, ReportResult
from server.api.body import decompress, parse_json
from server.api.deps import EngineDep, SettingsDep, SignedDep, SignedRequest, signed_answer
from server.api.routes.sync import SIGNATURE_PARAMS
from server.core.config import Settings
from server.services import reports_ingest

router = APIRouter()

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 413, 415, 422, 429, 503)
}


def _submit(
    engine: Engine, settings: Settings, signed: SignedRequest, encoding: str | None
) -> ReportResult:
    raw = decompress(signed.body, encoding, settings.max_decompressed_bytes)
    return reports_ingest.submit(engine, signed.device, parse_json(raw))


@router.post(
    "/reports",
    response_model=ReportResult,
    responses=_ERRORS,
    openapi_extra={
        "parameters": SIGNATURE_PARAMS,
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/ReportSubmission"}}
            },
        },
    },
)
async def submit_report(
    request: Request, signed: SignedDep, engine: EngineDep, settings: SettingsDep
) -> Response:
    """One frozen report (gzip or identity); read by hand after the signature is checked."""
    encoding = request.headers.get("content-encoding")
    answer = await run_in_threadpool(_submit, engine, settings, signed, encoding)
    return await signed_answer(request, signed, answer.model_dump_json().encode("utf-8"))
