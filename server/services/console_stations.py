"""Stations as the console shows them: sync health, per-station counts and the overview's figures.

Every function takes `scope`, a condition on the `stations` table selecting the caller's stations
(`server.console.scope.station_condition(user)`), so nothing here can leak another province.

Sync health of a station, one of five buckets (the first that applies):

- `alert`: something at the station needs a person — an unresolved conflict (a revision that
  clashed with a stored one), a batch or bundle with rejected records in the last `ALERT_DAYS`
  days, a device whose audit-chain head went backwards in that window (a head the server refused
  as AUDIT_ROLLBACK or AUDIT_FORK, kept in `audit_alerts`, or — from before the server checked
  — a push carrying a lower `audit_seq` than that device's previous push), or another content
  sent under a stored periodic report's id in that window;
- `never`: no current (non-revoked) device has ever reached the server;
- `today`: last contact since 00:00 today, Asia/Ho_Chi_Minh;
- `week`: last contact 1 to `STALE_DAYS` calendar days ago;
- `stale`: last contact longer ago than that.

"Last contact" is the latest signed request (push or pull) of a non-revoked device —
`devices.last_seen_at`, written by every signed request, so never older than that device's
newest push receipt — or the time of the latest imported offline bundle of such a device
(the earlier of its making and its import)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Connection,
    Select,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    text,
    true,
    union_all,
)
from sqlalchemy.sql.elements import True_

from domain.vietnamese import fold
from server.core.sql import as_utc
from server.models import (
    AdminUnit,
    BundleImport,
    CentreStatus,
    Conflict,
    Device,
    PushReceipt,
    Record,
    Station,
    StationReport,
    StationReportConflict,
)
from server.services.console_audit_alerts import AuditAlertInfo, audit_rollbacks, station_alerts

VN_TZ = timezone(timedelta(hours=7))  # Asia/Ho_Chi_Minh keeps UTC+7 all year

TODAY, WEEK, STALE, NEVER, ALERT = "today", "week", "stale", "never", "alert"
HEALTHS = (TODAY, WEEK, STALE, NEVER, ALERT)
STALE_DAYS = 7  # silent longer than this many calendar days: `stale`
ALERT_DAYS = 7  # rejections, audit rollbacks and report conflicts older than this no longer alert

_stations = Station.__table__
_units = AdminUnit.__table__
_devices = Device.__table__
_receipts = PushReceipt.__table__
_bundles = BundleImport.__table__
_conflicts = Conflict.__table__
_records = Record.__table__
_reports = StationReport.__table__
_report_conflicts = StationReportConflict.__table__


@dataclass(frozen=True)
class Clock:
    """The instants the buckets are cut at, all in UTC."""

    now: datetime
    today_start: datetime  # 00:00 today in Vietnam
    week_start: datetime  # 00:00 on this week's Monday in Vietnam
    stale_before: datetime  # a last contact before this is `stale`
    alert_since: datetime  # the window of the alerts

    @classmethod
    def at(cls, now: datetime | None = None) -> Clock:
        now = as_utc(now or datetime.now(UTC))
        local = now.astimezone(VN_TZ)
        midnight = datetime.combine(local.date(), time(0), VN_TZ).astimezone(UTC)
        return cls(
            now=now,
            today_start=midnight,
            week_start=midnight - timedelta(days=local.weekday()),
            stale_before=midnight - timedelta(days=STALE_DAYS),
            alert_since=now - timedelta(days=ALERT_DAYS),
        )


@dataclass(frozen=True)
class StationHealth:
    """One station's row of the list."""

    id: int
    code: str
    name: str
    province_code: str | None
    province_name: str
    last_sync: datetime | None
    health: str
    devices: int
    conflicts: int
    waiting: int = 0
    rejected: int = 0


@dataclass(frozen=True)
class StationPage:
    rows: list[StationHealth]
    total: int


@dataclass(frozen=True)
class UnitRow:
    """A commune of the scope with no station registered yet."""

    code: str
    name: str
    province_name: str


@dataclass(frozen=True)
class Overview:
    by_health: dict[str, int]
    stations: int
    unregistered: int
    received_today: int
    received_week: int
    waiting: int
    rejected_recent: int
    rejected_total: int
    silent: list[StationHealth]


@dataclass(frozen=True)
class Alerts:
    """Why a station is in `alert` (all zero/None: it is not)."""

    open_conflicts: int
    rejected_recent: int
    audit_rollback_at: datetime | None
    report_conflicts: int

    @property
    def any(self) -> bool:
        return bool(
            self.open_conflicts
            or self.rejected_recent
            or self.audit_rollback_at
            or self.report_conflicts
        )


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    name: str
    enrolled_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None
    revoke_reason: str | None


@dataclass(frozen=True)
class SyncReceipt:
    received_at: datetime
    device_name: str
    records: int
    stored: int
    duplicate: int
    conflict: int
    rejected: int
    audit_seq: int | None
    went_back: bool  # lower audit head than this device's previous push


@dataclass(frozen=True)
class ReportInfo:
    report_id: str
    period_code: str
    number: str
    submitted_at: datetime
    received_at: datetime


@dataclass(frozen=True)
class StationDetail:
    station: StationHealth
    unit_name: str
    alerts: Alerts
    devices: list[DeviceInfo]
    receipts: list[SyncReceipt]
    reports: list[ReportInfo]
    audit_alerts: list[AuditAlertInfo]  # refused heads and declared restores, newest first


def _no_jit(conn: Connection) -> None:
    """These queries join a dozen small aggregates: PostgreSQL's cost estimate (the audit probe
    counted for every recent push) passes its JIT threshold, and compiling then takes longer
    than running (56-90 ms of 130-300 ms measured). Off for this transaction only."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL jit = off"))


def _all(scope: ColumnElement[bool]) -> bool:
    return isinstance(scope, True_)


def _in_scope(column: Any, scope: ColumnElement[bool]) -> ColumnElement[bool]:
    """`column IN (the scope's station ids)`, left out for a user who sees every station, so
    the aggregates below read only the scope's rows from their (station_id, ...) indexes."""
    if _all(scope):
        return true()
    return column.in_(select(_stations.c.id).where(scope))


def _latest(a: Any, b: Any) -> ColumnElement[Any]:
    """The later of two nullable timestamps (GREATEST on SQLite would be NULL if either is)."""
    return case((a.is_(None), b), (b.is_(None), a), (a > b, a), else_=b)


def _earliest(a: Any, b: Any) -> ColumnElement[Any]:
    return case((a < b, a), else_=b)


def _audit_rollbacks(scope: ColumnElement[bool], clock: Clock) -> CompoundSelect:
    """(station_id, when) of the heads refused in the alert window, and of pushes whose audit
    head is lower than the previous push's of the same device (from before heads were judged)."""
    return audit_rollbacks(
        lambda column: _in_scope(column, scope),
        clock.alert_since,
        clock.alert_since - timedelta(days=ALERT_DAYS),
    )


def _health_query(scope: ColumnElement[bool], clock: Clock) -> Select:
    """Every station of the scope with its last contact, counts for its health, and health."""
    d = _devices
    dev = (
        select(
            d.c.station_id,
            func.count().label("devices"),
            func.max(d.c.last_seen_at).label("seen"),
        )
        .where(d.c.revoked_at.is_(None), _in_scope(d.c.station_id, scope))
        .group_by(d.c.station_id)
        .subquery("dev")
    )
    b = _bundles
    bun = (
        select(
            b.c.station_id,
            func.max(_earliest(b.c.created_at, b.c.imported_at)).label("seen"),
        )
        .join(d, and_(d.c.id == b.c.device_id, d.c.revoked_at.is_(None)))
        .where(_in_scope(b.c.station_id, scope))
        .group_by(b.c.station_id)
        .subquery("bun")
    )
    rejected_rows = union_all(
        select(_receipts.c.station_id).where(
            _receipts.c.rejected > 0,
            _receipts.c.received_at >= clock.alert_since,
            _in_scope(_receipts.c.station_id, scope),
        ),
        select(b.c.station_id).where(
            b.c.rejected > 0,
            b.c.imported_at >= clock.alert_since,
            _in_scope(b.c.station_id, scope),
        ),
    ).subquery("rejected_rows")
    rej = (
        select(rejected_rows.c.station_id, func.count().label("n"))
        .group_by(rejected_rows.c.station_id)
        .subquery("rej")
    )
    c = _conflicts
    conf = (
        select(c.c.station_id, func.count().label("n"))
        .where(c.c.resolved_at.is_(None), _in_scope(c.c.station_id, scope))
        .group_by(c.c.station_id)
        .subquery("conf")
    )
    rollbacks = _audit_rollbacks(scope, clock).subquery("rollbacks")
    back = (
        select(rollbacks.c.station_id, func.count().label("n"))
        .group_by(rollbacks.c.station_id)
        .subquery("back")
    )
    rc = _report_conflicts
    repc = (
        select(rc.c.station_id, func.count().label("n"))
        .where(rc.c.received_at >= clock.alert_since, _in_scope(rc.c.station_id, scope))
        .group_by(rc.c.station_id)
        .subquery("repc")
    )
    province = _units.alias("province")
    last_sync = _latest(dev.c.seen, bun.c.seen)
    alert = or_(conf.c.n > 0, rej.c.n > 0, back.c.n > 0, repc.c.n > 0)
    health = case(
        (alert, literal(ALERT)),
        (last_sync.is_(None), literal(NEVER)),
        (last_sync >= clock.today_start, literal(TODAY)),
        (last_sync >= clock.stale_before, literal(WEEK)),
        else_=literal(STALE),
    )
    s = _stations
    return (
        select(
            s.c.id,
            s.c.code,
            s.c.name,
            s.c.province_code,
            func.coalesce(province.c.name, "").label("province_name"),
            last_sync.label("last_sync"),
            health.label("health"),
            func.coalesce(dev.c.devices, 0).label("devices"),
            func.coalesce(conf.c.n, 0).label("conflicts"),
        )
        .select_from(s)
        .outerjoin(province, province.c.code == s.c.province_code)
        .outerjoin(dev, dev.c.station_id == s.c.id)
        .outerjoin(bun, bun.c.station_id == s.c.id)
        .outerjoin(rej, rej.c.station_id == s.c.id)
        .outerjoin(conf, conf.c.station_id == s.c.id)
        .outerjoin(back, back.c.station_id == s.c.id)
        .outerjoin(repc, repc.c.station_id == s.c.id)
        .where(scope)
    )


def _row(row: Any, waiting: int = 0, rejected: int = 0) -> StationHealth:
    return StationHealth(
        id=row.id,
        code=row.code,
        name=row.name,
        province_code=row.province_code,
        province_name=row.province_name,
        last_sync=as_utc(row.last_sync) if row.last_sync is not None else None,
        health=row.health,
        devices=row.devices,
        conflicts=row.conflicts,
        waiting=waiting,
        rejected=rejected,
    )


def _search_condition(conn: Connection, scope: ColumnElement[bool], query: str) -> Any:
    """Code prefix, or the folded words in the unit's or the station's name ("ba dinh" finds
    "Phường Ba Đình"). Station names are not stored folded, so they are folded here: a few
    thousand short strings at national scope (about 20 ms), never records."""
    text = query.strip()
    folded = fold(text)
    unit = _units.alias("unit")
    by_unit = (
        select(unit.c.code)
        .where(unit.c.folded_name.contains(folded, autoescape=True))
        .where(unit.c.level == "commune")
    )
    names = conn.execute(select(_stations.c.id, _stations.c.name).where(scope))
    by_name = [sid for sid, name in names if folded in fold(name)]
    return or_(
        _stations.c.code.startswith(text, autoescape=True),
        _stations.c.code.in_(by_unit),
        _stations.c.id.in_(by_name),
    )


def _filtered(
    conn: Connection,
    scope: ColumnElement[bool],
    clock: Clock,
    *,
    query: str = "",
    health: str = "",
    province: str = "",
) -> Select:
    base = _health_query(scope, clock)
    if query.strip():
        base = base.where(_search_condition(conn, scope, query))
    if province:
        base = base.where(_stations.c.province_code == province)
    sub = base.subquery("health_rows")
    return select(sub).where(sub.c.health == health if health in HEALTHS else true())


def _page_counts(conn: Connection, ids: list[int]) -> tuple[dict[int, int], dict[int, int]]:
    """(records waiting for review, rejected records ever) of the given stations only."""
    if not ids:
        return {}, {}
    r = _records
    waiting: dict[int, int] = dict(
        conn.execute(
            select(r.c.station_id, func.count())
            .where(r.c.status == CentreStatus.SUBMITTED, r.c.station_id.in_(ids))
            .group_by(r.c.station_id)
        ).all()
    )
    rejected_rows = union_all(
        select(_receipts.c.station_id, _receipts.c.rejected.label("n")).where(
            _receipts.c.rejected > 0, _receipts.c.station_id.in_(ids)
        ),
        select(_bundles.c.station_id, _bundles.c.rejected.label("n")).where(
            _bundles.c.rejected > 0, _bundles.c.station_id.in_(ids)
        ),
    ).subquery()
    rejected = dict(
        conn.execute(
            select(rejected_rows.c.station_id, func.sum(rejected_rows.c.n)).group_by(
                rejected_rows.c.station_id
            )
        ).all()
    )
    return waiting, {k: int(v) for k, v in rejected.items()}


def list_stations(
    conn: Connection,
    scope: ColumnElement[bool],
    *,
    query: str = "",
    health: str = "",
    province: str = "",
    limit: int = 50,
    offset: int = 0,
    clock: Clock | None = None,
) -> StationPage:
    """One page of the scope's stations by code, with their counts; `total` is the number
    matching the filters. The health query runs once: its rows (a few thousand at most, one per
    station) are counted and sliced here rather than aggregated a second time."""
    clock = clock or Clock.at()
    _no_jit(conn)
    matching = sorted(
        conn.execute(
            _filtered(conn, scope, clock, query=query, health=health, province=province)
        ).all(),
        key=lambda r: r.code,
    )
    rows = matching[offset : offset + limit]
    waiting, rejected = _page_counts(conn, [r.id for r in rows])
    return StationPage(
        [_row(r, waiting.get(r.id, 0), rejected.get(r.id, 0)) for r in rows], len(matching)
    )


def unregistered_units(
    conn: Connection,
    units_scope: ColumnElement[bool],
    *,
    query: str = "",
    province: str = "",
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[UnitRow], int]:
    """Communes of `units_scope` (a condition on `admin_units`) that have no station yet."""
    u = _units
    province_unit = _units.alias("province")
    condition = and_(
        u.c.level == "commune",
        units_scope,
        ~select(_stations.c.id).where(_stations.c.code == u.c.code).exists(),
    )
    if province:
        condition = and_(condition, u.c.province_code == province)
    if query.strip():
        condition = and_(
            condition,
            or_(
                u.c.code.startswith(query.strip(), autoescape=True),
                u.c.folded_name.contains(fold(query.strip()), autoescape=True),
            ),
        )
    total = conn.execute(select(func.count()).select_from(u).where(condition)).scalar_one()
    rows = conn.execute(
        select(u.c.code, u.c.name, func.coalesce(province_unit.c.name, ""))
        .select_from(u)
        .outerjoin(province_unit, province_unit.c.code == u.c.province_code)
        .where(condition)
        .order_by(u.c.code)
        .limit(limit)
        .offset(offset)
    ).all()
    return [UnitRow(*r) for r in rows], total


def provinces(conn: Connection) -> list[tuple[str, str]]:
    """(code, name) of every province, for the filter of users who see the whole country."""
    return [
        (code, name)
        for code, name in conn.execute(
            select(_units.c.code, _units.c.name)
            .where(_units.c.level == "province")
            .order_by(_units.c.code)
        )
    ]


def overview(
    conn: Connection,
    scope: ColumnElement[bool],
    units_scope: ColumnElement[bool],
    *,
    silent_limit: int = 10,
    clock: Clock | None = None,
) -> Overview:
    """The overview's figures for the scope, each one aggregate query."""
    clock = clock or Clock.at()
    _no_jit(conn)
    stations = conn.execute(_health_query(scope, clock)).all()
    by_health = dict.fromkeys(HEALTHS, 0)
    for station in stations:
        by_health[station.health] += 1
    silent_rows = sorted(
        (s for s in stations if s.health == STALE), key=lambda s: (as_utc(s.last_sync), s.code)
    )[:silent_limit]
    r = _records
    in_scope = _in_scope(r.c.station_id, scope)
    received_today, received_week = conn.execute(
        select(
            func.count().filter(r.c.received_at >= clock.today_start),
            func.count(),
        ).where(r.c.received_at >= min(clock.today_start, clock.week_start), in_scope)
    ).one()
    waiting = conn.execute(
        select(func.count()).where(r.c.status == CentreStatus.SUBMITTED, in_scope)
    ).scalar_one()
    rejected_rows = union_all(
        select(_receipts.c.rejected.label("n"), _receipts.c.received_at.label("at")).where(
            _receipts.c.rejected > 0, _in_scope(_receipts.c.station_id, scope)
        ),
        select(_bundles.c.rejected.label("n"), _bundles.c.imported_at.label("at")).where(
            _bundles.c.rejected > 0, _in_scope(_bundles.c.station_id, scope)
        ),
    ).subquery()
    rejected_recent, rejected_total = conn.execute(
        select(
            func.coalesce(
                func.sum(rejected_rows.c.n).filter(rejected_rows.c.at >= clock.alert_since), 0
            ),
            func.coalesce(func.sum(rejected_rows.c.n), 0),
        )
    ).one()
    unregistered = unregistered_count(conn, units_scope)
    return Overview(
        by_health=by_health,
        stations=sum(by_health.values()),
        unregistered=unregistered,
        received_today=received_today,
        received_week=received_week,
        waiting=waiting,
        rejected_recent=int(rejected_recent),
        rejected_total=int(rejected_total),
        silent=[_row(row) for row in silent_rows],
    )


def unregistered_count(conn: Connection, units_scope: ColumnElement[bool]) -> int:
    u = _units
    return conn.execute(
        select(func.count())
        .select_from(u)
        .where(
            u.c.level == "commune",
            units_scope,
            ~select(_stations.c.id).where(_stations.c.code == u.c.code).exists(),
        )
    ).scalar_one()


def station_detail(
    conn: Connection,
    scope: ColumnElement[bool],
    code: str,
    *,
    history: int = 20,
    clock: Clock | None = None,
) -> StationDetail | None:
    """The station `code` if it is in the scope (None otherwise: the page answers 404 for an
    unknown station and another province's alike)."""
    clock = clock or Clock.at()
    _no_jit(conn)
    # Narrowed to the one station, so every aggregate below reads only its rows.
    scope = and_(scope, _stations.c.code == code)
    row = conn.execute(_health_query(scope, clock)).first()
    if row is None:
        return None
    waiting, rejected = _page_counts(conn, [row.id])
    station = _row(row, waiting.get(row.id, 0), rejected.get(row.id, 0))
    unit_name = conn.execute(
        select(_units.c.name).where(_units.c.code == row.code)
    ).scalar_one_or_none()
    return StationDetail(
        station=station,
        unit_name=unit_name or "",
        alerts=_alerts(conn, scope, row.id, clock),
        devices=_station_devices(conn, row.id),
        receipts=_receipts_of(conn, row.id, history),
        reports=_reports_of(conn, row.id, history),
        audit_alerts=station_alerts(conn, row.id, history),
    )


def _alerts(conn: Connection, scope: ColumnElement[bool], station_id: int, clock: Clock) -> Alerts:
    open_conflicts = conn.execute(
        select(func.count()).where(
            _conflicts.c.station_id == station_id, _conflicts.c.resolved_at.is_(None)
        )
    ).scalar_one()
    rejected_recent = (
        conn.execute(
            select(func.coalesce(func.sum(_receipts.c.rejected), 0)).where(
                _receipts.c.station_id == station_id,
                _receipts.c.rejected > 0,
                _receipts.c.received_at >= clock.alert_since,
            )
        ).scalar_one()
        + conn.execute(
            select(func.coalesce(func.sum(_bundles.c.rejected), 0)).where(
                _bundles.c.station_id == station_id,
                _bundles.c.rejected > 0,
                _bundles.c.imported_at >= clock.alert_since,
            )
        ).scalar_one()
    )
    rollbacks = _audit_rollbacks(scope, clock).subquery()
    rollback_at = conn.execute(select(func.max(rollbacks.c.received_at))).scalar_one()
    report_conflicts = conn.execute(
        select(func.count()).where(
            _report_conflicts.c.station_id == station_id,
            _report_conflicts.c.received_at >= clock.alert_since,
        )
    ).scalar_one()
    return Alerts(
        open_conflicts=open_conflicts,
        rejected_recent=int(rejected_recent),
        audit_rollback_at=as_utc(rollback_at) if rollback_at is not None else None,
        report_conflicts=report_conflicts,
    )


def _station_devices(conn: Connection, station_id: int) -> list[DeviceInfo]:
    d = _devices
    rows = conn.execute(
        select(
            d.c.id, d.c.name, d.c.enrolled_at, d.c.last_seen_at, d.c.revoked_at, d.c.revoke_reason
        )
        .where(d.c.station_id == station_id)
        # Current devices first, then the revoked ones, each newest enrolment first.
        .order_by(d.c.revoked_at.is_not(None), d.c.enrolled_at.desc())
    ).all()
    return [
        DeviceInfo(
            id=str(r.id),
            name=r.name,
            enrolled_at=as_utc(r.enrolled_at),
            last_seen_at=as_utc(r.last_seen_at) if r.last_seen_at else None,
            revoked_at=as_utc(r.revoked_at) if r.revoked_at else None,
            revoke_reason=r.revoke_reason,
        )
        for r in rows
    ]


def _receipts_of(conn: Connection, station_id: int, limit: int) -> list[SyncReceipt]:
    """The latest pushes, newest first, each marked when its audit head is lower than the
    previous push of the same device (looked up once per device beyond the page's oldest)."""
    r = _receipts
    rows = conn.execute(
        select(
            r.c.id,
            r.c.device_id,
            r.c.received_at,
            func.coalesce(_devices.c.name, "").label("device_name"),
            r.c.record_count,
            r.c.stored,
            r.c.duplicate,
            r.c.conflict,
            r.c.rejected,
            r.c.audit_seq,
        )
        .outerjoin(_devices, _devices.c.id == r.c.device_id)
        .where(r.c.station_id == station_id)
        .order_by(r.c.received_at.desc(), r.c.id.desc())
        .limit(limit)
    ).all()
    before = _receipts.alias("before")
    previous: dict[Any, int | None] = {}
    for row in reversed(rows):  # oldest first: each row's previous push is known when reached
        if row.device_id not in previous:
            previous[row.device_id] = conn.execute(
                select(before.c.audit_seq)
                .where(
                    before.c.device_id == row.device_id,
                    before.c.id < row.id,
                    before.c.audit_seq.is_not(None),
                )
                .order_by(before.c.id.desc())
                .limit(1)
            ).scalar_one_or_none()
    result = []
    for row in reversed(rows):
        prev = previous.get(row.device_id)
        went_back = row.audit_seq is not None and prev is not None and row.audit_seq < prev
        if row.audit_seq is not None:
            previous[row.device_id] = row.audit_seq
        result.append(
            SyncReceipt(
                received_at=as_utc(row.received_at),
                device_name=row.device_name,
                records=row.record_count,
                stored=row.stored,
                duplicate=row.duplicate,
                conflict=row.conflict,
                rejected=row.rejected,
                audit_seq=row.audit_seq,
                went_back=went_back,
            )
        )
    result.reverse()
    return result


def _reports_of(conn: Connection, station_id: int, limit: int) -> list[ReportInfo]:
    p = _reports
    rows = conn.execute(
        select(p.c.report_id, p.c.period_code, p.c.number, p.c.submitted_at, p.c.received_at)
        .where(p.c.station_id == station_id)
        .order_by(p.c.submitted_at.desc())
        .limit(limit)
    ).all()
    return [
        ReportInfo(
            str(r.report_id), r.period_code, r.number, as_utc(r.submitted_at), as_utc(r.received_at)
        )
        for r in rows
    ]


def device_of_station(
    conn: Connection, scope: ColumnElement[bool], code: str, device_id: str
) -> DeviceInfo | None:
    """The device if it belongs to the station `code` and that station is in the scope."""
    for device in _station_devices_by_code(conn, scope, code):
        if device.id == device_id:
            return device
    return None


def _station_devices_by_code(
    conn: Connection, scope: ColumnElement[bool], code: str
) -> list[DeviceInfo]:
    station_id = conn.execute(
        select(_stations.c.id).where(_stations.c.code == code, scope)
    ).scalar_one_or_none()
    return [] if station_id is None else _station_devices(conn, station_id)
