"""The Sync page's two lists of things the centre did not simply accept, each with what a
supervisor can do about them: revisions refused or held aside ("Send again"), and periodic
reports the centre holds with other content ("Send ours as a replacement" / "Keep the centre's").

Both only show and ask; the page runs the work on the database lane and refreshes them.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.storage.outbox import OutboxProblem
from desktop.storage.report_sync import ReportConflict
from desktop.ui.models.report_conflicts_model import ReportConflictsModel
from desktop.ui.models.sync_problems_model import SyncProblemsModel


def table_view(name: str, model: QAbstractItemModel) -> QTableView:
    """A read-only list of whole rows, as every table of the Sync page is."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


def _selected_rows(view: QTableView) -> list[int]:
    return sorted({index.row() for index in view.selectionModel().selectedRows()})


class RefusedRecordsPanel(QWidget):
    """Revisions the centre refused or holds aside; a supervisor sends chosen ones again."""

    requeue_requested = Signal(list)  # outbox entry ids

    def __init__(self, supervisor: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SyncProblemsModel(self)
        self.table = table_view("syncProblems", self.model)
        self.requeue_button = QPushButton(self.tr("Send a&gain"))
        self.requeue_button.setObjectName("syncRequeue")
        self.requeue_button.setVisible(supervisor)
        self.requeue_button.setEnabled(False)
        self.requeue_button.clicked.connect(self._on_requeue)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.requeue_button, 0, Qt.AlignmentFlag.AlignLeft)

    def show_problems(self, problems: list[OutboxProblem], reasons: list[str]) -> None:
        self.model.set_problems(problems, reasons)
        self.requeue_button.setEnabled(False)  # until a row is chosen

    def _on_selection_changed(self, *_args: object) -> None:
        self.requeue_button.setEnabled(bool(_selected_rows(self.table)))

    def _on_requeue(self) -> None:
        problems = [self.model.problem_at(row) for row in _selected_rows(self.table)]
        entries = [p.entry_id for p in problems if p is not None]
        if entries:
            self.requeue_requested.emit(entries)


class ReportConflictsPanel(QWidget):
    """Reports the centre holds otherwise; a supervisor keeps the centre's copy or replaces it."""

    resolve_requested = Signal(str, bool)  # report id, replace (False: keep the centre's copy)

    def __init__(self, supervisor: bool, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ReportConflictsModel(language, self)
        self.table = table_view("syncReportConflicts", self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        hint = QLabel(
            self.tr(
                "The centre already holds another version of these submitted reports. Compare "
                "with the centre, then keep its copy, or send this station's copy to replace it."
            )
        )
        hint.setWordWrap(True)
        self.replace_button = QPushButton(self.tr("Send &ours as a replacement"))
        self.replace_button.setObjectName("syncReportReplace")
        self.keep_button = QPushButton(self.tr("&Keep the centre's copy"))
        self.keep_button.setObjectName("syncReportKeep")
        buttons = QHBoxLayout()
        for button, replace in ((self.replace_button, True), (self.keep_button, False)):
            button.setVisible(supervisor)
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, r=replace: self._on_resolve(r))
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def show_conflicts(self, conflicts: tuple[ReportConflict, ...]) -> None:
        self.model.set_conflicts(conflicts)
        self._on_selection_changed()

    def _chosen(self) -> ReportConflict | None:
        rows = _selected_rows(self.table)
        return self.model.conflict_at(rows[0]) if rows else None

    def _on_selection_changed(self, *_args: object) -> None:
        chosen = self._chosen()
        self.keep_button.setEnabled(chosen is not None)
        # Asked already: it goes with the next sync; keeping the centre's copy is still possible.
        self.replace_button.setEnabled(chosen is not None and not chosen.replace_requested_at)

    def _on_resolve(self, replace: bool) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self.resolve_requested.emit(chosen.report_id, replace)
