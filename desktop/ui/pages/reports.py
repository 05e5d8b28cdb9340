"""The supervisor's Periodic report page (báo cáo định kỳ): choose a period, read the figures
beside the same period last year, write the narrative, keep the station profile up to date,
submit (frozen from then on), print or save as PDF; past reports listed, submitted ones read-only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import AppError
from desktop.core.permissions import Permission
from desktop.core.placeholders import fill_numbered
from desktop.core.station_time import station_today
from desktop.render import paint_document, write_pdf
from desktop.storage.report_store import StoredReport
from desktop.storage.reports import ReportView
from desktop.ui.formats import format_timestamp
from desktop.ui.models.report_list_model import PERIOD, REPORT_ROLE, ReportListModel
from desktop.ui.models.report_table_model import LABEL, ReportTableModel
from desktop.ui.pages.catalogue_page import CataloguePage
from desktop.ui.printing.outcome import printed_to_file
from desktop.ui.record_form.editor_base import style_label
from desktop.ui.reports import report_work
from desktop.ui.reports.period_picker import PeriodPicker
from desktop.ui.reports.profile_dialog import StationProfileDialog
from desktop.ui.services import PageContext
from domain.forms import Catalogue
from domain.reports.document import ReportDocument
from domain.reports.narrative import NARRATIVE_PARTS
from domain.reports.periods import Period, parse_period
from domain.reports.typed import PERIOD_FIGURES

REFRESH_DELAY_MS = 250  # turning the period pickers recomputes once, where they stop
_DRAFT_STYLE = "background: #fff8e1; color: #5d4037; padding: 6px; border: 1px solid #ffe082;"
_FROZEN_STYLE = "background: #e8f5e9; color: #1b5e20; padding: 6px; border: 1px solid #a5d6a7;"
_BLANK = -1  # a figure box's "not typed" value, shown as "—"


class ReportsPage(CataloguePage):
    KEY = "reports"
    TITLE = QT_TRANSLATE_NOOP("Pages", "Periodic report")
    ICON = "reports"
    PERMISSION = Permission.MANAGE_REPORTS

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.language = context.services.language
        self.opened: report_work.OpenedReport | None = None
        self.dialog: StationProfileDialog | None = None
        self.preview: QPrintPreviewDialog | None = None
        self.preview_printer: QPrinter | None = None
        self._paint_failed = False
        self._dirty = False
        self._restored: dict[str, Any] | None = None
        heading = style_label(QLabel(self.tr("Periodic report")), points=14, bold=True)
        self.picker = PeriodPicker(station_today())
        self.state = QLabel()
        self.state.setObjectName("reportState")
        self.state.setWordWrap(True)
        self.model = ReportTableModel(self.language, self)
        self.table = QTableView()
        self.table.setObjectName("reportTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        compact = self.table.fontMetrics().height() + 8  # ~120 rows: keep many on screen
        self.table.verticalHeader().setDefaultSectionSize(compact)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        self.narrative: dict[str, QPlainTextEdit] = {}
        self.typed: dict[str, QSpinBox] = {}
        self.tabs = QTabWidget()
        self.tabs.addTab(self.table, self.tr("&Figures"))
        self.tabs.addTab(self._typed_form(), self.tr("&Typed figures"))
        self.tabs.addTab(self._narrative_form(), self.tr("&Narrative"))
        self.list_model = ReportListModel(self.language, self)
        self.past = QTableView()
        self.past.setObjectName("pastReports")
        self.past.setModel(self.list_model)
        self.past.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.past.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.past.verticalHeader().setVisible(False)
        self.past.verticalHeader().setDefaultSectionSize(compact)
        self.past.setWordWrap(False)
        past_header = self.past.horizontalHeader()
        past_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        past_header.setSectionResizeMode(PERIOD, QHeaderView.ResizeMode.Stretch)
        past_box = QWidget()
        past_layout = QVBoxLayout(past_box)
        past_layout.setContentsMargins(0, 0, 0, 0)
        past_layout.addWidget(style_label(QLabel(self.tr("Reports")), bold=True))
        past_layout.addWidget(self.past)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(past_box)
        splitter.addWidget(self.tabs)
        splitter.setSizes([250, 840])  # the figures need the room: indicators were cut
        self.profile_button = QPushButton(self.tr("Station &profile\u2026"))
        self.save_button = QPushButton(self.tr("&Save draft"))
        self.preview_button = QPushButton(self.tr("Print pre&view\u2026"))
        self.pdf_button = QPushButton(self.tr("Save P&DF\u2026"))
        self.submit_button = QPushButton(self.tr("S&ubmit\u2026"))
        self.submit_button.setObjectName("submitReport")
        buttons = QHBoxLayout()
        buttons.addWidget(self.profile_button)
        buttons.addStretch(1)
        for button in (self.save_button, self.preview_button, self.pdf_button, self.submit_button):
            buttons.addWidget(button)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.picker)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.show_period)
        self.picker.period_changed.connect(self._on_picker_period_changed)
        self.past.selectionModel().currentRowChanged.connect(self._on_past_current_changed)
        self.profile_button.clicked.connect(self._on_profile_button_clicked)
        self.save_button.clicked.connect(self.save_draft)
        self.submit_button.clicked.connect(self._on_submit_button_clicked)
        self.preview_button.clicked.connect(self.print_preview)
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self._update_buttons()

    def _narrative_form(self) -> QWidget:
        body = QWidget()
        form = QFormLayout(body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for key, title in NARRATIVE_PARTS:
            editor = QPlainTextEdit()
            editor.setObjectName(f"narrative_{key}")
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(90)
            editor.textChanged.connect(self._on_narrative_changed)
            self.narrative[key] = editor
            form.addRow(style_label(QLabel(title.get(self.language)), bold=True), editor)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        return scroll

    def _typed_form(self) -> QWidget:
        """The period's figures no record holds (residence and ID applications, docs/reports.md):
        typed by the chief for this period, never a year total."""
        body = QWidget()
        form = QFormLayout(body)
        intro = QLabel(
            self.tr(
                "Residence and ID applications are handled in the national systems: type how many"
                " were received and resolved in this period (not since the start of the year)."
                " Leave a box at — when the figure is not known."
            )
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        for figure in PERIOD_FIGURES:
            spin = QSpinBox()
            spin.setObjectName(f"typed_{figure.id}")
            spin.setRange(_BLANK, 10_000_000)
            spin.setSpecialValueText("\u2014")
            spin.setGroupSeparatorShown(True)
            spin.setValue(_BLANK)
            spin.valueChanged.connect(self._on_narrative_changed)
            self.typed[figure.id] = spin
            indent = "    " * figure.level
            form.addRow(indent + figure.label.get(self.language), spin)
        return body

    def typed_values(self) -> dict[str, int]:
        return {key: spin.value() for key, spin in self.typed.items() if spin.value() != _BLANK}

    def _show_typed(self, figures: dict[str, Any], read_only: bool) -> None:
        for key, spin in self.typed.items():
            spin.blockSignals(True)
            value = figures.get(key)
            spin.setValue(value if isinstance(value, int) else _BLANK)
            spin.setReadOnly(read_only)
            spin.blockSignals(False)

    # ---- loading ------------------------------------------------------------------------------

    def page_shown(self) -> None:
        if self.catalogue is None:
            self._load_catalogue()
        elif not self._dirty:
            self.show_period()

    def _on_catalogue_loaded(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.show_period()

    def _on_picker_period_changed(self) -> None:
        if self.catalogue is not None:
            self._refresh_timer.start()

    def show_period(self) -> None:
        """Open the chosen period's report; unsaved narrative of the one shown is saved first."""
        self._refresh_timer.stop()
        try:
            period = self.picker.period()
        except AppError as error:
            self.show_error(error)
            return
        previous = self.opened.view.period if self.opened else None
        if self._dirty and previous is not None and previous.code != period.code:
            self.run_record_work(
                report_work.save_draft,
                previous.code,
                self.narrative_values(),
                self.typed_values(),
                on_done=lambda _o: None,
            )
        self.state.setText(self.tr("Counting the records of the period\u2026"))
        self.run_record_work(report_work.open_report, period.code, on_done=self._on_opened)

    def _on_opened(self, opened: report_work.OpenedReport) -> None:
        self.opened = opened
        view = opened.view
        self.model.set_content(view.content)
        self.list_model.set_reports(list(opened.reports))
        self._select_in_list(view.period.code)
        narrative, figures = dict(view.narrative), view.figures
        if self._restored and self._restored.get("period") == view.period.code:
            narrative = self._restored.get("narrative", narrative)
            figures = self._restored.get("figures", figures)
            self._restored = None
        for key, editor in self.narrative.items():
            editor.blockSignals(True)
            editor.setPlainText(narrative.get(key, ""))
            editor.setReadOnly(view.submitted)
            editor.blockSignals(False)
        self._show_typed(figures, view.submitted)
        written = {k: v for k, v in narrative.items() if v.strip()}
        changed = written != dict(view.narrative) or figures != view.figures
        self._dirty = not view.submitted and changed
        self._show_state()
        self._update_buttons()

    def _select_in_list(self, period_code: str) -> None:
        row = self.list_model.row_of(period_code)
        selection = self.past.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            self.past.selectRow(row)
        else:
            self.past.clearSelection()
        selection.blockSignals(False)

    def _show_state(self) -> None:
        view = self.opened.view if self.opened else None
        if view is None:
            return
        label = view.period.label(self.language)
        stored = view.stored
        if view.submitted and stored is not None:
            text = fill_numbered(
                self.tr("%1 — report %2, submitted %3 by %4. Its figures and text are frozen."),
                label,
                stored.document_number or "",
                format_timestamp(stored.submitted_at or ""),
                view.signer_name or stored.submitted_by or "",
            )
            text += " SHA-256 " + (stored.content_hash or "")[:12] + "\u2026"
            if not view.intact:
                text += " " + self.tr("WARNING: the stored report no longer matches its hash.")
            self.state.setStyleSheet(_FROZEN_STYLE)
        else:
            text = fill_numbered(
                self.tr(
                    "%1 — draft: the figures are counted now from completed and approved records by"
                    " event date; they are frozen when you submit."
                ),
                label,
            )
            drafts = view.content.uncounted_drafts
            if drafts:
                text += " " + fill_numbered(
                    self.tr("%1 draft record(s) in the period are not counted."), str(drafts)
                )
            if "no_profile" in view.content.notes:
                text += " " + self.tr("The station profile has not been filled in yet.")
            self.state.setStyleSheet(_DRAFT_STYLE)
        self.state.setText(text)

    def _update_buttons(self) -> None:
        view = self.opened.view if self.opened else None
        editable = view is not None and not view.submitted
        self.save_button.setEnabled(editable)
        self.submit_button.setEnabled(editable)
        self.preview_button.setEnabled(view is not None)
        self.pdf_button.setEnabled(view is not None)
        self.profile_button.setEnabled(self.catalogue is not None)

    def _on_past_current_changed(self, current: Any, _previous: Any) -> None:
        report = self.list_model.data(current, REPORT_ROLE) if current.isValid() else None
        if isinstance(report, StoredReport) and (
            not self.opened or self.opened.view.period.code != report.period_code
        ):
            self.picker.set_period(parse_period(report.period_code))

    def _on_narrative_changed(self) -> None:
        self._dirty = True

    def narrative_values(self) -> dict[str, str]:
        return {key: editor.toPlainText() for key, editor in self.narrative.items()}

    # ---- actions ------------------------------------------------------------------------------

    def _period(self) -> Period | None:
        return self.opened.view.period if self.opened else None

    def save_draft(self) -> None:
        period = self._period()
        if period is None:
            return
        self.run_record_work(
            report_work.save_draft,
            period.code,
            self.narrative_values(),
            self.typed_values(),
            on_done=self._on_saved,
        )

    def _on_saved(self, opened: report_work.OpenedReport) -> None:
        self._dirty = False
        self._on_opened(opened)
        self.status_message.emit(self.tr("Report draft saved."))

    def confirm_submit(self, period: Period) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Submit the report"),
            fill_numbered(
                self.tr(
                    "Submit the report for %1?\n\nThe figures are counted once more and frozen with"
                    " the narrative: records added or changed later will not change this report."
                ),
                period.label(self.language),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _on_submit_button_clicked(self) -> None:
        period = self._period()
        if period is None or not self.confirm_submit(period):
            return
        self.submit_button.setEnabled(False)
        self.run_record_work(
            report_work.submit_report,
            period.code,
            self.narrative_values(),
            self.typed_values(),
            on_done=self._on_submitted,
        )

    def _on_submitted(self, opened: report_work.OpenedReport) -> None:
        self._dirty = False
        self._on_opened(opened)
        stored = opened.view.stored
        number = stored.document_number if stored else ""
        self.status_message.emit(fill_numbered(self.tr("Report %1 submitted."), number or ""))

    def _on_profile_button_clicked(self) -> None:
        if self.catalogue is None:
            return
        self.run_record_work(report_work.load_profile, on_done=self._open_profile_dialog)

    def _open_profile_dialog(self, profile: Any) -> None:
        assert self.catalogue is not None
        self.dialog = StationProfileDialog(self.context, self.catalogue, profile, self)
        self.dialog.profile_saved.connect(self._on_profile_saved)
        self.dialog.open()

    def _on_profile_saved(self, profile: Any) -> None:
        self.status_message.emit(
            fill_numbered(self.tr("Station profile saved (version %1)."), str(profile.version))
        )
        if self.opened and not self.opened.view.submitted:
            self.show_period()

    def print_preview(self) -> None:
        """The preview, opened window-modal (no nested event loop: the idle lock may close the
        page under it); printing from it is audited once the dialog is accepted."""
        if self.opened is None:
            return
        document, view = self.opened.document, self.opened.view
        # Kept on self: the dialog only borrows the printer, and a collected one crashes Qt.
        self.preview_printer = printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(document.title)
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle(document.title)
        preview.paintRequested.connect(lambda target: self._paint_preview(document, target))
        preview.finished.connect(lambda result: self._on_preview_finished(view, result))
        self.preview = preview
        self._paint_failed = False
        preview.open()

    def _paint_preview(self, document: ReportDocument, printer: QPrinter) -> None:
        # Called from inside Qt's dialog: an exception must not escape into Qt.
        self._paint_failed = False
        try:
            paint_document(document, printer)
        except (AppError, OSError) as error:
            self._paint_failed = True
            self.show_error(error)

    def _on_preview_finished(self, view: ReportView, result: int) -> None:
        # The preview's Print button paints onto the real printer and then accepts the dialog.
        if result == QDialog.DialogCode.Accepted and not self._paint_failed:
            # "Print to file" in the print dialog wrote a PDF: audited as that file, not paper.
            pdf_file = printed_to_file(self.preview_printer)
            target = Path(pdf_file).name if pdf_file else "printer"
            self._audit_print(view, target, on_done=lambda _none: None)

    def _on_pdf_button_clicked(self) -> None:
        if self.opened is None:
            return
        suggested = f"BaoCao_{self.opened.view.period.code.replace('..', '_')}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the report as PDF"), suggested, self.tr("PDF documents (*.pdf)")
        )
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> None:
        """Write the report shown to `path` (drawn on this thread, where Qt paints), then audit
        it and say so; a file that could not be written is shown as an error, never audited."""
        if self.opened is None:
            return
        view = self.opened.view
        try:
            pages = write_pdf(self.opened.document, path)
        except (AppError, OSError) as error:
            self.show_error(error)
            return
        message = fill_numbered(self.tr("Report saved to %1 (%2 pages)."), str(path), str(pages))
        self._audit_print(view, path.name, on_done=lambda _none: self.status_message.emit(message))

    def _audit_print(self, view: ReportView, target: str, *, on_done: Callable) -> None:
        self.run_record_work(report_work.record_printed, view, target, on_done=on_done)

    # ---- across a lock ------------------------------------------------------------------------

    def capture_state(self) -> dict[str, Any]:
        period = self._period()
        if period is None or not self._dirty:
            return {}
        return {
            "period": period.code,
            "narrative": self.narrative_values(),
            "figures": self.typed_values(),
        }

    def restore_state(self, state: dict[str, Any]) -> None:
        if state.get("period"):
            self._restored = state
            self.picker.set_period(parse_period(state["period"]))
