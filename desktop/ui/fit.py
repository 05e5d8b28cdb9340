"""A dialog that grows when a message appears in it, so the message is read whole.

Qt lays out a visible window inside the size it already has: a wrapped message shown after the
window opened (a refused password, a failed OK) gets what is left, a line or two, and is clipped
mid-word, its accents cut off. Qt does not grow a window for a label's height-for-width by itself.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def grow_to_fit(widget: QWidget) -> None:
    """Make `widget`'s window tall enough for its layout at its present width; never shrink it."""
    window = widget.window()
    layout = window.layout()
    if layout is None or not window.isVisible():
        return  # a hidden window is laid out from scratch when it is shown
    layout.activate()
    width = window.width()
    needed = layout.totalMinimumSize().height()
    if layout.hasHeightForWidth():
        needed = max(needed, layout.totalHeightForWidth(width))
    if needed > window.height():
        window.resize(width, needed)
