"""Where a print from Qt's print dialog went: its "Print to file" makes a PDF, not paper."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrinter


def printed_to_file(printer: QPrinter | None) -> str:
    """The PDF file a print went to when the user chose "Print to file" in the print dialog;
    empty when it went to a printer (saying "sent to the printer" would then be untrue)."""
    if printer is None or printer.outputFormat() != QPrinter.OutputFormat.PdfFormat:
        return ""
    return printer.outputFileName()
