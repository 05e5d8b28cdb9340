"""Dependencies of the routes: the engine and settings of this app, and the signed-request check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from server.core.config import Settings
from server.services.auth import AuthenticatedDevice, authenticate


def get_engine(request: Request) -> Engine:
    return request.app.state.engine


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def signed_path(request: Request) -> str:
    """The path as the client sent and signed it, query string included."""
    raw = request.scope.get("raw_path") or request.scope["path"].encode("utf-8")
    query = request.scope.get("query_string", b"")
    path = raw.decode("latin-1")
    return f"{path}?{query.decode('latin-1')}" if query else path


@dataclass(frozen=True)
class SignedRequest:
    device: AuthenticatedDevice
    body: bytes


async def signed_request(request: Request) -> SignedRequest:
    """Read the body (within the size cap) and authenticate it; raises ServerError otherwise."""
    body = await request.body()
    settings = get_settings(request)
    device = await run_in_threadpool(
        authenticate,
        get_engine(request),
        request.method,
        signed_path(request),
        body,
        request.headers,
        settings.rate_limit_per_minute,
    )
    return SignedRequest(device, body)


EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
SignedDep = Annotated[SignedRequest, Depends(signed_request)]
