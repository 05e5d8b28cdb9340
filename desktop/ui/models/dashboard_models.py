"""The dashboard's two tables: records counted by form and status, and the deadlines at risk."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.core.deadlines import Deadline
from desktop.core.placeholders import fill_numbered
from desktop.ui.formats import format_date, format_number, format_timestamp
from desktop.ui.models.columns import ColumnTableModel, Index
from desktop.ui.record_labels import status_name

FORM_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's form id ("" on the All forms row)
STATUS_ROLE = (
    Qt.ItemDataRole.UserRole + 2
)  # the status a count column counts (None: the form, the total)
COUNT_ROLE = Qt.ItemDataRole.UserRole + 3  # the count as a number
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 4  # the record a deadline is about

OVERDUE_COLOUR = "#b71c1c"  # the form's error red (record_form.editor_base.ERROR_COLOUR)

_COUNTS = "StatusCountsTableModel"
_FORM_HEADER = QT_TRANSLATE_NOOP("StatusCountsTableModel", "Form")
_TOTAL_HEADER = QT_TRANSLATE_NOOP("StatusCountsTableModel", "Total")
_ALL_FORMS = QT_TRANSLATE_NOOP("StatusCountsTableModel", "All forms")


@dataclass(frozen=True)
class _CountsRow:
    form_id: str
    label: str  # "F3 · Biên bản VPHC"; empty on the All forms row, named when shown
    counts: tuple[int, ...]  # one per status, then the total

    @property
    def is_total(self) -> bool:
        return not self.form_id


class StatusCountsTableModel(QAbstractTableModel):
    """One row per form (then All forms, in bold), one column per status, then the total.

    The columns follow the statuses given to `set_counts` (record_labels.statuses()), so the
    header is built from them rather than fixed.
    """

    FORM = 0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._statuses: tuple[str, ...] = ()
        self._rows: list[_CountsRow] = []

    def set_counts(
        self,
        forms: Sequence[tuple[str, str]],
        by_form_status: Mapping[str, Mapping[str, int]],
        statuses: Sequence[str],
    ) -> None:
        """`forms`: (form id, label) in the order to list them; forms counted but not listed
        (unknown to this station's catalogue) follow under their id."""
        listed = [form_id for form_id, _label in forms]
        extra = sorted(set(by_form_status) - set(listed))
        labels = dict(forms) | {form_id: form_id for form_id in extra}
        rows = []
        for form_id in listed + extra:
            counts = [by_form_status.get(form_id, {}).get(s, 0) for s in statuses]
            rows.append(_CountsRow(form_id, labels[form_id], (*counts, sum(counts))))
        totals = tuple(sum(column) for column in zip(*(r.counts for r in rows), strict=True))
        rows.append(_CountsRow("", "", totals or (0,) * (len(statuses) + 1)))
        self.beginResetModel()
        self._statuses, self._rows = tuple(statuses), rows
        self.endResetModel()

    def status_of_column(self, column: int) -> str | None:
        return self._statuses[column - 1] if 1 <= column <= len(self._statuses) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._rows else len(self._statuses) + 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.FORM:
            return QCoreApplication.translate(_COUNTS, _FORM_HEADER)
        status = self.status_of_column(section)
        if status is not None:
            return status_name(status)
        if section == len(self._statuses) + 1:
            return QCoreApplication.translate(_COUNTS, _TOTAL_HEADER)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if not 0 <= column < self.columnCount():
            return None
        count = row.counts[column - 1] if column else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.FORM:
                return (
                    QCoreApplication.translate(_COUNTS, _ALL_FORMS) if row.is_total else row.label
                )
            return format_number(count or 0)
        if role == FORM_ROLE:
            return row.form_id
        if role == STATUS_ROLE:
            return self.status_of_column(column)
        if role == COUNT_ROLE:
            return count
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.FORM:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.is_total:
            font = QFont()
            font.setBold(True)
            return font
        return None


DUE, WHAT, RECORD = range(3)

_DEADLINES = "DeadlinesTableModel"
_DEADLINE_HEADERS = (
    QT_TRANSLATE_NOOP("DeadlinesTableModel", "Due"),
    QT_TRANSLATE_NOOP("DeadlinesTableModel", "What"),
    QT_TRANSLATE_NOOP("DeadlinesTableModel", "Record"),
)
_KINDS = {
    "transfer": QT_TRANSLATE_NOOP("DeadlinesTableModel", "Crime report not transferred"),
    "check_in": QT_TRANSLATE_NOOP("DeadlinesTableModel", "Supervision check-in"),
}
_OVERDUE = QT_TRANSLATE_NOOP("DeadlinesTableModel", "%1 (overdue)")
_SOON = QT_TRANSLATE_NOOP("DeadlinesTableModel", "%1 (soon)")


class DeadlinesTableModel(ColumnTableModel):
    """The deadlines at risk, soonest first as the store gives them; overdue ones in red."""

    CONTEXT, HEADERS = _DEADLINES, _DEADLINE_HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._deadlines: tuple[Deadline, ...] = ()

    def set_deadlines(self, deadlines: Sequence[Deadline]) -> None:
        self.beginResetModel()
        self._deadlines = tuple(deadlines)
        self.endResetModel()

    def deadline_at(self, row: int) -> Deadline | None:
        return self._deadlines[row] if 0 <= row < len(self._deadlines) else None

    def _row_total(self) -> int:
        return len(self._deadlines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        deadline = self.deadline_at(index.row()) if index.isValid() else None
        if deadline is None or not 0 <= index.column() < len(self.HEADERS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(deadline, index.column())
        if role == RECORD_ID_ROLE:
            return deadline.record_id
        if role == Qt.ItemDataRole.ForegroundRole and deadline.overdue:
            return QBrush(QColor(OVERDUE_COLOUR))
        return None

    @staticmethod
    def _text(deadline: Deadline, column: int) -> str:
        if column == DUE:
            # A check-in is due on a day; a transfer at an hour.
            if deadline.kind == "check_in":
                due = format_date(deadline.due.date())
            else:
                due = format_timestamp(deadline.due.isoformat())
            state = _OVERDUE if deadline.overdue else _SOON
            return fill_numbered(QCoreApplication.translate(_DEADLINES, state), due)
        if column == WHAT:
            kind = _KINDS.get(deadline.kind)
            return QCoreApplication.translate(_DEADLINES, kind) if kind else deadline.kind
        return " \u00b7 ".join(filter(None, [deadline.document_number, deadline.title]))
