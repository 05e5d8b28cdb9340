"""The outbox: a revision is queued in the very transaction that makes it eligible (by the
station's policy), goes out as a valid, hashed protocol record, and moves through its states."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from desktop.storage import outbox, record_store, sync_settings
from desktop.storage import records as records_module
from desktop.storage.database import Database
from desktop.storage.migrate import upgrade
from desktop.storage.outbox import Answer
from desktop.storage.records import RecordService
from protocol.messages import RecordRevision
from tests.desktop.sync.helpers import CATALOGUE, example

NOW = "2026-11-28T09:30:00+07:00"


@pytest.fixture
def session(station_home):
    opened = station_home.unlock()
    yield opened
    opened.close()


@pytest.fixture
def records(session):
    return RecordService(session, CATALOGUE)


def queued(session) -> list[tuple[str, int, str]]:
    with session.db.read() as conn:
        rows = conn.execute(text("SELECT record_id, revision, state FROM outbox ORDER BY id"))
        return [tuple(r) for r in rows]


def test_on_completion_queues_completed_amended_and_voided(session, records):
    """Default policy: completion, amendment and void each queue their revision; approval and
    drafts do not."""
    rid = records.create("F1", example("F1"))
    draft = records.create("F2", example("F2"))
    assert queued(session) == []
    records.complete(rid)
    records.approve(rid)
    records.amend(rid, example("F1"), "sửa địa chỉ")
    records.void(rid, "nhập trùng")
    records.void(draft, "nháp thừa")  # never eligible, so its void is not either
    assert queued(session) == [(rid, 1, "pending"), (rid, 2, "pending"), (rid, 3, "pending")]


def test_after_approval_queues_only_what_a_supervisor_approved(session, records):
    """After-approval policy: only approved revisions go; a void of an unsent record stays home."""
    sync_settings.set_policy(session, "after_approval")
    sent, unsent = records.create("F1", example("F1")), records.create("F3", example("F3"))
    records.complete(sent)
    records.complete(unsent)
    assert queued(session) == []
    records.approve(sent)
    records.amend(sent, example("F1"), "bổ sung")
    records.approve(sent)
    records.void(unsent, "sai mẫu")
    records.void(sent, "hủy theo yêu cầu")
    assert [(r, v) for r, v, _ in queued(session)] == [(sent, 1), (sent, 2), (sent, 3)]


def test_queued_in_the_same_transaction(session, records, monkeypatch):
    """If the completion fails after the outbox write, the entry is rolled back with it."""
    rid = records.create("F1", example("F1"))

    def broken_audit(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(records_module.audit, "append", broken_audit)
    with pytest.raises(RuntimeError):
        records.complete(rid)
    monkeypatch.undo()
    assert queued(session) == []
    with session.db.read() as conn:
        assert record_store.load(conn, rid).summary.status == "draft"


def test_wire_record_is_valid_and_hashed(session, records):
    """Each unsent revision is a protocol RecordRevision whose hash the server will recompute."""
    rid = records.create("F1", example("F1"))
    records.complete(rid)
    records.void(rid, "nhập trùng")
    with session.db.read() as conn:
        first = outbox.unsent(conn, "00004", limit=10)
        again = outbox.unsent(conn, "00004", limit=10)
    assert [p.wire_json for p in first] == [p.wire_json for p in again]  # stable bytes
    wire = [RecordRevision.model_validate_json(p.wire_json) for p in first]
    assert all(
        w.expected_hash() == w.content_hash == p.content_hash
        for w, p in zip(wire, first, strict=True)
    )
    assert wire[0].form_id == "f1" and wire[0].station_code == "00004" and not wire[0].deleted
    assert wire[1].deleted and wire[1].delete_reason == "nhập trùng"
    assert [w.device_seq for w in wire] == [p.entry_id for p in first]
    assert wire[0].values == example_values(session, rid, 1)


def example_values(session, record_id: str, revision: int) -> dict:
    with session.db.read() as conn:
        stored = conn.execute(
            text("SELECT values_json FROM record_revisions WHERE record_id = :r AND revision = :v"),
            dict(r=record_id, v=revision),
        ).scalar()
    return json.loads(stored)


def test_states_and_requeue(session, records):
    """pending → sent → acknowledged / conflict / quarantined; answers twice change nothing;
    a quarantined revision can be sent again."""
    ids = []
    for form in ("F1", "F2", "F3", "F4"):
        ids.append(records.create(form, example(form)))
        records.complete(ids[-1])
    with session.db.write() as conn:
        pending = outbox.unsent(conn, "00004", limit=10)
        outbox.mark_sent(conn, [p.entry_id for p in pending], NOW)
    assert {s for _, _, s in queued(session)} == {"sent"}
    answers = [
        Answer(ids[0], 1, "stored"),
        Answer(ids[1], 1, "duplicate"),
        Answer(ids[2], 1, "conflict"),
        Answer(ids[3], 1, "rejected", "UNKNOWN_FORM_VERSION", "form f4 version 1"),
    ]
    with session.db.write() as conn:
        counts = outbox.apply_answers(conn, answers, NOW)
        assert outbox.apply_answers(conn, answers, NOW) == outbox.OutboxCounts()
        assert outbox.unsent(conn, "00004", limit=10) == []
    assert (counts.acknowledged, counts.conflict, counts.quarantined) == (2, 1, 1)
    with session.db.read() as conn:
        problems = outbox.problems(conn)
        assert outbox.record_state(conn, ids[0]) == "acknowledged"
    assert {(p.record_id, p.state, p.code) for p in problems} == {
        (ids[2], "conflict", None),
        (ids[3], "quarantined", "UNKNOWN_FORM_VERSION"),
    }
    quarantined = next(p for p in problems if p.state == "quarantined")
    assert quarantined.title and quarantined.document_number
    with session.db.write() as conn:
        assert outbox.requeue(conn, quarantined.entry_id, NOW)
        assert not outbox.requeue(conn, quarantined.entry_id, NOW)  # already pending
        assert [p.record_id for p in outbox.unsent(conn, "00004", limit=10)] == [ids[3]]
        outbox.apply_answers(conn, [Answer(ids[3], 1, "rejected", "RECORD_SCHEMA", "")], NOW)
    records.amend(ids[3], example("F4"), "sửa theo lý do bị từ chối")
    with session.db.read() as conn:
        # The amendment supersedes the rejected revision: only the conflict is left to look at.
        assert [p.state for p in outbox.problems(conn)] == ["conflict"]


def test_migration_queues_records_finished_before_it(tmp_path):
    """Upgrading a 0004 database queues completed, approved and once-completed voided records."""
    db = Database(tmp_path / "old.db", b"k" * 32, create=True)
    with db.write() as conn:
        upgrade(conn, "0004")
        for n, (status, revisions) in enumerate(
            [
                ("completed", ["completed"]),
                ("approved", ["completed"]),
                ("draft", []),
                ("voided", ["voided"]),
                ("voided", ["completed", "voided"]),
            ]
        ):
            rid = f"0190a0b0-0000-7000-8000-00000000000{n}"
            conn.execute(
                text(
                    "INSERT INTO records (id, form_id, form_version, status, revision, author, "
                    "values_json, created_at, updated_at) VALUES (:id, 'F1', 1, :s, :rev, 'lan', "
                    "'{}', :now, :now)"
                ),
                dict(id=rid, s=status, rev=max(len(revisions), 1), now=NOW),
            )
            for rev, rev_status in enumerate(revisions, start=1):
                record_store.add_revision(conn, rid, rev, rev_status, {}, "lan", NOW)
        upgrade(conn, "0005")
        rows = conn.execute(text("SELECT record_id, revision FROM outbox ORDER BY id")).all()
    db.close()
    assert [(r[0][-1], r[1]) for r in rows] == [("0", 1), ("1", 1), ("4", 2)]
