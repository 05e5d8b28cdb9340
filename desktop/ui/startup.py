"""From start-up to the main window: the set-up wizard or the login window, then the session."""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.storage import crypto
from desktop.storage.station import StationSession
from desktop.ui.login_window import LoginWindow
from desktop.ui.main_window import MainWindow
from desktop.ui.services import Services
from desktop.ui.setup_wizard import SetupWizard
from domain.reference import ReferenceData


class StartupController(QObject):
    """Shows the wizard (no station yet) or the login window, then hands over to MainWindow."""

    def __init__(
        self,
        services: Services,
        *,
        kdf: crypto.KdfParams = crypto.DEFAULT_KDF,
        reference: ReferenceData | None = None,
    ) -> None:
        super().__init__()
        self.services, self.kdf, self.reference = services, kdf, reference
        self.login: LoginWindow | None = None
        self.wizard: SetupWizard | None = None
        self.main_window: MainWindow | None = None

    def start(self) -> None:
        if self.services.station.exists():
            self.show_login()
        else:
            self.show_wizard()

    def show_login(self) -> None:
        # No user name is remembered from the last session: on a shared PC the next person
        # chooses their own (a station with a single user offers it, there is no other).
        self.login = LoginWindow(self.services.station, self.services.tasks)
        self.login.unlocked.connect(self._on_unlocked)
        self.login.show()

    def show_wizard(self) -> None:
        self.wizard = SetupWizard(
            self.services.station.home, self.services.tasks, reference=self.reference, kdf=self.kdf
        )
        self.wizard.station_created.connect(self._on_unlocked)
        self.wizard.show()

    def _on_unlocked(self, session: StationSession) -> None:
        self.main_window = MainWindow(self.services)
        self.main_window.open_session(session)
        self.main_window.show()
        for window in (self.login, self.wizard):
            if window is not None:
                window.hide()
                window.deleteLater()
        self.login = self.wizard = None
