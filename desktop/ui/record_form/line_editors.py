"""Editors typed on one line or a few: text, numbers, money in đồng, dates with a calendar."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

from desktop.ui.formats import format_number
from desktop.ui.record_form.editor_base import EditorContext, FieldEditor
from domain.forms.model import FieldDefinition, FieldType
from domain.validation import formats


def _blank_to_none(text: str) -> str | None:
    text = text.strip()
    return text or None


class _LineEditor(FieldEditor):
    """One QLineEdit; subclasses say how text becomes a value and back."""

    def __init__(
        self, definition: FieldDefinition, context: EditorContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(definition, context, parent)
        self.line = QLineEdit()
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.line, 1)
        self.setFocusProxy(self.line)
        self.line.textChanged.connect(self.changed)
        self.line.editingFinished.connect(self.commit)

    def focus_target(self) -> QWidget:
        return self.line

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)

    def value(self) -> Any:
        return _blank_to_none(self.line.text())

    def set_value(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))
        # setText leaves the cursor at the end: a value longer than the box showed only its
        # tail ("ết quả kiểm tra … 20/11/2026"), the beginning that says what it is cut off.
        self.line.setCursorPosition(0)


class TextEditor(_LineEditor):
    def __init__(
        self, definition: FieldDefinition, context: EditorContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(definition, context, parent)
        if isinstance(definition.max_length, int):
            self.line.setMaxLength(definition.max_length)
        if definition.uppercase:
            # Shown as it will be stored (seal and serial numbers are upper case).
            self.line.textEdited.connect(self._on_line_text_edited)

    def _on_line_text_edited(self, text: str) -> None:
        if text != text.upper():
            position = self.line.cursorPosition()
            self.line.setText(text.upper())
            self.line.setCursorPosition(position)


class ComputedEditor(_LineEditor):
    """A value worked out from others (amount in words): shown, never typed, skipped by Tab."""

    def __init__(
        self, definition: FieldDefinition, context: EditorContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(definition, context, parent)
        self.line.setReadOnly(True)
        self.line.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        palette = self.line.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor("#f1f1f1"))
        self.line.setPalette(palette)

    def value(self) -> Any:
        return None  # the normaliser recomputes it; a typed copy could only disagree

    def show_computed(self, text: str) -> None:
        self.line.setText(text)

    def set_read_only(self, read_only: bool) -> None:
        """Always read-only."""


class MultilineEditor(FieldEditor):
    """Several lines; Tab leaves the field (it never inserts a tab), Enter starts a new line."""

    def __init__(
        self, definition: FieldDefinition, context: EditorContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(definition, context, parent)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        line = self.text.fontMetrics().lineSpacing()
        self.text.setFixedHeight(line * 5 + 12)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        self.setFocusProxy(self.text)
        self.text.textChanged.connect(self.changed)

    def focus_target(self) -> QWidget:
        return self.text

    def set_read_only(self, read_only: bool) -> None:
        self.text.setReadOnly(read_only)

    def value(self) -> Any:
        return _blank_to_none(self.text.toPlainText())

    def set_value(self, value: Any) -> None:
        self.text.setPlainText("" if value is None else str(value))


def format_decimal(value: int | float) -> str:
    """12.5 → "12,5"; 1500 → "1.500" (Vietnamese marks)."""
    if isinstance(value, int):
        return format_number(value)
    whole, _, fraction = f"{value:.6f}".rstrip("0").partition(".")
    grouped = format_number(int(whole)) if whole not in ("-0", "") else whole
    return f"{grouped},{fraction}" if fraction else grouped


class NumberEditor(_LineEditor):
    """A whole number or a decimal with a comma (12,5); dots group thousands."""

    def __init__(
        self, definition: FieldDefinition, context: EditorContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(definition, context, parent)
        self.line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.line.setMaximumWidth(160)
        self.layout_.addStretch(1)

    def _parse(self, text: str) -> int | float | None:
        if self.definition.type is FieldType.INTEGER:
            return formats.parse_integer(text)
        return formats.parse_decimal(text)

    def value(self) -> Any:
        text = self.line.text().strip()
        parsed = self._parse(text)
        return parsed if parsed is not None else _blank_to_none(text)

    def set_value(self, value: Any) -> None:
        parsed = self._parse(value) if isinstance(value, str) else value
        if isinstance(parsed, int | float) and not isinstance(parsed, bool):
            self.line.setText(format_decimal(parsed))
        else:
            self.line.setText("" if value is None else str(value))

    def commit(self) -> None:
        parsed = self._parse(self.line.text())
        if parsed is not None:
            self.set_value(parsed)


class MoneyEditor(_LineEditor):
    """Whole đồng, grouped as it is typed: 1500000 shows as 1.500.000."""

    def __init__(
        self, definition: FieldDefinition, context: EditorContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(definition, context, parent)
        self.line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.line.setMaximumWidth(200)
        self.layout_.addWidget(QLabel(self.tr("đồng")))
        self.layout_.addStretch(1)
        self.line.textEdited.connect(self._on_line_text_edited)

    def _on_line_text_edited(self, text: str) -> None:
        if not re.fullmatch(r"[\d.\s]*", text):
            return  # something else typed: left alone, validation will say what is wrong
        digits = re.sub(r"\D", "", text)
        grouped = format_number(int(digits)) if digits else ""
        # Keep the cursor after the same number of digits as before the regrouping.
        before = len(re.sub(r"\D", "", text[: self.line.cursorPosition()]))
        self.line.setText(grouped)
        position, seen = 0, 0
        while position < len(grouped) and seen < before:
            seen += grouped[position].isdigit()
            position += 1
        self.line.setCursorPosition(position)

    def value(self) -> Any:
        text = self.line.text().strip()
        parsed = formats.parse_money(text)
        return parsed if parsed is not None else _blank_to_none(text)

    def set_value(self, value: Any) -> None:
        parsed = formats.parse_money(value)
        self.line.setText(format_number(parsed) if parsed is not None else str(value or ""))


class CalendarPopup(QCalendarWidget):
    """A month calendar shown under a date field; Enter or a click picks, Escape closes."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Popup)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.setGridVisible(True)
        self.activated.connect(self._on_self_chosen)
        self.clicked.connect(self._on_self_chosen)

    def _on_self_chosen(self, day: QDate) -> None:
        self.close()
        self.picked.emit(day)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


_PLACEHOLDERS = {
    FieldType.DATE: "dd/mm/yyyy",
    FieldType.PARTIAL_DATE: "dd/mm/yyyy",
    FieldType.DATETIME: "dd/mm/yyyy hh:mm",
}


class DateEditor(_LineEditor):
    """dd/mm/yyyy (or a year alone for dates of birth, or with hh:mm); Alt+Down opens a calendar.

    Typing is free ("5/3/2026", "05032026", "14h30 5/3/2026"); leaving the field shows the date
    in its standard form, or leaves the text for validation to point out.
    """

    def __init__(
        self, definition: FieldDefinition, context: EditorContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(definition, context, parent)
        self.kind = definition.type
        self.line.setPlaceholderText(_PLACEHOLDERS[self.kind])
        self.line.setMaximumWidth(170 if self.kind is FieldType.DATETIME else 130)
        self.calendar: CalendarPopup | None = None
        self.button: QToolButton | None = None
        if self.kind is not FieldType.PARTIAL_DATE:
            self.button = QToolButton()
            self.button.setArrowType(Qt.ArrowType.DownArrow)
            self.button.setToolTip(self.tr("Choose on a calendar (Alt+Down)"))
            # Tab goes field to field; Alt+Down opens.
            self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.button.clicked.connect(self.open_calendar)
            self.layout_.addWidget(self.button)
            self.line.installEventFilter(self)
        self.layout_.addStretch(1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.line
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            alt_down = (
                event.key() == Qt.Key.Key_Down
                and event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return False

    def open_calendar(self) -> None:
        if self.calendar is None:
            self.calendar = CalendarPopup(self)
            self.calendar.picked.connect(self._on_calendar_picked)
        current = self._day()
        if current is not None:
            self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self.calendar.move(self.line.mapToGlobal(QPoint(0, self.line.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def _day(self) -> date | None:
        text = self.line.text().strip()
        moment = formats.parse_datetime(text) if self.kind is FieldType.DATETIME else None
        return moment.date() if moment else formats.parse_date(text.split(" ")[0] if text else "")

    def _on_calendar_picked(self, day: QDate) -> None:
        text = day.toString("dd/MM/yyyy")
        if self.kind is FieldType.DATETIME:
            moment = formats.parse_datetime(self.line.text())
            text += " " + (moment.strftime("%H:%M") if moment else "")
        self.line.setText(text)
        self.line.setFocus()
        self.line.end(False)  # a date and time: the hour is typed next

    def value(self) -> Any:
        text = self.line.text().strip()
        if not text:
            return None
        if self.kind is FieldType.DATE:
            day = formats.parse_date(text)
            return day.isoformat() if day else text
        if self.kind is FieldType.PARTIAL_DATE:
            return formats.parse_partial_date(text) or text
        moment = formats.parse_datetime(text)
        return formats.format_datetime(moment) if moment else text

    def set_value(self, value: Any) -> None:
        self.line.setText(display_moment(self.kind, value))

    def commit(self) -> None:
        text = self.line.text().strip()
        shown = display_moment(self.kind, self.value()) if text else ""
        if shown != self.line.text():
            self.line.setText(shown)


def display_moment(kind: FieldType, value: Any) -> str:
    """A stored date, partial date or date-time as typed in Vietnam; unreadable text unchanged."""
    if value is None:
        return ""
    if kind is FieldType.DATE:
        day = formats.parse_date(value)
        return day.strftime("%d/%m/%Y") if day else str(value)
    if kind is FieldType.PARTIAL_DATE:
        canonical = formats.parse_partial_date(value)
        return "/".join(reversed(canonical.split("-"))) if canonical else str(value)
    moment = formats.parse_datetime(value) if not isinstance(value, datetime) else value
    return moment.strftime("%d/%m/%Y %H:%M") if moment else str(value)
