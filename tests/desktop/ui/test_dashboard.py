"""The dashboard: counts by form and status, the day's work, and each figure opening its list."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QGridLayout, QWidget

from desktop.storage import record_store
from desktop.ui.dashboard_charts import last_months
from desktop.ui.main_window import MainWindow
from desktop.ui.models.dashboard_models import FORM_ROLE, RECORD_ID_ROLE
from desktop.ui.pages.dashboard import CountCard, DashboardPage
from desktop.ui.pages.record_list import RecordListPage
from desktop.ui.pages.review_queue import ReviewQueuePage
from tests.desktop.conftest import OFFICER, SUPERVISOR
from tests.desktop.ui.conftest import PASSWORDS
from tests.desktop.ui.record_helpers import example_values, records_fixture  # noqa: F401


@pytest.fixture
def window(qtbot, services, station_home):
    def opener(username: str = SUPERVISOR) -> MainWindow:
        session = station_home.unlock(username, PASSWORDS[username])
        main = MainWindow(services, pages=(DashboardPage, RecordListPage, ReviewQueuePage))
        qtbot.addWidget(main)
        main.open_session(session)
        main.show()
        return main

    yield opener
    services.idle.stop()


def _cell(page: DashboardPage, form_id: str, header: str) -> str:
    model = page.table.model()
    headers = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    for row in range(model.rowCount()):
        if model.index(row, 0).data(FORM_ROLE) == form_id:
            return model.index(row, headers.index(header)).data()
    raise AssertionError(f"no row for {form_id!r}")


def test_counts_by_form_and_status_and_the_days_work(window, records):
    records.make("F1", example_values("F1"), status="draft", by=OFFICER)
    records.make("F1", example_values("F1"), status="completed", by=OFFICER)
    records.make("F1", example_values("F1"), status="approved")
    records.make("F3", example_values("F3"), status="draft")
    records.make("F3", example_values("F3"), status="draft")
    main = window(SUPERVISOR)
    page = main.current_page()
    assert isinstance(page, DashboardPage)
    overview = page.overview
    assert overview is not None
    assert overview.by_form_status == {"F1": {"draft": 1, "completed": 1, "approved": 1},
                                       "F3": {"draft": 2}}  # fmt: skip
    assert (overview.my_drafts, overview.waiting_review) == (2, 1)
    assert (overview.changed_today, overview.mine_today) == (5, 3)
    assert _cell(page, "F1", "Draft") == "1"
    assert _cell(page, "F1", "Total") == "3"
    assert _cell(page, "F3", "Draft") == "2"
    assert _cell(page, "F2", "Total") == "0"
    assert _cell(page, "", "Total") == "5"  # the "All forms" row
    assert page.cards["my_drafts"].value.text() == "2"
    assert page.cards["waiting_review"].value.text() == "1"


def test_a_count_opens_the_records_it_counts(window, records, qtbot):
    records.make("F3", example_values("F3"), status="draft")
    records.make("F1", example_values("F1"), status="completed")
    main = window(SUPERVISOR)
    page = main.current_page()
    page.cards["my_drafts"].click()
    listing = main.current_page()
    assert isinstance(listing, RecordListPage)
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1)
    assert listing.filter_bar.filters().status == "draft"
    assert listing.model.summary_at(0).form_id == "F3"

    main.show_page("dashboard")
    page.cards["waiting_review"].click()
    assert isinstance(main.current_page(), ReviewQueuePage)


def test_an_officer_sees_waiting_records_in_the_list_not_the_review_page(window, records, qtbot):
    records.make("F1", example_values("F1"), status="completed")
    main = window(OFFICER)
    page = main.current_page()
    assert page.overview.waiting_review == 1
    page.cards["waiting_review"].click()
    listing = main.current_page()
    assert isinstance(listing, RecordListPage)
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1)
    assert listing.filter_bar.filters().status == "completed"


def test_counts_follow_every_change_of_state(records):
    service = records.service(SUPERVISOR)
    record_id = service.create("F3", example_values("F3"))
    assert service.overview().by_form_status == {"F3": {"draft": 1}}
    service.complete(record_id)
    service.approve(record_id)
    assert service.overview().by_form_status == {"F3": {"approved": 1}}
    service.void(record_id, "Lập nhầm biên bản")
    with service.session.db.read() as conn:
        truth = dict(
            ((f, s), n)
            for f, s, n in conn.exec_driver_sql(
                "SELECT form_id, status, count(*) FROM records GROUP BY 1, 2"
            )
        )
    counted = {
        (f, s): n for f, by in service.overview().by_form_status.items() for s, n in by.items()
    }
    assert counted == truth == {("F3", "voided"): 1}


@pytest.mark.slow  # over 1.5 s on the development VM: left to `make test`
def test_deadlines_at_risk_are_listed_and_open_their_record(window, records, qtbot):
    now = datetime.now()
    late = example_values("F1") | {
        "received_at": (now - timedelta(hours=30)).strftime("%d/%m/%Y %H:%M"),
        "transferred": False,
    }
    for key in ("transfer_slip_number", "transfer_time", "transfer_recipient"):
        late.pop(key, None)
    on_time = example_values("F1")  # transferred
    supervised = example_values("F10") | {
        "log": [],
        "period_from": (now - timedelta(days=45)).strftime("%d/%m/%Y"),
        "period_to": (now + timedelta(days=300)).strftime("%d/%m/%Y"),
    }
    late_id = records.make("F1", late, status="draft")
    records.make("F1", on_time, status="completed")
    supervised_id = records.make("F10", supervised, status="completed")
    main = window(SUPERVISOR)
    page = main.current_page()
    due = {d.record_id: d for d in page.overview.deadlines}
    assert set(due) == {late_id, supervised_id}
    assert due[late_id].kind == "transfer" and due[late_id].overdue
    assert due[supervised_id].kind == "check_in" and due[supervised_id].overdue
    model = page.deadlines.model()
    assert model.rowCount() == 2 and not page.no_deadlines.isVisibleTo(page)
    row = next(r for r in range(2) if model.index(r, 0).data(RECORD_ID_ROLE) == late_id)
    assert model.index(row, 1).data() == "Crime report not transferred"
    assert model.index(row, 0).data().endswith("(overdue)")
    page.deadlines.activated.emit(model.index(row, 2))
    listing = main.current_page()
    assert isinstance(listing, RecordListPage)
    qtbot.waitUntil(lambda: listing.stack.currentWidget() is not listing.list_view)


def test_the_deadline_queries_match_their_partial_indexes(records):
    """The queries name their index (INDEXED BY): were their WHERE clause to drift from the
    index's, SQLite would refuse them ("no query solution") instead of scanning every record."""
    service = records.service(SUPERVISOR)
    with service.session.db.read() as conn:
        for sql, index in (
            (record_store.F1_UNTRANSFERRED, "ix_records_f1_untransferred"),
            (record_store.F10_OPEN, "ix_records_f10_open"),
        ):
            plan = [str(row[-1]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")]
            assert plan == [f"SCAN records USING INDEX {index}"], plan


def test_monthly_counts_follow_the_event_date(records):
    service = records.service(SUPERVISOR)
    values = example_values("F3") | {"violation_time": "2026-10-20T22:15"}
    record_id = service.create("F3", values)
    service.create("F1", example_values("F1"))  # received 21/11/2026
    assert service.overview().by_month == {"2026-10": {"F3": 1}, "2026-11": {"F1": 1}}
    service.save_draft(record_id, values | {"violation_time": "2026-11-02T08:00"})
    assert service.overview().by_month == {"2026-11": {"F1": 1, "F3": 1}}


def test_a_form_broken_down_by_its_category_month_by_month(window, records):
    """The monthly chart shows one form by its category field (F2 by kind of incident)."""
    now = datetime.now() - timedelta(minutes=5)
    month = now.strftime("%Y-%m")
    moment = now.strftime("%d/%m/%Y %H:%M")
    order = example_values("F2") | {"occurred_at": moment, "reported_at": moment}
    other = order | {"category": "ma_tuy"}
    for values in (order, order, other):
        records.make("F2", values, status="completed")
    records.make("F1", example_values("F1") | {"received_at": moment, "transfer_time": moment})
    main = window(SUPERVISOR)
    page = main.current_page()
    assert page.monthly.totals[month] == 4  # by form: every record of the month
    page.breakdown.setCurrentIndex(page.breakdown.findData("F2"))
    assert "F2" in page.breakdown.currentText()
    assert page.monthly.totals[month] == 3  # only F2
    [bars] = page.monthly.chart.series()
    by_label = {bar.label(): bar for bar in bars.barSets()}
    this_month = len(last_months(now.date())) - 1  # the last bar
    assert by_label["Public order"].at(this_month) == 2
    assert by_label["Drugs"].at(this_month) == 1


def test_not_yet_at_the_centre_is_the_sync_pages_waiting_count(window, records, qtbot):
    """On a station not enrolled yet, completed records still wait to be sent: the card says
    how many, the same figure as the Sync page's "Waiting to send", not a dash."""
    records.make("F1", example_values("F1"), status="completed", by=OFFICER)
    records.make("F3", example_values("F3"), status="completed", by=OFFICER)
    records.make("F3", example_values("F3"), status="draft", by=OFFICER)
    main = window(SUPERVISOR)
    qtbot.waitUntil(lambda: main.sync is not None and main.sync.status is not None)
    status = main.sync.status
    assert not status.enrolled and status.outbox.waiting == 2
    page = main.page("dashboard")
    assert page.cards["unsynced"].value.text() == "2"
    assert page.cards["unsynced"].toolTip() == "The station is not enrolled for sync."
    assert page.waiting.values["Unsent"] == 2


def test_a_card_grows_with_its_caption_and_shrinks_back(qtbot):
    """A narrow card wraps its caption onto more lines and grows to show all of them (the
    marks below "tại đơn vị" included); wider again, it gives the height back."""
    holder = QWidget()
    qtbot.addWidget(holder)
    grid = QGridLayout(holder)
    cards = [CountCard("Cập nhật hôm nay tại đơn vị của công an xã") for _ in range(6)]
    for column, card in enumerate(cards):
        grid.addWidget(card, 0, column)
    holder.resize(700, 400)
    holder.show()
    card = cards[0]

    def caption_fits() -> bool:
        metrics, label = card.caption.fontMetrics(), card.caption
        needed = metrics.boundingRect(
            QRect(0, 0, label.width(), 10_000), Qt.TextWordWrap, label.text()
        ).height()
        return label.height() >= needed and label.geometry().bottom() < card.height()

    qtbot.waitUntil(lambda: caption_fits() and card.caption.height() > 3 * 15)
    narrow = card.height()
    holder.resize(1500, 400)
    qtbot.waitUntil(lambda: card.height() < narrow)
    assert caption_fits()
