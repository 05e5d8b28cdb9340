"""The first page after login: a greeting and the station (record counts come with records)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.ui.labels import role_name
from desktop.ui.pages.base import Page
from desktop.ui.services import PageContext


class DashboardPage(Page):
    KEY = "dashboard"
    TITLE = QT_TRANSLATE_NOOP("Pages", "Dashboard")
    ICON = "dashboard"
    PERMISSION = None

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        user = context.session.user
        self.greeting = QLabel(self.tr("Hello, %1!").replace("%1", user.full_name or user.username))
        self.greeting.setObjectName("greeting")
        self.greeting.setStyleSheet("font-size: 18pt; font-weight: bold;")
        station = QLabel(
            self.tr("%1 \u00b7 station code %2")
            .replace("%1", context.station.name)
            .replace("%2", context.station.code)
        )
        station.setStyleSheet("font-size: 12pt;")
        role = QLabel(self.tr("You are logged in as %1.").replace("%1", role_name(user.role)))
        # PLACEHOLDER (records issue): counts by form and status, today's work, drafts.
        counts = QLabel(
            self.tr("Counts of records by form and status, today's work and drafts appear here.")
        )
        counts.setWordWrap(True)
        counts.setStyleSheet("color: #616161;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.greeting)
        layout.addWidget(station)
        layout.addWidget(role)
        layout.addSpacing(16)
        layout.addWidget(counts)
        layout.addStretch(1)
