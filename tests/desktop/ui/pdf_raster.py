"""A page of a PDF as an image, with Qt's own PDF module: the tests and scripts/render_samples.py
read the QR code and look at the pages with it (the app itself never rasterises a PDF)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument


def render_page(pdf: str | Path, page: int = 0, *, dpi: int = 100, grey: bool = True) -> QImage:
    """Page `page` (from 0) of `pdf` at `dpi`, on white; grey scale keeps sample PNGs small."""
    document = QPdfDocument()
    error = document.load(str(pdf))
    if error != QPdfDocument.Error.None_:
        raise OSError(f"cannot read {pdf}: {error.name}")
    try:
        points = document.pagePointSize(page)
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        image = document.render(page, size)
    finally:
        document.close()
    flattened = QImage(image.size(), QImage.Format.Format_RGB32)
    flattened.fill(0xFFFFFFFF)
    painter = QPainter(flattened)
    painter.drawImage(0, 0, image)
    painter.end()
    return flattened.convertToFormat(QImage.Format.Format_Grayscale8) if grey else flattened
