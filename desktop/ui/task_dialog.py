"""A dialog whose OK runs one storage call off the GUI thread and shows failures inline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import AppError
from desktop.ui import focus
from desktop.ui.errors import inline_message, show_error
from desktop.ui.tasks import Lane, TaskRunner


class TaskDialog(QDialog):
    """Subclasses fill `self.body`, set the OK text, and implement `submit()`."""

    def __init__(self, tasks: TaskRunner, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.body = QVBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(self.body)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._focus_set = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._focus_set:
            # Subclasses fill the body after this constructor: order the fields once shown.
            self._focus_set = True
            order = focus.order_from_layout(self.layout())
            first = focus.first_field(order)
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        raise NotImplementedError

    def run(self, fn: Callable[..., Any], *args: Any, lane: Lane = Lane.DATABASE) -> None:
        """Run `fn(*args)`; close with Accepted when it returns, stay open with the error if not."""
        self.buttons.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.message.setText(self.tr("Working\u2026"))
        self.tasks.run(
            fn, *args, on_done=self._on_done, on_error=self._on_error, context=self, lane=lane
        )

    def fail(self, error: AppError) -> None:
        self.message.setText(inline_message(error))

    def _on_done(self, value: Any) -> None:
        QApplication.restoreOverrideCursor()
        self.buttons.setEnabled(True)
        self.result_value = value
        self.message.clear()
        self.accept()

    def _on_error(self, error: BaseException) -> None:
        QApplication.restoreOverrideCursor()
        self.buttons.setEnabled(True)
        if isinstance(error, AppError):
            self.fail(error)
        else:
            self.message.clear()
            show_error(self, error)
