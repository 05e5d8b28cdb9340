"""The audit alerts the console shows: heads the server refused (`rollback`, `fork`), restores a
supervisor declared and bundles that arrived after later pushes (`late_bundle`), from the
`audit_alerts` evidence kept by `server.services.audit_anchors`. Only refusals put a station in
alert; the others are listed on its page so that none goes unseen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, Select, func, select

from server.core.sql import as_utc
from server.models import AuditAlert, Device
from server.services.audit_anchors import DECLARED_RESTORE, FORK, ROLLBACK

_alerts = AuditAlert.__table__
_devices = Device.__table__
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


def refused_heads(in_scope: ColumnElement[bool], since: datetime) -> Select:
    """(station_id, received_at) of the heads refused since `since`, in the shape of the
    console's push-based audit-rollback rows so the two can be joined in one union."""
    return select(_alerts.c.station_id, _alerts.c.created_at.label("received_at")).where(
        _alerts.c.kind.in_(REFUSED), _alerts.c.created_at >= since, in_scope
    )


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
