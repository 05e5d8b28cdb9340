"""What the dashboard shows, as plain values: the station's SQL makes them
(`storage/record_store.overview`), the dashboard page reads them without importing the SQL."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.deadlines import Deadline


@dataclass(frozen=True)
class StationOverview:
    """What the dashboard shows: counts by form and status (voided included), records by event
    month and form (voided left out), the day's work, and deadlines at risk or missed."""

    by_form_status: dict[str, dict[str, int]]
    by_month: dict[str, dict[str, int]]
    my_drafts: int
    waiting_review: int
    changed_today: int
    mine_today: int
    deadlines: tuple[Deadline, ...] = ()
    returned_to_me: int = 0  # the user's own records sent back to them, waiting for an amendment
