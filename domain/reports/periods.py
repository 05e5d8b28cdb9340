"""Report periods (docs/reports.md): week, month, quarter, 6 and 9 months, year, custom dates —
parsed from what a chief types ("2026-10", "2026-K10", "2026-Q3", "01/10/2026-31/10/2026"…), with their
canonical code, their Vietnamese and English names, and the same period one year earlier."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from domain.errors import InvalidInput

MIN_YEAR, MAX_YEAR = 2000, 2100
# Police monthly reports count from the 15th of the previous month to the 14th (docs/reports.md).
# A unit with another cut-off types its window as custom dates.
REPORT_MONTH_FIRST_DAY = 15


class PeriodKind(StrEnum):
    WEEK = "week"  # tuần (ISO week, Monday to Sunday)
    MONTH = "month"  # tháng
    # kỳ báo cáo tháng: the police's monthly window, the 15th of the month before to the 14th
    REPORT_MONTH = "report_month"
    QUARTER = "quarter"  # quý
    HALF = "half"  # 6 tháng (H1: 6 tháng đầu năm, H2: 6 tháng cuối năm)
    NINE_MONTHS = "nine_months"  # 9 tháng (January to September)
    YEAR = "year"  # năm
    CUSTOM = "custom"  # đột xuất / any window, e.g. the 15th-to-14th cut-off some units use


_ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Period:
    """A closed window of event dates [start, end]; `number` is the week, month, quarter or half."""

    kind: PeriodKind
    start: date
    end: date
    year: int
    number: int = 0

    @property
    def code(self) -> str:
        """Canonical text that parses back to this period (the key reports are stored under)."""
        y = self.year
        return {
            PeriodKind.WEEK: f"{y}-W{self.number:02d}",
            PeriodKind.MONTH: f"{y}-{self.number:02d}",
            PeriodKind.REPORT_MONTH: f"{y}-K{self.number:02d}",
            PeriodKind.QUARTER: f"{y}-Q{self.number}",
            PeriodKind.HALF: f"{y}-H{self.number}",
            PeriodKind.NINE_MONTHS: f"{y}-9M",
            PeriodKind.YEAR: f"{y}",
            PeriodKind.CUSTOM: f"{self.start.isoformat()}..{self.end.isoformat()}",
        }[self.kind]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def label(self, lang: str = "vi") -> str:
        """ "Tháng 10 năm 2026" / "October 2026", as a report title names its period."""
        return (_label_vi if lang == "vi" else _label_en)(self)

    def same_period_last_year(self) -> Period:
        """The window "cùng kỳ năm trước" compares with: the same week, month, quarter… one year
        earlier; a custom window moved back one year (29 February becomes 28 February)."""
        if self.kind is PeriodKind.CUSTOM:
            return custom(_year_back(self.start), _year_back(self.end))
        if self.kind is PeriodKind.WEEK:
            weeks = _iso_weeks(self.year - 1)
            return week(self.year - 1, min(self.number, weeks))
        return _BUILDERS[self.kind](self.year - 1, self.number)


def _year_back(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _iso_weeks(year: int) -> int:
    return date(year, 12, 28).isocalendar().week


def _check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(field="period", reason="period_year", value=str(year))
    return year


def week(year: int, number: int) -> Period:
    _check_year(year)
    if not 1 <= number <= _iso_weeks(year):
        raise InvalidInput(field="period", reason="period_number", value=str(number))
    start = date.fromisocalendar(year, number, 1)
    return Period(PeriodKind.WEEK, start, start + timedelta(days=6), year, number)


def month(year: int, number: int) -> Period:
    _check_year(year)
    if not 1 <= number <= 12:
        raise InvalidInput(field="period", reason="period_number", value=str(number))
    following = date(year + (number == 12), number % 12 + 1, 1)
    return Period(
        PeriodKind.MONTH, date(year, number, 1), following - timedelta(days=1), year, number
    )


def report_month(year: int, number: int) -> Period:
    """Reporting month `number` of `year`: from the 15th of the month before (of the year before
    for month 1) to the 14th of month `number`."""
    _check_year(year)
    if not 1 <= number <= 12:
        raise InvalidInput(field="period", reason="period_number", value=str(number))
    first = REPORT_MONTH_FIRST_DAY
    start = date(year - (number == 1), (number - 2) % 12 + 1, first)
    return Period(PeriodKind.REPORT_MONTH, start, date(year, number, first - 1), year, number)


def quarter(year: int, number: int) -> Period:
    if not 1 <= number <= 4:
        raise InvalidInput(field="period", reason="period_number", value=str(number))
    first, last = month(year, 3 * number - 2), month(year, 3 * number)
    return Period(PeriodKind.QUARTER, first.start, last.end, year, number)


def half(year: int, number: int) -> Period:
    if number not in (1, 2):
        raise InvalidInput(field="period", reason="period_number", value=str(number))
    first, last = month(year, 6 * number - 5), month(year, 6 * number)
    return Period(PeriodKind.HALF, first.start, last.end, year, number)


def nine_months(year: int, _number: int = 0) -> Period:
    _check_year(year)
    return Period(PeriodKind.NINE_MONTHS, date(year, 1, 1), date(year, 9, 30), year)


def whole_year(year: int, _number: int = 0) -> Period:
    _check_year(year)
    return Period(PeriodKind.YEAR, date(year, 1, 1), date(year, 12, 31), year)


def custom(start: date, end: date) -> Period:
    _check_year(start.year)
    _check_year(end.year)
    if end < start:
        raise InvalidInput(field="period", reason="period_order")
    return Period(PeriodKind.CUSTOM, start, end, end.year)


_BUILDERS: dict[PeriodKind, Callable[[int, int], Period]] = {
    PeriodKind.WEEK: week,
    PeriodKind.MONTH: month,
    PeriodKind.REPORT_MONTH: report_month,
    PeriodKind.QUARTER: quarter,
    PeriodKind.HALF: half,
    PeriodKind.NINE_MONTHS: nine_months,
    PeriodKind.YEAR: whole_year,
}


def build(kind: PeriodKind | str, year: int, number: int = 0) -> Period:
    """A calendar period from its parts (what the GUI's pickers give)."""
    return _BUILDERS[PeriodKind(kind)](year, number)


# What people type, in the order tried. Separators may be "-", "/" or "." and letters any case.
_DAY = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
_ISO_DAY = r"(\d{4})-(\d{2})-(\d{2})"
_RANGE = r"\s*(?:-|–|\.\.|to|đến)\s*"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind)
    for pattern, kind in (
        (rf"{_ISO_DAY}{_RANGE}{_ISO_DAY}", "iso_range"),
        (rf"{_DAY}{_RANGE}{_DAY}", "vn_range"),
        (r"(\d{4})-?W(\d{1,2})", "week"),
        (r"(\d{4})-?K(\d{1,2})", "report_month"),
        (r"K(\d{1,2})[/-](\d{4})", "report_month_rev"),
        (r"W(\d{1,2})[/-](\d{4})", "week_rev"),
        (r"(\d{4})-?Q([1-4IV]+)", "quarter"),
        (r"Q([1-4IV]+)[/-](\d{4})", "quarter_rev"),
        (r"(\d{4})-?(?:H|6M)([12]?)", "half"),
        (r"(\d{4})-?9M", "nine"),
        (r"(\d{4})-(\d{1,2})", "month"),
        (r"(\d{1,2})[/.-](\d{4})", "month_rev"),
        (r"(\d{4})", "year"),
    )
)


def _quarter_number(text: str) -> int:
    text = text.upper()
    return _ROMAN.index(text) + 1 if text in _ROMAN else int(text) if text.isdigit() else 0


def _day(day: str, month_: str, year: str) -> date:
    try:
        return date(int(year), int(month_), int(day))
    except ValueError:
        raise InvalidInput(field="period", reason="period_format") from None


def parse_period(text: str) -> Period:
    """The period `text` names; InvalidInput(field="period", reason=…) when it names none.

    Accepted: "2026-10" or "10/2026" (month), "2026-K10" or "K10/2026" (reporting month,
    15/09/2026 to 14/10/2026), "2026-Q3" / "Q3/2026" / "2026-QIII" (quarter),
    "2026-H1" / "2026-H2" / "2026-6M" (six months; 6M is the first half), "2026-9M" (nine months),
    "2026" (year), "2026-W42" / "W42/2026" (ISO week), "01/10/2026-31/10/2026" or
    "2026-10-01..2026-10-31" (custom dates, both days included).
    """
    cleaned = " ".join(str(text).split())
    for pattern, kind in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match:
            return _from_match(kind, match.groups())
    raise InvalidInput(field="period", reason="period_format", value=cleaned[:40])


def _from_match(kind: str, g: tuple[str, ...]) -> Period:
    if kind == "iso_range":
        return custom(_day(g[2], g[1], g[0]), _day(g[5], g[4], g[3]))
    if kind == "vn_range":
        return custom(_day(*g[:3]), _day(*g[3:]))
    if kind == "week":
        return week(int(g[0]), int(g[1]))
    if kind == "week_rev":
        return week(int(g[1]), int(g[0]))
    if kind == "report_month":
        return report_month(int(g[0]), int(g[1]))
    if kind == "report_month_rev":
        return report_month(int(g[1]), int(g[0]))
    if kind == "quarter":
        return quarter(int(g[0]), _quarter_number(g[1]))
    if kind == "quarter_rev":
        return quarter(int(g[1]), _quarter_number(g[0]))
    if kind == "half":
        return half(int(g[0]), int(g[1] or 1))
    if kind == "nine":
        return nine_months(int(g[0]))
    if kind == "month":
        return month(int(g[0]), int(g[1]))
    if kind == "month_rev":
        return month(int(g[1]), int(g[0]))
    return whole_year(int(g[0]))


def _d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _label_vi(p: Period) -> str:
    y = p.year
    match p.kind:
        case PeriodKind.WEEK:
            return f"Tuần {p.number} năm {y} (từ {_d(p.start)} đến {_d(p.end)})"
        case PeriodKind.MONTH:
            return f"Tháng {p.number} năm {y}"
        case PeriodKind.REPORT_MONTH:
            return f"Kỳ báo cáo tháng {p.number} năm {y} (từ {_d(p.start)} đến {_d(p.end)})"
        case PeriodKind.QUARTER:
            return f"Quý {_ROMAN[p.number - 1]} năm {y}"
        case PeriodKind.HALF:
            return f"6 tháng {'đầu' if p.number == 1 else 'cuối'} năm {y}"
        case PeriodKind.NINE_MONTHS:
            return f"9 tháng năm {y}"
        case PeriodKind.YEAR:
            return f"Năm {y}"
    return f"Từ ngày {_d(p.start)} đến ngày {_d(p.end)}"


_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _label_en(p: Period) -> str:
    y = p.year
    match p.kind:
        case PeriodKind.WEEK:
            return f"Week {p.number} of {y} ({_d(p.start)} to {_d(p.end)})"
        case PeriodKind.MONTH:
            return f"{_MONTHS_EN[p.number - 1]} {y}"
        case PeriodKind.REPORT_MONTH:
            return f"Reporting month {_MONTHS_EN[p.number - 1]} {y} ({_d(p.start)} to {_d(p.end)})"
        case PeriodKind.QUARTER:
            return f"Quarter {_ROMAN[p.number - 1]} {y}"
        case PeriodKind.HALF:
            return f"{'First' if p.number == 1 else 'Second'} half of {y}"
        case PeriodKind.NINE_MONTHS:
            return f"First nine months of {y}"
        case PeriodKind.YEAR:
            return f"Year {y}"
    return f"{_d(p.start)} to {_d(p.end)}"
