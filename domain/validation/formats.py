"""Parsing of the value formats officers type: dd/mm/yyyy dates, partial dates, VND, decimals."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7))  # Asia/Ho_Chi_Minh, no daylight saving

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_VN_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_COMPACT_DATE = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_TIME = r"(\d{1,2})[:hg](\d{2})(?::(\d{2}))?"
_ISO_DATETIME = re.compile(
    rf"^(\d{{4}}-\d{{2}}-\d{{2}})[T ]{_TIME}(?:\.\d+)?(Z|[+-]\d{{2}}:?\d{{2}})?$"
)
_VN_DATETIME = re.compile(rf"^(\S+)\s+{_TIME}$|^{_TIME}\s+(\S+)$")
_TAX_CODE = re.compile(r"^(\d{10})(?:-?(\d{3}))?$")
_MONEY_SUFFIX = re.compile(r"\s*(đồng|đ|vnđ|vnd)\.?$", re.IGNORECASE)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(value: object) -> date | None:
    """A full date from ISO `2026-03-05` or the Vietnamese `05/03/2026`, `5-3-2026`, `05032026`."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if m := _ISO_DATE.match(text):
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _VN_DATE.match(text) or _COMPACT_DATE.match(text):
        return _safe_date(int(m[3]), int(m[2]), int(m[1]))
    return None


def parse_partial_date(value: object) -> str | None:
    """Canonical partial date `yyyy`, `yyyy-mm` or `yyyy-mm-dd`; `00/00/1975` means year only."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if m := _VN_DATE.match(text) or _COMPACT_DATE.match(text):
        day, month, year = int(m[1]), int(m[2]), m[3]
        text = year + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day and month else "")
        if day and not month:
            return None
    m = _PARTIAL.match(text)
    if not m or not 1000 <= int(m[1]) <= 9999:
        return None
    if m[3]:
        return text if _safe_date(int(m[1]), int(m[2]), int(m[3])) else None
    if m[2] and not 1 <= int(m[2]) <= 12:
        return None
    return text


def partial_date_year(value: object) -> int | None:
    canonical = parse_partial_date(value)
    return int(canonical[:4]) if canonical else None


def parse_datetime(value: object) -> datetime | None:
    """A local (UTC+7) wall-clock time, naive, to the minute: ISO or `dd/mm/yyyy HH:MM`."""
    moment: datetime | None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        moment = _parse_datetime_text(" ".join(value.split()))
    else:
        return None
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(VN_TZ).replace(tzinfo=None)
    return moment.replace(second=0, microsecond=0)


def _parse_datetime_text(text: str) -> datetime | None:
    if m := _ISO_DATETIME.match(text):
        day, zone = parse_date(m[1]), m[5]
        clock = _clock(m[2], m[3], m[4])
        if day is None or clock is None:
            return None
        moment = datetime.combine(day, clock)
        if zone:
            offset = UTC if zone == "Z" else _offset(zone)
            moment = moment.replace(tzinfo=offset)
        return moment
    if m := _VN_DATETIME.match(text):
        day_text, hour, minute, second = (
            (m[1], m[2], m[3], m[4]) if m[1] else (m[8], *m.groups()[4:7])
        )
        day, clock = parse_date(day_text), _clock(hour, minute, second)
        if day is None or clock is None:
            return None
        return datetime.combine(day, clock)
    return None


def _clock(hour: str, minute: str, second: str | None) -> time | None:
    h, mi, s = int(hour), int(minute), int(second or 0)
    if h > 23 or mi > 59 or s > 59:
        return None
    return time(h, mi, s)


def _offset(zone: str) -> timezone:
    digits = zone[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return timezone(-delta if zone[0] == "-" else delta)


def format_datetime(moment: datetime) -> str:
    """Canonical stored form of a local time: `2026-03-05T14:30`."""
    return moment.strftime("%Y-%m-%dT%H:%M")


# The largest amount the "in words" line can read (domain/vietnamese.py: 18 digits).
MAX_MONEY = 10**18 - 1


def parse_money(value: object) -> int | None:
    """Whole VND from 1500000, "1.500.000", "1 500 000 đồng"; None if not a whole non-negative amount."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        whole = isinstance(value, int) or value.is_integer()
        return int(value) if whole and 0 <= value <= MAX_MONEY else None
    if not isinstance(value, str):
        return None
    text = _MONEY_SUFFIX.sub("", value.strip())
    text = "".join(text.split())
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
        text = text.replace(".", "").replace(",", "")
    return int(text) if re.fullmatch(r"\d{1,18}", text) else None


def parse_integer(value: object) -> int | None:
    """An integer from a number or "12", "-3", "1.000" (dots group thousands)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if not isinstance(value, str):
        return None
    text = "".join(value.split())
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    return int(text) if re.fullmatch(r"-?\d{1,18}", text) else None


def parse_decimal(value: object) -> int | float | None:
    """A number from 12.5, "12,5" (Vietnamese comma) or "1.234,5"; whole numbers come back as int."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = value
    elif isinstance(value, str):
        text = "".join(value.split())
        if "," in text:
            # Vietnamese style: "." groups thousands, "," is the decimal mark.
            text = text.replace(".", "").replace(",", ".")
        if not re.fullmatch(r"-?\d{1,15}(\.\d{1,6})?", text):
            return None
        number = float(text)
    else:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return int(number) if float(number).is_integer() else float(number)


def normalize_tax_code(value: str) -> str:
    """Business/tax code with the branch suffix dashed: "0101234567001" → "0101234567-001"."""
    text = "".join(value.split())
    m = _TAX_CODE.match(text)
    if not m:
        return text
    return f"{m[1]}-{m[2]}" if m[2] else m[1]


def is_tax_code(value: str) -> bool:
    """`^\\d{10}(-\\d{3})?$` (docs/domain.md, "Dates, times, money")."""
    return re.fullmatch(r"\d{10}(-\d{3})?", value) is not None
