"""Rich text on A4 pages: NĐ 30/2020 margins, page numbers, a footer with a QR code, a watermark.

`paint_pages` draws on any QPrinter (the PDF writer of `desktop.render.pdf`, the app's print
preview or a real printer), so the preview shows exactly what the PDF holds.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import segno
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter

from desktop.core.errors import FileUnwritable
from desktop.render.fonts import document_font
from desktop.render.page_rules import apply_page_rules

# NĐ 30/2020 Annex I: top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm. The bottom takes the
# upper end because the footer line and the QR code live there.
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 20.0, 25.0, 30.0, 15.0
QR_SIZE_MM = 17.0  # ~0.4 mm a module for a version-5 code: a phone camera reads it off paper
FOOTER_POINTS = 8
PAGE_NUMBER_POINTS = 13  # Arabic numerals, 13–14 pt, centred in the top margin, not on page 1
WATERMARK_POINTS = 96
WATERMARK_COLOUR = QColor(215, 215, 215)  # light grey under the text: the text stays readable


@dataclass(frozen=True)
class Footer:
    """What every page carries at the bottom: one short line and, optionally, a QR code."""

    text: str = ""
    qr_payload: str | None = None


def configure_page(printer: QPrinter) -> None:
    """A4 portrait, margins drawn by us (full page), so PDF, preview and paper agree."""
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    printer.setFullPage(True)


def _mm(printer: QPrinter, millimetres: float) -> float:
    return millimetres * printer.resolution() / 25.4


def _content_rect(printer: QPrinter) -> QRectF:
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    left, top = _mm(printer, MARGIN_LEFT_MM), _mm(printer, MARGIN_TOP_MM)
    right, bottom = _mm(printer, MARGIN_RIGHT_MM), _mm(printer, MARGIN_BOTTOM_MM)
    return QRectF(left, top, paper.width() - left - right, paper.height() - top - bottom)


# Qt's rich text scales CSS px to the paint device's resolution for vertical margins but not for
# horizontal ones, so the document is laid out at a fixed 96 dpi (1 px = 1/96 inch, as CSS means)
# and the painter scales it to the printer. Design metrics keep glyph advances unhinted.
LAYOUT_DPI = 96


@functools.cache
def _layout_device() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


def layout_document(html: str, page: QSizeF) -> QTextDocument:
    """The document laid out at LAYOUT_DPI, one `page` (in layout pixels) of content per page."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(_layout_device())
    document.setUseDesignMetrics(True)
    document.setDefaultFont(document_font())
    document.setDocumentMargin(0)
    document.setPageSize(page)
    document.setHtml(html)
    apply_page_rules(document)
    return document


def paint_pages(
    html: str,
    printer: QPrinter,
    *,
    watermark: str | None = None,
    footer: Footer | None = None,
) -> int:
    """Draw every page of `html` on `printer` (a PDF writer or the preview's); the page count.

    Raises FileUnwritable when the printer cannot start (a PDF in a missing or read-only folder).
    """
    configure_page(printer)
    content = _content_rect(printer)
    scale = printer.resolution() / LAYOUT_DPI
    document = layout_document(html, QSizeF(content.width() / scale, content.height() / scale))
    pages = max(1, document.pageCount())
    painter = QPainter(printer)
    if not painter.isActive():  # Qt only warns "QPainter::begin(): Returned false"
        raise FileUnwritable(path=printer.outputFileName() or printer.printerName())
    try:
        for index in range(pages):
            if index:
                printer.newPage()
            if watermark:
                _draw_watermark(painter, printer, watermark)
            _draw_content(painter, document, content, index, scale)
            if index:
                _draw_page_number(painter, printer, index + 1)
            if footer:
                _draw_footer(painter, printer, content, footer)
    finally:
        finished = painter.end()
    if not finished:  # the PDF writer could not finish the file (disk full, removed medium)
        raise FileUnwritable(path=printer.outputFileName() or printer.printerName())
    return pages


def _draw_content(
    painter: QPainter, document: QTextDocument, content: QRectF, index: int, scale: float
) -> None:
    painter.save()
    painter.translate(content.left(), content.top())
    painter.scale(scale, scale)
    page = document.pageSize()
    painter.translate(0, -index * page.height())
    clip = QRectF(0, index * page.height(), page.width(), page.height())
    painter.setClipRect(clip)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = clip
    document.documentLayout().draw(painter, context)
    painter.restore()


def _draw_watermark(painter: QPainter, printer: QPrinter, text: str) -> None:
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    font = document_font(WATERMARK_POINTS)
    font.setBold(True)
    painter.save()
    painter.setFont(font)
    painter.setPen(WATERMARK_COLOUR)
    painter.translate(paper.center())
    painter.rotate(-45)
    box = QRectF(-paper.height(), -paper.width() / 2, 2 * paper.height(), paper.width())
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def _draw_page_number(painter: QPainter, printer: QPrinter, number: int) -> None:
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    painter.save()
    painter.setFont(document_font(PAGE_NUMBER_POINTS))
    painter.setPen(Qt.GlobalColor.black)
    box = QRectF(0, _mm(printer, 8), paper.width(), _mm(printer, MARGIN_TOP_MM - 10))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(number))
    painter.restore()


def _draw_footer(painter: QPainter, printer: QPrinter, content: QRectF, footer: Footer) -> None:
    top = content.bottom() + _mm(printer, 3)
    qr_size = _mm(printer, QR_SIZE_MM) if footer.qr_payload else 0.0
    if footer.qr_payload:
        _draw_qr(
            painter, footer.qr_payload, QRectF(content.right() - qr_size, top, qr_size, qr_size)
        )
    if footer.text:
        painter.save()
        font: QFont = document_font(FOOTER_POINTS)
        painter.setFont(font)
        painter.setPen(QColor(60, 60, 60))
        gap = _mm(printer, 3) if qr_size else 0.0
        box = QRectF(content.left(), top, content.width() - qr_size - gap, max(qr_size, 1.0))
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
        painter.drawText(box, flags | Qt.TextFlag.TextWordWrap, footer.text)
        painter.restore()


def _draw_qr(painter: QPainter, payload: str, box: QRectF) -> None:
    """The QR code as vector squares (crisp at any resolution), with its 4-module quiet zone."""
    code = segno.make_qr(payload, error="m")
    matrix = code.matrix
    quiet = 4
    modules = len(matrix) + 2 * quiet
    step = box.width() / modules
    path = QPainterPath()
    for row, line in enumerate(matrix):
        for column, dark in enumerate(line):
            if dark:
                corner = QPointF(
                    box.left() + (column + quiet) * step, box.top() + (row + quiet) * step
                )
                # A hair of overlap so adjacent modules never show a seam in viewers.
                path.addRect(QRectF(corner, QSizeF(step * 1.02, step * 1.02)))
    painter.save()
    painter.fillRect(box, Qt.GlobalColor.white)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.fillPath(path, Qt.GlobalColor.black)
    painter.restore()
