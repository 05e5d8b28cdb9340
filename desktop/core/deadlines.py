"""Deadlines the station must not miss, from a record's values (pure rules, no storage).

- A crime report (F1) must be transferred to the investigation agency "immediately" (BLTTHS Art.
  145; docs/domain.md, "Forms and their legal basis"). The law gives no hour limit, so the station sets one (default 24 h): a
  report received longer ago and not transferred is overdue; one within the last quarter of its
  time is at risk.
- A person under supervision (F10) with monthly or quarterly obligations is due to check in one
  month (three months) after the last entry of the supervision log, or after the start of the
  period when there is none; a case whose period or management has ended is not followed.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

DEFAULT_TRANSFER_HOURS = 24
AT_RISK_SHARE = 0.25  # warn when less than this share of the allowed time is left
SCHEDULE_MONTHS = {"hang_thang": 1, "hang_quy": 3}


@dataclass(frozen=True)
class Deadline:
    record_id: str
    kind: str  # "transfer" (F1) or "check_in" (F10)
    title: str
    document_number: str | None
    due: datetime
    overdue: bool


def _parse_moment(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _parse_day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def transfer_due(values: dict[str, Any], hours: int) -> datetime | None:
    """When an untransferred crime report must be transferred by, or None (transferred, or no
    time of receipt). Times are the station's local time, as typed."""
    if values.get("transferred") is True:
        return None
    received = _parse_moment(values.get("received_at"))
    return received + timedelta(hours=hours) if received else None


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def check_in_due(values: dict[str, Any], today: date) -> date | None:
    """The next check-in date of a supervision case, or None when none is expected."""
    months = SCHEDULE_MONTHS.get(values.get("reporting_schedule", ""))
    if months is None or values.get("end_date"):
        return None
    period_end = _parse_day(values.get("period_to"))
    if period_end is not None and period_end < today:
        return None
    logged = [d for d in (_parse_day(e.get("date")) for e in values.get("log") or []) if d]
    start = max(logged) if logged else _parse_day(values.get("period_from"))
    return add_months(start, months) if start else None


def at_risk(due: datetime, now: datetime, allowed: timedelta) -> bool:
    return now >= due - allowed * AT_RISK_SHARE
