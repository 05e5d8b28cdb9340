"""A Qt GUI application for drawing pages from scripts and the CLI, where no window is shown."""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import QGuiApplication


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new QGuiApplication that draws offscreen without a display.

    Fonts and painters need a QGuiApplication; a terminal on a server has no display, and Qt would
    abort the whole process trying to reach one. The app (desktop/app.py) makes its QApplication
    before anything is drawn, so this only ever creates one where no widget will follow (the CLI,
    scripts). A process that wants widgets later must create its QApplication first.
    """
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(sys.argv[:1])
