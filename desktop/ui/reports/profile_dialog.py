"""The station-profile dialog: the chief keeps the Resolution 12 indicators (facilities, staffing,
equipment, digital work, grassroots forces) up to date; each save is a new, audited version."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.placeholders import fill_numbered
from desktop.core.station_time import station_today
from desktop.ui.errors import inline_message
from desktop.ui.reports import report_work
from desktop.ui.services import PageContext
from domain.forms.catalogue import Catalogue
from domain.reports.profile import GROUPS, PROFILE_FIELDS, ProfileField, StationProfile

BLANK = -1  # what a number box holds when the figure is not known (shown as "—")
_YEAR_BLANK = 1944


class StationProfileDialog(QDialog):
    profile_saved = Signal(object)  # the StationProfile just stored

    def __init__(
        self,
        context: PageContext,
        catalogue: Catalogue,
        profile: StationProfile | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context, self.catalogue = context, catalogue
        self.setObjectName("stationProfileDialog")
        self.setWindowTitle(self.tr("Station profile (Resolution 12 indicators)"))
        self.language = context.services.language
        self.editors: dict[str, QWidget] = {}
        intro = QLabel(
            self.tr(
                "Figures of the station's build-up that no record holds. Saving keeps the earlier"
                " versions: a report uses the version in force at the end of its period."
            )
        )
        intro.setWordWrap(True)
        if profile is not None:
            intro.setText(
                intro.text()
                + " "
                + fill_numbered(
                    self.tr("Last saved: version %1, figures true on %2, by %3."),
                    str(profile.version),
                    date.fromisoformat(profile.as_of).strftime("%d/%m/%Y"),
                    profile.changed_by,
                )
            )
        today = station_today()  # the station's day, not the PC's
        self.as_of = QDateEdit(QDate(today.year, today.month, today.day))
        self.as_of.setObjectName("profileAsOf")
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("dd/MM/yyyy")
        top = QFormLayout()
        top.addRow(self.tr("Figures true on:"), self.as_of)
        body = QWidget()
        groups = QVBoxLayout(body)
        for group, title in GROUPS:
            box = QGroupBox(title.get(self.language))
            form = QFormLayout(box)
            for field in (f for f in PROFILE_FIELDS if f.group == group):
                editor = self._editor(field)
                editor.setObjectName(f"profile_{field.id}")
                self.editors[field.id] = editor
                unit = f" ({field.unit})" if field.unit else ""
                form.addRow(field.label.get(self.language) + unit, editor)
            groups.addWidget(box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.message = QLabel()
        self.message.setObjectName("profileMessage")
        self.message.setStyleSheet("color: #b71c1c;")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(620, 640)
        if profile is not None:
            self.set_values(profile.values)

    def _editor(self, field: ProfileField) -> QWidget:
        if field.kind == "choice":
            combo = QComboBox()
            combo.addItem("\u2014", None)
            for option in field.options:
                combo.addItem(option.label.get(self.language), option.value)
            return combo
        if field.kind == "money":
            # Whole đồng, billions for a headquarters: beyond a QSpinBox's 32-bit range.
            money = QDoubleSpinBox()
            money.setDecimals(0)
            money.setRange(BLANK, 1_000_000_000_000)
            money.setGroupSeparatorShown(True)
            money.setSpecialValueText("\u2014")
            money.setValue(BLANK)
            return money
        if field.kind == "area":
            area = QDoubleSpinBox()
            area.setRange(BLANK, 1_000_000)
            area.setDecimals(1)
            area.setSpecialValueText("\u2014")
            area.setValue(BLANK)
            return area
        spin = QSpinBox()
        spin.setGroupSeparatorShown(True)
        if field.kind == "year":
            spin.setRange(_YEAR_BLANK, station_today().year + 1)
        else:
            spin.setRange(BLANK, 10_000_000)
        spin.setSpecialValueText("\u2014")
        spin.setValue(spin.minimum())
        return spin

    def set_values(self, values: Any) -> None:
        for field_id, editor in self.editors.items():
            value = values.get(field_id)
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(editor.findData(value), 0))
            # One branch each, so that each minimum() keeps its own type (int, float).
            elif isinstance(editor, QSpinBox):  # noqa: SIM114
                editor.setValue(editor.minimum() if value is None else value)
            elif isinstance(editor, QDoubleSpinBox):
                editor.setValue(editor.minimum() if value is None else value)

    def values(self) -> dict[str, Any]:
        """What the boxes hold, blanks left out."""
        values: dict[str, Any] = {}
        for field_id, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                value = editor.currentData()
            elif isinstance(editor, QDoubleSpinBox):
                value = None if editor.value() == editor.minimum() else editor.value()
            else:
                assert isinstance(editor, QSpinBox)
                value = None if editor.value() == editor.minimum() else editor.value()
            if value is not None:
                values[field_id] = value
        return values

    def save(self) -> None:
        self.buttons.setEnabled(False)
        self.context.tasks.run(
            report_work.save_profile,
            self.context.session,
            self.catalogue,
            self.values(),
            self.as_of.date().toPython(),
            on_done=self._on_saved,
            on_error=self._on_failed,
            context=self,
        )

    def _on_saved(self, profile: StationProfile) -> None:
        self.buttons.setEnabled(True)
        self.profile_saved.emit(profile)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        field = getattr(error, "params", {}).get("field")
        editor = self.editors.get(field) if field else None
        text = inline_message(error)
        if editor is not None:
            spec = next(f for f in PROFILE_FIELDS if f.id == field)
            text = f"{spec.label.get(self.language)}: {text}"
            editor.setFocus()
        self.message.setText(text)
        self.message.setVisible(True)
