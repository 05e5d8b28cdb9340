"""Vietnamese phone numbers (docs/domain.md): normalisation, the 11→10-digit mobile conversion."""

from __future__ import annotations

import re

from domain.validation.codes import Code

_SEPARATORS = re.compile(r"[\s.\-()]")
_MOBILE = re.compile(r"0(3[2-9]|5[2-9]|7[06-9]|8[1-9]|9[0-9])\d{7}")
_MOBILE_LOOSE = re.compile(r"0[35789]\d{8}")
_FIXED_LINE = re.compile(r"02\d{9}")
_OLD_MOBILE = re.compile(r"01[2-9]\d{8}")

# 2018–2019 conversion of 11-digit mobiles: old 4-digit prefix → new 3-digit prefix, last 7 kept.
OLD_MOBILE_PREFIXES: dict[str, str] = {
    **{f"016{d}": f"03{d}" for d in "23456789"},  # Viettel 0162–0169 → 032–039
    "0123": "083",
    "0124": "084",
    "0125": "085",
    "0127": "081",
    "0129": "082",  # VinaPhone
    "0120": "070",
    "0121": "079",
    "0122": "077",
    "0126": "076",
    "0128": "078",  # MobiFone
    "0186": "056",
    "0188": "058",  # Vietnamobile
    "0199": "059",  # Gmobile
}


def national_form(value: str) -> str:
    """Digits in national form, before any conversion: "+84 912.345.678" → "0912345678"."""
    digits = _SEPARATORS.sub("", value)
    if digits.startswith("+"):
        digits = digits[1:]
    if digits.startswith("0084"):
        digits = digits[2:]
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits


def convert_old_mobile(number: str) -> str | None:
    """The 10-digit number an old 11-digit mobile became, or None if it is not one."""
    if not _OLD_MOBILE.fullmatch(number):
        return None
    new_prefix = OLD_MOBILE_PREFIXES.get(number[:4])
    return new_prefix + number[4:] if new_prefix else None


def normalize_phone(value: str) -> str:
    """National form, digits only: "+84 912.345.678" → "0912345678"; old 11-digit mobiles converted."""
    number = national_form(value)
    return convert_old_mobile(number) or number


def check_phone(value: str) -> list[tuple[Code, dict]]:
    """Mobile and fixed-line rules; the carrier is never inferred (numbers are portable)."""
    number = national_form(value)
    converted = convert_old_mobile(number)
    if converted:
        return [(Code.PHONE_CONVERTED, {"old": number, "new": converted})]
    if _MOBILE.fullmatch(number) or _FIXED_LINE.fullmatch(number):
        return []
    if _MOBILE_LOOSE.fullmatch(number):
        return [(Code.PHONE_PREFIX_UNKNOWN, {"prefix": number[:3]})]
    return [(Code.PHONE_INVALID, {})]


def phone_e164(value: str) -> str | None:
    """International form stored alongside the display form: "0912345678" → "+84912345678"."""
    number = normalize_phone(value)
    if _MOBILE_LOOSE.fullmatch(number) or _FIXED_LINE.fullmatch(number):
        return "+84" + number[1:]
    return None


def mask_phone(value: str) -> str:
    """List display: "0912345678" → "091*****78"."""
    number = normalize_phone(value)
    if len(number) <= 5:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 5) + number[-2:]
