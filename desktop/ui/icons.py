"""The app's icons: small SVGs in resources/icons, found in a checkout and in a bundle alike."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from desktop.paths import resource_path

APP_ICON = "cax-desk"


def icon(name: str) -> QIcon:
    return QIcon(str(resource_path("icons", f"{name}.svg")))


def app_icon() -> QIcon:
    return icon(APP_ICON)
