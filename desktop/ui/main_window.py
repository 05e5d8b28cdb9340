"""The main window: navigation, the pages of one unlocked session, the status bar, and locking."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from desktop.core.audit_actions import AuditAction
from desktop.core.placeholders import fill_numbered
from desktop.storage import audit, settings
from desktop.storage.station import StationInfo, StationSession
from desktop.sync.report import SyncStatus
from desktop.ui import icons
from desktop.ui.backup_panel import backup_reminder_due
from desktop.ui.errors import show_error
from desktop.ui.formats import format_clock
from desktop.ui.help_window import show_help
from desktop.ui.lock_screen import LockScreen
from desktop.ui.pages import ALL_PAGES
from desktop.ui.pages.base import Page
from desktop.ui.pages.settings import SettingsPage
from desktop.ui.services import PageContext, Services
from desktop.ui.status_bar import StationStatusBar
from desktop.ui.sync.controller import SyncController
from desktop.version import __version__

log = logging.getLogger(__name__)

DEFAULT_SIZE = (1100, 720)  # the first start's size: fits a 1366×768 office screen


@dataclass(frozen=True)
class SessionFacts:
    station: StationInfo
    auto_lock_minutes: int


def load_session_facts(session: StationSession) -> SessionFacts:
    """Work function: what the shell needs to know about a freshly unlocked station."""
    return SessionFacts(session.info(), settings.auto_lock_minutes(session))


def end_session(
    session: StationSession, reason: str, sync_stopped: threading.Event | None = None
) -> None:
    """Work function: log the lock or log-out, then close the database and drop the key.

    A sync cancelled at lock time may still be waiting for the server's answer to its last batch
    on the network worker, and then writes that answer down: `sync_stopped` is awaited first, so
    nothing is written after the close and nothing answered is forgotten."""
    if sync_stopped is not None:
        sync_stopped.wait()
    try:
        with session.db.write() as conn:
            audit.append(conn, session.user.username, AuditAction.LOGOUT, "", {"reason": reason})
    finally:
        session.close()


class MainWindow(QMainWindow):
    """Shows one session at a time; `lock()` drops it (and its pages) but keeps their state."""

    def __init__(
        self, services: Services, pages: tuple[type[Page], ...] = ALL_PAGES, parent=None
    ) -> None:
        super().__init__(parent)
        self.services, self.page_classes = services, pages
        self.session: StationSession | None = None
        self.sync: SyncController | None = None
        self.station_name = ""
        self._locked_user = ""
        self._saved_state: dict[str, Any] | None = None
        self.setWindowTitle(fill_numbered(self.tr("CAX Desk %1"), __version__))
        self.setWindowIcon(icons.app_icon())
        self.resize(*DEFAULT_SIZE)
        self._restore_geometry()
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(210)
        self.nav.setIconSize(self.nav.iconSize() * 1.4)
        self.stack = QStackedWidget()
        shell = QWidget()
        row = QHBoxLayout(shell)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.lock_screen = LockScreen(services.station, services.tasks)
        self.screens = QStackedWidget()
        self.screens.addWidget(shell)
        self.screens.addWidget(self.lock_screen)
        self.setCentralWidget(self.screens)
        self.status = StationStatusBar()
        self.setStatusBar(self.status)
        self._build_menus()
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)
        self.lock_screen.unlocked.connect(self._on_lock_screen_unlocked)
        services.idle.idle.connect(self._on_idle)

    def _build_menus(self) -> None:
        station = self.menuBar().addMenu(self.tr("&Station"))
        self.lock_action = station.addAction(self.tr("&Lock"), QKeySequence("Ctrl+L"), self.lock)
        self.logout_action = station.addAction(self.tr("Log &out"), self.log_out)
        station.addSeparator()
        station.addAction(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        go = self.menuBar().addMenu(self.tr("&Go"))
        self.page_actions: dict[str, QAction] = {}
        for number, page_class in enumerate(self.page_classes, start=1):
            action = go.addAction(icons.icon(page_class.ICON), page_class.title())
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, key=page_class.KEY: self.show_page(key))
            self.page_actions[page_class.KEY] = action
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_action = help_menu.addAction(
            self.tr("&User guide"), QKeySequence("F1"), self._on_help_triggered
        )  # the lock screen is inside this window: F1 works there too
        help_menu.addAction(self.tr("&About CAX Desk"), self._on_about_triggered)
        self._set_session_actions(False)

    # ---- sessions ------------------------------------------------------------------------------

    def open_session(self, session: StationSession, state: dict[str, Any] | None = None) -> None:
        """Build the pages this user may see; put back `state` captured at lock time, if any."""
        self.session = session
        self.services.tasks.run(
            load_session_facts,
            session,
            on_done=lambda facts: self._show_session(session, facts, state),
            on_error=self._on_session_failed,
            context=self,
        )

    def _show_session(
        self, session: StationSession, facts: SessionFacts, state: dict[str, Any] | None
    ) -> None:
        if session is not self.session:
            return  # locked again while the facts were loading: that session is closed
        self.sync = SyncController(session, self.services.tasks, parent=self)
        self.sync.status_changed.connect(self._on_sync_status)
        self.sync.online_changed.connect(self.status.set_online)
        self.sync.running_changed.connect(self.status.set_syncing)
        context = PageContext(self.services, session, facts.station, self.sync)
        self.station_name = facts.station.name
        self.services.idle.set_timeout_minutes(facts.auto_lock_minutes)  # before the pages read it
        for page_class in self.page_classes:
            allowed = page_class.allowed_for(session.user.role)
            self.page_actions[page_class.KEY].setVisible(allowed)
            if not allowed:
                continue  # never built: an officer's window holds no supervisor page at all
            page = page_class(context)
            page.status_message.connect(self.status.show_note)
            page.open_requested.connect(self.open_page)
            self.stack.addWidget(page)
            item = QListWidgetItem(icons.icon(page_class.ICON), page_class.title())
            item.setData(Qt.ItemDataRole.UserRole, page_class.KEY)
            item.setToolTip(self.page_actions[page_class.KEY].shortcut().toString())
            self.nav.addItem(item)
            if state:
                page.restore_state(state["pages"].get(page_class.KEY, {}))
        self.status.set_session(session.user, facts.station.name)
        self._set_session_actions(True)
        self.screens.setCurrentIndex(0)
        current = state["current"] if state else ""
        self.show_page(current if self.page(current) else self.pages()[0].KEY)
        self.services.idle.start()
        self.sync.start()
        settings_page = self.page("settings")
        if isinstance(settings_page, SettingsPage):  # a backup made or a days change: remind anew
            panel = settings_page.backup_panel
            panel.backup_made.connect(self._refresh_backup_reminder)
            panel.reminder_changed.connect(self._refresh_backup_reminder)
        self._refresh_backup_reminder()

    def _refresh_backup_reminder(self, *_args: Any) -> None:
        if self.session is not None:
            self.services.tasks.run(
                backup_reminder_due,
                self.session,
                on_done=self.status.set_backup_reminder,
                context=self,
            )

    def _on_session_failed(self, error: BaseException) -> None:
        show_error(self, error, str(self.services.log_file))
        self.lock(keep_state=False)

    def pages(self) -> list[Page]:
        widgets = (self.stack.widget(i) for i in range(self.stack.count()))
        return [w for w in widgets if isinstance(w, Page)]  # the stack holds nothing else

    def page(self, key: str) -> Page | None:
        return next((p for p in self.pages() if key == p.KEY), None)

    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Page) else None

    def show_page(self, key: str) -> None:
        page = self.page(key)
        if page is None or self.session is None:
            return  # not allowed for this user, or locked: the shortcut does nothing
        self.nav.setCurrentRow(self.pages().index(page))

    def open_page(self, key: str, request: dict[str, Any]) -> None:
        """Another page sends the user here, asking for something to be shown (filters…)."""
        page = self.page(key)
        if page is not None:
            page.open_with(request)
            self.show_page(key)

    def _on_nav_current_row_changed(self, row: int) -> None:
        if 0 <= row < self.stack.count():
            self.stack.setCurrentIndex(row)
            page = self.stack.widget(row)
            if isinstance(page, Page):
                page.page_shown()

    # ---- locking -------------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.session is None

    def lock(self, *, idle: bool = False, keep_state: bool = True) -> None:
        """Cover the window, drop the pages and the data key; keep unsaved input in memory."""
        session = self.session
        if session is None:
            return
        current = self.current_page()
        self._locked_user = session.user.username
        self._saved_state = None
        if keep_state:
            self._saved_state = {
                "current": current.KEY if current else "",
                "pages": {page.KEY: page.capture_state() for page in self.pages()},
            }
        self._drop_pages()
        sync_stopped = self._stop_sync()
        self.session = None
        reason = "idle" if idle else ("lock" if keep_state else "logout")
        # Queued on the database worker: it runs after any work the pages had started, and
        # waits there for the cancelled sync to return.
        self.services.tasks.run(end_session, session, reason, sync_stopped, context=self)
        self.services.idle.stop()
        self._set_session_actions(False)
        self.status.set_locked(logged_out=reason == "logout")
        self.screens.setCurrentWidget(self.lock_screen)
        at = format_clock()
        self.lock_screen.show_locked(
            self.station_name, self._locked_user, at, reason, session.user.full_name
        )

    def log_out(self) -> None:
        self.lock(keep_state=False)

    def _drop_pages(self) -> None:
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.blockSignals(False)
        for page in self.pages():
            self.stack.removeWidget(page)
            page.deleteLater()

    def _on_idle(self) -> None:
        self.lock(idle=True)

    def _on_lock_screen_unlocked(self, session: StationSession) -> None:
        same_user = session.user.username == self._locked_user
        state = self._saved_state if same_user else None
        self._saved_state = None  # another user never sees what the first one typed
        self.open_session(session, state)

    def _set_session_actions(self, unlocked: bool) -> None:
        self.lock_action.setEnabled(unlocked)
        self.logout_action.setEnabled(unlocked)
        for action in self.page_actions.values():
            action.setEnabled(unlocked)

    # ---- status and window ---------------------------------------------------------------------

    def _on_sync_status(self, status: SyncStatus) -> None:
        self.status.set_pending_sync(status.outbox.waiting if status.enrolled else None)

    def _stop_sync(self) -> threading.Event | None:
        """Cancel the sync; the event is set once it has returned (None: there was none)."""
        if self.sync is None:
            return None
        stopped = self.sync.stop()
        self.sync.deleteLater()  # its queued answers are dropped (tasks.py: context deleted)
        self.sync = None
        return stopped

    def _on_help_triggered(self) -> None:
        show_help(self, self.services.language)

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About CAX Desk"),
            fill_numbered(
                self.tr("CAX Desk %1\nOffline data entry for commune police stations."), __version__
            ),
        )

    def _restore_geometry(self) -> None:
        """Where the window was when it was last closed on this PC (a screen since removed is
        dealt with by Qt: the window comes back on a screen that exists)."""
        saved = self.services.preferences.load().window_geometry
        if saved:
            self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii", "ignore")))

    def _save_geometry(self) -> None:
        geometry = self.saveGeometry().toBase64().toStdString()
        try:
            self.services.preferences.update(window_geometry=geometry)
        except OSError:  # a full or read-only disk must not stop the app from closing
            log.warning("could not keep the window's place", exc_info=True)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_geometry()
        session, self.session = self.session, None
        if session is not None:
            self._drop_pages()
            sync_stopped = self._stop_sync()
            self.services.tasks.run(end_session, session, "quit", sync_stopped)
        self.services.idle.stop()
        self.services.tasks.wait()
        super().closeEvent(event)
