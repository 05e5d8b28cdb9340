"""Screens show Vietnam time whatever zone the PC is set to (here: a PC clock in UTC)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest

from desktop.core.station_time import STATION_TZ, station_now, station_today
from desktop.ui.formats import format_clock, format_timestamp
from desktop.ui.models.records_table_model import UPDATED, RecordsTableModel
from desktop.ui.pages.dashboard import DashboardPage
from desktop.ui.record_view import RecordView
from desktop.ui.record_work import open_record, shared_catalogue
from tests.desktop.conftest import SUPERVISOR
from tests.desktop.ui.record_helpers import (  # noqa: F401 (fixtures)
    example_values,
    page_context_fixture,
    records_fixture,
)
from tests.desktop.ui.test_dashboard import window  # noqa: F401 (fixture)


@pytest.fixture
def pc_in_utc(monkeypatch):
    """The process's local zone is UTC, as on a PC whose Windows zone was never set."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    assert datetime.now().astimezone().utcoffset() == timedelta(0)
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_utc_timestamp_is_shown_in_vietnam_time(pc_in_utc):
    assert format_timestamp("2026-05-21T02:30:00+00:00") == "21/05/2026 09:30"
    assert format_timestamp("2026-05-21T20:15:07+00:00", seconds=True) == "22/05/2026 03:15:07"
    # Times without a zone (typed in forms, deadlines worked out from them) are station time.
    assert format_timestamp("2026-05-21T09:30:00") == "21/05/2026 09:30"
    assert format_clock(datetime.fromisoformat("2026-05-21T01:05:00+00:00")) == "08:05"


def test_the_station_day_is_vietnams_not_the_pcs(pc_in_utc):
    """Between 17:00 and 24:00 UTC the PC's date is a day behind the station's."""
    now = station_now()
    assert now.utcoffset() == timedelta(hours=7)
    assert station_today() == now.date()


def test_record_list_and_view_show_vietnam_time(pc_in_utc, records, page_context, qtbot):
    """A record saved now shows the station's wall clock in the list and the record view."""
    record_id = records.make("F3", example_values("F3"), by=SUPERVISOR)
    details = open_record(page_context.session, shared_catalogue(), record_id)
    expected = details.record.summary.updated_at
    shown = datetime.fromisoformat(expected).astimezone(STATION_TZ).strftime("%d/%m/%Y %H:%M")
    utc_shown = datetime.fromisoformat(expected).astimezone().strftime("%d/%m/%Y %H:%M")
    assert shown != utc_shown  # the PC's zone really differs
    view = RecordView(shared_catalogue(), "en")
    qtbot.addWidget(view)
    view.show_details(details)
    assert f"last change {shown}" in view.facts.text()
    model = RecordsTableModel(
        page_context.services.tasks,
        lambda filters, after, limit: [details.record.summary],
        shared_catalogue(),
        language="en",
    )
    model.set_filter(model.filters)
    assert model.index(0, UPDATED).data() == shown


def test_deadlines_agree_with_the_clock_shown(pc_in_utc, window, records):  # noqa: F811
    """A crime report received 23 h ago (station time) with 24 h to transfer is due in an hour:
    the dashboard says "soon" and shows the due time on the station's clock, not the PC's."""
    received = (station_now() - timedelta(hours=23)).replace(tzinfo=None, second=0, microsecond=0)
    values = example_values("F1") | {
        "received_at": received.strftime("%d/%m/%Y %H:%M"),
        "transferred": False,
    }
    for key in ("transfer_slip_number", "transfer_time", "transfer_recipient"):
        values.pop(key, None)
    records.make("F1", values, status="draft")
    page = window(SUPERVISOR).current_page()
    assert isinstance(page, DashboardPage)
    [deadline] = page.overview.deadlines
    assert not deadline.overdue
    due = (received + timedelta(hours=24)).strftime("%d/%m/%Y %H:%M")
    assert page.deadlines.model().index(0, 0).data() == f"{due} (soon)"
