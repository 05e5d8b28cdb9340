"""The main window's status bar: who is logged in, records waiting to sync, connectivity, station."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desktop.core.placeholders import fill_numbered
from desktop.storage.station import CurrentUser
from desktop.ui.formats import format_number
from desktop.ui.labels import never_backed_up_text, role_name

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
        self.backup = QLabel()
        self.backup.setObjectName("statusBackupOverdue")
        self.backup.setVisible(False)
        self.addWidget(self.backup)  # left side: a reminder, not a permanent state
        for label in (self.user, self.role, self.pending, self.connectivity, self.station):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        self._online: bool | None = None
        self._syncing = False
        self.set_pending_sync(None)
        self._show_connectivity()

    def set_session(self, user: CurrentUser, station_name: str) -> None:
        self.user.setText(f"{user.full_name or user.username} ({user.username})")
        self.role.setText(role_name(user.role))
        self.station.setText(station_name)

    def set_locked(self, logged_out: bool = False) -> None:
        """No one's session: say "Logged out" or "Locked" as the screen above does, and drop the
        backup reminder, which was the last user's (the next one is told at their login)."""
        self.user.setText(self.tr("Logged out") if logged_out else self.tr("Locked"))
        self.role.clear()
        self.backup.setVisible(False)
        self.clearMessage()

    def set_pending_sync(self, count: int | None) -> None:
        """How many records wait to be sent; None: the station is not enrolled (nothing is sent)."""
        if count is None:
            self.pending.setText(self.tr("Not enrolled for sync"))
        else:
            self.pending.setText(
                fill_numbered(self.tr("Waiting to sync: %1"), format_number(count))
            )

    def set_online(self, online: bool | None) -> None:
        """Whether the server answered lately; None while it is not known (or not enrolled)."""
        self._online = online
        self._show_connectivity()

    def set_syncing(self, syncing: bool) -> None:
        self._syncing = syncing
        self._show_connectivity()

    def _show_connectivity(self) -> None:
        if self._syncing:
            text, colour = self.tr("Syncing\u2026"), "#1565c0"
        elif self._online is None:
            text, colour = self.tr("Connection not checked"), "#9e9e9e"
        elif self._online:
            text, colour = self.tr("Online"), "#2e7d32"
        else:
            text, colour = self.tr("Offline"), "#757575"
        self.connectivity.setText(f"<span style='color:{colour}'>\u25cf</span> {text}")

    def set_backup_reminder(self, reminder: str) -> None:
        """A quiet reminder: `reminder` is what `backup_panel.backup_reminder_due(session)`
        answered on the task runner ("never", "overdue" or "" for none)."""
        if reminder == "never":
            text = fill_numbered(self.tr("%1: Settings \u2192 Backup."), never_backed_up_text())
        else:
            text = self.tr("No recent backup: Settings \u2192 Backup.")
        self.backup.setText("<span style='color:#e65100'>\u26a0</span> " + text)
        self.backup.setVisible(bool(reminder))

    def show_note(self, text: str) -> None:
        self.showMessage(text, MESSAGE_MS)
