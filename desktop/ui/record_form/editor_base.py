"""What every field editor of a record form offers (its value, its problem state, its focus), and
what the editors of one form share, the factory that builds them among it.

Panels build editors and blocks (a person, an address, a group's rows) build panels: the panel
gets its editors from `EditorContext.make_editor` (made in `editors.py`) and sees a block's panel
as a `SubPanel`, so no module here imports one that imports it back."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desktop.ui.record_form.options import OptionModels
from domain.forms.evaluation import EvalContext, Scope, is_empty
from domain.forms.model import FieldDefinition
from domain.reference import ReferenceData
from domain.validation.problems import Problem

# Colours of problems beside a field: red for errors, amber for warnings (never red: they do not
# block). Drawn with palettes, not style sheets: a style sheet over a form of a hundred fields
# makes building it several times slower.
ERROR_COLOUR = "#b71c1c"
WARNING_COLOUR = "#8a5a00"
_FIELD_BACKGROUNDS = {"error": "#ffe3e3", "warning": "#fff3cd"}
HINT_COLOUR = "#666666"


def style_label(
    label: QLabel, *, points: float | None = None, bold: bool = False, colour: str | None = None
) -> QLabel:
    """Size, weight and colour of a label through its font and palette."""
    font = label.font()
    if points is not None:
        font.setPointSizeF(points)
    font.setBold(bold)
    label.setFont(font)
    if colour is not None:
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        label.setPalette(palette)
    return label


class EditorFactory(Protocol):
    """Builds the editor of one field (`editors.create_editor`)."""

    def __call__(
        self, definition: FieldDefinition, context: EditorContext, *, inside_person: bool = False
    ) -> FieldEditor: ...


class SubPanel(Protocol):
    """What the panel of fields inside a block (a person, an address) offers the panel around it:
    `panel.FieldsPanel`, seen through this so the block's editor needs no import of the panel
    that builds it."""

    def editors(self) -> Iterator[FieldEditor]: ...

    def update_state(self, values: Any, outer: list[Scope]) -> None: ...

    def show_problems(self, problems: list[Problem], visited: set[str] | None) -> None: ...

    def focus_first(self) -> None: ...

    def focus_field(self, parts: list[tuple[str, int | None]]) -> bool: ...


@dataclass(frozen=True)
class EditorContext:
    """What editors share within one form: language, reference lists and their Qt models, and the
    factory that builds an editor for a field (blocks build their sub-editors through it too)."""

    language: str
    reference: ReferenceData
    option_models: OptionModels
    evaluation: Callable[[], EvalContext]  # today, now, rules and station for conditions
    describe: Callable[[Problem], str]  # a problem as the sentence shown beside its field
    make_editor: EditorFactory
    # A legal-catalogue picker's field id → the date field its law check judges it on: the
    # picker lists only the provisions in force on that date.
    law_day_of: Mapping[str, str] = field(default_factory=dict)


class FieldEditor(QWidget):
    """Base of the widgets that edit one field; values go in and out in their stored form.

    `value()` returns what the normaliser accepts (ISO dates, whole đồng, option codes), or the
    text as typed when it cannot be read, so validation can say what is wrong with it.
    """

    changed = Signal()
    sub_panel: SubPanel | None = None  # the panel of fields inside a person or address block

    def __init__(
        self, definition: FieldDefinition, context: EditorContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.definition = definition
        self.context = context
        self.path = definition.id  # the record path of this editor (set by the panel)

    @property
    def language(self) -> str:
        return self.context.language

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_path(self, path: str) -> None:
        self.path = path

    def focus_target(self) -> QWidget:
        """The widget that takes the keyboard when the user jumps to this field."""
        return self

    def commit(self) -> None:
        """Tidy what was typed (a date into dd/mm/yyyy, a name into a list entry)."""

    def set_read_only(self, read_only: bool) -> None:
        self.setEnabled(not read_only)

    def all_values(self) -> Any:
        """Everything typed, hidden parts included (conditions are worked out from these)."""
        return self.value()

    def unfold(self) -> None:
        """Show a folded block before the keyboard goes into it."""

    def set_required(self, required: bool) -> None:
        """Mark a block's frame as required (fields mark their labels instead)."""

    def has_content(self) -> bool:
        """Whether the user filled something in besides defaults (empty objects are dropped)."""
        value = self.value()
        if self.definition.default is not None and value == self.definition.default:
            return False
        return not is_empty(value)

    def set_problem(self, severity: str | None) -> None:
        """Tint the editor red (error), amber (warning) or back to plain (None)."""
        target = self.focus_target()
        if getattr(self, "_severity", None) == severity:
            return
        self._severity = severity
        palette = QPalette(target.palette())
        if severity is None:
            palette = QApplication.palette(target)
        else:
            palette.setColor(QPalette.ColorRole.Base, QColor(_FIELD_BACKGROUNDS[severity]))
        target.setPalette(palette)


class RowsEditor(FieldEditor):
    """An editor of repeated rows (a group), each row edited in a dialog of its own. The panel
    holding it passes it the scopes its rows' conditions see, shows it its rows' problems and
    opens a row to put the keyboard in one of its fields."""

    def __init__(
        self, definition: FieldDefinition, context: EditorContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(definition, context, parent)
        self.outer_scopes: list[Scope] = []  # the scopes around the rows, for their conditions

    def show_row_problems(
        self, problems: list[Problem], describe: Callable[[Problem], str]
    ) -> None:
        raise NotImplementedError

    def open_row(self, row: int, field_id: str | None = None) -> QWidget | None:
        """Open a row's dialog (None when there is no such row)."""
        raise NotImplementedError
