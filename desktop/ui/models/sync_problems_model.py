"""Revisions the centre refused or holds aside, as a table; each reason arrives as the page's
translated sentence (it names the form's fields), never as the centre's code."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt

from desktop.storage.outbox import OutboxProblem
from desktop.ui.models.columns import ColumnTableModel, Index

RECORD, REVISION, STATE, REASON = range(4)

PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1  # the OutboxProblem of the row

_HEADERS = (
    QT_TRANSLATE_NOOP("SyncProblemsModel", "Record"),
    QT_TRANSLATE_NOOP("SyncProblemsModel", "Revision"),
    QT_TRANSLATE_NOOP("SyncProblemsModel", "State"),
    QT_TRANSLATE_NOOP("SyncProblemsModel", "Reason"),
)
_STATES = {
    "quarantined": QT_TRANSLATE_NOOP("SyncProblemsModel", "Refused by the centre"),
    "conflict": QT_TRANSLATE_NOOP("SyncProblemsModel", "Held aside (conflict)"),
}


class SyncProblemsModel(ColumnTableModel):
    CONTEXT, HEADERS = "SyncProblemsModel", _HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[OutboxProblem, str]] = []

    def set_problems(self, problems: list[OutboxProblem], reasons: list[str]) -> None:
        """`reasons[i]`: what the centre said of `problems[i]`, already in the user's words."""
        self.beginResetModel()
        self._rows = list(zip(problems, reasons, strict=True))
        self.endResetModel()

    def problem_at(self, row: int) -> OutboxProblem | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def _row_total(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        problem, reason = self._rows[index.row()]
        column = index.column()
        if role == PROBLEM_ROLE:
            return problem
        if role == Qt.ItemDataRole.ToolTipRole and column == REASON:
            return reason
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == RECORD:
            name = problem.document_number or problem.record_id[:8]
            return f"{name} \u00b7 {problem.title}"
        if column == REVISION:
            return str(problem.revision)
        if column == STATE:
            state = _STATES.get(problem.state)
            return QCoreApplication.translate(self.CONTEXT, state) if state else problem.state
        return reason
