"""The station's periodic reports as a list: period, number or draft, when submitted."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.storage.report_store import StoredReport
from desktop.ui.formats import format_timestamp
from desktop.ui.models.columns import ColumnTableModel, Index
from domain.reports.periods import parse_period
from domain.reports.status import ReportStatus

PERIOD, NUMBER, SUBMITTED = range(3)

REPORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the StoredReport of the row

_HEADERS = (
    QT_TRANSLATE_NOOP("ReportListModel", "Period"),
    QT_TRANSLATE_NOOP("ReportListModel", "Number"),
    QT_TRANSLATE_NOOP("ReportListModel", "Submitted"),
)


class ReportListModel(ColumnTableModel):
    CONTEXT, HEADERS = "ReportListModel", _HEADERS

    def __init__(self, language: str = "vi", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self._reports: list[StoredReport] = []

    def set_reports(self, reports: list[StoredReport]) -> None:
        self.beginResetModel()
        self._reports = list(reports)
        self.endResetModel()

    def report_at(self, row: int) -> StoredReport | None:
        return self._reports[row] if 0 <= row < len(self._reports) else None

    def row_of(self, period_code: str) -> int:
        return next((i for i, r in enumerate(self._reports) if r.period_code == period_code), -1)

    def _row_total(self) -> int:
        return len(self._reports)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        report = self.report_at(index.row()) if index.isValid() else None
        if report is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(report, index.column())
        if role == REPORT_ROLE:
            return report
        if role == Qt.ItemDataRole.ForegroundRole and report.status != ReportStatus.SUBMITTED:
            return QBrush(QColor("#6d4c41"))
        return None

    def _display(self, report: StoredReport, column: int) -> str:
        if column == PERIOD:
            return parse_period(report.period_code).label(self.language)
        if column == NUMBER:
            if report.document_number:
                return report.document_number
            return QCoreApplication.translate("ReportListModel", "Draft")
        return format_timestamp(report.submitted_at) if report.submitted_at else ""
