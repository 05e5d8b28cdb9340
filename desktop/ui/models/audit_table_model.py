"""The audit log as a table that pages lazily, newest first, as the view scrolls down.

The model never reads the database: fetchMore() emits `fetch_requested(before_seq, generation)`
and the page runs the read off the GUI thread, then hands the rows to `append_page(rows,
generation)`; an answer to a request made before the last reset() (another filter) is dropped.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from desktop.storage.audit import AuditEntry
from desktop.ui.audit_details import details_text, target_text
from desktop.ui.formats import format_number, format_timestamp
from desktop.ui.labels import action_name
from desktop.ui.models.columns import ColumnTableModel, Index

SEQ, TIME, ACTOR, ACTION, TARGET, DETAILS = range(6)
COLUMN_COUNT = 6

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the AuditEntry of the row
SEQ_ROLE = Qt.ItemDataRole.UserRole + 2

PAGE_SIZE = 200

_HEADERS = (
    QT_TRANSLATE_NOOP("AuditTableModel", "No."),
    QT_TRANSLATE_NOOP("AuditTableModel", "Time"),
    QT_TRANSLATE_NOOP("AuditTableModel", "By"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Action"),
    QT_TRANSLATE_NOOP("AuditTableModel", "About"),
    QT_TRANSLATE_NOOP("AuditTableModel", "Details"),
)


class AuditTableModel(ColumnTableModel):
    CONTEXT, HEADERS = "AuditTableModel", _HEADERS

    fetch_requested = Signal(object, int)  # before_seq (None: the newest page), generation

    def __init__(self, parent: QObject | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self._entries: list[AuditEntry] = []
        self._records: dict[str, str] = {}  # record id → "number – title"
        self._exhausted = False
        self._fetching = False
        self._generation = 0
        self.highlighted_seq: int | None = None

    def reset(self) -> None:
        """Forget every row (a new filter, or entries appended); the view then fetches again."""
        self.beginResetModel()
        self._entries, self._exhausted, self._fetching = [], False, False
        self._records = {}
        self._generation += 1
        self.endResetModel()

    def append_page(
        self, entries: list[AuditEntry], generation: int, records: dict[str, str] | None = None
    ) -> None:
        """Add the next page; `records` names the records its entries are about."""
        if generation != self._generation:
            return  # the answer to a request made before a reset
        self._records.update(records or {})
        self._exhausted = len(entries) < self.page_size
        if entries:
            first = len(self._entries)
            self.beginInsertRows(QModelIndex(), first, first + len(entries) - 1)
            self._entries.extend(entries)
            self.endInsertRows()
        self._fetching = False  # only now: views ask for more while reacting to the insert

    def fetch_failed(self, generation: int) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        self._exhausted = True  # do not hammer a failing database from every scroll event

    def highlight(self, seq: int | None) -> None:
        self.highlighted_seq = seq
        if self._entries:
            last = self.index(len(self._entries) - 1, COLUMN_COUNT - 1)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.BackgroundRole])

    def row_of_seq(self, seq: int) -> int:
        return next((i for i, e in enumerate(self._entries) if e.seq == seq), -1)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        before, generation = self._entries[-1].seq if self._entries else None, self._generation
        # Asked from the event loop, never from inside a view's reaction to a change of this
        # model: a synchronous answer would otherwise insert rows in the middle of that change.
        QTimer.singleShot(0, self, lambda: self.fetch_requested.emit(before, generation))

    def _row_total(self) -> int:
        return len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == TARGET:
            shown = self._display(entry, TARGET)  # the whole text, and the id it stands for
            return shown if shown == entry.target else f"{shown}\n{entry.target}"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (ACTION, DETAILS):
            return self._display(entry, index.column())  # the whole text of a clipped cell
        if role == ENTRY_ROLE:
            return entry
        if role == SEQ_ROLE:
            return entry.seq
        if role == Qt.ItemDataRole.BackgroundRole and entry.seq == self.highlighted_seq:
            return QBrush(QColor("#ffcdd2"))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == SEQ:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, entry: AuditEntry, column: int) -> str:
        if column == SEQ:
            return format_number(entry.seq)
        if column == TIME:
            return format_timestamp(entry.at, seconds=True)
        if column == ACTOR:
            return entry.actor
        if column == ACTION:
            return action_name(entry.action)
        if column == TARGET:
            return target_text(entry.action, entry.target, entry.details, self._records)
        return details_text(entry.details)
