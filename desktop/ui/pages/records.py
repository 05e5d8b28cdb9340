"""PLACEHOLDER (records issue): the searchable list of records; replace this module."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.ui.pages.base import PlaceholderPage


class RecordsPage(PlaceholderPage):
    KEY = "records"
    TITLE = QT_TRANSLATE_NOOP("Pages", "Records")
    ICON = "records"
    PERMISSION = None
    NOTE = QT_TRANSLATE_NOOP(
        "Pages", "The list of records, with search and filters, will be available here soon."
    )
