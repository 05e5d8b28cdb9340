"""Asking for a reason or a comment before an action that needs one (amend, void, return)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class ReasonDialog(QDialog):
    """A question and a text box; OK stays greyed out until something is written."""

    reason_given = Signal(str)

    def __init__(
        self, title: str, question: str, action: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        prompt = QLabel(question)
        prompt.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 4 + 14)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(action)
        self.ok.setEnabled(False)
        hint = QLabel(self.tr("Ctrl+Enter to confirm."))
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.reason)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._on_reason_changed)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self._on_buttons_accepted)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def ask(self) -> None:
        """Show it (window-modal, the event loop keeps running) with the keyboard in the text."""
        self.open()
        self.activateWindow()
        self.reason.setFocus()

    def text(self) -> str:
        return " ".join(self.reason.toPlainText().split())

    def _on_reason_changed(self) -> None:
        self.ok.setEnabled(bool(self.text()))

    def _on_buttons_accepted(self) -> None:
        if self.text():
            self.accept()
            self.reason_given.emit(self.text())
