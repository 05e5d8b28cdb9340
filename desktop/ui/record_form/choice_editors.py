"""Choices: lists with accent-insensitive type-ahead (communes filtered by province), ticks, yes/no."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from desktop.ui.record_form.editor_base import EditorContext, FieldEditor
from desktop.ui.record_form.options import (
    FOLDED_ROLE,
    VALUE_ROLE,
    Index,
    OptionListModel,
    is_law_picker,
)
from domain.forms.model import FieldDefinition
from domain.law import Catalogue
from domain.vietnamese import fold


class ParentFilter(QSortFilterProxyModel):
    """Only the entries under the chosen parent (the communes of one province); none chosen: all."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.parent_value = ""

    def set_parent_value(self, value: str) -> None:
        if value != self.parent_value:
            self.beginFilterChange()
            self.parent_value = value
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if not self.parent_value or row == 0:
            return True
        # Straight from the entries: a data() call per row is 3,321 Python calls per filter.
        source = self.sourceModel()
        assert isinstance(source, OptionListModel)  # ChoiceEditor sets no other
        return source.parent_of(row) == self.parent_value


class LawDayFilter(QSortFilterProxyModel):
    """Only the provisions in force on the violation date; no date yet: every one, newest first.

    An act is judged under the law of the day it was committed (docs/legal-catalogue.md), so
    offering a repealed or not-yet-applicable provision would only invite LAW_ENTRY_NOT_IN_FORCE."""

    def __init__(self, catalogue: Catalogue, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.day: date | None = None
        self._entries = {e.id: e for e in catalogue.entries}

    def set_day(self, day: date | None) -> None:
        if day != self.day:
            self.beginFilterChange()
            self.day = day
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if self.day is None or row == 0:
            return True
        source = self.sourceModel()
        assert isinstance(source, OptionListModel)  # ChoiceEditor sets no other
        entry = self._entries.get(source.value_of(row))
        return entry is not None and entry.in_force(self.day)


class FoldingCompleter(QCompleter):
    """Matches what is typed against folded labels, so "ha noi" finds "Thành phố Hà Nội"."""

    def splitPath(self, path: str) -> list[str]:
        return [fold(path)]

    def pathFromIndex(self, index: Index) -> str:
        return index.data(Qt.ItemDataRole.DisplayRole)


class _ChoiceLine(QLineEdit):
    """The combo's text; Enter settles on an entry first, then lets the form move on."""

    def __init__(self, editor: ChoiceEditor) -> None:
        super().__init__()
        self._editor = editor

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self._editor.commit()
        super().keyPressEvent(event)


class ChoiceEditor(FieldEditor):
    """A list to pick from by typing part of an entry, accents optional; Alt+Down shows it all."""

    def __init__(
        self, definition: FieldDefinition, context: EditorContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(definition, context, parent)
        self.combo = QComboBox()
        # setLineEdit makes the combo editable: setEditable(True) first would build a line
        # edit (and its completer) only to throw it away, ~2 ms a list on X11.
        line = _ChoiceLine(self)
        self.combo.setLineEdit(line)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMaxVisibleItems(15)
        # Sized by a fixed length, not by measuring 3,321 commune names on every layout pass.
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(22)
        source = context.option_models.model_for(definition)
        self.option_model = source  # the filter's source, or the combo's model when none
        self.filter: ParentFilter | None = None
        self.day_filter: LawDayFilter | None = None
        self.proxy: QSortFilterProxyModel | None = None  # whichever filter the combo shows
        if definition.parent is not None:
            self.filter = self.proxy = ParentFilter(self)
        elif is_law_picker(definition):
            self.day_filter = self.proxy = LawDayFilter(context.option_models.law, self)
        if self.proxy is not None:
            self.proxy.setSourceModel(source)
            self.combo.setModel(self.proxy)
        else:
            self.combo.setModel(source)
        completer = FoldingCompleter(self.combo.model(), self.combo)
        completer.setCompletionRole(FOLDED_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.combo.setCompleter(completer)
        self.completer = completer
        self.set_value(None)
        line.setPlaceholderText(self.tr("Type to search\u2026"))
        width = 420 if definition.reference in ("communes", "provinces") else 320
        self.combo.setMinimumWidth(min(width, 260))
        self.combo.setMaximumWidth(width)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addStretch(0)
        self.setFocusProxy(self.combo)
        self.combo.currentIndexChanged.connect(self.changed)
        line.textEdited.connect(self.changed)
        line.editingFinished.connect(self.commit)

    def focus_target(self) -> QWidget:
        return self.combo

    def set_read_only(self, read_only: bool) -> None:
        self.combo.setEnabled(not read_only)

    def set_parent_value(self, value: Any) -> None:
        """Narrow the list to one parent's entries (the communes of the chosen province)."""
        if self.filter is None:
            return
        chosen = self.value()
        self.filter.set_parent_value(value if isinstance(value, str) else "")
        self._select(chosen)  # the filter moved rows: keep the same entry, if still listed

    def set_law_day(self, day: date | None) -> None:
        """List the provisions in force on `day` (None: all). A provision chosen that is not in
        force then stays, as its id, for validation to name the one that was."""
        if self.day_filter is None or day == self.day_filter.day:
            return
        chosen = self.value()
        self.day_filter.set_day(day)
        if chosen and not self._select(chosen):
            self.combo.setCurrentIndex(-1)
            self.combo.setEditText(str(chosen))

    def value(self) -> Any:
        index = self.combo.currentIndex()
        text = self.combo.currentText().strip()
        if index > 0 and self.combo.itemText(index) == self.combo.currentText():
            return self.combo.itemData(index, VALUE_ROLE)
        return text or None  # typed but not in the list: validation says so

    def set_value(self, value: Any) -> None:
        if value is None or value == "":
            value = self.definition.default  # shown (Việt Nam), stored only beside other values
        if value is None or value == "":
            self.combo.setCurrentIndex(0)
            self.combo.setEditText("")
            return
        if self.filter is not None and self.filter.parent_value:
            parent = self.context.reference.commune(str(value)) if self._is_commune() else None
            if parent is not None and parent.province != self.filter.parent_value:
                self.filter.set_parent_value(parent.province)
        if not self._select(value):
            self.combo.setCurrentIndex(-1)
            self.combo.setEditText(str(value))

    def _row_of(self, value: str) -> int:
        source = self.option_model
        row = source.row_of(value)
        if row > 0 and self.proxy is not None:
            row = self.proxy.mapFromSource(source.index(row, 0)).row()  # -1 if filtered out
        return row

    def _is_commune(self) -> bool:
        return self.definition.reference == "communes"

    def _select(self, value: Any) -> bool:
        row = self._row_of(str(value)) if value else -1
        if row > 0:
            self.combo.setCurrentIndex(row)
        return row > 0

    def commit(self) -> None:
        """Settle typed text on the best entry: the same name, else the first that contains it."""
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()
        text = self.combo.currentText()
        if not text.strip():
            self.combo.setCurrentIndex(0)
            return
        current = self.combo.currentIndex()
        if current > 0 and self.combo.itemText(current) == text:
            return
        row = self.best_row(text)
        if row > 0:
            self.combo.setCurrentIndex(row)
            self.combo.setEditText(self.combo.itemText(row))

    def best_row(self, text: str) -> int:
        needle = fold(text).strip()
        model = self.combo.model()
        best, best_rank = -1, 3
        for row in range(1, model.rowCount()):
            index = model.index(row, 0)
            names = str(index.data(FOLDED_ROLE)).split(" | ")
            if needle in names:
                return row
            rank = 1 if any(_starts_a_word(n, needle) for n in names) else 2
            if rank < best_rank and any(needle in n for n in names):
                best, best_rank = row, rank
        return best


def _starts_a_word(label: str, needle: str) -> bool:
    """ "ba dinh" starts a word of "phuong ba dinh"; "dinh" does not start "phuong ba dinh"'s …"""
    return any(
        label[i:].startswith(needle) for i in range(len(label)) if i == 0 or label[i - 1] == " "
    )


# Tick boxes do not wrap: two columns of longer labels (F3's aggravating circumstances) made the
# form wider than the page of a 1100-pixel window, with a horizontal scroll bar.
TWO_COLUMN_LABEL_LIMIT = 40


class MultiChoiceEditor(FieldEditor):
    """One tick box per option (Space ticks); several may be ticked."""

    def __init__(
        self, definition: FieldDefinition, context: EditorContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(definition, context, parent)
        self.boxes: list[tuple[str, QCheckBox]] = []
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        labels = [option.label.get(context.language) for option in definition.options]
        side_by_side = len(labels) > 4 and max(map(len, labels)) <= TWO_COLUMN_LABEL_LIMIT
        columns = 2 if side_by_side else 1
        per_column = -(-len(definition.options) // columns)
        for number, (option, label) in enumerate(zip(definition.options, labels, strict=True)):
            box = QCheckBox(label)
            box.toggled.connect(self.changed)
            layout.addWidget(box, number % per_column, number // per_column)
            self.boxes.append((option.value, box))
        if self.boxes:
            self.setFocusProxy(self.boxes[0][1])

    def focus_target(self) -> QWidget:
        return self.boxes[0][1] if self.boxes else self

    def value(self) -> Any:
        return [value for value, box in self.boxes if box.isChecked()] or None

    def set_value(self, value: Any) -> None:
        chosen = set(value) if isinstance(value, list) else set()
        for option, box in self.boxes:
            box.setChecked(option in chosen)


class YesNoEditor(FieldEditor):
    """A tick box: ticked is yes, not ticked is no (Space ticks)."""

    def __init__(
        self, definition: FieldDefinition, context: EditorContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(definition, context, parent)
        self.box = QCheckBox(self.tr("Yes"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addStretch(1)
        self.setFocusProxy(self.box)
        self.box.toggled.connect(self.changed)
        if definition.default is True:
            self.box.setChecked(True)

    def focus_target(self) -> QWidget:
        return self.box

    def value(self) -> Any:
        if self.box.isChecked():
            return True
        # "No" is worth storing when it is an answer: required, or a box that starts ticked.
        return False if self.definition.required or self.definition.default is True else None

    def set_value(self, value: Any) -> None:
        if value is None:
            value = self.definition.default
        self.box.setChecked(value is True or str(value).lower() in ("true", "có", "co", "1"))

    def has_content(self) -> bool:
        # An unticked box says nothing on its own: a row or block with only "no" in it is empty.
        return self.box.isChecked() and self.definition.default is not True
