"""A person or an address block: a framed panel of its own fields, optionally folded away."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from desktop.ui.record_form.editor_base import EditorContext, FieldEditor
from desktop.ui.record_form.panel import FieldsPanel
from domain.forms.evaluation import is_empty
from domain.forms.model import FieldDefinition, FieldType

# Addresses of a person other than these start folded away until ticked (most people have one).
_OPEN_ADDRESSES = frozenset({"permanent_address"})


class CompositeEditor(FieldEditor):
    """A person or an address: a framed block of its own fields. Addresses inside a person can be
    folded away (a tick box in the frame's title), as most people give only one of three."""

    def __init__(
        self,
        definition: FieldDefinition,
        context: EditorContext,
        parent: QWidget | None = None,
        *,
        foldable: bool = False,
    ) -> None:
        super().__init__(definition, context, parent)
        self.title = definition.label.get(context.language)
        self.box = QGroupBox(self.title)
        self.box.setObjectName(
            "personBlock" if definition.type is FieldType.PERSON else "addressBlock"
        )
        self.foldable = foldable
        self.panel = FieldsPanel(
            definition.fields,
            "",
            context,
            inside_person=definition.type is FieldType.PERSON,
        )
        self.sub_panel = self.panel
        self.panel.changed.connect(self.changed)
        inner = QVBoxLayout(self.box)
        inner.addWidget(self.panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        if foldable:
            self.box.setCheckable(True)
            self.box.setChecked(definition.id in _OPEN_ADDRESSES)
            self.panel.setVisible(self.box.isChecked())
            self.box.toggled.connect(self._on_box_toggled)
        self.setFocusProxy(self.panel)

    def set_path(self, path: str) -> None:
        self.path = path
        self.panel.set_prefix(path + ".")

    def focus_target(self) -> QWidget:
        return self.box if self.foldable and not self.box.isChecked() else self.panel

    def set_required(self, required: bool) -> None:
        self.box.setTitle(self.title + (" *" if required else ""))

    def unfold(self) -> None:
        if self.foldable and not self.box.isChecked():
            self.box.setChecked(True)

    def _on_box_toggled(self, shown: bool) -> None:
        self.panel.setVisible(shown)
        self.changed.emit()

    def _folded(self) -> bool:
        return self.foldable and not self.box.isChecked()

    def all_values(self) -> dict[str, Any] | None:
        return None if self._folded() else self.panel.all_values() or None

    def value(self) -> Any:
        if self._folded() or not self.panel.has_content():
            return None
        return self.panel.values() or None

    def has_content(self) -> bool:
        return not self._folded() and self.panel.has_content()

    def set_value(self, value: Any) -> None:
        self.panel.set_values(value)
        if self.foldable:
            self.box.setChecked(self.definition.id in _OPEN_ADDRESSES or not is_empty(value))

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.panel.editors():
            editor.set_read_only(read_only)

    def set_problem(self, severity: str | None) -> None:
        """The block's own problems are listed under it; its frame stays as it is."""
