"""Request bodies: a size cap enforced while reading, gzip with a ratio-proof cap, strict JSON."""

from __future__ import annotations

import json
import zlib
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from protocol.errors import ErrorCode
from server.api.errors import error_response
from server.errors import ServerError


class BodyLimitMiddleware:
    """Refuse bodies over `max_bytes`: at once by Content-Length, else as soon as the count passes."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await error_response(ErrorCode.BAD_ARGUMENT, "bad Content-Length")(
                    scope, receive, send
                )
                return
            if int(declared) > self.max_bytes:
                response = error_response(
                    ErrorCode.BODY_TOO_LARGE, f"body over {self.max_bytes} bytes"
                )
                await response(scope, receive, send)
                return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise ServerError(ErrorCode.BODY_TOO_LARGE, f"body over {self.max_bytes} bytes")
            return message

        await self.app(scope, counting_receive, send)


def decompress(body: bytes, content_encoding: str | None, max_bytes: int) -> bytes:
    """Undo Content-Encoding; a gzip bomb stops at `max_bytes` of output, never expands further."""
    encoding = (content_encoding or "identity").strip().lower()
    if encoding == "identity":
        return body
    if encoding != "gzip":
        raise ServerError(ErrorCode.UNSUPPORTED_ENCODING, "send gzip or identity")
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(body, max_bytes + 1)
    except zlib.error:
        raise ServerError(ErrorCode.BAD_GZIP, "body is not valid gzip") from None
    if len(out) > max_bytes or inflater.unconsumed_tail:
        raise ServerError(ErrorCode.BODY_TOO_LARGE, f"decompressed body over {max_bytes} bytes")
    if not inflater.eof:
        raise ServerError(ErrorCode.BAD_GZIP, "gzip stream is truncated")
    return out


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_json(raw: bytes) -> Any:
    """Strict UTF-8 JSON: no NaN or infinities, no byte-order mark."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ServerError(ErrorCode.INVALID_UTF8, f"invalid UTF-8 at byte {exc.start}") from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise ServerError(ErrorCode.JSON_TOO_DEEP, "JSON nests too deeply") from None
    except ValueError as exc:
        raise ServerError(ErrorCode.MALFORMED_JSON, str(exc)[:200]) from None
