"""Screens show Vietnam time whatever zone the PC is set to (here: a PC clock in UTC)."""

from __future__ import annotations

import argparse
import re
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from desktop.cli import law_command
from desktop.core.errors import LawEntryNotFound
from desktop.core.station_time import STATION_TZ, station_now, station_today
from desktop.sync import station_lock
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


def test_the_sync_lock_names_its_holders_start_in_vietnam_time(pc_in_utc):
    """ "Sync held by cax since …" said the PC's clock (UTC here), seven hours off the screens."""
    assert station_lock._local("2026-12-01T02:05:00+00:00") == "01/12/2026 09:05"


def test_cax_law_search_takes_the_provisions_in_force_on_the_station_day(pc_in_utc, monkeypatch):
    """`cax law search` without --date lists what is in force on the station's day, not the PC's
    (a day behind from 17:00 to 24:00 UTC)."""
    seen: list[date | None] = []

    class Catalogue:
        def search(self, text: str, day: date | None) -> list:
            seen.append(day)
            return []

    monkeypatch.setattr(law_command, "station_today", lambda: date(2026, 7, 1))
    monkeypatch.setattr(law_command, "catalogue_in_force", lambda *args: Catalogue())
    args = argparse.Namespace(all=False, date=None, text="trộm cắp")
    with pytest.raises(LawEntryNotFound):
        law_command.search_command(args, Path("."), None)
    assert seen == [date(2026, 7, 1)]


ROOT = Path(__file__).resolve().parents[3]
# What reads the PC's clock in its own zone: the station's times come from desktop.core.station_time
# (or domain.validation.formats.VN_TZ in domain, which may not import desktop).
PC_CLOCK = re.compile(
    r"datetime\.now\(\)|date\.today\(\)|\.astimezone\(\)|QDate\.currentDate\(\)"
    r"|QDateTime\.currentDateTime\(\)|QTime\.currentTime\(\)|time\.localtime\(|time\.strftime\("
    r"|fromtimestamp\((?![^)]*tz)[^)]*\)"
)


def test_nothing_the_station_shows_or_prints_reads_the_pcs_zone():
    """A guard for what the issue found: any new reading of the PC's zone in the station's
    code (screens, printouts, cax, file names) is named here."""
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for package in ("desktop", "domain")
        for path in sorted((ROOT / package).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PC_CLOCK.search(line.split("#")[0])
    ]
    assert found == []


def test_the_guard_finds_a_pc_clock():
    assert PC_CLOCK.search("stamp = datetime.now().isoformat()")
    assert PC_CLOCK.search("QDateEdit(QDate.currentDate())")
    assert not PC_CLOCK.search("datetime.now(STATION_TZ)")
    assert not PC_CLOCK.search("datetime.fromtimestamp(st.st_mtime, tz=UTC)")
