"""Print preview and "Save as PDF" of one record, for the record view; every output is audited.

The record is read and the audit entry written on the database lane (TaskRunner); the pages are
drawn on the GUI thread (about 50 ms a page), where Qt's printing and fonts live, by
desktop.render: the same code `cax print` uses.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QWidget

from desktop.core.errors import AppError
from desktop.core.placeholders import fill_numbered
from desktop.render import paint_document, suggested_file_name, write_pdf
from desktop.storage.printouts import log_printout, prepare_printout
from desktop.ui.errors import show_error
from desktop.ui.printing.outcome import printed_to_file
from desktop.ui.services import PageContext
from domain.documents import PrintedDocument, documents_for
from domain.forms import Catalogue

# What was chosen in the chooser: a document's name, or CANCELLED (nothing to print).
CANCELLED = ""


class RecordPrinter(QObject):
    """Turns "Print…" and "Save as PDF…" on a record into a preview dialog or a file."""

    printed = Signal(str)  # a short status line: what was printed or saved

    def __init__(
        self, context: PageContext, catalogue: Catalogue, parent: QWidget, language: str = "vi"
    ) -> None:
        super().__init__(parent)
        self.context, self.catalogue, self.parent_widget = context, catalogue, parent
        self.language = language
        self.dialog: QPrintPreviewDialog | None = None
        self.preview_printer: QPrinter | None = None
        self.pages = 0
        self.paint_failed = False  # the last painting (preview or printer) did not finish

    # ---- print preview -------------------------------------------------------------------------

    def preview(self, record_id: str, form_id: str | None = None) -> None:
        document = self.choose_document(form_id)
        if document != CANCELLED:
            self._prepare(record_id, document, self._on_document_for_preview)

    def choose_document(self, form_id: str | None) -> str | None:
        """Which paper to print when the form prints several (F1: the intake minutes or the
        transfer slip, separate documents signed at different times): asked in a short list.
        None for a form with one; CANCELLED when the user closes the question."""
        if form_id is None or form_id not in self.catalogue:
            return None
        choices = documents_for(self.catalogue.get(form_id))
        if len(choices) < 2:
            return None
        names = [name.get(self.language, name["vi"]) for _, name in choices]
        picked, accepted = QInputDialog.getItem(
            self.parent_widget,
            self.tr("Print"),
            self.tr("Which document of this record?"),
            names,
            0,
            False,
        )
        if not accepted:
            return CANCELLED
        return choices[names.index(picked)][0]

    def _on_document_for_preview(self, document: PrintedDocument) -> None:
        # Kept on self: the dialog only borrows the printer, and a collected one crashes Qt.
        self.preview_printer = printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(document.title)
        dialog = QPrintPreviewDialog(printer, self.parent_widget)
        dialog.setWindowTitle(fill_numbered(self.tr("Print preview \u2013 %1"), document.title))
        dialog.paintRequested.connect(lambda target: self._paint(document, target))
        dialog.finished.connect(lambda result: self._on_preview_finished(document, result))
        self.dialog = dialog
        dialog.open()

    def _paint(self, document: PrintedDocument, printer: QPrinter) -> None:
        # Called by Qt's dialog: an exception here would escape into Qt, so it is shown instead.
        self.paint_failed = False
        try:
            self.pages = paint_document(document, printer)
        except (AppError, OSError) as error:
            self.paint_failed = True
            show_error(self.parent_widget, error)

    def _on_preview_finished(self, document: PrintedDocument, result: int) -> None:
        # The preview's Print button paints onto the real printer and then accepts the dialog.
        if result != QDialog.DialogCode.Accepted or self.paint_failed:
            return
        pdf_file = printed_to_file(self.preview_printer)
        if pdf_file:  # the print dialog's "Print to file (PDF)": a file, not paper
            self._log(document, "pdf", self.tr("Saved as PDF: %1"))
        else:
            self._log(document, "printer", self.tr("Sent to the printer: %1"))

    # ---- save as PDF ---------------------------------------------------------------------------

    def save_pdf(self, record_id: str, path: str | None = None, form_id: str | None = None) -> None:
        """Ask which paper (a form printing several) and where (unless `path` is given), write
        the PDF, audit it."""
        document = self.choose_document(form_id)
        if document != CANCELLED:
            self._prepare(record_id, document, lambda doc: self._on_document_for_pdf(doc, path))

    def _on_document_for_pdf(self, document: PrintedDocument, path: str | None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self.parent_widget,
                self.tr("Save as PDF"),
                str(Path.home() / suggested_file_name(document)),
                self.tr("PDF documents (*.pdf)"),
            )
            if not path:
                return
        try:
            self.pages = write_pdf(document, path)
        except (AppError, OSError) as error:  # nothing written: nothing audited, nothing said
            show_error(self.parent_widget, error)
            return
        self._log(document, "pdf", self.tr("Saved as PDF: %1"))

    # ---- shared --------------------------------------------------------------------------------

    def _prepare(
        self,
        record_id: str,
        document: str | None,
        on_done: Callable[[PrintedDocument], None],
    ) -> None:
        self.context.tasks.run(
            prepare_printout,
            self.context.session,
            self.catalogue,
            record_id,
            document,
            on_done=on_done,
            on_error=self._on_error,
            context=self,
        )

    def _log(self, document: PrintedDocument, output: str, message: str) -> None:
        self.context.tasks.run(
            log_printout,
            self.context.session,
            document,
            output,
            self.pages,
            on_done=lambda _none: self.printed.emit(fill_numbered(message, document.title)),
            on_error=self._on_error,
            context=self,
        )

    def _on_error(self, error: BaseException) -> None:
        show_error(self.parent_widget, error)
