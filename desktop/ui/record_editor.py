"""Typing one record: the form, Save draft (Ctrl+S), Complete (Ctrl+Enter), autosave, problems.

Drafts are saved to the encrypted store every few seconds while something changed, so a killed
process loses at most those seconds. In "amend" mode the record is already completed: there is
no autosave, and saving asks for the reason and writes a new revision.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.errors import ValidationFailed
from desktop.core.permissions import Permission, allows
from desktop.core.placeholders import fill_numbered
from desktop.core.station_time import station_now
from desktop.ui import record_work
from desktop.ui.attachments_panel import AttachmentsDialog
from desktop.ui.reason_dialog import ReasonDialog
from desktop.ui.record_form import RecordFormWidget
from desktop.ui.record_form.editor_base import ERROR_COLOUR, HINT_COLOUR, style_label
from desktop.ui.record_form.summary import ProblemSummary
from desktop.ui.services import PageContext
from domain.forms import Catalogue, FormDefinition
from domain.validation import Code, Override, Problem, Severity, blocking_problems

AUTOSAVE_MS = 5000


class EditMode(StrEnum):
    """How the editor saves: a draft autosaves and can be completed; an amendment of a completed
    or approved record is saved once, with its reason."""

    DRAFT = "draft"
    AMEND = "amend"


DRAFT, AMEND = EditMode.DRAFT, EditMode.AMEND


def problems_from_dicts(items: list[dict[str, Any]]) -> list[Problem]:
    """Problems as ValidationFailed carries them (plain dicts) back into Problem values."""
    return [
        Problem(
            item.get("path", ""),
            Severity(item.get("severity", "error")),
            Code(item["code"]) if item.get("code") in Code.__members__ else Code.RULE_FAILED,
            item.get("params", {}),
            bool(item.get("overridable", False)),
        )
        for item in items
    ]


def initial_values(form: FormDefinition, full_name: str) -> dict[str, Any]:
    """A new record's values: fields marked `ui.prefill: officer` get the user's name."""
    return {f.id: full_name for f in form.fields if f.ui.get("prefill") == "officer" and full_name}


class RecordEditor(QWidget):
    completed = Signal(str, object)  # record id, document number (None for unnumbered forms)
    amended = Signal(str, int)  # record id, new revision
    closed = Signal()

    def __init__(
        self,
        context: PageContext,
        catalogue: Catalogue,
        form: FormDefinition,
        *,
        record_id: str | None = None,
        values: dict[str, Any] | None = None,
        mode: EditMode = DRAFT,
        note: str = "",
        autosave_ms: int = AUTOSAVE_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context, self.catalogue, self.form = context, catalogue, form
        self.record_id, self.mode = record_id, mode
        self.overrides: tuple[Override, ...] = ()
        self.dirty = False
        self.saving = False
        self.busy = False
        language = context.services.language
        station_code = context.station.code
        self.form_widget = RecordFormWidget(
            form,
            values,
            parent=self,
            language=language,
            rules=catalogue.rules,
            station_commune=station_code if len(station_code) == 5 else None,
            law=record_work.law_catalogue(context.session, catalogue),
            records=record_work.record_lookup(context.session, catalogue, form.id),
        )
        role = context.session.user.role
        self.summary = ProblemSummary(
            form,
            self.form_widget.describe,
            language,
            can_override=allows(role, Permission.OVERRIDE_CHECKS),
        )
        self.save_button = QPushButton(self.tr("&Save draft"))
        self.save_button.setToolTip("Ctrl+S")
        self.complete_button = QPushButton(self.tr("&Complete"))
        self.complete_button.setToolTip("Ctrl+Enter")
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setToolTip(self.tr("A draft is saved before it closes."))
        # A draft's files (photos, signed scans) while it is typed; an amended record's files
        # are changed from its view, each change a revision of its own.
        self.attachments_button = QPushButton(self.tr("A&ttachments\u2026"))
        self.attachments_button.setToolTip(self.tr("The draft is saved first."))
        # hide(), never setVisible(True) here: shown before it is in a layout, a parentless
        # button would open as a window of its own and take the keyboard.
        if mode != DRAFT:
            self.attachments_button.hide()
        self.attachments_dialog: AttachmentsDialog | None = None
        self.status = style_label(QLabel(), colour=HINT_COLOUR)
        self.status.setObjectName("editorStatus")
        self._show_status(self.tr("Ctrl+S saves the draft, Ctrl+Enter completes."))
        if mode == AMEND:
            self.save_button.setText(self.tr("&Save amendment\u2026"))
            self._show_status(self.tr("Ctrl+S saves the amendment with its reason."))
            self.complete_button.setVisible(False)
            self.close_button.setText(self.tr("Cancel"))
        # Why the record is being amended (the return comment): in sight while correcting it.
        self.note = style_label(QLabel(note), bold=True, colour=ERROR_COLOUR)
        self.note.setObjectName("editorNote")
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        bar = QHBoxLayout()
        bar.addWidget(self.save_button)
        bar.addWidget(self.complete_button)
        bar.addWidget(self.close_button)
        bar.addWidget(self.attachments_button)
        bar.addSpacing(12)
        bar.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.note)
        layout.addWidget(self.form_widget, 1)
        layout.addWidget(self.summary)
        self.save_button.clicked.connect(self.save_now)
        self.complete_button.clicked.connect(self.complete)
        self.close_button.clicked.connect(self.close_editor)
        self.attachments_button.clicked.connect(self.open_attachments)
        self.summary.path_activated.connect(self.form_widget.focus_path)
        self.summary.override_requested.connect(self._on_summary_override_requested)
        self.form_widget.values_changed.connect(self._on_form_values_changed)
        shortcuts = {
            "Ctrl+S": self.save_now,
            "Ctrl+Return": self.complete,
            "Ctrl+Enter": self.complete,
        }
        for keys, slot in shortcuts.items():
            QShortcut(
                QKeySequence(keys),
                self,
                slot,
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )
        self.autosave = QTimer(self)
        self.autosave.setInterval(autosave_ms)
        self.autosave.timeout.connect(self._on_autosave_timeout)
        if mode == DRAFT:
            self.autosave.start()

    # ---- state --------------------------------------------------------------------------------

    def capture_state(self) -> dict[str, Any]:
        """What the user typed, kept in memory across a lock (never written anywhere else)."""
        return {
            "form_id": self.form.id,
            "record_id": self.record_id,
            "values": self.form_widget.values(),
            "mode": self.mode,
            "note": self.note.text(),
            "dirty": self.dirty,
        }

    def _on_form_values_changed(self) -> None:
        self.dirty = True
        if self.summary.isVisibleTo(self):
            self._refresh_problem_list()

    def _refresh_problem_list(self) -> None:
        # The list shown after "Complete" follows the fields as they are corrected: a count of
        # problems already fixed would contradict the form beside it.
        problems = self.form_widget.problems
        self.summary.show_problems(problems, self.overrides)
        if not blocking_problems(problems, self.overrides):
            self._show_status(self.tr("The problems are corrected: the record can be completed."))

    def _show_status(self, text: str, colour: str = HINT_COLOUR) -> None:
        style_label(self.status, colour=colour)
        self.status.setText(text)

    # ---- saving -------------------------------------------------------------------------------

    def _on_autosave_timeout(self) -> None:
        if self.dirty and not self.saving and not self.busy:
            self._save(automatic=True)

    def save_now(self) -> None:
        """Ctrl+S: save the draft (or, when amending, ask the reason and save the amendment)."""
        if self.busy:
            return
        if self.mode == AMEND:
            self._ask_amend_reason()
        elif not self.saving:
            self.form_widget.commit_focused()
            self._save(automatic=False)

    def _save(self, *, automatic: bool) -> None:
        self.saving, self.dirty = True, False
        self._save_draft(self._on_saved, lambda error: self._on_save_failed(error, automatic))

    def _save_draft(
        self, on_done: Callable[[str], None], on_error: Callable[[BaseException], None]
    ) -> None:
        """Save the form's values as this record's draft off the GUI thread."""
        self.context.tasks.run(
            record_work.save_draft,
            self.context.session,
            self.catalogue,
            self.record_id,
            self.form.id,
            self.form_widget.values(),
            on_done=on_done,
            on_error=on_error,
            context=self,
        )

    def _on_saved(self, record_id: str) -> None:
        self.saving = False
        self.record_id = record_id
        at = station_now().strftime("%H:%M:%S")
        self._show_status(fill_numbered(self.tr("Draft saved at %1."), at))

    def _on_save_failed(self, error: BaseException, automatic: bool) -> None:
        self.saving, self.dirty = False, True  # try again at the next tick
        self._show_status(self.tr("The draft could not be saved."), ERROR_COLOUR)
        if not automatic:
            self.parent_page_error(error)

    def parent_page_error(self, error: BaseException) -> None:
        from desktop.ui.errors import show_error

        show_error(self, error, str(self.context.services.log_file))

    def open_attachments(self) -> None:
        """The draft's files in a dialog; the draft is saved first (a file needs its record)."""
        if self.mode != DRAFT or self.busy or self.saving:
            return
        self.form_widget.commit_focused()
        self.saving, self.dirty = True, False

        def saved(record_id: str) -> None:
            self._on_saved(record_id)
            self.attachments_dialog = AttachmentsDialog(
                self.context, self.catalogue, record_id, self.tr("Attachments"), self
            )
            self.attachments_dialog.open()

        self._save_draft(saved, lambda error: self._on_save_failed(error, False))

    def close_editor(self) -> None:
        """Close: a draft with changes is saved first, so closing never loses anything."""
        if self.mode == DRAFT and self.dirty and not self.busy:
            self._save_draft(lambda _id: self._finish_close(), self.parent_page_error)
            return
        self._finish_close()

    def _finish_close(self) -> None:
        self.autosave.stop()
        self.dirty = False
        self.closed.emit()

    # ---- completing ---------------------------------------------------------------------------

    def complete(self) -> None:
        """Ctrl+Enter: errors are listed and the first one gets the keyboard; else save, complete."""
        if self.mode != DRAFT or self.busy:
            return
        self.form_widget.commit_focused()  # the field being typed in counts as finished
        problems = self.form_widget.check()
        if blocking_problems(problems, self.overrides):
            self._show_problems(problems)
            return
        self.busy = True
        self._set_buttons_enabled(False)
        self._show_status(self.tr("Completing\u2026"))
        self.context.tasks.run(
            record_work.save_and_complete,
            self.context.session,
            self.catalogue,
            self.record_id,
            self.form.id,
            self.form_widget.values(),
            self.overrides,
            on_done=self._on_completed,
            on_error=self._on_complete_failed,
            context=self,
        )

    def _show_problems(self, problems: list[Problem]) -> None:
        self.form_widget.show_problems(problems)
        self.summary.show_problems(problems, self.overrides)
        blocking = blocking_problems(problems, self.overrides)
        self._show_status(
            self.tr("Not completed: correct the problems listed below."), ERROR_COLOUR
        )
        if blocking:
            self.form_widget.focus_path(blocking[0].path)

    def _on_completed(self, result: record_work.Completion) -> None:
        self.busy = False
        self.record_id = result.record_id
        self.dirty = False
        self.autosave.stop()
        self.completed.emit(result.record_id, result.number)

    def _on_complete_failed(self, error: BaseException) -> None:
        self.busy = False
        self._set_buttons_enabled(True)
        if isinstance(error, ValidationFailed):
            self._show_problems(problems_from_dicts(error.params.get("problems", [])))
            return
        self._show_status(self.tr("Not completed."), ERROR_COLOUR)
        self.parent_page_error(error)

    def _set_buttons_enabled(self, enabled: bool) -> None:
        for button in (self.save_button, self.complete_button, self.close_button):
            button.setEnabled(enabled)

    def _on_summary_override_requested(self, problem: Problem) -> None:
        dialog = ReasonDialog(
            self.tr("Accept an error"),
            self.tr("Why is this value right although the check disagrees?"),
            self.tr("&Accept"),
            self,
        )
        dialog.reason_given.connect(lambda reason: self._accept_problem(problem, reason))
        self.dialog = dialog
        dialog.ask()

    def _accept_problem(self, problem: Problem, reason: str) -> None:
        self.overrides = (*self.overrides, Override(problem.path, problem.code, reason))
        self._show_problems(self.form_widget.check())

    # ---- amending -----------------------------------------------------------------------------

    def _ask_amend_reason(self) -> None:
        dialog = ReasonDialog(
            self.tr("Amend the record"),
            self.tr("Why is the record being changed? The reason is kept with the new revision."),
            self.tr("&Save amendment"),
            self,
        )
        dialog.reason_given.connect(self._on_amend_reason_given)
        self.dialog = dialog
        dialog.ask()

    def _on_amend_reason_given(self, reason: str) -> None:
        problems = self.form_widget.check()
        if blocking_problems(problems, ()):
            self._show_problems(problems)
            return
        assert self.record_id is not None
        self.busy = True
        self.context.tasks.run(
            record_work.amend_record,
            self.context.session,
            self.catalogue,
            self.record_id,
            self.form_widget.values(),
            reason,
            on_done=self._on_amended,
            on_error=self._on_complete_failed,
            context=self,
        )

    def _on_amended(self, revision: int) -> None:
        self.busy = False
        assert self.record_id is not None
        self.amended.emit(self.record_id, revision)
