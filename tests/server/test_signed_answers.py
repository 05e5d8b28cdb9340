"""Push and pull answers carry the server's signature over the request's nonce and the body."""

from __future__ import annotations

import gzip

from fastapi.testclient import TestClient

from protocol.signing import HEADER_ANSWER_SIGNATURE, HEADER_NONCE, verify_answer
from tests.server.helpers import PUSH, StationDevice, batch_body, make_record


def test_push_and_pull_answers_are_signed_by_the_server_key(
    client: TestClient, device: StationDevice
) -> None:
    """The signature covers the request's nonce and the body, under the key pinned at enrolment."""
    server_key = device.enrolment["server_signing_key"]
    body = gzip.compress(batch_body([make_record(device.station_code)]))
    headers = device.headers("POST", PUSH, body)
    answer = client.post(
        PUSH,
        content=body,
        headers={**headers, "Content-Type": "application/json", "Content-Encoding": "gzip"},
    )
    signature = answer.headers[HEADER_ANSWER_SIGNATURE]
    nonce = headers[HEADER_NONCE]
    assert verify_answer(server_key, "POST", PUSH, nonce, answer.content, signature)
    assert not verify_answer(server_key, "POST", PUSH, "0" * 32, answer.content, signature)
    path = "/api/v1/sync/pull?cursor=0"
    headers = device.headers("GET", path, b"")
    pulled = client.get(path, headers=headers)
    signature = pulled.headers[HEADER_ANSWER_SIGNATURE]
    assert verify_answer(server_key, "GET", path, headers[HEADER_NONCE], pulled.content, signature)
    assert not verify_answer(
        server_key, "GET", path, headers[HEADER_NONCE], pulled.content + b" ", signature
    )
