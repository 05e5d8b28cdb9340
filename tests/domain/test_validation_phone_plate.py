"""Phone numbers, vehicle plates and business tax codes (docs/domain.md)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.validation.codes import Code
from domain.validation.formats import is_tax_code, normalize_tax_code
from domain.validation.phone import (
    OLD_MOBILE_PREFIXES,
    check_phone,
    convert_old_mobile,
    mask_phone,
    normalize_phone,
    phone_e164,
)
from domain.validation.plates import check_plate, format_plate, normalize_plate


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912 345 678", "0912345678"),
        ("+84 912.345.678", "0912345678"),
        ("84912345678", "0912345678"),
        ("(024) 3823 4567", "02438234567"),
        ("01681234567", "0381234567"),
        ("0123 456 7890", "0834567890"),
        ("+84 168 123 4567", "0381234567"),
    ],
)
def test_phones_are_stored_in_national_form(typed: str, stored: str) -> None:
    """Separators and +84 go; old 11-digit mobiles become their 10-digit numbers."""
    assert normalize_phone(typed) == stored


@pytest.mark.parametrize(
    ("old", "new"),
    [("01621234567", "0321234567"), ("01201234567", "0701234567"), ("01991234567", "0591234567")],
)
def test_old_mobile_prefixes_convert_per_table(old: str, new: str) -> None:
    """Viettel 0162→032, MobiFone 0120→070, Gmobile 0199→059; the last 7 digits kept."""
    assert convert_old_mobile(old) == new


def test_phone_rules() -> None:
    """Known mobile and fixed-line numbers pass; new prefixes warn; impossible ones fail."""
    assert check_phone("0987654321") == []
    assert check_phone("02438234567") == []
    assert check_phone("0311234567") == [(Code.PHONE_PREFIX_UNKNOWN, {"prefix": "031"})]
    assert check_phone("0123 45") == [(Code.PHONE_INVALID, {})]
    assert check_phone("01301234567") == [(Code.PHONE_INVALID, {})]
    assert check_phone("01681234567") == [
        (Code.PHONE_CONVERTED, {"old": "01681234567", "new": "0381234567"})
    ]


def test_e164_and_masking() -> None:
    """E.164 is stored beside the display form; lists show the number masked."""
    assert phone_e164("0912 345 678") == "+84912345678"
    assert phone_e164("123") is None
    assert mask_phone("0912345678") == "091*****78"


@pytest.mark.parametrize(
    ("typed", "problems", "display"),
    [
        ("30A-123.45", [], "30A-123.45"),
        ("29-M1 123.45", [], "29-M1 123.45"),
        ("51g1234", [], "51G-1234"),
        ("80NG-123.45", [(Code.PLATE_SPECIAL_SERIES, {"series": "NG"})], "80NG-123.45"),
        ("TM-12-34", [(Code.PLATE_SPECIAL_SERIES, {"series": "TM"})], "TM1234"),
        ("05A-123.45", [(Code.PLATE_FORMAT, {})], "05A-123.45"),
        ("ABC", [(Code.PLATE_FORMAT, {})], "ABC"),
        ("29MĐ1-123.45", [], "29MĐ1-123.45"),
        ("29mđ1 12345", [], "29MĐ1-123.45"),
        ("29M\u00d01-123.45", [], "29MĐ1-123.45"),  # Ð (Eth) from a legacy converter
        ("30MĐ2-1234", [(Code.PLATE_FORMAT, {})], "30MĐ21234"),
        ("05MĐ1-123.45", [(Code.PLATE_FORMAT, {})], "05MĐ1-123.45"),
        ("29MĐ-123.45", [(Code.PLATE_FORMAT, {})], "29MĐ12345"),
        ("29MĐ12-123.45", [(Code.PLATE_FORMAT, {})], "29MĐ1212345"),
        ("29ĐM1-123.45", [(Code.PLATE_FORMAT, {})], "29ĐM112345"),
    ],
)
def test_plates_are_lenient_but_not_blind(typed: str, problems: list, display: str) -> None:
    """Civil plates (electric "MĐ" too) pass, special series warn, local codes under 11 and junk
    fail."""
    assert check_plate(typed) == problems
    assert format_plate(typed) == display


def test_tax_codes_have_ten_digits_and_an_optional_branch() -> None:
    """`^\\d{10}(-\\d{3})?$`; a 13-digit code without the dash gets one."""
    assert normalize_tax_code("0101234567001") == "0101234567-001"
    assert is_tax_code(normalize_tax_code(" 0101234567 "))
    assert not is_tax_code("010123456")


@given(st.text(max_size=25))
def test_phone_and_plate_never_crash_and_normalise_idempotently(text: str) -> None:
    """Arbitrary input gives codes, and normalising a normalised value changes nothing."""
    for normalize, check in ((normalize_phone, check_phone), (normalize_plate, check_plate)):
        once = normalize(text)
        assert normalize(once) == once
        assert all(isinstance(code, Code) for code, _ in check(text))


@given(st.sampled_from(sorted(OLD_MOBILE_PREFIXES)), st.from_regex(r"\d{7}", fullmatch=True))
def test_every_old_mobile_converts_to_a_valid_number(prefix: str, subscriber: str) -> None:
    """Each old 11-digit mobile becomes a 10-digit mobile that passes every rule."""
    new = convert_old_mobile(prefix + subscriber)
    assert new is not None and len(new) == 10 and new.endswith(subscriber)
    assert check_phone(new) == []
