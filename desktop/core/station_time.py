"""The station's clock: Vietnam time (Asia/Ho_Chi_Minh) whatever zone the PC is set to.

Records, deadlines and exports already count in Vietnam time; screens must too, or a PC left on
UTC shows a report due 09:30 as due 02:30 while the deadline check says otherwise. `zoneinfo`
reads the system's zone database, or the `tzdata` package where there is none (Windows).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

STATION_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def station_now() -> datetime:
    """Now, as an aware datetime in the station's zone."""
    return datetime.now(STATION_TZ)


def station_today() -> date:
    """The station's calendar day (not the PC's: they differ for hours on a PC set to UTC)."""
    return station_now().date()


def to_station_time(moment: datetime) -> datetime:
    """An aware moment in the station's zone; a naive one is taken as station wall-clock time
    already (times typed in forms and deadlines computed from them carry no zone)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=STATION_TZ)
    return moment.astimezone(STATION_TZ)
