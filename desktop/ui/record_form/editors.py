"""The editor for each field type: the factory a form puts in its `EditorContext`, through which
panels and blocks build their editors (blocks hold panels of their own, so the panel cannot
import them; it is handed this instead)."""

from __future__ import annotations

from desktop.ui.record_form.choice_editors import ChoiceEditor, MultiChoiceEditor, YesNoEditor
from desktop.ui.record_form.composite import CompositeEditor
from desktop.ui.record_form.editor_base import EditorContext, FieldEditor
from desktop.ui.record_form.group_editor import GroupEditor
from desktop.ui.record_form.line_editors import (
    ComputedEditor,
    DateEditor,
    MoneyEditor,
    MultilineEditor,
    NumberEditor,
    TextEditor,
)
from desktop.ui.record_form.options import is_law_picker
from domain.forms.model import FieldDefinition, FieldType

_EDITORS: dict[FieldType, type[FieldEditor]] = {
    FieldType.TEXT: TextEditor,
    FieldType.MULTILINE: MultilineEditor,
    FieldType.INTEGER: NumberEditor,
    FieldType.DECIMAL: NumberEditor,
    FieldType.MONEY: MoneyEditor,
    FieldType.DATE: DateEditor,
    FieldType.PARTIAL_DATE: DateEditor,
    FieldType.DATETIME: DateEditor,
    FieldType.CHOICE: ChoiceEditor,
    FieldType.MULTI_CHOICE: MultiChoiceEditor,
    FieldType.YES_NO: YesNoEditor,
    FieldType.GROUP: GroupEditor,
}


def create_editor(
    definition: FieldDefinition, context: EditorContext, *, inside_person: bool = False
) -> FieldEditor:
    """The editor for one field (a person's addresses fold away, as most people give one)."""
    if definition.computed is not None:
        return ComputedEditor(definition, context)
    if definition.type in (FieldType.PERSON, FieldType.ADDRESS):
        foldable = inside_person and definition.type is FieldType.ADDRESS
        return CompositeEditor(definition, context, foldable=foldable)
    if is_law_picker(definition):
        return ChoiceEditor(definition, context)
    return _EDITORS[definition.type](definition, context)
