"""How dates and numbers look in the UI: dd/mm/yyyy and 1.500.000 in either language."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QLocale

# Vietnamese conventions for data whatever the UI language: these are Vietnamese records.
_VI = QLocale(QLocale.Vietnamese, QLocale.Vietnam)


def format_number(value: int) -> str:
    """1500000 → "1.500.000"."""
    return _VI.toString(int(value))


def format_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def format_timestamp(iso: str, *, seconds: bool = False) -> str:
    """A stored UTC ISO timestamp in local time: "21/05/2026 14:03" (or "" when unreadable)."""
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except (TypeError, ValueError):
        return ""
    return moment.strftime("%d/%m/%Y %H:%M:%S" if seconds else "%d/%m/%Y %H:%M")
