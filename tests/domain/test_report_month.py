"""The report's new indicators on one reporting month worked out by hand: crimes by group (F1's
crime group), the residence and ID applications the chief typed for the period, the station
chief's Party post and the headquarters funding (static: no change), the 15th-to-14th window, and
the printed number line, money in đồng and signature block."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.documents.model import IssuingBody
from domain.errors import InvalidInput
from domain.forms.catalogue import load_catalogue
from domain.reports.builder import PeriodData, build_content
from domain.reports.content import ReportContent
from domain.reports.document import ReportFacts, report_document
from domain.reports.periods import PeriodKind, parse_period
from domain.reports.profile import StationProfile
from domain.reports.sections import ReportRecord
from domain.reports.typed import clean_figures

CATALOGUE = load_catalogue()
# Reporting month 11/2026: 15/10/2026 to 14/11/2026 (both days counted).
PERIOD = parse_period("2026-K11")


def crime_report(day: str, **values: Any) -> ReportRecord:
    return ReportRecord("F1", day, {"received_at": f"{day}T08:00", **values})


def crime(day: str, group: str | None, **values: Any) -> ReportRecord:
    grouped = {"crime_group": group} if group else {}
    return crime_report(day, classification="dau_hieu_toi_pham", **grouped, **values)


RECORDS = [
    # 15/10 08:00, transferred at 15:00 the same day: 7 hours, on time (24 h rule).
    crime("2026-10-15", "so_huu", source_type="to_giac", transferred=True,
          transfer_time="2026-10-15T15:00"),
    # 20/10 08:00, transferred 21/10 14:00: 30 hours, late.
    crime("2026-10-20", "so_huu", source_type="tin_bao", transferred=True,
          transfer_time="2026-10-21T14:00"),
    crime("2026-11-02", "ma_tuy", source_type="tin_bao"),
    # Made under F1 version 1, before the crime group existed: counted as "not grouped".
    crime("2026-11-14", None, source_type="tin_bao"),
    crime_report("2026-11-10", classification="tranh_chap_dan_su", source_type="tin_bao"),
    # Outside the window: the day before it opens and the day after it closes.
    crime("2026-10-14", "so_huu", source_type="tin_bao"),
    crime("2026-11-15", "ma_tuy", source_type="tin_bao"),
    ReportRecord("F4", "2026-10-30", {"main_penalty": "phat_tien", "fine_amount": 1_500_000}),
    ReportRecord("F4", "2026-11-05", {"main_penalty": "phat_tien", "fine_amount": "2.000.000"}),
    ReportRecord("F4", "2026-11-06", {"main_penalty": "canh_cao"}),
    ReportRecord("F6", "2026-11-01", {"legal_category": "vang_12_thang"}),
]  # fmt: skip
LAST_YEAR = [
    crime("2025-10-20", "so_huu", source_type="to_giac"),
    crime("2025-11-01", "tinh_mang_suc_khoe", source_type="to_giac"),
]
TYPED_NOW = {
    "residence_received": "120",
    "residence_online": 45,
    "residence_resolved": 118,
    "id_received": 36,
    "id_resolved": 40,
}
TYPED_THEN = {"residence_received": 100, "id_received": 48}
PROFILE_NOW = StationProfile(
    3,
    "2026-10-01",
    {
        "chief_in_party_committee": "co",
        "hq_status": "da_co",
        "hq_funding_budget": 3_200_000_000,
        "hq_funding_socialised": 800_000_000,
        "staff_total": 14,
    },
    "truong",
    "",
)
PROFILE_THEN = StationProfile(1, "2025-06-30", {"chief_in_party_committee": "khong",
                                                "staff_total": 12}, "truong", "")  # fmt: skip


def in_window(records: list[ReportRecord], period) -> list[ReportRecord]:
    """What storage hands over: records whose event date lies in the window."""
    return [r for r in records if period.contains(date.fromisoformat(r.event_date or ""))]


@pytest.fixture(scope="module")
def month() -> ReportContent:
    then = PERIOD.same_period_last_year()
    return build_content(
        CATALOGUE,
        PeriodData(
            PERIOD,
            in_window(RECORDS, PERIOD),
            profile=PROFILE_NOW,
            typed=clean_figures(TYPED_NOW),
        ),
        PeriodData(then, in_window(LAST_YEAR, then), profile=PROFILE_THEN, typed=TYPED_THEN),
    )


def test_the_reporting_month_runs_from_the_15th_to_the_14th() -> None:
    assert PERIOD.kind is PeriodKind.REPORT_MONTH
    assert (PERIOD.start, PERIOD.end) == (date(2026, 10, 15), date(2026, 11, 14))
    then = PERIOD.same_period_last_year()
    assert (then.start, then.end) == (date(2025, 10, 15), date(2025, 11, 14))
    january = parse_period("K1/2026")
    assert (january.start, january.end, january.code) == (
        date(2025, 12, 15),
        date(2026, 1, 14),
        "2026-K01",
    )
    assert PERIOD.label("vi") == "Kỳ báo cáo tháng 11 năm 2026 (từ 15/10/2026 đến 14/11/2026)"
    assert parse_period(PERIOD.code) == PERIOD
    with pytest.raises(InvalidInput):
        parse_period("2026-K13")


@pytest.mark.parametrize(
    ("row_id", "current", "previous", "change"),
    [
        # Five F1 records in the window (the ones of 14/10 and 15/11 are not).
        ("f1.received", 5, 2, 3),
        # Signs of a crime: 15/10 and 20/10 property, 02/11 drugs, 14/11 without a group.
        ("f1.crime_group.so_huu", 2, 1, 1),
        ("f1.crime_group.ma_tuy", 1, 0, 1),
        ("f1.crime_group.tinh_mang_suc_khoe", 0, 1, -1),
        ("f1.crime_group.none", 1, 0, 1),
        ("f1.crime_group.cong_nghe_cao", 0, 0, 0),
        # Transferred: 15/10 after 7 h (on time) and 20/10 after 30 h (late); 3 not transferred.
        ("f1.transferred", 2, 0, 2),
        ("f1.on_time", 1, 0, 1),
        ("f1.not_transferred", 3, 2, 1),
        # 1 on time of 5 received = 20 %; last year 0 of 2 = 0 %.
        ("f1.on_time_rate", 20.0, 0.0, 20.0),
        # Fines: 1.500.000 + 2.000.000 (the warning has none).
        ("f4.fines", 3_500_000, 0, 3_500_000),
        ("f6.legal_category.vang_12_thang", 1, 0, 1),
        # Typed by the chief for this period and last year's: 120 − 100, 36 − 48.
        ("applications.residence_received", 120, 100, 20),
        ("applications.id_received", 36, 48, -12),
        ("applications.residence_online", 45, None, None),
        ("applications.id_resolved", 40, None, None),
    ],
)
def test_hand_worked_figures(month: ReportContent, row_id, current, previous, change) -> None:
    row = month.row(row_id)
    assert row is not None, row_id
    assert (row.current, row.previous, row.change) == (current, previous, change)


def test_percent_changes_worked_by_hand(month: ReportContent) -> None:
    assert month.row("applications.residence_received").change_percent == 20.0  # 20 / 100
    assert month.row("applications.id_received").change_percent == -25.0  # −12 / 48
    assert month.row("f1.crime_group.so_huu").change_percent == 100.0  # +1 / 1


def test_static_indicators_show_both_figures_and_no_change(month: ReportContent) -> None:
    party = month.row("r12.chief_in_party_committee")
    assert (party.current, party.previous, party.static) == ("Có", "Không", True)
    assert party.change is None and party.change_percent is None
    budget = month.row("r12.hq_funding_budget")
    assert (budget.current, budget.previous, budget.unit) == (3_200_000_000, None, "đồng")
    staff = month.row("r12.staff_total")
    assert (staff.current, staff.previous, staff.change) == (14, 12, None)


def test_typed_figures_are_whole_and_parts_stay_below_their_whole() -> None:
    assert clean_figures({"residence_received": "1.200", "id_received": "", "x": 1}) == {
        "residence_received": 1200
    }
    for values, field, reason in (
        ({"id_received": -1}, "id_received", "negative"),
        ({"id_received": 2.5}, "id_received", "not_a_number"),
        ({"id_received": "mười"}, "id_received", "not_a_number"),
        ({"residence_received": 10, "residence_online": 11}, "residence_online", "exceeds_total"),
    ):
        with pytest.raises(InvalidInput) as raised:
            clean_figures(values)
        assert (raised.value.params["field"], raised.value.params["reason"]) == (field, reason)


def test_printed_report_number_money_signature_and_static_tables(month: ReportContent) -> None:
    issuing = IssuingBody.from_station("Công an phường Ba Đình", "00004", on=date(2026, 11, 16))
    facts = ReportFacts(issuing, date(2026, 11, 16), "07/BC", True, "Nguyễn Văn Trưởng")
    html = report_document(month, {}, facts).html
    assert "Số: 07/BC-CAP" in html  # the unit's symbol: Công an phường
    assert "Tổng số tiền phạt (đồng)" in html and "3.500.000" in html
    assert "VND" not in html
    assert "3.200.000.000" in html
    # The signature block as on the station's other papers: the authority mark naming the
    # station, the note, the name; kept together with what precedes it (the page rules' anchor).
    signature = html[html.index("Nơi nhận:") - 200 :]
    assert 'name="cax-keep-together"' in signature
    block = signature[signature.index("TRƯỞNG CÔNG AN") :]
    assert block.index("PHƯỜNG BA ĐÌNH") < block.index("(Ký, ghi rõ họ tên, đóng dấu)")
    assert block.index("(Ký, ghi rõ họ tên, đóng dấu)") < block.index("Nguyễn Văn Trưởng")
    assert "Công an thành phố Hà Nội" in html  # lower case in running text
    assert "trật tự kỳ báo cáo tháng 11 năm 2026 (từ 15/10/2026 đến 14/11/2026)" in html
    assert "Tội phạm theo nhóm tội" in html and "Xâm phạm sở hữu" in html
    assert "Giải quyết thủ tục hành chính về cư trú, căn cước" in html
    # A table of states of the station (staffing, the chief's Party post) has three columns:
    # no change, no change %; the patrols of the grassroots forces are the period's work.
    staffing = html[html.index("Xây dựng lực lượng — Biên chế") : html.index("— Trang bị")]
    assert "Trưởng Công an xã tham gia Ban Thường vụ Đảng ủy xã" in staffing
    assert "Tăng (+), giảm (−)" not in staffing and "Cùng kỳ năm trước" in staffing
    grassroots = html[html.index("Xây dựng lực lượng — Lực lượng tham gia") :]
    assert "Tăng (+), giảm (−)" in grassroots
    figures = html[: html.index("Xây dựng lực lượng Công an xã")]
    assert "Tăng (+), giảm (−)" in figures
    draft = report_document(month, {}, ReportFacts(issuing, date(2026, 11, 16))).html
    assert "Số: &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/BC-CAP" in draft
