"""A station enrols with a real server, pushes its completed records, and pulls what the centre
sent back: every revision arrives once, the outbox empties, a review returns a record."""

from __future__ import annotations

import json
import uuid
from collections import Counter

from desktop.core.audit_actions import AuditAction
from desktop.storage import audit, centre_feed, outbox, sync_settings
from desktop.storage.records import RecordService
from domain.resources import resource_path
from protocol.messages import ReviewDecision
from server.services import catalog, law, reviews
from tests.desktop.sync.helpers import CATALOGUE, completed_records, example
from tests.integration.conftest import local_revisions
from tests.server.helpers import form_document


def test_push_then_nothing_left(enrolled, session, server_db):
    """30 completed records reach the server exactly once; a second sync sends nothing."""
    completed_records(session, 30)
    report = enrolled.run()
    assert report.outcome == "ok" and report.waiting == 0
    assert report.counts.acknowledged == 30
    stored = server_db.revisions()
    assert Counter((r, v) for r, v, _ in stored) == Counter(local_revisions(session))
    again = enrolled.run()
    assert again.counts.sent == 0 and again.waiting == 0
    with session.db.read() as conn:
        assert outbox.counts(conn).acknowledged == 30


def test_pull_applies_centre_updates_once(enrolled, session, server_db):
    """A form version, reference data and a return with a comment reach the station; the record
    shows "returned by the centre" (audited) until amended; pulling again changes nothing."""
    record_id = completed_records(session, 1)[0]
    enrolled.run()
    catalog.publish_form_document(server_db.engine, form_document("F1", 3))
    catalog.publish_reference_data(server_db.engine, "communes", 3, [{"code": "00004"}])
    reviews.review_record(
        server_db.engine, uuid.UUID(record_id), ReviewDecision.RETURNED, "Thiếu số nhà", "Tổ A"
    )
    report = enrolled.run()
    assert report.counts.pulled >= 3
    with session.db.read() as conn:
        review = centre_feed.latest_review(conn, record_id)
        forms = centre_feed.updates(conn, "form_version")
        returned = audit.entries(conn, action=AuditAction.RECORD_RETURNED, target=record_id)
        assert [r.record_id for r in centre_feed.open_returns(conn)] == [record_id]
    assert review is not None and review.decision == "returned"
    assert review.comment == "Thiếu số nhà" and review.reviewer == "Tổ A"
    published = [f for f in forms if (f["form_id"], f["version"]) == ("f1", 3)]
    assert len(published) == 1 and published[0]["definition"]["form"]["version"] == 3
    assert len(returned) == 1 and returned[0].details["comment"] == "Thiếu số nhà"

    assert enrolled.run().counts.pulled == 0  # the cursor moved: nothing is applied twice
    service = RecordService(session, CATALOGUE)
    assert service.get(record_id).summary.status == "returned"  # lists show it as returned
    service.amend(record_id, example(service.get(record_id).summary.form_id), "bổ sung số nhà")
    assert service.get(record_id).summary.status == "completed"
    with session.db.read() as conn:
        assert centre_feed.open_returns(conn) == []  # amended: no longer waiting on the station
    assert enrolled.run().counts.acknowledged == 1  # and the amendment goes to the centre


def test_after_approval_policy_sends_only_approved(enrolled, session, server_db):
    """With the after-approval policy, completed records wait; approval queues and sends them."""
    sync_settings.set_policy(session, "after_approval")
    ids = completed_records(session, 3)
    assert enrolled.run().counts.sent == 0
    RecordService(session, CATALOGUE).approve(ids[0])
    report = enrolled.run()
    assert report.counts.acknowledged == 1
    assert [r for r, _, _ in server_db.revisions()] == [ids[0]]


def test_a_published_legal_catalogue_is_stored_by_the_station(enrolled, session, server_db):
    """`law publish` at the centre; the next sync keeps it and the station reads its version."""
    document = json.loads(resource_path("law", "catalogue.json").read_text(encoding="utf-8"))
    law.publish_law_catalogue(server_db.engine, {**document, "version": "2027.3"})
    with session.db.read() as conn:
        assert centre_feed.latest_law_catalogue(conn) is None
    enrolled.run()
    with session.db.read() as conn:
        stored = centre_feed.latest_law_catalogue(conn)
    assert stored is not None and stored.version == "2027.3"
    assert stored.entry("nd282.8.1.a") is not None
