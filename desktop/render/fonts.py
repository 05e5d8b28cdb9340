"""The typeface of printed documents: Times New Roman (NĐ 30/2020), else the bundled Liberation Serif."""

from __future__ import annotations

import functools
import logging

from PySide6.QtGui import QFont, QFontDatabase

from desktop.paths import resource_path

log = logging.getLogger(__name__)

# NĐ 30/2020 Annex I prescribes Times New Roman. Windows has it; Linux stations usually do not, so
# Liberation Serif (SIL OFL, metric-compatible: same widths, so lines break where Word breaks them,
# with every Vietnamese glyph) ships in resources/fonts and is registered when first needed.
PREFERRED_FAMILY = "Times New Roman"
BUNDLED_FAMILY = "Liberation Serif"
BUNDLED_FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
)
BODY_POINTS = 13  # body text 13–14 pt (Annex I)


@functools.cache
def document_family() -> str:
    """Times New Roman when the system has it, else the bundled Liberation Serif (loaded once).

    Needs a QGuiApplication (see `headless.ensure_gui_application`).
    """
    if PREFERRED_FAMILY in QFontDatabase.families():
        return PREFERRED_FAMILY
    for name in BUNDLED_FILES:
        path = resource_path("fonts", name)
        if QFontDatabase.addApplicationFont(str(path)) < 0:
            log.warning("could not load the bundled font %s", path)
    return BUNDLED_FAMILY


def document_font(points: float = BODY_POINTS) -> QFont:
    font = QFont(document_family())
    font.setPointSizeF(points)
    # Never let Qt substitute a sans font glyph by glyph: the family has every Vietnamese letter.
    font.setStyleHint(QFont.StyleHint.Serif)
    return font
