"""The window shown at start-up when the station exists: who you are and your password."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop.core.placeholders import fill_numbered
from desktop.storage.station import Station
from desktop.ui import icons
from desktop.ui.errors import ui_language
from desktop.ui.help_window import show_help
from desktop.ui.tasks import TaskRunner
from desktop.ui.unlock_form import UnlockForm
from desktop.version import __version__


class LoginWindow(QWidget):
    """Emits `unlocked(session)`; the caller then replaces it with the main window."""

    unlocked = Signal(object)

    def __init__(
        self,
        station: Station,
        tasks: TaskRunner,
        user: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("CAX Desk \u2014 log in"))
        self.setWindowIcon(icons.app_icon())
        self.form = UnlockForm(station, tasks, self)
        self.form.set_user(user)  # who to offer (a test, the lock screen); none by default
        self.form.unlocked.connect(self.unlocked)
        self._layout()
        self.resize(520, 480)
        QShortcut(QKeySequence("F1"), self, self._on_help_requested)

    def _on_help_requested(self) -> None:
        show_help(self, ui_language())

    def _layout(self) -> None:
        logo = QLabel()
        logo.setPixmap(icons.app_icon().pixmap(72, 72))
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("CAX Desk"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        subtitle = QLabel(self.tr("Data entry for the commune police station"))
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle.setWordWrap(True)
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMinimumWidth(420)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.addWidget(self.form)
        version = QLabel(fill_numbered(self.tr("Version %1"), __version__))
        version.setAlignment(Qt.AlignmentFlag.AlignCenter)
        version.setStyleSheet("color: #757575;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 24)
        layout.addWidget(logo)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(16)
        layout.addWidget(card)
        layout.addStretch(1)
        layout.addWidget(version)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.form.focus_first_empty()
