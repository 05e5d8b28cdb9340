"""The app's few palette choices, set once on the QApplication: readable selected rows everywhere.

Fusion (and most Linux styles) select rows in a saturated blue meant for white text, but several of
our lists draw their rows with their own labels in the ordinary dark or grey text (the New record
page's form list, the navigation's icons and text); on that blue they are unreadable. A light blue
selection keeps dark text, grey hints and red warnings all readable, whether or not the list has
the keyboard (the New record page keeps the keyboard in its search box while its list shows the
current form).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

SELECTION = "#dce9fa"  # light blue: ≥ 4.5:1 against the text and hint colours drawn on it
SELECTION_TEXT = "#0d1b2a"


def apply_palette(app: QApplication) -> None:
    """Selected rows in light blue with dark text, the same with or without the keyboard."""
    palette = app.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, QColor(SELECTION))
        palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor(SELECTION_TEXT))
    app.setPalette(palette)
