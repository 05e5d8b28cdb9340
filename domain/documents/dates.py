"""Dates as Vietnamese official documents write them (NĐ 30/2020 Annex I)."""

from __future__ import annotations

from datetime import date


def document_date(day: date) -> str:
    """ "ngày 05 tháng 3 năm 2026": days under 10 and the months 1 and 2 take a leading zero."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_and_date(place: str, day: date) -> str:
    """ "Ba Đình, ngày 05 tháng 3 năm 2026"; without a known place the date alone."""
    when = document_date(day)
    return f"{place}, {when}" if place else when[0].upper() + when[1:]
