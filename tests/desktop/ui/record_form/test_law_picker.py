"""The provision picker of F3/F4: it lists the catalogue in force on the station, narrowed to the
provisions in force on the violation date, and re-filters when that date changes."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from desktop.ui.record_form.options import VALUE_ROLE
from domain.law import catalogue_from_dict
from domain.resources import resource_path
from domain.validation import Code
from tests.desktop.ui.record_helpers import key, type_here

BEFORE_282 = "2025-12-01T20:30"  # Decree 144/2021 still applies
AFTER_282 = "2026-01-10T20:30"  # Decree 282/2025 applies from 15/12/2025


def listed(picker) -> list[str]:
    model = picker.combo.model()
    return [model.index(row, 0).data(VALUE_ROLE) for row in range(1, model.rowCount())]


def retype_date(form, path: str, typed: str) -> None:
    """Replace a date as the user does: select all in the field, type, leave it."""
    editor = form.editor_at(path)
    editor.focus_target().setFocus()
    key(Qt.Key_A, Qt.ControlModifier)
    type_here(typed)
    key(Qt.Key_Tab)


def test_without_a_date_every_provision_is_listed(show_form):
    picker = show_form("F3").editor_at("law_entry")
    shown = listed(picker)
    assert "nd144.8.1.a" in shown and "nd282.8.1.a" in shown


def test_the_list_follows_the_violation_date(show_form, qtbot):
    form = show_form("F3", {"violation_time": BEFORE_282})
    picker = form.editor_at("law_entry")
    before = listed(picker)
    assert "nd144.8.1.a" in before and not any(i.startswith("nd282") for i in before)
    retype_date(form, "violation_time", "10/01/2026 20:30")
    qtbot.waitUntil(lambda: "nd282.8.1.a" in listed(picker))
    assert not any(i.startswith("nd144") for i in listed(picker))


def test_a_provision_out_of_force_after_a_date_change_stays_and_is_a_problem(show_form, qtbot):
    form = show_form("F3", {"violation_time": AFTER_282, "law_entry": "nd282.8.1.a"})
    picker = form.editor_at("law_entry")
    assert picker.value() == "nd282.8.1.a"
    retype_date(form, "violation_time", "01/12/2025 20:30")
    qtbot.waitUntil(lambda: "nd282.8.1.a" not in listed(picker))
    assert picker.value() == "nd282.8.1.a"  # kept as chosen, not silently dropped
    found = [p for p in form.check() if p.path == "law_entry"]
    assert [(p.code, p.params["instead"]) for p in found] == [
        (Code.LAW_ENTRY_NOT_IN_FORCE, "nd144.8.1.a")
    ]


def test_the_picker_lists_the_catalogue_given_to_the_form(show_form):
    """The station's catalogue in force (one pulled from the centre), not only the bundled one."""
    raw = json.loads(resource_path("law", "catalogue.json").read_text(encoding="utf-8"))
    extra = {
        **raw["entries"][-1],
        "id": "nd282.8.9.z",
        "act": "test_new_act",
        "behaviour": "Thả diều gây nguy hiểm",
        "keywords": "thả diều",
        "effective_from": "2026-07-01",
        "effective_to": None,
    }
    published = catalogue_from_dict(
        {**raw, "version": "2099.1", "entries": [*raw["entries"], extra]}
    )
    form = show_form("F3", {"violation_time": "2026-08-01T09:00"}, law=published)
    picker = form.editor_at("law_entry")
    assert "nd282.8.9.z" in listed(picker)
    picker.focus_target().setFocus()
    type_here("tha dieu")
    key(Qt.Key_Tab)
    assert picker.value() == "nd282.8.9.z"
    assert [p for p in form.check() if p.path.startswith("law_entry")] == []
