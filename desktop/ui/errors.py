"""Error codes turned into a short headline plus what to do next (texts: the shared catalogue
`desktop/core/error_texts.py`, in the UI's language), and the error dialog."""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass

from PySide6.QtCore import QLocale, Qt
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

from desktop.core import error_texts
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


def ui_language() -> str:
    """The language the UI runs in: `i18n.install_translators` sets the default locale."""
    return "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"


def describe(error: BaseException, log_file: str = "") -> ErrorText:
    """The headline, the advice and the details a user is shown for `error`."""
    # An error may carry a finer code than its class (BundleRefused: the protocol's reason);
    # the class's text covers the codes that have none of their own.
    language = ui_language()
    code = getattr(error, "code", None)
    if isinstance(error, AppError) and code not in error_texts.ERRORS:
        code = type(error).code
    if not isinstance(error, AppError) or code not in error_texts.ERRORS:
        where = {"log": log_file or "cax-desk.log"}
        headline, advice = error_texts.headline_and_advice(INTERNAL_ERROR, where, language)
        return ErrorText(headline, advice, "".join(traceback.format_exception(error)))
    headline, advice = error_texts.headline_and_advice(code, error.params, language)
    shown = {k: v for k, v in error.params.items() if k != "value"}  # never echo what was typed
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
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40)
        )
        self.headline = QLabel(f"<b>{_escape(text.headline)}</b>")
        self.advice = QLabel(text.advice)
        for label in (self.headline, self.advice):
            label.setWordWrap(True)
        self.details_button = QToolButton()
        self.details_button.setText(self.tr("Details"))
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(_arrow(False))
        self.details = QPlainTextEdit(text.details)
        self.details.setReadOnly(True)
        self.details.setVisible(False)
        self.details.setMinimumHeight(160)
        self.details_button.toggled.connect(self._on_details_button_toggled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
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
    return Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow


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
