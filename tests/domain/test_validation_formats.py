"""Dates, partial dates, times, VND and decimals as officers type them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.validation.formats import (
    format_datetime,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_integer,
    parse_money,
    parse_partial_date,
)


@pytest.mark.parametrize(
    "typed", ["05/03/2026", "5/3/2026", "05-03-2026", "05032026", "2026-03-05"]
)
def test_dates_are_read_day_first(typed: str) -> None:
    """dd/mm/yyyy and its variants; never the ambiguous mm/dd."""
    assert parse_date(typed) == date(2026, 3, 5)


@pytest.mark.parametrize("typed", ["31/02/2026", "2026-13-01", "13/2026", "hôm qua", "", None, 5])
def test_impossible_dates_are_not_read(typed: object) -> None:
    """An impossible date is None for validation to report, not a guess."""
    assert parse_date(typed) is None


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1975", "1975"),
        (1975, "1975"),
        ("00/00/1975", "1975"),
        ("00/08/1975", "1975-08"),
        ("15/08/1975", "1975-08-15"),
        ("1975-08", "1975-08"),
    ],
)
def test_partial_dates_keep_only_what_is_known(typed: object, stored: str) -> None:
    """Older records have only the year of birth (docs/domain.md, "Dates, times, money")."""
    assert parse_partial_date(typed) == stored


@pytest.mark.parametrize("typed", ["15/00/1975", "1975-13", "30/02/1975", "75", "0999"])
def test_partial_dates_refuse_impossible_parts(typed: str) -> None:
    """A day without a month, month 13, 30 February and two-digit years are refused."""
    assert parse_partial_date(typed) is None


@pytest.mark.parametrize(
    "typed",
    [
        "2026-03-05T14:30",
        "2026-03-05 14:30:59",
        "05/03/2026 14:30",
        "14:30 05/03/2026",
        "14h30 5/3/2026",
        "2026-03-05T14:30+07:00",
        "2026-03-05T07:30:00Z",
    ],
)
def test_times_are_local_wall_clock_to_the_minute(typed: str) -> None:
    """Offsets are converted to UTC+7 (Asia/Ho_Chi_Minh) and seconds dropped."""
    assert parse_datetime(typed) == datetime(2026, 3, 5, 14, 30)


def test_stored_time_form() -> None:
    """Times are stored as `YYYY-MM-DDTHH:MM`."""
    assert format_datetime(datetime(2026, 3, 5, 9, 5)) == "2026-03-05T09:05"
    assert parse_datetime("25:00 05/03/2026") is None


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        (1_500_000, 1_500_000),
        ("1.500.000", 1_500_000),
        ("1 500 000 đồng", 1_500_000),
        ("750.000đ", 750_000),
        ("1,500,000 VND", 1_500_000),
        (2.0e6, 2_000_000),
    ],
)
def test_money_is_whole_vnd(typed: object, amount: int) -> None:
    """Thousands separators and the currency word are accepted."""
    assert parse_money(typed) == amount


@pytest.mark.parametrize("typed", [-5, 1.5, "1,5", "abc", True, None, "1.50.000"])
def test_money_refuses_fractions_negatives_and_text(typed: object) -> None:
    """VND has no fractions and a fine is never negative."""
    assert parse_money(typed) is None


def test_decimals_accept_the_vietnamese_comma() -> None:
    """`12,5 kg`; "." then groups thousands when a comma is present."""
    assert parse_decimal("12,5") == 12.5
    assert parse_decimal("1.234,5") == 1234.5
    assert parse_decimal("12.5") == 12.5
    assert parse_decimal(2.0) == 2
    assert parse_decimal("NaN") is None
    assert parse_decimal(float("inf")) is None


def test_integers() -> None:
    """Whole numbers with optional thousands dots; fractions are not integers."""
    assert parse_integer("1.000") == 1000
    assert parse_integer("-3") == -3
    assert parse_integer(2.5) is None
    assert parse_integer(True) is None


@given(st.dates(min_value=date(1000, 1, 1)))
def test_every_date_round_trips_through_both_notations(day: date) -> None:
    """ISO and dd/mm/yyyy read back to the same day."""
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d/%m/%Y")) == day
    assert parse_partial_date(day.strftime("%d/%m/%Y")) == day.isoformat()


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.none(), st.booleans()))
def test_parsers_never_crash(value: object) -> None:
    """Whatever a data file holds, parsers return a value or None."""
    for parse in (
        parse_date,
        parse_partial_date,
        parse_datetime,
        parse_money,
        parse_decimal,
        parse_integer,
    ):
        parse(value)


@given(st.text(max_size=30))
def test_partial_date_parsing_is_idempotent(text: str) -> None:
    """A stored partial date reads back as itself."""
    once = parse_partial_date(text)
    if once is not None:
        assert parse_partial_date(once) == once


@given(st.integers(min_value=0, max_value=10**15))
def test_money_round_trips_through_vietnamese_grouping(amount: int) -> None:
    """ "1.500.000" reads back as the amount it displays."""
    assert parse_money(f"{amount:,}".replace(",", ".")) == amount


def test_money_stops_where_the_words_line_can_still_read_it():
    """Amounts above 18 digits are refused as numbers too, so "in words" never fails on them."""
    from domain.validation.formats import MAX_MONEY, parse_money
    from domain.vietnamese import money_in_words

    assert parse_money(MAX_MONEY) == MAX_MONEY and money_in_words(MAX_MONEY)
    assert parse_money(MAX_MONEY + 1) is None
    assert parse_money(float(10**19)) is None
