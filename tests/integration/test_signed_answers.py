"""The station checks the server's signature on every push and pull answer: an answer altered
on the way (or not signed) is refused with ANSWER_SIGNATURE_INVALID and nothing is taken from
it — the outbox keeps every revision waiting, the pull cursor stays where it was."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
import requests

from desktop.core.errors import AnswerSignatureInvalid, ServerUnreachable
from desktop.storage import outbox, sync_settings
from desktop.sync.client import SyncClient
from protocol.messages import ReviewDecision
from protocol.signing import HEADER_ANSWER_SIGNATURE
from server.services import reviews
from tests.desktop.sync.helpers import completed_records

Tamper = Callable[[requests.Response], None]


def _tampering(monkeypatch: pytest.MonkeyPatch, marker: str, tamper: Tamper) -> None:
    """Alter every answer to a request whose path contains `marker`, as a man in the middle."""
    send = SyncClient._send

    def altered(self, method, path, body=b"", headers=None):  # type: ignore[no-untyped-def]
        response = send(self, method, path, body, headers)
        if marker in path and response.status_code == 200:
            tamper(response)
        return response

    monkeypatch.setattr(SyncClient, "_send", altered)


def _replace(response: requests.Response, old: bytes, new: bytes) -> None:
    """Change the body as a man in the middle would: the announced length made to fit."""
    response._content = response.content.replace(old, new)
    response.headers["Content-Length"] = str(len(response.content))


def _flip_stored_to_duplicate(response: requests.Response) -> None:
    _replace(response, b'"stored"', b'"duplicate"')


def _drop_signature(response: requests.Response) -> None:
    del response.headers[HEADER_ANSWER_SIGNATURE]


@pytest.mark.parametrize("tamper", [_flip_stored_to_duplicate, _drop_signature])
def test_a_tampered_push_answer_is_refused_and_the_outbox_kept(
    enrolled, session, server_db, monkeypatch: pytest.MonkeyPatch, tamper: Tamper
) -> None:
    completed_records(session, 3)
    _tampering(monkeypatch, "/sync/push", tamper)
    with pytest.raises(AnswerSignatureInvalid):
        enrolled.run()
    with session.db.read() as conn:
        counts = outbox.counts(conn)
    assert counts.acknowledged == 0 and counts.waiting == 3
    monkeypatch.undo()  # the link is clean again: the same revisions go and are answered
    report = enrolled.run()
    assert report.counts.acknowledged == 3 and report.waiting == 0


def test_a_tampered_pull_answer_is_refused_and_the_cursor_kept(
    enrolled, session, server_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_id = completed_records(session, 1)[0]
    enrolled.run()
    with session.db.read() as conn:
        before = sync_settings.load_enrolment(conn)
    assert before is not None
    reviews.review_record(
        server_db.engine, uuid.UUID(record_id), ReviewDecision.ACCEPTED, "Đủ", "Tổ A"
    )

    def accepted_to_returned(response: requests.Response) -> None:
        _replace(response, b'"accepted"', b'"returned"')

    _tampering(monkeypatch, "/sync/pull", accepted_to_returned)
    with pytest.raises(AnswerSignatureInvalid):
        enrolled.run()
    with session.db.read() as conn:
        after = sync_settings.load_enrolment(conn)
    assert after is not None and after.pull_cursor == before.pull_cursor
    monkeypatch.undo()
    assert enrolled.run().counts.pulled >= 1


def test_an_answer_cut_inside_its_headers_is_asked_again_not_trusted(
    enrolled, session, server_db, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No announced length and no signature: the link cut it, so the request goes again (and
    the sync fails as unreachable when it never comes whole); nothing is taken from it."""
    completed_records(session, 2)

    def cut(response: requests.Response) -> None:
        for name in (HEADER_ANSWER_SIGNATURE, "Content-Length"):
            del response.headers[name]
        response._content = b""

    _tampering(monkeypatch, "/sync/push", cut)
    with pytest.raises(ServerUnreachable):
        enrolled.run()
    with session.db.read() as conn:
        assert outbox.counts(conn).acknowledged == 0
    monkeypatch.undo()
    assert enrolled.run().counts.acknowledged == 2
