"""The report's period picker: which number a change of period kind lands on."""

from __future__ import annotations

from datetime import date

from desktop.ui.reports.period_picker import PeriodPicker
from domain.reports.periods import PeriodKind


def _choose(picker: PeriodPicker, kind: PeriodKind) -> None:
    picker.kind.setCurrentIndex(picker.kind.findData(str(kind)))


def test_month_to_reporting_month_keeps_the_month(qtbot):
    """December, switched to the reporting month, is the reporting December (15/11–14/12), not
    January: the two count the same twelve months."""
    picker = PeriodPicker(date(2026, 12, 5))
    qtbot.addWidget(picker)
    with qtbot.waitSignal(picker.period_changed):
        _choose(picker, PeriodKind.REPORT_MONTH)
    period = picker.period()
    assert (period.number, period.start, period.end) == (12, date(2026, 11, 15), date(2026, 12, 14))
    _choose(picker, PeriodKind.MONTH)
    assert picker.period().number == 12


def test_another_kind_starts_at_its_first_number(qtbot):
    """Month 12 has no meaning as a quarter: a quarter starts at the first."""
    picker = PeriodPicker(date(2026, 12, 5))
    qtbot.addWidget(picker)
    _choose(picker, PeriodKind.QUARTER)
    assert picker.period().number == 1
    _choose(picker, PeriodKind.REPORT_MONTH)
    assert picker.period().number == 1
