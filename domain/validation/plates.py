"""Vehicle plates (docs/domain.md, "Vehicle plates"), deliberately lenient: plates keep their old
local codes."""

from __future__ import annotations

import re

from domain.validation.codes import Code

_SEPARATORS = re.compile(r"[\s.\-]")
_CIVIL = re.compile(r"(\d{2})([A-Z]{1,2})(\d??)(\d{4,5})")  # lazy: prefer 5 final digits
# Electric motorbikes: series "MĐ", one digit, then five (29MĐ1-123.45). Đ is outside [A-Z]. The
# series is recent enough to have only 5-digit numbers, which also keeps "29MĐ-123.45" (the
# series digit forgotten) from passing as 29MĐ1-2345.
_ELECTRIC = re.compile(r"(\d{2})(MĐ)(\d)(\d{5})")
# Legacy converters write Đ as the look-alike Icelandic Eth (U+00D0); after upper() ð is Ð too.
_ETH = str.maketrans({"\u00d0": "Đ"})
_SPECIAL = re.compile(r"(\d{2})(NG|NN|QT|CV|KT)(\d{3,6})")
_MILITARY = re.compile(r"([A-Z]{2})(\d{4,6})")


def normalize_plate(value: str) -> str:
    """Upper case, separators removed, Ð read as Đ: "30a-123.45" → "30A12345"."""
    return _SEPARATORS.sub("", value).upper().translate(_ETH)


def check_plate(value: str) -> list[tuple[Code, dict]]:
    """Civil plates pass; diplomatic/foreign/military series pass with a warning; the rest fail."""
    plate = normalize_plate(value)
    if m := _SPECIAL.fullmatch(plate):
        return [(Code.PLATE_SPECIAL_SERIES, {"series": m[2]})]
    if (m := _CIVIL.fullmatch(plate) or _ELECTRIC.fullmatch(plate)) and int(m[1]) >= 11:
        return []
    if m := _MILITARY.fullmatch(plate):
        return [(Code.PLATE_SPECIAL_SERIES, {"series": m[1]})]
    return [(Code.PLATE_FORMAT, {})]


def format_plate(value: str) -> str:
    """Display form: "30A12345" → "30A-123.45", "29M112345" → "29-M1 123.45",
    "29MĐ112345" → "29MĐ1-123.45"."""
    plate = normalize_plate(value)
    m = _CIVIL.fullmatch(plate) or _ELECTRIC.fullmatch(plate)
    if not m:
        return plate
    local, series, extra, digits = m.groups()
    tail = f"{digits[:3]}.{digits[3:]}" if len(digits) == 5 else digits
    if series == "MĐ":
        return f"{local}{series}{extra}-{tail}"
    if extra:
        return f"{local}-{series}{extra} {tail}"
    return f"{local}{series}-{tail}"
