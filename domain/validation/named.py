"""The named validators a form field can list in `"validators"`: normaliser plus checker each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from domain.reference import ReferenceData
from domain.validation import identity, phone, plates
from domain.validation.codes import Code, Severity
from domain.validation.formats import is_tax_code, normalize_tax_code

# Findings that never block: unknown-but-possible values and automatic corrections.
WARNING_CODES = frozenset(
    {
        Code.ID_PREFIX_UNKNOWN,
        Code.PASSPORT_FORMAT_UNUSUAL,
        Code.PHONE_PREFIX_UNKNOWN,
        Code.PHONE_CONVERTED,
        Code.PLATE_SPECIAL_SERIES,
    }
)

Finding = tuple[Code, dict]


@dataclass(frozen=True)
class NamedValidator:
    normalize: Callable[[str], str]
    check: Callable[[str, ReferenceData], list[Finding]]


def _tax_code(value: str, _reference: ReferenceData) -> list[Finding]:
    return [] if is_tax_code(normalize_tax_code(value)) else [(Code.TAX_CODE_FORMAT, {})]


NAMED_VALIDATORS: dict[str, NamedValidator] = {
    "id_number": NamedValidator(
        identity.normalize_id_number,
        lambda value, ref: identity.check_id_number(value, ref.known_id_prefixes()),
    ),
    "legacy_id": NamedValidator(
        identity.normalize_id_number, lambda value, _ref: identity.check_legacy_id(value)
    ),
    "passport": NamedValidator(
        identity.normalize_passport, lambda value, _ref: identity.check_passport(value)
    ),
    # Conversion of old mobiles is reported by the record check, so normalising only strips here.
    "phone": NamedValidator(phone.normalize_phone, lambda value, _ref: phone.check_phone(value)),
    "plate": NamedValidator(plates.normalize_plate, lambda value, _ref: plates.check_plate(value)),
    "tax_code": NamedValidator(normalize_tax_code, _tax_code),
}


def severity_of(code: Code) -> Severity:
    return Severity.WARNING if code in WARNING_CODES else Severity.ERROR
