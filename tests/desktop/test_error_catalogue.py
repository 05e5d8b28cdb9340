"""One catalogue of error texts for `cax` and the app: every code has Vietnamese and English."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import desktop
import domain
from desktop.core import error_texts
from desktop.core.errors import AppError, BundleRefused, InvalidInput, WeakPassword
from protocol.errors import ErrorCode

_PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)\}")


def _import_all(package) -> None:
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if (
            ".ui" in module.name
            or module.name.endswith(("app", "__main__"))
            or ".render" in module.name
        ):
            continue  # Qt modules: their codes are listed by desktop.ui.errors below
        if ".migrations" in module.name:
            continue
        importlib.import_module(module.name)


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


def station_codes() -> set[str]:
    """Every code an error class of the station's packages raises, plus the UI's own."""
    _import_all(desktop)
    _import_all(domain)
    codes = {cls.code for cls in _subclasses(AppError) if cls.code}
    codes -= {"APP_ERROR"}  # the abstract root; the UI's class takes its code per instance
    from desktop.ui import errors as ui_errors

    return codes | {
        ui_errors.PASSWORDS_DIFFER,
        ui_errors.PASSWORD_REQUIRED,
        ui_errors.INTERNAL_ERROR,
    }


ALL_CODES = sorted(station_codes() | {str(code) for code in ErrorCode} | {"INTERRUPTED"})


def test_the_catalogue_knows_the_classes_of_every_station_package():
    assert {"WRONG_PASSWORD", "USER_REQUIRED", "PASSWORDS_DIFFER", "BUNDLE_REFUSED"} <= set(
        ALL_CODES
    )
    assert len(ALL_CODES) >= 100


@pytest.mark.parametrize("code", ALL_CODES)
def test_every_error_code_has_a_vietnamese_and_an_english_text(code):
    entry = error_texts.ERRORS.get(code)
    assert entry is not None, f"{code} has no text"
    vi, en = entry.line
    assert vi.strip() and en.strip()
    assert vi != en or not re.search(r"[a-z]{3}", vi), "the Vietnamese text is untranslated"
    for pair in (entry.line, entry.headline, entry.advice):
        assert bool(pair[0]) == bool(pair[1]), f"{code}: one language only"
        assert set(_PLACEHOLDER.findall(pair[0])) == set(_PLACEHOLDER.findall(pair[1]))


def test_every_reason_has_both_languages():
    for table in (error_texts.REASONS, error_texts.REASON_ADVICE, error_texts.FIELD_NAMES):
        for key, (vi, en) in table.items():
            assert vi.strip() and en.strip(), key


def test_the_cli_and_the_app_read_the_same_texts():
    from PySide6.QtCore import QLocale

    from desktop.cli.messages import Messages
    from desktop.ui.errors import describe

    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedKingdom))  # the app's English
    try:
        _cli_and_app_agree(Messages, describe)
    finally:
        QLocale.setDefault(previous)


def _cli_and_app_agree(Messages, describe) -> None:

    weak = WeakPassword(reason="too_short", min_length=12)
    assert (
        Messages("vi").app_error(weak)
        == "Lỗi [WEAK_PASSWORD]: Mật khẩu quá yếu: cần ít nhất 12 ký tự."
    )
    headline, advice = error_texts.headline_and_advice("WEAK_PASSWORD", weak.params, "en")
    assert (headline, advice) == (describe(weak).headline, describe(weak).advice)
    assert advice == "It needs at least 12 characters."


def test_an_invalid_value_names_its_field_in_both_languages():
    error = InvalidInput(field="ca", reason="required")
    vi = error_texts.headline_and_advice(error.code, error.params, "vi")
    en = error_texts.headline_and_advice(error.code, error.params, "en")
    assert vi == ("“Chứng thư CA”: giá trị không hợp lệ.", "Không được để trống.")
    assert en == ("“CA certificate”: the value is not valid.", "This field is required.")


def test_every_reason_the_app_explains_has_a_line_for_the_cli_too():
    assert set(error_texts.REASON_ADVICE) <= set(error_texts.REASONS)
    advice = error_texts.headline_and_advice("INVALID_INPUT", {"reason": "negative"}, "vi")[1]
    assert advice == "Không được âm."


def test_a_value_that_looks_like_a_placeholder_is_never_rewritten():
    assert error_texts.fill_numbered("%1 → %2", "a%2b", "c") == "a%2b → c"
    assert (
        error_texts.fill("{username}: {path}", {"username": "{path}", "path": "p"}) == "{path}: p"
    )
    assert error_texts.fill('{{"form": …}} {missing}', {}) == '{"form": …} ?'


def test_a_finer_bundle_code_without_text_falls_back_to_the_class():
    assert error_texts.line("BUNDLE_TAMPERED", {}, "en").startswith("The sync bundle was damaged")
    assert BundleRefused("RECEIPT_WRONG_STATION").code not in error_texts.ERRORS
