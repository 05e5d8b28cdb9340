"""The record form built at run time from a form definition: values in and out, live conditions,
problems beside their fields, and the keyboard moving field to field."""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.record_form.editor_base import (
    ERROR_COLOUR,
    HINT_COLOUR,
    EditorContext,
    FieldEditor,
    SubPanel,
    style_label,
)
from desktop.ui.record_form.editors import create_editor
from desktop.ui.record_form.group_editor import GroupEditor, RowDialog
from desktop.ui.record_form.messages import describe_problem
from desktop.ui.record_form.options import OptionModels
from desktop.ui.record_form.panel import FieldsPanel
from desktop.ui.record_form.paths import is_under, split_path
from domain.forms.evaluation import EvalContext, RecordLookup, Scope, holds
from domain.forms.model import FormDefinition, LawCheck
from domain.forms.rules import Rules, default_rules
from domain.law import Catalogue, default_catalogue
from domain.reference import ReferenceData, default_reference
from domain.validation import Problem, check_record
from domain.validation.formats import VN_TZ
from domain.validation.normalize import normalize_values

log = logging.getLogger(__name__)


def local_now() -> datetime:
    """Wall-clock time in Vietnam (UTC+7), as records store it."""
    return datetime.now(VN_TZ).replace(tzinfo=None)


class RecordFormWidget(QWidget):
    """Edits one record of `form`. Problems of a field show once the user has left it (or all of
    them after `show_problems`); Tab and Enter go to the next field, hidden ones are skipped."""

    values_changed = Signal()
    problems_changed = Signal(list)  # every current problem (shown or not yet)

    def __init__(
        self,
        form: FormDefinition,
        values: dict[str, Any] | None = None,
        reference: ReferenceData | None = None,
        parent: QWidget | None = None,
        *,
        language: str = "vi",
        rules: Rules | None = None,
        station_commune: str | None = None,
        clock: Callable[[], datetime] = local_now,
        law: Catalogue | None = None,
        records: RecordLookup | None = None,
    ) -> None:
        super().__init__(parent)
        self.form, self.language = form, language
        self.reference = reference or default_reference()
        self.rules = rules or default_rules()
        self.station_commune, self._clock = station_commune, clock
        self.law = law or default_catalogue()  # the station's catalogue in force
        self.records = records  # the station's records, for `record_link` checks (F6 → F10)
        self.problems: list[Problem] = []
        self.visited: set[str] = set()
        self.show_all = False
        self.read_only = False
        self._loading = False
        self._refreshing = False
        self.context = EditorContext(
            language=language,
            reference=self.reference,
            option_models=OptionModels(language, self.reference, self, law=self.law),
            evaluation=self.evaluation,
            describe=self.describe,
            make_editor=create_editor,
            law_day_of={c.entry: c.on for c in form.checks if isinstance(c, LawCheck)},
        )
        self.sections: list[tuple[Any, QWidget, FieldsPanel]] = []
        self.general = QLabel()
        self.general.setWordWrap(True)
        self.general.setVisible(False)
        self.scroll_area = QScrollArea()  # not `scroll`: QWidget.scroll() is a method
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self._build_body())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.general)
        layout.addWidget(self.scroll_area, 1)
        for editor in self.editors():
            if isinstance(editor, GroupEditor):
                editor.checker = self._row_checker(editor)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)  # once per burst of changes, after the event settles
        self._refresh_timer.timeout.connect(self._refresh)
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # widgets exist only under a QApplication
        app.focusChanged.connect(self._on_app_focus_changed)
        self.set_values(values or {})

    def _build_body(self) -> QWidget:
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(12, 8, 16, 24)
        title = style_label(QLabel(self.form.title.get(self.language)), points=15, bold=True)
        title.setObjectName("formTitle")
        title.setWordWrap(True)
        column.addWidget(title)
        if self.form.legal_basis:
            basis = style_label(QLabel(self.form.legal_basis), colour=HINT_COLOUR)
            basis.setWordWrap(True)
            column.addWidget(basis)
        for section in self.form.sections:
            frame = QWidget()
            inner = QVBoxLayout(frame)
            inner.setContentsMargins(0, 14, 0, 0)
            heading = style_label(
                QLabel(section.title.get(self.language)), points=12.5, bold=True, colour="#1a3c6e"
            )
            rule = QFrame()
            rule.setFrameShape(QFrame.Shape.HLine)
            rule.setFrameShadow(QFrame.Shadow.Sunken)
            inner.addWidget(heading)
            inner.addWidget(rule)
            panel = FieldsPanel(section.fields, "", self.context, scope_names=self.form.names)
            panel.changed.connect(self._on_panel_changed)
            inner.addWidget(panel)
            column.addWidget(frame)
            self.sections.append((section, frame, panel))
        column.addStretch(1)
        return body

    # ---- values -------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The record's values as they would be stored (hidden fields and empty blocks left out)."""
        values: dict[str, Any] = {}
        for _section, frame, panel in self.sections:
            if not frame.isHidden():
                values.update(panel.values())
        return values

    def all_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for _section, _frame, panel in self.sections:
            values.update(panel.all_values())
        return values

    def set_values(self, values: dict[str, Any]) -> None:
        """Show these values (stored or typed form); this is not a change, so no values_changed."""
        self._loading = True
        try:
            for _section, _frame, panel in self.sections:
                panel.set_values(values)
            self._refresh()
        finally:
            self._loading = False

    def editors(self) -> Iterator[FieldEditor]:
        """Every editor, nested ones included (the editors of open row dialogs excepted)."""

        def walk(panel: SubPanel) -> Iterator[FieldEditor]:
            for editor in panel.editors():
                yield editor
                if editor.sub_panel is not None:
                    yield from walk(editor.sub_panel)

        for _section, _frame, panel in self.sections:
            yield from walk(panel)

    def editor_at(self, path: str) -> FieldEditor | None:
        return next((e for e in self.editors() if e.path == path), None)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for editor in self.editors():
            if editor.sub_panel is None:
                editor.set_read_only(read_only)

    # ---- conditions and validation ------------------------------------------------------------

    def evaluation(self) -> EvalContext:
        now = self._clock()
        return EvalContext(
            today=now.date(),
            now=now,
            rules=self.rules.values(),
            station_commune=self.station_commune,
            law=self.law,
            records=self.records,
        )

    def describe(self, problem: Problem) -> str:
        return describe_problem(
            problem,
            self.form,
            language=self.language,
            rules=self.rules.values(),
            reference=self.reference,
        )

    def _on_panel_changed(self) -> None:
        if self._loading:
            return
        if self._refreshing:
            self._refresh_timer.start()  # a change made by the refresh itself: once more, later
            return
        # At once, not later: a field a tick box reveals must be there for the very next Tab.
        self._refresh()

    def _refresh(self) -> None:
        self._refresh_timer.stop()
        self._refreshing = True
        try:
            self._update_conditions()
        finally:
            self._refreshing = False
        if not self._loading:
            self.values_changed.emit()

    def _update_conditions(self) -> None:
        context = self.evaluation()
        raw = self.all_values()
        try:
            normalized = normalize_values(
                self.form, raw, today=context.today, rules=self.rules, law=self.law
            )
        except Exception:
            # A province's odd definition must never stop the typing: conditions use raw values.
            log.exception("normalising %s for its conditions failed", self.form.id)
            normalized = raw
        for section, frame, panel in self.sections:
            scopes = [Scope(self.form.names, normalized)]
            shown = section.visible_if is None or holds(section.visible_if, scopes, context)
            frame.setVisible(shown)
            panel.update_state(normalized, [])
        if self.problems:
            # While typing, problems that were fixed disappear; new ones wait until the field is left.
            fresh = self.check()
            known = {(p.path, p.code) for p in self.problems}
            self._set_problems([p for p in fresh if (p.path, p.code) in known], emit=False)

    def check(self, values: dict[str, Any] | None = None) -> list[Problem]:
        """Every problem of these values (default: the form's) — pure Python, no database."""
        now = self._clock()
        return check_record(
            self.form,
            self.values() if values is None else values,
            today=now.date(),
            now=now,
            rules=self.rules,
            reference=self.reference,
            station_commune=self.station_commune,
            law=self.law,
            records=self.records,
        ).problems

    def validate(self) -> list[Problem]:
        """Check now and show the problems of the fields already visited."""
        self._set_problems(self.check())
        return self.problems

    def show_problems(self, problems: list[Problem]) -> None:
        """Show every one of these problems beside its field (after "Complete", or from storage)."""
        self.show_all = True
        self._set_problems(list(problems))

    def _set_problems(self, problems: list[Problem], *, emit: bool = True) -> None:
        self.problems = problems
        visited = None if self.show_all else self.visited
        for _section, _frame, panel in self.sections:
            panel.show_problems(problems, visited)
        known = {e.path for e in self.editors()}
        stray = [
            p
            for p in problems
            if not any(is_under(p.path, path) for path in known)
            and (visited is None or p.path in visited)
        ]
        self.general.setText(
            "<br>".join(
                f'<span style="color:{ERROR_COLOUR}">\u2716 {self.describe(p)} ({p.path or "-"})</span>'
                for p in stray
            )
        )
        self.general.setVisible(bool(stray))
        if emit:
            self.problems_changed.emit(problems)

    def _row_checker(self, group: GroupEditor) -> Callable[[dict[str, Any], int], list[Problem]]:
        def check_row(row_values: dict[str, Any], row: int) -> list[Problem]:
            values = copy.deepcopy(self.values())
            target: Any = values
            parts = split_path(group.path)
            for name, _index in parts[:-1]:
                target = target.setdefault(name, {})
            rows = list(target.get(parts[-1][0]) or [])
            rows[row : row + 1] = [row_values]
            target[parts[-1][0]] = rows
            prefix = f"{group.path}[{row}]"
            return [p for p in self.check(values) if is_under(p.path, prefix)]

        return check_row

    # ---- focus --------------------------------------------------------------------------------

    def _on_app_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.isAncestorOf(new):
            self.scroll_area.ensureWidgetVisible(new, 40, 60)
        left = editor_of(old)
        if left is None or left is editor_of(new):
            return
        window = left.window()
        if isinstance(window, RowDialog):
            owner = window.parentWidget()
            if owner is not None and self.isAncestorOf(owner):  # a row of this form, not another's
                left.commit()
                window.field_left(left.path)
            return
        if not self.isAncestorOf(left):
            return
        # Settle what was typed (a list entry, a date) here: a completer popup swallows the
        # line edit's own focus-out, so its editingFinished never comes.
        left.commit()
        if self._refresh_timer.isActive():
            self._refresh()  # conditions and lists are up to date before the next field is typed in
        self.visited.add(left.path)
        self.validate()

    def focus_path(self, path: str) -> bool:
        """Put the keyboard in the field at a record path (`items[2].quantity` opens row 3)."""
        parts = split_path(path)
        for _section, frame, panel in self.sections:
            if parts and parts[0][0] in panel.rows:
                if frame.isHidden():
                    return False
                found = panel.focus_field(parts)
                focused = QApplication.focusWidget()
                if focused is not None and self.isAncestorOf(focused):
                    self.scroll_area.ensureWidgetVisible(focused, 40, 80)
                return found
        return False

    def commit_focused(self) -> None:
        """Settle the field being typed in, as if it were left (before saving or completing)."""
        editor = editor_of(QApplication.focusWidget())
        if editor is not None and self.isAncestorOf(editor):
            editor.commit()
            self._refresh()

    def focus_first(self) -> None:
        for _section, frame, panel in self.sections:
            if not frame.isHidden():
                panel.focus_first()
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter, like Tab, goes to the next field; on a button it presses the button.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            focus = QApplication.focusWidget()
            if isinstance(focus, QPushButton | QToolButton) and not isinstance(focus, QCheckBox):
                focus.click()
            else:
                self.focusNextChild()
            return
        super().keyPressEvent(event)


def editor_of(widget: QWidget | None) -> FieldEditor | None:
    """The innermost field editor a widget belongs to (None outside any)."""
    while widget is not None:
        if isinstance(widget, FieldEditor) and widget.sub_panel is None:
            return widget
        widget = widget.parentWidget()
    return None
