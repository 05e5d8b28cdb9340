"""Screenshots of a record's files: the Attachments tab with thumbnails (photos and a PDF's first
page), "Take photo" off with its reason, the capture dialog without a device and with a still,
the image viewer (zoomed, turned) and a PDF scan shown inside the app.

Run under Xvfb from the repository root, at 1100×720 (docs/screenshots/{vi,en}/) or another size
(`--size 1366x768`: docs/screenshots/1366x768/{vi,en}/):

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/screenshots/make_attachment_screenshots.py

The station of make_record_screenshots.py; the officer attaches two scene photos and a signed
scan (drawn here with Pillow: no real person's picture) to one of her completed records.
Xvfb has no camera: the capture dialog is shown once as it is (no device), then with one
stand-in device and a drawn still handed to it as the camera would hand over a capture.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_record_screenshots import (
    make_station,
    open_window,
    parse_size,
    pause,
    shoot,
    use_size,
    wait_until,
)
from PIL import Image, ImageDraw
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QCameraDevice
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.storage.attachment_service import AttachmentService
from desktop.storage.records import RecordService
from desktop.storage.station import Station
from desktop.ui import camera_capture, i18n, theme
from desktop.ui.camera_capture import CaptureDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.record_work import shared_catalogue
from domain.records import RecordFilter, RecordStatus

NAMES = {
    "vi": ("ảnh hiện trường 1.jpg", "ảnh hiện trường 2.jpg", "biên bản đã ký.pdf"),
    "en": ("scene photo 1.jpg", "scene photo 2.jpg", "signed minutes.pdf"),
}


def scene(path: Path, sky: tuple[int, int, int], car: tuple[int, int, int]) -> Path:
    """A street drawn in flat colours: a road, a kerb, a motorbike-sized box, a sign post."""
    image = Image.new("RGB", (1600, 1200), sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 700, 1600, 1200), fill=(90, 90, 96))
    draw.rectangle((0, 660, 1600, 700), fill=(200, 200, 190))
    for x in range(0, 1600, 220):
        draw.rectangle((x, 930, x + 120, 950), fill=(240, 240, 240))
    draw.rounded_rectangle((520, 560, 1040, 860), radius=60, fill=car)
    draw.ellipse((560, 800, 700, 940), fill=(30, 30, 30))
    draw.ellipse((860, 800, 1000, 940), fill=(30, 30, 30))
    draw.rectangle((1300, 250, 1320, 700), fill=(120, 120, 120))
    draw.ellipse((1230, 150, 1390, 310), fill=(200, 30, 30))
    image.save(path, format="JPEG", quality=88)
    return path


def signed_scan(path: Path) -> Path:
    """A page of typed lines with two signatures, saved as a one-page PDF."""
    page = Image.new("RGB", (1240, 1754), (250, 250, 246))
    draw = ImageDraw.Draw(page)
    draw.rectangle((120, 120, 1120, 150), fill=(60, 60, 60))
    for row in range(22):
        y = 260 + row * 48
        draw.rectangle((120, y, 1120 - (row % 5) * 90, y + 14), fill=(110, 110, 110))
    for x in (200, 760):
        draw.line(
            (x, 1450, x + 120, 1400, x + 200, 1470, x + 280, 1420), fill=(20, 40, 140), width=5
        )
    page.save(path, format="PDF", resolution=150)
    return path


def attach(home: Path, lang: str) -> str:
    """The officer's first completed record, with the three files; its id."""
    officer = Station(home).unlock("lan", "Canbo-Hoa-77")
    records = RecordService(officer, shared_catalogue())
    record_id = records.page(RecordFilter(status=RecordStatus.COMPLETED))[0].id
    folder = home.parent / "files"
    folder.mkdir()
    first, second, paper = NAMES[lang]
    paths = [
        scene(folder / first, (150, 190, 230), (40, 110, 170)),
        scene(folder / second, (235, 200, 150), (170, 60, 40)),
        signed_scan(folder / paper),
    ]
    AttachmentService(officer, shared_catalogue()).attach(record_id, paths)
    officer.close()
    return record_id


def tour(window: MainWindow, lang: str, record_id: str) -> None:
    wait_until(lambda: window.page("records") is not None)
    window.show_page("records")
    records = window.page("records")
    wait_until(lambda: records.catalogue is not None)
    records.open_record(record_id)
    wait_until(lambda: records.view is not None and records.view.details is not None)
    view = records.view
    panel = view.attachments
    view.tabs.setCurrentWidget(panel)
    wait_until(lambda: panel.rows.rowCount() == 3)
    panel.select(NAMES[lang][0])
    shoot(window, "record-attachments", lang)
    cameras(window, panel, lang)

    # A PDF that would run a script when opened: refused in the catalogue's words, nothing kept.
    hostile = Path(tempfile.mkdtemp()) / "scan.pdf"
    hostile.write_bytes(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n"
        b"2 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
    panel.attach_paths([str(hostile)])
    wait_until(lambda: panel.message.isVisible() and not panel.progress.isVisible())
    shoot(window, "record-attachment-refused", lang)

    panel.open_selected()
    wait_until(lambda: panel.viewer is not None and panel.viewer.isVisible())
    viewer = panel.viewer
    viewer.setGeometry(window.x() + 120, window.y() + 60, 860, 620)
    pause(300)
    viewer.right_button.click()
    viewer.fit()
    shoot(window, "attachment-image-viewer", lang)
    viewer.close()

    panel.select(NAMES[lang][2])
    panel.open_selected()
    wait_until(lambda: panel.viewer is not viewer and panel.viewer.isVisible())
    pdf = panel.viewer
    pdf.setGeometry(window.x() + 200, window.y() + 40, 700, 660)
    pause(800)
    shoot(window, "attachment-pdf-viewer", lang)
    pdf.close()


def cameras(window: MainWindow, panel, lang: str) -> None:
    """No camera here: "Take photo" is off and its tooltip says why; the dialog says the same;
    with a stand-in device, a still as a capture hands it over, ready to use or retake."""
    button = panel.camera_button
    QToolTip.showText(button.mapToGlobal(button.rect().bottomLeft()), button.toolTip(), button)
    shoot(window, "record-attachment-no-camera", lang)
    QToolTip.hideText()
    dialog = CaptureDialog(window)
    dialog.setGeometry(window.x() + 160, window.y() + 70, 720, 540)
    dialog.show()
    shoot(window, "attachment-camera-none", lang)
    dialog.close()
    camera_capture.camera_devices = lambda: [QCameraDevice()]
    dialog = CaptureDialog(window)
    dialog.setGeometry(window.x() + 160, window.y() + 70, 720, 540)
    dialog.show()
    pause(200)
    with tempfile.TemporaryDirectory() as folder:
        still = scene(Path(folder) / "still.jpg", (200, 205, 210), (60, 120, 80))
        dialog.show_still(QImage(str(still)))
    shoot(window, "attachment-camera-still", lang)
    dialog.close()
    camera_capture.camera_devices = real_camera_devices


real_camera_devices = camera_capture.camera_devices


def main() -> None:
    size = parse_size()
    use_size(size)
    app = QApplication(sys.argv[:1])
    theme.apply_palette(app)  # as desktop/app.py does
    for lang in ("vi", "en"):
        translators = i18n.install_translators(app, lang)
        home = Path(tempfile.mkdtemp()) / "station"
        make_station(home)
        record_id = attach(home, lang)
        window = open_window(home, lang, size, "lan", "Canbo-Hoa-77")
        tour(window, lang, record_id)
        window.close()
        window.services.idle.stop()
        i18n.remove_translators(app, translators)


if __name__ == "__main__":
    main()
