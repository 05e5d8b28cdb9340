"""The lock-out screen: after repeated wrong passwords its messages never squash the fields."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.ui import i18n
from tests.desktop.conftest import SUPERVISOR
from tests.desktop.ui.conftest import press, type_into

# Slow: wrong passwords until the lock-out waits, sitting out each countdown. `make test` runs
# them; `make check` does not.
pytestmark = pytest.mark.slow


def _fail(window, password: str) -> None:
    form = window.lock_screen.form
    form.password.setFocus()
    form.password.clear()
    type_into(form.password, password)
    press(form.password, Qt.Key_Return)


def _lock_out(qtbot, window) -> None:
    """At 1100×720, wrong passwords until the wait before the next try is 2 s: long enough for
    the checks below to see the countdown even on a loaded machine (the first wait is 1 s)."""
    window.resize(1100, 720)
    window.lock()
    for attempt in range(4):
        _fail(window, f"sai-mat-khau-{attempt}")
        form = window.lock_screen.form
        qtbot.waitUntil(lambda form=form: not form.countdown.isVisible(), timeout=10_000)
    _fail(window, "sai-mat-khau-5")


def _assert_laid_out(qtbot, window) -> None:
    form = window.lock_screen.form
    qtbot.waitUntil(lambda: form.countdown.isVisible())
    qtbot.wait(100)  # the layout settles after the texts changed, as between two frames
    for field in (form.user, form.password):
        assert field.height() >= field.sizeHint().height(), field.objectName()
    for label in (form.countdown, form.message):
        if label.isVisible() and label.text():
            # Word-wrapped and given the height its text needs: no line clipped.
            assert label.wordWrap()
            assert label.height() >= label.heightForWidth(label.width()), label.objectName()


def test_lock_out_messages_leave_the_fields_their_height(qtbot, open_main_window):
    """Four wrong passwords at 1100×720: user and password keep their height, texts fit."""
    window = open_main_window(SUPERVISOR)
    _lock_out(qtbot, window)
    _assert_laid_out(qtbot, window)
    assert window.lock_screen.form.message.text()


def test_lock_out_in_vietnamese_keeps_the_fields_too(qtbot, open_main_window):
    """Vietnamese texts are longer: the same holds."""
    from PySide6.QtWidgets import QApplication

    translators = i18n.install_translators(QApplication.instance(), "vi")
    try:
        window = open_main_window(SUPERVISOR)
        _lock_out(qtbot, window)
        _assert_laid_out(qtbot, window)
    finally:
        i18n.remove_translators(QApplication.instance(), translators)
