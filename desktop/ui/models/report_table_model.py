"""A periodic report's figures as a table: a title row per section, then its rows with this
period, the same period last year and the change."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.ui.models.columns import ColumnTableModel, Index
from domain.reports.content import ReportContent, Row, Section
from domain.reports.formatting import (
    format_change,
    format_change_percent,
    format_value,
    unit_label,
)
from domain.reports.typed import SOURCE as TYPED_SOURCE

LABEL, CURRENT, PREVIOUS, CHANGE, PERCENT = range(5)

# The stable row id ("f2.total"), or the section id on a title row.
ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2  # the raw figure of the column (int, float, str or None)

_HEADERS = (
    QT_TRANSLATE_NOOP("ReportTableModel", "Indicator"),
    QT_TRANSLATE_NOOP("ReportTableModel", "This period"),
    QT_TRANSLATE_NOOP("ReportTableModel", "Same period last year"),
    QT_TRANSLATE_NOOP("ReportTableModel", "Change"),
    QT_TRANSLATE_NOOP("ReportTableModel", "Change %"),
)
_SECTION_BACKGROUND = QBrush(QColor("#e3f2fd"))


@dataclass(frozen=True)
class _Line:
    section: Section
    row: Row | None  # None: the section's title row


class ReportTableModel(ColumnTableModel):
    CONTEXT, HEADERS = "ReportTableModel", _HEADERS

    def __init__(self, language: str = "vi", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self._lines: list[_Line] = []

    def set_content(self, content: ReportContent | None) -> None:
        self.beginResetModel()
        self._lines = []
        for section in content.sections if content else ():
            self._lines.append(_Line(section, None))
            self._lines += [_Line(section, row) for row in section.rows]
        self.endResetModel()

    def _row_total(self) -> int:
        return len(self._lines)

    def row_of(self, row_id: str) -> int:
        return next(
            (i for i, line in enumerate(self._lines) if line.row and line.row.id == row_id), -1
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line, column = self._lines[index.row()], index.column()
        if line.row is None:
            return self._title_data(line.section, column, role)
        row = line.row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if (
            role == Qt.ItemDataRole.ToolTipRole and column == LABEL
        ):  # whole, when a narrow window cuts it
            return self._display(row, column).strip()
        if role == VALUE_ROLE:
            return (None, row.current, row.previous, row.change, row.change_percent)[column]
        if role == ROW_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column != LABEL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (row.heading or row.level == 0):
            font = QFont()
            font.setItalic(row.heading)
            return font
        return None

    def _title_data(self, section: Section, column: int, role: int) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and column == LABEL:
            # Record sections name their forms; the profile and typed figures need no source.
            named = section.source and section.source not in ("profile", TYPED_SOURCE)
            source = f" ({section.source})" if named else ""
            return section.title(self.language) + source
        if role == ROW_ID_ROLE:
            return section.id
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return _SECTION_BACKGROUND
        return None

    def _display(self, row: Row, column: int) -> str:
        if column == LABEL:
            return (
                "    " * row.level + row.label(self.language) + unit_label(row.unit, self.language)
            )
        if row.heading:
            return ""
        if column == CURRENT:
            return format_value(row.current, row.unit)
        if column == PREVIOUS:
            return format_value(row.previous, row.unit)
        if column == CHANGE:
            return format_change(row)
        return format_change_percent(row)
