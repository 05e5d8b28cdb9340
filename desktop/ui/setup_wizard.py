"""First run: the wizard that sets up the station, its first supervisor and the recovery key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.core import credentials
from desktop.core.errors import AppError
from desktop.core.placeholders import fill_numbered
from desktop.storage import crypto
from desktop.storage.station import Station, StationSession
from desktop.ui import focus, recovery_sheet
from desktop.ui.errors import inline_message
from desktop.ui.models.commune_list_model import (
    CODE_ROLE,
    NAME_ROLE,
    CommuneListModel,
    commune_choices,
)
from desktop.ui.password_fields import NewPasswordFields
from desktop.ui.printing.outcome import printed_to_file
from desktop.ui.tasks import TaskRunner
from domain.reference import ReferenceData, default_reference


def create_station(
    home: Path,
    code: str,
    name: str,
    user: str,
    password: str,
    full_name: str,
    kdf: crypto.KdfParams,
) -> tuple[StationSession, str]:
    """Work function: the station files, the supervisor's slot and the recovery key's slot."""
    return Station.create(
        home, code=code, name=name, supervisor=user, password=password, full_name=full_name, kdf=kdf
    )


def default_station_name(commune_name: str) -> str:
    """ "Phường Ba Đình" → "Công an phường Ba Đình", as stations are named."""
    return f"Công an {commune_name[:1].lower()}{commune_name[1:]}" if commune_name else ""


class IntroPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome to CAX Desk"))
        text = QLabel(
            self.tr(
                "This computer has no station yet. In three short steps you will choose the"
                " commune, create the first supervisor account and receive the recovery key."
                "\n\nEverything is stored encrypted on this computer; nothing is sent anywhere."
            )
        )
        text.setWordWrap(True)
        QVBoxLayout(self).addWidget(text)


class StationPage(QWizardPage):
    """The commune (type-ahead over the reference list, accents ignored) and the station's name."""

    def __init__(self, reference: ReferenceData) -> None:
        super().__init__()
        self.setTitle(self.tr("Station"))
        self.setSubTitle(self.tr("Type part of the commune or ward name; accents are optional."))
        self._reference = reference
        self._name_edited = False
        self.search = QLineEdit()
        self.search.setObjectName("communeSearch")
        self.search.setPlaceholderText(self.tr("e.g. ba dinh"))
        self.communes = CommuneListModel([], self)
        self.list = QListView()
        self.list.setModel(self.communes)
        self.list.setMinimumHeight(180)
        self.code = QLabel()
        self.name = QLineEdit()
        self.name.setObjectName("stationName")
        form = QFormLayout(self)
        form.addRow(self.tr("&Commune or ward:"), self.search)
        form.addRow("", self.list)
        form.addRow(self.tr("Code:"), self.code)
        form.addRow(self.tr("&Station name:"), self.name)
        self.search.textEdited.connect(self._on_search_edited)
        self.search.installEventFilter(self)
        self.list.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self.name.textEdited.connect(self._on_name_edited)

    def initializePage(self) -> None:
        if not self.communes.rowCount():
            # Read on first show, not at start-up: the list is needed once in a station's life.
            self.communes.set_choices(commune_choices(self._reference))

    def station_code(self) -> str:
        return self.code.text()

    def station_name(self) -> str:
        return " ".join(self.name.text().split())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up and Down in the search box walk the list, so the keyboard never has to leave it.
        is_key = watched is self.search and event.type() == QEvent.Type.KeyPress
        if (
            is_key
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            last = self.communes.rowCount() - 1
            row = max(0, min(self.list.currentIndex().row() + step, last))
            self.list.setCurrentIndex(self.communes.index(row, 0))
            return True
        return False

    def isComplete(self) -> bool:
        return bool(self.code.text()) and bool(self.name.text().strip())

    def _on_search_edited(self, text: str) -> None:
        self.communes.set_query(text)
        first = self.communes.index(0, 0)
        self.list.setCurrentIndex(first)
        if not first.isValid():
            self._choose("", "")

    def _on_list_current_changed(self, current, _previous) -> None:
        if current.isValid():
            self._choose(current.data(CODE_ROLE), current.data(NAME_ROLE))

    def _choose(self, code: str, commune_name: str) -> None:
        self.code.setText(code)
        if not self._name_edited:
            self.name.setText(default_station_name(commune_name))
        self.completeChanged.emit()

    def _on_name_edited(self, _text: str) -> None:
        self._name_edited = True
        self.completeChanged.emit()


class SupervisorPage(QWizardPage):
    """The first supervisor's account; leaving it creates the station (a commit page)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("First supervisor"))
        self.setSubTitle(
            self.tr("The station's head or deputy. They can add the other officers later.")
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Create station"))
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setPlaceholderText(self.tr("e.g. truong"))
        self.full_name = QLineEdit()
        self.full_name.setObjectName("fullName")
        self.passwords = NewPasswordFields(self)
        self.username_problem = QLabel()
        self.username_problem.setStyleSheet("color: #b71c1c;")
        self.username_problem.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.form = QFormLayout()
        self.form.addRow(self.tr("&User name:"), self.username)
        self.form.addRow("", self.username_problem)
        self.form.setRowVisible(self.username_problem, False)
        self.form.addRow(self.tr("&Full name:"), self.full_name)
        self.passwords.add_to(self.form)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.status)
        self.username.textChanged.connect(self._on_username_changed)
        self.passwords.changed.connect(self.completeChanged)

    def initializePage(self) -> None:
        # The password pair is built before the form, so Tab (and the wizard's first focus)
        # would start there and a user name would be typed into the password box.
        focus.order_from_layout(self.form)
        self.username.setFocus(Qt.FocusReason.OtherFocusReason)

    def normalized_username(self) -> str:
        try:
            return credentials.normalize_username(self.username.text())
        except AppError:
            return ""

    def isComplete(self) -> bool:
        wizard = self.wizard()
        if isinstance(wizard, SetupWizard) and wizard.session is not None:
            return True
        busy = isinstance(wizard, SetupWizard) and wizard.creating
        return bool(self.normalized_username()) and self.passwords.problem() is None and not busy

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        return wizard.create_or_continue()

    def _on_username_changed(self, text: str) -> None:
        self.passwords.username = self.normalized_username()
        problem = ""
        if text.strip() and not self.normalized_username():
            try:
                credentials.normalize_username(text)
            except AppError as error:
                problem = inline_message(error)
        self.username_problem.setText(problem)
        self.form.setRowVisible(self.username_problem, bool(problem))
        self.passwords.changed.emit()


class RecoveryKeyPage(QWizardPage):
    """The recovery key, shown once: print it, save it, and confirm it was written down."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Recovery key"))
        self.setSubTitle(
            self.tr(
                "If the supervisor forgets the password, only this key can open the station."
                " It is shown this once."
            )
        )
        self.key = QLabel()
        self.key.setObjectName("recoveryKey")
        self.key.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont("DejaVu Sans Mono")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(16)
        font.setBold(True)
        self.key.setFont(font)
        self.key.setStyleSheet("padding: 12px; border: 1px solid #9e9e9e; background: #fffde7;")
        self.print_button = QPushButton(self.tr("&Print\u2026"))
        self.save_button = QPushButton(self.tr("&Save to file\u2026"))
        self.confirmed = QCheckBox(
            self.tr("I have &written the recovery key down and will keep it in a safe place.")
        )
        self.confirmed.setObjectName("confirmWrittenDown")
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.key)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.confirmed)
        self.registerField("confirmedWrittenDown*", self.confirmed)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)

    def initializePage(self) -> None:
        self.key.setText(self._wizard().recovery_key)

    def _wizard(self) -> SetupWizard:
        wizard = self.wizard()
        assert isinstance(wizard, SetupWizard)
        return wizard

    def _sheet_args(self) -> tuple[str, str, str, str]:
        w = self._wizard()
        return (
            w.station_page.station_name(),
            w.station_page.station_code(),
            w.recovery_key,
            w.supervisor_page.normalized_username(),
        )

    def _on_print_button_clicked(self) -> None:
        printer = recovery_sheet.ask_and_print(self, recovery_sheet.sheet_html(*self._sheet_args()))
        if printer is None:
            return
        pdf_file = printed_to_file(printer)
        if pdf_file:  # "Print to file": the key is on this disk now, not on paper
            self._say_saved(pdf_file)
        else:
            self.note.setText(self.tr("Sent to the printer."))

    def _on_save_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the recovery key"),
            str(Path.home() / "cax-recovery-key.txt"),
            self.tr("Text files (*.txt)"),
        )
        if path:
            recovery_sheet.save_sheet(Path(path), recovery_sheet.sheet_text(*self._sheet_args()))
            self._say_saved(path)

    def _say_saved(self, path: str) -> None:
        self.note.setText(
            fill_numbered(
                self.tr(
                    "Saved to %1. Move it to a USB stick kept locked away, then delete it"
                    " from this computer."
                ),
                path,
            )
        )


class SetupWizard(QWizard):
    """Creates the station; `station_created(session)` on Finish, with the supervisor logged in."""

    station_created = Signal(object)

    def __init__(
        self,
        home: Path,
        tasks: TaskRunner,
        *,
        reference: ReferenceData | None = None,
        kdf: crypto.KdfParams = crypto.DEFAULT_KDF,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.home, self.tasks, self.kdf = home, tasks, kdf
        self.session: StationSession | None = None
        self.recovery_key = ""
        self.creating = False
        self._in_validate = False
        self.setWindowTitle(self.tr("CAX Desk \u2014 station set-up"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.setMinimumSize(640, 520)
        self.station_page = StationPage(reference or default_reference())
        self.supervisor_page = SupervisorPage()
        self.recovery_page = RecoveryKeyPage()
        for page in (IntroPage(), self.station_page, self.supervisor_page, self.recovery_page):
            self.addPage(page)

    def create_or_continue(self) -> bool:
        """Leaving the supervisor page: start creating the station, or go on once it exists."""
        if self.session is not None:
            return True
        if self.creating:
            return False
        self._set_creating(True)
        page = self.supervisor_page
        page.status.setText(self.tr("Creating the station\u2026 this takes a few seconds."))
        self._in_validate = True
        self.tasks.run(
            create_station,
            self.home,
            self.station_page.station_code(),
            self.station_page.station_name(),
            page.normalized_username(),
            page.passwords.password(),
            " ".join(page.full_name.text().split()),
            self.kdf,
            on_done=self._on_created,
            on_error=self._on_create_failed,
            context=self,
        )
        self._in_validate = False
        return self.session is not None  # a synchronous runner has already called back

    def _set_creating(self, creating: bool) -> None:
        self.creating = creating
        if creating:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QApplication.restoreOverrideCursor()
        self.supervisor_page.completeChanged.emit()

    def _on_created(self, result: tuple[StationSession, str]) -> None:
        self.session, self.recovery_key = result
        self._set_creating(False)
        self.supervisor_page.passwords.clear()  # the password is not kept in a widget any longer
        if not self._in_validate:
            self.next()  # threaded: validatePage already returned False; move on now

    def _on_create_failed(self, error: BaseException) -> None:
        self._set_creating(False)
        self.supervisor_page.status.setText(inline_message(error))

    def accept(self) -> None:
        session = self.session
        super().accept()
        if session is not None:
            self.station_created.emit(session)

    def reject(self) -> None:
        # Once the station exists the key must be confirmed: closing would lose it forever.
        if self.session is None:
            super().reject()
