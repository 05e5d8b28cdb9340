"""The supervisor's dialogs on the Users page: add, reset password, change role, remove."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from desktop.core import credentials
from desktop.core.errors import AppError, ReasonRequired
from desktop.core.permissions import Role
from desktop.core.placeholders import fill_numbered
from desktop.storage import accounts
from desktop.storage.station import StationSession
from desktop.ui.labels import role_name
from desktop.ui.password_fields import NewPasswordFields
from desktop.ui.task_dialog import TaskDialog
from desktop.ui.tasks import TaskRunner


def role_combo(current: Role = Role.OFFICER) -> QComboBox:
    combo = QComboBox()
    for role in (Role.OFFICER, Role.SUPERVISOR):
        combo.addItem(role_name(role), str(role))
    combo.setCurrentIndex(combo.findData(str(current)))
    return combo


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class AddUserDialog(TaskDialog):
    def __init__(self, tasks: TaskRunner, session: StationSession, parent: QWidget | None = None):
        super().__init__(tasks, self.tr("Add a user"), parent)
        self.session = session
        self.target = ""  # known once OK was pressed
        self.username = QLineEdit()
        self.username.setObjectName("newUsername")
        self.username.setPlaceholderText(self.tr("e.g. lan or tran.lan"))
        self.full_name = QLineEdit()
        self.full_name.setObjectName("newFullName")
        self.role = role_combo()
        self.passwords = NewPasswordFields(self)
        self.passwords.role = Role(self.role.currentData())
        form = QFormLayout()
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Full name:"), self.full_name)
        form.addRow(self.tr("R&ole:"), self.role)
        self.passwords.add_to(form)
        self.body.addLayout(form)
        self.body.addWidget(
            _note(self.tr("Give the password to the new user in person, never in a message."))
        )
        self.ok_button.setText(self.tr("&Add user"))
        self.username.textChanged.connect(self._on_username_changed)
        self.role.currentIndexChanged.connect(self._on_role_changed)

    def _on_username_changed(self, text: str) -> None:
        self.passwords.username = text.strip().lower()

    def _on_role_changed(self, _index: int) -> None:
        self.passwords.set_role(self.role.currentData())

    def submit(self) -> None:
        try:
            username = credentials.normalize_username(self.username.text())
        except AppError as error:
            self.fail(error)
            return
        if self.passwords.refuse():  # said under the password fields, not twice
            self.message.clear()
            return
        role = Role(self.role.currentData())
        full_name = " ".join(self.full_name.text().split())
        self.target = username
        self.run(
            accounts.add_user, self.session, username, role, self.passwords.password(), full_name
        )


class ResetPasswordDialog(TaskDialog):
    def __init__(
        self,
        tasks: TaskRunner,
        session: StationSession,
        username: str,
        parent: QWidget | None = None,
        role: Role | str = Role.SUPERVISOR,
    ):
        super().__init__(tasks, self.tr("Reset password"), parent)
        self.session, self.target = session, username
        self.body.addWidget(
            _note(
                fill_numbered(
                    self.tr(
                        "Set a new password for %1. Only their key slot changes; their records"
                        " are not touched."
                    ),
                    username,
                )
            )
        )
        self.passwords = NewPasswordFields(self, self.tr("&New password:"))
        self.passwords.username = username
        self.passwords.role = Role(role)
        form = QFormLayout()
        self.passwords.add_to(form)
        self.body.addLayout(form)
        self.ok_button.setText(self.tr("&Set password"))

    def submit(self) -> None:
        if self.passwords.refuse():  # said under the password fields, not twice
            self.message.clear()
            return
        self.run(accounts.change_password, self.session, self.passwords.password(), self.target)


class ChangeRoleDialog(TaskDialog):
    def __init__(
        self,
        tasks: TaskRunner,
        session: StationSession,
        user: accounts.UserInfo,
        parent: QWidget | None = None,
    ):
        super().__init__(tasks, self.tr("Change role"), parent)
        self.session, self.target = session, user.username
        self.role = role_combo(user.role)
        form = QFormLayout()
        form.addRow(self.tr("User:"), QLabel(f"{user.username} \u2014 {user.full_name}"))
        form.addRow(self.tr("New &role:"), self.role)
        self.body.addLayout(form)
        self.body.addWidget(
            _note(self.tr("Supervisors can manage users, approve records and read the audit log."))
        )
        self.ok_button.setText(self.tr("&Change role"))

    def submit(self) -> None:
        self.run(accounts.change_role, self.session, self.target, Role(self.role.currentData()))


class RemoveUserDialog(TaskDialog):
    def __init__(
        self,
        tasks: TaskRunner,
        session: StationSession,
        username: str,
        parent: QWidget | None = None,
    ):
        super().__init__(tasks, self.tr("Remove user"), parent)
        self.session, self.target = session, username
        self.body.addWidget(
            _note(
                fill_numbered(
                    self.tr(
                        "%1 will no longer be able to log in. Their name and history stay in the"
                        " audit log, and the name cannot be given to anyone else."
                    ),
                    username,
                )
            )
        )
        self.reason = QLineEdit()
        self.reason.setObjectName("removeReason")
        self.reason.setPlaceholderText(self.tr("e.g. transferred to another station"))
        form = QFormLayout()
        form.addRow(self.tr("&Reason:"), self.reason)
        self.body.addLayout(form)
        self.ok_button.setText(self.tr("&Remove user"))

    def submit(self) -> None:
        reason = " ".join(self.reason.text().split())
        if not reason:
            self.fail(ReasonRequired())
            return
        self.run(accounts.remove_user, self.session, self.target, reason)
