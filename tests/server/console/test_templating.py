"""Console formats and texts: Vietnamese dates, times and numbers; one catalogue of messages."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from server.console import i18n
from server.console.templating import format_date, format_datetime, format_number, parse_date


def test_dates_and_times_are_vietnamese() -> None:
    """dd/mm/yyyy, and times in Asia/Ho_Chi_Minh (UTC+7) whether stored with a zone or not."""
    assert format_date(date(2026, 3, 9)) == "09/03/2026"
    late = datetime(2026, 3, 9, 18, 30, tzinfo=UTC)  # 01:30 on the 10th in Vietnam
    assert format_datetime(late) == "10/03/2026 01:30"
    assert format_datetime(late.replace(tzinfo=None)) == "10/03/2026 01:30"  # SQLite's naive UTC
    assert format_date(late) == "10/03/2026"
    assert format_date(None) == format_datetime(None) == ""


def test_numbers_group_with_dots() -> None:
    """1.234.567 and 3,5 as Vietnamese readers expect."""
    assert format_number(1234567) == "1.234.567"
    assert format_number(999) == "999"
    assert format_number(3.5, 1) == "3,5"
    assert format_number(-12345.678, 2) == "-12.345,68"


@pytest.mark.parametrize(
    ("typed", "day"),
    [("09/03/2026", date(2026, 3, 9)), ("9/3/2026", date(2026, 3, 9)),
     ("2026-03-09", date(2026, 3, 9)), ("", None), ("  ", None)],
)  # fmt: skip
def test_parse_date_accepts_what_people_type(typed: str, day: date | None) -> None:
    """dd/mm/yyyy (leading zeros optional) and the ISO form a date picker sends."""
    assert parse_date(typed) == day


@pytest.mark.parametrize("typed", ["31/02/2026", "09-03", "3/9", "abc", "1/1/26", "1/1/2026/1"])
def test_parse_date_refuses_the_rest(typed: str) -> None:
    """Anything else is a ValueError for the page to explain."""
    with pytest.raises(ValueError):
        parse_date(typed)


def test_translator_and_catalogue() -> None:
    """Every key has both languages; placeholders are filled; an unknown key shows itself."""
    catalogue = i18n.catalogue()
    assert all(isinstance(v, tuple) and len(v) == 2 and all(v) for v in catalogue.values())
    vi, en = i18n.translator("vi"), i18n.translator("en")
    assert vi("nav.records") == "Hồ sơ" and en("nav.records") == "Records"
    assert en("audit.count", count=3) == "3 entries"
    assert vi("no.such.key") == "no.such.key"


def test_english_says_unit_not_station() -> None:
    """A commune police post is a "unit" throughout the English console (as "đơn vị" is in
    Vietnamese); only the operator's command `cax-server station add` may say "station"."""
    mixed = {
        key: en
        for key, (_vi, en) in i18n.catalogue().items()
        if re.search(r"(?<![{\w-])stations?\b", en.replace("cax-server station", ""), re.I)
    }
    assert mixed == {}
