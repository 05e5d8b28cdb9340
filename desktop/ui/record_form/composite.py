"""A person or an address block: a framed panel of its own fields, optionally folded away."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QGroupBox, QVBoxLayout, QWidget

from desktop.ui.record_form.editor_base import EditorContext, FieldEditor
from desktop.ui.record_form.panel import FieldsPanel
from domain.forms.evaluation import is_empty
from domain.forms.model import FieldDefinition, FieldType

# Addresses of a person other than these start folded away until ticked (most people have one).
_OPEN_ADDRESSES = frozenset({"permanent_address"})


class CompositeEditor(FieldEditor):
    """A person or an address: a framed block of its own fields. Addresses inside a person can be
    folded away (a tick box above the frame), as most people give only one of three."""

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
        # Foldable: the tick box carries the title and the frame is shown only while it is
        # ticked (a folded QGroupBox would still draw an empty frame under its title).
        self.fold = QCheckBox(self.title) if foldable else None
        self.box = QGroupBox("" if foldable else self.title)
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
        if self.fold is not None:
            layout.setSpacing(2)
            layout.addWidget(self.fold)
        layout.addWidget(self.box)  # before any setVisible: a box without parent is a window
        if self.fold is not None:
            self.fold.setChecked(definition.id in _OPEN_ADDRESSES)
            self.box.setVisible(self.fold.isChecked())
            self.fold.toggled.connect(self._on_fold_toggled)
        self.setFocusProxy(self.panel)

    def set_path(self, path: str) -> None:
        self.path = path
        self.panel.set_prefix(path + ".")

    def focus_target(self) -> QWidget:
        return self.fold if self.fold is not None and self._folded() else self.panel

    def set_required(self, required: bool) -> None:
        title = self.title + (" *" if required else "")
        if self.fold is not None:
            self.fold.setText(title)
        else:
            self.box.setTitle(title)

    def unfold(self) -> None:
        if self.fold is not None:
            self.fold.setChecked(True)

    def _on_fold_toggled(self, shown: bool) -> None:
        self.box.setVisible(shown)
        self.changed.emit()

    def _folded(self) -> bool:
        return self.fold is not None and not self.fold.isChecked()

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
        if self.fold is not None:
            self.fold.setChecked(self.definition.id in _OPEN_ADDRESSES or not is_empty(value))

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.panel.editors():
            editor.set_read_only(read_only)

    def set_problem(self, severity: str | None) -> None:
        """The block's own problems are listed under it; its frame stays as it is."""
