"""Attachment blobs, uploaded in chunks after the revisions that list them (protocol.attachments).
Every request is signed by the device; a blob is its station's alone."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from protocol.attachments import BlobBegin, BlobStatus
from protocol.errors import ErrorCode
from protocol.messages import ErrorBody
from server.api.body import parse_json
from server.api.deps import EngineDep, SettingsDep, SignedDep, signed_answer
from server.api.routes.sync import SIGNATURE_PARAMS
from server.errors import ServerError
from server.services import blobs

router = APIRouter(prefix="/blobs")

Sha = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="the blob's SHA-256, hex")]
Chunk = Annotated[int, Path(ge=0, le=1_000_000)]
_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 404, 409, 413, 415, 422, 429)
}
_DOC: dict[str, Any] = {
    "response_model": BlobStatus,
    "responses": _ERRORS,
    "openapi_extra": {"parameters": SIGNATURE_PARAMS},
}


async def _answer(request: Request, signed: Any, status: BlobStatus) -> Response:
    return await signed_answer(request, signed, status.model_dump_json().encode("utf-8"))


@router.post("/{sha256}", **_DOC)
async def begin(
    request: Request, sha256: Sha, signed: SignedDep, engine: EngineDep, settings: SettingsDep
) -> Response:
    """Announce a blob (`BlobBegin` JSON); the answer says which chunks the server holds."""
    try:
        announced = BlobBegin.model_validate(parse_json(signed.body))
    except ValidationError as exc:
        raise ServerError(ErrorCode.VALIDATION_ERROR, str(exc.errors()[0]["msg"])) from None
    station = signed.device.station_id
    status = await run_in_threadpool(blobs.begin, engine, settings, station, sha256, announced)
    return await _answer(request, signed, status)


@router.put("/{sha256}", **_DOC)
async def put_whole(
    request: Request,
    sha256: Sha,
    media_type: Annotated[str, Query(max_length=127, description="the blob's media type")],
    signed: SignedDep,
    engine: EngineDep,
    settings: SettingsDep,
) -> Response:
    """A blob of at most one chunk (the raw bytes) announced, stored and completed in one request
    (protocol version 3): what `POST`, `PUT …/chunks/0` and `POST …/complete` do together."""
    try:
        announced = BlobBegin(size=len(signed.body), media_type=media_type)
    except ValidationError as exc:
        raise ServerError(ErrorCode.VALIDATION_ERROR, str(exc.errors()[0]["msg"])) from None
    station = signed.device.station_id
    answer = await run_in_threadpool(
        blobs.put_whole, engine, settings, station, sha256, announced, signed.body
    )
    return await _answer(request, signed, answer)


@router.get("/{sha256}", **_DOC)
async def status(request: Request, sha256: Sha, signed: SignedDep, engine: EngineDep) -> Response:
    """Which chunks of the station's blob the server holds, and whether it is complete."""
    answer = await run_in_threadpool(blobs.status, engine, signed.device.station_id, sha256)
    return await _answer(request, signed, answer)


@router.put("/{sha256}/chunks/{n}", **_DOC)
async def put_chunk(
    request: Request, sha256: Sha, n: Chunk, signed: SignedDep, engine: EngineDep
) -> Response:
    """Chunk `n` as raw bytes; sending a chunk the server holds already changes nothing."""
    station = signed.device.station_id
    answer = await run_in_threadpool(blobs.put_chunk, engine, station, sha256, n, signed.body)
    return await _answer(request, signed, answer)


@router.post("/{sha256}/complete", **_DOC)
async def complete(request: Request, sha256: Sha, signed: SignedDep, engine: EngineDep) -> Response:
    """Check the whole blob (size and SHA-256) and mark it complete."""
    answer = await run_in_threadpool(blobs.complete, engine, signed.device.station_id, sha256)
    return await _answer(request, signed, answer)
