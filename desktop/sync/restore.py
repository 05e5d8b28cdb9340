"""A supervisor's declaration that the station's data was restored from a backup.

The centre anchors the station's audit log and refuses a log that went back (AUDIT_ROLLBACK):
after a real restore that is the truth, and it must be said, not hidden. The declaration names
the audit head right after the restore, the reason and the supervisor; the supervisor's own
signing key signs it (as it signs their audit entries: the centre checks it against the station's
signed roster), then the device key, as it signs pushes; it waits in the database and goes with the next push (alone, if nothing else
waits), and the server accepts the rewound head once (docs/security.md)."""

from __future__ import annotations

import uuid

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import InvalidInput, PermissionDenied, SyncNotEnrolled
from desktop.core.permissions import Permission
from desktop.storage import audit, audit_anchor, grants, sync_settings
from desktop.storage.station import StationSession
from desktop.sync.service import private_key_of
from protocol.messages import AuditHead, RestoreDeclaration

MAX_REASON = 500


def declare_restore(session: StationSession, reason: str) -> RestoreDeclaration:
    """Sign and keep a restore declaration (supervisors only; audited). From then on the
    station proves the declared head to the centre, which is in its log whatever came before."""
    session.require(Permission.MANAGE_SETTINGS)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(field="reason", reason="required")
    if len(reason) > MAX_REASON or "\x00" in reason:
        raise InvalidInput(field="reason", reason="too_long")
    user = session.user.username
    signer = session.db.signer
    if not isinstance(signer, grants.Signer):
        # A session without a verified grant has no key the centre would accept.
        raise PermissionDenied(role=str(session.user.role), permission="declare_restore")
    with session.db.write() as conn:
        enrolment = sync_settings.load_enrolment(conn)
        if enrolment is None:
            raise SyncNotEnrolled()
        head = AuditHead.model_validate(audit_anchor.head(conn))
        declaration = RestoreDeclaration(
            declaration_id=uuid.uuid4(),
            station_code=enrolment.station_code,
            device_id=uuid.UUID(enrolment.device_id),
            head=head,
            reason=reason,
            supervisor=user,
            declared_at=audit.utc_now(),
        )
        declaration = declaration.signed_as(signer.username, signer.key).signed_with(
            private_key_of(enrolment)
        )
        audit_anchor.set_pending_restore(conn, declaration.model_dump(mode="json"))
        audit_anchor.save_anchor(conn, enrolment.device_id, head.seq)
        details = {
            "declaration": str(declaration.declaration_id),
            "head_seq": head.seq,
            "head_hash": head.hash,
            "reason": reason,
        }
        audit.append(conn, user, AuditAction.SYNC_RESTORE_DECLARED, "", details)
    return declaration
