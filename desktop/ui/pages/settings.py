"""The Settings page: this PC's language, the station's auto-lock (supervisors), my password."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.permissions import Permission, allows
from desktop.storage import settings
from desktop.storage.station import StationSession
from desktop.ui.backup_panel import BackupPanel
from desktop.ui.change_password_dialog import ChangePasswordDialog
from desktop.ui.pages.base import Page
from desktop.ui.services import PageContext

MAX_AUTO_LOCK_MINUTES = 240


MAX_TRANSFER_HOURS = 24 * 30


def save_station_settings(session: StationSession, minutes: int, hours: int) -> int:
    """Work function: store the auto-lock minutes and the crime-report transfer limit (each change
    audited); returns the minutes."""
    settings.set_setting(session, settings.AUTO_LOCK_MINUTES, minutes)
    settings.set_setting(session, settings.TRANSFER_HOURS, hours)
    return minutes


class SettingsPage(Page):
    KEY = "settings"
    TITLE = QT_TRANSLATE_NOOP("Pages", "Settings")
    ICON = "settings"
    PERMISSION = None  # everyone; the station-wide part is read-only for officers

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.stored_minutes = context.services.idle.timeout_ms // 60_000
        self.can_manage = allows(context.session.user.role, Permission.MANAGE_SETTINGS)
        layout = QVBoxLayout(self)
        layout.addWidget(self._station_box())
        layout.addWidget(self._computer_box())
        layout.addWidget(self._account_box())
        self.backup_panel = BackupPanel(context)
        self.backup_panel.backup_made.connect(
            lambda _result: self.status_message.emit(self.tr("Backup made and checked."))
        )
        layout.addWidget(self.backup_panel)
        layout.addStretch(1)

    def _station_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Station"))
        self.auto_lock = QSpinBox()
        self.auto_lock.setObjectName("autoLockMinutes")
        self.auto_lock.setRange(1, MAX_AUTO_LOCK_MINUTES)
        self.auto_lock.setSuffix(self.tr(" min"))
        self.auto_lock.setValue(self.stored_minutes)
        self.transfer_hours = QSpinBox()
        self.transfer_hours.setObjectName("transferHours")
        self.transfer_hours.setRange(1, MAX_TRANSFER_HOURS)
        self.transfer_hours.setSuffix(self.tr(" h"))
        self.transfer_hours.setValue(settings.DEFAULTS[settings.TRANSFER_HOURS])
        self.context.tasks.run(
            settings.transfer_hours,
            self.context.session,
            on_done=self.transfer_hours.setValue,
            on_error=self.show_error,
            context=self,
        )
        self.apply_button = QPushButton(self.tr("&Apply"))
        self.station_note = QLabel()
        self.station_note.setWordWrap(True)
        label = QLabel(self.tr("&Lock after this long without activity:"))
        label.setBuddy(self.auto_lock)
        hours_label = QLabel(self.tr("Transfer a crime report to the investigators &within:"))
        hours_label.setBuddy(self.transfer_hours)
        hours_label.setToolTip(
            self.tr("The law says \u201cimmediately\u201d; the dashboard warns before this limit.")
        )
        self.station_form = QFormLayout(box)
        self.station_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.station_form.addRow(label, self.auto_lock)
        self.station_form.addRow(hours_label, self.transfer_hours)
        self.station_form.addRow("", self.apply_button)  # applies both
        self.station_form.addRow("", self.station_note)
        if not self.can_manage:
            self.transfer_hours.setEnabled(False)
            self.auto_lock.setEnabled(False)
            self.apply_button.setVisible(False)
            self.station_note.setText(self.tr("Only a supervisor can change station settings."))
        self.station_form.setRowVisible(self.station_note, bool(self.station_note.text()))
        self.apply_button.clicked.connect(self._on_apply_button_clicked)
        return box

    def _computer_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("This computer"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(self.language.findData(self.context.services.language))
        self.language_note = QLabel()
        self.language_note.setWordWrap(True)
        self.computer_form = QFormLayout(box)
        self.computer_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.computer_form.addRow(self.tr("&Language:"), self.language)
        self.computer_form.addRow("", self.language_note)
        self.computer_form.setRowVisible(self.language_note, False)
        self.language.currentIndexChanged.connect(self._on_language_changed)
        return box

    def _account_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("My account"))
        user = self.context.session.user
        self.password_button = QPushButton(self.tr("C&hange my password\u2026"))
        self.password_note = QLabel()
        row = QHBoxLayout(box)
        row.addWidget(QLabel(f"{user.full_name} ({user.username})"))
        row.addStretch(1)
        row.addWidget(self.password_note)
        row.addWidget(self.password_button)
        self.password_button.clicked.connect(self._on_password_button_clicked)
        return box

    def capture_state(self) -> dict[str, Any]:
        edited = self.auto_lock.value() != self.stored_minutes
        return {"auto_lock": self.auto_lock.value()} if edited else {}

    def restore_state(self, state: dict[str, Any]) -> None:
        if "auto_lock" in state:
            self.auto_lock.setValue(int(state["auto_lock"]))

    def _on_apply_button_clicked(self) -> None:
        self.apply_button.setEnabled(False)
        self.context.tasks.run(
            save_station_settings,
            self.context.session,
            self.auto_lock.value(),
            self.transfer_hours.value(),
            on_done=self._on_auto_lock_saved,
            on_error=self._on_save_failed,
            context=self,
        )

    def _on_auto_lock_saved(self, minutes: int) -> None:
        self.apply_button.setEnabled(True)
        self.stored_minutes = minutes
        self.context.services.idle.set_timeout_minutes(minutes)
        self.station_note.setText(self.tr("Saved."))
        self.station_form.setRowVisible(self.station_note, True)
        self.status_message.emit(
            self.tr("The station now locks after %n minute(s) without activity.", "", minutes)
        )

    def _on_save_failed(self, error: BaseException) -> None:
        self.apply_button.setEnabled(True)
        self.show_error(error)

    def _on_language_changed(self) -> None:
        language = self.language.currentData()
        self.context.services.preferences.update(language=language)
        changed = language != self.context.services.language
        self.language_note.setText(
            self.tr("The new language is used the next time CAX Desk starts.") if changed else ""
        )
        self.computer_form.setRowVisible(self.language_note, changed)

    def _on_password_button_clicked(self) -> None:
        dialog = ChangePasswordDialog(self.context.tasks, self.context.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.password_note.setText(self.tr("Password changed.")))
        self.dialog = dialog
        dialog.open()
