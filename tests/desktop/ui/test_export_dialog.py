"""Export from the Records page: the button for supervisors, the dialog, the list's filters."""

from __future__ import annotations

import csv
import errno

from PySide6.QtCore import Qt

from desktop.core.audit_actions import AuditAction
from desktop.storage import audit, files
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.pages.record_list import RecordListPage
from domain.records import RecordFilter
from tests.desktop.conftest import OFFICER, SUPERVISOR
from tests.desktop.ui.conftest import type_into
from tests.desktop.ui.record_helpers import (  # noqa: F401 (fixtures)
    example_values,
    page_context_fixture,
    records_fixture,
    shared_catalogue,
)


def _records_page(open_main_window, username: str) -> RecordListPage:
    window = open_main_window(username)
    window.show_page("records")
    page = window.current_page()
    assert isinstance(page, RecordListPage) and page.catalogue is not None
    return page


def test_supervisor_exports_the_filtered_list_to_csv(open_main_window, records, tmp_path, qtbot):
    """Export… takes the page's filters: with F1 chosen, only the F1 record is in the file."""
    f1 = records.make("F1", example_values("F1"), status="draft")
    records.make("F5", example_values("F5"), status="draft")
    page = _records_page(open_main_window, SUPERVISOR)
    bar = page.filter_bar
    bar.form.setCurrentIndex(bar.form.findData("F1"))
    assert page.export_button.isVisible()
    qtbot.mouseClick(page.export_button, Qt.LeftButton)
    dialog = page.export_dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    assert dialog.sensitive.isVisible() and not dialog.sensitive.isChecked()
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.path.clear()
    type_into(dialog.path, str(tmp_path / "danh-sách"))
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    target = tmp_path / "danh-sách.csv"
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[0] for row in rows[1:]] == [f1]
    assert "Nguyễn Văn Đức" in rows[1]
    assert not dialog.isVisible()
    assert "1 record(s) exported" in page.window().status.currentMessage()
    with records.session().db.read() as conn:
        [entry] = audit.entries(conn, action=AuditAction.RECORDS_EXPORTED)
    assert entry.details["filters"] == {"form_id": "F1"} and entry.details["format"] == "csv"


def test_officer_has_no_export_button(open_main_window):
    """Officers never see Export…: records leave the station only through a supervisor."""
    page = _records_page(open_main_window, OFFICER)
    assert page.export_button.isHidden()


def test_dialog_shows_a_bad_folder_inline_and_stays_open(page_context, qtbot, tmp_path):
    """A folder that does not exist is said beside the buttons; nothing is written."""
    dialog = ExportDialog(page_context, shared_catalogue(), RecordFilter())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path.setText(str(tmp_path / "missing" / "x.xlsx"))
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.isVisible() and "not valid" in dialog.message.text()
    assert not (tmp_path / "missing").exists()


def test_format_choice_changes_the_file_ending(page_context, qtbot):
    """Choosing CSV turns the suggested .xlsx name into .csv."""
    dialog = ExportDialog(page_context, shared_catalogue(), RecordFilter())
    qtbot.addWidget(dialog)
    assert dialog.path.text().endswith(".xlsx")
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.path.text().endswith(".csv")


def test_dialog_says_a_read_only_folder_inline_and_stays_open(
    page_context, qtbot, tmp_path, monkeypatch
):
    """A read-only USB stick is a clear "cannot be written" beside the buttons (FILE_UNWRITABLE),
    not an unexpected error; no file or temp file is left."""

    def refuse(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(files.os, "replace", refuse)
    dialog = ExportDialog(page_context, shared_catalogue(), RecordFilter())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path.setText(str(tmp_path / "x.xlsx"))
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.isVisible() and "cannot be written" in dialog.message.text()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".x.xlsx", "x.xlsx"))]
