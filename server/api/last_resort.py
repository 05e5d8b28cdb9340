"""Answer an unexpected error and keep the connection open.

Starlette gives the `Exception` handler to its outermost middleware, which sends the handler's
answer and then re-raises so that the server can log the error; uvicorn then closes the
connection under a client that may already be sending its next request on it. A station's
kept-alive session saw "connection reset" instead of the coded 500 for that next request. This
middleware, inside Starlette's, answers with the same handler and stops there.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Starlette's handler type: it may answer at once or be awaited.
Handler = Callable[[Request, Any], Response | Awaitable[Response]]


class LastResortMiddleware:
    """Turn an exception no other handler took into `handler`'s answer, if none has started."""

    def __init__(self, app: ASGIApp, handler: Handler) -> None:
        self.app = app
        self.handler = handler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched_send)
        except Exception as exc:
            if started:  # half an answer is out: only closing the connection can end it
                raise
            answer = self.handler(Request(scope, receive), exc)
            response = answer if isinstance(answer, Response) else await answer
            await response(scope, receive, send)
