"""A periodic report's document to PDF or to the print preview: what the Reports page and
`cax report --pdf` both call (the CLI reaches it lazily, as `cax print` does record_pdf)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter

from desktop.ui.printing.headless import ensure_gui_application
from desktop.ui.printing.pdf import Footer, paint_pages, write_pdf
from domain.reports.document import ReportDocument


def _footer(document: ReportDocument) -> Footer:
    return Footer(document.footer_text, document.qr_payload)


def save_report_pdf(document: ReportDocument, path: str | Path) -> int:
    """Write the report to `path` as an A4 PDF; the number of pages. Works without a window."""
    ensure_gui_application()
    return write_pdf(
        document.html,
        path,
        watermark=document.watermark,
        footer=_footer(document),
        title=document.title,
    )


def paint_report(document: ReportDocument, printer: QPrinter) -> int:
    """Draw the report on `printer` (the print preview's), exactly as the PDF shows it."""
    return paint_pages(
        document.html, printer, watermark=document.watermark, footer=_footer(document)
    )
