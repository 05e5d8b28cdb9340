"""A list of fields laid out label-beside-editor, with their problems, conditions and nesting."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.record_form.choice_editors import ChoiceEditor
from desktop.ui.record_form.editor_base import (
    ERROR_COLOUR,
    HINT_COLOUR,
    WARNING_COLOUR,
    EditorContext,
    FieldEditor,
    RowsEditor,
    style_label,
)
from desktop.ui.record_form.line_editors import ComputedEditor
from desktop.ui.record_form.paths import is_under
from domain.forms.evaluation import Scope, as_moment, holds, is_empty, resolve
from domain.forms.model import FieldDefinition
from domain.forms.summaries import display_value
from domain.validation.problems import Problem

# Rarely needed sub-fields of the address block, tucked under "Former codes" to keep it short.
_TUCKED = frozenset({"legacy_province_code", "legacy_district_code", "legacy_ward_code"})

# Made once: combining Qt flags goes through Python's enum machinery (~2 ms a time here).
_LABEL_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


class FieldRow(QWidget):
    """One field: the editor, then its problems in red or amber, then its hint in grey."""

    def __init__(self, editor: FieldEditor) -> None:
        super().__init__()
        self.editor = editor
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.RichText)
        self.problem.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.problem)
        hint = editor.definition.help
        if hint is not None and editor.sub_panel is None:
            help_label = style_label(QLabel(hint.get(editor.language)), colour=HINT_COLOUR)
            help_label.setWordWrap(True)
            layout.addWidget(help_label)
        self.setFocusProxy(editor)

    def show_problems(self, problems: list[Problem], describe: Callable[[Problem], str]) -> None:
        """Show these problems beside the field (errors first), or clear them."""
        lines = []
        for p in sorted(problems, key=lambda p: not p.is_error):
            colour, mark = (ERROR_COLOUR, "\u2716") if p.is_error else (WARNING_COLOUR, "\u26a0")
            lines.append(f'<span style="color:{colour}">{mark} {_escape(describe(p))}</span>')
        self.problem.setText("<br>".join(lines))
        self.problem.setVisible(bool(lines))
        worst = (
            None if not problems else "error" if any(p.is_error for p in problems) else "warning"
        )
        self.editor.set_problem(worst)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class FieldsPanel(QWidget):
    """Fields of one level (a section, a person, an address, a row), each with its label."""

    changed = Signal()

    def __init__(
        self,
        fields: Sequence[FieldDefinition],
        prefix: str,
        context: EditorContext,
        parent: QWidget | None = None,
        *,
        inside_person: bool = False,
        scope_names: frozenset[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.fields = tuple(fields)
        self.prefix, self.context = prefix, context
        # A section's conditions see the whole form; a person's or a row's see their own fields.
        self.names = scope_names if scope_names is not None else frozenset(f.id for f in fields)
        self.rows: dict[str, FieldRow] = {}
        self.labels: dict[str, QLabel] = {}
        self.visible: dict[str, bool] = {}
        self.form = QFormLayout(self)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(_LABEL_ALIGNMENT)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.more: QToolButton | None = None
        for definition in fields:
            if definition.id in _TUCKED and self.more is None:
                self.more = QToolButton()
                self.more.setText(self.tr("Former codes"))
                self.more.setCheckable(True)
                self.more.setArrowType(Qt.ArrowType.RightArrow)
                self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
                self.more.setAutoRaise(True)
                self.more.toggled.connect(self._on_more_toggled)
                self.form.addRow("", self.more)
            self._add(definition, inside_person)

    def _add(self, definition: FieldDefinition, inside_person: bool) -> None:
        editor = self.context.make_editor(definition, self.context, inside_person=inside_person)
        editor.set_path(self.prefix + definition.id)
        editor.changed.connect(self.changed)
        row = FieldRow(editor)
        self.rows[definition.id] = row
        self.visible[definition.id] = True
        if editor.sub_panel is not None:
            self.form.addRow(row)  # full width: the group box carries the label
            return
        label = QLabel(definition.label.get(self.context.language))
        label.setWordWrap(True)
        label.setFixedWidth(230)
        label.setBuddy(editor.focus_target())
        self.labels[definition.id] = label
        self.form.addRow(label, row)
        if definition.id in _TUCKED:
            self.form.setRowVisible(row, False)

    # ---- values ---------------------------------------------------------------------------------

    def editors(self) -> Iterator[FieldEditor]:
        return (row.editor for row in self.rows.values())

    def all_values(self) -> dict[str, Any]:
        """Everything typed, shown or not (conditions are worked out from these)."""
        values: dict[str, Any] = {}
        for key, row in self.rows.items():
            value = row.editor.all_values()
            if not (is_empty(value) and value is not False):
                values[key] = value
        return values

    def values(self) -> dict[str, Any]:
        """What is stored: fields shown and filled in; hidden ones are not part of the record."""
        values: dict[str, Any] = {}
        for key, row in self.rows.items():
            editor = row.editor
            if not self.visible[key] or (editor.sub_panel is not None and not editor.has_content()):
                continue
            value = editor.value()
            if not (is_empty(value) and value is not False):
                values[key] = value
        return values

    def has_content(self) -> bool:
        return any(row.editor.has_content() for key, row in self.rows.items() if self.visible[key])

    def set_values(self, values: Any) -> None:
        values = values if isinstance(values, dict) else {}
        for key, row in self.rows.items():
            row.editor.set_value(values.get(key))
        if self.more is not None:
            self.more.setChecked(any(values.get(key) for key in _TUCKED))

    def set_prefix(self, prefix: str) -> None:
        """Where this level sits in the record (`reporter.`), so problems find their fields."""
        self.prefix = prefix
        for key, row in self.rows.items():
            row.editor.set_path(prefix + key)

    def _on_more_toggled(self, shown: bool) -> None:
        assert self.more is not None
        self.more.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        for key in _TUCKED & set(self.rows):
            self.form.setRowVisible(self.rows[key], shown and self.visible[key])

    # ---- conditions -----------------------------------------------------------------------------

    def update_state(self, values: Any, outer: list[Scope]) -> None:
        """Show the fields whose `visible_if` holds for these (normalised) values, mark the ones
        required now, narrow communes to the province, fill computed fields; then go down."""
        values = values if isinstance(values, dict) else {}
        scopes = [Scope(self.names, values), *outer]
        context = self.context.evaluation()
        for definition in self.fields:
            key = definition.id
            row = self.rows[key]
            condition = definition.visible_if
            shown = condition is None or holds(condition, scopes, context)
            if shown != self.visible[key]:
                self.visible[key] = shown
                tucked = key in _TUCKED and not (self.more and self.more.isChecked())
                self.form.setRowVisible(row, shown and not tucked)
            required = definition.required or (
                definition.required_if is not None
                and holds(definition.required_if, scopes, context)
            )
            self._mark_required(key, required)
            self._update_editor(row.editor, values, scopes)

    def _update_editor(
        self, editor: FieldEditor, values: dict[str, Any], scopes: list[Scope]
    ) -> None:
        definition = editor.definition
        if isinstance(editor, ComputedEditor):
            editor.show_computed(
                display_value(definition, values.get(definition.id), lang=editor.language)
            )
        elif isinstance(editor, ChoiceEditor) and definition.parent is not None:
            parent_value = values.get(definition.parent)
            editor.set_parent_value(parent_value)
            self._fill_parent(editor, definition.parent)
        elif isinstance(editor, ChoiceEditor) and definition.id in self.context.law_day_of:
            on = resolve(self.context.law_day_of[definition.id].split("."), scopes)
            moment = as_moment(on)
            editor.set_law_day(moment.date() if moment is not None else None)
        elif editor.sub_panel is not None:
            editor.sub_panel.update_state(values.get(definition.id), scopes)
        elif isinstance(editor, RowsEditor):
            editor.outer_scopes = scopes  # the row dialog evaluates its conditions inside these

    def _fill_parent(self, editor: ChoiceEditor, parent_id: str) -> None:
        """A commune chosen first fills in its province (the other way round is a filter)."""
        parent_row = self.rows.get(parent_id)
        chosen = editor.value()
        if parent_row is None or not isinstance(chosen, str) or parent_row.editor.value():
            return
        commune = self.context.reference.commune(chosen)
        if commune is not None:
            parent_row.editor.set_value(commune.province)

    def _mark_required(self, key: str, required: bool) -> None:
        label = self.labels.get(key)
        definition = self.rows[key].editor.definition
        text = definition.label.get(self.context.language)
        if self.rows[key].editor.sub_panel is not None:
            self.rows[key].editor.set_required(required)
            return
        if label is not None:
            star = f' <span style="color:{ERROR_COLOUR}">*</span>' if required else ""
            label.setText(_escape(text) + star)

    # ---- problems and focus ---------------------------------------------------------------------

    def show_problems(self, problems: list[Problem], visited: set[str] | None) -> None:
        """Each field shows its own problems; `visited=None` shows all, else only those of
        fields the user has already left."""
        describe = self.context.describe
        shown = [
            p for p in problems if visited is None or any(is_under(p.path, v) for v in visited)
        ]
        for row in self.rows.values():
            editor = row.editor
            path = editor.path
            row.show_problems([p for p in shown if p.path == path], describe)
            if editor.sub_panel is not None:
                editor.sub_panel.show_problems([p for p in shown if is_under(p.path, path)], None)
            elif isinstance(editor, RowsEditor):
                editor.show_row_problems(
                    [p for p in shown if p.path.startswith(path + "[")], describe
                )

    def focus_first(self) -> None:
        """The keyboard in the first field shown."""
        for key, row in self.rows.items():
            if self.visible[key]:
                self._focus_editor(row.editor)
                return

    @staticmethod
    def _focus_editor(editor: FieldEditor) -> None:
        if editor.sub_panel is not None:
            editor.unfold()
            editor.sub_panel.focus_first()  # a block: its first field
        else:
            editor.focus_target().setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_field(self, parts: list[tuple[str, int | None]]) -> bool:
        """Put the keyboard in the field at these path parts; False if it is not shown here."""
        if not parts or parts[0][0] not in self.rows:
            return False
        key, row_number = parts[0]
        editor = self.rows[key].editor
        if not self.visible[key]:
            return False
        if editor.sub_panel is not None:
            editor.unfold()
            if len(parts) > 1:
                return editor.sub_panel.focus_field(parts[1:])
        if isinstance(editor, RowsEditor) and row_number is not None:
            editor.open_row(row_number, parts[1][0] if len(parts) > 1 else None)
            return True
        if key in _TUCKED and self.more is not None:
            self.more.setChecked(True)
        self._focus_editor(editor)
        return True
