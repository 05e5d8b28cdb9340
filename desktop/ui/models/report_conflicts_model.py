"""Submitted periodic reports the centre holds with other content, waiting for a supervisor's
decision (keep the centre's copy, or send the station's as a replacement)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt

from desktop.core.placeholders import fill_numbered
from desktop.storage.report_sync import ReportConflict
from desktop.ui.formats import format_timestamp
from desktop.ui.models.columns import ColumnTableModel, Index
from domain.errors import AppError
from domain.reports.periods import parse_period

PERIOD, NUMBER, FOUND, DECISION = range(4)

CONFLICT_ROLE = Qt.ItemDataRole.UserRole + 1  # the ReportConflict of the row

_HEADERS = (
    QT_TRANSLATE_NOOP("ReportConflictsModel", "Period"),
    QT_TRANSLATE_NOOP("ReportConflictsModel", "Number"),
    QT_TRANSLATE_NOOP("ReportConflictsModel", "Found"),
    QT_TRANSLATE_NOOP("ReportConflictsModel", "Decision"),
)


class ReportConflictsModel(ColumnTableModel):
    CONTEXT, HEADERS = "ReportConflictsModel", _HEADERS

    def __init__(self, language: str = "vi", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self._conflicts: list[ReportConflict] = []

    def set_conflicts(self, conflicts: list[ReportConflict] | tuple[ReportConflict, ...]) -> None:
        self.beginResetModel()
        self._conflicts = list(conflicts)
        self.endResetModel()

    def conflict_at(self, row: int) -> ReportConflict | None:
        return self._conflicts[row] if 0 <= row < len(self._conflicts) else None

    def _row_total(self) -> int:
        return len(self._conflicts)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        conflict = self.conflict_at(index.row()) if index.isValid() else None
        if conflict is None:
            return None
        if role == CONFLICT_ROLE:
            return conflict
        if role == Qt.ItemDataRole.ToolTipRole:
            return fill_numbered(
                QCoreApplication.translate(
                    "ReportConflictsModel", "The centre's copy: %1\nThis station's copy: %2"
                ),
                conflict.centre_hash[:16],
                conflict.station_hash[:16],
            )
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(conflict, index.column())
        return None

    def _display(self, conflict: ReportConflict, column: int) -> str:
        if column == PERIOD:
            try:
                return parse_period(conflict.period_code).label(self.language)
            except AppError:  # a period this version cannot read: shown as stored
                return conflict.period_code
        if column == NUMBER:
            return conflict.document_number or ""
        if column == FOUND:
            return format_timestamp(conflict.detected_at)
        if conflict.replace_requested_at:
            return fill_numbered(
                QCoreApplication.translate(
                    "ReportConflictsModel",
                    "%1 chose to send this station's copy: it goes with the next sync",
                ),
                conflict.replace_requested_by or "",
            )
        return QCoreApplication.translate(
            "ReportConflictsModel", "Waiting for a supervisor's decision"
        )
