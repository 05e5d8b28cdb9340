"""Issue 13 in the GUI: the strength meter and the dialog's message say what the rules decide."""

from __future__ import annotations

import pytest

from desktop.core.permissions import Role
from desktop.ui.user_dialogs import AddUserDialog
from tests.desktop.conftest import SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.ui.conftest import type_into


@pytest.fixture
def add_dialog(qtbot, services, station_home):
    session = station_home.unlock(SUPERVISOR, SUPERVISOR_PASSWORD)
    dialog = AddUserDialog(services.tasks, session, None)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    session.close()


@pytest.mark.parametrize("weak", ["12345678", "password", "Matkhau@2026"])
def test_a_common_officer_password_is_red_and_refused(add_dialog, weak):
    """Typed for an officer: the meter shows "Too short"/"Too weak", the message says why, and
    OK refuses it with WEAK_PASSWORD."""
    type_into(add_dialog.username, "minh")
    type_into(add_dialog.passwords.first, weak)
    type_into(add_dialog.passwords.second, weak)
    word = add_dialog.passwords.strength.word.text()
    assert word in ("Too short", "Too weak")
    assert "most used passwords" in add_dialog.passwords.message.text()
    assert add_dialog.passwords.problem().code == "WEAK_PASSWORD"


def test_the_role_decides_the_length_the_meter_allows(add_dialog):
    """Eleven varied characters: fine for an officer, too short once Supervisor is chosen."""
    type_into(add_dialog.passwords.first, "Ha-Noi-mua9")
    type_into(add_dialog.passwords.second, "Ha-Noi-mua9")
    assert add_dialog.passwords.problem() is None
    assert add_dialog.passwords.strength.word.text() in ("Fair", "Good", "Strong")
    add_dialog.role.setCurrentIndex(add_dialog.role.findData(str(Role.SUPERVISOR)))
    assert add_dialog.passwords.problem().params["reason"] == "too_short"
    assert add_dialog.passwords.strength.word.text() == "Too short"
    assert "at least 12" in add_dialog.passwords.message.text()
