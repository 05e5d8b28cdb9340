"""User, password and "forgot password": the form shared by the login window and the lock screen."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core import credentials
from desktop.core.errors import AppError, LoginThrottled, WrongPassword
from desktop.core.placeholders import fill_numbered
from desktop.storage.keyslots import RECOVERY_LABEL
from desktop.storage.migrate import MigrationProgress, ProgressCallback
from desktop.storage.station import Station, StationSession
from desktop.ui.errors import inline_message, show_error
from desktop.ui.password_fields import CapsLockWatcher, caps_lock_label
from desktop.ui.recovery_dialog import RecoveryDialog
from desktop.ui.tasks import TaskRunner


def unlock_station(
    station: Station, username: str, password: str, progress: ProgressCallback | None = None
) -> StationSession:
    """Work function: Argon2id and the database open (~0.4 s), off the GUI thread; after an
    update of the program, the schema upgrade too, reported step by step to `progress`."""
    return station.unlock(username, password, progress=progress)


class MigrationRelay(QObject):
    """Made on the GUI thread: the database lane emits on it, the bar hears it on the GUI thread."""

    advanced = Signal(object)  # MigrationProgress

    def report(self, progress: MigrationProgress) -> None:
        self.advanced.emit(progress)


def known_users(station: Station) -> list[str]:
    """User names that have a key slot: readable before unlock (the slot file names them)."""
    return sorted(label for label in station.load_slots().slots if label != RECOVERY_LABEL)


SLOW_UNLOCK_MS = 4000  # after this long, the message explains the wait (a migration)
PROGRESS_STEPS = 1000  # the bar's resolution: a tenth of a percent


class WrappedMessage(QLabel):
    """A word-wrapped label that asks for the height of all its lines at its current width.

    Layouts give a wrapped QLabel its one-line minimum unless they honour height-for-width,
    which nested and aligned layouts do not always do: the lock-out messages then took the
    user and password fields' height (squashed to a few pixels) and clipped their accents.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)

    def minimumSizeHint(self) -> QSize:
        size = super().minimumSizeHint()
        if self.text() and self.width() > 0:
            size.setHeight(max(size.height(), self.heightForWidth(self.width())))
        return size

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # another width, another number of lines


class UnlockForm(QWidget):
    """Emits `unlocked(session)` once a user's password (or the recovery key) opened the station."""

    unlocked = Signal(object)

    def __init__(self, station: Station, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station, self.tasks = station, tasks
        self.busy = False
        self._deadline = 0.0
        # Opening takes a second; after an update the schema is migrated first, which on a big
        # station takes minutes: say so rather than look stuck.
        self._slow = QTimer(self)
        self._slow.setSingleShot(True)
        self._slow.setInterval(SLOW_UNLOCK_MS)
        self._slow.timeout.connect(self._on_slow_unlock)
        self.user = QComboBox()
        self.user.setObjectName("loginUser")
        self.user.setEditable(True)
        self.user.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.password = QLineEdit()
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.caps = caps_lock_label(self)
        CapsLockWatcher(self.password).caps_lock_changed.connect(self.caps.setVisible)
        self.message = WrappedMessage()
        self.message.setObjectName("loginMessage")
        self.message.setStyleSheet("color: #b71c1c;")
        self.countdown = WrappedMessage()
        self.countdown.setObjectName("throttleCountdown")
        self.countdown.setStyleSheet("color: #b45309; font-weight: bold;")
        self.countdown.setVisible(False)
        self.migration = QProgressBar()
        self.migration.setObjectName("migrationProgress")
        self.migration.setRange(0, PROGRESS_STEPS)
        self.migration.setVisible(False)
        self._relay = MigrationRelay(self)
        self._relay.advanced.connect(self._on_migration_advanced)
        self.submit = QPushButton(self.tr("&Log in"))
        self.submit.setDefault(True)
        self.forgot = QPushButton(self.tr("&Forgot password?"))
        self.forgot.setFlat(True)
        self.forgot.setCursor(Qt.CursorShape.PointingHandCursor)
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._layout()
        self.submit.clicked.connect(self.try_unlock)
        self.password.returnPressed.connect(self.try_unlock)
        self.forgot.clicked.connect(self._on_forgot_clicked)
        self.user.currentTextChanged.connect(self._on_user_changed)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.reload_users()

    def _layout(self) -> None:
        # However long the messages below grow, the fields keep the height they need: a layout
        # short of room shrinks a widget down to its minimum, which for these is a few pixels.
        for field in (self.user, self.password):
            field.setMinimumHeight(field.sizeHint().height())
        form = QFormLayout()
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("&Password:"), self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.forgot)
        buttons.addStretch(1)
        buttons.addWidget(self.submit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.caps)
        layout.addWidget(self.countdown)
        layout.addWidget(self.message)
        layout.addWidget(self.migration)
        layout.addLayout(buttons)

    def reload_users(self, preferred: str = "") -> None:
        current = preferred or self.user.currentText()
        self.user.clear()
        try:
            self.user.addItems(known_users(self.station))
        except AppError as error:  # a damaged key file: say so here, the form stays usable
            self.message.setText(inline_message(error))
        self.set_user(current)

    def set_user(self, username: str) -> None:
        if not username and self.user.count() == 1:
            username = self.user.itemText(0)  # a one-user station: nothing to choose
        index = self.user.findText(username)
        if index >= 0:
            self.user.setCurrentIndex(index)
        else:
            self.user.setEditText(username)
        self._on_user_changed(self.user.currentText())

    def focus_first_empty(self) -> None:
        (self.password if self.user.currentText() else self.user).setFocus()

    def try_unlock(self) -> None:
        if self.busy or self._deadline:
            return
        if not self.user.currentText().strip():
            self.message.setText(self.tr("Choose or type your user name."))
            self.user.setFocus()
            return
        if not self.password.text():
            self.message.setText(self.tr("Type your password."))
            self.password.setFocus()
            return
        self._set_busy(True)
        self.message.setText(self.tr("Checking the password\u2026"))
        self.tasks.run(
            unlock_station,
            self.station,
            self.user.currentText().strip(),
            self.password.text(),
            self._relay.report,
            on_done=self._on_unlocked,
            on_error=self._on_unlock_failed,
            context=self,
        )

    def _on_slow_unlock(self) -> None:
        if self.busy:
            self.message.setText(
                self.tr(
                    "Opening the station\u2026 After an update of CAX Desk this can take a few "
                    "minutes on a large station. Please wait."
                )
            )

    def _on_migration_advanced(self, progress: MigrationProgress) -> None:
        """A schema upgrade runs (first unlock after an update): a real bar instead of a wait."""
        if not self.busy:
            return  # a late report of an unlock that already ended
        self._slow.stop()
        template = self.tr(
            "Updating the station's data for this version of CAX Desk: step %1 of %2. "
            "On a large station this takes a few minutes; please wait."
        )
        self.message.setText(fill_numbered(template, progress.step, progress.steps))
        self.migration.setVisible(True)
        self.migration.setValue(round(progress.fraction * PROGRESS_STEPS))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        if busy:
            self._slow.start()
        else:
            self._slow.stop()
            self.migration.setVisible(False)
        for widget in (self.user, self.password, self.submit, self.forgot):
            widget.setEnabled(not busy)
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QApplication.restoreOverrideCursor()

    def _on_unlocked(self, session: StationSession) -> None:
        self._set_busy(False)
        self.password.clear()
        self.message.clear()
        self.unlocked.emit(session)

    def _on_unlock_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.password.selectAll()
        self.password.setFocus()
        if not isinstance(error, AppError):
            self.message.clear()
            show_error(self, error)
            return
        self.message.setText("" if isinstance(error, LoginThrottled) else inline_message(error))
        retry = error.params.get("retry_after", 0)
        if isinstance(error, (WrongPassword, LoginThrottled)) and retry:
            self._start_countdown(float(retry))

    def _on_user_changed(self, text: str) -> None:
        try:
            username = credentials.normalize_username(text)
        except AppError:
            return
        wait = self.station.throttle.seconds_to_wait(username)
        if wait > 0:
            self._start_countdown(wait)

    def _start_countdown(self, seconds: float) -> None:
        self._deadline = time.monotonic() + seconds
        self.submit.setEnabled(False)
        self.countdown.setVisible(True)
        self._on_timer_timeout()
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        left = math.ceil(self._deadline - time.monotonic())
        if left <= 0:
            self._timer.stop()
            self._deadline = 0.0
            self.countdown.setVisible(False)
            self.submit.setEnabled(not self.busy)
            return
        self.countdown.setText(
            self.tr("Too many wrong passwords. You can try again in %n second(s).", "", left)
        )

    def _on_forgot_clicked(self) -> None:
        dialog = RecoveryDialog(self.station, self.tasks, self.user.currentText(), self)
        dialog.unlocked.connect(self.unlocked)
        dialog.open()
