"""The Periodic report page: choose a period, read the figures beside last year, write the
narrative, keep the station profile, submit (then read-only), save the PDF; officers never see it."""

from __future__ import annotations

import gc
import json
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox

from desktop.core.audit_actions import AuditAction
from desktop.core.errors import FileUnwritable
from desktop.storage import audit
from desktop.storage.records import RecordService
from desktop.ui.models.report_table_model import CURRENT, PREVIOUS, ReportTableModel
from domain.forms.catalogue import load_catalogue
from domain.reports.periods import PeriodKind
from domain.validation.formats import VN_TZ
from tests.desktop.conftest import OFFICER, SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.ui.conftest import press, type_into

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
NOW = datetime(2026, 11, 28, 9, 30, tzinfo=VN_TZ)


def _add_incidents(station_home, days: list[str]) -> None:
    """Completed F2 records (the example) on each dd/mm/yyyy day."""
    values = json.loads((EXAMPLES / "F2.json").read_text(encoding="utf-8"))["values"]
    session = station_home.unlock()
    service = RecordService(session, load_catalogue(), clock=lambda: NOW)
    for day in days:
        moved = values | {"occurred_at": f"{day} 20:50", "reported_at": f"{day} 21:05"}
        service.complete(service.create("F2", moved))
    session.close()


def _figure(page, row_id: str, column: int = CURRENT) -> str:
    row = page.model.row_of(row_id)
    assert row >= 0, row_id
    return page.model.index(row, column).data()


def _choose_month(qtbot, page, year: int, month: int) -> None:
    picker = page.picker
    picker.kind.setCurrentIndex(picker.kind.findData(str(PeriodKind.MONTH)))
    picker.year.setValue(year)
    picker.number.setCurrentIndex(picker.number.findData(month))
    qtbot.waitUntil(
        lambda: page.opened is not None and page.opened.view.period.code == f"{year}-{month:02d}"
    )


@pytest.fixture
def reports_page(qtbot, station_home, open_main_window):
    _add_incidents(station_home, ["05/10/2026", "20/10/2026", "12/10/2025"])
    window = open_main_window(SUPERVISOR)
    window.show_page("reports")
    page = window.current_page()
    assert page.KEY == "reports"
    qtbot.waitUntil(lambda: page.opened is not None)
    return page


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_choosing_a_period_shows_its_figures_and_last_year(qtbot, reports_page):
    """October 2026: two incidents against one in October 2025, +1 and +100%."""
    page = reports_page
    _choose_month(qtbot, page, 2026, 10)
    assert _figure(page, "f2.total") == "2"
    assert _figure(page, "f2.total", PREVIOUS) == "1"
    assert _figure(page, "f2.total", PREVIOUS + 1) == "+1"
    assert _figure(page, "f2.total", PREVIOUS + 2) == "+100%"
    assert "draft" in page.state.text() and page.submit_button.isEnabled()
    _choose_month(qtbot, page, 2026, 9)
    assert _figure(page, "f2.total") == "0"


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_submit_freezes_the_report_and_makes_it_read_only(
    qtbot, reports_page, monkeypatch, station_home
):
    """After confirming, the report has its number, its text can no longer be edited, and a
    record added afterwards does not change it."""
    page = reports_page
    _choose_month(qtbot, page, 2026, 10)
    page.tabs.setCurrentIndex(1)
    type_into(page.narrative["plans"], "Tăng cường tuần tra ban đêm.")
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: asked.append(args) or QMessageBox.Yes
    )
    qtbot.mouseClick(page.submit_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.opened.view.submitted)
    assert asked, "submission must be confirmed"
    assert "01/BC" in page.state.text()
    assert page.narrative["plans"].isReadOnly() and not page.submit_button.isEnabled()
    assert page.narrative["plans"].toPlainText() == "Tăng cường tuần tra ban đêm."
    assert page.list_model.rowCount() == 1
    assert page.list_model.index(0, 1).data() == "01/BC"

    _add_incidents(station_home, ["25/10/2026"])
    page.show_period()
    qtbot.waitUntil(lambda: page.opened.view.submitted)
    assert _figure(page, "f2.total") == "2"  # frozen: the third incident is not in it


def test_station_profile_dialog_feeds_the_indicators(qtbot, reports_page):
    """Figures typed in the profile dialog appear as Resolution 12 rows after saving."""
    page = reports_page
    assert _figure(page, "r12.staff_total") == "\u2014"
    qtbot.mouseClick(page.profile_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    dialog.editors["staff_total"].setValue(14)
    dialog.editors["staff_quota"].setValue(15)
    dialog.editors["hq_status"].setCurrentIndex(dialog.editors["hq_status"].findData("da_co"))
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: _figure(page, "r12.staff_total") == "14")
    assert _figure(page, "r12.staff_vs_quota") == "93,3%"


def test_profile_dialog_names_the_field_in_error(qtbot, reports_page):
    """More officers than staff is refused beside the dialog's buttons, naming the field."""
    page = reports_page
    qtbot.mouseClick(page.profile_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    dialog.editors["staff_total"].setValue(5)
    dialog.editors["staff_officers"].setValue(9)
    dialog.save()
    assert dialog.isVisible() and dialog.message.isVisible()
    assert "officers" in dialog.message.text().lower()


def _report_printouts(page) -> list[dict]:
    with page.context.session.db.read() as conn:
        entries = audit.entries(conn, limit=20, action=AuditAction.REPORT_PRINTED)
    return [e.details for e in entries]


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_save_pdf(qtbot, reports_page, tmp_path):
    """The report shown is written as a PDF of A4 pages, audited, and only then said."""
    page = reports_page
    target = tmp_path / "bao-cao.pdf"
    with qtbot.waitSignal(page.status_message) as said:
        page.save_pdf(target)
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in said.args[0]
    assert [d["to"] for d in _report_printouts(page)] == ["bao-cao.pdf"]


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_save_pdf_that_fails_is_shown_and_not_audited(qtbot, reports_page, tmp_path, monkeypatch):
    """Into a folder that does not exist: the error is shown; nothing says "saved", nothing
    is audited, no file."""
    page = reports_page
    shown: list[BaseException] = []
    monkeypatch.setattr(page, "show_error", shown.append)
    said: list[str] = []
    page.status_message.connect(said.append)
    target = tmp_path / "missing" / "bao-cao.pdf"
    page.save_pdf(target)
    qtbot.wait(50)  # an audit, had one been queued, would have run by now
    assert [type(e) for e in shown] == [FileUnwritable] and said == []
    assert _report_printouts(page) == [] and not target.exists()


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_print_preview_opens_without_a_nested_event_loop(
    qtbot, reports_page, tmp_path, monkeypatch
):
    """The preview is opened, not exec()'d (the idle lock may close the page under a nested
    loop); a printer that fails is shown and not audited, a print that works is audited."""
    page = reports_page

    def nested(_dialog):
        raise AssertionError("QPrintPreviewDialog.exec() runs a nested event loop")

    monkeypatch.setattr(QPrintPreviewDialog, "exec", nested)
    shown: list[BaseException] = []
    monkeypatch.setattr(page, "show_error", shown.append)
    page.print_preview()
    dialog = page.preview
    assert dialog is not None and dialog.isVisible()
    gc.collect()  # the dialog only borrows its printer: a collected one crashes Qt
    failing = _pdf_printer(tmp_path / "missing" / "x.pdf")
    dialog.paintRequested.emit(failing)
    assert [type(e) for e in shown] == [FileUnwritable]
    dialog.accept()
    qtbot.wait(50)
    assert _report_printouts(page) == []

    page.print_preview()
    printed = _pdf_printer(tmp_path / "printed.pdf")
    page.preview.paintRequested.emit(printed)
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")
    page.preview.accept()
    qtbot.waitUntil(lambda: _report_printouts(page) != [])
    assert [d["to"] for d in _report_printouts(page)] == ["printer"] and len(shown) == 1


def test_model_is_well_behaved(qtmodeltester, reports_page):
    """The figures model passes Qt's model checks."""
    model = ReportTableModel("vi")
    model.set_content(reports_page.opened.view.content)
    qtmodeltester.check(model)


def test_officer_does_not_get_the_page(open_main_window):
    """The page is the chief's: an officer's window has no Reports page."""
    window = open_main_window(OFFICER)
    assert window.page("reports") is None


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_unsaved_narrative_survives_a_lock(qtbot, reports_page):
    """Text typed into a draft comes back after the same user unlocks (held in memory only)."""
    page = reports_page
    _choose_month(qtbot, page, 2026, 10)
    page.tabs.setCurrentIndex(1)
    type_into(page.narrative["shortcomings"], "Thiếu phương tiện.")
    window = page.window()
    window.lock()
    assert window.locked
    form = window.lock_screen.form
    form.user.setEditText(SUPERVISOR)
    type_into(form.password, SUPERVISOR_PASSWORD)
    press(form.password, Qt.Key_Return)
    assert not window.locked
    restored = window.page("reports")
    window.show_page("reports")
    qtbot.waitUntil(
        lambda: restored.opened is not None and restored.opened.view.period.code == "2026-10"
    )
    assert restored.narrative["shortcomings"].toPlainText() == "Thiếu phương tiện."
    assert restored.capture_state()["narrative"]["shortcomings"] == "Thiếu phương tiện."


def test_the_indicators_show_whole_at_1366_and_in_tooltips(qtbot, reports_page):
    """At 1366×768 every indicator shows whole (the list of past reports took a third of the
    width and cut them); narrower, each label keeps its whole text in its tooltip."""
    from PySide6.QtGui import QFontMetrics

    from desktop.ui.models.report_table_model import LABEL

    page = reports_page
    page.window().resize(1366, 768)
    model, header = page.model, page.table.horizontalHeader()

    def width(row: int) -> int:
        font = model.index(row, LABEL).data(Qt.FontRole) or page.table.font()
        return QFontMetrics(font).horizontalAdvance(model.index(row, LABEL).data())

    widest = max(width(r) for r in range(model.rowCount()))
    qtbot.waitUntil(lambda: header.sectionSize(LABEL) >= widest + 8)
    for row in range(model.rowCount()):
        label = model.index(row, LABEL)
        assert label.data(Qt.ToolTipRole) == label.data().strip()


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_reporting_month_and_typed_figures(qtbot, reports_page):
    """The 15th-to-14th reporting month is a period choice; the residence and ID applications
    typed for it are saved with the draft, shown as figures and come back when reopened."""
    page = reports_page
    picker = page.picker
    picker.kind.setCurrentIndex(picker.kind.findData(str(PeriodKind.REPORT_MONTH)))
    picker.year.setValue(2026)
    picker.number.setCurrentIndex(picker.number.findData(10))
    qtbot.waitUntil(lambda: page.opened is not None and page.opened.view.period.code == "2026-K10")
    assert page.opened.view.content.start == "2026-09-15"
    assert _figure(page, "f2.total") == "1"  # 05/10 is in; 20/10 is after the 14th
    assert _figure(page, "applications.residence_received") == "\u2014"
    page.typed["residence_received"].setValue(120)
    page.typed["id_received"].setValue(36)
    assert page.capture_state()["figures"] == {"residence_received": 120, "id_received": 36}
    qtbot.mouseClick(page.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: _figure(page, "applications.residence_received") == "120")
    _choose_month(qtbot, page, 2026, 10)
    assert page.typed["residence_received"].value() == -1  # another period: nothing typed
    picker.kind.setCurrentIndex(picker.kind.findData(str(PeriodKind.REPORT_MONTH)))
    picker.number.setCurrentIndex(picker.number.findData(10))
    qtbot.waitUntil(lambda: page.opened.view.period.code == "2026-K10")
    assert page.typed["id_received"].value() == 36


def test_profile_dialog_takes_billions_of_dong_and_the_party_post(qtbot, reports_page):
    page = reports_page
    qtbot.mouseClick(page.profile_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    dialog.editors["hq_funding_budget"].setValue(4_500_000_000)
    party = dialog.editors["chief_in_party_committee"]
    party.setCurrentIndex(party.findData("co"))
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: _figure(page, "r12.hq_funding_budget") == "4.500.000.000")
    assert _figure(page, "r12.chief_in_party_committee") == "Có"  # labels are frozen in vi
    assert page.model.index(page.model.row_of("r12.hq_funding_budget"), 0).data().endswith("(VND)")
