"""Taking a photo with a camera or a video-capable document scanner through Qt Multimedia: the
device list, a live preview, capture, retake and use. The photo stays in memory: a QImage,
then JPEG bytes for the attachment intake — never a file on disk.

Qt Multimedia captures the still into a QImage (`QImageCapture.capture`, not `captureToFile`),
so nothing is written under the user's Pictures folder, as the camera apps of the platforms do.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QImageCapture,
    QMediaCaptureSession,
    QMediaDevices,
)
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.record_form.editor_base import ERROR_COLOUR, HINT_COLOUR, style_label

log = logging.getLogger(__name__)

JPEG_QUALITY = 92  # the intake re-encodes at 90: start a little above, not lose twice


def camera_devices() -> list[QCameraDevice]:
    """The cameras (and scanners that offer a video feed) Qt Multimedia sees now."""
    return list(QMediaDevices.videoInputs())


def jpeg_bytes(image: QImage) -> bytes:
    """The picture as JPEG bytes, encoded in memory."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # The stub wants bytes for the format, the binding accepts only a str.
    if not image.save(buffer, "JPG", JPEG_QUALITY):  # type: ignore[call-overload]
        return b""
    return bytes(buffer.data().data())


class CaptureDialog(QDialog):
    """Choose a device, look through it, take a still, retake it or use it. `photo_taken`
    carries the still the user chose to use."""

    photo_taken = Signal(QImage)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Take a photo"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.camera: QCamera | None = None
        self._by_id: dict[bytes, QCameraDevice] = {}
        self.still: QImage | None = None
        self.session = QMediaCaptureSession(self)
        self.capture = QImageCapture(self)
        self.session.setImageCapture(self.capture)
        self.devices = QMediaDevices(self)
        self.device_box = QComboBox()
        self.device_box.setObjectName("cameraDevice")
        self.preview = QVideoWidget()
        self.preview.setObjectName("cameraPreview")
        self.preview.setMinimumSize(QSize(480, 300))
        self.session.setVideoOutput(self.preview)
        self.still_label = QLabel()
        self.still_label.setObjectName("cameraStill")
        self.still_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Without a device the preview would be a black box: say why in its place instead.
        self.placeholder = style_label(QLabel(), colour=ERROR_COLOUR)
        self.placeholder.setObjectName("cameraNone")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setMargin(40)
        self.stack = QStackedWidget()
        for page in (self.preview, self.still_label, self.placeholder):
            self.stack.addWidget(page)
        self.status = style_label(QLabel(), colour=HINT_COLOUR)
        self.status.setObjectName("cameraStatus")
        self.status.setWordWrap(True)
        self.capture_button = QPushButton(self.tr("&Capture"))
        self.retake_button = QPushButton(self.tr("&Retake"))
        self.use_button = QPushButton(self.tr("&Use this photo"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self._lay_out()
        self.device_box.currentIndexChanged.connect(self._on_device_box_changed)
        self.devices.videoInputsChanged.connect(self._on_devices_changed)
        self.capture.readyForCaptureChanged.connect(lambda _ready: self._update_buttons())
        self.capture.imageCaptured.connect(self._on_capture_imageCaptured)
        self.capture.errorOccurred.connect(self._on_capture_error)
        self.capture_button.clicked.connect(self.take)
        self.retake_button.clicked.connect(self.retake)
        self.use_button.clicked.connect(self.use)
        self.cancel_button.clicked.connect(self.reject)
        self.resize(720, 560)
        self._fill_devices()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        label = QLabel(self.tr("&Device:"))
        label.setBuddy(self.device_box)
        top.addWidget(label)
        top.addWidget(self.device_box, 1)
        buttons = QHBoxLayout()
        for button in (self.capture_button, self.retake_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.use_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.use_button.setDefault(True)

    # ---- devices --------------------------------------------------------------------------------

    def _fill_devices(self) -> None:
        """The list as Qt sees it now, keeping the chosen device when it is still there."""
        chosen = self.device_box.currentData()
        self._by_id = {bytes(d.id().data()): d for d in camera_devices()}
        self.device_box.blockSignals(True)
        self.device_box.clear()
        for key, device in self._by_id.items():
            self.device_box.addItem(device.description() or self.tr("Camera"), key)
        kept = chosen is not None and chosen in self._by_id
        if kept:
            self.device_box.setCurrentIndex(self.device_box.findData(chosen))
        self.device_box.blockSignals(False)
        if not kept:  # the device looked through is gone (or there was none): the first one
            self._start(self._chosen_device())
        self._update_buttons()

    def _chosen_device(self) -> QCameraDevice | None:
        key = self.device_box.currentData()
        return self._by_id.get(key) if key is not None else None

    def _on_devices_changed(self) -> None:
        self._fill_devices()

    def _on_device_box_changed(self, _index: int) -> None:
        self._start(self._chosen_device())

    def _start(self, device: QCameraDevice | None) -> None:
        """Look through `device` (None: no device, nothing to look through)."""
        self._stop()
        if device is None or device.isNull():
            self.placeholder.setText(
                self.tr(
                    "No camera or scanner with a video feed is connected. Connect one; it "
                    "shows here by itself. A scanner without one: scan to a file, then "
                    "\u201cAttach files\u201d."
                )
            )
            self.stack.setCurrentWidget(self.placeholder)
            self._say("")
            return
        self.stack.setCurrentWidget(self.preview)
        camera = QCamera(device, self)
        camera.errorOccurred.connect(self._on_camera_error)
        self.session.setCamera(camera)
        self.camera = camera
        self._say(self.tr("Frame the paper or the scene, then press \u201cCapture\u201d."))
        camera.start()

    def _stop(self) -> None:
        if self.camera is not None:
            self.camera.stop()
            self.session.setCamera(None)  # type: ignore[arg-type]  # None detaches; stub says no
            self.camera.deleteLater()
            self.camera = None

    # ---- taking ---------------------------------------------------------------------------------

    def take(self) -> None:
        if self.capture.isReadyForCapture():
            self.capture.capture()

    def _on_capture_imageCaptured(self, _id: int, image: QImage) -> None:
        self.show_still(image)

    def show_still(self, image: QImage) -> None:
        """The still just taken, shown in place of the live picture until retaken or used."""
        self.still = image
        shown = QPixmap.fromImage(image).scaled(
            self.stack.size(),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.still_label.setPixmap(shown)
        self.stack.setCurrentWidget(self.still_label)
        self._say(self.tr("Use this photo, or retake it."))
        self._update_buttons()

    def retake(self) -> None:
        self.still = None
        self.still_label.clear()
        self.stack.setCurrentWidget(self.preview if self.camera else self.placeholder)
        self._say(self.tr("Frame the paper or the scene, then press \u201cCapture\u201d."))
        self._update_buttons()

    def use(self) -> None:
        if self.still is None:
            return
        self.photo_taken.emit(self.still)
        self.accept()

    def _on_capture_error(self, _id: int, _error: QImageCapture.Error, text: str) -> None:
        log.warning("camera capture failed: %s", text)
        self._say(self.tr("The photo could not be taken. Try again, or choose another device."))

    def _on_camera_error(self, _error: QCamera.Error, text: str) -> None:
        log.warning("camera failed: %s", text)
        self._say(
            self.tr("The device stopped answering. Check its cable, or choose another device."),
            ERROR_COLOUR,
        )
        self._update_buttons()

    # ---- state ----------------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        have_still = self.still is not None
        self.device_box.setEnabled(self.device_box.count() > 0 and not have_still)
        self.capture_button.setEnabled(not have_still and self.capture.isReadyForCapture())
        self.retake_button.setEnabled(have_still)
        self.use_button.setEnabled(have_still)

    def _say(self, text: str, colour: str = HINT_COLOUR) -> None:
        style_label(self.status, colour=colour)
        self.status.setText(text)

    def done(self, result: int) -> None:
        self._stop()  # the camera's light goes off as soon as the dialog does
        super().done(result)
