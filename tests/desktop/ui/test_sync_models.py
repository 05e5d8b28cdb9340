"""The Sync page's tables (they were hand-filled QTableWidgets): the history, the revisions the
centre refused or holds aside, and the reports it holds otherwise, each through Qt's model checks
and in words, never a bare code."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.storage.outbox import OutboxProblem
from desktop.storage.report_sync import ReportConflict
from desktop.storage.sync_history import SyncSession
from desktop.ui.models.report_conflicts_model import CONFLICT_ROLE, ReportConflictsModel
from desktop.ui.models.sync_history_model import OUTCOME, SyncHistoryModel
from desktop.ui.models.sync_problems_model import PROBLEM_ROLE, REASON, SyncProblemsModel


def _rows(model) -> list[list[str]]:
    columns = range(model.columnCount())
    return [[model.index(r, c).data() for c in columns] for r in range(model.rowCount())]


def _session(**changes) -> SyncSession:
    values = dict(
        id=1, kind="network", started_at="2026-12-01T02:00:00+00:00", finished_at=None,
        outcome="ok", started_by="truong", sent=8, acknowledged=8, conflicts=0, quarantined=0,
        pulled=10, bytes_sent=120_000, bytes_received=18_000, error_code=None,
    )  # fmt: skip
    values.update(changes)
    return SyncSession(**values)


def test_history_in_words_with_the_code_kept_for_the_tooltip(qtmodeltester):
    model = SyncHistoryModel("en")
    qtmodeltester.check(model)
    failed = _session(id=2, kind="bundle", outcome="failed", sent=0, acknowledged=0, pulled=0,
                      bytes_sent=0, bytes_received=0, error_code="SERVER_UNREACHABLE")  # fmt: skip
    model.set_sessions([failed, _session()])
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(9)]
    assert headers[OUTCOME] == "Outcome" and "Received by\nthe centre" in headers
    assert _rows(model) == [
        ["01/12/2026 09:00", "USB bundle", "Failed \u2014 The centre's server cannot be reached.",
         "0", "0", "0", "0", "0 B", "truong"],
        ["01/12/2026 09:00", "Network", "Finished", "8", "8", "0", "10", "134,8 kB", "truong"],
    ]  # fmt: skip
    tooltip = model.index(0, OUTCOME).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.endswith("[SERVER_UNREACHABLE]")
    assert model.index(1, OUTCOME).data(Qt.ItemDataRole.ToolTipRole) is None
    model.set_sessions([_session(error_code="A_CODE_OF_A_NEWER_SERVER", outcome="failed")])
    assert "A_CODE" not in model.index(0, OUTCOME).data()  # unknown: a stand-in, not the code


def test_refused_revisions_name_the_record_and_say_the_reason(qtmodeltester):
    model = SyncProblemsModel()
    qtmodeltester.check(model)
    refused = OutboxProblem(
        entry_id=3, record_id="01900000-0000-7000-8000-000000000001", revision=2,
        state="quarantined", code="VALIDATION_FAILED", detail=None, answered_at=None,
        title="Tố giác: Nguyễn Văn Đức", document_number="05/BB-TNNT", form_id="F1",
    )  # fmt: skip
    held = OutboxProblem(
        entry_id=4, record_id="01900000-0000-7000-8000-000000000002", revision=1,
        state="conflict", code=None, detail=None, answered_at=None,
        title="Trật tự công cộng", document_number=None,
    )  # fmt: skip
    reasons = ["Số định danh cá nhân: phải có đúng 12 chữ số.", "Trung tâm giữ một bản khác."]
    model.set_problems([refused, held], reasons)
    qtmodeltester.check(model)
    assert _rows(model) == [
        ["05/BB-TNNT \u00b7 Tố giác: Nguyễn Văn Đức", "2", "Refused by the centre", reasons[0]],
        ["01900000 \u00b7 Trật tự công cộng", "1", "Held aside (conflict)", reasons[1]],
    ]
    assert model.index(1, 0).data(PROBLEM_ROLE) is held
    assert model.index(0, REASON).data(Qt.ItemDataRole.ToolTipRole) == reasons[0]  # whole
    model.set_problems([], [])
    assert model.rowCount() == 0 and model.problem_at(0) is None


def test_report_conflicts_say_the_period_and_who_decided(qtmodeltester):
    model = ReportConflictsModel("en")
    qtmodeltester.check(model)
    waiting = ReportConflict(
        report_id="r1", period_code="2026-K11", document_number="11/BC-CAP",
        station_hash="a" * 64, centre_hash="b" * 64, detected_at="2026-12-01T02:00:00+00:00",
        replace_requested_at=None, replace_requested_by=None,
    )  # fmt: skip
    decided = ReportConflict(
        report_id="r2", period_code="not a period", document_number=None,
        station_hash="c" * 64, centre_hash="d" * 64, detected_at="2026-12-02T02:00:00+00:00",
        replace_requested_at="2026-12-02T03:00:00+00:00", replace_requested_by="truong",
    )  # fmt: skip
    model.set_conflicts([waiting, decided])
    qtmodeltester.check(model)
    assert _rows(model) == [
        ["Reporting month November 2026 (15/10/2026 to 14/11/2026)", "11/BC-CAP",
         "01/12/2026 09:00", "Waiting for a supervisor's decision"],
        ["not a period", "", "02/12/2026 09:00",
         "truong chose to send this station's copy: it goes with the next sync"],
    ]  # fmt: skip
    assert model.index(0, 0).data(CONFLICT_ROLE) is waiting
    tooltip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == f"The centre's copy: {'b' * 16}\nThis station's copy: {'a' * 16}"
