"""The sync client against a scripted HTTP server: retries with backoff on 5xx/429, dropped and
cut-off answers (POST included), re-signing after a replay refusal, and clear errors."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from desktop.core.errors import (
    DeviceNotAuthorised,
    ServerRefused,
    ServerUnavailable,
    ServerUnreachable,
)
from desktop.sync.client import DeviceIdentity, RetryPolicy, SyncClient
from protocol.signing import HEADER_NONCE, new_private_key
from tests.server.serverproc import free_port

PUSH_OK = {
    "batch_id": "0190a0b0-0000-7000-8000-000000000000",
    "stored": 0,
    "duplicate": 0,
    "conflict": 0,
    "rejected": 0,
    "results": [],
}
QUICK = RetryPolicy(attempts=4, backoff_factor=0.01, backoff_max=0.05, backoff_jitter=0.01)


class Script:
    """What the server answers, one step per request: (status, body dict, or "cut"/"drop")."""

    def __init__(self, steps: list[tuple[int, object]]) -> None:
        self.steps = steps
        self.seen: list[dict[str, str]] = []


def _handler(script: Script) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return None

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            script.seen.append(dict(self.headers))
            status, body = script.steps.pop(0) if script.steps else (200, PUSH_OK)
            if body == "drop":
                self.close_connection = True
                self.connection.close()
                return
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body == "cut":
                self.wfile.write(b'{"batch_id": "01')  # the rest never comes
                self.close_connection = True
                return
            self.wfile.write(data)

        do_GET = do_POST = _answer

    return Handler


@pytest.fixture
def serve() -> Iterator:
    servers = []

    def start(steps: list[tuple[int, object]]) -> tuple[SyncClient, Script]:
        script = Script(steps)
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(script))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        identity = DeviceIdentity("0190a0b0-0000-7000-8000-0000000000aa", new_private_key())
        url = f"http://127.0.0.1:{httpd.server_address[1]}"
        return SyncClient(url, identity=identity, policy=QUICK), script

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def test_post_retried_on_5xx_and_429(serve):
    """503, 500 and 429 are retried (POST too); the fourth try's answer is returned."""
    client, script = serve(
        [
            (503, {"code": "DATABASE_UNAVAILABLE", "detail": ""}),
            (500, {"code": "INTERNAL_ERROR", "detail": ""}),
            (429, {"code": "RATE_LIMITED", "detail": ""}),
        ]
    )
    assert client.push(b"x").stored == 0
    assert len(script.seen) == 4


def test_cut_and_dropped_answers_are_retried(serve):
    """An answer cut off mid-body and a dropped connection cost a try each, nothing more."""
    client, script = serve([(200, "cut"), (200, "drop")])
    assert client.push(b"x").batch_id
    assert len(script.seen) == 3


def test_replayed_nonce_is_signed_again(serve):
    """The transport resends a request as it was; the server's NONCE_REPLAYED makes the client
    sign it afresh, with a new nonce."""
    client, script = serve([(401, {"code": "NONCE_REPLAYED", "detail": ""})])
    client.push(b"x")
    nonces = [seen[HEADER_NONCE] for seen in script.seen]
    assert len(nonces) == 2 and nonces[0] != nonces[1]


def test_persistent_failure_is_unavailable(serve):
    """A server that keeps answering 503: ServerUnavailable with the server's code."""
    client, script = serve([(503, {"code": "DATABASE_UNAVAILABLE", "detail": ""})] * 10)
    with pytest.raises(ServerUnavailable) as caught:
        client.push(b"x")
    assert caught.value.params["server_code"] == "DATABASE_UNAVAILABLE"
    assert len(script.seen) == QUICK.attempts + 1


def test_refusals_are_not_retried(serve):
    """A revoked device and a malformed request fail at once, with their own error."""
    client, script = serve(
        [
            (403, {"code": "DEVICE_REVOKED", "detail": ""}),
            (400, {"code": "VALIDATION_ERROR", "detail": ""}),
        ]
    )
    with pytest.raises(DeviceNotAuthorised):
        client.push(b"x")
    with pytest.raises(ServerRefused) as caught:
        client.push(b"x")
    assert caught.value.params["server_code"] == "VALIDATION_ERROR"
    assert len(script.seen) == 2


def test_nobody_listening_is_unreachable():
    """A closed port: ServerUnreachable after the tries, naming the server."""
    url = f"http://127.0.0.1:{free_port()}"
    client = SyncClient(url, policy=QUICK)
    with pytest.raises(ServerUnreachable) as caught:
        client.health()
    assert caught.value.params["server"] == url


def test_cancel_ends_the_transport_backoff_at_once():
    """Nothing listens and the transport waits seconds between tries; a cancel (a lock of the
    app) ends the wait at once with ServerUnreachable(reason=cancelled), not after the budget."""
    cancel = threading.Event()
    slow = RetryPolicy(attempts=6, backoff_factor=2.0, backoff_max=30.0, backoff_jitter=0.0)
    client = SyncClient(f"http://127.0.0.1:{free_port()}", policy=slow, cancel=cancel)
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(ServerUnreachable) as failure:
        client.health()
    assert time.monotonic() - started < 2.0  # the first backoff alone is 2 s, the budget ~60 s
    assert failure.value.params.get("reason") == "cancelled"
    client.close()
