"""A record's document number and amendment reason reach the centre (protocol version 2), and a
station finding a server that speaks only version 1 sends version 1: the records still land."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from desktop.storage.records import RecordService
from desktop.sync.client import SyncClient
from tests.desktop.sync.helpers import CATALOGUE, completed_records, example
from tests.integration.servers import speak_at_most


def _facts(server_db) -> dict[tuple[str, int], tuple[str | None, str | None]]:
    with server_db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT record_id, revision, document_number, amendment_reason FROM record_revisions"
            )
        )
        return {(str(r[0]), r[1]): (r[2], r[3]) for r in rows}


def _amend_first(session) -> tuple[str, str]:
    [record_id] = completed_records(session, 1)
    service = RecordService(session, CATALOGUE)
    number = service.get(record_id).summary.document_number
    service.amend(record_id, example("F1"), "Sửa  lời khai\ttheo biên bản")
    return record_id, number


def test_number_and_amendment_reason_reach_the_centre(enrolled, server_db):
    record_id, number = _amend_first(enrolled.session)
    assert number
    enrolled.run()
    assert _facts(server_db) == {
        (record_id, 1): (number, None),
        (record_id, 2): (number, "Sửa lời khai theo biên bản"),
    }


@pytest.fixture
def version_1_server(monkeypatch):
    """The server's health answer says it speaks only version 1 (a centre not yet upgraded)."""
    speak_at_most(monkeypatch, 1)


def test_a_version_1_server_gets_version_1(enrolled, server_db, version_1_server):
    record_id, _number = _amend_first(enrolled.session)
    seen: list[int] = []
    real_push = SyncClient.push

    def push(client: SyncClient, body: bytes):
        seen.append(client.protocol)
        return real_push(client, body)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SyncClient, "push", push)
        report = enrolled.run()
    assert report.counts.acknowledged == 2 and seen == [1]
    assert _facts(server_db) == {(record_id, 1): (None, None), (record_id, 2): (None, None)}
