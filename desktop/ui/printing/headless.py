"""A Qt application for printing from scripts and the CLI, where no window is ever shown."""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new one that draws offscreen when there is no display.

    Fonts and painters need a QGuiApplication; a terminal on a server has no display, and Qt
    would abort the whole process trying to reach one. A QApplication (not a bare
    QGuiApplication), so that widgets made later in the same process (a print preview, a test)
    do not abort it for want of one.
    """
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication(sys.argv[:1])
