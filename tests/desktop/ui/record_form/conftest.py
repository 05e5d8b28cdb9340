"""Fixtures of the form renderer tests: a record form shown in an active window."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from desktop.ui.record_form import RecordFormWidget
from desktop.ui.record_work import shared_catalogue


@pytest.fixture
def show_form(qtbot) -> Callable[..., RecordFormWidget]:
    """Build the form `form_id` with `values`, show it and give it the keyboard."""

    def opener(
        form_id: str, values: dict[str, Any] | None = None, **options: Any
    ) -> RecordFormWidget:
        catalogue = shared_catalogue()
        options.setdefault("language", "en")
        widget = RecordFormWidget(catalogue.get(form_id), values, rules=catalogue.rules, **options)
        qtbot.addWidget(widget)
        widget.resize(900, 700)
        widget.show()
        widget.activateWindow()
        qtbot.waitUntil(widget.isActiveWindow)
        widget.focus_first()
        return widget

    return opener
