"""What covers the main window while the station is locked: the key is gone until a password."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.core.placeholders import fill_numbered
from desktop.storage.station import Station
from desktop.ui import icons
from desktop.ui.tasks import TaskRunner
from desktop.ui.unlock_form import UnlockForm


class LockScreen(QWidget):
    """Emits `unlocked(session)`; the same user gets their unsaved work back, another starts fresh."""

    unlocked = Signal(object)

    def __init__(self, station: Station, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        icon = QLabel()
        icon.setPixmap(icons.icon("lock").pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel(self.tr("Locked"))
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.detail = QLabel()
        self.detail.setObjectName("lockDetail")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.form = UnlockForm(station, tasks, self)
        self.form.submit.setText(self.tr("&Unlock"))
        self.form.unlocked.connect(self.unlocked)
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setFixedWidth(440)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.addWidget(self.form)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(icon)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addSpacing(12)
        # Centred by stretches, not by an alignment flag: an aligned item gets only its minimum
        # height, not the height its wrapped messages need, and the fields were squashed.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def show_locked(
        self, station_name: str, username: str, at: str, reason: str, full_name: str = ""
    ) -> None:
        """Say which station was locked when and why; `reason` is lock, idle or logout. The text
        names the user by `full_name` when there is one; the user box keeps the login name."""
        # After a log-out the session is over: anyone logs in afresh, so the screen says "Log
        # in" and names no one; a lock keeps the user's work and asks that user to unlock.
        if reason == "logout":
            self.title.setText(self.tr("Logged out"))
            self.form.submit.setText(self.tr("&Log in"))
            text = self.tr("%1: logged out at %2. Log in to continue.")
        else:
            self.title.setText(self.tr("Locked"))
            self.form.submit.setText(self.tr("&Unlock"))
            if reason == "idle":
                text = self.tr("%1 was locked at %2 after a period without activity.")
            else:
                text = self.tr("%1 was locked at %2.")
            text += "\n" + self.tr("Unsaved work is kept until %3 unlocks again.")
        self.detail.setText(fill_numbered(text, station_name, at, full_name or username))
        self.form.reload_users(username if reason != "logout" else "")
        if reason == "logout":
            self.form.set_user("")
        self.form.password.clear()
        self.form.message.clear()
        self.form.focus_first_empty()
