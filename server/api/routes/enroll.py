"""POST /api/v1/enroll: a new device spends a one-time code and registers its public key."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from protocol.messages import EnrollRequest, EnrollResponse, ErrorBody
from server.api.deps import EngineDep
from server.services import enrolment

router = APIRouter()


@router.post(
    "/enroll",
    responses={
        400: {"model": ErrorBody},
        403: {"model": ErrorBody},
        409: {"model": ErrorBody},
        422: {"model": ErrorBody},
    },
)
async def enroll(request: EnrollRequest, engine: EngineDep) -> EnrollResponse:
    """Unsigned (the device has no identity yet); the code admits exactly one device."""
    return await run_in_threadpool(enrolment.enroll, engine, request)
