"""Keyboard focus in dialogs: Tab follows what the eye reads, the cursor starts in the first field.

Qt's Tab order is the order in which widgets got their parent, not where they stand: a helper that
builds its fields early (the new-password pair) or a button box made before the body would put
them first. Dialogs therefore set the order from their layouts once they are built.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLayout, QPushButton, QWidget


def takes_tab_focus(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def fields_of(layout: QLayout) -> list[QWidget]:
    """The widgets of `layout` that Tab stops at, in the layout's own (visual) order."""
    found: list[QWidget] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if (inner := item.layout()) is not None:
            found += fields_of(inner)
            continue
        widget = item.widget()
        if widget is None:
            continue
        if takes_tab_focus(widget):
            found.append(widget)
        elif (own := widget.layout()) is not None:  # a container or button box: its widgets
            found += fields_of(own)
    return found


def set_tab_order(widgets: Sequence[QWidget]) -> None:
    """Tab walks `widgets` in this order (and Shift+Tab back)."""
    for before, after in pairwise(widgets):
        QWidget.setTabOrder(before, after)


def order_from_layout(layout: QLayout | None, *after: QWidget) -> list[QWidget]:
    """Set the Tab order to the fields of `layout` (a widget's, None if it has none) then `after`
    (the buttons); returns it."""
    fields = fields_of(layout) if layout is not None else []
    order = fields + [w for w in after if takes_tab_focus(w)]
    set_tab_order(order)
    return order


def first_field(widgets: Iterable[QWidget]) -> QWidget | None:
    """The first visible, enabled widget that is not a button: where typing should start."""
    for widget in widgets:
        if isinstance(widget, QAbstractButton):
            continue
        if widget.isEnabled() and not widget.isHidden():
            return widget
    return None


def no_auto_default(*buttons: QAbstractButton) -> None:
    """Secondary buttons never become the default: Enter in a field keeps meaning OK."""
    for button in buttons:
        if isinstance(button, QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
