"""The list of a record's problems shown on "Complete": errors first, each jumps to its field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.placeholders import fill_numbered
from desktop.ui.record_form.editor_base import ERROR_COLOUR, WARNING_COLOUR, style_label
from desktop.ui.record_form.paths import path_label
from domain.forms.model import FormDefinition
from domain.validation import Override, Problem

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 2


class ProblemSummary(QWidget):
    """Enter, a click or a double click on a problem puts the keyboard in its field."""

    path_activated = Signal(str)
    override_requested = Signal(object)  # the overridable Problem selected

    def __init__(
        self,
        form: FormDefinition,
        describe: Callable[[Problem], str],
        language: str,
        *,
        can_override: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.form, self.describe, self.language = form, describe, language
        self.can_override = can_override
        self.heading = style_label(QLabel(), bold=True)
        self.heading.setObjectName("problemHeading")
        self.list = QListWidget()
        self.list.setObjectName("problemList")
        self.override_button = QPushButton(self.tr("Accept this error with a &reason\u2026"))
        self.override_button.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.override_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.list.itemClicked.connect(self._on_list_item_activated)
        self.list.currentItemChanged.connect(self._on_list_current_changed)
        self.override_button.clicked.connect(self._on_override_button_clicked)
        self.setVisible(False)

    def show_problems(self, problems: list[Problem], overrides: tuple[Override, ...] = ()) -> None:
        """List these problems (errors first); hidden when there are none."""
        accepted = {(o.path, o.code): o.reason for o in overrides}
        self.list.clear()
        ordered = sorted(problems, key=lambda p: not p.is_error)
        for p in ordered:
            where = path_label(self.form, p.path, self.language) if p.path else ""
            text = f"{where}: {self.describe(p)}" if where else self.describe(p)
            reason = accepted.get((p.path, p.code))
            if reason is not None:
                text += " " + fill_numbered(self.tr("(accepted: %1)"), reason)
            mark = "\u2716" if p.is_error and reason is None else "\u26a0"
            item = QListWidgetItem(f"{mark}  {text}")
            colour = ERROR_COLOUR if p.is_error and reason is None else WARNING_COLOUR
            item.setForeground(QBrush(QColor(colour)))
            item.setData(PATH_ROLE, p.path)
            item.setData(PROBLEM_ROLE, p)
            self.list.addItem(item)
        errors = sum(1 for p in ordered if p.is_error and (p.path, p.code) not in accepted)
        warnings = len(ordered) - errors
        if errors:
            heading = self.tr("%1 problem(s) stop completion; %2 warning(s).")
            self.heading.setText(fill_numbered(heading, str(errors), str(warnings)))
            style_label(self.heading, bold=True, colour=ERROR_COLOUR)
        else:
            self.heading.setText(
                fill_numbered(self.tr("%1 warning(s): the record can be completed."), str(warnings))
            )
            style_label(self.heading, bold=True, colour=WARNING_COLOUR)
        # As tall as its problems (up to eight lines), so the form keeps the room.
        rows = max(1, min(len(ordered), 8))
        self.list.setFixedHeight(
            rows * self.list.sizeHintForRow(0) + 2 * self.list.frameWidth() + 4
        )
        self.setVisible(bool(ordered))
        if ordered:
            self.list.setCurrentRow(0)

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.path_activated.emit(item.data(PATH_ROLE))

    def _on_list_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        problem = current.data(PROBLEM_ROLE) if current is not None else None
        self.override_button.setVisible(
            self.can_override and isinstance(problem, Problem) and problem.overridable
        )

    def _on_override_button_clicked(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.override_requested.emit(item.data(PROBLEM_ROLE))
