"""Forgotten supervisor password: the recovery key sets a new one and opens the station."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import AppError
from desktop.storage.station import Station, StationSession
from desktop.ui import focus
from desktop.ui.errors import inline_message, show_error
from desktop.ui.password_fields import NewPasswordFields
from desktop.ui.tasks import TaskRunner


def reset_with_recovery_key(
    station: Station, recovery_key: str, username: str, new_password: str
) -> StationSession:
    """Work function: two Argon2id runs (the key's slot, then the new password's), off the GUI."""
    return station.reset_password_with_recovery_key(recovery_key, username, new_password)


class RecoveryDialog(QDialog):
    """Asks for the supervisor, the recovery key and a new password; emits `unlocked(session)`."""

    unlocked = Signal(object)

    def __init__(
        self, station: Station, tasks: TaskRunner, username: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.station, self.tasks = station, tasks
        self.setWindowTitle(self.tr("Forgot password"))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr(
                "A supervisor can set a new password with the station's recovery key, the"
                " 32 characters printed or written down when the station was set up."
                " Officers: ask the supervisor to reset your password."
            )
        )
        intro.setWordWrap(True)
        self.username = QLineEdit(username)
        self.username.setObjectName("recoveryUser")
        self.key = QLineEdit()
        self.key.setObjectName("recoveryKeyInput")
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.key.setFont(mono)
        self.passwords = NewPasswordFields(self, self.tr("&New password:"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Set &new password")
        )
        self._layout(intro)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.username.textChanged.connect(self._on_username_changed)
        self._on_username_changed(username)
        focus.order_from_layout(self.layout())  # the password pair was made first
        (self.key if username else self.username).setFocus()

    def _layout(self, intro: QLabel) -> None:
        form = QFormLayout()
        form.addRow(self.tr("&Supervisor:"), self.username)
        form.addRow(self.tr("Recovery &key:"), self.key)
        self.passwords.add_to(form)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _on_username_changed(self, text: str) -> None:
        self.passwords.username = text.strip().lower()

    def _on_buttons_accepted(self) -> None:
        problem = self.passwords.problem()
        if problem is not None:
            self.message.setText(inline_message(problem))
            return
        self._set_busy(True)
        self.message.setText(self.tr("Checking the recovery key\u2026"))
        self.tasks.run(
            reset_with_recovery_key,
            self.station,
            self.key.text(),
            self.username.text().strip(),
            self.passwords.password(),
            on_done=self._on_reset_done,
            on_error=self._on_reset_failed,
            context=self,
        )

    def _set_busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QApplication.restoreOverrideCursor()

    def _on_reset_done(self, session: StationSession) -> None:
        self._set_busy(False)
        self.passwords.clear()
        self.key.clear()
        self.accept()
        self.unlocked.emit(session)

    def _on_reset_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, AppError):
            self.message.setText(inline_message(error))
        else:
            self.message.clear()
            show_error(self, error)
