"""Repeating rows (suspects, items): a table to read them, a small dialog to type one row."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.placeholders import fill_numbered
from desktop.ui.record_form.editor_base import (
    ERROR_COLOUR,
    WARNING_COLOUR,
    EditorContext,
    RowsEditor,
)
from desktop.ui.record_form.panel import FieldsPanel
from desktop.ui.record_form.paths import split_path
from domain.forms.evaluation import is_empty
from domain.forms.model import NESTED_TYPES, FieldDefinition
from domain.forms.summaries import display_value
from domain.validation.problems import Problem

# A row dialog asks the form for the row's problems: (row values, row number) → problems whose
# paths are relative to the row ("quantity", not "items[2].quantity").
RowChecker = Callable[[dict[str, Any], int], list[Problem]]

_COLUMNS = 4  # at most this many of a row's fields are shown in the table


# For rows of people: the name, birth date and ID first, then the row's own fields (role, damage);
# the rest of the identity block is seen in the row dialog.
_PERSON_FIRST = ("full_name", "date_of_birth", "id_number")
_PERSON_LATER = frozenset(
    {
        "alias",
        "sex",
        "nationality",
        "id_unknown",
        "legacy_id_number",
        "passport_number",
        "ethnicity",
        "religion",
        "occupation",
        "phone",
    }
)


def _table_fields(definition: FieldDefinition) -> list[FieldDefinition]:
    shown = [f for f in definition.fields if f.type not in NESTED_TYPES and f.computed is None]
    if "full_name" in definition.names:
        rank = {name: i for i, name in enumerate(_PERSON_FIRST)}
        shown.sort(key=lambda f: rank.get(f.id, len(rank) + (f.id in _PERSON_LATER)))
    return shown[:_COLUMNS]


class RowDialog(QDialog):
    """One row's fields; Enter moves on, Ctrl+Enter or OK keeps the row (problems and all)."""

    def __init__(
        self,
        definition: FieldDefinition,
        context: EditorContext,
        values: dict[str, Any],
        row: int,
        editor: GroupEditor,
    ) -> None:
        super().__init__(editor)
        self.row, self._editor = row, editor
        self.visited: set[str] | None = None if values else set()
        label = definition.label.get(context.language)
        self.setWindowTitle(fill_numbered(self.tr("%1 \u2014 row %2"), label, str(row + 1)))
        self.panel = FieldsPanel(definition.fields, f"{editor.path}[{row}].", context)
        self.panel.set_values(values)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.panel)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Keep this row"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(640, min(760, 140 + 46 * len(definition.fields)))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        self.panel.changed.connect(self.refresh)
        self.refresh()

    def values(self) -> dict[str, Any]:
        return self.panel.values()

    def refresh(self) -> None:
        values = self.panel.all_values()
        self.panel.update_state(values, self._editor.outer_scopes)
        problems = self._editor.checker(values, self.row)
        self.panel.show_problems(problems, self.visited)

    def field_left(self, path: str) -> None:
        """A field of this row was left: its problems may show from now on."""
        if self.visited is not None:
            self.visited.add(path)
            self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in a field moves to the next one (as in the form), never closes the dialog early.
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers()
        if enter and not isinstance(self.focusWidget(), QPushButton):
            self.focusNextChild()
            return
        super().keyPressEvent(event)


class GroupEditor(RowsEditor):
    """The rows as a table; Insert (or Add) opens an empty row, Enter edits, Delete removes."""

    rows_changed = Signal()

    def __init__(
        self, definition: FieldDefinition, context: EditorContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(definition, context, parent)
        self.checker: RowChecker = lambda _values, _row: []
        self.rows: list[dict[str, Any]] = []
        self.dialog: RowDialog | None = None
        self._problems: list[Problem] = []
        self.columns = _table_fields(definition)
        self.table = QTableWidget(0, len(self.columns))
        self.table.setHorizontalHeaderLabels([f.label.get(context.language) for f in self.columns])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, like every other field
        self.table.verticalHeader().setVisible(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(self)
        self.add_button = QPushButton(self.tr("Add a row"))
        self.add_button.setToolTip(self.tr("Insert"))
        self.edit_button = QPushButton(self.tr("Edit row"))
        self.remove_button = QPushButton(self.tr("Remove row"))
        self.remove_button.setToolTip(self.tr("Delete"))
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setVisible(False)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.problem_label)
        self.setFocusProxy(self.table)
        self.add_button.clicked.connect(self.add_row)
        self.edit_button.clicked.connect(lambda: self.edit_row(self.table.currentRow()))
        self.remove_button.clicked.connect(lambda: self.remove_row(self.table.currentRow()))
        self.table.itemDoubleClicked.connect(lambda item: self.edit_row(item.row()))
        self._fill()

    def focus_target(self) -> QWidget:
        return self.table

    def set_read_only(self, read_only: bool) -> None:
        for button in (self.add_button, self.edit_button, self.remove_button):
            button.setVisible(not read_only)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.table and event.type() == event.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Insert:
                self.add_row()
                return True
            if key == Qt.Key.Key_Delete and self.rows:
                self.remove_row(self.table.currentRow())
                return True
            edit = (
                key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2)
                and not event.modifiers()
            )
            if edit and self.rows and self.table.currentRow() >= 0:
                self.edit_row(self.table.currentRow())
                return True
        return False

    def value(self) -> Any:
        # Deep copies: the values go to the database worker while the rows stay editable here.
        return copy.deepcopy(self.rows) or None

    def set_value(self, value: Any) -> None:
        self.rows = (
            [dict(r) for r in value if isinstance(r, dict)] if isinstance(value, list) else []
        )
        self._fill()

    def has_content(self) -> bool:
        return bool(self.rows)

    def add_row(self) -> None:
        self._open(len(self.rows), {})

    def edit_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self._open(row, self.rows[row])

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            del self.rows[row]
            self._fill()
            self.table.selectRow(min(row, len(self.rows) - 1))
            self.changed.emit()

    def open_row(self, row: int, field_id: str | None = None) -> RowDialog | None:
        """Open a row's dialog with the keyboard in one of its fields (jumping to a problem)."""
        if not 0 <= row < len(self.rows):
            return None
        self.table.selectRow(row)
        self._open(row, self.rows[row])
        if self.dialog is not None and field_id:
            self.dialog.panel.focus_field([(field_id, None)])
        return self.dialog

    def _open(self, row: int, values: dict[str, Any]) -> None:
        dialog = RowDialog(self.definition, self.context, values, row, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._on_dialog_accepted(dialog))
        dialog.finished.connect(lambda _result: self._on_dialog_finished(dialog))
        self.dialog = dialog
        dialog.open()  # not exec(): the event loop (and autosave) keeps running
        dialog.activateWindow()
        dialog.panel.focus_first()

    def _on_dialog_accepted(self, dialog: RowDialog) -> None:
        values = dialog.values()
        row = dialog.row
        if is_empty(values):
            return  # an empty row is no row
        if row < len(self.rows):
            self.rows[row] = values
        else:
            self.rows.append(values)
        self._fill()
        self.table.selectRow(row)
        self.changed.emit()
        self.rows_changed.emit()

    def _on_dialog_finished(self, dialog: RowDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.window().activateWindow()  # some window systems leave no window active after a dialog
        self.table.setFocus()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.rows))
        for r, values in enumerate(self.rows):
            for c, f in enumerate(self.columns):
                text = display_value(f, values.get(f.id), lang=self.language)
                self.table.setItem(r, c, QTableWidgetItem(text))
        visible_rows = max(2, min(len(self.rows), 6))
        header = self.table.horizontalHeader().height() or 24
        self.table.setFixedHeight(
            header + 4 + visible_rows * self.table.verticalHeader().defaultSectionSize()
        )
        self.edit_button.setEnabled(bool(self.rows))
        self.remove_button.setEnabled(bool(self.rows))
        self._paint_problems()

    def show_row_problems(
        self, problems: list[Problem], describe: Callable[[Problem], str]
    ) -> None:
        """Colour the rows with problems and list them under the table: "Row 2 · Quantity: …"."""
        self._problems = problems
        lines = []
        for p in problems:
            parts = split_path(p.path)
            row = next(
                (i for name, i in parts if name == self.definition.id and i is not None), None
            )
            if row is None:
                continue
            sub = parts[-1][0] if len(parts) > 1 else ""
            label = self.definition.label.get(self.language)
            sub_field = next((f for f in self.definition.fields if f.id == sub), None)
            if sub_field is not None:
                label = sub_field.label.get(self.language)
            colour = ERROR_COLOUR if p.is_error else WARNING_COLOUR
            prefix = fill_numbered(
                QCoreApplication.translate("GroupEditor", "Row %1"), str(row + 1)
            )
            lines.append(
                f'<span style="color:{colour}">{prefix} \u00b7 {label}: {describe(p)}</span>'
            )
        self.problem_label.setText("<br>".join(lines))
        self.problem_label.setVisible(bool(lines))
        self._paint_problems()

    def _paint_problems(self) -> None:
        bad: dict[int, bool] = {}
        for p in self._problems:
            parts = split_path(p.path)
            row = next(
                (i for name, i in parts if name == self.definition.id and i is not None), None
            )
            if row is not None:
                bad[row] = bad.get(row, False) or p.is_error
        for r in range(self.table.rowCount()):
            colour = None
            if r in bad:
                colour = QColor("#ffebee") if bad[r] else QColor("#fff8e1")
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                if item is not None:
                    item.setBackground(QBrush(colour) if colour else QBrush())
