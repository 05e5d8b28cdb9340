"""Every item model passes Qt's model checks (qtmodeltester), including after changes."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from desktop.core.permissions import Role
from desktop.storage import accounts, audit
from desktop.storage.audit import AuditEntry
from desktop.ui.models.audit_table_model import AuditTableModel
from desktop.ui.models.commune_list_model import CODE_ROLE, CommuneListModel, commune_choices
from desktop.ui.models.records_table_model import RecordsTableModel
from desktop.ui.models.users_table_model import (
    FULL_NAME,
    USER_ROLE,
    UsersSortProxy,
    UsersTableModel,
    name_sort_key,
)
from domain.records import RecordFilter, RecordStatus, RecordSummary
from domain.reference import default_reference
from tests.desktop.ui.conftest import HeldTasks


def _users(station_home) -> list[accounts.UserInfo]:
    session = station_home.unlock()
    accounts.add_user(session, "anh", Role.OFFICER, "Canbo-Pham-2026", "Phạm Thị An")
    users = accounts.list_users(session, include_removed=True)
    session.close()
    return users


def test_users_model_and_sort_proxy(qtmodeltester, station_home):
    """The users table and its proxy pass the checks; full names sort by the given name."""
    model = UsersTableModel()
    model.set_users(_users(station_home))
    qtmodeltester.check(model)
    proxy = UsersSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(FULL_NAME, Qt.AscendingOrder)
    qtmodeltester.check(proxy)
    names = [proxy.index(r, FULL_NAME).data() for r in range(proxy.rowCount())]
    assert names == ["Phạm Thị An", "Trần Thị Lan", "Nguyễn Văn Trưởng"]
    assert proxy.index(0, 0).data(USER_ROLE).username == "anh"
    assert name_sort_key("Nguyễn Văn Trưởng") == "truong nguyen van"


def _entries(count: int, start: int) -> list[AuditEntry]:
    return [
        AuditEntry(seq, audit.utc_now(), "truong", "user.login", "truong", {}, "0" * 64, "1" * 64)
        for seq in range(start, start - count, -1)
    ]


def test_audit_model_pages_through_fetch_requests(qtbot, qtmodeltester):
    """fetchMore asks for the page before the last row shown; a short page ends the paging."""
    model = AuditTableModel(page_size=10)
    asked: list[int | None] = []

    def serve(before_seq: int | None, generation: int) -> None:
        asked.append(before_seq)
        newest = 25 if before_seq is None else before_seq - 1
        model.append_page(_entries(min(10, newest), newest), generation)

    model.fetch_requested.connect(serve)
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()) or not asked:
        model.fetchMore(QModelIndex())
        qtbot.wait(1)
    assert asked[:3] == [None, 16, 6]
    assert model.rowCount() == 25
    qtmodeltester.check(model)
    asked.clear()
    model.reset()  # a new filter: paging starts again from the newest entry
    model.append_page(_entries(3, 99), generation=0)  # a late answer for the old filter
    assert model.rowCount() == 0
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: bool(asked))
    assert asked[0] is None


def test_commune_model_filters_accent_insensitively(qtmodeltester):
    """The commune list passes the checks before and after a query; "đinh" finds "Đình" too."""
    model = CommuneListModel(commune_choices(default_reference()))
    qtmodeltester.check(model)
    model.set_query("ba đinh")
    qtmodeltester.check(model)
    assert model.index(0, 0).data(CODE_ROLE) == "00004"
    model.set_query("xyz không có")
    assert model.rowCount() == 0


def test_records_model_reads_only_the_newest_filter_after_a_slow_read(qtbot):
    """Typing while a search runs starts no queue of stale reads: one read, then the newest."""
    asked: list[str] = []

    def loader(filters, after, limit):
        asked.append(filters.text)
        return []

    tasks = HeldTasks()
    model = RecordsTableModel(tasks, loader, None, language="en")
    for text in ("n", "ng", "ngu", "nguy"):
        model.set_filter(RecordFilter(text=text))
    assert len(tasks.jobs) == 1 and model.loading
    tasks.finish_first()  # the read of "n" ends: its rows are dropped, "nguy" is read next
    assert asked == ["n"] and len(tasks.jobs) == 1
    tasks.finish_first()
    assert asked == ["n", "nguy"] and tasks.jobs == []
    assert model.complete and model.rowCount() == 0


def _summary(seq: int, status: RecordStatus) -> RecordSummary:
    return RecordSummary(
        seq, f"r{seq}", "F1", 1, status, 1, "lan", f"Record {seq}", None, None, None, {}, "", ""
    )


def test_records_model_strikes_out_only_voided_rows(qtbot):
    """A voided record stays listed (when asked for) but struck through; the others are not."""
    rows = [_summary(2, RecordStatus.VOIDED), _summary(1, RecordStatus.DRAFT)]
    tasks = HeldTasks()
    model = RecordsTableModel(tasks, lambda *_: rows, None, language="en")
    model.set_filter(RecordFilter(include_voided=True))
    tasks.finish_first()
    assert model.rowCount() == 2
    fonts = [model.data(model.index(row, 0), Qt.FontRole) for row in range(2)]
    assert fonts[0] is not None and fonts[0].strikeOut()
    assert fonts[1] is None
