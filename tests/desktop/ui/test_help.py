"""The user guide in the app: Help menu and F1 open docs/user-guide.md, offline, in the UI's language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop import paths
from desktop.ui.help_window import HelpWindow
from desktop.ui.login_window import LoginWindow
from tests.desktop.conftest import SUPERVISOR
from tests.desktop.ui.conftest import press


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_f1_opens_the_guide_from_the_main_window_and_the_lock_screen(qtbot, open_main_window):
    window = open_main_window(SUPERVISOR)
    press(window, Qt.Key_F1)
    guide = window._help_window
    qtbot.waitUntil(guide.isVisible)
    text = guide.browser.toPlainText()
    assert "Hướng dẫn sử dụng CAX Desk" in text and "Ctrl+L" in text  # rendered markdown
    assert "](screenshots/" not in text  # pictures, not their markdown source
    guide.close()
    window.lock()
    press(window.lock_screen.form.password, Qt.Key_F1)
    assert guide.isVisible()
    assert window.help_action.text().replace("&", "") == "User guide"


def test_the_english_ui_opens_the_english_half(qtbot):
    guide = HelpWindow("en")
    qtbot.addWidget(guide)
    guide.show()
    guide.show_start()
    assert guide.browser.verticalScrollBar().value() > 0
    first_lines = guide.browser.cursorForPosition(QPoint(10, 5)).block().text()
    assert "user guide (English)" in first_lines


def test_the_login_window_has_f1_too(qtbot, services):
    login = LoginWindow(services.station, services.tasks, user=SUPERVISOR)
    qtbot.addWidget(login)
    login.show()
    login.activateWindow()
    qtbot.waitUntil(login.isActiveWindow)
    press(login, Qt.Key_F1)
    qtbot.waitUntil(lambda: login._help_window.isVisible())


def test_the_guide_and_its_pictures_are_where_the_bundle_puts_them():
    guide = paths.docs_path(paths.USER_GUIDE)
    assert guide.is_file()
    assert (guide.parent / "screenshots" / "vi" / "login.png").is_file()


def test_pictures_are_shown_no_wider_than_the_guide(qtbot):
    from desktop.ui.help_window import PICTURE_WIDTH

    guide = HelpWindow("vi")
    qtbot.addWidget(guide)
    widths = []
    block = guide.browser.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            char_format = iterator.fragment().charFormat()
            if char_format.isImageFormat():
                widths.append(char_format.toImageFormat().width())
            iterator += 1
        block = block.next()
    assert widths and max(widths) <= PICTURE_WIDTH
