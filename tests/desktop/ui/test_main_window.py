"""The GUI shell starts offscreen and shows the product name and version."""

from __future__ import annotations

from desktop.ui.main_window import MainWindow
from desktop.version import __version__


def test_main_window_shows_name_and_version(qtbot):
    """The window opens with the version in its title (a stub until the desktop-app issue)."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == f"CAX Desk {__version__}"
    assert "Công an xã" in window.centralWidget().text()
