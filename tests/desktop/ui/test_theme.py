"""Selected rows stay readable: the app's palette against the colours drawn on a selection."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from desktop import app as desk
from desktop.ui import theme
from desktop.ui.record_form.editor_base import ERROR_COLOUR, HINT_COLOUR


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio: 4.5 is the floor for ordinary text."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def app_palette(qapp):
    before = QPalette(qapp.palette())
    yield qapp
    qapp.setPalette(before)


@pytest.mark.parametrize("group", [QPalette.Active, QPalette.Inactive])
def test_selected_rows_keep_every_text_colour_readable(app_palette, group):
    """On a selected row, the selection's own text, the ordinary dark text that item widgets
    (the form list's labels) keep, the grey hints and the red warnings all reach 4.5:1, with or
    without the keyboard in the list."""
    theme.apply_palette(app_palette)
    palette = app_palette.palette()
    selection = palette.color(group, QPalette.Highlight)
    for text in (
        palette.color(group, QPalette.HighlightedText),
        palette.color(group, QPalette.WindowText),
        palette.color(group, QPalette.Text),
        QColor(HINT_COLOUR),
        QColor(ERROR_COLOUR),
    ):
        assert contrast(text, selection) >= 4.5, (text.name(), selection.name())


def test_the_app_is_built_with_the_palette(app_palette, tmp_path):
    """The composition root sets the palette: every window of the app gets it."""
    app_palette.setPalette(QPalette())
    application = desk.build(tmp_path / "station", "en", threaded=False)
    application.services.idle.stop()
    highlight = QApplication.palette().color(QPalette.Inactive, QPalette.Highlight)
    assert highlight.name() == theme.SELECTION
