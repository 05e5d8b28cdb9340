"""What every main-window page is: a key, a title, who may see it, and its state across a lock."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget

from desktop.core.permissions import Permission, Role, allows
from desktop.ui.errors import show_error
from desktop.ui.services import PageContext


class Page(QWidget):
    """Base of the pages in the main window's stack.

    Subclasses set KEY (stable, used in saved state), TITLE (wrapped in QT_TRANSLATE_NOOP with the
    "Pages" context), ICON (a name in resources/icons) and PERMISSION (None: every user). A page is
    built for one unlocked session and thrown away when the station locks; what the user had typed
    but not saved travels across the lock through capture_state() and restore_state(), in memory.
    """

    KEY: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""
    ICON: ClassVar[str] = ""
    PERMISSION: ClassVar[Permission | None] = None

    status_message = Signal(str)  # a short note for the status bar ("User lan added")
    open_requested = Signal(str, object)  # go to page KEY and show what the dict asks (open_with)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName(f"{self.KEY}Page")

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Pages", cls.TITLE)

    @classmethod
    def allowed_for(cls, role: Role) -> bool:
        return cls.PERMISSION is None or allows(role, cls.PERMISSION)

    def page_shown(self) -> None:
        """Called each time the page becomes the current one (refresh what may have changed)."""

    def open_with(self, request: dict[str, Any]) -> None:
        """Show what another page asked for when it sent the user here (e.g. filters)."""

    def capture_state(self) -> dict[str, Any]:
        """Unsaved input to keep across a lock (plain values only; held in memory, never on disk)."""
        return {}

    def restore_state(self, state: dict[str, Any]) -> None:
        """Put back what capture_state() returned, after the same user unlocked."""

    def show_error(self, error: BaseException) -> None:
        show_error(self, error, str(self.context.services.log_file))
