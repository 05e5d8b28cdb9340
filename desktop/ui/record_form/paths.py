"""Record paths as the validator writes them (`items[2].quantity`), split and labelled."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from desktop.core.placeholders import fill_numbered
from domain.forms.model import FieldDefinition, FieldType, FormDefinition

_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?")


def split_path(path: str) -> list[tuple[str, int | None]]:
    """`items[2].quantity` → [("items", 2), ("quantity", None)]; junk parts are skipped."""
    parts: list[tuple[str, int | None]] = []
    for piece in path.split("."):
        match = _PART.fullmatch(piece)
        if match:
            parts.append((match[1], int(match[2]) if match[2] is not None else None))
    return parts


def is_under(path: str, ancestor: str) -> bool:
    """Whether `path` is `ancestor` itself or lies inside it (a sub-field or a row)."""
    return path == ancestor or path.startswith(ancestor + ".") or path.startswith(ancestor + "[")


def field_label(form: FormDefinition, path: str, language: str) -> str:
    """The label of the field at a record path, or the path itself for an unknown one."""
    definition = form.field(path)
    return definition.label.get(language) if definition else path


def path_label(form: FormDefinition, path: str, language: str) -> str:
    """Where a problem is, as a reader says it: "Items › row 3 › Quantity"."""
    names: list[str] = []
    fields: tuple[FieldDefinition, ...] = form.fields
    for name, row in split_path(path):
        definition = next((f for f in fields if f.id == name), None)
        if definition is None:
            names.append(name)
            break
        names.append(definition.label.get(language))
        if row is not None and definition.type is FieldType.GROUP:
            names.append(
                fill_numbered(
                    QCoreApplication.translate("RecordFormWidget", "row %1"), str(row + 1)
                )
            )
        fields = definition.fields
    return " \u203a ".join(names)
