"""Record lists as a table that pages lazily (keyset cursors), so a million records scroll smoothly.

The model never reads the database in `data()`: `fetchMore()` hands one page read to the task
runner's database lane and appends the rows when they come back. Rows come in the store's order
for the filter (`domain.records.order_of`: last change, event date, or newest first for a search),
which the header shows; sorting is the store's, since sorting one loaded page would mislead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from desktop.ui.formats import format_timestamp
from desktop.ui.models.columns import ColumnTableModel, Index
from desktop.ui.record_labels import STATUS_COLOURS, form_name, status_name
from desktop.ui.tasks import Lane, TaskRunner
from domain.forms import Catalogue
from domain.records import RecordFilter, RecordStatus, RecordSummary, cursor_of, order_of
from domain.reference import ReferenceData, default_reference

# (filters, after, limit) → one page; runs on the database lane.
PageLoader = Callable[[RecordFilter, tuple[Any, ...] | None, int], list[RecordSummary]]

NUMBER, FORM, TITLE, EVENT_DATE, COMMUNE, STATUS, AUTHOR, UPDATED = range(8)
COLUMN_COUNT = 8

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record's id (UUIDv7)
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2  # the RecordSummary of the row
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3  # the RecordStatus of the row
# The roles data() answers; a view asks for about ten per cell, most of them not these.
_ROLES = frozenset(
    int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                     Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole,
                     RECORD_ID_ROLE, SUMMARY_ROLE, STATUS_ROLE)
)  # fmt: skip

PAGE_SIZE = 200

_HEADERS = (
    QT_TRANSLATE_NOOP("RecordsTableModel", "Number"),
    QT_TRANSLATE_NOOP("RecordsTableModel", "Form"),
    QT_TRANSLATE_NOOP("RecordsTableModel", "Record"),
    QT_TRANSLATE_NOOP("RecordsTableModel", "Event date"),
    QT_TRANSLATE_NOOP("RecordsTableModel", "Commune"),
    QT_TRANSLATE_NOOP("RecordsTableModel", "Status"),
    QT_TRANSLATE_NOOP("RecordsTableModel", "Author"),
    QT_TRANSLATE_NOOP("RecordsTableModel", "Last change"),
)


def order_column(filters: RecordFilter) -> int:
    """The column the store orders this filter's rows by (newest first); -1 for search results,
    which come newest created first, an order no column shows."""
    return {"event_date": EVENT_DATE, "updated_at": UPDATED}.get(order_of(filters), -1)


class RecordsTableModel(ColumnTableModel):
    CONTEXT, HEADERS = "RecordsTableModel", _HEADERS

    fetch_failed = Signal(object)  # the error of a page read
    page_loaded = Signal(int)  # rows now loaded

    def __init__(
        self,
        tasks: TaskRunner,
        loader: PageLoader,
        catalogue: Catalogue | None,
        *,
        language: str = "vi",
        reference: ReferenceData | None = None,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks, self.loader, self.catalogue = tasks, loader, catalogue
        self.language, self.page_size = language, page_size
        self.reference = reference or default_reference()
        self.filters = RecordFilter()
        self._rows: list[RecordSummary] = []
        # The shown text of each cell, made once per page: a repaint asks data() for every visible
        # cell and role, and formatting there each time cost more than the search itself.
        self._cells: list[tuple[str, ...]] = []
        self._exhausted = True  # nothing asked yet: set_filter() starts the list
        self._fetching = False  # a page of the current filter is wanted and not yet shown
        self._in_flight = False  # a read (of any filter) is running on the database lane
        self._generation = 0  # pages of an older filter that arrive late are dropped

    # ---- loading ------------------------------------------------------------------------------

    def set_filter(self, filters: RecordFilter) -> None:
        """Show the records matching `filters` from the first page (an older filter's pages are dropped)."""
        self.beginResetModel()
        self.filters = filters
        self._rows, self._cells, self._exhausted, self._fetching = [], [], False, False
        self._generation += 1
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def reload(self) -> None:
        self.set_filter(self.filters)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        if not self._in_flight:
            self._read()
        # else: a read of an older filter is still running; this one starts when it ends, so
        # fast typing costs one extra read at most, never a queue of stale ones.

    def _read(self) -> None:
        self._in_flight = True
        after = cursor_of(self._rows[-1], self.filters) if self._rows else None
        generation = self._generation
        self.tasks.run(
            self.loader,
            self.filters,
            after,
            self.page_size,
            on_done=lambda rows: self._on_page(generation, rows),
            on_error=lambda error: self._on_failed(generation, error),
            context=self,
            lane=Lane.DATABASE,
        )

    def _read_done(self, generation: int) -> bool:
        """Whether a finished read is of the current filter; if not, start the wanted one."""
        self._in_flight = False
        if generation == self._generation:
            return True
        if self._fetching:
            self._read()
        return False

    def _on_page(self, generation: int, rows: list[RecordSummary]) -> None:
        if not self._read_done(generation):
            return
        self._fetching = False
        self._exhausted = len(rows) < self.page_size
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            columns = range(len(self.HEADERS))
            self._cells.extend(tuple(self._display(r, c) for c in columns) for r in rows)
            self.endInsertRows()
        self.page_loaded.emit(len(self._rows))

    def _on_failed(self, generation: int, error: BaseException) -> None:
        if not self._read_done(generation):
            return
        self._fetching = False
        self._exhausted = True  # do not hammer a failing database from every scroll event
        self.fetch_failed.emit(error)

    @property
    def loading(self) -> bool:
        return self._fetching

    @property
    def complete(self) -> bool:
        """Whether every matching record is loaded (the count shown is then exact)."""
        return self._exhausted and not self._fetching

    # ---- lookups ------------------------------------------------------------------------------

    def summary_at(self, row: int) -> RecordSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)

    # ---- Qt model -----------------------------------------------------------------------------

    def _row_total(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column]
        summary = self._rows[row]
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return "\n".join(v for v in summary.columns.values() if v) or summary.title
        if role == Qt.ItemDataRole.ToolTipRole and column in (FORM, COMMUNE):
            return self._cells[row][column]  # shown whole when the column is narrow
        if role == RECORD_ID_ROLE:
            return summary.id
        if role == SUMMARY_ROLE:
            return summary
        if role == STATUS_ROLE:
            return summary.status
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            return QColor(STATUS_COLOURS.get(summary.status, "#000000"))
        if role == Qt.ItemDataRole.FontRole and summary.status == RecordStatus.VOIDED:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None

    def _display(self, summary: RecordSummary, column: int) -> str:
        if column == NUMBER:
            return summary.document_number or ""
        if column == FORM:
            form = self.catalogue.forms.get(summary.form_id) if self.catalogue else None
            return form_name(form, summary.form_id, self.language)
        if column == TITLE:
            return summary.title
        if column == EVENT_DATE:
            return "/".join(reversed(summary.event_date.split("-"))) if summary.event_date else ""
        if column == COMMUNE:
            code = summary.commune_code
            return (self.reference.label("communes", code) or code) if code else ""
        if column == STATUS:
            return status_name(summary.status)
        if column == AUTHOR:
            return summary.author
        return format_timestamp(summary.updated_at)
