"""The reference list of communes for the set-up wizard, filtered as the user types, accents ignored."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from domain.reference import ReferenceData
from domain.vietnamese import fold

CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # the 5-digit commune code
NAME_ROLE = Qt.ItemDataRole.UserRole + 2  # the official name alone, e.g. "Phường Ba Đình"
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 3  # name and province, folded for searching
# The folded name without its type: "ba dinh" for "Phường Ba Đình".
BARE_ROLE = Qt.ItemDataRole.UserRole + 4

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CommuneChoice:
    code: str
    name: str
    province: str
    folded: str
    bare: str


def commune_choices(reference: ReferenceData) -> list[CommuneChoice]:
    """Every unit that can have a station (not Hoàng Sa or Trường Sa, which have no commune
    police) with its province's name, sorted as a Vietnamese reader expects."""
    provinces = {p.code: p.name for p in reference.provinces()}
    choices = []
    for commune in reference.communes():
        if not reference.has_police_station(commune.code):
            continue
        province = provinces.get(commune.province, "")
        bare = commune.name.removeprefix(commune.type).strip()
        folded = fold(f"{commune.name} {province}")
        choices.append(CommuneChoice(commune.code, commune.name, province, folded, fold(bare)))
    return sorted(choices, key=lambda c: (c.bare, c.folded))


class CommuneListModel(QAbstractListModel):
    """The communes matching the words typed: every folded word must start a word of the name or
    province; the closest matches ("ba dinh" → Ba Đình before Tân Dĩnh, Bắc Ninh) come first.

    Filtering is plain Python over precomputed keys, not a proxy: 3,321 rows stay instant per key.
    """

    def __init__(self, choices: list[CommuneChoice], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[CommuneChoice] = []
        self._words: list[tuple[str, ...]] = []
        self._shown: list[CommuneChoice] = []
        self.set_choices(choices)

    def set_choices(self, choices: list[CommuneChoice]) -> None:
        self.beginResetModel()
        self._all = choices
        self._words = [tuple(c.folded.split()) for c in choices]
        self._shown = list(choices)
        self.endResetModel()

    def set_query(self, text: str) -> None:
        words = fold(text).split()
        phrase = " ".join(words)
        matches = [
            choice
            for choice, own in zip(self._all, self._words, strict=True)
            if all(any(w.startswith(word) for w in own) for word in words)
        ]
        if phrase:
            matches.sort(key=lambda c: (not c.bare.startswith(phrase), phrase not in c.folded))
        self.beginResetModel()
        self._shown = matches
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        choice = self._shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{choice.name} \u2014 {choice.province}" if choice.province else choice.name
        if role == CODE_ROLE:
            return choice.code
        if role == NAME_ROLE:
            return choice.name
        if role == FOLDED_ROLE:
            return choice.folded
        if role == BARE_ROLE:
            return choice.bare
        return None
