"""Showing one attached file inside the app, from its decrypted bytes in memory: an image with
zoom and rotate (the rotation is the view's only, the stored file never changes), a PDF scan
page by page through QtPdf reading from a QBuffer — never a temporary file on disk."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QKeySequence,
    QPainter,
    QPixmap,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import AttachmentCorrupt
from desktop.core.placeholders import fill_numbered
from desktop.storage.attachments import Attachment

ZOOM_STEP = 1.25


class _ZoomingView(QGraphicsView):
    """Ctrl + wheel zooms, as in every picture viewer; the wheel alone scrolls."""

    def __init__(self, owner: ImageViewer) -> None:
        super().__init__()
        self._owner = owner

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._owner.zoom_by(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            event.accept()
            return
        super().wheelEvent(event)


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """`width`×`height`, but no larger than the screen's free area: a PDF page wants 900 pixels
    of height, a 1366×768 laptop has about 730 under its panels, and the window's foot (and
    the manager's title bar on top) would fall off the screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    free = screen.availableGeometry() if screen is not None else None
    if free is not None:
        frame = 40  # the title bar and borders the window manager adds around the dialog
        width, height = min(width, free.width()), min(height, free.height() - frame)
    window.resize(width, height)


def _bar(*buttons: QPushButton) -> QHBoxLayout:
    bar = QHBoxLayout()
    for button in buttons:
        bar.addWidget(button)
    bar.addStretch(1)
    return bar


class ImageViewer(QDialog):
    """A photo or scan as an image: zoom in/out, fit to the window, turn left/right."""

    def __init__(self, attachment: Attachment, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(attachment.name)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        image = QImage.fromData(data)
        if image.isNull():
            raise AttachmentCorrupt(sha256=attachment.short_hash)
        self.image_size = image.size()
        self.scene = QGraphicsScene(self)
        self.item = QGraphicsPixmapItem(QPixmap.fromImage(image))
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.item)
        self.view = _ZoomingView(self)
        self.view.setObjectName("imageView")
        self.view.setScene(self.scene)
        self.view.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.zoom, self.rotation = 1.0, 0
        self.zoom_in_button = QPushButton(self.tr("Zoom &in"))
        self.zoom_out_button = QPushButton(self.tr("Zoom &out"))
        self.fit_button = QPushButton(self.tr("&Fit"))
        self.left_button = QPushButton(self.tr("Turn &left"))
        self.right_button = QPushButton(self.tr("Turn &right"))
        self.close_button = QPushButton(self.tr("Close"))
        self.scale_label = QLabel()
        self.scale_label.setObjectName("imageScale")
        bar = _bar(
            self.zoom_in_button,
            self.zoom_out_button,
            self.fit_button,
            self.left_button,
            self.right_button,
        )
        bar.addWidget(self.scale_label)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(1 / ZOOM_STEP))
        self.fit_button.clicked.connect(self.fit)
        self.left_button.clicked.connect(lambda: self.rotate_by(-90))
        self.right_button.clicked.connect(lambda: self.rotate_by(90))
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomIn), self, self.zoom_in_button.click)
        QShortcut(QKeySequence(QKeySequence.StandardKey.ZoomOut), self, self.zoom_out_button.click)
        resize_within_screen(self, 900, 680)
        self._apply()

    def zoom_by(self, factor: float) -> None:
        self.zoom = min(max(self.zoom * factor, 0.05), 20.0)
        self._apply()

    def rotate_by(self, degrees: int) -> None:
        self.rotation = (self.rotation + degrees) % 360
        self._apply()

    def fit(self) -> None:
        """The whole picture in the window, as turned now."""
        self._apply()
        self.view.fitInView(self.item, Qt.AspectRatioMode.KeepAspectRatio)
        self.zoom = self.view.transform().mapRect(self.item.boundingRect()).width() / max(
            self._turned_width(), 1
        )
        self._show_scale()

    def _turned_width(self) -> int:
        size = self.image_size
        return size.height() if self.rotation in (90, 270) else size.width()

    def _apply(self) -> None:
        self.view.resetTransform()
        self.view.rotate(self.rotation)
        self.view.scale(self.zoom, self.zoom)
        self._show_scale()

    def _show_scale(self) -> None:
        self.scale_label.setText(fill_numbered(self.tr("%1 %"), str(round(self.zoom * 100))))


class PdfViewer(QDialog):
    """A PDF scan shown with QtPdf, every page one under the other, zoom in/out."""

    def __init__(self, attachment: Attachment, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(attachment.name)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # The document reads from this buffer for as long as it is shown: keep both alive.
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            raise AttachmentCorrupt(sha256=attachment.short_hash)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.zoom_in_button = QPushButton(self.tr("Zoom &in"))
        self.zoom_out_button = QPushButton(self.tr("Zoom &out"))
        self.fit_button = QPushButton(self.tr("&Fit width"))
        self.close_button = QPushButton(self.tr("Close"))
        pages = fill_numbered(self.tr("%1 page(s)"), str(self.document.pageCount()))
        bar = _bar(self.zoom_in_button, self.zoom_out_button, self.fit_button)
        bar.addWidget(QLabel(pages))
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.zoom_in_button.clicked.connect(lambda: self._zoom_by(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self._zoom_by(1 / ZOOM_STEP))
        self.fit_button.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.close_button.clicked.connect(self.close)
        resize_within_screen(self, 820, 900)

    def _zoom_by(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(max(self.view.zoomFactor() * factor, 0.1), 10.0))
