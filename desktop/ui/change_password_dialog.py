"""Changing your own password: the current one first, so an unattended session cannot do it."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from desktop.storage import accounts
from desktop.storage.station import StationSession
from desktop.ui.errors import PASSWORD_REQUIRED, UiError
from desktop.ui.password_fields import NewPasswordFields
from desktop.ui.task_dialog import TaskDialog
from desktop.ui.tasks import TaskRunner


def change_own_password(session: StationSession, current: str, new: str) -> None:
    """Work function: check `current` (throttled like a login), then rewrap the slot under `new`."""
    accounts.verify_password(session, current)
    accounts.change_password(session, new)


class ChangePasswordDialog(TaskDialog):
    def __init__(self, tasks: TaskRunner, session: StationSession, parent: QWidget | None = None):
        super().__init__(tasks, self.tr("Change my password"), parent)
        self.session = session
        self.target = session.user.username
        self.current = QLineEdit()
        self.current.setObjectName("currentPassword")
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("C&urrent password:"), self.current)
        self.passwords = NewPasswordFields(self, self.tr("&New password:"))
        self.passwords.username = session.user.username
        self.passwords.role = session.user.role
        self.passwords.add_to(form)
        self.body.addLayout(form)
        self.ok_button.setText(self.tr("&Change password"))

    def submit(self) -> None:
        if not self.current.text():
            self.fail(UiError(PASSWORD_REQUIRED))
            return
        if self.passwords.refuse():  # said under the password fields, not twice
            self.message.clear()
            return
        self.run(change_own_password, self.session, self.current.text(), self.passwords.password())
