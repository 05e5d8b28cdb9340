"""The periodic report's pure parts: periods, the figures of a known month, last year and the
change, the station profile's rules, the frozen JSON and the printed document."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core.errors import InvalidInput
from domain.documents.model import IssuingBody
from domain.forms.catalogue import load_catalogue
from domain.reports.builder import PeriodData, build_content
from domain.reports.content import ReportContent, Row, content_hash
from domain.reports.document import ReportFacts, report_document
from domain.reports.formatting import format_change, format_change_percent, format_value
from domain.reports.narrative import clean_narrative
from domain.reports.periods import PeriodKind, parse_period
from domain.reports.profile import StationProfile, clean_profile
from domain.reports.sections import ReportRecord

CATALOGUE = load_catalogue()
TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("text", "kind", "code", "start", "end"),
    [
        ("2026-10", PeriodKind.MONTH, "2026-10", "2026-10-01", "2026-10-31"),
        ("10/2026", PeriodKind.MONTH, "2026-10", "2026-10-01", "2026-10-31"),
        ("2026-02", PeriodKind.MONTH, "2026-02", "2026-02-01", "2026-02-28"),
        ("2026-Q3", PeriodKind.QUARTER, "2026-Q3", "2026-07-01", "2026-09-30"),
        ("q4/2026", PeriodKind.QUARTER, "2026-Q4", "2026-10-01", "2026-12-31"),
        ("2026-QII", PeriodKind.QUARTER, "2026-Q2", "2026-04-01", "2026-06-30"),
        ("2026-H1", PeriodKind.HALF, "2026-H1", "2026-01-01", "2026-06-30"),
        ("2026-H2", PeriodKind.HALF, "2026-H2", "2026-07-01", "2026-12-31"),
        ("2026-6M", PeriodKind.HALF, "2026-H1", "2026-01-01", "2026-06-30"),
        ("2026-9M", PeriodKind.NINE_MONTHS, "2026-9M", "2026-01-01", "2026-09-30"),
        ("2026", PeriodKind.YEAR, "2026", "2026-01-01", "2026-12-31"),
        ("2026-W42", PeriodKind.WEEK, "2026-W42", "2026-10-12", "2026-10-18"),
        ("W1/2026", PeriodKind.WEEK, "2026-W01", "2025-12-29", "2026-01-04"),
        (
            "01/10/2026-31/10/2026",
            PeriodKind.CUSTOM,
            "2026-10-01..2026-10-31",
            "2026-10-01",
            "2026-10-31",
        ),
        (
            "15/9/2026 – 14/10/2026",
            PeriodKind.CUSTOM,
            "2026-09-15..2026-10-14",
            "2026-09-15",
            "2026-10-14",
        ),
        (
            "2026-09-15..2026-10-14",
            PeriodKind.CUSTOM,
            "2026-09-15..2026-10-14",
            "2026-09-15",
            "2026-10-14",
        ),
    ],
)
def test_every_period_kind_parses(text, kind, code, start, end):
    """Each way of writing a period gives its kind, window and canonical code, which parses back."""
    period = parse_period(text)
    assert (period.kind, period.code) == (kind, code)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
    assert parse_period(period.code) == period


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-13", "period_number"),
        ("2026-W54", "period_number"),
        ("2026-Q5", "period_format"),
        ("31/10/2026-01/10/2026", "period_order"),
        ("31/02/2026-01/03/2026", "period_format"),
        ("1999", "period_year"),
        ("tháng mười", "period_format"),
        ("", "period_format"),
    ],
)
def test_bad_periods_are_refused_with_a_reason(text, reason):
    """A period that does not exist is refused with a stable reason, never a traceback."""
    with pytest.raises(InvalidInput) as raised:
        parse_period(text)
    assert raised.value.params["field"] == "period"
    assert raised.value.params["reason"] == reason


@pytest.mark.parametrize(
    ("text", "last_year"),
    [
        ("2026-10", "2025-10"),
        ("2026-Q3", "2025-Q3"),
        ("2026-H2", "2025-H2"),
        ("2026-9M", "2025-9M"),
        ("2026", "2025"),
        ("2026-W42", "2025-W42"),
        ("2026-W53", "2025-W52"),  # 2025 has no week 53
        ("2028-02-29..2028-03-31", "2027-02-28..2027-03-31"),
    ],
)
def test_same_period_last_year(text, last_year):
    """ "Cùng kỳ năm trước" is the same week, month, quarter… one year earlier."""
    assert parse_period(text).same_period_last_year().code == last_year


def test_period_names_in_both_languages():
    """Titles name the period as a report does."""
    assert parse_period("2026-Q3").label("vi") == "Quý III năm 2026"
    assert parse_period("2026-H1").label("vi") == "6 tháng đầu năm 2026"
    assert parse_period("2026-10").label("en") == "October 2026"


def rec(form_id: str, day: str, **values) -> ReportRecord:
    return ReportRecord(form_id, day, values)


# October 2026, whose figures are worked out by hand below.
OCTOBER = [
    rec("F2", "2026-10-03", category="ma_tuy", severity="nghiem_trong", outcome="chuyen_f1",
        deaths=0, injured=2, property_damage=5_000_000),
    rec("F2", "2026-10-10", category="ma_tuy", severity="thong_thuong", outcome="ket_thuc",
        injured=1, property_damage="1.500.000"),
    rec("F2", "2026-10-20", category="tai_nan_giao_thong", severity="rat_nghiem_trong",
        outcome="ket_thuc", deaths=1, outside_area=True),
    rec("F1", "2026-10-05", source_type="to_giac", classification="dau_hieu_toi_pham",
        urgent=True, transferred=True, received_at="2026-10-05T08:00",
        transfer_time="2026-10-05T11:00"),
    rec("F1", "2026-10-06", source_type="tin_bao", transferred=True,
        received_at="2026-10-06T08:00", transfer_time="2026-10-07T14:00"),  # 30 h: late
    rec("F1", "2026-10-07", source_type="tin_bao", transferred=False),
    rec("F3", "2026-10-08", violator_type="ca_nhan", preventive_measures=["tam_giu_tang_vat"],
        seized_items=[{"name": "Xe máy"}, {"name": "Mũ"}]),
    rec("F3", "2026-10-09", violator_type="to_chuc"),
    rec("F4", "2026-10-09", main_penalty="phat_tien", fine_amount=750_000),
    rec("F4", "2026-10-11", main_penalty="phat_tien", fine_amount="1.500.000",
        additional_penalties=[{"kind": "tich_thu", "description": "Tịch thu"}]),
    rec("F4", "2026-10-12", main_penalty="canh_cao"),
    rec("F5", "2026-10-02", channel="ung_dung", guests=[{}, {}, {}], late_notice=True),
    rec("F6", "2026-10-02", legal_category="an_treo"),
    rec("F7", "2026-10-04", mode="tu_nguyen_giao_nop", handed_over=True, items=[
        {"category": "vu_khi_tu_che", "quantity": 2, "unit": "khau"},
        {"category": "vat_lieu_no", "quantity": "0,25", "unit": "kg"},
        {"category": "vat_lieu_no", "quantity": 0.5, "unit": "kg"},
    ]),
    rec("F8", "2026-10-01", shift_start="2026-10-01T20:00", shift_end="2026-10-02T00:30",
        checked_count=6, violations_found=1, records_made=1, detained=0,
        members=[{"force": "cong_an_xa"}, {"force": "to_bao_ve_antt"}]),
    rec("F8", "2026-10-15", shift_start="2026-10-15T20:00", shift_end="2026-10-15T23:00",
        checked_count=4, violations_found=0, records_made=0, detained=1,
        members=[{"force": "to_bao_ve_antt"}]),
    rec("F9", "2026-10-03", result="thanh", dispute_type="dat_dai", escalation_risk="thap"),
    rec("F9", "2026-10-13", result="thanh", dispute_type="hang_xom", escalation_risk="cao"),
    rec("F9", "2026-10-23", result="khong_thanh", dispute_type="dat_dai", escalation_risk="trung_binh"),
]  # fmt: skip
SUPERVISED = [
    rec("F10", "2026-03-01", category="an_treo", period_from="2026-03-01",
        log=[{"date": "2026-10-05", "breach": False}, {"date": "2026-09-05", "breach": True}]),
    rec("F10", "2026-04-01", category="quan_che", period_from="2026-04-01", end_date="2026-10-15",
        log=[{"date": "2026-10-02", "breach": True}]),
    rec("F10", "2026-10-10", category="an_treo", period_from="2026-10-10"),
    rec("F10", "2026-01-01", category="an_treo", period_from="2026-01-01", end_date="2026-08-01"),
]  # fmt: skip
OCTOBER_2025 = [
    rec("F2", "2025-10-12", category="ma_tuy", severity="thong_thuong", outcome="ket_thuc"),
    rec("F4", "2025-10-12", main_penalty="phat_tien", fine_amount=1_000_000),
    rec("F9", "2025-10-12", result="thanh", dispute_type="dat_dai"),
]  # fmt: skip


@pytest.fixture(scope="module")
def october() -> ReportContent:
    period = parse_period("2026-10")
    now = PeriodData(period, OCTOBER, SUPERVISED, None, drafts=2)
    then = PeriodData(period.same_period_last_year(), OCTOBER_2025, [], None)
    return build_content(CATALOGUE, now, then)


@pytest.mark.parametrize(
    ("row_id", "current", "previous"),
    [
        ("f2.total", 3, 1),
        ("f2.category.ma_tuy", 2, 1),
        ("f2.category.tai_nan_giao_thong", 1, 0),
        ("f2.severity.rat_nghiem_trong", 1, 0),
        ("f2.deaths", 1, 0),
        ("f2.injured", 3, 0),
        ("f2.damage", 6_500_000, 0),
        ("f2.outside", 1, 0),
        ("f2.outcome.ket_thuc", 2, 1),
        ("f1.received", 3, 0),
        ("f1.source_type.tin_bao", 2, 0),
        ("f1.classified", 1, 0),
        ("f1.urgent", 1, 0),
        ("f1.transferred", 2, 0),
        ("f1.on_time", 1, 0),
        ("f1.not_transferred", 1, 0),
        ("f1.on_time_rate", 33.3, None),
        ("f3.records", 2, 0),
        ("f3.violator_type.to_chuc", 1, 0),
        ("f3.seizures", 1, 0),
        ("f3.seized_items", 2, 0),
        ("f3.measure.tam_giu_tang_vat", 1, 0),
        ("f4.decisions", 3, 1),
        ("f4.main_penalty.canh_cao", 1, 0),
        ("f4.fines", 2_250_000, 1_000_000),
        ("f4.additional", 1, 0),
        ("f5.notices", 1, 0),
        ("f5.guests", 3, 0),
        ("f5.late", 1, 0),
        ("f6.legal_category.an_treo", 1, 0),
        ("f7.items.vu_khi_tu_che.khau", 2, 0),
        ("f7.items.vat_lieu_no.kg", 0.75, 0),
        ("f7.handed_over", 1, 0),
        ("f8.patrols", 2, 0),
        ("f8.hours", 7.5, 0),
        ("f8.members", 3, 0),
        ("f8.force.to_bao_ve_antt", 2, 0),
        ("f8.checked_count", 10, 0),
        ("f8.detained", 1, 0),
        ("f9.cases", 3, 1),
        ("f9.result.thanh", 2, 1),
        ("f9.success_rate", 66.7, 100.0),
        ("f9.dispute_type.dat_dai", 2, 1),
        ("f9.high_risk", 1, 0),
        ("f10.opening", 2, 0),  # began before October and not ended before it
        ("f10.added", 1, 0),
        ("f10.removed", 1, 0),
        ("f10.closing", 2, 0),
        ("f10.category.an_treo", 2, 0),
        ("f10.checks", 2, 0),
        ("f10.breaches", 1, 0),
        ("r12.patrols", 2, 0),
    ],
)
def test_a_known_month_gives_the_known_figures(october, row_id, current, previous):
    """Each figure of October 2026 and of October 2025 is what was worked out by hand."""
    row = october.row(row_id)
    assert row is not None, row_id
    assert (row.current, row.previous) == (current, previous)


def test_change_and_percentage_against_last_year(october):
    """Absolute change and % change beside last year's figure; none for rates or a zero base."""
    total = october.row("f2.total")
    assert (total.change, total.change_percent) == (2, 200.0)
    fines = october.row("f4.fines")
    assert (fines.change, fines.change_percent) == (1_250_000, 125.0)
    assert (format_change(fines), format_change_percent(fines)) == ("+1.250.000", "+125%")
    rate = october.row("f9.success_rate")
    assert (rate.change, rate.change_percent) == (-33.3, None)
    assert format_change(rate) == "\u221233,3%"
    new = october.row("f1.received")
    assert (new.change, new.change_percent) == (3, None)  # nothing last year: no percentage
    assert format_value(0.75) == "0,75" and format_value(None) == "\u2014"


def test_drafts_and_a_missing_profile_are_reported(october):
    """What was left out is said: drafts not counted, no station profile yet."""
    assert october.uncounted_drafts == 2
    assert "no_profile" in october.notes
    assert october.row("r12.staff_total").current is None


def test_profile_indicators_come_from_the_versions_in_force():
    """The Resolution 12 rows show the profile at the period's end beside last year's version."""
    period = parse_period("2026-10")
    now = StationProfile(
        2,
        "2026-09-30",
        {
            "staff_total": 15,
            "staff_quota": 15,
            "hq_status": "da_co",
            "chief_in_party_committee": "co",
            "hq_funding_socialised": 1_500_000_000,
        },
        "truong",
        "",
    )
    then = StationProfile(1, "2025-06-30", {"staff_total": 12, "staff_quota": 15,
                                            "hq_status": "dang_xay"}, "truong", "")  # fmt: skip
    content = build_content(
        CATALOGUE,
        PeriodData(period, profile=now),
        PeriodData(period.same_period_last_year(), profile=then),
    )
    staff = content.row("r12.staff_total")
    # A state of the station, not the period's work: both figures, never a change.
    assert (staff.current, staff.previous, staff.change, staff.static) == (15, 12, None, True)
    assert content.row("r12.hq_status").current == "Đã có"
    assert content.row("r12.hq_status").change is None
    assert content.row("r12.chief_in_party_committee").current == "Có"
    assert content.row("r12.chief_in_party_committee").previous is None
    funding = content.row("r12.hq_funding_socialised")
    assert (funding.current, funding.unit) == (1_500_000_000, "đồng")
    assert content.row("r12.staff_vs_quota").current == 100.0
    assert content.row("r12.staff_minimum").current == 3
    assert content.row("r12.tthc_online_rate") is None  # typed per period now, not a year total
    assert (content.profile_version, content.previous_profile_version) == (2, 1)


@pytest.mark.parametrize(
    ("values", "field", "reason"),
    [
        ({"staff_total": -1}, "staff_total", "negative"),
        ({"cars": "hai"}, "cars", "not_a_number"),
        ({"cars": 1.5}, "cars", "not_a_number"),
        ({"hq_status": "lau_dai"}, "hq_status", "unknown_choice"),
        ({"hq_year": 1800}, "hq_year", "year_range"),
        ({"staff_total": 10, "staff_officers": 11}, "staff_officers", "exceeds_total"),
        ({"chief_in_party_committee": "yes"}, "chief_in_party_committee", "unknown_choice"),
        ({"hq_funding_budget": "-5"}, "hq_funding_budget", "negative"),
    ],
)
def test_profile_values_are_checked(values, field, reason):
    """A profile value that breaks its rule is refused, naming the field."""
    with pytest.raises(InvalidInput) as raised:
        clean_profile(values, TODAY)
    assert (raised.value.params["field"], raised.value.params["reason"]) == (field, reason)


def test_profile_values_are_normalised():
    """Thousands separators and decimal commas are read; blanks and unknown keys dropped."""
    clean = clean_profile(
        {"staff_total": "1.200", "hq_area": "250,5", "cars": "", "bogus": 3, "hq_year": 2024,
         "hq_funding_budget": "2.500.000.000"},
        TODAY,
    )  # fmt: skip
    assert clean == {
        "staff_total": 1200,
        "hq_area": 250.5,
        "hq_year": 2024,
        "hq_funding_budget": 2_500_000_000,
    }


def test_narrative_is_cleaned():
    """Narrative text is NFC, trimmed, unknown parts dropped; an over-long part is refused."""
    decomposed = "Ho\u0300a gia\u0309i tha\u0300nh  \n"
    assert clean_narrative({"plans": decomposed, "x": "y", "hot_spots": "  "}) == {
        "plans": "Hòa giải thành"
    }
    with pytest.raises(InvalidInput):
        clean_narrative({"plans": "a" * 20_001})


def test_frozen_json_round_trips_and_hashes_stably(october):
    """The content frozen at submission comes back equal, and the same content hashes the same."""
    data = october.to_json()
    assert ReportContent.from_json(data) == october
    assert content_hash(data) == content_hash(ReportContent.from_json(data).to_json())
    changed = {**data, "uncounted_drafts": 3}
    assert content_hash(changed) != content_hash(data)


def test_merge_keeps_a_row_only_last_year_had():
    """A weapon kind handed in last year but not now still shows, with 0 this period."""
    from domain.reports.content import merge_rows

    now = [Row("a", "A", "A", 1), Row("c", "C", "C", 2)]
    then = [Row("a", "A", "A", 1), Row("b", "B", "B", 5), Row("c", "C", "C", 1)]
    merged = merge_rows(now, then)
    assert [(r.id, r.current, r.previous) for r in merged] == [
        ("a", 1, 1),
        ("b", 0, 5),
        ("c", 2, 1),
    ]


def test_document_has_the_header_figures_narrative_and_signature(october):
    """The printed report carries the national title, motto, issuing body, number, date, the
    period, figures in Vietnamese format, the narrative and the signer; a draft is marked."""
    issuing = IssuingBody.from_station("Công an phường Ba Đình", "00004")
    narrative = {"plans": "Tăng cường tuần tra ban đêm.", "political_security": "Ổn định."}
    facts = ReportFacts(
        issuing, date(2026, 11, 2), "03/BC", True, "Nguyễn Văn Trưởng", report_id="r1",
        content_hash="ab" * 32,
    )  # fmt: skip
    document = report_document(october, narrative, facts)
    html = document.html
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CÔNG AN PHƯỜNG BA ĐÌNH",
        "Số: 03/BC",
        "ngày 02 tháng 11 năm 2026",
        "tháng 10 năm 2026",
        "2.250.000",
        "Tăng cường tuần tra ban đêm.",
        "Nguyễn Văn Trưởng",
        "Cùng kỳ năm trước",
    ):
        assert expected in html, expected
    assert document.watermark is None and document.qr_payload == f"cax-report:r1:{'ab' * 32}"
    draft = report_document(october, {}, ReportFacts(issuing, date(2026, 11, 2)))
    assert draft.watermark == "DỰ THẢO" and draft.qr_payload is None
    assert "Nguyễn Văn Trưởng" not in draft.html
