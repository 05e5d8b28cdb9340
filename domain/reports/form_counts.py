"""The figures of each form's section (docs/reports.md), counted from record values.

Each function turns the records of one period into rows; running it on the same period last year
gives rows with the same ids, which `content.merge_rows` puts side by side. Labels of categories
come from the form definitions, so a renamed option renames its row.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from datetime import date
from typing import Any

from domain.forms.model import FormDefinition
from domain.reports.content import Row
from domain.reports.periods import Period
from domain.reports.tally import (
    ReportRecord,
    Rows,
    count_by,
    get,
    rate,
    rows_of,
    total,
)
from domain.validation.formats import (
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_integer,
    parse_money,
)

# ---- F1 crime reports -----------------------------------------------------------------------


def count_f1(
    form: FormDefinition, records: list[ReportRecord], _p: Period, rules: Mapping[str, Any]
) -> list[Row]:
    out = Rows("f1")
    hours = float(rules.get("crime_report_transfer_hours", 24))
    out.add("received", "Nguồn tin về tội phạm tiếp nhận", "Crime reports received", len(records))
    out.by_option("source_type", form.field("source_type"), count_by(records, "source_type"))
    classified = count_by(records, "classification")
    out.add(
        "classified", "Đã phân loại sơ bộ", "Preliminarily classified", sum(classified.values())
    )
    out.by_option("classification", form.field("classification"), classified)
    _crimes_by_group(out, form, records)
    urgent = sum(1 for r in records if get(r.values, "urgent") is True)
    out.add("urgent", "Nguồn tin khẩn (báo ngay Cơ quan điều tra)", "Urgent reports", urgent)
    transferred, on_time = 0, 0
    for r in records:
        if get(r.values, "transferred") is not True:
            continue
        transferred += 1
        received = parse_datetime(get(r.values, "received_at"))
        sent = parse_datetime(get(r.values, "transfer_time"))
        if received and sent and (sent - received).total_seconds() <= hours * 3600:
            on_time += 1
    out.add("transferred", "Đã chuyển Cơ quan CSĐT", "Transferred to investigators", transferred)
    out.add(
        "on_time",
        f"Chuyển trong {hours:g} giờ kể từ khi tiếp nhận",
        f"Transferred within {hours:g} hours of receipt",
        on_time,
        level=1,
    )
    out.add("not_transferred", "Chưa chuyển", "Not transferred", len(records) - transferred)
    out.add(
        "on_time_rate",
        "Tỷ lệ chuyển đúng hạn",
        "Share transferred on time",
        rate(on_time, len(records)),
        "%",
    )
    return out.rows


def _crimes_by_group(out: Rows, form: FormDefinition, records: list[ReportRecord]) -> None:
    """Reports showing signs of a crime, by F1's crime group (the Penal Code chapters,
    docs/domain.md); those made before F1 had the group are counted as not grouped."""
    crimes = [r for r in records if get(r.values, "classification") == "dau_hieu_toi_pham"]
    groups = count_by(crimes, "crime_group")
    out.heading("crime_group", "Tội phạm theo nhóm tội", "Crimes by group")
    out.by_option("crime_group", form.field("crime_group"), groups)
    out.add(
        "crime_group.none",
        "Chưa xác định nhóm tội",
        "Group not given",
        len(crimes) - sum(groups.values()),
        level=1,
    )


# ---- F2 public-order incidents --------------------------------------------------------------


def count_f2(
    form: FormDefinition, records: list[ReportRecord], _p: Period, _r: Mapping[str, Any]
) -> list[Row]:
    out = Rows("f2")
    out.add("total", "Vụ việc về an ninh, trật tự", "Public-order incidents", len(records))
    out.by_option("category", form.field("category"), count_by(records, "category"))
    out.heading("serious", "Theo mức độ", "By severity")
    out.by_option("severity", form.field("severity"), count_by(records, "severity"))
    out.add("deaths", "Số người chết", "Deaths", total(records, "deaths", parse_integer))
    out.add("injured", "Số người bị thương", "Injured", total(records, "injured", parse_integer))
    out.add(
        "damage",
        "Thiệt hại tài sản ước tính",
        "Estimated property damage",
        total(records, "property_damage", parse_money),
        "VND",
    )
    out.add(
        "outside",
        "Xảy ra ngoài địa bàn",
        "Outside the station's area",
        sum(1 for r in records if get(r.values, "outside_area") is True),
    )
    out.heading("outcome", "Kết quả, hướng xử lý", "Outcome")
    out.by_option("outcome", form.field("outcome"), count_by(records, "outcome"))
    return out.rows


# ---- F3/F4 administrative violations ---------------------------------------------------------


def count_f3(
    form: FormDefinition, records: list[ReportRecord], _p: Period, _r: Mapping[str, Any]
) -> list[Row]:
    out = Rows("f3")
    kinds = count_by(records, "violator_type")
    out.add("records", "Biên bản vi phạm hành chính đã lập", "Violation records made", len(records))
    out.by_option("violator_type", form.field("violator_type"), kinds)
    with_items = [r for r in records if rows_of(r.values, "seized_items")]
    out.add(
        "seizures",
        "Vụ có tạm giữ tang vật, phương tiện",
        "Records with items seized",
        len(with_items),
    )
    out.add(
        "seized_items",
        "Số loại tang vật, phương tiện tạm giữ",
        "Items seized (lines)",
        sum(len(rows_of(r.values, "seized_items")) for r in with_items),
        level=1,
    )
    measures: Counter[str] = Counter()
    for r in records:
        chosen = get(r.values, "preventive_measures")
        if isinstance(chosen, list):
            measures.update(str(m) for m in chosen if m)
    out.heading("measures", "Biện pháp ngăn chặn đã áp dụng", "Preventive measures used")
    out.by_option("measure", form.field("preventive_measures"), measures)
    return out.rows


def count_f4(
    form: FormDefinition, records: list[ReportRecord], _p: Period, _r: Mapping[str, Any]
) -> list[Row]:
    out = Rows("f4")
    penalties = count_by(records, "main_penalty")
    out.add(
        "decisions", "Quyết định xử phạt đã ban hành", "Sanction decisions issued", len(records)
    )
    out.by_option("main_penalty", form.field("main_penalty"), penalties)
    fined = [r for r in records if get(r.values, "main_penalty") == "phat_tien"]
    out.add(
        "fines", "Tổng số tiền phạt", "Total fines", total(fined, "fine_amount", parse_money), "VND"
    )
    out.add(
        "additional",
        "Quyết định có hình thức xử phạt bổ sung",
        "With additional penalties",
        sum(1 for r in records if rows_of(r.values, "additional_penalties")),
    )
    out.add(
        "remedial",
        "Quyết định có biện pháp khắc phục hậu quả",
        "With remedial measures",
        sum(1 for r in records if rows_of(r.values, "remedial_measures")),
    )
    return out.rows


# ---- F5/F6 residence --------------------------------------------------------------------------


def count_f5(
    form: FormDefinition, records: list[ReportRecord], _p: Period, _r: Mapping[str, Any]
) -> list[Row]:
    out = Rows("f5")
    out.add("notices", "Thông báo lưu trú tiếp nhận", "Short-stay notifications", len(records))
    out.add(
        "guests",
        "Số lượt người lưu trú",
        "Guests notified",
        sum(len(rows_of(r.values, "guests")) for r in records),
        level=1,
    )
    out.add(
        "late",
        "Thông báo trễ hạn",
        "Notified late",
        sum(1 for r in records if get(r.values, "late_notice") is True),
        level=1,
    )
    out.heading("by_channel", "Theo kênh thông báo", "By channel")
    out.by_option("channel", form.field("channel"), count_by(records, "channel"))
    return out.rows


def count_f6(
    form: FormDefinition, records: list[ReportRecord], _p: Period, _r: Mapping[str, Any]
) -> list[Row]:
    out = Rows("f6")
    out.add("declarations", "Khai báo tạm vắng tiếp nhận", "Absence declarations", len(records))
    out.by_option(
        "legal_category", form.field("legal_category"), count_by(records, "legal_category")
    )
    return out.rows


# ---- F7 weapons, explosives, support tools ----------------------------------------------------


def count_f7(
    form: FormDefinition, records: list[ReportRecord], _p: Period, _r: Mapping[str, Any]
) -> list[Row]:
    out = Rows("f7")
    out.add("records", "Biên bản tiếp nhận, thu hồi", "Collection records", len(records))
    out.by_option("mode", form.field("mode"), count_by(records, "mode"))
    category, unit = form.field("items[].category"), form.field("items[].unit")
    # Quantities may be decimal (12,5 kg), which a Counter's int values do not admit.
    totals: defaultdict[tuple[str, str], int | float] = defaultdict(int)
    for r in records:
        for item in rows_of(r.values, "items"):
            amount = parse_decimal(item.get("quantity"))
            if amount is not None and amount > 0:
                totals[(str(item.get("category")), str(item.get("unit")))] += amount
    out.heading("items", "Vũ khí, vật liệu nổ, công cụ hỗ trợ thu hồi", "Items collected")
    for c in category.options if category else ():
        for u in unit.options if unit else ():
            if (c.value, u.value) in totals:
                amount = totals[(c.value, u.value)]
                out.add(
                    f"items.{c.value}.{u.value}",
                    f"{c.label.vi} ({u.label.vi})",
                    f"{c.label.en} ({u.label.en})",
                    round(amount, 3) if isinstance(amount, float) else amount,
                    level=1,
                )
    out.add(
        "handed_over",
        "Đã bàn giao Công an tỉnh",
        "Handed over to the provincial police",
        sum(1 for r in records if get(r.values, "handed_over") is True),
    )
    return out.rows


# ---- F8 patrols ------------------------------------------------------------------------------


def count_f8(
    form: FormDefinition, records: list[ReportRecord], _p: Period, _r: Mapping[str, Any]
) -> list[Row]:
    out = Rows("f8")
    hours = 0.0
    for r in records:
        start = parse_datetime(get(r.values, "shift_start"))
        end = parse_datetime(get(r.values, "shift_end"))
        if start and end and end > start:
            hours += (end - start).total_seconds() / 3600
    out.add("patrols", "Số ca tuần tra, kiểm soát", "Patrol shifts", len(records))
    out.add("hours", "Tổng số giờ tuần tra", "Patrol hours", round(hours, 1), "h", level=1)
    forces: Counter[str] = Counter()
    for r in records:
        forces.update(str(m.get("force")) for m in rows_of(r.values, "members"))
    out.add("members", "Lượt người tham gia", "Member shifts", sum(forces.values()))
    out.by_option("force", form.field("members[].force"), forces)
    for key, vi, en in (
        ("checked_count", "Trường hợp kiểm tra", "People or vehicles checked"),
        ("violations_found", "Vi phạm phát hiện", "Violations found"),
        ("records_made", "Biên bản đã lập", "Records made"),
        ("detained", "Trường hợp tạm giữ", "Detentions"),
    ):
        out.add(key, vi, en, total(records, key, parse_integer))
    return out.rows


# ---- F9 mediation ----------------------------------------------------------------------------


def count_f9(
    form: FormDefinition, records: list[ReportRecord], _p: Period, _r: Mapping[str, Any]
) -> list[Row]:
    out = Rows("f9")
    results = count_by(records, "result")
    out.add("cases", "Vụ hòa giải mâu thuẫn, tranh chấp", "Mediations", len(records))
    out.by_option("result", form.field("result"), results)
    out.add(
        "success_rate",
        "Tỷ lệ hòa giải thành",
        "Share settled",
        rate(results["thanh"], len(records)),
        "%",
    )
    out.heading("dispute_type", "Theo loại mâu thuẫn", "By kind of dispute")
    out.by_option("dispute_type", form.field("dispute_type"), count_by(records, "dispute_type"))
    out.add(
        "high_risk",
        "Vụ có nguy cơ phức tạp về ANTT cao",
        "High escalation risk",
        sum(1 for r in records if get(r.values, "escalation_risk") == "cao"),
    )
    return out.rows


# ---- F10 persons under supervision: a stock, not a flow --------------------------------------


def _active_on(values: Mapping[str, Any], day: date, *, inclusive_end: bool) -> bool:
    start, ended = parse_date(get(values, "period_from")), parse_date(get(values, "end_date"))
    if start is None or start > day:
        return False
    return ended is None or (ended >= day if inclusive_end else ended > day)


def count_f10(
    form: FormDefinition, records: list[ReportRecord], p: Period, _r: Mapping[str, Any]
) -> list[Row]:
    """`records` here are every supervision file begun by the period's end, whatever its date:
    at the start = begun before and not ended before; + begun in; − ended in; at the end."""
    out = Rows("f10")
    values = [r.values for r in records]
    opening = sum(
        1
        for v in values
        if (d := parse_date(get(v, "period_from")))
        and d < p.start
        and _active_on(v, p.start, inclusive_end=True)
    )
    added = sum(1 for v in values if p.contains(parse_date(get(v, "period_from")) or date.min))
    removed = sum(1 for v in values if p.contains(parse_date(get(v, "end_date")) or date.min))
    closing = [v for v in values if _active_on(v, p.end, inclusive_end=False)]
    out.add("opening", "Đang quản lý đầu kỳ", "Under supervision at the start", opening)
    out.add("added", "Tăng trong kỳ", "Added in the period", added)
    out.add("removed", "Giảm trong kỳ", "Ended in the period", removed)
    out.add("closing", "Đang quản lý cuối kỳ", "Under supervision at the end", len(closing))
    out.by_option(
        "category",
        form.field("category"),
        Counter(str(get(v, "category")) for v in closing),
    )
    visits, breaches = 0, 0
    for v in values:
        for entry in rows_of(v, "log"):
            if p.contains(parse_date(entry.get("date")) or date.min):
                visits += 1
                breaches += entry.get("breach") is True
    out.add("checks", "Lượt kiểm tra, giám sát trong kỳ", "Supervision contacts", visits)
    out.add("breaches", "Lượt vi phạm nghĩa vụ", "Breaches of obligations", breaches)
    return out.rows
