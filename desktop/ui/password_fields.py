"""Password widgets shared by set-up, login and user dialogs: strength bar, new-password pair, Caps Lock."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QWidget

from desktop.core import credentials
from desktop.core.errors import AppError
from desktop.core.permissions import Role
from desktop.ui.errors import PASSWORD_REQUIRED, PASSWORDS_DIFFER, UiError, inline_message
from desktop.ui.fit import grow_to_fit

_STRENGTH_COLOURS = ("#c62828", "#e65100", "#f9a825", "#7cb342", "#2e7d32")


class CapsLockWatcher(QObject):
    """Guesses Caps Lock from typed letters (Qt has no portable way to read the key's state)."""

    caps_lock_changed = Signal(bool)

    def __init__(self, *fields: QLineEdit) -> None:
        super().__init__(fields[0] if fields else None)
        self.on = False
        for field in fields:
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            self._guess(event)
        return False

    def _guess(self, event: QKeyEvent) -> None:
        text = event.text()
        if len(text) != 1 or not text.isalpha() or text.upper() == text.lower():
            return
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        on = text.isupper() != shift
        if on != self.on:
            self.on = on
            self.caps_lock_changed.emit(on)


def caps_lock_label(parent: QWidget) -> QLabel:
    label = QLabel(QCoreApplication.translate("PasswordFields", "Caps Lock is on."), parent)
    label.setObjectName("capsLockWarning")
    label.setStyleSheet("color: #b45309; font-weight: bold;")
    label.setVisible(False)
    return label


class PasswordStrengthBar(QWidget):
    """Shows credentials.password_strength as a coloured bar and a word. It is computed from the
    same rules that refuse a password, so a refused one is never shown as fair or better."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 5)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.word = QLabel()
        self.word.setMinimumWidth(110)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.word)
        self.set_password("")

    def set_password(
        self, password: str, username: str = "", role: Role | str | None = Role.SUPERVISOR
    ) -> None:
        score = credentials.password_strength(password, username, role)
        words = (
            self.tr("Too short"),
            self.tr("Too weak"),
            self.tr("Fair"),
            self.tr("Good"),
            self.tr("Strong"),
        )
        self.bar.setValue(score + 1 if password else 0)  # a red sliver even when too short
        self.word.setText(words[score] if password else "")
        self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {_STRENGTH_COLOURS[score]}; }}")


class NewPasswordFields(QObject):
    """A new password typed twice, with its strength and the first problem shown as you type.

    Not a widget of its own: `add_to(form)` puts its rows into the caller's form, so every label
    of a dialog lines up in one column.
    """

    changed = Signal()

    def __init__(self, parent: QWidget, label: str = "") -> None:
        super().__init__(parent)
        self.username = ""
        self.role: Role | str = Role.SUPERVISOR  # whose password: the rules differ by role
        self.label = label or self.tr("&Password:")
        self._form: QFormLayout | None = None
        self.first = QLineEdit(parent)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setObjectName("newPassword")
        self.second = QLineEdit(parent)
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setObjectName("repeatPassword")
        self.strength = PasswordStrengthBar(parent)
        self.message = QLabel(parent)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")
        self.caps = caps_lock_label(parent)
        self.caps_watcher = CapsLockWatcher(self.first, self.second)
        self.first.textChanged.connect(self._on_text_changed)
        self.second.textChanged.connect(self._on_text_changed)

    def add_to(self, form: QFormLayout) -> None:
        form.addRow(self.label, self.first)
        form.addRow("", self.strength)
        form.addRow(self.tr("&Repeat password:"), self.second)
        form.addRow("", self.caps)
        form.addRow("", self.message)
        form.setRowVisible(self.caps, False)
        form.setRowVisible(self.message, False)
        # Rows, not bare labels, are shown and hidden, so an empty message leaves no gap.
        self.caps_watcher.caps_lock_changed.connect(lambda on: form.setRowVisible(self.caps, on))
        self._form = form

    def password(self) -> str:
        return self.first.text()

    def problem(self) -> AppError | None:
        """The first thing wrong with the pair, or None when it can be used."""
        if not self.first.text():
            return UiError(PASSWORD_REQUIRED)
        try:
            credentials.check_new_password(self.first.text(), self.username, self.role)
        except AppError as error:
            return error
        if self.first.text() != self.second.text():
            return UiError(PASSWORDS_DIFFER)
        return None

    def refuse(self) -> bool:
        """On OK: True when the pair cannot be used. The reason is shown once, in this message
        row (a dialog must not repeat it), and the field to correct gets the keyboard."""
        problem = self.problem()
        if problem is None:
            return False
        self._show_message(inline_message(problem))
        (self.second if problem.code == PASSWORDS_DIFFER else self.first).setFocus()
        return True

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()

    def set_role(self, role: Role | str) -> None:
        """Whose password this is (an officer's may be shorter); the meter and message follow."""
        self.role = Role(role)
        self._on_text_changed()

    def _on_text_changed(self) -> None:
        self.strength.set_password(self.first.text(), self.username, self.role)
        problem = self.problem()
        # Only complain about what the user has started typing; an empty form is not an error.
        typing_second = bool(self.second.text())
        show = (
            problem is not None
            and bool(self.first.text())
            and (typing_second or problem.code != PASSWORDS_DIFFER)
        )
        self._show_message(inline_message(problem) if show and problem else "")
        self.changed.emit()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        if self._form is not None:
            self._form.setRowVisible(self.message, bool(text))
        if text:
            grow_to_fit(self.message)  # a long reason wraps: the window makes room for it
