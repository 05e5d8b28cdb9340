"""Choosing a report period: its kind (week … year, the 15th-to-14th reporting month, or custom
dates), the year and which one."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QSpinBox, QWidget

from desktop.core.placeholders import fill_numbered
from domain.reports.periods import (
    MAX_YEAR,
    MIN_YEAR,
    Period,
    PeriodKind,
    build,
    custom,
)

_KINDS = (
    (PeriodKind.MONTH, QT_TRANSLATE_NOOP("PeriodPicker", "Month")),
    # The police's monthly window (docs/reports.md): 15th of the month before to the 14th.
    (PeriodKind.REPORT_MONTH, QT_TRANSLATE_NOOP("PeriodPicker", "Reporting month (15th–14th)")),
    (PeriodKind.QUARTER, QT_TRANSLATE_NOOP("PeriodPicker", "Quarter")),
    (PeriodKind.HALF, QT_TRANSLATE_NOOP("PeriodPicker", "6 months")),
    (PeriodKind.NINE_MONTHS, QT_TRANSLATE_NOOP("PeriodPicker", "9 months")),
    (PeriodKind.YEAR, QT_TRANSLATE_NOOP("PeriodPicker", "Year")),
    (PeriodKind.WEEK, QT_TRANSLATE_NOOP("PeriodPicker", "Week")),
    (PeriodKind.CUSTOM, QT_TRANSLATE_NOOP("PeriodPicker", "Custom dates")),
)
_ROMAN = ("I", "II", "III", "IV")
_MONTHLY = {PeriodKind.MONTH, PeriodKind.REPORT_MONTH}


def _tr(text: str) -> str:
    return QCoreApplication.translate("PeriodPicker", text)


class PeriodPicker(QWidget):
    period_changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.setObjectName("periodKind")
        for kind, label in _KINDS:
            self.kind.addItem(_tr(label), str(kind))
        self.year = QSpinBox()
        self.year.setObjectName("periodYear")
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setValue(today.year)
        self.number = QComboBox()
        self.number.setObjectName("periodNumber")
        self.start = self._date_edit("periodStart", today.replace(day=1))
        self.end = self._date_edit("periodEnd", today)
        self.dash = QLabel("\u2013")
        period_label = QLabel(QCoreApplication.translate("PeriodPicker", "&Period:"))
        period_label.setBuddy(self.kind)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            period_label,
            self.kind,
            self.number,
            self.year,
            self.start,
            self.dash,
            self.end,
        ):
            layout.addWidget(widget)
        self._shown_kind = self.current_kind
        self._fill_numbers(today.month)
        self._update_visibility()
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.year.valueChanged.connect(self._on_year_changed)
        self.number.currentIndexChanged.connect(lambda _i: self.period_changed.emit())
        self.start.dateChanged.connect(lambda _d: self.period_changed.emit())
        self.end.dateChanged.connect(lambda _d: self.period_changed.emit())

    @staticmethod
    def _date_edit(name: str, day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        return edit

    @property
    def current_kind(self) -> PeriodKind:
        return PeriodKind(self.kind.currentData())

    def _numbers(self) -> list[tuple[str, int]]:
        kind = self.current_kind
        if kind in (PeriodKind.MONTH, PeriodKind.REPORT_MONTH):
            return [
                (fill_numbered(QCoreApplication.translate("PeriodPicker", "Month %1"), str(n)), n)
                for n in range(1, 13)
            ]
        if kind is PeriodKind.QUARTER:
            return [
                (
                    fill_numbered(
                        QCoreApplication.translate("PeriodPicker", "Quarter %1"), _ROMAN[n - 1]
                    ),
                    n,
                )
                for n in range(1, 5)
            ]
        if kind is PeriodKind.HALF:
            return [
                (QCoreApplication.translate("PeriodPicker", "First half"), 1),
                (QCoreApplication.translate("PeriodPicker", "Second half"), 2),
            ]
        if kind is PeriodKind.WEEK:
            weeks = date(self.year.value(), 12, 28).isocalendar().week
            return [
                (fill_numbered(QCoreApplication.translate("PeriodPicker", "Week %1"), str(n)), n)
                for n in range(1, weeks + 1)
            ]
        return []

    def _fill_numbers(self, wanted: int | None = None) -> None:
        keep = wanted if wanted is not None else self.number.currentData()
        self.number.blockSignals(True)
        self.number.clear()
        for text, value in self._numbers():
            self.number.addItem(text, value)
        index = self.number.findData(keep)
        self.number.setCurrentIndex(max(index, 0))
        self.number.blockSignals(False)

    def _update_visibility(self) -> None:
        kind = self.current_kind
        is_custom = kind is PeriodKind.CUSTOM
        self.number.setVisible(bool(self._numbers()))
        self.year.setVisible(not is_custom)
        for widget in (self.start, self.dash, self.end):
            widget.setVisible(is_custom)

    def _on_kind_changed(self) -> None:
        # Month and reporting month count the same twelve: December stays December. Any other
        # change starts at the first number, as the numbers mean something else.
        both_monthly = {self._shown_kind, self.current_kind} <= _MONTHLY
        self._shown_kind = self.current_kind
        self._fill_numbers(None if both_monthly else 1)
        self._update_visibility()
        self.period_changed.emit()

    def _on_year_changed(self) -> None:
        if self.current_kind is PeriodKind.WEEK:
            self._fill_numbers()
        self.period_changed.emit()

    def period(self) -> Period:
        """The chosen period; InvalidInput if custom dates end before they start."""
        kind = self.current_kind
        if kind is PeriodKind.CUSTOM:
            return custom(self.start.date().toPython(), self.end.date().toPython())
        return build(kind, self.year.value(), self.number.currentData() or 0)

    def set_period(self, period: Period) -> None:
        """Show `period` in the pickers, quietly (one period_changed at the end)."""
        widgets = (self.kind, self.year, self.number, self.start, self.end)
        for widget in widgets:
            widget.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(str(period.kind)))
        self._shown_kind = period.kind
        self.year.setValue(period.year)
        self._fill_numbers(period.number)
        self.start.setDate(QDate(period.start.year, period.start.month, period.start.day))
        self.end.setDate(QDate(period.end.year, period.end.month, period.end.day))
        for widget in widgets:
            widget.blockSignals(False)
        self._update_visibility()
        self.period_changed.emit()
