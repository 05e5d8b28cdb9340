"""The main window comes back where the user left it: size, place and maximised state."""

from __future__ import annotations

from desktop.ui.main_window import DEFAULT_SIZE, MainWindow
from desktop.ui.preferences import PreferencesStore
from tests.desktop.ui.conftest import make_services

# The offscreen screen is 800×800: sizes stay inside it, or Qt would move the window to fit.
SIZE, PLACE = (640, 480), (60, 50)


def _reopen(qtbot, home) -> MainWindow:
    """A new window as the next start of the app makes it (fresh services, same station folder)."""
    window = MainWindow(make_services(home))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_first_start_opens_at_the_default_size(qtbot, station_home):
    """Nothing remembered yet: 1100×720."""
    window = MainWindow(make_services(station_home.home))
    qtbot.addWidget(window)
    assert (window.width(), window.height()) == DEFAULT_SIZE


def test_size_and_place_come_back_after_a_restart(qtbot, station_home):
    """Resized and moved, closed, started again: the same size at the same place."""
    window = _reopen(qtbot, station_home.home)
    window.resize(*SIZE)
    window.move(*PLACE)
    qtbot.waitUntil(lambda: window.pos().x() == PLACE[0])
    window.close()
    again = _reopen(qtbot, station_home.home)
    assert (again.width(), again.height()) == SIZE
    assert (again.pos().x(), again.pos().y()) == PLACE
    assert not again.isMaximized()


def test_a_maximised_window_comes_back_maximised(qtbot, station_home):
    """Closed maximised: the next start is maximised, and un-maximising gives back the size the
    user had chosen before."""
    window = _reopen(qtbot, station_home.home)
    window.resize(*SIZE)
    window.showMaximized()
    qtbot.waitUntil(window.isMaximized)
    window.close()
    again = _reopen(qtbot, station_home.home)
    assert again.isMaximized()
    assert (again.normalGeometry().width(), again.normalGeometry().height()) == SIZE


def test_a_damaged_preference_opens_at_the_default_size(qtbot, station_home):
    """Garbage in the preferences file is ignored, never an error."""
    PreferencesStore(station_home.home).update(window_geometry="not a geometry \u00e9")
    window = MainWindow(make_services(station_home.home))
    qtbot.addWidget(window)
    assert (window.width(), window.height()) == DEFAULT_SIZE


def test_the_place_is_kept_with_the_other_preferences(qtbot, station_home):
    """Closing keeps the language the login window reads beside the window's place."""
    PreferencesStore(station_home.home).update(language="vi")
    _reopen(qtbot, station_home.home).close()
    kept = PreferencesStore(station_home.home).load()
    assert kept.language == "vi"
    assert kept.window_geometry
