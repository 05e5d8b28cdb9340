"""Personal ID numbers (docs/domain.md, "ID numbers"), legacy CMND and passports."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.reference import default_reference
from domain.validation.codes import Code
from domain.validation.identity import (
    check_id_number,
    check_legacy_id,
    check_passport,
    id_facts,
    mask_id_number,
    normalize_id_number,
)

PREFIXES = default_reference().known_id_prefixes()


def test_separators_are_stripped() -> None:
    """Officers copy "001 0 85 012345" or "001.085.012345"; the digits are stored."""
    assert normalize_id_number("001 0 85-012.345") == "001085012345"


@pytest.mark.parametrize(
    ("number", "male", "year"),
    [
        ("001085012345", True, 1985),
        ("001178009876", False, 1978),
        ("038201003214", True, 2001),
        ("040390011223", False, 2090),
        ("001462000001", True, 2162),
    ],
)
def test_century_sex_digit_and_year_are_decoded(number: str, male: bool, year: int) -> None:
    """Digit 4 is century and sex (even male), digits 5–6 the year in that century."""
    facts = id_facts(number)
    assert facts is not None
    assert (facts.prefix, facts.male, facts.birth_year) == (number[:3], male, year)


@pytest.mark.parametrize("bad", ["00108501234", "0010850123456", "00108501234a", ""])
def test_anything_but_twelve_digits_is_a_format_error(bad: str) -> None:
    """Rule 1: an error, never a silent fix."""
    assert check_id_number(bad, PREFIXES) == [(Code.ID_FORMAT, {})]
    assert id_facts(bad) is None


def test_unknown_prefix_is_only_a_warning_code() -> None:
    """Rule 2: births registered abroad have other codes, so 003… is accepted with a warning."""
    assert check_id_number("003085012345", PREFIXES) == [
        (Code.ID_PREFIX_UNKNOWN, {"prefix": "003"})
    ]
    assert check_id_number("001085012345", PREFIXES) == []


def test_no_checksum_is_invented() -> None:
    """Rule 7: there is no published checksum, so any sequence after the prefix passes."""
    assert check_id_number("001085999999", PREFIXES) == []
    assert check_id_number("001085000000", PREFIXES) == []


def test_legacy_cmnd_has_nine_or_twelve_digits() -> None:
    """Rule 6."""
    assert check_legacy_id("012345678") == []
    assert check_legacy_id("001085012345") == []
    assert check_legacy_id("01234567") == [(Code.LEGACY_ID_FORMAT, {})]


def test_passport_format_is_only_advisory() -> None:
    """Vietnamese passports read C1234567; other documents get a warning code, not an error."""
    assert check_passport("c1234567") == []
    assert check_passport("M12345678X") == [(Code.PASSPORT_FORMAT_UNUSUAL, {})]


def test_masking_keeps_prefix_and_last_two_digits() -> None:
    """Lists show "001*******45", not the full number (personal data)."""
    assert mask_id_number("001085012345") == "001*******45"
    assert mask_id_number("123") == "***"


@given(st.text(max_size=30))
def test_id_checks_never_crash_and_normalising_is_idempotent(text: str) -> None:
    """Arbitrary input yields codes, never exceptions."""
    once = normalize_id_number(text)
    assert normalize_id_number(once) == once
    for code, _ in check_id_number(text, PREFIXES) + check_legacy_id(text) + check_passport(text):
        assert isinstance(code, Code)


@given(
    st.sampled_from(sorted(PREFIXES)), st.integers(0, 9), st.integers(0, 99), st.integers(0, 999999)
)
def test_every_well_formed_number_decodes_consistently(
    prefix: str, century_sex: int, year: int, serial: int
) -> None:
    """For every valid number the decoded facts round-trip to its digits."""
    number = f"{prefix}{century_sex}{year:02d}{serial:06d}"
    facts = id_facts(number)
    assert check_id_number(number, PREFIXES) == []
    assert facts.male == (century_sex % 2 == 0)
    assert facts.birth_year % 100 == year
    assert facts.birth_year // 100 == 19 + century_sex // 2
