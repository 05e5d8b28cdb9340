"""Deadline rules: crime reports to transfer within the station's hours, supervision check-ins."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from desktop.core.deadlines import add_months, at_risk, check_in_due, transfer_due


def test_an_untransferred_report_is_due_hours_after_it_was_received():
    values = {"received_at": "2026-11-27T08:45", "transferred": False}
    assert transfer_due(values, 24) == datetime(2026, 11, 28, 8, 45)
    assert transfer_due({**values, "transferred": True}, 24) is None
    assert transfer_due({"transferred": False}, 24) is None  # no time of receipt: no deadline
    assert transfer_due({"received_at": "not a time"}, 24) is None


def test_at_risk_in_the_last_quarter_of_the_allowed_time():
    due, allowed = datetime(2026, 11, 28, 8, 45), timedelta(hours=24)
    assert not at_risk(due, datetime(2026, 11, 28, 2, 44), allowed)
    assert at_risk(due, datetime(2026, 11, 28, 2, 45), allowed)
    assert at_risk(due, datetime(2026, 11, 29), allowed)


def test_a_monthly_check_in_is_due_a_month_after_the_last_log_entry():
    values = {
        "reporting_schedule": "hang_thang",
        "period_from": "2026-07-01",
        "period_to": "2027-12-31",
        "log": [{"date": "2026-08-05"}, {"date": "2026-11-04"}, {"date": "bad"}],
    }
    today = date(2026, 11, 28)
    assert check_in_due(values, today) == date(2026, 12, 4)
    assert check_in_due({**values, "log": []}, today) == date(2026, 8, 1)  # from the start
    assert check_in_due({**values, "reporting_schedule": "hang_quy"}, today) == date(2027, 2, 4)
    assert check_in_due({**values, "reporting_schedule": "khong"}, today) is None
    assert check_in_due({**values, "end_date": "2026-11-01"}, today) is None
    assert check_in_due({**values, "period_to": "2026-11-27"}, today) is None


def test_add_months_keeps_the_day_or_the_end_of_a_shorter_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
