"""Taking a photo in the app: "Take photo…" is offered only when Qt Multimedia sees a camera
(and says why not otherwise), the capture dialog takes, retakes and uses a still, and the
still goes through the attachment intake from memory, with no file left in the temp folder.
No real camera here: the device list is replaced and the still is handed to the dialog as the
camera's `imageCaptured` would."""

from __future__ import annotations

import io
import os
from pathlib import Path

from PIL import Image
from PySide6.QtGui import QColor, QImage
from PySide6.QtMultimedia import QCameraDevice

from desktop.ui import attachment_work, attachments_panel, camera_capture
from desktop.ui.camera_capture import CaptureDialog, jpeg_bytes
from desktop.ui.record_view import RecordView, allowed_changes
from desktop.ui.record_work import open_record
from tests.desktop.ui.record_helpers import (  # noqa: F401 (fixtures)
    example_values,
    page_context_fixture,
    records_fixture,
)


def _devices(monkeypatch, count: int) -> None:
    """What QMediaDevices.videoInputs() would list: `count` (null, never started) devices."""
    devices = [QCameraDevice() for _ in range(count)]
    monkeypatch.setattr(camera_capture, "camera_devices", lambda: list(devices))
    monkeypatch.setattr(attachments_panel, "camera_devices", lambda: list(devices))


def _view(context, records, record_id: str) -> RecordView:
    view = RecordView(records.catalogue, "en", context=context)
    details = open_record(context.session, records.catalogue, record_id)
    user = context.session.user
    view.show_details(details, allowed_changes(user.role, user.username, details.record.summary))
    view.show()
    return view


def _scene(width: int = 320, height: int = 240) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(40, 110, 170))
    for x in range(0, width, 16):
        for y in range(0, height, 16):
            image.setPixelColor(x, y, QColor(250, 250, 250))
    return image


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def test_take_photo_follows_the_devices_and_says_why_when_off(
    monkeypatch, qtbot, records, page_context
):
    """No camera: disabled with the reason in its tooltip; one plugged in: enabled, without
    reopening the record."""
    _devices(monkeypatch, 0)
    record_id = records.make("F3", example_values("F3"))
    view = _view(page_context, records, record_id)
    qtbot.addWidget(view)
    panel = view.attachments
    assert panel is not None
    button = panel.camera_button
    assert not button.isHidden() and not button.isEnabled()
    assert "No camera or scanner" in button.toolTip()

    _devices(monkeypatch, 1)
    panel.devices.videoInputsChanged.emit()
    assert button.isEnabled() and "No camera" not in button.toolTip()
    _devices(monkeypatch, 0)
    panel.devices.videoInputsChanged.emit()
    assert not button.isEnabled()


def test_a_photo_taken_is_attached_from_memory_and_no_file_is_written(
    monkeypatch, qtbot, records, page_context, tmp_path
):
    """Capture → use: the still becomes a JPEG attachment (metadata-free, as the intake makes
    every photo), a new revision; the temp folder Qt and Python would use stays empty."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    _devices(monkeypatch, 1)
    record_id = records.make("F3", example_values("F3"))
    view = _view(page_context, records, record_id)
    qtbot.addWidget(view)
    panel = view.attachments
    assert panel is not None
    revisions: list[int] = []
    view.attachments_changed.connect(revisions.append)
    before = _files_under(tmp_path)

    panel.camera_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, CaptureDialog) and dialog.isVisible()
    assert not dialog.use_button.isEnabled() and not dialog.retake_button.isEnabled()
    dialog.show_still(_scene(200, 100))  # as the camera's imageCaptured hands it over
    dialog.retake_button.click()
    assert dialog.still is None and not dialog.use_button.isEnabled()
    dialog.show_still(_scene())
    assert dialog.use_button.isEnabled() and not dialog.capture_button.isEnabled()
    dialog.use_button.click()

    [name] = panel.rows.names()
    assert name.startswith("Photo ") and name.endswith(".jpg") and revisions == [2]
    attachment, data = attachment_work.read_file(page_context.session, record_id, name)
    assert attachment.media_type == "image/jpeg"
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.size == (320, 240) and len(stored.getexif()) == 0
    assert panel.rows.thumbnail(0) is not None
    assert os.listdir(temp) == []
    new = _files_under(tmp_path) - before
    # Only the database and the photo's sealed file: no plaintext copy anywhere.
    assert all(p.name.startswith("station.db") or p.parent.name == "files" for p in new), new
    [sealed] = [p for p in new if p.parent.name == "files"]
    assert sealed.suffix == ".cax" and data[200:264] not in sealed.read_bytes()


def test_the_capture_dialog_without_a_device_says_so_and_takes_nothing(monkeypatch, qtbot):
    """Opened with no device (unplugged after the button was pressed): nothing to choose or
    capture, and the words say what to do; a device plugged in then is listed."""
    _devices(monkeypatch, 0)
    dialog = CaptureDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.device_box.count() == 0 and not dialog.device_box.isEnabled()
    assert not dialog.capture_button.isEnabled() and not dialog.use_button.isEnabled()
    assert "No camera or scanner" in dialog.placeholder.text()
    assert dialog.stack.currentWidget() is dialog.placeholder  # not a black preview
    assert dialog.camera is None
    dialog.use()  # nothing taken: nothing sent
    _devices(monkeypatch, 1)
    dialog.devices.videoInputsChanged.emit()
    assert dialog.device_box.count() == 1 and dialog.device_box.currentText() == "Camera"
    dialog.reject()


def test_a_still_becomes_jpeg_bytes_in_memory():
    """The encoder the panel uses before the intake: a JPEG of the same size."""
    data = jpeg_bytes(_scene())
    assert data.startswith(b"\xff\xd8\xff") and len(data) > 1000
    with Image.open(io.BytesIO(data)) as decoded:
        assert decoded.size == (320, 240)
