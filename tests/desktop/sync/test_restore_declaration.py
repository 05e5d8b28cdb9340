"""A supervisor's restore declaration at the station: who may make it, what it signs, that it is
audited, and that the next push carries it with the proof of the declared head."""

from __future__ import annotations

import gzip

import pytest

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import InvalidInput, PermissionDenied, SyncNotEnrolled
from desktop.storage import audit, audit_anchor, grants, outbox, sync_settings
from desktop.sync.push import AuditState, batch_body
from desktop.sync.restore import declare_restore
from desktop.sync.service import private_key_of
from protocol import authorship
from protocol.messages import PushRequest
from tests.desktop.conftest import OFFICER, OFFICER_PASSWORD
from tests.desktop.sync.helpers import completed_records
from tests.desktop.sync.test_service_offline import _fake_enrolment, session  # noqa: F401


def test_a_declaration_needs_an_enrolled_station_and_a_reason(session):  # noqa: F811
    with pytest.raises(SyncNotEnrolled):
        declare_restore(session, "khôi phục")
    _fake_enrolment(session, "https://sync.example.vn")
    for blank in ("", "   ", "x" * 501, "a\x00b"):
        with pytest.raises(InvalidInput):
            declare_restore(session, blank)


def test_an_officer_cannot_declare_a_restore(station_home):
    supervisor = station_home.unlock()
    _fake_enrolment(supervisor, "https://sync.example.vn")
    supervisor.close()
    officer = station_home.unlock(OFFICER, OFFICER_PASSWORD)
    try:
        with pytest.raises(PermissionDenied):
            declare_restore(officer, "khôi phục bản sao lưu")
    finally:
        officer.close()


def test_the_declaration_is_signed_audited_and_goes_with_the_next_push(session):  # noqa: F811
    _fake_enrolment(session, "https://sync.example.vn")
    completed_records(session, 2)
    with session.db.read() as conn:
        head_before = audit_anchor.head(conn)
        enrolment = sync_settings.load_enrolment(conn)
    assert enrolment is not None
    declaration = declare_restore(session, "  Ổ cứng hỏng  ")
    assert declaration.reason == "Ổ cứng hỏng" and declaration.supervisor == session.user.username
    assert declaration.head.model_dump() == head_before
    assert declaration.verify(private_key_of(enrolment).public_key())
    # ... and by the supervisor's own key, as the roster the centre pins certifies it.
    roster = grants.load_roster(session.station.load_slots())
    assert roster is not None and declaration.signed_by == session.user.username
    assert authorship.signed_by_any(
        authorship.signer_keys(roster, declaration.signed_by),
        declaration.supervisor_bytes(),
        declaration.supervisor_signature,
    )
    with session.db.read() as conn:
        entries = audit.entries(conn, action=AuditAction.SYNC_RESTORE_DECLARED)
        state = AuditState.read(conn, enrolment.device_id)
        batch = outbox.unsent(conn, "00004", limit=10)
    assert [e.details["declaration"] for e in entries] == [str(declaration.declaration_id)]
    request = PushRequest.model_validate_json(gzip.decompress(batch_body(batch, state)))
    assert request.restore == declaration
    assert request.audit_anchor == declaration.head  # the proof of the declared head
    assert request.audit_head is not None and request.audit_head.seq > declaration.head.seq
    assert len(request.records) == 2


def test_a_session_without_a_signing_key_cannot_declare(session):  # noqa: F811
    """The centre accepts only a declaration its supervisor signed: without the session's key
    there is nothing to sign with, so nothing is declared."""
    _fake_enrolment(session, "https://sync.example.vn")
    session.db.signer = None
    with pytest.raises(PermissionDenied):
        declare_restore(session, "khôi phục bản sao lưu")
    with session.db.read() as conn:
        assert audit.entries(conn, action=AuditAction.SYNC_RESTORE_DECLARED) == []
