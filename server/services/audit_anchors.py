"""The station's audit chain, anchored at the centre (docs/security.md, "Audit anchored at the
centre").

Each push carries the station's audit head and, once the station has learnt one, its entry at
the seq the server anchored (`audit_anchor`). Per device the server keeps two heads: `latest`,
the last head a push carried, and `confirmed`, the last one the station proved it knows — it
learns an anchor from an answer, and an answer can be lost, so a proof at either is honest.

- a head below `latest` went back: AUDIT_ROLLBACK;
- a head at `latest`'s seq with another hash, or a proof that does not match what the server
  holds at its seq (or no proof where the station must have one): AUDIT_FORK.

A refusal stores no records; its evidence goes to `audit_alerts` in a transaction of its own.
A restore declaration signed by the device and by an active supervisor of the station's pinned
roster resets the anchor once (its id is recorded).

An offline bundle may arrive after later online pushes, so its head may honestly lie behind the
anchor. Such a late head is accepted, without moving the anchor, when the bundle's proof is a
head the server received from the device before (or the station had no confirmed anchor yet);
it is recorded as `late_bundle` so the console shows it. An old copy of the station cannot be
told from a late bundle by the server alone: docs/security.md states this limit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, insert, select, update

from protocol.errors import ErrorCode
from protocol.messages import AuditHead, RestoreDeclaration, SignedRoster
from protocol.signing import load_public_key
from server.errors import ServerError
from server.models import AuditAlert, AuditAnchor, Device, PushReceipt
from server.services import authors
from server.services.auth import AuthenticatedDevice

_anchors = AuditAnchor.__table__
_alerts = AuditAlert.__table__
_devices = Device.__table__
_receipts = PushReceipt.__table__

ROLLBACK, FORK, DECLARED_RESTORE = "rollback", "fork", "declared_restore"
LATE_BUNDLE = "late_bundle"
_CODES = {ROLLBACK: ErrorCode.AUDIT_ROLLBACK, FORK: ErrorCode.AUDIT_FORK}


@dataclass(frozen=True)
class _Held:
    latest: AuditHead
    confirmed: AuditHead | None


@dataclass(frozen=True)
class _Declared:
    """A restore declaration and the roster its supervisor is checked against."""

    restore: RestoreDeclaration
    roster: SignedRoster | None


class AuditRefused(Exception):
    """A head the server will not anchor: the push is refused and this is the evidence."""

    def __init__(self, kind: str, anchored: AuditHead | None, offered: AuditHead | None) -> None:
        super().__init__(kind)
        self.kind = kind
        self.anchored = anchored
        self.offered = offered

    @property
    def code(self) -> ErrorCode:
        return _CODES[self.kind]

    def detail(self) -> str:
        held = f"seq {self.anchored.seq}" if self.anchored else "none"
        came = f"seq {self.offered.seq}" if self.offered else "none"
        if self.kind == ROLLBACK:
            return f"audit head went back: anchored {held}, offered {came}"
        return f"audit chain no longer holds the anchored entry ({held}); offered {came}"


def _held(conn: Connection, device_id: uuid.UUID) -> _Held | None:
    query = select(_anchors).where(_anchors.c.device_id == device_id)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()  # two pushes of one device: one judges after the other
    row = conn.execute(query).first()
    if row is None:
        return None
    confirmed = (
        AuditHead(seq=row.confirmed_seq, hash=row.confirmed_hash)
        if row.confirmed_seq is not None
        else None
    )
    return _Held(AuditHead(seq=row.latest_seq, hash=row.latest_hash), confirmed)


def _judge(held: _Held, head: AuditHead, proof: AuditHead | None) -> AuditHead | None:
    """The confirmed head after this push; AuditRefused when the head cannot be anchored."""
    latest, confirmed = held.latest, held.confirmed
    if head.seq < latest.seq:
        raise AuditRefused(ROLLBACK, latest, head)
    if head.seq == latest.seq and head.hash != latest.hash:
        raise AuditRefused(FORK, latest, head)
    if proof is not None and proof.seq == latest.seq:
        if proof.hash != latest.hash:
            raise AuditRefused(FORK, latest, proof)
        return latest
    if confirmed is not None:
        if proof is None or proof.seq != confirmed.seq or proof.hash != confirmed.hash:
            raise AuditRefused(FORK, confirmed, proof or head)
        return confirmed
    # Nothing confirmed yet (no answer has reached the station, or it only sends bundles).
    if proof is not None and proof.seq > latest.seq:
        raise AuditRefused(FORK, latest, proof)
    return None


def _save(
    conn: Connection,
    device: AuthenticatedDevice,
    latest: AuditHead,
    confirmed: AuditHead | None,
    now: datetime,
    *,
    exists: bool,
) -> None:
    values = {
        "station_id": device.station_id,
        "latest_seq": latest.seq,
        "latest_hash": latest.hash,
        "confirmed_seq": confirmed.seq if confirmed else None,
        "confirmed_hash": confirmed.hash if confirmed else None,
        "updated_at": now,
    }
    if exists:
        conn.execute(update(_anchors).where(_anchors.c.device_id == device.device_id), values)
    else:
        conn.execute(insert(_anchors), {"device_id": device.device_id, **values})


def anchor(
    conn: Connection,
    device: AuthenticatedDevice,
    head: AuditHead | None,
    proof: AuditHead | None,
    restore: RestoreDeclaration | None,
    now: datetime,
    *,
    roster: SignedRoster | None = None,
    bundle: bool = False,
) -> int | None:
    """Check `head` against what is anchored for the device and anchor it, in the push's own
    transaction; the anchored seq to tell the station. Raises AuditRefused or ServerError.
    `roster`: the station's pinned roster, which must name a declaration's supervisor.
    `bundle`: the head comes from an offline bundle, which may honestly be late."""
    held = _held(conn, device.device_id)
    if head is None:  # a station from before anchoring: nothing to judge
        return held.latest.seq if held else None
    declared = _Declared(restore, roster) if restore is not None else None
    if declared is not None and _accept_restore(conn, device, held, head, proof, declared, now):
        return head.seq
    if held is None:
        _save(conn, device, head, None, now, exists=False)
        return head.seq
    if bundle and head.seq < held.latest.seq and _known(conn, device, held, proof):
        _note_late_bundle(conn, device, held.latest, head, now)
        return held.latest.seq
    confirmed = _judge(held, head, proof)
    if head != held.latest or confirmed != held.confirmed:
        _save(conn, device, head, confirmed, now, exists=True)
    return head.seq


def _known(
    conn: Connection, device: AuthenticatedDevice, held: _Held, proof: AuditHead | None
) -> bool:
    """Is `proof` a head the device sent before (or could the station know no anchor yet)?"""
    if proof is None:
        return held.confirmed is None
    if proof in (held.latest, held.confirmed):
        return True
    r = _receipts
    return (
        conn.execute(
            select(r.c.id)
            .where(
                r.c.device_id == device.device_id,
                r.c.audit_seq == proof.seq,
                r.c.audit_hash == proof.hash,
            )
            .limit(1)
        ).first()
        is not None
    )


def _note_late_bundle(
    conn: Connection,
    device: AuthenticatedDevice,
    latest: AuditHead,
    head: AuditHead,
    now: datetime,
) -> None:
    seen = conn.execute(
        select(_alerts.c.id).where(
            _alerts.c.device_id == device.device_id,
            _alerts.c.kind == LATE_BUNDLE,
            _alerts.c.offered_seq == head.seq,
            _alerts.c.offered_hash == head.hash,
        )
    ).first()
    if seen is None:  # a bundle in several batches is noted once
        conn.execute(insert(_alerts), _evidence(device, LATE_BUNDLE, latest, head, now))


def _accept_restore(
    conn: Connection,
    device: AuthenticatedDevice,
    held: _Held | None,
    head: AuditHead,
    proof: AuditHead | None,
    declared: _Declared,
    now: datetime,
) -> bool:
    """A new, valid declaration resets the anchor to the declared head (True); one already used
    is ignored (False: the push is judged as usual); an invalid one refuses the push."""
    restore = declared.restore
    used = conn.execute(
        select(_alerts.c.id).where(_alerts.c.declaration_id == restore.declaration_id)
    ).first()
    if used is not None:
        return False
    _check_declaration(conn, device, head, proof, declared)
    _save(conn, device, head, restore.head, now, exists=held is not None)
    conn.execute(
        insert(_alerts),
        {
            **_evidence(device, DECLARED_RESTORE, held.latest if held else None, restore.head, now),
            "declaration_id": restore.declaration_id,
            "reason": restore.reason,
            "supervisor": restore.supervisor,
            "declaration": restore.model_dump(mode="json"),
        },
    )
    return True


def _check_declaration(
    conn: Connection,
    device: AuthenticatedDevice,
    head: AuditHead,
    proof: AuditHead | None,
    declared: _Declared,
) -> None:
    def invalid(why: str) -> ServerError:
        return ServerError(ErrorCode.RESTORE_DECLARATION_INVALID, why)

    restore = declared.restore

    if restore.device_id != device.device_id or restore.station_code != device.station_code:
        raise invalid("the declaration names another device or station")
    public_key = conn.execute(
        select(_devices.c.public_key).where(_devices.c.id == device.device_id)
    ).scalar_one()
    if not restore.verify(load_public_key(public_key)):
        raise invalid("the declaration's signature is not the device's")
    forgery = authors.declaration_forgery(restore, declared.roster)
    if forgery is not None:
        raise invalid(forgery)
    declared_head = restore.head
    if head.seq < declared_head.seq or (
        head.seq == declared_head.seq and head.hash != declared_head.hash
    ):
        raise invalid("the head is not the declared one or after it")
    if head.seq > declared_head.seq and proof != declared_head:
        raise invalid("the chain does not hold the declared head")


def _evidence(
    device: AuthenticatedDevice,
    kind: str,
    anchored: AuditHead | None,
    offered: AuditHead | None,
    now: datetime,
) -> dict[str, object]:
    return {
        "station_id": device.station_id,
        "device_id": device.device_id,
        "kind": kind,
        "anchored_seq": anchored.seq if anchored else None,
        "anchored_hash": anchored.hash if anchored else None,
        "offered_seq": offered.seq if offered else None,
        "offered_hash": offered.hash if offered else None,
        "created_at": now,
    }


def record_refusal(
    engine: Engine, device: AuthenticatedDevice, refusal: AuditRefused, now: datetime
) -> ServerError:
    """Keep the evidence of a refused head (once per distinct offer: a station retrying the
    same push does not pile up rows) and return the error to answer with."""
    offered = refusal.offered
    with engine.begin() as conn:
        seen = conn.execute(
            select(_alerts.c.id).where(
                _alerts.c.device_id == device.device_id,
                _alerts.c.kind == refusal.kind,
                _alerts.c.offered_seq == (offered.seq if offered else None),
                _alerts.c.offered_hash == (offered.hash if offered else None),
            )
        ).first()
        if seen is None:
            conn.execute(
                insert(_alerts), _evidence(device, refusal.kind, refusal.anchored, offered, now)
            )
    return ServerError(refusal.code, refusal.detail())
