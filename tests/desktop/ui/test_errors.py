"""Errors shown to users: every code has a translated headline; tracebacks stay folded away."""

from __future__ import annotations

import inspect

from desktop.core import errors as core_errors
from desktop.core.errors import AppError, InvalidInput, LoginThrottled, WeakPassword
from desktop.ui.errors import ErrorDialog, describe

INTERNAL_HEADLINE = "Something went wrong."


def _all_error_classes() -> list[type[AppError]]:
    return [
        cls
        for _, cls in inspect.getmembers(core_errors, inspect.isclass)
        if issubclass(cls, AppError) and cls is not AppError
    ]


def test_every_error_code_has_its_own_headline():
    """No AppError of core falls back to the generic "Something went wrong"."""
    classes = _all_error_classes()
    assert len(classes) >= 20
    generic = [cls.code for cls in classes if describe(cls()).headline == INTERNAL_HEADLINE]
    assert generic == []


def test_parameters_fill_the_text_but_typed_values_are_not_echoed():
    """The minimum length appears in the advice; what the user typed is kept out of the details."""
    weak = describe(WeakPassword(reason="too_short", min_length=8))
    assert weak.advice == "It needs at least 8 characters."
    invalid = describe(InvalidInput(field="username", reason="username_format", value="Bí Mật"))
    assert "Bí Mật" not in invalid.details
    assert "3 to 32 characters" in invalid.advice
    assert describe(LoginThrottled(retry_after=4)).headline == "Too many wrong passwords."


def test_unexpected_error_shows_headline_and_folded_traceback(qtbot):
    """A bug shows a plain headline; its traceback is in Details, folded until asked for."""
    try:
        {}["missing"]
    except KeyError as error:
        text = describe(error, "/tmp/cax-desk.log")
    assert text.headline == INTERNAL_HEADLINE
    assert "/tmp/cax-desk.log" in text.advice
    assert "KeyError" in text.details and "Traceback" in text.details
    dialog = ErrorDialog(text)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.details.isVisible()
    dialog.details_button.click()
    assert dialog.details.isVisible()
    assert "KeyError" in dialog.details.toPlainText()


def test_an_error_with_a_finer_code_falls_back_to_its_class_headline():
    """A refused bundle carries the protocol's reason; the user still reads a clear sentence."""
    from desktop.core.errors import BundleRefused

    text = describe(BundleRefused("RECEIPT_WRONG_STATION"))
    assert text.headline == describe(BundleRefused()).headline != INTERNAL_HEADLINE
    assert text.details.startswith("RECEIPT_WRONG_STATION")
    unwritable = describe(BundleRefused("BUNDLE_FILE_UNWRITABLE", path="/media/usb/x"))
    assert unwritable.headline == "The file cannot be written there."
