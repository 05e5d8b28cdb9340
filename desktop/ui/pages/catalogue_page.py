"""Base of the record pages: they need the form catalogue, and run record work off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.ui import record_work
from desktop.ui.pages.base import Page
from desktop.ui.services import PageContext
from domain.forms import Catalogue


class CataloguePage(Page):
    """A page of records: it needs the form catalogue, read once per process off the GUI thread."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.catalogue: Catalogue | None = None
        self._loading = False

    def _load_catalogue(self) -> None:
        if self._loading:
            return
        self._loading = True
        # Read once per process off the GUI thread: checking ten definitions takes ~0.3 s.
        self.context.tasks.run(
            record_work.shared_catalogue,
            on_done=self._on_catalogue_loaded,
            on_error=self.show_error,
            context=self,
        )

    def _on_catalogue_loaded(self, catalogue: Catalogue) -> None:
        raise NotImplementedError

    def run_record_work(self, work: Callable[..., Any], *args: Any, on_done: Callable) -> None:
        """Run `work(session, catalogue, *args)` off the GUI thread; errors go to show_error()."""
        self.context.tasks.run(
            work,
            self.context.session,
            self.catalogue,
            *args,
            on_done=on_done,
            on_error=self.show_error,
            context=self,
        )
