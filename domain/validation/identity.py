"""Personal ID numbers (CCCD / căn cước, docs/domain.md), legacy CMND and passport numbers."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from domain.validation.codes import Code

_SEPARATORS = re.compile(r"[\s.\-]")
_ID = re.compile(r"\d{12}")
_LEGACY_ID = re.compile(r"\d{9}|\d{12}")
_VN_PASSPORT = re.compile(r"[A-Z]\d{7}")


def normalize_id_number(value: str) -> str:
    """Digits only: spaces, dots and dashes removed ("001 2 98 456789" → "001298456789")."""
    return _SEPARATORS.sub("", value)


@dataclass(frozen=True)
class IdFacts:
    """What a well-formed 12-digit number says about its holder (positions 1–6)."""

    prefix: str
    male: bool
    birth_year: int


def id_facts(number: str) -> IdFacts | None:
    """Prefix, sex and birth year encoded in a 12-digit ID; None if it is not 12 digits.

    Digit 4 gives century and sex (even male, odd female); digits 5–6 the year in that century.
    There is no published checksum, so none is checked.
    """
    digits = normalize_id_number(number)
    if not _ID.fullmatch(digits):
        return None
    century_sex = int(digits[3])
    return IdFacts(
        prefix=digits[:3],
        male=century_sex % 2 == 0,
        birth_year=1900 + 100 * (century_sex // 2) + int(digits[4:6]),
    )


def check_id_number(value: str, known_prefixes: Collection[str]) -> list[tuple[Code, dict]]:
    """Format error, or a warning when the first three digits are not a known province prefix."""
    facts = id_facts(value)
    if facts is None:
        return [(Code.ID_FORMAT, {})]
    if facts.prefix not in known_prefixes:
        return [(Code.ID_PREFIX_UNKNOWN, {"prefix": facts.prefix})]
    return []


def check_legacy_id(value: str) -> list[tuple[Code, dict]]:
    """Old CMND: 9 or 12 digits; kept for history only."""
    if _LEGACY_ID.fullmatch(normalize_id_number(value)):
        return []
    return [(Code.LEGACY_ID_FORMAT, {})]


def normalize_passport(value: str) -> str:
    return "".join(value.split()).upper()


def check_passport(value: str) -> list[tuple[Code, dict]]:
    """A Vietnamese passport reads like C1234567; anything else is only a warning (other documents)."""
    if _VN_PASSPORT.fullmatch(normalize_passport(value)):
        return []
    return [(Code.PASSPORT_FORMAT_UNUSUAL, {})]


def mask_id_number(value: str) -> str:
    """List display: the first three and the last two digits only ("001*******89")."""
    digits = normalize_id_number(value)
    if len(digits) <= 5:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 5) + digits[-2:]
