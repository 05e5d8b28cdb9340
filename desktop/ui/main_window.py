"""The main window (an empty shell until the desktop-app issue fills it in)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from desktop.version import __version__


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("CAX Desk %1").replace("%1", __version__))
        self.resize(1024, 700)
        label = QLabel(self.tr("CAX Desk — phần mềm nhập liệu của Công an xã"))
        label.setMargin(24)
        self.setCentralWidget(label)
