"""PLACEHOLDER (records issue): the supervisor's queue of completed records; replace this module."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.core.permissions import Permission
from desktop.ui.pages.base import PlaceholderPage


class ReviewPage(PlaceholderPage):
    KEY = "review"
    TITLE = QT_TRANSLATE_NOOP("Pages", "Review")
    ICON = "review"
    PERMISSION = Permission.APPROVE_RECORDS
    NOTE = QT_TRANSLATE_NOOP(
        "Pages", "Completed records waiting for approval will be listed here soon."
    )
