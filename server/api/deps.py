"""Dependencies of the routes: the engine and settings of this app, and the signed-request check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import Depends, Request, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from protocol.signing import HEADER_ANSWER_SIGNATURE, HEADER_NONCE, sign_answer
from server.core.config import Settings
from server.core.security import load_signing_key
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
    method: str = ""
    path: str = ""
    nonce: str = ""


async def signed_request(request: Request) -> SignedRequest:
    """Read the body (within the size cap) and authenticate it; raises ServerError otherwise."""
    body = await request.body()
    settings = get_settings(request)
    path = signed_path(request)
    device = await run_in_threadpool(
        authenticate,
        get_engine(request),
        request.method,
        path,
        body,
        request.headers,
        settings.rate_limit_per_minute,
    )
    return SignedRequest(device, body, request.method, path, request.headers[HEADER_NONCE])


async def _answer_key(request: Request) -> Ed25519PrivateKey:
    """The server's Ed25519 signing key, read once per app (the station pinned its public half
    at enrolment)."""
    key: Ed25519PrivateKey | None = getattr(request.app.state, "answer_key", None)
    if key is None:
        key = await run_in_threadpool(load_signing_key, get_engine(request))
        request.app.state.answer_key = key
    return key


async def signed_answer(request: Request, signed: SignedRequest, body: bytes) -> Response:
    """A JSON answer signed for the request it answers (docs/protocol.md, "Signed answers")."""
    key = await _answer_key(request)
    signature = sign_answer(key, signed.method, signed.path, signed.nonce, body)
    return Response(
        body, media_type="application/json", headers={HEADER_ANSWER_SIGNATURE: signature}
    )


EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
SignedDep = Annotated[SignedRequest, Depends(signed_request)]
