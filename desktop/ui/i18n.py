"""Which language the UI speaks, and installing its translators (ours and Qt's own)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.paths import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
LANGUAGE_ENV = "CAX_LANG"


def translations_dir() -> Path:
    return resource_path("translations")


def choose_language(explicit: str | None, stored: str | None = None) -> str:
    """--lang wins, then $CAX_LANG, then this PC's saved choice; Vietnamese otherwise.

    The system LANG is deliberately ignored: station PCs often run an English Windows.
    """
    for candidate in (explicit, os.environ.get(LANGUAGE_ENV), stored):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE


def ui_locale(language: str) -> QLocale:
    if language == "vi":
        return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
    # dd/mm/yyyy like Vietnamese
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def install_translators(
    app: QCoreApplication, language: str, directory: Path | None = None
) -> list[QTranslator]:
    """Load CAX Desk's and Qt's catalogues for `language`; returns them (keep them alive)."""
    QLocale.setDefault(ui_locale(language))
    directory = directory or translations_dir()
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(f"cax_{language}", str(directory)):
        installed.append(ours)
    elif language != "en":
        log.warning("no translation cax_%s.qm in %s: the UI stays in English", language, directory)
    qt = QTranslator(app)
    # Qt ships no Vietnamese catalogue, so ours (qtbase_vi) covers the dialogs CAX Desk shows.
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_dir) or qt.load(f"qtbase_{language}", str(directory)):
        installed.append(qt)
    for translator in installed:
        app.installTranslator(translator)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
