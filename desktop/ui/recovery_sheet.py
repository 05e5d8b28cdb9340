"""The recovery key on paper or in a file: the sheet's text, printing it, saving it."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from desktop.core.placeholders import fill_numbered
from desktop.core.station_time import station_today
from desktop.storage.files import write_atomically
from desktop.ui.formats import format_date


def _lines(station_name: str, station_code: str, key: str, supervisor: str) -> list[str]:
    return [
        QCoreApplication.translate("RecoverySheet", "CAX Desk \u2014 station recovery key"),
        fill_numbered(
            QCoreApplication.translate("RecoverySheet", "Station: %1 (code %2)"),
            station_name,
            station_code,
        ),
        fill_numbered(
            QCoreApplication.translate("RecoverySheet", "Created on %1 for supervisor %2"),
            format_date(station_today()),
            supervisor,
        ),
        key,
        QCoreApplication.translate(
            "RecoverySheet",
            "With this key a supervisor who forgot their password can set a new one."
            " Anyone holding it can open the station's data: keep it locked away,"
            " never on the station computer.",
        ),
    ]


def sheet_text(station_name: str, station_code: str, key: str, supervisor: str) -> str:
    """The sheet as plain text, for "Save to file"."""
    title, station, created, key_line, advice = _lines(station_name, station_code, key, supervisor)
    return "\n".join([title, "", station, created, "", f"    {key_line}", "", advice, ""])


# Groups of the key on one printed line: the whole key at 20 pt is wider than A4, and where Qt
# wraps it on its own it may break inside a group ("…-518" / "E": no break is allowed between a
# hyphen and a digit), which a person copying it reads as a group of three.
GROUPS_PER_LINE = 4


def key_lines(key: str) -> list[str]:
    """ "3Q4E-2D02-…" as lines of whole groups: ["3Q4E-2D02-1HMC-7EDJ", "0BJT-…"]."""
    groups = key.split("-")
    return [
        "-".join(groups[i : i + GROUPS_PER_LINE]) for i in range(0, len(groups), GROUPS_PER_LINE)
    ]


def sheet_html(station_name: str, station_code: str, key: str, supervisor: str) -> str:
    """The sheet as rich text, for printing; the key in lines of whole groups, never wrapped."""
    title, station, created, _, advice = (
        html.escape(line) for line in _lines(station_name, station_code, key, supervisor)
    )
    key_html = "<br>".join(html.escape(line) for line in key_lines(key))
    return (
        f"<h2>{title}</h2><p>{station}<br>{created}</p>"
        f"<p style='font-family: DejaVu Sans Mono, monospace; font-size: 20pt;"
        f" font-weight: bold; margin: 24px 0; white-space: pre'>{key_html}</p><p>{advice}</p>"
    )


def save_sheet(path: Path, text: str) -> None:
    write_atomically(path, text.encode("utf-8"))


def print_document(printer: QPrinter, rich_text: str) -> None:
    document = QTextDocument()
    document.setHtml(rich_text)
    document.print_(printer)


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            printer.pageLayout().margins(),
        )
    )
    return printer


def ask_and_print(parent: QWidget, rich_text: str) -> QPrinter | None:
    """The system print dialog (which also offers a PDF file); the printer it printed on, or
    None when cancelled (`printing.outcome.printed_to_file` tells paper from a file)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("RecoverySheet", "Print the recovery key"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    print_document(printer, rich_text)
    return printer
