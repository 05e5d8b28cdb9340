"""The Records page: search and filter every record, open one to read, continue a draft, amend,
or void it with a reason."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.permissions import Permission, allows
from desktop.core.placeholders import fill_numbered
from desktop.storage import accounts
from desktop.ui import record_work
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.formats import format_number
from desktop.ui.models.records_table_model import (
    AUTHOR,
    COMMUNE,
    EVENT_DATE,
    FORM,
    NUMBER,
    RECORD_ID_ROLE,
    STATUS,
    TITLE,
    UPDATED,
    RecordsTableModel,
    order_column,
)
from desktop.ui.pages.catalogue_page import CataloguePage
from desktop.ui.printing.record_printer import RecordPrinter
from desktop.ui.reason_dialog import ReasonDialog
from desktop.ui.record_editor import AMEND, DRAFT, EditMode, RecordEditor
from desktop.ui.record_filters import RecordFilterBar
from desktop.ui.record_form.editor_base import HINT_COLOUR, style_label
from desktop.ui.record_labels import form_name, status_name, statuses
from desktop.ui.record_view import RecordView, allowed_changes
from desktop.ui.services import PageContext
from domain.forms import Catalogue

# What each fixed column shows whole (besides its header), so widths follow the font and the
# language: fixed pixels cut "Awaiting approval" in English yet left the title ~70 px at 1100.
# Form and commune names longer than their sample are elided; the title takes the rest.
COLUMN_SAMPLES = {
    NUMBER: ["00/BB-VPHC"],
    FORM: ["Biên bản VPHC"],
    EVENT_DATE: ["00/00/0000"],
    COMMUNE: ["Phường Ba Đình"],
    STATUS: [],  # every status name, in the UI's language: see column_widths()
    AUTHOR: ["truong"],
    UPDATED: ["00/00/0000 00:00"],
}


def column_widths(model: RecordsTableModel, metrics: QFontMetrics) -> dict[int, int]:
    """Starting widths of the fixed columns: their header or their widest sample, with room for
    the cell's margins and the header's sort arrow."""
    widths = {}
    for column, samples in COLUMN_SAMPLES.items():
        texts = [str(model.headerData(column, Qt.Orientation.Horizontal)), *samples]
        if column == STATUS:
            texts += [status_name(s) for s in statuses()]
        widths[column] = max(metrics.horizontalAdvance(t) for t in texts) + 20
    return widths


def records_table(model: RecordsTableModel, name: str) -> QTableView:
    """The table both record pages use: whole rows, the title column stretched, store order shown."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    # Fixed starting widths (the user may drag them): measuring contents of lazily loaded rows
    # would both cost time and change as pages arrive.
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in column_widths(model, header.fontMetrics()).items():
        header.resizeSection(column, width)
    header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
    header.setSortIndicatorShown(True)
    header.setSectionsClickable(False)  # the store decides the order (newest first)
    FormColumnFitter(table, model)
    return table


TITLE_ROOM = 320  # what the title keeps before the form column takes its longest name


class FormColumnFitter(QObject):
    """Widens the form column to the catalogue's longest form name when the table has room for
    it and the title still keeps TITLE_ROOM (at 1366 px English names were cut beside a wide
    title); narrower, the column goes back to its start width and long names are elided."""

    def __init__(self, table: QTableView, model: RecordsTableModel) -> None:
        super().__init__(table)
        self.table, self.model = table, model
        self.narrow = table.horizontalHeader().sectionSize(FORM)
        table.viewport().installEventFilter(self)
        model.modelReset.connect(self.fit)  # the catalogue arrives before the first rows

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def wide(self) -> int:
        catalogue, language = self.model.catalogue, self.model.language
        if catalogue is None:
            return self.narrow
        metrics = self.table.horizontalHeader().fontMetrics()
        names = [form_name(form, form.id, language) for form in catalogue]
        return max([self.narrow, *(metrics.horizontalAdvance(n) + 20 for n in names)])

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c not in (FORM, TITLE))
        room = self.table.viewport().width() - others
        wide = self.wide()
        width = wide if room - wide >= TITLE_ROOM else self.narrow
        if header.sectionSize(FORM) != width:
            header.resizeSection(FORM, width)


class RecordListPage(CataloguePage):
    KEY = "records"
    TITLE = QT_TRANSLATE_NOOP("Pages", "Records")
    ICON = "records"
    PERMISSION = None

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.view: RecordView | None = None
        self.editor: RecordEditor | None = None
        self.dialog: ReasonDialog | None = None
        self._pending: dict[str, Any] | None = None
        self._pending_record: str | None = None  # asked to open before the catalogue was read
        self.language = context.services.language
        self.filter_bar = RecordFilterBar()
        self.count = style_label(QLabel(), colour=HINT_COLOUR)
        self.count.setObjectName("recordCount")
        loader = partial(record_work.load_page, context.session)
        # No rows are asked for until the catalogue is read (forms are named from it).
        self.model = RecordsTableModel(
            context.tasks, loader, None, language=self.language, parent=self
        )
        self.table = records_table(self.model, "recordsTable")
        self.list_view = QWidget()
        self.list_layout = QVBoxLayout(self.list_view)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.addWidget(self.filter_bar)
        self.list_layout.addLayout(self._count_row())
        self.list_layout.addWidget(self.table, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_view)
        QVBoxLayout(self).addWidget(self.stack)
        self.filter_bar.filters_changed.connect(self._on_filters_changed)
        self.table.doubleClicked.connect(self._on_table_activated)
        self.table.installEventFilter(self)
        self.model.page_loaded.connect(self._update_count)
        self.model.fetch_failed.connect(self.show_error)
        QShortcut(QKeySequence("Ctrl+F"), self, self.filter_bar.search.setFocus)

    def _count_row(self) -> QHBoxLayout:
        """The record count, and Export… for those allowed to take records out (supervisors)."""
        self.export_dialog: ExportDialog | None = None
        self.export_button = QPushButton(self.tr("E&xport\u2026"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setVisible(
            allows(self.context.session.user.role, Permission.EXPORT_RECORDS)
        )
        self.export_button.clicked.connect(self._on_export_button_clicked)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.export_button)
        return row

    def _on_export_button_clicked(self) -> None:
        if self.catalogue is None:
            return
        self.export_dialog = ExportDialog(
            self.context, self.catalogue, self.filter_bar.filters(), self
        )
        self.export_dialog.accepted.connect(self._on_export_dialog_accepted)
        self.export_dialog.open()

    def _on_export_dialog_accepted(self) -> None:
        dialog = self.export_dialog
        result = dialog.result_value if dialog is not None else None
        if result is not None:
            self.status_message.emit(
                fill_numbered(
                    self.tr("%1 record(s) exported to %2."),
                    format_number(result.count),
                    str(result.path),
                )
            )

    # ---- the list -----------------------------------------------------------------------------

    def page_shown(self) -> None:
        if self.catalogue is None:
            self._load_catalogue()
        elif self.stack.currentWidget() is self.list_view:
            self.reload()

    def _on_catalogue_loaded(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.filter_bar.set_forms(catalogue, self.language)
        self.model.catalogue = catalogue
        self._load_authors()
        pending, self._pending = self._pending, None
        if pending:
            self.filter_bar.set_state(pending.get("filters", {}))
        self.reload()
        record_id, self._pending_record = self._pending_record, None
        if record_id and not (pending and pending.get("editor")):
            self.open_record(record_id)
            return
        if pending and pending.get("editor"):
            self._open_editor(**pending["editor"])
        else:
            self.filter_bar.search.setFocus()

    def _load_authors(self) -> None:
        user = self.context.session.user
        if not allows(user.role, Permission.MANAGE_USERS):
            self.filter_bar.set_authors(
                [(user.username, fill_numbered(self.tr("Me (%1)"), user.username))]
            )
            return
        self.context.tasks.run(
            partial(accounts.list_users, include_removed=True),
            self.context.session,
            on_done=lambda users: self.filter_bar.set_authors(
                [
                    (u.username, f"{u.full_name} ({u.username})" if u.full_name else u.username)
                    for u in users
                ]
            ),
            on_error=self.show_error,
            context=self,
        )

    def open_with(self, request: dict[str, Any]) -> None:
        """Show the list with these filters (keys of RecordFilterBar.state()), others cleared.
        A record being edited stays open (its input is not thrown away); the list waits behind it."""
        request = dict(request)
        record_id = request.pop("record_id", None)
        if self.catalogue is None:
            self._pending = {**(self._pending or {}), "filters": request}
            self._pending_record = record_id
            return
        if record_id:
            if self.editor is None:
                self.open_record(record_id)
            return
        self.filter_bar.set_state(request)
        if self.editor is None:
            self.stack.setCurrentWidget(self.list_view)
        self.reload()

    def reload(self) -> None:
        if self.catalogue is not None:
            self._on_filters_changed(self.filter_bar.filters())

    def _on_filters_changed(self, filters: Any) -> None:
        if self.catalogue is None:
            return
        column = order_column(filters)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(column >= 0)
        header.setSortIndicator(max(column, 0), Qt.SortOrder.DescendingOrder)
        self.model.set_filter(filters)
        self._update_count()

    def _update_count(self, *_args: Any) -> None:
        rows = format_number(self.model.rowCount())
        if self.model.loading:
            text = self.tr("Searching\u2026")
        elif self.model.complete:
            text = fill_numbered(self.tr("%1 record(s)."), rows)
        else:
            text = fill_numbered(self.tr("First %1 records shown; scroll down for more."), rows)
        self.count.setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter opens the current record (Qt's own "activated" on Enter varies by platform).
        is_key = watched is self.table and event.type() == QEvent.Type.KeyPress
        if (
            is_key
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers()
        ):
            self._on_table_activated(self.table.currentIndex())
            return True
        return False

    def _on_table_activated(self, index: Any) -> None:
        record_id = index.data(RECORD_ID_ROLE)
        if record_id:
            self.open_record(record_id)

    # ---- one record ---------------------------------------------------------------------------

    def open_record(self, record_id: str) -> None:
        """Open a record: a draft its author may change opens for editing, the rest to read."""
        self.run_record_work(record_work.open_record, record_id, on_done=self._on_record_opened)

    def _on_record_opened(self, details: record_work.RecordDetails) -> None:
        user = self.context.session.user
        summary = details.record.summary
        allowed = allowed_changes(user.role, user.username, summary)
        if allowed.edit_draft:
            self._open_editor(summary.form_id, summary.id, dict(details.record.values), DRAFT)
            return
        if self.view is None:
            assert self.catalogue is not None
            self.view = RecordView(self.catalogue, self.language, context=self.context)
            self.view.attachments_changed.connect(
                lambda _revision: self.open_record(self._view_record_id())
            )
            self.view.back_requested.connect(self.show_list)
            self.view.amend_requested.connect(self._on_view_amend_requested)
            self.view.void_requested.connect(self._on_view_void_requested)
            self.printer = RecordPrinter(self.context, self.catalogue, self, self.language)
            self.printer.printed.connect(self.status_message)
            self.view.print_requested.connect(
                lambda: self.printer.preview(self._view_record_id(), self._view_form_id())
            )
            self.view.pdf_requested.connect(
                lambda: self.printer.save_pdf(self._view_record_id(), form_id=self._view_form_id())
            )
            QShortcut(QKeySequence(Qt.Key.Key_Escape), self.view, self.show_list)
            self.stack.addWidget(self.view)
        self.view.show_details(details, allowed)
        self.stack.setCurrentWidget(self.view)
        self.view.back_button.setFocus()

    def _view_record_id(self) -> str:
        assert self.view is not None and self.view.details is not None
        return self.view.details.record.summary.id

    def _view_form_id(self) -> str:
        assert self.view is not None and self.view.details is not None
        return self.view.details.record.summary.form_id

    def show_list(self) -> None:
        self._drop_editor()
        self.stack.setCurrentWidget(self.list_view)
        self.reload()
        self.table.setFocus()

    def _open_editor(
        self,
        form_id: str,
        record_id: str | None,
        values: dict[str, Any],
        mode: EditMode,
        note: str = "",
        **_: Any,
    ) -> None:
        assert self.catalogue is not None
        self._drop_editor()
        editor = RecordEditor(
            self.context,
            self.catalogue,
            self.catalogue.get(form_id),
            record_id=record_id,
            values=values,
            mode=mode,
            note=note,
        )
        editor.closed.connect(self.show_list)
        editor.completed.connect(self._on_editor_completed)
        editor.amended.connect(self._on_editor_amended)
        self.editor = editor
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        editor.form_widget.focus_first()

    def _drop_editor(self) -> None:
        if self.editor is not None:
            self.stack.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None

    def _on_editor_completed(self, record_id: str, number: str | None) -> None:
        text = fill_numbered(self.tr("Record completed with number %1."), number or "-")
        self.status_message.emit(text)
        self.open_record(record_id)
        self._drop_editor()

    def _on_editor_amended(self, record_id: str, revision: int) -> None:
        self.status_message.emit(
            fill_numbered(self.tr("Amendment saved as revision %1."), str(revision))
        )
        self._drop_editor()
        self.open_record(record_id)

    def _on_view_amend_requested(self) -> None:
        if self.view is None or self.view.details is None:
            return
        record = self.view.details.record
        note = self.view.note.text() if self.view.note.isVisibleTo(self.view) else ""
        self._open_editor(
            record.summary.form_id, record.summary.id, dict(record.values), AMEND, note
        )

    def _on_view_void_requested(self) -> None:
        if self.view is None or self.view.details is None:
            return
        record_id = self.view.details.record.summary.id
        dialog = ReasonDialog(
            self.tr("Void the record"),
            self.tr(
                "Why is this record void? It is kept, marked void, and its number is never reused."
            ),
            self.tr("&Void"),
            self,
        )
        dialog.reason_given.connect(lambda reason: self._void(record_id, reason))
        self.dialog = dialog
        dialog.ask()

    def _void(self, record_id: str, reason: str) -> None:
        self.run_record_work(
            record_work.void_record,
            record_id,
            reason,
            on_done=lambda _none: self._on_voided(record_id),
        )

    def _on_voided(self, record_id: str) -> None:
        self.status_message.emit(self.tr("Record voided."))
        self.open_record(record_id)

    # ---- across a lock ------------------------------------------------------------------------

    def capture_state(self) -> dict[str, Any]:
        if self._pending is not None:
            return dict(self._pending)
        state: dict[str, Any] = {"filters": self.filter_bar.state()}
        if self.editor is not None:
            saved = self.editor.capture_state()
            state["editor"] = {
                "form_id": saved["form_id"],
                "record_id": saved["record_id"],
                "values": saved["values"],
                "mode": saved["mode"],
            }
        return state

    def restore_state(self, state: dict[str, Any]) -> None:
        self._pending = dict(state) if state else None
        if self._pending and self._pending.get("editor") and self.catalogue is None:
            self.page_shown()  # a half-typed record comes back at once, wherever the user is
