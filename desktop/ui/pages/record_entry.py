"""The New record page: the form catalogue, then the chosen form to fill in (Ctrl+S, Ctrl+Enter)."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.permissions import Permission
from desktop.core.placeholders import fill_numbered
from desktop.ui.pages.catalogue_page import CataloguePage
from desktop.ui.record_editor import DRAFT, RecordEditor, initial_values
from desktop.ui.record_form.editor_base import HINT_COLOUR, style_label
from desktop.ui.services import PageContext
from domain.forms import Catalogue, FormDefinition
from domain.vietnamese import fold

FORM_ROLE = Qt.ItemDataRole.UserRole + 1
_DONE_STYLE = "background: #e8f5e9; color: #1b5e20; padding: 8px; border: 1px solid #a5d6a7;"


def _form_html(form: FormDefinition, language: str) -> str:
    """Two lines of the catalogue: the title in bold, then the id and the first legal basis."""
    basis = form.legal_basis.split(";")[0].strip()
    second = " \u00b7 ".join(part for part in (form.id, basis) if part)
    title = escape(form.title.get(language))
    return f"<b>{title}</b><br><span style='color:{HINT_COLOUR}'>{escape(second)}</span>"


class RecordEntryPage(CataloguePage):
    KEY = "new_record"
    TITLE = QT_TRANSLATE_NOOP("Pages", "New record")
    ICON = "new-record"
    PERMISSION = Permission.CREATE_RECORDS

    autosave_ms = 5000  # class attribute so tests can shorten it

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.editor: RecordEditor | None = None
        self._pending_state: dict[str, Any] | None = None
        heading = style_label(QLabel(self.tr("Choose the form to fill in")), points=14, bold=True)
        hint = style_label(
            QLabel(self.tr("Type part of its name (accents optional), then press Enter.")),
            colour=HINT_COLOUR,
        )
        self.search = QLineEdit()
        self.search.setObjectName("formSearch")
        self.search.setPlaceholderText(self.tr("e.g. vi pham, tam vang, F3"))
        self.search.setClearButtonEnabled(True)
        self.forms = QListWidget()
        self.forms.setObjectName("formList")
        self.forms.setSpacing(1)
        self.forms.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.done = QLabel()
        self.done.setObjectName("completedNote")
        self.done.setStyleSheet(_DONE_STYLE)
        self.done.setWordWrap(True)
        self.done.setVisible(False)
        self.catalogue_view = QWidget()
        column = QVBoxLayout(self.catalogue_view)
        column.addWidget(self.done)
        column.addWidget(heading)
        column.addWidget(hint)
        column.addWidget(self.search)
        column.addWidget(self.forms, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.catalogue_view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.installEventFilter(self)
        self.forms.itemActivated.connect(self._on_forms_item_activated)

    # ---- catalogue ----------------------------------------------------------------------------

    def page_shown(self) -> None:
        if self.catalogue is None:
            self._load_catalogue()
        elif self.editor is None:
            self.search.setFocus()

    def _on_catalogue_loaded(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        language = self.context.services.language
        for form in catalogue:
            item = QListWidgetItem()
            item.setData(FORM_ROLE, form.id)
            item.setToolTip(form.legal_basis)
            item.setData(
                Qt.ItemDataRole.UserRole + 2,
                fold(f"{form.id} {form.title.get('vi')} {form.title.get('en')}"),
            )
            label = QLabel(_form_html(form, language))
            label.setContentsMargins(6, 4, 6, 4)
            item.setSizeHint(label.sizeHint())
            self.forms.addItem(item)
            self.forms.setItemWidget(item, label)
        self.forms.setCurrentRow(0)
        if self._pending_state:
            state, self._pending_state = self._pending_state, None
            self._reopen(state)
        elif self.editor is None:
            self.search.setFocus()

    def _on_search_text_changed(self, text: str) -> None:
        words = fold(text).split()
        first = None
        for row in range(self.forms.count()):
            item = self.forms.item(row)
            haystack = item.data(Qt.ItemDataRole.UserRole + 2)
            hidden = not all(word in haystack for word in words)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = row
        if first is not None:
            self.forms.setCurrentRow(first)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The search box drives the list: Up/Down move in it, Enter opens the form.
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self._step(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.forms.currentItem()
                if item is not None and not item.isHidden():
                    self._on_forms_item_activated(item)
                return True
        return False

    def _step(self, step: int) -> None:
        row = self.forms.currentRow() + step
        while 0 <= row < self.forms.count() and self.forms.item(row).isHidden():
            row += step
        if 0 <= row < self.forms.count():
            self.forms.setCurrentRow(row)

    def _on_forms_item_activated(self, item: QListWidgetItem) -> None:
        """Say at once that the form is coming (wait cursor, status note), then build it: the
        timer lets the note be painted before the widgets are made on this thread."""
        form_id = item.data(FORM_ROLE)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.status_message.emit(fill_numbered(self.tr("Opening form %1\u2026"), form_id))
        QTimer.singleShot(0, self, lambda: self._open_with_cue(form_id))

    def _open_with_cue(self, form_id: str) -> None:
        try:
            self.open_form(form_id)
        finally:
            QApplication.restoreOverrideCursor()
        self.status_message.emit("")

    # ---- the editor ---------------------------------------------------------------------------

    def open_form(
        self,
        form_id: str,
        *,
        record_id: str | None = None,
        values: dict[str, Any] | None = None,
    ) -> RecordEditor | None:
        """Show `form_id` to fill in: a new record, or the draft `record_id` with `values`."""
        if self.catalogue is None:
            return None
        form: FormDefinition = self.catalogue.get(form_id)
        if values is None:
            user = self.context.session.user
            values = initial_values(form, user.full_name)
        self._close_editor()
        editor = RecordEditor(
            self.context,
            self.catalogue,
            form,
            record_id=record_id,
            values=values,
            mode=DRAFT,
            autosave_ms=self.autosave_ms,
        )
        editor.completed.connect(self._on_editor_completed)
        editor.closed.connect(self._on_editor_closed)
        self.editor = editor
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        self.done.setVisible(False)
        editor.form_widget.focus_first()
        return editor

    def _close_editor(self) -> None:
        if self.editor is not None:
            self.stack.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None
        self.stack.setCurrentWidget(self.catalogue_view)

    def _on_editor_completed(self, _record_id: str, number: str | None) -> None:
        text = (
            fill_numbered(
                self.tr("Record completed with number %1. It now waits for approval."), number
            )
            if number
            else self.tr("Record completed. It now waits for approval.")
        )
        self._close_editor()
        self.done.setText(text)
        self.done.setVisible(True)
        self.status_message.emit(text)
        self.search.clear()
        self.search.setFocus()

    def _on_editor_closed(self) -> None:
        saved = self.editor is not None and self.editor.record_id is not None
        self._close_editor()
        if saved:
            self.status_message.emit(self.tr("Draft kept; find it under Records."))
        self.search.setFocus()

    # ---- across a lock ------------------------------------------------------------------------

    def capture_state(self) -> dict[str, Any]:
        if self.editor is not None:
            return {"editor": self.editor.capture_state()}
        return dict(self._pending_state or {})

    def restore_state(self, state: dict[str, Any]) -> None:
        if state.get("editor"):
            if self.catalogue is None:
                self._pending_state = state  # reopened as soon as the catalogue is read
                self._load_catalogue()
            else:
                self._reopen(state)

    def _reopen(self, state: dict[str, Any]) -> None:
        saved = state["editor"]
        editor = self.open_form(
            saved["form_id"], record_id=saved.get("record_id"), values=saved.get("values") or {}
        )
        if editor is not None and saved.get("dirty"):
            editor.dirty = (
                True  # typed before the lock but not yet saved: the next autosave saves it
            )
