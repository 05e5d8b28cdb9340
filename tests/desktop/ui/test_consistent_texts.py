"""Issue 15's contradictions: what one part of the app says must not contradict another part."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLabel

from desktop.core.audit_actions import AuditAction
from desktop.storage import audit
from desktop.ui import i18n
from desktop.ui.errors import ErrorDialog
from desktop.ui.help_window import HelpWindow
from desktop.ui.login_window import LoginWindow
from desktop.ui.pages.record_entry import RecordEntryPage
from desktop.ui.printing.record_printer import RecordPrinter
from desktop.ui.record_view import RecordView
from desktop.ui.recovery_dialog import RecoveryDialog
from desktop.ui.sync.enrol_dialog import EnrolDialog
from desktop.ui.user_dialogs import AddUserDialog
from tests.desktop.conftest import OFFICER, SUPERVISOR, SUPERVISOR_PASSWORD
from tests.desktop.ui.conftest import press, type_into
from tests.desktop.ui.record_helpers import (  # noqa: F401 (fixtures)
    example_values,
    fill,
    key,
    page_context_fixture,
    records_fixture,
    type_here,
)


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_after_log_out_the_screen_says_log_in_and_names_no_one(open_main_window):
    """Log out: "Log in" (not "Unlock") with an empty user box; a lock says "Unlock" and keeps
    the user who locked."""
    window = open_main_window(SUPERVISOR)
    window.log_out()
    form = window.lock_screen.form
    assert form.submit.text() == "&Log in"
    assert form.user.currentText() == ""
    assert "logged out" in window.lock_screen.detail.text()
    assert window.status.user.text() == "Logged out"  # the status bar agrees with the screen
    assert not window.status.backup.isVisibleTo(window)  # the last user's reminder is gone
    type_into(form.user.lineEdit(), SUPERVISOR)
    type_into(form.password, SUPERVISOR_PASSWORD)
    press(form.password, Qt.Key_Return)
    assert not window.locked
    window.lock()
    assert window.status.user.text() == "Locked"
    assert form.submit.text() == "&Unlock"
    assert form.user.currentText() == SUPERVISOR


_logins: list[LoginWindow] = []  # kept alive while a test looks at their dialogs


def _forgot(qtbot, services, user: str) -> RecoveryDialog:
    login = LoginWindow(services.station, services.tasks, user=user)
    qtbot.addWidget(login)
    _logins.append(login)
    login.show()
    login.form.forgot.click()
    return login.findChild(RecoveryDialog)


@pytest.fixture(autouse=True)
def _forget_logins():
    yield
    _logins.clear()


def test_forgot_password_names_only_a_supervisor(qtbot, services):
    """An officer's name is not put in the Supervisor box; the dialog says who can help."""
    dialog = _forgot(qtbot, services, OFFICER)
    assert dialog.username.text() == ""
    assert f"{OFFICER} is an officer" in dialog.message.text()
    assert dialog.focusWidget() is dialog.username
    dialog = _forgot(qtbot, services, SUPERVISOR)
    assert dialog.username.text() == SUPERVISOR and dialog.message.text() == ""


def test_f1_in_the_forgot_password_dialog_opens_the_guide(qtbot, services):
    """F1 works in the dialog too, as in the login window behind it."""
    dialog = _forgot(qtbot, services, SUPERVISOR)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    press(dialog, Qt.Key_F1)
    qtbot.waitUntil(lambda: getattr(dialog, "_help_window", None) is not None)
    assert isinstance(dialog._help_window, HelpWindow) and dialog._help_window.isVisible()


@pytest.fixture
def add_dialog(qtbot, services, station_home):
    session = station_home.unlock(SUPERVISOR, SUPERVISOR_PASSWORD)
    dialog = AddUserDialog(services.tasks, session, None)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    session.close()


def test_a_weak_password_is_said_once_and_never_beside_a_good_meter(add_dialog):
    """OK with a common password: the reason stays under the fields only (it was repeated at
    the foot of the dialog), the meter says it is weak, and the password box gets the keyboard."""
    type_into(add_dialog.username, "minh")
    type_into(add_dialog.passwords.first, "Matkhau@2026")
    type_into(add_dialog.passwords.second, "Matkhau@2026")
    add_dialog.ok_button.click()
    assert add_dialog.isVisible()
    said = [w for w in add_dialog.findChildren(QLabel) if "most used" in w.text()]
    assert said == [add_dialog.passwords.message]
    assert add_dialog.message.text() == ""
    assert add_dialog.passwords.strength.word.text() in ("Too short", "Too weak")
    assert add_dialog.passwords.first.hasFocus()


def test_different_passwords_are_said_once_with_the_keyboard_on_the_repeat(add_dialog):
    type_into(add_dialog.username, "minh")
    type_into(add_dialog.passwords.first, "Ha-Noi-mua-thu-9")
    type_into(add_dialog.passwords.second, "Ha-Noi-mua-thu-8")
    add_dialog.ok_button.click()
    assert "passwords differ" in add_dialog.passwords.message.text()
    assert add_dialog.message.text() == ""
    assert add_dialog.passwords.second.hasFocus()


def _shown_whole(label: QLabel) -> bool:
    """The label has the height its wrapped text needs at its width (nothing clipped)."""
    return label.isVisible() and label.height() >= label.heightForWidth(label.width())


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_long_password_reason_is_shown_whole_and_the_fields_keep_their_height(
    add_dialog, qtbot, language
):
    """The reason for a weak password wraps to three lines in Vietnamese: the dialog grows for
    it instead of squashing it to two clipped lines (and the fields above keep their height)."""
    translators = i18n.install_translators(QApplication.instance(), language)
    try:
        add_dialog.resize(add_dialog.minimumSizeHint())  # as small as the dialog opens
        fields = [add_dialog.username, add_dialog.passwords.first, add_dialog.passwords.second]
        heights = [field.height() for field in fields]
        type_into(add_dialog.username, "minh")
        type_into(add_dialog.passwords.first, "Matkhau@2026")
        message = add_dialog.passwords.message
        qtbot.waitUntil(lambda: _shown_whole(message))
        assert message.text().count(" ") > 10  # a long reason, wrapped
        assert [field.height() for field in fields] == heights
    finally:
        i18n.remove_translators(QApplication.instance(), translators)


def test_the_problem_count_follows_the_corrections(open_main_window):
    """After Ctrl+Enter lists N problems, correcting one field says N-1 at once, without
    pressing Complete again."""
    window = open_main_window(OFFICER, pages=(RecordEntryPage,))
    page = window.current_page()
    assert isinstance(page, RecordEntryPage)
    type_here("F3")
    key(Qt.Key_Return)
    for _ in range(50):
        if page.editor is not None:
            break
        QApplication.processEvents()
    editor = page.editor
    key(Qt.Key_Return, Qt.ControlModifier)
    before = int(editor.summary.heading.text().split()[0])
    assert before > 1 and editor.summary.list.count() >= before
    fill("record_place", "Số 7 ngõ 35 phố Giảng Võ")
    key(Qt.Key_Tab)
    after = int(editor.summary.heading.text().split()[0])
    assert after == before - 1
    texts = [editor.summary.list.item(i).text() for i in range(editor.summary.list.count())]
    assert not any("Place of record" in t for t in texts)


def test_print_to_file_from_the_preview_says_pdf_not_printer(
    qtbot, records, page_context, tmp_path
):
    """The print dialog's "Print to file" writes a PDF: the app says "Saved as PDF" and audits a
    PDF, never "Sent to the printer"."""
    record_id = records.make("F6", example_values("F6"), status="completed")
    parent = RecordView(records.catalogue, "en")
    qtbot.addWidget(parent)
    printer = RecordPrinter(page_context, records.catalogue, parent)
    printer.preview(record_id)
    target = printer.preview_printer
    target.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target.setOutputFileName(str(tmp_path / "in-dialog.pdf"))
    printer.dialog.paintRequested.emit(target)
    with qtbot.waitSignal(printer.printed) as said:
        printer.dialog.accept()
    assert said.args[0].startswith("Saved as PDF:")
    with page_context.session.db.read() as conn:
        entries = audit.entries(conn, limit=5, target=record_id)
    printed = [e for e in entries if e.action == AuditAction.RECORD_PRINTED]
    assert printed[0].details["output"] == "pdf"


def test_an_enrolment_without_its_certificate_names_the_field_in_vietnamese(qtbot, services):
    """Issue 15: the enrolment said "Có giá trị không hợp lệ. Không được để trống." without
    saying which value; the headline now names the field, with the word of its label (it said
    "Chứng chỉ CA" beside a field labelled "Chứng thư CA")."""
    translators = i18n.install_translators(QApplication.instance(), "vi")
    try:
        dialog = EnrolDialog(None, services.tasks, "")  # the service is only asked on Check
        qtbot.addWidget(dialog)
        dialog.url.setText("https://trungtam.example.vn")
        dialog.check_button.click()
        shown = dialog.findChild(ErrorDialog)
        assert shown is not None
        [label] = [w for w in dialog.findChildren(QLabel) if w.buddy() is dialog.ca_path]
        field = label.text().replace("&", "").rstrip(":")
        assert field == "Chứng thư CA"  # the headline names the field in the label's words
        assert field in shown.headline.text()
        assert shown.advice.text() == "Không được để trống."
        shown.close()
    finally:
        i18n.remove_translators(QApplication.instance(), translators)
