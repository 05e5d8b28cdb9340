"""Forgotten supervisor password: the recovery key sets a new one and opens the station."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
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
from desktop.core.placeholders import fill_numbered
from desktop.storage import grants
from desktop.storage.station import Station, StationSession
from desktop.ui import focus
from desktop.ui.errors import inline_message, show_error, ui_language
from desktop.ui.help_window import show_help
from desktop.ui.password_fields import NewPasswordFields
from desktop.ui.tasks import TaskRunner


def reset_with_recovery_key(
    station: Station, recovery_key: str, username: str, new_password: str
) -> StationSession:
    """Work function: two Argon2id runs (the key's slot, then the new password's), off the GUI."""
    return station.reset_password_with_recovery_key(recovery_key, username, new_password)


def roster_roles(station: Station) -> dict[str, str]:
    """Active users → role, as the roster the station's root key signed says (readable before
    unlock); empty when there is none or it cannot be trusted."""
    try:
        roster = grants.load_roster(station.load_slots())
    except AppError:
        return {}
    if roster is None:
        return {}
    return {u.username: u.role for u in roster.body.users if u.status == "active"}


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
        # Only a supervisor's name goes in the Supervisor box: an officer's would read as if
        # the officer could use the recovery key.
        role = roster_roles(station).get(username.strip().lower())
        self.username = QLineEdit(username if role == "supervisor" else "")
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
        self._on_username_changed(self.username.text())
        if role == "officer":
            self.message.setText(
                fill_numbered(
                    self.tr(
                        "%1 is an officer: only a supervisor can set an officer's new password"
                        " (Users page). Ask your supervisor."
                    ),
                    username.strip(),
                )
            )
        focus.order_from_layout(self.layout())  # the password pair was made first
        (self.key if self.username.text() else self.username).setFocus()
        QShortcut(QKeySequence("F1"), self, lambda: show_help(self, ui_language()))

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
        if self.passwords.refuse():  # said under the password fields, not twice
            self.message.clear()
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
