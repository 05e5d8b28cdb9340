"""The supervisor's Users page: who can open the station, and changes to their accounts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.permissions import Permission
from desktop.core.placeholders import fill_numbered
from desktop.storage import accounts
from desktop.storage.accounts import UserInfo
from desktop.ui.models.users_table_model import (
    FULL_NAME,
    USER_ROLE,
    USERNAME,
    UsersSortProxy,
    UsersTableModel,
)
from desktop.ui.pages.base import Page
from desktop.ui.services import PageContext
from desktop.ui.task_dialog import TaskDialog
from desktop.ui.user_dialogs import (
    AddUserDialog,
    ChangeRoleDialog,
    RemoveUserDialog,
    ResetPasswordDialog,
)

# The dialogs this page opens: each names the user it acted on in `target`.
UserDialog = AddUserDialog | ResetPasswordDialog | ChangeRoleDialog | RemoveUserDialog


class UsersPage(Page):
    KEY = "users"
    TITLE = QT_TRANSLATE_NOOP("Pages", "Users")
    ICON = "users"
    PERMISSION = Permission.MANAGE_USERS

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = UsersTableModel(self)
        self.proxy = UsersSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("usersTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(USERNAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(
            FULL_NAME, QHeaderView.ResizeMode.Stretch
        )
        self.add_button = QPushButton(self.tr("&Add user\u2026"))
        self.reset_button = QPushButton(self.tr("Reset &password\u2026"))
        self.role_button = QPushButton(self.tr("Change r&ole\u2026"))
        self.remove_button = QPushButton(self.tr("Re&move\u2026"))
        self.show_removed = QCheckBox(self.tr("Show removed &users"))
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.reset_button, self.role_button, self.remove_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.show_removed)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.role_button.clicked.connect(self._on_role_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.show_removed.toggled.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._wanted_selection = ""
        self.dialog: TaskDialog | None = None  # the one open, for tests and focus
        self._update_buttons()

    def page_shown(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.context.tasks.run(
            _list_users,
            self.context.session,
            self.show_removed.isChecked(),
            on_done=self._on_users_loaded,
            on_error=self.show_error,
            context=self,
        )

    def selected_user(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(USER_ROLE) if rows else None

    def user_named(self, username: str) -> UserInfo | None:
        return self.model.user_at(self.model.row_of(username))

    def select_user(self, username: str) -> None:
        row = self.model.row_of(username)
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def capture_state(self) -> dict[str, Any]:
        user = self.selected_user()
        # Not shown since a restore: the list is not loaded yet, the wish still stands.
        selected = user.username if user else self._wanted_selection
        return {"selected": selected, "removed": self.show_removed.isChecked()}

    def restore_state(self, state: dict[str, Any]) -> None:
        self._wanted_selection = state.get("selected", "")
        self.show_removed.blockSignals(True)  # page_shown() loads the list once, not twice
        self.show_removed.setChecked(bool(state.get("removed")))
        self.show_removed.blockSignals(False)

    def _on_users_loaded(self, users: list[UserInfo]) -> None:
        selected = self.selected_user()
        keep = self._wanted_selection or (selected.username if selected else "")
        self.model.set_users(users)
        self._wanted_selection = ""
        self.select_user(keep)
        self._update_buttons()

    def _update_buttons(self) -> None:
        user = self.selected_user()
        active = user is not None and user.status == "active"
        is_me = user is not None and user.username == self.context.session.user.username
        self.reset_button.setEnabled(active)
        # Your own role and account are changed by another supervisor, never by yourself.
        self.role_button.setEnabled(active and not is_me)
        self.remove_button.setEnabled(active and not is_me)

    def _open(self, dialog: UserDialog, done_message: str) -> None:
        # open(), not exec(): the event loop keeps running (and tests can type into the dialog).
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._on_dialog_accepted(dialog.target, done_message))
        dialog.open()

    def _on_dialog_accepted(self, username: str, message: str) -> None:
        self.status_message.emit(fill_numbered(message, username))
        self._wanted_selection = username
        self.refresh()

    def _on_add_button_clicked(self) -> None:
        dialog = AddUserDialog(self.context.tasks, self.context.session, self)
        self._open(dialog, self.tr("User %1 added."))

    def _on_reset_button_clicked(self) -> None:
        user = self.selected_user()
        if user is not None:
            session, tasks = self.context.session, self.context.tasks
            self._open(
                ResetPasswordDialog(tasks, session, user.username, self, user.role),
                self.tr("New password set for %1."),
            )

    def _on_role_button_clicked(self) -> None:
        user = self.selected_user()
        if user is not None:
            session, tasks = self.context.session, self.context.tasks
            self._open(ChangeRoleDialog(tasks, session, user, self), self.tr("Role of %1 changed."))

    def _on_remove_button_clicked(self) -> None:
        user = self.selected_user()
        if user is not None:
            session, tasks = self.context.session, self.context.tasks
            self._open(
                RemoveUserDialog(tasks, session, user.username, self), self.tr("User %1 removed.")
            )


def _list_users(session: Any, include_removed: bool) -> list[UserInfo]:
    return accounts.list_users(session, include_removed=include_removed)
