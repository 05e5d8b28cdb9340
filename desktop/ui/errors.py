"""Error codes turned into a short translated headline plus what to do next, and the error dialog."""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import AppError

log = logging.getLogger(__name__)

# Codes the UI raises itself (not in core): checks done before anything reaches storage.
PASSWORDS_DIFFER = "PASSWORDS_DIFFER"
PASSWORD_REQUIRED = "PASSWORD_REQUIRED"
INTERNAL_ERROR = "INTERNAL_ERROR"


class UiError(AppError):
    """An error found by the UI itself; `code` is given per instance."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        super().__init__(**params)


@dataclass(frozen=True)
class ErrorText:
    headline: str
    advice: str
    details: str


def _t(text: str) -> str:
    return QCoreApplication.translate("Errors", text) if text else ""


# Code → (headline, what to do next), translated when shown so the current language applies.
_HEADLINES: dict[str, tuple[str, str]] = {
    "STATION_NOT_FOUND": (
        QT_TRANSLATE_NOOP("Errors", "There is no station here yet."),
        QT_TRANSLATE_NOOP("Errors", "Set up the station first."),
    ),
    "STATION_EXISTS": (
        QT_TRANSLATE_NOOP("Errors", "A station is already set up in this folder."),
        QT_TRANSLATE_NOOP("Errors", "Log in to it, or choose another folder."),
    ),
    "UNKNOWN_UNIT": (
        QT_TRANSLATE_NOOP("Errors", "This code is not a commune, ward or special zone."),
        QT_TRANSLATE_NOOP("Errors", "Choose the commune from the list."),
    ),
    "UNIT_WITHOUT_POLICE": (
        QT_TRANSLATE_NOOP("Errors", "This special zone has no commune police station."),
        QT_TRANSLATE_NOOP("Errors", "Choose the commune, ward or special zone of your station."),
    ),
    "WRONG_PASSWORD": (
        QT_TRANSLATE_NOOP("Errors", "Wrong password."),
        QT_TRANSLATE_NOOP("Errors", "Check Caps Lock and the keyboard language."),
    ),
    "UNKNOWN_USER": (
        QT_TRANSLATE_NOOP("Errors", "There is no user \u201c%1\u201d at this station."),
        QT_TRANSLATE_NOOP("Errors", "Check the spelling, or ask the supervisor."),
    ),
    "USER_REMOVED": (
        QT_TRANSLATE_NOOP("Errors", "The user \u201c%1\u201d has been removed from this station."),
        QT_TRANSLATE_NOOP("Errors", "Ask the supervisor if this is a mistake."),
    ),
    "USER_EXISTS": (
        QT_TRANSLATE_NOOP("Errors", "The user name \u201c%1\u201d is already taken."),
        QT_TRANSLATE_NOOP("Errors", "Choose another user name; a removed user's name stays taken."),
    ),
    "LOGIN_THROTTLED": (
        QT_TRANSLATE_NOOP("Errors", "Too many wrong passwords."),
        QT_TRANSLATE_NOOP("Errors", "Wait until the countdown ends, then try again."),
    ),
    "WRONG_RECOVERY_KEY": (
        QT_TRANSLATE_NOOP("Errors", "The recovery key is not correct."),
        QT_TRANSLATE_NOOP(
            "Errors", "Type the 32 characters exactly as written on the recovery sheet."
        ),
    ),
    "KEYFILE_UNREADABLE": (
        QT_TRANSLATE_NOOP("Errors", "The station's key file cannot be read."),
        QT_TRANSLATE_NOOP(
            "Errors", "Restore the station folder from a backup, or call technical support."
        ),
    ),
    "ROLE_TAMPERED": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "This user's role or keys do not match what the station's supervisors signed:"
            " someone edited the station's data. Nothing is granted.",
        ),
        QT_TRANSLATE_NOOP(
            "Errors", "Tell the station chief, and leave the station folder as it is."
        ),
    ),
    "KEYFILE_TAMPERED": (
        QT_TRANSLATE_NOOP("Errors", "The station's key file is damaged or was altered."),
        QT_TRANSLATE_NOOP(
            "Errors", "Restore the station folder from a backup, or call technical support."
        ),
    ),
    "DATABASE_CORRUPT": (
        QT_TRANSLATE_NOOP("Errors", "The station database is damaged."),
        QT_TRANSLATE_NOOP(
            "Errors", "Nothing was overwritten. Restore from a backup, or call technical support."
        ),
    ),
    "DATABASE_LOCKED": (
        QT_TRANSLATE_NOOP("Errors", "The station database is busy."),
        QT_TRANSLATE_NOOP("Errors", "Close other CAX Desk windows and try again."),
    ),
    "DATABASE_TOO_NEW": (
        QT_TRANSLATE_NOOP("Errors", "This station was used with a newer CAX Desk."),
        QT_TRANSLATE_NOOP("Errors", "Install the newer version of CAX Desk."),
    ),
    "PERMISSION_DENIED": (
        QT_TRANSLATE_NOOP("Errors", "You are not allowed to do this."),
        QT_TRANSLATE_NOOP("Errors", "Ask a supervisor."),
    ),
    "INVALID_INPUT": (
        QT_TRANSLATE_NOOP("Errors", "A value is not valid."),
        QT_TRANSLATE_NOOP("Errors", "Correct it and try again."),
    ),
    "WEAK_PASSWORD": (
        QT_TRANSLATE_NOOP("Errors", "The password is too weak."),
        QT_TRANSLATE_NOOP("Errors", "Choose a longer password."),
    ),
    "LAST_SUPERVISOR": (
        QT_TRANSLATE_NOOP("Errors", "The station must keep at least one supervisor."),
        QT_TRANSLATE_NOOP("Errors", "Make another user a supervisor first."),
    ),
    "UNKNOWN_FORM": (
        QT_TRANSLATE_NOOP("Errors", "This form is not known."),
        QT_TRANSLATE_NOOP("Errors", "Update CAX Desk."),
    ),
    "RECORD_NOT_FOUND": (
        QT_TRANSLATE_NOOP("Errors", "The record was not found."),
        QT_TRANSLATE_NOOP("Errors", "Refresh the list."),
    ),
    "RECORD_STATE": (
        QT_TRANSLATE_NOOP("Errors", "The record cannot be changed in its current state."),
        QT_TRANSLATE_NOOP("Errors", "Amend it with a reason instead."),
    ),
    "SELF_APPROVAL": (
        QT_TRANSLATE_NOOP("Errors", "You cannot approve your own record."),
        QT_TRANSLATE_NOOP("Errors", "Another supervisor of the station must approve it."),
    ),
    "REASON_REQUIRED": (
        QT_TRANSLATE_NOOP("Errors", "A reason is required."),
        QT_TRANSLATE_NOOP("Errors", "Write the reason and try again."),
    ),
    "VALIDATION_FAILED": (
        QT_TRANSLATE_NOOP("Errors", "The form has problems."),
        QT_TRANSLATE_NOOP("Errors", "Correct the fields marked in red."),
    ),
    "BACKUP_DAMAGED": (
        QT_TRANSLATE_NOOP("Errors", "The backup file is damaged or is not a CAX Desk backup."),
        QT_TRANSLATE_NOOP(
            "Errors", "Nothing was changed. Use another backup, or copy the file again."
        ),
    ),
    "BACKUP_OTHER_STATION": (
        QT_TRANSLATE_NOOP("Errors", "This backup belongs to another station."),
        QT_TRANSLATE_NOOP(
            "Errors", "Nothing was changed. Choose this station's backup, or ask technical support."
        ),
    ),
    "CURRENT_LOGIN_REQUIRED": (
        QT_TRANSLATE_NOOP(
            "Errors", "Replacing this station needs the password of one of its supervisors."
        ),
        QT_TRANSLATE_NOOP("Errors", "Nothing was changed. Type your current password."),
    ),
    "REPORT_NOT_FOUND": (
        QT_TRANSLATE_NOOP("Errors", "The report was not found."),
        QT_TRANSLATE_NOOP("Errors", "Refresh the list."),
    ),
    "REPORT_SUBMITTED": (
        QT_TRANSLATE_NOOP("Errors", "The report was submitted and can no longer change."),
        QT_TRANSLATE_NOOP("Errors", "Its figures and text stay as they were submitted."),
    ),
    "SYNC_NOT_ENROLLED": (
        QT_TRANSLATE_NOOP("Errors", "The station is not enrolled with the centre yet."),
        QT_TRANSLATE_NOOP("Errors", "A supervisor enrols it on the Sync page."),
    ),
    "SERVER_UNREACHABLE": (
        QT_TRANSLATE_NOOP("Errors", "The centre's server cannot be reached."),
        QT_TRANSLATE_NOOP(
            "Errors", "Nothing is lost: records wait here and are sent when the network is back."
        ),
    ),
    "SERVER_UNAVAILABLE": (
        QT_TRANSLATE_NOOP("Errors", "The centre's server is busy or under maintenance."),
        QT_TRANSLATE_NOOP("Errors", "Nothing is lost: try again later."),
    ),
    "TLS_UNTRUSTED": (
        QT_TRANSLATE_NOOP("Errors", "The server's certificate is not the one this station trusts."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Nothing was sent. The network may be redirected, or the centre changed its "
            "certificate: ask the centre before enrolling again.",
        ),
    ),
    "INSECURE_TRANSPORT": (
        QT_TRANSLATE_NOOP("Errors", "The server's address is not encrypted (http)."),
        QT_TRANSLATE_NOOP(
            "Errors", "Nothing was sent. Use the https:// address the centre gave you."
        ),
    ),
    "CERTIFICATE_INVALID": (
        QT_TRANSLATE_NOOP("Errors", "The file is not a certificate (PEM)."),
        QT_TRANSLATE_NOOP("Errors", "Choose the CA certificate file the centre gave you."),
    ),
    "ENROLMENT_CODE_INVALID": (
        QT_TRANSLATE_NOOP("Errors", "The enrolment code is wrong, used or expired."),
        QT_TRANSLATE_NOOP("Errors", "Ask the centre for a new code."),
    ),
    "DEVICE_NOT_AUTHORISED": (
        QT_TRANSLATE_NOOP("Errors", "The centre no longer accepts this computer."),
        QT_TRANSLATE_NOOP("Errors", "Records wait here. Ask the centre, then enrol again."),
    ),
    "STATION_MISMATCH": (
        QT_TRANSLATE_NOOP("Errors", "The code belongs to another station."),
        QT_TRANSLATE_NOOP("Errors", "Nothing was changed. Ask the centre for this station's code."),
    ),
    "SERVER_REFUSED": (
        QT_TRANSLATE_NOOP("Errors", "The centre's server refused the request."),
        QT_TRANSLATE_NOOP("Errors", "Nothing is lost. If it happens again, tell the centre."),
    ),
    "AUDIT_ROLLBACK": (
        QT_TRANSLATE_NOOP(
            "Errors", "The centre refused the sync: this station's audit log went back."
        ),
        QT_TRANSLATE_NOOP(
            "Errors",
            "No record was sent. If a backup was restored here, a supervisor must declare the"
            " restore on this page; otherwise tell the centre.",
        ),
    ),
    "AUDIT_FORK": (
        QT_TRANSLATE_NOOP(
            "Errors",
            "The centre refused the sync: this station's audit log no longer matches the centre's.",
        ),
        QT_TRANSLATE_NOOP("Errors", "No record was sent. Tell the centre."),
    ),
    "RESTORE_DECLARATION_INVALID": (
        QT_TRANSLATE_NOOP("Errors", "The centre refused the restore declaration."),
        QT_TRANSLATE_NOOP("Errors", "No record was sent. Tell the centre."),
    ),
    "ANSWER_SIGNATURE_INVALID": (
        QT_TRANSLATE_NOOP("Errors", "The answer did not come from the centre's server."),
        QT_TRANSLATE_NOOP(
            "Errors", "Nothing was taken from it; records still wait. Tell the centre."
        ),
    ),
    "SYNC_RUNNING": (
        QT_TRANSLATE_NOOP("Errors", "A sync is already running."),
        QT_TRANSLATE_NOOP("Errors", "Wait for it to finish."),
    ),
    "BUNDLE_FILE_UNREADABLE": (
        QT_TRANSLATE_NOOP("Errors", "The file cannot be read."),
        QT_TRANSLATE_NOOP("Errors", "Check the USB stick and choose the file again."),
    ),
    "BUNDLE_FILE_UNWRITABLE": (
        QT_TRANSLATE_NOOP("Errors", "The file cannot be written there."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Nothing was lost. Check that the USB stick is in and not full, or choose another place.",
        ),
    ),
    "FILE_UNWRITABLE": (
        QT_TRANSLATE_NOOP("Errors", "The file cannot be written there."),
        QT_TRANSLATE_NOOP(
            "Errors", "Nothing was recorded. Choose another folder, or check the USB stick."
        ),
    ),
    "PRINTING_UNAVAILABLE": (
        QT_TRANSLATE_NOOP("Errors", "Printing is not available here."),
        QT_TRANSLATE_NOOP("Errors", "Print from the CAX Desk window."),
    ),
    "BUNDLE_REFUSED": (
        QT_TRANSLATE_NOOP("Errors", "The file is damaged, altered or not meant for this station."),
        QT_TRANSLATE_NOOP("Errors", "Nothing was changed. Bring the file again."),
    ),
    PASSWORDS_DIFFER: (
        QT_TRANSLATE_NOOP("Errors", "The two passwords differ."),
        QT_TRANSLATE_NOOP("Errors", "Type the same password twice."),
    ),
    PASSWORD_REQUIRED: (QT_TRANSLATE_NOOP("Errors", "Type the password."), ""),
    INTERNAL_ERROR: (
        QT_TRANSLATE_NOOP("Errors", "Something went wrong."),
        QT_TRANSLATE_NOOP(
            "Errors",
            "Data already saved is not affected. If it happens again, tell the supervisor;"
            " the details are in the log file %1.",
        ),
    ),
}


_REASONS: dict[str, str] = {
    "too_short": QT_TRANSLATE_NOOP("Errors", "It needs at least %1 characters."),
    "too_simple": QT_TRANSLATE_NOOP("Errors", "It uses too few different characters."),
    "common": QT_TRANSLATE_NOOP(
        "Errors",
        "It is one of the most used passwords, or only a name, word or date with a few digits."
        " Use a phrase of several words.",
    ),
    "contains_username": QT_TRANSLATE_NOOP("Errors", "It must not contain the user name."),
    "username_format": QT_TRANSLATE_NOOP(
        "Errors", "User names have 3 to 32 characters: a–z, 0–9, dot, dash or underscore."
    ),
    "recovery_key_format": QT_TRANSLATE_NOOP(
        "Errors", "A recovery key has 32 letters and digits in 8 groups."
    ),
    "required": QT_TRANSLATE_NOOP("Errors", "This field is required."),
    "url": QT_TRANSLATE_NOOP("Errors", "Write the address as https://name.of.server[:port]."),
    "file": QT_TRANSLATE_NOOP("Errors", "The file cannot be read."),
    "period_format": QT_TRANSLATE_NOOP(
        "Errors", "Write the period as 2026-10, 2026-Q3, 2026-H1, 2026-9M, 2026 or 2026-W42."
    ),
    "period_order": QT_TRANSLATE_NOOP("Errors", "The end date is before the start date."),
    "exceeds_total": QT_TRANSLATE_NOOP("Errors", "A part cannot be more than its total."),
    "too_long": QT_TRANSLATE_NOOP("Errors", "The text is too long."),
}


def describe(error: BaseException, log_file: str = "") -> ErrorText:
    """The headline, the advice and the details a user is shown for `error`."""
    # An error may carry a finer code than its class (BundleRefused: the protocol's reason);
    # the class's headline covers the codes that have none of their own.
    code = getattr(error, "code", None)
    if isinstance(error, AppError) and code not in _HEADLINES:
        code = type(error).code
    if not isinstance(error, AppError) or code not in _HEADLINES:
        headline, advice = (_t(text) for text in _HEADLINES[INTERNAL_ERROR])
        details = "".join(traceback.format_exception(error))
        return ErrorText(headline, advice.replace("%1", log_file or "cax-desk.log"), details)
    params = error.params
    headline, advice = (_t(text) for text in _HEADLINES[code])
    value = str(params.get("username", params.get("retry_after", "")))
    headline = headline.replace("%1", value)
    reason = _t(_REASONS.get(str(params.get("reason", "")), ""))
    if reason:
        advice = reason.replace("%1", str(params.get("min_length", "")))
    shown = {k: v for k, v in params.items() if k != "value"}  # never echo what was typed
    details = error.code + (f" {shown}" if shown else "")
    return ErrorText(headline, advice, details)


def inline_message(error: BaseException) -> str:
    """One line for a label beside the form: headline and advice together."""
    text = describe(error)
    return f"{text.headline} {text.advice}".strip()


class ErrorDialog(QDialog):
    """The headline, what to do next, and the technical details folded away."""

    def __init__(self, text: ErrorText, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("CAX Desk \u2014 Error"))
        self.setMinimumWidth(460)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.SP_MessageBoxWarning).pixmap(40, 40))
        self.headline = QLabel(f"<b>{_escape(text.headline)}</b>")
        self.advice = QLabel(text.advice)
        for label in (self.headline, self.advice):
            label.setWordWrap(True)
        self.details_button = QToolButton()
        self.details_button.setText(self.tr("Details"))
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(_arrow(False))
        self.details = QPlainTextEdit(text.details)
        self.details.setReadOnly(True)
        self.details.setVisible(False)
        self.details.setMinimumHeight(160)
        self.details_button.toggled.connect(self._on_details_button_toggled)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok)
        buttons.accepted.connect(self.accept)

        top = QHBoxLayout()
        top.addWidget(icon, 0)
        texts = QVBoxLayout()
        texts.addWidget(self.headline)
        texts.addWidget(self.advice)
        top.addLayout(texts, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_button)
        layout.addWidget(self.details)
        layout.addWidget(buttons)

    def _on_details_button_toggled(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setArrowType(_arrow(shown))
        self.adjustSize()


def _arrow(open_: bool) -> Qt.ArrowType:
    return Qt.DownArrow if open_ else Qt.RightArrow


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def show_error(parent: QWidget | None, error: BaseException, log_file: str = "") -> ErrorDialog:
    """Log `error` and show it in a modal dialog (unexpected ones with their traceback)."""
    if isinstance(error, AppError):
        log.info("shown to the user: %s", error)
    else:
        log.error("unexpected error", exc_info=error)
    dialog = ErrorDialog(describe(error, log_file), parent)
    if parent is None:
        # Nothing owns a window-less dialog: keep it alive until it is closed.
        _unowned.add(dialog)
        dialog.finished.connect(lambda _result: _unowned.discard(dialog))
    dialog.open()
    return dialog


_unowned: set[ErrorDialog] = set()
