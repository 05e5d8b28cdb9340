"""Test-only server launcher: the real app behind an ASGI middleware that answers random 500, 503
and 429 — before the request reaches the app, or after the app handled it (the answer is lost).

    python -m tests.integration.faulty_app --port P [--workers N]   (CAX_TEST_FAULT_RATE=0.3)

Never part of the product: it lives under tests/ and only wraps `server.api.main.app_factory`.
"""

from __future__ import annotations

import argparse
import json
import os
import random

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.api.main import app_factory as real_app_factory

STATUSES = (500, 503, 429)


class RandomFailures:
    """With probability `rate`, a request fails: half the time before the app sees it, half the
    time after the app did the work (the worst case: stored, but the station never hears)."""

    def __init__(
        self, app: ASGIApp, rate: float, log: str | None = None, seed: int | None = None
    ) -> None:
        self.app = app
        self.rate = rate
        self.log = log
        self.random = random.Random(seed)

    def _note(self, when: str, status: int, path: str) -> None:
        if self.log:  # one line per injected failure, for the test to check what happened
            with open(self.log, "a", encoding="utf-8") as out:
                out.write(f"{when} {status} {path}\n")

    async def _fail(self, send: Send, status: int) -> None:
        body = json.dumps({"code": "INTERNAL_ERROR", "detail": "injected"}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith("/api/v1/sync"):
            await self.app(scope, receive, send)  # health and enrolment stay reliable
            return
        if self.random.random() >= self.rate:
            await self.app(scope, receive, send)
            return
        status = self.random.choice(STATUSES)
        if self.random.random() < 0.5:
            self._note("before", status, path)
            await self._fail(send, status)
            return

        async def swallow(_message: Message) -> None:
            return None

        await self.app(scope, receive, swallow)
        self._note("after", status, path)
        await self._fail(send, status)


def app_factory() -> ASGIApp:
    rate = float(os.environ.get("CAX_TEST_FAULT_RATE", "0.3"))
    return RandomFailures(real_app_factory(), rate, os.environ.get("CAX_TEST_FAULT_LOG"))


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    uvicorn.run(
        "tests.integration.faulty_app:app_factory",
        factory=True,
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        log_level="warning",
    )


if __name__ == "__main__":
    main()
