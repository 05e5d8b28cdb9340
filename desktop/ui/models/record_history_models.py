"""One record's past as two tables of the record view: its revisions and its audit history."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt

from desktop.storage.audit import AuditEntry
from desktop.ui.audit_details import details_text
from desktop.ui.formats import format_timestamp
from desktop.ui.models.columns import ColumnTableModel, Index
from desktop.ui.record_labels import record_action_name, status_name
from domain.records import Revision

REVISION, REVISION_STATUS, REVISION_BY, REVISION_TIME, REVISION_REASON = range(5)
HISTORY_TIME, HISTORY_BY, HISTORY_ACTION, HISTORY_DETAILS = range(4)

REVISION_ROLE = Qt.ItemDataRole.UserRole + 1  # the Revision of the row
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2  # the AuditEntry of the row

_REVISION_HEADERS = (
    QT_TRANSLATE_NOOP("RevisionsTableModel", "Revision"),
    QT_TRANSLATE_NOOP("RevisionsTableModel", "Status"),
    QT_TRANSLATE_NOOP("RevisionsTableModel", "By"),
    QT_TRANSLATE_NOOP("RevisionsTableModel", "Time"),
    QT_TRANSLATE_NOOP("RevisionsTableModel", "Reason"),
)
_HISTORY_HEADERS = (
    QT_TRANSLATE_NOOP("RecordHistoryTableModel", "Time"),
    QT_TRANSLATE_NOOP("RecordHistoryTableModel", "By"),
    QT_TRANSLATE_NOOP("RecordHistoryTableModel", "Action"),
    QT_TRANSLATE_NOOP("RecordHistoryTableModel", "Details"),
)


class RevisionsTableModel(ColumnTableModel):
    """The record's revisions, newest first (the store gives them oldest first)."""

    CONTEXT, HEADERS = "RevisionsTableModel", _REVISION_HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._revisions: tuple[Revision, ...] = ()

    def set_revisions(self, revisions: Sequence[Revision]) -> None:
        self.beginResetModel()
        self._revisions = tuple(reversed(revisions))
        self.endResetModel()

    def _row_total(self) -> int:
        return len(self._revisions)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._revisions):
            return None
        revision, column = self._revisions[index.row()], index.column()
        if role == REVISION_ROLE:
            return revision
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        texts = (
            str(revision.revision),
            status_name(revision.status),
            revision.changed_by,
            format_timestamp(revision.changed_at),
            revision.reason,
        )
        return texts[column] if 0 <= column < len(texts) else None


class RecordHistoryTableModel(ColumnTableModel):
    """What was done to the record, newest first, as the audit log says it."""

    CONTEXT, HEADERS = "RecordHistoryTableModel", _HISTORY_HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: tuple[AuditEntry, ...] = ()

    def set_entries(self, entries: Sequence[AuditEntry]) -> None:
        self.beginResetModel()
        self._entries = tuple(entries)
        self.endResetModel()

    def _row_total(self) -> int:
        return len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry, column = self._entries[index.row()], index.column()
        if role == ENTRY_ROLE:
            return entry
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        texts = (
            format_timestamp(entry.at, seconds=True),
            entry.actor,
            record_action_name(entry.action),
            details_text(entry.details),
        )
        return texts[column] if 0 <= column < len(texts) else None
