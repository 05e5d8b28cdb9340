"""The Settings page's "Backup" section: when the last backup was made, the reminder, making a
backup, and restoring one (supervisors).

Restoring replaces the station under the open session, so it is done in two steps: while still
logged in, the supervisor's current password is checked again, and the backup is unpacked beside
the station folder and checked with the password of a supervisor *in the backup*; only then is the session ended (the window shows the lock screen),
the current files moved into a dated folder inside the station folder and the backup put in
their place. The user logs in again, with the backup's passwords. The files are swapped only
once both workers are idle: the session's end ran on the database lane, and whatever sync was
already running on the network lane (logging out stops new ones, not a running one) has finished.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Protocol, cast

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop.core.errors import InvalidInput
from desktop.core.permissions import Permission, allows
from desktop.core.placeholders import fill_numbered
from desktop.core.station_time import station_today
from desktop.storage import backup, settings
from desktop.storage.station import StationSession
from desktop.ui.errors import PASSWORD_REQUIRED, UiError, show_error
from desktop.ui.formats import format_number, format_timestamp
from desktop.ui.labels import never_backed_up_text
from desktop.ui.services import PageContext
from desktop.ui.task_dialog import TaskDialog
from desktop.ui.tasks import Lane

MAX_REMINDER_DAYS = 90


NO_REMINDER, NEVER_BACKED_UP, BACKUP_OVERDUE = "", "never", "overdue"


def backup_reminder_due(session: StationSession) -> str:
    """Work function: which reminder this user needs — NEVER_BACKED_UP, BACKUP_OVERDUE or
    NO_REMINDER (officers never get one). The main window shows the answer with
    `StationStatusBar.set_backup_reminder()`."""
    if not allows(session.user.role, Permission.BACKUP_STATION):
        return NO_REMINDER
    if settings.last_backup_at(session) is None:
        return NEVER_BACKED_UP  # "no recent backup" would contradict Settings' "never"
    return BACKUP_OVERDUE if settings.backup_overdue(session) else NO_REMINDER


def backup_state(session: StationSession) -> tuple[str | None, int]:
    """Work function: the last backup time (ISO) and the reminder days."""
    last = settings.last_backup_at(session)
    return (last.isoformat() if last else None), settings.backup_reminder_days(session)


def save_reminder_days(session: StationSession, days: int) -> int:
    settings.set_setting(session, settings.BACKUP_REMINDER_DAYS, days)
    return days


def suggested_backup_name(code: str, today: date | None = None) -> str:
    return f"cax-{code}-{(today or station_today()):%Y%m%d}{backup.SUFFIX}"


class _SessionWindow(Protocol):
    """The main window as this panel sees it (importing MainWindow would make a cycle)."""

    def log_out(self) -> None: ...


class BackupPanel(QGroupBox):
    """Emits `backup_made(BackupResult)` and `reminder_changed()` so the window can run
    `backup_reminder_due` again and update the status bar's "No recent backup" notice."""

    backup_made = Signal(object)  # BackupResult
    reminder_changed = Signal()  # the reminder's number of days was saved

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Backup"), parent)
        self.setObjectName("backupPanel")
        self.context = context
        self.can_back_up = allows(context.session.user.role, Permission.BACKUP_STATION)
        self.restore_dialog: RestoreDialog | None = None
        self.last = QLabel()
        self.last.setObjectName("lastBackup")
        self.days = QSpinBox()
        self.days.setObjectName("backupReminderDays")
        self.days.setRange(1, MAX_REMINDER_DAYS)
        self.days.setSuffix(self.tr(" day(s)"))
        self.days_button = QPushButton(self.tr("A&pply"))
        self.backup_button = QPushButton(self.tr("&Back up now\u2026"))
        self.backup_button.setObjectName("backupButton")
        self.restore_button = QPushButton(self.tr("&Restore from a backup\u2026"))
        self.restore_button.setObjectName("restoreButton")
        self.note = QLabel()
        self.note.setObjectName("backupNote")
        self.note.setWordWrap(True)
        days_row = QHBoxLayout()
        days_row.addWidget(self.days)
        days_row.addWidget(self.days_button)
        days_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self.tr("Last backup:"), self.last)
        form.addRow(self.tr("Remind when older than:"), days_row)
        form.addRow(buttons)
        form.addRow(self.note)
        for widget in (self.days, self.days_button, self.backup_button, self.restore_button):
            widget.setEnabled(self.can_back_up)
        if not self.can_back_up:
            self.note.setText(self.tr("Only a supervisor can back up or restore the station."))
        self.backup_button.clicked.connect(self._on_backup_button_clicked)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.days_button.clicked.connect(self._on_days_button_clicked)
        self.refresh()

    def refresh(self) -> None:
        self.context.tasks.run(
            backup_state, self.context.session, on_done=self._show_state, context=self
        )

    def _show_state(self, state: tuple[str | None, int]) -> None:
        last, days = state
        self.days.setValue(days)
        self.last.setText(format_timestamp(last) if last else never_backed_up_text())

    # ---- creating -------------------------------------------------------------------------------

    def _on_backup_button_clicked(self) -> None:
        start = Path.home() / suggested_backup_name(self.context.station.code)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Back up the station to"),
            str(start),
            fill_numbered(self.tr("CAX Desk backups (*%1)"), backup.SUFFIX),
        )
        if path:
            self.back_up_to(Path(path))

    def back_up_to(self, path: Path) -> None:
        """Make the backup on the database worker; the result is shown below the buttons."""
        if path.suffix != backup.SUFFIX:
            path = path.with_name(path.name + backup.SUFFIX)
        self.backup_button.setEnabled(False)
        self.note.setText(self.tr("Backing up and checking the copy\u2026"))
        self.context.tasks.run(
            backup.create_backup,
            self.context.session,
            path,
            on_done=self._on_backup_made,
            on_error=self._on_backup_failed,
            context=self,
            lane=Lane.LONG,  # copying and checking a big station: entry goes on meanwhile
        )

    def _on_backup_made(self, result: backup.BackupResult) -> None:
        self.backup_button.setEnabled(True)
        self.note.setText(
            fill_numbered(
                self.tr("Backed up %1 record(s) to %2. The copy was checked and stays encrypted."),
                format_number(result.manifest.record_count),
                str(result.path),
            )
        )
        self.refresh()
        self.backup_made.emit(result)

    def _on_backup_failed(self, error: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self.note.setText(self.tr("The backup was not made."))
        show_error(self, error, str(self.context.services.log_file))

    def _on_days_button_clicked(self) -> None:
        self.context.tasks.run(
            save_reminder_days,
            self.context.session,
            self.days.value(),
            on_done=self._on_reminder_days_saved,
            on_error=self._on_backup_failed,
            context=self,
        )

    def _on_reminder_days_saved(self, _days: int) -> None:
        self.note.setText(self.tr("Saved."))
        self.reminder_changed.emit()

    # ---- restoring ------------------------------------------------------------------------------

    def _on_restore_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from"),
            str(Path.home()),
            fill_numbered(self.tr("CAX Desk backups (*%1)"), backup.SUFFIX),
        )
        if path:
            self.restore_from(Path(path))

    def restore_from(self, path: Path) -> None:
        """Ask for a supervisor's password of the backup; `RestoreDialog` does the rest."""
        self.restore_dialog = RestoreDialog(self.context, path, self)
        self.restore_dialog.open()


class RestoreDialog(TaskDialog):
    """OK checks the logged-in supervisor's password again (a backup's password alone must not
    replace the station: it may be that of someone removed since) and the backup with its own
    supervisor's password, the station still open. When the backup would bring back users
    removed since, they are named and the user confirms. Then the session is ended and the
    prepared backup put in place on the database worker, after the session closed."""

    def __init__(self, context: PageContext, source: Path, parent: QWidget | None = None):
        super().__init__(context.tasks, self.tr("Restore from a backup"), parent)
        self.context, self.source = context, source
        self.confirm_box: QMessageBox | None = None
        self.current = QLineEdit()
        self.current.setObjectName("restoreCurrentPassword")
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.username = QLineEdit(context.session.user.username)
        self.username.setObjectName("restoreUsername")
        self.password = QLineEdit()
        self.password.setObjectName("restorePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("the same as your current password"))
        warning = QLabel(
            fill_numbered(
                self.tr(
                    "The station will be replaced by the backup in %1. The data there now is not "
                    "deleted: it is moved to a dated folder inside the station folder. You will be "
                    "logged out; log in again with the passwords the backup was made with."
                ),
                source.name,
            )
        )
        warning.setWordWrap(True)
        form = QFormLayout()
        form.addRow(warning)
        form.addRow(self.tr("&Your current password:"), self.current)
        form.addRow(self.tr("&Supervisor in the backup:"), self.username)
        form.addRow(self.tr("Their &password then:"), self.password)
        self.body.addLayout(form)
        self.ok_button.setText(self.tr("&Restore"))

    def submit(self) -> None:
        if not self.current.text():
            self.fail(UiError(PASSWORD_REQUIRED))
            return
        backup_user = self.username.text().strip()
        if not backup_user:
            self.fail(InvalidInput(field="username", reason="required"))
            return
        me = self.context.session.user.username
        backup_password = self.password.text()
        if not backup_password and backup_user.lower() == me:
            backup_password = self.current.text()
        if not backup_password:
            self.fail(UiError(PASSWORD_REQUIRED))
            return
        self.run(
            prepare_restore_as,
            self.context.session,
            self.current.text(),
            self.source,
            backup_user,
            backup_password,
        )
        self.current.clear()
        self.password.clear()

    def _on_done(self, prepared: backup.PreparedRestore) -> None:
        super()._on_done(prepared)
        parent = self.parentWidget()
        window = parent.window() if parent is not None else None
        if window is None or not callable(getattr(window, "log_out", None)):
            backup.discard_restore(prepared)  # not inside the main window: nothing ends the session
            return
        if prepared.revived_users:
            self._confirm_revived(prepared, window)
        else:
            self._replace(prepared, window)

    def _confirm_revived(self, prepared: backup.PreparedRestore, window: QWidget) -> None:
        """Name the users the backup brings back; restore only if the supervisor says so."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Restore from a backup"),
            fill_numbered(
                self.tr(
                    "The backup has users who were removed from the station after it was made: %1. "
                    "After the restore they can log in again until they are removed again, and "
                    "they may know the backup's data key. Restore all the same?"
                ),
                ", ".join(prepared.revived_users),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            window,
        )
        box.setObjectName("confirmRevivedUsers")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def on_finished(answer: int) -> None:
            self.confirm_box = None
            if answer == QMessageBox.StandardButton.Yes:
                self._replace(prepared, window)
            else:
                backup.discard_restore(prepared)

        box.finished.connect(on_finished)
        self.confirm_box = box
        box.open()  # not exec(): the window stays live behind it

    def _replace(self, prepared: backup.PreparedRestore, window: QWidget) -> None:
        # This dialog and its page go with the session: keep only what the callbacks need.
        tasks, log_file = self.context.tasks, str(self.context.services.log_file)
        title = self.tr("Restore finished")
        # Queues the session's end on the database worker, before the restore; _on_done checked
        # that the window has log_out.
        cast(_SessionWindow, window).log_out()

        def on_done(result: backup.RestoreResult) -> None:
            box = QMessageBox(
                QMessageBox.Icon.Information, title, restored_text(result), parent=window
            )
            box.setObjectName("restoreFinished")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # not exec(): the lock screen stays live behind it

        def on_error(error: BaseException) -> None:
            show_error(window, error, log_file)

        def on_network_idle(_nothing: None) -> None:
            # Queued behind the session's end on the serial database lane.
            tasks.run(backup.apply_restore, prepared, on_done=on_done, on_error=on_error)

        # A sync already running on the network lane still uses the database: the no-op runs
        # only after it, so the restore never swaps files under it.
        tasks.run(_nothing, on_done=on_network_idle, on_error=on_error, lane=Lane.NETWORK)


def prepare_restore_as(
    session: StationSession,
    current_password: str,
    source: Path,
    backup_user: str,
    backup_password: str,
) -> backup.PreparedRestore:
    """Work function: the logged-in supervisor allows the restore with their password again."""
    current = backup.Credential(session.user.username, current_password)
    return backup.prepare_restore(
        session.station.home, source, backup_user, backup_password, current=current
    )


def _nothing() -> None:
    """Work function that does nothing: it marks when a lane's earlier jobs have all finished."""


def restored_text(result: backup.RestoreResult) -> str:
    def tr(text: str) -> str:
        return QCoreApplication.translate("RestoreDialog", text)

    text = tr("Station %1 restored from the backup of %2 (%3 records).")
    text = fill_numbered(
        text,
        result.manifest.station_name,
        format_timestamp(result.manifest.created_at),
        format_number(result.manifest.record_count),
    )
    if result.moved_aside is not None:
        text += " " + fill_numbered(
            tr("The data that was there before is kept in %1."), str(result.moved_aside)
        )
    text += " " + tr("Log in with the passwords of the backup.")
    if result.revived_users:
        text += " " + fill_numbered(
            tr("Then remove these users again: %1."), ", ".join(result.revived_users)
        )
    if result.moved_aside is not None:
        text += " " + tr(
            "The station uses the backup's data key again, which people who have left may still "
            "hold: replace it with 'cax db rekey' (CAX Desk closed)."
        )
    return text
