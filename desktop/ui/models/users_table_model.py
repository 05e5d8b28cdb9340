"""The station's users as a table: column constants, custom roles, and a sorting proxy."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from desktop.storage.accounts import UserInfo
from desktop.ui.formats import format_timestamp
from desktop.ui.labels import role_name, status_name
from desktop.ui.models.columns import ColumnTableModel, Index
from domain.vietnamese import fold

USERNAME, FULL_NAME, ROLE, STATUS, CREATED, PASSWORD_CHANGED = range(6)
COLUMN_COUNT = 6

USER_ROLE = Qt.ItemDataRole.UserRole + 1  # the UserInfo of the row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts right (ISO time, folded name)

_HEADERS = (
    QT_TRANSLATE_NOOP("UsersTableModel", "User name"),
    QT_TRANSLATE_NOOP("UsersTableModel", "Full name"),
    QT_TRANSLATE_NOOP("UsersTableModel", "Role"),
    QT_TRANSLATE_NOOP("UsersTableModel", "Status"),
    QT_TRANSLATE_NOOP("UsersTableModel", "Added"),
    QT_TRANSLATE_NOOP("UsersTableModel", "Password changed"),
)


def name_sort_key(full_name: str) -> str:
    """Vietnamese lists sort by the given name, the last word: "Trần Thị Lan" under L."""
    words = fold(full_name).split()
    return " ".join(words[-1:] + words[:-1])


class UsersTableModel(ColumnTableModel):
    CONTEXT, HEADERS = "UsersTableModel", _HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._users: list[UserInfo] = []

    def set_users(self, users: list[UserInfo]) -> None:
        self.beginResetModel()
        self._users = list(users)
        self.endResetModel()

    def user_at(self, row: int) -> UserInfo | None:
        return self._users[row] if 0 <= row < len(self._users) else None

    def row_of(self, username: str) -> int:
        return next((i for i, u in enumerate(self._users) if u.username == username), -1)

    def _row_total(self) -> int:
        return len(self._users)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        user = self.user_at(index.row()) if index.isValid() else None
        if user is None or not 0 <= index.column() < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(user, index.column())
        if role == SORT_ROLE:
            return self._sort_key(user, index.column())
        if role == USER_ROLE:
            return user
        if role == Qt.ItemDataRole.ForegroundRole and user.status != "active":
            return QBrush(QColor("#9e9e9e"))
        return None

    @staticmethod
    def _display(user: UserInfo, column: int) -> str:
        if column == USERNAME:
            return user.username
        if column == FULL_NAME:
            return user.full_name
        if column == ROLE:
            return role_name(user.role)
        if column == STATUS:
            return status_name(user.status)
        if column == CREATED:
            return format_timestamp(user.created_at)
        return format_timestamp(user.password_changed_at)

    @staticmethod
    def _sort_key(user: UserInfo, column: int) -> str:
        values = (
            user.username,
            name_sort_key(user.full_name),
            str(user.role),
            user.status,
            user.created_at,
            user.password_changed_at,
        )
        return values[column]


class UsersSortProxy(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
