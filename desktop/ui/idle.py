"""Noticing that nobody has touched the keyboard or mouse for a while (for auto-lock)."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QMouseEvent, QTouchEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

# Input events by class: this filter sees every event of the app (tens of thousands while a
# form is built), and an isinstance test is far cheaper than turning event.type() into an enum.
_ACTIVITY = (
    QKeyEvent,
    QMouseEvent,
    QWheelEvent,
    QTouchEvent,
    QInputMethodEvent,  # Unikey/Telex typing arrives as input-method events
)


class IdleWatcher(QObject):
    """Emits `idle` once after `timeout_ms` without user input, while started."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_ms = timeout_ms
        self._last = time.monotonic()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._installed = False

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def set_timeout_minutes(self, minutes: int) -> None:
        self.set_timeout_ms(minutes * 60_000)

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self.timeout_ms = timeout_ms
        if self.active:
            self.start()

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._last = time.monotonic()
        # Check a few times per period: a lock at most a quarter-period late, and cheap.
        self._timer.start(max(50, min(self.timeout_ms // 4, 15_000)))

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, _ACTIVITY):
            self._last = time.monotonic()
        return False

    def _on_timer_timeout(self) -> None:
        if (time.monotonic() - self._last) * 1000 >= self.timeout_ms:
            self.stop()
            self.idle.emit()
