"""The search box and filters above a record list: a 50 ms pause in typing, choices at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.record_labels import status_name, statuses
from domain.forms import Catalogue
from domain.records import RecordFilter, RecordStatus
from domain.validation.formats import parse_date

SEARCH_DELAY_MS = 50  # a pause between keys (the model also coalesces reads that overlap)


class RecordFilterBar(QWidget):
    filters_changed = Signal(object)  # RecordFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("recordSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Search names, ID numbers, places, content\u2026 (accents optional)")
        )
        self.form = QComboBox()
        self.form.setObjectName("formFilter")
        self.form.addItem(self.tr("All forms"), "")
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.addItem(self.tr("All but voided"), "")
        for status in statuses():
            self.status.addItem(status_name(status), status)
        self.author = QComboBox()
        self.author.setObjectName("authorFilter")
        # The users arrive after the first paint: grow with them ("Tôi (lan)" was cut).
        self.author.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.author.addItem(self.tr("Anyone"), "")
        self.date_from = QLineEdit()
        self.date_to = QLineEdit()
        for edit in (self.date_from, self.date_to):
            edit.setPlaceholderText("dd/mm/yyyy")
            edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("dd/mm/yyyy") + 20)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self._wanted_author = ""  # restored before the user list has arrived
        # Two rows: the dates beside the search box, the choices under it. One row of all five
        # squeezed the dates to "d…" in Vietnamese at 1100 px. Widgets are added in Tab order.
        dates, choices = QHBoxLayout(), QHBoxLayout()
        dates.addWidget(self.search, 1)
        pairs = (
            (self.tr("&Form:"), self.form, choices),
            (self.tr("S&tatus:"), self.status, choices),
            (self.tr("A&uthor:"), self.author, choices),
            (self.tr("Event &from:"), self.date_from, dates),
            (self.tr("to:"), self.date_to, dates),
        )
        for text, widget, row in pairs:
            label = QLabel(text)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
        choices.addStretch(1)
        choices.addWidget(self.clear_button)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(dates)
        rows.addLayout(choices)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)  # one query per pause in typing, not per key
        self._timer.timeout.connect(self._emit)
        self.search.textEdited.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._emit)
        for combo in (self.form, self.status, self.author):
            combo.currentIndexChanged.connect(self._emit)
        for edit in (self.date_from, self.date_to):
            edit.editingFinished.connect(self._emit)
        self.clear_button.clicked.connect(self.clear)

    def set_forms(self, catalogue: Catalogue, language: str) -> None:
        self.form.blockSignals(True)
        for form in catalogue:
            self.form.addItem(f"{form.id} \u00b7 {form.short_title.get(language)}", form.id)
        self.form.blockSignals(False)

    def set_authors(self, authors: list[tuple[str, str]]) -> None:
        """(user name, shown name) pairs to pick from; the current choice is kept."""
        chosen = self._wanted_author or self.author.currentData()
        self._wanted_author = ""
        self.author.blockSignals(True)
        while self.author.count() > 1:
            self.author.removeItem(1)
        for username, shown in authors:
            self.author.addItem(shown, username)
        self.author.setCurrentIndex(max(0, self.author.findData(chosen)))
        self.author.blockSignals(False)

    def filters(self) -> RecordFilter:
        status = self.status.currentData() or None
        return RecordFilter(
            form_id=self.form.currentData() or None,
            status=status,
            author=self.author.currentData() or None,
            date_from=self._date(self.date_from),
            date_to=self._date(self.date_to),
            text=self.search.text().strip(),
            include_voided=status == RecordStatus.VOIDED,
        )

    def _date(self, edit: QLineEdit) -> str | None:
        text = edit.text().strip()
        day = parse_date(text) if text else None
        palette = edit.palette()
        # An unreadable date is tinted and ignored rather than silently matching nothing.
        palette.setColor(
            QPalette.ColorRole.Base, QColor("#ffe3e3" if text and day is None else "#ffffff")
        )
        edit.setPalette(palette)
        if day is not None:
            edit.setText(day.strftime("%d/%m/%Y"))
        return day.isoformat() if day else None

    def _emit(self) -> None:
        self._timer.stop()
        self.filters_changed.emit(self.filters())

    def clear(self) -> None:
        for widget in (self.form, self.status, self.author):
            widget.blockSignals(True)
            widget.setCurrentIndex(0)
            widget.blockSignals(False)
        for edit in (self.search, self.date_from, self.date_to):
            edit.clear()
        self._emit()

    def state(self) -> dict[str, Any]:
        return {
            "text": self.search.text(),
            "form": self.form.currentData(),
            "status": self.status.currentData(),
            "author": self.author.currentData(),
            "from": self.date_from.text(),
            "to": self.date_to.text(),
        }

    def set_state(self, state: dict[str, Any]) -> None:
        self._wanted_author = state.get("author", "") or ""
        self.search.setText(state.get("text", ""))
        self.date_from.setText(state.get("from", ""))
        self.date_to.setText(state.get("to", ""))
        for combo, key in ((self.form, "form"), (self.status, "status"), (self.author, "author")):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(state.get(key, ""))))
            combo.blockSignals(False)
