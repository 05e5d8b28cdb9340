"""The record view's tables: revisions newest first, and the record's audit history in words."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.storage.audit import AuditEntry
from desktop.storage.record_store import Revision
from desktop.ui.models.record_history_models import (
    ENTRY_ROLE,
    HISTORY_ACTION,
    HISTORY_DETAILS,
    REVISION_ROLE,
    RecordHistoryTableModel,
    RevisionsTableModel,
)


def test_revisions_newest_first(qtmodeltester):
    """Two revisions given oldest first are listed newest first, status named, time formatted."""
    model = RevisionsTableModel()
    qtmodeltester.check(model)
    first = Revision(1, "completed", {}, "lan", "2026-11-21T02:00:00+00:00", "")
    second = Revision(2, "completed", {}, "lan", "2026-11-22T03:30:00+00:00", "Bổ sung số nhà")
    model.set_revisions([first, second])
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Revision", "Status", "By", "Time", "Reason"]
    rows = [[model.index(r, c).data() for c in range(5)] for r in range(2)]
    assert rows == [
        ["2", "Awaiting approval", "lan", "22/11/2026 10:30", "Bổ sung số nhà"],
        ["1", "Awaiting approval", "lan", "21/11/2026 09:00", ""],
    ]
    assert model.index(1, 0).data(REVISION_ROLE) is first
    model.set_revisions(())
    assert model.rowCount() == 0


def test_history_says_each_action_and_its_details(qtmodeltester):
    """Audit actions are named in words and their details said, not printed as raw data."""
    model = RecordHistoryTableModel()
    entry = AuditEntry(
        7, "2026-11-21T02:00:05+00:00", "truong", "record.returned", "r1",
        {"comment": "Thiếu số nhà"}, "0" * 64, "1" * 64,
    )  # fmt: skip
    model.set_entries([entry])
    qtmodeltester.check(model)
    assert [model.headerData(c, Qt.Horizontal) for c in range(4)] == [
        "Time", "By", "Action", "Details",
    ]  # fmt: skip
    assert model.index(0, 0).data() == "21/11/2026 09:00:05"
    assert model.index(0, HISTORY_ACTION).data() == "Returned with a comment"
    assert "Thiếu số nhà" in model.index(0, HISTORY_DETAILS).data()
    assert "{" not in model.index(0, HISTORY_DETAILS).data()
    assert model.index(0, 1).data(ENTRY_ROLE) is entry
