"""SQL of periodic reports: the records a period counts, station-profile versions, report rows.

Runs inside the caller's transaction; the rules (who may, what freezes when) are in `reports.py`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from domain.records import RecordStatus
from domain.reports.content import canonical_json
from domain.reports.profile import StationProfile
from domain.reports.sections import STOCK_FORM, ReportRecord
from domain.reports.status import ReportStatus

# Drafts may be unfinished and voided records were withdrawn: neither is counted. The unary "+"
# keeps SQLite (no ANALYZE statistics) off the status index, which would read every completed
# record of every year (~500 ms at 50,000), and on ix_records_event_date (one period: ~0.5 ms a row).
_COUNTED = f"+status IN ('{RecordStatus.COMPLETED}', '{RecordStatus.APPROVED}')"


def period_records(conn: Connection, start: str, end: str) -> list[ReportRecord]:
    """Counted records whose event date falls in [start, end] (ix_records_event_date)."""
    rows = conn.execute(
        text(
            "SELECT form_id, event_date, values_json FROM records WHERE event_date >= :a "
            f"AND event_date <= :b AND {_COUNTED} AND form_id != :stock"
        ),
        dict(a=start, b=end, stock=STOCK_FORM),
    )
    return [ReportRecord(r[0], r[1], json.loads(r[2])) for r in rows]


def supervision_files(conn: Connection, end: str) -> list[ReportRecord]:
    """Every counted supervision file begun by `end`: the stock is counted at the period's edges."""
    rows = conn.execute(
        text(
            "SELECT form_id, event_date, values_json FROM records WHERE form_id = :stock "
            f"AND event_date <= :b AND {_COUNTED}"
        ),
        dict(b=end, stock=STOCK_FORM),
    )
    return [ReportRecord(r[0], r[1], json.loads(r[2])) for r in rows]


def draft_count(conn: Connection, start: str, end: str) -> int:
    return conn.execute(
        text(
            "SELECT count(*) FROM records WHERE event_date >= :a AND event_date <= :b "
            f"AND +status = '{RecordStatus.DRAFT}'"
        ),
        dict(a=start, b=end),
    ).scalar_one()


# ---- station profile ----------------------------------------------------------------------------

_PROFILE = "SELECT version, as_of, values_json, changed_by, changed_at FROM station_profile"


def _profile(row: Any) -> StationProfile:
    return StationProfile(row[0], row[1], json.loads(row[2]), row[3], row[4])


def insert_profile(
    conn: Connection, as_of: str, values: dict[str, Any], by: str, now: str
) -> StationProfile:
    version = conn.execute(
        text(
            "INSERT INTO station_profile (as_of, values_json, changed_by, changed_at) "
            "VALUES (:d, :v, :by, :now) RETURNING version"
        ),
        dict(d=as_of, v=canonical_json(values), by=by, now=now),
    ).scalar_one()
    return StationProfile(version, as_of, values, by, now)


def profile_at(conn: Connection, day: str) -> StationProfile | None:
    """The version in force on `day`: the latest entered among those true on or before it."""
    row = conn.execute(
        text(f"{_PROFILE} WHERE as_of <= :d ORDER BY as_of DESC, version DESC LIMIT 1"),
        dict(d=day),
    ).one_or_none()
    return _profile(row) if row else None


def latest_profile(conn: Connection) -> StationProfile | None:
    row = conn.execute(text(f"{_PROFILE} ORDER BY version DESC LIMIT 1")).one_or_none()
    return _profile(row) if row else None


def profile_versions(conn: Connection, limit: int = 100) -> list[StationProfile]:
    rows = conn.execute(text(f"{_PROFILE} ORDER BY version DESC LIMIT :n"), dict(n=limit))
    return [_profile(r) for r in rows]


# ---- reports ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredReport:
    id: str
    period_code: str
    period_kind: str
    start_date: str
    end_date: str
    status: str
    narrative: dict[str, str]
    created_by: str
    created_at: str
    updated_at: str
    document_number: str | None
    submitted_by: str | None
    submitted_at: str | None
    frozen: dict[str, Any] | None
    content_hash: str | None
    sync_pending: bool
    synced_at: str | None
    figures: dict[str, int] = field(default_factory=dict)  # typed by the chief (typed.py)


_REPORT = (
    "SELECT id, period_code, period_kind, start_date, end_date, status, narrative_json, "
    "created_by, created_at, updated_at, document_number, submitted_by, submitted_at, "
    "frozen_json, content_hash, sync_pending, synced_at, figures_json FROM reports"
)


def _report(row: Any) -> StoredReport:
    values = list(row)
    values[6] = json.loads(values[6])
    values[13] = json.loads(values[13]) if values[13] else None
    values[15] = bool(values[15])
    values[17] = json.loads(values[17] or "{}")
    return StoredReport(*values)


def load_report(
    conn: Connection, *, report_id: str = "", period_code: str = ""
) -> StoredReport | None:
    column, value = ("id", report_id) if report_id else ("period_code", period_code)
    row = conn.execute(text(f"{_REPORT} WHERE {column} = :v"), dict(v=value)).one_or_none()
    return _report(row) if row else None


def list_reports(conn: Connection, limit: int = 500) -> list[StoredReport]:
    """Newest period first."""
    rows = conn.execute(
        text(f"{_REPORT} ORDER BY end_date DESC, start_date DESC LIMIT :n"), dict(n=limit)
    )
    return [_report(r) for r in rows]


def insert_report(conn: Connection, **row: Any) -> None:
    narrative = canonical_json(row.pop("narrative"))
    row["narrative_json"] = narrative
    row["figures_json"] = canonical_json(row.pop("figures", {}))
    columns = ", ".join(row)
    values = ", ".join(f":{c}" for c in row)
    draft = ReportStatus.DRAFT
    conn.execute(text(f"INSERT INTO reports ({columns}, status) VALUES ({values}, '{draft}')"), row)


def update_report(conn: Connection, report_id: str, **changes: Any) -> None:
    if "narrative" in changes:
        changes["narrative_json"] = canonical_json(changes.pop("narrative"))
    if "figures" in changes:
        changes["figures_json"] = canonical_json(changes.pop("figures"))
    if "frozen" in changes:
        changes["frozen_json"] = canonical_json(changes.pop("frozen"))
    sets = ", ".join(f"{c} = :{c}" for c in changes)
    conn.execute(text(f"UPDATE reports SET {sets} WHERE id = :id"), {**changes, "id": report_id})


def pending_sync(conn: Connection) -> list[StoredReport]:
    """Submitted reports the centre has not acknowledged yet, oldest submission first."""
    rows = conn.execute(text(f"{_REPORT} WHERE sync_pending = 1 ORDER BY submitted_at"))
    return [_report(r) for r in rows]


def mark_synced(conn: Connection, report_id: str, now: str) -> None:
    conn.execute(
        text("UPDATE reports SET sync_pending = 0, synced_at = :now WHERE id = :id"),
        dict(id=report_id, now=now),
    )
