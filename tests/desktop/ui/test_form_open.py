"""Opening a form: a busy cue at once (wait cursor, status note), then the form (its time is
measured by bench/form_open_bench.py, not here: a loaded test machine would make it flaky)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.pages.record_entry import RecordEntryPage
from tests.desktop.conftest import OFFICER


def _entry_page(open_main_window, qtbot) -> tuple[object, RecordEntryPage]:
    main = open_main_window(OFFICER)
    main.show_page("new_record")
    page = main.current_page()
    assert isinstance(page, RecordEntryPage)
    qtbot.waitUntil(lambda: page.catalogue is not None)
    return main, page


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_activating_a_form_shows_a_busy_cue_then_the_form(qtbot, open_main_window):
    main, page = _entry_page(open_main_window, qtbot)
    item = page.forms.item(0)
    page.forms.itemActivated.emit(item)
    cursor = QApplication.overrideCursor()
    assert cursor is not None and cursor.shape() == Qt.WaitCursor
    assert main.status.currentMessage().startswith("Opening form F1")
    assert page.editor is None  # built once the cue is on screen
    qtbot.waitUntil(lambda: page.editor is not None)
    assert QApplication.overrideCursor() is None
    assert main.status.currentMessage() == ""
