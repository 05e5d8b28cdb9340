"""The entries of a form's choice lists as Qt models: reference lists folded once, each list
built once per form, and the legal catalogue as a list to pick a provision from."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from domain.forms.model import FieldDefinition
from domain.law import Catalogue, default_catalogue
from domain.reference import ReferenceData
from domain.vietnamese import fold

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1  # the stored code of an entry
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 2  # label and code folded: what type-ahead matches against
PARENT_ROLE = Qt.ItemDataRole.UserRole + 3  # the province of a commune
_FIELD_OF_ROLE = {
    int(Qt.ItemDataRole.DisplayRole): "label",
    int(Qt.ItemDataRole.EditRole): "label",
    int(VALUE_ROLE): "value",
    int(FOLDED_ROLE): "folded",
    int(PARENT_ROLE): "parent",
}

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class OptionEntry:
    value: str
    label: str
    folded: str  # label and code folded: what type-ahead matches against
    parent: str = ""  # the province of a commune


@functools.cache
def reference_entries(
    reference: ReferenceData, name: str, language: str
) -> tuple[OptionEntry, ...]:
    """A reference list as entries, folded once per process (3,321 communes take ~40 ms)."""
    return tuple(
        _entry(
            o.value,
            o.label_vi if language == "vi" else o.label_en,
            o.label_vi,
            o.label_en,
            o.parent or "",
        )
        for o in reference.options(name)
    )


def _entry(value: str, shown: str, vi: str, en: str, parent: str = "") -> OptionEntry:
    # Both languages match, so "dien thoai" finds "Telephone" in the English window too.
    keys = fold(vi) if vi == en else f"{fold(vi)} | {fold(en)}"
    return OptionEntry(value, shown, f"{keys} | {value.lower()}", parent)


def is_law_picker(definition: FieldDefinition) -> bool:
    """A text field holding a legal-catalogue id, picked from the catalogue (F3/F4)."""
    return definition.ui.get("picker") == "law"


def law_entries(catalogue: Catalogue) -> tuple[OptionEntry, ...]:
    """Every entry of the catalogue in force, the newest provisions first; the picker narrows
    them to the violation date (LawDayFilter), and validation judges the one chosen."""
    shown = []
    for e in sorted(catalogue.entries, key=lambda e: e.effective_from, reverse=True):
        until = f"–{e.effective_to:%d/%m/%Y}" if e.effective_to else ""
        label = f"{e.citation} ({e.effective_from:%d/%m/%Y}{until}): {e.behaviour}"
        shown.append(OptionEntry(e.id, label, f"{e.search_key} | {e.id}"))
    return tuple(shown)


class OptionListModel(QAbstractListModel):
    """Entries of one choice list; row 0 is the blank "nothing chosen" entry."""

    def __init__(self, entries: tuple[OptionEntry, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries = (OptionEntry("", "", ""), *entries)
        self._rows: dict[str, int] | None = None  # value → row, made on first look-up

    def value_of(self, row: int) -> str:
        return self._entries[row].value if 0 <= row < len(self._entries) else ""

    def parent_of(self, row: int) -> str:
        return self._entries[row].parent if 0 <= row < len(self._entries) else ""

    def row_of(self, value: str) -> int:
        """The row of `value`, -1 if not listed (a dict, not 3,321 calls of data())."""
        if self._rows is None:
            self._rows = {entry.value: row for row, entry in enumerate(self._entries) if row}
        return self._rows.get(value, -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked ~40 times (roles) per current-item change: the role is looked up first.
        name = _FIELD_OF_ROLE.get(int(role))
        row = index.row()
        if name is None or not index.isValid() or not 0 <= row < len(self._entries):
            return None
        return getattr(self._entries[row], name)


class OptionModels(QObject):
    """The models of one form's choice lists; each reference list is built once per form."""

    def __init__(
        self,
        language: str,
        reference: ReferenceData,
        parent: QObject | None = None,
        law: Catalogue | None = None,
    ):
        super().__init__(parent)
        self.language = language
        self.reference = reference
        self.law = law or default_catalogue()  # the station's catalogue in force
        self._shared: dict[str, OptionListModel] = {}

    def model_for(self, definition: FieldDefinition) -> OptionListModel:
        if is_law_picker(definition):
            if "law" not in self._shared:
                self._shared["law"] = OptionListModel(law_entries(self.law), self)
            return self._shared["law"]
        if definition.reference is None:
            entries = tuple(
                _entry(o.value, o.label.get(self.language), o.label.vi, o.label.en)
                for o in definition.options
            )
            return OptionListModel(entries, self)
        name = definition.reference
        if name not in self._shared:
            entries = reference_entries(self.reference, name, self.language)
            self._shared[name] = OptionListModel(entries, self)
        return self._shared[name]
