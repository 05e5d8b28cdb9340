"""The audit alerts the console shows: heads the server refused (`rollback`, `fork`), restores a
supervisor declared and bundles that arrived after later pushes (`late_bundle`), from the
`audit_alerts` evidence kept by `server.services.audit_anchors`. Only refusals put a station in
alert; the others are listed on its page so that none goes unseen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, CompoundSelect, Connection, func, select, union_all

from server.core.sql import as_utc
from server.models import AuditAlert, Device, PushReceipt
from server.services.audit_anchors import DECLARED_RESTORE, FORK, ROLLBACK

_alerts = AuditAlert.__table__
_devices = Device.__table__
_receipts = PushReceipt.__table__
REFUSED = (ROLLBACK, FORK)


@dataclass(frozen=True)
class AuditAlertInfo:
    """One row of the station page's audit table."""

    kind: str  # rollback, fork, declared_restore or late_bundle
    at: datetime
    device_name: str
    anchored_seq: int | None
    anchored_hash: str | None
    offered_seq: int | None
    offered_hash: str | None
    reason: str | None  # a declared restore's reason and supervisor
    supervisor: str | None

    @property
    def declared(self) -> bool:
        return self.kind == DECLARED_RESTORE

    @property
    def refused(self) -> bool:
        return self.kind in REFUSED


def audit_rollbacks(
    in_scope: Callable[[Any], ColumnElement[bool]], since: datetime, lookback: datetime
) -> CompoundSelect:
    """(station_id, received_at) of the heads refused since `since`, and of pushes since then
    whose head is lower than the previous push's of the same device — stored before the server
    judged heads. The previous push is found by `lag` over the pushes since `lookback`; only a
    device quiet for all of that earlier span needs one index probe for the push before."""
    r = _receipts
    recent = (
        select(
            r.c.id,
            r.c.device_id,
            r.c.station_id,
            r.c.received_at,
            r.c.audit_seq,
            func.lag(r.c.audit_seq)
            .over(partition_by=r.c.device_id, order_by=r.c.id)
            .label("prev_seq"),
        )
        .where(r.c.received_at >= lookback, r.c.audit_seq.is_not(None), in_scope(r.c.station_id))
        .subquery("recent")
    )
    before = _receipts.alias("before")
    earlier = (
        select(before.c.audit_seq)
        .where(
            before.c.device_id == recent.c.device_id,
            before.c.id < recent.c.id,
            before.c.audit_seq.is_not(None),
        )
        .order_by(before.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    went_back = select(recent.c.station_id, recent.c.received_at).where(
        recent.c.received_at >= since,
        recent.c.audit_seq < func.coalesce(recent.c.prev_seq, earlier),
    )
    refused = select(_alerts.c.station_id, _alerts.c.created_at.label("received_at")).where(
        _alerts.c.kind.in_(REFUSED), _alerts.c.created_at >= since, in_scope(_alerts.c.station_id)
    )
    return union_all(went_back, refused)


def station_alerts(conn: Connection, station_id: int, limit: int = 20) -> list[AuditAlertInfo]:
    """The station's audit alerts and declared restores, newest first."""
    a = _alerts
    rows = conn.execute(
        select(
            a.c.kind,
            a.c.created_at,
            func.coalesce(_devices.c.name, "").label("device_name"),
            a.c.anchored_seq,
            a.c.anchored_hash,
            a.c.offered_seq,
            a.c.offered_hash,
            a.c.reason,
            a.c.supervisor,
        )
        .outerjoin(_devices, _devices.c.id == a.c.device_id)
        .where(a.c.station_id == station_id)
        .order_by(a.c.created_at.desc(), a.c.id.desc())
        .limit(limit)
    ).all()
    return [
        AuditAlertInfo(
            kind=r.kind,
            at=as_utc(r.created_at),
            device_name=r.device_name,
            anchored_seq=r.anchored_seq,
            anchored_hash=r.anchored_hash,
            offered_seq=r.offered_seq,
            offered_hash=r.offered_hash,
            reason=r.reason,
            supervisor=r.supervisor,
        )
        for r in rows
    ]
