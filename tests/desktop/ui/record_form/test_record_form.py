"""The form renderer: values in and out, typing each field type, conditions, problems, focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.ui.record_form.group_editor import GroupEditor
from desktop.ui.record_work import shared_catalogue
from domain.validation import check_record
from tests.desktop.ui.record_helpers import (
    example_values,
    fill,
    focused_path,
    key,
    tab_to,
    type_here,
)

FORMS = ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10"]


def _problem_text(form, path: str) -> str:
    row = _row(form, path)
    return row.problem.text() if row.problem.isVisibleTo(form) else ""


def _row(form, path: str):
    editor = form.editor_at(path)
    assert editor is not None, path
    return editor.parentWidget()


@pytest.mark.parametrize("form_id", FORMS)
def test_every_example_survives_the_form(show_form, form_id):
    """Each valid example shown in the form comes back out still valid and with the same content."""
    catalogue = shared_catalogue()
    form_def = catalogue.get(form_id)
    values = example_values(form_id)
    form = show_form(form_id, values)
    out = form.values()
    assert [p for p in form.check() if p.is_error] == []
    today = form.evaluation().today
    expected = check_record(form_def, values, today=today, rules=catalogue.rules).values
    again = check_record(form_def, out, today=today, rules=catalogue.rules).values

    def without_false(value):
        # An unticked optional box is stored as nothing rather than false: both mean "no".
        if isinstance(value, dict):
            return {k: without_false(v) for k, v in value.items() if v is not False}
        if isinstance(value, list):
            return [without_false(v) for v in value]
        return value

    assert without_false(again) == without_false(expected)


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("form_id", FORMS)
def test_every_form_fits_the_page_of_a_first_size_window(show_form, form_id, language):
    """At 1100×720 the form gets about 826 pixels: no form may need a horizontal scroll bar
    there (F3's long tick-box labels side by side once needed 985)."""
    form = show_form(form_id, example_values(form_id), language=language)
    assert form.scroll_area.widget().minimumSizeHint().width() <= 800


def test_long_tick_box_labels_stand_in_one_column(show_form):
    """F3's circumstances (labels up to 54 characters) get one column, its five shorter
    preventive measures two."""
    form = show_form("F3", language="vi")
    circumstances = form.editor_at("circumstances").layout()
    measures = form.editor_at("preventive_measures").layout()
    assert (circumstances.columnCount(), measures.columnCount()) == (1, 2)


def test_money_is_grouped_as_it_is_typed(show_form):
    """Typing 18500000 in a money field shows 18.500.000 and stores the whole number."""
    form = show_form("F4")
    editor = form.editor_at("fine_amount")
    form.set_values({"main_penalty": "phat_tien"})
    editor.focus_target().setFocus()
    type_here("18500000")
    assert editor.line.text() == "18.500.000"
    assert editor.value() == 18_500_000


def test_dates_are_typed_freely_and_shown_as_dd_mm_yyyy(show_form):
    """05032026 becomes 05/03/2026 on leaving; a birth date may be a year alone."""
    form = show_form("F3")
    form.focus_path("violation_time")
    type_here("14h30 5/3/2026")
    key(Qt.Key_Tab)
    assert form.editor_at("violation_time").line.text() == "05/03/2026 14:30"
    assert form.values()["violation_time"] == "2026-03-05T14:30"
    form.set_values({"violator_type": "ca_nhan"})
    birth = form.editor_at("violator.date_of_birth")
    birth.focus_target().setFocus()
    type_here("1985")
    key(Qt.Key_Tab)
    assert birth.value() == "1985"
    assert "violator.date_of_birth" not in {p.path for p in form.problems}


def test_calendar_popup_fills_in_the_date(show_form, qtbot):
    """Alt+Down opens the calendar; Enter on a day puts it in the field as dd/mm/yyyy."""
    form = show_form("F6")
    editor = form.editor_at("absence_from")
    editor.focus_target().setFocus()
    key(Qt.Key_Down, Qt.AltModifier)
    calendar = editor.calendar
    assert calendar is not None and calendar.isVisible()
    QTest.keyClick(calendar.focusWidget() or calendar, Qt.Key_Left)  # the day before today
    picked = calendar.selectedDate()
    QTest.keyClick(calendar.focusWidget() or calendar, Qt.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert editor.line.text() == picked.toString("dd/MM/yyyy")


def test_province_and_commune_complete_without_accents(show_form):
    """ "ha noi" picks Thành phố Hà Nội; the commune list then holds only Hà Nội's communes."""
    form = show_form("F3")
    form.focus_path("violation_place.street")
    fill("violation_place.province", "ha noi")
    key(Qt.Key_Tab)
    province = form.editor_at("violation_place.province")
    assert province.value() == "01"
    assert province.combo.currentText() == "Thành phố Hà Nội"
    commune = form.editor_at("violation_place.commune")
    listed = {commune.combo.itemData(i, Qt.UserRole + 1) for i in range(1, commune.combo.count())}
    reference = form.reference
    assert listed == {c.code for c in reference.communes_of("01")}
    tab_to("violation_place.commune")
    type_here("giang vo")
    key(Qt.Key_Tab)
    assert commune.value() == "00025"
    assert commune.combo.currentText() == "Phường Giảng Võ"


def test_choosing_a_commune_first_fills_in_its_province(show_form):
    """A commune typed with an empty province brings its province along."""
    form = show_form("F3")
    form.focus_path("violation_place.street")
    fill("violation_place.commune", "phuong ba dinh")
    key(Qt.Key_Tab)
    assert form.editor_at("violation_place.commune").value() == "00004"
    assert form.editor_at("violation_place.province").value() == "01"


def test_conditional_fields_appear_when_their_condition_holds(show_form, qtbot):
    """Ticking "urgent" shows the urgent reason, time and recipient; unticking hides them again."""
    form = show_form("F1")
    reason = _row(form, "urgent_reason")
    assert not reason.isVisibleTo(form)
    tab_to("urgent", most=80)
    key(Qt.Key_Space)
    qtbot.waitUntil(lambda: reason.isVisibleTo(form))
    key(Qt.Key_Tab)
    assert focused_path() == "urgent_reason"
    type_here("du luan")
    key(Qt.Key_Tab)
    assert form.values()["urgent_reason"] == "du_luan_quan_tam"
    form.editor_at("urgent").box.setChecked(False)
    qtbot.waitUntil(lambda: not reason.isVisibleTo(form))
    assert "urgent_reason" not in form.values()  # hidden: not part of the record


def test_an_error_shows_beside_its_field_once_the_field_is_left(show_form):
    """An 11-digit ID number is flagged in red beside the field after Tab, not while typing."""
    form = show_form("F3", {"violator_type": "ca_nhan"})
    form.focus_path("violator.nationality")
    fill("violator.id_number", "00108501234")
    assert _problem_text(form, "violator.id_number") == ""
    key(Qt.Key_Tab)
    text = _problem_text(form, "violator.id_number")
    assert "exactly 12 digits" in text
    assert "#b71c1c" in text  # red: an error
    editor = form.editor_at("violator.id_number")
    assert editor.focus_target().palette().base().color().name() == "#ffe3e3"
    assert "violator.full_name" not in text  # fields never visited show nothing yet
    assert _problem_text(form, "violator.full_name") == ""


def test_warnings_look_different_from_errors(show_form):
    """An unknown ID prefix is a warning: amber, marked ⚠, and the field tinted amber."""
    form = show_form("F3", {"violator_type": "ca_nhan"})
    form.focus_path("violator.id_number")
    type_here("999085012345")
    key(Qt.Key_Tab)
    text = _problem_text(form, "violator.id_number")
    assert "not a province code" in text and "\u26a0" in text and "#8a5a00" in text
    editor = form.editor_at("violator.id_number")
    assert editor.focus_target().palette().base().color().name() == "#fff3cd"


def test_enter_moves_to_the_next_field(show_form):
    """Enter in a one-line field or a list goes on to the next field, like Tab."""
    form = show_form("F1")
    assert focused_path() == "received_at"
    key(Qt.Key_Return)
    assert focused_path() == "received_place"
    type_here("Trụ sở")
    key(Qt.Key_Return)
    assert focused_path() == "channel"
    type_here("dien thoai")
    key(Qt.Key_Return)
    assert form.editor_at("channel").value() == "dien_thoai"
    assert focused_path() == "source_type"


def test_rows_are_added_from_the_keyboard(show_form, qtbot):
    """Insert in a table opens an empty row; typed fields and Ctrl+Enter keep it."""
    form = show_form("F1", {"items_received": True})
    group = form.editor_at("items")
    assert isinstance(group, GroupEditor)
    group.table.setFocus()
    key(Qt.Key_Insert)
    assert group.dialog is not None
    qtbot.waitUntil(lambda: focused_path() == "items[0].description")
    type_here("Bản sao giấy đăng ký xe")
    key(Qt.Key_Tab)
    type_here("1,5")
    key(Qt.Key_Tab)
    type_here("bản")
    key(Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: group.dialog is None)
    assert form.values()["items"] == [
        {"description": "Bản sao giấy đăng ký xe", "quantity": 1.5, "unit": "bản"}
    ]
    assert group.table.item(0, 1).text() == "1,5"


def test_focus_path_opens_the_row_and_the_field(show_form, qtbot):
    """Jumping to items[1].quantity opens row 2's dialog with the keyboard in Quantity."""
    values = example_values("F1")
    form = show_form("F1", values)
    assert form.focus_path("items[1].quantity")
    dialog = form.editor_at("items").dialog
    assert dialog is not None and dialog.row == 1
    qtbot.waitUntil(lambda: focused_path() == "items[1].quantity")


def test_hidden_and_empty_blocks_are_not_stored(show_form):
    """A folded address, an unticked box and defaults alone never make a value."""
    form = show_form("F1", {"reporter_kind": "ca_nhan", "reporter": {"full_name": "Lê Văn A"}})
    values = form.values()
    assert values["reporter"] == {"full_name": "Lê Văn A", "nationality": "VN"}
    assert "incident_location" not in values
    assert "confidential" not in values


def test_a_folded_address_is_its_tick_box_alone(show_form, qtbot):
    """An unticked address shows only its tick box (no empty frame under it); ticking it shows
    its fields, Space on the focused tick box too, and unticking folds them away again."""
    form = show_form("F1", {"reporter_kind": "ca_nhan", "reporter": {"full_name": "Lê Văn A"}})
    address = form.editor_at("reporter.temporary_address")
    assert address.fold is not None and not address.fold.isChecked()
    assert not address.box.isVisibleTo(form)
    assert address.height() <= address.fold.sizeHint().height() + 2
    address.focus_target().setFocus()
    key(Qt.Key_Space)
    qtbot.waitUntil(lambda: address.box.isVisible())
    assert address.height() > 4 * address.fold.sizeHint().height()
    address.fold.setChecked(False)
    assert not address.box.isVisibleTo(form)


def test_the_provision_is_picked_from_the_legal_catalogue(show_form):
    """F3's provision: words typed without accents pick the newest matching catalogue entry."""
    form = show_form("F3")
    form.focus_path("act_description")
    tab_to("law_entry")
    type_here("hat karaoke")
    key(Qt.Key_Tab)
    picker = form.editor_at("law_entry")
    assert picker.value() == "nd282.8.1.a"
    assert picker.combo.currentText().startswith("Điểm a khoản 1 Điều 8 Nghị định 282/2025/NĐ-CP")


def test_a_long_loaded_text_shows_its_beginning(show_form):
    """A value longer than its box opens at its first character, not scrolled to its tail."""
    values = example_values("F3")
    values["basis"] = f"{values['basis']}; {values['basis']}"
    form = show_form("F3", values)
    line = form.editor_at("basis").line
    assert line.fontMetrics().horizontalAdvance(line.text()) > line.width()
    assert line.cursorPosition() == 0


def test_the_supervision_file_is_looked_up_in_the_stations_records(show_form):
    """F6 given the station's records (as the editor gives them) says beside the field that no
    F10 file has the number typed, and stays quiet when the person's own file has it."""
    files = {("F10", "05/HS-GS"): [{"subject": {"id_number": "036094005678"}}]}
    values = example_values("F6") | {"supervision_file": "07/HS-GS"}
    form = show_form("F6", values, records=lambda form_id, n: files.get((form_id, n), []))
    problems = form.validate()
    assert [(p.path, p.code.value) for p in problems] == [
        ("supervision_file", "LINKED_RECORD_NOT_FOUND")
    ]
    form.show_problems(problems)
    assert "07/HS-GS" in _problem_text(form, "supervision_file")
    form.set_values(values | {"supervision_file": "05/HS-GS"})
    assert form.validate() == []
