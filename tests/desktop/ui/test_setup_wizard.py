"""First run: the set-up wizard creates a station from the keyboard alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWizard

from desktop.core import credentials
from desktop.storage import crypto
from desktop.storage.station import Station
from desktop.ui import recovery_sheet
from desktop.ui.setup_wizard import SetupWizard
from desktop.ui.tasks import TaskRunner
from tests.desktop.ui.conftest import press, type_into

STATION_NAME = "Công an phường Ba Đình – trụ sở Đội Cấn"
PASSWORD = "Ba-Dinh-Ha-Noi-2026"


@pytest.fixture
def wizard(qtbot, tmp_path: Path) -> SetupWizard:
    wizard = SetupWizard(tmp_path / "new-station", TaskRunner(threaded=False), kdf=crypto.TEST_KDF)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    return wizard


def _fill_station_page(qtbot, wizard: SetupWizard) -> None:
    page = wizard.station_page
    qtbot.waitUntil(page.search.hasFocus)
    type_into(page.search, "ba đình")
    assert page.code.text() == "00004"
    press(wizard, Qt.Key_S, Qt.AltModifier)  # "&Station name:"
    assert page.name.hasFocus()
    page.name.selectAll()
    type_into(page.name, STATION_NAME)


def _fill_supervisor_page(wizard: SetupWizard) -> None:
    page = wizard.supervisor_page
    type_into(page.username, "truong")
    press(page.username, Qt.Key_Tab)
    type_into(page.full_name, "Nguyễn Văn Trưởng")
    press(page.full_name, Qt.Key_Tab)
    type_into(page.passwords.first, PASSWORD)
    press(page.passwords.first, Qt.Key_Tab)
    type_into(page.passwords.second, PASSWORD)


def test_wizard_creates_station_from_keyboard(qtbot, wizard):
    """Enter, type-ahead, a typed Vietnamese name, the supervisor, then the key confirmed."""
    created = []
    wizard.station_created.connect(created.append)
    press(wizard, Qt.Key_Return)  # past the welcome page
    _fill_station_page(qtbot, wizard)
    press(wizard.station_page.name, Qt.Key_Return)
    assert wizard.currentPage() is wizard.supervisor_page
    _fill_supervisor_page(wizard)
    press(wizard.supervisor_page.passwords.second, Qt.Key_Return)  # "Create station"

    assert wizard.currentPage() is wizard.recovery_page
    key = wizard.recovery_page.key.text()
    assert credentials.parse_recovery_key(key) == key
    finish = wizard.button(QWizard.FinishButton)
    assert not finish.isEnabled()
    press(wizard, Qt.Key_W, Qt.AltModifier)  # "I have &written the recovery key down…"
    press(wizard.recovery_page.confirmed, Qt.Key_Space)
    assert finish.isEnabled()
    press(wizard, Qt.Key_Return)

    assert len(created) == 1
    session = created[0]
    info = session.info()
    assert (info.code, info.name) == ("00004", STATION_NAME)
    assert session.user.full_name == "Nguyễn Văn Trưởng"
    session.close()
    Station(wizard.home).unlock("truong", PASSWORD).close()


def test_weak_password_keeps_create_disabled(qtbot, wizard):
    """A short password (under 12 for a supervisor) is named beside the field and the station is not created."""
    press(wizard, Qt.Key_Return)
    _fill_station_page(qtbot, wizard)
    press(wizard.station_page.name, Qt.Key_Return)
    page = wizard.supervisor_page
    type_into(page.username, "truong")
    type_into(page.passwords.first, "abc")
    assert "at least 12 characters" in page.passwords.message.text()
    assert not wizard.button(QWizard.CommitButton).isEnabled()
    assert not Station(wizard.home).exists()


def test_commune_search_ignores_accents_and_ranks_closest_first(qtbot, wizard):
    """Typing ba dinh without accents finds Phường Ba Đình first; Down picks the next match."""
    press(wizard, Qt.Key_Return)
    page = wizard.station_page
    type_into(page.search, "ba dinh")
    assert page.list.currentIndex().data() == "Phường Ba Đình \u2014 Thành phố Hà Nội"
    assert page.name.text() == "Công an phường Ba Đình"
    press(page.search, Qt.Key_Down)
    assert page.code.text() != "00004"
    assert page.name.text().startswith("Công an xã Ba")
    type_into(page.search, "zzzz")
    assert page.code.text() == ""
    assert not wizard.button(QWizard.NextButton).isEnabled()


def test_zones_without_police_cannot_be_chosen(qtbot, wizard):
    """Hoàng Sa and Trường Sa are special zones with no commune police: not offered; Côn Đảo is."""
    press(wizard, Qt.Key_Return)
    page = wizard.station_page
    for typed, code in (("hoang sa", "20333"), ("truong sa", "22736")):
        page.search.clear()
        type_into(page.search, typed)
        shown = [page.communes.index(row, 0).data() for row in range(page.communes.rowCount())]
        assert not any(name.startswith("Đặc khu") for name in shown), shown
        assert page.code.text() != code
    page.search.clear()
    type_into(page.search, "con dao")
    assert page.code.text() == "26732"


def test_a_refused_unit_is_explained_in_vietnamese(qtbot):
    """If a code without a police station reached set-up, the wizard's message is translated."""
    from PySide6.QtCore import QLocale

    from desktop.core.errors import UnitWithoutPolice
    from desktop.ui.errors import describe

    QLocale.setDefault(QLocale(QLocale.Vietnamese, QLocale.Vietnam))  # the conftest restores it
    text = describe(UnitWithoutPolice(station_code="20333", unit="Đặc khu Hoàng Sa"))
    assert text.headline == "Đặc khu này không có Công an cấp xã."
    assert "đơn vị" in text.advice


def _create(qtbot, wizard: SetupWizard) -> None:
    press(wizard, Qt.Key_Return)
    _fill_station_page(qtbot, wizard)
    press(wizard.station_page.name, Qt.Key_Return)
    _fill_supervisor_page(wizard)
    press(wizard.supervisor_page.passwords.second, Qt.Key_Return)
    assert wizard.currentPage() is wizard.recovery_page


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_recovery_key_saved_to_file_and_escape_cannot_lose_it(qtbot, wizard, tmp_path, monkeypatch):
    """Save to file writes the key and the station; Escape does not close the wizard."""
    _create(qtbot, wizard)
    target = tmp_path / "key.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    wizard.recovery_page.save_button.click()
    text = target.read_text(encoding="utf-8")
    assert wizard.recovery_key in text
    assert STATION_NAME in text
    press(wizard, Qt.Key_Escape)
    assert wizard.isVisible()
    wizard.session.close()


def test_recovery_sheet_prints_to_pdf(qtbot, tmp_path):
    """The printable sheet renders to a PDF page (what "Print" sends to the printer)."""
    target = tmp_path / "sheet.pdf"
    html = recovery_sheet.sheet_html(STATION_NAME, "00004", "ABCD-" * 7 + "ABCD", "truong")
    recovery_sheet.print_document(recovery_sheet.pdf_printer(target), html)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 2000


def test_the_printed_recovery_key_never_breaks_inside_a_group(qtbot, tmp_path):
    """Groups that begin with a digit leave Qt no break after a hyphen: left to wrap the key
    itself it split "518E" as "518" / "E". The sheet prints it as lines of whole groups."""
    import pypdf

    key = "3Q4E-2D02-1HMC-7EDJ-0BJT-9DEK-77EQ-518E"
    target = tmp_path / "sheet.pdf"
    html = recovery_sheet.sheet_html(STATION_NAME, "00004", key, "truong")
    recovery_sheet.print_document(recovery_sheet.pdf_printer(target), html)
    text = pypdf.PdfReader(str(target)).pages[0].extract_text()
    lines = [line.strip() for line in text.splitlines() if re.search(r"\w{4}-\w{4}", line)]
    assert lines == ["3Q4E-2D02-1HMC-7EDJ", "0BJT-9DEK-77EQ-518E"]
