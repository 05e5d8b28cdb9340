"""The dashboard's table models: counts by form and status, and the deadlines at risk."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from desktop.core.deadlines import Deadline
from desktop.ui.models.dashboard_models import (
    COUNT_ROLE,
    DUE,
    FORM_ROLE,
    RECORD,
    RECORD_ID_ROLE,
    STATUS_ROLE,
    WHAT,
    DeadlinesTableModel,
    StatusCountsTableModel,
)

STATUSES = ["draft", "completed", "approved"]


def _counts_model() -> StatusCountsTableModel:
    model = StatusCountsTableModel()
    model.set_counts(
        [("F1", "F1 · Crime report intake"), ("F3", "F3 · Violation record")],
        {"F1": {"draft": 1, "approved": 2}, "F9": {"completed": 4}},
        STATUSES,
    )
    return model


def test_counts_model_passes_the_checks_and_adds_up(qtmodeltester):
    """Rows in the catalogue's order, a form counted but not listed after them, then the total;
    each count knows its form and status, the form and total columns no status."""
    model = _counts_model()
    qtmodeltester.check(model)
    assert model.columnCount() == len(STATUSES) + 2
    headers = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Form", "Draft", "Awaiting approval", "Approved", "Total"]
    rows = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert rows == [
        ["F1 · Crime report intake", "1", "0", "2", "3"],
        ["F3 · Violation record", "0", "0", "0", "0"],
        ["F9", "0", "4", "0", "4"],
        ["All forms", "1", "4", "2", "7"],
    ]
    assert [model.index(r, 0).data(FORM_ROLE) for r in range(4)] == ["F1", "F3", "F9", ""]
    assert model.index(0, 2).data(STATUS_ROLE) == "completed"
    assert model.index(0, 0).data(STATUS_ROLE) is None
    assert model.index(0, 4).data(STATUS_ROLE) is None
    assert model.index(3, 4).data(COUNT_ROLE) == 7
    assert model.index(3, 0).data(Qt.FontRole).bold()
    assert model.index(0, 0).data(Qt.FontRole) is None
    assert model.index(0, 1).data(Qt.TextAlignmentRole) & Qt.AlignRight


def test_counts_model_with_nothing_counted(qtmodeltester):
    """A new station: every form at zero and a total row of zeros."""
    model = StatusCountsTableModel()
    qtmodeltester.check(model)
    model.set_counts([("F1", "F1")], {}, STATUSES)
    qtmodeltester.check(model)
    assert [model.index(1, c).data() for c in range(5)] == ["All forms", "0", "0", "0", "0"]


def _deadline(record_id: str, kind: str, overdue: bool) -> Deadline:
    due = datetime(2026, 12, 4, 9, 30)
    return Deadline(record_id, kind, "Nguyễn Văn Đức", "12/TB", due, overdue)


def test_deadlines_model_says_what_is_due_and_marks_the_late(qtmodeltester):
    """A transfer is due at an hour, a check-in on a day; overdue rows are red; each row knows its
    record, and the full text is in the tooltip too (a narrow column may wrap it)."""
    model = DeadlinesTableModel()
    model.set_deadlines([_deadline("a", "transfer", True), _deadline("b", "check_in", False)])
    qtmodeltester.check(model)
    assert [model.headerData(c, Qt.Horizontal) for c in range(3)] == ["Due", "What", "Record"]
    assert model.index(0, DUE).data() == "04/12/2026 09:30 (overdue)"
    assert model.index(1, DUE).data() == "04/12/2026 (soon)"
    assert model.index(0, WHAT).data() == "Crime report not transferred"
    assert model.index(1, WHAT).data() == "Supervision check-in"
    assert model.index(0, RECORD).data() == "12/TB · Nguyễn Văn Đức"
    assert model.index(0, RECORD).data(Qt.ToolTipRole) == "12/TB · Nguyễn Văn Đức"
    assert [model.index(r, RECORD).data(RECORD_ID_ROLE) for r in range(2)] == ["a", "b"]
    assert isinstance(model.index(0, WHAT).data(Qt.ForegroundRole), QBrush)
    assert model.index(1, WHAT).data(Qt.ForegroundRole) is None
    model.set_deadlines([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0
