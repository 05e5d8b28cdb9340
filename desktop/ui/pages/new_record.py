"""PLACEHOLDER (records issue): the form catalogue and data entry; replace this module."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.core.permissions import Permission
from desktop.ui.pages.base import PlaceholderPage


class NewRecordPage(PlaceholderPage):
    KEY = "new_record"
    TITLE = QT_TRANSLATE_NOOP("Pages", "New record")
    ICON = "new-record"
    PERMISSION = Permission.CREATE_RECORDS
    NOTE = QT_TRANSLATE_NOOP(
        "Pages", "Choosing a form and filling it in will be available here in the next version."
    )
