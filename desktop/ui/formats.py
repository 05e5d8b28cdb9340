"""How dates and numbers look in the UI: dd/mm/yyyy and 1.500.000 in either language."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QLocale

from desktop.core.station_time import station_now, to_station_time

# Vietnamese conventions for data whatever the UI language: these are Vietnamese records.
_VI = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def format_number(value: int) -> str:
    """1500000 → "1.500.000"."""
    return _VI.toString(int(value))


def format_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def format_timestamp(iso: str, *, seconds: bool = False) -> str:
    """A stored ISO timestamp in the station's time (Vietnam), whatever the PC's zone:
    "21/05/2026 14:03" (or "" when unreadable). A timestamp without a zone is station time."""
    try:
        moment = to_station_time(datetime.fromisoformat(iso))
    except (TypeError, ValueError):
        return ""
    return moment.strftime("%d/%m/%Y %H:%M:%S" if seconds else "%d/%m/%Y %H:%M")


def format_clock(moment: datetime | None = None) -> str:
    """The station's time of day, "14:03" (now unless given), for "saved at …" messages."""
    return to_station_time(moment or station_now()).strftime("%H:%M")
