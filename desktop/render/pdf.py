"""The one way a document becomes a PDF: `write_pdf`, called by the app and by `cax` alike.

A document is anything shaped like `Printable` — a record's `domain.documents.PrintedDocument`,
a periodic report's `domain.reports.document.ReportDocument` — so every printout of the station
is laid out and drawn by the same code, on screen (preview) and on paper.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Protocol

from PySide6.QtPrintSupport import QPrinter

from desktop.core.errors import FileUnwritable
from desktop.render.headless import ensure_gui_application
from desktop.render.pages import Footer, configure_page, paint_pages
from domain.documents import PrintedDocument


class Printable(Protocol):
    """What a document carries to paper: rich text, a title, the watermark and the footer."""

    @property
    def title(self) -> str: ...
    @property
    def html(self) -> str: ...
    @property
    def watermark(self) -> str | None: ...
    @property
    def footer_text(self) -> str: ...
    @property
    def qr_payload(self) -> str | None: ...


def footer_of(document: Printable) -> Footer:
    return Footer(document.footer_text, document.qr_payload)


def write_pdf(document: Printable, path: str | Path) -> int:
    """Lay `document` out on A4 pages and write them to `path` as PDF (fonts embedded); the page
    count. Works without a window: a QGuiApplication is made offscreen when none runs. Raises
    FileUnwritable when the file cannot be written. Audit a record's PDF with `log_printout`."""
    ensure_gui_application()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName(document.title)
    printer.setCreator("CAX Desk")
    configure_page(printer)
    pages = paint_document(document, printer)
    # Qt reports a failed write only as a warning on stderr: the file itself is the proof that
    # callers may go on to audit and announce it.
    if not Path(path).is_file():
        raise FileUnwritable(path=str(path))
    return pages


def paint_document(document: Printable, printer: QPrinter) -> int:
    """Draw `document` on `printer` (the print preview's, a real printer); the page count."""
    return paint_pages(
        document.html, printer, watermark=document.watermark, footer=footer_of(document)
    )


def suggested_file_name(document: PrintedDocument) -> str:
    """ "05-BB-VPHC.pdf" for a numbered record, else the form and the record id's start."""
    facts = document.facts
    stem = facts.number or f"{facts.form_id}-{facts.record_id[:8]}"
    return re.sub(r"[^\w.-]+", "-", stem).strip("-") + ".pdf"
