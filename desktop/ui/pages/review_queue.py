"""The supervisor's Review page: completed records waiting for approval, approved one or several
at a time, or returned to their author with a comment."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.permissions import Permission
from desktop.core.placeholders import fill_numbered
from desktop.ui import record_work
from desktop.ui.errors import describe
from desktop.ui.formats import format_number
from desktop.ui.models.records_table_model import (
    RECORD_ID_ROLE,
    STATUS,
    RecordsTableModel,
    order_column,
)
from desktop.ui.pages.catalogue_page import CataloguePage
from desktop.ui.pages.record_list import records_table
from desktop.ui.reason_dialog import ReasonDialog
from desktop.ui.record_form.editor_base import HINT_COLOUR, style_label
from desktop.ui.record_view import RecordView
from desktop.ui.services import PageContext
from domain.forms import Catalogue
from domain.records import RecordFilter, RecordStatus

WAITING = RecordFilter(status=str(RecordStatus.COMPLETED))
PREVIEW_DELAY_MS = 300  # arrowing through the queue opens (and audits) only where it stops


class ReviewQueuePage(CataloguePage):
    KEY = "review"
    TITLE = QT_TRANSLATE_NOOP("Pages", "Review")
    ICON = "review"
    PERMISSION = Permission.APPROVE_RECORDS

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.dialog: ReasonDialog | None = None
        self.confirm_box: QMessageBox | None = None  # open while approval waits for a yes
        self.language = context.services.language
        self.heading = style_label(
            QLabel(self.tr("Records waiting for approval")), points=14, bold=True
        )
        self.count = style_label(QLabel(), colour=HINT_COLOUR)
        self.count.setObjectName("queueCount")
        self.approve_button = QPushButton(self.tr("&Approve selected"))
        self.approve_button.setObjectName("approveButton")
        self.return_button = QPushButton(self.tr("&Return with comment\u2026"))
        self.result = QLabel()
        self.result.setObjectName("reviewResult")
        self.result.setWordWrap(True)
        self.result.setVisible(False)
        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addStretch(1)
        bar.addWidget(self.approve_button)
        bar.addWidget(self.return_button)
        loader = partial(record_work.load_page, context.session)
        # No rows are asked for until the catalogue is read (forms are named from it).
        self.model = RecordsTableModel(
            context.tasks, loader, None, language=self.language, parent=self
        )
        self.table = records_table(self.model, "reviewTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setColumnHidden(STATUS, True)  # every record here waits: the room goes to titles
        # Read-only here (no change is offered): the reviewer sees the photos and scans too.
        self.preview = RecordView(None, self.language, with_actions=False, context=context)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.preview)
        self.splitter.setSizes([260, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.count)
        layout.addWidget(self.result)
        layout.addWidget(self.splitter, 1)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._load_preview)
        self.model.page_loaded.connect(self._update_count)
        self.model.fetch_failed.connect(self.show_error)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.approve_button.clicked.connect(self.approve_selected)
        self.return_button.clicked.connect(self._on_return_button_clicked)
        self._update_buttons()

    def page_shown(self) -> None:
        if self.catalogue is not None:
            self.reload()
        else:
            self._load_catalogue()

    def _on_catalogue_loaded(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.model.catalogue = catalogue
        self.preview.catalogue = catalogue
        self.reload()
        self.table.setFocus()

    def reload(self) -> None:
        if self.catalogue is not None:
            self.table.horizontalHeader().setSortIndicator(
                order_column(WAITING), Qt.SortOrder.DescendingOrder
            )
            self.model.set_filter(WAITING)
            self._update_count()
            self._on_selection_changed()

    def _update_count(self, *_args: Any) -> None:
        rows = format_number(self.model.rowCount())
        if self.model.complete:
            text = fill_numbered(self.tr("%1 record(s) waiting. Ctrl+A selects them all."), rows)
        else:
            text = fill_numbered(self.tr("At least %1 records waiting."), rows)
        self.count.setText(text)

    def selected_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.index(row, 0).data(RECORD_ID_ROLE) for row in rows]

    def select_ids(self, record_ids: list[str]) -> None:
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for record_id in record_ids:
            row = self.model.row_of(record_id)
            if row >= 0:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def _on_selection_changed(self, *_args: Any) -> None:
        self._update_buttons()
        count = len(self.selected_ids())
        if count == 1:
            self._preview_timer.start()
            return
        self._preview_timer.stop()
        text = (
            fill_numbered(self.tr("%1 records selected."), str(count))
            if count
            else self.tr("Choose a record to read it here.")
        )
        self.preview.show_placeholder(text)

    def _update_buttons(self) -> None:
        count = len(self.selected_ids())
        self.approve_button.setEnabled(count > 0)
        self.approve_button.setText(
            fill_numbered(self.tr("&Approve %1 selected"), str(count))
            if count > 1
            else self.tr("&Approve")
        )
        self.return_button.setEnabled(count == 1)

    def _load_preview(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        self.run_record_work(record_work.open_record, ids[0], on_done=self._on_preview_loaded)

    def _on_preview_loaded(self, details: record_work.RecordDetails) -> None:
        if self.selected_ids() == [details.record.summary.id]:
            self.preview.show_details(details)

    # ---- actions ------------------------------------------------------------------------------

    def approve_selected(self) -> None:
        """Ask first (approval locks the records), then approve the selected records."""
        ids = self.selected_ids()
        if not ids:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Approve"),
            fill_numbered(
                self.tr(
                    "Approve %1 record(s)? Approved records are locked: changing one later needs"
                    " an amendment with a reason."
                ),
                format_number(len(ids)),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("approveConfirm")
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Approve"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda answer: self._on_approval_answered(ids, answer))
        self.confirm_box = box
        box.open()  # not exec(): the window (and its idle lock) stays live behind it

    def _on_approval_answered(self, ids: list[str], answer: int) -> None:
        self.confirm_box = None
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.approve_button.setEnabled(False)
        self.run_record_work(record_work.approve_records, ids, on_done=self._on_approved)

    def _on_approved(self, outcomes: list[record_work.Outcome]) -> None:
        done = [o for o in outcomes if o.error is None]
        failed = [o.error for o in outcomes if o.error is not None]
        text = fill_numbered(self.tr("%1 record(s) approved."), str(len(done)))
        if failed:
            reasons = "; ".join(sorted({describe(error).headline for error in failed}))
            text += " " + fill_numbered(self.tr("%1 not approved: %2"), str(len(failed)), reasons)
        self._show_result(text, ok=not failed)
        self.status_message.emit(text)
        self.reload()

    def _show_result(self, text: str, *, ok: bool) -> None:
        colour = "#1b5e20" if ok else "#b71c1c"
        self.result.setText(text)
        style_label(self.result, colour=colour)
        self.result.setVisible(True)

    def _on_return_button_clicked(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        dialog = ReasonDialog(
            self.tr("Return to the author"),
            self.tr(
                "What must the author correct? The comment goes into the record's history; the"
                " record leaves this queue and comes back once the author amends it."
            ),
            self.tr("&Return"),
            self,
        )
        dialog.reason_given.connect(lambda comment: self._return(ids[0], comment))
        self.dialog = dialog
        dialog.ask()

    def _return(self, record_id: str, comment: str) -> None:
        self.run_record_work(
            record_work.return_record, record_id, comment, on_done=lambda _none: self._on_returned()
        )

    def _on_returned(self) -> None:
        text = self.tr(
            "Returned to the author, who sees it under Returned to you; it comes back here once"
            " amended."
        )
        self._show_result(text, ok=True)
        self.status_message.emit(text)
        self.reload()
