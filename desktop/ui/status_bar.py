"""The main window's status bar: who is logged in, records waiting to sync, connectivity, station."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desktop.storage.station import CurrentUser
from desktop.ui.formats import format_number
from desktop.ui.labels import role_name

MESSAGE_MS = 6000


class StationStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = QLabel()
        self.user.setObjectName("statusUser")
        self.role = QLabel()
        self.role.setObjectName("statusRole")
        self.pending = QLabel()
        self.pending.setObjectName("statusPendingSync")
        self.connectivity = QLabel()
        self.connectivity.setObjectName("statusConnectivity")
        self.station = QLabel()
        self.station.setObjectName("statusStation")
        for label in (self.user, self.role, self.pending, self.connectivity, self.station):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        self.set_pending_sync(0)
        self.set_online(False)

    def set_session(self, user: CurrentUser, station_name: str) -> None:
        self.user.setText(f"{user.full_name or user.username} ({user.username})")
        self.role.setText(role_name(user.role))
        self.station.setText(station_name)

    def set_locked(self) -> None:
        self.user.setText(self.tr("Locked"))
        self.role.clear()
        self.clearMessage()

    def set_pending_sync(self, count: int) -> None:
        """How many records wait to be sent (the sync issue calls this)."""
        self.pending.setText(self.tr("Waiting to sync: %1").replace("%1", format_number(count)))

    def set_online(self, online: bool | None) -> None:
        """Whether the server answered lately; None while it is not yet known."""
        if online is None:
            text, colour = self.tr("Checking connection\u2026"), "#757575"
        elif online:
            text, colour = self.tr("Online"), "#2e7d32"
        else:
            text, colour = self.tr("Offline"), "#757575"
        self.connectivity.setText(f"<span style='color:{colour}'>\u25cf</span> {text}")

    def show_note(self, text: str) -> None:
        self.showMessage(text, MESSAGE_MS)
