"""Translations: complete Vietnamese and English catalogues, the same placeholders, Qt's own strings."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop.ui import i18n
from desktop.ui.formats import format_date, format_number, format_timestamp
from desktop.ui.login_window import LoginWindow

ROOT = Path(__file__).resolve().parents[3]
TRANSLATIONS = ROOT / "resources" / "translations"
BIN = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"%(?:\d|n)")


def _messages(path: Path):
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")] or [
                translation.text or ""
            ]
            yield context.findtext("name"), message.findtext("source"), translation, forms


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> Path:
    """The .ts files compiled with pyside6-lrelease into a temporary folder (as `make` does)."""
    out = tmp_path_factory.mktemp("qm")
    for ts in TRANSLATIONS.glob("*.ts"):
        subprocess.run(
            [BIN / "pyside6-lrelease", "-silent", ts, "-qm", out / f"{ts.stem}.qm"], check=True
        )
    return out


@pytest.mark.parametrize("language", ["vi", "en"])
def test_catalogue_covers_every_string_in_the_code(tmp_path, language):
    """lupdate over desktop/ui finds no string without a finished translation."""
    catalogue = tmp_path / f"cax_{language}.ts"
    shutil.copy(TRANSLATIONS / f"cax_{language}.ts", catalogue)
    sources = sorted(str(p) for p in (ROOT / "desktop" / "ui").rglob("*.py"))
    sources.append(str(ROOT / "desktop" / "app.py"))
    subprocess.run(
        [
            BIN / "pyside6-lupdate",
            *sources,
            "-locations",
            "none",
            "-no-obsolete",
            "-silent",
            "-ts",
            catalogue,
        ],
        check=True,
    )
    unfinished = [
        (context, source)
        for context, source, translation, forms in _messages(catalogue)
        if translation.get("type") in ("unfinished", "vanished") or not all(forms)
    ]
    assert unfinished == []


@pytest.mark.parametrize("name", ["cax_vi.ts", "cax_en.ts", "qtbase_vi.ts"])
def test_translations_keep_the_placeholders(name):
    """Every %1, %2 and %n of a source text is in its translation, and nothing else."""
    wrong = [
        (context, source)
        for context, source, _translation, forms in _messages(TRANSLATIONS / name)
        for form in forms
        if form  # a missing translation is the test above's business
        and sorted(set(PLACEHOLDER.findall(form))) != sorted(set(PLACEHOLDER.findall(source)))
    ]
    assert wrong == []


def test_vietnamese_ui_with_qt_strings_translated(qtbot, services, compiled):
    """With the Vietnamese catalogues our strings and Qt's own buttons are Vietnamese."""
    app = QApplication.instance()
    installed = i18n.install_translators(app, "vi", compiled)
    try:
        assert len(installed) == 2
        window = LoginWindow(services.station, services.tasks)
        qtbot.addWidget(window)
        assert window.windowTitle() == "CAX Desk \u2014 đăng nhập"
        assert window.form.submit.text() == "Đăng &nhập"
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        qtbot.addWidget(buttons)
        assert buttons.button(QDialogButtonBox.Cancel).text() == "Hủy"
        window.form._start_countdown(5)
        assert "5 giây" in window.form.countdown.text()
    finally:
        i18n.remove_translators(app, installed)


def test_english_plurals(qtbot, services, compiled):
    """The English catalogue chooses "1 second" and "2 seconds"."""
    app = QApplication.instance()
    installed = i18n.install_translators(app, "en", compiled)
    try:
        window = LoginWindow(services.station, services.tasks)
        qtbot.addWidget(window)
        window.form._start_countdown(1)
        assert window.form.countdown.text().endswith("in 1 second.")
        window.form._start_countdown(2)
        assert window.form.countdown.text().endswith("in 2 seconds.")
    finally:
        i18n.remove_translators(app, installed)


def test_language_choice_order(monkeypatch):
    """--lang wins, then CAX_LANG, then this PC's saved choice; Vietnamese by default."""
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)
    assert i18n.choose_language(None) == "vi"
    assert i18n.choose_language(None, "en") == "en"
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "vi")
    assert i18n.choose_language(None, "en") == "vi"
    assert i18n.choose_language("en", "vi") == "en"
    assert i18n.choose_language("fr", "xx") == "vi"


def test_dates_and_numbers_look_vietnamese():
    """Numbers 1.500.000 and dates dd/mm/yyyy whatever the UI language."""
    assert format_number(1_500_000) == "1.500.000"
    assert format_date(date(2026, 5, 21)) == "21/05/2026"
    assert re.fullmatch(r"\d\d/\d\d/2026 \d\d:\d\d", format_timestamp("2026-05-21T07:03:00+00:00"))
    assert format_timestamp("not a time") == ""
