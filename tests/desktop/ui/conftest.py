"""GUI test fixtures: services with a synchronous task runner, typing helpers, unlocked windows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from desktop.storage.station import Station, StationSession
from desktop.ui.idle import IdleWatcher
from desktop.ui.main_window import MainWindow
from desktop.ui.preferences import PreferencesStore
from desktop.ui.services import Services
from desktop.ui.tasks import TaskRunner
from tests.desktop.conftest import (
    OFFICER,
    OFFICER_PASSWORD,
    SUPERVISOR,
    SUPERVISOR_PASSWORD,
    StationFixture,
)

PASSWORDS = {SUPERVISOR: SUPERVISOR_PASSWORD, OFFICER: OFFICER_PASSWORD}


@pytest.fixture(autouse=True)
def _default_locale_restored():
    """Installing the Vietnamese catalogue also sets the default locale, which picks the language
    of error texts: a test that switches language must not leave it switched for the next."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` one key event per character: QTest.keyClicks aborts the process on any non-ASCII character (PySide6 6.x)."""
    for char in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key_unknown, char, Qt.NoModifier)


def type_into(widget: QWidget, text: str) -> None:
    """Click into `widget` (it takes the focus) and type `text` there.

    Offscreen, a newly opened dialog is not activated, so without this its focus would be
    wherever Qt left it, and Enter would go to whichever button that is.
    """
    widget.setFocus()
    type_text(widget, text)


def press(widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.NoModifier) -> None:
    """One key sent to `widget` (see type_into for typing where the cursor really is)."""
    QTest.keyClick(widget, key, modifier)


class HeldTasks:
    """A task runner that keeps each job until the test finishes it (a slow database)."""

    def __init__(self) -> None:
        self.jobs: list[tuple] = []

    def run(self, fn, *args, on_done=None, on_error=None, context=None, lane=None) -> None:
        self.jobs.append((fn, args, on_done))

    def finish_first(self) -> None:
        fn, args, on_done = self.jobs.pop(0)
        on_done(fn(*args))


def make_services(home: Path, *, threaded: bool = False) -> Services:
    tasks = TaskRunner(threaded=threaded)

    def unhandled(error: BaseException) -> None:
        raise error  # a test must never pass over an error nobody handled

    tasks.on_unhandled = unhandled
    return Services(
        station=Station(home),
        tasks=tasks,
        preferences=PreferencesStore(home),
        idle=IdleWatcher(10 * 60_000),
        language="en",
        log_file=home / "logs" / "cax-desk.log",
    )


@pytest.fixture
def services(station_home: StationFixture) -> Services:
    return make_services(station_home.home)


@pytest.fixture
def open_main_window(
    qtbot, services: Services, station_home: StationFixture
) -> Callable[..., MainWindow]:
    """Unlock as `username` and show the main window with that session (all its pages, or
    only `pages`)."""

    def opener(username: str = SUPERVISOR, pages: Sequence[type] | None = None) -> MainWindow:
        session: StationSession = station_home.unlock(username, PASSWORDS[username])
        window = MainWindow(services) if pages is None else MainWindow(services, pages=pages)
        qtbot.addWidget(window)
        window.open_session(session)
        window.show()
        window.activateWindow()  # shortcuts (Ctrl+1…7, Ctrl+L) only reach the active window
        qtbot.waitUntil(window.isActiveWindow)
        return window

    yield opener
    services.idle.stop()
